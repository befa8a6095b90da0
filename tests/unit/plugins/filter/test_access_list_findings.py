# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The access_list_findings filter, table by table."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.atlas_ops.admin.plugins.filter.access_list_findings import FilterModule, access_list_findings

NOW = "2026-12-04T12:00:00Z"


@pytest.mark.parametrize(
    "entries, expected",
    [
        ([], {"open_to_any_address": [], "without_comment": [], "expired": []}),
        # A service account's entries: no comment field at all.
        (
            [{"ipAddress": "203.0.113.10"}, {"cidrBlock": "0.0.0.0/0"}],
            {"open_to_any_address": ["0.0.0.0/0"], "without_comment": ["203.0.113.10", "0.0.0.0/0"], "expired": []},
        ),
        (
            [{"cidrBlock": "::/0", "comment": "temporary"}, {"cidrBlock": "10.0.0.0/8", "comment": "VPN"}, {"cidrBlock": "0.0.0.0/1", "comment": "x"}],
            {"open_to_any_address": ["::/0"], "without_comment": [], "expired": []},
        ),
        # Blank comments count as none; a security group is named by its id.
        (
            [{"ipAddress": "192.0.2.1", "comment": "  "}, {"awsSecurityGroup": "sg-0123456789abcdef0", "comment": None}],
            {"open_to_any_address": [], "without_comment": ["192.0.2.1", "sg-0123456789abcdef0"], "expired": []},
        ),
        # Temporary entries: past (Z or an offset) and now are expired; later is not.
        (
            [
                {"ipAddress": "192.0.2.1", "comment": "a", "deleteAfterDate": "2026-12-04T11:59:59Z"},
                {"ipAddress": "192.0.2.2", "comment": "b", "deleteAfterDate": "2026-12-04T13:30:00+02:00"},
                {"ipAddress": "192.0.2.3", "comment": "c", "deleteAfterDate": NOW},
                {"ipAddress": "192.0.2.4", "comment": "d", "deleteAfterDate": "2026-12-05T00:00:00Z"},
            ],
            {"open_to_any_address": [], "without_comment": [], "expired": ["192.0.2.1", "192.0.2.2", "192.0.2.3"]},
        ),
        # An entry it cannot read is not open to every address.
        ([{"cidrBlock": "not-a-network", "comment": "x"}], {"open_to_any_address": [], "without_comment": [], "expired": []}),
    ],
)
def test_access_list_findings(entries, expected):
    assert access_list_findings(entries, now=NOW) == expected


def test_without_now_it_compares_with_the_current_time():
    entries = [{"ipAddress": "192.0.2.1", "deleteAfterDate": "2000-01-01T00:00:00Z"}, {"ipAddress": "192.0.2.2", "deleteAfterDate": "2999-01-01T00:00:00Z"}]

    assert access_list_findings(entries)["expired"] == ["192.0.2.1"]


@pytest.mark.parametrize(
    "entries, now, message",
    [
        ("203.0.113.10", NOW, "the input must be a list of access list entries"),
        (["203.0.113.10"], NOW, "the input must be a list of access list entries"),
        ([], "yesterday", "now must be an ISO 8601 date and time such as 2026-12-01T10:00:00Z, got 'yesterday'"),
        ([{"ipAddress": "192.0.2.1", "deleteAfterDate": "soon"}], NOW, "deleteAfterDate must be an ISO 8601 date and time"),
    ],
)
def test_bad_input_fails_with_a_message(entries, now, message):
    with pytest.raises(ValueError, match=message):
        access_list_findings(entries, now=now)


def test_the_filter_is_registered():
    assert FilterModule().filters() == {"access_list_findings": access_list_findings}
