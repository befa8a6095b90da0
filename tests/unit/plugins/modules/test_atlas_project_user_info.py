# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_project_user_info against the simulator (the `sim` fixture of tests/unit/conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import parse_qs

import pytest
from atlas_simulator.default_seed import ALICE_ID, CAROL_ID, EMPTY_PROJECT_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.options import is_username
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_project_user_info
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_project_user_info import has_role

V2025 = "application/vnd.atlas.2025-02-19+json"
USERS_PATH = "/api/atlas/v2/groups/%s/users" % PROJECT_ID
ALL_STATUSES = ["ACTIVE", "PENDING", "INVITATION_EXPIRED", "INVITATION_REJECTED"]
UNKNOWN_PROJECT_ID = "6500000000000000000000ff"
# Default seed: alice ACTIVE with GROUP_OWNER, carol PENDING with GROUP_READ_ONLY.
EXPIRED = {"username": "erin@example.com", "roles": ["GROUP_READ_ONLY"], "orgMembershipStatus": "INVITATION_EXPIRED"}
REJECTED = {"username": "frank@example.com", "roles": ["GROUP_OWNER"], "orgMembershipStatus": "INVITATION_REJECTED"}


def run(sim, run_module, check_mode=False, **args):
    args.setdefault("project_id", PROJECT_ID)
    return run_module(atlas_project_user_info.main, sim.module_args(**args), check_mode=check_mode)


def add_users(sim, users):
    state = sim.state()
    sim.project(state=state)["users"].extend(users)
    sim.set_state(state)
    sim.forget_requests()


def queries(sim):
    """The query of each request the module sent, every value a list (orgMembershipStatuses repeats)."""
    return [parse_qs(entry["query"]) for entry in sim.request_log() if entry["status"] != 401]


@pytest.mark.parametrize(
    "user, filters, expected",
    [
        ({"username": "a@example.com", "roles": ["GROUP_OWNER"]}, {}, True),
        ({"username": "a@example.com", "roles": ["GROUP_OWNER", "GROUP_READ_ONLY"]}, {"role": "GROUP_READ_ONLY"}, True),
        ({"username": "a@example.com", "roles": ["GROUP_OWNER"]}, {"role": "GROUP_READ_ONLY"}, False),
        ({"username": "a@example.com"}, {"role": "GROUP_READ_ONLY"}, False),
    ],
)
def test_has_role(user, filters, expected):
    assert has_role(user, filters) is expected


@pytest.mark.parametrize(
    "user, username, expected",
    [
        ({"username": "a@example.com"}, None, True),
        ({"username": "A@Example.com"}, "a@example.COM", True),
        # Atlas' username filter is checked, never trusted.
        ({"username": "ab@example.com"}, "a@example.com", False),
        ({}, "a@example.com", False),
    ],
)
def test_is_username(user, username, expected):
    assert is_username(user, username) is expected


def test_reads_every_user_with_roles_and_status_pending_and_ended_invitations_included(sim, run_module):
    add_users(sim, [EXPIRED, REJECTED])

    result = run(sim, run_module)

    assert result["changed"] is False
    assert [(user["username"], user["orgMembershipStatus"], user["roles"]) for user in result["users"]] == [
        ("alice@example.com", "ACTIVE", ["GROUP_OWNER"]),
        ("carol@example.com", "PENDING", ["GROUP_READ_ONLY"]),
        ("erin@example.com", "INVITATION_EXPIRED", ["GROUP_READ_ONLY"]),
        ("frank@example.com", "INVITATION_REJECTED", ["GROUP_OWNER"]),
    ]
    alice, carol = result["users"][:2]
    assert (alice["id"], alice["firstName"], alice["lastName"]) == (ALICE_ID, "Alice", "Anders")
    assert (carol["id"], carol["inviterUsername"]) == (CAROL_ID, "atlas-simulator@example.com")
    [request] = sim.requests()
    assert (request.method, request.path, request.accept) == ("GET", USERS_PATH, V2025)
    [query] = queries(sim)
    assert sorted(query["orgMembershipStatuses"]) == sorted(ALL_STATUSES)
    assert (query["itemsPerPage"], query["pageNum"]) == (["500"], ["1"])
    assert "username" not in query


def test_reads_every_page_past_500_users(sim, run_module):
    many = [{"username": "user%03d@example.com" % number, "roles": ["GROUP_READ_ONLY"]} for number in range(520)]
    add_users(sim, many)

    result = run(sim, run_module)

    assert len(result["users"]) == 522
    assert [user["username"] for user in result["users"][2:]] == [user["username"] for user in many]
    assert [(query["pageNum"], query["itemsPerPage"]) for query in queries(sim)] == [(["1"], ["500"]), (["2"], ["500"])]
    assert sim.writes() == []


def test_one_user_by_username_is_asked_of_atlas_and_compared_without_case(sim, run_module):
    result = run(sim, run_module, username="Carol@Example.com")

    assert [user["id"] for user in result["users"]] == [CAROL_ID]
    [query] = queries(sim)
    assert query["username"] == ["Carol@Example.com"]


def test_an_unknown_username_in_a_known_project_is_an_empty_list(sim, run_module):
    result = run(sim, run_module, username="nobody@example.com")

    assert "failed" not in result, result
    assert result["users"] == []


def test_status_and_role_filters(sim, run_module):
    add_users(sim, [EXPIRED, REJECTED])

    pending = run(sim, run_module, status=["PENDING", "PENDING"])
    owners = run(sim, run_module, role="GROUP_OWNER")
    active_owners = run(sim, run_module, role="GROUP_OWNER", status=["ACTIVE"])

    assert [user["username"] for user in pending["users"]] == ["carol@example.com"]
    assert [user["username"] for user in owners["users"]] == ["alice@example.com", "frank@example.com"]
    assert [user["username"] for user in active_owners["users"]] == ["alice@example.com"]
    # The status filter is Atlas' (each status once); the role filter is applied to what was read.
    assert [query["orgMembershipStatuses"] for query in queries(sim)] == [["PENDING"], ALL_STATUSES, ["ACTIVE"]]


def test_a_project_without_users_is_an_empty_list(sim, run_module):
    result = run(sim, run_module, project_id=EMPTY_PROJECT_ID)

    assert "failed" not in result, result
    assert result["users"] == []


def test_an_unknown_project_fails_rather_than_returning_an_empty_list(sim, run_module):
    result = run(sim, run_module, project_id=UNKNOWN_PROJECT_ID)

    assert result["failed"] is True
    assert "users" not in result
    assert (result["status"], result["error_code"]) == (404, "GROUP_NOT_FOUND")
    assert result["msg"].startswith("Failed to read the users of project %s: " % UNKNOWN_PROJECT_ID)


@pytest.mark.parametrize(
    "args, message",
    [
        ({"username": "not-an-email"}, "username must be an email address such as jane.doe@example.com, got 'not-an-email'"),
        ({"role": "OWNER"}, "role must be a role name of the form GROUP_[A-Z_]+ such as GROUP_OWNER, got 'OWNER'"),
        ({"role": "group_owner"}, "role must be a role name of the form GROUP_[A-Z_]+ such as GROUP_OWNER, got 'group_owner'"),
        ({"status": []}, "status must name at least one of ACTIVE, PENDING, INVITATION_EXPIRED, INVITATION_REJECTED, got []"),
        ({"status": ["GONE"]}, "value of status must be one or more of"),
        ({"project_id": "6500000000000000000000B1"}, "project_id must be a 24-character lowercase hexadecimal Atlas id"),
    ],
)
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, args, message):
    result = run(sim, run_module, **args)

    assert result["failed"] is True
    assert message in result["msg"], result["msg"]
    assert sim.request_log() == []


def test_check_mode_reads_the_same_and_nothing_is_ever_written(sim, run_module):
    normal = run(sim, run_module)
    checked = run(sim, run_module, check_mode=True)

    assert checked == normal
    assert [request.method for request in sim.requests()] == ["GET", "GET"]
    assert sim.writes() == []
