"""Children in care, distance, stability, UASC and exits on hand-made cases."""
from data.measures import placements
from tests.cases import EPISODES, ctx, data, ep

CENTROIDS = ("postcode lat lon", [
    ("XX1 1AA", 52.0, -1.0), ("XX1 2BB", 52.01, -1.0),  # about 0.7 miles apart
    ("YY9 9ZZ", 52.5, -1.0),  # 0.5 degrees of latitude north: about 34.5 miles
    ("XX2", 52.2, -1.0),  # a district-level centroid: 13.8 miles from XX1 1AA
])


def test_children_in_care_at_year_end_and_rate():
    d = data(episodes=(EPISODES, [
        ep("A", "2023-01-01"),  # in care
        ep("B", "2023-01-01", "2024-03-31", "E4A"),  # left on 31 March: not in care on 31 March
        ep("C", "2024-03-31"),  # came in on 31 March: in care
        ep("D", "2023-06-01", ls="V4"),  # short breaks: not counted
        ep("E", "2023-01-01", "2023-05-01", "X1"), ep("E", "2023-05-01", rne="P"),  # counted once
    ]))
    count = placements.cla_count(ctx(d))
    assert count.value == 3
    rate = placements.cla_rate_per_10k(ctx(d))  # 3 / 10,000 x 10,000
    assert rate.value == 3 and rate.denominator == 10000


def test_distance_uses_centroids_and_never_guesses():
    d = data(episodes=(EPISODES, [
        ep("A", "2023-01-01", home="XX1 1AA", pl="XX1 2BB"),  # near
        ep("B", "2023-01-01", home="XX1 1AA", pl="yy99zz"),  # far (normalised postcode)
        ep("C", "2023-01-01", home="XX1 1AA", pl="XX2 7QQ"),  # resolved to its district: 13.8 miles
        ep("D", "2023-01-01", home="XX1 1AA", pl="ZZ1 1ZZ"),  # unknown: left out
        ep("E", "2023-01-01", home=None, pl="XX1 2BB"),  # no home postcode: left out
    ]), postcode_centroids=CENTROIDS)
    result = placements.placed_over_20_miles(ctx(d))
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.extras["left_out"]["numerator"].tolist() == [2] and result.note_lines()[0].endswith(": 2.")
    assert result.rows["miles"].iloc[0] == 34.5


def test_placed_outside_the_councils_districts():
    d = data(episodes=(EPISODES, [ep("A", "2023-01-01", pl="XX1 2BB"), ep("B", "2023-01-01", pl="XX2 1AB"),
                                  ep("C", "2023-01-01", pl="YY9 9ZZ"), ep("D", "2023-01-01", pl=None)]))
    result = placements.placed_outside_la(ctx(d))
    assert (result.numerator, result.denominator) == (1, 3)


def test_three_or_more_placements_in_the_year():
    d = data(episodes=(EPISODES, [
        # A: open at 1 April, then two moves in the year: 3 placements.
        ep("A", "2022-06-01", "2023-07-01", "X1"), ep("A", "2023-07-01", "2023-09-01", "X1", rne="P"),
        ep("A", "2023-09-01", rne="P"),
        # B: open at 1 April, a legal status change (L) and a temporary placement: 1 counted, then
        # one move: 2 placements.
        ep("B", "2022-06-01", "2023-05-01", "X1"), ep("B", "2023-05-01", "2023-06-01", "X1", rne="L", ls="C2"),
        ep("B", "2023-06-01", "2023-06-10", "X1", rne="P", place="T4"), ep("B", "2023-06-10", rne="P"),
    ]))
    result = placements.stability_3plus_placements(ctx(d))
    assert (result.numerator, result.denominator) == (1, 2)


def test_long_term_stability():
    header = ("child sex dob ethnic", [(c, "1", "2012-01-01", "WBRI") for c in "ABCD"] +
              [("E", "1", "2007-01-01", "WBRI")])
    d = data(header=header, episodes=(EPISODES, [
        ep("A", "2020-01-01"),  # same placement 4 years: stable
        ep("B", "2020-01-01", "2023-01-01", "X1"), ep("B", "2023-01-01", rne="P"),  # moved 15 months ago
        ep("C", "2020-01-01", "2022-06-01", "X1"), ep("C", "2022-06-01", rne="L", ls="C2"),  # legal change only
        ep("D", "2020-01-01", "2023-01-01", "X1"), ep("D", "2023-01-01", rne="P", place="A4"),  # adoption:
        # placement 15 months + the one before: counts
        ep("E", "2020-01-01"),  # 17 at year end: not in the cohort
    ]))
    result = placements.stability_long_term(ctx(d))
    assert (result.numerator, result.denominator) == (3, 4)


def test_uasc_share_counts_status_at_year_end():
    d = data(episodes=(EPISODES, [ep(c, "2023-01-01") for c in "ABCD"]),
             uasc=("child duc", [("A", None), ("B", "2025-01-01"), ("C", "2024-01-01")]))
    result = placements.uasc_share(ctx(d))
    assert (result.numerator, result.denominator) == (2, 4)


def test_exits_grouped_with_other_broken_down():
    d = data(episodes=(EPISODES, [
        ep("A", "2023-01-01", "2023-05-01", "E11"), ep("B", "2023-01-01", "2023-05-01", "E4B"),
        ep("C", "2023-01-01", "2023-06-01", "E16"), ep("D", "2023-01-01", "2023-06-01", "E8"),
        ep("E", "2023-01-01", "2023-06-01", "X1"), ep("E", "2023-06-01", rne="P"),
        ep("F", "2022-01-01", "2023-03-31", "E13"),  # before the year
    ]))
    result = placements.exits_by_reason(ctx(d))
    assert result.value == 4
    groups = result.breakdown.set_index("group")["numerator"]
    assert groups["Adopted"] == 1 and groups["Returned home"] == 1 and groups["Other"] == 2
    other = result.extras["other"].set_index("code")["meaning"].to_dict()
    assert other == {"E16": "Moved abroad", "E8": "Ceased for any other reason"}


def test_long_term_stability_counts_durations_forward_from_their_start():
    """measures.md: in care 2.5 years when start + 30 months is on or before the date; in a
    placement 2 years when its start + 24 months is. Counted back from the date instead, a child
    in care since 31 October 2020 would miss 30 April 2023 (30 April - 30 months = 30 October)."""
    header = ("child sex dob ethnic", [(c, "1", "2012-01-01", "WBRI") for c in "ABCDE"])
    d = data(header=header, episodes=(EPISODES, [
        ep("A", "2020-10-31"),  # 31 Oct 2020 + 30 months = 30 April 2023: in, and stable
        ep("B", "2020-11-01"),  # + 30 months = 1 May 2023: not yet
    ]))
    result = placements.stability_long_term(ctx(d, "2023-04"))
    assert (result.numerator, result.denominator) == (1, 1)
    d = data(header=header, episodes=(EPISODES, [ep("C", "2020-12-31")]))  # + 30 months = 30 June 2023
    assert placements.stability_long_term(ctx(d, "2023-24 Q1")).denominator == 1
    # A placement from 29 February 2020 has lasted 2 years on 28 February 2022 (+ 24 months).
    d = data(header=header, episodes=(EPISODES, [
        ep("D", "2019-01-01", "2020-02-29", "X1"), ep("D", "2020-02-29", rne="P"),
        ep("E", "2019-01-01", "2020-03-01", "X1"), ep("E", "2020-03-01", rne="P"),  # 1 March 2022: not yet
    ]))
    result = placements.stability_long_term(ctx(d, "2022-02"))
    assert (result.numerator, result.denominator) == (1, 2)
