"""Escalations, IRO caseload and NEET measures on hand-made cases."""
import pandas as pd

from data.measures import escalations, neet, workload
from tests.cases import EPISODES, ctx, data, ep

ESCALATIONS = "escalation_id child iro_id raised highest_stage category resolved outcome cafcass"


def test_escalations_raised_by_stage_admin_share_and_cafcass():
    d = data(escalations=(ESCALATIONS, [
        ("1", "A", "I1", "2023-05-01", "INFORMAL", "ADMIN_REPORT", "2023-05-03", "RESOLVED", "N"),
        ("2", "A", "I1", "2023-06-01", "2", "PERMANENCE", None, None, "Y"),
        ("3", "B", "I1", "2023-07-01", "1", "ADMIN_CAREPLAN", "2023-07-05", "RESOLVED", "N"),
        ("4", "B", "I1", "2023-03-01", "1", "HEALTH", "2023-03-05", "RESOLVED", "N"),  # last year
    ]))
    raised = escalations.escalations_raised(ctx(d))
    assert raised.value == 3
    stages = raised.breakdown.set_index("group")["numerator"].to_dict()
    assert stages == {"Informal": 1, "Stage 1": 1, "Stage 2": 1, "Stage 3": 0, "Stage 4": 0}
    admin = escalations.escalations_admin_share(ctx(d))
    assert (admin.numerator, admin.denominator) == (2, 3)
    assert escalations.cafcass_referrals(ctx(d)).value == 1


def test_open_escalations_count_as_late_once_their_20_working_days_run_out():
    # Raised Monday 4 March 2024: 20 working days (Good Friday 29 March, Easter Monday 1 April)
    # run out on Wednesday 3 April 2024, in the next year.
    # Raised Monday 5 February 2024: deadline Monday 4 March 2024; still open: late in 2023-24.
    # Raised 1 June 2023, resolved 20 June: in time.
    # Raised 1 June 2023, resolved 2 August (late): late in 2023-24.
    # Informal ones do not count.
    d = data(escalations=(ESCALATIONS, [
        ("1", "A", "I1", "2024-03-04", "1", "HEALTH", None, None, "N"),
        ("2", "A", "I1", "2024-02-05", "2", "HEALTH", None, None, "N"),
        ("3", "B", "I1", "2023-06-01", "1", "HEALTH", "2023-06-20", "RESOLVED", "N"),
        ("4", "C", "I1", "2023-06-01", "3", "LEGAL", "2023-08-02", "RESOLVED", "N"),
        ("5", "C", "I1", "2023-06-01", "INFORMAL", "LEGAL", None, None, "N"),
    ]))
    status = escalations.resolution_status(d.escalations).set_index("escalation_id")
    assert str(status.loc["1", "deadline"].date()) == "2024-04-03"
    result = escalations.escalations_resolved_in_time(ctx(d))
    assert (result.numerator, result.denominator) == (1, 3)
    next_year = escalations.escalations_resolved_in_time(ctx(d, "2024-25"))
    assert (next_year.numerator, next_year.denominator) == (0, 1)


def test_iro_caseload_per_full_time_iro():
    d = data(episodes=(EPISODES, [ep(c, "2023-01-01") for c in "ABCDE"]),
             iros=("iro_id name team fte start end", [("I1", "IRO 1", "T", 1.0, None, None),
                                                      ("I2", "IRO 2", "T", 0.5, None, None),
                                                      ("I3", "IRO 3", "T", 1.0, "2020-01-01", "2023-12-31")]),
             iro_allocations=("child iro_id start end", [("A", "I1", "2023-01-01", None), ("B", "I1", "2023-01-01", None),
                                                         ("C", "I2", "2023-01-01", None),
                                                         ("D", "I3", "2023-01-01", "2023-12-31")]))
    result = workload.iro_caseload(ctx(d))  # 3 children allocated / 1.5 FTE in post at 31 March
    assert result.value == 2 and result.numerator == 3
    per_iro = result.breakdown.set_index("iro_id")["value"].to_dict()
    assert per_iro == {"I1": 2.0, "I2": 2.0}
    assert result.note_lines()[0] == "Children in care with no IRO allocation recorded on this date: 2."


def test_iros_of_two_councils_with_one_name_are_told_apart():
    episodes = pd.DataFrame([("111", *ep("A", "2023-01-01")), ("222", *ep("B", "2023-01-01"))],
                            columns=["la", *EPISODES.split()])
    iros = pd.DataFrame([("111", "I1", "IRO 1", "T", 1.0, None, None), ("222", "I1", "IRO 1", "T", 1.0, None, None)],
                        columns="la iro_id name team fte start end".split())
    allocations = pd.DataFrame([("111", "A", "I1", "2023-01-01", None), ("222", "B", "I1", "2023-01-01", None)],
                               columns="la child iro_id start end".split())
    result = workload.iro_caseload(ctx(data(episodes=episodes, iros=iros, iro_allocations=allocations)))
    assert sorted(result.breakdown["group"]) == ["IRO 1 (111)", "IRO 1 (222)"]
    assert result.breakdown["numerator"].tolist() == [1, 1]


def test_neet_16_17_counts_a_child_turning_16_mid_period():
    header = ("child sex dob ethnic", [("A", "1", "2007-06-01", "WBRI"), ("B", "2", "2008-02-01", "WBRI"),
                                       ("C", "1", "2008-06-01", "WBRI"), ("D", "1", "2007-09-01", "WBRI")])
    # As at 31 March 2024: A is 16, B turned 16 on 1 February 2024, C is 15, D is 16 with no status.
    d = data(header=header, episodes=(EPISODES, [ep(c, "2022-01-01") for c in "ABCD"]),
             eet_status=("child status_date activ adviser", [
                 ("A", "2024-01-10", "F2", "PA 1"), ("A", "2024-03-01", "G5", "PA 1"),  # latest: NEET, 30 days
                 ("B", "2024-02-10", "G6", "PA 2"),  # NEET, 50 days old: overdue
                 ("C", "2024-03-01", "G5", "PA 2"),  # too young
             ]))
    result = neet.neet_16_17(ctx(d))
    assert (result.numerator, result.denominator) == (2, 2)
    assert result.extras["no_status"].set_index("group")["numerator"]["unknown"] == 1
    checks = neet.neet_checks_overdue(ctx(d))
    assert (checks.numerator, checks.denominator) == (1, 2)
    assert checks.rows["child"].tolist() == ["B"] and checks.rows["days_since_check"].tolist() == [50]


def test_neet_ignores_status_rows_of_children_the_903_does_not_know():
    """An extract can outlive a return that replaced its children: their rows are no one's, and
    two of them once made the cohort fail ("cannot reindex on an axis with duplicate labels")."""
    header = ("child sex dob ethnic", [("A", "1", "2007-06-01", "WBRI")])
    d = data(header=header, episodes=(EPISODES, [ep("A", "2022-01-01")]),
             eet_status=("child status_date activ adviser", [
                 ("A", "2024-03-01", "G5", "PA 1"), ("0X", "2024-03-01", "G5", "PA 1"), ("ZY", "2024-03-02", "F2", "PA 2")]))
    assert (neet.neet_16_17(ctx(d)).numerator, neet.neet_16_17(ctx(d)).denominator) == (1, 1)


def test_care_leavers_from_oc3_of_the_year():
    d = data(oc3=("child year dob in_touch activ accom", [
        ("A", 2024, "2004-05-01", "YES", "G5", "D1"),  # 19 on 1 May 2023: NEET
        ("B", 2024, "2006-01-01", "YES", "F2", "D1"),  # 18 on 1 January 2024: in education
        ("C", 2024, "2004-01-01", "NO", "0", "0"),
        ("D", 2024, "2004-01-01", "DIED", "0", "0"),
        ("E", 2023, "2004-01-01", "YES", "G5", "D1"),  # another year
    ]))
    neet_result = neet.care_leavers_neet(ctx(d))
    assert (neet_result.numerator, neet_result.denominator) == (1, 2)
    by_age = neet_result.breakdown.set_index("group")["numerator"].to_dict()
    assert by_age == {"17-18": 0, "19-21": 1}
    touch = neet.care_leavers_in_touch(ctx(d))
    assert (touch.numerator, touch.denominator) == (2, 3)


def test_escalations_open_on_the_as_at_date_include_those_resolved_later():
    d = data(escalations=(ESCALATIONS, [
        ("1", "A", "I1", "2024-02-01", "1", "HEALTH", "2024-05-01", "RESOLVED", "N"),  # open on 31 March
        ("2", "A", "I1", "2024-03-20", "2", "HEALTH", None, None, "N"),  # open on 31 March
        ("3", "B", "I1", "2024-01-10", "1", "HEALTH", "2024-02-01", "RESOLVED", "N"),  # closed by then
    ]))
    result = escalations.escalations_resolved_in_time(ctx(d))
    ages = result.extras["open_by_age"].set_index("group")["numerator"].to_dict()
    assert ages == {"Up to 4 weeks": 1, "4 to 8 weeks": 0, "8 to 13 weeks": 1, "Over 13 weeks": 0}  # 11 and 59 days
    assert sorted(result.rows["escalation_id"]) == ["1", "2"]


def test_teams_and_iros_of_two_councils_with_one_name_are_told_apart_in_filters_and_breakdowns():
    from callbacks.scope import filter_options
    from data.measures import reviews
    from data.measures.filters import Filters
    from data.measures.periods import parse_period
    from tests.cases import COUNCIL, RULES
    from data.measures.context import make_context
    two = ("111", "222")
    episodes = pd.DataFrame([(la, *ep("A", "2023-01-01")) for la in two], columns=["la", *EPISODES.split()])
    reviewed = pd.DataFrame([(la, "A", "2023-01-20", "PN1") for la in two], columns="la child review review_code".split())
    teams = pd.DataFrame([(la, "A", "North", "2023-01-01", None) for la in two], columns="la child team start end".split())
    iros = pd.DataFrame([(la, "I1", "IRO 1", "T", 1.0, None, None) for la in two],
                        columns="la iro_id name team fte start end".split())
    allocations = pd.DataFrame([(la, "A", "I1", "2023-01-01", None) for la in two],
                               columns="la child iro_id start end".split())
    d = data(episodes=episodes, reviews=reviewed, child_teams=teams, iros=iros, iro_allocations=allocations)
    options = filter_options(d).choices
    assert [value for value, _ in options["team"]] == ["North (111)", "North (222)"]
    assert options["iro"] == [("I1 (111)", "IRO 1 (111)"), ("I1 (222)", "IRO 1 (222)")]
    period = parse_period("2022-23")  # the review of 20 January 2023 falls in it
    one = make_context(d, period, RULES, COUNCIL, filters=Filters(team=("North (111)",)))
    assert one.children[:-1].sum() == 1, "the filter selects the one council's child only"
    both = reviews.timeliness_by_team_and_iro(make_context(d, period, RULES, COUNCIL))
    assert both.extras["by_team"]["group"].tolist() == ["North (111)", "North (222)"]
    assert both.extras["by_iro"]["group"].tolist() == ["IRO 1 (111)", "IRO 1 (222)"]
