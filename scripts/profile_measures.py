"""Where a filter change spends its time, in-process (no HTTP): each measure timed for new filter
combinations over the configured instance, as the overview asks for it (the period and the one
before, then the trend). Use it to find the measure to work on; `make bench` gives the figures.

    IRO_INSTANCE_DIR=bench-results/instances/england python scripts/profile_measures.py [--combos 6]
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from callbacks.scope import filter_options, scope_from  # noqa: E402
from data import results_cache, store  # noqa: E402
from data.measures.report import Scope  # noqa: E402
from data.settings import load_settings  # noqa: E402
from scripts.bench_pages import combos, filter_choices  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--combos", type=int, default=6)
    parser.add_argument("--trend", type=int, default=5, help="periods of trend per combination (0: none)")
    args = parser.parse_args()
    settings = load_settings()
    started = time.perf_counter()
    data = store.dataset(settings)
    print(f"loaded in {time.perf_counter() - started:.1f} s; RSS {_rss_mb():,} MB", flush=True)
    options = filter_options(data)
    measure_ids = list(settings.measure_rules)
    totals: dict[str, float] = defaultdict(float)
    for values in combos([v for v, _ in options.periods][:12], filter_choices(options), args.combos):
        scope = scope_from(values, data)
        scopes = [scope, Scope(scope.period.previous(), None, scope.filters)]
        scopes += [Scope(p, None, scope.filters) for p in scope.period.run(args.trend) if p != scope.period]
        started = time.perf_counter()
        for measure_id in measure_ids:
            began = time.perf_counter()
            for each in scopes:
                results_cache.result(settings, data, each, measure_id, detail=False)  # as the overview asks
            totals[measure_id] += time.perf_counter() - began
        print(f"{_describe(values):<48} {len(scopes)} scopes: {(time.perf_counter() - started) * 1000:7.0f} ms;"
              f" RSS {_rss_mb():,} MB", flush=True)
    print("\nslowest measures over all combinations:")
    for measure_id, seconds in sorted(totals.items(), key=lambda item: -item[1])[:12]:
        print(f"  {measure_id:<32} {seconds * 1000:8.0f} ms")


def _describe(values: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items() if v)


def _rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


if __name__ == "__main__":
    main()
