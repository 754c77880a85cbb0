"""Colours, status words and icons. Status is always a word and an icon as well as a colour.

Colours are from the GOV.UK palette (tested for contrast) and, for charts, the Okabe-Ito
palette, which people with the common kinds of colour blindness can tell apart."""

STATUS_STYLE = {
    # status: (icon, word shown, background, text colour)
    "GREEN": ("✔", "On target", "#00703c", "#ffffff"),
    "AMBER": ("▲", "Near target", "#f47738", "#0b0c0c"),
    "RED": ("✖", "Off target", "#d4351c", "#ffffff"),
    "NO DATA": ("–", "No data", "#505a5f", "#ffffff"),
    "WITHHELD": ("●", "Withheld (small number)", "#505a5f", "#ffffff"),
    "": ("", "No target", "#f3f2f1", "#0b0c0c"),
}
CHART_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
MAIN = "#0072B2"
TARGET = "#0b0c0c"
BAND = "rgba(0, 158, 115, 0.15)"


def status_style(status: str | None) -> tuple[str, str, str, str]:
    return STATUS_STYLE.get(status or "", STATUS_STYLE[""])
