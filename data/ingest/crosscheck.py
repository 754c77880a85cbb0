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
        covered = _loaded_from(episodes)
        findings += _episode_findings(incoming.get("episodes"), episodes, covered)
        if "reviews" in incoming:
            findings += _reviews_outside_care(incoming["reviews"], episodes, covered)
            findings += _review_code_findings(incoming["reviews"], header)
    return findings


def _loaded_from(episodes: pd.DataFrame) -> pd.Series:
    """Per council, the first day the loaded returns cover: 1 April of the earliest collection year
    its episodes were loaded from. Before it the data cannot tell whether a child was in care."""
    years = episodes.dropna(subset=["year"]).groupby("la")["year"].min()
    return pd.Series([pd.Timestamp(int(y) - 1, 4, 1) for y in years], index=years.index, dtype="datetime64[s]")


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


def _episode_findings(new_episodes: pd.DataFrame | None, episodes: pd.DataFrame, covered: pd.Series
                     ) -> list[Finding]:
    if new_episodes is None or new_episodes.empty:
        return []
    findings = []
    children = pd.MultiIndex.from_frame(new_episodes[["la", "child"]])
    theirs = episodes.loc[pd.MultiIndex.from_frame(episodes[["la", "child"]]).isin(children)]
    annotated = care_episodes(theirs)
    positions = new_episodes.set_index(["la", "child", "decom"])[["_file", "_row"]]
    annotated = annotated.join(positions, on=["la", "child", "decom"], how="inner")
    starts = _starts_not_marked_s(theirs, covered).join(positions, on=["la", "child", "decom"], how="inner")
    findings += _capped("period start not marked S", "episodes", starts,
                        lambda r: f"the child was not in care the day before this episode ({r['why']}), so it "
                        f"starts a period of care, but RNE is {r['rne']}, not S", "RNE", "rne")
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


def _starts_not_marked_s(episodes: pd.DataFrame, covered: pd.Series) -> pd.DataFrame:
    """Episodes that start a period of care (the 903's RNE S) but are coded otherwise, judged over every
    episode, short breaks included: an episode continues care when the one before ended the same day
    with REC X1 (the DfE's rules 357, 432 and 433 in one check, across every year loaded). A child's
    first loaded episode is judged only if it began after the loaded returns start: before that, the
    episode before it may be in a return not loaded. One still open when the next starts is reported as
    overlapping instead."""
    ep = episodes.sort_values(["la", "child", "decom"], kind="stable").reset_index(drop=True)
    same_child = (ep["la"] == ep["la"].shift()) & (ep["child"] == ep["child"].shift())
    prev_dec, prev_rec = ep["dec"].shift(), ep["rec"].shift()
    overlapping = same_child & (prev_dec.isna() | (prev_dec > ep["decom"]))
    continues = same_child & (prev_dec == ep["decom"]) & (prev_rec == "X1")
    seen_from = ep["la"].map(covered)
    first_in_view = ~same_child & seen_from.notna() & (ep["decom"] >= seen_from)
    why = pd.Series("the episode before ended with REC " + prev_rec.fillna("blank").astype("str"), index=ep.index)
    why = why.where(~(same_child & (prev_dec < ep["decom"])), "the episode before ended earlier")
    why = why.where(same_child, "no episode before it since the first return loaded began")
    starts = (same_child & ~overlapping & ~continues) | first_in_view
    return ep.assign(why=why).loc[starts & (ep["rne"] != "S")]


def _reviews_outside_care(reviews: pd.DataFrame, episodes: pd.DataFrame, covered: pd.Series) -> list[Finding]:
    """Reviews outside every period of care, among those dated after the loaded returns begin (before
    that, the episodes they belong to may be in a return not loaded)."""
    periods = periods_of_care(episodes)
    where = place_in_periods(reviews, periods, "review")
    seen_from = reviews["la"].map(covered)
    outside = reviews.loc[where.isna() & seen_from.notna() & (reviews["review"] >= seen_from)]
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
