"""Every measure: its id, theme, plain-English name, definition, the data it needs, and the
function that computes it. Pages, the report command and exports all read this one list."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from data.measures import escalations, neet, placements, reviews, workload
from data.measures.context import Context
from data.measures.result import Result

REVIEWS, PARTICIPATION, PLACEMENTS, ESCALATIONS, WORKLOAD, NEET = (
    "Reviews", "Participation", "Placements and sufficiency", "Escalations", "IRO workload", "NEET")
THEMES = (REVIEWS, PARTICIPATION, PLACEMENTS, ESCALATIONS, WORKLOAD, NEET)


@dataclass(frozen=True)
class Measure:
    id: str
    theme: str
    name: str
    definition: str
    needs: tuple[str, ...]  # tables, by database name
    compute: Callable[[Context], Result]
    lists_children: bool = False  # has child-level rows for roles allowed to see them


MEASURES: tuple[Measure, ...] = (
    Measure("review_timeliness", REVIEWS, "Reviews held on time",
            "Of reviews held in the period inside a period of care, the share held on or before the date "
            "due: the first within 20 working days of entering care, the second within 3 months of the "
            "first, later ones within 6 months of the one before.", ("episodes", "reviews"),
            reviews.review_timeliness, True),
    Measure("reviews_overdue_now", REVIEWS, "Children whose review is overdue",
            "Children in care on the as-at date whose next review was due before that date and has not "
            "been held.", ("episodes", "reviews"), reviews.reviews_overdue_now, True),
    Measure("reviews_due_next_28_days", REVIEWS, "Reviews due in the next 28 days",
            "Children in care whose next review falls due in the 28 days after the as-at date.",
            ("episodes", "reviews"), reviews.reviews_due_next_28_days, True),
    Measure("review_participation", PARTICIPATION, "Children taking part in their review",
            "Of reviews held in the period with a participation code PN1 to PN7, the share coded PN1 to "
            "PN6. Children under 4 (PN0) and reviews with no code are not counted.", ("episodes", "reviews"),
            reviews.review_participation),
    Measure("feedback_response_rate", PARTICIPATION, "Review feedback returned",
            "Of feedback requests sent for reviews held in the period, the share returned.", ("feedback",),
            reviews.feedback_response_rate),
    Measure("advocate_offered", PARTICIPATION, "Advocate offered (children aged 11 and over)",
            "Of reviews held in the period of children aged 11 or over with a feedback record, the share "
            "where the child was offered an advocate.", ("feedback", "header"), reviews.advocate_offered),
    Measure("midway_checks", REVIEWS, "IRO checks between reviews (midway checks)",
            "Of second and later reviews held in the period, the share with an IRO midway check after "
            "the review before.", ("episodes", "reviews", "midway"), reviews.midway_checks),
    Measure("cla_count", PLACEMENTS, "Children in care at the period end",
            "Distinct children with an episode of care open on the last day of the period (short breaks "
            "not counted).", ("episodes",), placements.cla_count),
    Measure("cla_rate_per_10k", PLACEMENTS, "Children in care per 10,000 children",
            "Children in care at the period end per 10,000 children aged 0-17 living in the area.",
            ("episodes",), placements.cla_rate_per_10k),
    Measure("placed_over_20_miles", PLACEMENTS, "Placed more than 20 miles from home",
            "Of children in care at the period end whose home and placement postcodes can both be "
            "located, the share whose placement is more than 20 miles in a straight line from home.",
            ("episodes", "postcode_centroids"), placements.placed_over_20_miles, True),
    Measure("placed_outside_la", PLACEMENTS, "Placed outside the council's area",
            "Of children in care at the period end, the share placed outside the council's own postcode "
            "districts.", ("episodes",), placements.placed_outside_la),
    Measure("stability_3plus_placements", PLACEMENTS, "Three or more placements in the year",
            "Of children in care at the period end, the share with three or more placements during the "
            "year (temporary placements not counted).", ("episodes",), placements.stability_3plus_placements),
    Measure("stability_long_term", PLACEMENTS, "Settled long term (under 16s in care two and a half years)",
            "Of children under 16 in care for at least 2.5 years, the share in the same placement for at "
            "least 2 years, or placed for adoption with that placement and the one before lasting 2 years.",
            ("episodes", "header"), placements.stability_long_term),
    Measure("uasc_share", PLACEMENTS, "Unaccompanied asylum-seeking children",
            "Of children in care at the period end, the share who are unaccompanied asylum-seeking children.",
            ("episodes", "uasc"), placements.uasc_share),
    Measure("exits_by_reason", PLACEMENTS, "How children left care",
            "Episodes ending in the period other than a change within care (X1), grouped by reason; "
            "'Other' is always shown broken down to its reasons.", ("episodes",), placements.exits_by_reason),
    Measure("escalations_raised", ESCALATIONS, "IRO escalations raised",
            "Escalations raised by IROs in the period, by highest stage reached and by category. More can "
            "be a healthy sign of IRO challenge, so there is no target.", ("escalations",),
            escalations.escalations_raised),
    Measure("escalations_resolved_in_time", ESCALATIONS, "Formal escalations resolved within 20 working days",
            "Of formal escalations (stage 1 or above) decided in the period, the share resolved within 20 "
            "working days of being raised. One still open, or resolved late, counts as not in time in the "
            "period in which its 20 working days ran out.", ("escalations",),
            escalations.escalations_resolved_in_time, True),
    Measure("escalations_admin_share", ESCALATIONS, "Escalations about reports or plans not ready",
            "Of escalations raised in the period, the share about administrative tasks (a report or care "
            "plan not ready in time, and the like).", ("escalations",), escalations.escalations_admin_share),
    Measure("cafcass_referrals", ESCALATIONS, "Referrals to Cafcass",
            "Escalations raised in the period that were referred to Cafcass.", ("escalations",),
            escalations.cafcass_referrals),
    Measure("iro_caseload", WORKLOAD, "IRO caseload: children per full-time IRO",
            "Children in care with an IRO allocated on the as-at date, divided by the full-time equivalent "
            "IROs in post. The IRO Handbook's guide is 50 to 70.", ("iros", "iro_allocations"),
            workload.iro_caseload),
    Measure("neet_16_17", NEET, "16-17 year olds in care not in education, employment or training",
            "Of 16 and 17 year olds in care on the as-at date with an education, employment or training "
            "status recorded, the share whose latest status is NEET (G4, G5 or G6).", ("eet_status",),
            neet.neet_16_17, True),
    Measure("neet_checks_overdue", NEET, "NEET young people not checked in the last six weeks",
            "Of 16 and 17 year olds in care whose latest status is NEET, the share whose latest status is "
            "more than 42 days old.", ("eet_status",), neet.neet_checks_overdue, True),
    Measure("care_leavers_neet", NEET, "Care leavers not in education, employment or training",
            "From the 903 care leavers table for the year: of care leavers in touch, the share not in "
            "education, employment or training.", ("oc3",), neet.care_leavers_neet),
    Measure("care_leavers_in_touch", NEET, "Care leavers the council is in touch with",
            "From the 903 care leavers table for the year: of care leavers (other than those who died), "
            "the share the council is in touch with.", ("oc3",), neet.care_leavers_in_touch),
)
MEASURES_BY_ID = {m.id: m for m in MEASURES}

# Breakdowns a page shows beside a measure, computed only when that page asks (they cost as
# much as the measure itself). Cached and suppressed like measures; not in the report.
BREAKDOWNS = {
    "review_timeliness_by_team": reviews.timeliness_by_team_and_iro,
    "review_participation_by_age": reviews.participation_by_age,
}
