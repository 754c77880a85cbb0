"""The committee's published set as cells and the sums between them (tables.py says which), and
results rebuilt with the withheld cells taken out.

A cell is one count: (measure, time, table, row, part). `time` names what it is counted over
(tables.py): the same count shown for a year and for its last quarter, or by two measures, is
one cell. Parts: "num", "den" and, for shares, "comp" (the denominator less the numerator: "52 of
53" says one child did not take part)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data.disclosure.tables import (ALL, AS_AT, COLLECTION_YEAR, COUNTS, DAY, DENOMINATOR, HEAD, LINKS, MEASURES,
                                    NUMERATOR, PERIOD, PERIOD_ONLY, REFINES, REPEATS, SHARES, SUBSETS, Table)
from data.measures.periods import split
from data.measures.report import Scope
from data.measures.result import WITHHELD, Result

REST = "(rest)"
PUBLIC_EXTRAS = ("fte", "guide_band")  # not counts of children: IROs' hours, the IRO Handbook's guide  # the units a table leaves out: never published, but there


@dataclass
class System:
    """Every cell's true value, which cells are never published (rests), and the sums: each a dict
    of cell -> coefficient adding to zero."""

    values: dict = field(default_factory=dict)
    hidden: set = field(default_factory=set)
    relations: list = field(default_factory=list)

    def add(self, key, value) -> None:
        value = int(value)
        if key in self.values and self.values[key] != value:
            raise ValueError(f"{key} is counted twice with different values ({self.values[key]}, {value}): "
                             "data/disclosure/tables.py says they are the same count")
        self.values[key] = value

    def check(self) -> None:
        """Every sum holds for the true counts, and no count is negative: else tables.py is wrong."""
        for cell, value in self.values.items():
            if value < 0:
                raise ValueError(f"{cell} comes to {value}: data/disclosure/tables.py says a table is complete "
                                 "or adds up to a total that it does not")
        for relation in self.relations:
            if sum(c * self.values[cell] for cell, c in relation.items()):
                raise ValueError(f"a sum in data/disclosure/tables.py does not hold: "
                                 f"{ {cell: (c, self.values[cell]) for cell, c in relation.items()} }")

    def relate(self, total, parts) -> None:
        """total = sum of parts (cells, or 0 for a row a table does not list)."""
        relation = defaultdict(int)
        relation[total] -= 1
        for part in parts:
            if part is not None:
                relation[part] += 1
        relation = {k: c for k, c in relation.items() if c}
        if relation:
            self.relations.append(relation)


def time_key(basis: str, scope: Scope) -> str:
    period = scope.period
    if basis in (PERIOD, PERIOD_ONLY):
        return f"period {period.label}"
    if basis == DAY:
        return f"day {period.end.isoformat()}"
    if basis == AS_AT:
        return f"day {(scope.as_at or period.end).isoformat()}"
    if basis == COLLECTION_YEAR:
        return f"903 year {period.collection_year}"
    raise ValueError(basis)


def frame_of(result: Result, table: Table) -> pd.DataFrame | None:
    """A table of counts, or None (absent, or held back whole: see withheld_table)."""
    frame = result.breakdown if table.source == "breakdown" else result.extras.get(table.source)
    return frame if isinstance(frame, pd.DataFrame) and WHY not in frame.attrs else None


WHY = "why"


def withheld_table(why: str) -> pd.DataFrame:
    """In place of a table the reader's view does not hold: no rows, and the reason, for the page."""
    frame = pd.DataFrame({"group": [], "numerator": []})
    frame.attrs[WHY] = why
    return frame


def build(results: dict[tuple[Scope, str], Result]) -> System:
    """The system of every published result (scope, measure id) -> result."""
    system = System()
    listed: dict[tuple, set] = {}  # (measure, time, table) -> rows it lists, so an unlisted row is 0
    for (scope, measure_id), result in results.items():
        _add_result(system, listed, measure_id, scope, result)
    scopes = {scope for scope, _ in results}
    for scope in scopes:
        _add_links(system, listed, scope)
        _add_subsets(system, listed, scope)
    _add_periods(system, listed, scopes)
    system.check()
    return system


def _add_result(system: System, listed: dict, measure_id: str, scope: Scope, result: Result) -> None:
    published = MEASURES[measure_id]
    time = time_key(published.time, scope)
    head = (measure_id, time, HEAD, HEAD)
    listed[(measure_id, time, HEAD)] = {HEAD}
    _add_row(system, head, result.numerator, result.denominator if published.headline == SHARES else None)
    for table in published.tables:
        frame = frame_of(result, table)
        if frame is None:
            continue
        table_time = time_key(table.time, scope) if table.time else time
        base = (measure_id, table_time, table.source)
        rows = [str(r) for r in frame[table.key]]
        listed[base] = set(rows)
        shares = table.parts == SHARES
        for row, record in zip(rows, frame.itertuples(index=False)):
            _add_row(system, (*base, row), getattr(record, "numerator"),
                     getattr(record, "denominator") if shares else None)
        if table.parts == COUNTS and table.adds_to is None and "denominator" in frame and len(frame):
            system.add((*base, ALL, "num"), frame["denominator"].iloc[0])
            listed[base].add(ALL)
        _add_table_sums(system, head, base, rows, table)
    for measure, fine, coarse in REFINES:
        if measure == measure_id:
            _add_refinement(system, result, (measure_id, time), fine, coarse)
    for measure, copy, original in REPEATS:
        if measure == measure_id and (measure_id, time, copy) in listed:
            for row in listed[(measure_id, time, copy)]:
                system.relate((measure_id, time, original, row, "num"), [(measure_id, time, copy, row, "num")])


def _add_row(system: System, key: tuple, numerator, denominator=None) -> None:
    system.add((*key, "num"), numerator)
    if denominator is not None:
        system.add((*key, "den"), denominator)
        system.add((*key, "comp"), denominator - numerator)
        system.relate((*key, "den"), [(*key, "num"), (*key, "comp")])


def _add_table_sums(system: System, head: tuple, base: tuple, rows: list[str], table: Table) -> None:
    if table.parts == SHARES:
        parts = ("num", "den", "comp") if table.adds_to else ()
        totals = {part: (*head, part) for part in parts}
    elif table.adds_to == NUMERATOR:
        totals = {"num": (*head, "num")}
    elif table.adds_to == DENOMINATOR:
        totals = {"num": (*head, "den")}
    elif (*base, ALL, "num") in system.values:
        totals = {"num": (*base, ALL, "num")}
    else:
        return
    rest = None if table.complete else (*base, REST)
    if rest:
        # What the rows leave out is never shown, but a reader who takes it to be none (every child
        # has a date of birth, say) is right when it is none: only a rest of some is an unknown.
        left_out = {part: system.values[total] - sum(system.values[(*base, row, part)] for row in rows)
                    for part, total in totals.items()}
        if not any(left_out.values()):
            rest = None
    if rest and table.parts == SHARES:
        system.relate((*rest, "den"), [(*rest, "num"), (*rest, "comp")])
    for part, total in totals.items():
        members = [(*base, row, part) for row in rows]
        if rest:
            system.hidden.add((*rest, part))
            system.add((*rest, part), left_out[part])
            members.append((*rest, part))
        system.relate(total, members)


def _add_refinement(system: System, result: Result, at: tuple, fine: str, coarse: str) -> None:
    frame = result.extras.get(fine)
    coarse_frame = result.breakdown if coarse == "breakdown" else result.extras.get(coarse)
    if frame is None or coarse_frame is None:
        return
    for group in coarse_frame["group"].astype(str):
        codes = frame.loc[frame["group"].astype(str) == group, "code"].astype(str)
        system.relate((*at, coarse, group, "num"), [(*at, fine, code, "num") for code in codes])


def _cell(system: System, listed: dict, key: tuple):
    """A cell's key, 0 for a row its table does not list (none of those), None if not published."""
    if key in system.values:
        return key
    if key[2] == HEAD:
        return None
    rows = listed.get(key[:3])
    return 0 if rows is not None and key[3] not in rows and key[3] != ALL else None


def _add_links(system: System, listed: dict, scope: Scope) -> None:
    for total, parts in LINKS:
        keys = [_linked_key(total, scope)] + [_linked_key(part, scope) for part in parts]
        if len({k[1] for k in keys}) > 1:
            continue  # counted on different days (the current period's as-at date and its end)
        cells = [_cell(system, listed, k) for k in keys]
        if any(c is None for c in cells):
            continue
        if cells[0] == 0:
            continue  # an unlisted total: its parts are all 0, and so published as such
        system.relate(cells[0], [c if c != 0 else None for c in cells[1:]])


def _add_subsets(system: System, listed: dict, scope: Scope) -> None:
    for whole, parts in SUBSETS:
        keys = [_linked_key(whole, scope)] + [_linked_key(part, scope) for part in parts]
        if len({k[1] for k in keys}) > 1 or any(k not in system.values for k in keys):
            continue
        rest = (keys[0][0], keys[0][1], "(not " + " or ".join(p[0] for p in parts) + ")", REST, "num")
        value = system.values[keys[0]] - sum(system.values[k] for k in keys[1:])
        members = keys[1:]
        if value:  # a rest of none is known to be none (see _add_table_sums)
            system.add(rest, value)
            system.hidden.add(rest)
            members = [*members, rest]
        system.relate(keys[0], members)


def _linked_key(cell: tuple, scope: Scope) -> tuple:
    measure_id, table, row, part = cell
    published = MEASURES[measure_id]
    basis = next((t.time for t in published.tables if t.source == table and t.time), published.time)
    return (measure_id, time_key(basis, scope), table, row, part)


def _add_periods(system: System, listed: dict, scopes: set) -> None:
    """A year's event counts are the sums of its quarters' (those begun, for the year to date)."""
    by_label = {s.period.label: s for s in scopes}
    for scope in scopes:
        if scope.period.grain != "year":
            continue
        quarters = [by_label.get(q.label) for q in split(scope.period, "quarter") if q.start <= _last_day(scopes)]
        if not quarters or any(q is None for q in quarters):
            continue
        for measure_id, published in MEASURES.items():
            if published.time != PERIOD:
                continue
            tables = [(HEAD, None)] + [(t.source, t) for t in published.tables if t.over_time and not t.time]
            for source, table in tables:
                _add_period_sum(system, listed, measure_id, source, scope, quarters)


def _last_day(scopes: set):
    return max(s.as_at or s.period.end for s in scopes)


def _add_period_sum(system: System, listed: dict, measure_id: str, source: str, year: Scope, quarters) -> None:
    year_base = (measure_id, time_key(PERIOD, year), source)
    quarter_bases = [(measure_id, time_key(PERIOD, q), source) for q in quarters]
    if year_base not in listed or any(b not in listed for b in quarter_bases):
        return
    rows = set(listed[year_base]).union(*(listed[b] for b in quarter_bases)) - {ALL}
    for row in rows:
        for part in ("num", "den", "comp"):
            total = (*year_base, row, part)
            members = [(*b, row, part) for b in quarter_bases]
            if not any(m in system.values for m in [total, *members]):
                continue
            cells = [_cell(system, listed, k) for k in [total, *members]]
            if any(c is None for c in cells):
                continue
            if cells[0] == 0:
                continue
            system.relate(cells[0], [c if c != 0 else None for c in cells[1:]])


# --- results as the committee sees them ------------------------------------------------------

def protected(result: Result, measure_id: str, scope: Scope, withheld: set) -> Result:
    """The result with every withheld cell, and whatever can be worked out from one (its share,
    its status), taken out; no child-level rows."""
    published = MEASURES[measure_id]
    time = time_key(published.time, scope)
    head = (measure_id, time, HEAD, HEAD)
    hidden_num, hidden_den = (*head, "num") in withheld, (*head, "den") in withheld
    held_back = isinstance(result.breakdown, pd.DataFrame) and WHY in result.breakdown.attrs
    changes = {"rows": None, "breakdown": result.breakdown if held_back else None}
    if hidden_num or hidden_den:
        changes.update(value=None, suppressed=True, status=WITHHELD if result.status else result.status)
        if hidden_num:
            changes["numerator"] = None
        if hidden_den:
            changes["denominator"] = None
    extras = dict(result.extras)
    for table in published.tables:
        frame = frame_of(result, table)
        if frame is None:
            continue
        table_time = time_key(table.time, scope) if table.time else time
        whole_hidden = hidden_den if table.adds_to == DENOMINATOR else hidden_num
        shown = _protected_frame(frame, table, (measure_id, table_time, table.source), withheld, whole_hidden)
        if table.source == "breakdown":
            changes["breakdown"] = shown
        else:
            extras[table.source] = shown
    declared = {t.source for t in published.tables}
    changes["extras"] = {k: v for k, v in extras.items() if k in declared or k in PUBLIC_EXTRAS}
    return result.with_changes(**changes)


def _protected_frame(frame: pd.DataFrame, table: Table, base: tuple, withheld: set, headline_hidden: bool):
    out = frame.copy()
    rows = out[table.key].astype(str)
    num = rows.map(lambda r: (*base, r, "num") in withheld).to_numpy(dtype=bool)
    den = rows.map(lambda r: (*base, r, "den") in withheld).to_numpy(dtype=bool) if table.parts == SHARES else \
        np.zeros(len(out), dtype=bool)
    if table.parts == COUNTS and "denominator" in out:
        whole_hidden = (*base, ALL, "num") in withheld if table.adds_to is None else headline_hidden
        if whole_hidden:
            out["denominator"] = np.nan
            den = np.ones(len(out), dtype=bool)
    out["numerator"] = out["numerator"].astype("float64").where(~num, np.nan)
    if table.parts == SHARES:
        out["denominator"] = out["denominator"].astype("float64").where(~den, np.nan)
    if "value" in out:
        out["value"] = out["value"].astype("float64").where(~(num | den), np.nan)
    out["suppressed"] = num | den
    return out
