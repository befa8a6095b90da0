#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_sa_access_list_info
short_description: Read the IP access list of a MongoDB Atlas service account
version_added: 0.1.0
description:
  - Returns the entries of the IP access list of one Atlas service account, at organization level (O(org_id))
    or at project level (O(project_id)), as Atlas returns them, each with its address (C(ipAddress)) or
    network (C(cidrBlock)) and when and from where it was last used.
  - Reads every page of the list, 500 entries a page (resource version 2024-08-05).
  - A service account that does not exist (or, with O(project_id), was not added to the project) fails the
    task, and so do an organization or a project that does not exist; none of them is reported as an empty
    list. When the list is empty, the module reads the service account itself to make sure it exists.
  - Never changes anything.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes.info
  - atlas_ops.admin.scope.org_or_project
  - atlas_ops.admin.scope.service_account
options:
  address:
    description:
      - Return only the entries that let this IPv4 or IPv6 address in, such as V(203.0.113.10) or
        V(2001:db8::1) - the entry that is this address, and every CIDR block that contains it.
    type: str
seealso:
  - module: atlas_ops.admin.atlas_sa_access_list
  - name: Atlas Administration API, Return All Access List Entries for One Organization Service Account
    description: The API operation this module calls at organization level.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Service-Accounts/operation/listOrgServiceAccountAccessList
"""

EXAMPLES = r"""
- name: Review the access list of a service account
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Read the organization-level access list of the service account
      atlas_ops.admin.atlas_sa_access_list_info:
        org_id: 5f1e2d3c4b5a697887960a1a
        service_account_id: mdb_sa_id_5f1e2d3c4b5a697887960a1c
      register: org_list

    - name: Show the entries that let any address in
      ansible.builtin.debug:
        msg: "{{ org_list.entries | selectattr('cidrBlock', 'defined') | selectattr('cidrBlock', 'in', ['0.0.0.0/0', '::/0']) | list }}"

    - name: Find the project-level entries that let the CI runner in
      atlas_ops.admin.atlas_sa_access_list_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        service_account_id: mdb_sa_id_5f1e2d3c4b5a697887960a1c
        address: 203.0.113.10
      register: ci_entries
"""

RETURN = r"""
entries:
  description:
    - The entries of the access list, as Atlas returns them (C(ServiceAccountIPAccessListEntry), resource
      version 2024-08-05), in Atlas' order. An entry has C(ipAddress) or C(cidrBlock).
    - M(atlas_ops.admin.atlas_sa_access_list) returns the same list as C(access_list).
    - An empty list when the service account's list is empty, or when no entry lets O(address) in.
  returned: always
  type: list
  elements: dict
  sample:
    - ipAddress: 203.0.113.10
      createdAt: "2026-11-01T10:00:00Z"
      lastUsedAddress: 203.0.113.10
      lastUsedAt: "2026-12-01T08:00:00Z"
      requestCount: 42
    - cidrBlock: 198.51.100.0/24
      createdAt: "2026-11-01T10:00:00Z"
      requestCount: 0
  contains:
    ipAddress:
      description: The address of an entry that is one address.
      returned: for an address
      type: str
    cidrBlock:
      description: The network of an entry that is a CIDR block.
      returned: for a CIDR block
      type: str
    createdAt:
      description: When the entry was added (ISO 8601, UTC).
      returned: always
      type: str
    lastUsedAddress:
      description: The address the most recent request through this entry came from.
      returned: when the entry was used
      type: str
    lastUsedAt:
      description: When the entry was last used (ISO 8601, UTC).
      returned: when the entry was used
      type: str
    requestCount:
      description: How many requests came through this entry.
      returned: always
      type: int
"""

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import (
    ORG_SERVICE_ACCOUNT,
    ORG_SERVICE_ACCOUNT_ACCESS_LIST,
    PROJECT_SERVICE_ACCOUNT,
    PROJECT_SERVICE_ACCOUNT_ACCESS_LIST,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.access_list import address_filter
from ansible_collections.atlas_ops.admin.plugins.module_utils.info import run_info_module
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import service_account_option

# Scope path parameter -> (the access list, the service account) at that level.
ENDPOINTS = {
    "orgId": (ORG_SERVICE_ACCOUNT_ACCESS_LIST, ORG_SERVICE_ACCOUNT),
    "groupId": (PROJECT_SERVICE_ACCOUNT_ACCESS_LIST, PROJECT_SERVICE_ACCOUNT),
}


def read_access_list(call):
    """Every entry of the list. An empty list is only returned once the service account is known to exist.

    Atlas should answer 404 for the list of an unknown service account (the spec lists it), but that is
    unproven for real Atlas; an empty list that meant a mistyped id would tell an audit that nothing is
    allowed, so the account itself is read then, and its 404 fails the task.
    """
    list_path, account_path = ENDPOINTS["orgId" if "orgId" in call.scope else "groupId"]
    path_params = dict(call.scope, clientId=call.params["service_account_id"])
    entries = call.client.get_all(list_path, **path_params)
    if not entries:
        call.client.get(account_path, **path_params)
    return entries


def main():
    run_info_module(
        "entries",
        what=lambda params, where: "the access list of service account %s in %s" % (params["service_account_id"], where),
        read=read_access_list,
        scope="org_or_project",
        **address_filter(**service_account_option())
    )


if __name__ == "__main__":
    main()
