"""Small hand-made 903 returns and extracts for tests. Ids are made up; nothing is real."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import write_csv

HEADER = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODES = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
            "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]
REVIEWS = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]
OC3 = ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]


def episode(child, decom, rne="S", ls="C2", place="U4", dec="", rec="", home="XX1 1AA", pl="XX2 2BB"):
    return [child, decom, rne, ls, "N1", place, "PR1", dec, rec, "", home, pl, ""]


def good_council(folder: Path) -> Path:
    """Two children, one who left and came back, with reviews inside their care."""
    write_csv(folder, "header.csv", HEADER, [
        ["A1", "1", "01/05/2010", "WBRI", "", "", ""],
        ["B2", "2", "2019-06-30", "BAFR", "", "", ""],
    ])
    write_csv(folder, "episodes.csv", EPISODES, [
        episode("A1", "02/10/2023", dec="15/01/2024", rec="X1"),
        episode("A1", "15/01/2024", rne="P", place="U5", dec="01/03/2024", rec="E4A"),
        episode("A1", "01/06/2024", rne="S", place="K2"),
        episode("B2", "2023-04-03", ls="C1"),
    ])
    write_csv(folder, "reviews.csv", REVIEWS, [
        ["A1", "01/05/2010", "27/10/2023", "PN1"],
        ["A1", "01/05/2010", "20/01/2024", "PN6"],
        ["B2", "30/06/2019", "28/04/2023", "PN0"],
    ])
    write_csv(folder, "2024-oc3.csv", OC3, [["C3", "01/01/2005", "YES", "G5", "D1"]])
    return folder
