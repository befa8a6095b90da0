"""``python -m atlas_simulator``: start line, start time, seed file, state file, clean stop."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from requests.auth import HTTPDigestAuth

SIMULATOR_DIR = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^atlas-simulator listening on (http://127\.0\.0\.1:(\d+))\n$")
CLUSTERS = "/api/atlas/v2/groups/6500000000000000000000b1/clusters"
ACCEPT = {"Accept": "application/vnd.atlas.2024-08-05+json"}


class RunningSimulator:
    def __init__(self, *args):
        env = {**os.environ, "PYTHONPATH": str(SIMULATOR_DIR)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "atlas_simulator", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.first_line = self.process.stdout.readline()
        match = LINE.match(self.first_line)
        assert match, (self.first_line, self.process.stderr.read() if self.process.poll() is not None else "")
        self.url = match.group(1)

    def stop(self, sig=signal.SIGTERM):
        self.process.send_signal(sig)
        return self.process.wait(timeout=5)


@pytest.fixture
def running():
    started = []

    def start(*args):
        simulator = RunningSimulator(*args)
        started.append(simulator)
        return simulator

    yield start
    for simulator in started:
        if simulator.process.poll() is None:
            simulator.process.kill()
            simulator.process.wait()
        simulator.process.stdout.close()
        simulator.process.stderr.close()


# How fast it starts is measured in `make bench` (benchmarks/bench_simulator_startup.py), not here.
def test_it_prints_its_url_first_and_stops_on_sigterm(running):
    simulator = running()
    response = requests.get(
        simulator.url + CLUSTERS, auth=HTTPDigestAuth("sim-public-key", "sim-private-key"), headers=ACCEPT, timeout=10
    )
    assert response.status_code == 200
    assert simulator.stop() == 0


def test_it_stops_on_sigint(running):
    assert running().stop(signal.SIGINT) == 0


def test_a_seed_file_replaces_the_default_seed(running, tmp_path):
    seed = tmp_path / "seed.yaml"
    seed.write_text(
        "api_keys: [{public_key: mine, private_key: secret}]\n"
        "orgs: [{id: 6600000000000000000000a1, name: Mine}]\n"
        "projects: [{id: 6600000000000000000000b1, org_id: 6600000000000000000000a1, clusters: [{name: solo,\n"
        "  mongoDBEmployeeAccessGrant: {grantType: CLUSTER_DATABASE_LOGS, expirationTime: 2099-01-01T00:00:00Z}}]}]\n"
    )
    simulator = running("--seed", str(seed))
    response = requests.get(
        simulator.url + "/api/atlas/v2/groups/6600000000000000000000b1/clusters",
        auth=HTTPDigestAuth("mine", "secret"),
        headers=ACCEPT,
        timeout=10,
    )
    assert [c["name"] for c in response.json()["results"]] == ["solo"]
    # An unquoted YAML timestamp stays Atlas' text form.
    assert response.json()["results"][0]["mongoDBEmployeeAccessGrant"]["expirationTime"] == "2099-01-01T00:00:00Z"
    old_key = requests.get(
        simulator.url + CLUSTERS, auth=HTTPDigestAuth("sim-public-key", "sim-private-key"), headers=ACCEPT, timeout=10
    )
    assert old_key.status_code == 401


def test_the_state_file_keeps_changes_across_restarts(running, tmp_path):
    state_file = tmp_path / "state.json"
    first = running("--state-file", str(state_file))
    revoke = requests.post(
        first.url + CLUSTERS + "/Cluster0:revokeMongoDBEmployeeAccess",
        auth=HTTPDigestAuth("sim-public-key", "sim-private-key"),
        headers=ACCEPT,
        timeout=10,
    )
    assert revoke.status_code == 204
    assert "mongoDBEmployeeAccessGrant" not in json.loads(state_file.read_text())["projects"][0]["clusters"][0]
    assert first.stop() == 0
    second = running("--state-file", str(state_file))
    cluster = requests.get(
        second.url + CLUSTERS + "/Cluster0",
        auth=HTTPDigestAuth("sim-public-key", "sim-private-key"),
        headers=ACCEPT,
        timeout=10,
    ).json()
    assert "mongoDBEmployeeAccessGrant" not in cluster


def test_a_broken_seed_file_fails_with_a_message(tmp_path):
    seed = tmp_path / "seed.yaml"
    seed.write_text("- just\n- a list\n")
    env = {**os.environ, "PYTHONPATH": str(SIMULATOR_DIR)}
    result = subprocess.run(
        [sys.executable, "-m", "atlas_simulator", "--seed", str(seed)],
        capture_output=True,
        text=True,
        env=env,
        timeout=10,
        check=False,
    )
    assert result.returncode == 2
    assert "a seed must be a mapping" in result.stderr


def test_the_ready_file_holds_the_url_while_it_runs(running, tmp_path):
    ready = tmp_path / "simulator.url"
    simulator = running("--ready-file", str(ready))
    # Written right after the first line; a CI job polls for it instead of reading stdout.
    deadline = time.monotonic() + 10
    while not ready.exists() and simulator.process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.read_text() == simulator.url + "\n"
    assert requests.get(ready.read_text().strip() + "/__sim__/health", timeout=10).status_code == 200
    assert simulator.stop() == 0
    assert not ready.exists()
