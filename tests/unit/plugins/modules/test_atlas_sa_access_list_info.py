# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_sa_access_list_info against the simulator (the `sim` fixture of tests/unit/conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import json

import pytest
from atlas_simulator.default_seed import ORG_ID, PROJECT_ID, SA_CLIENT_ID

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_sa_access_list_info
from ansible_collections.atlas_ops.admin.plugins.module_utils.access_list import lets_in

V2024 = "application/vnd.atlas.2024-08-05+json"
ORG_ACCOUNT_PATH = "/api/atlas/v2/orgs/%s/serviceAccounts/%s" % (ORG_ID, SA_CLIENT_ID)
PROJECT_ACCOUNT_PATH = "/api/atlas/v2/groups/%s/serviceAccounts/%s" % (PROJECT_ID, SA_CLIENT_ID)
OTHER_ACCOUNT = "mdb_sa_id_6500000000000000000000c9"
# Default seed: the organization-level list is 203.0.113.10 and 198.51.100.0/24, the project-level one
# 203.0.113.11 and 192.0.2.0/24.


def run(sim, run_module, check_mode=False, **args):
    args.setdefault("service_account_id", SA_CLIENT_ID)
    if "org_id" not in args and "project_id" not in args:
        args["org_id"] = ORG_ID
    return run_module(atlas_sa_access_list_info.main, sim.module_args(**args), check_mode=check_mode)


def set_lists(sim, org_level=None, project_level=None):
    """Replace the service account's organization-level and/or project-level access list."""
    state = sim.state()
    if org_level is not None:
        state["service_accounts"][0]["access_list"] = org_level
    if project_level is not None:
        sim.project(state=state)["service_accounts"][0]["access_list"] = project_level
    sim.set_state(state)
    sim.forget_requests()


def addresses(result):
    return [entry.get("ipAddress") or entry.get("cidrBlock") for entry in result["entries"]]


@pytest.mark.parametrize(
    "entry, address, expected",
    [
        ({"ipAddress": "203.0.113.10"}, "203.0.113.10", True),
        ({"ipAddress": "203.0.113.10"}, "203.0.113.11", False),
        ({"cidrBlock": "198.51.100.0/24"}, "198.51.100.200", True),
        ({"cidrBlock": "198.51.100.0/24"}, "198.51.101.1", False),
        ({"cidrBlock": "0.0.0.0/0"}, "192.0.2.1", True),
        ({"cidrBlock": "2001:db8::/48"}, "2001:db8:0:ffff::1", True),
        ({"ipAddress": "2001:0db8:0000:0000:0000:0000:0000:0001"}, "2001:db8::1", True),
        # Another address family, or an entry that cannot be read, lets nothing in.
        ({"cidrBlock": "0.0.0.0/0"}, "2001:db8::1", False),
        ({"cidrBlock": "not-a-network"}, "192.0.2.1", False),
        ({}, "192.0.2.1", False),
    ],
)
def test_lets_in(entry, address, expected):
    assert lets_in(entry, address) is expected


def test_reads_the_organization_level_list_in_one_request(sim, run_module):
    result = run(sim, run_module)

    assert result["changed"] is False
    assert addresses(result) == ["203.0.113.10", "198.51.100.0/24"]
    assert all("createdAt" in entry and "requestCount" in entry for entry in result["entries"])
    [request] = sim.requests()
    assert (request.method, request.path, request.accept) == ("GET", ORG_ACCOUNT_PATH + "/accessList", V2024)
    assert (request.query["itemsPerPage"], request.query["pageNum"]) == ("500", "1")


def test_reads_the_project_level_list(sim, run_module):
    result = run(sim, run_module, project_id=PROJECT_ID)

    assert addresses(result) == ["203.0.113.11", "192.0.2.0/24"]
    assert [request.path for request in sim.requests()] == [PROJECT_ACCOUNT_PATH + "/accessList"]


def test_reads_every_page_past_500_entries(sim, run_module):
    entries = [{"ipAddress": str(ipaddress.ip_address("10.0.0.0") + number)} for number in range(600)]
    set_lists(sim, project_level=entries)

    result = run(sim, run_module, project_id=PROJECT_ID)

    assert addresses(result) == [entry["ipAddress"] for entry in entries]
    assert [request.query["pageNum"] for request in sim.requests()] == ["1", "2"]
    assert sim.writes() == []


def test_the_address_filter_keeps_the_entries_that_let_it_in(sim, run_module):
    set_lists(sim, org_level=[{"ipAddress": "203.0.113.10"}, {"cidrBlock": "198.51.100.0/24"}, {"cidrBlock": "0.0.0.0/0"}, {"cidrBlock": "2001:db8::/32"}])

    in_block = run(sim, run_module, address="198.51.100.7")
    exact = run(sim, run_module, address=" 203.0.113.10 ")
    ipv6 = run(sim, run_module, address="2001:DB8::5")

    assert addresses(in_block) == ["198.51.100.0/24", "0.0.0.0/0"]
    assert addresses(exact) == ["203.0.113.10", "0.0.0.0/0"]
    assert addresses(ipv6) == ["2001:db8::/32"]
    # Atlas has no such filter: the whole list is read each time.
    assert [request.path for request in sim.requests()] == [ORG_ACCOUNT_PATH + "/accessList"] * 3


def test_an_empty_list_is_returned_once_the_service_account_is_known_to_exist(sim, run_module):
    set_lists(sim, org_level=[], project_level=[])

    org_level = run(sim, run_module)
    project_level = run(sim, run_module, project_id=PROJECT_ID)

    assert org_level["entries"] == [] and project_level["entries"] == []
    assert [(request.method, request.path) for request in sim.requests()] == [
        ("GET", ORG_ACCOUNT_PATH + "/accessList"),
        ("GET", ORG_ACCOUNT_PATH),
        ("GET", PROJECT_ACCOUNT_PATH + "/accessList"),
        ("GET", PROJECT_ACCOUNT_PATH),
    ]


@pytest.mark.parametrize("scope", [{"org_id": ORG_ID}, {"project_id": PROJECT_ID}])
def test_an_unknown_service_account_fails_rather_than_returning_an_empty_list(sim, run_module, scope):
    result = run(sim, run_module, service_account_id=OTHER_ACCOUNT, **scope)

    assert result["failed"] is True
    assert "entries" not in result
    assert (result["status"], result["error_code"]) == (404, "RESOURCE_NOT_FOUND")
    where = "organization %s" % ORG_ID if "org_id" in scope else "project %s" % PROJECT_ID
    assert result["msg"].startswith("Failed to read the access list of service account %s in %s: " % (OTHER_ACCOUNT, where))


def test_an_empty_answer_for_an_unknown_service_account_still_fails(sim, run_module):
    """Should Atlas answer an empty list for a service account it does not know, the account's own 404 fails the task."""
    empty_page = json.dumps({"results": [], "totalCount": 0, "links": []})
    sim.fail_next("GET", "/accessList$", 200, body=empty_page, content_type=V2024)

    result = run(sim, run_module, service_account_id=OTHER_ACCOUNT)

    assert result["failed"] is True
    account_path = "/api/atlas/v2/orgs/%s/serviceAccounts/%s" % (ORG_ID, OTHER_ACCOUNT)
    assert (result["status"], result["error_code"], result["path"]) == (404, "RESOURCE_NOT_FOUND", account_path)


def test_a_service_account_not_added_to_the_project_fails(sim, run_module):
    state = sim.state()
    sim.project(state=state)["service_accounts"] = []
    sim.set_state(state)

    result = run(sim, run_module, project_id=PROJECT_ID)

    assert result["failed"] is True
    assert (result["status"], result["path"]) == (404, PROJECT_ACCOUNT_PATH + "/accessList")


@pytest.mark.parametrize(
    "scope, error_code",
    [({"org_id": "6500000000000000000000fe"}, "ORG_NOT_FOUND"), ({"project_id": "6500000000000000000000ff"}, "GROUP_NOT_FOUND")],
)
def test_an_unknown_organization_or_project_fails(sim, run_module, scope, error_code):
    result = run(sim, run_module, **scope)

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (404, error_code)


@pytest.mark.parametrize(
    "args, message",
    [
        (
            {"service_account_id": "sa-1"},
            "service_account_id must be a service account client id such as mdb_sa_id_5f1e2d3c4b5a697887960a1b, got 'sa-1'",
        ),
        ({"address": "198.51.100.0/24"}, "address must be an IPv4 or IPv6 address such as 203.0.113.10 or 2001:db8::1, got '198.51.100.0/24'"),
        ({"address": "localhost"}, "address must be an IPv4 or IPv6 address"),
        ({"org_id": ORG_ID, "project_id": PROJECT_ID}, "parameters are mutually exclusive: org_id|project_id"),
        ({"project_id": "6500000000000000000000B1"}, "project_id must be a 24-character lowercase hexadecimal Atlas id"),
    ],
)
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, args, message):
    result = run(sim, run_module, **args)

    assert result["failed"] is True
    assert message in result["msg"], result["msg"]
    assert sim.request_log() == []


def test_without_org_id_or_project_id_it_fails_before_any_request(sim, run_module):
    result = run_module(atlas_sa_access_list_info.main, sim.module_args(service_account_id=SA_CLIENT_ID))

    assert result["failed"] is True
    assert "one of the following is required: org_id, project_id" in result["msg"]
    assert sim.request_log() == []


def test_check_mode_reads_the_same_and_nothing_is_ever_written(sim, run_module):
    normal = run(sim, run_module, project_id=PROJECT_ID)
    checked = run(sim, run_module, project_id=PROJECT_ID, check_mode=True)

    assert checked == normal
    assert [request.method for request in sim.requests()] == ["GET", "GET"]
    assert sim.writes() == []
