"""`make bench`: the figures issue 7 asks for, at council size and at the size of all of England.

For each size: generate the demo data (or reuse it from an earlier run with --reuse) and import it
(rows per second); start gunicorn and time a cold start to the first rendered page; then, over real
HTTP on loopback, p50 and p95 of each page's main callback under a filter change (each request a
filter combination not asked before) with 1 client and with 8 at once; and each worker's peak
memory. Prints one table and writes it as JSON (bench-results/bench.json) so runs can be compared.

    python scripts/bench.py [--sizes council,england] [--workers 2] [--requests 30] [--reuse]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from data import db, users  # noqa: E402
from data.demo import DemoSpec, write_demo  # noqa: E402
from data.ingest.importer import import_paths  # noqa: E402
from data.settings import load_settings  # noqa: E402
from scripts.bench_pages import PAGES, combos, payload, percentile  # noqa: E402
from scripts.serve import gunicorn_process, peak_memory_mb, signed_in_opener, worker_pids  # noqa: E402

SIZES = {"council": DemoSpec(children=350, seed=1), "england": DemoSpec(children=80000, councils=150, seed=1)}
ACCOUNT = ("bench-manager", "bench-manager-password")
PHASE_SECONDS = 60  # at most this long for one page at one client count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="council,england")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=30, help="requests per page with one client")
    parser.add_argument("--clients", default="1,8")
    parser.add_argument("--reuse", action="store_true", help="reuse data imported by an earlier run")
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "bench.json"))
    args = parser.parse_args()
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()}, "workers": args.workers,
              "sizes": {}}
    for size in args.sizes.split(","):
        report["sizes"][size] = run_size(size, SIZES[size], args)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, indent=2))
    print_table(report)
    print(f"\nwritten to {args.out}")


def run_size(size: str, spec: DemoSpec, args) -> dict:
    folder = ROOT / "bench-results" / "instances" / size
    env = {**os.environ, "IRO_INSTANCE_DIR": str(folder), "IRO_DEMO_ACCOUNTS": "0"}
    env.pop("DATABASE_URL", None)  # the bench's own SQLite file, unless BENCH_DATABASE_URL names another
    if "BENCH_DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    result = {"spec": asdict(spec), "import": prepare(folder, spec, env, args.reuse)}
    started = time.perf_counter()
    with gunicorn_process(args.workers, env) as (base, server):
        years = _years(env)
        # Sync workers take one request each: as many at once as workers (twice, to be sure) make
        # every worker load the data before any timing, as a deployment's first visitors would.
        openers = [signed_in_opener(base, ACCOUNT) for _ in range(2 * args.workers)]
        with ThreadPoolExecutor(len(openers)) as pool:
            list(pool.map(lambda o: [_post(o, base, payload(page, {"period": years[-1]}))
                                     for page in ("overview", "overview-trends")], openers))
        result["cold_start_s"] = round(time.perf_counter() - started, 2)
        print(f"[{size}] cold start until every worker has rendered the overview: {result['cold_start_s']} s", flush=True)
        asked = iter(combos(years, quarters=True))
        result["latency"] = {}
        for clients in [int(c) for c in args.clients.split(",")]:
            openers = [signed_in_opener(base, ACCOUNT) for _ in range(clients)]
            for worker_opener in openers:  # every worker has the data in memory before timing
                _post(worker_opener, base, payload("overview", {"period": years[-2]}))
            result["latency"][str(clients)] = {page: measure(base, openers, page, asked, args.requests)
                                               for page in PAGES}
            for page, row in result["latency"][str(clients)].items():
                print(f"[{size}] {clients} client(s) {page:<16} p50 {row['p50_ms']:7.0f} ms  p95 {row['p95_ms']:7.0f} ms"
                      f"  ({row['requests']} requests)", flush=True)
        result["worker_peak_mb"] = [round(peak_memory_mb(pid)) for pid in worker_pids(server.pid)]
    return result


def prepare(folder: Path, spec: DemoSpec, env: dict, reuse: bool) -> dict:
    marker = folder / "bench-import.json"
    if reuse and marker.exists():
        return {**json.loads(marker.read_text()), "reused": True}
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    settings = load_settings({k: env[k] for k in ("IRO_INSTANCE_DIR", "DATABASE_URL") if k in env})
    engine = db.get_engine(settings.database_url)
    db.upgrade(engine)
    started = time.perf_counter()
    write_demo(spec, folder / "demo")
    generated = time.perf_counter() - started
    imported = import_paths(engine, [folder / "demo"], settings.council_code, user="bench")
    users.add(settings, ACCOUNT[0], ACCOUNT[1], "manager")
    facts = {"rows": imported.total.read, "import_s": round(imported.seconds, 1),
             "rows_per_s": round(imported.total.read / imported.seconds), "generate_s": round(generated, 1)}
    marker.write_text(json.dumps(facts))
    print(f"[{folder.name}] imported {facts['rows']:,} rows in {facts['import_s']} s: "
          f"{facts['rows_per_s']:,} rows/s", flush=True)
    return {**facts, "reused": False}


def measure(base: str, openers: list, page: str, asked, per_client: int) -> dict:
    """Each client sends its own run of new filter combinations, all clients at once."""
    deadline = time.time() + PHASE_SECONDS
    each = per_client if len(openers) == 1 else max(5, per_client // 4)
    plans = [[next(asked) for _ in range(each)] for _ in openers]

    def client(index: int) -> list[float]:
        times = []
        for values in plans[index]:
            if time.time() > deadline:
                break
            times.append(_post(openers[index], base, payload(page, values)))
        return times

    with ThreadPoolExecutor(len(openers)) as pool:
        latencies = [t for times in pool.map(client, range(len(openers))) for t in times]
    return {"requests": len(latencies), "p50_ms": round(percentile(latencies, 0.5)),
            "p95_ms": round(percentile(latencies, 0.95)), "max_ms": round(max(latencies))}


def _post(opener, base: str, body: bytes) -> float:
    request = urllib.request.Request(base + "/_dash-update-component", data=body,
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with opener.open(request, timeout=300) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _years(env: dict) -> list[str]:
    from callbacks.scope import default_period
    from data import store
    from data.measures.periods import parse_period
    settings = load_settings({k: env[k] for k in ("IRO_INSTANCE_DIR", "DATABASE_URL") if k in env})
    return [p.label for p in parse_period(default_period(store.dataset(settings))).run(5)]


def print_table(report: dict) -> None:
    print(f"\n{'size':<9}{'rows':>11}{'rows/s':>9}{'cold s':>8}  {'page':<16}" +
          "".join(f"{f'{c} client p50':>14}{'p95':>7}" for c in ("1", "8")))
    for size, result in report["sizes"].items():
        imported = result["import"]
        for i, page in enumerate(PAGES):
            head = (f"{size:<9}{imported['rows']:>11,}{imported['rows_per_s']:>9,}{result['cold_start_s']:>8}"
                    if i == 0 else " " * 37)
            cells = "".join(f"{result['latency'][c][page]['p50_ms']:>14,}{result['latency'][c][page]['p95_ms']:>7,}"
                            if c in result["latency"] else f"{'-':>14}{'-':>7}" for c in ("1", "8"))
            print(f"{head}  {page:<16}{cells}")
        print(f"{'':<37}  worker peak memory: {', '.join(f'{m:,} MB' for m in result['worker_peak_mb'])}")


if __name__ == "__main__":
    main()
