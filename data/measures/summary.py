"""A plain-English draft of what a figure says (issue 6): the value and its counts, the change
from the period before and from a year earlier, the status against the target, and where a
breakdown explains it, the group most of the shortfall came from. A draft only: a manager
accepts or edits it into the commentary. Written from results already suppressed for the
reader's role, so a withheld figure stays withheld in the words too."""
from __future__ import annotations

import pandas as pd

from data.measures.result import AMBER, GREEN, PERCENT, RED, WITHHELD, Result, status_words


def draft(name: str, current: Result, previous: Result | None = None, year_ago: Result | None = None,
          breakdown: pd.DataFrame | None = None, breakdown_label: str = "group") -> str:
    if current.suppressed or current.status == WITHHELD:
        return (f"{name}: the figure for {current.period} is withheld because it rests on so few children "
                "that one could be identified.")
    if current.value is None or pd.isna(current.value):
        return f"{name}: there is no figure for {current.period} (no children counted)."
    sentences = [f"{name}: {_figure(current)} in {current.period}."]
    changes = [c for c in (_change(current, previous), _change(current, year_ago, "a year earlier")) if c]
    if changes:
        sentences.append(_capital(" and ".join(changes)) + ".")
    if current.status in (GREEN, AMBER, RED):
        target = target_of(current)
        against = f" against a target of {_value(target, current.unit)}" if target is not None else ""
        sentences.append(f"This is {status_words(current.status).lower()}{against}.")
    contributor = _biggest_contributor(current, breakdown, breakdown_label)
    if contributor:
        sentences.append(contributor)
    return " ".join(sentences)


def reason(current: Result, previous: Result | None = None, breakdown: pd.DataFrame | None = None,
           breakdown_label: str = "group") -> str:
    """One line on why a measure stands where it does: the change since the period before and,
    where a breakdown says, where most of the shortfall is. From the figures the reader may see."""
    if current.suppressed or current.status == WITHHELD:
        return "Withheld: the figure rests on so few children that one could be identified."
    if current.value is None or pd.isna(current.value):
        return "No children were counted in this period."
    change = (_change(current, previous) or f"no figure for {previous.period} to compare") if previous else None
    shortfall = _largest_shortfall(current, breakdown, breakdown_label)
    parts = [p for p in (change, shortfall) if p]
    return _capital("; ".join(parts)) + "." if parts else ""


def target_of(result: Result) -> float | None:
    rule = result.rule
    if rule is None:
        return None
    return rule.target if rule.target is not None else rule.green


def _largest_shortfall(current: Result, breakdown: pd.DataFrame | None, label: str) -> str | None:
    found = _shortfall_by_group(current, breakdown)
    if found is None:
        return None
    group, count, total = found
    return f"most of the shortfall is in {_named(label, group)} ({count:,.0f} of {total:,.0f})"


def _shortfall_by_group(current: Result, breakdown: pd.DataFrame | None):
    """(group, its cases short of the measure, all such cases) for the group with the most."""
    if breakdown is None or current.unit != PERCENT or current.rule is None:
        return None
    if not {"group", "numerator", "denominator"} <= set(breakdown.columns):
        return None
    cells = breakdown.dropna(subset=["numerator", "denominator"])
    if len(cells) < 2:
        return None
    higher_is_better = current.rule.direction.startswith("higher")
    short = (cells["denominator"] - cells["numerator"]) if higher_is_better else cells["numerator"]
    total = short.sum()
    if total <= 0:
        return None
    top = short.idxmax()
    return cells.loc[top, "group"], short[top], total


def _figure(result: Result) -> str:
    text = _value(result.value, result.unit)
    if result.unit == PERCENT and result.numerator is not None and result.denominator is not None:
        text += f" ({result.numerator:,.0f} of {result.denominator:,.0f})"
    return text


def _value(value, unit: str) -> str:
    if unit == PERCENT:
        return f"{value:.0%}" if abs(value * 100 - round(value * 100)) < 0.05 else f"{value:.1%}"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def _change(current: Result, other: Result | None, when: str | None = None) -> str | None:
    if other is None or other.value is None or pd.isna(other.value) or other.suppressed:
        return None
    was = _value(other.value, other.unit)
    since = f"{was} in {other.period}" if when is None else f"{was} {when} ({other.period})"
    difference = current.value - other.value
    if abs(difference) < (0.0005 if current.unit == PERCENT else 0.05):
        return f"about the same as {since}"
    amount = f"{abs(difference) * 100:.1f} percentage points" if current.unit == PERCENT else \
        _value(abs(difference), current.unit)
    return f"{'up' if difference > 0 else 'down'} {amount} from {since}"


def _biggest_contributor(current: Result, breakdown: pd.DataFrame | None, label: str) -> str | None:
    """For a share: the group with the most cases short of the measure (late reviews, say)."""
    found = _shortfall_by_group(current, breakdown)
    if found is None:
        return None
    group, count, total = found
    what = "not meeting it" if current.rule.direction.startswith("higher") else "counted"
    return (f"Of the {total:,.0f} {what}, the largest number came from {_named(label, group)} "
            f"({count:,.0f}, {count / total:.0%}).")


def _named(label: str, group) -> str:
    """A group as a sentence names it: "team North", or a template such as "care leavers aged {group}"."""
    return label.format(group=group) if "{group}" in label else f"{label} {group}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]

