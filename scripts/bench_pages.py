"""Latency of every callback a user triggers, over real HTTP against gunicorn, on the configured data,
as a multiple of a trivial Dash callback timed in the same run (the floor: scripts/floor_app.py).

    python scripts/bench_pages.py [--requests 60] [--workers 2] [--out bench-results/pages.json]

For each callback: warm-up requests, then N requests each with a filter combination not asked
before (every filter varied: period, team, IRO, age band, sex, ethnicity, legal status, placement,
asylum-seeking), then the same N again. The floor is timed before and after, alternating values.
Loopback only; bounded in count and time."""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from dashboard.filterbar import FILTER_NAMES, to_query  # noqa: E402
from dashboard.ids import FOOTER, PAGE, URL, content_id, filter_id, nav_link_id  # noqa: E402
from dashboard.pages.overview import SPARK  # noqa: E402
from dashboard.registry import NAVIGATION  # noqa: E402
from data.settings import load_settings as _settings  # noqa: E402
from scripts.serve import gunicorn_process, signed_in_opener  # noqa: E402

RAG_MEASURES = list(_settings().measure_rules)
PAGES = ("overview", "overview-trends", "reviews", "participation", "placements", "escalations", "workload", "neet",
         "councils", "worklist", "children", "navigation", "router", "footer")
EXTRA_INPUTS = {"reviews": [{"id": "view-by", "property": "value", "value": "year"}],
                "councils": [{"id": "councils-measure", "property": "value", "value": "review_timeliness"}]}
TIME_LIMIT = 1500  # seconds for the whole run


def filter_choices(options) -> dict[str, list[str]]:
    return {name: [v for v, _ in options.choices.get(name, [])] for name in FILTER_NAMES if name != "period"}


def combos(periods: list[str], choices: dict[str, list[str]], count: int, seed: int = 7) -> list[dict]:
    """`count` different filter combinations: a period, and up to three filters of one or two values."""
    rng, seen, out = random.Random(seed), set(), []
    names = [n for n, values in choices.items() if values and n != "council"]
    while len(out) < count and len(seen) < 100000:
        values = {"period": rng.choice(periods)}
        for name in rng.sample(names, rng.randint(0, min(3, len(names)))):
            values[name] = sorted(rng.sample(choices[name], min(len(choices[name]), rng.randint(1, 2))))
        key = json.dumps(values, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(values)
    return out


def payload(page: str, values: dict) -> bytes:
    inputs = [{"id": filter_id(n), "property": "value", "value": values.get(n, [] if n != "period" else None)}
              for n in FILTER_NAMES] + EXTRA_INPUTS.get(page, [])
    state = []
    if page == "overview-trends":  # the second overview callback: every tile's trend
        output = '{"measure":["ALL"],"type":"' + SPARK + '"}.children'
        outputs = [{"id": {"type": SPARK, "measure": m}, "property": "children"} for m in RAG_MEASURES]
    elif page == "navigation":  # the links, on every change of address
        outputs = [{"id": nav_link_id(p.slug), "property": prop} for prop in ("href", "style") for p in NAVIGATION]
        output = ".." + "...".join(f"{o['id']}.{o['property']}" for o in outputs) + ".."
        inputs = [{"id": URL, "property": "search", "value": to_query(values)}]
    elif page == "router":  # the page itself, on every change of page
        output, outputs = f"{PAGE}.children", {"id": PAGE, "property": "children"}
        inputs = [{"id": URL, "property": "pathname", "value": "/reviews"}]
        state = [{"id": URL, "property": "search", "value": to_query(values)}]
    elif page == "children":  # a drill-through: the children behind one bar, in the filters' scope
        output, outputs = f"{content_id(page)}.children", {"id": content_id(page), "property": "children"}
        inputs = [{"id": URL, "property": "search", "value": "?list=in-care-by-sex&group=Female&" +
                   to_query(values).lstrip("?")}]
    elif page == "footer":
        output, outputs = f"{FOOTER}.children", {"id": FOOTER, "property": "children"}
        inputs = [{"id": URL, "property": "pathname", "value": "/reviews"}]
    else:
        output, outputs = f"{content_id(page)}.children", {"id": content_id(page), "property": "children"}
    return json.dumps({"output": output, "outputs": outputs, "inputs": inputs,
                       "changedPropIds": [inputs[0]["id"] + "." + inputs[0]["property"]
                                          if isinstance(inputs[0]["id"], str) else ""], "state": state}).encode()


def post(opener, base: str, body: bytes) -> float:
    request = urllib.request.Request(base + "/_dash-update-component", data=body,
                                     headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with opener.open(request, timeout=120) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"HTTP {error.code} for {body[:300]!r}: {error.read()[:300]!r}") from None
    return (time.perf_counter() - start) * 1000


def floor_payload(index: int) -> bytes:
    """The trivial callback of scripts/floor_app.py, with a value not sent before."""
    return json.dumps({"output": "floor-out.children", "outputs": {"id": "floor-out", "property": "children"},
                       "inputs": [{"id": "floor-in", "property": "value", "value": f"v{index}"}],
                       "changedPropIds": ["floor-in.value"], "state": []}).encode()


def floor_times(base: str, count: int) -> list[float]:
    opener = urllib.request.build_opener()
    for i in range(20):
        post(opener, base, floor_payload(i))
    return [post(opener, base, floor_payload(i)) for i in range(count)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "pages.json"))
    args = parser.parse_args()
    deadline = time.time() + TIME_LIMIT
    from callbacks.scope import filter_options
    from data import store
    data = store.dataset(_settings())
    options = filter_options(data)
    periods = [v for v, _ in options.periods][:12]
    asked = combos(periods, filter_choices(options), args.requests)
    with gunicorn_process(args.workers, app="scripts.floor_app:server", ready_path="/") as (floor, _f), \
            gunicorn_process(args.workers) as (base, _server):
        opener = signed_in_opener(base)
        floor_before = floor_times(floor, 200)
        rows = []
        for page in PAGES:
            if page == "councils" and len(data.councils) < 2:
                continue
            for values in asked[:10]:  # warm-up: each worker loads the data
                post(opener, base, payload(page, {"period": values["period"]}))
            new = [post(opener, base, payload(page, values)) for values in asked if time.time() < deadline]
            repeat = [post(opener, base, payload(page, values)) for values in asked if time.time() < deadline]
            rows.append({"page": page, "requests": len(new), "new_p50_ms": percentile(new, 0.5),
                         "new_p95_ms": percentile(new, 0.95), "repeat_p50_ms": percentile(repeat, 0.5),
                         "repeat_p95_ms": percentile(repeat, 0.95)})
        floor_after = floor_times(floor, 200)
    floor = floor_before + floor_after
    floor_p50, floor_p95 = percentile(floor, 0.5), percentile(floor, 0.95)
    print(f"floor (a trivial Dash callback, same run): p50 {floor_p50:.1f} ms, p95 {floor_p95:.1f} ms")
    print(f"{'callback':<16}{'new p50':>10}{'p95':>9}{'x floor p50':>13}{'x floor p95':>13}{'repeat p50':>12}")
    for row in rows:
        row["new_p50_x_floor"], row["new_p95_x_floor"] = row["new_p50_ms"] / floor_p50, row["new_p95_ms"] / floor_p95
        print(f"{row['page']:<16}{row['new_p50_ms']:>8.0f}ms{row['new_p95_ms']:>7.0f}ms{row['new_p50_x_floor']:>13.1f}"
              f"{row['new_p95_x_floor']:>13.1f}{row['repeat_p50_ms']:>10.0f}ms", flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"workers": args.workers, "floor_p50_ms": floor_p50,
                                          "floor_p95_ms": floor_p95, "pages": rows}, indent=2))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
