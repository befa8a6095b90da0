#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_project_ip_access_list_info
short_description: Read the IP access list of a MongoDB Atlas project
version_added: 0.1.0
description:
  - Returns the entries of the IP access list of one Atlas project (who may connect to its clusters) as Atlas
    returns them, each with its address (C(ipAddress), which Atlas also shows as a host C(cidrBlock)), network
    (C(cidrBlock)) or AWS security group (C(awsSecurityGroup)), its C(comment) and, for a temporary entry, when
    Atlas deletes it (C(deleteAfterDate)).
  - Reads every page of the list, 500 entries a page (resource version 2023-01-01).
  - A project that does not exist, or that the credentials cannot see, fails the task; it is never reported as an
    empty list.
  - Never changes anything.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes.info
  - atlas_ops.admin.scope.project
options:
  address:
    description:
      - Return only the entries that let this IPv4 or IPv6 address in, such as V(203.0.113.10) or
        V(2001:db8::1) - the entry that is this address, and every CIDR block that contains it.
      - AWS security group entries are never returned with it (which addresses they let in is not known here).
    type: str
notes:
  - Reading the project IP access list needs the Project Read Only role.
seealso:
  - module: atlas_ops.admin.atlas_project_ip_access_list
  - module: atlas_ops.admin.atlas_sa_access_list_info
  - name: Atlas Administration API, Return All Project IP Access List Entries
    description: The API operation this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Project-IP-Access-List/operation/listProjectIpAccessLists
"""

EXAMPLES = r"""
- name: Review the IP access list of a project
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Read the project's IP access list
      atlas_ops.admin.atlas_project_ip_access_list_info:
        project_id: 5f1e2d3c4b5a697887960a1b
      register: access_list

    - name: Show the entries that let any address in
      ansible.builtin.debug:
        msg: "{{ access_list.entries | selectattr('cidrBlock', 'defined') | selectattr('cidrBlock', 'in', ['0.0.0.0/0', '::/0']) | list }}"

    - name: Find the entries that let the CI runner in
      atlas_ops.admin.atlas_project_ip_access_list_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        address: 203.0.113.10
      register: ci_entries
"""

RETURN = r"""
entries:
  description:
    - The entries of the project's IP access list, as Atlas returns them (C(NetworkPermissionEntry), resource version
      2023-01-01), in Atlas' order.
    - M(atlas_ops.admin.atlas_project_ip_access_list) returns the same list as C(access_list).
    - An empty list when the project's list is empty, or when no entry lets O(address) in.
  returned: always
  type: list
  elements: dict
  sample:
    - ipAddress: 203.0.113.10
      cidrBlock: 203.0.113.10/32
      comment: CI runner
      groupId: 5f1e2d3c4b5a697887960a1b
    - cidrBlock: 198.51.100.0/24
      comment: office
      groupId: 5f1e2d3c4b5a697887960a1b
      deleteAfterDate: "2026-12-06T10:00:00Z"
  contains:
    ipAddress:
      description: The address of an entry that is one address.
      returned: for an address
      type: str
    cidrBlock:
      description: The network of the entry; a host block (such as C(203.0.113.10/32)) for an address.
      returned: for an address or a CIDR block
      type: str
    awsSecurityGroup:
      description: The id of an AWS security group of a peered VPC.
      returned: for a security group
      type: str
    comment:
      description: What the entry is for.
      returned: when set
      type: str
    deleteAfterDate:
      description: When Atlas deletes a temporary entry (ISO 8601, UTC).
      returned: for temporary entries
      type: str
    groupId:
      description: The project's id.
      returned: always
      type: str
"""

from ansible_collections.atlas_ops.admin.plugins.module_utils.access_list import address_filter
from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import PROJECT_ACCESS_LIST
from ansible_collections.atlas_ops.admin.plugins.module_utils.info import run_info_module


def main():
    run_info_module("entries", what="the IP access list", read=PROJECT_ACCESS_LIST, **address_filter())


if __name__ == "__main__":
    main()
