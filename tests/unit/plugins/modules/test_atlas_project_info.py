# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_project_info against the simulator (the `sim` fixture of tests/unit/conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from atlas_simulator.default_seed import EMPTY_PROJECT_ID, ORG_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_project_info

V2023 = "application/vnd.atlas.2023-01-01+json"
ORG_PROJECTS_PATH = "/api/atlas/v2/orgs/%s/groups" % ORG_ID
PROJECT_PATH = "/api/atlas/v2/groups/%s" % PROJECT_ID
UNKNOWN_PROJECT_ID = "6500000000000000000000ff"
UNKNOWN_ORG_ID = "6500000000000000000000fe"
OTHER_ORG_ID = "6500000000000000000000a2"
# Default seed: "Simulated Project" (PROJECT_ID) and "Simulated Empty Project" (EMPTY_PROJECT_ID), both in ORG_ID.


def run(sim, run_module, check_mode=False, **args):
    return run_module(atlas_project_info.main, sim.module_args(**args), check_mode=check_mode)


def add_projects(sim, names, org_id=ORG_ID):
    state = sim.state()
    if not any(org["id"] == org_id for org in state["orgs"]):
        state["orgs"].append({"id": org_id, "name": "Other Org", "users": [], "teams": []})
    for name in names:
        project_id = "66%022x" % len(state["projects"])
        state["projects"].append({"id": project_id, "org_id": org_id, "name": name, "users": [], "service_accounts": []})
    sim.set_state(state)
    sim.forget_requests()


def names(result):
    return [project["name"] for project in result["projects"]]


def test_one_project_by_id_in_one_request(sim, run_module):
    result = run(sim, run_module, project_id=PROJECT_ID)

    assert result["changed"] is False
    [project] = result["projects"]
    assert (project["id"], project["name"], project["orgId"], project["clusterCount"]) == (PROJECT_ID, "Simulated Project", ORG_ID, 3)
    [request] = sim.requests()
    assert (request.method, request.path, request.accept) == ("GET", PROJECT_PATH, V2023)


def test_every_project_of_an_organization(sim, run_module):
    result = run(sim, run_module, org_id=ORG_ID)

    assert names(result) == ["Simulated Project", "Simulated Empty Project"]
    [request] = sim.requests()
    assert (request.path, request.query["itemsPerPage"], request.query["pageNum"]) == (ORG_PROJECTS_PATH, "500", "1")
    assert "name" not in request.query


def test_reads_every_page_past_500_projects(sim, run_module):
    add_projects(sim, ["team-%03d" % number for number in range(600)])

    result = run(sim, run_module, org_id=ORG_ID)

    assert len(result["projects"]) == 602
    assert names(result)[-1] == "team-599"
    assert [request.query["pageNum"] for request in sim.requests()] == ["1", "2"]
    assert sim.writes() == []


def test_by_name_keeps_only_the_exact_name_of_atlas_prefix_matches(sim, run_module):
    """Atlas' ?name= is a case-insensitive prefix: "Simulated Project" also finds "Simulated Project 2" and "simulated project"."""
    add_projects(sim, ["Simulated Project 2", "simulated project"])
    add_projects(sim, ["Simulated Project"], org_id=OTHER_ORG_ID)

    result = run(sim, run_module, org_id=ORG_ID, name="Simulated Project")

    assert [(project["id"], project["name"]) for project in result["projects"]] == [(PROJECT_ID, "Simulated Project")]
    [request] = sim.requests()
    assert (request.path, request.query["name"]) == (ORG_PROJECTS_PATH, "Simulated Project")


def test_by_name_past_500_prefix_matches(sim, run_module):
    add_projects(sim, ["Simulated Empty Project %03d" % number for number in range(600)])

    result = run(sim, run_module, org_id=ORG_ID, name="Simulated Empty Project")

    assert [project["id"] for project in result["projects"]] == [EMPTY_PROJECT_ID]
    assert [request.query["pageNum"] for request in sim.requests()] == ["1", "2"]


def test_an_unknown_name_in_a_known_organization_is_an_empty_list(sim, run_module):
    result = run(sim, run_module, org_id=ORG_ID, name="payments-prod")

    assert "failed" not in result, result
    assert result["projects"] == []


def test_an_unknown_project_id_fails_rather_than_returning_an_empty_list(sim, run_module):
    result = run(sim, run_module, project_id=UNKNOWN_PROJECT_ID)

    assert result["failed"] is True
    assert "projects" not in result
    assert (result["status"], result["error_code"]) == (404, "GROUP_NOT_FOUND")
    assert result["msg"].startswith("Failed to read project %s: " % UNKNOWN_PROJECT_ID)


@pytest.mark.parametrize("name", [None, "Simulated Project"])
def test_an_unknown_organization_fails_rather_than_returning_an_empty_list(sim, run_module, name):
    result = run(sim, run_module, org_id=UNKNOWN_ORG_ID, name=name)

    assert result["failed"] is True
    assert "projects" not in result
    assert (result["status"], result["error_code"]) == (404, "ORG_NOT_FOUND")
    assert result["msg"].startswith("Failed to read the projects of organization %s: " % UNKNOWN_ORG_ID)


@pytest.mark.parametrize(
    "args, message",
    [
        ({"project_id": PROJECT_ID, "name": "Simulated Project"}, "missing parameter(s) required by 'name': org_id"),
        ({"org_id": ORG_ID, "name": "has/slash"}, "name must be a project name of 1 to 64 letters, digits, spaces and - _ . ( ) , : & @ + ', got 'has/slash'"),
        ({"org_id": ORG_ID, "name": "x" * 65}, "name must be a project name of 1 to 64"),
        ({"org_id": ORG_ID, "project_id": PROJECT_ID}, "parameters are mutually exclusive: org_id|project_id"),
        ({}, "one of the following is required: org_id, project_id"),
        ({"org_id": "6500000000000000000000A1"}, "org_id must be a 24-character lowercase hexadecimal Atlas id"),
    ],
)
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, args, message):
    result = run(sim, run_module, **args)

    assert result["failed"] is True
    assert message in result["msg"], result["msg"]
    assert sim.request_log() == []


@pytest.mark.parametrize("args", [{"project_id": PROJECT_ID}, {"org_id": ORG_ID}, {"org_id": ORG_ID, "name": "Simulated Project"}])
def test_check_mode_reads_the_same_and_nothing_is_ever_written(sim, run_module, args):
    normal = run(sim, run_module, **args)
    checked = run(sim, run_module, check_mode=True, **args)

    assert checked == normal
    assert [request.method for request in sim.requests()] == ["GET", "GET"]
    assert sim.writes() == []
