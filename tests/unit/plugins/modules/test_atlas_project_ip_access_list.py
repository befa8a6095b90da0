# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from atlas_simulator.default_seed import EMPTY_PROJECT_ID, ORG_ID, PROJECT_ID, SA_CLIENT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.access_list import (
    ENTRY_FORM,
    attributes_differ,
    brief,
    listed_entry_key,
    plan_updates,
    reposted_attributes,
    wire_entry,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError, format_timestamp
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_project_ip_access_list, atlas_sa_access_list
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_project_ip_access_list import desired_entries, desired_entry

VERSION = "application/vnd.atlas.2023-01-01+json"
LIST_PATH = "/api/atlas/v2/groups/%s/accessList" % PROJECT_ID
NOW = datetime.datetime(2026, 12, 4, 12, 0, 0, tzinfo=datetime.timezone.utc)
UNSET = {"comment": None, "deleteAfterDate": None}


def in_hours(hours):
    return format_timestamp(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours))


# -- pure functions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, entry, attributes, expired",
    [
        ("203.0.113.10", "203.0.113.10", UNSET, False),
        ("198.51.100.0/24", "198.51.100.0/24", UNSET, False),
        ({"ip_address": "2001:0db8::0001"}, "2001:db8::1", UNSET, False),
        ({"cidr_block": "203.0.113.10/32", "comment": "bastion"}, "203.0.113.10", {"comment": "bastion", "deleteAfterDate": None}, False),
        ({"aws_security_group": "SG-0123456789ABCDEF0"}, "sg-0123456789abcdef0", UNSET, False),
        ({"aws_security_group": "sg-01234567", "comment": "app"}, "sg-01234567", {"comment": "app", "deleteAfterDate": None}, False),
        (
            {"ip_address": "192.0.2.7", "delete_after_date": "2026-12-05T13:00:00+01:00"},
            "192.0.2.7",
            {"comment": None, "deleteAfterDate": "2026-12-05T12:00:00Z"},
            False,
        ),
        (
            {"ip_address": "192.0.2.7", "delete_after_date": "2026-12-04T11:00:00Z"},
            "192.0.2.7",
            {"comment": None, "deleteAfterDate": "2026-12-04T11:00:00Z"},
            True,
        ),
    ],
)
def test_desired_entries_are_normalised_with_their_attributes(value, entry, attributes, expired):
    assert desired_entry(value, "entries[0]", NOW) == (entry, attributes, expired)


BAD_ENTRIES = [
    ("300.1.1.1", "entries[0] must be %s, got '300.1.1.1'" % ENTRY_FORM),
    ("10.0.0.5/24", "entries[0] must be a network address with no host bits set (did you mean 10.0.0.0/24?), got '10.0.0.5/24'"),
    (42, "entries[0] must be an address or CIDR block, or a dictionary with one of ip_address, cidr_block, aws_security_group, got 42"),
    ({"comment": "x"}, "entries[0] must have exactly one of ip_address, cidr_block, aws_security_group, got none"),
    (
        {"ip_address": "192.0.2.1", "cidr_block": "10.0.0.0/8"},
        "entries[0] must have exactly one of ip_address, cidr_block, aws_security_group, got ip_address, cidr_block",
    ),
    (
        {"ipAddress": "192.0.2.1"},
        "entries[0] has unknown keys ipAddress: an entry takes ip_address, cidr_block, aws_security_group, comment, delete_after_date",
    ),
    ({"ip_address": "10.0.0.0/8"}, "entries[0].ip_address must be one address such as 203.0.113.10 (a block goes in cidr_block), got '10.0.0.0/8'"),
    (
        {"cidr_block": "10.0.0.1"},
        "entries[0].cidr_block must be a block in CIDR notation such as 198.51.100.0/24 (an address goes in ip_address), got '10.0.0.1'",
    ),
    ({"aws_security_group": "sg-xyz"}, "entries[0].aws_security_group must be an AWS security group id such as sg-0123456789abcdef0, got 'sg-xyz'"),
    ({"ip_address": "192.0.2.1", "comment": "x" * 81}, "entries[0].comment must be a text of at most 80 characters, got %r" % ("x" * 81)),
    (
        {"ip_address": "192.0.2.1", "delete_after_date": "tomorrow"},
        "entries[0].delete_after_date must be an ISO 8601 date and time with a time zone such as 2026-12-01T18:00:00Z, got 'tomorrow'",
    ),
    (
        {"ip_address": "192.0.2.1", "delete_after_date": "2026-12-20T00:00:00Z"},
        "entries[0].delete_after_date must be at most one week ahead (before 2026-12-11T12:00:00Z), got '2026-12-20T00:00:00Z'",
    ),
    (
        {"aws_security_group": "sg-01234567", "delete_after_date": "2026-12-05T00:00:00Z"},
        "entries[0].delete_after_date cannot be set for an AWS security group: Atlas does not make them temporary",
    ),
]


@pytest.mark.parametrize("value, msg", BAD_ENTRIES, ids=[msg[:50] for dummy, msg in BAD_ENTRIES])
def test_bad_entries_are_refused_naming_the_item(value, msg):
    with pytest.raises(AtlasInputError) as error:
        desired_entry(value, "entries[0]", NOW)
    assert str(error.value) == msg


def test_one_entry_twice_with_different_comments_is_refused():
    with pytest.raises(AtlasInputError) as error:
        desired_entries(["192.0.2.1", {"cidr_block": "192.0.2.1/32", "comment": "x"}], NOW)
    assert str(error.value) == "entries[0] and entries[1] are the same entry 192.0.2.1 with different comments or dates"
    assert desired_entries(["192.0.2.1", "192.0.2.1/32"], NOW) == ({"192.0.2.1": UNSET}, [])


@pytest.mark.parametrize(
    "listed, wanted, differs",
    [
        ({"ipAddress": "192.0.2.1"}, UNSET, False),
        ({"ipAddress": "192.0.2.1", "comment": "a"}, {"comment": "a"}, False),
        ({"ipAddress": "192.0.2.1", "comment": "a"}, {"comment": "b"}, True),
        ({"ipAddress": "192.0.2.1"}, {"comment": "b"}, True),
        ({"ipAddress": "192.0.2.1", "deleteAfterDate": "2026-12-05T12:00:00Z"}, {"deleteAfterDate": "2026-12-05T13:00:00+01:00"}, False),
        ({"ipAddress": "192.0.2.1", "deleteAfterDate": "2026-12-05T12:00:00Z"}, {"deleteAfterDate": "2026-12-05T12:00:01Z"}, True),
        ({"ipAddress": "192.0.2.1"}, {"deleteAfterDate": "2026-12-05T12:00:00Z"}, True),
    ],
)
def test_attributes_are_compared_only_where_the_task_sets_them(listed, wanted, differs):
    assert attributes_differ(listed, wanted) is differs


def test_updates_are_planned_for_present_entries_only():
    current = {"192.0.2.1": [{"ipAddress": "192.0.2.1", "comment": "old"}], "10.0.0.0/8": [{"cidrBlock": "10.0.0.0/8"}]}
    wanted = {"192.0.2.1": {"comment": "new"}, "10.0.0.0/8": UNSET, "192.0.2.9": {"comment": "x"}}
    assert plan_updates(current, wanted, "present") == ["192.0.2.1"]
    assert plan_updates(current, wanted, "absent") == []


def test_an_entry_sent_again_keeps_the_attributes_the_task_leaves_alone():
    listed = {"ipAddress": "192.0.2.1", "comment": "old", "deleteAfterDate": "2026-12-05T12:00:00Z", "groupId": PROJECT_ID}
    assert reposted_attributes(listed, {"comment": "new", "deleteAfterDate": None}) == {"comment": "new", "deleteAfterDate": "2026-12-05T12:00:00Z"}
    assert wire_entry("sg-01234567", {"comment": "app"}) == {"awsSecurityGroup": "sg-01234567", "comment": "app"}
    assert listed_entry_key({"awsSecurityGroup": "sg-01234567", "groupId": PROJECT_ID}) == "sg-01234567"
    # As real Atlas lists an address: both its address and its host block.
    assert listed_entry_key({"ipAddress": "192.168.0.243", "cidrBlock": "192.168.0.243/32"}) == "192.168.0.243"


def test_brief_names_a_few_and_counts_the_rest():
    assert brief(["a", "b"]) == "a, b"
    assert brief(["e%d" % i for i in range(250)]) == "e0, e1, e2, e3, e4 and 245 more"


# -- main() against the simulator ---------------------------------------------------------------------


def args(sim, **module_args):
    return sim.module_args(**dict(dict(project_id=PROJECT_ID), **module_args))


def stored(sim, project_id=PROJECT_ID):
    """The project's list as the simulator holds it."""
    return sim.project(project_id).get("access_list") or []


def stored_keys(sim, project_id=PROJECT_ID):
    return sorted(listed_entry_key(entry) for entry in stored(sim, project_id))


def seed_list(sim, entries, project_id=PROJECT_ID, **project_fields):
    state = sim.state()
    project = sim.project(project_id, state)
    project["access_list"] = entries
    project.update(project_fields)
    sim.set_state(state)
    sim.forget_requests()


def summary(requests):
    return [(request.method, request.path) for request in requests]


def test_create_then_rerun_with_one_read_and_no_write(sim, run_module):
    entries = ["10.20.0.0/16", {"cidr_block": "198.51.100.0/24", "comment": "Office"}, {"ip_address": "2001:db8::1", "comment": "v6 bastion"}]

    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=entries), diff=True)

    assert result["changed"] is True
    assert (result["added"], result["updated"], result["removed"]) == (["10.20.0.0/16", "198.51.100.0/24", "2001:db8::1"], [], [])
    writes = sim.writes()
    assert summary(writes) == [("POST", LIST_PATH)]
    assert writes[0].body == [
        {"cidrBlock": "10.20.0.0/16"},
        {"cidrBlock": "198.51.100.0/24", "comment": "Office"},
        {"ipAddress": "2001:db8:0:0:0:0:0:1", "comment": "v6 bastion"},
    ]
    # Real Atlas answers the POST with 201.
    assert (writes[0].accept, writes[0].content_type, writes[0].status) == (VERSION, VERSION, 201)
    assert stored_keys(sim) == ["10.20.0.0/16", "198.51.100.0/24", "2001:db8::1"]
    assert result["diff"] == {
        "before": {"entries": [], "attributes": {}},
        "after": {
            "entries": ["10.20.0.0/16", "198.51.100.0/24", "2001:db8::1"],
            "attributes": {"198.51.100.0/24": {"comment": "Office"}, "2001:db8::1": {"comment": "v6 bastion"}},
        },
    }
    assert {"ipAddress": "2001:db8:0:0:0:0:0:1", "cidrBlock": "2001:db8:0:0:0:0:0:1/128", "comment": "v6 bastion", "groupId": PROJECT_ID} in [
        dict((key, value) for key, value in entry.items() if key != "links") for entry in result["access_list"]
    ]

    sim.forget_requests()
    again = run_module(atlas_project_ip_access_list.main, args(sim, entries=list(reversed(entries))))

    assert again["changed"] is False
    assert (again["added"], again["updated"], again["removed"]) == ([], [], [])
    assert summary(sim.requests()) == [("GET", LIST_PATH)]
    assert again["access_list"] == result["access_list"]


def test_check_mode_and_diff_send_no_write(sim, run_module):
    seed_list(sim, [{"ipAddress": "192.0.2.1", "comment": "old"}, {"cidrBlock": "10.0.0.0/8"}])

    result = run_module(
        atlas_project_ip_access_list.main,
        args(sim, entries=[{"ip_address": "192.0.2.1", "comment": "new"}, "203.0.113.5"], purge=True),
        check_mode=True,
        diff=True,
    )

    assert result["changed"] is True
    assert (result["added"], result["updated"], result["removed"]) == (["203.0.113.5"], ["192.0.2.1"], ["10.0.0.0/8"])
    assert result["diff"]["after"] == {"entries": ["192.0.2.1", "203.0.113.5"], "attributes": {"192.0.2.1": {"comment": "new"}}}
    assert [request.method for request in sim.requests()] == ["GET"]
    assert stored(sim) == [{"ipAddress": "192.0.2.1", "comment": "old"}, {"cidrBlock": "10.0.0.0/8"}]


def test_a_changed_comment_is_sent_again_keeping_the_expiry(sim, run_module):
    expiry = in_hours(5)
    seed_list(sim, [{"ipAddress": "192.0.2.1", "comment": "old", "deleteAfterDate": expiry}, {"cidrBlock": "10.0.0.0/8", "comment": "net"}])

    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=[{"ip_address": "192.0.2.1", "comment": "new"}, "10.0.0.0/8"]))

    assert result["changed"] is True
    assert (result["added"], result["updated"], result["removed"]) == ([], ["192.0.2.1"], [])
    assert summary(sim.writes()) == [("POST", LIST_PATH)]
    assert sim.writes()[0].body == [{"ipAddress": "192.0.2.1", "comment": "new", "deleteAfterDate": expiry}]
    assert stored(sim) == [{"ipAddress": "192.0.2.1", "comment": "new", "deleteAfterDate": expiry}, {"cidrBlock": "10.0.0.0/8", "comment": "net"}]

    sim.forget_requests()
    again = run_module(atlas_project_ip_access_list.main, args(sim, entries=[{"ip_address": "192.0.2.1", "comment": "new"}, "10.0.0.0/8"]))
    assert again["changed"] is False
    assert sim.writes() == []


def test_a_new_expiry_date_is_applied(sim, run_module):
    seed_list(sim, [{"ipAddress": "192.0.2.1", "deleteAfterDate": in_hours(1)}])
    later = in_hours(30)

    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=[{"ip_address": "192.0.2.1", "delete_after_date": later}]))

    assert result["updated"] == ["192.0.2.1"]
    assert stored(sim) == [{"ipAddress": "192.0.2.1", "deleteAfterDate": later}]


def test_purge_removes_the_others_one_request_each_with_the_slash_encoded_once(sim, run_module):
    seed_list(sim, [{"ipAddress": "192.0.2.1"}, {"cidrBlock": "10.0.0.0/8"}, {"cidrBlock": "2001:db8:0:0:0:0:0:0/48"}])

    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=["192.0.2.1/32"], purge=True))

    assert result["changed"] is True
    assert result["removed"] == ["10.0.0.0/8", "2001:db8::/48"]
    assert [(request.method, request.path, request.status) for request in sim.writes()] == [
        ("DELETE", LIST_PATH + "/10.0.0.0%2F8", 204),
        ("DELETE", LIST_PATH + "/2001%3Adb8%3A0%3A0%3A0%3A0%3A0%3A0%2F48", 204),
    ]
    assert stored_keys(sim) == ["192.0.2.1"]


def test_an_empty_purge_needs_confirmation_and_then_empties_the_list(sim, run_module):
    seed_list(sim, [{"ipAddress": "192.0.2.1"}, {"cidrBlock": "10.0.0.0/8"}])

    refused = run_module(atlas_project_ip_access_list.main, args(sim, entries=[], purge=True))
    assert refused["failed"] is True
    assert refused["msg"] == (
        "entries is empty and purge is true, which would remove every entry of the access list of project %s "
        "(no address could connect to its clusters): set confirm_purge_all: true if that is meant." % PROJECT_ID
    )
    assert sim.request_log() == []

    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=[], purge=True, confirm_purge_all=True))
    assert result["removed"] == ["10.0.0.0/8", "192.0.2.1"]
    assert stored(sim) == []


def test_absent_removes_the_listed_entries_and_then_sends_no_write(sim, run_module):
    seed_list(sim, [{"ipAddress": "192.0.2.1", "comment": "x"}, {"cidrBlock": "10.0.0.0/8"}])
    entries = [{"ip_address": "192.0.2.1", "comment": "ignored"}, "172.16.0.0/12"]

    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=entries, state="absent"))

    assert result["changed"] is True
    assert result["removed"] == ["192.0.2.1"]
    assert summary(sim.writes()) == [("DELETE", LIST_PATH + "/192.0.2.1")]
    assert stored_keys(sim) == ["10.0.0.0/8"]

    sim.forget_requests()
    again = run_module(atlas_project_ip_access_list.main, args(sim, entries=entries, state="absent"))
    assert again["changed"] is False
    assert summary(sim.requests()) == [("GET", LIST_PATH)]


@pytest.mark.parametrize("state", ["present", "absent"])
def test_an_unknown_project_fails_also_when_absent(sim, run_module, state):
    unknown = "6500000000000000000000ff"
    result = run_module(atlas_project_ip_access_list.main, args(sim, project_id=unknown, entries=["192.0.2.1"], state=state))

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (404, "GROUP_NOT_FOUND")
    assert result["msg"].startswith("Failed to read the access list of project %s: " % unknown)
    assert sim.writes() == []


def test_a_security_group_needs_a_peering_in_the_project(sim, run_module):
    entry = {"aws_security_group": "sg-0123456789abcdef0", "comment": "app"}

    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=[entry]))

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (400, "CANNOT_USE_AWS_SECURITY_GROUP_WITHOUT_VPC_PEERING_CONNECTION")
    assert result["changed"] is False
    assert result["added"] == []
    assert stored(sim) == []

    state = sim.state()
    sim.project(PROJECT_ID, state)["peers"] = [
        {"providerName": "AWS", "containerId": "6500000000000000000000f1", "vpcId": "vpc-0a1b2c3d4e5f60718", "awsAccountId": "123456789012",
         "routeTableCidrBlock": "10.0.0.0/16", "accepterRegionName": "us-east-1", "statusName": "AVAILABLE"}
    ]
    sim.set_state(state)
    sim.forget_requests()

    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=[entry]))
    assert result["added"] == ["sg-0123456789abcdef0"]
    assert stored(sim) == [{"awsSecurityGroup": "sg-0123456789abcdef0", "comment": "app"}]

    sim.forget_requests()
    removed = run_module(atlas_project_ip_access_list.main, args(sim, entries=[], purge=True, confirm_purge_all=True))
    assert removed["removed"] == ["sg-0123456789abcdef0"]
    assert summary(sim.writes()) == [("DELETE", LIST_PATH + "/sg-0123456789abcdef0")]


def test_a_temporary_entry_goes_by_itself_and_an_expired_one_is_not_added(sim, run_module):
    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=[{"ip_address": "192.0.2.7", "delete_after_date": in_hours(1)}]))
    assert result["added"] == ["192.0.2.7"]

    sim._control("POST", "clock", {"advance_seconds": 2 * 3600})  # pylint: disable=protected-access
    sim.forget_requests()
    # The simulator's clock is two hours ahead: the entry is gone. This run's date has passed for
    # the module too (an hour ago), so it warns instead of adding it again.
    past = in_hours(-1)
    again = run_module(atlas_project_ip_access_list.main, args(sim, entries=[{"ip_address": "192.0.2.7", "delete_after_date": past}]))

    assert again["changed"] is False
    assert again["access_list"] == []
    assert [warning["event"]["msg"] for warning in again["warnings"]] == [
        "192.0.2.7 is not added: its delete_after_date %s has passed, and Atlas removes such an entry on its own." % past
    ]
    assert sim.writes() == []


def test_a_list_longer_than_a_page_is_read_whole_and_250_new_entries_take_two_posts(sim, run_module):
    seeded = ["10.2.%d.%d" % (i // 250, i % 250 + 1) for i in range(600)]
    seed_list(sim, [{"ipAddress": entry} for entry in seeded], access_list_limit=1000)

    unchanged = run_module(atlas_project_ip_access_list.main, args(sim, entries=list(reversed(seeded)), purge=True))
    assert unchanged["changed"] is False
    assert len(unchanged["access_list"]) == 600
    assert [request.query["pageNum"] for request in sim.requests()] == ["1", "2"]

    sim.forget_requests()
    new = ["10.3.%d.%d" % (i // 200, i % 200 + 1) for i in range(250)]
    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=seeded + new))
    assert len(result["added"]) == 250
    assert [len(post.body) for post in sim.writes()] == [200, 50]
    assert len(stored(sim)) == 850


def test_atlas_limit_of_200_entries_fails_clearly_saying_what_was_done(sim, run_module):
    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=["10.4.%d.%d" % (i // 200, i % 200 + 1) for i in range(201)]))

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (403, "ATLAS_NETWORK_PERMISSIONS_LIMIT_EXCEEDED")
    # The first POST (200 entries) was applied: the task did change the list.
    assert result["changed"] is True
    assert len(result["added"]) == 200
    assert len(stored(sim)) == 200


def test_refused_removals_are_named_briefly_after_the_other_changes(sim, run_module):
    seed_list(sim, [{"cidrBlock": "10.9.%d.0/24" % i} for i in range(8)] + [{"ipAddress": "192.0.2.1"}])
    sim.fail_next("DELETE", r"/accessList/10\.9\.", 400, count=8)

    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=["203.0.113.9"], purge=True))

    assert result["failed"] is True
    assert result["changed"] is True
    assert result["added"] == ["203.0.113.9"]
    assert result["removed"] == ["192.0.2.1"]
    assert len(result["refused"]) == 8
    assert result["msg"] == (
        "Atlas refused to remove 10.9.0.0/24, 10.9.1.0/24, 10.9.2.0/24, 10.9.3.0/24, 10.9.4.0/24 and 3 more from the access list of project %s; "
        "the other changes were made. (10.9.0.0/24: Atlas API request DELETE %s/10.9.0.0%%2F24 failed with 400 VALIDATION_ERROR: "
        "Injected fault: Bad Request.; and 7 more refusals)" % (PROJECT_ID, LIST_PATH)
    )
    assert stored_keys(sim) == sorted(["10.9.%d.0/24" % i for i in range(8)] + ["203.0.113.9"])


def test_a_removal_whose_answer_was_lost_is_reported_as_done(sim, run_module):
    """Issue 22 (2): the DELETE was applied, its answer lost; the retry's 404 means this task removed it."""
    seed_list(sim, [{"cidrBlock": "10.0.0.0/8"}, {"ipAddress": "192.0.2.1"}])
    sim.fail_next("DELETE", "/accessList/10.0.0.0%2F8", None, drop_after_handling=True)

    result = run_module(atlas_project_ip_access_list.main, args(sim, entries=["192.0.2.1"], purge=True, retries=2))

    assert "failed" not in result, result
    assert result["changed"] is True
    assert result["removed"] == ["10.0.0.0/8"]
    deletes = [(request.path, request.status) for request in sim.writes()]
    assert deletes == [(LIST_PATH + "/10.0.0.0%2F8", 204), (LIST_PATH + "/10.0.0.0%2F8", 404)]
    assert stored_keys(sim) == ["192.0.2.1"]


def test_a_service_account_entry_whose_removal_answer_was_lost_is_reported_removed(sim, run_module):
    """Issue 22 (2) for atlas_sa_access_list (its own tests stay as they were)."""
    path = "/api/atlas/v2/orgs/%s/serviceAccounts/%s/accessList" % (ORG_ID, SA_CLIENT_ID)
    sim.fail_next("DELETE", "/accessList/198.51.100.0%2F24", None, drop_after_handling=True)
    module_args = sim.module_args(org_id=ORG_ID, service_account_id=SA_CLIENT_ID, entries=["198.51.100.0/24"], state="absent", retries=2)

    result = run_module(atlas_sa_access_list.main, module_args)

    assert "failed" not in result, result
    assert result["changed"] is True
    assert result["removed"] == ["198.51.100.0/24"]
    assert [(request.path, request.status) for request in sim.writes()] == [(path + "/198.51.100.0%2F24", 204), (path + "/198.51.100.0%2F24", 404)]


BAD_INPUT = [
    (dict(entries=[item]), "%s" % msg) for item, msg in BAD_ENTRIES[:10]
] + [
    (dict(project_id="not-an-id"), "project_id must be a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b, got 'not-an-id'"),
    (dict(project_id=None), "missing required arguments: project_id"),
    (dict(entries=None), "missing required arguments: entries"),
    (dict(state="gone"), "value of state must be one of: present, absent, got: gone"),
    (dict(entries=["192.0.2.1", "nope"], state="absent"), "entries[1] must be %s, got 'nope'" % ENTRY_FORM),
]


@pytest.mark.parametrize("module_args, msg", BAD_INPUT, ids=[msg[:60] for dummy, msg in BAD_INPUT])
def test_bad_input_fails_naming_it_before_any_request(sim, run_module, module_args, msg):
    full_args = args(sim, entries=["203.0.113.10"])
    full_args.update(module_args)
    full_args = dict((key, value) for key, value in full_args.items() if value is not None)

    result = run_module(atlas_project_ip_access_list.main, full_args)

    assert result["failed"] is True
    assert result["msg"] == msg
    assert sim.request_log() == []


def test_the_empty_project_of_the_default_seed_has_an_empty_list(sim, run_module):
    result = run_module(atlas_project_ip_access_list.main, args(sim, project_id=EMPTY_PROJECT_ID, entries=[]))

    assert (result["changed"], result["access_list"]) == (False, [])
