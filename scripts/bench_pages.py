"""Latency of each page's main callback over real HTTP against gunicorn, on the configured data.

    python scripts/bench_pages.py [--requests 100] [--workers 2] [--out bench-results/pages.json]

For each page: 10 warm-up requests, then N requests each with a filter combination not asked
before (what a user meets on a filter change), then the same N again (what a colleague opening
the same view meets). Loopback only; bounded in count and time."""
from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from dashboard.filterbar import FILTER_NAMES  # noqa: E402
from dashboard.ids import content_id, filter_id  # noqa: E402
from dashboard.pages.overview import SPARK  # noqa: E402
from data.settings import load_settings as _settings  # noqa: E402
from scripts.serve import gunicorn, signed_in_opener  # noqa: E402

OPENER: list = []  # the signed-in session, set once the server is up

RAG_MEASURES = list(_settings().measure_rules)

PAGES = ("overview", "overview-trends", "reviews", "participation", "placements", "escalations", "workload", "neet")
EXTRA_INPUTS = {"reviews": [{"id": "view-by", "property": "value", "value": "year"}]}
TIME_LIMIT = 1200  # seconds for the whole run


def combos(years: list[str], quarters: bool = False) -> list[dict]:
    sexes = [None, "Female", "Male"]
    bands = [None, "Under 1", "1-4", "5-9", "10-15", "16-17", "18+"]
    periods = years + ([f"{y} Q{q}" for y in years for q in range(1, 5)] if quarters else [])
    uasc = [None, "Yes", "No"] if quarters else [None]
    out = [{"period": p, "sex": [s] if s else [], "age_band": [b] if b else [], "uasc": [u] if u else []}
           for p, s, b, u in itertools.product(periods, sexes, bands, uasc)]
    random.Random(7).shuffle(out)
    return out


def payload(page: str, values: dict) -> bytes:
    inputs = [{"id": filter_id(n), "property": "value", "value": values.get(n, [] if n != "period" else None)}
              for n in FILTER_NAMES] + EXTRA_INPUTS.get(page, [])
    if page == "overview-trends":  # the second overview callback: every tile's trend
        output = '{"measure":["ALL"],"type":"' + SPARK + '"}.children'
        outputs = [{"id": {"type": SPARK, "measure": m}, "property": "children"} for m in RAG_MEASURES]
    else:
        output, outputs = f"{content_id(page)}.children", {"id": content_id(page), "property": "children"}
    return json.dumps({"output": output, "outputs": outputs, "inputs": inputs,
                       "changedPropIds": [f"{filter_id('sex')}.value"], "state": []}).encode()


def post(base: str, body: bytes) -> float:
    request = urllib.request.Request(base + "/_dash-update-component", data=body,
                                     headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with OPENER[0].open(request, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "pages.json"))
    args = parser.parse_args()
    deadline = time.time() + TIME_LIMIT
    with gunicorn(args.workers) as base:
        OPENER.append(signed_in_opener(base))
        from data import store
        from data.settings import load_settings
        from callbacks.scope import default_period
        from data.measures.periods import parse_period
        latest = parse_period(default_period(store.dataset(load_settings())))
        years = [p.label for p in latest.run(5)]
        rows = []
        for page in PAGES:
            for quarter in range(10):  # warm-up: loads the data into each worker
                post(base, payload(page, {"period": f"{years[-1]} Q{quarter % 4 + 1}"}))
            asked = combos(years)[: args.requests]
            new = [post(base, payload(page, values)) for values in asked if time.time() < deadline]
            repeat = [post(base, payload(page, values)) for values in asked if time.time() < deadline]
            rows.append({"page": page, "requests": len(new), "new_p50_ms": percentile(new, 0.5),
                         "new_p95_ms": percentile(new, 0.95), "repeat_p50_ms": percentile(repeat, 0.5),
                         "repeat_p95_ms": percentile(repeat, 0.95)})
            print(f"{page:<14} new filters p50 {rows[-1]['new_p50_ms']:7.0f} ms  p95 {rows[-1]['new_p95_ms']:7.0f} ms"
                  f"   repeat p50 {rows[-1]['repeat_p50_ms']:6.0f} ms  p95 {rows[-1]['repeat_p95_ms']:6.0f} ms",
                  flush=True)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps({"workers": args.workers, "pages": rows}, indent=2))
        print(f"written to {args.out}")


if __name__ == "__main__":
    main()
