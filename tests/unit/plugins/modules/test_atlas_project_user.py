# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import parse_qs

import pytest

from atlas_simulator.default_seed import ALICE_ID, BOB_ID, CAROL_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_project_user
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_project_user import find_user, member, planned_roles, project_role, shown
from ansible_collections.atlas_ops.admin.tests.unit.module_results import warnings

V2025 = "application/vnd.atlas.2025-02-19+json"
USERS_PATH = "/api/atlas/v2/groups/%s/users" % PROJECT_ID
ALL_STATUSES = ["ACTIVE", "PENDING", "INVITATION_EXPIRED", "INVITATION_REJECTED"]
# Default seed: alice ACTIVE with GROUP_OWNER, carol PENDING with GROUP_READ_ONLY; bob is an active org
# member who is not in the project; dave is nobody Atlas knows.


def user_path(user_id, action=""):
    return "%s/%s%s" % (USERS_PATH, user_id, action)


def run(sim, run_module, check_mode=False, diff=False, **args):
    args.setdefault("project_id", PROJECT_ID)
    return run_module(atlas_project_user.main, sim.module_args(**args), check_mode=check_mode, diff=diff)


def project_users(sim):
    """The project's users as stored: {username: (status, sorted roles)}."""
    return dict((user["username"], (user["orgMembershipStatus"], sorted(user["roles"]))) for user in sim.project()["users"])


def calls(sim):
    """The requests the module sent: [(method, path, body)]."""
    return [(request.method, request.path, request.body) for request in sim.requests()]


def seed_users(sim, users):
    state = sim.state()
    sim.project(state=state)["users"] = users
    sim.set_state(state)
    sim.forget_requests()


# -- pure functions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "current, wanted, append, expected",
    [
        (["GROUP_READ_ONLY"], ["GROUP_READ_ONLY"], False, ([], [])),
        # Replacing the only role: the new one is added, then the old one removed.
        (["GROUP_READ_ONLY"], ["GROUP_OWNER"], False, (["GROUP_OWNER"], ["GROUP_READ_ONLY"])),
        (["GROUP_OWNER", "GROUP_READ_ONLY"], ["GROUP_OWNER"], False, ([], ["GROUP_READ_ONLY"])),
        (["GROUP_OWNER"], ["GROUP_READ_ONLY", "GROUP_BACKUP_MANAGER"], False, (["GROUP_BACKUP_MANAGER", "GROUP_READ_ONLY"], ["GROUP_OWNER"])),
        (["GROUP_OWNER"], ["GROUP_READ_ONLY"], True, (["GROUP_READ_ONLY"], [])),
        (["GROUP_OWNER", "GROUP_READ_ONLY"], ["GROUP_OWNER"], True, ([], [])),
        ([], ["GROUP_OWNER"], False, (["GROUP_OWNER"], [])),
    ],
)
def test_planned_roles(current, wanted, append, expected):
    assert planned_roles(current, wanted, append) == expected


@pytest.mark.parametrize(
    "results, username, expected",
    [
        ([], "jane@example.com", None),
        (None, "jane@example.com", None),
        ([{"username": "Jane@Example.com", "id": "1"}], "jane@example.COM", "1"),
        # A list answer is checked, never trusted: another username is not a match.
        ([{"username": "janet@example.com", "id": "1"}, {"username": "jane@example.com", "id": "2"}], "jane@example.com", "2"),
        ([{"username": "janet@example.com", "id": "1"}], "jane@example.com", None),
    ],
)
def test_find_user(results, username, expected):
    found = find_user(results, username)
    assert (found or {}).get("id") == expected


@pytest.mark.parametrize(
    "status, is_member",
    [("ACTIVE", True), ("PENDING", True), ("INVITATION_EXPIRED", False), ("INVITATION_REJECTED", False)],
)
def test_member(status, is_member):
    user = {"username": "jane@example.com", "orgMembershipStatus": status}
    assert (member(user) is user) is is_member
    assert member(None) is None


@pytest.mark.parametrize("role", ["GROUP_OWNER", "GROUP_DATA_ACCESS_READ_WRITE", "GROUP_SOMETHING_ATLAS_ADDS_LATER"])
def test_project_role_accepts_the_form_not_a_closed_list(role):
    assert project_role(role, "roles") == role


@pytest.mark.parametrize("role", ["group_owner", "ORG_OWNER", "GROUP_", "GROUP_READ-ONLY", " GROUP_OWNER", "GROUP_OWNER2", "OWNER", ""])
def test_project_role_refuses_other_forms(role):
    with pytest.raises(AtlasInputError) as caught:
        project_role(role, "roles")
    assert str(caught.value) == "roles must be project role names of the form GROUP_[A-Z_]+ such as GROUP_READ_ONLY, got %r" % role


def test_shown_sorts_roles_without_changing_the_answer():
    answer = {"id": "1", "roles": ["GROUP_READ_ONLY", "GROUP_OWNER"]}
    assert shown(answer) == {"id": "1", "roles": ["GROUP_OWNER", "GROUP_READ_ONLY"]}
    assert answer["roles"] == ["GROUP_READ_ONLY", "GROUP_OWNER"]
    assert shown(None) is None


# -- the lookup -----------------------------------------------------------------------------------


def test_looks_the_user_up_with_one_filtered_read_of_every_status(sim, run_module):
    result = run(sim, run_module, username="alice@example.com", roles=["GROUP_OWNER"])

    assert result["changed"] is False
    (lookup,) = sim.request_log()[-1:]
    assert [request.method for request in sim.requests()] == ["GET"]
    assert lookup["path"] == USERS_PATH
    query = parse_qs(lookup["query"])
    assert query["username"] == ["alice@example.com"]
    assert sorted(query["orgMembershipStatuses"]) == sorted(ALL_STATUSES)
    assert lookup["headers"]["Accept"] == V2025


def test_the_lookup_is_one_read_whatever_the_size_of_the_project(sim, run_module):
    many = [{"username": "user%03d@example.com" % number, "roles": ["GROUP_READ_ONLY"]} for number in range(600)]
    seed_users(sim, many + [{"username": "zed@example.com", "roles": ["GROUP_OWNER"]}])

    result = run(sim, run_module, username="zed@example.com", roles=["GROUP_OWNER"])

    assert result["changed"] is False
    assert result["user"]["username"] == "zed@example.com"
    assert [request.method for request in sim.requests()] == ["GET"]


# -- state=present --------------------------------------------------------------------------------


def test_invites_someone_new(sim, run_module):
    result = run(sim, run_module, username="dave@example.com", roles=["GROUP_READ_ONLY"], diff=True)

    assert result["changed"] is True
    user = result["user"]
    assert user["username"] == "dave@example.com" and user["roles"] == ["GROUP_READ_ONLY"]
    assert user["orgMembershipStatus"] == "PENDING" and user["invitationExpiresAt"] and user["id"]
    (invite,) = sim.writes()
    assert (invite.method, invite.path, invite.body, invite.status) == (
        "POST",
        USERS_PATH,
        {"username": "dave@example.com", "roles": ["GROUP_READ_ONLY"]},
        201,
    )
    assert invite.content_type == V2025 and invite.accept == V2025
    assert project_users(sim)["dave@example.com"] == ("PENDING", ["GROUP_READ_ONLY"])
    assert result["diff"] == {"before": {}, "after": user}


def test_an_active_org_member_is_added_at_once(sim, run_module):
    result = run(sim, run_module, username="bob@example.com", roles=["GROUP_CLUSTER_MANAGER"])

    assert result["changed"] is True
    assert result["user"]["id"] == BOB_ID and result["user"]["orgMembershipStatus"] == "ACTIVE"
    assert project_users(sim)["bob@example.com"] == ("ACTIVE", ["GROUP_CLUSTER_MANAGER"])


def test_the_second_run_sends_no_write_and_one_read(sim, run_module):
    first = run(sim, run_module, username="dave@example.com", roles=["GROUP_READ_ONLY", "GROUP_BACKUP_MANAGER"])
    sim.forget_requests()

    second = run(sim, run_module, username="dave@example.com", roles=["GROUP_BACKUP_MANAGER", "GROUP_READ_ONLY"])

    assert first["changed"] is True and second["changed"] is False
    assert [request.method for request in sim.requests()] == ["GET"]
    assert second["user"] == first["user"]


def test_takes_over_an_active_member_with_the_same_roles(sim, run_module):
    result = run(sim, run_module, username="ALICE@example.com", roles=["GROUP_OWNER"])

    assert result["changed"] is False
    assert result["user"]["id"] == ALICE_ID and result["user"]["firstName"] == "Alice"
    assert sim.writes() == []


def test_takes_over_a_pending_member_without_inviting_again(sim, run_module):
    result = run(sim, run_module, username="carol@example.com", roles=["GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_WRITE"])

    assert result["changed"] is True
    assert calls(sim)[1:] == [("POST", user_path(CAROL_ID, ":addRole"), {"groupRole": "GROUP_DATA_ACCESS_READ_WRITE"})]
    assert result["user"]["orgMembershipStatus"] == "PENDING"
    assert result["user"]["roles"] == ["GROUP_DATA_ACCESS_READ_WRITE", "GROUP_READ_ONLY"]


def test_replaces_the_only_role_adding_before_removing(sim, run_module):
    result = run(sim, run_module, username="alice@example.com", roles=["GROUP_READ_ONLY"], diff=True)

    assert result["changed"] is True
    assert calls(sim)[1:] == [
        ("POST", user_path(ALICE_ID, ":addRole"), {"groupRole": "GROUP_READ_ONLY"}),
        ("POST", user_path(ALICE_ID, ":removeRole"), {"groupRole": "GROUP_OWNER"}),
    ]
    assert [request.status for request in sim.writes()] == [200, 200]
    assert result["user"]["roles"] == ["GROUP_READ_ONLY"]
    assert project_users(sim)["alice@example.com"] == ("ACTIVE", ["GROUP_READ_ONLY"])
    assert result["diff"]["before"]["roles"] == ["GROUP_OWNER"]
    assert result["diff"]["after"]["roles"] == ["GROUP_READ_ONLY"]


def test_roles_is_the_exact_set(sim, run_module):
    seed_users(sim, [{"username": "alice@example.com", "roles": ["GROUP_OWNER", "GROUP_READ_ONLY", "GROUP_BACKUP_MANAGER"]}])

    result = run(sim, run_module, username="alice@example.com", roles=["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"])

    assert result["changed"] is True
    assert calls(sim)[1:] == [
        ("POST", user_path(ALICE_ID, ":addRole"), {"groupRole": "GROUP_CLUSTER_MANAGER"}),
        ("POST", user_path(ALICE_ID, ":removeRole"), {"groupRole": "GROUP_BACKUP_MANAGER"}),
        ("POST", user_path(ALICE_ID, ":removeRole"), {"groupRole": "GROUP_OWNER"}),
    ]
    assert project_users(sim)["alice@example.com"] == ("ACTIVE", ["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"])
    assert result["user"]["roles"] == ["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"]


def test_append_roles_only_adds(sim, run_module):
    result = run(sim, run_module, username="alice@example.com", roles=["GROUP_READ_ONLY"], append_roles=True)

    assert result["changed"] is True
    assert calls(sim)[1:] == [("POST", user_path(ALICE_ID, ":addRole"), {"groupRole": "GROUP_READ_ONLY"})]
    assert project_users(sim)["alice@example.com"] == ("ACTIVE", ["GROUP_OWNER", "GROUP_READ_ONLY"])
    sim.forget_requests()

    again = run(sim, run_module, username="alice@example.com", roles=["GROUP_READ_ONLY"], append_roles=True)

    assert again["changed"] is False
    assert [request.method for request in sim.requests()] == ["GET"]


def test_append_roles_invites_someone_new_with_the_roles(sim, run_module):
    result = run(sim, run_module, username="dave@example.com", roles=["GROUP_READ_ONLY"], append_roles=True)

    assert result["changed"] is True
    assert calls(sim)[1:] == [("POST", USERS_PATH, {"username": "dave@example.com", "roles": ["GROUP_READ_ONLY"]})]


@pytest.mark.parametrize("status", ["INVITATION_EXPIRED", "INVITATION_REJECTED"])
def test_an_expired_or_rejected_invitation_is_sent_again(sim, run_module, status):
    seed_users(sim, [{"username": "erin@example.com", "roles": ["GROUP_OWNER"], "orgMembershipStatus": status}])

    result = run(sim, run_module, username="erin@example.com", roles=["GROUP_READ_ONLY"], diff=True)

    assert result["changed"] is True
    assert calls(sim)[1:] == [("POST", USERS_PATH, {"username": "erin@example.com", "roles": ["GROUP_READ_ONLY"]})]
    assert result["user"]["orgMembershipStatus"] == "PENDING"
    assert project_users(sim) == {"erin@example.com": ("PENDING", ["GROUP_READ_ONLY"])}
    assert result["diff"]["before"]["orgMembershipStatus"] == status
    assert result["diff"]["after"]["orgMembershipStatus"] == "PENDING"


def test_an_unknown_role_of_the_right_form_is_refused_by_atlas(sim, run_module):
    result = run(sim, run_module, username="alice@example.com", roles=["GROUP_SUPERUSER"])

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (400, "INVALID_ATTRIBUTE")
    assert result["msg"].startswith("Failed to add role GROUP_SUPERUSER to alice@example.com in project %s: " % PROJECT_ID)
    assert project_users(sim)["alice@example.com"] == ("ACTIVE", ["GROUP_OWNER"])
    # Nothing was applied: the failure does not claim a change.
    assert "changed" not in result and "applied_changes" not in result


def test_a_role_refused_after_another_was_added_reports_the_change_and_names_the_role(sim, run_module):
    # Atlas accepts GROUP_BACKUP_MANAGER, then refuses GROUP_SUPERUSER (400 INVALID_ATTRIBUTE groupRole).
    result = run(sim, run_module, username="alice@example.com", roles=["GROUP_BACKUP_MANAGER", "GROUP_SUPERUSER"])

    assert result["failed"] is True and result["changed"] is True
    assert result["msg"] == (
        "Failed to add role GROUP_SUPERUSER to alice@example.com in project %s: Atlas API request POST %s failed with "
        "400 INVALID_ATTRIBUTE: Invalid attribute groupRole specified." % (PROJECT_ID, user_path(ALICE_ID, ":addRole"))
    )
    assert result["applied_changes"] == ["POST " + user_path(ALICE_ID, ":addRole")]
    assert [(request.method, request.body, request.status) for request in sim.writes()] == [
        ("POST", {"groupRole": "GROUP_BACKUP_MANAGER"}, 200),
        ("POST", {"groupRole": "GROUP_SUPERUSER"}, 400),
    ]
    assert project_users(sim)["alice@example.com"] == ("ACTIVE", ["GROUP_BACKUP_MANAGER", "GROUP_OWNER"])


def test_a_read_that_recovered_from_atlas_pushing_back_says_so_in_a_warning(sim, run_module, monkeypatch):
    monkeypatch.setattr("urllib3.util.retry.time.sleep", lambda seconds: None)  # the backoff between attempts
    sim.fail_next("GET", r"/users$", 429, retry_after=1)
    sim.fail_next("GET", r"/users$", 503)

    result = run(sim, run_module, username="alice@example.com", roles=["GROUP_OWNER"], retries=3)

    assert result["changed"] is False
    assert warnings(result) == ["Atlas answered 429, 503 to GET %s; succeeded after 3 attempts." % USERS_PATH]
    assert [request.status for request in sim.requests()] == [429, 503, 200]


def test_a_failed_invitation_is_reported(sim, run_module):
    sim.fail_next("POST", r"/users$", 500)

    result = run(sim, run_module, username="dave@example.com", roles=["GROUP_READ_ONLY"])

    assert result["failed"] is True
    assert result["status"] == 500 and result["method"] == "POST"
    assert "dave@example.com" not in project_users(sim)


# -- check mode ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, predicted_roles",
    [
        ({"username": "dave@example.com", "roles": ["GROUP_READ_ONLY"]}, ["GROUP_READ_ONLY"]),
        ({"username": "alice@example.com", "roles": ["GROUP_READ_ONLY"]}, ["GROUP_READ_ONLY"]),
        ({"username": "alice@example.com", "roles": ["GROUP_READ_ONLY"], "append_roles": True}, ["GROUP_OWNER", "GROUP_READ_ONLY"]),
        ({"username": "carol@example.com", "state": "absent"}, None),
    ],
)
def test_check_mode_predicts_and_sends_no_write(sim, run_module, args, predicted_roles):
    stored = project_users(sim)

    result = run(sim, run_module, check_mode=True, diff=True, **args)

    assert result["changed"] is True
    assert [request.method for request in sim.requests()] == ["GET"]
    assert project_users(sim) == stored
    if predicted_roles is None:
        assert result["user"] is None and result["diff"]["after"] == {}
    else:
        assert result["user"]["roles"] == predicted_roles
        assert result["diff"]["after"] == result["user"]


def test_check_mode_does_not_guess_the_status_of_someone_who_would_be_added(sim, run_module):
    result = run(sim, run_module, check_mode=True, username="dave@example.com", roles=["GROUP_READ_ONLY"])

    assert result["user"] == {"username": "dave@example.com", "roles": ["GROUP_READ_ONLY"]}


# -- state=absent ---------------------------------------------------------------------------------


@pytest.mark.parametrize("username, user_id", [("alice@example.com", ALICE_ID), ("carol@example.com", CAROL_ID)], ids=["active", "pending"])
def test_removes_active_and_pending_users(sim, run_module, username, user_id):
    result = run(sim, run_module, username=username, state="absent", diff=True)

    assert result["changed"] is True and result["user"] is None
    assert calls(sim)[1:] == [("DELETE", user_path(user_id), None)]
    assert sim.writes()[0].status == 204 and sim.writes()[0].accept == V2025
    assert username not in project_users(sim)
    assert result["diff"]["before"]["username"] == username and result["diff"]["after"] == {}
    sim.forget_requests()

    again = run(sim, run_module, username=username, state="absent")

    assert again["changed"] is False
    assert [request.method for request in sim.requests()] == ["GET"]


def test_not_a_member_is_no_change(sim, run_module):
    result = run(sim, run_module, username="bob@example.com", state="absent")

    assert result["changed"] is False and result["user"] is None
    assert sim.writes() == []


@pytest.mark.parametrize("status", ["INVITATION_EXPIRED", "INVITATION_REJECTED"])
def test_an_expired_or_rejected_invitation_is_not_a_member(sim, run_module, status):
    seed_users(sim, [{"username": "erin@example.com", "orgMembershipStatus": status}])

    result = run(sim, run_module, username="erin@example.com", state="absent")

    assert result["changed"] is False
    assert sim.writes() == []


def test_a_user_removed_since_the_read_counts_as_removed(sim, run_module, monkeypatch):
    # The read finds a user whose id the project no longer has: the DELETE's 404 USER_NOT_FOUND is absent.
    gone = {"id": "6500000000000000000000ee", "username": "alice@example.com", "roles": ["GROUP_OWNER"], "orgMembershipStatus": "ACTIVE"}
    monkeypatch.setattr(atlas_project_user, "find_user", lambda results, username: gone)

    result = run(sim, run_module, username="alice@example.com", state="absent")

    assert "failed" not in result, result
    assert [(request.method, request.status) for request in sim.requests()] == [("GET", 200), ("DELETE", 404)]


def test_another_404_on_delete_fails(sim, run_module):
    sim.fail_next("DELETE", r"/users/", 404)  # answered with RESOURCE_NOT_FOUND, not the user's own code

    result = run(sim, run_module, username="alice@example.com", state="absent")

    assert result["failed"] is True
    assert (result["status"], result["error_code"], result["method"]) == (404, "RESOURCE_NOT_FOUND", "DELETE")
    assert "alice@example.com" in project_users(sim)


def test_absent_warns_about_role_options(sim, run_module):
    result = run(sim, run_module, username="bob@example.com", state="absent", roles=["GROUP_OWNER"], append_roles=True)

    assert result["changed"] is False
    # ansible-core 2.19 returns warnings as WarningSummary objects.
    assert warnings(result) == [
        "roles is ignored when state=absent.",
        "append_roles is ignored when state=absent.",
    ]


# -- bad input: a message naming the option, and no request ---------------------------------------

EMAIL_MSG = "username must be an email address such as jane.doe@example.com, got %r"
ROLE_MSG = "roles must be project role names of the form GROUP_[A-Z_]+ such as GROUP_READ_ONLY, got %r"


@pytest.mark.parametrize(
    "args, msg",
    [
        ({"username": "jane", "roles": ["GROUP_READ_ONLY"]}, EMAIL_MSG % "jane"),
        ({"username": "jane@example", "roles": ["GROUP_READ_ONLY"]}, EMAIL_MSG % "jane@example"),
        ({"username": "jane doe@example.com", "roles": ["GROUP_READ_ONLY"]}, EMAIL_MSG % "jane doe@example.com"),
        ({"username": "jane@@example.com", "roles": ["GROUP_READ_ONLY"]}, EMAIL_MSG % "jane@@example.com"),
        ({"username": "", "roles": ["GROUP_READ_ONLY"]}, EMAIL_MSG % ""),
        ({"username": "@example.com", "state": "absent"}, EMAIL_MSG % "@example.com"),
        ({"username": "jane@example.com", "roles": []}, (
            "roles must list at least one project role such as GROUP_READ_ONLY with state=present "
            "(an Atlas user always has one); to remove the user from the project use state=absent."
        )),
        ({"username": "jane@example.com"}, "state is present but all of the following are missing: roles"),
        ({"username": "jane@example.com", "roles": ["group_read_only"]}, ROLE_MSG % "group_read_only"),
        ({"username": "jane@example.com", "roles": ["GROUP_OWNER", "ORG_OWNER"]}, ROLE_MSG % "ORG_OWNER"),
        ({"username": "jane@example.com", "roles": ["Project Owner"]}, ROLE_MSG % "Project Owner"),
        ({"username": "jane@example.com", "roles": ["GROUP_"]}, ROLE_MSG % "GROUP_"),
        ({"username": "jane@example.com", "roles": ["GROUP_READ-ONLY"]}, ROLE_MSG % "GROUP_READ-ONLY"),
        ({"username": "jane@example.com", "roles": [""]}, ROLE_MSG % ""),
        ({"roles": ["GROUP_READ_ONLY"]}, "missing required arguments: username"),
        ({"username": "jane@example.com", "roles": ["GROUP_READ_ONLY"], "state": "gone"}, "value of state must be one of: present, absent, got: gone"),
        (
            {"username": "jane@example.com", "roles": ["GROUP_READ_ONLY"], "project_id": "6500000000000000000000B1"},
            "project_id must be a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b, got '6500000000000000000000B1'",
        ),
        ({"username": "jane@example.com", "roles": ["GROUP_READ_ONLY"], "append_roles": "sometimes"}, None),
    ],
)
def test_bad_input_fails_before_any_request(sim, run_module, args, msg):
    result = run(sim, run_module, **args)

    assert result["failed"] is True
    if msg is None:  # Ansible's own wording for a bad boolean varies between versions
        assert "append_roles" in result["msg"]
    else:
        assert result["msg"] == msg
    assert sim.request_log() == []


def test_project_id_alias_group_id(sim, run_module):
    args = sim.module_args(group_id=PROJECT_ID, username="alice@example.com", roles=["GROUP_OWNER"])

    result = run_module(atlas_project_user.main, args)

    assert result["changed"] is False and result["user"]["id"] == ALICE_ID
