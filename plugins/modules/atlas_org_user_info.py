#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_org_user_info
short_description: Read the members and pending invitations of a MongoDB Atlas organization
version_added: 0.1.0
description:
  - Returns the MongoDB Cloud users of one Atlas organization as Atlas returns them, members and invitations
    alike, each with its organization roles and project role assignments (C(roles.orgRoles),
    C(roles.groupRoleAssignments)), its teams (C(teamIds)) and its membership status (C(orgMembershipStatus)).
  - Returns one user by username with O(username); filters by status, organization role and team.
  - Reads every page of the organization's user list, 500 users a page, with the current users API (resource
    version 2025-02-19, C(GET /orgs/{orgId}/users)), as M(atlas_ops.admin.atlas_org_user) does. Pending
    invitations are users with the status C(PENDING) there, not a separate list.
  - Never changes anything.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes.info
  - atlas_ops.admin.scope.organization
  - atlas_ops.admin.filters.membership_status
options:
  username:
    description:
      - The MongoDB Cloud username (an email address such as V(jane.doe@example.com)) of one user to return.
        Compared without regard to case, as Atlas does.
      - When the organization has no such user, RV(users) is an empty list; this is not an error. An
        organization that does not exist fails the task.
      - When not set, every user of the organization is returned.
    type: str
  org_role:
    description:
      - Return only users who have this organization role, such as V(ORG_OWNER).
      - "It must have the form of an Atlas organization role: V(ORG_) followed by capital letters and underscores."
    type: str
  team_id:
    description:
      - Return only the users who belong to this team (its unique 24-hexadecimal-digit id).
    type: str
notes:
  - Reading organization users needs the Organization Member role.
seealso:
  - module: atlas_ops.admin.atlas_org_user
  - module: atlas_ops.admin.atlas_project_user_info
  - name: Atlas Administration API, Return All MongoDB Cloud Users in One Organization
    description: The API operation this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/MongoDB-Cloud-Users/operation/listOrgUsers
"""

EXAMPLES = r"""
- name: Review the members of an organization
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Read every member and invitation of the organization
      atlas_ops.admin.atlas_org_user_info:
        org_id: 5f1e2d3c4b5a697887960a1a
      register: org_users

    - name: Read the invitations nobody has answered yet
      atlas_ops.admin.atlas_org_user_info:
        org_id: 5f1e2d3c4b5a697887960a1a
        status: [PENDING]
      register: pending

    - name: Show who was invited, and by whom
      ansible.builtin.debug:
        msg: "{{ pending.users | items2dict(key_name='username', value_name='inviterUsername') }}"

    - name: Read the organization owners
      atlas_ops.admin.atlas_org_user_info:
        org_id: 5f1e2d3c4b5a697887960a1a
        org_role: ORG_OWNER
        status: [ACTIVE]
"""

RETURN = r"""
users:
  description:
    - The organization's users, as Atlas returns them (C(OrgUserResponse), resource version 2025-02-19), in
      Atlas' order.
    - An empty list when no user matches, and when the user named by O(username) is not in the organization.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 6500000000000000000000d1
      username: alice@example.com
      orgMembershipStatus: ACTIVE
      roles:
        orgRoles: [ORG_OWNER]
        groupRoleAssignments:
          - groupId: 5f1e2d3c4b5a697887960a1b
            groupRoles: [GROUP_OWNER]
      teamIds: [6500000000000000000000fa]
      firstName: Alice
      lastName: Anders
      country: US
      createdAt: "2026-01-15T09:30:00Z"
    - id: 6500000000000000000000d3
      username: carol@example.com
      orgMembershipStatus: PENDING
      roles:
        orgRoles: [ORG_MEMBER]
        groupRoleAssignments: []
      teamIds: []
      invitationCreatedAt: "2026-11-20T10:00:00Z"
      invitationExpiresAt: "2026-12-20T10:00:00Z"
      inviterUsername: alice@example.com
  contains:
    id:
      description: Unique 24-hexadecimal-digit id of the MongoDB Cloud user.
      returned: always
      type: str
    username:
      description: The user's username, an email address.
      returned: always
      type: str
    orgMembershipStatus:
      description: C(ACTIVE) (a member), C(PENDING) (invited), C(INVITATION_EXPIRED) or C(INVITATION_REJECTED).
      returned: always
      type: str
    roles:
      description: The user's roles.
      returned: always
      type: dict
      contains:
        orgRoles:
          description: Organization roles, such as C(ORG_OWNER) or C(ORG_MEMBER).
          returned: always
          type: list
          elements: str
        groupRoleAssignments:
          description: The user's roles in the organization's projects, each C(groupId) (the project) with its C(groupRoles).
          returned: always
          type: list
          elements: dict
    teamIds:
      description: Ids of the teams the user belongs to.
      returned: always
      type: list
      elements: str
    invitationCreatedAt:
      description: When the invitation was sent (ISO 8601, UTC).
      returned: for users who are not active
      type: str
    invitationExpiresAt:
      description: When the invitation expires (ISO 8601, UTC); null for a rejected invitation.
      returned: for users who are not active
      type: str
    inviterUsername:
      description: Username of who sent the invitation.
      returned: for users who are not active
      type: str
"""

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import ORG_USERS
from ansible_collections.atlas_ops.admin.plugins.module_utils.info import run_users_info_module
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import object_id, role_name


def is_wanted(user, filters):
    """Whether a user passes the org_role and team_id filters the task set."""
    if "org_role" in filters and filters["org_role"] not in ((user.get("roles") or {}).get("orgRoles") or []):
        return False
    return "team_id" not in filters or filters["team_id"] in (user.get("teamIds") or [])


def main():
    run_users_info_module(
        ORG_USERS,
        "org",
        options=dict(org_role=dict(type="str"), team_id=dict(type="str")),
        validators={"org_role": role_name("ORG", "ORG_OWNER"), "team_id": object_id},
        keep=is_wanted,
    )


if __name__ == "__main__":
    main()
