"""Network peering containers and peering connections, with their status progressions."""

import pytest

from sim_helpers import PROJECT, assert_atlas_error, seed_ids

V = "2023-01-01"
CONTAINERS = f"{PROJECT}/containers"
PEERS = f"{PROJECT}/peers"
AWS_CONTAINER = seed_ids.AWS_CONTAINER_ID


def aws_peer(**overrides):
    return {
        "providerName": "AWS",
        "containerId": AWS_CONTAINER,
        "accepterRegionName": "us-east-1",
        "awsAccountId": "123456789012",
        "routeTableCidrBlock": "10.0.0.0/16",
        "vpcId": "vpc-0123456789abcdef0",
        **overrides,
    }


def create_container(atlas, body):
    response = atlas.post(CONTAINERS, V, json=body)
    assert response.status_code == 200, response.text
    return response.json()


def create_peer(atlas, body):
    response = atlas.post(PEERS, V, json=body)
    assert response.status_code == 200, response.text
    return response.json()


def azure_setup(atlas):
    container = create_container(
        atlas, {"providerName": "AZURE", "atlasCidrBlock": "10.20.0.0/21", "region": "US_EAST_2"}
    )
    return {
        "providerName": "AZURE",
        "containerId": container["id"],
        "azureDirectoryId": "35f0d2b1-6bb8-4cbd-a1bc-4c3d2a1f4f11",
        "azureSubscriptionId": "4c2c1e5a-1d0e-4a57-9b5e-4b2c3f1a8d22",
        "resourceGroupName": "my-rg",
        "vnetName": "my-vnet",
    }


def gcp_setup(atlas):
    container = create_container(
        atlas, {"providerName": "GCP", "atlasCidrBlock": "10.64.0.0/18", "regions": ["US_EAST_4"]}
    )
    return {
        "providerName": "GCP",
        "containerId": container["id"],
        "gcpProjectId": "my-gcp-project",
        "networkName": "my-network",
    }


def status_of(atlas, peer_id):
    peer = atlas.get(f"{PEERS}/{peer_id}", V).json()
    return peer.get("statusName") or peer.get("status")


# --- Containers ----------------------------------------------------------------------------------
def test_containers_are_listed_per_provider_aws_by_default(atlas):
    create_container(atlas, {"providerName": "AZURE", "atlasCidrBlock": "10.20.0.0/21", "region": "US_EAST_2"})
    default = atlas.get(CONTAINERS, V).json()
    assert [c["id"] for c in default["results"]] == [AWS_CONTAINER]
    assert default["results"][0]["atlasCidrBlock"] == "192.168.248.0/21"
    azure = atlas.get(CONTAINERS, V, params={"providerName": "AZURE"}).json()["results"]
    assert [c["region"] for c in azure] == ["US_EAST_2"]
    assert atlas.get(f"{CONTAINERS}/all", V).json()["totalCount"] == 2


def test_an_unknown_provider_filter_is_400(atlas):
    assert_atlas_error(atlas.get(CONTAINERS, V, params={"providerName": "TENANT"}), 400, "VALIDATION_ERROR")


def test_get_a_container(atlas):
    container = atlas.get(f"{CONTAINERS}/{AWS_CONTAINER}", V).json()
    assert container["regionName"] == "US_EAST_1" and container["vpcId"].startswith("vpc-")


def test_an_unknown_container_is_404(atlas):
    assert_atlas_error(atlas.get(f"{CONTAINERS}/6500000000000000000000ff", V), 404, "RESOURCE_NOT_FOUND")


@pytest.mark.parametrize(
    "body, field_names",
    [
        ({"providerName": "AWS", "atlasCidrBlock": "10.8.0.0/21", "regionName": "EU_WEST_1"}, {"regionName"}),
        ({"providerName": "AZURE", "atlasCidrBlock": "10.8.0.0/21", "region": "EUROPE_WEST"}, {"region"}),
        (
            {"providerName": "GCP", "atlasCidrBlock": "10.128.0.0/18", "regions": []},
            {"regions", "gcpProjectId", "networkName"},
        ),
    ],
)
def test_create_a_container_per_provider(atlas, body, field_names):
    container = create_container(atlas, body)
    assert container["providerName"] == body["providerName"]
    assert container["provisioned"] is False
    assert field_names <= set(container)


def test_aws_allows_one_container_per_region(atlas):
    body = {"providerName": "AWS", "atlasCidrBlock": "10.8.0.0/21", "regionName": "US_EAST_1"}
    assert_atlas_error(atlas.post(CONTAINERS, V, json=body), 409, "CONTAINER_ALREADY_EXISTS")


def test_gcp_allows_one_container_per_project(atlas):
    create_container(atlas, {"providerName": "GCP", "atlasCidrBlock": "10.128.0.0/18", "regions": ["US_EAST_4"]})
    again = {"providerName": "GCP", "atlasCidrBlock": "10.192.0.0/18", "regions": ["WESTERN_US"]}
    assert_atlas_error(atlas.post(CONTAINERS, V, json=again), 409, "CONTAINER_ALREADY_EXISTS")


@pytest.mark.parametrize("cidr", ["8.8.0.0/21", "10.8.0.0/16", "10.8.0.1/21"])
def test_atlas_cidr_blocks_must_be_private_sized_and_a_network(atlas, cidr):
    body = {"providerName": "AWS", "atlasCidrBlock": cidr, "regionName": "EU_WEST_1"}
    body_error = assert_atlas_error(atlas.post(CONTAINERS, V, json=body), 400, "INVALID_ATTRIBUTE")
    assert body_error["parameters"] == ["atlasCidrBlock"]


def test_a_container_without_its_region_names_the_field(atlas):
    body = assert_atlas_error(
        atlas.post(CONTAINERS, V, json={"providerName": "AWS", "atlasCidrBlock": "10.8.0.0/21"}),
        400,
        "MISSING_ATTRIBUTE",
    )
    assert body["parameters"] == ["regionName"]


def test_update_and_delete_an_unprovisioned_container(atlas):
    container = create_container(
        atlas, {"providerName": "AWS", "atlasCidrBlock": "10.8.0.0/21", "regionName": "EU_WEST_1"}
    )
    path = f"{CONTAINERS}/{container['id']}"
    updated = atlas.patch(
        path, V, json={"providerName": "AWS", "atlasCidrBlock": "10.16.0.0/21", "regionName": "EU_WEST_1"}
    )
    assert updated.status_code == 200 and updated.json()["atlasCidrBlock"] == "10.16.0.0/21"
    assert atlas.delete(path, V).status_code == 204
    assert_atlas_error(atlas.get(path, V), 404, "RESOURCE_NOT_FOUND")


def test_a_provisioned_container_keeps_its_cidr_and_cannot_be_deleted(atlas):
    path = f"{CONTAINERS}/{AWS_CONTAINER}"
    body = {"providerName": "AWS", "atlasCidrBlock": "10.16.0.0/21", "regionName": "US_EAST_1"}
    assert_atlas_error(atlas.patch(path, V, json=body), 409, "CANNOT_MODIFY_PROVISIONED_CONTAINER")
    assert_atlas_error(atlas.delete(path, V), 409, "CONTAINERS_IN_USE")


# --- AWS peering ---------------------------------------------------------------------------------
def test_aws_peering_progresses_over_reads_and_waits_for_acceptance(atlas, control):
    peer = create_peer(atlas, aws_peer())
    assert peer["statusName"] == "INITIATING" and "connectionId" not in peer
    assert status_of(atlas, peer["id"]) == "INITIATING"  # every state is seen at least once
    pending = atlas.get(f"{PEERS}/{peer['id']}", V).json()
    assert pending["statusName"] == "PENDING_ACCEPTANCE"
    assert pending["connectionId"].startswith("pcx-")
    for dummy in range(3):
        assert status_of(atlas, peer["id"]) == "PENDING_ACCEPTANCE"  # until the other side accepts
    assert control.post(f"peers/{peer['id']}:accept").status_code == 200
    assert status_of(atlas, peer["id"]) == "FINALIZING"
    assert status_of(atlas, peer["id"]) == "AVAILABLE"
    assert status_of(atlas, peer["id"]) == "AVAILABLE"


def test_aws_peering_progresses_over_time_without_reads(atlas, control):
    peer = create_peer(atlas, aws_peer())
    control.post(f"peers/{peer['id']}:accept")
    control.advance(60)
    assert status_of(atlas, peer["id"]) == "AVAILABLE"


def test_auto_accept_from_the_seed(atlas, control):
    control.set_state({**control.state(), "auto_accept_peers": True})
    peer = create_peer(atlas, aws_peer())
    control.advance(60)
    assert status_of(atlas, peer["id"]) == "AVAILABLE"


def test_deleting_a_peering_goes_through_terminating(atlas):
    peer = create_peer(atlas, aws_peer())
    response = atlas.delete(f"{PEERS}/{peer['id']}", V)
    assert response.status_code == 202 and response.json() == {}
    assert status_of(atlas, peer["id"]) == "TERMINATING"
    assert_atlas_error(atlas.get(f"{PEERS}/{peer['id']}", V), 404, "RESOURCE_NOT_FOUND")
    assert atlas.get(PEERS, V).json()["results"] == []


def test_a_peering_being_deleted_cannot_be_updated(atlas):
    peer = create_peer(atlas, aws_peer())
    atlas.delete(f"{PEERS}/{peer['id']}", V)
    body = aws_peer(vpcId="vpc-0fedcba9876543210")
    assert_atlas_error(atlas.patch(f"{PEERS}/{peer['id']}", V, json=body), 409, "PEER_BEING_DELETED")


def test_peers_are_listed_per_provider(atlas):
    aws = create_peer(atlas, aws_peer())
    create_peer(atlas, azure_setup(atlas))
    listed = atlas.get(PEERS, V).json()
    assert [p["id"] for p in listed["results"]] == [aws["id"]]
    assert [p["providerName"] for p in atlas.get(PEERS, V, params={"providerName": "AZURE"}).json()["results"]] == [
        "AZURE"
    ]


def test_a_route_table_must_be_a_cidr_block_not_an_address(atlas):
    # Quirk 2: the spec's pattern would accept the bare address and refuse the CIDR block.
    body = assert_atlas_error(
        atlas.post(PEERS, V, json=aws_peer(routeTableCidrBlock="10.0.0.0")), 400, "INVALID_ATTRIBUTE"
    )
    assert body["parameters"] == ["routeTableCidrBlock"]


def test_a_route_table_overlapping_the_atlas_cidr_is_refused(atlas):
    body = aws_peer(routeTableCidrBlock="192.168.0.0/16")
    assert_atlas_error(atlas.post(PEERS, V, json=body), 400, "INVALID_ATTRIBUTE")


def test_a_peering_without_a_provider_names_the_field(atlas):
    body = {k: v for k, v in aws_peer().items() if k != "providerName"}
    error = assert_atlas_error(atlas.post(PEERS, V, json=body), 400, "MISSING_ATTRIBUTE")
    assert error["parameters"] == ["providerName"]


def test_a_peering_without_a_vpc_names_the_field(atlas):
    body = {k: v for k, v in aws_peer().items() if k != "vpcId"}
    assert assert_atlas_error(atlas.post(PEERS, V, json=body), 400, "MISSING_ATTRIBUTE")["parameters"] == ["vpcId"]


def test_read_only_fields_cannot_be_written(atlas):
    body = assert_atlas_error(atlas.post(PEERS, V, json=aws_peer(statusName="AVAILABLE")), 400, "INVALID_ATTRIBUTE")
    assert body["parameters"] == ["statusName"]


def test_a_peering_in_a_missing_or_foreign_container_is_refused(atlas):
    assert_atlas_error(
        atlas.post(PEERS, V, json=aws_peer(containerId="6500000000000000000000ff")), 404, "RESOURCE_NOT_FOUND"
    )
    azure = azure_setup(atlas)
    assert_atlas_error(atlas.post(PEERS, V, json=aws_peer(containerId=azure["containerId"])), 400, "INVALID_ATTRIBUTE")


def test_a_second_peering_to_the_same_vpc_is_a_conflict(atlas):
    create_peer(atlas, aws_peer())
    assert_atlas_error(atlas.post(PEERS, V, json=aws_peer()), 409, "DUPLICATE_PEER")


def test_updating_the_route_table_keeps_the_status_but_a_new_vpc_starts_over(atlas, control):
    peer = create_peer(atlas, aws_peer())
    control.post(f"peers/{peer['id']}:accept")
    control.advance(60)
    path = f"{PEERS}/{peer['id']}"
    updated = atlas.patch(path, V, json=aws_peer(routeTableCidrBlock="10.1.0.0/16"))
    assert updated.status_code == 200
    assert updated.json()["routeTableCidrBlock"] == "10.1.0.0/16" and updated.json()["statusName"] == "AVAILABLE"
    moved = atlas.patch(path, V, json=aws_peer(vpcId="vpc-0fedcba9876543210"))
    assert moved.json()["statusName"] == "INITIATING" and "connectionId" not in moved.json()


def test_a_peering_cannot_change_provider(atlas):
    peer = create_peer(atlas, aws_peer())
    body = {**azure_setup(atlas)}
    assert_atlas_error(atlas.patch(f"{PEERS}/{peer['id']}", V, json=body), 400, "INVALID_ATTRIBUTE")


# --- Azure and GCP peering -----------------------------------------------------------------------
def test_azure_peering_goes_from_adding_peer_to_available(atlas):
    peer = create_peer(atlas, azure_setup(atlas))
    assert peer["status"] == "ADDING_PEER" and "statusName" not in peer
    assert status_of(atlas, peer["id"]) == "ADDING_PEER"
    assert status_of(atlas, peer["id"]) == "AVAILABLE"
    assert atlas.delete(f"{PEERS}/{peer['id']}", V).status_code == 202
    assert status_of(atlas, peer["id"]) == "DELETING"
    assert_atlas_error(atlas.get(f"{PEERS}/{peer['id']}", V), 404, "RESOURCE_NOT_FOUND")


def test_azure_peerings_need_no_acceptance(atlas, control):
    peer = create_peer(atlas, azure_setup(atlas))
    assert control.post(f"peers/{peer['id']}:accept").status_code == 400


def test_gcp_peering_waits_for_the_user(atlas, control):
    peer = create_peer(atlas, gcp_setup(atlas))
    assert peer["status"] == "ADDING_PEER"
    assert status_of(atlas, peer["id"]) == "ADDING_PEER"
    assert status_of(atlas, peer["id"]) == "WAITING_FOR_USER"
    control.advance(600)
    assert status_of(atlas, peer["id"]) == "WAITING_FOR_USER"
    control.post(f"peers/{peer['id']}:accept")
    assert status_of(atlas, peer["id"]) == "AVAILABLE"


def test_accepting_an_unknown_peer_is_404(control):
    assert control.post("peers/6500000000000000000000ff:accept").status_code == 404


# --- Failed peerings and repeated deletes (what atlas_network_peer handles) ------------------------
@pytest.mark.parametrize(
    "setup, status_field, error_field, error",
    [
        (lambda atlas: aws_peer(), "statusName", "errorStateName", "REJECTED"),
        (azure_setup, "status", "errorState", "The peering was refused by Azure."),
        (gcp_setup, "status", "errorMessage", "The peering was refused by GCP."),
    ],
    ids=["AWS", "AZURE", "GCP"],
)
def test_a_rejected_peering_fails_and_stays_failed(atlas, control, setup, status_field, error_field, error):
    peer = create_peer(atlas, setup(atlas))
    rejected = control.post(f"peers/{peer['id']}:reject")
    assert rejected.status_code == 200 and rejected.json()[status_field] == "FAILED"
    control.advance(600)
    for dummy in range(3):
        failed = atlas.get(f"{PEERS}/{peer['id']}", V).json()
        assert (failed[status_field], failed[error_field]) == ("FAILED", error)
    assert atlas.delete(f"{PEERS}/{peer['id']}", V).status_code == 202  # the way out of FAILED
    assert status_of(atlas, peer["id"]) in ("TERMINATING", "DELETING")


def test_rejecting_an_unknown_peer_is_404(control):
    assert control.post("peers/6500000000000000000000ff:reject").status_code == 404


def test_deleting_a_peering_that_is_being_deleted_is_accepted_again(atlas):
    peer = create_peer(atlas, aws_peer())
    assert atlas.delete(f"{PEERS}/{peer['id']}", V).status_code == 202
    again = atlas.delete(f"{PEERS}/{peer['id']}", V)
    assert again.status_code == 202 and again.json() == {}
    assert status_of(atlas, peer["id"]) == "TERMINATING"
