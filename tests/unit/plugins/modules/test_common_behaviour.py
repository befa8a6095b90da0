# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Behaviour every module shares, checked once over every module against the simulator.

A new module is covered by adding it to MODULES. Every test runs both ways: as a module process
(run_module) and inside the controller through the module's action plugin (run_in_process).

Each entry: the module's main(), the minimal args of a run that reads (state present, or the info
module's only mode), the minimal args of a `state: absent` run (None for an info module), whether
the present run writes, and whether the absent run has something to remove in the default seed
(when it has not, the absent cases still run: a wrong key or project must fail before "absent" is
decided). The default seed must hold what these args name (its project, Cluster0).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections

import pytest
from atlas_simulator.default_seed import ORG_ID, PROJECT_ID, SA_CLIENT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.module import NO_CREDENTIALS_MSG
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cluster_info, atlas_employee_access
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_project_user
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_network_peer
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_sa_access_list
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cloud_provider_role
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_org_user
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_online_archive
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_network_peer_info, atlas_cloud_provider_role_info, atlas_online_archive_info
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_database_user
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_project, atlas_project_ip_access_list
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cluster
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_project_user_info, atlas_org_user_info, atlas_sa_access_list_info
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_project_info, atlas_database_user_info, atlas_project_ip_access_list_info

# scope: the option naming what the resource lives in (project_id, or org_id for organization resources).
ModuleCase = collections.namedtuple("ModuleCase", ["main", "present", "absent", "writes", "scope", "absent_removes"], defaults=["project_id", True])

MODULES = {
    "atlas_cluster_info": ModuleCase(atlas_cluster_info.main, present={"project_id": PROJECT_ID}, absent=None, writes=False),
    "atlas_employee_access": ModuleCase(
        atlas_employee_access.main,
        # The default seed's Cluster0 has a CLUSTER_DATABASE_LOGS grant for 7 days: both runs change it.
        present={"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_INFRASTRUCTURE", "expires_in": "8h"},
        absent={"project_id": PROJECT_ID, "cluster_name": "Cluster0", "state": "absent"},
        writes=True,
    ),
    "atlas_project_user": ModuleCase(
        atlas_project_user.main,
        # Default seed: dave is not in the project (invited), carol is a pending member (removed).
        present={"project_id": PROJECT_ID, "username": "dave@example.com", "roles": ["GROUP_READ_ONLY"]},
        absent={"project_id": PROJECT_ID, "username": "carol@example.com", "state": "absent"},
        writes=True,
    ),
    "atlas_network_peer": ModuleCase(
        atlas_network_peer.main,
        # The default seed's AWS container of US_EAST_1 and no peering: present creates one, absent finds none.
        present={
            "project_id": PROJECT_ID,
            "region": "US_EAST_1",
            "vpc_id": "vpc-0123456789abcdef0",
            "aws_account_id": "123456789012",
            "route_table_cidr_block": "10.0.0.0/16",
        },
        absent={"project_id": PROJECT_ID, "vpc_id": "vpc-0123456789abcdef0", "aws_account_id": "123456789012", "state": "absent"},
        writes=True,
        absent_removes=False,
    ),
    "atlas_sa_access_list": ModuleCase(
        atlas_sa_access_list.main,
        # The default seed's project-level list of its service account: 203.0.113.11 and 192.0.2.0/24.
        present={"project_id": PROJECT_ID, "service_account_id": SA_CLIENT_ID, "entries": ["198.51.100.9"]},
        absent={"project_id": PROJECT_ID, "service_account_id": SA_CLIENT_ID, "entries": ["203.0.113.11"], "state": "absent"},
        writes=True,
    ),
    "atlas_cloud_provider_role": ModuleCase(
        atlas_cloud_provider_role.main,
        # The default seed has no cloud provider access role: present creates an AWS one, absent finds none.
        present={"project_id": PROJECT_ID, "provider": "AWS"},
        absent={"project_id": PROJECT_ID, "provider": "AWS", "role_id": "6500000000000000000000d9", "state": "absent"},
        writes=True,
        absent_removes=False,
    ),
    "atlas_org_user": ModuleCase(
        atlas_org_user.main,
        # Default seed: dave is not in the org (invited), carol's invitation is pending (cancelled).
        present={"org_id": ORG_ID, "username": "dave@example.com", "org_roles": ["ORG_MEMBER"]},
        absent={"org_id": ORG_ID, "username": "carol@example.com", "state": "absent"},
        writes=True,
        scope="org_id",
    ),
    "atlas_online_archive": ModuleCase(
        atlas_online_archive.main,
        # The default seed has no online archive: present creates one on Cluster0, absent finds none.
        present={
            "project_id": PROJECT_ID,
            "cluster_name": "Cluster0",
            "db_name": "sales",
            "coll_name": "orders",
            "criteria": {"type": "DATE", "date_field": "created", "expire_after_days": 30},
        },
        absent={"project_id": PROJECT_ID, "cluster_name": "Cluster0", "db_name": "sales", "coll_name": "orders", "state": "absent"},
        writes=True,
        absent_removes=False,
    ),
    "atlas_network_peer_info": ModuleCase(atlas_network_peer_info.main, present={"project_id": PROJECT_ID}, absent=None, writes=False),
    "atlas_cloud_provider_role_info": ModuleCase(atlas_cloud_provider_role_info.main, present={"project_id": PROJECT_ID}, absent=None, writes=False),
    # Without cluster_name: the cluster list, then each cluster's archives.
    "atlas_online_archive_info": ModuleCase(atlas_online_archive_info.main, present={"project_id": PROJECT_ID}, absent=None, writes=False),
    "atlas_database_user": ModuleCase(
        atlas_database_user.main,
        # Default seed: app-orders does not exist (created), app-reader is a SCRAM user (removed).
        present={
            "project_id": PROJECT_ID,
            "username": "app-orders",
            "password": "orders-Pa55word-one",
            "roles": [{"role_name": "readWrite", "database_name": "orders"}],
        },
        absent={"project_id": PROJECT_ID, "username": "app-reader", "state": "absent"},
        writes=True,
    ),
    "atlas_project": ModuleCase(
        atlas_project.main,
        # Found by name in the default organization: present creates a new one, absent deletes the empty project.
        present={"org_id": ORG_ID, "name": "common-behaviour"},
        absent={"org_id": ORG_ID, "name": "Simulated Empty Project", "state": "absent"},
        writes=True,
        scope="org_id",
    ),
    "atlas_project_ip_access_list": ModuleCase(
        atlas_project_ip_access_list.main,
        # The default seed's project has an empty access list: present adds an entry, absent finds none.
        present={"project_id": PROJECT_ID, "entries": ["198.51.100.9"]},
        absent={"project_id": PROJECT_ID, "entries": ["198.51.100.9"], "state": "absent"},
        writes=True,
        absent_removes=False,
    ),
    "atlas_cluster": ModuleCase(
        atlas_cluster.main,
        # A new M10 in the default project; the default seed's dev-paused is deleted (no termination protection).
        present={"project_id": PROJECT_ID, "cluster_name": "orders", "provider": "AWS", "region": "US_EAST_1", "instance_size": "M10"},
        absent={"project_id": PROJECT_ID, "cluster_name": "dev-paused", "state": "absent"},
        writes=True,
    ),
    "atlas_project_user_info": ModuleCase(atlas_project_user_info.main, present={"project_id": PROJECT_ID}, absent=None, writes=False),
    "atlas_org_user_info": ModuleCase(atlas_org_user_info.main, present={"org_id": ORG_ID}, absent=None, writes=False, scope="org_id"),
    "atlas_sa_access_list_info": ModuleCase(
        atlas_sa_access_list_info.main, present={"project_id": PROJECT_ID, "service_account_id": SA_CLIENT_ID}, absent=None, writes=False
    ),
    "atlas_project_info": ModuleCase(atlas_project_info.main, present={"project_id": PROJECT_ID}, absent=None, writes=False),
    "atlas_project_info-org": ModuleCase(
        atlas_project_info.main, present={"org_id": ORG_ID, "name": "Simulated Project"}, absent=None, writes=False, scope="org_id"
    ),
    "atlas_database_user_info": ModuleCase(atlas_database_user_info.main, present={"project_id": PROJECT_ID}, absent=None, writes=False),
    "atlas_project_ip_access_list_info": ModuleCase(atlas_project_ip_access_list_info.main, present={"project_id": PROJECT_ID}, absent=None, writes=False),
}

# A project id of the right form that the simulator does not know: it answers 404 GROUP_NOT_FOUND.
UNKNOWN_PROJECT_ID = "6500000000000000000000ff"
# Per scope option: an id of the right form that the simulator does not know, and its 404 error code.
UNKNOWN_SCOPES = {"project_id": (UNKNOWN_PROJECT_ID, "GROUP_NOT_FOUND"), "org_id": ("6500000000000000000000fe", "ORG_NOT_FOUND")}

every_module = pytest.mark.parametrize("case", list(MODULES.values()), ids=list(MODULES))
modules_with_absent = pytest.mark.parametrize(
    "case", [case for case in MODULES.values() if case.absent is not None], ids=[name for name, case in MODULES.items() if case.absent is not None]
)


@pytest.fixture(params=["module-process", "in-process"])
def run_module(request, run_module, run_in_process):
    """Each test twice: the module as a module process, and inside the controller."""
    return run_module if request.param == "module-process" else run_in_process


def runs(case):
    """The module's minimal argument sets: present, and absent when it has one."""
    return [args for args in (case.present, case.absent) if args is not None]


def expected_changes(case):
    """Whether each of runs(case) changes something in the default seed."""
    return [case.writes] + ([case.absent_removes] if case.absent is not None else [])


@every_module
def test_no_credentials_fail_before_any_request(sim, run_module, case):
    for args in runs(case):
        module_args = sim.module_args(**args)
        del module_args["public_key"], module_args["private_key"]

        result = run_module(case.main, module_args)

        assert result["failed"] is True
        assert result["msg"] == NO_CREDENTIALS_MSG
    assert sim.request_log() == []


@every_module
def test_an_invalid_project_id_fails_naming_the_option_before_any_request(sim, run_module, case):
    for args in runs(case):
        result = run_module(case.main, sim.module_args(**dict(args, **{case.scope: "not-an-id"})))

        assert result["failed"] is True
        assert result["msg"].startswith("%s must be a 24-character lowercase hexadecimal Atlas id" % case.scope), result["msg"]
        assert result["msg"].endswith("got 'not-an-id'")
    assert sim.request_log() == []


@every_module
def test_wrong_credentials_fail_with_the_401(sim, run_module, case):
    for args in runs(case):
        result = run_module(case.main, sim.module_args(private_key="not-the-private-key", **args))

        assert result["failed"] is True
        assert (result["status"], result["error_code"]) == (401, "UNEXPECTED_ERROR")
        assert "failed with 401 Unauthorized" in result["msg"]
        assert "not-the-private-key" not in str(result)
    assert sim.writes() == []


@modules_with_absent
def test_absent_with_a_wrong_key_fails_rather_than_reporting_absent(sim, run_module, case):
    result = run_module(case.main, sim.module_args(public_key="not-a-key", **case.absent))

    assert result["failed"] is True
    assert result.get("changed") is not True
    assert sim.writes() == []


@modules_with_absent
def test_absent_in_an_unknown_project_fails_rather_than_reporting_absent(sim, run_module, case):
    unknown_id, error_code = UNKNOWN_SCOPES[case.scope]
    result = run_module(case.main, sim.module_args(**dict(case.absent, **{case.scope: unknown_id})))

    assert result["failed"] is True, result
    assert (result["status"], result["error_code"]) == (404, error_code)
    assert unknown_id in result["msg"]
    assert sim.writes() == []


@every_module
def test_a_failure_carries_the_same_fields_in_every_module(sim, run_module, case):
    """status, error_code, method and path (documented once, in the atlas doc fragment)."""
    unknown_id, error_code = UNKNOWN_SCOPES[case.scope]
    for args in runs(case):
        result = run_module(case.main, sim.module_args(**dict(args, **{case.scope: unknown_id})))

        assert result["failed"] is True, result
        assert (result["status"], result["error_code"], result["method"]) == (404, error_code, "GET")
        assert result["path"].startswith("/api/atlas/v2/%s/%s" % ("orgs" if case.scope == "org_id" else "groups", unknown_id)), result["path"]


@every_module
def test_check_mode_sends_no_write(sim, run_module, case):
    for args, changes in zip(runs(case), expected_changes(case)):
        result = run_module(case.main, sim.module_args(**args), check_mode=True, diff=True)

        assert "failed" not in result, result
        assert result["changed"] is changes
    # Only reads, at least one a run (atlas_network_peer reads the peerings and the container).
    methods = [request.method for request in sim.requests()]
    assert set(methods) == {"GET"} and len(methods) >= len(runs(case)), methods
    assert sim.writes() == []
