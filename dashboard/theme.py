"""Colours, status words and icons. Status is always a word and an icon as well as a colour.

Colours are from the GOV.UK palette (tested for contrast) and, for charts, the Okabe-Ito
palette, which people with the common kinds of colour blindness can tell apart."""
from data.measures.result import status_words

# status: (icon, background, text colour); the word is data/measures/result.py's STATUS_WORDS
STATUS_LOOK = {
    "GREEN": ("✔", "#00703c", "#ffffff"),
    "AMBER": ("▲", "#f47738", "#0b0c0c"),
    "RED": ("✖", "#d4351c", "#ffffff"),
    "NO DATA": ("–", "#505a5f", "#ffffff"),
    "WITHHELD": ("●", "#505a5f", "#ffffff"),
    "": ("", "#f3f2f1", "#0b0c0c"),
}
CHART_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
MAIN = "#0072B2"
TARGET = "#0b0c0c"
BAND = "rgba(0, 158, 115, 0.15)"


def status_style(status: str | None) -> tuple[str, str, str, str]:
    """(icon, word, background, text colour)"""
    icon, background, colour = STATUS_LOOK.get(status or "", STATUS_LOOK[""])
    return icon, status_words(status), background, colour
