#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_database_user
short_description: Manage a MongoDB Atlas database user of any authentication type, passwords handled as secrets
version_added: 0.1.0
description:
  - "Creates, changes or removes one database user of an Atlas project: a SCRAM user with a password, an X.509 user
    (Atlas-managed or self-managed certificates), an AWS IAM user or role, an LDAP user or group, or an OIDC
    (workforce group or workload user) identity."
  - A database user is named by its O(username) and its authentication database, which follows from
    O(auth_type) as Atlas requires it (see O(auth_type)); the user is read with one request by that name.
  - Roles, scopes and labels are compared as sets (their order means nothing to Atlas); only the options the
    task sets are compared and changed.
  - The password is write-only. Atlas never returns it, so the module never reads, compares or shows it. With
    O(update_password=on_create) (the default) it is only sent when the user is created, and a different
    password alone is no change. With O(update_password=always), it is sent on every run and the task
    always reports C(changed=true) for an existing SCRAM user, because whether the password differs cannot be
    known.
  - "Uses the database users API, resource version 2023-01-01 (the only one Atlas offers): C(GET), C(PATCH) and
    C(DELETE /groups/{groupId}/databaseUsers/{databaseName}/{username}) and C(POST /groups/{groupId}/databaseUsers)."
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
  - atlas_ops.admin.scope.project
options:
  username:
    description:
      - The database user's name. Its form depends on O(auth_type).
      - V(SCRAM) and V(X509_MANAGED), a name without spaces such as V(app-orders) (an email address is fine).
      - V(X509_CUSTOMER), V(LDAP_USER) and V(LDAP_GROUP), an RFC 2253 distinguished name such as
        V(CN=app-orders,OU=apps,DC=example,DC=com) (for V(X509_CUSTOMER), with a C(CN)).
      - V(AWS_IAM_USER), an IAM user ARN such as V(arn:aws:iam::123456789012:user/app-orders); V(AWS_IAM_ROLE), an
        IAM role ARN such as V(arn:aws:iam::123456789012:role/app-orders).
      - V(OIDC_IDP_GROUP) and V(OIDC_USER), the 24-hexadecimal-digit id of the Atlas identity provider, a V(/) and
        the group or user name of the identity provider, such as V(5dd7496c7a3e5a648454341c/sales).
      - At most 1024 characters. The name travels percent-encoded in the request path (V(/), V(:), V(=), V(,), V(@)
        included).
    type: str
    required: true
  auth_type:
    description:
      - How the user authenticates. Atlas keeps it in one of the fields C(x509Type), C(awsIAMType), C(ldapAuthType)
        and C(oidcAuthType) (the others are C(NONE); all four are C(NONE) for SCRAM).
      - The authentication database (C(databaseName)) follows from it, as Atlas requires. V(admin) for V(SCRAM),
        V(LDAP_GROUP) and V(OIDC_IDP_GROUP) (OIDC workforce). V($external) for V(X509_MANAGED), V(X509_CUSTOMER),
        V(AWS_IAM_USER), V(AWS_IAM_ROLE), V(LDAP_USER) and V(OIDC_USER) (OIDC workload).
      - The authentication type of an existing user cannot be changed; remove the user and create it again.
    type: str
    choices: [SCRAM, X509_MANAGED, X509_CUSTOMER, AWS_IAM_USER, AWS_IAM_ROLE, LDAP_USER, LDAP_GROUP, OIDC_IDP_GROUP, OIDC_USER]
    default: SCRAM
  password:
    description:
      - The password of a V(SCRAM) user, at least 8 characters. Not allowed with any other O(auth_type).
      - Required to create a V(SCRAM) user; when the user exists, it is only used with O(update_password=always).
      - Never read back, compared, returned or shown in a diff.
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) only when the user is created. Changing O(password) in the task then
        changes nothing for an existing user, and a second run reports no change.
      - V(always) sends O(password) to an existing V(SCRAM) user on every run. The task then always reports
        C(changed=true) (and sends a write, also in a run that changes nothing else), because Atlas never returns
        the password, so whether it differs cannot be known. Use it for a run that rotates the password, not in a
        task meant to be idempotent.
    type: str
    choices: [on_create, always]
    default: on_create
  roles:
    description:
      - The user's roles, each a role on a database and optionally on one collection of it.
      - With O(append_roles=false), the user's exact set of roles; with O(append_roles=true), roles the user gets in
        addition to the ones it has.
      - Required with O(state=present) when the user is created, and must not be empty then; when not set for an
        existing user, its roles are left as they are.
    type: list
    elements: dict
    suboptions:
      role_name:
        description:
          - A built-in role, V(atlasAdmin), V(backup), V(clusterMonitor), V(dbAdmin), V(dbAdminAnyDatabase),
            V(enableSharding), V(read), V(readAnyDatabase), V(readWrite) or V(readWriteAnyDatabase) (the list of
            Atlas' API specification), written in that case; or the name of a custom database role of the project
            (letters, digits, V(_) and V(-)), which Atlas checks.
        type: str
        required: true
      database_name:
        description:
          - The database the role applies to.
          - V(atlasAdmin), V(backup), V(clusterMonitor), V(dbAdminAnyDatabase), V(enableSharding),
            V(readAnyDatabase) and V(readWriteAnyDatabase) only exist on V(admin).
        type: str
        required: true
      collection_name:
        description:
          - Limits a V(read) or V(readWrite) role to one collection of O(roles[].database_name). Atlas allows a
            collection with these two roles only.
        type: str
  append_roles:
    description:
      - V(false) makes O(roles) the user's exact set of roles; roles not listed are removed.
      - V(true) only adds the roles in O(roles) that the user lacks and never removes one.
    type: bool
    default: false
  scopes:
    description:
      - The clusters, Atlas Data Lakes (Data Federation databases) and stream processing workspaces the user is
        limited to.
      - An empty list gives the user access to every cluster, data lake and workspace of the project (Atlas' default).
      - When not set, an existing user's scopes are left as they are.
    type: list
    elements: dict
    suboptions:
      name:
        description: The name of the cluster, data lake or workspace.
        type: str
        required: true
      type:
        description: What O(scopes[].name) names.
        type: str
        choices: [CLUSTER, DATA_LAKE, STREAM]
        default: CLUSTER
  labels:
    description:
      - Key-value pairs that tag the user (Atlas does not show them in its UI). Keys and values are 1 to 255
        characters.
      - An empty dictionary removes every label. When not set, an existing user's labels are left as they are.
    type: dict
  description:
    description:
      - A description of the user, at most 100 characters. When not set, an existing user's description is left as
        it is.
    type: str
  delete_after_date:
    description:
      - Makes the user temporary; Atlas deletes it at this time.
      - Either an ISO 8601 date and time with a time zone, such as V(2026-12-01T18:00:00Z), compared with the user's
        date to the second; or a duration from now such as V(8h), V(3d), V(1d12h) or ISO 8601 V(PT8H). A duration
        moves with the clock, so an existing user's date is left alone when it is within 10% of the duration of
        now + the duration (re-running the task a little later reports no change).
      - Atlas requires a time in the future and at most one week ahead.
      - When not set, an existing user's date is left as it is.
    type: str
  state:
    description:
      - V(present) makes sure the user exists with the options the task sets.
      - V(absent) removes the user. A user that does not exist is left alone and the task reports no change; a
        project that does not exist fails the task.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Input is checked before any request. The username's form for its O(auth_type), no O(password) for the types
    that have none, role names, O(roles[].collection_name) only with V(read) and V(readWrite), admin-only roles on
    V(admin), scope names and types, label sizes, O(description) length, and O(delete_after_date) in the coming
    week.
  - With O(state=absent), the options that describe the user (O(roles), O(password), O(scopes), ...) have no
    effect and are reported with a warning when set.
  - In check mode no write is sent; a user that would be created is returned as the task describes it.
  - Creating, changing or removing database users needs the Project Database Access Admin role (or Project Owner);
    Project Read Only is enough in check mode.
seealso:
  - name: Atlas Administration API, Database Users
    description: The API operations this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Database-Users
  - name: Atlas built-in roles and privileges
    description: What each database user role allows.
    link: https://www.mongodb.com/docs/atlas/mongo-shell-built-in-roles/
"""

EXAMPLES = r"""
- name: Manage the database users of an application
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: An application user that reads and writes its database on Cluster0 (the password is only set on creation)
      atlas_ops.admin.atlas_database_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: app-orders
        password: "{{ vault_app_orders_password }}"
        roles:
          - role_name: readWrite
            database_name: orders
          - role_name: read
            database_name: catalog
            collection_name: products
        scopes:
          - name: Cluster0
        labels:
          team: orders
        description: Orders service

    - name: Rotate the password (always reports a change)
      atlas_ops.admin.atlas_database_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: app-orders
        password: "{{ vault_app_orders_new_password }}"
        update_password: always

    - name: A Lambda function's IAM role that reads the orders database
      atlas_ops.admin.atlas_database_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: arn:aws:iam::123456789012:role/orders-reporting
        auth_type: AWS_IAM_ROLE
        roles:
          - role_name: read
            database_name: orders

    - name: An LDAP group of analysts with read access to every database
      atlas_ops.admin.atlas_database_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: CN=analysts,OU=groups,DC=example,DC=com
        auth_type: LDAP_GROUP
        roles:
          - role_name: readAnyDatabase
            database_name: admin

    - name: A temporary user for a support session, deleted by Atlas after 8 hours
      atlas_ops.admin.atlas_database_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: support-session
        password: "{{ vault_support_password }}"
        roles:
          - role_name: read
            database_name: orders
        delete_after_date: 8h

    - name: Remove the user
      atlas_ops.admin.atlas_database_user:
        project_id: 5f1e2d3c4b5a697887960a1b
        username: app-orders
        state: absent
"""

RETURN = r"""
database_user:
  description:
    - The database user after the task, as Atlas answered (in check mode, the user the task would leave), in Atlas'
      field names, with C(roles), C(scopes) and C(labels) sorted. Never a password.
    - V(null) after O(state=absent).
  returned: always
  type: dict
  sample:
    username: app-orders
    databaseName: admin
    x509Type: NONE
    awsIAMType: NONE
    ldapAuthType: NONE
    oidcAuthType: NONE
    roles:
      - {databaseName: catalog, roleName: read, collectionName: products}
      - {databaseName: orders, roleName: readWrite}
    scopes: [{name: Cluster0, type: CLUSTER}]
    labels: [{key: team, value: orders}]
    description: Orders service
  contains:
    username:
      description: The user's name.
      returned: when the user exists
      type: str
      sample: app-orders
    databaseName:
      description: The authentication database, V(admin) or V($external).
      returned: when the user exists
      type: str
      sample: admin
    x509Type:
      description: V(MANAGED) or V(CUSTOMER) for an X.509 user, else V(NONE).
      returned: when the user exists
      type: str
      sample: NONE
    awsIAMType:
      description: V(USER) or V(ROLE) for an AWS IAM user, else V(NONE).
      returned: when the user exists
      type: str
      sample: NONE
    ldapAuthType:
      description: V(USER) or V(GROUP) for an LDAP user, else V(NONE).
      returned: when the user exists
      type: str
      sample: NONE
    oidcAuthType:
      description: V(IDP_GROUP) or V(USER) for an OIDC identity, else V(NONE).
      returned: when the user exists
      type: str
      sample: NONE
    roles:
      description: The user's roles, each C(roleName) on C(databaseName) (and C(collectionName) when limited to one).
      returned: when the user exists
      type: list
      elements: dict
      sample: [{databaseName: orders, roleName: readWrite}]
    scopes:
      description: The clusters, data lakes and workspaces the user is limited to (empty, all of them).
      returned: when the user exists
      type: list
      elements: dict
      sample: [{name: Cluster0, type: CLUSTER}]
    labels:
      description: The user's labels, each C(key) and C(value).
      returned: when the user exists
      type: list
      elements: dict
      sample: [{key: team, value: orders}]
    description:
      description: The user's description.
      returned: when the user has one
      type: str
      sample: Orders service
    deleteAfterDate:
      description: When Atlas deletes a temporary user (ISO 8601, UTC).
      returned: when the user is temporary
      type: str
      sample: "2026-12-01T18:00:00Z"
    links:
      description: Links Atlas gives to the user's resources.
      returned: when Atlas answered with the user
      type: list
      elements: dict
      sample: [{href: "https://cloud.mongodb.com/api/atlas/v2/groups/5f1e2d3c4b5a697887960a1b/databaseUsers/admin/app-orders", rel: self}]
"""

import datetime
import re

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import DATABASE_USER, DATABASE_USERS
from ansible_collections.atlas_ops.admin.plugins.module_utils.database_user import AUTH_TYPES, auth_fields, auth_type_of
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import project_option, state_option, warn_ignored
from ansible_collections.atlas_ops.admin.plugins.module_utils.resource import ensure_absent, ensure_present, exit_resource
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import (
    AtlasInputError,
    duration,
    format_timestamp,
    timestamp,
)

# The built-in roles of the spec's DatabaseUserRole.roleName enum (its other entry is "<a custom role name>").
BUILT_IN_ROLES = (
    "atlasAdmin",
    "backup",
    "clusterMonitor",
    "dbAdmin",
    "dbAdminAnyDatabase",
    "enableSharding",
    "read",
    "readAnyDatabase",
    "readWrite",
    "readWriteAnyDatabase",
)
# Roles MongoDB only defines on the admin database.
ADMIN_ONLY_ROLES = ("atlasAdmin", "backup", "clusterMonitor", "dbAdminAnyDatabase", "enableSharding", "readAnyDatabase", "readWriteAnyDatabase")
# Atlas takes a collection with these roles only (as the Terraform provider documents collection_name).
COLLECTION_ROLES = ("read", "readWrite")
CUSTOM_ROLE_RE = re.compile(r"^[A-Za-z0-9_-]+$")
# MongoDB database names: no /\. "$ and at most 64 characters (the spec's scope name pattern for scopes).
DATABASE_NAME_RE = re.compile(r'^[^/\\. "$*<>:|?]{1,64}$')
SCOPE_NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9-]*$")
ARN_RE = {
    "AWS_IAM_USER": re.compile(r"^arn:aws(-[a-z]+)*:iam::\d{12}:user/[\w+=,.@/-]{1,512}$"),
    "AWS_IAM_ROLE": re.compile(r"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$"),
}
OIDC_NAME_RE = re.compile(r"^[0-9a-fA-F]{24}/\S.*$")
DN_ATTRIBUTE_RE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)*)\s*=\s*(.+?)\s*$")
USERNAME_MAX_LENGTH = 1024
DESCRIPTION_MAX_LENGTH = 100
LABEL_MAX_LENGTH = 255
PASSWORD_MIN_LENGTH = 8
MAX_TEMPORARY_LIFETIME = datetime.timedelta(days=7)
RELATIVE_TOLERANCE_SHARE = 0.10
USER_OPTIONS = ("roles", "append_roles", "password", "update_password", "scopes", "labels", "description", "delete_after_date")


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


def _split_dn(value):
    """The attribute=value parts of a distinguished name, split on commas and pluses not escaped by a backslash."""
    return re.split(r"(?<!\\)[,+]", value)


def check_username(username, auth_type):
    """Raise AtlasInputError unless username has the form Atlas expects for auth_type."""
    if not username or len(username) > USERNAME_MAX_LENGTH:
        raise AtlasInputError("username must be 1 to %d characters, got %d" % (USERNAME_MAX_LENGTH, len(username or "")))
    if auth_type in ("SCRAM", "X509_MANAGED"):
        if re.search(r"\s", username):
            raise AtlasInputError("username of a %s user must be a name without spaces such as app-orders, got %r" % (auth_type, username))
        if username.startswith("arn:"):
            raise AtlasInputError("username %r is an ARN: set auth_type to AWS_IAM_USER or AWS_IAM_ROLE" % username)
        if "=" in username:
            raise AtlasInputError("username %r looks like a distinguished name: set auth_type to X509_CUSTOMER, LDAP_USER or LDAP_GROUP" % username)
        if OIDC_NAME_RE.match(username):
            raise AtlasInputError("username %r looks like an OIDC identity: set auth_type to OIDC_IDP_GROUP or OIDC_USER" % username)
        return username
    if auth_type in ARN_RE:
        kind = "user" if auth_type == "AWS_IAM_USER" else "role"
        if not ARN_RE[auth_type].match(username):
            raise AtlasInputError(
                "username of an %s user must be an AWS IAM %s ARN such as arn:aws:iam::123456789012:%s/app-orders, got %r"
                % (auth_type, kind, kind, username)
            )
        return username
    if auth_type.startswith("OIDC_"):
        if not OIDC_NAME_RE.match(username):
            raise AtlasInputError(
                "username of an %s user must be the 24-hexadecimal-digit identity provider id, a / and the identity provider's "
                "name, such as 5dd7496c7a3e5a648454341c/sales, got %r" % (auth_type, username)
            )
        return username
    # X509_CUSTOMER, LDAP_USER, LDAP_GROUP: an RFC 2253 distinguished name.
    parts = [DN_ATTRIBUTE_RE.match(part) for part in _split_dn(username)]
    if not all(parts):
        raise AtlasInputError(
            "username of an %s user must be an RFC 2253 distinguished name such as CN=app-orders,OU=apps,DC=example,DC=com, got %r"
            % (auth_type, username)
        )
    if auth_type == "X509_CUSTOMER" and not any(part.group(1).upper() == "CN" for part in parts):
        raise AtlasInputError("username of an X509_CUSTOMER user must be a distinguished name with a CN (common name), got %r" % username)
    return username


def role_entry(role, option="roles"):
    """A role option (role_name, database_name, collection_name) as Atlas' DatabaseUserRole; raises AtlasInputError."""
    name, database, collection = role.get("role_name"), role.get("database_name"), role.get("collection_name")
    if name not in BUILT_IN_ROLES:
        same_but_case = [known for known in BUILT_IN_ROLES if known.lower() == (name or "").lower()]
        if same_but_case:
            raise AtlasInputError("%s: role_name %r is written %s in Atlas (role names are case-sensitive)" % (option, name, same_but_case[0]))
        if not name or not CUSTOM_ROLE_RE.match(name):
            raise AtlasInputError(
                "%s: role_name must be a built-in role (%s) or the name of a custom role of letters, digits, _ and -, got %r"
                % (option, ", ".join(BUILT_IN_ROLES), name)
            )
    if not database or not DATABASE_NAME_RE.match(database):
        raise AtlasInputError(
            "%s: database_name of %s must be a database name of 1 to 64 characters without / \\ . space \" $, got %r" % (option, name, database)
        )
    if name in ADMIN_ONLY_ROLES and database != "admin":
        raise AtlasInputError("%s: %s only exists on the admin database: set database_name to admin, got %r" % (option, name, database))
    entry = {"databaseName": database, "roleName": name}
    if collection is not None:
        if name not in COLLECTION_ROLES:
            raise AtlasInputError("%s: collection_name can only be given with the read and readWrite roles, not %s" % (option, name))
        if not collection or collection.startswith("system.") or "$" in collection:
            raise AtlasInputError("%s: collection_name must be a collection name (not empty, no $, not system.*), got %r" % (option, collection))
        entry["collectionName"] = collection
    return entry


def scope_entry(scope, option="scopes"):
    name, kind = scope.get("name"), scope.get("type")
    if not name or not SCOPE_NAME_RE.match(name):
        raise AtlasInputError("%s: name must be a cluster, data lake or workspace name of ASCII letters, digits and hyphens, got %r" % (option, name))
    return {"name": name, "type": kind}


def label_entries(labels, option="labels"):
    """A dict of labels as Atlas' list of {key, value}, sorted; raises AtlasInputError for an empty or long key or value."""
    entries = []
    for key, value in sorted((labels or {}).items()):
        value = "" if value is None else str(value)
        for what, text in (("key", str(key)), ("value", value)):
            if not 1 <= len(text) <= LABEL_MAX_LENGTH:
                raise AtlasInputError("%s: each %s must be 1 to %d characters, got %r" % (option, what, LABEL_MAX_LENGTH, text))
        entries.append({"key": str(key), "value": value})
    return entries


def desired_delete_after(value, now, current=None):
    """The deleteAfterDate to ask for (Atlas' text form) from an absolute time or a duration.

    A duration keeps the current date when it is within 10% of the duration of now + the duration.
    Raises AtlasInputError for a malformed time, a past one, or one more than a week ahead (Atlas' limit).
    """
    text = str(value).strip()
    relative = not re.match(r"^\d{4}-", text)
    if relative:
        length = duration(text, "delete_after_date")
        try:
            target = (now + length).replace(microsecond=0)
        except OverflowError:
            raise AtlasInputError("delete_after_date must be at most one week from now (Atlas' limit), got %r" % value)
    else:
        target = timestamp(text, "delete_after_date").replace(microsecond=0)
    if target <= now:
        raise AtlasInputError("delete_after_date must be a time in the future (it is now %s), got %r" % (format_timestamp(now), value))
    if target > now + MAX_TEMPORARY_LIFETIME:
        raise AtlasInputError(
            "delete_after_date must be at most one week from now (Atlas' limit: before %s), got %r" % (format_timestamp(now + MAX_TEMPORARY_LIFETIME), value)
        )
    if relative and current:
        try:
            existing = timestamp(current, "deleteAfterDate")
        except AtlasInputError:
            existing = None
        if existing is not None and abs(existing - target) <= length * RELATIVE_TOLERANCE_SHARE:
            return current
    return format_timestamp(target)


def _canonical_role(role):
    entry = {"databaseName": role.get("databaseName"), "roleName": role.get("roleName")}
    if role.get("collectionName"):
        entry["collectionName"] = role["collectionName"]
    return entry


def _key(item):
    return tuple(sorted(item.items()))


def sorted_items(items):
    """A list of flat dicts in one stable order, without duplicates (how roles, scopes and labels compare as sets)."""
    unique = dict((_key(item), item) for item in items or [])
    return [unique[key] for key in sorted(unique)]


def planned_roles(current, wanted, append):
    """The roles the user ends up with: wanted, or with append_roles the current ones plus wanted. Sorted."""
    roles = [_canonical_role(role) for role in wanted]
    if append:
        roles += [_canonical_role(role) for role in current or []]
    return sorted_items(roles)


def shown(user):
    """The user as the task returns it: Atlas' fields, roles/scopes/labels sorted, never a password."""
    if user is None:
        return None
    result = dict((key, value) for key, value in user.items() if key != "password")
    for key in ("roles", "scopes", "labels"):
        if isinstance(result.get(key), list):
            result[key] = sorted_items([_canonical_role(item) for item in result[key]] if key == "roles" else result[key])
    return result


def user_differs(current, desired):
    """Whether the current user (shown()) differs from desired in a field desired sets (None: unmanaged)."""
    for key, value in desired.items():
        if value is None:
            continue
        have = current.get(key)
        if key in ("roles", "scopes", "labels"):
            if sorted_items(have or []) != sorted_items(value):
                return True
        elif key == "description":
            # Atlas may leave out an empty description.
            if (have or "") != value:
                return True
        elif key == "deleteAfterDate":
            if not same_moment(have, value):
                return True
        elif have != value:
            return True
    return False


def same_moment(have, want):
    """Whether two Atlas times are the same second, whatever their notation (Z, +00:00, milliseconds)."""
    try:
        return timestamp(have, "deleteAfterDate").replace(microsecond=0) == timestamp(want, "deleteAfterDate").replace(microsecond=0)
    except (AtlasInputError, TypeError):
        return have == want


def check_options(params, now):
    """Every option of the module, checked before any request; returns the normalised values or raises AtlasInputError."""
    auth_type = params["auth_type"]
    checked = {"username": check_username(params["username"], auth_type)}
    if params["password"] is not None:
        if auth_type != "SCRAM":
            raise AtlasInputError("password is only for SCRAM users: a %s user has no password in Atlas; remove password" % auth_type)
        if len(params["password"]) < PASSWORD_MIN_LENGTH:
            raise AtlasInputError("password must be at least %d characters (Atlas' minimum)" % PASSWORD_MIN_LENGTH)
    if params["roles"] is not None:
        checked["roles"] = [role_entry(role, "roles[%d]" % index) for index, role in enumerate(params["roles"])]
    if params["scopes"] is not None:
        checked["scopes"] = [scope_entry(scope, "scopes[%d]" % index) for index, scope in enumerate(params["scopes"])]
    if params["labels"] is not None:
        checked["labels"] = label_entries(params["labels"])
    if params["description"] is not None and len(params["description"]) > DESCRIPTION_MAX_LENGTH:
        raise AtlasInputError("description must be at most %d characters, got %d" % (DESCRIPTION_MAX_LENGTH, len(params["description"])))
    if params["delete_after_date"] is not None:
        desired_delete_after(params["delete_after_date"], now)  # the form and range, before any request
    return checked


def main():
    module = AtlasModule(
        argument_spec=dict(
            project_option(),
            username=dict(type="str", required=True),
            auth_type=dict(type="str", choices=list(AUTH_TYPES), default="SCRAM"),
            password=dict(type="str", no_log=True),
            update_password=dict(type="str", choices=["on_create", "always"], default="on_create", no_log=False),
            roles=dict(
                type="list",
                elements="dict",
                options=dict(
                    role_name=dict(type="str", required=True),
                    database_name=dict(type="str", required=True),
                    collection_name=dict(type="str"),
                ),
            ),
            append_roles=dict(type="bool", default=False),
            scopes=dict(
                type="list",
                elements="dict",
                options=dict(name=dict(type="str", required=True), type=dict(type="str", choices=["CLUSTER", "DATA_LAKE", "STREAM"], default="CLUSTER")),
            ),
            labels=dict(type="dict"),
            description=dict(type="str"),
            delete_after_date=dict(type="str"),
            state=state_option(),
        ),
        supports_check_mode=True,
    )
    params = module.params
    project_id, username, auth_type = params["project_id"], params["username"], params["auth_type"]
    present = params["state"] == "present"
    now = utc_now()
    with module.api_errors("check the options"):
        checked = check_options(params, now)
    if present and checked.get("roles") == [] and not params["append_roles"]:
        module.fail_json(msg="roles must list at least one role (a database user needs one); to remove the user use state=absent.")
    if not present:
        warn_ignored(module, USER_OPTIONS, when="state=absent")
    elif params["update_password"] == "always" and params["password"] is None:
        module.warn("update_password=always has no effect without password.")
    fields = auth_fields(auth_type)
    database = fields["databaseName"]
    target = dict(groupId=project_id, databaseName=database, username=username)

    client = module.client
    action = "set database user %s (%s) in project %s" if present else "remove database user %s (%s) from project %s"
    with module.api_errors(action % (username, database, project_id)):
        before = shown(client.get_if_exists(DATABASE_USER, **target))
        if not present:
            changed, after = ensure_absent(module, before, delete=lambda user: client.delete_if_exists(DATABASE_USER, **target))
            exit_resource(module, "database_user", changed, before, after)
            return
        if before is not None and auth_type_of(before) != auth_type:
            module.fail_json(
                msg="Database user %s (%s) exists in project %s as a %s user, not %s: Atlas cannot change how a user authenticates; "
                "remove it (state=absent) and create it again." % (username, database, project_id, auth_type_of(before) or "differently typed", auth_type)
            )
        if before is None and checked.get("roles") in (None, []):
            module.fail_json(msg="roles is required to create database user %s: a database user needs at least one role." % username)
        if before is None and auth_type == "SCRAM" and params["password"] is None:
            module.fail_json(msg="password is required to create the SCRAM database user %s (at least %d characters)." % (username, PASSWORD_MIN_LENGTH))

        desired = dict(fields, username=username)
        if "roles" in checked:
            desired["roles"] = planned_roles((before or {}).get("roles"), checked["roles"], params["append_roles"] and before is not None)
        desired["scopes"] = sorted_items(checked["scopes"]) if "scopes" in checked else None
        desired["labels"] = checked.get("labels")
        desired["description"] = params["description"]
        if params["delete_after_date"] is not None:
            desired["deleteAfterDate"] = desired_delete_after(params["delete_after_date"], now, (before or {}).get("deleteAfterDate"))
        send_password = params["password"] is not None and (before is None or params["update_password"] == "always")

        def body(password):
            # groupId, databaseName, username and roles are required by the spec in every body.
            sent = dict((key, value) for key, value in desired.items() if value is not None)
            sent["groupId"] = project_id
            sent.setdefault("roles", (before or {}).get("roles") or [])
            if password and params["password"] is not None:
                sent["password"] = params["password"]
            return sent

        changed, after = ensure_present(
            module,
            before,
            desired,
            create=lambda: shown(client.post(DATABASE_USERS, body=body(True), groupId=project_id)),
            update=lambda current: shown(client.patch(DATABASE_USER, body=body(send_password), **target)),
            compare=lambda current, wanted: send_password or user_differs(current, wanted),
        )
    exit_resource(module, "database_user", changed, before, shown(after))


if __name__ == "__main__":
    main()
