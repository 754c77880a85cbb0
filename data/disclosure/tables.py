"""How each measure's published counts add up: the linked tables that the committee's suppression
protects together (protect.py) and the audit checks (audit.py).

A measure's result holds a headline (numerator, and denominator for a share) and tables (its
breakdown and extras), each row a count or a share's numerator and denominator. What a reader
with a calculator can use is every sum between them: a table's rows and the headline they add up
to, a share's numerator and what it leaves out (its complement), a year and its quarters, and
the same count shown by two measures. They are declared here, once, as data."""
from __future__ import annotations

from dataclasses import dataclass

from data.measures.escalations import CATEGORY_LABELS
from data.measures.reviews import PARTICIPATED

# What a measure's counts are counted over, and so which other periods hold the same counts:
PERIOD = "period"            # events in the period: a year's counts are the sums of its quarters'
DAY = "day"                  # the state on the period's last day: a year and its last quarter are the same
AS_AT = "as_at"              # the state on the as-at date: likewise
COLLECTION_YEAR = "year"     # the 903 table of the collection year: every quarter of it shows the same
PERIOD_ONLY = "period_only"  # about the period as a whole, but not a sum of its parts (placements in it)

SHARES, COUNTS = "shares", "counts"
NUMERATOR, DENOMINATOR = "numerator", "denominator"


@dataclass(frozen=True)
class Table:
    """One table of a result: `source` is "breakdown" or an extras key. `parts`: SHARES rows have
    a numerator and denominator each; COUNTS rows a numerator each (their "denominator" column, if
    any, is the whole they add up to). `adds_to`: the headline part its rows add up to, or None
    for a table with its own total (its denominator column) or none. `complete`: the rows cover
    every unit of what they add up to. `over_time`: a row's group is fixed by the event (its
    review number, its code), so a year's row is the sum of its quarters'; not so for groups read
    from the child on the as-at date (team, IRO, age band). `key`: the column naming each row."""

    source: str
    parts: str = SHARES
    adds_to: str | None = NUMERATOR
    complete: bool = True
    over_time: bool = True
    key: str = "group"
    time: str | None = None  # counted over another basis than the measure's headline (open escalations now)


@dataclass(frozen=True)
class Published:
    time: str
    headline: str = SHARES  # SHARES, COUNTS (a count), or "rate" (a count over a public figure)
    tables: tuple[Table, ...] = ()


def _notes(source: str) -> Table:
    """The counts a note's sentence gives (CountsNote): a table of its own."""
    return Table(source, COUNTS, adds_to=None)


MEASURES: dict[str, Published] = {
    "review_timeliness": Published(PERIOD, tables=(Table("breakdown"),)),
    "review_timeliness_by_team": Published(PERIOD, tables=(
        Table("by_team", over_time=False), Table("by_iro", over_time=False))),
    "reviews_overdue_now": Published(AS_AT, COUNTS),
    "reviews_due_next_28_days": Published(AS_AT, COUNTS),
    "midway_checks": Published(PERIOD),
    "review_participation": Published(PERIOD, tables=(
        Table("breakdown", COUNTS, adds_to=DENOMINATOR), _notes("not_counted"))),
    "review_participation_by_age": Published(PERIOD, tables=(Table("by_age", complete=False, over_time=False),)),
    "feedback_response_rate": Published(PERIOD, tables=(Table("breakdown", complete=False),)),
    "advocate_offered": Published(PERIOD, tables=(Table("chaired", COUNTS, adds_to=None),)),
    "cla_count": Published(DAY, COUNTS, tables=tuple(
        Table(name, COUNTS, complete=name != "age_band", over_time=False) for name in
        ("sex", "ethnic_group", "legal_status", "placement_group", "uasc", "age_band", "provider"))),
    "cla_rate_per_10k": Published(DAY, "rate"),
    "placed_over_20_miles": Published(DAY, tables=(_notes("left_out"),)),
    "placed_outside_la": Published(DAY, tables=(_notes("left_out"),)),
    "stability_3plus_placements": Published(PERIOD_ONLY),
    "stability_long_term": Published(DAY),
    "uasc_share": Published(DAY),
    "exits_by_reason": Published(PERIOD, COUNTS, tables=(
        Table("breakdown", COUNTS), Table("codes", COUNTS, key="code"), Table("other", COUNTS, complete=False, key="code"))),
    "escalations_raised": Published(PERIOD, COUNTS, tables=(
        Table("breakdown", COUNTS), Table("by_category", COUNTS, key="code"))),
    "escalations_resolved_in_time": Published(PERIOD, tables=(
        Table("open_by_age", COUNTS, adds_to=None, time=AS_AT),)),
    "escalations_admin_share": Published(PERIOD),
    "cafcass_referrals": Published(PERIOD, COUNTS),
    "iro_caseload": Published(AS_AT, COUNTS, tables=(
        Table("breakdown", COUNTS, complete=False, over_time=False), _notes("unallocated"))),
    "neet_16_17": Published(AS_AT, tables=(_notes("no_status"),)),
    "neet_checks_overdue": Published(AS_AT),
    "care_leavers_neet": Published(COLLECTION_YEAR, tables=(Table("breakdown"),)),
    "care_leavers_in_touch": Published(COLLECTION_YEAR),
}

# A cell: (measure, table, row, part). The headline's table is "", its row "". Parts: "num",
# "den" and, for shares, "comp" (the denominator less the numerator); a COUNTS table with its own
# total gives it as the row "(all)".
HEAD = ""
ALL = "(all)"

# Counts two measures both show, or that add up across measures: each is (total, [parts]), a
# relation the reader can use whenever the cells are counted on the same day or period.
ADMIN_CODES = tuple(code for code in CATEGORY_LABELS if code.startswith("ADMIN_"))
LINKS: tuple[tuple[tuple, tuple[tuple, ...]], ...] = (
    (("review_timeliness_by_team", HEAD, HEAD, "num"), (("review_timeliness", HEAD, HEAD, "num"),)),
    (("review_timeliness_by_team", HEAD, HEAD, "den"), (("review_timeliness", HEAD, HEAD, "den"),)),
    (("review_participation_by_age", HEAD, HEAD, "num"), (("review_participation", HEAD, HEAD, "num"),)),
    (("review_participation_by_age", HEAD, HEAD, "den"), (("review_participation", HEAD, HEAD, "den"),)),
    (("review_timeliness", HEAD, HEAD, "den"), (("review_participation", HEAD, HEAD, "den"),
                                                ("review_participation", "not_counted", "not_counted", "num"))),
    (("review_participation", HEAD, HEAD, "num"), tuple(("review_participation", "breakdown", code, "num")
                                                        for code in PARTICIPATED)),
    (("midway_checks", HEAD, HEAD, "den"), (("review_timeliness", "breakdown", "Second review", "den"),
                                            ("review_timeliness", "breakdown", "Later reviews", "den"))),
    (("advocate_offered", "chaired", ALL, "num"), (("feedback_response_rate", "breakdown", "The young person", "den"),)),
    (("cla_rate_per_10k", HEAD, HEAD, "num"), (("cla_count", HEAD, HEAD, "num"),)),
    (("uasc_share", HEAD, HEAD, "den"), (("cla_count", HEAD, HEAD, "num"),)),
    (("uasc_share", HEAD, HEAD, "num"), (("cla_count", "uasc", "Yes", "num"),)),
    (("cla_count", HEAD, HEAD, "num"), (("placed_over_20_miles", HEAD, HEAD, "den"),
                                        ("placed_over_20_miles", "left_out", "unresolved", "num"))),
    (("cla_count", HEAD, HEAD, "num"), (("placed_outside_la", HEAD, HEAD, "den"),
                                        ("placed_outside_la", "left_out", "no_postcode", "num"))),
    (("cla_count", HEAD, HEAD, "num"), (("iro_caseload", HEAD, HEAD, "num"),
                                        ("iro_caseload", "unallocated", "unallocated", "num"))),
    (("neet_16_17", "no_status", "people", "num"), (("cla_count", "age_band", "16-17", "num"),)),
    (("neet_16_17", "no_status", "people", "num"), (("neet_16_17", HEAD, HEAD, "den"),
                                                    ("neet_16_17", "no_status", "unknown", "num"))),
    (("neet_checks_overdue", HEAD, HEAD, "den"), (("neet_16_17", HEAD, HEAD, "num"),)),
    (("care_leavers_in_touch", HEAD, HEAD, "num"), (("care_leavers_neet", HEAD, HEAD, "den"),)),
    (("escalations_admin_share", HEAD, HEAD, "den"), (("escalations_raised", HEAD, HEAD, "num"),)),
    (("escalations_admin_share", HEAD, HEAD, "num"), tuple(("escalations_raised", "by_category", code, "num")
                                                           for code in ADMIN_CODES)),
)
# Counts that are part of another: the rest (the whole less the parts) is never shown but can be
# worked out, so it is a count like any other (escalations not referred to Cafcass, say).
SUBSETS: tuple[tuple[tuple, tuple[tuple, ...]], ...] = (
    (("escalations_raised", HEAD, HEAD, "num"), (("cafcass_referrals", HEAD, HEAD, "num"),)),
    (("cla_count", HEAD, HEAD, "num"), (("reviews_overdue_now", HEAD, HEAD, "num"),
                                        ("reviews_due_next_28_days", HEAD, HEAD, "num"))),
    (("cla_count", HEAD, HEAD, "num"), (("stability_long_term", HEAD, HEAD, "den"),)),
)
# A finer table whose rows add up to a coarser one's: (measure, fine table, coarse table); each fine
# row names its coarse row in its "group" column. And tables that repeat another's rows.
REFINES = (("exits_by_reason", "codes", "breakdown"),)
REPEATS = (("exits_by_reason", "other", "codes"),)
