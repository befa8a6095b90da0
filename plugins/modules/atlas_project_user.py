#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_project_user
short_description: Manage a person's membership and roles in a MongoDB Atlas project, by email
version_added: 0.1.0
description:
  - Adds a MongoDB Cloud user to one Atlas project with a set of project roles, changes their roles, or
    removes them from the project. The user is named by their username, an email address.
  - The user is looked up with one request, whatever the size of the project
    (C(GET /groups/{groupId}/users?username=...) with every membership status), so users who have not accepted
    their invitation yet (C(PENDING)) are found too.
  - A user who is C(PENDING) or C(ACTIVE) in the project is taken over as they are; only the difference
    between their roles and O(roles) is applied, one role at a time, adding before removing so that the
    user always keeps at least one role (Atlas refuses to remove a user's last role).
  - Someone who is not in the project is added. Atlas sends a person who is not in the project's
    organization an invitation to the organization and the project, and answers with a C(PENDING) user;
    an active member of the organization is given access right away (C(ACTIVE)). A user whose invitation
    expired (C(INVITATION_EXPIRED)) or was rejected (C(INVITATION_REJECTED)) is invited again, which
    replaces that record.
  - Uses the current users API, resource version 2025-02-19 (C(GET) and C(POST /groups/{groupId}/users),
    C(:addRole), C(:removeRole), C(DELETE /groups/{groupId}/users/{userId})). It does not use the deprecated
    C(POST /groups/{groupId}/access) or the project invitation endpoints, which Atlas sunsets on 2027-07-01.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
  - atlas_ops.admin.scope.project
  - atlas_ops.admin.scope.user
options:
  roles:
    description:
      - Project roles the user has, such as V(GROUP_OWNER), V(GROUP_READ_ONLY) or V(GROUP_DATA_ACCESS_READ_WRITE).
      - "Each role must have the form of an Atlas project role: V(GROUP_) followed by capital letters and
        underscores. The module does not keep a closed list, because Atlas adds project roles from time to
        time; Atlas itself refuses a name it does not know."
      - "Project roles known when this module was written: V(GROUP_OWNER), V(GROUP_CLUSTER_MANAGER),
        V(GROUP_STREAM_PROCESSING_OWNER), V(GROUP_DATA_ACCESS_ADMIN), V(GROUP_DATA_ACCESS_READ_WRITE),
        V(GROUP_DATA_ACCESS_READ_ONLY), V(GROUP_READ_ONLY), V(GROUP_SEARCH_INDEX_EDITOR), V(GROUP_BACKUP_MANAGER),
        V(GROUP_OBSERVABILITY_VIEWER), V(GROUP_DATABASE_ACCESS_ADMIN). See the Atlas user roles reference."
      - With O(append_roles=false), the exact set of roles the user ends up with; with O(append_roles=true),
        roles the user gets in addition to the ones they have.
      - Required with O(state=present), and must not be empty (an Atlas user has at least one role). Not used
        with O(state=absent).
    type: list
    elements: str
  append_roles:
    description:
      - V(false) makes O(roles) the user's exact set of project roles; roles not listed are removed.
      - V(true) only adds the roles in O(roles) that the user lacks and never removes one.
      - Not used with O(state=absent).
    type: bool
    default: false
  state:
    description:
      - V(present) makes sure the user is in the project with O(roles), inviting or adding them when needed.
      - V(absent) removes the user from the project, whether they are C(ACTIVE) or still C(PENDING) (which
        cancels their invitation to the project). Someone who is not a member, or whose invitation expired or
        was rejected, is left alone and the task reports no change.
    type: str
    choices: [present, absent]
    default: present
notes:
  - A user's username, roles and membership status come from the project's users list; a user who is only in
    the project through a team or through an organization role (Organization Owner, Organization Read Only)
    is not a member of the project in this sense.
  - "Users invited through the deprecated C(POST /groups/{groupId}/access) or C(/groups/{groupId}/invites) endpoints
    are invisible to the users API: this module cannot see, change or cancel those invitations. Cancel them
    in the Atlas UI (or with the deprecated endpoint) and let this module invite the person again."
  - "Migrating from the deprecated endpoint: a task that sent C(POST /groups/{groupId}/access) with
    C({\"username\": \"jane.doe@example.com\", \"roles\": [\"GROUP_READ_ONLY\"]}) becomes this module with
    O(username=jane.doe@example.com) and O(roles=[GROUP_READ_ONLY]); add O(append_roles=true) when the old task
    was only meant to add roles. Re-running it is safe: an existing member is not invited again."
  - In check mode no write is sent. A user who would be added is returned with the O(username) and O(roles) of
    the task only, because whether Atlas would invite them (C(PENDING)) or add them at once (C(ACTIVE), for
    members of the organization) is only known once the request is sent.
  - Atlas limits how many invitations can be sent in a minute; the module retries a C(429 Too Many Requests)
    answer after the time Atlas asks for (see O(retries)).
  - The API key or service account needs the Project Owner or Project Access Manager role (Project Read Only
    is enough in check mode).
seealso:
  - name: Atlas Administration API, MongoDB Cloud Users
    description: The API operations this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/MongoDB-Cloud-Users
  - name: Atlas user roles
    description: What each project role allows.
    link: https://www.mongodb.com/docs/atlas/reference/user-roles/
"""

EXAMPLES = r"""
- name: Manage who works on the project
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Give Jane read-only access to the project (she is invited if she is not in the organization yet)
      atlas_ops.admin.atlas_project_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: jane.doe@example.com
        roles:
          - GROUP_READ_ONLY

    - name: Make Jane a data editor instead (GROUP_READ_ONLY is removed after the new role is added)
      atlas_ops.admin.atlas_project_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: jane.doe@example.com
        roles:
          - GROUP_DATA_ACCESS_READ_WRITE

    - name: Also let Jane manage backups, keeping whatever roles she has
      atlas_ops.admin.atlas_project_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: jane.doe@example.com
        roles:
          - GROUP_BACKUP_MANAGER
        append_roles: true

    - name: Remove Jane from the project, or cancel her pending invitation
      atlas_ops.admin.atlas_project_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: jane.doe@example.com
        state: absent

    # Replaces a task written for the deprecated endpoint (sunset 2027-07-01):
    #   ansible.builtin.uri:
    #     url: https://cloud.mongodb.com/api/atlas/v2/groups/5f1e2d3c4b5a697887960a1b/access
    #     method: POST
    #     headers: {Accept: application/vnd.atlas.2023-02-01+json}
    #     body_format: json
    #     body: {username: ops@example.com, roles: [GROUP_OWNER]}
    # The old call only ever added: append_roles keeps the roles the account already has.
    - name: Add the ops team's account as project owner
      atlas_ops.admin.atlas_project_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: ops@example.com
        roles: [GROUP_OWNER]
        append_roles: true
"""

RETURN = r"""
user:
  description:
    - The project user after the task, as Atlas answered (in check mode, the user the task would leave), in
      Atlas' field names, with C(roles) sorted.
    - V(null) after O(state=absent).
  returned: always
  type: dict
  sample:
    id: 6500000000000000000000d1
    username: jane.doe@example.com
    roles: [GROUP_READ_ONLY]
    orgMembershipStatus: PENDING
    invitationCreatedAt: "2026-12-01T09:00:00Z"
    invitationExpiresAt: "2026-12-31T09:00:00Z"
    inviterUsername: admin@example.com
  contains:
    id:
      description: Unique 24-hexadecimal-digit id of the MongoDB Cloud user. Not known in check mode for a user who would be added.
      returned: when the user is in the project, except in check mode for a user who would be added
      type: str
      sample: 6500000000000000000000d1
    username:
      description: The user's username (email address).
      returned: when the user is in the project
      type: str
      sample: jane.doe@example.com
    roles:
      description: The user's project roles, sorted.
      returned: when the user is in the project
      type: list
      elements: str
      sample: [GROUP_DATA_ACCESS_READ_WRITE, GROUP_READ_ONLY]
    orgMembershipStatus:
      description:
        - The user's membership status in the project's organization. V(PENDING) until they accept the
          invitation, then V(ACTIVE).
        - Not returned in check mode for a user who would be added.
      returned: when the user is in the project, except in check mode for a user who would be added
      type: str
      sample: ACTIVE
    firstName:
      description: First name of an active user.
      returned: when orgMembershipStatus is ACTIVE
      type: str
      sample: Jane
    lastName:
      description: Last name of an active user.
      returned: when orgMembershipStatus is ACTIVE
      type: str
      sample: Doe
    country:
      description: Two-letter ISO country code of an active user.
      returned: when orgMembershipStatus is ACTIVE and Atlas knows it
      type: str
      sample: US
    createdAt:
      description: When the active user's account was created (ISO 8601, UTC).
      returned: when orgMembershipStatus is ACTIVE
      type: str
      sample: "2026-01-15T10:00:00Z"
    lastAuth:
      description: When the active user last logged in (ISO 8601, UTC).
      returned: when orgMembershipStatus is ACTIVE and the user has logged in
      type: str
      sample: "2026-11-30T08:12:00Z"
    mobileNumber:
      description: Mobile number of an active user.
      returned: when orgMembershipStatus is ACTIVE and the user gave one
      type: str
      sample: "+1 212-555-0100"
    invitationCreatedAt:
      description: When the invitation was sent (ISO 8601, UTC).
      returned: when orgMembershipStatus is PENDING
      type: str
      sample: "2026-12-01T09:00:00Z"
    invitationExpiresAt:
      description: When the invitation expires if it is not accepted (ISO 8601, UTC); Atlas gives 30 days.
      returned: when orgMembershipStatus is PENDING
      type: str
      sample: "2026-12-31T09:00:00Z"
    inviterUsername:
      description: Username of whoever sent the invitation.
      returned: when orgMembershipStatus is PENDING
      type: str
      sample: admin@example.com
"""

import re

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import (
    PROJECT_USER,
    PROJECT_USER_ADD_ROLE,
    PROJECT_USER_REMOVE_ROLE,
    PROJECT_USERS,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import project_option, state_option, user_option, warn_ignored
from ansible_collections.atlas_ops.admin.plugins.module_utils.resource import ensure_absent, ensure_present, exit_resource, plan_set
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError, email

# The form of an Atlas project role. Not a closed list: Atlas keeps adding roles and refuses unknown ones itself.
ROLE_RE = re.compile(r"^GROUP_[A-Z_]+$")
# Statuses of a user who is in the project. An expired or rejected invitation gives no access: such a
# user is invited again (Atlas' POST replaces the record) and is left alone by state=absent.
MEMBER_STATUSES = ("PENDING", "ACTIVE")
# The lookup asks for every status; without the filter Atlas would hide expired and rejected invitations.
ALL_STATUSES = ["ACTIVE", "PENDING", "INVITATION_EXPIRED", "INVITATION_REJECTED"]
ROLE_OPTIONS = ("roles", "append_roles")


def project_role(value, option):
    """A project role name of the form GROUP_[A-Z_]+; raises AtlasInputError naming the option."""
    if not isinstance(value, str) or not ROLE_RE.match(value):
        raise AtlasInputError("%s must be project role names of the form GROUP_[A-Z_]+ such as GROUP_READ_ONLY, got %r" % (option, value))
    return value


def find_user(results, username):
    """The user of the list answer whose username is `username` (compared case-insensitively), or None."""
    wanted = username.lower()
    return next((user for user in results or [] if (user.get("username") or "").lower() == wanted), None)


def member(user):
    """The user when they are in the project (PENDING or ACTIVE), else None."""
    return user if user is not None and user.get("orgMembershipStatus") in MEMBER_STATUSES else None


def planned_roles(current, wanted, append):
    """The role changes that give a member the wanted roles: (add, remove), both sorted.

    Adding is done before removing, so a user whose only role is replaced keeps one role throughout.
    """
    return plan_set(current, wanted, purge=not append)


def shown(user):
    """The user as the task returns it: Atlas' fields with the roles sorted, so that diffs are stable."""
    if user is None:
        return None
    result = dict(user)
    if isinstance(result.get("roles"), list):
        result["roles"] = sorted(result["roles"])
    return result


def main():
    module = AtlasModule(
        argument_spec=dict(
            dict(project_option(), **user_option()),
            roles=dict(type="list", elements="str"),
            append_roles=dict(type="bool", default=False),
            state=state_option(),
        ),
        required_if=[("state", "present", ("roles",))],
        supports_check_mode=True,
    )
    params = module.params
    project_id = params["project_id"]
    adding = params["state"] == "present"
    checked = module.validate_options({"username": email, "roles": project_role})
    username = checked["username"]
    if adding:
        wanted = sorted(set(checked["roles"]))
        if not wanted:
            module.fail_json(
                msg="roles must list at least one project role such as GROUP_READ_ONLY with state=present "
                "(an Atlas user always has one); to remove the user from the project use state=absent."
            )
        action = "set the roles of %s in project %s" % (username, project_id)
    else:
        warn_ignored(module, ROLE_OPTIONS, when="state=absent")
        action = "remove %s from project %s" % (username, project_id)

    client = module.client
    with module.api_errors(action):
        answer = client.get(PROJECT_USERS, query={"username": username, "orgMembershipStatuses": ALL_STATUSES}, groupId=project_id)
        found = find_user((answer or {}).get("results"), username)
        current = member(found)
        if adding:
            desired = {"username": username, "roles": wanted}
            add, remove = [], []
            if current is not None:
                add, remove = planned_roles(current.get("roles") or [], wanted, params["append_roles"])
                desired["roles"] = sorted(set(current.get("roles") or []) - set(remove) | set(add))

            def invite():
                return client.post(PROJECT_USERS, body={"username": username, "roles": wanted}, groupId=project_id)

            def change_roles(user):
                # One role per request; each answer is the user after it, so the last one is the result.
                # A refusal names the role Atlas refused (its error names only the field, groupRole).
                for path, roles, verb in ((PROJECT_USER_ADD_ROLE, add, "add role %s to"), (PROJECT_USER_REMOVE_ROLE, remove, "remove role %s from")):
                    for role in roles:
                        with module.api_errors("%s %s in project %s" % (verb % role, username, project_id)):
                            user = client.post(path, body={"groupRole": role}, groupId=project_id, userId=user["id"])
                return user

            changed, after = ensure_present(
                module, current, desired, create=invite, update=change_roles, compare=lambda user, desired: bool(add or remove)
            )
        else:
            # delete_if_exists: a user removed by someone else since the read is already absent.
            changed, after = ensure_absent(
                module, current, delete=lambda user: client.delete_if_exists(PROJECT_USER, groupId=project_id, userId=user["id"])
            )
    # The diff's "before" is the record that was found, an expired or rejected invitation included.
    exit_resource(module, "user", changed, shown(found if changed else current), shown(after))


if __name__ == "__main__":
    main()
