"""MongoDB Cloud users of a project: list, add, get, add/remove a role, remove.

A project user is stored as ``{id, username, roles, orgMembershipStatus}`` (plus invitation fields
for pending users); names and dates of active users come from the org's ``users``. Version
2025-02-19 shows ACTIVE and PENDING users and filters by ``username``; the deprecated 2023-01-01
listing shows ACTIVE users only and ignores those filters, as the spec says.
"""

from datetime import timedelta

from .. import errors
from ..clock import format_time, parse_time
from .common import Family, Reply, find, find_project, paginated, public
from .org_users import find_org_user, normalize_org_user, set_invitation

# Atlas' project roles (https://www.mongodb.com/docs/atlas/reference/user-roles/); the spec leaves
# the role a free string.
PROJECT_ROLES = frozenset(
    {
        "GROUP_OWNER",
        "GROUP_READ_ONLY",
        "GROUP_CLUSTER_MANAGER",
        "GROUP_DATA_ACCESS_ADMIN",
        "GROUP_DATA_ACCESS_READ_WRITE",
        "GROUP_DATA_ACCESS_READ_ONLY",
        "GROUP_DATABASE_ACCESS_ADMIN",
        "GROUP_BACKUP_MANAGER",
        "GROUP_OBSERVABILITY_VIEWER",
        "GROUP_SEARCH_INDEX_EDITOR",
        "GROUP_STREAM_PROCESSING_OWNER",
    }
)
INVITATION_LIFETIME = timedelta(days=30)
PENDING_LIKE = ("PENDING", "INVITATION_EXPIRED", "INVITATION_REJECTED")
DEFAULT_STATUSES = ("ACTIVE", "PENDING")
# Who pending invitations name as their inviter (the API caller is a key, not a person).
INVITER_USERNAME = "atlas-simulator@example.com"


def normalize_project_user(user, org, now):
    """Join a project user to its org user (adding one when missing), as Atlas keeps one identity."""
    org_user = find_org_user(org, user["username"])
    if org_user is None:
        status = user.get("orgMembershipStatus", "ACTIVE")
        org_user = normalize_org_user({"username": user["username"], "orgMembershipStatus": status}, now)
        if "id" in user:
            org_user["id"] = user["id"]
        org["users"].append(org_user)
    user.setdefault("id", org_user["id"])
    user.setdefault("orgMembershipStatus", org_user["orgMembershipStatus"])
    user.setdefault("roles", ["GROUP_READ_ONLY"])
    status = user["orgMembershipStatus"]
    if status in PENDING_LIKE:
        # A seeded expired invitation was sent long enough ago to have expired.
        sent = now - INVITATION_LIFETIME - timedelta(days=1) if status == "INVITATION_EXPIRED" else now
        user.setdefault("invitationCreatedAt", format_time(sent))
        if status == "INVITATION_REJECTED":
            user.setdefault("invitationExpiresAt", None)  # the spec: "null for rejected invitations"
        else:
            user.setdefault(
                "invitationExpiresAt", format_time(parse_time(user["invitationCreatedAt"]) + INVITATION_LIFETIME)
            )
        user.setdefault("inviterUsername", INVITER_USERNAME)
    return user


def _org_of(call, project):
    return next(org for org in call.state["orgs"] if org["id"] == project["org_id"])


def _expire_invitations(call, project):
    """Invitations not accepted within 30 days expire, for the project user and the org user alike."""
    org = _org_of(call, project)
    for user in project["users"]:
        if user["orgMembershipStatus"] == "PENDING" and parse_time(user["invitationExpiresAt"]) <= call.now:
            user["orgMembershipStatus"] = "INVITATION_EXPIRED"
            org_user = find_org_user(org, user["username"])
            if org_user is not None and org_user["orgMembershipStatus"] == "PENDING":
                org_user["orgMembershipStatus"] = "INVITATION_EXPIRED"
            call.store.mark_changed()


def _current_project(call):
    """The call's project, its invitations expired as of now (every handler sees the same statuses)."""
    project = find_project(call)
    _expire_invitations(call, project)
    return project


def _render(call, project, user):
    """``GroupActiveUserResponse`` or ``GroupPendingUserResponse`` (version 2025-02-19)."""
    body = public(user)
    if user["orgMembershipStatus"] == "ACTIVE":
        org_user = find_org_user(_org_of(call, project), user["username"])
        for field in ("firstName", "lastName", "country", "createdAt", "lastAuth", "mobileNumber"):
            if field in org_user:
                body[field] = org_user[field]
    return body


def _render_legacy(call, project, user):
    """``CloudAppUser`` (version 2023-01-01)."""
    org_user = find_org_user(_org_of(call, project), user["username"])
    body = {
        "id": user["id"],
        "username": user["username"],
        "emailAddress": user["username"],
        "roles": [{"groupId": project["id"], "roleName": role} for role in user["roles"]],
        "teamIds": [],
        "links": [call.self_link(f"/api/atlas/v2/groups/{project['id']}/users/{user['id']}")],
    }
    for field in ("firstName", "lastName", "country", "createdAt", "lastAuth", "mobileNumber"):
        if field in org_user:
            body[field] = org_user[field]
    return body


def _statuses_filter(call):
    statuses, single = call.query.get("orgMembershipStatuses"), call.query.get("orgMembershipStatus")
    if statuses and single:
        raise errors.invalid_parameter(
            "orgMembershipStatus", "orgMembershipStatus cannot be combined with orgMembershipStatuses."
        )
    return tuple(statuses or ([single] if single else DEFAULT_STATUSES))


def _user_not_found(user_id):
    return errors.not_found(f"No user with ID {user_id} exists in this project.", user_id, code="USER_NOT_FOUND")


def _find_user(call, project):
    return find(project["users"], "id", call.path["userId"], _user_not_found(call.path["userId"]))


def _check_role(field, role):
    if role not in PROJECT_ROLES:
        raise errors.invalid_attribute(field, f"{role} is not a project role.")


def list_users(call):
    project = _current_project(call)
    if call.version == "2023-01-01":
        active = [u for u in project["users"] if u["orgMembershipStatus"] == "ACTIVE"]
        return Reply(200, paginated(call, active, lambda u: _render_legacy(call, project, u)))
    statuses = _statuses_filter(call)
    users = [u for u in project["users"] if u["orgMembershipStatus"] in statuses]
    if call.query.get("username"):
        users = [u for u in users if u["username"].lower() == call.query["username"].lower()]
    return Reply(200, paginated(call, users, lambda u: _render(call, project, u)))


def add_user(call):
    project = _current_project(call)
    username, roles = call.body["username"], call.body["roles"]
    for role in roles:
        _check_role("roles", role)
    for existing in list(project["users"]):
        if existing["username"].lower() == username.lower():
            if existing["orgMembershipStatus"] in ("ACTIVE", "PENDING"):
                raise errors.conflict(
                    "USER_ALREADY_IN_GROUP", f"The user {username} is already in the project.", username, project["id"]
                )
            project["users"].remove(existing)  # an expired or rejected invitation is replaced
    org = _org_of(call, project)
    org_user = find_org_user(org, username)
    if org_user is None:  # not in the org yet: Atlas invites them to the org and the project
        org_user = normalize_org_user({"username": username, "orgMembershipStatus": "PENDING"}, call.now)
        org["users"].append(org_user)
    elif org_user["orgMembershipStatus"] in ("INVITATION_EXPIRED", "INVITATION_REJECTED"):
        set_invitation(org_user, "PENDING", call.now)  # invited again (org_users.py keeps org users)
    status = "ACTIVE" if org_user["orgMembershipStatus"] == "ACTIVE" else "PENDING"
    user = {"id": org_user["id"], "username": org_user["username"], "roles": list(roles), "orgMembershipStatus": status}
    if status == "PENDING":
        user["invitationCreatedAt"] = format_time(call.now)
    user = normalize_project_user(user, org, call.now)
    project["users"].append(user)
    return Reply(201, _render(call, project, user))


def get_user(call):
    project = _current_project(call)
    user = _find_user(call, project)
    if user["orgMembershipStatus"] not in (call.query.get("orgMembershipStatuses") or DEFAULT_STATUSES):
        raise _user_not_found(user["id"])
    return Reply(200, _render(call, project, user))


def add_role(call):
    project = _current_project(call)
    user = _find_user(call, project)
    role = call.body["groupRole"]
    _check_role("groupRole", role)
    if role not in user["roles"]:
        user["roles"].append(role)
    return Reply(200, _render(call, project, user))


def remove_role(call):
    """A user keeps at least one role: add the new role before removing the old one."""
    project = _current_project(call)
    user = _find_user(call, project)
    role = call.body["groupRole"]
    _check_role("groupRole", role)
    if role in user["roles"]:
        if user["roles"] == [role]:
            raise errors.bad_request(  # (guess: CANNOT_REMOVE_LAST_ROLE)
                "CANNOT_REMOVE_LAST_ROLE",
                f"{role} is the only role of {user['username']}; a user needs one role.",
                role,
                user["username"],
            )
        user["roles"].remove(role)
    return Reply(200, _render(call, project, user))


def remove_user(call):
    project = _current_project(call)
    user = _find_user(call, project)
    if call.version == "2023-01-01" and user["orgMembershipStatus"] != "ACTIVE":
        # "If using a deprecated version, only active users can be removed."
        raise _user_not_found(user["id"])
    project["users"].remove(user)
    return Reply(204)


FAMILY = Family(
    handlers={
        "listGroupUsers": list_users,
        "addGroupUsers": add_user,
        "getGroupUser": get_user,
        "addGroupUserRole": add_role,
        "removeGroupUserRole": remove_role,
        "removeGroupUser": remove_user,
    },
    project_lists={"users": lambda user, seeding: normalize_project_user(user, seeding.org, seeding.now)},
)
