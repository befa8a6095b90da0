# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_org_user_info against the simulator (the `sim` fixture of tests/unit/conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import parse_qs

import pytest
from atlas_simulator.default_seed import ALICE_ID, BOB_ID, CAROL_ID, ORG_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_org_user_info
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_org_user_info import is_wanted

V2025 = "application/vnd.atlas.2025-02-19+json"
USERS_PATH = "/api/atlas/v2/orgs/%s/users" % ORG_ID
ALL_STATUSES = ["ACTIVE", "PENDING", "INVITATION_EXPIRED", "INVITATION_REJECTED"]
UNKNOWN_ORG_ID = "6500000000000000000000fe"
TEAM_ID = "6500000000000000000000fa"
# Default seed: alice and bob ACTIVE ORG_MEMBERs (alice GROUP_OWNER of the project), carol PENDING.
EXPIRED = {"username": "erin@example.com", "orgMembershipStatus": "INVITATION_EXPIRED", "orgRoles": ["ORG_READ_ONLY"]}


def run(sim, run_module, check_mode=False, **args):
    args.setdefault("org_id", ORG_ID)
    return run_module(atlas_org_user_info.main, sim.module_args(**args), check_mode=check_mode)


def change_org(sim, users=(), teams=(), **changes):
    """Add users and teams to the default org; changes: {username: {field: value}} of its users."""
    state = sim.state()
    org = next(org for org in state["orgs"] if org["id"] == ORG_ID)
    org["users"].extend(users)
    org.setdefault("teams", []).extend(teams)
    for user in org["users"]:
        user.update(changes.get(user["username"], {}))
    sim.set_state(state)
    sim.forget_requests()


def queries(sim):
    return [parse_qs(entry["query"]) for entry in sim.request_log() if entry["status"] != 401]


def names(result):
    return [user["username"] for user in result["users"]]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, True),
        ({"org_role": "ORG_OWNER"}, True),
        ({"org_role": "ORG_MEMBER"}, False),
        ({"team_id": TEAM_ID}, True),
        ({"team_id": "6500000000000000000000fb"}, False),
        ({"org_role": "ORG_OWNER", "team_id": TEAM_ID}, True),
        ({"org_role": "ORG_OWNER", "team_id": "6500000000000000000000fb"}, False),
    ],
)
def test_is_wanted(filters, expected):
    user = {"username": "bob@example.com", "roles": {"orgRoles": ["ORG_OWNER"], "groupRoleAssignments": []}, "teamIds": [TEAM_ID]}

    assert is_wanted(user, filters) is expected


def test_is_wanted_takes_a_user_without_roles_or_teams():
    assert is_wanted({"username": "x@example.com"}, {"org_role": "ORG_OWNER"}) is False
    assert is_wanted({"username": "x@example.com"}, {"team_id": TEAM_ID}) is False


def test_reads_members_and_invitations_with_org_roles_teams_and_project_roles(sim, run_module):
    change_org(sim, users=[EXPIRED], teams=[{"id": TEAM_ID, "name": "platform"}], **{"bob@example.com": {"teamIds": [TEAM_ID]}})

    result = run(sim, run_module)

    assert result["changed"] is False
    assert [(user["username"], user["orgMembershipStatus"]) for user in result["users"]] == [
        ("alice@example.com", "ACTIVE"),
        ("bob@example.com", "ACTIVE"),
        ("carol@example.com", "PENDING"),
        ("erin@example.com", "INVITATION_EXPIRED"),
    ]
    alice, bob, carol, erin = result["users"]
    assert [alice["id"], bob["id"], carol["id"]] == [ALICE_ID, BOB_ID, CAROL_ID]
    assert alice["roles"] == {"orgRoles": ["ORG_MEMBER"], "groupRoleAssignments": [{"groupId": PROJECT_ID, "groupRoles": ["GROUP_OWNER"]}]}
    assert bob["teamIds"] == [TEAM_ID]
    assert carol["roles"]["groupRoleAssignments"] == [{"groupId": PROJECT_ID, "groupRoles": ["GROUP_READ_ONLY"]}]
    assert "invitationCreatedAt" in carol and erin["roles"]["orgRoles"] == ["ORG_READ_ONLY"]
    [request] = sim.requests()
    assert (request.method, request.path, request.accept) == ("GET", USERS_PATH, V2025)
    [query] = queries(sim)
    assert query["orgMembershipStatuses"] == ALL_STATUSES
    assert (query["itemsPerPage"], query["pageNum"]) == (["500"], ["1"])


def test_reads_every_page_past_500_users(sim, run_module):
    many = [{"username": "member%03d@example.com" % number} for number in range(510)]
    change_org(sim, users=many)

    result = run(sim, run_module)

    assert len(result["users"]) == 513
    assert names(result)[3:] == [user["username"] for user in many]
    assert [query["pageNum"] for query in queries(sim)] == [["1"], ["2"]]
    assert sim.writes() == []


def test_filters_by_status_role_team_and_username(sim, run_module):
    change_org(
        sim,
        users=[EXPIRED],
        teams=[{"id": TEAM_ID}],
        **{"alice@example.com": {"orgRoles": ["ORG_OWNER"]}, "bob@example.com": {"teamIds": [TEAM_ID]}}
    )

    pending = run(sim, run_module, status=["PENDING"])
    owners = run(sim, run_module, org_role="ORG_OWNER")
    team = run(sim, run_module, team_id=TEAM_ID)
    one = run(sim, run_module, username="ERIN@example.com")

    assert names(pending) == ["carol@example.com"]
    assert names(owners) == ["alice@example.com"]
    assert names(team) == ["bob@example.com"]
    assert names(one) == ["erin@example.com"]
    sent = queries(sim)
    assert [query["orgMembershipStatuses"] for query in sent] == [["PENDING"], ALL_STATUSES, ALL_STATUSES, ALL_STATUSES]
    assert sent[3]["username"] == ["ERIN@example.com"]


def test_an_unknown_username_in_a_known_org_is_an_empty_list(sim, run_module):
    result = run(sim, run_module, username="nobody@example.com")

    assert "failed" not in result, result
    assert result["users"] == []


def test_an_unknown_org_fails_rather_than_returning_an_empty_list(sim, run_module):
    result = run(sim, run_module, org_id=UNKNOWN_ORG_ID)

    assert result["failed"] is True
    assert "users" not in result
    assert (result["status"], result["error_code"]) == (404, "ORG_NOT_FOUND")
    assert result["msg"].startswith("Failed to read the users of organization %s: " % UNKNOWN_ORG_ID)


@pytest.mark.parametrize(
    "args, message",
    [
        ({"username": "bob"}, "username must be an email address such as jane.doe@example.com, got 'bob'"),
        ({"org_role": "GROUP_OWNER"}, "org_role must be a role name of the form ORG_[A-Z_]+ such as ORG_OWNER, got 'GROUP_OWNER'"),
        ({"team_id": "platform"}, "team_id must be a 24-character lowercase hexadecimal Atlas id"),
        ({"status": []}, "status must name at least one of ACTIVE, PENDING, INVITATION_EXPIRED, INVITATION_REJECTED, got []"),
        ({"org_id": "not-an-id"}, "org_id must be a 24-character lowercase hexadecimal Atlas id"),
        ({"project_id": PROJECT_ID}, "Unsupported parameters"),
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
