# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_online_archive_info against the simulator (the `sim` fixture of tests/unit/conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from atlas_simulator.default_seed import EMPTY_PROJECT_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_online_archive_info

V2023 = "application/vnd.atlas.2023-01-01+json"
V2024 = "application/vnd.atlas.2024-08-05+json"
CLUSTERS_PATH = "/api/atlas/v2/groups/%s/clusters" % PROJECT_ID
PAGE = {"itemsPerPage": "500", "pageNum": "1", "includeCount": "true"}


def archives_path(cluster):
    return "%s/%s/onlineArchives" % (CLUSTERS_PATH, cluster)


def archive(archive_id, cluster, db_name, coll_name, state="ACTIVE"):
    """A seed archive (the simulator fills in the rest)."""
    return {
        "_id": archive_id,
        "clusterName": cluster,
        "dbName": db_name,
        "collName": coll_name,
        "criteria": {"type": "DATE", "dateField": "created", "expireAfterDays": 30},
        "state": state,
    }


ORDERS = archive("6740000000000000000000a1", "Cluster0", "sales", "orders")
OLD_ORDERS = archive("6740000000000000000000a2", "Cluster0", "sales", "orders", state="PAUSED")
EVENTS = archive("6740000000000000000000a3", "analytics", "logs", "events", state="ORPHANED")
INVOICES = archive("6740000000000000000000a4", "analytics", "sales", "invoices", state="DELETED")


def seed(sim, *archives):
    state = sim.state()
    sim.project(PROJECT_ID, state)["online_archives"] = [dict(item) for item in archives]
    sim.set_state(state)
    sim.forget_requests()


def run(sim, run_module, check_mode=False, **args):
    return run_module(atlas_online_archive_info.main, sim.module_args(**dict(dict(project_id=PROJECT_ID), **args)), check_mode=check_mode)


def summary(result):
    return [(item["clusterName"], item["dbName"], item["collName"], item["state"]) for item in result["online_archives"]]


def test_reads_the_archives_of_one_cluster_in_one_request(sim, run_module):
    seed(sim, ORDERS, EVENTS, OLD_ORDERS)

    result = run(sim, run_module, cluster_name="Cluster0")

    assert result["changed"] is False
    assert summary(result) == [("Cluster0", "sales", "orders", "ACTIVE"), ("Cluster0", "sales", "orders", "PAUSED")]
    assert result["online_archives"][0]["_id"] == ORDERS["_id"]
    assert result["online_archives"][0]["criteria"]["dateField"] == "created"
    [request] = sim.requests()
    assert (request.method, request.path, request.accept, request.query) == ("GET", archives_path("Cluster0"), V2023, PAGE)


def test_without_cluster_name_lists_the_clusters_then_each_clusters_archives(sim, run_module):
    seed(sim, ORDERS, EVENTS, INVOICES)

    result = run(sim, run_module)

    assert summary(result) == [
        ("Cluster0", "sales", "orders", "ACTIVE"),
        ("analytics", "logs", "events", "ORPHANED"),
        ("analytics", "sales", "invoices", "DELETED"),
    ]
    assert [(request.method, request.path, request.accept) for request in sim.requests()] == [
        ("GET", CLUSTERS_PATH, V2024),
        ("GET", archives_path("Cluster0"), V2023),
        ("GET", archives_path("analytics"), V2023),
        ("GET", archives_path("dev-paused"), V2023),
    ]
    assert all(request.query == PAGE for request in sim.requests())


@pytest.mark.parametrize(
    "args, expected",
    [
        ({"db_name": "sales"}, [ORDERS["_id"], INVOICES["_id"]]),
        ({"coll_name": "events"}, [EVENTS["_id"]]),
        ({"collection": "orders", "db_name": "sales"}, [ORDERS["_id"]]),
        ({"db_name": "sales", "coll_name": "events"}, []),
        ({"cluster_name": "analytics", "db_name": "sales"}, [INVOICES["_id"]]),
    ],
)
def test_db_name_and_coll_name_filter_what_was_read(sim, run_module, args, expected):
    seed(sim, ORDERS, EVENTS, INVOICES)

    result = run(sim, run_module, **args)

    assert [item["_id"] for item in result["online_archives"]] == expected
    assert all(request.query == PAGE or request.path == CLUSTERS_PATH for request in sim.requests())


@pytest.mark.parametrize("count, pages", [(500, 1), (501, 2)])
def test_reads_every_page_of_a_clusters_archives(sim, run_module, count, pages):
    # Atlas creates at most 50 archives per cluster, but its list is paginated: a seed may hold more.
    many = [archive("67400000000000000000%04x" % number, "Cluster0", "db%d" % number, "coll") for number in range(count)]
    seed(sim, *many)

    result = run(sim, run_module, name="Cluster0")

    assert [item["_id"] for item in result["online_archives"]] == [item["_id"] for item in many]
    assert [request.query["pageNum"] for request in sim.requests()] == [str(page) for page in range(1, pages + 1)]


def test_a_missing_cluster_has_no_archives(sim, run_module):
    result = run(sim, run_module, cluster_name="no-such-cluster")

    assert "failed" not in result
    assert result["online_archives"] == []
    [request] = sim.requests()
    assert (request.path, request.status) == (archives_path("no-such-cluster"), 404)


def test_a_project_without_clusters_gives_an_empty_list_in_one_request(sim, run_module):
    result = run(sim, run_module, project_id=EMPTY_PROJECT_ID)

    assert (result["changed"], result["online_archives"]) == (False, [])
    assert [request.path for request in sim.requests()] == ["/api/atlas/v2/groups/%s/clusters" % EMPTY_PROJECT_ID]


def test_check_mode_reads_the_same(sim, run_module):
    seed(sim, ORDERS)

    assert run(sim, run_module, check_mode=True)["online_archives"] == run(sim, run_module)["online_archives"]
    assert sim.writes() == []


@pytest.mark.parametrize(
    "args, msg",
    [
        ({"project_id": "not-an-id"}, "project_id must be a 24-character lowercase hexadecimal Atlas id"),
        ({"project_id": "6500000000000000000000B1"}, "project_id must be a 24-character lowercase hexadecimal Atlas id"),
        ({"cluster_name": "cluster_0"}, "cluster_name must be a cluster name of at most 64 ASCII letters, digits and hyphens"),
        ({"name": "-Cluster0"}, "cluster_name must be a cluster name of at most 64 ASCII letters, digits and hyphens"),
        ({"cluster_name": "c" * 65}, "cluster_name must be a cluster name of at most 64 ASCII letters, digits and hyphens"),
    ],
)
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, args, msg):
    result = run(sim, run_module, **args)

    assert result["failed"] is True
    assert msg in result["msg"]
    assert sim.request_log() == []


@pytest.mark.parametrize("args", [{}, {"cluster_name": "Cluster0"}])
def test_a_wrong_project_fails(sim, run_module, args):
    result = run(sim, run_module, project_id="6500000000000000000000ff", **args)

    assert result["failed"] is True
    assert result["error_code"] == "GROUP_NOT_FOUND"
    assert result["msg"].startswith("Failed to read the online archives of ")
