# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools

import pytest

from ansible_collections.atlas_ops.admin.plugins.module_utils import wait
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cluster_info
from ansible_collections.atlas_ops.admin.tests.unit.plugins.modules.fake_cluster_atlas import PROJECT_ID, VERSION_2024_08_05

LIST_PATH = "/api/atlas/v2/groups/%s/clusters" % PROJECT_ID


def cluster_path(name):
    return "%s/%s" % (LIST_PATH, name)


def names(result):
    return [cluster["name"] for cluster in result["clusters"]]


@pytest.fixture
def seeded(atlas):
    """The simulator's default project: three clusters."""
    atlas.add_cluster("Cluster0", mongoDBEmployeeAccessGrant={"grantType": "CLUSTER_DATABASE_LOGS", "expirationTime": "2030-01-01T00:00:00Z"})
    atlas.add_cluster("analytics", clusterType="SHARDED", tags=[{"key": "env", "value": "prod"}, {"key": "team", "value": "bi"}])
    atlas.add_cluster("dev-paused", paused=True, tags=[{"key": "env", "value": "dev"}])
    return atlas


class FakeClock:
    """Time that only moves when the code under test sleeps."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_clock(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(atlas_cluster_info, "wait_until", functools.partial(wait.wait_until, clock=clock.clock, sleep=clock.sleep))
    return clock


def test_reads_every_cluster_of_the_project_in_one_request(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID))

    assert result["changed"] is False
    assert result["clusters"] == list(seeded.projects[PROJECT_ID].values())
    [request] = seeded.calls
    assert (request.method, request.path, request.accept) == ("GET", LIST_PATH, VERSION_2024_08_05)
    assert request.query == {"itemsPerPage": "500", "pageNum": "1", "includeCount": "true"}


def test_group_id_is_an_alias_of_project_id(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(group_id=PROJECT_ID))

    assert names(result) == ["Cluster0", "analytics", "dev-paused"]


@pytest.mark.parametrize("count, expected_pages", [(500, 1), (501, 2), (1000, 2), (1001, 3)])
def test_reads_all_pages_in_the_fewest_requests(atlas, run_module, count, expected_pages):
    for number in range(count):
        atlas.add_cluster("cluster-%04d" % number)

    result = run_module(atlas_cluster_info.main, atlas.module_args(project_id=PROJECT_ID))

    assert names(result) == ["cluster-%04d" % number for number in range(count)]
    assert [request.query["pageNum"] for request in atlas.calls] == [str(page) for page in range(1, expected_pages + 1)]
    assert set(request.query["itemsPerPage"] for request in atlas.calls) == {"500"}


def test_a_project_without_clusters_gives_an_empty_list(atlas, run_module):
    result = run_module(atlas_cluster_info.main, atlas.module_args(project_id=PROJECT_ID))

    assert result["changed"] is False
    assert result["clusters"] == []


def test_reads_one_cluster_by_name(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="analytics"))

    assert result["clusters"] == [seeded.cluster("analytics")]
    [request] = seeded.calls
    assert (request.method, request.path, request.accept, request.query) == ("GET", cluster_path("analytics"), VERSION_2024_08_05, {})


def test_a_missing_named_cluster_is_an_empty_list_not_a_failure(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="nope"))

    assert "failed" not in result
    assert result["clusters"] == []
    assert [request.path for request in seeded.calls] == [cluster_path("nope")]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"state_name": "IDLE"}, ["Cluster0", "analytics", "dev-paused"]),
        ({"state_name": "UPDATING"}, []),
        ({"cluster_type": "SHARDED"}, ["analytics"]),
        ({"cluster_type": "REPLICASET"}, ["Cluster0", "dev-paused"]),
        ({"paused": True}, ["dev-paused"]),
        ({"paused": False}, ["Cluster0", "analytics"]),
        ({"tags": {"env": "prod"}}, ["analytics"]),
        ({"tags": {"env": "prod", "team": "bi"}}, ["analytics"]),
        ({"tags": {"env": "prod", "team": "ops"}}, []),
        ({"tags": {"env": "dev"}, "paused": False}, []),
        ({"cluster_type": "REPLICASET", "paused": False}, ["Cluster0"]),
    ],
)
def test_filters_are_applied_to_the_clusters_read(seeded, run_module, filters, expected):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, **filters))

    assert names(result) == expected
    # Atlas has no query parameters for these filters: the request is the plain list.
    assert [request.query for request in seeded.calls] == [{"itemsPerPage": "500", "pageNum": "1", "includeCount": "true"}]


def test_a_cluster_without_the_paused_field_counts_as_running(atlas, run_module):
    cluster = atlas.add_cluster("no-paused-field")
    del cluster["paused"]

    assert names(run_module(atlas_cluster_info.main, atlas.module_args(project_id=PROJECT_ID, paused=False))) == ["no-paused-field"]


def test_filters_apply_to_a_named_cluster_too(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="Cluster0", cluster_type="SHARDED"))

    assert result["clusters"] == []


def test_deleted_clusters_with_retained_backups_only_on_request(seeded, run_module):
    seeded.add_deleted_cluster("old-cluster")

    without = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID))
    with_deleted = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, include_deleted_with_retained_backups=True))

    assert "old-cluster" not in names(without)
    assert names(with_deleted) == ["Cluster0", "analytics", "dev-paused", "old-cluster"]
    first, second = seeded.calls
    assert "includeDeletedWithRetainedBackups" not in first.query
    assert second.query["includeDeletedWithRetainedBackups"] == "true"


def test_a_named_deleted_cluster_with_retained_backups_is_found_in_the_list(seeded, run_module):
    seeded.add_deleted_cluster("old-cluster")

    result = run_module(
        atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="old-cluster", include_deleted_with_retained_backups=True)
    )

    assert names(result) == ["old-cluster"]
    assert [(request.path, request.query.get("includeDeletedWithRetainedBackups")) for request in seeded.calls] == [
        (cluster_path("old-cluster"), None),
        (LIST_PATH, "true"),
    ]


def test_check_mode_gives_the_same_result(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID), check_mode=True)

    assert result["changed"] is False
    assert names(result) == ["Cluster0", "analytics", "dev-paused"]
    assert seeded.writes == []


def test_waits_until_the_cluster_reaches_the_state(seeded, run_module, fake_clock):
    seeded.next_states("Cluster0", ["UPDATING", "UPDATING", "IDLE"])

    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="Cluster0", wait_for_state="IDLE", wait_interval=15))

    assert result["changed"] is False
    assert [cluster["stateName"] for cluster in result["clusters"]] == ["IDLE"]
    assert [request.path for request in seeded.calls] == [cluster_path("Cluster0")] * 3
    assert fake_clock.sleeps == [15, 15]


def test_a_cluster_already_in_the_state_is_read_once(seeded, run_module, fake_clock):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="Cluster0", wait_for_state="IDLE"))

    assert names(result) == ["Cluster0"]
    assert len(seeded.calls) == 1
    assert fake_clock.sleeps == []


def test_waiting_fails_after_the_timeout_with_the_last_state(seeded, run_module, fake_clock):
    seeded.next_states("Cluster0", ["UPDATING"] * 10)

    result = run_module(
        atlas_cluster_info.main,
        seeded.module_args(project_id=PROJECT_ID, name="Cluster0", wait_for_state="IDLE", wait_timeout=25, wait_interval=10),
    )

    assert result["failed"] is True
    assert result["msg"] == "Cluster Cluster0 in project %s did not reach state IDLE within 25 seconds; its state is UPDATING." % PROJECT_ID
    assert [cluster["stateName"] for cluster in result["clusters"]] == ["UPDATING"]
    # Reads at 0, 10, 20 and a last one at exactly 25 seconds.
    assert fake_clock.sleeps == [10, 10, 5]
    assert len(seeded.calls) == 4


def test_waiting_for_a_missing_cluster_fails_at_once(seeded, run_module, fake_clock):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="nope", wait_for_state="IDLE"))

    assert result["failed"] is True
    assert result["msg"] == "Cannot wait for cluster nope in project %s to reach state IDLE: it does not exist." % PROJECT_ID
    assert len(seeded.calls) == 1
    assert fake_clock.sleeps == []


def test_an_api_error_fails_with_atlas_answer(seeded, run_module):
    seeded.fail_next("GET", LIST_PATH, 401, "UNAUTHORIZED", "You are not authorized for this resource.")

    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID))

    assert result["failed"] is True
    assert result["msg"] == (
        "Failed to read the clusters of project %s: Atlas API request GET %s failed with 401 UNAUTHORIZED: "
        "You are not authorized for this resource." % (PROJECT_ID, LIST_PATH)
    )
    assert (result["status"], result["error_code"]) == (401, "UNAUTHORIZED")


def test_a_server_error_while_waiting_fails_the_task(seeded, run_module, fake_clock):
    seeded.fail_next("GET", cluster_path("Cluster0"), 500, "UNEXPECTED_ERROR")

    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="Cluster0", wait_for_state="IDLE"))

    assert result["failed"] is True
    assert result["status"] == 500


@pytest.mark.parametrize(
    "args, msg",
    [
        (
            {"project_id": "not-an-id"},
            "project_id must be a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b, got 'not-an-id'",
        ),
        (
            {"project_id": PROJECT_ID, "name": "bad_name"},
            "name must be a cluster name of at most 64 ASCII letters, digits and hyphens, starting with a letter or digit, got 'bad_name'",
        ),
        ({"project_id": PROJECT_ID, "wait_for_state": "IDLE"}, "missing parameter(s) required by 'wait_for_state': name"),
        (
            {"project_id": PROJECT_ID, "name": "Cluster0", "wait_for_state": "IDLE", "wait_interval": 0},
            "wait_interval must be a number of seconds greater than 0, got 0",
        ),
        (
            {"project_id": PROJECT_ID, "name": "Cluster0", "wait_for_state": "IDLE", "wait_timeout": -1},
            "wait_timeout must be a number of seconds of 0 or more, got -1",
        ),
        (
            {"project_id": PROJECT_ID, "state_name": "RUNNING"},
            "value of state_name must be one of: IDLE, CREATING, UPDATING, DELETING, REPAIRING, got: RUNNING",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_type": "SERVERLESS"},
            "value of cluster_type must be one of: REPLICASET, SHARDED, GEOSHARDED, got: SERVERLESS",
        ),
    ],
)
def test_bad_input_fails_before_any_request(seeded, run_module, args, msg):
    result = run_module(atlas_cluster_info.main, seeded.module_args(**args))

    assert result["failed"] is True
    assert result["msg"] == msg
    assert seeded.calls == []


def test_missing_credentials_fail_before_any_request(seeded, run_module):
    args = seeded.module_args(project_id=PROJECT_ID)
    del args["public_key"], args["private_key"]

    result = run_module(atlas_cluster_info.main, args)

    assert result["failed"] is True
    assert result["msg"].startswith("No Atlas credentials were given.")
    assert seeded.calls == []
