"""Small-number suppression and what each role may see (measures.md, "Small numbers").

Applied here, to results, before anything reaches a page, an export or the command line:
- committee: aggregates only; a count from 1 to the threshold, or a share whose numerator or
  denominator is one, is withheld, and where one withheld cell of a breakdown could be worked
  out from the total and the others, the next smallest cell is withheld too;
- director (and admin): aggregates, unsuppressed;
- manager: aggregates and the children behind them (pseudonymous ids).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.measures.result import WITHHELD, Result

ROLES = ("committee", "director", "manager", "admin")
SEES_CHILDREN = {"manager"}
SUPPRESSED_ROLES = {"committee"}


def for_role(result: Result, role: str, threshold: int, parents: tuple[Result, ...] = ()) -> Result:
    """`parents` are the same measure over wider scopes the viewer could also ask for (each active
    filter taken off in turn): a figure is withheld when its difference from any of them is small,
    so that a filter and its complement cannot be subtracted to find a withheld number."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    changes: dict = {}
    if role not in SEES_CHILDREN:
        changes["rows"] = None
    if role in SUPPRESSED_ROLES:
        changes.update(_suppress_headline(result, threshold, parents))
        if result.breakdown is not None:
            changes["breakdown"] = suppress_cells(result.breakdown, threshold,
                                                  [p.breakdown for p in parents])
        changes["extras"] = {k: suppress_cells(v, threshold, [p.extras.get(k) for p in parents])
                             if isinstance(v, pd.DataFrame) else v for k, v in result.extras.items()}
    return result.with_changes(**changes)


def _small(count, threshold: int) -> bool:
    return count is not None and not pd.isna(count) and 0 < float(count) <= threshold


def _small_difference(mine, wider, threshold: int) -> bool:
    if mine is None or wider is None or pd.isna(mine) or pd.isna(wider):
        return False
    return _small(float(wider) - float(mine), threshold)


def _suppress_headline(result: Result, threshold: int, parents: tuple[Result, ...] = ()) -> dict:
    """A withheld figure also withholds its status: with so few children, GREEN or RED alone can
    tell what the number was."""
    small = _small(result.numerator, threshold) or _small(result.denominator, threshold) or any(
        _small_difference(result.numerator, p.numerator, threshold)
        or _small_difference(result.denominator, p.denominator, threshold) for p in parents)
    if not small:
        return {}
    return {"value": None, "numerator": None, "denominator": None, "suppressed": True,
            "status": WITHHELD if result.status else result.status,
            "notes": result.notes + (suppressed_note(threshold),)}


def suppressed_note(threshold: int) -> str:
    return f"A number from 1 to {threshold} is withheld so that no child can be identified."


def suppress_cells(frame: pd.DataFrame, threshold: int, parents=()) -> pd.DataFrame:
    """Withhold small cells of a breakdown (numerator, denominator, value), cells that differ from
    the same cell in a wider scope by a small number, and, where a single withheld count could be
    recovered from the total and the other cells, the next smallest cell too. Denominators are
    protected the same way as numerators, since the headline shows their total."""
    if "numerator" not in frame:
        return frame
    out = frame.copy()
    numerators = pd.to_numeric(out["numerator"], errors="coerce")
    shares = "denominator" in out and "value" in out
    hide_denominator = pd.Series(False, index=out.index)
    if shares:
        denominators = pd.to_numeric(out["denominator"], errors="coerce")
        hide_denominator = _small_cells(denominators, threshold) | _small_differences(out, parents, "denominator",
                                                                                      threshold)
        hide_denominator = _with_secondary(hide_denominator, denominators)
    hide = hide_denominator | _small_cells(numerators, threshold) | _small_differences(out, parents, "numerator",
                                                                                       threshold)
    hide = _with_secondary(hide, numerators)
    out["suppressed"] = hide
    for column in ("numerator", "value"):
        if column in out:
            out[column] = out[column].astype("float64").where(~hide, np.nan)
    if shares:
        out["denominator"] = out["denominator"].astype("float64").where(~hide_denominator, np.nan)
    return out


def _small_cells(counts: pd.Series, threshold: int) -> pd.Series:
    return (counts > 0) & (counts <= threshold)


def _small_differences(frame: pd.DataFrame, parents, column: str, threshold: int) -> pd.Series:
    """Cells (matched by group) whose count differs from a wider scope's by 1 to the threshold."""
    hide = pd.Series(False, index=frame.index)
    if "group" not in frame:
        return hide
    for parent in parents:
        if parent is None or "group" not in parent or column not in parent:
            continue
        wider = frame["group"].map(parent.drop_duplicates("group").set_index("group")[column])
        difference = pd.to_numeric(wider, errors="coerce") - pd.to_numeric(frame[column], errors="coerce")
        hide |= _small_cells(difference, threshold).fillna(False)
    return hide


def _with_secondary(hide: pd.Series, counts: pd.Series) -> pd.Series:
    """With exactly one cell withheld, the total minus the rest would give it away: withhold the
    next smallest non-zero cell as well."""
    hide = hide.fillna(False).astype(bool)
    if hide.sum() == 1 and len(hide) > 1:
        candidates = counts[~hide & (counts > 0)]
        if len(candidates):
            hide = hide.copy()
            hide[candidates.idxmin()] = True
    return hide
