"""`make bench`: speed and memory at council size and at the size of all of England.

For each size: generate the demo data (or reuse an earlier run's with --reuse), import it (rows per
second) and prepare its snapshot as an import does. Then, with gunicorn serving it beside the floor
(scripts/floor_app.py, a trivial Dash callback served the same way):
- the cold start: from starting gunicorn until every worker has rendered the overview;
- over real HTTP on loopback, with 1 client and with 8 at once, p50 and p95 of every callback a
  user triggers (pages, overview trends, councils compared, navigation links, router, footer,
  worklist, a drill-through), each request a filter combination not asked before with every filter
  varied, and the floor's in the same phase; each as a multiple of the floor;
- the first request of each worker after an import (the smallest extract imported again);
- each worker's peak memory: resident (RSS, VmHWM) and proportional (PSS, sampled: pages shared
  with the other workers, such as the snapshot's, counted once between them).
Prints one table and writes bench-results/bench.json.

    python scripts/bench.py [--sizes council,england] [--workers 2] [--requests 30] [--reuse]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from data import db, store, users  # noqa: E402
from data.demo import DemoSpec, write_demo  # noqa: E402
from data.ingest.importer import import_paths  # noqa: E402
from data.settings import load_settings  # noqa: E402
from scripts.bench_pages import PAGES, combos, filter_choices, floor_payload, payload, percentile  # noqa: E402
from scripts.serve import gunicorn_process, peak_memory_mb, signed_in_opener, worker_pids  # noqa: E402

SIZES = {"council": DemoSpec(children=350, seed=1), "england": DemoSpec(children=80000, councils=150, seed=1)}
ACCOUNT = ("bench-manager", "bench-manager-password")
PHASE_SECONDS = 60  # at most this long for one callback at one client count
FLOOR = "floor"
REIMPORTED = "iros.csv"  # the smallest extract: imported again, it makes a new data version


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="council,england")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=30, help="requests per callback with one client")
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
    settings = load_settings({k: env[k] for k in ("IRO_INSTANCE_DIR", "DATABASE_URL") if k in env})
    result = {"spec": asdict(spec), "import": prepare(folder, spec, settings, args.reuse)}
    with gunicorn_process(args.workers, app="scripts.floor_app:server", ready_path="/") as (floor, _floor), \
            MemoryWatch() as memory:
        started = time.perf_counter()
        with gunicorn_process(args.workers, env) as (base, server):
            memory.follow(server.pid)
            result["cold_start_s"] = cold_start(base, args.workers, started)
            print(f"[{size}] cold start until every worker has rendered the overview: {result['cold_start_s']} s",
                  flush=True)
            asked = iter(requests_to_ask(settings))
            result["latency"] = {}
            for clients in [int(c) for c in args.clients.split(",")]:
                result["latency"][str(clients)] = latency(size, base, floor, clients, asked, args.requests)
            result["after_import"] = first_requests_after_import(folder, settings, base, args.workers)
            print(f"[{size}] after an import: {result['after_import']}", flush=True)
            result["worker_peak_mb"] = [round(peak_memory_mb(pid)) for pid in worker_pids(server.pid)]
        result["worker_peak_pss_mb"] = memory.peak_pss_mb()
    return result


def prepare(folder: Path, spec: DemoSpec, settings, reuse: bool) -> dict:
    """The data imported and its snapshot made, as `flask import` leaves them."""
    marker = folder / "bench-import.json"
    if reuse and marker.exists():
        facts = {**json.loads(marker.read_text()), "reused": True}
    else:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
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
        facts["reused"] = False
        print(f"[{folder.name}] imported {facts['rows']:,} rows in {facts['import_s']} s: "
              f"{facts['rows_per_s']:,} rows/s", flush=True)
    facts["prepare_s"] = round(store.prepare(settings), 1)
    print(f"[{folder.name}] snapshot ready in {facts['prepare_s']} s", flush=True)
    return facts


def cold_start(base: str, workers: int, started: float) -> float:
    """Sync workers take one request each: as many at once as workers (twice, to be sure) reach
    every worker, as a deployment's first visitors would."""
    openers = [signed_in_opener(base, ACCOUNT) for _ in range(2 * workers)]
    with ThreadPoolExecutor(len(openers)) as pool:
        list(pool.map(lambda o: [_post(o, base, payload(page, {})) for page in ("overview", "overview-trends")],
                      openers))
    return round(time.perf_counter() - started, 2)


def requests_to_ask(settings) -> list[dict]:
    """Filter combinations, each asked once: a year or quarter the filter bar offers, and every filter
    varied (team, IRO, age band, sex, ethnicity, legal status, placement, asylum-seeking)."""
    from callbacks.scope import filter_options
    options = filter_options(store.dataset(settings))
    periods = [value for value, _ in options.periods][:12]
    return combos(periods, filter_choices(options), 5000)


def latency(size: str, base: str, floor: str, clients: int, asked, per_client: int) -> dict:
    each = per_client if clients == 1 else max(5, per_client // 4)
    openers = [signed_in_opener(base, ACCOUNT) for _ in range(clients)]
    floor_openers = [urllib.request.build_opener() for _ in range(clients)]
    for opener in openers:  # a session per client, and every worker has the data before timing
        _post(opener, base, payload("overview", {}))
    counter = iter(range(10**9))
    rows = {FLOOR: timed(floor, floor_openers, [[floor_payload(next(counter)) for _ in range(each)]
                                                 for _ in floor_openers])}
    for page in PAGES:
        rows[page] = timed(base, openers, [[payload(page, next(asked)) for _ in range(each)] for _ in openers])
    for page, row in rows.items():
        row["p50_x_floor"] = round(row["p50_ms"] / rows[FLOOR]["p50_ms"], 1)
        row["p95_x_floor"] = round(row["p95_ms"] / rows[FLOOR]["p95_ms"], 1)
        print(f"[{size}] {clients} client(s) {page:<16} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms"
              f"  ({row['p95_x_floor']:5.1f} x floor p95, {row['requests']} requests)", flush=True)
    return rows


def timed(base: str, openers: list, plans: list[list[bytes]]) -> dict:
    """Each client sends its own requests, all clients at once, for at most PHASE_SECONDS."""
    deadline = time.time() + PHASE_SECONDS

    def client(index: int) -> list[float]:
        return [_post(openers[index], base, body) for body in plans[index] if time.time() < deadline]

    with ThreadPoolExecutor(len(openers)) as pool:
        latencies = [t for times in pool.map(client, range(len(openers))) for t in times]
    return {"requests": len(latencies), "p50_ms": round(percentile(latencies, 0.5), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1), "max_ms": round(max(latencies), 1)}


def first_requests_after_import(folder: Path, settings, base: str, workers: int) -> dict:
    """An import while the server runs (as `flask import` does it: the import, then its snapshot),
    then one request to each worker at once: how long each worker's first answer on the new data takes."""
    engine = db.get_engine(settings.database_url)
    imported = import_paths(engine, [folder / "demo" / REIMPORTED], settings.council_code, user="bench")
    prepared = store.prepare(settings)
    openers = [signed_in_opener(base, ACCOUNT) for _ in range(workers)]
    with ThreadPoolExecutor(workers) as pool:
        firsts = list(pool.map(lambda o: _post(o, base, payload("overview", {})), openers))
    return {"import_s": round(imported.seconds, 1), "prepare_s": round(prepared, 1),
            "first_request_ms": [round(t) for t in firsts]}


class MemoryWatch:
    """Samples the proportional memory (PSS) of a gunicorn master's workers until stopped: the
    kernel keeps a peak of resident memory (VmHWM) but not of PSS."""

    def __init__(self, every_s: float = 0.5):
        self.every_s, self.masters, self.peaks = every_s, [], {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._stop.set()
        self._thread.join()

    def follow(self, master_pid: int) -> None:
        self.masters.append(master_pid)

    def peak_pss_mb(self) -> list[int]:
        return [round(kb / 1024) for kb in self.peaks.values()]

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            for pid in [p for master in self.masters for p in worker_pids(master)]:
                pss = _pss_kb(pid)
                if pss:
                    self.peaks[pid] = max(self.peaks.get(pid, 0), pss)


def _pss_kb(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("Pss:")), 0)


def _post(opener, base: str, body: bytes) -> float:
    request = urllib.request.Request(base + "/_dash-update-component", data=body,
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with opener.open(request, timeout=300) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def print_table(report: dict) -> None:
    counts = ("1", "8")
    print(f"\n{'size':<9}{'callback':<16}" + "".join(f"{f'{c} client p50':>14}{'p95':>9}{'x floor':>9}"
                                                   for c in counts))
    for size, result in report["sizes"].items():
        for page in (FLOOR, *PAGES):
            cells = "".join(f"{result['latency'][c][page]['p50_ms']:>12.0f}ms{result['latency'][c][page]['p95_ms']:>7.0f}ms"
                            f"{result['latency'][c][page]['p95_x_floor']:>9.1f}" if page in result["latency"].get(c, {})
                            else f"{'-':>14}{'-':>9}{'-':>9}" for c in counts)
            print(f"{size:<9}{page:<16}{cells}")
        imported, after = result["import"], result["after_import"]
        print(f"{'':<9}import {imported.get('rows', 0):,} rows at {imported.get('rows_per_s', 0):,} rows/s; "
              f"snapshot {imported['prepare_s']} s; cold start {result['cold_start_s']} s; first request per "
              f"worker after an import {', '.join(f'{t:,} ms' for t in after['first_request_ms'])}")
        print(f"{'':<9}worker peak memory: RSS {', '.join(f'{m:,} MB' for m in result['worker_peak_mb'])}; "
              f"PSS {', '.join(f'{m:,} MB' for m in result['worker_peak_pss_mb'])}")


if __name__ == "__main__":
    main()
