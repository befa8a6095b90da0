#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_project_user_info
short_description: Read the MongoDB Cloud users of a MongoDB Atlas project, with their roles and membership status
version_added: 0.1.0
description:
  - Returns the MongoDB Cloud users of one Atlas project as Atlas returns them, each with its project roles
    (C(roles)) and its organization membership status (C(orgMembershipStatus)); or one user, by username.
  - Users who were invited and have not accepted yet (C(PENDING)) are returned too, and by default so are
    invitations that expired or were rejected, which Atlas itself leaves out unless asked (see O(status)).
  - Reads every page of the project's user list, 500 users a page, with the current users API (resource
    version 2025-02-19, C(GET /groups/{groupId}/users)), as M(atlas_ops.admin.atlas_project_user) does.
  - Never changes anything.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes.info
  - atlas_ops.admin.scope.project
  - atlas_ops.admin.filters.membership_status
options:
  username:
    description:
      - The MongoDB Cloud username (an email address such as V(jane.doe@example.com)) of one user to return.
        Compared without regard to case, as Atlas does.
      - When the project has no such user, RV(users) is an empty list; this is not an error. A project that
        does not exist fails the task.
      - When not set, every user of the project is returned.
    type: str
  role:
    description:
      - Return only users who have this project role, such as V(GROUP_OWNER).
      - "It must have the form of an Atlas project role: V(GROUP_) followed by capital letters and underscores."
    type: str
notes:
  - Users who have access to the project only through a team, or through an organization role such as
    C(ORG_OWNER), are not project users and are not returned.
  - Reading project users needs the Project Read Only role.
seealso:
  - module: atlas_ops.admin.atlas_project_user
  - module: atlas_ops.admin.atlas_org_user_info
  - name: Atlas Administration API, Return All MongoDB Cloud Users in One Project
    description: The API operation this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/MongoDB-Cloud-Users/operation/listGroupUsers
"""

EXAMPLES = r"""
- name: Review who has access to a project
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Read every user of the project
      atlas_ops.admin.atlas_project_user_info:
        project_id: 5f1e2d3c4b5a697887960a1b
      register: project_users

    - name: Show each user with their roles
      ansible.builtin.debug:
        msg: "{{ project_users.users | items2dict(key_name='username', value_name='roles') }}"

    - name: Read the project owners who are members or invited
      atlas_ops.admin.atlas_project_user_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        role: GROUP_OWNER
        status: [ACTIVE, PENDING]
      register: owners

    - name: Read one user
      atlas_ops.admin.atlas_project_user_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: jane.doe@example.com
      register: jane
"""

RETURN = r"""
users:
  description:
    - The project's users, as Atlas returns them (C(GroupUserResponse), resource version 2025-02-19), in Atlas'
      order.
    - An empty list when no user matches, and when the user named by O(username) is not in the project.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 6500000000000000000000d1
      username: alice@example.com
      orgMembershipStatus: ACTIVE
      roles: [GROUP_OWNER]
      firstName: Alice
      lastName: Anders
      country: US
      createdAt: "2026-01-15T09:30:00Z"
      lastAuth: "2026-11-30T08:00:00Z"
    - id: 6500000000000000000000d3
      username: carol@example.com
      orgMembershipStatus: PENDING
      roles: [GROUP_READ_ONLY]
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
      description: The user's project roles, such as C(GROUP_OWNER).
      returned: always
      type: list
      elements: str
    firstName:
      description: First name.
      returned: for active users
      type: str
    lastName:
      description: Last name.
      returned: for active users
      type: str
    lastAuth:
      description: When the user last logged in (ISO 8601, UTC).
      returned: for active users who have logged in
      type: str
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

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import PROJECT_USERS
from ansible_collections.atlas_ops.admin.plugins.module_utils.info import run_users_info_module
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import role_name


def has_role(user, filters):
    """Whether a user has the project role of the role option (every user when it is not set)."""
    return "role" not in filters or filters["role"] in (user.get("roles") or [])


def main():
    run_users_info_module(PROJECT_USERS, "project", dict(role=dict(type="str")), {"role": role_name("GROUP", "GROUP_OWNER")}, keep=has_role)


if __name__ == "__main__":
    main()
