"""The committee pack (PDF), the Excel export and commentary: figures match the report command,
small numbers stay withheld for the committee, nothing in the workbook is a formula."""
from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from data import commentary
from tests.browser import chromium_path
from tests.conftest import demo_instance, sign_in

PERIOD = "2025-26"


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    from app import create_app
    settings = demo_instance(tmp_path_factory.mktemp("pack"), children=150, seed=12)
    app = create_app(settings)
    commentary.save(settings, "review_timeliness", PERIOD, "First words.", "test-manager")
    commentary.save(settings, "review_timeliness", PERIOD, "Timeliness held up after the new rota.", "test-manager")
    return app, settings


def _report(instance, role: str) -> dict:
    runner = instance[0].server.test_cli_runner()
    with instance[0].server.app_context():
        result = runner.invoke(args=["report", "--period", PERIOD, "--role", role, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _pdf_text(instance, role: str, tmp_path) -> tuple[str, PdfReader]:
    chromium_path()  # skips, saying why, where there is no chromium
    out = tmp_path / f"pack-{role}.pdf"
    result = instance[0].server.test_cli_runner().invoke(args=["pack", "--period", PERIOD, "--out", str(out),
                                                               "--role", role])
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(out))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def _shown(value, unit) -> str:
    return f"{value:.1%}" if unit == "percent" else (f"{value:,.1f}" if unit in ("rate", "ratio") else f"{value:,.0f}")


@pytest.mark.parametrize("role", ["committee", "director"])
def test_p001_the_pack_holds_every_figure_of_the_report_and_the_commentary(instance, role, tmp_path):
    text, reader = _pdf_text(instance, role, tmp_path)
    flat = re.sub(r"\s+", " ", text)
    for entry in _report(instance, role)["measures"]:
        if entry["value"] is None:
            continue
        assert _shown(entry["value"], entry["unit"]) in flat, (entry["id"], entry["value"])
    assert "Timeliness held up after the new rota." in flat and "First words." not in flat
    assert "Summary drafted from the data" in flat
    assert "Page 1 of" in flat
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title.startswith(f"IRO service performance report {PERIOD}")


def test_p002_the_committee_pack_withholds_every_small_number(instance, tmp_path):
    text, _ = _pdf_text(instance, "committee", tmp_path)
    flat = re.sub(r"\s+", " ", text)
    committee = {e["id"]: e for e in _report(instance, "committee")["measures"]}
    director = {e["id"]: e for e in _report(instance, "director")["measures"]}
    withheld = [i for i, e in committee.items() if e["suppressed"]]
    assert withheld, "the demo data should have at least one small number to withhold"
    assert "withheld" in flat
    for measure_id in withheld:
        numerator, denominator = director[measure_id]["numerator"], director[measure_id]["denominator"]
        if director[measure_id]["unit"] == "percent" and numerator is not None:
            assert f"({numerator:,} of {denominator:,})" not in flat


@pytest.mark.parametrize("role", ["committee", "director"])
def test_p003_the_workbook_matches_the_report_with_formats_and_no_formulas(instance, role, tmp_path):
    out = tmp_path / "measures.xlsx"
    result = instance[0].server.test_cli_runner().invoke(args=["export-excel", "--period", PERIOD, "--out", str(out),
                                                               "--role", role])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert "Definitions" in book.sheetnames
    found, count_formats, percent_formats = {}, set(), set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
        if sheet.title == "Definitions":
            continue
        assert sheet["A2"].value.startswith("Source:") and f"{PERIOD} is as at" in sheet["A2"].value
        periods = [c.value for c in sheet[4]][2:-1]
        assert periods[-1] == PERIOD and sheet.cell(4, len(periods) + 3).value == "Target"
        measure = None
        for row in sheet.iter_rows(min_row=5):
            measure = row[0].value or measure
            what = row[1].value
            for period, cell in zip(periods, row[2:]):
                found[(measure, what, period)] = cell.value
                if isinstance(cell.value, (int, float)):
                    (count_formats if what in ("Number", "Out of") else percent_formats).add(cell.number_format)
    assert count_formats == {"#,##0"}, "counts are whole numbers"
    assert percent_formats <= {"0.0%", "#,##0", "#,##0.0"} and "0.0%" in percent_formats
    for entry in _report(instance, role)["measures"]:
        value = found[(entry["label"], "Figure", PERIOD)]
        if entry["value"] is None:
            assert value in (None, "withheld", "")
        else:
            assert value == pytest.approx(entry["value"]), entry["id"]
        assert found[(entry["label"], "Status", PERIOD)] in {"On target", "Near target", "Off target", "No data",
                                                              "Withheld", "No target"}


def test_p004_commentary_keeps_every_version(instance):
    settings = instance[1]
    history = commentary.history(settings, "review_timeliness", PERIOD)
    assert [c.version for c in history] == [2, 1] and history[1].text == "First words."
    assert commentary.current(settings, PERIOD)["review_timeliness"].version == 2
    with pytest.raises(commentary.CommentaryRefused):
        commentary.save(settings, "review_timeliness", PERIOD, "   ", "x")


def _comment_save(client, text):
    return client.post("/_dash-update-component", json={
        "output": "..commentary-message.children...commentary-saved.data..",
        "outputs": [{"id": "commentary-message", "property": "children"},
                    {"id": "commentary-saved", "property": "data"}],
        "inputs": [{"id": "commentary-save", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["commentary-save.n_clicks"],
        "state": [{"id": "commentary-measure", "property": "value", "value": "midway_checks"},
                  {"id": "commentary-period", "property": "value", "value": PERIOD},
                  {"id": "commentary-text", "property": "value", "value": text}]})


def test_p005_managers_write_commentary_and_others_cannot(instance):
    app, settings = instance
    manager = sign_in(app.server.test_client(), settings, "manager")
    assert "Saved as version 1" in _comment_save(manager, "Midway checks are now booked at each review.").get_data(
        as_text=True)
    for role in ("committee", "director", "admin"):
        client = sign_in(app.server.test_client(), settings, role)
        assert _comment_save(client, "Not mine to write.").status_code == 403
    assert [c.text for c in commentary.history(settings, "midway_checks", PERIOD)] == [
        "Midway checks are now booked at each review."]


@pytest.mark.parametrize("role", ["committee", "director", "manager"])
def test_p006_the_downloads_work_for_each_role_over_http(instance, role):
    app, settings = instance
    client = sign_in(app.server.test_client(), settings, role)
    response = client.get(f"/download/measures.xlsx?period={PERIOD}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book.properties.title.endswith(f"({role})")
    assert app.server.test_client().get("/download/pack.pdf").status_code == 302
