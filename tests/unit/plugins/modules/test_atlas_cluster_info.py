# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_cluster_info against the simulator (the `sim` fixture of tests/unit/conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from atlas_simulator.default_seed import EMPTY_PROJECT_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.client import UNAUTHORIZED_GUIDANCE
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cluster_info
from ansible_collections.atlas_ops.admin.tests.unit.module_results import warnings

VERSION_2024_08_05 = "application/vnd.atlas.2024-08-05+json"
LIST_PATH = "/api/atlas/v2/groups/%s/clusters" % PROJECT_ID
PLAIN_LIST_QUERY = {"itemsPerPage": "500", "pageNum": "1", "includeCount": "true"}


def cluster_path(name):
    return "%s/%s" % (LIST_PATH, name)


def names(result):
    return [cluster["name"] for cluster in result["clusters"]]


def without_links(cluster):
    """A cluster as the API answers it, minus the links the simulator adds to each answer."""
    return {key: value for key, value in cluster.items() if key != "links"}


@pytest.fixture
def seeded(sim):
    """The default seed's project (Cluster0, analytics SHARDED with tag env=prod, dev-paused with env=dev), analytics also
    tagged team=bi, dev-paused also backup=true."""
    sim.update_cluster("analytics", tags=[{"key": "env", "value": "prod"}, {"key": "team", "value": "bi"}])
    sim.update_cluster("dev-paused", tags=[{"key": "env", "value": "dev"}, {"key": "backup", "value": "true"}])
    sim.forget_requests()
    return sim


def test_reads_every_cluster_of_the_project_in_one_request(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID))

    assert result["changed"] is False
    assert [without_links(cluster) for cluster in result["clusters"]] == seeded.clusters()
    [request] = seeded.requests()
    assert (request.method, request.path, request.accept) == ("GET", LIST_PATH, VERSION_2024_08_05)
    assert request.query == PLAIN_LIST_QUERY


def test_group_id_is_an_alias_of_project_id(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(group_id=PROJECT_ID))

    assert names(result) == ["Cluster0", "analytics", "dev-paused"]


@pytest.mark.parametrize("count, expected_pages", [(500, 1), (501, 2), (1000, 2), (1001, 3)])
def test_reads_all_pages_in_the_fewest_requests(sim, run_module, count, expected_pages):
    sim.set_clusters([{"name": "cluster-%04d" % number} for number in range(count)])
    sim.forget_requests()

    result = run_module(atlas_cluster_info.main, sim.module_args(project_id=PROJECT_ID))

    assert names(result) == ["cluster-%04d" % number for number in range(count)]
    requests = sim.requests()
    assert [request.query["pageNum"] for request in requests] == [str(page) for page in range(1, expected_pages + 1)]
    assert set(request.query["itemsPerPage"] for request in requests) == {"500"}


def test_a_project_without_clusters_gives_an_empty_list(sim, run_module):
    result = run_module(atlas_cluster_info.main, sim.module_args(project_id=EMPTY_PROJECT_ID))

    assert result["changed"] is False
    assert result["clusters"] == []
    assert [request.path for request in sim.requests()] == ["/api/atlas/v2/groups/%s/clusters" % EMPTY_PROJECT_ID]


def test_reads_one_cluster_by_name(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="analytics"))

    assert [without_links(cluster) for cluster in result["clusters"]] == [seeded.cluster("analytics")]
    [request] = seeded.requests()
    assert (request.method, request.path, request.accept, request.query) == ("GET", cluster_path("analytics"), VERSION_2024_08_05, {})


def test_a_missing_named_cluster_is_an_empty_list_not_a_failure(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="nope"))

    assert "failed" not in result
    assert result["clusters"] == []
    [request] = seeded.requests()
    assert (request.path, request.status) == (cluster_path("nope"), 404)


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
        ({"tags": {"backup": "true"}}, ["dev-paused"]),
        ({"cluster_type": "REPLICASET", "paused": False}, ["Cluster0"]),
    ],
)
def test_filters_are_applied_to_the_clusters_read(seeded, run_module, filters, expected):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, **filters))

    assert names(result) == expected
    # Atlas has no query parameters for these filters: the request is the plain list.
    assert [request.query for request in seeded.requests()] == [PLAIN_LIST_QUERY]


def test_a_cluster_without_the_paused_field_counts_as_running():
    # The simulator always fills in paused (as Atlas' 2024-08-05 answers do); Atlas may leave it
    # out, so this is checked on the filter itself.
    params = dict(state_name=None, cluster_type=None, paused=False, tags=None)

    assert atlas_cluster_info.matches({"name": "no-paused-field"}, params) is True
    assert atlas_cluster_info.matches({"name": "no-paused-field"}, dict(params, paused=True)) is False


def test_filters_apply_to_a_named_cluster_too(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="Cluster0", cluster_type="SHARDED"))

    assert result["clusters"] == []
    assert [request.path for request in seeded.requests()] == [cluster_path("Cluster0")]


# The simulator does not implement includeDeletedWithRetainedBackups (it answers the plain list), so
# these tests check what the module asks for, not that a deleted cluster shows up in the result.


def test_deleted_clusters_with_retained_backups_are_asked_for_only_on_request(seeded, run_module):
    without = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID))
    with_deleted = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, include_deleted_with_retained_backups=True))

    assert names(without) == names(with_deleted) == ["Cluster0", "analytics", "dev-paused"]
    first, second = seeded.requests()
    assert first.query == PLAIN_LIST_QUERY
    assert second.query == dict(PLAIN_LIST_QUERY, includeDeletedWithRetainedBackups="true")


def test_a_named_cluster_not_found_is_looked_for_in_the_list_with_deleted_ones(seeded, run_module):
    result = run_module(
        atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="old-cluster", include_deleted_with_retained_backups=True)
    )

    assert result["clusters"] == []
    assert [(request.path, request.query.get("includeDeletedWithRetainedBackups")) for request in seeded.requests()] == [
        (cluster_path("old-cluster"), None),
        (LIST_PATH, "true"),
    ]


def test_check_mode_gives_the_same_result(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID), check_mode=True)

    assert result["changed"] is False
    assert names(result) == ["Cluster0", "analytics", "dev-paused"]
    assert [request.method for request in seeded.requests()] == ["GET"]
    assert seeded.writes() == []


def states_after_each_sleep(sim, fake_clock, name, states):
    """While the module waits, the cluster moves to the next of these states at each of its sleeps.

    The simulator has no cluster state changes of its own (no cluster create or update), so the
    test changes the stored cluster between the module's reads.
    """
    upcoming = list(states)

    def next_state(seconds):
        if upcoming:
            sim.update_cluster(name, stateName=upcoming.pop(0))

    fake_clock.on_sleep = next_state


def test_waits_until_the_cluster_reaches_the_state(seeded, run_module, fake_clock):
    seeded.update_cluster("Cluster0", stateName="UPDATING")
    states_after_each_sleep(seeded, fake_clock, "Cluster0", ["UPDATING", "IDLE"])
    seeded.forget_requests()

    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="Cluster0", wait_for_state="IDLE", wait_interval=15))

    assert result["changed"] is False
    assert [cluster["stateName"] for cluster in result["clusters"]] == ["IDLE"]
    assert [request.path for request in seeded.requests()] == [cluster_path("Cluster0")] * 3
    assert fake_clock.sleeps == [15, 15]


def test_a_cluster_already_in_the_state_is_read_once(seeded, run_module, fake_clock):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="Cluster0", wait_for_state="IDLE"))

    assert names(result) == ["Cluster0"]
    assert len(seeded.requests()) == 1
    assert fake_clock.sleeps == []


def test_waiting_fails_after_the_timeout_with_the_last_state(seeded, run_module, fake_clock):
    seeded.update_cluster("Cluster0", stateName="UPDATING")
    seeded.forget_requests()

    result = run_module(
        atlas_cluster_info.main,
        seeded.module_args(project_id=PROJECT_ID, name="Cluster0", wait_for_state="IDLE", wait_timeout=25, wait_interval=10),
    )

    assert result["failed"] is True
    assert result["msg"] == "Cluster Cluster0 in project %s did not reach state IDLE within 25 seconds; its state is UPDATING." % PROJECT_ID
    assert [cluster["stateName"] for cluster in result["clusters"]] == ["UPDATING"]
    # Reads at 0, 10, 20 and a last one at exactly 25 seconds.
    assert fake_clock.sleeps == [10, 10, 5]
    assert len(seeded.requests()) == 4


def test_waiting_for_a_missing_cluster_fails_at_once(seeded, run_module, fake_clock):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="nope", wait_for_state="IDLE"))

    assert result["failed"] is True
    assert result["msg"] == "Cannot wait for cluster nope in project %s to reach state IDLE: it does not exist." % PROJECT_ID
    assert len(seeded.requests()) == 1
    assert fake_clock.sleeps == []


def test_an_api_error_fails_with_atlas_answer(seeded, run_module):
    seeded.fail_next("GET", "/clusters$", 401)

    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID))

    assert result["failed"] is True
    assert result["msg"] == (
        "Failed to read the clusters of project %s: Atlas API request GET %s failed with 401 Unauthorized: "
        "Injected fault: Unauthorized. %s" % (PROJECT_ID, LIST_PATH, UNAUTHORIZED_GUIDANCE)
    )
    assert (result["status"], result["error_code"]) == (401, "UNEXPECTED_ERROR")


def test_a_server_error_while_waiting_fails_the_task(seeded, run_module, fake_clock):
    seeded.fail_next("GET", "/clusters/Cluster0$", 500)

    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="Cluster0", wait_for_state="IDLE"))

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (500, "UNEXPECTED_ERROR")
    assert fake_clock.sleeps == []


@pytest.mark.parametrize(
    "args, msg",
    [
        (
            {"project_id": "not-an-id"},
            "project_id must be a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b, got 'not-an-id'",
        ),
        (
            {"project_id": PROJECT_ID, "name": "bad_name"},
            "cluster_name must be a cluster name of at most 64 ASCII letters, digits and hyphens, starting with a letter or digit, got 'bad_name'",
        ),
        ({"project_id": PROJECT_ID, "wait_for_state": "IDLE"}, "missing parameter(s) required by 'wait_for_state': cluster_name"),
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
        # Atlas stores tag values as strings: an unquoted YAML boolean or number would silently match nothing.
        (
            {"project_id": PROJECT_ID, "tags": {"env": "prod", "backup": True}},
            'tags.backup must be a string, as Atlas stores tag values, got True (bool): quote it in the task, such as backup: "true".',
        ),
        (
            {"project_id": PROJECT_ID, "tags": {"tier": 1}},
            'tags.tier must be a string, as Atlas stores tag values, got 1 (int): quote it in the task, such as tier: "1".',
        ),
    ],
)
def test_bad_input_fails_before_any_request(seeded, run_module, args, msg):
    result = run_module(atlas_cluster_info.main, seeded.module_args(**args))

    assert result["failed"] is True
    assert result["msg"] == msg
    assert seeded.request_log() == []


def test_wait_options_without_wait_for_state_are_reported_as_ignored(seeded, run_module):
    result = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="Cluster0", wait_timeout=60, wait_interval=5))

    assert names(result) == ["Cluster0"]
    assert warnings(result) == [
        "wait_timeout is ignored when wait_for_state is not set.",
        "wait_interval is ignored when wait_for_state is not set.",
    ]
    assert len(seeded.requests()) == 1


def test_cluster_name_is_the_option_and_name_its_alias(seeded, run_module):
    by_name = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, name="Cluster0"))
    by_cluster_name = run_module(atlas_cluster_info.main, seeded.module_args(project_id=PROJECT_ID, cluster_name="Cluster0"))

    assert names(by_name) == names(by_cluster_name) == ["Cluster0"]
    assert "warnings" not in by_cluster_name
