# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_project_ip_access_list_info against the simulator (the `sim` fixture of tests/unit/conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

import pytest
from atlas_simulator.default_seed import EMPTY_PROJECT_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_project_ip_access_list_info

V2023 = "application/vnd.atlas.2023-01-01+json"
LIST_PATH = "/api/atlas/v2/groups/%s/accessList" % PROJECT_ID
UNKNOWN_PROJECT_ID = "6500000000000000000000ff"
# (IPv4 only: the spec's cidrBlock pattern, which the simulator checks its answers against, has no IPv6 block;
# atlas_sa_access_list_info's tests cover IPv6 in the shared address filter.)
ENTRIES = [
    {"ipAddress": "203.0.113.10", "comment": "CI runner"},
    {"cidrBlock": "198.51.100.0/24", "comment": "office"},
    {"cidrBlock": "0.0.0.0/0"},
    {"awsSecurityGroup": "sg-0123456789abcdef0", "comment": "app servers"},
]


def run(sim, run_module, check_mode=False, **args):
    args.setdefault("project_id", PROJECT_ID)
    return run_module(atlas_project_ip_access_list_info.main, sim.module_args(**args), check_mode=check_mode)


def set_list(sim, entries, project_id=PROJECT_ID):
    state = sim.state()
    sim.project(project_id, state=state)["access_list"] = entries
    sim.set_state(state)
    sim.forget_requests()


def values(result):
    return [entry.get("ipAddress") or entry.get("cidrBlock") or entry.get("awsSecurityGroup") for entry in result["entries"]]


def test_reads_the_list_in_one_request_as_atlas_shows_it(sim, run_module):
    set_list(sim, ENTRIES)

    result = run(sim, run_module)

    assert result["changed"] is False
    assert values(result) == ["203.0.113.10", "198.51.100.0/24", "0.0.0.0/0", "sg-0123456789abcdef0"]
    first = result["entries"][0]
    assert (first["cidrBlock"], first["comment"], first["groupId"]) == ("203.0.113.10/32", "CI runner", PROJECT_ID)
    [request] = sim.requests()
    assert (request.method, request.path, request.accept) == ("GET", LIST_PATH, V2023)
    assert (request.query["itemsPerPage"], request.query["pageNum"]) == ("500", "1")


def test_reads_every_page_past_500_entries(sim, run_module):
    entries = [{"ipAddress": str(ipaddress.ip_address("10.0.0.0") + number)} for number in range(600)]
    set_list(sim, entries)

    result = run(sim, run_module)

    assert values(result) == [entry["ipAddress"] for entry in entries]
    assert [request.query["pageNum"] for request in sim.requests()] == ["1", "2"]
    assert sim.writes() == []


def test_the_address_filter_keeps_the_entries_that_let_it_in(sim, run_module):
    set_list(sim, ENTRIES)

    in_block = run(sim, run_module, address="198.51.100.7")
    exact = run(sim, run_module, address=" 203.0.113.10 ")
    ipv6 = run(sim, run_module, address="2001:db8::1")

    assert values(in_block) == ["198.51.100.0/24", "0.0.0.0/0"]
    assert values(exact) == ["203.0.113.10", "0.0.0.0/0"]
    # 0.0.0.0/0 lets no IPv6 address in, and a security group is never said to.
    assert values(ipv6) == []
    # Atlas has no such filter: the whole list is read each time.
    assert [request.path for request in sim.requests()] == [LIST_PATH] * 3


def test_an_empty_list_of_a_known_project_is_an_empty_list(sim, run_module):
    result = run(sim, run_module, project_id=EMPTY_PROJECT_ID)

    assert "failed" not in result, result
    assert result["entries"] == []


def test_an_unknown_project_fails_rather_than_returning_an_empty_list(sim, run_module):
    result = run(sim, run_module, project_id=UNKNOWN_PROJECT_ID)

    assert result["failed"] is True
    assert "entries" not in result
    assert (result["status"], result["error_code"]) == (404, "GROUP_NOT_FOUND")
    assert result["msg"].startswith("Failed to read the IP access list of project %s: " % UNKNOWN_PROJECT_ID)


@pytest.mark.parametrize(
    "args, message",
    [
        ({"address": "198.51.100.0/24"}, "address must be an IPv4 or IPv6 address such as 203.0.113.10 or 2001:db8::1, got '198.51.100.0/24'"),
        ({"address": "localhost"}, "address must be an IPv4 or IPv6 address"),
        ({"project_id": "6500000000000000000000B1"}, "project_id must be a 24-character lowercase hexadecimal Atlas id"),
        ({"entries": ["203.0.113.10"]}, "Unsupported parameters"),
    ],
)
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, args, message):
    result = run(sim, run_module, **args)

    assert result["failed"] is True
    assert message in result["msg"], result["msg"]
    assert sim.request_log() == []


def test_check_mode_reads_the_same_and_nothing_is_ever_written(sim, run_module):
    set_list(sim, ENTRIES)

    normal = run(sim, run_module)
    checked = run(sim, run_module, check_mode=True)

    assert checked == normal
    assert [request.method for request in sim.requests()] == ["GET", "GET"]
    assert sim.writes() == []
