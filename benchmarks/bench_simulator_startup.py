#!/usr/bin/env python
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make bench`: the simulator's start-up, process start to its first line, on the full spec and the old cut.

Run through scripts/in-collection-tree (`make bench` does). Nothing here asserts a time. Measured,
each BENCH_STARTS times (default 5), median and fastest:

1. The full published spec with a warm derived cache (the usual case: every start after the first).
2. The full spec with a cold derived cache (the first start after the spec or the derivation changed:
   the 4 MB YAML is parsed and the cache written). Each start gets an empty XDG_CACHE_HOME.
3. The old cut, ``atlas-admin-v2-subset.yaml`` beside the repository, parsed from YAML at every start
   as the simulator did before it served the full spec (ATLAS_OPENAPI_SPEC with
   ATLAS_OPENAPI_ALLOW_UNPINNED=1, an empty XDG_CACHE_HOME each start). Skipped with a note when the
   file is absent.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TREE = Path(os.environ.get("ATLAS_COLLECTION_TREE") or Path(__file__).resolve().parents[1])
SIMULATOR_DIR = TREE / "simulator"
REPO_ROOT = Path(os.environ.get("ATLAS_REPO_ROOT") or TREE)
SUBSET = REPO_ROOT.parent / "shared" / "atlas-openapi" / "atlas-admin-v2-subset.yaml"
STARTS = int(os.environ.get("BENCH_STARTS", "5"))

sys.path.insert(0, str(SIMULATOR_DIR))
from atlas_simulator import spec_source  # noqa: E402


def start_seconds(extra_env=None):
    """One simulator start: seconds from process start to its first stdout line."""
    env = {**os.environ, "PYTHONPATH": str(SIMULATOR_DIR), **(extra_env or {})}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "atlas_simulator", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    line = process.stdout.readline()
    seconds = time.perf_counter() - started
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=10)
    process.stdout.close()
    if not line.startswith("atlas-simulator listening on "):
        raise SystemExit(f"bench: the simulator did not start (exit code {process.returncode}, first line {line!r})")
    return seconds


def measure(label, env_for_each_start):
    times = [start_seconds(env_for_each_start()) for dummy in range(STARTS)]
    print(f"  {label:<58} median {statistics.median(times):6.3f} s   fastest {min(times):6.3f} s")
    return statistics.median(times)


def main():
    full = spec_source.verified_spec().path
    print(f"Simulator start-up, process start to first line ({STARTS} starts each, {sys.executable}):")
    start_seconds()  # make sure the derived cache of the full spec is there
    warm = measure("full spec (4.0 MB), warm derived cache", dict)
    with tempfile.TemporaryDirectory(prefix="bench-sim-cache.") as scratch:
        counter = iter(range(10**6))

        def cold_cache(**env):
            return lambda: {"XDG_CACHE_HOME": os.path.join(scratch, str(next(counter))), **env}

        measure("full spec, cold derived cache (YAML parsed)", cold_cache(ATLAS_OPENAPI_SPEC=str(full)))
        if SUBSET.is_file():
            old = measure(
                "old cut (subset, 460 KB), YAML parsed at each start",
                cold_cache(ATLAS_OPENAPI_SPEC=str(SUBSET), ATLAS_OPENAPI_ALLOW_UNPINNED="1"),
            )
            print(f"  full spec (warm) / old cut: {warm / old:.2f}x")
        else:
            print(f"  old cut: skipped, {SUBSET} is not there")


if __name__ == "__main__":
    main()
