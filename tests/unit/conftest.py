# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for every unit test.

- `sim`: the Atlas API simulator (simulator/atlas_simulator), in process, checking its own answers
  against the spec; one per pytest worker, put back to its default seed before each test. Module
  tests run the modules' real main() against it and assert on its request log and state.
- `run_module`: runs a module's main() with arguments, check mode and diff mode; returns its result.
- `run_in_process`: the same arguments, but main() runs through the module's action plugin, as
  when a task runs inside the controller (tests/unit/in_process.py).
- `fake_clock`: time for the wait helper that only moves when the code under test sleeps.

The client's wire-level edge cases keep the low-level FakeAtlas (fake_atlas.py).
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import requests
from ansible.module_utils.common import warnings as module_warnings
from ansible_collections.atlas_ops.admin.tests.unit.compat import patch_module_args

try:  # ansible-core 2.19 and later: module_utils behave as in a module process only when this is False
    from ansible.module_utils import _internal as module_internals
except ImportError:
    module_internals = None

from ansible_collections.atlas_ops.admin.plugins.module_utils import wait
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import BASE_URL_ENV, CREDENTIAL_ENV

# The simulator is a plain package beside the collection (not shipped in it): <root>/simulator.
# Test modules import its seed ids as `from atlas_simulator import default_seed`.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "simulator"))

from atlas_simulator import SimulatorServer  # noqa: E402
from atlas_simulator import default_seed  # noqa: E402

API_PREFIX = "/api/"  # the Atlas Admin API and the OAuth token endpoint; not the /__sim__/ control API
CONTROL_TIMEOUT = 10

# One API request as tests look at it: query is a dict, body the decoded JSON body or None.
Request = collections.namedtuple("Request", ["method", "path", "query", "accept", "content_type", "body", "status"])


# -- counts the reliability matrix reports (tests/unit/reliability) ------------------------------
# Tests add `record_property("matrix_<name>", n)`; the sums are printed at the end of the run. The
# hooks live here because with pytest-xdist only the controller prints, and it loads this conftest.
MATRIX_COUNTS = collections.Counter()


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed:
        for name, value in report.user_properties:
            if name.startswith("matrix_"):
                MATRIX_COUNTS[name[len("matrix_"):]] += value


def pytest_terminal_summary(terminalreporter):
    if MATRIX_COUNTS:
        counts = ", ".join("%s %d" % (name.replace("_", " "), MATRIX_COUNTS[name]) for name in sorted(MATRIX_COUNTS))
        terminalreporter.write_line("reliability matrix (passed tests): " + counts)


@pytest.fixture(autouse=True)
def no_atlas_environment(monkeypatch):
    """Credentials and base URL of the developer's shell must not leak into module runs."""
    for name in (BASE_URL_ENV,) + sum(CREDENTIAL_ENV.values(), ()):
        monkeypatch.delenv(name, raising=False)


# -- the simulator -------------------------------------------------------------------------------


class Simulator:
    """The control API of one running simulator, with the shortcuts module tests need."""

    seed_ids = default_seed

    def __init__(self, server):
        self.server = server
        self.url = server.url

    def _control(self, method, name, body=None):
        response = requests.request(method, "%s/__sim__/%s" % (self.url, name), json=body, timeout=CONTROL_TIMEOUT)
        assert response.status_code < 300, "%s /__sim__/%s: %s %s" % (method, name, response.status_code, response.text)
        return response

    def reset(self):
        """Back to the default seed: state, tokens, faults, clock, rate windows and request log."""
        self._control("POST", "reset")

    # -- module options

    def module_args(self, **args):
        """Connection options for the default seed's API key, plus the module's own args (which win)."""
        connection = dict(
            api_base_url=self.url,
            public_key=default_seed.PUBLIC_KEY,
            private_key=default_seed.PRIVATE_KEY,
            retries=0,
            timeout=10,
        )
        connection.update(args)
        return connection

    # -- what reached the simulator

    def request_log(self):
        """Every API request the simulator received, as it logs them (digest challenges included)."""
        return [entry for entry in self._control("GET", "requests").json() if entry["path"].startswith(API_PREFIX)]

    def requests(self):
        """The API requests, without the unauthenticated first try of each digest handshake.

        requests' HTTPDigestAuth sends every new connection's first request without credentials to
        get the challenge, then sends it again: the tests count what the module asked for.
        """
        return [
            Request(
                method=entry["method"],
                path=entry["path"],
                query=dict(parse_qsl(entry["query"] or "", keep_blank_values=True)),
                accept=entry["headers"].get("Accept"),
                content_type=entry["headers"].get("Content-Type"),
                body=entry["body"],
                status=entry["status"],
            )
            for entry in self.request_log()
            if not _is_digest_challenge(entry)
        ]

    def writes(self):
        return [request for request in self.requests() if request.method != "GET"]

    def forget_requests(self):
        self._control("DELETE", "requests")

    def fail_next(self, method, path_regex, status, count=1, **fault):
        """The next `count` METHOD requests whose raw path matches path_regex get this status instead.

        The simulator answers with its own error code for the status (errors.FAULT_ERROR_CODES) and
        the detail "Injected fault: <reason>."; other keys (retry_after, delay, drop) as in
        POST /__sim__/faults.
        """
        return self._control("POST", "faults", dict(fault, method=method, path=path_regex, status=status, count=count)).json()

    # -- state

    def state(self):
        return self._control("GET", "state").json()

    def set_state(self, state):
        self._control("POST", "state", state)

    def project(self, project_id=default_seed.PROJECT_ID, state=None):
        state = state if state is not None else self.state()
        return next(project for project in state["projects"] if project["id"] == project_id)

    def clusters(self, project_id=default_seed.PROJECT_ID):
        """The project's clusters as stored (Atlas field names, without simulator bookkeeping)."""
        return [_public(cluster) for cluster in self.project(project_id)["clusters"]]

    def cluster(self, name, project_id=default_seed.PROJECT_ID):
        return next(cluster for cluster in self.clusters(project_id) if cluster["name"] == name)

    def set_clusters(self, clusters, project_id=default_seed.PROJECT_ID):
        """Replace the project's clusters; the simulator fills in what each leaves out."""
        state = self.state()
        self.project(project_id, state)["clusters"] = clusters
        self.set_state(state)

    def update_cluster(self, name, remove=(), project_id=default_seed.PROJECT_ID, **fields):
        """Set the given fields of a stored cluster and drop the fields named in remove."""
        state = self.state()
        cluster = next(cluster for cluster in self.project(project_id, state)["clusters"] if cluster["name"] == name)
        cluster.update(fields)
        for field in remove:
            cluster.pop(field, None)
        self.set_state(state)


def _is_digest_challenge(entry):
    return entry["status"] == 401 and "Authorization" not in entry["headers"]


def _public(resource):
    return {key: value for key, value in resource.items() if not key.startswith("_")}


@pytest.fixture(scope="session")
def simulator_server():
    """One simulator per pytest worker: starting one costs a spec load and a schema compile."""
    server = SimulatorServer(validate_responses=True).start()
    server.app.warm_up()
    yield server
    server.stop()


@pytest.fixture
def sim(simulator_server):
    """The simulator at its default seed with an empty request log and no faults.

    A test fails when any answer the simulator gave during it broke the spec, whatever the test
    itself asserted (a simulator defect must not pass for module behaviour).
    """
    simulator = Simulator(simulator_server)
    simulator.reset()
    del simulator_server.app.response_violations[:]
    yield simulator
    assert simulator_server.app.response_violations == [], "the simulator answered outside the spec"


# -- running a module ----------------------------------------------------------------------------


@pytest.fixture
def run_module(capfd, monkeypatch):
    """run_module(main, args, check_mode=False, diff=False) -> the module's result as a dict.

    main() must end the way Ansible expects (exit_json or fail_json, both SystemExit); the exit code
    must agree with the result's `failed`.
    """
    # A module process has no controller code loaded; a test that ran an action plugin in this process
    # has loaded it (which, on ansible-core 2.19, sends module warnings to the controller's display).
    if module_internals is not None and hasattr(module_internals, "is_controller"):
        monkeypatch.setattr(module_internals, "is_controller", False)

    def run(main, args, check_mode=False, diff=False):
        # ansible-core keeps warnings and deprecations in process-wide lists: start each run empty,
        # as a real task (a new process) does, so that a result holds only its own warnings.
        for pending in (module_warnings._global_warnings, module_warnings._global_deprecations):
            pending.clear()
        module_args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
        with patch_module_args(module_args):
            with pytest.raises(SystemExit) as exit_info:
                main()
        result = json.loads(capfd.readouterr().out)
        assert exit_info.value.code == (1 if result.get("failed") else 0)
        return result

    return run


@pytest.fixture
def run_in_process():
    """run_in_process(main, args, check_mode=False, diff=False, environment=None) -> the result of
    the task when main()'s module runs inside the controller, through its action plugin."""
    from ansible_collections.atlas_ops.admin.tests.unit.in_process import run_module_in_process

    return run_module_in_process


# -- time ----------------------------------------------------------------------------------------


class FakeClock:
    """Time that only moves when the code under test sleeps; on_sleep(seconds) runs at each sleep."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []
        self.on_sleep = None

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds
        if self.on_sleep is not None:
            self.on_sleep(seconds)


@pytest.fixture
def fake_clock(monkeypatch):
    """Every wait_until (module_utils.wait's and any module's imported copy) runs on a FakeClock."""
    clock = FakeClock()
    real_wait_until = wait.wait_until

    def fake_wait_until(*args, **kwargs):
        kwargs.update(clock=clock.clock, sleep=clock.sleep)
        return real_wait_until(*args, **kwargs)

    monkeypatch.setattr(wait, "wait_until", fake_wait_until)
    for name, module in list(sys.modules.items()):
        if name.startswith("ansible_collections.atlas_ops.admin.plugins.modules.") and getattr(module, "wait_until", None) is real_wait_until:
            monkeypatch.setattr(module, "wait_until", fake_wait_until)
    return clock
