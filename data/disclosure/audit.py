"""The proof: for each withheld cell, every whole value it could take given everything published.

The reader knows every published count and every sum between counts (cells.System). The withheld
and never-published counts are unknowns, whole numbers of 0 or more. For each withheld cell an
integer program (HiGHS) finds its lowest and highest possible values; the cell is
safe when at least three whole values remain possible (a withheld 2 could be 1, 2 or 3, or more).
Each group of unknowns tied together by sums is solved on its own."""
from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass

import highspy
import numpy as np

from data.disclosure.cells import System

ENOUGH = 3  # whole values a withheld count must be able to take


@dataclass(frozen=True)
class Range:
    cell: tuple
    value: int
    low: int
    high: float  # inf when nothing bounds it above
    values: int  # how many whole values it can take, counted up to ENOUGH

    @property
    def safe(self) -> bool:
        return self.values >= ENOUGH


def components(system: System, unknown: set) -> list[tuple[set, list]]:
    """Groups of unknown cells linked by sums, each with the sums that hold its cells."""
    parent = {cell: cell for cell in unknown}

    def root(cell):
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    involved = []
    for relation in system.relations:
        cells = [c for c in relation if c in parent]
        if not cells:
            continue
        involved.append((relation, cells))
        for other in cells[1:]:
            parent[root(other)] = root(cells[0])
    groups: dict = {}
    for cell in unknown:
        groups.setdefault(root(cell), (set(), []))[0].add(cell)
    for relation, cells in involved:
        groups[root(cells[0])][1].append(relation)
    return list(groups.values())


def ranges(system: System, withheld: set, cells: set | None = None) -> dict[tuple, Range]:
    """The feasible range of each withheld cell (of `cells`, if given: only their groups are solved)."""
    unknown = set(withheld) | system.hidden
    out = {}
    for group, relations in components(system, unknown):
        wanted = [c for c in group if c in withheld and (cells is None or c in cells)]
        if wanted:
            out.update(_group_ranges(system, group, relations, wanted))
    return out


def _group_ranges(system: System, group: set, relations: list, wanted: list) -> dict[tuple, Range]:
    if not relations:
        return {cell: Range(cell, system.values[cell], 0, np.inf, ENOUGH) for cell in wanted}
    order = sorted(group, key=repr)
    index = {cell: i for i, cell in enumerate(order)}
    solver = _Solver(order, index, relations, system.values)
    out = {}
    for cell in wanted:
        value, position = system.values[cell], index[cell]
        low = solver.least(position)
        high = solver.greatest(position)
        out[cell] = Range(cell, value, int(low), high, solver.values_between(position, value, low, high))
    return out


class _Solver:
    """One group's integer program in HiGHS, built once and asked about each cell in turn."""

    def __init__(self, order: list, index: dict, relations: list, values: dict):
        self.highs = _highs()
        self.highs.clearModel()
        self.size = len(order)
        self.highs.addVars(self.size, np.zeros(self.size), np.full(self.size, highspy.kHighsInf))
        self.columns = np.arange(self.size, dtype=np.int32)
        for relation in relations:
            known = -sum(c * values[cell] for cell, c in relation.items() if cell not in index)
            unknown = [(index[cell], c) for cell, c in relation.items() if cell in index]
            self.highs.addRow(known, known, len(unknown), np.array([i for i, _ in unknown], dtype=np.int32),
                              np.array([float(c) for _, c in unknown]))

    def least(self, position: int) -> float:
        status, objective = self._solve(position, highspy.ObjSense.kMinimize)
        if status != highspy.HighsModelStatus.kOptimal:
            raise ValueError(f"disclosure audit: the published figures admit no solution ({status}); a sum in "
                             "data/disclosure/tables.py does not hold")
        return round(objective)

    def greatest(self, position: int) -> float:
        status, objective = self._solve(position, highspy.ObjSense.kMaximize)
        if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return np.inf  # the least value was found, so the problem is feasible: unbounded it is
        return round(objective)

    def values_between(self, position: int, value: int, low: float, high: float) -> int:
        if high == np.inf or low < value < high:
            return ENOUGH
        if high - low < 2:
            return int(high - low) + 1
        # the true value is at one end: is there a whole value strictly between the ends?
        self.highs.changeColBounds(position, low + 1, high - 1)
        status, _ = self._solve(None, highspy.ObjSense.kMinimize)
        self.highs.changeColBounds(position, 0, highspy.kHighsInf)
        return ENOUGH if status == highspy.HighsModelStatus.kOptimal else 2

    def _solve(self, position, sense):
        """The linear program first: where its answer is whole numbers it is also the integer
        program's (nearly always, sums of counts being what they are); else the integer program."""
        cost = np.zeros(self.size)
        if position is not None:
            cost[position] = 1.0
        self.highs.changeColsCost(self.size, self.columns, cost)
        self.highs.changeObjectiveSense(sense)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal and not _whole(self.highs.getSolution().col_value):
            self._integers(highspy.HighsVarType.kInteger)
            self.highs.run()
            status = self.highs.getModelStatus()
            self._integers(highspy.HighsVarType.kContinuous)
        return status, self.highs.getInfo().objective_function_value

    def _integers(self, kind) -> None:
        self.highs.changeColsIntegrality(self.size, self.columns, np.full(self.size, kind))


def _whole(values) -> bool:
    values = np.asarray(values)
    return bool(np.all(np.abs(values - np.round(values)) < 1e-7))


_local = threading.local()


def _highs():
    """A HiGHS instance per thread, made once: its constructor prints a banner to the process's
    standard output (file descriptor 1, out of Python's reach), which would spoil `report
    --format json`, so it is made with that descriptor pointed elsewhere."""
    highs = getattr(_local, "highs", None)
    if highs is None:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as devnull:
                os.dup2(devnull.fileno(), 1)
                highs = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        highs.setOptionValue("output_flag", False)
        _local.highs = highs
    return highs
