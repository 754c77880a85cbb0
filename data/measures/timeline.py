"""One young person's story in date order: periods of care, placements, reviews, escalations,
education and employment statuses. For managers only (the callback checks)."""
from __future__ import annotations

import pandas as pd

from data.measures.dataset import Dataset
from data.measures.neet import ACTIVITY_LABELS
from data.measures.reviews import PARTICIPATION_CODES


def timeline(data: Dataset, la: str, child: str) -> pd.DataFrame:
    def mine(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[(frame["la"] == la) & (frame["child"] == child)]

    events = []
    for row in mine(data.periods).itertuples():
        events.append((row.start, "Came into care", f"RNE {row.start_rne}"))
        if pd.notna(row.end):
            events.append((row.end, "Left care", ""))
    for row in mine(data.episodes).itertuples():
        events.append((row.decom, "Episode began", f"RNE {row.rne}, legal status {row.ls}, placement {row.place}"
                                                   f" ({row.place_provider or 'provider not recorded'})"))
    for row in mine(data.reviews).itertuples():
        code = row.review_code or "no code"
        events.append((row.review, "Review", f"{code}: {PARTICIPATION_CODES.get(code, 'under 4' if code == 'PN0' else '')}"))
    for row in mine(data.escalations).itertuples():
        resolved = f"resolved {row.resolved:%d/%m/%Y} ({row.outcome})" if pd.notna(row.resolved) else "still open"
        events.append((row.raised, "Escalation raised", f"stage {row.highest_stage}, {row.category}; {resolved}"))
    for row in mine(data.eet_status).itertuples():
        events.append((row.status_date, "Education/employment status",
                       f"{row.activ}: {ACTIVITY_LABELS.get(row.activ, '')} (adviser {row.adviser or 'not recorded'})"))
    frame = pd.DataFrame(events, columns=["date", "event", "detail"])
    return frame.sort_values("date", kind="stable").reset_index(drop=True)
