# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The versioned media type of every Atlas Admin API v2 operation the collection calls.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

One table, taken from MongoDB's published OpenAPI spec: each entry is the newest
version the operation offers, except where a comment says why an older one is used.
tests/unit/plugins/module_utils/test_api_versions.py checks every entry against the spec.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

API_PREFIX = "/api/atlas/v2"

# (HTTP method, path template below API_PREFIX) -> version date
API_VERSIONS = {
    # Clusters
    ("GET", "/groups/{groupId}/clusters"): "2024-08-05",
    ("GET", "/groups/{groupId}/clusters/{clusterName}"): "2024-08-05",
    ("POST", "/groups/{groupId}/clusters/{clusterName}:grantMongoDBEmployeeAccess"): "2024-08-05",
    ("POST", "/groups/{groupId}/clusters/{clusterName}:revokeMongoDBEmployeeAccess"): "2024-08-05",
    # Network peering
    ("GET", "/groups/{groupId}/containers"): "2023-01-01",
    ("POST", "/groups/{groupId}/containers"): "2023-01-01",
    ("GET", "/groups/{groupId}/containers/all"): "2023-01-01",
    ("GET", "/groups/{groupId}/containers/{containerId}"): "2023-01-01",
    ("PATCH", "/groups/{groupId}/containers/{containerId}"): "2023-01-01",
    ("DELETE", "/groups/{groupId}/containers/{containerId}"): "2023-01-01",
    ("GET", "/groups/{groupId}/peers"): "2023-01-01",
    ("POST", "/groups/{groupId}/peers"): "2023-01-01",
    ("GET", "/groups/{groupId}/peers/{peerId}"): "2023-01-01",
    ("PATCH", "/groups/{groupId}/peers/{peerId}"): "2023-01-01",
    ("DELETE", "/groups/{groupId}/peers/{peerId}"): "2023-01-01",
    # Cloud provider access
    ("GET", "/groups/{groupId}/cloudProviderAccess"): "2023-01-01",
    ("POST", "/groups/{groupId}/cloudProviderAccess"): "2023-01-01",
    ("GET", "/groups/{groupId}/cloudProviderAccess/{roleId}"): "2023-01-01",
    ("PATCH", "/groups/{groupId}/cloudProviderAccess/{roleId}"): "2023-01-01",
    ("DELETE", "/groups/{groupId}/cloudProviderAccess/{cloudProvider}/{roleId}"): "2023-01-01",
    # Service account access lists, organization and project level
    ("GET", "/orgs/{orgId}/serviceAccounts/{clientId}"): "2024-08-05",
    ("GET", "/orgs/{orgId}/serviceAccounts/{clientId}/accessList"): "2024-08-05",
    ("POST", "/orgs/{orgId}/serviceAccounts/{clientId}/accessList"): "2024-08-05",
    ("DELETE", "/orgs/{orgId}/serviceAccounts/{clientId}/accessList/{ipAddress}"): "2024-08-05",
    ("GET", "/groups/{groupId}/serviceAccounts/{clientId}"): "2024-08-05",
    ("GET", "/groups/{groupId}/serviceAccounts/{clientId}/accessList"): "2024-08-05",
    ("POST", "/groups/{groupId}/serviceAccounts/{clientId}/accessList"): "2024-08-05",
    ("DELETE", "/groups/{groupId}/serviceAccounts/{clientId}/accessList/{ipAddress}"): "2024-08-05",
    # Project users: 2025-02-19 also lists pending users, which older versions hide
    ("GET", "/groups/{groupId}/users"): "2025-02-19",
    ("POST", "/groups/{groupId}/users"): "2025-02-19",
    ("GET", "/groups/{groupId}/users/{userId}"): "2025-02-19",
    ("DELETE", "/groups/{groupId}/users/{userId}"): "2025-02-19",
    ("POST", "/groups/{groupId}/users/{userId}:addRole"): "2025-02-19",
    ("POST", "/groups/{groupId}/users/{userId}:removeRole"): "2025-02-19",
}


def media_type(version):
    return "application/vnd.atlas.%s+json" % version


def version_for(method, template):
    """Return the version date of the operation METHOD TEMPLATE, or raise KeyError for an unknown one."""
    return API_VERSIONS[(method.upper(), template)]
