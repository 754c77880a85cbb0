"""The manager's worklist on a hand-made case (every date worked out on paper), and its counts
against the measures of the same day."""
from datetime import date

from data.measures import neet, reviews, worklist
from tests.cases import EPISODES, ctx, data, ep

ESCALATIONS = "escalation_id child iro_id raised highest_stage category resolved outcome cafcass"
AS_AT = date(2024, 3, 15)


def _case():
    header = ("child sex dob ethnic", [("A", "1", "2010-01-01", "WBRI"), ("B", "2", "2012-01-01", "WBRI"),
                                       ("C", "1", "2007-06-01", "WBRI"), ("D", "2", "2007-09-01", "WBRI"),
                                       ("E", "1", "2011-01-01", "WBRI")])
    return data(
        header=header,
        episodes=(EPISODES, [ep("A", "2023-01-10"), ep("B", "2024-02-20"), ep("C", "2022-01-01"),
                             ep("D", "2022-01-01"), ep("E", "2023-01-02")]),
        # A: reviews 2023-02-01 and 2023-05-01, next due 6 months on: 2023-11-01, 135 days overdue by 15 March.
        # E: reviews 2023-01-25, 2023-04-20 and 2023-09-20: next 2024-03-20, in 5 days; a midway check on
        #    2023-12-01 (after the last review): nothing more to chase.
        # B: came into care 20 February 2024: first review due 20 working days on, 19 March 2024 (coming due).
        reviews=("child review review_code", [("A", "2023-02-01", "PN1"), ("A", "2023-05-01", "PN1"),
                                              ("E", "2023-01-25", "PN1"), ("E", "2023-04-20", "PN1"),
                                              ("E", "2023-09-20", "PN1"), ("C", "2023-09-25", "PN1"),
                                              ("C", "2023-06-25", "PN1"), ("C", "2022-01-20", "PN1"),
                                              ("D", "2022-01-25", "PN1"), ("D", "2022-04-20", "PN1"),
                                              ("D", "2023-12-01", "PN1")]),  # D: next due 1 June 2024
        # C: last review 25 September 2023, next due 25 March 2024 (in 10 days), no midway check since: chase one.
        midway=("child check_date", [("E", "2023-12-01"), ("C", "2023-08-01")]),
        # C is 16, NEET, checked 20 January 2024: next check 2 March, 13 days overdue.
        # D is 16, NEET, checked 5 February 2024: next check 18 March, due in 3 days.
        eet_status=("child status_date activ adviser", [("C", "2024-01-20", "G5", "PA 1"),
                                                        ("D", "2024-02-05", "G6", None)]),
        # Stage 1 raised 1 February 2024, open: 20 working days end 29 February, late by 15 days.
        # Stage 2 raised 1 March 2024, open: not yet late. Informal, open: never on the list.
        escalations=(ESCALATIONS, [("1", "A", "I1", "2024-02-01", "1", "HEALTH", None, None, "N"),
                                   ("2", "B", "I1", "2024-03-01", "2", "PLACEMENT", None, None, "N"),
                                   ("3", "E", "I1", "2023-01-01", "INFORMAL", "LEGAL", None, None, "N")]),
        child_teams=("child team start end", [("A", "North", "2023-01-01", None)]),
        iros=("iro_id name team fte start end", [("I1", "IRO One", "T", 1.0, None, None)]),
        iro_allocations=("child iro_id start end", [("A", "I1", "2023-01-01", None)]),
    )


def test_each_item_of_the_worklist_with_its_due_date_and_days_overdue():
    items = worklist.worklist(ctx(_case(), as_at=AS_AT))
    got = {(row.kind, row.child): (str(row.due.date()), row.days_overdue) for row in items.itertuples()}
    assert got == {
        ("review overdue", "A"): ("2023-11-01", 135),
        ("escalation open past 20 working days", "A"): ("2024-02-29", 15),
        ("neet check overdue", "C"): ("2024-03-02", 13),
        ("neet check due", "D"): ("2024-03-18", 0),
        ("review due", "B"): ("2024-03-19", 0),
        ("review due", "E"): ("2024-03-20", 0),
        ("review due", "C"): ("2024-03-25", 0),
        ("midway check due", "C"): ("2024-03-25", 0),
    }
    # most days overdue first, then the soonest due
    assert items["child"].tolist()[:3] == ["A", "A", "C"] and items["days_overdue"].tolist()[:3] == [135, 15, 13]
    a = items[items["child"] == "A"].iloc[0]
    assert (a["team"], a["iro"]) == ("North", "IRO One")
    assert items.loc[items["kind"] == "neet check overdue", "adviser"].tolist() == ["PA 1"]
    assert items.loc[items["kind"] == "review due", "what"].tolist() == ["First review", "Third or later review",
                                                                         "Third or later review"]


def test_section_counts_equal_the_measures_of_the_same_day():
    context = ctx(_case(), as_at=AS_AT)
    counts = worklist.counts(worklist.worklist(context))
    assert counts[worklist.REVIEW_OVERDUE] == reviews.reviews_overdue_now(context).value == 1
    assert counts[worklist.REVIEW_DUE] == reviews.reviews_due_next_28_days(context).value == 3
    assert counts[worklist.NEET_OVERDUE] == neet.neet_checks_overdue(context).numerator == 1
