"""Findings that need more than one row or table: read after the rows are merged, inside the
same transaction, for the rows this import brought in."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from data.ingest.load import FINDINGS_PER_KIND, read_existing
from data.ingest.problems import Finding
from data.ingest.specs import TABLES_BY_NAME
from data.measures.care import care_episodes, periods_of_care, place_in_periods


def cross_table_findings(connection: Connection, incoming: dict[str, pd.DataFrame]) -> list[Finding]:
    findings: list[Finding] = []
    councils = sorted({la for frame in incoming.values() if "la" in frame for la in frame["la"].unique()})
    if not councils:
        return findings
    header = read_existing(connection, TABLES_BY_NAME["header"], councils)
    findings += _children_without_header(incoming, header)
    if "episodes" in incoming or "reviews" in incoming:
        episodes = read_existing(connection, TABLES_BY_NAME["episodes"], councils)
        findings += _episode_findings(incoming.get("episodes"), episodes)
        if "reviews" in incoming:
            findings += _reviews_outside_care(incoming["reviews"], episodes)
            findings += _review_code_findings(incoming["reviews"], header)
    return findings


def _capped(kind: str, table: str, rows: pd.DataFrame, message, column: str | None = None,
            value_column: str | None = None) -> list[Finding]:
    """One finding per row up to the cap; then one that counts the rest."""
    shown = rows.head(FINDINGS_PER_KIND).to_dict("records")
    key_date = TABLES_BY_NAME[table].key_date
    findings = [Finding(kind, message(row) if callable(message) else message, table, row["_file"],
                        int(row["_row"]), column, _text(row[value_column]) if value_column else None,
                        row.get("child"), la=row.get("la"), key_date=_day(row.get(key_date)))
                for row in shown]
    if len(rows) > len(shown):
        findings.append(Finding(kind, f"{len(rows) - len(shown)} more rows like this in {table}", table))
    return findings


def _day(value):
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _text(value) -> str | None:
    if value is None or pd.isna(value):
        return None
    return value.strftime("%d/%m/%Y") if isinstance(value, pd.Timestamp) else str(value)


def _children_without_header(incoming: dict[str, pd.DataFrame], header: pd.DataFrame) -> list[Finding]:
    known = pd.MultiIndex.from_frame(header[["la", "child"]])
    findings = []
    for table, frame in incoming.items():
        if table == "header" or "child" not in frame:
            continue
        missing = frame.loc[~pd.MultiIndex.from_frame(frame[["la", "child"]]).isin(known)]
        if len(missing):
            findings += _capped("child with no header row", table, missing,
                                "no Header row for this child", "CHILD", "child")
    return findings


def _episode_findings(new_episodes: pd.DataFrame | None, episodes: pd.DataFrame) -> list[Finding]:
    if new_episodes is None or new_episodes.empty:
        return []
    findings = []
    children = pd.MultiIndex.from_frame(new_episodes[["la", "child"]])
    theirs = episodes.loc[pd.MultiIndex.from_frame(episodes[["la", "child"]]).isin(children)]
    annotated = care_episodes(theirs)
    positions = new_episodes.set_index(["la", "child", "decom"])[["_file", "_row"]]
    annotated = annotated.join(positions, on=["la", "child", "decom"], how="inner")
    findings += _capped("period start not marked S", "episodes", annotated.loc[annotated["start_not_s"]],
                        lambda r: f"episode starts a period of care but RNE is {r['rne']}, not S",
                        "RNE", "rne")
    open_x1 = new_episodes.loc[(new_episodes["rec"] == "X1") & new_episodes["dec"].isna()]
    findings += _capped("X1 on an episode that has not ended", "episodes", open_x1,
                        "REC is X1 (care continues in a new episode) but DEC is blank", "REC", "rec")
    ended_no_reason = new_episodes.loc[new_episodes["dec"].notna() & new_episodes["rec"].isna()]
    findings += _capped("episode ended without a reason", "episodes", ended_no_reason,
                        "DEC is set but REC is blank", "REC")
    ordered = annotated.sort_values(["la", "child", "decom"])
    next_same = (ordered["child"].shift(-1) == ordered["child"]) & (ordered["la"].shift(-1) == ordered["la"])
    next_start = ordered["decom"].shift(-1)
    overlap = next_same & (ordered["dec"].isna() | (ordered["dec"] > next_start))
    findings += _capped("overlapping episodes", "episodes", ordered.loc[overlap],
                        "episode is still open, or ends after, when the child's next episode starts",
                        "DEC", "dec")
    last_of_period = ordered["period"] != ordered["period"].shift(-1)
    x1_alone = ordered.loc[last_of_period & (ordered["rec"] == "X1") & ordered["dec"].notna()]
    findings += _capped("X1 with no following episode", "episodes", x1_alone,
                        "REC is X1 but no episode starts on the same day; the period is taken to end here",
                        "REC", "rec")
    for column in ("HOME_POST", "PL_POST"):
        blank = new_episodes.loc[new_episodes[column.lower()].isna()]
        findings += _capped("missing postcode", "episodes", blank, f"{column} is blank", column)
    return findings


def _reviews_outside_care(reviews: pd.DataFrame, episodes: pd.DataFrame) -> list[Finding]:
    periods = periods_of_care(episodes)
    where = place_in_periods(reviews, periods, "review")
    outside = reviews.loc[where.isna()]
    return _capped("review outside any period of care", "reviews", outside,
                   "review date is not within any period of care, so it is left out of review "
                   "measures", "REVIEW", "review")


def _review_code_findings(reviews: pd.DataFrame, header: pd.DataFrame) -> list[Finding]:
    findings = _capped("missing review code", "reviews", reviews.loc[reviews["review_code"].isna()],
                       "REVIEW_CODE is blank: the review is left out of participation", "REVIEW_CODE")
    births = header[["la", "child", "dob"]].rename(columns={"dob": "header_dob"})
    dob = reviews[["la", "child"]].merge(births, on=["la", "child"], how="left")["header_dob"]
    dob.index = reviews.index
    dob = dob.fillna(reviews["dob"]) if "dob" in reviews else dob
    fourth = dob + pd.DateOffset(years=4)
    pn0_old = reviews.loc[(reviews["review_code"] == "PN0") & fourth.notna() & (reviews["review"] >= fourth)]
    findings += _capped("PN0 for a child aged 4 or over", "reviews", pn0_old,
                        "PN0 is for children under 4, but the child was 4 or over at this review",
                        "REVIEW_CODE", "review_code")
    return findings
