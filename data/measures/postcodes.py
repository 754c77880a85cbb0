"""Postcodes to centroids: the full postcode if the centroid file has it, else its sector, else
its district. A postcode none of these resolve stays unresolved: it is counted, never guessed."""
from __future__ import annotations

import pandas as pd


def normalise(postcodes: pd.Series) -> pd.Series:
    """Upper case with one space before the inward code: 'xx12ab' -> 'XX1 2AB'; districts stay."""
    compact = postcodes.astype("str").str.upper().str.replace(r"\s+", "", regex=True)
    full = compact.str.len() >= 5
    spaced = compact.str[:-3] + " " + compact.str[-3:]
    return spaced.where(full, compact).where(postcodes.notna(), None)


def district(postcodes: pd.Series) -> pd.Series:
    """The outward code: 'XX1 2AB' -> 'XX1'."""
    return normalise(postcodes).str.split(" ").str[0]


def centroid_table(centroids: pd.DataFrame) -> pd.DataFrame:
    """Centroids indexed by normalised postcode, sector or district (build once, reuse)."""
    return centroids.assign(key=normalise(centroids["postcode"])).drop_duplicates("key").set_index("key")


def resolve(postcodes: pd.Series, table: pd.DataFrame) -> pd.DataFrame:
    """Latitude and longitude for each postcode, aligned with the input (NaN where unresolved).
    `table` comes from centroid_table()."""
    full = normalise(postcodes)
    sector = full.str[:-2].where(full.str.contains(" ", regex=False))
    out = pd.DataFrame(index=postcodes.index, columns=["lat", "lon"], dtype="float64")
    for key in (full, sector, full.str.split(" ").str[0]):
        missing = out["lat"].isna()
        if not missing.any():
            break
        found = table.reindex(key[missing])
        out.loc[missing, "lat"] = found["lat"].astype("float64").to_numpy()
        out.loc[missing, "lon"] = found["lon"].astype("float64").to_numpy()
    return out
