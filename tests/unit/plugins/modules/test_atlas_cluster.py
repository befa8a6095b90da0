# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_cluster: the pure compare functions table by table, then main() against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest
from atlas_simulator.default_seed import PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.cluster import (
    check_replication_specs,
    forbidden_changes,
    normalise_replication_specs,
    specs_for_update,
    without_auto_scaled_fields,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cluster
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_cluster import plan_update, update_steps
from ansible_collections.atlas_ops.admin.tests.unit.module_results import warnings

API = "/api/atlas/v2/groups/%s" % PROJECT_ID
CLUSTERS_PATH = API + "/clusters"
WRITE_VERSION = "application/vnd.atlas.2024-10-23+json"
READ_VERSION = "application/vnd.atlas.2024-08-05+json"
DELETE_VERSION = "application/vnd.atlas.2023-02-01+json"

FLAT = dict(project_id=PROJECT_ID, cluster_name="orders", provider="AWS", region="US_EAST_1", instance_size="M10")


def region(provider="AWS", name="US_EAST_1", priority=7, size="M10", nodes=3, **extra):
    config = {"providerName": provider, "regionName": name, "priority": priority, "electableSpecs": {"instanceSize": size, "nodeCount": nodes}}
    config.update(extra)
    return config


# Atlas' answer for region(): everything it fills in (as in the recordings).
def atlas_region(size="M10", nodes=3, disk=10.0, **extra):
    spec = {"diskIOPS": 3000, "diskSizeGB": disk, "ebsVolumeType": "STANDARD", "instanceSize": size, "nodeCount": nodes}
    config = {
        "providerName": "AWS",
        "regionName": "US_EAST_1",
        "priority": 7,
        "electableSpecs": dict(spec),
        "readOnlySpecs": dict(spec, nodeCount=0),
        "analyticsSpecs": dict(spec, nodeCount=0),
        "effectiveElectableSpecs": dict(spec),
        "autoScaling": {"compute": {"enabled": False, "scaleDownEnabled": False}, "diskGB": {"enabled": True}},
    }
    config.update(extra)
    return config


def atlas_specs(*configs):
    return [{"id": "6500000000000000000000e1", "zoneId": "6500000000000000000000e2", "zoneName": "Zone 1", "regionConfigs": list(configs)}]


# -- pure functions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wanted, have, changes",
    [
        # What Atlas fills in is no change.
        ([{"regionConfigs": [region()]}], atlas_specs(atlas_region()), False),
        # Disk size 10 and 10.0 are one size.
        ([{"regionConfigs": [region(electableSpecs={"instanceSize": "M10", "nodeCount": 3, "diskSizeGB": 10})]}], atlas_specs(atlas_region()), False),
        # A read-only spec with nodeCount 0 is as good as none.
        ([{"regionConfigs": [region(readOnlySpecs={"nodeCount": 0})]}], atlas_specs(atlas_region()), False),
        # A bigger size, more nodes, a bigger disk, read-only nodes: changes.
        ([{"regionConfigs": [region(size="M30")]}], atlas_specs(atlas_region()), True),
        ([{"regionConfigs": [region(nodes=5)]}], atlas_specs(atlas_region()), True),
        ([{"regionConfigs": [region(electableSpecs={"instanceSize": "M10", "nodeCount": 3, "diskSizeGB": 40})]}], atlas_specs(atlas_region()), True),
        ([{"regionConfigs": [region(readOnlySpecs={"nodeCount": 1})]}], atlas_specs(atlas_region()), True),
        # Read-only nodes that the task leaves out go (left out means none).
        ([{"regionConfigs": [region()]}], atlas_specs(atlas_region(readOnlySpecs={"instanceSize": "M10", "nodeCount": 2})), True),
        # A second region, a second shard.
        ([{"regionConfigs": [region(), region(name="US_WEST_2", priority=6, nodes=2)]}], atlas_specs(atlas_region()), True),
        ([{"regionConfigs": [region()]}, {"regionConfigs": [region()]}], atlas_specs(atlas_region()), True),
        # Region configs are matched whatever their order (priority orders them).
        (
            [{"regionConfigs": [region(name="US_WEST_2", priority=6, nodes=2), region(nodes=1)]}],
            atlas_specs(atlas_region(nodes=1), atlas_region(regionName="US_WEST_2", priority=6, nodes=2)),
            False,
        ),
        # Auto-scaling the task states is compared; the one it leaves out is not.
        ([{"regionConfigs": [region(autoScaling={"diskGB": {"enabled": False}})]}], atlas_specs(atlas_region()), True),
        ([{"regionConfigs": [region(autoScaling={"diskGB": {"enabled": True}})]}], atlas_specs(atlas_region()), False),
        # The zone name, when the task gives one.
        ([{"zoneName": "Zone 1", "regionConfigs": [region()]}], atlas_specs(atlas_region()), False),
        ([{"zoneName": "EU", "regionConfigs": [region()]}], atlas_specs(atlas_region()), True),
    ],
)
def test_replication_specs_compare_only_what_the_task_states(wanted, have, changes):
    checked = check_replication_specs(wanted)
    body = plan_update({"name": "c", "replicationSpecs": have}, {"replicationSpecs": checked})
    assert ("replicationSpecs" in body) is changes


def test_compute_auto_scaling_owns_the_instance_size_and_disk_auto_scaling_a_grown_disk():
    wanted = check_replication_specs(
        [
            {
                "regionConfigs": [
                    region(
                        electableSpecs={"instanceSize": "M10", "nodeCount": 3, "diskSizeGB": 10},
                        autoScaling={"compute": {"enabled": True, "minInstanceSize": "M10", "maxInstanceSize": "M40"}, "diskGB": {"enabled": True}},
                    )
                ]
            }
        ]
    )
    grown = atlas_specs(
        atlas_region(
            size="M30",
            disk=40,
            autoScaling={"compute": {"enabled": True, "minInstanceSize": "M10", "maxInstanceSize": "M40"}, "diskGB": {"enabled": True}},
        )
    )
    assert plan_update({"name": "c", "replicationSpecs": grown}, {"replicationSpecs": wanted}) == {}
    assert without_auto_scaled_fields(wanted, grown)[0]["regionConfigs"][0]["electableSpecs"] == {"nodeCount": 3}


def test_an_update_keeps_what_the_task_leaves_out_and_sends_no_read_only_field():
    have = atlas_specs(atlas_region())
    sent = specs_for_update(check_replication_specs([{"regionConfigs": [region(size="M30")]}]), have)
    config = sent[0]["regionConfigs"][0]
    assert config["electableSpecs"] == {"diskIOPS": 3000, "diskSizeGB": 10.0, "ebsVolumeType": "STANDARD", "instanceSize": "M30", "nodeCount": 3}
    assert config["autoScaling"] == have[0]["regionConfigs"][0]["autoScaling"]
    assert "effectiveElectableSpecs" not in config and "id" not in sent[0] and "zoneId" not in sent[0]
    assert sent[0]["zoneName"] == "Zone 1"


def test_normal_form_drops_ids_and_what_atlas_derives():
    assert normalise_replication_specs(atlas_specs(atlas_region())) == [
        {
            "zoneName": "Zone 1",
            "regionConfigs": [
                {
                    "providerName": "AWS",
                    "regionName": "US_EAST_1",
                    "priority": 7,
                    "electableSpecs": {"diskIOPS": 3000, "diskSizeGB": 10, "ebsVolumeType": "STANDARD", "instanceSize": "M10", "nodeCount": 3},
                    "readOnlySpecs": {"nodeCount": 0},
                    "analyticsSpecs": {"nodeCount": 0},
                    "autoScaling": {"compute": {"enabled": False, "scaleDownEnabled": False}, "diskGB": {"enabled": True}},
                }
            ],
        }
    ]


@pytest.mark.parametrize(
    "specs, expanded",
    [
        ([{"numShards": 2, "regionConfigs": [region()]}], 2),
        ([{"regionConfigs": [region()]}, {"regionConfigs": [region()]}], 2),
        ([{"regionConfigs": [region()]}], 1),
    ],
)
def test_num_shards_stands_for_identical_shards(specs, expanded):
    assert len(check_replication_specs(specs)) == expanded


def test_priorities_are_filled_in_as_atlas_orders_them():
    checked = check_replication_specs(
        [
            {
                "regionConfigs": [
                    {"providerName": "AWS", "regionName": "EU_WEST_1", "electableSpecs": {"instanceSize": "M10", "nodeCount": 2}},
                    {"providerName": "GCP", "regionName": "WESTERN_EUROPE", "electableSpecs": {"instanceSize": "M10", "nodeCount": 1}},
                    {"providerName": "AWS", "regionName": "EU_WEST_2", "readOnlySpecs": {"instanceSize": "M10", "nodeCount": 1}},
                ]
            }
        ]
    )
    assert [config["priority"] for config in checked[0]["regionConfigs"]] == [7, 6, 0]


@pytest.mark.parametrize(
    "current, desired, problem",
    [
        ({"clusterType": "SHARDED"}, {"clusterType": "REPLICASET"}, "cannot change back to REPLICASET"),
        ({"clusterType": "GEOSHARDED"}, {"clusterType": "SHARDED"}, "cluster_type GEOSHARDED cannot change to SHARDED"),
        ({"mongoDBMajorVersion": "8.0"}, {"mongoDBMajorVersion": "7.0"}, "does not downgrade"),
        ({"mongoDBMajorVersion": "8.0"}, {"mongoDBMajorVersion": "10.0"}, None),
        ({"clusterType": "REPLICASET"}, {"clusterType": "SHARDED"}, None),
        (
            {"replicationSpecs": [{"regionConfigs": [{"providerName": "TENANT", "backingProviderName": "AWS"}]}]},
            {"replicationSpecs": [{"regionConfigs": [{"providerName": "TENANT", "backingProviderName": "GCP"}]}]},
            "cloud provider of a free M0 cluster cannot change (AWS to GCP)",
        ),
        (
            {"replicationSpecs": [{"regionConfigs": [{"providerName": "TENANT", "backingProviderName": "AWS"}]}]},
            {"replicationSpecs": [{"regionConfigs": [{"providerName": "AWS"}]}]},
            "tenant upgrade",
        ),
        (
            {"replicationSpecs": [{"regionConfigs": [{"providerName": "AWS"}]}]},
            {"replicationSpecs": [{"regionConfigs": [{"providerName": "TENANT", "backingProviderName": "AWS"}]}]},
            "cannot become a free M0 cluster",
        ),
    ],
)
def test_forbidden_changes(current, desired, problem):
    problems = forbidden_changes(current, desired)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0], problems


@pytest.mark.parametrize(
    "current, body, steps",
    [
        ({"name": "c", "paused": False}, {}, []),
        ({"name": "c", "paused": False}, {"tags": []}, [{"tags": []}]),
        ({"name": "c", "paused": True}, {"paused": False}, [{"paused": False}]),
        ({"name": "c", "paused": True}, {"paused": False, "backupEnabled": True}, [{"paused": False}, {"backupEnabled": True}]),
        ({"name": "c", "paused": False}, {"paused": True, "backupEnabled": True}, [{"backupEnabled": True}, {"paused": True}]),
    ],
)
def test_update_steps_resume_first_and_pause_last(current, body, steps):
    assert update_steps(current, body) == steps


def test_a_cluster_that_stays_paused_is_not_changed():
    with pytest.raises(AtlasInputError, match="The cluster c is paused and Atlas does not change a paused cluster \\(backupEnabled\\)"):
        update_steps({"name": "c", "paused": True}, {"backupEnabled": True})


@pytest.mark.parametrize(
    "current, desired, body",
    [
        ({"tags": [{"key": "b", "value": "2"}, {"key": "a", "value": "1"}]}, {"tags": [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}]}, {}),
        ({"tags": [{"key": "a", "value": "1"}]}, {"tags": []}, {"tags": []}),
        ({"tags": [{"key": "a", "value": "1"}]}, {"tags": None}, {}),
        ({"biConnector": {"enabled": True, "readPreference": "secondary"}}, {"biConnector": {"readPreference": "SECONDARY"}}, {}),
        (
            {"biConnector": {"enabled": False, "readPreference": "secondary"}},
            {"biConnector": {"enabled": True}},
            {"biConnector": {"enabled": True, "readPreference": "secondary"}},
        ),
        ({"paused": False, "backupEnabled": False}, {"paused": False, "backupEnabled": None}, {}),
        ({"mongoDBMajorVersion": "7.0"}, {"mongoDBMajorVersion": "8.0"}, {"mongoDBMajorVersion": "8.0"}),
    ],
)
def test_plan_update_sends_only_what_changed(current, desired, body):
    assert plan_update(dict(current, name="c"), desired) == body


# -- main() against the simulator -----------------------------------------------------------------


def run(run_module, sim, check_mode=False, diff=False, **args):
    return run_module(atlas_cluster.main, sim.module_args(wait_interval=1, **args), check_mode=check_mode, diff=diff)


def write_requests(sim):
    return [(request.method, request.path, request.body) for request in sim.writes()]


def test_create_with_flat_options_waits_until_idle_and_a_second_run_sends_no_write(sim, run_module, fake_clock):
    result = run(run_module, sim, tags={"env": "prod"}, backup_enabled=True, **FLAT)

    assert result["changed"] is True, result
    assert result["cluster"]["stateName"] == "IDLE"
    assert result["cluster"]["connectionStrings"]["standardSrv"].startswith("mongodb+srv://orders.")
    writes = sim.writes()
    assert [(w.method, w.path, w.content_type) for w in writes] == [("POST", CLUSTERS_PATH, WRITE_VERSION)]
    assert writes[0].body == {
        "name": "orders",
        "clusterType": "REPLICASET",
        "backupEnabled": True,
        "tags": [{"key": "env", "value": "prod"}],
        "replicationSpecs": [
            {
                "regionConfigs": [
                    {"providerName": "AWS", "regionName": "US_EAST_1", "priority": 7, "electableSpecs": {"instanceSize": "M10", "nodeCount": 3}}
                ]
            }
        ],
    }
    reads = [r for r in sim.requests() if r.method == "GET"]
    assert {r.accept for r in reads} == {READ_VERSION}
    assert sim.cluster("orders")["stateName"] == "IDLE"

    sim.forget_requests()
    again = run(run_module, sim, tags={"env": "prod"}, backup_enabled=True, **FLAT)
    assert again["changed"] is False, again
    assert sim.writes() == []
    assert [r.method for r in sim.requests()] == ["GET"]


def test_wait_false_returns_at_once_with_the_creating_cluster(sim, run_module):
    result = run(run_module, sim, wait=False, **FLAT)

    assert result["changed"] is True
    assert result["cluster"]["stateName"] == "CREATING"
    assert result["cluster"]["connectionStrings"] == {}
    assert [r.method for r in sim.requests()] == ["GET", "POST"]


def test_check_mode_and_diff_send_no_write(sim, run_module):
    created = run(run_module, sim, check_mode=True, diff=True, **FLAT)

    assert created["changed"] is True
    assert created["diff"]["before"] == {} and created["diff"]["after"]["name"] == "orders"
    changed = run(
        run_module, sim, check_mode=True, diff=True, project_id=PROJECT_ID, cluster_name="Cluster0", instance_size="M30", tags={"team": "a"}
    )
    assert changed["changed"] is True
    assert changed["diff"]["before"]["tags"] == [] and changed["diff"]["after"]["tags"] == [{"key": "team", "value": "a"}]
    assert changed["diff"]["before"]["replicationSpecs"][0]["regionConfigs"][0]["electableSpecs"]["instanceSize"] == "M10"
    assert changed["diff"]["after"]["replicationSpecs"][0]["regionConfigs"][0]["electableSpecs"]["instanceSize"] == "M30"
    assert sorted(changed["diff"]["after"]) == ["name", "replicationSpecs", "tags"]
    assert sim.writes() == []


def test_scale_up_is_one_patch_with_only_the_topology(sim, run_module, fake_clock):
    result = run(run_module, sim, diff=True, project_id=PROJECT_ID, cluster_name="Cluster0", instance_size="M30")

    assert result["changed"] is True, result
    writes = sim.writes()
    assert [(w.method, w.path, w.content_type) for w in writes] == [("PATCH", CLUSTERS_PATH + "/Cluster0", WRITE_VERSION)]
    assert list(writes[0].body) == ["replicationSpecs"]
    assert writes[0].body["replicationSpecs"][0]["regionConfigs"][0]["electableSpecs"]["instanceSize"] == "M30"
    stored = sim.cluster("Cluster0")
    assert stored["replicationSpecs"][0]["regionConfigs"][0]["electableSpecs"]["instanceSize"] == "M30"
    assert stored["stateName"] == "IDLE" and result["cluster"]["stateName"] == "IDLE"
    assert sorted(result["diff"]["after"]) == ["name", "replicationSpecs"]

    sim.forget_requests()
    assert run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", instance_size="M30")["changed"] is False
    assert sim.writes() == []


MULTI_REGION = [
    {
        "regionConfigs": [
            {"providerName": "AWS", "regionName": "US_EAST_1", "electableSpecs": {"instanceSize": "M10", "nodeCount": 3}},
        ]
    }
]


def test_add_a_region_then_nothing_to_do(sim, run_module, fake_clock):
    two_regions = [
        {
            "regionConfigs": [
                {"providerName": "AWS", "regionName": "US_EAST_1", "priority": 7, "electableSpecs": {"instanceSize": "M10", "nodeCount": 3}},
                {"providerName": "AWS", "regionName": "US_WEST_2", "priority": 6, "electableSpecs": {"instanceSize": "M10", "nodeCount": 2}},
            ]
        }
    ]
    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", replication_specs=two_regions)

    assert result["changed"] is True, result
    sent = sim.writes()[0].body["replicationSpecs"][0]["regionConfigs"]
    assert [(c["regionName"], c["electableSpecs"]["nodeCount"]) for c in sent] == [("US_EAST_1", 3), ("US_WEST_2", 2)]
    stored = sim.cluster("Cluster0")["replicationSpecs"][0]["regionConfigs"]
    assert [c["regionName"] for c in stored] == ["US_EAST_1", "US_WEST_2"]
    assert all(c["readOnlySpecs"]["nodeCount"] == 0 for c in stored)

    sim.forget_requests()
    assert run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", replication_specs=two_regions)["changed"] is False
    assert sim.writes() == []


def test_create_sharded_and_multi_region_clusters_with_replication_specs(sim, run_module, fake_clock):
    sharded = [
        {
            "numShards": 2,
            "regionConfigs": [{"providerName": "AWS", "regionName": "US_EAST_1", "electableSpecs": {"instanceSize": "M30", "nodeCount": 3}}],
        }
    ]
    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="events", cluster_type="SHARDED", replication_specs=sharded)
    assert result["changed"] is True, result
    assert len(sim.cluster("events")["replicationSpecs"]) == 2
    assert result["cluster"]["connectionStrings"]["privateEndpoint"] == []

    multi = [
        {
            "regionConfigs": [
                {"providerName": "AWS", "regionName": "EU_WEST_1", "electableSpecs": {"instanceSize": "M10", "nodeCount": 2}},
                {"providerName": "GCP", "regionName": "WESTERN_EUROPE", "electableSpecs": {"instanceSize": "M10", "nodeCount": 2}},
                {"providerName": "AZURE", "regionName": "EUROPE_NORTH", "electableSpecs": {"instanceSize": "M10", "nodeCount": 1}},
            ]
        }
    ]
    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="ledger", replication_specs=multi)
    assert result["changed"] is True, result
    stored = sim.cluster("ledger")["replicationSpecs"][0]["regionConfigs"]
    assert [(c["providerName"], c["priority"]) for c in stored] == [("AWS", 7), ("GCP", 6), ("AZURE", 5)]

    sim.forget_requests()
    for name, args in (("events", dict(cluster_type="SHARDED", replication_specs=sharded)), ("ledger", dict(replication_specs=multi))):
        assert run(run_module, sim, project_id=PROJECT_ID, cluster_name=name, **args)["changed"] is False
    assert sim.writes() == []


def test_a_free_m0_cluster_has_the_tenant_shape(sim, run_module, fake_clock):
    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="sandbox", provider="GCP", region="CENTRAL_US", instance_size="M0")

    assert result["changed"] is True, result
    assert sim.writes()[0].body["replicationSpecs"] == [
        {
            "regionConfigs": [
                {
                    "providerName": "TENANT",
                    "backingProviderName": "GCP",
                    "regionName": "CENTRAL_US",
                    "priority": 7,
                    "electableSpecs": {"instanceSize": "M0"},
                }
            ]
        }
    ]
    sim.forget_requests()
    assert (
        run(run_module, sim, project_id=PROJECT_ID, cluster_name="sandbox", provider="GCP", region="CENTRAL_US", instance_size="M0")["changed"]
        is False
    )
    moved = run(run_module, sim, project_id=PROJECT_ID, cluster_name="sandbox", provider="AWS", region="US_EAST_1", instance_size="M0")
    assert moved["failed"] is True
    assert "the cloud provider of a free M0 cluster cannot change (GCP to AWS)" in moved["msg"]
    upgraded = run(run_module, sim, project_id=PROJECT_ID, cluster_name="sandbox", instance_size="M10")
    assert upgraded["failed"] is True and "tenant upgrade" in upgraded["msg"]
    assert sim.writes() == []


def test_pause_then_resume(sim, run_module, fake_clock):
    paused = run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", paused=True)
    assert paused["changed"] is True and paused["cluster"]["paused"] is True
    assert [w.body for w in sim.writes()] == [{"paused": True}]
    assert sim.cluster("Cluster0")["paused"] is True

    refused = run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", backup_enabled=True)
    assert refused["failed"] is True and "is paused and Atlas does not change a paused cluster (backupEnabled)" in refused["msg"]

    sim.forget_requests()
    resumed = run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", paused=False, backup_enabled=True)
    assert resumed["changed"] is True, resumed
    assert [w.body for w in sim.writes()] == [{"paused": False}, {"backupEnabled": True}]
    stored = sim.cluster("Cluster0")
    assert stored["paused"] is False and stored["backupEnabled"] is True


def test_tags_are_exactly_the_tasks(sim, run_module, fake_clock):
    # The default seed's "analytics" cluster has the tag env=prod.
    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="analytics", tags={"team": "data"})
    assert result["changed"] is True
    assert [w.body for w in sim.writes()] == [{"tags": [{"key": "team", "value": "data"}]}]
    assert sim.cluster("analytics")["tags"] == [{"key": "team", "value": "data"}]
    assert run(run_module, sim, project_id=PROJECT_ID, cluster_name="analytics", tags={"team": "data"})["changed"] is False
    cleared = run(run_module, sim, project_id=PROJECT_ID, cluster_name="analytics", tags={})
    assert cleared["changed"] is True and sim.cluster("analytics")["tags"] == []


@pytest.mark.parametrize(
    "args, message",
    [
        (dict(cluster_name="analytics", cluster_type="REPLICASET"), "cluster_type SHARDED cannot change back to REPLICASET"),
        (dict(cluster_name="Cluster0", mongodb_major_version="7.0"), "mongodb_major_version 7.0 is older than the cluster's 8.0"),
    ],
)
def test_refused_changes_fail_before_any_write(sim, run_module, args, message):
    result = run(run_module, sim, project_id=PROJECT_ID, **args)

    assert result["failed"] is True
    assert message in result["msg"] and "Nothing was changed" in result["msg"]
    assert result["changed"] is False
    assert sim.writes() == []


def test_delete_waits_until_gone_and_honours_retain_backups(sim, run_module, fake_clock):
    result = run(run_module, sim, diff=True, project_id=PROJECT_ID, cluster_name="dev-paused", state="absent", retain_backups=True)

    assert result["changed"] is True, result
    assert result["cluster"] is None and result["diff"]["after"] == {} and result["diff"]["before"]["name"] == "dev-paused"
    writes = sim.writes()
    assert [(w.method, w.path, w.query, w.accept) for w in writes] == [
        ("DELETE", CLUSTERS_PATH + "/dev-paused", {"retainBackups": "true"}, DELETE_VERSION)
    ]
    assert "dev-paused" not in [c["name"] for c in sim.clusters()]

    sim.forget_requests()
    again = run(run_module, sim, project_id=PROJECT_ID, cluster_name="dev-paused", state="absent")
    assert again["changed"] is False and sim.writes() == []


def test_delete_with_termination_protection_fails_naming_the_option(sim, run_module):
    sim.update_cluster("Cluster0", terminationProtectionEnabled=True)

    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", state="absent")

    assert result["failed"] is True
    assert "termination protection is enabled. Set termination_protection_enabled: false" in result["msg"]
    assert sim.writes() == []
    assert "Cluster0" in [c["name"] for c in sim.clusters()]


def test_turn_protection_off_then_delete(sim, run_module, fake_clock):
    sim.update_cluster("Cluster0", terminationProtectionEnabled=True)
    assert run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", termination_protection_enabled=False)["changed"] is True
    assert run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", state="absent")["changed"] is True
    assert "Cluster0" not in [c["name"] for c in sim.clusters()]


def test_a_wait_that_times_out_fails_with_the_state_and_undoes_nothing(sim, run_module, fake_clock):
    # Reads and time never move the cluster on: it stays CREATING.
    state = sim.state()
    state["progression"] = {"reads_per_step": 1000, "seconds_per_step": 100000}
    sim.set_state(state)

    result = run(run_module, sim, wait_timeout=30, **FLAT)

    assert result["failed"] is True
    assert result["changed"] is True
    assert result["msg"].startswith("Cluster orders in project %s did not reach state IDLE within 30 seconds; its state is CREATING." % PROJECT_ID)
    assert "Nothing was rolled back" in result["msg"]
    assert result["cluster"]["stateName"] == "CREATING"
    assert [w.method for w in sim.writes()] == ["POST"]
    assert sim.cluster("orders")["stateName"] == "CREATING"

    # The next run finds the cluster, sends nothing and waits again.
    sim.forget_requests()
    again = run(run_module, sim, wait_timeout=10, **FLAT)
    assert again["failed"] is True and again["changed"] is False and sim.writes() == []


def test_a_delete_wait_that_times_out_says_deleting(sim, run_module, fake_clock):
    state = sim.state()
    state["progression"] = {"reads_per_step": 1000, "seconds_per_step": 100000}
    sim.set_state(state)

    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="dev-paused", state="absent", wait_timeout=20)

    assert result["failed"] is True and result["changed"] is True
    assert "did not reach removal within 20 seconds; its state is DELETING" in result["msg"]


def test_a_lost_answer_to_the_create_makes_no_second_cluster(sim, run_module, fake_clock):
    sim.fail_next("POST", "/clusters$", None, drop_after_handling=True)

    result = run(run_module, sim, **FLAT)

    assert result["changed"] is True, result
    assert result["cluster"]["stateName"] == "IDLE"
    posts = [r for r in sim.request_log() if r["method"] == "POST"]
    assert [(p["status"], p.get("dropped", False)) for p in posts] == [(201, True), (400, False)]
    assert [c["name"] for c in sim.clusters()].count("orders") == 1


def test_a_duplicate_name_answer_reads_the_cluster_and_carries_on(sim, run_module, fake_clock, monkeypatch):
    # Another task creates the cluster between this run's read and its create.
    original = atlas_cluster.read_cluster
    reads = []

    def read_then_someone_creates_it(client, project_id, name):
        found = original(client, project_id, name)
        if not reads:
            reads.append(name)
            body = atlas_cluster.create_body({"name": name, "replicationSpecs": check_replication_specs([{"regionConfigs": [region()]}])})
            client.post(atlas_cluster.CLUSTERS, body=body, groupId=project_id)
        return found

    monkeypatch.setattr(atlas_cluster, "read_cluster", read_then_someone_creates_it)

    result = run(run_module, sim, **FLAT)

    assert result["changed"] is True, result
    assert [(r.method, r.status) for r in sim.requests() if r.method != "GET"] == [("POST", 201), ("POST", 400)]
    assert result["cluster"]["stateName"] == "IDLE"
    assert [c["name"] for c in sim.clusters()].count("orders") == 1


def test_a_flex_cluster_is_refused_with_a_message(sim, run_module):
    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="flexy", provider="AWS", region="US_EAST_1", instance_size="FLEX")
    assert result["failed"] is True
    assert "Flex clusters (and the former M2/M5 shared tiers) are managed through Atlas' Flex cluster API" in result["msg"]
    assert sim.request_log() == []


def test_creating_without_a_topology_says_what_to_set(sim, run_module):
    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="orders", backup_enabled=True)
    assert result["failed"] is True
    assert "does not exist: to create it, set provider, region and instance_size, or replication_specs" in result["msg"]
    assert sim.writes() == []


def test_flat_options_on_a_sharded_cluster_ask_for_replication_specs(sim, run_module):
    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="analytics", instance_size="M40")
    assert result["failed"] is True and "describe its topology with replication_specs" in result["msg"]
    assert sim.writes() == []


def test_shards_without_cluster_type_are_refused_before_any_write(sim, run_module):
    shards = [{"numShards": 2, "regionConfigs": [region()]}]

    created = run(run_module, sim, project_id=PROJECT_ID, cluster_name="events", replication_specs=shards)
    changed = run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", replication_specs=shards)

    for result in (created, changed):
        assert result["failed"] is True
        assert "cluster_type REPLICASET has one replication spec, but replication_specs describes 2 shards" in result["msg"]
        assert "(cluster_type is not set: the cluster is a REPLICASET)" in result["msg"]
    assert sim.writes() == []


def test_a_cluster_being_deleted_is_not_changed(sim, run_module):
    sim.update_cluster("Cluster0", stateName="DELETING")

    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", instance_size="M30")

    assert result["failed"] is True and "is being deleted (state DELETING)" in result["msg"]
    assert sim.writes() == []


def test_a_wrong_project_fails_for_absent_too(sim, run_module):
    result = run(run_module, sim, project_id="6500000000000000000000ff", cluster_name="Cluster0", state="absent")
    assert result["failed"] is True and result["error_code"] == "GROUP_NOT_FOUND"
    assert sim.writes() == []


BAD_INPUTS = [
    (dict(cluster_name="bad_name"), "cluster_name must be a cluster name"),
    (dict(cluster_name="x" * 65), "cluster_name must be a cluster name"),
    (dict(instance_size="M7"), "instance_size must be an Atlas instance size"),
    (dict(instance_size="m10"), "(sizes are upper case: M10)"),
    (dict(instance_size="M2"), "Flex cluster API"),
    (dict(region="us-east-1"), "(Atlas' name of us-east-1 is US_EAST_1)"),
    (dict(region="Europe West"), "region must be an Atlas region name"),
    (dict(node_count=4), "node_count"),
    (dict(disk_size_gb=5), "disk_size_gb must be a whole number of GB from 10"),
    (dict(disk_size_gb=100000), "disk_size_gb must be a whole number of GB from 10"),
    (dict(instance_size="M0", disk_size_gb=20), "disk_size_gb cannot be set for a free M0 cluster"),
    (dict(instance_size="M0", node_count=5), "node_count cannot be set for a free M0 cluster"),
    (dict(auto_scaling=dict(compute_enabled=True, compute_min_instance_size="M40", compute_max_instance_size="M20")), "must not be larger than"),
    (dict(auto_scaling=dict(compute_min_instance_size="M10", compute_max_instance_size="M20")), "need auto_scaling.compute_enabled: true"),
    (dict(auto_scaling=dict(compute_enabled=True)), "needs compute_min_instance_size and compute_max_instance_size"),
    (dict(replication_specs=[{"regionConfigs": [region()]}]), "mutually exclusive"),
    (
        dict(provider=None, region=None, instance_size=None, replication_specs=[{"zoneName": "Z"}]),
        "replication_specs[0] must be a dict with a non-empty list regionConfigs",
    ),
    (
        dict(provider=None, region=None, instance_size=None, replication_specs=[{"regionConfigs": [region(provider="ORACLE")]}]),
        "providerName must be one of AWS, AZURE, GCP or TENANT",
    ),
    (
        dict(provider=None, region=None, instance_size=None, replication_specs=[{"regionConfigs": [region(nodes=4)]}]),
        "must add up to 3, 5 or 7, got 4",
    ),
    (dict(provider=None, region=None, instance_size=None, replication_specs=[{"regionConfigs": [region(provider="FLEX")]}]), "Flex cluster API"),
    (
        dict(
            provider=None,
            region=None,
            instance_size=None,
            replication_specs=[
                {"regionConfigs": [region(provider="GCP", electableSpecs={"instanceSize": "M10", "nodeCount": 3, "ebsVolumeType": "PROVISIONED"})]}
            ],
        ),
        "ebsVolumeType is an AWS field; this region config's provider is GCP",
    ),
    (
        dict(
            provider=None,
            region=None,
            instance_size=None,
            cluster_type="REPLICASET",
            replication_specs=[{"numShards": 2, "regionConfigs": [region()]}],
        ),
        "cluster_type REPLICASET has one replication spec",
    ),
    (dict(mongodb_major_version="latest"), "mongodb_major_version must be a MongoDB major version such as '8.0'"),
    (dict(version_release_system="CONTINUOUS", mongodb_major_version="8.0"), "cannot be set with version_release_system CONTINUOUS"),
    (dict(tags={"env": ""}), "tags: each value must be 1 to 255 characters"),
    (dict(tags={"env": ["a"]}), "tags.env must be a text value"),
    (dict(bi_connector=dict(read_preference="nearest")), "read_preference"),
    (dict(wait_timeout=-1), "wait_timeout must be a number of seconds of 0 or more"),
    (dict(state="gone"), "state"),
]


@pytest.mark.parametrize("bad, message", BAD_INPUTS, ids=[str(i) for i in range(len(BAD_INPUTS))])
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, bad, message):
    args = dict(FLAT, **bad)
    args = dict((key, value) for key, value in args.items() if value is not None)

    result = run(run_module, sim, **args)

    assert result["failed"] is True, result
    assert message in result["msg"], result["msg"]
    assert sim.request_log() == []


def test_at_least_fifteen_bad_inputs():
    assert len(BAD_INPUTS) >= 15


def test_options_that_do_nothing_are_reported(sim, run_module):
    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="nothing-here", state="absent", instance_size="M10", wait=False, wait_timeout=5)

    assert result["changed"] is False
    assert "instance_size is ignored when state=absent." in warnings(result)
    assert "wait_timeout is ignored when wait=false." in warnings(result)


def test_the_answer_is_atlas_shape_and_keeps_copies_apart():
    body = atlas_cluster.create_body({"name": "c", "replicationSpecs": [{"regionConfigs": []}], "paused": None})
    assert body == {"name": "c", "clusterType": "REPLICASET", "replicationSpecs": [{"regionConfigs": []}]}
    original = {"name": "c", "replicationSpecs": atlas_specs(atlas_region())}
    snapshot = copy.deepcopy(original)
    plan_update(original, {"replicationSpecs": check_replication_specs([{"regionConfigs": [region(size="M30")]}])})
    assert original == snapshot
