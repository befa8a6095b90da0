"""Project users: listing with filters per version, add, get, roles, remove, invitation expiry."""

from datetime import datetime, timedelta, timezone

from atlas_simulator.clock import parse_time
from sim_helpers import PROJECT, assert_atlas_error, seed_ids

V = "2025-02-19"
USERS = f"{PROJECT}/users"
ALICE, CAROL = seed_ids.ALICE_ID, seed_ids.CAROL_ID


def usernames(body):
    return [user["username"] for user in body["results"]]


def add(atlas, username, roles):
    return atlas.post(USERS, V, json={"username": username, "roles": roles})


def test_the_current_version_lists_active_and_pending_users(atlas):
    body = atlas.get(USERS, V).json()
    assert usernames(body) == ["alice@example.com", "carol@example.com"]
    alice, carol = body["results"]
    assert (
        alice["orgMembershipStatus"] == "ACTIVE" and alice["firstName"] == "Alice" and alice["roles"] == ["GROUP_OWNER"]
    )
    assert carol["orgMembershipStatus"] == "PENDING" and "invitationCreatedAt" in carol and "firstName" not in carol


def test_filter_by_username_and_by_status(atlas):
    assert usernames(atlas.get(USERS, V, params={"username": "CAROL@example.com"}).json()) == ["carol@example.com"]
    assert usernames(atlas.get(USERS, V, params={"username": "nobody@example.com"}).json()) == []
    only_active = atlas.get(USERS, V, params={"orgMembershipStatuses": "ACTIVE"}).json()
    assert usernames(only_active) == ["alice@example.com"]
    both = atlas.get(USERS, V, params={"orgMembershipStatuses": ["ACTIVE", "PENDING"]}).json()
    assert len(both["results"]) == 2


def test_the_deprecated_status_filter_cannot_be_combined(atlas):
    params = {"orgMembershipStatus": "ACTIVE", "orgMembershipStatuses": "PENDING"}
    assert_atlas_error(atlas.get(USERS, V, params=params), 400, "VALIDATION_ERROR")


def test_an_unknown_status_is_400(atlas):
    assert_atlas_error(atlas.get(USERS, V, params={"orgMembershipStatuses": "GONE"}), 400, "VALIDATION_ERROR")


def test_the_2023_version_hides_pending_users_and_ignores_username(atlas):
    body = atlas.get(USERS, "2023-01-01", params={"username": "carol@example.com"}).json()
    assert usernames(body) == ["alice@example.com"]
    assert body["results"][0]["roles"] == [{"groupId": seed_ids.PROJECT_ID, "roleName": "GROUP_OWNER"}]
    assert body["results"][0]["emailAddress"] == "alice@example.com"


def test_adding_an_org_member_makes_them_active(atlas):
    response = add(atlas, "bob@example.com", ["GROUP_CLUSTER_MANAGER"])
    assert response.status_code == 201, response.text
    bob = response.json()
    assert bob["id"] == seed_ids.BOB_ID and bob["orgMembershipStatus"] == "ACTIVE" and bob["lastName"] == "Berg"
    assert atlas.get(f"{USERS}/{bob['id']}", V).json()["roles"] == ["GROUP_CLUSTER_MANAGER"]


def test_adding_someone_new_invites_them(atlas):
    dave = add(atlas, "dave@example.com", ["GROUP_READ_ONLY"]).json()
    assert dave["orgMembershipStatus"] == "PENDING"
    assert dave["inviterUsername"] and dave["invitationExpiresAt"] > dave["invitationCreatedAt"]
    assert "dave@example.com" in usernames(atlas.get(USERS, V).json())


def test_adding_an_active_or_pending_user_again_is_a_conflict(atlas):
    for username in ("alice@example.com", "carol@example.com"):
        assert_atlas_error(add(atlas, username, ["GROUP_READ_ONLY"]), 409, "USER_ALREADY_IN_GROUP")


def test_an_expired_invitation_shows_and_can_be_replaced(atlas, control):
    control.advance(31 * 86400)
    assert usernames(atlas.get(USERS, V).json()) == ["alice@example.com"]
    expired = atlas.get(USERS, V, params={"orgMembershipStatuses": "INVITATION_EXPIRED"}).json()
    assert usernames(expired) == ["carol@example.com"]
    again = add(atlas, "carol@example.com", ["GROUP_DATA_ACCESS_READ_ONLY"])
    assert again.status_code == 201 and again.json()["orgMembershipStatus"] == "PENDING"


def test_adding_needs_roles_that_exist(atlas):
    assert_atlas_error(add(atlas, "bob@example.com", ["GROUP_SUPERUSER"]), 400, "INVALID_ATTRIBUTE")
    assert assert_atlas_error(add(atlas, "bob@example.com", []), 400, "INVALID_ATTRIBUTE")["parameters"] == ["roles"]
    missing = atlas.post(USERS, V, json={"roles": ["GROUP_READ_ONLY"]})
    assert assert_atlas_error(missing, 400, "MISSING_ATTRIBUTE")["parameters"] == ["username"]


def test_get_a_user_and_filter_by_status(atlas):
    assert atlas.get(f"{USERS}/{CAROL}", V).json()["orgMembershipStatus"] == "PENDING"
    assert_atlas_error(
        atlas.get(f"{USERS}/{CAROL}", V, params={"orgMembershipStatuses": "ACTIVE"}), 404, "USER_NOT_FOUND"
    )
    assert_atlas_error(atlas.get(f"{USERS}/6500000000000000000000ff", V), 404, "USER_NOT_FOUND")


def test_add_a_role_then_remove_the_old_one(atlas):
    added = atlas.post(f"{USERS}/{ALICE}:addRole", V, json={"groupRole": "GROUP_READ_ONLY"})
    assert added.status_code == 200 and added.json()["roles"] == ["GROUP_OWNER", "GROUP_READ_ONLY"]
    removed = atlas.post(f"{USERS}/{ALICE}:removeRole", V, json={"groupRole": "GROUP_OWNER"})
    assert removed.json()["roles"] == ["GROUP_READ_ONLY"]


def test_adding_a_role_twice_changes_nothing(atlas):
    body = atlas.post(f"{USERS}/{ALICE}:addRole", V, json={"groupRole": "GROUP_OWNER"}).json()
    assert body["roles"] == ["GROUP_OWNER"]


def test_the_last_role_cannot_be_removed(atlas):
    response = atlas.post(f"{USERS}/{CAROL}:removeRole", V, json={"groupRole": "GROUP_READ_ONLY"})
    assert_atlas_error(response, 400, "CANNOT_REMOVE_LAST_ROLE")


def test_an_unknown_role_is_refused(atlas):
    response = atlas.post(f"{USERS}/{ALICE}:addRole", V, json={"groupRole": "ORG_OWNER"})
    assert assert_atlas_error(response, 400, "INVALID_ATTRIBUTE")["parameters"] == ["groupRole"]


def test_remove_users(atlas):
    assert atlas.delete(f"{USERS}/{CAROL}", V).status_code == 204
    assert_atlas_error(atlas.get(f"{USERS}/{CAROL}", V), 404, "USER_NOT_FOUND")
    assert_atlas_error(atlas.delete(f"{USERS}/{CAROL}", V), 404, "USER_NOT_FOUND")


def test_the_2023_version_removes_active_users_only(atlas):
    assert_atlas_error(atlas.delete(f"{USERS}/{CAROL}", "2023-01-01"), 404, "USER_NOT_FOUND")
    assert atlas.delete(f"{USERS}/{ALICE}", "2023-01-01").status_code == 204


# -- expired and rejected invitations, and the org user they share the record with ---------------------


def seed_project_users(control, users):
    """Replace the default project's users (the simulator fills in ids, invitation fields, org users)."""
    state = control.state()
    project = next(project for project in state["projects"] if project["id"] == seed_ids.PROJECT_ID)
    project["users"] = users
    control.set_state(state)


def org_user(control, username):
    org = next(org for org in control.state()["orgs"] if org["id"] == seed_ids.ORG_ID)
    return next(user for user in org["users"] if user["username"] == username)


ALL_STATUSES = ["ACTIVE", "PENDING", "INVITATION_EXPIRED", "INVITATION_REJECTED"]


def test_seeded_expired_and_rejected_invitations_are_listed_only_when_asked_for(atlas, control):
    seed_project_users(
        control,
        [
            {"username": "erin@example.com", "roles": ["GROUP_READ_ONLY"], "orgMembershipStatus": "INVITATION_EXPIRED"},
            {"username": "fred@example.com", "roles": ["GROUP_OWNER"], "orgMembershipStatus": "INVITATION_REJECTED"},
        ],
    )
    assert usernames(atlas.get(USERS, V).json()) == []
    erin, fred = atlas.get(USERS, V, params={"orgMembershipStatuses": ALL_STATUSES}).json()["results"]
    assert erin["orgMembershipStatus"] == "INVITATION_EXPIRED"
    # A seeded expired invitation was sent more than 30 days ago: its expiry has passed.
    assert parse_time(erin["invitationExpiresAt"]) - parse_time(erin["invitationCreatedAt"]) == timedelta(days=30)
    assert parse_time(erin["invitationExpiresAt"]) < datetime.now(timezone.utc)
    # "null for rejected invitations"
    assert fred["orgMembershipStatus"] == "INVITATION_REJECTED" and fred["invitationExpiresAt"] is None
    assert [erin["id"], fred["id"]] == [org_user(control, "erin@example.com")["id"], org_user(control, "fred@example.com")["id"]]


def test_inviting_again_replaces_a_rejected_invitation_and_the_org_user_is_pending_again(atlas, control):
    seed_project_users(control, [{"username": "fred@example.com", "orgMembershipStatus": "INVITATION_REJECTED"}])
    assert org_user(control, "fred@example.com")["orgMembershipStatus"] == "INVITATION_REJECTED"
    again = add(atlas, "fred@example.com", ["GROUP_OWNER"])
    assert again.status_code == 201, again.text
    assert again.json()["orgMembershipStatus"] == "PENDING" and again.json()["invitationExpiresAt"]
    assert org_user(control, "fred@example.com")["orgMembershipStatus"] == "PENDING"
    listed = atlas.get(USERS, V, params={"orgMembershipStatuses": ALL_STATUSES, "username": "fred@example.com"}).json()
    assert [user["orgMembershipStatus"] for user in listed["results"]] == ["PENDING"]


def test_an_invitation_expires_for_the_org_user_too_and_for_every_operation(atlas, control):
    control.advance(31 * 86400)
    # The first call after the expiry is a role change: it already sees the expired invitation.
    atlas.post(f"{USERS}/{CAROL}:addRole", V, json={"groupRole": "GROUP_OWNER"})
    assert org_user(control, "carol@example.com")["orgMembershipStatus"] == "INVITATION_EXPIRED"
    carol = atlas.get(f"{USERS}/{CAROL}", V, params={"orgMembershipStatuses": "INVITATION_EXPIRED"}).json()
    assert carol["orgMembershipStatus"] == "INVITATION_EXPIRED"


def test_roles_of_a_pending_user_can_change(atlas):
    added = atlas.post(f"{USERS}/{CAROL}:addRole", V, json={"groupRole": "GROUP_DATA_ACCESS_READ_WRITE"}).json()
    assert added["orgMembershipStatus"] == "PENDING" and added["roles"] == ["GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_WRITE"]
    removed = atlas.post(f"{USERS}/{CAROL}:removeRole", V, json={"groupRole": "GROUP_READ_ONLY"}).json()
    assert removed["roles"] == ["GROUP_DATA_ACCESS_READ_WRITE"]


def test_removing_a_user_from_the_project_keeps_them_in_the_org(atlas, control):
    assert atlas.delete(f"{USERS}/{ALICE}", V).status_code == 204
    assert usernames(atlas.get(USERS, V).json()) == ["carol@example.com"]
    assert org_user(control, "alice@example.com")["orgMembershipStatus"] == "ACTIVE"
