"""Periods of care from episodes, worked out by hand."""
import pandas as pd

from data.measures.care import periods_of_care, place_in_periods


def _episodes(rows):
    frame = pd.DataFrame(rows, columns=["child", "decom", "rne", "ls", "dec", "rec"])
    frame["la"] = "999"
    for column in ("decom", "dec"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    return frame


def test_a_period_that_ends_and_restarts_is_two_periods():
    periods = periods_of_care(_episodes([
        ("A", "2023-01-10", "S", "C2", "2023-03-01", "X1"),
        ("A", "2023-03-01", "P", "C2", "2023-06-30", "E4A"),
        ("A", "2023-09-01", "S", "C2", None, None),
    ]))
    assert periods["start"].dt.strftime("%Y-%m-%d").tolist() == ["2023-01-10", "2023-09-01"]
    assert periods["end"].iloc[0] == pd.Timestamp("2023-06-30") and pd.isna(periods["end"].iloc[1])


def test_x1_same_day_changes_continue_the_period():
    periods = periods_of_care(_episodes([
        ("A", "2023-01-10", "S", "C1", "2023-01-10", "X1"),
        ("A", "2023-01-10", "L", "C2", "2023-05-05", "X1"),
        ("A", "2023-05-05", "P", "C2", None, None),
    ]))
    assert len(periods) == 1 and periods["start"].iloc[0] == pd.Timestamp("2023-01-10")
    assert pd.isna(periods["end"].iloc[0])


def test_a_non_s_episode_after_a_gap_starts_a_flagged_period():
    from data.measures.care import care_episodes
    episodes = care_episodes(_episodes([
        ("A", "2023-01-10", "S", "C2", "2023-02-01", "E13"),
        ("A", "2023-04-01", "P", "C2", None, None),
    ]))
    assert episodes["starts_period"].tolist() == [True, True]
    assert episodes["start_not_s"].tolist() == [False, True]


def test_short_breaks_are_left_out():
    periods = periods_of_care(_episodes([
        ("A", "2023-01-10", "S", "V3", "2023-01-12", "E13"),
        ("B", "2023-01-10", "S", "V2", None, None),
    ]))
    assert periods["child"].tolist() == ["B"]


def test_events_are_placed_inside_periods_including_their_last_day():
    periods = periods_of_care(_episodes([
        ("A", "2023-01-10", "S", "C2", "2023-06-30", "E4A"),
        ("A", "2023-09-01", "S", "C2", None, None),
    ]))
    reviews = pd.DataFrame({"la": "999", "child": "A", "review": pd.to_datetime(
        ["2023-01-09", "2023-01-10", "2023-06-30", "2023-07-01", "2024-01-01"]).astype("datetime64[s]")})
    placed = place_in_periods(reviews, periods, "review")
    assert placed.isna().tolist() == [True, False, False, True, False]
