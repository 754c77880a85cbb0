"""Which measures a data quality rule can change: those that read a 903 field the rule reads.

A rule's fields are the DfE package's "affected fields" for its rules and the importer's own
(data/ingest/problems.py OWN_RULES). The fields each measure reads are listed here, from the
measure functions in data/measures/ (a test checks every 903 measure of the catalogue is here).
"""
from __future__ import annotations

from data.measures.catalogue import MEASURES, MEASURES_BY_ID

# Whether and when a child is in care: periods of care, short breaks, the as-at population.
IN_CARE = frozenset({"DECOM", "DEC", "RNE", "REC", "LS"})
MEASURE_FIELDS: dict[str, frozenset[str]] = {
    "review_timeliness": IN_CARE | {"REVIEW"},
    "reviews_overdue_now": IN_CARE | {"REVIEW"},
    "reviews_due_next_28_days": IN_CARE | {"REVIEW"},
    "review_participation": IN_CARE | {"REVIEW", "REVIEW_CODE"},
    "midway_checks": IN_CARE | {"REVIEW"},
    "advocate_offered": frozenset({"DOB"}),
    "cla_count": IN_CARE,
    "cla_rate_per_10k": IN_CARE,
    "placed_over_20_miles": IN_CARE | {"HOME_POST", "PL_POST"},
    "placed_outside_la": IN_CARE | {"PL_POST"},
    "stability_3plus_placements": IN_CARE | {"PLACE"},
    "stability_long_term": IN_CARE | {"PLACE", "DOB"},
    "uasc_share": IN_CARE | {"DUC", "UASC"},
    "exits_by_reason": frozenset({"DEC", "REC", "LS"}),
    "iro_caseload": IN_CARE,
    "neet_16_17": IN_CARE | {"DOB"},
    "neet_checks_overdue": IN_CARE | {"DOB"},
    "care_leavers_neet": frozenset({"IN_TOUCH", "ACTIV"}),
    "care_leavers_in_touch": frozenset({"IN_TOUCH"}),
}
# Fields the DfE package works out from others before its rules run.
DERIVED_FIELDS = {"PL_LA": {"PL_POST"}, "PL_LOCATION": {"PL_POST"}, "PL_DISTANCE": {"HOME_POST", "PL_POST"},
                  "CONTINUOUSLY_LOOKED_AFTER": IN_CARE}
# Measures built on local extracts alone: no 903 rule can change them.
LOCAL_ONLY = frozenset(m.id for m in MEASURES if not set(m.needs) & {"episodes", "reviews", "header", "uasc", "oc3"})


def measures_for(fields) -> list[str]:
    """Measure ids, in catalogue order, that read any of the fields."""
    wanted = set()
    for name in fields:
        wanted |= DERIVED_FIELDS.get(name, {name})
    return [m.id for m in MEASURES if MEASURE_FIELDS.get(m.id, frozenset()) & wanted]


def measure_names(measure_ids) -> list[str]:
    return [MEASURES_BY_ID[m].name for m in measure_ids]
