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


def for_role(result: Result, role: str, threshold: int) -> Result:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    changes: dict = {}
    if role not in SEES_CHILDREN:
        changes["rows"] = None
    if role in SUPPRESSED_ROLES:
        changes.update(_suppress_headline(result, threshold))
        if result.breakdown is not None:
            changes["breakdown"] = suppress_cells(result.breakdown, threshold)
        changes["extras"] = {k: suppress_cells(v, threshold) if isinstance(v, pd.DataFrame) else v
                             for k, v in result.extras.items()}
    return result.with_changes(**changes)


def _small(count, threshold: int) -> bool:
    return count is not None and not pd.isna(count) and 0 < float(count) <= threshold


def _suppress_headline(result: Result, threshold: int) -> dict:
    """A withheld figure also withholds its status: with so few children, GREEN or RED alone can
    tell what the number was."""
    if not (_small(result.numerator, threshold) or _small(result.denominator, threshold)):
        return {}
    return {"value": None, "numerator": None, "denominator": None, "suppressed": True,
            "status": WITHHELD if result.status else result.status,
            "notes": result.notes + (suppressed_note(threshold),)}


def suppressed_note(threshold: int) -> str:
    return f"A number from 1 to {threshold} is withheld so that no child can be identified."


def suppress_cells(frame: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Withhold small cells of a breakdown (numerator, denominator, value) and, where a single
    withheld cell could be recovered from the total, the next smallest cell too."""
    if "numerator" not in frame:
        return frame
    out = frame.copy()
    numerators = pd.to_numeric(out["numerator"], errors="coerce")
    denominators = pd.to_numeric(out["denominator"], errors="coerce") if "denominator" in out else None
    hide = numerators.apply(lambda n: _small(n, threshold))
    if denominators is not None and "value" in out:
        hide |= denominators.apply(lambda d: _small(d, threshold))
    if hide.sum() == 1 and len(out) > 1:
        candidates = numerators[~hide & (numerators > 0)]
        if len(candidates):
            hide[candidates.idxmin()] = True
    out["suppressed"] = hide
    for column in ("numerator", "value"):
        if column in out:
            out[column] = out[column].astype("float64").where(~hide, np.nan)
    if denominators is not None and "value" in out:
        out["denominator"] = out["denominator"].astype("float64").where(
            ~(denominators.apply(lambda d: _small(d, threshold))), np.nan)
    return out
