# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Atlas Admin API v2 operations the collection calls: their names, versions and "absent" codes.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

Modules name an operation by the path constant below and an HTTP method, never by a retyped path:

    client.get(CLUSTER, groupId=project_id, clusterName=name)

API_VERSIONS gives each operation's versioned media type, taken from MongoDB's published OpenAPI
spec: the newest version the operation offers, except where a comment says why an older one is used.
ABSENT_ERROR_CODES says which 404 error codes mean that the resource a path names does not exist, with
the evidence for each (anything else, such as GROUP_NOT_FOUND for a wrong project id, is an error).
tests/unit/plugins/module_utils/test_api_versions.py checks every entry against the spec.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections

API_PREFIX = "/api/atlas/v2"

# -- Endpoint names: path templates below API_PREFIX ------------------------------------------------
# Clusters
CLUSTERS = "/groups/{groupId}/clusters"
CLUSTER = "/groups/{groupId}/clusters/{clusterName}"
CLUSTER_GRANT_EMPLOYEE_ACCESS = "/groups/{groupId}/clusters/{clusterName}:grantMongoDBEmployeeAccess"
CLUSTER_REVOKE_EMPLOYEE_ACCESS = "/groups/{groupId}/clusters/{clusterName}:revokeMongoDBEmployeeAccess"
# Network peering
CONTAINERS = "/groups/{groupId}/containers"
CONTAINERS_ALL = "/groups/{groupId}/containers/all"
CONTAINER = "/groups/{groupId}/containers/{containerId}"
PEERS = "/groups/{groupId}/peers"
PEER = "/groups/{groupId}/peers/{peerId}"
# Cloud provider access
CLOUD_PROVIDER_ACCESS = "/groups/{groupId}/cloudProviderAccess"
CLOUD_PROVIDER_ACCESS_ROLE = "/groups/{groupId}/cloudProviderAccess/{roleId}"
CLOUD_PROVIDER_ACCESS_PROVIDER_ROLE = "/groups/{groupId}/cloudProviderAccess/{cloudProvider}/{roleId}"
# Service account access lists, organization and project level
ORG_SERVICE_ACCOUNT = "/orgs/{orgId}/serviceAccounts/{clientId}"
ORG_SERVICE_ACCOUNT_ACCESS_LIST = "/orgs/{orgId}/serviceAccounts/{clientId}/accessList"
ORG_SERVICE_ACCOUNT_ACCESS_LIST_ENTRY = "/orgs/{orgId}/serviceAccounts/{clientId}/accessList/{ipAddress}"
PROJECT_SERVICE_ACCOUNT = "/groups/{groupId}/serviceAccounts/{clientId}"
PROJECT_SERVICE_ACCOUNT_ACCESS_LIST = "/groups/{groupId}/serviceAccounts/{clientId}/accessList"
PROJECT_SERVICE_ACCOUNT_ACCESS_LIST_ENTRY = "/groups/{groupId}/serviceAccounts/{clientId}/accessList/{ipAddress}"
# Project users
PROJECT_USERS = "/groups/{groupId}/users"
PROJECT_USER = "/groups/{groupId}/users/{userId}"
PROJECT_USER_ADD_ROLE = "/groups/{groupId}/users/{userId}:addRole"
PROJECT_USER_REMOVE_ROLE = "/groups/{groupId}/users/{userId}:removeRole"
# Organization users
ORG_USERS = "/orgs/{orgId}/users"
ORG_USER = "/orgs/{orgId}/users/{userId}"
ORG_USER_ADD_ROLE = "/orgs/{orgId}/users/{userId}:addRole"
ORG_USER_REMOVE_ROLE = "/orgs/{orgId}/users/{userId}:removeRole"
# Online archives
ONLINE_ARCHIVES = "/groups/{groupId}/clusters/{clusterName}/onlineArchives"
ONLINE_ARCHIVE = "/groups/{groupId}/clusters/{clusterName}/onlineArchives/{archiveId}"
# Database users (a user is named by its authentication database and its username)
DATABASE_USERS = "/groups/{groupId}/databaseUsers"
DATABASE_USER = "/groups/{groupId}/databaseUsers/{databaseName}/{username}"
# Projects: created through /groups, found by name within an organization through /orgs/{orgId}/groups
PROJECTS = "/groups"
PROJECT = "/groups/{groupId}"
ORG_PROJECTS = "/orgs/{orgId}/groups"
# Project IP access list
PROJECT_ACCESS_LIST = "/groups/{groupId}/accessList"
PROJECT_ACCESS_LIST_ENTRY = "/groups/{groupId}/accessList/{entryValue}"

# (HTTP method, endpoint) -> version date
API_VERSIONS = {
    ("GET", CLUSTERS): "2024-08-05",
    ("GET", CLUSTER): "2024-08-05",
    ("POST", CLUSTER_GRANT_EMPLOYEE_ACCESS): "2024-08-05",
    ("POST", CLUSTER_REVOKE_EMPLOYEE_ACCESS): "2024-08-05",
    ("GET", CONTAINERS): "2023-01-01",
    ("POST", CONTAINERS): "2023-01-01",
    ("GET", CONTAINERS_ALL): "2023-01-01",
    ("GET", CONTAINER): "2023-01-01",
    ("PATCH", CONTAINER): "2023-01-01",
    ("DELETE", CONTAINER): "2023-01-01",
    ("GET", PEERS): "2023-01-01",
    ("POST", PEERS): "2023-01-01",
    ("GET", PEER): "2023-01-01",
    ("PATCH", PEER): "2023-01-01",
    ("DELETE", PEER): "2023-01-01",
    ("GET", CLOUD_PROVIDER_ACCESS): "2023-01-01",
    ("POST", CLOUD_PROVIDER_ACCESS): "2023-01-01",
    ("GET", CLOUD_PROVIDER_ACCESS_ROLE): "2023-01-01",
    ("PATCH", CLOUD_PROVIDER_ACCESS_ROLE): "2023-01-01",
    ("DELETE", CLOUD_PROVIDER_ACCESS_PROVIDER_ROLE): "2023-01-01",
    ("GET", ORG_SERVICE_ACCOUNT): "2024-08-05",
    ("GET", ORG_SERVICE_ACCOUNT_ACCESS_LIST): "2024-08-05",
    ("POST", ORG_SERVICE_ACCOUNT_ACCESS_LIST): "2024-08-05",
    ("DELETE", ORG_SERVICE_ACCOUNT_ACCESS_LIST_ENTRY): "2024-08-05",
    ("GET", PROJECT_SERVICE_ACCOUNT): "2024-08-05",
    ("GET", PROJECT_SERVICE_ACCOUNT_ACCESS_LIST): "2024-08-05",
    ("POST", PROJECT_SERVICE_ACCOUNT_ACCESS_LIST): "2024-08-05",
    ("DELETE", PROJECT_SERVICE_ACCOUNT_ACCESS_LIST_ENTRY): "2024-08-05",
    # Users: 2025-02-19 also lists pending users, which older versions hide
    ("GET", PROJECT_USERS): "2025-02-19",
    ("POST", PROJECT_USERS): "2025-02-19",
    ("GET", PROJECT_USER): "2025-02-19",
    ("DELETE", PROJECT_USER): "2025-02-19",
    ("POST", PROJECT_USER_ADD_ROLE): "2025-02-19",
    ("POST", PROJECT_USER_REMOVE_ROLE): "2025-02-19",
    ("GET", ORG_USERS): "2025-02-19",
    ("POST", ORG_USERS): "2025-02-19",
    ("GET", ORG_USER): "2025-02-19",
    ("PATCH", ORG_USER): "2025-02-19",
    ("DELETE", ORG_USER): "2025-02-19",
    ("POST", ORG_USER_ADD_ROLE): "2025-02-19",
    ("POST", ORG_USER_REMOVE_ROLE): "2025-02-19",
    ("GET", ONLINE_ARCHIVES): "2023-01-01",
    ("POST", ONLINE_ARCHIVES): "2023-01-01",
    ("GET", ONLINE_ARCHIVE): "2023-01-01",
    ("PATCH", ONLINE_ARCHIVE): "2023-01-01",
    ("DELETE", ONLINE_ARCHIVE): "2023-01-01",
    # Database users: 2023-01-01 is the only version the spec offers.
    ("POST", DATABASE_USERS): "2023-01-01",
    ("GET", DATABASE_USER): "2023-01-01",
    ("PATCH", DATABASE_USER): "2023-01-01",
    ("DELETE", DATABASE_USER): "2023-01-01",
    ("POST", PROJECTS): "2023-01-01",
    ("GET", PROJECT): "2023-01-01",
    ("PATCH", PROJECT): "2023-01-01",
    ("DELETE", PROJECT): "2023-01-01",
    ("GET", ORG_PROJECTS): "2023-01-01",
    ("GET", PROJECT_ACCESS_LIST): "2023-01-01",
    ("POST", PROJECT_ACCESS_LIST): "2023-01-01",
    ("DELETE", PROJECT_ACCESS_LIST_ENTRY): "2023-01-01",
    # Cluster writes: 2024-10-23 takes and answers the same ClusterDescription20240805 shape as the
    # GET CLUSTER read at 2024-08-05 (its newest), so the read that compares has the write's shape.
    ("POST", CLUSTERS): "2024-10-23",
    ("PATCH", CLUSTER): "2024-10-23",
    ("DELETE", CLUSTER): "2023-02-01",
    # The database users list (atlas_database_user_info): 2023-01-01, the only version the spec offers.
    ("GET", DATABASE_USERS): "2023-01-01",
}

# Endpoint -> the 404 error codes that mean "the resource this path names does not exist", each with
# its evidence: a recording of real Atlas (real-atlas-cli: the Atlas CLI's recordings; real-atlas-
# responses: the Terraform provider's), Atlas' published error code table ("documented"), or
# "unproven" with why a wrong guess cannot do harm.
# An endpoint not listed here never reads a 404 as "absent". A 404 with any other code (a wrong
# project or organization id: GROUP_NOT_FOUND, ORG_NOT_FOUND...) always fails, so that a typo can
# never make `state: absent` look done.
#
# A code that names its resource (CLUSTER_NOT_FOUND) means absent at once. Atlas' generic code
# RESOURCE_NOT_FOUND does not say which part of the path is missing, so it means absent only when
# the resource's scope is known to exist: an AbsentCode with a scope counts once a request of the
# same task on the scope's ids (e.g. the project and cluster of an archive) has succeeded; when none
# has, the client reads SCOPE (one GET) and a wrong project or cluster fails with that read's error.
# A wrong guess can then only make a task fail where it could have reported "absent", never the
# reverse.
GENERIC_NOT_FOUND = "RESOURCE_NOT_FOUND"


# scope: the endpoint whose success proves the resource's parent exists (None: the code names the resource).
AbsentCode = collections.namedtuple("AbsentCode", ["code", "evidence", "scope"])
AbsentCode.__new__.__defaults__ = (None,)


UNPROVEN_SPECIFIC = (
    "unproven: the simulator's guess; it names this kind of resource, not its project or organization, so a wrong "
    "parent id is never taken for it; a wrong guess can only make a removal fail"
)
UNPROVEN_GENERIC = "unproven: Atlas' generic 404; counts only within a scope read in the same task"
ABSENT_ERROR_CODES = {
    CLUSTER: (
        AbsentCode(
            "CLUSTER_NOT_FOUND",
            "recorded: real-atlas-cli GET_groups_{groupId}_clusters_{clusterName}/29.json; "
            "real-atlas-responses GET_groups_{groupId}_clusters_{clusterName}_2024-08-05_404.json",
        ),
    ),
    # The spec names no code for a missing peering; the simulator answers the generic one.
    PEER: (AbsentCode(GENERIC_NOT_FOUND, UNPROVEN_GENERIC, scope=PEERS),),
    # The spec names no code for a user id that is not in the project (or organization: a cancelled
    # invitation, a member who left); USER_NOT_FOUND is the simulator's.
    PROJECT_USER: (AbsentCode("USER_NOT_FOUND", UNPROVEN_SPECIFIC),),
    ORG_USER: (AbsentCode("USER_NOT_FOUND", UNPROVEN_SPECIFIC),),
    # Atlas answers CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND for an unknown role id given to another
    # endpoint; the spec names no code for the role's own paths.
    CLOUD_PROVIDER_ACCESS_ROLE: (
        AbsentCode("CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND", "unproven for this path: seen from another endpoint; it names this resource"),
        AbsentCode(GENERIC_NOT_FOUND, UNPROVEN_GENERIC, scope=CLOUD_PROVIDER_ACCESS),
    ),
    CLOUD_PROVIDER_ACCESS_PROVIDER_ROLE: (
        AbsentCode("CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND", "unproven for this path: seen from another endpoint; it names this resource"),
        AbsentCode(GENERIC_NOT_FOUND, UNPROVEN_GENERIC, scope=CLOUD_PROVIDER_ACCESS),
    ),
    # A missing archive: the README of real-atlas-cli (the Atlas CLI's online archive tests) reports
    # 404 RESOURCE_NOT_FOUND; the answer itself is not among its files. The generic code counts once the
    # cluster's archive list (or another archive call of the cluster) answered in the task; a wrong
    # cluster answers CLUSTER_NOT_FOUND and a wrong project an error of the project, which fail.
    ONLINE_ARCHIVE: (AbsentCode(GENERIC_NOT_FOUND, "reported by the real-atlas-cli README (Atlas CLI online archive tests)", scope=ONLINE_ARCHIVES),),
    # The spec names no code for a missing database user. USERNAME_NOT_FOUND is the code MongoDB's own
    # Atlas Kubernetes operator reads as "the database user does not exist"; not seen in a recording here.
    # It names this kind of resource: a wrong project answers GROUP_NOT_FOUND, an error.
    DATABASE_USER: (AbsentCode("USERNAME_NOT_FOUND", "unproven: the code MongoDB's Atlas Kubernetes operator reads as a missing database user"),),
    # Atlas' documented code for a project id that does not exist ("No group with ID %s exists."): on the
    # project's own path it means this project is absent.
    PROJECT: (AbsentCode("GROUP_NOT_FOUND", "documented: Atlas' error code table; on the project's own path it names this project"),),
    # "IP Address %s not on Atlas access list for group %s", for GET and DELETE of an entry not on the list
    # (seen in MongoDB's own CI logs against real Atlas). A wrong project answers GROUP_NOT_FOUND: an error.
    PROJECT_ACCESS_LIST_ENTRY: (
        AbsentCode("ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND", "unproven here: seen from real Atlas in MongoDB's CI logs; it names this entry"),
    ),
    # No recording shows a missing service account access list entry: the generic code counts within the
    # account's list, which the module has just read.
    ORG_SERVICE_ACCOUNT_ACCESS_LIST_ENTRY: (AbsentCode(GENERIC_NOT_FOUND, UNPROVEN_GENERIC, scope=ORG_SERVICE_ACCOUNT_ACCESS_LIST),),
    PROJECT_SERVICE_ACCOUNT_ACCESS_LIST_ENTRY: (AbsentCode(GENERIC_NOT_FOUND, UNPROVEN_GENERIC, scope=PROJECT_SERVICE_ACCOUNT_ACCESS_LIST),),
}


class UnknownOperation(Exception):
    """A module called an operation that is not in API_VERSIONS (a bug in the collection)."""


def media_type(version):
    return "application/vnd.atlas.%s+json" % version


def version_for(method, template):
    """Return the version date of the operation METHOD TEMPLATE; raise UnknownOperation for an unknown one."""
    try:
        return API_VERSIONS[(method.upper(), template)]
    except KeyError:
        raise UnknownOperation(
            "atlas_ops.admin has no API version for %s %s: this is a bug in the collection, please report it." % (method.upper(), template)
        )


def absent_code(template, status, error_code):
    """The AbsentCode entry an answer (status, errorCode) to a call of TEMPLATE matches, or None."""
    if status != 404:
        return None
    for entry in ABSENT_ERROR_CODES.get(template, ()):
        if entry.code == error_code:
            return entry
    return None


def means_absent(template, status, error_code):
    """Whether an answer (status, errorCode) to a call of TEMPLATE says, by itself, that its resource
    does not exist. A generic code within a scope is decided by the client (AtlasClient.request), which
    knows what the task has read."""
    entry = absent_code(template, status, error_code)
    return entry is not None and entry.scope is None
