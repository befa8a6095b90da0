#!/usr/bin/env python
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make bench`: request counts and time ratios of the shared client against baselines run beside it.

Run through scripts/in-collection-tree (imports) and scripts/with-simulator (ATLAS_SIM_URL).
Nothing here asserts a time: it measures and prints. Two measurements, each with its baseline
measured in the same run, against the same simulator:

1. Service account tasks. Every Ansible task is a new process. N processes each read the
   clusters with a service account, once with the shared token cache (the default) and once
   with token_cache=false (the baseline: a token request per task). Reported: token requests,
   API requests and wall time of each, and the ratio.
2. Reading a project of 1,200 clusters. get_all() reads 500 a page; the baseline is a
   hand-written loop at Atlas' default page size (100), what a `uri` task loop typically does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

import requests

SIM_URL = os.environ["ATLAS_SIM_URL"]
PROJECT = "6500000000000000000000b1"
SA_ID = "mdb_sa_id_6500000000000000000000c1"
SA_SECRET = "mdb_sa_sk_simulator_secret"
TASKS = int(os.environ.get("BENCH_TASKS", "12"))

TASK_SCRIPT = """
import sys
from ansible_collections.atlas_ops.admin.plugins.module_utils.client import AtlasClient
cache = sys.argv[2] or None
client = AtlasClient(base_url=sys.argv[1], client_id=%r, client_secret=%r, token_cache_dir=cache)
client.get_all("/groups/{groupId}/clusters", groupId=%r)
""" % (SA_ID, SA_SECRET, PROJECT)


def sim(method, path, body=None):
    response = requests.request(method, SIM_URL + path, json=body, timeout=30)
    response.raise_for_status()
    return response.json() if response.content else None


def logged_requests():
    return sim("GET", "/__sim__/requests")


def run_tasks(cache_dir):
    """TASKS sequential task processes; returns (seconds, token requests, API requests)."""
    sim("DELETE", "/__sim__/requests")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    start = time.perf_counter()
    for dummy in range(TASKS):
        subprocess.run([sys.executable, "-c", TASK_SCRIPT, SIM_URL, cache_dir or ""], env=env, check=True)
    seconds = time.perf_counter() - start
    log = logged_requests()
    tokens = sum(1 for entry in log if entry["path"] == "/api/oauth/token")
    return seconds, tokens, len(log) - tokens


def bench_token_cache():
    with tempfile.TemporaryDirectory() as cache_dir:
        base_seconds, base_tokens, base_api = run_tasks(None)
        cached_seconds, cached_tokens, cached_api = run_tasks(os.path.join(cache_dir, "tokens"))
    print("service account, %d task processes reading the clusters" % TASKS)
    print("  %-28s %14s %12s %9s" % ("", "token requests", "API requests", "seconds"))
    print("  %-28s %14d %12d %9.2f" % ("baseline: token_cache=false", base_tokens, base_api, base_seconds))
    print("  %-28s %14d %12d %9.2f" % ("token cache (default)", cached_tokens, cached_api, cached_seconds))
    print("  token requests: %d -> %d; time ratio cached/baseline: %.2f" % (base_tokens, cached_tokens, cached_seconds / base_seconds))


def bench_pagination():
    from ansible_collections.atlas_ops.admin.plugins.module_utils.client import AtlasClient

    state = sim("GET", "/__sim__/state")
    template = state["projects"][0]["clusters"][0]
    project = next(p for p in state["projects"] if p["id"] == PROJECT)
    project["clusters"] = [dict(template, name="bench-%04d" % i) for i in range(1200)]
    for cluster in project["clusters"]:
        cluster.pop("id", None)
        cluster.pop("mongoDBEmployeeAccessGrant", None)
    sim("POST", "/__sim__/state", state)
    try:
        client = AtlasClient(base_url=SIM_URL, public_key="sim-public-key", private_key="sim-private-key")
        client.get("/groups/{groupId}/clusters", groupId=PROJECT, query={"itemsPerPage": 1})  # digest handshake

        sim("DELETE", "/__sim__/requests")
        start = time.perf_counter()
        page, baseline = 1, []
        while True:
            answer = client.get("/groups/{groupId}/clusters", query={"itemsPerPage": 100, "pageNum": page}, groupId=PROJECT)
            baseline.extend(answer["results"])
            if len(answer["results"]) < 100:
                break
            page += 1
        base_seconds = time.perf_counter() - start
        base_requests = len(logged_requests())

        sim("DELETE", "/__sim__/requests")
        start = time.perf_counter()
        clusters = client.get_all("/groups/{groupId}/clusters", groupId=PROJECT)
        seconds = time.perf_counter() - start
        requests_made = len(logged_requests())
    finally:
        sim("POST", "/__sim__/reset")
    assert len(clusters) == len(baseline) == 1200
    print("reading 1,200 clusters")
    print("  %-34s %9s %9s" % ("", "requests", "seconds"))
    print("  %-34s %9d %9.3f" % ("baseline: itemsPerPage=100 loop", base_requests, base_seconds))
    print("  %-34s %9d %9.3f" % ("get_all (itemsPerPage=500)", requests_made, seconds))
    print("  requests: %d -> %d; time ratio get_all/baseline: %.2f" % (base_requests, requests_made, seconds / base_seconds))


def main():
    sim("POST", "/__sim__/reset")
    bench_token_cache()
    print()
    bench_pagination()


if __name__ == "__main__":
    main()
