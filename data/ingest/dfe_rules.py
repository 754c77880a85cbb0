"""The DfE's 903 validation rules on an import's 903 rows, as findings.

The rules are the csc-validator-be-903 package's, run in an environment of their own (it pins
pandas<2) by `dfe_adapter.py` as a subprocess. Each council's return for each collection year is
one run: its rows are written, as they were in the files, to CSV files with the columns the
package expects, beside the previous year's where the import holds it; every row the package
flags comes back as a finding naming its file and row.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from data.ingest.problems import DFE_KIND, Finding
from data.ingest.specs import TABLES_BY_NAME, TableSpec

ADAPTER = Path(__file__).with_name("dfe_adapter.py")
# Our tables -> the package's names for them.
VALIDATOR_TABLES = {"header": "Header", "episodes": "Episodes", "reviews": "Reviews", "uasc": "UASC",
                    "oc2": "OC2", "oc3": "OC3", "ad1": "AD1", "placed_adoption": "PlacedAdoption",
                    "previous_permanence": "PrevPerm", "missing": "Missing", "sw_episodes": "SWEpisodes"}
OUR_TABLES = {v: k for k, v in VALIDATOR_TABLES.items()}
PLACE_COLUMNS = ["_file", "_row", "la", "year", "child"]


@dataclass(frozen=True)
class DfeRules:
    """Where the validator's python is, and the code the validator knows each council by
    (its ONS code, where the settings give one; otherwise the council's code as loaded)."""

    python: Path
    authorities: dict[str, str] = field(default_factory=dict)


def rules_for(settings) -> DfeRules:
    """The validator as the settings name it."""
    ons = {settings.council_code: settings.council_ons_code} if settings.council_ons_code else {}
    return DfeRules(Path(settings.validator_python), ons)


@dataclass
class Progress:
    """How far a validation has gone, for the command line and the upload page."""

    rows: int
    runs: int
    run: int = 0
    rule: int = 0
    rules: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def __str__(self) -> str:
        where = f"return {self.run} of {self.runs}, rule {self.rule} of {self.rules}" if self.rules else "starting"
        return f"DfE validation: {self.rows:,} rows, {where}, {self.seconds:.0f} s"


@dataclass
class Validation:
    """The outcome: findings and what was run (for the summary and the import log)."""

    status: str  # done, unavailable, failed, nothing to check
    findings: list[Finding] = field(default_factory=list)
    runs: list[dict] = field(default_factory=list)
    message: str = ""
    rows: int = 0
    seconds: float = 0.0

    def summary(self) -> dict:
        return {"status": self.status, "message": self.message, "rows": self.rows,
                "seconds": round(self.seconds, 1), "runs": self.runs, "findings": len(self.findings)}


class ReturnRows:
    """The 903 rows of an import as written, with where each came from, gathered while reading."""

    def __init__(self):
        self.parts: dict[str, list[tuple[pd.DataFrame, pd.DataFrame]]] = {}

    def add(self, spec: TableSpec, cells: pd.DataFrame, frame: pd.DataFrame) -> None:
        """`cells` as read (text), `frame` the typed rows in the same order; the frame's year may be
        filled in later (collection_year.py), so it is read at write time."""
        if spec.name in VALIDATOR_TABLES:
            self.parts.setdefault(spec.name, []).append((cells[[c for c in spec.column_names if c in cells]], frame))

    def runs(self) -> dict[tuple[str, int], dict[str, tuple[pd.DataFrame, pd.DataFrame]]]:
        """(council, year) -> table -> (cells, places), rows in file order; rows with no year are left out."""
        grouped: dict[tuple[str, int], dict[str, list]] = {}
        for name, parts in self.parts.items():
            key_date = TABLES_BY_NAME[name].key_date
            for cells, frame in parts:
                places = frame[PLACE_COLUMNS].copy()
                places["key_date"] = frame[key_date] if key_date else pd.NaT
                for (la, year), index in places.groupby(["la", "year"], sort=True).indices.items():
                    grouped.setdefault((la, int(year)), {}).setdefault(name, []).append(
                        (cells.iloc[index], places.iloc[index]))
        return {key: {name: (pd.concat([c for c, _ in pieces], ignore_index=True),
                             pd.concat([p for _, p in pieces], ignore_index=True))
                      for name, pieces in tables.items()}
                for key, tables in grouped.items()}


def validate(rows: ReturnRows, rules: DfeRules, progress: Callable[[Progress], None] | None = None) -> Validation:
    """Run the DfE rules on every council's return for every year in `rows`."""
    say = progress or (lambda _p: None)
    runs = rows.runs()
    total = sum(len(cells) for tables in runs.values() for cells, _ in tables.values())
    if not runs:
        return Validation("nothing to check", message="no 903 rows with a collection year to check")
    if not Path(rules.python).exists():
        return Validation("unavailable", rows=total, message=f"the DfE validator's environment is not "
                          f"installed ({rules.python} is missing): `make setup` installs it")
    state = Progress(total, len(runs))
    with tempfile.TemporaryDirectory(prefix="iro-dfe-") as temporary:
        request, keys, places = _write_request(runs, Path(temporary), rules.authorities, total)
        events = _run_adapter(rules.python, request, Path(temporary), state, say)
    if isinstance(events, str):
        return Validation("failed", rows=total, seconds=state.seconds, message=events)
    findings, summaries = [], []
    for event in events:
        council, year = keys[event["id"]]
        run_findings = list(_findings(event, places[event["id"]]))
        findings += run_findings
        summaries.append({"council": council, "year": year, "ruleset": event["ruleset"],
                          "note": event["note"], "rules": event["rules"], "skipped": len(event["skipped"]),
                          "failed": event["failed"], "fired": len(event["fired"]),
                          "rows": sum(len(c) for c, _ in runs[(council, year)].values()),
                          "findings": len(run_findings)})
    return Validation("done", findings, summaries, rows=total, seconds=state.seconds)


def _write_request(runs, folder: Path, authorities: dict[str, str], total: int):
    """The CSV files of every run and the request naming them; each run's id -> (council, year)
    and -> the place of each row of each file written."""
    files: dict[tuple[str, int], dict[str, str]] = {}
    keys: dict[str, tuple[str, int]] = {}
    places: dict[str, dict[str, pd.DataFrame]] = {}
    for number, ((la, year), tables) in enumerate(sorted(runs.items())):
        run_id = f"run-{number:04d}"
        (folder / run_id).mkdir()
        keys[run_id], files[(la, year)], places[run_id] = (la, year), {}, {}
        for name, (cells, rows) in tables.items():
            path = folder / run_id / f"{name}.csv"
            cells.reindex(columns=list(TABLES_BY_NAME[name].column_names)).to_csv(path, index=False)
            files[(la, year)][VALIDATOR_TABLES[name]] = str(path)
            places[run_id][VALIDATOR_TABLES[name]] = rows
    request = {"rows": total, "runs": [
        {"id": run_id, "year": year, "local_authority": authorities.get(la, la),
         "this_year": files[(la, year)], "prev_year": files.get((la, year - 1), {})}
        for run_id, (la, year) in keys.items()]}
    path = folder / "request.json"
    path.write_text(json.dumps(request))
    return path, keys, places


def _run_adapter(python: Path, request: Path, folder: Path, state: Progress, say) -> list[dict] | str:
    """The adapter's run events, or why it failed."""
    errors_path = folder / "stderr.txt"
    events = []
    with open(errors_path, "w+") as errors:
        process = subprocess.Popen([str(python), str(ADAPTER), str(request)], stdout=subprocess.PIPE,
                                   stderr=errors, text=True)
        for line in process.stdout:
            if not line.startswith("{"):
                continue
            event = json.loads(line)
            if event["event"] == "progress":
                state.run, state.rule, state.rules = event["run"], event["rule"], event["rules"]
                say(state)
            elif event["event"] == "run":
                events.append(event)
        process.wait()
        errors.seek(0)
        tail = errors.read()[-2000:]
    if process.returncode != 0:
        return f"the DfE validator stopped with exit code {process.returncode}: {tail.strip()}"
    return events


def _findings(event: dict, places: dict[str, pd.DataFrame]):
    for failure in event["failures"]:
        rule = event["fired"][failure["rule"]]
        table = OUR_TABLES.get(failure["table"])
        rows = places.get(failure["table"])
        if table is None or rows is None:
            continue
        fields = tuple(rule["fields"])
        for position in failure["rows"]:
            if not 0 <= position < len(rows):
                continue
            place = rows.iloc[position]
            day = place["key_date"]
            yield Finding(DFE_KIND, rule["message"], table, place["_file"], int(place["_row"]), None, None,
                          None if pd.isna(place["child"]) else str(place["child"]), rule=failure["rule"],
                          la=place["la"], key_date=None if pd.isna(day) else pd.Timestamp(day).date(),
                          fields=fields)
