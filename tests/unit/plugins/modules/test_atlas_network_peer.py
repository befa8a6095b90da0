# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


import pytest
import requests

from atlas_simulator.default_seed import AWS_CONTAINER_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_network_peer
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_network_peer import (
    check_options,
    desired_peer,
    find_container,
    find_peer,
    fixed_field_changes,
    needs_update,
    reached,
    update_body,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.tests.unit.module_results import warnings
from ansible_collections.atlas_ops.admin.tests.unit.recordings import needs_recordings, recording

V2023 = "application/vnd.atlas.2023-01-01+json"
API = "/api/atlas/v2/groups/%s" % PROJECT_ID
PEERS_PATH = API + "/peers"
CONTAINERS_PATH = API + "/containers"

AWS = dict(
    project_id=PROJECT_ID,
    region="US_EAST_1",
    vpc_id="vpc-0123456789abcdef0",
    aws_account_id="123456789012",
    route_table_cidr_block="10.0.0.0/16",
)
AZURE = dict(
    project_id=PROJECT_ID,
    provider="AZURE",
    region="US_EAST_2",
    atlas_cidr_block="10.20.0.0/21",
    azure_directory_id="35f0d2b1-6bb8-4cbd-a1bc-4c3d2a1f4f11",
    azure_subscription_id="4c2c1e5a-1d0e-4a57-9b5e-4b2c3f1a8d22",
    resource_group_name="App-RG",
    vnet_name="app-vnet",
)
GCP = dict(
    project_id=PROJECT_ID,
    provider="GCP",
    atlas_cidr_block="10.64.0.0/18",
    gcp_project_id="my-gcp-project",
    network_name="app-network",
)


def run(run_module, sim, args, **kwargs):
    """Run the module; options set to None are left out (as a task leaves them out)."""
    args = dict((option, value) for option, value in args.items() if value is not None)
    return run_module(atlas_network_peer.main, sim.module_args(**args), **kwargs)


def stored_peers(sim):
    return [dict((k, v) for k, v in peer.items() if not k.startswith("_")) for peer in sim.project()["peers"]]


def control(sim, name):
    response = requests.post("%s/__sim__/%s" % (sim.url, name), timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def without_wait(args):
    return dict(args, wait=False)


# -- AWS: create, wait, idempotence, update in place, delete -------------------------------------


def test_aws_create_waits_for_pending_acceptance_and_returns_the_connection_id(sim, run_module, fake_clock):
    result = run(run_module, sim, dict(AWS, wait_interval=5), diff=True)

    assert result["changed"] is True, result
    peer = result["peer"]
    assert peer["statusName"] == "PENDING_ACCEPTANCE"
    assert peer["connectionId"].startswith("pcx-")
    assert result["container"]["id"] == AWS_CONTAINER_ID
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"] == peer
    writes = sim.writes()
    assert [(w.method, w.path, w.status) for w in writes] == [("POST", PEERS_PATH, 200)]
    assert writes[0].body == {
        "providerName": "AWS",
        "containerId": AWS_CONTAINER_ID,
        "vpcId": "vpc-0123456789abcdef0",
        "awsAccountId": "123456789012",
        "routeTableCidrBlock": "10.0.0.0/16",
        "accepterRegionName": "us-east-1",  # derived from the container's US_EAST_1
    }
    assert writes[0].content_type == V2023 and writes[0].accept == V2023
    assert fake_clock.sleeps and all(seconds == 5 for seconds in fake_clock.sleeps)
    assert [p["statusName"] for p in stored_peers(sim)] == ["PENDING_ACCEPTANCE"]


def test_aws_second_run_is_no_change_and_sends_no_write(sim, run_module, fake_clock):
    first = run(run_module, sim, AWS)
    sim.forget_requests()
    del fake_clock.sleeps[:]

    second = run(run_module, sim, AWS, diff=True)

    assert second["changed"] is False
    assert second["peer"]["id"] == first["peer"]["id"]
    assert second["diff"]["before"] == second["diff"]["after"]
    assert sim.writes() == []
    assert fake_clock.sleeps == []  # already PENDING_ACCEPTANCE: not waited for
    assert len(stored_peers(sim)) == 1


def test_aws_wait_for_available_after_the_aws_side_accepts(sim, run_module, fake_clock):
    peer = run(run_module, sim, AWS)["peer"]
    control(sim, "peers/%s:accept" % peer["id"])
    del fake_clock.sleeps[:]

    result = run(run_module, sim, dict(AWS, wait_for="available"))

    assert result["changed"] is False
    assert result["peer"]["statusName"] == "AVAILABLE"
    # The list showed FINALIZING; the wait read the peering until AVAILABLE.
    assert [r.path for r in sim.requests()][-1] == PEERS_PATH + "/" + peer["id"]


def test_a_peering_past_the_wanted_state_is_not_waited_for(sim, run_module, fake_clock):
    peer = run(run_module, sim, AWS)["peer"]
    control(sim, "peers/%s:accept" % peer["id"])
    run(run_module, sim, dict(AWS, wait_for="available"))
    sim.forget_requests()
    del fake_clock.sleeps[:]

    result = run(run_module, sim, dict(AWS, wait_for="pending_acceptance"))

    assert result["peer"]["statusName"] == "AVAILABLE"
    assert fake_clock.sleeps == []
    assert [r.method for r in sim.requests()] == ["GET", "GET"]  # the peerings, the container


def test_wait_for_initiated_returns_at_once(sim, run_module, fake_clock):
    result = run(run_module, sim, dict(AWS, wait_for="initiated"))

    assert result["peer"]["statusName"] == "INITIATING"
    assert "connectionId" not in result["peer"]
    assert fake_clock.sleeps == []


def test_a_changed_route_table_is_patched_in_place_with_the_full_body(sim, run_module, fake_clock):
    peer = run(run_module, sim, AWS)["peer"]
    sim.forget_requests()

    result = run(run_module, sim, dict(AWS, route_table_cidr_block="10.1.0.0/16"), diff=True)

    assert result["changed"] is True
    assert result["peer"]["id"] == peer["id"]
    assert result["peer"]["routeTableCidrBlock"] == "10.1.0.0/16"
    assert result["diff"]["before"]["routeTableCidrBlock"] == "10.0.0.0/16"
    writes = sim.writes()
    assert [(w.method, w.path) for w in writes] == [("PATCH", PEERS_PATH + "/" + peer["id"])]
    assert writes[0].body == {
        "providerName": "AWS",
        "containerId": AWS_CONTAINER_ID,
        "vpcId": "vpc-0123456789abcdef0",
        "awsAccountId": "123456789012",
        "routeTableCidrBlock": "10.1.0.0/16",
        "accepterRegionName": "us-east-1",
    }
    assert stored_peers(sim)[0]["routeTableCidrBlock"] == "10.1.0.0/16"
    assert stored_peers(sim)[0]["statusName"] == "PENDING_ACCEPTANCE"  # not started over


def test_a_changed_route_table_in_check_mode_sends_no_write(sim, run_module, fake_clock):
    run(run_module, sim, AWS)
    sim.forget_requests()

    result = run(run_module, sim, dict(AWS, route_table_cidr_block="10.1.0.0/16"), check_mode=True)

    assert result["changed"] is True
    assert result["peer"]["routeTableCidrBlock"] == "10.1.0.0/16"
    assert sim.writes() == []
    assert stored_peers(sim)[0]["routeTableCidrBlock"] == "10.0.0.0/16"


def test_another_vpc_is_another_peering(sim, run_module, fake_clock):
    first = run(run_module, sim, AWS)["peer"]

    second = run(run_module, sim, dict(AWS, vpc_id="vpc-0fedcba9876543210", route_table_cidr_block="10.2.0.0/16"))

    assert second["changed"] is True and second["peer"]["id"] != first["id"]
    assert sorted(p["vpcId"] for p in stored_peers(sim)) == ["vpc-0123456789abcdef0", "vpc-0fedcba9876543210"]


def test_another_accepter_region_fails_clearly_without_a_write(sim, run_module, fake_clock):
    run(run_module, sim, AWS)
    sim.forget_requests()

    result = run(run_module, sim, dict(AWS, accepter_region_name="eu-west-1"))

    assert result["failed"] is True
    assert "exists with accepterRegionName us-east-1; Atlas cannot change accepterRegionName of a peering" in result["msg"]
    assert "(state: absent)" in result["msg"]
    assert sim.writes() == []


def test_check_mode_create_predicts_the_peering_and_sends_no_write(sim, run_module, fake_clock):
    result = run(run_module, sim, AWS, check_mode=True, diff=True)

    assert result["changed"] is True
    assert result["peer"] == {
        "providerName": "AWS",
        "containerId": AWS_CONTAINER_ID,
        "vpcId": "vpc-0123456789abcdef0",
        "awsAccountId": "123456789012",
        "routeTableCidrBlock": "10.0.0.0/16",
        "accepterRegionName": "us-east-1",
    }
    assert result["diff"] == {"before": {}, "after": result["peer"]}
    assert sim.writes() == []
    assert fake_clock.sleeps == []
    assert stored_peers(sim) == []


def test_delete_waits_until_the_peering_is_gone(sim, run_module, fake_clock):
    peer = run(run_module, sim, AWS)["peer"]
    sim.forget_requests()

    result = run(run_module, sim, dict(AWS, state="absent", route_table_cidr_block=None, region=None), diff=True)

    assert result["changed"] is True
    assert result["peer"] is None
    assert result["diff"]["before"]["id"] == peer["id"] and result["diff"]["after"] == {}
    writes = sim.writes()
    assert [(w.method, w.path, w.status) for w in writes] == [("DELETE", PEERS_PATH + "/" + peer["id"], 202)]
    assert stored_peers(sim) == []
    assert sim.requests()[-1].status == 404  # the last read saw it gone


def test_delete_again_is_no_change(sim, run_module, fake_clock):
    args = dict(project_id=PROJECT_ID, vpc_id=AWS["vpc_id"], aws_account_id=AWS["aws_account_id"], state="absent")

    result = run(run_module, sim, args)

    assert result["changed"] is False and result["peer"] is None
    assert sim.writes() == []


def test_delete_in_check_mode_sends_no_write(sim, run_module, fake_clock):
    run(run_module, sim, AWS)
    sim.forget_requests()
    args = dict(project_id=PROJECT_ID, vpc_id=AWS["vpc_id"], aws_account_id=AWS["aws_account_id"], state="absent")

    result = run(run_module, sim, args, check_mode=True)

    assert result["changed"] is True
    assert sim.writes() == []
    assert len(stored_peers(sim)) == 1


def test_delete_by_peer_id_without_waiting(sim, run_module, fake_clock):
    peer = run(run_module, sim, AWS)["peer"]
    sim.forget_requests()

    result = run(run_module, sim, dict(project_id=PROJECT_ID, peer_id=peer["id"], state="absent", wait=False))

    assert result["changed"] is True
    assert [(w.method, w.status) for w in sim.writes()] == [("DELETE", 202)]
    assert [p["statusName"] for p in stored_peers(sim)] == ["TERMINATING"]
    # A second run while Atlas removes it sends nothing more.
    sim.forget_requests()
    again = run(run_module, sim, dict(project_id=PROJECT_ID, peer_id=peer["id"], state="absent", wait=False))
    assert again["changed"] is False and sim.writes() == []


def test_delete_warns_about_options_that_only_create(sim, run_module, fake_clock):
    result = run(run_module, sim, dict(AWS, state="absent"))

    assert result["changed"] is False
    assert warnings(result) == [
        "route_table_cidr_block is ignored when state=absent.",
        "region is ignored when state=absent.",
    ]


def test_a_peering_being_removed_cannot_be_created_again_yet(sim, run_module, fake_clock):
    peer = run(run_module, sim, AWS)["peer"]
    run(run_module, sim, dict(project_id=PROJECT_ID, peer_id=peer["id"], state="absent", wait=False))
    sim.forget_requests()

    result = run(run_module, sim, AWS)

    assert result["failed"] is True
    assert result["msg"].endswith("is being removed by Atlas (status TERMINATING): run the task again once it is gone.")
    assert sim.writes() == []


def test_peer_id_addresses_one_peering(sim, run_module, fake_clock):
    peer = run(run_module, sim, AWS)["peer"]
    sim.forget_requests()

    result = run(run_module, sim, dict(AWS, peer_id=peer["id"]))

    assert result["changed"] is False and result["peer"]["id"] == peer["id"]
    assert sim.requests()[0].path == PEERS_PATH + "/" + peer["id"]


def test_peer_id_of_another_network_fails(sim, run_module, fake_clock):
    peer = run(run_module, sim, AWS)["peer"]

    result = run(run_module, sim, dict(AWS, peer_id=peer["id"], vpc_id="vpc-0fedcba9876543210"))

    assert result["failed"] is True
    assert result["msg"].startswith("peer_id %s is a peering to another network (providerName AWS, vpcId vpc-0123456789abcdef0" % peer["id"])


def test_an_unknown_peer_id_fails_with_present_and_is_no_change_with_absent(sim, run_module, fake_clock):
    missing = "6500000000000000000000ee"
    present = run(run_module, sim, dict(AWS, peer_id=missing))
    absent = run(run_module, sim, dict(project_id=PROJECT_ID, peer_id=missing, state="absent"))

    assert present["failed"] is True
    assert present["msg"] == ("peer_id %s: no such peering in project %s. Leave peer_id out to create the peering." % (missing, PROJECT_ID))
    assert absent["changed"] is False
    assert sim.writes() == []


# -- Containers: found, auto-created, missing --------------------------------------------------------


def test_a_missing_container_is_created_from_atlas_cidr_block(sim, run_module, fake_clock):
    args = dict(AWS, region="EU_WEST_1", atlas_cidr_block="10.8.0.0/21")

    result = run(run_module, sim, args)

    assert result["changed"] is True
    container = result["container"]
    assert (container["regionName"], container["atlasCidrBlock"]) == ("EU_WEST_1", "10.8.0.0/21")
    writes = sim.writes()
    assert [(w.method, w.path) for w in writes] == [("POST", CONTAINERS_PATH), ("POST", PEERS_PATH)]
    assert writes[0].body == {"providerName": "AWS", "atlasCidrBlock": "10.8.0.0/21", "regionName": "EU_WEST_1"}
    assert writes[1].body["containerId"] == container["id"]
    assert writes[1].body["accepterRegionName"] == "eu-west-1"
    # The second run finds both.
    sim.forget_requests()
    again = run(run_module, sim, args)
    assert again["changed"] is False and again["container"]["id"] == container["id"] and sim.writes() == []


def test_a_missing_container_in_check_mode_is_predicted_not_created(sim, run_module, fake_clock):
    result = run(run_module, sim, dict(AWS, region="EU_WEST_1", atlas_cidr_block="10.8.0.0/21"), check_mode=True)

    assert result["changed"] is True
    assert result["container"] == {"providerName": "AWS", "atlasCidrBlock": "10.8.0.0/21", "regionName": "EU_WEST_1"}
    assert "containerId" not in result["peer"]
    assert sim.writes() == []


@pytest.mark.parametrize("check_mode", [True, False])
def test_a_container_the_task_creates_is_shown_in_the_diff(sim, run_module, fake_clock, check_mode):
    result = run(run_module, sim, without_wait(dict(AWS, region="EU_WEST_1", atlas_cidr_block="10.8.0.0/21")), check_mode=check_mode, diff=True)

    container_diff, peer_diff = result["diff"]
    assert container_diff["before"] == {} and container_diff["after"] == result["container"]
    assert (container_diff["after"]["regionName"], container_diff["after"]["atlasCidrBlock"]) == ("EU_WEST_1", "10.8.0.0/21")
    assert container_diff["after_header"] == "network peering container (created)"
    assert peer_diff["before"] == {} and peer_diff["after"] == result["peer"]
    assert ("id" in result["container"]) is not check_mode
    assert [w.path for w in sim.writes()] == ([] if check_mode else [CONTAINERS_PATH, PEERS_PATH])


def test_a_route_table_block_overlapping_the_existing_container_is_refused_before_any_write(sim, run_module, fake_clock):
    # The seed's US_EAST_1 container has atlasCidrBlock 192.168.248.0/21.
    result = run(run_module, sim, dict(AWS, route_table_cidr_block="192.168.0.0/16"))

    assert result["failed"] is True
    assert result["msg"] == (
        "route_table_cidr_block 192.168.0.0/16 overlaps atlasCidrBlock 192.168.248.0/21 of the Atlas container %s: "
        "the two networks cannot be peered. Give the VPC's CIDR block that does not overlap it, or peer from another container." % AWS_CONTAINER_ID
    )
    assert sim.writes() == []


def test_a_refused_peering_says_what_the_task_was_setting_up(sim, run_module, fake_clock):
    sim.fail_next("POST", "/peers$", 500)

    result = run(run_module, sim, without_wait(AWS))

    assert result["failed"] is True
    assert result["msg"].startswith(
        "Failed to set up the peering to VPC vpc-0123456789abcdef0 of AWS account 123456789012 in project %s: Atlas API request POST %s failed with 500"
        % (PROJECT_ID, PEERS_PATH)
    )


def test_a_missing_container_without_a_cidr_fails_clearly(sim, run_module, fake_clock):
    result = run(run_module, sim, dict(AWS, region="EU_WEST_1"))

    assert result["failed"] is True
    assert result["msg"].endswith(
        "Project %s has no AWS network peering container for region EU_WEST_1 (none to peer from): "
        "set atlas_cidr_block to create one, or give container_id." % PROJECT_ID
    )
    assert sim.writes() == []


def test_an_existing_container_with_another_cidr_is_left_alone_with_a_warning(sim, run_module, fake_clock):
    result = run(run_module, sim, dict(AWS, atlas_cidr_block="10.8.0.0/21"))

    assert result["changed"] is True
    assert result["container"]["atlasCidrBlock"] == "192.168.248.0/21"
    assert warnings(result) == [
        "atlas_cidr_block 10.8.0.0/21 is ignored: the AWS container for region US_EAST_1 %s already exists with atlasCidrBlock "
        "192.168.248.0/21, and this module does not change containers." % AWS_CONTAINER_ID
    ]
    assert [w.path for w in sim.writes()] == [PEERS_PATH]


def test_container_id_addresses_the_container(sim, run_module, fake_clock):
    args = dict(AWS, container_id=AWS_CONTAINER_ID, region=None)

    result = run(run_module, sim, args)

    assert result["changed"] is True and result["container"]["id"] == AWS_CONTAINER_ID
    assert sim.requests()[1].path == CONTAINERS_PATH + "/" + AWS_CONTAINER_ID


def test_a_container_of_another_provider_fails(sim, run_module, fake_clock):
    azure = run(run_module, sim, without_wait(AZURE))["container"]
    sim.forget_requests()

    result = run(run_module, sim, dict(AWS, container_id=azure["id"], region=None))

    assert result["failed"] is True
    assert result["msg"].endswith("container_id %s is a AZURE container, but provider is AWS." % azure["id"])
    assert sim.writes() == []


def test_an_existing_peering_in_another_region_fails_clearly(sim, run_module, fake_clock):
    run(run_module, sim, AWS)
    sim.forget_requests()

    result = run(run_module, sim, dict(AWS, region="EU_WEST_1", atlas_cidr_block="10.8.0.0/21"))

    assert result["failed"] is True
    assert "exists with its container in region US_EAST_1, not region EU_WEST_1" in result["msg"]
    assert sim.writes() == []


@needs_recordings
def test_real_atlas_container_lists_find_the_container_by_region():
    aws = recording("GET_groups_{groupId}_containers_2023-01-01_200.json")["results"]
    azure = recording("GET_groups_{groupId}_containers_2023-01-01_200_AZURE.json")["results"]

    unprovisioned = find_container(aws, "AWS", "US_EAST_1")
    assert unprovisioned["id"] == "68b470e5e989e54ca7724069" and unprovisioned["vpcId"] is None
    assert find_container(aws, "AWS", "EU_WEST_1")["id"] == "68b470e5e989e54ca7724068"
    assert find_container(aws, "AWS", "US_WEST_2") is None
    assert find_container(azure, "AZURE", "US_EAST_2")["id"] == "68b470e5c210fb29e6fd0cd6"
    assert find_container(azure, "AZURE", "US_EAST_1") is None
    # The peering body from the unprovisioned container: its region gives the accepter region.
    body = desired_peer("AWS", dict(vpc_id="vpc-0123456789abcdef0", aws_account_id="123456789012", route_table_cidr_block="10.0.0.0/16"), unprovisioned)
    assert (body["containerId"], body["accepterRegionName"]) == ("68b470e5e989e54ca7724069", "us-east-1")


@needs_recordings
def test_a_real_unprovisioned_container_is_peered_from(sim, run_module, fake_clock):
    """The real body of an unprovisioned container is found by its region (the simulator fills in vpcId)."""
    real = recording("GET_groups_{groupId}_containers_2023-01-01_200.json")["results"][1]
    state = sim.state()
    sim.project(PROJECT_ID, state)["containers"].append({k: v for k, v in real.items() if k != "vpcId"})
    sim.project(PROJECT_ID, state)["containers"][0]["regionName"] = "US_WEST_2"
    sim.set_state(state)

    result = run(run_module, sim, dict(AWS, route_table_cidr_block="10.0.0.0/16"))

    assert result["container"]["id"] == real["id"]


# -- Azure ---------------------------------------------------------------------------------------------


def test_azure_create_with_a_new_container_waits_until_available(sim, run_module, fake_clock):
    result = run(run_module, sim, AZURE)

    assert result["changed"] is True
    assert result["peer"]["status"] == "AVAILABLE" and "statusName" not in result["peer"]
    assert result["container"]["region"] == "US_EAST_2"
    writes = sim.writes()
    assert [(w.method, w.path) for w in writes] == [("POST", CONTAINERS_PATH), ("POST", PEERS_PATH)]
    assert writes[0].body == {"providerName": "AZURE", "atlasCidrBlock": "10.20.0.0/21", "region": "US_EAST_2"}
    assert writes[1].body == {
        "providerName": "AZURE",
        "containerId": result["container"]["id"],
        "azureSubscriptionId": AZURE["azure_subscription_id"],
        "resourceGroupName": "App-RG",
        "vnetName": "app-vnet",
        "azureDirectoryId": AZURE["azure_directory_id"],
    }


def test_azure_names_are_matched_without_regard_to_case(sim, run_module, fake_clock):
    first = run(run_module, sim, AZURE)["peer"]
    sim.forget_requests()

    result = run(
        run_module,
        sim,
        dict(AZURE, resource_group_name="app-rg", vnet_name="APP-VNET", azure_subscription_id=AZURE["azure_subscription_id"].upper()),
    )

    assert result["changed"] is False, result
    assert result["peer"]["id"] == first["id"]
    assert sim.writes() == []


def test_azure_delete_waits_until_gone(sim, run_module, fake_clock):
    run(run_module, sim, AZURE)
    sim.forget_requests()
    args = dict((k, AZURE[k]) for k in ("project_id", "provider", "azure_subscription_id", "resource_group_name", "vnet_name"))

    result = run(run_module, sim, dict(args, state="absent"))

    assert result["changed"] is True
    assert [w.method for w in sim.writes()] == ["DELETE"]
    assert stored_peers(sim) == []
    assert len(sim.project()["containers"]) == 2  # the container stays


# -- GCP ---------------------------------------------------------------------------------------------


def test_gcp_create_waits_for_the_user_then_for_available(sim, run_module, fake_clock):
    result = run(run_module, sim, dict(GCP, regions=["US_EAST_4"]))

    assert result["changed"] is True
    assert result["peer"]["status"] == "WAITING_FOR_USER"
    assert result["container"]["regions"] == ["US_EAST_4"]
    assert sim.writes()[0].body == {"providerName": "GCP", "atlasCidrBlock": "10.64.0.0/18", "regions": ["US_EAST_4"]}
    control(sim, "peers/%s:accept" % result["peer"]["id"])
    sim.forget_requests()

    available = run(run_module, sim, dict(GCP, wait_for="available"))

    assert available["changed"] is False and available["peer"]["status"] == "AVAILABLE"
    assert sim.writes() == []


def test_gcp_finds_its_global_container(sim, run_module, fake_clock):
    first = run(run_module, sim, without_wait(GCP))
    second = run(run_module, sim, without_wait(dict(GCP, network_name="other-network")))

    assert second["changed"] is True
    assert second["container"]["id"] == first["container"]["id"]
    assert len([c for c in sim.project()["containers"] if c["providerName"] == "GCP"]) == 1


def test_gcp_delete(sim, run_module, fake_clock):
    run(run_module, sim, without_wait(GCP))
    args = dict((k, GCP[k]) for k in ("project_id", "provider", "gcp_project_id", "network_name"))

    result = run(run_module, sim, dict(args, state="absent"))

    assert result["changed"] is True and stored_peers(sim) == []


# -- FAILED and timeouts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, shown",
    [
        (AWS, "FAILED (errorStateName REJECTED)"),
        (AZURE, "FAILED (errorState The peering was refused by Azure.)"),
        (GCP, "FAILED (errorMessage The peering was refused by GCP.)"),
    ],
    ids=["AWS", "AZURE", "GCP"],
)
def test_a_failed_peering_ends_the_wait_with_atlas_error_state(sim, run_module, fake_clock, args, shown):
    peer = run(run_module, sim, without_wait(args))["peer"]
    control(sim, "peers/%s:reject" % peer["id"])

    result = run(run_module, sim, args)

    assert result["failed"] is True
    assert result["msg"].startswith("Cannot wait for peering %s to reach status " % peer["id"])
    assert result["msg"].endswith(
        ": Atlas reports status %s. Atlas does not retry a failed peering: remove it (state: absent), " "then create it again (state: present)." % shown
    )
    assert result["peer"]["id"] == peer["id"]
    assert result["container"]["id"] == peer["containerId"]


def test_a_failed_peering_without_wait_is_reported_with_a_warning(sim, run_module, fake_clock):
    peer = run(run_module, sim, without_wait(AWS))["peer"]
    control(sim, "peers/%s:reject" % peer["id"])

    result = run(run_module, sim, without_wait(AWS))

    assert result["changed"] is False
    assert warnings(result)[0].endswith("has status FAILED (errorStateName REJECTED). " + atlas_network_peer.RECOVERY_HINT)


def test_recovering_from_failed_absent_then_present(sim, run_module, fake_clock):
    peer = run(run_module, sim, without_wait(AWS))["peer"]
    control(sim, "peers/%s:reject" % peer["id"])

    removed = run(run_module, sim, dict(project_id=PROJECT_ID, vpc_id=AWS["vpc_id"], aws_account_id=AWS["aws_account_id"], state="absent"))
    again = run(run_module, sim, AWS)

    assert removed["changed"] is True and again["changed"] is True
    assert again["peer"]["id"] != peer["id"] and again["peer"]["statusName"] == "PENDING_ACCEPTANCE"


def test_wait_timeout_says_what_was_seen_last(sim, run_module, fake_clock):
    result = run(run_module, sim, dict(AWS, wait_for="available", wait_timeout=30, wait_interval=10))

    assert result["failed"] is True
    peer_id = stored_peers(sim)[0]["id"]
    assert result["msg"] == "Peering %s did not reach status AVAILABLE within 30 seconds; its state is PENDING_ACCEPTANCE." % peer_id
    assert result["peer"]["statusName"] == "PENDING_ACCEPTANCE"
    assert sum(fake_clock.sleeps) == 30


def test_wait_false_does_not_wait_and_warns_about_wait_options(sim, run_module, fake_clock):
    result = run(run_module, sim, dict(AWS, wait=False, wait_for="available"))

    assert result["peer"]["statusName"] == "INITIATING"
    assert warnings(result) == ["wait_for is ignored when wait=false."]
    assert fake_clock.sleeps == []


# -- Bad input: each fails naming the option, before any request --------------------------------------

BAD_INPUTS = [
    (dict(AWS, aws_account_id="12345678901"), "aws_account_id must be a 12-digit AWS account id"),
    (dict(AWS, vpc_id="vpc-0123456789abcdef"), "vpc_id must be an AWS VPC id: vpc- and 17 lowercase hexadecimal digits"),
    (dict(AWS, vpc_id="vpc-0123456789ABCDEF0"), "vpc_id must be an AWS VPC id"),
    (dict(AWS, route_table_cidr_block="10.0.0.0"), "route_table_cidr_block must be an IPv4 network in CIDR notation (with its /prefix length)"),
    (dict(AWS, route_table_cidr_block="10.0.0.1/16"), "route_table_cidr_block must be a network address with no host bits set (did you mean 10.0.0.0/16?)"),
    (dict(AWS, route_table_cidr_block="10.0.0.0/8"), "route_table_cidr_block must be a network of /16 to /28"),
    (dict(AWS, route_table_cidr_block="10.0.0.0/33"), "route_table_cidr_block must be an IPv4 network in CIDR notation"),
    (dict(AWS, route_table_cidr_block="not-a-cidr"), "route_table_cidr_block must be an IPv4 network in CIDR notation"),
    (dict(AWS, atlas_cidr_block="8.8.0.0/21"), "atlas_cidr_block must be a private (RFC 1918) network"),
    (dict(AWS, atlas_cidr_block="10.8.0.0/16"), "atlas_cidr_block must be a network of /21 to /24"),
    (dict(GCP, atlas_cidr_block="10.64.0.0/21"), "atlas_cidr_block must be a network of /16 to /18"),
    (dict(AWS, route_table_cidr_block="192.168.0.0/16", atlas_cidr_block="192.168.248.0/21"), "route_table_cidr_block must not overlap atlas_cidr_block"),
    (dict(AWS, region="us-east-1"), "region must be an Atlas region name such as US_EAST_1 (Atlas' name of us-east-1 is US_EAST_1)"),
    (dict(AWS, accepter_region_name="US_EAST_1"), "accepter_region_name must be an AWS region name such as us-east-1"),
    (dict(AWS, container_id="f1", region=None), "container_id must be a 24-character lowercase hexadecimal Atlas id"),
    (dict(AWS, peer_id="not-an-id"), "peer_id must be a 24-character lowercase hexadecimal Atlas id"),
    (dict(AZURE, azure_directory_id="not-a-uuid"), "azure_directory_id must be a UUID"),
    (dict(AZURE, azure_subscription_id="4c2c1e5a1d0e4a579b5e4b2c3f1a8d22"), "azure_subscription_id must be a UUID"),
    (dict(AZURE, resource_group_name="my rg"), "resource_group_name must be an Azure resource group name"),
    (dict(AZURE, resource_group_name="rg."), "resource_group_name must be an Azure resource group name"),
    (dict(AZURE, vnet_name="v"), "vnet_name must be an Azure VNet name: 2 to 64"),
    (dict(GCP, gcp_project_id="My-Project"), "gcp_project_id must be a GCP project id"),
    (dict(GCP, gcp_project_id="abc"), "gcp_project_id must be a GCP project id"),
    (dict(GCP, network_name="1network"), "network_name must be a GCP network name"),
    (dict(GCP, regions=["us-east4"]), "regions[0] must be an Atlas region name such as US_EAST_1"),
    (dict(AWS, network_name="app-network"), "network_name cannot be used with provider AWS: network_name is an option of provider GCP"),
    (dict(AZURE, vpc_id="vpc-0123456789abcdef0"), "vpc_id cannot be used with provider AZURE: vpc_id is an option of provider AWS"),
    (dict(GCP, region="US_EAST_4"), "region cannot be used with provider GCP"),
    (dict(AWS, vpc_id=None), "vpc_id is required with provider AWS and state present."),
    (dict(AWS, region=None), "region (the Atlas region of the container, such as US_EAST_1) or container_id is required with provider AWS."),
    (
        dict(project_id=PROJECT_ID, provider="AZURE", state="absent"),
        "azure_subscription_id, resource_group_name, vnet_name are required with provider AZURE and state absent (or peer_id).",
    ),
    (dict(AWS, container_id=AWS_CONTAINER_ID), "parameters are mutually exclusive: container_id|region"),
    (dict(AWS, wait_for="accepted"), "value of wait_for must be one of: initiated, pending_acceptance, available, got: accepted"),
    (dict(AWS, wait_timeout=-1), "wait_timeout must be a number of seconds of 0 or more"),
]


@pytest.mark.parametrize("args, msg", BAD_INPUTS, ids=[expected.split(" ")[0] + "-%d" % index for index, (dummy, expected) in enumerate(BAD_INPUTS)])
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, args, msg):
    result = run(run_module, sim, args)

    assert result["failed"] is True
    assert msg in result["msg"], result["msg"]
    assert sim.request_log() == []


# -- Pure functions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "provider, status, goal, expected",
    [
        ("AWS", "INITIATING", "INITIATING", True),
        ("AWS", "INITIATING", "PENDING_ACCEPTANCE", False),
        ("AWS", "PENDING_ACCEPTANCE", "PENDING_ACCEPTANCE", True),
        ("AWS", "FINALIZING", "PENDING_ACCEPTANCE", True),
        ("AWS", "FINALIZING", "AVAILABLE", False),
        ("AWS", "AVAILABLE", "PENDING_ACCEPTANCE", True),
        ("AWS", "FAILED", "INITIATING", False),
        ("AWS", "TERMINATING", "INITIATING", False),
        ("AZURE", "ADDING_PEER", "AVAILABLE", False),
        ("AZURE", "AVAILABLE", "AVAILABLE", True),
        ("GCP", "ADDING_PEER", "WAITING_FOR_USER", False),
        ("GCP", "WAITING_FOR_USER", "WAITING_FOR_USER", True),
        ("GCP", "AVAILABLE", "WAITING_FOR_USER", True),
        ("GCP", None, "ADDING_PEER", False),
    ],
)
def test_reached(provider, status, goal, expected):
    field = "statusName" if provider == "AWS" else "status"
    assert reached({field: status}, provider, goal) is expected


AWS_PEER = {
    "providerName": "AWS",
    "id": "1" * 24,
    "containerId": "c" * 24,
    "vpcId": "vpc-0123456789abcdef0",
    "awsAccountId": "123456789012",
    "routeTableCidrBlock": "10.0.0.0/16",
    "accepterRegionName": "us-east-1",
    "statusName": "AVAILABLE",
}
AZURE_PEER = {
    "providerName": "AZURE",
    "id": "2" * 24,
    "containerId": "d" * 24,
    "azureSubscriptionId": "4C2C1E5A-1D0E-4A57-9B5E-4B2C3F1A8D22",
    "resourceGroupName": "App-RG",
    "vnetName": "App-VNet",
    "azureDirectoryId": "35f0d2b1-6bb8-4cbd-a1bc-4c3d2a1f4f11",
    "status": "AVAILABLE",
}
GCP_PEER = {
    "providerName": "GCP",
    "id": "3" * 24,
    "containerId": "e" * 24,
    "gcpProjectId": "my-gcp-project",
    "networkName": "app-network",
    "status": "AVAILABLE",
}


@pytest.mark.parametrize(
    "provider, wanted, expected",
    [
        ("AWS", {"vpcId": "vpc-0123456789abcdef0", "awsAccountId": "123456789012"}, AWS_PEER),
        ("AWS", {"vpcId": "vpc-0123456789abcdef0", "awsAccountId": "210987654321"}, None),
        ("AWS", {"vpcId": "vpc-0fedcba9876543210", "awsAccountId": "123456789012"}, None),
        ("AZURE", {"azureSubscriptionId": "4c2c1e5a-1d0e-4a57-9b5e-4b2c3f1a8d22", "resourceGroupName": "app-rg", "vnetName": "APP-VNET"}, AZURE_PEER),
        ("AZURE", {"azureSubscriptionId": "4c2c1e5a-1d0e-4a57-9b5e-4b2c3f1a8d22", "resourceGroupName": "app-rg", "vnetName": "other"}, None),
        ("GCP", {"gcpProjectId": "my-gcp-project", "networkName": "app-network"}, GCP_PEER),
        ("GCP", {"gcpProjectId": "my-gcp-project", "networkName": "App-Network"}, None),  # GCP names are case-sensitive
        ("GCP", {"gcpProjectId": "other-project", "networkName": "app-network"}, None),
    ],
)
def test_find_peer_by_its_network(provider, wanted, expected):
    assert find_peer([AWS_PEER, AZURE_PEER, GCP_PEER], wanted, provider) == expected


@pytest.mark.parametrize(
    "current, wanted, provider, changes, update",
    [
        (AWS_PEER, dict(AWS_PEER), "AWS", [], False),
        (AWS_PEER, dict(AWS_PEER, routeTableCidrBlock="10.1.0.0/16"), "AWS", [], True),
        (AWS_PEER, dict(AWS_PEER, accepterRegionName="eu-west-1"), "AWS", ["accepterRegionName"], False),
        (AWS_PEER, dict(AWS_PEER, containerId="f" * 24), "AWS", ["containerId"], False),
        (AWS_PEER, dict(AWS_PEER, routeTableCidrBlock=None), "AWS", [], False),
        (AZURE_PEER, dict(AZURE_PEER, vnetName="app-vnet", resourceGroupName="APP-RG"), "AZURE", [], False),
        (AZURE_PEER, dict(AZURE_PEER, azureDirectoryId="45f0d2b1-6bb8-4cbd-a1bc-4c3d2a1f4f11"), "AZURE", ["azureDirectoryId"], False),
        (GCP_PEER, dict(GCP_PEER), "GCP", [], False),
    ],
)
def test_fixed_field_changes_and_needs_update(current, wanted, provider, changes, update):
    assert fixed_field_changes(current, wanted, provider) == changes
    assert needs_update(current, wanted) is update


def test_update_body_is_the_full_body_of_the_provider():
    body = update_body(AWS_PEER, {"routeTableCidrBlock": "10.1.0.0/16"}, "AWS")
    assert body == {
        "providerName": "AWS",
        "containerId": "c" * 24,
        "vpcId": "vpc-0123456789abcdef0",
        "awsAccountId": "123456789012",
        "routeTableCidrBlock": "10.1.0.0/16",
        "accepterRegionName": "us-east-1",
    }


def aws_params(**overrides):
    """module.params of an AWS task: every provider option unset, then AWS, then overrides."""
    params = dict.fromkeys(option for options in atlas_network_peer.PROVIDER_OPTIONS.values() for option in options)
    params.update(AWS, state="present", provider="AWS", peer_id=None, container_id=None, atlas_cidr_block=None)
    params.update(overrides)
    return params


def test_check_options_returns_the_checked_values():
    checked = check_options(aws_params(atlas_cidr_block=" 10.8.0.0/21 "))

    assert checked["route_table_cidr_block"] == "10.0.0.0/16"
    assert checked["atlas_cidr_block"] == "10.8.0.0/21"
    assert checked["vpc_id"] == "vpc-0123456789abcdef0"


def test_check_options_with_peer_id_and_absent_needs_no_network():
    params = aws_params(state="absent", vpc_id=None, aws_account_id=None, route_table_cidr_block=None, region=None, peer_id="1" * 24)

    assert check_options(params) == {"peer_id": "1" * 24}
    with pytest.raises(AtlasInputError, match="^vpc_id, aws_account_id are required with provider AWS and state absent \\(or peer_id\\).$"):
        check_options(dict(params, peer_id=None))


# -- What test_common_behaviour checks for state=absent (the default seed has no peering to remove) ----


@pytest.fixture
def one_peering(sim, run_module, fake_clock):
    run(run_module, sim, without_wait(AWS))
    sim.forget_requests()
    return dict(project_id=PROJECT_ID, vpc_id=AWS["vpc_id"], aws_account_id=AWS["aws_account_id"], state="absent")


def test_absent_with_a_wrong_key_fails_rather_than_reporting_absent(sim, run_module, one_peering):
    result = run(run_module, sim, dict(one_peering, public_key="not-a-key"))

    assert result["failed"] is True and result.get("changed") is not True
    assert (result["status"], result["error_code"]) == (401, "UNEXPECTED_ERROR")
    assert sim.writes() == [] and len(stored_peers(sim)) == 1


@pytest.mark.parametrize("by", ["network", "peer_id"])
def test_absent_in_an_unknown_project_fails_rather_than_reporting_absent(sim, run_module, one_peering, by):
    args = dict(one_peering, project_id="6500000000000000000000ff")
    if by == "peer_id":
        args = dict(project_id="6500000000000000000000ff", peer_id=stored_peers(sim)[0]["id"], state="absent")

    result = run(run_module, sim, args)

    assert result["failed"] is True, result
    assert (result["status"], result["error_code"]) == (404, "GROUP_NOT_FOUND")
    assert sim.writes() == []


def test_absent_in_check_mode_sends_only_reads(sim, run_module, one_peering):
    result = run(run_module, sim, one_peering, check_mode=True, diff=True)

    assert result["changed"] is True
    assert [r.method for r in sim.requests()] == ["GET"]
    assert result["diff"]["after"] == {}
