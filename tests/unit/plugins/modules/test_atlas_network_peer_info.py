# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_network_peer_info against the simulator (the `sim` fixture of tests/unit/conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from atlas_simulator.default_seed import AWS_CONTAINER_ID, EMPTY_PROJECT_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_network_peer_info
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_network_peer_info import with_status

VERSION = "application/vnd.atlas.2023-01-01+json"
PEERS_PATH = "/api/atlas/v2/groups/%s/peers" % PROJECT_ID
CONTAINERS_PATH = "/api/atlas/v2/groups/%s/containers" % PROJECT_ID
PAGE = {"itemsPerPage": "500", "pageNum": "1", "includeCount": "true"}

AZURE_CONTAINER = {"id": "6500000000000000000000f2", "providerName": "AZURE", "region": "US_EAST_2", "atlasCidrBlock": "192.168.0.0/21"}
GCP_CONTAINER = {"id": "6500000000000000000000f3", "providerName": "GCP", "regions": ["US_EAST_4"], "atlasCidrBlock": "10.64.0.0/18"}
AWS_PEER = {
    "id": "6500000000000000000000e1",
    "providerName": "AWS",
    "containerId": AWS_CONTAINER_ID,
    "vpcId": "vpc-0123456789abcdef0",
    "awsAccountId": "123456789012",
    "routeTableCidrBlock": "10.0.0.0/16",
    "accepterRegionName": "us-east-1",
    "statusName": "PENDING_ACCEPTANCE",
    "connectionId": "pcx-0a1b2c3d4e5f60718",
}
AZURE_PEER = {
    "id": "6500000000000000000000e2",
    "providerName": "AZURE",
    "containerId": AZURE_CONTAINER["id"],
    "azureDirectoryId": "35f0d2b1-6bb8-4cbd-a1bc-4c3d2a1f4f11",
    "azureSubscriptionId": "4c2c1e5a-1d0e-4a57-9b5e-4b2c3f1a8d22",
    "resourceGroupName": "app-rg",
    "vnetName": "app-vnet",
    "status": "AVAILABLE",
}
GCP_PEER = {
    "id": "6500000000000000000000e3",
    "providerName": "GCP",
    "containerId": GCP_CONTAINER["id"],
    "gcpProjectId": "my-gcp-project",
    "networkName": "app-network",
    "status": "FAILED",
    "errorMessage": "The network was deleted.",
}


def seed(sim, peers=(AWS_PEER, AZURE_PEER, GCP_PEER)):
    """The default project with a container per provider and these peerings; the request log forgotten."""
    state = sim.state()
    project = sim.project(state=state)
    project["containers"] = project["containers"] + [dict(AZURE_CONTAINER), dict(GCP_CONTAINER)]
    project["peers"] = [dict(peer) for peer in peers]
    sim.set_state(state)
    sim.forget_requests()


def without_links(resource):
    return dict((key, value) for key, value in resource.items() if key != "links")


def run(sim, run_module, check_mode=False, **args):
    return run_module(atlas_network_peer_info.main, sim.module_args(**dict(dict(project_id=PROJECT_ID), **args)), check_mode=check_mode)


def reads(sim):
    return [(request.method, request.path, request.query.get("providerName"), request.query.get("pageNum")) for request in sim.requests()]


@pytest.mark.parametrize(
    "peer, provider, expected",
    [
        ({"statusName": "AVAILABLE"}, "AWS", {"statusName": "AVAILABLE", "status": "AVAILABLE"}),
        ({"statusName": "FAILED", "errorStateName": "REJECTED"}, "AWS", {"statusName": "FAILED", "errorStateName": "REJECTED", "status": "FAILED"}),
        ({"status": "WAITING_FOR_USER"}, "GCP", {"status": "WAITING_FOR_USER"}),
        ({"status": "ADDING_PEER"}, "AZURE", {"status": "ADDING_PEER"}),
        ({}, "AWS", {}),
    ],
)
def test_with_status_names_the_status_the_same_way_for_every_provider(peer, provider, expected):
    assert with_status(peer, provider) == expected


def test_reads_every_providers_peerings_and_all_containers_one_request_each(sim, run_module):
    seed(sim)

    result = run(sim, run_module)

    assert result["changed"] is False
    assert [without_links(peer) for peer in result["peers"]] == [dict(AWS_PEER, status="PENDING_ACCEPTANCE"), AZURE_PEER, GCP_PEER]
    assert [container["id"] for container in result["containers"]] == [AWS_CONTAINER_ID, AZURE_CONTAINER["id"], GCP_CONTAINER["id"]]
    # Containers in Atlas' fields: the seeded ones, with what the simulator fills in (provisioned, Azure's VNet, ...).
    assert dict((key, result["containers"][1][key]) for key in AZURE_CONTAINER) == AZURE_CONTAINER
    assert dict((key, result["containers"][2][key]) for key in GCP_CONTAINER) == GCP_CONTAINER
    assert reads(sim) == [
        ("GET", PEERS_PATH, "AWS", "1"),
        ("GET", PEERS_PATH, "AZURE", "1"),
        ("GET", PEERS_PATH, "GCP", "1"),
        ("GET", CONTAINERS_PATH + "/all", None, "1"),
    ]
    assert set(request.accept for request in sim.requests()) == {VERSION}
    assert all(dict((k, request.query[k]) for k in PAGE) == PAGE for request in sim.requests())


def test_the_status_is_the_one_atlas_reports_for_each_provider(sim, run_module):
    seed(sim)

    result = run(sim, run_module)

    assert [(peer["providerName"], peer["status"]) for peer in result["peers"]] == [("AWS", "PENDING_ACCEPTANCE"), ("AZURE", "AVAILABLE"), ("GCP", "FAILED")]
    assert result["peers"][0]["statusName"] == "PENDING_ACCEPTANCE"
    assert result["peers"][2]["errorMessage"] == "The network was deleted."


def test_a_subset_of_providers_lists_their_containers_one_provider_at_a_time(sim, run_module):
    seed(sim)

    result = run(sim, run_module, provider=["GCP", "AWS", "GCP"])

    assert [peer["id"] for peer in result["peers"]] == [GCP_PEER["id"], AWS_PEER["id"]]
    assert [container["id"] for container in result["containers"]] == [GCP_CONTAINER["id"], AWS_CONTAINER_ID]
    assert reads(sim) == [
        ("GET", PEERS_PATH, "GCP", "1"),
        ("GET", PEERS_PATH, "AWS", "1"),
        ("GET", CONTAINERS_PATH, "GCP", "1"),
        ("GET", CONTAINERS_PATH, "AWS", "1"),
    ]


def test_peer_id_reads_that_peering_only(sim, run_module):
    seed(sim)

    result = run(sim, run_module, peer_id=AZURE_PEER["id"])

    assert [without_links(peer) for peer in result["peers"]] == [AZURE_PEER]
    assert reads(sim) == [("GET", PEERS_PATH + "/" + AZURE_PEER["id"], None, None), ("GET", CONTAINERS_PATH + "/all", None, "1")]


@pytest.mark.parametrize("args", [{"peer_id": "6500000000000000000000e9"}, {"peer_id": AZURE_PEER["id"], "provider": ["AWS"]}])
def test_a_missing_peer_id_or_one_of_another_provider_is_an_empty_list(sim, run_module, args):
    seed(sim)

    result = run(sim, run_module, **args)

    assert "failed" not in result
    assert result["peers"] == []


@pytest.mark.parametrize("count, pages", [(500, 1), (501, 2)])
def test_reads_every_page_of_peerings(sim, run_module, count, pages):
    peers = [
        dict(AWS_PEER, id="65%022x" % number, vpcId="vpc-%017x" % number, connectionId="pcx-%017x" % number, statusName="AVAILABLE")
        for number in range(count)
    ]
    seed(sim, peers)

    result = run(sim, run_module, provider=["AWS"])

    assert [peer["id"] for peer in result["peers"]] == [peer["id"] for peer in peers]
    assert [page for method, path, provider, page in reads(sim) if path == PEERS_PATH] == [str(page) for page in range(1, pages + 1)]


def test_a_project_without_peerings_gives_empty_lists(sim, run_module):
    result = run(sim, run_module, project_id=EMPTY_PROJECT_ID)

    assert (result["changed"], result["peers"], result["containers"]) == (False, [], [])


def test_check_mode_reads_the_same(sim, run_module):
    seed(sim)

    assert run(sim, run_module, check_mode=True)["peers"] == run(sim, run_module)["peers"]
    assert sim.writes() == []


@pytest.mark.parametrize(
    "args, msg",
    [
        ({"project_id": "not-an-id"}, "project_id must be a 24-character lowercase hexadecimal Atlas id"),
        ({"project_id": "6500000000000000000000B1"}, "project_id must be a 24-character lowercase hexadecimal Atlas id"),
        ({"provider": ["AWS", "aws"]}, "value of provider must be one or more of: AWS, AZURE, GCP. Got no match for: aws"),
        ({"provider": ["ORACLE"]}, "value of provider must be one or more of: AWS, AZURE, GCP. Got no match for: ORACLE"),
        ({"provider": []}, "provider must name at least one of AWS, AZURE, GCP, got []"),
        ({"peer_id": "pcx-0a1b2c3d4e5f60718"}, "peer_id must be a 24-character lowercase hexadecimal Atlas id"),
    ],
)
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, args, msg):
    result = run(sim, run_module, **args)

    assert result["failed"] is True
    assert msg in result["msg"]
    assert sim.request_log() == []


def test_a_wrong_project_fails(sim, run_module):
    result = run(sim, run_module, project_id="6500000000000000000000ff")

    assert result["failed"] is True
    assert result["error_code"] == "GROUP_NOT_FOUND"
    assert result["msg"].startswith("Failed to read the network peerings of project 6500000000000000000000ff: ")
