"""The catalogue matches measures.md: every id exists, default thresholds are the document's."""
import re

import pytest

from data.measures.catalogue import MEASURES_BY_ID
from data.settings import PROJECT_ROOT, load_settings

MEASURES_MD = PROJECT_ROOT.parent / "shared" / "reference" / "measures.md"
pytestmark = pytest.mark.skipif(not MEASURES_MD.exists(), reason=f"{MEASURES_MD} not present")
ROW = re.compile(r"^\| `(?P<id>[a-z0-9_]+)` \|.*\| (?P<rule>[^|]+) \| (?P<direction>[^|]+) \|$")


def _rows():
    for line in MEASURES_MD.read_text().splitlines():
        if match := ROW.match(line.strip()):
            yield match["id"], match["rule"].strip(), match["direction"].strip()


def _number(text: str) -> float:
    text = text.replace("<=", "").strip()
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def test_every_measure_in_the_document_exists():
    ids = [measure_id for measure_id, _, _ in _rows()]
    assert len(ids) == 24
    assert sorted(ids) == sorted(MEASURES_BY_ID)


def test_default_thresholds_are_the_documents():
    rules = load_settings({}).measure_rules
    for measure_id, rule, direction in _rows():
        if rule == "n/a":
            assert measure_id not in rules
            continue
        green, amber = (_number(part) for part in rule.split("/"))
        assert (rules[measure_id].green, rules[measure_id].amber) == (green, amber), measure_id
        assert rules[measure_id].direction.startswith(direction), measure_id
