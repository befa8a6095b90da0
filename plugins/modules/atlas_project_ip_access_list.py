#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_project_ip_access_list
short_description: Manage the IP access list of a MongoDB Atlas project
version_added: 0.1.0
description:
  - Makes sure that the IP access list of an Atlas project holds (or does not hold) the given addresses,
    CIDR blocks and AWS security groups, with their comments and expiry dates. Atlas accepts connections
    to the project's clusters only from the entries of this list.
  - "Entries are compared as a set, after normalisation: a host CIDR block (V(/32) for IPv4, V(/128) for
    IPv6) is the same entry as the address, and the compressed and full forms of an IPv6 address are the
    same entry. The order of O(entries) never causes a change."
  - A CIDR block with host bits set, such as V(10.0.0.5/24), is rejected rather than normalised, because
    it is ambiguous; the message names the network.
  - The comment and the expiry date (C(delete_after_date)) of an entry that is on the list are
    compared where the task sets them, and changed by sending the entry again, which is how Atlas updates an entry.
  - The module reads the whole list (all pages), sends the new and changed entries one request after another
    (up to 200 entries each; Atlas refuses concurrent additions), and removes entries one request each.
  - When Atlas refuses to remove an entry, the module still makes every other change, then fails with a
    message naming the refused entries.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
  - atlas_ops.admin.scope.project
options:
  entries:
    description:
      - The entries, each either a string (an IPv4 or IPv6 address or CIDR block, such as V(203.0.113.10),
        V(198.51.100.0/24) or V(2001:db8::/48)) or a dictionary with exactly one of these keys
        C(ip_address), C(cidr_block) or C(aws_security_group), and optionally C(comment) and C(delete_after_date).
      - C(ip_address) is one IPv4 or IPv6 address, such as V(203.0.113.10) or V(2001:db8::1).
      - C(cidr_block) is a block of addresses in CIDR notation, such as V(198.51.100.0/24).
      - C(aws_security_group) is an AWS security group id, such as V(sg-0123456789abcdef0), of a VPC peered with
        the project. Atlas refuses it when the project has no network peering connection to AWS (a 400 answer
        C(CANNOT_USE_AWS_SECURITY_GROUP_WITHOUT_VPC_PEERING_CONNECTION)), and it cannot be temporary.
      - C(comment) says what the entry is for, at most 80 characters.
      - C(delete_after_date) makes the entry temporary. Atlas removes it on its own at this date and time,
        ISO 8601 with a time zone such as V(2026-12-01T18:00:00Z), at most one week ahead. An entry whose date
        has passed is not added (a warning says so), since Atlas has removed it, or will, on its own.
      - An entry without C(comment) or C(delete_after_date) (a string, for example) leaves them as Atlas holds them.
      - With O(state=present), the entries that must be on the list; with O(state=absent), the entries
        that must not be on it (their comments and dates are then ignored).
      - Required. May be empty only with O(state=present), O(purge=true) and O(confirm_purge_all=true),
        which removes every entry.
    type: list
    elements: raw
    required: true
  state:
    description:
      - V(present) adds the entries of O(entries) that are missing, updates the comment and date of those that
        differ (and with O(purge=true) removes the others).
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
      - Confirms that O(purge=true) with an empty O(entries) is meant, which removes every entry of the list,
        so that no address can connect to the project's clusters any more. Without it, that combination fails
        before any request.
    type: bool
    default: false
notes:
  - The module reads the list once when nothing changes. After a change it reads the list again, so that
    RV(access_list) is what Atlas holds.
  - Entries are sent as Atlas expects them, C(ipAddress) for a single address, C(cidrBlock) for a block and
    C(awsSecurityGroup) for a security group, one of them per entry. IPv6 is sent in full form (eight groups,
    without V(::)), the only IPv6 form the API specification's pattern for C(ipAddress) accepts. A removal names
    the entry as Atlas lists it, with the V(/) of a CIDR block encoded once as V(%2F).
  - Atlas lists an address entry with both its address and its host block (V(192.0.2.1) and V(192.0.2.1/32)).
  - After sending changed entries again, the module checks that Atlas applied the new comment and date, and
    fails saying so if it did not.
  - A project that does not exist fails the task, also with O(state=absent).
  - The API key or service account needs the Project Network Access Manager role (or Project Owner) to change
    the list; Project Read Only to read it.
  - Atlas serves these endpoints in API resource version 2023-01-01.
seealso:
  - module: atlas_ops.admin.atlas_sa_access_list
  - module: atlas_ops.admin.atlas_project
  - name: Atlas Administration API, Project IP Access List
    description: The API operations this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Project-IP-Access-List
"""

EXAMPLES = r"""
- name: Manage who may connect to a project's clusters
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Let the application subnets and the office connect
      atlas_ops.admin.atlas_project_ip_access_list:
        project_id: 5f1e2d3c4b5a697887960a2c
        entries:
          - 10.20.0.0/16
          - cidr_block: 198.51.100.0/24
            comment: Office network
          - ip_address: 203.0.113.10
            comment: Bastion host

    - name: Allow the application's security group (the project must be peered with its VPC)
      atlas_ops.admin.atlas_project_ip_access_list:
        project_id: 5f1e2d3c4b5a697887960a2c
        entries:
          - aws_security_group: sg-0123456789abcdef0
            comment: Application servers

    - name: Let a contractor connect until tomorrow evening (Atlas removes the entry then)
      atlas_ops.admin.atlas_project_ip_access_list:
        project_id: 5f1e2d3c4b5a697887960a2c
        entries:
          - ip_address: 192.0.2.77
            comment: Contractor, ticket OPS-1234
            delete_after_date: "{{ '%Y-%m-%dT18:00:00Z' | strftime(now(utc=true).timestamp() + 86400) }}"

    - name: Make the list hold exactly the application subnets, removing everything else
      atlas_ops.admin.atlas_project_ip_access_list:
        project_id: 5f1e2d3c4b5a697887960a2c
        entries: [10.20.0.0/16]
        purge: true

    - name: Remove the bastion host
      atlas_ops.admin.atlas_project_ip_access_list:
        project_id: 5f1e2d3c4b5a697887960a2c
        entries: [203.0.113.10]
        state: absent
"""

RETURN = r"""
access_list:
  description:
    - The project's access list after the task (in check mode, the list it would have), as Atlas lists it,
      in Atlas' field names.
  returned: success, and when a removal was refused
  type: list
  elements: dict
  sample:
    - ipAddress: 203.0.113.10
      cidrBlock: 203.0.113.10/32
      comment: Bastion host
      groupId: 5f1e2d3c4b5a697887960a2c
    - cidrBlock: 198.51.100.0/24
      groupId: 5f1e2d3c4b5a697887960a2c
  contains:
    ipAddress:
      description: The address of an entry for one address.
      returned: for an entry of one address
      type: str
      sample: 203.0.113.10
    cidrBlock:
      description: The block of an entry, in CIDR notation; for an entry of one address, its host block.
      returned: for an entry of an address or a CIDR block
      type: str
      sample: 198.51.100.0/24
    awsSecurityGroup:
      description: The AWS security group of an entry for a security group.
      returned: for an entry of a security group
      type: str
      sample: sg-0123456789abcdef0
    comment:
      description: The entry's comment.
      returned: when the entry has one
      type: str
    deleteAfterDate:
      description: When Atlas removes the (temporary) entry, ISO 8601 in UTC.
      returned: for a temporary entry
      type: str
      sample: "2026-12-01T18:00:00Z"
    groupId:
      description: The project's id. Missing from entries predicted in check mode.
      returned: when Atlas reports it
      type: str
added:
  description: The entries the task added (or would add in check mode), normalised (compressed IPv6, no host prefix), sorted.
  returned: success, and when the task failed after changes
  type: list
  elements: str
  sample: [203.0.113.20, sg-0123456789abcdef0]
updated:
  description: The entries whose comment or expiry date the task changed (or would change), normalised, sorted.
  returned: success, and when the task failed after changes
  type: list
  elements: str
  sample: [198.51.100.0/24]
removed:
  description: The entries the task removed (or would remove in check mode), normalised, sorted.
  returned: success, and when the task failed after changes
  type: list
  elements: str
  sample: [192.0.2.0/24]
refused:
  description: The entries Atlas refused to remove, normalised, sorted.
  returned: when a removal was refused (the task fails)
  type: list
  elements: str
  sample: [203.0.113.10]
diff:
  description: The normalised entries, and the comments and dates of those that have any, before and after the task, when it runs with C(--diff).
  returned: when diff mode is on
  type: dict
  contains:
    before:
      description: The list before the task.
      type: dict
      returned: when diff mode is on
      sample: {entries: [198.51.100.0/24], attributes: {198.51.100.0/24: {comment: Office}}}
    after:
      description: The list after the task.
      type: dict
      returned: when diff mode is on
      sample: {entries: [198.51.100.0/24, 203.0.113.20], attributes: {198.51.100.0/24: {comment: Office network}}}
"""

import datetime

from ansible.module_utils.six import string_types

from ansible_collections.atlas_ops.admin.plugins.module_utils.access_list import (
    AccessList,
    check_purge,
    list_options,
    manage,
    normalise_entries,
    normalise_entry,
    security_group,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import PROJECT_ACCESS_LIST, PROJECT_ACCESS_LIST_ENTRY
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import project_option
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError, format_timestamp, timestamp

ENTRY_KINDS = ("ip_address", "cidr_block", "aws_security_group")
ENTRY_KEYS = ENTRY_KINDS + ("comment", "delete_after_date")
COMMENT_MAX_LENGTH = 80
# The spec: a temporary entry's date is "no later than one week after you submit this request".
LONGEST_TEMPORARY = datetime.timedelta(days=7)


def _address(value, option):
    if "/" in str(value):
        raise AtlasInputError("%s must be one address such as 203.0.113.10 (a block goes in cidr_block), got %r" % (option, value))
    return normalise_entry(value, option)


def _block(value, option):
    if "/" not in str(value):
        raise AtlasInputError("%s must be a block in CIDR notation such as 198.51.100.0/24 (an address goes in ip_address), got %r" % (option, value))
    return normalise_entry(value, option)


KIND_CHECKS = {"ip_address": _address, "cidr_block": _block, "aws_security_group": security_group}


def desired_entry(value, option, now):
    """(normalised entry, {"comment": ..., "deleteAfterDate": ...}, expired) for one item of entries.

    Raises AtlasInputError naming OPTION. Pure but for NOW, the time the dates are checked against.
    """
    if isinstance(value, string_types):
        return normalise_entry(value, option), {"comment": None, "deleteAfterDate": None}, False
    if not isinstance(value, dict):
        raise AtlasInputError("%s must be an address or CIDR block, or a dictionary with one of %s, got %r" % (option, ", ".join(ENTRY_KINDS), value))
    unknown = sorted(set(value) - set(ENTRY_KEYS))
    if unknown:
        raise AtlasInputError("%s has unknown keys %s: an entry takes %s" % (option, ", ".join(unknown), ", ".join(ENTRY_KEYS)))
    kinds = [kind for kind in ENTRY_KINDS if value.get(kind) is not None]
    if len(kinds) != 1:
        raise AtlasInputError("%s must have exactly one of %s, got %s" % (option, ", ".join(ENTRY_KINDS), ", ".join(kinds) or "none"))
    kind = kinds[0]
    entry = KIND_CHECKS[kind](value[kind], "%s.%s" % (option, kind))
    comment = value.get("comment")
    if comment is not None and (not isinstance(comment, string_types) or len(comment) > COMMENT_MAX_LENGTH):
        raise AtlasInputError("%s.comment must be a text of at most %d characters, got %r" % (option, COMMENT_MAX_LENGTH, comment))
    delete_after, expired = value.get("delete_after_date"), False
    if delete_after is not None:
        if kind == "aws_security_group":
            raise AtlasInputError("%s.delete_after_date cannot be set for an AWS security group: Atlas does not make them temporary" % option)
        moment = timestamp(delete_after, "%s.delete_after_date" % option)
        if moment > now + LONGEST_TEMPORARY:
            latest = format_timestamp(now + LONGEST_TEMPORARY)
            raise AtlasInputError("%s.delete_after_date must be at most one week ahead (before %s), got %r" % (option, latest, delete_after))
        expired = moment <= now
        delete_after = format_timestamp(moment)
    return entry, {"comment": comment, "deleteAfterDate": delete_after}, expired


def desired_entries(values, now, option="entries"):
    """({normalised entry: attributes}, [expired entries]) for the entries option; AtlasInputError naming
    every bad item, and any entry given twice with different attributes."""
    wanted, expired, seen = {}, [], {}
    problems = []
    for index, value in enumerate(values):
        item = "%s[%d]" % (option, index)
        try:
            entry, attributes, is_expired = desired_entry(value, item, now)
        except AtlasInputError as exc:
            problems.append(str(exc))
            continue
        if entry in wanted and wanted[entry] != attributes:
            problems.append("%s and %s are the same entry %s with different comments or dates" % (seen[entry], item, entry))
        seen.setdefault(entry, item)
        if is_expired:
            expired.append(entry)
        wanted[entry] = attributes
    if problems:
        raise AtlasInputError("; ".join(problems))
    return wanted, expired


def main():
    module = AtlasModule(
        argument_spec=dict(
            project_option(),
            **list_options(entry_type="raw")
        ),
        supports_check_mode=True,
    )
    params = module.params
    state, purge, project_id = params["state"], params["purge"], params["project_id"]

    # Every input check comes before the first request.
    now = datetime.datetime.now(datetime.timezone.utc)
    with module.api_errors("check the options"):
        if state == "absent":
            # Only the entries matter: their comments and dates are not compared.
            wanted = dict((entry, {}) for entry in normalise_entries(params["entries"], normalise=lambda value, option: desired_entry(value, option, now)[0]))
            expired = []
        else:
            wanted, expired = desired_entries(params["entries"], now)
    for entry in expired:
        passed = wanted[entry]["deleteAfterDate"]
        module.warn("%s is not added: its delete_after_date %s has passed, and Atlas removes such an entry on its own." % (entry, passed))
        del wanted[entry]
    check_purge(
        module,
        wanted,
        "project %s" % project_id,
        " (no address could connect to its clusters%s)" % (", and the entries given have expired" if expired else ""),
    )

    access_list = AccessList(PROJECT_ACCESS_LIST, PROJECT_ACCESS_LIST_ENTRY, "entryValue", dict(groupId=project_id), "project %s" % project_id)
    manage(module, access_list, wanted, state, purge, with_attributes=True)


if __name__ == "__main__":
    main()
