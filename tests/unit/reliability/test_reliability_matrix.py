# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The reliability matrix: every module, every kind of request it sends, every fault (issue 18).

A module is covered by adding its scenarios to SCENARIOS (one entry per module). A scenario is a
module run that changes something, so that its reads, its writes and its token request all happen.
A scenario may carry a seed step: resources added to the default seed (through POST /__sim__/state)
before its clean run and before each faulted run, so that every cell starts from the same state and
the requests that change or remove an existing resource are faulted too. Every (method, endpoint)
of API_VERSIONS that a module sends is sent by some scenario's clean run (checked below).

For each scenario, a clean run against the simulator names the request kinds (method + path, ids
generalised) and the end state. Then for each fault in FAULTS and each kind, a run where the first
request of that kind meets the fault (through the simulator's fault API). A cell passes when:

- the run succeeds (after retries) with the clean run's `changed` and the clean run's end state:
  no duplicate resource, nothing missing, nothing half-applied; or
- the run fails with a clear message (the request's method and path, no traceback, no exception
  field), and a second run without the fault then succeeds with the clean run's end state: after a
  lost answer to a write, the next run's read finds what was written and does not write it twice.

Each cell also checks that the fault was used (a fault nobody met tests nothing). The cells are
counted in the terminal summary (tests/unit/conftest.py sums the `matrix_cells` user property).

Fast on purpose: urllib3's backoff and Retry-After sleeps are skipped (Retry.sleep patched), waits
run on the fake clock, and the slow-response cells use a client timeout of a fraction of a second.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import copy
import json
import re
import time

import pytest
import requests
from atlas_simulator.default_seed import AWS_CONTAINER_ID, EMPTY_PROJECT_ID, ORG_ID, PROJECT_ID, SA_CLIENT_ID, SA_CLIENT_SECRET
from urllib3.util.retry import Retry

from ansible_collections.atlas_ops.admin.plugins.module_utils import api_versions
from ansible_collections.atlas_ops.admin.plugins.module_utils import client as client_module
from ansible_collections.atlas_ops.admin.plugins.modules import (
    atlas_cloud_provider_role,
    atlas_cloud_provider_role_info,
    atlas_cluster_info,
    atlas_employee_access,
    atlas_network_peer,
    atlas_network_peer_info,
    atlas_online_archive,
    atlas_online_archive_info,
    atlas_org_user,
    atlas_project_user,
    atlas_sa_access_list,
    atlas_project,
    atlas_project_ip_access_list,
    atlas_project_user_info,
    atlas_org_user_info,
    atlas_sa_access_list_info,
    atlas_project_info,
    atlas_database_user_info,
    atlas_project_ip_access_list_info,
)
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_database_user
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cluster

# One module run: the module's main() and its own arguments (connection options are added), and the
# seed step (None, or a function that adds resources to the simulator's state dict) run before it.
Scenario = collections.namedtuple("Scenario", ["main", "args", "seed"])
Scenario.__new__.__defaults__ = (None,)


def seed_resources(key, *resources, **where):
    """A seed step: RESOURCES (simulator seed objects, Atlas field names) appended to the list KEY of
    the default project, or of the default organization with scope="org"."""
    scope = where.get("scope", "project")

    def seed(state):
        owners = state["orgs"] if scope == "org" else state["projects"]
        owner = next(item for item in owners if item["id"] == (ORG_ID if scope == "org" else PROJECT_ID))
        owner.setdefault(key, []).extend(copy.deepcopy(list(resources)))

    return seed


# Seeded resources (fixed ids, so that every cell starts from the same state).
PEER_ID = "6500000000000000000000f7"
SEEDED_PEER = {
    "id": PEER_ID,
    "providerName": "AWS",
    "containerId": AWS_CONTAINER_ID,
    "accepterRegionName": "us-east-1",
    "awsAccountId": "123456789012",
    "vpcId": "vpc-0123456789abcdef0",
    "routeTableCidrBlock": "10.0.0.0/16",
    "statusName": "AVAILABLE",
    "connectionId": "pcx-0123456789abcdef0",
}
ROLE_ID = "6500000000000000000000f8"
IAM_ROLE_ARN = "arn:aws:iam::123456789012:role/atlas-access"
UNAUTHORIZED_ROLE = {"providerName": "AWS", "roleId": ROLE_ID, "createdDate": "2026-01-01T00:00:00Z"}
AUTHORIZED_ROLE = dict(UNAUTHORIZED_ROLE, iamAssumedRoleArn=IAM_ROLE_ARN, authorizedDate="2026-01-01T00:05:00Z")
ARCHIVE_ID = "6500000000000000000000f9"
SEEDED_ARCHIVE = {
    "_id": ARCHIVE_ID,
    "clusterName": "Cluster0",
    "dbName": "sales",
    "collName": "orders",
    "criteria": {"type": "DATE", "dateField": "created", "expireAfterDays": 30},
    "state": "ACTIVE",
}
ARCHIVE_ARGS = {
    "project_id": PROJECT_ID,
    "cluster_name": "Cluster0",
    "db_name": "sales",
    "coll_name": "orders",
    "criteria": {"type": "DATE", "date_field": "created", "expire_after_days": 30},
}
TEAM_ID = "6500000000000000000000fa"
SEEDED_CLUSTER = {
    "id": "6500000000000000000000fb",
    "name": "orders",
    "replicationSpecs": [
        {"regionConfigs": [{"providerName": "AWS", "regionName": "US_EAST_1", "priority": 7, "electableSpecs": {"instanceSize": "M10", "nodeCount": 3}}]}
    ],
}
CLUSTER_ARGS = {"project_id": PROJECT_ID, "cluster_name": "orders", "provider": "AWS", "region": "US_EAST_1", "instance_size": "M10"}


def empty_access_lists(state):
    """A seed step: the default service account's organization-level and project-level access lists emptied."""
    for account in state["service_accounts"] + next(project for project in state["projects"] if project["id"] == PROJECT_ID)["service_accounts"]:
        account["access_list"] = []


SCENARIOS = {
    "atlas_cluster_info": Scenario(atlas_cluster_info.main, {"project_id": PROJECT_ID}),
    "atlas_employee_access-grant": Scenario(
        atlas_employee_access.main,
        {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_INFRASTRUCTURE", "expires_in": "8h"},
    ),
    "atlas_employee_access-revoke": Scenario(
        atlas_employee_access.main, {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "state": "absent"}
    ),
    "atlas_project_user-invite": Scenario(
        atlas_project_user.main, {"project_id": PROJECT_ID, "username": "dave@example.com", "roles": ["GROUP_READ_ONLY"]}
    ),
    "atlas_project_user-change-roles": Scenario(
        # alice is an active GROUP_OWNER in the default seed: one role added, then one removed.
        atlas_project_user.main, {"project_id": PROJECT_ID, "username": "alice@example.com", "roles": ["GROUP_READ_ONLY"]}
    ),
    "atlas_project_user-remove": Scenario(
        atlas_project_user.main, {"project_id": PROJECT_ID, "username": "carol@example.com", "state": "absent"}
    ),
    "atlas_network_peer-create": Scenario(
        atlas_network_peer.main,
        {
            "project_id": PROJECT_ID,
            "region": "US_EAST_1",
            "vpc_id": "vpc-0123456789abcdef0",
            "aws_account_id": "123456789012",
            "route_table_cidr_block": "10.0.0.0/16",
        },
    ),
    "atlas_network_peer-create-container": Scenario(
        # No container in US_WEST_2 in the default seed: the module creates one from atlas_cidr_block.
        atlas_network_peer.main,
        {
            "project_id": PROJECT_ID,
            "region": "US_WEST_2",
            "atlas_cidr_block": "192.168.240.0/21",
            "vpc_id": "vpc-0fedcba9876543210",
            "aws_account_id": "123456789012",
            "route_table_cidr_block": "10.2.0.0/16",
        },
    ),
    "atlas_network_peer-update": Scenario(
        atlas_network_peer.main,
        {
            "project_id": PROJECT_ID,
            "region": "US_EAST_1",
            "vpc_id": "vpc-0123456789abcdef0",
            "aws_account_id": "123456789012",
            "route_table_cidr_block": "10.1.0.0/16",
        },
        seed_resources("peers", SEEDED_PEER),
    ),
    "atlas_network_peer-remove": Scenario(
        atlas_network_peer.main,
        {"project_id": PROJECT_ID, "vpc_id": "vpc-0123456789abcdef0", "aws_account_id": "123456789012", "state": "absent"},
        seed_resources("peers", SEEDED_PEER),
    ),
    "atlas_sa_access_list-add": Scenario(
        atlas_sa_access_list.main, {"project_id": PROJECT_ID, "service_account_id": SA_CLIENT_ID, "entries": ["198.51.100.9"]}
    ),
    "atlas_sa_access_list-remove": Scenario(
        atlas_sa_access_list.main,
        {"project_id": PROJECT_ID, "service_account_id": SA_CLIENT_ID, "entries": ["203.0.113.11"], "state": "absent"},
    ),
    "atlas_sa_access_list-org-add": Scenario(
        atlas_sa_access_list.main, {"org_id": ORG_ID, "service_account_id": SA_CLIENT_ID, "entries": ["198.51.100.9"]}
    ),
    "atlas_sa_access_list-org-remove": Scenario(
        atlas_sa_access_list.main, {"org_id": ORG_ID, "service_account_id": SA_CLIENT_ID, "entries": ["203.0.113.10"], "state": "absent"}
    ),
    "atlas_org_user-invite": Scenario(atlas_org_user.main, {"org_id": ORG_ID, "username": "dave@example.com", "org_roles": ["ORG_MEMBER"]}),
    "atlas_org_user-change-roles": Scenario(
        # bob is an ORG_MEMBER in the default seed: one role added, then one removed.
        atlas_org_user.main, {"org_id": ORG_ID, "username": "bob@example.com", "org_roles": ["ORG_BILLING_ADMIN"]}
    ),
    "atlas_org_user-remove": Scenario(atlas_org_user.main, {"org_id": ORG_ID, "username": "carol@example.com", "state": "absent"}),
    "atlas_org_user-change-teams": Scenario(
        atlas_org_user.main,
        {"org_id": ORG_ID, "username": "bob@example.com", "org_roles": ["ORG_MEMBER"], "team_ids": [TEAM_ID]},
        seed_resources("teams", {"id": TEAM_ID, "name": "platform"}, scope="org"),
    ),
    "atlas_cloud_provider_role-create": Scenario(atlas_cloud_provider_role.main, {"project_id": PROJECT_ID, "provider": "AWS"}),
    "atlas_cloud_provider_role-authorize": Scenario(
        atlas_cloud_provider_role.main,
        {"project_id": PROJECT_ID, "provider": "AWS", "state": "authorized", "role_id": ROLE_ID, "iam_assumed_role_arn": IAM_ROLE_ARN},
        seed_resources("cloud_provider_access", UNAUTHORIZED_ROLE),
    ),
    "atlas_cloud_provider_role-remove": Scenario(
        atlas_cloud_provider_role.main,
        {"project_id": PROJECT_ID, "provider": "AWS", "iam_assumed_role_arn": IAM_ROLE_ARN, "state": "absent"},
        seed_resources("cloud_provider_access", AUTHORIZED_ROLE),
    ),
    "atlas_online_archive-create": Scenario(
        atlas_online_archive.main,
        {
            "project_id": PROJECT_ID,
            "cluster_name": "Cluster0",
            "db_name": "sales",
            "coll_name": "orders",
            "criteria": {"type": "DATE", "date_field": "created", "expire_after_days": 30},
        },
    ),
    "atlas_online_archive-update": Scenario(
        # By archive_id (one GET of the archive), a new expiry, paused, and wait (reads until PAUSED).
        atlas_online_archive.main,
        dict(ARCHIVE_ARGS, archive_id=ARCHIVE_ID, criteria=dict(ARCHIVE_ARGS["criteria"], expire_after_days=60), paused=True, wait=True),
        seed_resources("online_archives", SEEDED_ARCHIVE),
    ),
    "atlas_online_archive-remove": Scenario(
        atlas_online_archive.main,
        {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "db_name": "sales", "coll_name": "orders", "state": "absent", "wait": True},
        seed_resources("online_archives", SEEDED_ARCHIVE),
    ),
    "atlas_network_peer_info": Scenario(atlas_network_peer_info.main, {"project_id": PROJECT_ID}),
    "atlas_cloud_provider_role_info": Scenario(atlas_cloud_provider_role_info.main, {"project_id": PROJECT_ID}),
    "atlas_online_archive_info": Scenario(atlas_online_archive_info.main, {"project_id": PROJECT_ID, "cluster_name": "Cluster0"}),
    "atlas_database_user-create": Scenario(
        atlas_database_user.main,
        {
            "project_id": PROJECT_ID,
            "username": "arn:aws:iam::123456789012:role/orders",
            "auth_type": "AWS_IAM_ROLE",
            "roles": [{"role_name": "readWrite", "database_name": "orders"}],
        },
    ),
    "atlas_database_user-update": Scenario(
        # The default seed's app-reader (read on sales): one PATCH with the new roles and the password.
        atlas_database_user.main,
        {
            "project_id": PROJECT_ID,
            "username": "app-reader",
            "password": "reader-Pa55word-new",
            "update_password": "always",
            "roles": [{"role_name": "readWrite", "database_name": "sales"}],
        },
    ),
    "atlas_database_user-remove": Scenario(atlas_database_user.main, {"project_id": PROJECT_ID, "username": "app-reader", "state": "absent"}),
    "atlas_project-create": Scenario(atlas_project.main, {"org_id": ORG_ID, "name": "matrix-project", "tags": {"env": "test"}}),
    "atlas_project-update": Scenario(atlas_project.main, {"project_id": EMPTY_PROJECT_ID, "name": "matrix-renamed", "tags": {"env": "test"}}),
    "atlas_project-remove": Scenario(atlas_project.main, {"org_id": ORG_ID, "name": "Simulated Empty Project", "state": "absent"}),
    "atlas_project_ip_access_list-add": Scenario(
        atlas_project_ip_access_list.main, {"project_id": PROJECT_ID, "entries": ["198.51.100.9", {"cidr_block": "10.0.0.0/8", "comment": "apps"}]}
    ),
    "atlas_project_ip_access_list-update-remove": Scenario(
        # A new comment (the entry is sent again) and a purge (one DELETE).
        atlas_project_ip_access_list.main,
        {"project_id": PROJECT_ID, "entries": [{"ip_address": "192.0.2.1", "comment": "new"}], "purge": True},
        seed_resources("access_list", {"ipAddress": "192.0.2.1", "comment": "old"}, {"cidrBlock": "10.0.0.0/8"}),
    ),
    # Create (POST, then reads until IDLE), scale up with a tag (one PATCH, reads until IDLE), delete
    # (DELETE, reads until gone).
    "atlas_cluster-create": Scenario(atlas_cluster.main, CLUSTER_ARGS),
    "atlas_cluster-update": Scenario(
        atlas_cluster.main, dict(CLUSTER_ARGS, instance_size="M30", tags={"env": "prod"}), seed_resources("clusters", SEEDED_CLUSTER)
    ),
    "atlas_cluster-remove": Scenario(
        atlas_cluster.main, {"project_id": PROJECT_ID, "cluster_name": "orders", "state": "absent"}, seed_resources("clusters", SEEDED_CLUSTER)
    ),
    "atlas_project_user_info": Scenario(atlas_project_user_info.main, {"project_id": PROJECT_ID}),
    "atlas_org_user_info": Scenario(atlas_org_user_info.main, {"org_id": ORG_ID}),
    "atlas_sa_access_list_info": Scenario(atlas_sa_access_list_info.main, {"project_id": PROJECT_ID, "service_account_id": SA_CLIENT_ID}),
    # An empty list: the module reads the service account too, to be sure it exists.
    "atlas_sa_access_list_info-org-empty": Scenario(
        atlas_sa_access_list_info.main, {"org_id": ORG_ID, "service_account_id": SA_CLIENT_ID}, empty_access_lists
    ),
    "atlas_sa_access_list_info-project-empty": Scenario(
        atlas_sa_access_list_info.main, {"project_id": PROJECT_ID, "service_account_id": SA_CLIENT_ID}, empty_access_lists
    ),
    "atlas_project_info": Scenario(atlas_project_info.main, {"project_id": PROJECT_ID}),
    "atlas_project_info-by-name": Scenario(atlas_project_info.main, {"org_id": ORG_ID, "name": "Simulated Project"}),
    "atlas_project_info-org": Scenario(atlas_project_info.main, {"org_id": ORG_ID}),
    "atlas_database_user_info": Scenario(atlas_database_user_info.main, {"project_id": PROJECT_ID}),
    "atlas_project_ip_access_list_info": Scenario(atlas_project_ip_access_list_info.main, {"project_id": PROJECT_ID}),
}

PROXY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
SLOW_TIMEOUT = 0.2  # the client's timeout in the slow-response cells, seconds
SLOW_DELAY = 0.5  # how late the simulator answers in them

FAULTS = {
    "429-retry-after": {"status": 429, "retry_after": 1},
    "500": {"status": 500},
    "502": {"status": 502},
    "503": {"status": 503},
    "504": {"status": 504},
    "dropped-before-handling": {"drop": True},
    "dropped-after-handling": {"drop_after_handling": True},
    "slower-than-the-timeout": {"delay": SLOW_DELAY},
    "proxy-html-page": {"status": 502, "body": PROXY_PAGE, "content_type": "text/html"},
    "200-not-json": {"status": 200, "body": "upstream answered: OK", "content_type": "text/plain"},
}

ID_RE = re.compile(r"\b[0-9a-f]{24}\b")
# Other values the simulator draws at random: AWS peering connection ids, external ids (UUIDs).
GENERATED_RE = re.compile(r"\bpcx-[0-9a-f]{17}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
TIME_RE = re.compile(r"^\d{4}-\d\d-\d\dT")


def connection(sim, scenario, **extra):
    """The scenario's arguments with the default seed's service account (so the token request is a
    kind of request too), no token cache (each run asks for its token) and two retries."""
    args = sim.module_args(**scenario.args)
    del args["public_key"], args["private_key"]
    args.update(client_id=SA_CLIENT_ID, client_secret=SA_CLIENT_SECRET, token_cache=False, retries=2)
    args.update(extra)
    return args


def start(sim, scenario):
    """Put the simulator in the state the scenario starts from: the default seed and its seed step."""
    sim.reset()
    if scenario.seed is not None:
        state = sim.state()
        scenario.seed(state)
        sim.set_state(state)


def request_kind(method, path):
    """(method, regex of the path with every 24-hex id generalised): what a fault is aimed at."""
    return method, "^" + ID_RE.sub("[0-9a-f]{24}", re.escape(path)) + "$"


def end_state(sim):
    """The simulator's state without what differs between two correct runs: bookkeeping keys
    (leading underscore), generated ids and times, online archives shown as DELETED (gone once read
    enough). Lists keep their length: a duplicate shows."""

    def normalise(value):
        if isinstance(value, dict):
            return dict((key, normalise(item)) for key, item in value.items() if not key.startswith("_"))
        if isinstance(value, list):
            return [normalise(item) for item in value]
        if isinstance(value, str):
            if TIME_RE.match(value):
                return "<time>"
            return GENERATED_RE.sub("<generated>", ID_RE.sub("<id>", value))
        return value

    state = sim.state()
    state.pop("tokens", None)
    for project in state.get("projects", []):
        # A deleted archive is listed as DELETED until enough reads (or time) made it gone: how many
        # reads a run made (a retried GET, a late answer) must not make two removals differ.
        if "online_archives" in project:
            project["online_archives"] = [archive for archive in project["online_archives"] if archive.get("state") != "DELETED"]
    return normalise(state)


def differences(actual, expected, where="state"):
    """Where two end states differ, as readable paths (for assertion messages)."""
    if isinstance(actual, dict) and isinstance(expected, dict):
        found = []
        for key in sorted(set(actual) | set(expected), key=str):
            if key not in actual or key not in expected:
                found.append("%s.%s: %s" % (where, key, "missing" if key not in actual else "unexpected"))
            else:
                found.extend(differences(actual[key], expected[key], "%s.%s" % (where, key)))
        return found
    if isinstance(actual, list) and isinstance(expected, list) and len(actual) == len(expected):
        return sum((differences(a, e, "%s[%d]" % (where, i)) for i, (a, e) in enumerate(zip(actual, expected))), [])
    if isinstance(actual, list) and isinstance(expected, list):
        # Items added or gone, each once per copy (a duplicate shows): not the whole list, whose other
        # items may hold what differs between two resets (host names of the projects' clusters).
        have = collections.Counter(json.dumps(item, sort_keys=True) for item in actual)
        want = collections.Counter(json.dumps(item, sort_keys=True) for item in expected)
        return ["%s: added %s" % (where, item) for item in sorted((have - want).elements())] + [
            "%s: gone %s" % (where, item) for item in sorted((want - have).elements())
        ]
    return [] if actual == expected else ["%s: %r, expected %r" % (where, actual, expected)]


def effect(sim, before):
    """What the run changed in the state: the differences from BEFORE (end_state() right after the
    reset; a reset draws new host names, so only changes within one reset compare)."""
    return differences(end_state(sim), before)


CleanRun = collections.namedtuple("CleanRun", ["changed", "kinds", "effect", "sent"])
_clean_runs = {}


def clean_run(sim, run_module, name):
    """The scenario without faults (once a worker): its `changed`, its request kinds, its end state
    and the (method, path) of every request it sent."""
    if name not in _clean_runs:
        scenario = SCENARIOS[name]
        start(sim, scenario)
        before = end_state(sim)
        result = run_module(scenario.main, connection(sim, scenario))
        assert "failed" not in result, result
        assert result["changed"] or name.split("-")[0].endswith("_info"), (name, "a scenario must change something", result)
        kinds, sent = [], []
        for request in sim.requests():
            kind = request_kind(request.method, request.path)
            if kind not in kinds:
                kinds.append(kind)
            sent.append((request.method, request.path))
        _clean_runs[name] = CleanRun(result["changed"], kinds, effect(sim, before), sent)
    return _clean_runs[name]


@pytest.fixture
def no_backoff(monkeypatch):
    """urllib3's backoff and Retry-After sleeps take no time; the sleeps asked for are recorded."""
    slept = []
    monkeypatch.setattr(Retry, "sleep", lambda self, response=None: slept.append(response))
    return slept


def use_short_timeout(monkeypatch):
    """Clients built from now on time out after SLOW_TIMEOUT s (the option takes whole seconds)."""
    real_init = client_module.AtlasClient.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.timeout = SLOW_TIMEOUT

    monkeypatch.setattr(client_module.AtlasClient, "__init__", init)


def arm_fault(sim, fault):
    response = requests.post(sim.url + "/__sim__/faults", json=fault, timeout=10)
    assert response.status_code == 201, response.text


def armed_faults(sim):
    return requests.get(sim.url + "/__sim__/faults", timeout=10).json()


def wait_for_delayed_answers(sim):
    """A delayed request goes on in the simulator after the client gave up: wait until it is done
    (it may be a write that lands late), so that the next run and the next cell see its effect."""
    deadline = time.monotonic() + 10 * SLOW_DELAY
    while time.monotonic() < deadline:
        if any((entry.get("duration_ms") or 0) >= SLOW_DELAY * 1000 for entry in sim.request_log()):
            return
        time.sleep(0.02)
    raise AssertionError("the delayed request never finished")


def assert_clear_failure(result, method, path_regex):
    msg = result.get("msg")
    assert isinstance(msg, str) and msg, result
    assert "Traceback" not in msg and "exception" not in result, result
    assert method in msg, msg
    named = [word for word in msg.split() if re.match(path_regex.rstrip("$"), word.rstrip(":,.()"))]
    assert named, "the message names no %s request: %s" % (method, msg)


@pytest.mark.parametrize("fault_name", list(FAULTS))
@pytest.mark.parametrize("scenario_name", list(SCENARIOS))
def test_every_request_kind_under_the_fault(sim, run_module, fake_clock, no_backoff, monkeypatch, record_property, scenario_name, fault_name):
    scenario = SCENARIOS[scenario_name]
    clean = clean_run(sim, run_module, scenario_name)
    fault = FAULTS[fault_name]
    if "delay" in fault:
        use_short_timeout(monkeypatch)
    outcomes = []
    for method, path_regex in clean.kinds:
        start(sim, scenario)
        before = end_state(sim)
        arm_fault(sim, dict(fault, method=method, path=path_regex, count=1))

        result = run_module(scenario.main, connection(sim, scenario))

        if "delay" in fault:
            wait_for_delayed_answers(sim)
        assert armed_faults(sim) == [], "no %s request met the fault" % method
        if "failed" not in result:
            assert result["changed"] is clean.changed, (method, path_regex, result)
            assert effect(sim, before) == clean.effect, (method, path_regex, "succeeded with another end state")
            outcomes.append("recovered")
            continue
        assert_clear_failure(result, method, path_regex)
        rerun = run_module(scenario.main, connection(sim, scenario))
        assert "failed" not in rerun, (method, path_regex, rerun)
        assert effect(sim, before) == clean.effect, (method, path_regex, "the run after the failure left another end state")
        outcomes.append("failed-clearly")
    record_property("matrix_cells", len(outcomes))
    record_property("matrix_recovered", outcomes.count("recovered"))
    record_property("matrix_failed_clearly", outcomes.count("failed-clearly"))


# -- every operation a module sends is faulted --------------------------------------------------------

# The (method, endpoint) pairs of API_VERSIONS that no module sends, each with the reason; every
# other pair must be sent by some scenario's clean run (and so be faulted by the matrix).
NOT_SENT_BY_ANY_MODULE = {
    ("PATCH", api_versions.CONTAINER): "atlas_network_peer finds or creates a network container, it never changes one",
    ("DELETE", api_versions.CONTAINER): "no module removes a network container (Atlas keeps it for the project's clusters)",
    ("GET", api_versions.PROJECT_USER): "atlas_project_user looks a user up by username on the list (?username=), never by id",
    ("GET", api_versions.ORG_USER): "atlas_org_user looks a user up by username on the list (?username=), never by id",
}


def template_regex(template):
    """A regex of the request paths of one endpoint: each {parameter} is one path segment."""
    literal = re.split(r"\{[^}]+\}", api_versions.API_PREFIX + template)
    return re.compile("^" + "[^/]+".join(re.escape(part) for part in literal) + "$")


def endpoint_of(path):
    """The endpoint of API_VERSIONS a request path is of (the most literal one when several match:
    /containers/all before /containers/{containerId}), or None (the token endpoint)."""
    templates = sorted(set(template for dummy, template in api_versions.API_VERSIONS), key=lambda t: -len(re.sub(r"\{[^}]+\}", "", t)))
    return next((template for template in templates if template_regex(template).match(path)), None)


def test_every_operation_a_module_sends_is_in_some_scenario(sim, run_module, fake_clock, no_backoff, record_property):
    sent = {}
    for name in SCENARIOS:
        for method, path in clean_run(sim, run_module, name).sent:
            endpoint = endpoint_of(path)
            if endpoint is not None:
                sent.setdefault((method, endpoint), name)
    assert set(NOT_SENT_BY_ANY_MODULE) <= set(api_versions.API_VERSIONS), "the allow-list names an operation API_VERSIONS does not have"
    assert all(reason for reason in NOT_SENT_BY_ANY_MODULE.values())
    assert set(sent) <= set(api_versions.API_VERSIONS), sorted(set(sent) - set(api_versions.API_VERSIONS))
    sent_anyway = dict((operation, sent[operation]) for operation in NOT_SENT_BY_ANY_MODULE if operation in sent)
    assert sent_anyway == {}, "allow-listed as never sent, but a scenario sends it: %r" % sent_anyway
    wanted = set(api_versions.API_VERSIONS) - set(NOT_SENT_BY_ANY_MODULE)
    assert sorted(wanted - set(sent)) == [], "operations no scenario's clean run sends (add a scenario, with a seed step if it needs one)"
    record_property("matrix_operations_covered", len(wanted))


# -- bad input, wrong credentials, check mode and the token cache, over every module ---------------
# The modules' own bad inputs (at least 10 each) are in their test files; these are the shared
# options every module has, so that a new module gets them by being in SCENARIOS.

# (the option the message must name, arguments that break it); every module gets each one.
BAD_SHARED_INPUTS = [
    # SCOPE: the module's project_id, or org_id for an organization-level module.
    ("SCOPE", {"SCOPE": "not-an-id"}),
    ("SCOPE", {"SCOPE": "6500000000000000000000B1"}),
    ("api_base_url", {"api_base_url": "ftp://cloud.mongodb.com"}),
    ("api_base_url", {"api_base_url": "https://cloud.mongodb.com/api/atlas/v2"}),
    ("timeout", {"timeout": 0}),
    ("timeout", {"timeout": "soon"}),
    ("retries", {"retries": 21}),
    ("retries", {"retries": -1}),
    ("token_cache", {"token_cache": "sometimes"}),
    ("validate_certs", {"validate_certs": "maybe"}),
    ("private_key", {"private_key": None}),
    ("client_id", {"client_id": SA_CLIENT_ID}),
    ("colour", {"colour": "blue"}),
]
BAD_STATE = ("state", {"state": "gone"})

# One run of each module that reads and one that removes (None for an info module): wrong
# credentials must fail the same way for both.
MODULE_RUNS = collections.OrderedDict()
for _name, _scenario in SCENARIOS.items():
    _module = _name.split("-", maxsplit=1)[0]
    _present, _absent = MODULE_RUNS.get(_module, (None, None))
    if _scenario.args.get("state") == "absent":
        _absent = _absent or _scenario
    else:
        _present = _present or _scenario
    MODULE_RUNS[_module] = (_present, _absent)
every_module = pytest.mark.parametrize("module_name", list(MODULE_RUNS))


def api_key_args(sim, scenario, **extra):
    return dict(sim.module_args(**scenario.args), **extra)


@every_module
def test_bad_shared_input_fails_naming_the_option_before_any_request(sim, run_module, record_property, module_name):
    present, absent = MODULE_RUNS[module_name]
    cases = BAD_SHARED_INPUTS + ([BAD_STATE] if absent is not None else [])
    scope = "org_id" if "org_id" in present.args else "project_id"
    for option, bad in cases:
        option = scope if option == "SCOPE" else option
        bad = dict((scope if key == "SCOPE" else key, value) for key, value in bad.items())
        args = api_key_args(sim, present, **bad)
        args = dict((key, value) for key, value in args.items() if value is not None)

        result = run_module(present.main, args)

        assert result.get("failed") is True, (bad, result)
        assert option in result["msg"], (bad, result["msg"])
        assert "Traceback" not in result["msg"]
    assert sim.request_log() == []
    record_property("matrix_bad_inputs", len(cases))


@every_module
def test_wrong_credentials_fail_with_401_guidance_present_and_absent(sim, run_module, record_property, module_name):
    runs = [scenario for scenario in MODULE_RUNS[module_name] if scenario is not None]
    wrong = [dict(private_key="not-the-private-key"), dict(public_key=None, private_key=None, client_id=SA_CLIENT_ID, client_secret="mdb_sa_sk_not_it")]
    for scenario in runs:
        for credentials in wrong:
            args = dict((key, value) for key, value in api_key_args(sim, scenario, **credentials).items() if value is not None)

            result = run_module(scenario.main, args)

            assert result.get("failed") is True and result.get("changed") is not True, result
            assert (result["status"], result["error_code"]) == (401, "UNEXPECTED_ERROR"), result
            assert client_module.UNAUTHORIZED_GUIDANCE in result["msg"], result["msg"]
            assert "not-the-private-key" not in str(result) and "mdb_sa_sk_not_it" not in str(result)
    assert [request for request in sim.requests() if request.method != "GET" and request.path != client_module.TOKEN_PATH] == []
    record_property("matrix_wrong_credentials", len(runs) * len(wrong))


@pytest.mark.parametrize("scenario_name", list(SCENARIOS))
def test_check_mode_sends_no_write_and_predicts_the_change(sim, run_module, fake_clock, record_property, scenario_name):
    scenario = SCENARIOS[scenario_name]
    clean = clean_run(sim, run_module, scenario_name)
    start(sim, scenario)

    result = run_module(scenario.main, connection(sim, scenario), check_mode=True, diff=True)

    assert "failed" not in result, result
    assert result["changed"] is clean.changed
    sent = sim.requests()
    assert sent and [request for request in sent if request.method != "GET" and request.path != client_module.TOKEN_PATH] == []
    record_property("matrix_check_mode_runs", 1)


def test_the_token_cache_file_is_private(sim, run_module, tmp_path, record_property):
    scenario = SCENARIOS["atlas_cluster_info"]
    cache_dir = tmp_path / "tokens"

    for dummy in range(2):
        result = run_module(scenario.main, connection(sim, scenario, token_cache=True, token_cache_dir=str(cache_dir)))
        assert "failed" not in result, result

    files = list(cache_dir.iterdir())
    assert files and all(stat_mode(path) == 0o600 for path in files), [(path.name, oct(stat_mode(path))) for path in files]
    assert stat_mode(cache_dir) == 0o700
    assert all(SA_CLIENT_SECRET not in path.name and SA_CLIENT_ID not in path.name for path in files)
    assert [request.path for request in sim.requests()].count(client_module.TOKEN_PATH) == 1
    record_property("matrix_token_cache_checks", 1)


def stat_mode(path):
    return path.stat().st_mode & 0o777
