# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from atlas_simulator.default_seed import ORG_ID, PROJECT_ID, SA_CLIENT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_sa_access_list
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_sa_access_list import (
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
from ansible_collections.atlas_ops.admin.tests.unit.module_results import warnings

VERSION = "application/vnd.atlas.2024-08-05+json"
ORG_LIST_PATH = "/api/atlas/v2/orgs/%s/serviceAccounts/%s/accessList" % (ORG_ID, SA_CLIENT_ID)
PROJECT_LIST_PATH = "/api/atlas/v2/groups/%s/serviceAccounts/%s/accessList" % (PROJECT_ID, SA_CLIENT_ID)
# The default seed's lists.
ORG_SEEDED = ["198.51.100.0/24", "203.0.113.10"]
PROJECT_SEEDED = ["192.0.2.0/24", "203.0.113.11"]


# -- pure functions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, normalised",
    [
        ("203.0.113.10", "203.0.113.10"),
        (" 203.0.113.10 ", "203.0.113.10"),
        ("203.0.113.10/32", "203.0.113.10"),
        ("198.51.100.0/24", "198.51.100.0/24"),
        ("0.0.0.0/0", "0.0.0.0/0"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:0:0:0:1", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("2001:db8::1/128", "2001:db8::1"),
        ("2001:db8:0:0::/48", "2001:db8::/48"),
        ("::/0", "::/0"),
    ],
)
def test_entries_are_normalised(value, normalised):
    assert normalise_entry(value, "entries[0]") == normalised


BAD_ENTRIES = [
    "300.1.1.1",
    "203.0.113",
    "203.0.113.10.5",
    "010.0.0.1",
    "203.0.113.10/33",
    "198.51.100.0/",
    "/24",
    "2001:db8:::1",
    "2001:db8::1/129",
    "2001:db8::g",
    "fe80::1%eth0",
    "example.com",
    "",
    "203.0.113.10-20",
    "10.0.0.0/8/8",
]


@pytest.mark.parametrize("value", BAD_ENTRIES)
def test_malformed_entries_are_refused_naming_the_entry(value):
    with pytest.raises(AtlasInputError) as error:
        normalise_entry(value, "entries[3]")
    assert str(error.value) == "entries[3] must be %s, got %r" % (ENTRY_FORM, value)


@pytest.mark.parametrize(
    "value, network",
    [("10.0.0.5/24", "10.0.0.0/24"), ("198.51.100.1/16", "198.51.0.0/16"), ("2001:db8::1/64", "2001:db8::/64")],
)
def test_a_cidr_block_with_host_bits_set_is_refused_naming_the_network(value, network):
    with pytest.raises(AtlasInputError) as error:
        normalise_entry(value, "entries[0]")
    assert str(error.value) == "entries[0] must be a network address with no host bits set (did you mean %s?), got %r" % (network, value)


def test_every_bad_entry_is_named_with_its_index():
    with pytest.raises(AtlasInputError) as error:
        normalise_entries(["203.0.113.10", "nope", "10.0.0.0/8", "10.0.0.1/8"])
    assert str(error.value) == (
        "entries[1] must be %s, got 'nope'; "
        "entries[3] must be a network address with no host bits set (did you mean 10.0.0.0/8?), got '10.0.0.1/8'" % ENTRY_FORM
    )


@pytest.mark.parametrize(
    "entry, wire",
    [
        ("203.0.113.10", {"ipAddress": "203.0.113.10"}),
        ("198.51.100.0/24", {"cidrBlock": "198.51.100.0/24"}),
        # IPv6 in the only form the spec's ipAddress pattern accepts: eight groups, no '::'.
        ("2001:db8::1", {"ipAddress": "2001:db8:0:0:0:0:0:1"}),
        ("::1", {"ipAddress": "0:0:0:0:0:0:0:1"}),
        ("2001:db8::/48", {"cidrBlock": "2001:db8:0:0:0:0:0:0/48"}),
    ],
)
def test_entries_are_sent_as_an_address_or_a_block_never_both(entry, wire):
    assert wire_entry(entry) == wire


@pytest.mark.parametrize(
    "listed, key, path_value",
    [
        ({"ipAddress": "203.0.113.10"}, "203.0.113.10", "203.0.113.10"),
        ({"cidrBlock": "198.51.100.0/24"}, "198.51.100.0/24", "198.51.100.0/24"),
        ({"ipAddress": "2001:db8:0:0:0:0:0:1"}, "2001:db8::1", "2001:db8:0:0:0:0:0:1"),
        # Atlas may list both fields for one address: the address names it.
        ({"ipAddress": "203.0.113.10", "cidrBlock": "203.0.113.10/32"}, "203.0.113.10", "203.0.113.10"),
        ({"ipAddress": None, "cidrBlock": "10.0.0.0/8"}, "10.0.0.0/8", "10.0.0.0/8"),
        ({"cidrBlock": "203.0.113.10/32"}, "203.0.113.10", "203.0.113.10/32"),
    ],
)
def test_listed_entries_are_read_as_atlas_lists_them(listed, key, path_value):
    assert listed_entry_key(listed) == key
    assert listed_path_value(listed) == path_value


def test_an_entry_atlas_lists_in_an_unreadable_form_fails_clearly():
    with pytest.raises(AtlasInputError) as error:
        listed_entry_key({"cidrBlock": "10.0.0.1/8"})
    assert str(error.value).startswith("Atlas listed an access list entry this module cannot read: ")


@pytest.mark.parametrize(
    "current, wanted, state, purge, add, remove",
    [
        (["a", "b"], ["b", "a"], "present", False, [], []),
        (["a", "b"], ["b", "a", "a"], "present", True, [], []),
        (["a"], ["b", "c"], "present", False, ["b", "c"], []),
        (["a", "b"], ["b", "c"], "present", True, ["c"], ["a"]),
        (["a", "b"], [], "present", True, [], ["a", "b"]),
        (["a", "b"], [], "present", False, [], []),
        (["a", "b"], ["b", "c"], "absent", False, [], ["b"]),
        (["a", "b"], ["b", "c"], "absent", True, [], ["b"]),
        ([], ["a"], "absent", False, [], []),
    ],
)
def test_plan(current, wanted, state, purge, add, remove):
    assert plan(current, wanted, state, purge) == (add, remove)


def test_batches_of_at_most_200():
    assert [len(batch) for batch in batches(list(range(450)))] == [200, 200, 50]
    assert batches([]) == []
    assert batches(list(range(200))) == [list(range(200))]


def test_predicted_list_keeps_what_stays_in_atlas_form():
    listed = [{"ipAddress": "203.0.113.10", "createdAt": "2026-01-01T00:00:00Z"}, {"cidrBlock": "198.51.100.0/24"}]
    assert predicted_list(listed, ["2001:db8::1"], ["198.51.100.0/24"]) == [
        {"ipAddress": "203.0.113.10", "createdAt": "2026-01-01T00:00:00Z"},
        {"ipAddress": "2001:db8:0:0:0:0:0:1"},
    ]


# -- main() against the simulator ---------------------------------------------------------------------


def org_args(sim, **args):
    return sim.module_args(**dict(dict(org_id=ORG_ID, service_account_id=SA_CLIENT_ID), **args))


def project_args(sim, **args):
    return sim.module_args(**dict(dict(project_id=PROJECT_ID, service_account_id=SA_CLIENT_ID), **args))


def org_list(sim):
    """The org-level list as the simulator holds it, normalised and sorted."""
    account = next(account for account in sim.state()["service_accounts"] if account["client_id"] == SA_CLIENT_ID)
    return sorted(listed_entry_key(entry) for entry in account["access_list"])


def project_list(sim):
    account = next(account for account in sim.project()["service_accounts"] if account["client_id"] == SA_CLIENT_ID)
    return sorted(listed_entry_key(entry) for entry in account["access_list"])


def set_org_list(sim, entries):
    state = sim.state()
    next(account for account in state["service_accounts"] if account["client_id"] == SA_CLIENT_ID)["access_list"] = entries
    sim.set_state(state)
    sim.forget_requests()


def summary(requests):
    return [(request.method, request.path) for request in requests]


def test_add_at_org_level_then_rerun_with_one_read_and_no_write(sim, run_module):
    entries = ["203.0.113.10", "192.0.2.50", "10.8.0.0/16", "2001:db8::1"]

    result = run_module(atlas_sa_access_list.main, org_args(sim, entries=entries), diff=True)

    assert result["changed"] is True
    assert result["added"] == ["10.8.0.0/16", "192.0.2.50", "2001:db8::1"]
    assert result["removed"] == []
    assert result["diff"] == {
        "before": {"entries": ORG_SEEDED},
        "after": {"entries": ["10.8.0.0/16", "192.0.2.50", "198.51.100.0/24", "2001:db8::1", "203.0.113.10"]},
    }
    writes = sim.writes()
    assert summary(writes) == [("POST", ORG_LIST_PATH)]
    assert writes[0].body == [{"cidrBlock": "10.8.0.0/16"}, {"ipAddress": "192.0.2.50"}, {"ipAddress": "2001:db8:0:0:0:0:0:1"}]
    assert (writes[0].accept, writes[0].content_type, writes[0].status) == (VERSION, VERSION, 200)
    assert org_list(sim) == result["diff"]["after"]["entries"]
    assert sorted(listed_entry_key(entry) for entry in result["access_list"]) == org_list(sim)
    assert all("createdAt" in entry for entry in result["access_list"])

    sim.forget_requests()
    # The same entries in another order and other forms.
    again = run_module(atlas_sa_access_list.main, org_args(sim, entries=["2001:0db8::0001", "10.8.0.0/16", "192.0.2.50/32", "203.0.113.10"]))

    assert again["changed"] is False
    assert (again["added"], again["removed"]) == ([], [])
    assert summary(sim.requests()) == [("GET", ORG_LIST_PATH)]
    assert sim.requests()[0].query == {"itemsPerPage": "500", "pageNum": "1", "includeCount": "true"}
    assert again["access_list"] == result["access_list"]


def test_purge_at_project_level(sim, run_module):
    result = run_module(atlas_sa_access_list.main, project_args(sim, entries=["203.0.113.11", "198.51.100.7"], purge=True), diff=True)

    assert result["changed"] is True
    assert (result["added"], result["removed"]) == (["198.51.100.7"], ["192.0.2.0/24"])
    assert summary(sim.writes()) == [("POST", PROJECT_LIST_PATH), ("DELETE", PROJECT_LIST_PATH + "/192.0.2.0%2F24")]
    assert project_list(sim) == ["198.51.100.7", "203.0.113.11"]
    assert result["diff"]["after"] == {"entries": ["198.51.100.7", "203.0.113.11"]}
    assert org_list(sim) == ORG_SEEDED

    sim.forget_requests()
    again = run_module(atlas_sa_access_list.main, project_args(sim, entries=["198.51.100.7", "203.0.113.11"], purge=True))
    assert again["changed"] is False
    assert summary(sim.requests()) == [("GET", PROJECT_LIST_PATH)]


def test_without_purge_unlisted_entries_stay(sim, run_module):
    result = run_module(atlas_sa_access_list.main, project_args(sim, entries=["203.0.113.11"]))

    assert result["changed"] is False
    assert sim.writes() == []
    assert project_list(sim) == PROJECT_SEEDED


def test_absent_removes_only_the_listed_entries_that_are_there(sim, run_module):
    result = run_module(atlas_sa_access_list.main, org_args(sim, entries=["198.51.100.0/24", "192.0.2.99"], state="absent"))

    assert result["changed"] is True
    assert (result["added"], result["removed"]) == ([], ["198.51.100.0/24"])
    writes = sim.writes()
    assert summary(writes) == [("DELETE", ORG_LIST_PATH + "/198.51.100.0%2F24")]
    assert (writes[0].status, writes[0].accept) == (204, VERSION)
    assert org_list(sim) == ["203.0.113.10"]

    sim.forget_requests()
    again = run_module(atlas_sa_access_list.main, org_args(sim, entries=["198.51.100.0/24", "192.0.2.99"], state="absent"))
    assert again["changed"] is False
    assert summary(sim.requests()) == [("GET", ORG_LIST_PATH)]


def test_absent_warns_that_purge_is_ignored(sim, run_module):
    result = run_module(atlas_sa_access_list.main, org_args(sim, entries=["192.0.2.99"], state="absent", purge=True))

    assert result["changed"] is False
    # ansible-core 2.19 returns warnings as WarningSummary objects.
    assert warnings(result) == ["purge is ignored when state=absent."]


def test_250_new_entries_take_two_posts(sim, run_module):
    entries = ["10.1.%d.%d" % (i // 200, i % 200 + 1) for i in range(250)]

    result = run_module(atlas_sa_access_list.main, org_args(sim, entries=entries))

    assert result["changed"] is True
    assert len(result["added"]) == 250
    posts = sim.writes()
    assert summary(posts) == [("POST", ORG_LIST_PATH)] * 2
    assert [len(post.body) for post in posts] == [200, 50]
    assert sorted(entry["ipAddress"] for post in posts for entry in post.body) == sorted(entries)
    assert len(org_list(sim)) == 252
    assert len(result["access_list"]) == 252


def test_a_list_longer_than_a_page_is_read_whole(sim, run_module):
    entries = ["10.2.%d.%d" % (i // 250, i % 250 + 1) for i in range(600)]
    set_org_list(sim, [{"ipAddress": entry} for entry in entries])

    result = run_module(atlas_sa_access_list.main, org_args(sim, entries=list(reversed(entries)), purge=True))

    assert result["changed"] is False
    assert len(result["access_list"]) == 600
    assert [request.query["pageNum"] for request in sim.requests()] == ["1", "2"]
    assert sim.writes() == []


def test_a_cidr_block_is_deleted_with_its_slash_encoded_once(sim, run_module):
    set_org_list(sim, [{"cidrBlock": "10.0.0.0/8"}, {"cidrBlock": "2001:db8::/48"}, {"ipAddress": "2001:db8::1"}])

    result = run_module(atlas_sa_access_list.main, org_args(sim, entries=[], purge=True, confirm_purge_all=True))

    assert result["changed"] is True
    assert result["removed"] == ["10.0.0.0/8", "2001:db8::/48", "2001:db8::1"]
    assert [request.path for request in sim.writes()] == [
        ORG_LIST_PATH + "/10.0.0.0%2F8",
        ORG_LIST_PATH + "/2001%3Adb8%3A%3A%2F48",
        ORG_LIST_PATH + "/2001%3Adb8%3A%3A1",
    ]
    assert all("%25" not in request.path for request in sim.writes())
    assert [request.status for request in sim.writes()] == [204, 204, 204]
    assert org_list(sim) == []
    assert result["access_list"] == []


def test_the_calling_address_is_kept_the_other_changes_are_made_and_the_task_fails(sim, run_module):
    # The in-process simulator sees the module's requests come from 127.0.0.1.
    set_org_list(sim, [{"ipAddress": "127.0.0.1"}, {"ipAddress": "203.0.113.10"}, {"cidrBlock": "198.51.100.0/24"}])

    result = run_module(atlas_sa_access_list.main, org_args(sim, entries=["192.0.2.1"], purge=True))

    assert result["failed"] is True
    assert result["changed"] is True
    assert result["msg"].startswith(
        "Atlas refused to remove 127.0.0.1 from the access list of service account %s in organization %s; "
        "the other changes were made. Atlas does not remove the address a request comes from: remove it from another address. "
        "(127.0.0.1: Atlas API request DELETE %s/127.0.0.1 failed with 400" % (SA_CLIENT_ID, ORG_ID, ORG_LIST_PATH)
    ), result["msg"]
    assert result["refused"] == ["127.0.0.1"]
    assert result["added"] == ["192.0.2.1"]
    assert result["removed"] == ["198.51.100.0/24", "203.0.113.10"]
    assert org_list(sim) == ["127.0.0.1", "192.0.2.1"]
    assert sorted(listed_entry_key(entry) for entry in result["access_list"]) == ["127.0.0.1", "192.0.2.1"]
    assert [(request.method, request.status) for request in sim.writes()] == [("POST", 200), ("DELETE", 400), ("DELETE", 204), ("DELETE", 204)]


def test_another_error_while_removing_fails_at_once(sim, run_module):
    sim.fail_next("DELETE", "/accessList/", 500)

    result = run_module(atlas_sa_access_list.main, org_args(sim, entries=[], purge=True, confirm_purge_all=True))

    assert result["failed"] is True
    assert result["status"] == 500
    assert result["msg"].startswith("Failed to change the access list of service account %s in organization %s: " % (SA_CLIENT_ID, ORG_ID))
    assert [request.method for request in sim.writes()] == ["DELETE"]


@pytest.mark.parametrize("args_for", [org_args, project_args], ids=["org", "project"])
def test_check_mode_predicts_and_sends_no_write(sim, run_module, args_for):
    result = run_module(atlas_sa_access_list.main, args_for(sim, entries=["203.0.113.77", "2001:db8::/48"], purge=True), check_mode=True, diff=True)

    assert result["changed"] is True
    assert result["added"] == ["2001:db8::/48", "203.0.113.77"]
    assert len(result["removed"]) == 2
    assert result["diff"]["after"] == {"entries": ["2001:db8::/48", "203.0.113.77"]}
    assert result["access_list"] == [{"cidrBlock": "2001:db8:0:0:0:0:0:0/48"}, {"ipAddress": "203.0.113.77"}]
    assert [request.method for request in sim.requests()] == ["GET"]
    assert org_list(sim) == ORG_SEEDED and project_list(sim) == PROJECT_SEEDED


def test_check_mode_on_an_absent_task(sim, run_module):
    result = run_module(atlas_sa_access_list.main, org_args(sim, entries=["203.0.113.10"], state="absent"), check_mode=True)

    assert result["changed"] is True
    assert result["removed"] == ["203.0.113.10"]
    assert result["access_list"] == [{"cidrBlock": "198.51.100.0/24", "createdAt": result["access_list"][0]["createdAt"], "requestCount": 0}]
    assert sim.writes() == []


BAD_INPUT = [
    (dict(entries=[bad]), "entries[0] must be %s, got %r" % (ENTRY_FORM, bad)) for bad in BAD_ENTRIES
] + [
    (dict(entries=["10.0.0.5/24"]), "entries[0] must be a network address with no host bits set (did you mean 10.0.0.0/24?), got '10.0.0.5/24'"),
    (
        dict(service_account_id="mdb_sa_id_123"),
        "service_account_id must be a service account client id such as mdb_sa_id_5f1e2d3c4b5a697887960a1b, got 'mdb_sa_id_123'",
    ),
    (dict(project_id=PROJECT_ID), "parameters are mutually exclusive: org_id|project_id"),
    (dict(org_id=None), "one of the following is required: org_id, project_id"),
    (dict(org_id="not-an-org"), "org_id must be a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b, got 'not-an-org'"),
    (
        dict(entries=[], purge=True),
        "entries is empty and purge is true, which would remove every entry of the access list of %s: "
        "set confirm_purge_all: true if that is meant." % SA_CLIENT_ID,
    ),
    (dict(entries=None), "missing required arguments: entries"),
    (dict(state="gone"), "value of state must be one of: present, absent, got: gone"),
]


@pytest.mark.parametrize("args, msg", BAD_INPUT, ids=[msg[:60] for args, msg in BAD_INPUT])
def test_bad_input_fails_naming_it_before_any_request(sim, run_module, args, msg):
    module_args = org_args(sim, entries=["203.0.113.10"])
    module_args.update(args)
    module_args = dict((key, value) for key, value in module_args.items() if value is not None)

    result = run_module(atlas_sa_access_list.main, module_args)

    assert result["failed"] is True
    assert result["msg"] == msg
    assert sim.request_log() == []


def test_an_empty_purge_that_is_confirmed_empties_the_list(sim, run_module):
    result = run_module(atlas_sa_access_list.main, project_args(sim, entries=[], purge=True, confirm_purge_all=True))

    assert result["changed"] is True
    assert result["removed"] == PROJECT_SEEDED
    assert project_list(sim) == []


def test_an_unknown_service_account_fails_also_when_absent(sim, run_module):
    other = "mdb_sa_id_6500000000000000000000ff"
    result = run_module(atlas_sa_access_list.main, org_args(sim, service_account_id=other, entries=["203.0.113.10"], state="absent"))

    assert result["failed"] is True
    assert result["status"] == 404
    assert result["msg"].startswith("Failed to read the access list of service account %s in organization %s: " % (other, ORG_ID))
    assert sim.writes() == []


def test_service_account_credentials_are_not_the_managed_account(sim, run_module):
    """client_id authenticates; service_account_id names the list. The token request is the only POST."""
    args = project_args(sim, entries=["198.51.100.9"])
    del args["public_key"], args["private_key"]
    args.update(client_id=SA_CLIENT_ID, client_secret="mdb_sa_sk_simulator_secret", token_cache=False)

    result = run_module(atlas_sa_access_list.main, args)

    assert result["changed"] is True
    assert summary(sim.writes()) == [("POST", "/api/oauth/token"), ("POST", PROJECT_LIST_PATH)]
    assert "mdb_sa_sk_simulator_secret" not in str(result)
