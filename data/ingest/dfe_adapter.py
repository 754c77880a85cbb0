"""Runs the DfE's 903 validation rules (the csc-validator-be-903 package) on prepared CSV files.

This script is run by the validator environment's python (.venv-validator), never imported by
the app: the package pins pandas<2, the app runs pandas 3. It imports nothing of the app.

    .venv-validator/bin/python data/ingest/dfe_adapter.py REQUEST.json

The request names the runs, each one council's return for one collection year:
    {"runs": [{"id": "999-2024", "year": 2024, "local_authority": "E09000027",
               "this_year": {"Episodes": "/tmp/.../episodes.csv", ...},
               "prev_year": {"Episodes": "/tmp/.../episodes.csv", ...}}]}
It writes one JSON object per line to standard output:
    {"event": "start", "runs": N, "rows": R}
    {"event": "progress", "run": I, "rule": K, "rules": M, "code": "103"}   (before each rule)
    {"event": "run", "id": ..., "ruleset": "lac2022_23", "note": ..., "rules": M, "skipped": [...],
     "failed": [...], "fired": {"103": {"message": ..., "fields": [...]}},
     "failures": [{"rule": "103", "table": "Header", "rows": [0, 5]}]}
    {"event": "done"}
Row numbers are positions in the CSV file given for the table (0 = the first data row).
"""
from __future__ import annotations

import dataclasses
import importlib
import json
import logging
import pkgutil
import re
import sys

logging.disable(logging.WARNING)  # the package logs every rule at INFO; errors still show

from lac_validator import rules as rule_sets  # noqa: E402
from lac_validator.lac_validator import LacValidator  # noqa: E402
from lac_validator.types import UploadedFile  # noqa: E402

RULE_SET_NAME = re.compile(r"^lac(\d{4})_(\d{2})$")


def available_rule_sets() -> dict[int, str]:
    """Collection year (the year it ends) -> rule set module name, for every set the package has."""
    found = {}
    for module in pkgutil.iter_modules(rule_sets.__path__):
        match = RULE_SET_NAME.match(module.name)
        if match:
            found[int(match[1]) + 1] = module.name
    return found


def rule_set_for(year: int) -> tuple[str, str | None]:
    """The rule set for a collection year, and a note when it is not that year's own."""
    sets = available_rule_sets()
    if year in sets:
        return sets[year], None
    nearest = min(sets) if year < min(sets) else max(sets)
    which = "earliest" if year < min(sets) else "latest"
    return sets[nearest], (f"the validator has no rules for {year - 1}-{str(year)[2:]}: checked with "
                           f"its {which} rule set, {_label(sets[nearest])}")


def _label(name: str) -> str:
    match = RULE_SET_NAME.match(name)
    return f"{match[1]}-{match[2]}"


def _own_copy(data_store: dict) -> dict:
    """Some rules change the frames they are given in place; each rule gets its own copy, so no
    rule's result depends on the rules run before it."""
    return {name: (dict(value) if name == "metadata" else value.copy(deep=True))
            for name, value in data_store.items()}


def _reporting(registry: dict, run_number: int, say) -> dict:
    """The registry with each rule wrapped: report progress, then run it on its own copy."""
    total = len(registry)

    def wrap(position: int, rule):
        def checked(data_store):
            say({"event": "progress", "run": run_number, "rule": position, "rules": total, "code": rule.code})
            return rule.func(_own_copy(data_store))
        return dataclasses.replace(rule, func=checked)

    return {code: wrap(position, rule) for position, (code, rule) in enumerate(registry.items(), start=1)}


def _files(paths: dict[str, str], description: str) -> list[UploadedFile]:
    files = []
    for path in paths.values():
        with open(path, "rb") as handle:
            files.append(UploadedFile(name=path, description=description, file_content=handle.read()))
    return files


def validate(run: dict, run_number: int, say) -> dict:
    ruleset, note = rule_set_for(int(run["year"]))
    registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    files = _files(run["this_year"], "This year") + _files(run.get("prev_year") or {}, "Prev year")
    validator = LacValidator(metadata={"collectionYear": str(run["year"]), "localAuthority": run["local_authority"]},
                             files=files, registry=_reporting(registry, run_number, say))
    failures, fired = [], {}
    for table, frame in validator.ds_results.items():
        if table == "metadata":
            continue
        for column in frame.columns:
            if not column.startswith("ERR_"):
                continue
            flagged = frame.index[frame[column].fillna(False).astype(bool)]
            if len(flagged):
                code = column[4:]
                failures.append({"rule": code, "table": table, "rows": [int(i) for i in flagged]})
                rule = registry[code]
                fired[code] = {"message": rule.message, "fields": list(rule.affected_fields or [])}
    return {"event": "run", "id": run["id"], "ruleset": ruleset, "note": note, "rules": len(registry),
            "skipped": sorted(validator.skips), "failed": sorted(validator.fails), "fired": fired,
            "failures": failures}


def main(request_path: str) -> None:
    with open(request_path, encoding="utf-8") as handle:
        request = json.load(handle)

    events = sys.stdout
    sys.stdout = sys.stderr  # some rules print; standard output carries the events alone

    def say(event: dict) -> None:
        events.write(json.dumps(event) + "\n")
        events.flush()

    runs = request["runs"]
    say({"event": "start", "runs": len(runs), "rows": request.get("rows", 0)})
    for number, run in enumerate(runs, start=1):
        say(validate(run, number, say))
    say({"event": "done"})


if __name__ == "__main__":
    main(sys.argv[1])
