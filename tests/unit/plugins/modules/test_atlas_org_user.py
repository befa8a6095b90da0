# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import parse_qsl

import pytest
import requests

from atlas_simulator.default_seed import ALICE_ID, BOB_ID, CAROL_ID, ORG_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.client import AtlasClient
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_org_user
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_org_user import (
    Plan,
    checked_project_roles,
    differing_projects,
    find_user,
    planned_changes,
    predicted_user,
    project_role_assignments,
    summary,
)
from ansible_collections.atlas_ops.admin.tests.unit.module_results import warnings

VERSION = "application/vnd.atlas.2025-02-19+json"
USERS_PATH = "/api/atlas/v2/orgs/%s/users" % ORG_ID
ALL_STATUSES = ["ACTIVE", "PENDING", "INVITATION_EXPIRED", "INVITATION_REJECTED"]
TEAM_A = "6500000000000000000000a8"
TEAM_B = "6500000000000000000000a9"
DAVE = "dave@example.com"


def user_path(user_id, suffix=""):
    return "%s/%s%s" % (USERS_PATH, user_id, suffix)


def args(sim, **extra):
    return sim.module_args(**dict({"org_id": ORG_ID}, **extra))


def org_users(sim):
    """The org's users as the simulator stores them, by username."""
    org = next(org for org in sim.state()["orgs"] if org["id"] == ORG_ID)
    return dict((user["username"], user) for user in org["users"])


def project_usernames(sim):
    return sorted(user["username"] for user in sim.project()["users"])


def edit_org(sim, change):
    state = sim.state()
    change(next(org for org in state["orgs"] if org["id"] == ORG_ID))
    sim.set_state(state)
    sim.forget_requests()


def answer_invitation(sim, user_id, action):
    response = requests.post("%s/__sim__/orgs/%s/users/%s:%s" % (sim.url, ORG_ID, user_id, action), timeout=10)
    assert response.status_code == 200, response.text
    sim.forget_requests()
    return response.json()


def api_calls(sim):
    return [(request.method, request.path) for request in sim.requests()]


@pytest.fixture
def org(sim):
    """The default seed (alice, bob active; carol pending) with two teams, and an empty request log."""

    def add_teams(org):
        org["teams"] = [{"id": TEAM_A, "name": "dba"}, {"id": TEAM_B, "name": "oncall"}]

    edit_org(sim, add_teams)
    return sim


@pytest.fixture
def with_dana_expired(org):
    """dana@example.com, whose invitation expired."""
    edit_org(org, lambda o: o["users"].append({"username": "dana@example.com", "orgMembershipStatus": "INVITATION_EXPIRED"}))
    return org


# -- pure functions ----------------------------------------------------------------------------


def user(status="ACTIVE", roles=("ORG_MEMBER",), teams=(), projects=(), **extra):
    result = {"id": BOB_ID, "username": "bob@example.com", "orgMembershipStatus": status, "roles": {"orgRoles": list(roles)}, "teamIds": list(teams)}
    if projects:
        result["roles"]["groupRoleAssignments"] = [{"groupId": group, "groupRoles": list(group_roles)} for group, group_roles in projects]
    result.update(extra)
    return result


@pytest.mark.parametrize(
    "current, roles, teams, reinvite, expected",
    [
        (None, ["ORG_MEMBER", "ORG_MEMBER"], None, True, Plan("invite", ["ORG_MEMBER"], [], None)),
        (None, ["ORG_READ_ONLY"], [TEAM_B, TEAM_A], True, Plan("invite", ["ORG_READ_ONLY"], [], [TEAM_A, TEAM_B])),
        (user(), ["ORG_MEMBER"], None, True, Plan("none", [], [], None)),
        (user(teams=[TEAM_A]), ["ORG_MEMBER"], None, True, Plan("none", [], [], None)),  # teams unmanaged
        (user(teams=[TEAM_B, TEAM_A]), ["ORG_MEMBER"], [TEAM_A, TEAM_B], True, Plan("none", [], [], None)),
        (user(teams=[TEAM_A]), ["ORG_MEMBER"], [], True, Plan("update", [], [], [])),  # [] leaves every team
        (user(), ["ORG_BILLING_ADMIN"], None, True, Plan("update", ["ORG_BILLING_ADMIN"], ["ORG_MEMBER"], None)),
        (user(roles=["ORG_OWNER", "ORG_MEMBER"]), ["ORG_MEMBER"], [TEAM_A], True, Plan("update", [], ["ORG_OWNER"], [TEAM_A])),
        (user("PENDING"), ["ORG_MEMBER", "ORG_READ_ONLY"], None, True, Plan("update", ["ORG_READ_ONLY"], [], None)),
        (user("INVITATION_EXPIRED"), ["ORG_MEMBER"], [TEAM_A], True, Plan("reinvite", ["ORG_MEMBER"], [], [TEAM_A])),
        (user("INVITATION_REJECTED"), ["ORG_MEMBER"], None, True, Plan("reinvite", ["ORG_MEMBER"], [], None)),
        (user("INVITATION_EXPIRED"), ["ORG_OWNER"], [TEAM_A], False, Plan("leave_ended", [], [], None)),
    ],
)
def test_planned_changes(current, roles, teams, reinvite, expected):
    assert planned_changes(current, roles, teams, reinvite) == expected


def test_find_user_checks_the_username_rather_than_taking_the_first_result():
    results = [{"username": "someone.else@example.com"}, {"username": "Bob@Example.com", "id": BOB_ID}]
    assert find_user(results, "bob@example.com")["id"] == BOB_ID
    assert find_user(results[:1], "bob@example.com") is None
    assert find_user(None, "bob@example.com") is None


@pytest.mark.parametrize(
    "current, project_roles, expected",
    [
        (user(projects=[(PROJECT_ID, ["GROUP_READ_ONLY"])]), [{"project_id": PROJECT_ID, "roles": ["GROUP_READ_ONLY"]}], []),
        (user(projects=[(PROJECT_ID, ["GROUP_OWNER"])]), [{"project_id": PROJECT_ID, "roles": ["GROUP_READ_ONLY"]}], [PROJECT_ID]),
        (user(), [{"project_id": PROJECT_ID, "roles": ["GROUP_READ_ONLY"]}], [PROJECT_ID]),
        (user(projects=[(PROJECT_ID, ["GROUP_OWNER"])]), [], []),  # projects not listed are not compared
    ],
)
def test_differing_projects(current, project_roles, expected):
    assert differing_projects(current, project_role_assignments(project_roles)) == expected


def test_project_role_assignments_are_atlas_shaped_and_sorted():
    given = [{"project_id": "b" * 24, "roles": ["GROUP_OWNER", "GROUP_OWNER"]}, {"project_id": "a" * 24, "roles": ["Z", "A"]}]
    assert project_role_assignments(given) == [{"groupId": "a" * 24, "groupRoles": ["A", "Z"]}, {"groupId": "b" * 24, "groupRoles": ["GROUP_OWNER"]}]
    assert project_role_assignments(None) == []


def test_predicted_user_for_an_invitation_and_an_update():
    invited = predicted_user(None, Plan("invite", ["ORG_MEMBER"], [], None), DAVE, [])
    assert invited == {"username": DAVE, "orgMembershipStatus": "PENDING", "roles": {"orgRoles": ["ORG_MEMBER"], "groupRoleAssignments": []}, "teamIds": []}
    current = user(projects=[(PROJECT_ID, ["GROUP_OWNER"])], firstName="Bob")
    updated = predicted_user(current, Plan("update", ["ORG_OWNER"], ["ORG_MEMBER"], [TEAM_A]), "bob@example.com", [])
    assert updated["roles"] == {"orgRoles": ["ORG_OWNER"], "groupRoleAssignments": [{"groupId": PROJECT_ID, "groupRoles": ["GROUP_OWNER"]}]}
    assert updated["teamIds"] == [TEAM_A] and updated["firstName"] == "Bob" and updated["id"] == BOB_ID
    assert current["roles"]["orgRoles"] == ["ORG_MEMBER"]  # not changed in place


def test_summary_sorts_roles_and_teams():
    assert summary(user(roles=["ORG_OWNER", "ORG_MEMBER"], teams=[TEAM_B, TEAM_A])) == {
        "username": "bob@example.com",
        "orgMembershipStatus": "ACTIVE",
        "orgRoles": ["ORG_MEMBER", "ORG_OWNER"],
        "teamIds": [TEAM_A, TEAM_B],
    }
    assert summary(None) is None


@pytest.mark.parametrize(
    "project_roles, message",
    [
        ([{"project_id": "nope", "roles": ["GROUP_OWNER"]}], "project_roles[0].project_id must be a 24-character"),
        ([{"project_id": PROJECT_ID, "roles": []}], "project_roles[0].roles must list at least one project role"),
        ([{"project_id": PROJECT_ID, "roles": ["owner"]}], "project_roles[0].roles must be project role names of the form GROUP_"),
        ([{"project_id": PROJECT_ID, "roles": ["GROUP_OWNER"]}, {"project_id": PROJECT_ID, "roles": ["GROUP_OWNER"]}], "project_roles[1].project_id must name"),
    ],
)
def test_checked_project_roles(project_roles, message):
    with pytest.raises(AtlasInputError) as error:
        checked_project_roles(project_roles)
    assert str(error.value).startswith(message)


# -- invite, re-run, accept, roles, teams ------------------------------------------------------


def test_invites_a_new_person_with_one_lookup_and_one_post(org, run_module):
    result = run_module(
        atlas_org_user.main,
        args(
            org,
            username=DAVE,
            org_roles=["ORG_READ_ONLY", "ORG_MEMBER"],
            team_ids=[TEAM_A],
            project_roles=[{"project_id": PROJECT_ID, "roles": ["GROUP_READ_ONLY"]}],
        ),
        diff=True,
    )

    assert result["changed"] is True
    assert result["user"]["orgMembershipStatus"] == "PENDING" and result["user"]["username"] == DAVE
    assert result["diff"] == {
        "before": {},
        "after": {"username": DAVE, "orgMembershipStatus": "PENDING", "orgRoles": ["ORG_MEMBER", "ORG_READ_ONLY"], "teamIds": [TEAM_A]},
    }
    lookup, invite = org.requests()
    assert (lookup.method, lookup.path, lookup.accept) == ("GET", USERS_PATH, VERSION)
    assert lookup.query["username"] == DAVE
    assert (invite.method, invite.path, invite.accept, invite.content_type, invite.status) == ("POST", USERS_PATH, VERSION, VERSION, 201)
    assert invite.body == {
        "username": DAVE,
        "roles": {"orgRoles": ["ORG_MEMBER", "ORG_READ_ONLY"], "groupRoleAssignments": [{"groupId": PROJECT_ID, "groupRoles": ["GROUP_READ_ONLY"]}]},
        "teamIds": [TEAM_A],
    }
    stored = org_users(org)[DAVE]
    assert stored["orgMembershipStatus"] == "PENDING" and stored["teamIds"] == [TEAM_A]
    assert DAVE in project_usernames(org)  # the invitation carries the project role


def test_the_lookup_asks_for_all_four_statuses(org, run_module):
    run_module(atlas_org_user.main, args(org, username="carol@example.com", state="absent", pending_only=True), check_mode=True)

    # Repeated query keys: sim.requests() keeps one value per key, so read the raw query.
    [entry] = org.request_log()[-1:]
    statuses = [value for key, value in parse_qsl(entry["query"]) if key == "orgMembershipStatuses"]
    assert sorted(statuses) == sorted(ALL_STATUSES)


def test_second_run_sends_no_write_and_one_read(org, run_module):
    task = args(org, username=DAVE, org_roles=["ORG_MEMBER"], team_ids=[TEAM_A])
    run_module(atlas_org_user.main, task)
    org.forget_requests()

    result = run_module(atlas_org_user.main, task)

    assert result["changed"] is False
    assert api_calls(org) == [("GET", USERS_PATH)]


def test_after_accepting_the_only_role_is_replaced_adding_before_removing(org, run_module):
    invited = run_module(atlas_org_user.main, args(org, username=DAVE, org_roles=["ORG_MEMBER"]))["user"]
    accepted = answer_invitation(org, invited["id"], "accept")
    assert accepted["orgMembershipStatus"] == "ACTIVE"

    result = run_module(atlas_org_user.main, args(org, username=DAVE, org_roles=["ORG_BILLING_ADMIN"]), diff=True)

    assert result["changed"] is True
    assert result["user"]["orgMembershipStatus"] == "ACTIVE" and result["user"]["roles"]["orgRoles"] == ["ORG_BILLING_ADMIN"]
    assert [(r.method, r.path, r.body) for r in org.writes()] == [
        ("POST", user_path(invited["id"], ":addRole"), {"orgRole": "ORG_BILLING_ADMIN"}),
        ("POST", user_path(invited["id"], ":removeRole"), {"orgRole": "ORG_MEMBER"}),
    ]
    assert result["diff"]["before"]["orgRoles"] == ["ORG_MEMBER"] and result["diff"]["after"]["orgRoles"] == ["ORG_BILLING_ADMIN"]
    assert org_users(org)[DAVE]["orgRoles"] == ["ORG_BILLING_ADMIN"]


def test_roles_of_a_pending_invitation_change_in_place(org, run_module):
    result = run_module(atlas_org_user.main, args(org, username="carol@example.com", org_roles=["ORG_MEMBER", "ORG_READ_ONLY"]))

    assert result["changed"] is True and result["user"]["orgMembershipStatus"] == "PENDING"
    assert [(r.method, r.path) for r in org.writes()] == [("POST", user_path(CAROL_ID, ":addRole"))]


def test_teams_are_patched_only_when_they_differ(org, run_module):
    result = run_module(atlas_org_user.main, args(org, username="bob@example.com", org_roles=["ORG_MEMBER"], team_ids=[TEAM_B, TEAM_A]))

    assert result["changed"] is True and result["user"]["teamIds"] == [TEAM_A, TEAM_B]
    assert [(r.method, r.path, r.body) for r in org.writes()] == [("PATCH", user_path(BOB_ID), {"teamIds": [TEAM_A, TEAM_B]})]
    org.forget_requests()

    # Omitted: the teams are left alone.
    assert run_module(atlas_org_user.main, args(org, username="bob@example.com", org_roles=["ORG_MEMBER"]))["changed"] is False
    # The same set in another order: no change.
    assert run_module(atlas_org_user.main, args(org, username="bob@example.com", org_roles=["ORG_MEMBER"], team_ids=[TEAM_A, TEAM_B]))["changed"] is False
    assert org.writes() == []

    # []: every team is left.
    result = run_module(atlas_org_user.main, args(org, username="bob@example.com", org_roles=["ORG_MEMBER"], team_ids=[]))
    assert result["changed"] is True and result["user"]["teamIds"] == []
    assert [(r.method, r.body) for r in org.writes()] == [("PATCH", {"teamIds": []})]


def test_project_roles_of_an_existing_user_are_not_changed_and_a_difference_warns(org, run_module):
    result = run_module(
        atlas_org_user.main,
        args(org, username="alice@example.com", org_roles=["ORG_MEMBER"], project_roles=[{"project_id": PROJECT_ID, "roles": ["GROUP_READ_ONLY"]}]),
    )

    assert result["changed"] is False
    assert org.writes() == []
    assert any("project_roles are used only when inviting" in w and PROJECT_ID in w and "atlas_project_user" in w for w in warnings(result))


def test_someone_inviting_first_is_a_409_then_the_user_is_read_again_and_updated(org, run_module, monkeypatch):
    real_request = AtlasClient.request

    def invite_first(client, method, template, **kwargs):
        if method == "POST" and template.endswith("/users"):
            # Another run is faster: the same person is invited with another role, then ours arrives.
            other = AtlasClient(base_url=org.url, public_key="sim-public-key", private_key="sim-private-key", retries=0)
            real_request(other, "POST", template, body={"username": DAVE, "roles": {"orgRoles": ["ORG_READ_ONLY"]}}, orgId=ORG_ID)
            monkeypatch.setattr(AtlasClient, "request", real_request)
        return real_request(client, method, template, **kwargs)

    monkeypatch.setattr(AtlasClient, "request", invite_first)
    result = run_module(atlas_org_user.main, args(org, username=DAVE, org_roles=["ORG_MEMBER"]))

    assert result["changed"] is True, result
    assert result["user"]["roles"]["orgRoles"] == ["ORG_MEMBER"]
    statuses = [(r.method, r.path, r.status) for r in org.requests()]
    assert statuses == [
        ("GET", USERS_PATH, 200),
        ("POST", USERS_PATH, 201),  # the other run's invitation
        ("POST", USERS_PATH, 409),  # ours
        ("GET", USERS_PATH, 200),
        ("POST", user_path(result["user"]["id"], ":addRole"), 200),
        ("POST", user_path(result["user"]["id"], ":removeRole"), 200),
    ]


# -- expired and rejected invitations -----------------------------------------------------------


def test_an_expired_invitation_is_sent_again(with_dana_expired, run_module):
    sim = with_dana_expired
    old_id = org_users(sim)["dana@example.com"]["id"]

    result = run_module(atlas_org_user.main, args(sim, username="dana@example.com", org_roles=["ORG_MEMBER"]), diff=True)

    assert result["changed"] is True
    assert result["user"]["orgMembershipStatus"] == "PENDING" and result["user"]["id"] != old_id
    assert result["diff"]["before"]["orgMembershipStatus"] == "INVITATION_EXPIRED"
    assert result["diff"]["after"]["orgMembershipStatus"] == "PENDING"
    assert [(r.method, r.path, r.status) for r in sim.writes()] == [("POST", USERS_PATH, 201)]


def test_a_rejected_invitation_is_sent_again(org, run_module):
    answer_invitation(org, CAROL_ID, "reject")

    result = run_module(atlas_org_user.main, args(org, username="carol@example.com", org_roles=["ORG_MEMBER"]))

    assert result["changed"] is True and result["user"]["orgMembershipStatus"] == "PENDING"


def test_reinvite_false_leaves_an_expired_invitation_and_warns(with_dana_expired, run_module):
    result = run_module(atlas_org_user.main, args(with_dana_expired, username="dana@example.com", org_roles=["ORG_MEMBER"], reinvite=False))

    assert result["changed"] is False and result["user"]["orgMembershipStatus"] == "INVITATION_EXPIRED"
    assert with_dana_expired.writes() == []
    assert any("INVITATION_EXPIRED; reinvite=false leaves it" in w for w in warnings(result))


# -- absent ---------------------------------------------------------------------------------


def test_pending_only_cancels_a_pending_invitation(org, run_module):
    result = run_module(atlas_org_user.main, args(org, username="carol@example.com", state="absent", pending_only=True), diff=True)

    assert result["changed"] is True and result["user"] is None
    assert result["diff"]["after"] == {} and result["diff"]["before"]["orgMembershipStatus"] == "PENDING"
    assert [(r.method, r.path, r.accept, r.status) for r in org.writes()] == [("DELETE", user_path(CAROL_ID), VERSION, 204)]
    assert "carol@example.com" not in org_users(org)
    assert "carol@example.com" not in project_usernames(org)  # the invitation to the project went with it


def test_pending_only_cancels_an_expired_invitation_too(with_dana_expired, run_module):
    result = run_module(atlas_org_user.main, args(with_dana_expired, username="dana@example.com", state="absent", pending_only=True))

    assert result["changed"] is True
    assert "dana@example.com" not in org_users(with_dana_expired)


def test_pending_only_leaves_an_active_member_alone_with_a_warning(org, run_module):
    result = run_module(atlas_org_user.main, args(org, username="alice@example.com", state="absent", pending_only=True))

    assert result["changed"] is False and result["user"]["orgMembershipStatus"] == "ACTIVE"
    assert any("alice@example.com is an active member" in w and "pending_only=true leaves them" in w for w in warnings(result))
    assert api_calls(org) == [("GET", USERS_PATH)]
    assert "alice@example.com" in org_users(org)


def test_absent_removes_an_active_member_from_the_org_and_its_projects(org, run_module):
    result = run_module(atlas_org_user.main, args(org, username="ALICE@example.com", state="absent"))

    assert result["changed"] is True and result["user"] is None
    assert [(r.method, r.path, r.status) for r in org.writes()] == [("DELETE", user_path(ALICE_ID), 204)]
    assert "alice@example.com" not in org_users(org) and "alice@example.com" not in project_usernames(org)


def test_absent_for_someone_not_in_the_org_changes_nothing(org, run_module):
    result = run_module(atlas_org_user.main, args(org, username=DAVE, state="absent"))

    assert result["changed"] is False and result["user"] is None
    assert api_calls(org) == [("GET", USERS_PATH)]


def test_a_user_removed_by_someone_else_meanwhile_is_no_change(org, run_module, monkeypatch):
    real_request = AtlasClient.request

    def remove_first(client, method, template, **kwargs):
        if method == "DELETE":
            real_request(client, method, template, **kwargs)  # someone else's removal
        return real_request(client, method, template, **kwargs)

    monkeypatch.setattr(AtlasClient, "request", remove_first)
    result = run_module(atlas_org_user.main, args(org, username="bob@example.com", state="absent"))

    assert result["changed"] is False, result
    assert [(r.method, r.status) for r in org.writes()] == [("DELETE", 204), ("DELETE", 404)]


def test_a_removal_whose_answer_a_proxy_replaced_with_504_is_a_change(org, run_module):
    # Atlas removed bob; the proxy answered 504; the retry's 404 USER_NOT_FOUND means this task removed him.
    org.fail_next("DELETE", "/users/", 504, after_handling=True)

    result = run_module(atlas_org_user.main, args(org, username="bob@example.com", state="absent", retries=1))

    assert "failed" not in result, result
    assert result["changed"] is True and result["user"] is None
    assert [(r.method, r.path, r.status) for r in org.writes()] == [("DELETE", user_path(BOB_ID), 504), ("DELETE", user_path(BOB_ID), 404)]
    assert "bob@example.com" not in org_users(org)
    assert warnings(result) == [
        "Atlas answered 504 to DELETE %s; the retry found it gone (404), so an earlier attempt deleted it." % user_path(BOB_ID)
    ]


def test_an_unknown_team_refused_after_the_roles_changed_reports_the_change_and_names_the_team(org, run_module):
    unknown = "6500000000000000000000af"

    result = run_module(atlas_org_user.main, args(org, username="bob@example.com", org_roles=["ORG_READ_ONLY"], team_ids=[unknown]))

    assert result["failed"] is True and result["changed"] is True
    assert result["msg"].startswith(
        "Failed to put bob@example.com in teams %s of organization %s: Atlas API request PATCH %s failed with 404 TEAM_NOT_FOUND"
        % (unknown, ORG_ID, user_path(BOB_ID))
    )
    assert result["applied_changes"] == ["POST " + user_path(BOB_ID, ":addRole"), "POST " + user_path(BOB_ID, ":removeRole")]
    assert org_users(org)["bob@example.com"]["orgRoles"] == ["ORG_READ_ONLY"]


def test_an_invitation_to_an_unknown_project_names_the_project(org, run_module):
    unknown = "6500000000000000000000bf"

    result = run_module(
        atlas_org_user.main, args(org, username=DAVE, org_roles=["ORG_MEMBER"], project_roles=[{"project_id": unknown, "roles": ["GROUP_READ_ONLY"]}])
    )

    assert result["failed"] is True and "changed" not in result
    assert result["error_code"] == "GROUP_NOT_FOUND"
    assert result["msg"].endswith("failed with 404 GROUP_NOT_FOUND: project %s does not exist, or these credentials cannot see it" % unknown)


def test_a_refused_lookup_fails_and_never_counts_as_absent(org, run_module):
    org.fail_next("GET", "/orgs/[0-9a-f]+/users$", 403)

    result = run_module(atlas_org_user.main, args(org, username="carol@example.com", state="absent"))

    assert result["failed"] is True and result.get("changed") is not True
    assert result["status"] == 403
    assert result["msg"].startswith("Failed to remove carol@example.com from organization %s" % ORG_ID)
    assert org.writes() == []


# -- check mode ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "task, changed, status",
    [
        (dict(username=DAVE, org_roles=["ORG_MEMBER"]), True, "PENDING"),
        (dict(username="bob@example.com", org_roles=["ORG_OWNER"], team_ids=[TEAM_A]), True, "ACTIVE"),
        (dict(username="bob@example.com", org_roles=["ORG_MEMBER"]), False, "ACTIVE"),
        (dict(username="carol@example.com", state="absent", pending_only=True), True, None),
        (dict(username="alice@example.com", state="absent"), True, None),
    ],
)
def test_check_mode_predicts_and_sends_no_write(org, run_module, task, changed, status):
    result = run_module(atlas_org_user.main, args(org, **task), check_mode=True, diff=True)

    assert result["changed"] is changed
    assert (result["user"] or {}).get("orgMembershipStatus") == status
    assert api_calls(org) == [("GET", USERS_PATH)]
    if task.get("org_roles"):
        assert result["diff"]["after"]["orgRoles"] == sorted(task["org_roles"])


def test_check_mode_predicts_the_updated_user(org, run_module):
    result = run_module(atlas_org_user.main, args(org, username="bob@example.com", org_roles=["ORG_OWNER"], team_ids=[TEAM_A]), check_mode=True)

    assert result["user"]["id"] == BOB_ID and result["user"]["roles"]["orgRoles"] == ["ORG_OWNER"] and result["user"]["teamIds"] == [TEAM_A]
    assert org_users(org)["bob@example.com"]["orgRoles"] == ["ORG_MEMBER"]


# -- bad input fails before any request -------------------------------------------------------------


@pytest.mark.parametrize(
    "task, message",
    [
        (dict(username="not-an-email", org_roles=["ORG_MEMBER"]), "username must be an email address"),
        (dict(username="a b@example.com", org_roles=["ORG_MEMBER"]), "username must be an email address"),
        (dict(username=DAVE, org_roles=["ORG_MEMBER"], org_id="6500"), "org_id must be a 24-character"),
        (dict(username=DAVE, org_roles=[]), "org_roles must list at least one organization role"),
        (dict(username=DAVE), "state is present but all of the following are missing: org_roles"),
        (dict(username=DAVE, org_roles=["ORG_ADMIN"]), "value of org_roles must be one or more of"),
        (dict(username=DAVE, org_roles=["org_member"]), "value of org_roles must be one or more of"),
        (dict(username=DAVE, org_roles=["ORG_MEMBER"], team_ids=["team-a"]), "team_ids must be a 24-character"),
        (dict(username=DAVE, org_roles=["ORG_MEMBER"], project_roles=[{"roles": ["GROUP_OWNER"]}]), "missing required arguments: project_id"),
        (dict(username=DAVE, org_roles=["ORG_MEMBER"], project_roles=[{"project_id": PROJECT_ID}]), "missing required arguments: roles"),
        (dict(username=DAVE, org_roles=["ORG_MEMBER"], project_roles=[{"project_id": "x", "roles": ["GROUP_OWNER"]}]), "project_roles[0].project_id must be"),
        (dict(username=DAVE, org_roles=["ORG_MEMBER"], project_roles=[{"project_id": PROJECT_ID, "roles": []}]), "project_roles[0].roles must list"),
        (dict(username=DAVE, org_roles=["ORG_MEMBER"], project_roles=[{"project_id": PROJECT_ID, "roles": ["read"]}]), "project_roles[0].roles must be"),
        (
            dict(username=DAVE, org_roles=["ORG_MEMBER"], project_roles=[{"project_id": PROJECT_ID, "roles": ["GROUP_OWNER"], "team": 1}]),
            "Unsupported parameters",
        ),
        (
            dict(
                username=DAVE,
                org_roles=["ORG_MEMBER"],
                project_roles=[{"project_id": PROJECT_ID, "roles": ["GROUP_OWNER"]}, {"project_id": PROJECT_ID, "roles": ["GROUP_READ_ONLY"]}],
            ),
            "project_roles[1].project_id must name each project once",
        ),
        (dict(username="", state="absent"), "username must be an email address"),
    ],
)
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, task, message):
    result = run_module(atlas_org_user.main, args(sim, **task))

    assert result["failed"] is True
    assert message in result["msg"], result["msg"]
    assert sim.request_log() == []


def test_options_without_effect_warn(org, run_module):
    absent = run_module(atlas_org_user.main, args(org, username=DAVE, state="absent", org_roles=["ORG_MEMBER"], team_ids=[], reinvite=False))
    present = run_module(atlas_org_user.main, args(org, username="bob@example.com", org_roles=["ORG_MEMBER"], pending_only=True))

    assert sorted(w for w in warnings(absent) if "is ignored" in w) == [
        "org_roles is ignored when state=absent.",
        "reinvite is ignored when state=absent.",
        "team_ids is ignored when state=absent.",
    ]
    assert "pending_only is ignored when state=present." in warnings(present)
