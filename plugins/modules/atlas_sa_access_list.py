#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_sa_access_list
short_description: Manage the IP access list of a MongoDB Atlas service account
version_added: 0.1.0
description:
  - Makes sure that the IP access list of one Atlas service account holds (or does not hold) the given
    addresses and CIDR blocks, at organization level (O(org_id)) or at project level (O(project_id)).
    A service account can call the Atlas Administration API only from the addresses on its access list.
  - "Entries are compared as a set, after normalisation: a host CIDR block (V(/32) for IPv4, V(/128) for
    IPv6) is the same entry as the address, and the compressed and full forms of an IPv6 address are the
    same entry (V(2001:db8::1) and V(2001:0db8:0:0:0:0:0:1)). The order of O(entries) never causes a change."
  - A CIDR block with host bits set, such as V(10.0.0.5/24), is rejected rather than normalised, because
    it is ambiguous (the address V(10.0.0.5) or the network V(10.0.0.0/24)); the message names the network.
  - The module reads the whole list (all pages), adds all missing entries in as few requests as Atlas allows
    (up to 200 entries per request), and removes entries one request each.
  - Atlas refuses to remove the address the request comes from. When a removal is refused, the module still
    makes every other change, then fails with a message naming the refused entries. See the notes.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
options:
  org_id:
    description:
      - Unique 24-hexadecimal digit string that identifies the organization whose service account's
        organization-level access list is managed.
      - Exactly one of O(org_id) and O(project_id) is required.
    type: str
  project_id:
    description:
      - Unique 24-hexadecimal digit string that identifies the project whose service account's project-level
        access list is managed. The service account must have been added to the project.
      - Exactly one of O(org_id) and O(project_id) is required.
    type: str
    aliases: [group_id]
  service_account_id:
    description:
      - The client ID of the service account whose access list is managed, V(mdb_sa_id_) followed by
        24 hexadecimal digits, such as V(mdb_sa_id_1234567890abcdef12345678).
      - This is not O(client_id), which is the service account the module authenticates as (if any).
    type: str
    required: true
  entries:
    description:
      - IPv4 and IPv6 addresses and CIDR blocks, as plain strings, such as V(203.0.113.10), V(198.51.100.0/24),
        V(2001:db8::1) or V(2001:db8::/48).
      - With O(state=present), the entries that must be on the list; with O(state=absent), the entries
        that must not be on it.
      - Required. May be empty only with O(state=present), O(purge=true) and O(confirm_purge_all=true),
        which removes every entry.
    type: list
    elements: str
    required: true
  state:
    description:
      - V(present) adds the entries of O(entries) that are missing (and with O(purge=true) removes the others).
      - V(absent) removes the entries of O(entries) that are on the list; the others are left alone.
    type: str
    choices: [present, absent]
    default: present
  purge:
    description:
      - With O(state=present), also remove every entry that is not in O(entries), so that the list holds
        exactly O(entries).
      - Has no effect with O(state=absent) (a warning says so).
    type: bool
    default: false
  confirm_purge_all:
    description:
      - Confirms that O(purge=true) with an empty O(entries) is meant, which removes every entry of the list.
        Without it, that combination fails before any request.
    type: bool
    default: false
notes:
  - "Atlas refuses to remove the address the request comes from (an entry that is that address, and, at
    least in the simulator, a CIDR block that contains it). Such a refusal is a 400 answer to the removal;
    the module goes on with the other removals, then fails with C(refused) listing the entries that were
    kept, together with C(added), C(removed) and C(access_list) for what was done. Remove such an entry from
    another address, or with another credential whose requests come from elsewhere."
  - The module reads the list once when nothing changes. After a change it reads the list again, so that
    RV(access_list) is what Atlas holds.
  - Entries are sent as Atlas expects them, C(ipAddress) for a single address and C(cidrBlock) for a block,
    never both. IPv6 is sent in full form (eight groups, without V(::)), the only IPv6 form the API
    specification's pattern for C(ipAddress) accepts. A removal names the entry as Atlas lists it, with
    the V(/) of a CIDR block encoded once as V(%2F).
  - A service account, organization or project that does not exist fails the task, also with O(state=absent).
  - The API key or service account needs the Organization Owner role (organization level) or the Project
    Access Manager role (project level) to change the list; Organization or Project Read Only to read it.
  - Atlas serves these endpoints in API resource version 2024-08-05.
seealso:
  - name: Atlas Administration API, Service Accounts
    description: The API operations this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Service-Accounts
"""

EXAMPLES = r"""
- name: Manage service account access lists
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Let the CI service account call Atlas from the runners' network and the AWX node
      atlas_ops.admin.atlas_sa_access_list:
        org_id: 5f1e2d3c4b5a697887960a1b
        service_account_id: mdb_sa_id_1234567890abcdef12345678
        entries:
          - 198.51.100.0/24
          - 203.0.113.10
          - 2001:db8::/48

    - name: Make the project-level list hold exactly the runners' addresses, removing all others
      atlas_ops.admin.atlas_sa_access_list:
        project_id: 5f1e2d3c4b5a697887960a2c
        service_account_id: mdb_sa_id_1234567890abcdef12345678
        entries: "{{ groups['runners'] | map('extract', hostvars, 'ansible_host') | list }}"
        purge: true

    - name: Remove a decommissioned agent
      atlas_ops.admin.atlas_sa_access_list:
        org_id: 5f1e2d3c4b5a697887960a1b
        service_account_id: mdb_sa_id_1234567890abcdef12345678
        entries: [203.0.113.10]
        state: absent

    - name: Empty the list (every entry is removed)
      atlas_ops.admin.atlas_sa_access_list:
        org_id: 5f1e2d3c4b5a697887960a1b
        service_account_id: mdb_sa_id_1234567890abcdef12345678
        entries: []
        purge: true
        confirm_purge_all: true
"""

RETURN = r"""
access_list:
  description:
    - The service account's access list after the task (in check mode, the list it would have), as Atlas
      lists it, in Atlas' field names.
  returned: success, and when a removal was refused
  type: list
  elements: dict
  sample:
    - ipAddress: 203.0.113.10
      createdAt: "2026-11-30T09:12:44Z"
      requestCount: 12
    - cidrBlock: 198.51.100.0/24
      createdAt: "2026-11-30T09:12:44Z"
      requestCount: 0
  contains:
    ipAddress:
      description: The address of an entry for one address.
      returned: for an entry of one address
      type: str
      sample: 203.0.113.10
    cidrBlock:
      description: The network of an entry for a block of addresses, in CIDR notation.
      returned: for an entry of a CIDR block
      type: str
      sample: 198.51.100.0/24
    createdAt:
      description: When the entry was added, ISO 8601 in UTC. Missing from entries predicted in check mode.
      returned: when Atlas reports it
      type: str
    lastUsedAddress:
      description: The address the service account last called the API from with this entry.
      returned: when Atlas reports it
      type: str
    lastUsedAt:
      description: When the entry was last used, ISO 8601 in UTC (Atlas updates it with a delay of up to 5 minutes).
      returned: when Atlas reports it
      type: str
    requestCount:
      description: How many requests the service account made from this entry.
      returned: when Atlas reports it
      type: int
added:
  description: The entries the task added (or would add in check mode), normalised (compressed IPv6, no host prefix), sorted.
  returned: success, and when a removal was refused
  type: list
  elements: str
  sample: [203.0.113.20, 2001:db8::/48]
removed:
  description: The entries the task removed (or would remove in check mode), normalised, sorted.
  returned: success, and when a removal was refused
  type: list
  elements: str
  sample: [192.0.2.0/24]
refused:
  description: The entries Atlas refused to remove (the address the request comes from), normalised, sorted.
  returned: when a removal was refused (the task fails)
  type: list
  elements: str
  sample: [203.0.113.10]
diff:
  description: The normalised entries before and after the task, when it runs with C(--diff).
  returned: when diff mode is on
  type: dict
  contains:
    before:
      description: The entries before the task.
      type: dict
      returned: when diff mode is on
      sample: {entries: [198.51.100.0/24, 203.0.113.10]}
    after:
      description: The entries after the task.
      type: dict
      returned: when diff mode is on
      sample: {entries: [198.51.100.0/24, 203.0.113.10, 203.0.113.20]}
"""

from ansible_collections.atlas_ops.admin.plugins.module_utils.access_list import AccessList, check_purge, list_options, manage
from ansible_collections.atlas_ops.admin.plugins.module_utils.access_list import (  # noqa: F401  pylint: disable=unused-import
    ENTRY_FORM,
    batches,
    listed_entry_key,
    listed_path_value,
    normalise_entries,
    normalise_entry,
    plan,
    predicted_list,
    wire_entry,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import (
    ORG_SERVICE_ACCOUNT_ACCESS_LIST,
    ORG_SERVICE_ACCOUNT_ACCESS_LIST_ENTRY,
    PROJECT_SERVICE_ACCOUNT_ACCESS_LIST,
    PROJECT_SERVICE_ACCOUNT_ACCESS_LIST_ENTRY,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import org_option, project_option
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import service_account_client_id

CALLER_REFUSAL_HINT = "Atlas does not remove the address a request comes from: remove it from another address."


def main():
    module = AtlasModule(
        argument_spec=dict(
            project_option(required=False),
            service_account_id=dict(type="str", required=True),
            **dict(list_options(), **org_option(required=False))
        ),
        mutually_exclusive=[("org_id", "project_id")],
        required_one_of=[("org_id", "project_id")],
        supports_check_mode=True,
    )
    params = module.params
    account = params["service_account_id"]

    # Every input check comes before the first request.
    with module.api_errors("check the options"):
        service_account_client_id(account, "service_account_id")
        wanted = normalise_entries(params["entries"])
    check_purge(module, wanted, account)

    if params["org_id"]:
        access_list = AccessList(
            ORG_SERVICE_ACCOUNT_ACCESS_LIST,
            ORG_SERVICE_ACCOUNT_ACCESS_LIST_ENTRY,
            "ipAddress",
            dict(orgId=params["org_id"], clientId=account),
            "service account %s in organization %s" % (account, params["org_id"]),
            CALLER_REFUSAL_HINT,
        )
    else:
        access_list = AccessList(
            PROJECT_SERVICE_ACCOUNT_ACCESS_LIST,
            PROJECT_SERVICE_ACCOUNT_ACCESS_LIST_ENTRY,
            "ipAddress",
            dict(groupId=params["project_id"], clientId=account),
            "service account %s in project %s" % (account, params["project_id"]),
            CALLER_REFUSAL_HINT,
        )
    manage(module, access_list, dict((entry, {}) for entry in wanted), params["state"], params["purge"])


if __name__ == "__main__":
    main()
