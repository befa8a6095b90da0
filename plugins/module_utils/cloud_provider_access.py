# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Cloud provider access roles as Atlas lists them: one copy for every module.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

GET /groups/{groupId}/cloudProviderAccess answers one object with a list per provider, and Atlas
identifies Azure roles by _id where AWS and GCP roles have roleId.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

PROVIDERS = ("AWS", "AZURE", "GCP")
# Where GET /groups/{groupId}/cloudProviderAccess lists each provider's roles.
LIST_KEYS = {"AWS": "awsIamRoles", "AZURE": "azureServicePrincipals", "GCP": "gcpServiceAccounts"}


def with_role_id(role):
    """The role as Atlas sent it, plus roleId for an Azure role (which Atlas identifies by _id).

    The one place the two names meet: everything else reads roleId.
    """
    if role is None:
        return None
    role = dict(role)
    if "roleId" not in role and "_id" in role:
        role["roleId"] = role["_id"]
    return role


def roles_of(answer, provider):
    """One provider's roles from the answer of GET /groups/{groupId}/cloudProviderAccess, each with roleId."""
    return [with_role_id(role) for role in (answer or {}).get(LIST_KEYS[provider]) or []]
