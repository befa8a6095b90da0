"""MongoDB Cloud users of an organization: list, invite, get, update, add/remove a role, remove.

One person is one record in the org's ``users``: ``{id, username, orgMembershipStatus, orgRoles,
teamIds}``, names and dates for active users, invitation fields for invited ones. Project users
(``project_users.py``) are the same person seen from a project: their project roles are the
``groupRoleAssignments`` an org user shows, and a project invitation of someone who is not in the
org makes a PENDING org user (the spec: the project users API "modifies a pending org invite").

Lifecycle (version 2025-02-19, as the spec's descriptions of these operations give it):
POST invites (``PENDING``), replacing an ``INVITATION_EXPIRED`` or ``INVITATION_REJECTED`` record
with the same email and answering 409 "if and only if" a ``PENDING`` or ``ACTIVE`` one exists. An
invitation expires 30 days after it was sent. ``POST /__sim__/orgs/{orgId}/users/{userId}:accept``
(or ``:reject``, ``:expire``) plays the invitee. A user keeps at least one org role. Lists and GET
show ACTIVE and PENDING users unless ``orgMembershipStatuses`` asks for others; the deprecated
2023-01-01 listing shows active users only and ignores ``username``, and a 2023-01-01 DELETE
removes active users only, as the spec says.
"""

from datetime import timedelta

from .. import errors
from ..clock import format_time, parse_time
from ..ids import object_id
from .common import Family, Reply, control_route, find, find_org, paginated

ORG_ROLES = (
    "ORG_OWNER",
    "ORG_GROUP_CREATOR",
    "ORG_BILLING_ADMIN",
    "ORG_BILLING_READ_ONLY",
    "ORG_STREAM_PROCESSING_ADMIN",
    "ORG_READ_ONLY",
    "ORG_MEMBER",
)
INVITATION_LIFETIME = timedelta(days=30)
PENDING_LIKE = ("PENDING", "INVITATION_EXPIRED", "INVITATION_REJECTED")
MEMBER_STATUSES = ("ACTIVE", "PENDING")  # what lists and GET show by default
# Who invitations name as their inviter (the API caller is a key, not a person).
INVITER_USERNAME = "atlas-simulator@example.com"
ACTIVE_FIELDS = ("country", "createdAt", "firstName", "lastAuth", "lastName", "mobileNumber")
INVITATION_FIELDS = ("invitationCreatedAt", "invitationExpiresAt", "inviterUsername")


# --- records -------------------------------------------------------------------------------------
def find_org_user(org, username):
    """The org's user with this username (compared case-insensitively), or None."""
    return find(org["users"], lambda user: user["username"].lower(), username.lower())


def set_invitation(user, status, sent):
    """Mark USER invited at SENT with STATUS (PENDING, INVITATION_EXPIRED or INVITATION_REJECTED)."""
    user["orgMembershipStatus"] = status
    user["invitationCreatedAt"] = format_time(sent)
    # The spec: invitationExpiresAt is "null for rejected invitations".
    user["invitationExpiresAt"] = None if status == "INVITATION_REJECTED" else format_time(sent + INVITATION_LIFETIME)
    user["inviterUsername"] = INVITER_USERNAME


def normalize_org_user(user, now):
    user.setdefault("id", object_id(now))
    local_part = user["username"].split("@")[0]
    user.setdefault("firstName", local_part.capitalize())
    user.setdefault("lastName", "User")
    user.setdefault("country", "US")
    user.setdefault("createdAt", format_time(now))
    # Every active user Atlas answers has lastAuth, and mobileNumber null when unset (real-atlas-cli
    # GET_orgs_{orgId}_users/*.json, GET_groups_{groupId}_users/*.json); the simulator's users last
    # logged in when they joined.
    user.setdefault("lastAuth", user["createdAt"])
    user.setdefault("mobileNumber", None)
    user.setdefault("orgMembershipStatus", "ACTIVE")
    user.setdefault("orgRoles", ["ORG_MEMBER"])
    user.setdefault("teamIds", [])
    status = user["orgMembershipStatus"]
    if status in PENDING_LIKE and "invitationCreatedAt" not in user:
        # A seeded expired invitation was sent long enough ago to have expired.
        sent = now - INVITATION_LIFETIME - timedelta(days=1) if status == "INVITATION_EXPIRED" else now
        set_invitation(user, status, sent)
    return user


def normalize_team(team, now):
    team.setdefault("id", object_id(now))
    team.setdefault("name", team["id"])
    return team


def _org_projects(state, org):
    return [project for project in state["projects"] if project["org_id"] == org["id"]]


def _project_records(state, org, user):
    """(project, project user) for each project of the org where this person has a record."""
    pairs = []
    for project in _org_projects(state, org):
        record = find(project.get("users", []), lambda u: u["username"].lower(), user["username"].lower())
        if record is not None:
            pairs.append((project, record))
    return pairs


def _expire_invitations(call, org):
    """Invitations not accepted within 30 days expire: the org user and their project invitations."""
    for user in org["users"]:
        if user["orgMembershipStatus"] == "PENDING" and parse_time(user["invitationExpiresAt"]) <= call.now:
            user["orgMembershipStatus"] = "INVITATION_EXPIRED"
            for _project, record in _project_records(call.state, org, user):
                if record["orgMembershipStatus"] == "PENDING":
                    record["orgMembershipStatus"] = "INVITATION_EXPIRED"
            call.store.mark_changed()


def _current_org(call):
    """The call's org, its invitations expired as of now (every handler sees the same statuses)."""
    org = find_org(call)
    _expire_invitations(call, org)
    return org


# --- rendering -----------------------------------------------------------------------------------
def _group_role_assignments(state, org, user):
    return [
        {"groupId": project["id"], "groupRoles": list(record["roles"])}
        for project, record in _project_records(state, org, user)
    ]


def render(state, org, user):
    """``OrgActiveUserResponse`` or ``OrgPendingUserResponse`` (version 2025-02-19).

    ``mobileNumber`` is shown when the seed gives one: ``validation.fix_mobile_number_pattern``
    makes the spec's pattern accept real numbers.
    """
    body = {
        "id": user["id"],
        "username": user["username"],
        "orgMembershipStatus": user["orgMembershipStatus"],
        "roles": {"orgRoles": list(user["orgRoles"]), "groupRoleAssignments": _group_role_assignments(state, org, user)},
        "teamIds": list(user["teamIds"]),
    }
    fields = ACTIVE_FIELDS if user["orgMembershipStatus"] == "ACTIVE" else INVITATION_FIELDS
    for field in fields:
        if field in user:
            body[field] = user[field]
    return body


def _render_legacy(call, org, user):
    """``CloudAppUser`` (version 2023-01-01): org and project roles as role assignments."""
    roles = [{"orgId": org["id"], "roleName": role} for role in user["orgRoles"]]
    for assignment in _group_role_assignments(call.state, org, user):
        roles += [{"groupId": assignment["groupId"], "roleName": role} for role in assignment["groupRoles"]]
    body = {
        "id": user["id"],
        "username": user["username"],
        "emailAddress": user["username"],
        "roles": roles,
        "teamIds": list(user["teamIds"]),
        "links": [call.self_link(f"/api/atlas/v2/orgs/{org['id']}/users/{user['id']}")],
    }
    for field in ACTIVE_FIELDS:
        if field in user:
            body[field] = user[field]
    return body


# --- checks --------------------------------------------------------------------------------------
def _user_not_found(user_id):
    return errors.not_found(f"No user with ID {user_id} exists in this organization.", user_id, code="USER_NOT_FOUND")


def _find_user(call, org):
    return find(org["users"], "id", call.path["userId"], _user_not_found(call.path["userId"]))


def _statuses_filter(call):
    statuses, single = call.query.get("orgMembershipStatuses"), call.query.get("orgMembershipStatus")
    if statuses and single:
        raise errors.invalid_parameter("orgMembershipStatus", "orgMembershipStatus cannot be combined with orgMembershipStatuses.")
    return tuple(statuses or ([single] if single else MEMBER_STATUSES))


def _checked_teams(org, team_ids):
    known = {team["id"] for team in org.get("teams", [])}
    for team_id in team_ids:
        if team_id not in known:
            raise errors.not_found(  # (guess: TEAM_NOT_FOUND)
                f"No team with ID {team_id} exists in organization {org['id']}.", team_id, org["id"], code="TEAM_NOT_FOUND"
            )
    return list(team_ids)


def _checked_assignments(call, org, assignments):
    """groupRoleAssignments of a request: projects of this org, project roles (as project users check them)."""
    from .project_users import PROJECT_ROLES  # project_users imports this module: import it late

    checked = []
    for assignment in assignments or []:
        project = find(_org_projects(call.state, org), "id", assignment.get("groupId"))
        if project is None:
            raise errors.group_not_found(assignment.get("groupId"))
        roles = assignment.get("groupRoles") or []
        if not roles:
            raise errors.invalid_attribute("roles.groupRoleAssignments.groupRoles", "A project role assignment needs a role.")
        for role in roles:
            if role not in PROJECT_ROLES:
                raise errors.invalid_attribute("roles.groupRoleAssignments.groupRoles", f"{role} is not a project role.")
        checked.append((project, list(roles)))
    return checked


def _assign_projects(call, org, user, assignments):
    """Give USER these project roles: a project record per project, in the user's status."""
    for project, roles in assignments:
        record = find(project["users"], lambda u: u["username"].lower(), user["username"].lower())
        if record is None:
            record = {"id": user["id"], "username": user["username"]}
            project["users"].append(record)
        record["roles"] = roles
        _follow(record, user)


def _follow(record, user):
    """A project record takes the org user's id, status and invitation (it is the same invitation)."""
    record["id"] = user["id"]
    record["orgMembershipStatus"] = user["orgMembershipStatus"]
    for field in INVITATION_FIELDS:
        record.pop(field, None)
        if field in user and user["orgMembershipStatus"] != "ACTIVE":
            record[field] = user[field]


# --- handlers ------------------------------------------------------------------------------------
def list_users(call):
    org = _current_org(call)
    if call.version == "2023-01-01":
        active = [u for u in org["users"] if u["orgMembershipStatus"] == "ACTIVE"]
        return Reply(200, paginated(call, active, lambda u: _render_legacy(call, org, u)))
    statuses = _statuses_filter(call)
    users = [u for u in org["users"] if u["orgMembershipStatus"] in statuses]
    if call.query.get("username"):
        users = [u for u in users if u["username"].lower() == call.query["username"].lower()]
    return Reply(200, paginated(call, users, lambda u: render(call.state, org, u)))


def create_user(call):
    org = _current_org(call)
    username = call.body["username"]
    team_ids = _checked_teams(org, call.body.get("teamIds") or [])
    assignments = _checked_assignments(call, org, call.body["roles"].get("groupRoleAssignments"))
    existing = find_org_user(org, username)
    if existing is not None:
        if existing["orgMembershipStatus"] in MEMBER_STATUSES:
            raise errors.conflict(  # (guess: USER_ALREADY_IN_ORG)
                "USER_ALREADY_IN_ORG", f"The user {username} is already in the organization.", username, org["id"]
            )
        # "Replaces INVITATION_EXPIRED and INVITATION_REJECTED user with the same email": a new
        # invitation, a new record; the old invitation's project records go with it.
        _remove(call, org, existing)
    user = {"id": object_id(call.now), "username": username, "orgRoles": list(call.body["roles"]["orgRoles"]), "teamIds": team_ids}
    set_invitation(user, "PENDING", call.now)
    user = normalize_org_user(user, call.now)
    org["users"].append(user)
    _assign_projects(call, org, user, assignments)
    return Reply(201, render(call.state, org, user))


def get_user(call):
    org = _current_org(call)
    user = _find_user(call, org)
    if user["orgMembershipStatus"] not in (call.query.get("orgMembershipStatuses") or MEMBER_STATUSES):
        raise _user_not_found(user["id"])
    return Reply(200, render(call.state, org, user))


def update_user(call):
    """PATCH: only the fields sent change; a field sent empty is reset (``teamIds: []`` leaves every team)."""
    org = _current_org(call)
    user = _find_user(call, org)
    if "teamIds" in call.body:
        user["teamIds"] = _checked_teams(org, call.body["teamIds"])
    if "roles" in call.body:
        roles = call.body["roles"]
        assignments = _checked_assignments(call, org, roles.get("groupRoleAssignments"))
        user["orgRoles"] = list(roles["orgRoles"])
        # (assumption) groupRoleAssignments sets the roles in the projects it names; others are kept.
        _assign_projects(call, org, user, assignments)
    return Reply(200, render(call.state, org, user))


def add_role(call):
    org = _current_org(call)
    user = _find_user(call, org)
    role = call.body["orgRole"]
    if role not in user["orgRoles"]:
        user["orgRoles"].append(role)
    return Reply(200, render(call.state, org, user))


def remove_role(call):
    """"To replace a user's only role, add the new role before removing the old role." """
    org = _current_org(call)
    user = _find_user(call, org)
    role = call.body["orgRole"]
    if role in user["orgRoles"]:
        if user["orgRoles"] == [role]:
            raise errors.bad_request(  # (guess: CANNOT_REMOVE_LAST_ROLE)
                "CANNOT_REMOVE_LAST_ROLE",
                f"{role} is the only organization role of {user['username']}; a user needs one role.",
                role,
                user["username"],
            )
        user["orgRoles"].remove(role)
    return Reply(200, render(call.state, org, user))


def _remove(call, org, user):
    """The person leaves the org, and with it every project of the org."""
    org["users"].remove(user)
    for project, record in _project_records(call.state, org, user):
        project["users"].remove(record)


def remove_user(call):
    org = _current_org(call)
    user = _find_user(call, org)
    if call.version == "2023-01-01" and user["orgMembershipStatus"] != "ACTIVE":
        # "If using a deprecated version, only active users can be removed."
        raise _user_not_found(user["id"])
    _remove(call, org, user)
    return Reply(204)


# --- the invitee, played by tests --------------------------------------------------------------
def answer_invitation(control):
    """``POST /__sim__/orgs/{orgId}/users/{userId}:accept`` (or ``:reject``, ``:expire``): what the
    invitee does (or fails to do) with a PENDING invitation. Answers the user as version 2025-02-19 shows it."""
    state = control.store.state
    org = find(state["orgs"], "id", control.params["orgId"], errors.org_not_found(control.params["orgId"]))
    user = find(org["users"], "id", control.params["userId"], _user_not_found(control.params["userId"]))
    if user["orgMembershipStatus"] != "PENDING":
        raise errors.conflict(
            "INVITATION_NOT_PENDING", f"The invitation of {user['username']} is {user['orgMembershipStatus']}, not PENDING."
        )
    action = control.params["action"]
    if action == "accept":
        for field in INVITATION_FIELDS:
            user.pop(field, None)
        user["orgMembershipStatus"] = "ACTIVE"
        user["createdAt"] = user["lastAuth"] = format_time(control.now)
    elif action == "reject":
        set_invitation(user, "INVITATION_REJECTED", parse_time(user["invitationCreatedAt"]))
    else:
        user["orgMembershipStatus"] = "INVITATION_EXPIRED"
        user["invitationExpiresAt"] = format_time(control.now)
    for _project, record in _project_records(state, org, user):
        if record["orgMembershipStatus"] in PENDING_LIKE:
            _follow(record, user)
    control.store.mark_changed()
    return render(state, org, user)


FAMILY = Family(
    handlers={
        "listOrgUsers": list_users,
        "createOrgUser": create_user,
        "getOrgUser": get_user,
        "updateOrgUser": update_user,
        "addOrgUserRole": add_role,
        "removeOrgUserRole": remove_role,
        "removeOrgUser": remove_user,
    },
    org_lists={
        "users": lambda user, seeding: normalize_org_user(user, seeding.now),
        "teams": lambda team, seeding: normalize_team(team, seeding.now),
    },
    control_routes={
        control_route(
            "POST", r"/__sim__/orgs/(?P<orgId>[a-f0-9]{24})/users/(?P<userId>[a-f0-9]{24}):(?P<action>accept|reject|expire)"
        ): answer_invitation,
    },
)
