# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The access_list_findings filter: what an access review flags in an Atlas IP access list.

Documented in access_list_findings.yml beside this file. Bad input raises ValueError, which Ansible
reports as a templating error with this message. (Nothing is imported from Ansible's controller code:
the unit tests run modules in the same process, and that import would turn module warnings into
controller warnings there.)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress


def entry_value(entry):
    """What names an access list entry: its CIDR block, address or AWS security group, as Atlas lists it."""
    return entry.get("cidrBlock") or entry.get("ipAddress") or entry.get("awsSecurityGroup") or ""


def _moment(value, name):
    """An ISO 8601 date and time (Atlas' form, 'Z' or an offset) as an aware datetime."""
    try:
        moment = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("access_list_findings: %s must be an ISO 8601 date and time such as 2026-12-01T10:00:00Z, got %r" % (name, value))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def lets_any_address_in(entry):
    """Whether an entry is a network of every address (0.0.0.0/0, ::/0, or a host-bits form of them)."""
    try:
        return ipaddress.ip_network(entry.get("cidrBlock") or "", strict=False).prefixlen == 0
    except ValueError:
        return False


def access_list_findings(entries, now=None):
    """{open_to_any_address, without_comment, expired}: each the values of the entries it flags, in list order."""
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise ValueError("access_list_findings: the input must be a list of access list entries (dictionaries), got %r" % (entries,))
    moment = _moment(now, "now") if now is not None else datetime.datetime.now(datetime.timezone.utc)
    return {
        "open_to_any_address": [entry_value(entry) for entry in entries if lets_any_address_in(entry)],
        "without_comment": [entry_value(entry) for entry in entries if not str(entry.get("comment") or "").strip()],
        "expired": [
            entry_value(entry) for entry in entries if entry.get("deleteAfterDate") and _moment(entry["deleteAfterDate"], "deleteAfterDate") <= moment
        ],
    }


class FilterModule(object):
    def filters(self):
        return {"access_list_findings": access_list_findings}
