#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_org_user
short_description: Manage a person's MongoDB Atlas organization membership and pending invitation, by email
version_added: 0.1.0
description:
  - Invites a person to an Atlas organization with a set of organization roles, changes their roles and
    teams, removes a member, or cancels an invitation. The person is named by their username, an email
    address.
  - Pending invitations are organization users too. The current organization users API shows an invited
    person as a user with C(orgMembershipStatus=PENDING), and later C(ACTIVE) once they accept,
    C(INVITATION_EXPIRED) when 30 days pass without an answer, or C(INVITATION_REJECTED).
  - The user is looked up with one request, C(GET /orgs/{orgId}/users?username=...) asking for all four
    membership statuses, with resource version 2025-02-19 on every call. Older versions hide pending users
    and cannot remove them.
  - Roles are changed one at a time with C(:addRole) and then C(:removeRole), adding before removing, so the
    user always keeps at least one role. Atlas refuses to remove a user's last role. Teams are changed with
    one C(PATCH) of C(teamIds), sent only when the teams differ.
  - The module never calls the deprecated invitation endpoints (C(/orgs/{orgId}/invites),
    C(/groups/{groupId}/invites)), which Atlas sunsets on 2027-07-01. See the notes for how tasks written
    for them map onto this module.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
  - atlas_ops.admin.scope.organization
  - atlas_ops.admin.scope.user
options:
  state:
    description:
      - V(present) makes sure the person is in the organization, or invited to it, with O(org_roles) (and
        O(team_ids) when given). Someone who is not in the organization is invited (C(PENDING)). A user who is
        C(PENDING) or C(ACTIVE) gets the difference applied. An expired or rejected invitation is sent again,
        unless O(reinvite=false).
      - V(absent) removes the user from the organization (C(DELETE /orgs/{orgId}/users/{userId})). For a
        C(PENDING) user this cancels the invitation. An C(ACTIVE) member loses access to the organization and
        to all of its projects. See O(pending_only) for the safe way to clean up invitations.
    type: str
    choices: [present, absent]
    default: present
  org_roles:
    description:
      - The exact set of organization roles the user has. Roles not listed are removed.
      - Required with O(state=present), and must not be empty, because an Atlas user always has at least one
        organization role. Not used with O(state=absent).
    type: list
    elements: str
    choices: [ORG_OWNER, ORG_GROUP_CREATOR, ORG_BILLING_ADMIN, ORG_BILLING_READ_ONLY, ORG_STREAM_PROCESSING_ADMIN, ORG_READ_ONLY, ORG_MEMBER]
  team_ids:
    description:
      - The exact set of teams (24-hexadecimal-digit team ids) the user belongs to. The user leaves any team
        not listed. V([]) removes the user from every team.
      - When omitted, the user's teams are left as they are (an invitation is then sent without teams).
      - Not used with O(state=absent).
    type: list
    elements: str
  project_roles:
    description:
      - Project roles given with the invitation, as a list of projects of the organization, each with its roles.
      - Used only when the module sends an invitation (a new person, or O(reinvite) of an expired or rejected
        invitation). After that, a person's project roles belong to M(atlas_ops.admin.atlas_project_user). This
        module never changes them. When the user's roles in a listed project differ from O(project_roles), it
        says so in a warning.
      - Not used with O(state=absent).
    type: list
    elements: dict
    suboptions:
      project_id:
        description: Unique 24-hexadecimal-digit id of a project of the organization.
        type: str
        required: true
      roles:
        description:
          - Project roles, such as V(GROUP_READ_ONLY) or V(GROUP_OWNER). Must not be empty.
          - Each must have the form of an Atlas project role, V(GROUP_) followed by capital letters and
            underscores. Atlas itself refuses a name it does not know.
        type: list
        elements: str
        required: true
  pending_only:
    description:
      - With O(state=absent), cancel only an invitation, that is a user who is C(PENDING), C(INVITATION_EXPIRED)
        or C(INVITATION_REJECTED). An C(ACTIVE) member is left alone, and a warning says so. The task then
        reports no change.
      - This is the safe way to clean up stale invitations. A list of addresses that includes someone who
        accepted meanwhile does not remove that person.
      - Not used with O(state=present).
    type: bool
    default: false
  reinvite:
    description:
      - With O(state=present), what happens to a user whose invitation expired (C(INVITATION_EXPIRED)) or was
        rejected (C(INVITATION_REJECTED)).
      - V(true) sends the invitation again with O(org_roles), O(team_ids) and O(project_roles). Atlas replaces
        the old record with a new C(PENDING) one, with a new id.
      - V(false) leaves the record as it is and warns. The task reports no change.
    type: bool
    default: true
notes:
  - "How tasks written for the deprecated invitation endpoints map onto this module (the C(/invites)
    operations are deprecated and sunset on 2027-07-01):"
  - "Invite One MongoDB Cloud User to One Atlas Organization (C(POST /orgs/{orgId}/invites) with C(username),
    C(roles), C(teamIds), C(groupRoleAssignments)): O(state=present) with O(username), O(org_roles) (was
    C(roles)), O(team_ids) (was C(teamIds)) and O(project_roles) (was C(groupRoleAssignments), C(groupId) becomes
    O(project_roles[].project_id) and C(roles) becomes O(project_roles[].roles))."
  - "Update One Organization Invitation (C(PATCH /orgs/{orgId}/invites) or C(/invites/{invitationId})):
    O(state=present) with the new O(org_roles) and O(team_ids). It works for a pending invitation and for a
    member alike."
  - "Remove One Organization Invitation (C(DELETE /orgs/{orgId}/invites/{invitationId})): O(state=absent) with
    O(pending_only=true). No invitation id is needed, because the person's username finds the invitation."
  - "Return All or One Organization Invitation (C(GET /orgs/{orgId}/invites)): run O(state=present) in check
    mode, or read the RV(user) this module returns. A pending invitation is a user with
    C(orgMembershipStatus=PENDING)."
  - Invitations made through the deprecated org invitation endpoints show up here as C(PENDING) users.
  - Invitations made through the deprecated project invitation endpoint (Invite One MongoDB Cloud User to Join
    One Project, C(POST /groups/{groupId}/invites)) are invisible to the organization users API. This module
    cannot see, change or cancel them, and O(state=present) sends a new invitation for such a person. Cancel
    them once in the Atlas UI, or re-create them with this module or M(atlas_ops.admin.atlas_project_user).
  - The organization users API covers people only. API keys and service accounts never appear in it.
  - Reading needs the Organization Member role; inviting, changing and removing need Organization Owner. A
    refused read (403) fails the task. It never counts as the user being absent.
  - Atlas limits invitations to about 10 a minute. Loops over many new users may be slowed by 429 answers,
    which the module waits out and retries.
  - With O(state=absent), the O(org_roles), O(team_ids), O(project_roles) and O(reinvite) options have no
    effect, and setting them gives a warning. With O(state=present), O(pending_only) has no effect.
seealso:
  - module: atlas_ops.admin.atlas_project_user
  - name: Atlas Administration API, MongoDB Cloud Users
    description: The organization users operations this module calls (resource version 2025-02-19).
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/MongoDB-Cloud-Users
"""

EXAMPLES = r"""
- name: Manage organization users
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Invite a joiner as a read-only member, with read access to one project and a team
      atlas_ops.admin.atlas_org_user:
        org_id: 5f1e2d3c4b5a697887960a1a
        username: jane.doe@example.com
        org_roles: [ORG_MEMBER, ORG_READ_ONLY]
        team_ids: [6a1e2d3c4b5a697887960b2c]
        project_roles:
          - project_id: 5f1e2d3c4b5a697887960a1b
            roles: [GROUP_READ_ONLY]

    - name: Make her a billing admin instead (added before the old roles are removed)
      atlas_ops.admin.atlas_org_user:
        org_id: 5f1e2d3c4b5a697887960a1a
        username: jane.doe@example.com
        org_roles: [ORG_BILLING_ADMIN]

    - name: Cancel stale invitations, never removing someone who has accepted
      atlas_ops.admin.atlas_org_user:
        org_id: 5f1e2d3c4b5a697887960a1a
        username: "{{ item }}"
        state: absent
        pending_only: true
      loop:
        - old.contractor@example.com
        - never.answered@example.com

    - name: Remove a leaver from the organization and all its projects
      atlas_ops.admin.atlas_org_user:
        org_id: 5f1e2d3c4b5a697887960a1a
        username: leaver@example.com
        state: absent

    - name: Keep an expired invitation as it is (no new invitation)
      atlas_ops.admin.atlas_org_user:
        org_id: 5f1e2d3c4b5a697887960a1a
        username: maybe.later@example.com
        org_roles: [ORG_MEMBER]
        reinvite: false

# Before, with the deprecated endpoint (sunset 2027-07-01):
#   - ansible.builtin.uri:
#       url: "https://cloud.mongodb.com/api/atlas/v2/orgs/{{ org_id }}/invites/{{ invitation_id }}"
#       method: DELETE
#       status_code: 204
# After: no invitation id to look up first.
- name: Remove one organization invitation, the current way
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Cancel the invitation of jane.doe@example.com
      atlas_ops.admin.atlas_org_user:
        org_id: 5f1e2d3c4b5a697887960a1a
        username: jane.doe@example.com
        state: absent
        pending_only: true
"""

RETURN = r"""
user:
  description:
    - The organization user after the task, in Atlas' field names (an C(OrgUserResponse) of version 2025-02-19).
      In check mode, the user the task would leave. An invitation that would be sent has
      C(orgMembershipStatus=PENDING) and no C(id) yet.
    - V(null) when the person is not in the organization (after O(state=absent), or when they never were).
  returned: always
  type: dict
  sample:
    id: 6a1e2d3c4b5a697887960c3d
    username: jane.doe@example.com
    orgMembershipStatus: PENDING
    roles:
      orgRoles: [ORG_MEMBER, ORG_READ_ONLY]
      groupRoleAssignments:
        - groupId: 5f1e2d3c4b5a697887960a1b
          groupRoles: [GROUP_READ_ONLY]
    teamIds: [6a1e2d3c4b5a697887960b2c]
    invitationCreatedAt: "2026-12-01T09:00:00Z"
    invitationExpiresAt: "2026-12-31T09:00:00Z"
    inviterUsername: admin@example.com
  contains:
    id:
      description: Unique 24-hexadecimal-digit id of the user in the organization. A new invitation gets a new id.
      returned: when the user exists
      type: str
    username:
      description: The user's email address.
      returned: when the user exists
      type: str
    orgMembershipStatus:
      description: C(ACTIVE) (member), C(PENDING) (invited), C(INVITATION_EXPIRED) or C(INVITATION_REJECTED).
      returned: when the user exists
      type: str
    roles:
      description: The user's roles in the organization and its projects.
      returned: when the user exists
      type: dict
      contains:
        orgRoles:
          description: Organization roles.
          returned: always
          type: list
          elements: str
        groupRoleAssignments:
          description: Project roles, one entry per project (C(groupId), C(groupRoles)).
          returned: when Atlas returns them
          type: list
          elements: dict
    teamIds:
      description: Ids of the teams the user belongs to.
      returned: when Atlas returns them
      type: list
      elements: str
    firstName:
      description: First name of an active user.
      returned: for C(ACTIVE) users
      type: str
    lastName:
      description: Last name of an active user.
      returned: for C(ACTIVE) users
      type: str
    country:
      description: Two-letter ISO 3166-1 country code of an active user.
      returned: for C(ACTIVE) users, when set
      type: str
    createdAt:
      description: When the account was created, ISO 8601 in UTC.
      returned: for C(ACTIVE) users
      type: str
    lastAuth:
      description: When the user last logged in, ISO 8601 in UTC.
      returned: for C(ACTIVE) users, when known
      type: str
    mobileNumber:
      description: Mobile phone number of an active user.
      returned: for C(ACTIVE) users, when set
      type: str
    invitationCreatedAt:
      description: When the invitation was sent, ISO 8601 in UTC.
      returned: for invited users (C(PENDING), C(INVITATION_EXPIRED), C(INVITATION_REJECTED))
      type: str
    invitationExpiresAt:
      description: When the invitation expires, ISO 8601 in UTC; V(null) for a rejected invitation.
      returned: for invited users
      type: str
    inviterUsername:
      description: Username of the person who sent the invitation.
      returned: for invited users
      type: str
diff:
  description:
    - With C(--diff), the user before and after the task, reduced to what the task manages, with lists sorted.
      V({}) stands for no user.
  returned: when diff mode is on
  type: dict
  sample:
    before:
      username: jane.doe@example.com
      orgMembershipStatus: ACTIVE
      orgRoles: [ORG_MEMBER]
      teamIds: []
    after:
      username: jane.doe@example.com
      orgMembershipStatus: ACTIVE
      orgRoles: [ORG_BILLING_ADMIN]
      teamIds: []
  contains:
    before:
      description: C(username), C(orgMembershipStatus), C(orgRoles) and C(teamIds) before the task.
      returned: when diff mode is on
      type: dict
    after:
      description: The same fields after the task (in check mode, as predicted).
      returned: when diff mode is on
      type: dict
"""

import collections
import re

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import (
    ORG_USER,
    ORG_USER_ADD_ROLE,
    ORG_USER_REMOVE_ROLE,
    ORG_USERS,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.errors import AtlasApiError
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import org_option, state_option, user_option, warn_ignored
from ansible_collections.atlas_ops.admin.plugins.module_utils.resource import diff_result, ensure_absent, ensure_present, plan_set
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError, email, object_id

ORG_ROLES = [
    "ORG_OWNER",
    "ORG_GROUP_CREATOR",
    "ORG_BILLING_ADMIN",
    "ORG_BILLING_READ_ONLY",
    "ORG_STREAM_PROCESSING_ADMIN",
    "ORG_READ_ONLY",
    "ORG_MEMBER",
]
# The lookup asks for every status: without the filter Atlas hides expired and rejected invitations.
ALL_STATUSES = ["ACTIVE", "PENDING", "INVITATION_EXPIRED", "INVITATION_REJECTED"]
# An invitation that ended without the person joining: POST replaces such a record.
ENDED_INVITATIONS = ("INVITATION_EXPIRED", "INVITATION_REJECTED")
# Same rule as atlas_project_user: not a closed list, Atlas refuses names it does not know.
PROJECT_ROLE_RE = re.compile(r"^GROUP_[A-Z_]+$")
PRESENT_OPTIONS = ("org_roles", "team_ids", "project_roles", "reinvite")

# What the task will do to a user that was found (or not):
#   action: "invite" (nobody), "reinvite" (an ended invitation), "update", "none", or "leave_ended"
#   (an ended invitation with reinvite=false); add_roles / remove_roles: org roles, sorted;
#   team_ids: the teams to PATCH (sorted), or None when they are not to be sent.
Plan = collections.namedtuple("Plan", ["action", "add_roles", "remove_roles", "team_ids"])


def find_user(results, username):
    """The user of a list answer whose username is `username` (case-insensitively), or None.

    The username filter should leave 0 or 1 users; the name is checked rather than taking results[0].
    """
    wanted = username.lower()
    return next((user for user in results or [] if (user.get("username") or "").lower() == wanted), None)


def org_roles_of(user):
    return sorted(((user or {}).get("roles") or {}).get("orgRoles") or [])


def team_ids_of(user):
    return sorted((user or {}).get("teamIds") or [])


def planned_changes(current, wanted_roles, wanted_teams, reinvite):
    """The Plan that turns `current` (an OrgUserResponse or None) into what the task asks for.

    wanted_roles: the org roles (a non-empty list); wanted_teams: the team ids, or None (unmanaged).
    Roles are added before they are removed, so a user whose only role is replaced keeps one.
    """
    wanted_roles = sorted(set(wanted_roles))
    teams = None if wanted_teams is None else sorted(set(wanted_teams))
    if current is None:
        return Plan("invite", wanted_roles, [], teams)
    if current.get("orgMembershipStatus") in ENDED_INVITATIONS:
        return Plan("reinvite" if reinvite else "leave_ended", wanted_roles if reinvite else [], [], teams if reinvite else None)
    add, remove = plan_set(org_roles_of(current), wanted_roles, purge=True)
    if teams is not None and teams == team_ids_of(current):
        teams = None
    action = "update" if add or remove or teams is not None else "none"
    return Plan(action, add, remove, teams)


def project_role_assignments(project_roles):
    """The project_roles option as Atlas' groupRoleAssignments, sorted, or [] when not given."""
    return sorted(
        ({"groupId": entry["project_id"], "groupRoles": sorted(set(entry["roles"]))} for entry in project_roles or []),
        key=lambda assignment: assignment["groupId"],
    )


def differing_projects(current, assignments):
    """The project ids of `assignments` where the user's project roles are not the ones listed."""
    have = dict(
        (assignment.get("groupId"), sorted(assignment.get("groupRoles") or []))
        for assignment in ((current or {}).get("roles") or {}).get("groupRoleAssignments") or []
    )
    return [assignment["groupId"] for assignment in assignments if have.get(assignment["groupId"]) != assignment["groupRoles"]]


def invitation_body(username, plan, assignments):
    roles = {"orgRoles": plan.add_roles}
    if assignments:
        roles["groupRoleAssignments"] = assignments
    body = {"username": username, "roles": roles}
    if plan.team_ids is not None:
        body["teamIds"] = plan.team_ids
    return body


def predicted_user(current, plan, username, assignments):
    """The user after the plan, as check mode shows it (an invitation has no id yet)."""
    if plan.action in ("invite", "reinvite"):
        return {
            "username": username,
            "orgMembershipStatus": "PENDING",
            "roles": {"orgRoles": plan.add_roles, "groupRoleAssignments": assignments},
            "teamIds": plan.team_ids or [],
        }
    user = dict(current)
    roles = dict(user.get("roles") or {})
    roles["orgRoles"] = sorted(set(org_roles_of(current)) - set(plan.remove_roles) | set(plan.add_roles))
    user["roles"] = roles
    if plan.team_ids is not None:
        user["teamIds"] = plan.team_ids
    return user


def summary(user):
    """What the diff shows of a user: the managed fields, lists sorted; None for no user."""
    if user is None:
        return None
    return {
        "username": user.get("username"),
        "orgMembershipStatus": user.get("orgMembershipStatus"),
        "orgRoles": org_roles_of(user),
        "teamIds": team_ids_of(user),
    }


def checked_project_roles(project_roles):
    """Check the project_roles entries; raises AtlasInputError naming the entry and the expected form."""
    seen = set()
    for index, entry in enumerate(project_roles or []):
        option = "project_roles[%d]" % index
        project_id = object_id(entry["project_id"], option + ".project_id")
        if project_id in seen:
            raise AtlasInputError("%s.project_id must name each project once, got %r twice" % (option, project_id))
        seen.add(project_id)
        if not entry["roles"]:
            raise AtlasInputError("%s.roles must list at least one project role such as GROUP_READ_ONLY, got []" % option)
        for role in entry["roles"]:
            if not isinstance(role, str) or not PROJECT_ROLE_RE.match(role):
                raise AtlasInputError("%s.roles must be project role names of the form GROUP_[A-Z_]+ such as GROUP_READ_ONLY, got %r" % (option, role))


def main():
    module = AtlasModule(
        argument_spec=dict(
            dict(org_option(), **user_option()),
            state=state_option(),
            org_roles=dict(type="list", elements="str", choices=ORG_ROLES),
            team_ids=dict(type="list", elements="str"),
            project_roles=dict(
                type="list",
                elements="dict",
                options=dict(project_id=dict(type="str", required=True), roles=dict(type="list", elements="str", required=True)),
            ),
            pending_only=dict(type="bool", default=False),
            reinvite=dict(type="bool", default=True),
        ),
        required_if=[("state", "present", ("org_roles",))],
        supports_check_mode=True,
    )
    params = module.params
    org_id = params["org_id"]
    present = params["state"] == "present"
    checked = module.validate_options({"username": email, "team_ids": object_id})
    username = checked["username"]
    if present:
        if not params["org_roles"]:
            module.fail_json(
                msg="org_roles must list at least one organization role such as ORG_MEMBER with state=present "
                "(an Atlas user always has one); to remove the user from the organization use state=absent."
            )
        with module.api_errors("check project_roles"):
            checked_project_roles(params["project_roles"])
        warn_ignored(module, ("pending_only",), when="state=present")
        action = "set the organization roles of %s in organization %s" % (username, org_id)
    else:
        warn_ignored(module, PRESENT_OPTIONS, when="state=absent")
        action = "remove %s from organization %s" % (username, org_id)

    client = module.client

    def lookup():
        answer = client.get(ORG_USERS, query={"username": username, "orgMembershipStatuses": ALL_STATUSES}, orgId=org_id)
        return find_user((answer or {}).get("results"), username)

    with module.api_errors(action):
        before = lookup()
        if present:
            after, changed = _ensure_member(module, client, before, lookup, username, checked.get("team_ids"))
        else:
            after, changed = _ensure_gone(module, client, before, username)
    result = dict(user=after)
    result.update(diff_result(module, summary(before), summary(after)))
    module.exit_json(changed=changed, **result)


def _ensure_member(module, client, before, lookup, username, wanted_teams):
    params = module.params
    org_id = params["org_id"]
    assignments = project_role_assignments(params["project_roles"])
    plan = planned_changes(before, params["org_roles"], wanted_teams, params["reinvite"])

    def apply(user, plan):
        # One role per request, adding before removing; each answer is the user after it. A refusal
        # names the role or the teams of the request Atlas refused.
        for path, roles, verb in ((ORG_USER_ADD_ROLE, plan.add_roles, "add role %s to"), (ORG_USER_REMOVE_ROLE, plan.remove_roles, "remove role %s from")):
            for role in roles:
                with module.api_errors("%s %s in organization %s" % (verb % role, username, org_id)):
                    user = client.post(path, body={"orgRole": role}, orgId=org_id, userId=user["id"])
        if plan.team_ids is not None:
            teams = "teams %s" % ", ".join(plan.team_ids) if plan.team_ids else "no team"
            with module.api_errors("put %s in %s of organization %s" % (username, teams, org_id)):
                user = client.patch(ORG_USER, body={"teamIds": plan.team_ids}, orgId=org_id, userId=user["id"])
        return user

    def invite():
        try:
            return client.post(ORG_USERS, body=invitation_body(username, plan, assignments), orgId=org_id)
        except AtlasApiError as exc:
            if exc.status != 409:
                raise
            # Someone invited them since the lookup: take the user over as they are now.
            current = lookup()
            if current is None or current.get("orgMembershipStatus") in ENDED_INVITATIONS:
                raise
            return apply(current, planned_changes(current, params["org_roles"], wanted_teams, reinvite=False))

    if plan.action == "leave_ended":
        module.warn(
            "The invitation of %s to organization %s is %s; reinvite=false leaves it as it is." % (username, org_id, before["orgMembershipStatus"])
        )
        return before, False
    if before is not None and plan.action != "reinvite":
        different = differing_projects(before, assignments)
        if different:
            module.warn(
                "project_roles are used only when inviting: the roles of %s in project(s) %s differ from project_roles "
                "and are left as they are. Manage project roles with atlas_ops.admin.atlas_project_user." % (username, ", ".join(different))
            )
    inviting = plan.action in ("invite", "reinvite")
    changed, after = ensure_present(
        module,
        None if inviting else before,
        predicted_user(before, plan, username, assignments),
        create=invite,
        update=lambda user: apply(user, plan),
        compare=lambda user, desired: plan.action == "update",
    )
    return after, changed


def _ensure_gone(module, client, before, username):
    org_id = module.params["org_id"]
    if before is not None and module.params["pending_only"] and before.get("orgMembershipStatus") == "ACTIVE":
        module.warn("%s is an active member of organization %s: pending_only=true leaves them in it." % (username, org_id))
        return before, False
    deleted = []

    def delete(user):
        # delete_if_exists: a user removed by someone else since the lookup is already absent.
        deleted.append(client.delete_if_exists(ORG_USER, orgId=org_id, userId=user["id"]))

    changed, after = ensure_absent(module, before, delete=delete)
    return after, changed and deleted != [False]


if __name__ == "__main__":
    main()
