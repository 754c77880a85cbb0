"""One young person's story, newest first, in words, grouped by kind: care episodes, reviews,
education and employment, escalations. For managers only (the callers check and record)."""
from __future__ import annotations

import pandas as pd

from data.measures.codes import (ESCALATION_OUTCOME_WORDS, LEFT_CARE_WORDS, LEGAL_STATUS_WORDS, NEW_EPISODE_WORDS, PLACEMENT_WORDS,
                                 PROVIDER_WORDS, in_words)
from data.measures.dataset import Dataset
from data.measures.escalations import CATEGORY_LABELS, STAGE_LABELS
from data.measures.neet import ACTIVITY_LABELS
from data.measures.reviews import PARTICIPATION_CODES

CARE, REVIEWS, EDUCATION, ESCALATIONS = "Care episodes", "Reviews", "Education and employment", "Escalations"
GROUPS = (CARE, REVIEWS, EDUCATION, ESCALATIONS)
COLUMNS = ["date", "group", "event", "detail"]


def timeline(data: Dataset, la: str, child: str) -> pd.DataFrame:
    def mine(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[(frame["la"] == la) & (frame["child"] == child)]

    events = [*_care(mine(data.episodes)), *_reviews(mine(data.reviews)), *_education(mine(data.eet_status)),
              *_escalations(mine(data.escalations))]
    frame = pd.DataFrame(events, columns=COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.sort_values("date", ascending=False, kind="stable").reset_index(drop=True)


def _care(episodes: pd.DataFrame):
    for row in episodes.itertuples():
        provider = in_words(row.place_provider, PROVIDER_WORDS, "provider not recorded")
        yield (row.decom, CARE, in_words(row.rne, NEW_EPISODE_WORDS).capitalize(),
               f"{in_words(row.place, PLACEMENT_WORDS).capitalize()} ({provider}); "
               f"{in_words(row.ls, LEGAL_STATUS_WORDS)}")
        if pd.notna(row.dec) and row.rec != "X1":
            yield row.dec, CARE, "Left care", in_words(row.rec, LEFT_CARE_WORDS, "reason not recorded").capitalize()


def _reviews(reviews: pd.DataFrame):
    for row in reviews.itertuples():
        code = row.review_code
        words = "Under 4 at the review" if code == "PN0" else \
            PARTICIPATION_CODES.get(code, "How they took part was not recorded")
        yield row.review, REVIEWS, "Review held", words


def _education(statuses: pd.DataFrame):
    for row in statuses.itertuples():
        adviser = f"; personal adviser {row.adviser}" if isinstance(row.adviser, str) and row.adviser else ""
        yield (row.status_date, EDUCATION, "Status checked",
               in_words(row.activ, ACTIVITY_LABELS) + adviser)


def _escalations(escalations: pd.DataFrame):
    for row in escalations.itertuples():
        stage = STAGE_LABELS.get(str(row.highest_stage), str(row.highest_stage))
        about = CATEGORY_LABELS.get(str(row.category), str(row.category))
        outcome = f"closed on {row.resolved:%d/%m/%Y}, {in_words(row.outcome, ESCALATION_OUTCOME_WORDS, 'outcome not recorded')}" \
            if pd.notna(row.resolved) else "still open"
        yield row.raised, ESCALATIONS, f"Escalation raised ({stage.lower()})", f"{about}; {outcome}"
