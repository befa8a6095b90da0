#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_database_user_info
short_description: Read the database users of a MongoDB Atlas project, with their roles and scopes
version_added: 0.1.0
description:
  - Returns the database users of one Atlas project as Atlas returns them, each with its roles (C(roles)), the
    clusters and data lakes it is limited to (C(scopes); none means every one of the project), its labels and,
    for a temporary user, when Atlas deletes it (C(deleteAfterDate)). Atlas never returns passwords.
  - Reads every page of the project's database users, 500 a page (resource version 2023-01-01,
    C(GET /groups/{groupId}/databaseUsers)), then keeps the users that match O(username), O(auth_type) and
    O(role_name), those that are set.
  - A project that does not exist, or that the credentials cannot see, fails the task; it is never reported as
    an empty list.
  - Never changes anything.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes.info
  - atlas_ops.admin.scope.project
options:
  username:
    description:
      - Return only the user (or users, one per authentication database) with exactly this name. Database user names
        are case-sensitive.
      - When the project has no such user, RV(database_users) is an empty list; this is not an error.
    type: str
  auth_type:
    description:
      - Return only users who authenticate this way, as O(atlas_ops.admin.atlas_database_user#module:auth_type) says
        it. Atlas keeps it in the fields C(x509Type), C(awsIAMType), C(ldapAuthType) and C(oidcAuthType) (all
        four C(NONE) for V(SCRAM)).
    type: str
    choices: [SCRAM, X509_MANAGED, X509_CUSTOMER, AWS_IAM_USER, AWS_IAM_ROLE, LDAP_USER, LDAP_GROUP, OIDC_IDP_GROUP, OIDC_USER]
  role_name:
    description:
      - Return only users who have this role on some database, such as V(readWrite), V(atlasAdmin) or the name of
        a custom role. Compared exactly.
    type: str
notes:
  - Reading database users needs the Project Read Only role.
seealso:
  - module: atlas_ops.admin.atlas_database_user
  - name: Atlas Administration API, Return All Database Users in One Project
    description: The API operation this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Database-Users/operation/listDatabaseUsers
"""

EXAMPLES = r"""
- name: Review the database users of a project
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Read every database user of the project
      atlas_ops.admin.atlas_database_user_info:
        project_id: 5f1e2d3c4b5a697887960a1b
      register: database_users

    - name: Show the users who may reach every cluster of the project (no scopes)
      ansible.builtin.debug:
        msg: "{{ database_users.database_users | rejectattr('scopes') | map(attribute='username') | list }}"

    - name: Read the users with the atlasAdmin role
      atlas_ops.admin.atlas_database_user_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        role_name: atlasAdmin
      register: admins

    - name: Read the AWS IAM role users
      atlas_ops.admin.atlas_database_user_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        auth_type: AWS_IAM_ROLE
      register: iam_roles
"""

RETURN = r"""
database_users:
  description:
    - The project's database users, as Atlas returns them (C(CloudDatabaseUser), resource version 2023-01-01), in
      Atlas' order. Never with a password.
    - An empty list when the project has none, or none matches the filters.
  returned: always
  type: list
  elements: dict
  sample:
    - username: app-orders
      databaseName: admin
      groupId: 5f1e2d3c4b5a697887960a1b
      roles:
        - {roleName: readWrite, databaseName: orders}
      scopes:
        - {name: Cluster0, type: CLUSTER}
      labels:
        - {key: team, value: orders}
      x509Type: NONE
      awsIAMType: NONE
      ldapAuthType: NONE
      oidcAuthType: NONE
  contains:
    username:
      description: The user's name.
      returned: always
      type: str
    databaseName:
      description: The authentication database, C(admin) or C($external).
      returned: always
      type: str
    groupId:
      description: The project's id.
      returned: always
      type: str
    roles:
      description: The user's roles, each with C(roleName), C(databaseName) and, for a collection, C(collectionName).
      returned: always
      type: list
      elements: dict
    scopes:
      description: The clusters and data lakes the user is limited to, each with C(name) and C(type); empty for all of the project's.
      returned: always
      type: list
      elements: dict
    labels:
      description: Key-value pairs the user is tagged with.
      returned: always
      type: list
      elements: dict
    description:
      description: The user's description.
      returned: when set
      type: str
    deleteAfterDate:
      description: When Atlas deletes a temporary user (ISO 8601, UTC).
      returned: for temporary users
      type: str
    x509Type:
      description: C(NONE), C(MANAGED) or C(CUSTOMER).
      returned: always
      type: str
    awsIAMType:
      description: C(NONE), C(USER) or C(ROLE).
      returned: always
      type: str
    ldapAuthType:
      description: C(NONE), C(USER) or C(GROUP).
      returned: always
      type: str
    oidcAuthType:
      description: C(NONE), C(IDP_GROUP) or C(USER).
      returned: always
      type: str
"""

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import DATABASE_USERS
from ansible_collections.atlas_ops.admin.plugins.module_utils.database_user import AUTH_TYPES, auth_type_of
from ansible_collections.atlas_ops.admin.plugins.module_utils.info import run_info_module


def matches(user, params):
    """Whether a database user (as Atlas lists it) passes the task's filters (each unset filter passes). Pure."""
    return (
        params.get("username") in (None, user.get("username"))
        and params.get("auth_type") in (None, auth_type_of(user))
        and (params.get("role_name") is None or any(role.get("roleName") == params["role_name"] for role in user.get("roles") or []))
    )


def main():
    run_info_module(
        "database_users",
        what="the database users",
        read=DATABASE_USERS,
        options=dict(username=dict(type="str"), auth_type=dict(type="str", choices=list(AUTH_TYPES)), role_name=dict(type="str")),
        keep=lambda user, call: matches(user, call.params),
    )


if __name__ == "__main__":
    main()
