"""Which of the committee's cells to withhold: every count from 1 to the threshold (primary), then
as few others as it takes (secondary) until the audit finds that no withheld count can be worked
out to fewer than three whole values from everything published.

Most secondary cells are found without the solver: a withheld cell that is the only unknown of a
sum is given away by it, so another cell of that sum is withheld too. The audit then finds the
cells that chains of sums pin, and each gets a complement the same way."""
from __future__ import annotations

from collections import defaultdict

from data.disclosure.audit import Range, ranges
from data.disclosure.cells import System
from data.disclosure.tables import HEAD


def protect(system: System, threshold: int) -> tuple[set, dict[tuple, Range]]:
    """The withheld cells and the audit of each."""
    holding = defaultdict(list)
    for relation in system.relations:
        for cell in relation:
            holding[cell].append(relation)
    withheld = {cell for cell, value in system.values.items() if 0 < value <= threshold}  # rests too: never
    # shown, but a rest of 1 to the threshold must not be worked out from the rows and their total either
    pending = _unpin(system, holding, withheld, set(withheld))
    while pending:
        weak = [r.cell for r in ranges(system, withheld, pending).values() if not r.safe]
        added = {c for c in (_complement(system, holding, withheld, cell) for cell in sorted(weak, key=repr)) if c}
        withheld |= added
        pending = (set(weak) | _unpin(system, holding, withheld, added)) if added else set()
    return withheld, ranges(system, withheld)


def _unpin(system: System, holding: dict, withheld: set, start: set) -> set:
    """Withhold a complement for every withheld cell left as the only unknown of a sum, until
    none is; returns every cell withheld or looked at on the way (for the audit to check)."""
    queue, seen = list(start), set(start)
    while queue:
        cell = queue.pop()
        for relation in holding[cell]:
            if sum(c in withheld or c in system.hidden for c in relation) != 1:
                continue
            choice = _cheapest(system, withheld, relation)
            if choice is not None:
                withheld.add(choice)
                seen.add(choice)
                queue.append(choice)
                queue.extend(c for c in relation if c in withheld)
    return seen


def _complement(system: System, holding: dict, withheld: set, cell: tuple):
    """A published cell whose withholding loosens the sums that pin `cell`: from the sum with the
    fewest unknowns first, then the sums of the unknowns it is tied to."""
    unknown = withheld | system.hidden
    near = sorted(holding[cell], key=lambda r: sum(c in unknown for c in r))
    tied = [r for relation in near for other in relation if other in unknown and other != cell
            for r in holding[other]]
    for relation in near + tied:
        choice = _cheapest(system, unknown, relation)
        if choice is not None:
            return choice
    return None


def _cheapest(system: System, unknown: set, relation: dict):
    """The smallest count of the sum that is published and not zero, sparing headlines."""
    candidates = [c for c in relation if c not in unknown and c not in system.hidden and system.values[c] > 0]
    return min(candidates, key=lambda c: (c[2] == HEAD, system.values[c], repr(c))) if candidates else None
