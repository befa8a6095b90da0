# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from atlas_simulator.default_seed import EMPTY_PROJECT_ID, ORG_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError, project_name
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_project
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_project import changes, check_tags, wanted_tags

VERSION = "application/vnd.atlas.2023-01-01+json"
ORG_PROJECTS_PATH = "/api/atlas/v2/orgs/%s/groups" % ORG_ID
OTHER_ORG_ID = "6500000000000000000000a2"


def tag_list(**tags):
    return [dict(key=key, value=value) for key, value in sorted(tags.items())]


# -- pure functions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["payments-prod", "a", "Team_(EU):1&2@x+y.z'", "Zürich-2", "Project 0", "x" * 64])
def test_names_atlas_takes(name):
    assert project_name(name) == name


@pytest.mark.parametrize("name", ["", "x" * 65, "has/slash", "semi;colon", "tab\t", "a*b"])
def test_names_atlas_refuses_are_refused(name):
    with pytest.raises(AtlasInputError) as error:
        project_name(name)
    assert str(error.value) == "name must be a project name of 1 to 64 letters, digits, spaces and - _ . ( ) , : & @ + ', got %r" % name


def test_tags_must_be_texts():
    assert check_tags({"b": "2", "a": "1"}) == tag_list(a="1", b="2")
    with pytest.raises(AtlasInputError) as error:
        check_tags({"backup": True, "year": 2026, "ok": "yes"})
    assert str(error.value) == (
        "tags.backup must be a text (quote it, as in backup: \"True\"), got True; tags.year must be a text (quote it, as in year: \"2026\"), got 2026"
    )


@pytest.mark.parametrize(
    "current, tags, purge, wanted",
    [
        (tag_list(a="1", b="2"), None, True, None),
        (tag_list(a="1", b="2"), tag_list(b="3"), True, tag_list(b="3")),
        (tag_list(a="1", b="2"), tag_list(b="3", c="4"), False, tag_list(a="1", b="3", c="4")),
        (tag_list(a="1"), [], True, []),
        (tag_list(a="1"), [], False, tag_list(a="1")),
        (None, tag_list(a="1"), False, tag_list(a="1")),
    ],
)
def test_wanted_tags_as_amazon_aws_purges_them(current, tags, purge, wanted):
    assert wanted_tags(current, tags, purge) == wanted


@pytest.mark.parametrize(
    "current, name, tags, body",
    [
        ({"name": "a", "tags": tag_list(x="1")}, "a", tag_list(x="1"), {}),
        ({"name": "a", "tags": tag_list(x="1")}, None, None, {}),
        ({"name": "a", "tags": tag_list(x="1")}, "b", None, {"name": "b"}),
        ({"name": "a"}, "a", tag_list(x="1"), {"tags": tag_list(x="1")}),
        ({"name": "a", "tags": [{"key": "y", "value": "2"}, {"key": "x", "value": "1"}]}, "a", tag_list(x="1", y="2"), {}),
    ],
)
def test_changes_hold_only_what_differs(current, name, tags, body):
    assert changes(current, name, tags) == body


# -- main() against the simulator ---------------------------------------------------------------------


def args(sim, **module_args):
    return sim.module_args(**dict(dict(org_id=ORG_ID), **module_args))


def projects(sim):
    return dict((project["name"], project) for project in sim.state()["projects"])


def summary(requests):
    return [(request.method, request.path) for request in requests]


def test_create_by_name_then_rerun_with_one_read(sim, run_module):
    result = run_module(atlas_project.main, args(sim, name="payments-prod", tags={"env": "prod", "team": "payments"}), diff=True)

    assert result["changed"] is True
    project = result["project"]
    assert (project["name"], project["orgId"], project["clusterCount"], project["tags"]) == ("payments-prod", ORG_ID, 0, tag_list(env="prod", team="payments"))
    assert len(project["id"]) == 24
    assert result["diff"] == {"before": {}, "after": project}
    requests = sim.requests()
    assert summary(requests) == [("GET", ORG_PROJECTS_PATH), ("POST", "/api/atlas/v2/groups")]
    assert requests[0].query["name"] == "payments-prod"
    assert requests[1].body == {"name": "payments-prod", "orgId": ORG_ID, "tags": tag_list(env="prod", team="payments")}
    assert (requests[1].accept, requests[1].status) == (VERSION, 200)
    assert projects(sim)["payments-prod"]["id"] == project["id"]

    sim.forget_requests()
    again = run_module(atlas_project.main, args(sim, name="payments-prod", tags={"team": "payments", "env": "prod"}))

    assert again["changed"] is False
    assert again["project"] == project
    assert summary(sim.requests()) == [("GET", ORG_PROJECTS_PATH)]


def test_check_mode_and_diff_send_no_write(sim, run_module):
    result = run_module(atlas_project.main, args(sim, name="new-project", tags={"env": "dev"}), check_mode=True, diff=True)

    assert result["changed"] is True
    assert result["project"] == {"name": "new-project", "orgId": ORG_ID, "tags": tag_list(env="dev")}
    assert result["diff"]["before"] == {}
    assert [request.method for request in sim.requests()] == ["GET"]
    assert "new-project" not in projects(sim)

    renamed = run_module(atlas_project.main, sim.module_args(project_id=EMPTY_PROJECT_ID, name="renamed"), check_mode=True, diff=True)
    assert renamed["changed"] is True
    assert renamed["project"]["name"] == "renamed"
    assert renamed["diff"]["before"]["name"] == "Simulated Empty Project"
    assert sim.writes() == []


def test_tags_are_merged_or_purged(sim, run_module):
    created = run_module(atlas_project.main, args(sim, name="tagged", tags={"a": "1", "b": "2"}))
    sim.forget_requests()

    merged = run_module(atlas_project.main, args(sim, name="tagged", tags={"b": "3", "c": "4"}, purge_tags=False))

    assert merged["changed"] is True
    assert merged["project"]["tags"] == tag_list(a="1", b="3", c="4")
    writes = sim.writes()
    assert summary(writes) == [("PATCH", "/api/atlas/v2/groups/%s" % created["project"]["id"])]
    assert writes[0].body == {"tags": tag_list(a="1", b="3", c="4")}

    purged = run_module(atlas_project.main, args(sim, name="tagged", tags={"c": "4"}))
    assert purged["project"]["tags"] == tag_list(c="4")

    untouched = run_module(atlas_project.main, args(sim, name="tagged"))
    assert untouched["changed"] is False
    assert projects(sim)["tagged"]["tags"] == tag_list(c="4")


def test_rename_by_project_id(sim, run_module):
    result = run_module(atlas_project.main, sim.module_args(project_id=EMPTY_PROJECT_ID, name="renamed-project"))

    assert result["changed"] is True
    assert summary(sim.writes()) == [("PATCH", "/api/atlas/v2/groups/%s" % EMPTY_PROJECT_ID)]
    assert sim.writes()[0].body == {"name": "renamed-project"}
    assert projects(sim)["renamed-project"]["id"] == EMPTY_PROJECT_ID

    sim.forget_requests()
    again = run_module(atlas_project.main, sim.module_args(project_id=EMPTY_PROJECT_ID, name="renamed-project", org_id=ORG_ID))
    assert again["changed"] is False
    assert summary(sim.requests()) == [("GET", "/api/atlas/v2/groups/%s" % EMPTY_PROJECT_ID)]


def test_a_name_taken_in_the_organization_fails_with_atlas_code(sim, run_module):
    result = run_module(atlas_project.main, sim.module_args(project_id=EMPTY_PROJECT_ID, name="Simulated Project"))

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (409, "GROUP_ALREADY_EXISTS")
    assert result["msg"].startswith("Failed to update project %s: " % EMPTY_PROJECT_ID)


def test_a_project_of_that_name_in_another_organization_is_not_this_one(sim, run_module):
    state = sim.state()
    state["orgs"].append({"id": OTHER_ORG_ID, "name": "Other Org"})
    state["projects"].append({"id": "6500000000000000000000b9", "org_id": OTHER_ORG_ID, "name": "shared-name"})
    sim.set_state(state)
    sim.forget_requests()

    result = run_module(atlas_project.main, args(sim, name="shared-name"))

    assert result["changed"] is True
    assert result["project"]["orgId"] == ORG_ID
    assert result["project"]["id"] != "6500000000000000000000b9"
    assert sorted(project["org_id"] for project in sim.state()["projects"] if project["name"] == "shared-name") == sorted([ORG_ID, OTHER_ORG_ID])


def test_a_project_id_of_another_organization_fails(sim, run_module):
    result = run_module(atlas_project.main, sim.module_args(project_id=PROJECT_ID, org_id=OTHER_ORG_ID, name="x"))

    assert result["failed"] is True
    assert result["msg"] == "project %s belongs to organization %s, not to org_id %s." % (PROJECT_ID, ORG_ID, OTHER_ORG_ID)
    assert sim.writes() == []


@pytest.mark.parametrize("state", ["present", "absent"])
def test_an_unknown_organization_fails(sim, run_module, state):
    result = run_module(atlas_project.main, args(sim, org_id="6500000000000000000000fe", name="Simulated Project", state=state))

    assert result["failed"] is True
    assert (result["status"], result["error_code"], result["method"]) == (404, "ORG_NOT_FOUND", "GET")
    assert "organization 6500000000000000000000fe does not exist" in result["msg"]
    assert sim.writes() == []


def test_an_unknown_project_id_fails_when_present_and_is_absent_when_absent(sim, run_module):
    unknown = "6500000000000000000000ff"
    present = run_module(atlas_project.main, sim.module_args(project_id=unknown, name="x"))
    assert present["failed"] is True
    assert present["msg"] == "project_id %s does not exist, or these credentials cannot see it: leave project_id out to create a project by name." % unknown

    absent = run_module(atlas_project.main, sim.module_args(project_id=unknown, state="absent"))
    assert absent["changed"] is False
    assert absent["project"] == {}
    assert sim.writes() == []


def test_delete_then_rerun_changes_nothing(sim, run_module):
    result = run_module(atlas_project.main, args(sim, name="Simulated Empty Project", state="absent"), diff=True)

    assert result["changed"] is True
    assert result["project"] == {}
    assert result["diff"]["after"] == {}
    assert result["diff"]["before"]["id"] == EMPTY_PROJECT_ID
    assert [(request.method, request.path, request.status) for request in sim.writes()] == [("DELETE", "/api/atlas/v2/groups/%s" % EMPTY_PROJECT_ID, 204)]
    assert "Simulated Empty Project" not in projects(sim)

    sim.forget_requests()
    again = run_module(atlas_project.main, args(sim, name="Simulated Empty Project", state="absent"))
    assert again["changed"] is False
    assert summary(sim.requests()) == [("GET", ORG_PROJECTS_PATH)]


def test_delete_is_refused_while_clusters_exist_naming_them(sim, run_module):
    result = run_module(atlas_project.main, args(sim, name="Simulated Project", state="absent"))

    assert result["failed"] is True
    assert result["clusters"] == ["Cluster0", "analytics", "dev-paused"]
    assert result["msg"] == (
        "Atlas does not delete a project that has clusters: project Simulated Project (%s) has Cluster0, analytics, dev-paused. Delete them first."
        % PROJECT_ID
    )
    assert sim.writes() == []
    assert "Simulated Project" in projects(sim)


def test_atlas_refusing_the_delete_for_clusters_fails_naming_them(sim, run_module):
    """Clusters created after the read: Atlas' 409 CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS fails the task the same way."""
    body = json.dumps(
        {"detail": "Cannot close group while it has active clusters; please terminate all clusters.", "error": 409,
         "errorCode": "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS", "parameters": [], "reason": "Conflict"}
    )
    sim.fail_next("DELETE", "/groups/%s$" % EMPTY_PROJECT_ID, 409, body=body, content_type="application/json")

    result = run_module(atlas_project.main, sim.module_args(project_id=EMPTY_PROJECT_ID, state="absent"))

    assert result["failed"] is True
    assert result["clusters"] == []
    assert result["msg"] == (
        "Atlas does not delete a project that has clusters: project Simulated Empty Project (%s) has clusters being deleted. "
        "Delete them first." % EMPTY_PROJECT_ID
    )
    assert "Simulated Empty Project" in projects(sim)


def test_a_delete_whose_answer_was_lost_is_reported_as_done(sim, run_module):
    sim.fail_next("DELETE", "/groups/%s$" % EMPTY_PROJECT_ID, None, drop_after_handling=True)

    result = run_module(atlas_project.main, sim.module_args(project_id=EMPTY_PROJECT_ID, state="absent", retries=2))

    assert "failed" not in result, result
    assert result["changed"] is True
    assert [request.status for request in sim.writes()] == [204, 404]


def test_region_usage_restrictions_cannot_change_on_an_existing_project(sim, run_module):
    result = run_module(atlas_project.main, args(sim, name="Simulated Project", region_usage_restrictions="GOV_REGIONS_ONLY"))

    assert result["failed"] is True
    assert result["msg"] == (
        "region_usage_restrictions is GOV_REGIONS_ONLY, but project %s has none: it is set when a project is created and cannot be changed." % PROJECT_ID
    )
    assert sim.writes() == []


def test_creation_only_options_are_sent_on_creation(sim, run_module):
    result = run_module(atlas_project.main, args(sim, name="gov", with_default_alerts_settings=False, region_usage_restrictions="GOV_REGIONS_ONLY"))

    assert result["changed"] is True
    body = {"name": "gov", "orgId": ORG_ID, "tags": [], "withDefaultAlertsSettings": False, "regionUsageRestrictions": "GOV_REGIONS_ONLY"}
    assert sim.writes()[0].body == body
    assert result["project"]["regionUsageRestrictions"] == "GOV_REGIONS_ONLY"


BAD_INPUT = [
    (dict(name=""), "name must be a project name of 1 to 64 letters, digits, spaces and - _ . ( ) , : & @ + ', got ''"),
    (dict(name="x" * 65), "name must be a project name of 1 to 64 letters, digits, spaces and - _ . ( ) , : & @ + ', got %r" % ("x" * 65)),
    (dict(name="a/b"), "name must be a project name of 1 to 64 letters, digits, spaces and - _ . ( ) , : & @ + ', got 'a/b'"),
    (dict(name=None), "one of the following is required: name, project_id"),
    (dict(org_id=None), "org_id is required to find a project by name (or give project_id): project names are unique only within an organization."),
    (dict(org_id="ORG"), "org_id must be a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b, got 'ORG'"),
    (dict(project_id="123"), "project_id must be a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b, got '123'"),
    (dict(tags={"backup": True}), "tags.backup must be a text (quote it, as in backup: \"True\"), got True"),
    (dict(tags={"k": ""}), "tags.k: keys and values must be 1 to 255 characters, got ''"),
    (dict(tags={"k": "v" * 256}), "tags.k: keys and values must be 1 to 255 characters, got %r" % ("v" * 256)),
    (dict(state="gone"), "value of state must be one of: present, absent, got: gone"),
    (
        dict(region_usage_restrictions="EU"),
        "value of region_usage_restrictions must be one of: COMMERCIAL_FEDRAMP_REGIONS_ONLY, GOV_REGIONS_ONLY, got: EU",
    ),
    (dict(name="semi;colon"), "name must be a project name of 1 to 64 letters, digits, spaces and - _ . ( ) , : & @ + ', got 'semi;colon'"),
]


@pytest.mark.parametrize("module_args, msg", BAD_INPUT, ids=[msg[:60] for dummy, msg in BAD_INPUT])
def test_bad_input_fails_naming_it_before_any_request(sim, run_module, module_args, msg):
    full_args = args(sim, name="payments-prod")
    full_args.update(module_args)
    full_args = dict((key, value) for key, value in full_args.items() if value is not None)

    result = run_module(atlas_project.main, full_args)

    assert result["failed"] is True
    assert result["msg"] == msg
    assert sim.request_log() == []
