"""The 903's codes in words (ssda903.md's code lists), for what managers read: a young person's
timeline and the worklist. A code with no words here is shown as written."""
from __future__ import annotations

LEGAL_STATUS_WORDS = {
    "C1": "interim care order", "C2": "full care order", "D1": "freeing order", "E1": "placement order",
    "V2": "accommodated under section 20", "V3": "short breaks (single episodes)",
    "V4": "short breaks (an agreed series)", "L1": "police protection", "L2": "emergency protection order",
    "L3": "child assessment order", "J1": "remanded to the council or youth detention",
    "J2": "in council accommodation under PACE", "J3": "youth rehabilitation order with residence",
}
NEW_EPISODE_WORDS = {
    "S": "came into care", "L": "legal status changed", "P": "placement and carer changed",
    "T": "placement changed, same carer", "B": "legal status, placement and carer changed",
    "U": "legal status and placement changed, same carer",
}
PLACEMENT_WORDS = {
    "A3": "placed for adoption with consent, with their foster carer",
    "A4": "placed for adoption with consent", "A5": "placed for adoption under a placement order, with their foster carer",
    "A6": "placed for adoption under a placement order", "H5": "semi-independent living",
    "K1": "secure children's home", "K2": "children's home", "K3": "registered supported accommodation",
    "P1": "living with parents", "P2": "independent living", "P3": "residential employment",
    "R1": "residential care home", "R2": "NHS or other medical or nursing establishment",
    "R3": "family centre or mother and baby unit", "R5": "young offender institution", "S1": "residential school",
    "T0": "temporary placement", "T1": "temporary placement", "T2": "temporary placement",
    "T3": "temporary placement", "T4": "temporary placement",
    "U1": "fostered by a relative or friend (long term)", "U2": "fostered by a relative or friend (fostering for adoption)",
    "U3": "fostered by a relative or friend", "U4": "fostered by another carer (long term)",
    "U5": "fostered by another carer (fostering for adoption)", "U6": "fostered by another carer",
    "Z1": "other placement",
}
PROVIDER_WORDS = {
    "PR0": "parents", "PR1": "the council's own provision", "PR2": "another council's provision",
    "PR3": "other public provision", "PR4": "a private provider", "PR5": "a voluntary or third sector provider",
}
LEFT_CARE_WORDS = {
    "X1": "care continued in a new episode", "E11": "adopted", "E12": "adopted (consent dispensed with)",
    "E13": "went to live with a parent, relative or other person", "E14": "remand ended", "E15": "age assessed as 18 or over",
    "E16": "moved abroad", "E17": "aged 18 or over, stayed with their carers (staying put)", "E2": "died",
    "E3": "care taken over by another council", "E41": "residence or child arrangements order",
    "E45": "special guardianship order to their foster carer, a relative or friend",
    "E46": "special guardianship order to their foster carer",
    "E47": "special guardianship order to a relative or friend", "E48": "special guardianship order to another carer",
    "E4A": "returned home as planned", "E4B": "returned home, not as planned", "E5": "independent living with support",
    "E6": "independent living without support", "E7": "transferred to adult social care",
    "E8": "left care for another reason", "E9": "sentenced to custody",
}
ESCALATION_OUTCOME_WORDS = {"RESOLVED": "resolved", "PARTLY": "partly resolved", "WITHDRAWN": "withdrawn",
                            "NOT_RESOLVED": "not resolved"}


def in_words(code, words: dict[str, str], missing: str = "not recorded") -> str:
    """A code's words, or the code as written where it has none."""
    if code is None or code != code or code == "":
        return missing
    return words.get(str(code), str(code))
