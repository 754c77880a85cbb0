"""Review measures on hand-made cases."""
from datetime import date

import pandas as pd

from data.measures import reviews
from tests.cases import EPISODES, ctx, data, ep


def _reviews(*rows):
    return ("child review review_code", list(rows))


def test_first_review_on_its_due_date_is_on_time_and_a_day_later_is_late():
    # Both children enter care on Monday 2 October 2023: first review due Monday 30 October.
    d = data(episodes=(EPISODES, [ep("A", "2023-10-02"), ep("B", "2023-10-02")]),
             reviews=_reviews(("A", "2023-10-30", "PN1"), ("B", "2023-10-31", "PN1")))
    result = reviews.review_timeliness(ctx(d))
    assert (result.numerator, result.denominator) == (1, 2)
    assert result.rows["child"].tolist() == ["B"] and result.rows["days_late"].tolist() == [1]


def test_bank_holidays_inside_the_first_20_working_days_move_the_due_date():
    # In care Monday 18 December 2023; 25, 26 December and 1 January are bank holidays:
    # the 20th working day is Thursday 18 January 2024.
    d = data(episodes=(EPISODES, [ep("A", "2023-12-18"), ep("B", "2023-12-18")]),
             reviews=_reviews(("A", "2024-01-18", "PN1"), ("B", "2024-01-19", "PN1")))
    timed = d.timed_reviews.set_index("child")
    assert timed.loc["A", "due"] == pd.Timestamp("2024-01-18")
    assert timed["on_time"].to_dict() == {"A": True, "B": False}


def test_second_review_within_3_months_clipped_to_month_end():
    # First review 30 November 2023: the second is due by 29 February 2024 (leap year).
    d = data(episodes=(EPISODES, [ep("A", "2023-11-06"), ep("B", "2023-11-06")]),
             reviews=_reviews(("A", "2023-11-30", "PN1"), ("A", "2024-02-29", "PN1"),
                              ("B", "2023-11-30", "PN1"), ("B", "2024-03-01", "PN1")))
    timed = d.timed_reviews
    second = timed[timed["number"] == 2].set_index("child")
    assert second["due"].tolist() == [pd.Timestamp("2024-02-29")] * 2
    assert second["on_time"].to_dict() == {"A": True, "B": False}


def test_later_reviews_within_6_months_31_august_to_end_of_february():
    d = data(episodes=(EPISODES, [ep("A", "2023-04-03")]),
             reviews=_reviews(("A", "2023-04-28", "PN1"), ("A", "2023-07-28", "PN1"),
                              ("A", "2023-08-31", "PN1"), ("A", "2024-02-29", "PN1")))
    timed = d.timed_reviews
    assert timed["due"].dt.strftime("%Y-%m-%d").tolist()[-1] == "2024-02-29"
    assert timed["on_time"].tolist() == [True, True, True, True]  # a review brought forward restarts the clock
    result = reviews.review_timeliness(ctx(d))
    assert (result.numerator, result.denominator, result.status) == (4, 4, "GREEN")


def test_a_period_that_ends_and_restarts_counts_its_reviews_afresh():
    # Left care 30 June; back 1 September 2023: the review of 15 September is a first review,
    # due 20 working days after 1 September (29 September); one on 10 August is outside care.
    # The first period's first review: 3 April + 20 working days, past Easter and the May bank
    # holiday, is 4 May.
    d = data(episodes=(EPISODES, [ep("A", "2023-04-03", "2023-06-30", "E4A"), ep("A", "2023-09-01")]),
             reviews=_reviews(("A", "2023-04-20", "PN1"), ("A", "2023-08-10", "PN1"), ("A", "2023-09-15", "PN1")))
    timed = d.timed_reviews
    assert timed["number"].tolist() == [1, 1]
    assert timed["due"].dt.strftime("%Y-%m-%d").tolist() == ["2023-05-04", "2023-09-29"]
    assert (reviews.review_timeliness(ctx(d)).denominator) == 2


def test_x1_same_day_changes_do_not_restart_the_clock():
    d = data(episodes=(EPISODES, [ep("A", "2023-04-03", "2023-04-20", "X1"),
                                  ep("A", "2023-04-20", rne="P", place="U5")]),
             reviews=_reviews(("A", "2023-04-28", "PN1"), ("A", "2023-07-27", "PN1")))
    assert d.timed_reviews["number"].tolist() == [1, 2]


def test_short_breaks_are_left_out_of_timeliness():
    d = data(episodes=(EPISODES, [ep("A", "2023-04-03", ls="V3"), ep("B", "2023-04-03")]),
             reviews=_reviews(("A", "2023-06-01", "PN1"), ("B", "2023-04-20", "PN1")))
    result = reviews.review_timeliness(ctx(d))
    assert (result.numerator, result.denominator) == (1, 1)


def test_participation_leaves_out_pn0_and_missing_codes():
    d = data(episodes=(EPISODES, [ep("A", "2023-04-03"), ep("B", "2023-04-03")]),
             reviews=_reviews(("A", "2023-04-20", "PN1"), ("A", "2023-07-10", "PN7"), ("A", "2023-12-01", None),
                              ("B", "2023-04-21", "PN0"), ("B", "2023-07-11", "PN6")))
    result = reviews.review_participation(ctx(d))
    assert (result.numerator, result.denominator) == (2, 3)
    assert result.breakdown.set_index("group").loc["PN7", "numerator"] == 1
    assert result.note_lines()[0] == "Reviews not counted, of children under four (PN0) or with no code recorded: 2."


def test_overdue_and_coming_due_at_the_as_at_date():
    # As at 1 March 2024. A: last review 1 Sept 2023 -> next due 1 March 2024 (due today, not overdue).
    # B: entered 1 Feb 2024, no review -> first due 29 Feb 2024 -> overdue by 1 day.
    # C: last review 20 Feb 2024 (a second) -> next due 20 Aug: neither.
    # D: one review 10 Jan 2024 -> second due 10 April: not within 28 days.
    # E: last review 15 September 2023 (a later one) -> due 15 March: coming due.
    d = data(episodes=(EPISODES, [ep("A", "2023-01-02"), ep("B", "2024-02-01"), ep("C", "2023-10-02"),
                                  ep("D", "2023-12-11"), ep("E", "2022-04-04")]),
             reviews=_reviews(("A", "2023-01-20", "PN1"), ("A", "2023-03-01", "PN1"), ("A", "2023-09-01", "PN1"),
                              ("C", "2023-10-20", "PN1"), ("C", "2024-02-20", "PN1"), ("D", "2024-01-10", "PN1"),
                              ("E", "2022-04-20", "PN1"), ("E", "2022-07-20", "PN1"), ("E", "2023-03-15", "PN1"),
                              ("E", "2023-09-15", "PN1")))
    c = ctx(d, as_at=date(2024, 3, 1))
    overdue = reviews.reviews_overdue_now(c)
    assert overdue.numerator == 1 and overdue.rows["child"].tolist() == ["B"]
    assert overdue.status == "AMBER"  # green 0, amber up to 2
    soon = reviews.reviews_due_next_28_days(c)
    assert sorted(soon.rows["child"]) == ["A", "E"]


def test_feedback_response_and_advocate_offered():
    d = data(header=("child sex dob ethnic", [("A", "1", "2010-01-01", "WBRI"), ("B", "2", "2015-01-01", "WBRI")]),
             feedback=("child review respondent returned advocate_offered child_chaired", [
                 ("A", "2023-05-01", "CHILD", "Y", "Y", "CO"), ("A", "2023-05-01", "PARENT", "N", None, None),
                 ("A", "2023-11-01", "CHILD", "N", None, "NO"), ("B", "2023-05-01", "CHILD", "Y", "N", "NO"),
                 ("A", "2024-05-01", "CHILD", "Y", "Y", "NO")]))
    rate = reviews.feedback_response_rate(ctx(d))
    assert (rate.numerator, rate.denominator) == (2, 4)
    offered = reviews.advocate_offered(ctx(d))  # B is 8: not counted; A's two reviews at 13
    assert (offered.numerator, offered.denominator) == (1, 2)
    chaired = offered.extras["chaired"].set_index("group")["numerator"].to_dict()
    assert chaired == {"Chaired by the young person": 0, "Co-chaired": 1, "Chaired by the IRO": 2}


def test_midway_checks_count_second_and_later_reviews():
    d = data(episodes=(EPISODES, [ep("A", "2023-04-03")]),
             reviews=_reviews(("A", "2023-04-20", "PN1"), ("A", "2023-07-10", "PN1"), ("A", "2024-01-05", "PN1")),
             midway=("child check_date", [("A", "2023-06-01"), ("A", "2023-07-10")]))
    result = reviews.midway_checks(ctx(d))
    # 2nd review (10 July): checks on 1 June and 10 July fall after 20 April -> checked.
    # 3rd review (5 January): no check after 10 July -> not checked.
    assert (result.numerator, result.denominator) == (1, 2)


def test_timeliness_by_team_and_iro_and_participation_by_age():
    d = data(header=("child sex dob ethnic", [("A", "1", "2010-01-01", "WBRI"), ("B", "2", "2020-01-01", "WBRI")]),
             episodes=(EPISODES, [ep("A", "2023-10-02"), ep("B", "2023-10-02")]),
             reviews=_reviews(("A", "2023-10-30", "PN1"), ("B", "2023-10-31", "PN7")),
             child_teams=("child team start end", [("A", "North", "2023-10-02", None)]),
             iros=("iro_id name team fte start end", [("I1", "IRO 1", "T", 1.0, None, None)]),
             iro_allocations=("child iro_id start end", [("B", "I1", "2023-10-02", None)]))
    by = reviews.timeliness_by_team_and_iro(ctx(d)).extras
    assert by["by_team"].set_index("group")[["numerator", "denominator"]].to_dict("index") == {
        "No team recorded": {"numerator": 0, "denominator": 1}, "North": {"numerator": 1, "denominator": 1}}
    assert by["by_iro"].set_index("group")["denominator"].to_dict() == {"IRO 1": 1, "No IRO recorded": 1}
    ages = reviews.participation_by_age(ctx(d)).extras["by_age"].set_index("group")["numerator"].to_dict()
    assert ages == {"1-4": 0, "10-15": 1}  # on 31 March 2024 A is 14 and B is 4
