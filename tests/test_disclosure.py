"""Playing the committee member with a calculator: every way in that issue 13 found, tried
against what the committee is given (disclosure.shown, which every committee page, download, pack
and export goes through), over a demo council. A withheld count is "recovered" when an attack
works out its exact value. None may be.

The attacks use nothing of how suppression works, only what a committee member sees and the
true figures to score them, so they ran unchanged against the suppression this replaced: there
they recovered 287 withheld counts of this council (complements, rows against totals, notes, filters)."""
from __future__ import annotations

import itertools

import pandas as pd
import pytest

from data import disclosure, results_cache, store
from data.measures.catalogue import BREAKDOWNS, MEASURES
from data.measures.filters import Filters
from data.measures.periods import period_ending, split
from data.measures.report import Scope
from tests.conftest import demo_instance

THRESHOLD = 4
MEASURE_IDS = [m.id for m in MEASURES] + list(BREAKDOWNS)
FILTER_VALUES = {"legal_status": ["Full care order", "Accommodated (section 20)", "Interim care order",
                                  "Placement order", "Youth justice", "Police protection, EPO or CAO"],
                 "age_band": ["Under 1", "1-4", "5-9", "10-15", "16-17"], "sex": ["Female", "Male"],
                 "placement_group": ["Fostering: kinship", "Fostering: other carers", "Residential", "Other",
                                     "Supported accommodation", "Placed for adoption", "Placed with parents"]}


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    settings = demo_instance(tmp_path_factory.mktemp("disclosure"), children=160, seed=21)
    return settings, store.dataset(settings)


def _as_at(period, latest):
    return min(period.end, latest) if latest >= period.start else None


def _periods(data):
    """Two financial years and their quarters, as the filter bar offers them."""
    latest = data.latest_date
    years = period_ending(latest, "year").previous().run(2)
    return [(year, [q for q in split(year, "quarter") if q.start <= latest]) for year in years]


class Attacker:
    def __init__(self, settings, data):
        self.settings, self.data, self.recovered = settings, data, []

    def seen(self, scope, measure_id):
        try:
            return disclosure.shown(self.settings, self.data, scope, measure_id, "committee")
        except disclosure.NotPublished:
            return None

    def truth(self, scope, measure_id):
        return results_cache.result(self.settings, self.data, scope, measure_id)

    def works_out(self, what, value, true_value, hidden: bool) -> None:
        """A hidden count whose value the attack gives exactly is recovered."""
        if hidden and value is not None and true_value is not None and not pd.isna(true_value) \
                and round(value) == int(true_value):
            self.recovered.append((what, int(true_value)))


def _count(value):
    return None if value is None or pd.isna(value) else float(value)


def test_d001_no_attack_recovers_a_withheld_count(council):
    attacker = Attacker(*council)
    settings, data = council
    latest = data.latest_date
    scopes = [Scope(p, _as_at(p, latest)) for year, quarters in _periods(data) for p in [year, *quarters]]
    for scope, measure_id in itertools.product(scopes, MEASURE_IDS):
        _complements(attacker, scope, measure_id)
        _tables_against_their_totals(attacker, scope, measure_id)
        _notes(attacker, scope, measure_id)
    for year, quarters in _periods(data):
        for measure_id in MEASURE_IDS:
            _year_less_its_other_quarters(attacker, year, quarters, measure_id, latest)
    for name, values in FILTER_VALUES.items():
        for measure_id in ("review_timeliness", "cla_count", "review_participation", "escalations_raised"):
            _filter_subsets(attacker, scopes[0], name, values, measure_id)
    _two_filters(attacker, scopes[0], "sex", "age_band", "cla_count")
    assert attacker.recovered == [], f"{len(attacker.recovered)} withheld counts recovered: {attacker.recovered[:10]}"


def _complements(attacker, scope, measure_id):
    """"52 of 53": the denominator less the numerator, in the headline and in each share table."""
    seen, truth = attacker.seen(scope, measure_id), attacker.truth(scope, measure_id)
    if seen is None or truth.denominator is None or truth.unit != "percent":
        return
    if seen.numerator is not None and seen.denominator is not None:
        true_gap = truth.denominator - truth.numerator
        attacker.works_out((measure_id, scope.period.label, "headline complement"),
                           seen.denominator - seen.numerator, true_gap, 0 < true_gap <= THRESHOLD)


def _tables(result):
    frames = [("breakdown", result.breakdown)] + list(result.extras.items())
    return [(name, f) for name, f in frames if isinstance(f, pd.DataFrame) and "numerator" in f]


def _tables_against_their_totals(attacker, scope, measure_id):
    """A total less the rows shown gives the one row hidden; a share row's denominator less its
    numerator gives its complement."""
    seen, truth = attacker.seen(scope, measure_id), attacker.truth(scope, measure_id)
    if seen is None:
        return
    true_tables = dict(_tables(truth))
    for name, frame in _tables(seen):
        true = true_tables.get(name)
        if true is None or len(true) != len(frame):
            continue
        key = "code" if "code" in frame else "group"
        true = true.set_index(true[key].astype(str)).reindex(frame[key].astype(str))
        for column, total in (("numerator", seen.numerator), ("denominator", seen.denominator),
                              ("numerator", seen.denominator)):
            if column not in frame or _count(total) is None:
                continue
            true_total = truth.numerator if total is seen.numerator else truth.denominator
            if pd.to_numeric(true[column]).sum() != true_total:
                continue  # these rows do not add up to that total
            hidden = frame[column].isna().to_numpy()
            if hidden.sum() == 1:
                value = total - pd.to_numeric(frame[column]).sum()
                attacker.works_out((measure_id, scope.period.label, name, column), value,
                                   true[column].to_numpy()[hidden][0], True)
        if {"numerator", "denominator"} <= set(frame.columns) and _rows_are_shares(true, truth):
            gaps = (pd.to_numeric(true["denominator"]) - pd.to_numeric(true["numerator"])).to_numpy()
            shown_both = (frame["numerator"].notna() & frame["denominator"].notna()).to_numpy()
            for i in range(len(frame)):
                attacker.works_out((measure_id, scope.period.label, name, "row complement"),
                                   frame["denominator"].iloc[i] - frame["numerator"].iloc[i] if shown_both[i] else None,
                                   gaps[i], 0 < gaps[i] <= THRESHOLD)


def _rows_are_shares(true: pd.DataFrame, truth) -> bool:
    """Rows each with a denominator of their own (not the table's total repeated)."""
    totals = {truth.numerator, truth.denominator}
    return not set(pd.to_numeric(true["denominator"]).dropna()) <= totals


def _notes(attacker, scope, measure_id):
    seen = attacker.seen(scope, measure_id)
    if seen is None:
        return
    import re
    for line in seen.note_lines():
        for number in re.findall(r"(?<![\d.,])\d[\d,]*(?![\d.%])", line):
            value = int(number.replace(",", ""))
            if 0 < value <= THRESHOLD:
                attacker.recovered.append(((measure_id, scope.period.label, "note"), value))


def _year_less_its_other_quarters(attacker, year, quarters, measure_id, latest):
    """For counts of events, a year is the sum of its quarters: one hidden quarter is the year less the rest."""
    year_seen = attacker.seen(Scope(year, _as_at(year, latest)), measure_id)
    year_truth = attacker.truth(Scope(year, _as_at(year, latest)), measure_id)
    parts = [(attacker.seen(Scope(q, _as_at(q, latest)), measure_id),
              attacker.truth(Scope(q, _as_at(q, latest)), measure_id)) for q in quarters]
    if year_seen is None or any(seen is None for seen, _ in parts):
        return
    for column in ("numerator", "denominator"):
        if getattr(year_truth, column) is None or sum(getattr(t, column) or 0 for _, t in parts) != \
                getattr(year_truth, column):
            continue  # not a sum over the year (a count on a day, a cohort)
        hidden = [i for i, (seen, _) in enumerate(parts) if getattr(seen, column) is None]
        if len(hidden) == 1 and getattr(year_seen, column) is not None:
            value = getattr(year_seen, column) - sum(getattr(s, column) for i, (s, _) in enumerate(parts)
                                                     if i != hidden[0])
            attacker.works_out((measure_id, quarters[hidden[0]].label, column), value,
                               getattr(parts[hidden[0]][1], column), True)


def _filter_subsets(attacker, scope, name, values, measure_id):
    """{a, b} less {b} gives {a}; and the whole less every other value."""
    def figure(chosen):
        seen = attacker.seen(Scope(scope.period, scope.as_at, Filters(**{name: tuple(chosen)})), measure_id)
        return None if seen is None else _count(seen.numerator)

    def true(chosen):
        return attacker.truth(Scope(scope.period, scope.as_at, Filters(**{name: tuple(chosen)})), measure_id).numerator

    whole = attacker.seen(scope, measure_id)
    for a in values:
        hidden = figure([a]) is None
        for b in values:
            if a != b and figure([a, b]) is not None and figure([b]) is not None:
                attacker.works_out((measure_id, name, a, "subset"), figure([a, b]) - figure([b]), true([a]), hidden)
        rest = [v for v in values if v != a]
        if whole is not None and whole.numerator is not None and figure(rest) is not None and \
                attacker.truth(scope, measure_id).numerator == true(values):
            attacker.works_out((measure_id, name, a, "complement"), whole.numerator - figure(rest), true([a]), hidden)


def _two_filters(attacker, scope, first, second, measure_id):
    """count(a and b) = count(a) - count(a and not b), "not b" being every other value."""
    def figure(**chosen):
        seen = attacker.seen(Scope(scope.period, scope.as_at, Filters(**chosen)), measure_id)
        return None if seen is None else _count(seen.numerator)
    for a in FILTER_VALUES[first]:
        for b in FILTER_VALUES[second]:
            not_b = [v for v in FILTER_VALUES[second] if v != b]
            both = figure(**{first: (a,), second: (b,)})
            parts = figure(**{first: (a,)}), figure(**{first: (a,), second: tuple(not_b)})
            if None not in parts:
                true = attacker.truth(Scope(scope.period, scope.as_at, Filters(**{first: (a,), second: (b,)})),
                                      measure_id).numerator
                attacker.works_out((measure_id, a, b, "two filters"), parts[0] - parts[1], true, both is None)


def test_d002_requests_outside_the_published_set_are_refused_with_the_reason(council):
    settings, data = council
    latest = data.latest_date
    year = period_ending(latest, "year").previous()
    month = split(year, "month")[0]
    for scope in (Scope(year, None, Filters(sex=("Female",))), Scope(year, None, Filters(legal_status=("a", "b"))),
                  Scope(month), Scope(year, year.start)):
        with pytest.raises(disclosure.NotPublished, match="committee's view"):
            disclosure.shown(settings, data, scope, "cla_count", "committee")
    director = disclosure.shown(settings, data, Scope(year, None, Filters(sex=("Female",))), "cla_count", "director")
    assert director.numerator is not None, "directors keep their filters"


def test_d003_every_withheld_count_can_take_three_values_or_more(council):
    """The audit: each withheld cell's range, given every published figure and sum, over whole numbers."""
    from data.disclosure.publication import committee_publication
    settings, data = council
    publication = committee_publication(settings, data)
    primary = {c for c in publication.withheld if publication.values[c] <= THRESHOLD}
    assert primary and len(publication.withheld) > len(primary), "primary and secondary cells both"
    assert set(publication.audit) == publication.withheld
    narrow = [r for r in publication.audit.values() if not r.safe]
    assert narrow == []
    assert all(r.low <= r.value <= r.high for r in publication.audit.values())


def test_d004_commentary_with_a_withheld_number_is_kept_from_the_committee(council):
    from data import commentary
    from data.disclosure.publication import committee_publication
    from data.pack_content import readable_comments
    from dashboard.pages.commentary import saved
    settings, data = council
    publication = committee_publication(settings, data)
    period, measure_id, number = next((s.period.label, c[0], publication.values[c])
                                      for c in sorted(publication.withheld, key=repr) for s in publication.scopes
                                      if c[2] == "" and c[4] == "num" and s.period.grain == "year"
                                      and c[1] == f"period {s.period.label}")
    text = f"The figure was {number} this year; we are acting on it."
    commentary.save(settings, measure_id, period, text, "test-manager")
    assert disclosure.withheld_numbers(settings, data, measure_id, period, text) == [number]
    assert measure_id not in readable_comments(settings, data, period, "committee")
    assert readable_comments(settings, data, period, "director")[measure_id].text == text
    assert f"holds {number}," in str(saved(2, [number]).children)
    commentary.save(settings, measure_id, period, "We are acting on it.", "test-manager")
    assert measure_id in readable_comments(settings, data, period, "committee"), "without the number it is shown"
