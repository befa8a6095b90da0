"""Clusters: pagination, get, errors, MongoDB employee access (grant, revoke, expiry), create, update, delete."""

from datetime import datetime, timedelta, timezone

import pytest

from sim_helpers import API, EMPTY_PROJECT, PROJECT, assert_atlas_error, seed_ids

V = "2024-08-05"
CLUSTERS = f"{PROJECT}/clusters"


def in_days(days):
    return (datetime.now(timezone.utc) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def seed_clusters(control, count):
    state = control.state()
    empty = next(p for p in state["projects"] if p["id"] == seed_ids.EMPTY_PROJECT_ID)
    empty["clusters"] = [{"name": f"c{i:03d}"} for i in range(count)]
    control.set_state(state)


# --- Pagination ----------------------------------------------------------------------------------
def test_an_empty_project_lists_no_clusters(atlas):
    body = atlas.get(f"{EMPTY_PROJECT}/clusters", V).json()
    assert body["results"] == []
    assert body["totalCount"] == 0
    assert [link["rel"] for link in body["links"]] == ["self"]


def test_exactly_500_fit_one_page(atlas, control):
    seed_clusters(control, 500)
    body = atlas.get(f"{EMPTY_PROJECT}/clusters", V, params={"itemsPerPage": 500}).json()
    assert len(body["results"]) == 500
    assert body["totalCount"] == 500
    assert "next" not in [link["rel"] for link in body["links"]]


def test_501_take_two_pages(atlas, control):
    seed_clusters(control, 501)
    first = atlas.get(f"{EMPTY_PROJECT}/clusters", V, params={"itemsPerPage": 500, "pageNum": 1}).json()
    second = atlas.get(f"{EMPTY_PROJECT}/clusters", V, params={"itemsPerPage": 500, "pageNum": 2}).json()
    assert len(first["results"]) == 500 and len(second["results"]) == 1
    assert second["results"][0]["name"] == "c500"
    next_link = next(link for link in first["links"] if link["rel"] == "next")
    # As Atlas: the client's query, in its order, with the next page's number.
    assert next_link["href"].endswith("clusters?itemsPerPage=500&pageNum=2")
    assert [link["rel"] for link in second["links"]] == ["previous", "self"]


def test_the_default_page_size_is_100(atlas, control):
    seed_clusters(control, 101)
    body = atlas.get(f"{EMPTY_PROJECT}/clusters", V).json()
    assert len(body["results"]) == 100 and body["totalCount"] == 101


def test_a_page_past_the_end_is_empty(atlas):
    body = atlas.get(CLUSTERS, V, params={"pageNum": 5}).json()
    assert body["results"] == [] and body["totalCount"] == 3


def test_include_count_false_still_has_the_total_as_atlas_answers(atlas):
    # real-atlas-cli GET_groups_{groupId}_clusters/01.json: includeCount=false, totalCount 1.
    body = atlas.get(CLUSTERS, V, params={"includeCount": "false"}).json()
    assert body["totalCount"] == 3 and len(body["results"]) == 3


@pytest.mark.parametrize(
    "params",
    [{"itemsPerPage": 0}, {"itemsPerPage": 501}, {"pageNum": 0}, {"itemsPerPage": "ten"}, {"includeCount": "maybe"}],
)
def test_bad_pagination_parameters_get_400(atlas, params):
    body = assert_atlas_error(atlas.get(CLUSTERS, V, params=params), 400, "VALIDATION_ERROR")
    assert body["parameters"] == list(params)


# --- Get and errors ------------------------------------------------------------------------------
def test_get_one_cluster(atlas):
    cluster = atlas.get(f"{CLUSTERS}/dev-paused", V).json()
    assert cluster["paused"] is True
    assert cluster["tags"] == [{"key": "env", "value": "dev"}]
    assert cluster["groupId"] == seed_ids.PROJECT_ID


def test_an_unknown_cluster_is_404_cluster_not_found(atlas):
    body = assert_atlas_error(atlas.get(f"{CLUSTERS}/missing", V), 404, "CLUSTER_NOT_FOUND")
    assert body["parameters"] == ["missing", seed_ids.PROJECT_ID]


def test_an_invalid_cluster_name_is_400(atlas):
    assert_atlas_error(atlas.get(f"{CLUSTERS}/-bad_name", V), 400, "VALIDATION_ERROR")


def test_an_unknown_project_is_404(atlas):
    assert_atlas_error(atlas.get(f"{API}/groups/6500000000000000000000ff/clusters", V), 404, "GROUP_NOT_FOUND")


def test_an_invalid_project_id_is_400(atlas):
    body = assert_atlas_error(atlas.get(f"{API}/groups/not-an-id/clusters", V), 400, "VALIDATION_ERROR")
    assert body["badRequestDetail"]["fields"][0]["field"] == "groupId"


# --- Employee access -----------------------------------------------------------------------------
def test_the_seed_has_an_active_grant_on_cluster0(atlas):
    grant = atlas.get(f"{CLUSTERS}/Cluster0", V).json()["mongoDBEmployeeAccessGrant"]
    assert grant["grantType"] == "CLUSTER_DATABASE_LOGS"
    expires = datetime.fromisoformat(grant["expirationTime"].replace("Z", "+00:00"))
    assert timedelta(days=6, hours=23) < expires - datetime.now(timezone.utc) <= timedelta(days=7)


def test_grant_then_revoke(atlas):
    grant = {"grantType": "CLUSTER_INFRASTRUCTURE", "expirationTime": in_days(2)}
    response = atlas.post(f"{CLUSTERS}/analytics:grantMongoDBEmployeeAccess", V, json=grant)
    assert response.status_code == 204 and response.content == b""
    assert atlas.get(f"{CLUSTERS}/analytics", V).json()["mongoDBEmployeeAccessGrant"] == grant
    assert atlas.post(f"{CLUSTERS}/analytics:revokeMongoDBEmployeeAccess", V).status_code == 204
    assert "mongoDBEmployeeAccessGrant" not in atlas.get(f"{CLUSTERS}/analytics", V).json()


def test_revoking_without_a_grant_is_harmless(atlas):
    assert atlas.post(f"{CLUSTERS}/dev-paused:revokeMongoDBEmployeeAccess", V).status_code == 204


def test_an_expired_grant_no_longer_shows(atlas, control):
    control.advance(7 * 86400 + 1)
    assert "mongoDBEmployeeAccessGrant" not in atlas.get(f"{CLUSTERS}/Cluster0", V).json()
    listed = atlas.get(CLUSTERS, V).json()["results"]
    assert all("mongoDBEmployeeAccessGrant" not in c for c in listed)


def test_a_grant_in_the_past_is_refused(atlas):
    grant = {"grantType": "CLUSTER_DATABASE_LOGS", "expirationTime": in_days(-1)}
    body = assert_atlas_error(
        atlas.post(f"{CLUSTERS}/Cluster0:grantMongoDBEmployeeAccess", V, json=grant), 400, "INVALID_ATTRIBUTE"
    )
    assert body["parameters"] == ["expirationTime"]


def test_a_grant_without_a_type_names_the_missing_field(atlas):
    response = atlas.post(f"{CLUSTERS}/Cluster0:grantMongoDBEmployeeAccess", V, json={"expirationTime": in_days(1)})
    body = assert_atlas_error(response, 400, "MISSING_ATTRIBUTE")
    assert body["badRequestDetail"]["fields"][0]["field"] == "grantType"


def test_a_grant_with_an_unknown_type_is_refused(atlas):
    grant = {"grantType": "EVERYTHING", "expirationTime": in_days(1)}
    body = assert_atlas_error(
        atlas.post(f"{CLUSTERS}/Cluster0:grantMongoDBEmployeeAccess", V, json=grant), 400, "INVALID_ATTRIBUTE"
    )
    assert body["parameters"] == ["grantType"]


def test_a_grant_on_an_unknown_cluster_is_404(atlas):
    grant = {"grantType": "CLUSTER_DATABASE_LOGS", "expirationTime": in_days(1)}
    assert_atlas_error(
        atlas.post(f"{CLUSTERS}/missing:grantMongoDBEmployeeAccess", V, json=grant), 404, "CLUSTER_NOT_FOUND"
    )


def test_malformed_json_is_refused(atlas):
    response = atlas.session.post(
        atlas.base_url + f"{CLUSTERS}/Cluster0:grantMongoDBEmployeeAccess",
        data="{not json",
        headers={
            "Accept": "application/vnd.atlas.2024-08-05+json",
            "Content-Type": "application/vnd.atlas.2024-08-05+json",
        },
        timeout=10,
    )
    assert_atlas_error(response, 400, "MALFORMED_JSON")


def test_a_missing_body_is_refused(atlas):
    response = atlas.post(f"{CLUSTERS}/Cluster0:grantMongoDBEmployeeAccess", V)
    assert_atlas_error(response, 400, "VALIDATION_ERROR")


# --- Create, update, delete ----------------------------------------------------------------------
W = "2024-10-23"


def new_cluster(name="new1", size="M10", nodes=3, **fields):
    region = {"providerName": "AWS", "regionName": "US_EAST_1", "priority": 7, "electableSpecs": {"instanceSize": size, "nodeCount": nodes}}
    return {"name": name, "replicationSpecs": [{"regionConfigs": [region]}], **fields}


def test_a_new_cluster_is_creating_without_connection_strings_then_idle_with_them(atlas):
    created = atlas.post(CLUSTERS, W, json=new_cluster())
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["stateName"], body["connectionStrings"], body["clusterType"]) == ("CREATING", {}, "REPLICASET")
    region = body["replicationSpecs"][0]["regionConfigs"][0]
    assert region["readOnlySpecs"]["nodeCount"] == 0 and region["analyticsSpecs"]["nodeCount"] == 0
    assert region["effectiveElectableSpecs"] == region["electableSpecs"]
    assert body["useAwsTimeBasedSnapshotCopyForFastInitialSync"] is False
    assert [link["rel"] for link in body["links"]][0] == "self"
    assert atlas.get(f"{CLUSTERS}/new1", V).json()["stateName"] == "CREATING"  # every state is seen once
    idle = atlas.get(f"{CLUSTERS}/new1", V).json()
    assert idle["stateName"] == "IDLE"
    assert idle["connectionStrings"]["standardSrv"].startswith("mongodb+srv://new1.")
    assert idle["connectionStrings"] == atlas.get(f"{CLUSTERS}/new1", V).json()["connectionStrings"]


def test_a_sharded_cluster_has_the_private_link_fields_and_predictive_auto_scaling(atlas):
    body = atlas.post(CLUSTERS, W, json=new_cluster(clusterType="SHARDED")).json()
    assert body["connectionStrings"] == {"awsPrivateLinkSrv": {}, "privateEndpoint": []}
    assert body["replicationSpecs"][0]["regionConfigs"][0]["autoScaling"]["compute"]["predictiveEnabled"] is False
    assert "customOpensslCipherConfigTls13" not in body["advancedConfiguration"]
    assert "effectiveElectableSpecs" not in body["replicationSpecs"][0]["regionConfigs"][0]


@pytest.mark.parametrize(
    "cluster, status, code",
    [
        (new_cluster(name="cluster0"), 400, "DUPLICATE_CLUSTER_NAME"),
        (new_cluster(paused=True), 400, "CANNOT_CREATE_PAUSED_CLUSTER"),
        (new_cluster(nodes=4), 400, "CLUSTER_REPLICATION_FACTOR_INVALID"),
        (new_cluster(size="M7"), 400, "INVALID_ATTRIBUTE"),
        (new_cluster(size="M0"), 400, "INVALID_ATTRIBUTE"),
        (dict(new_cluster(), replicationSpecs=new_cluster()["replicationSpecs"] * 2), 400, "INVALID_CLUSTER_CONFIGURATION"),
    ],
)
def test_creates_atlas_refuses(atlas, cluster, status, code):
    assert_atlas_error(atlas.post(CLUSTERS, W, json=cluster), status, code)


def test_an_update_is_updating_then_idle_and_refusals_change_nothing(atlas):
    bigger = new_cluster(name="Cluster0", size="M30")
    updated = atlas.patch(f"{CLUSTERS}/Cluster0", W, json={"replicationSpecs": bigger["replicationSpecs"]})
    assert updated.status_code == 200, updated.text
    assert updated.json()["stateName"] == "UPDATING"
    assert updated.json()["replicationSpecs"][0]["regionConfigs"][0]["effectiveElectableSpecs"]["instanceSize"] == "M30"
    atlas.get(f"{CLUSTERS}/Cluster0", V)
    assert atlas.get(f"{CLUSTERS}/Cluster0", V).json()["stateName"] == "IDLE"
    assert_atlas_error(atlas.patch(f"{CLUSTERS}/Cluster0", W, json={"mongoDBMajorVersion": "7.0"}), 400, "CLUSTER_UPGRADE_INVALID")
    assert_atlas_error(atlas.patch(f"{CLUSTERS}/analytics", W, json={"clusterType": "REPLICASET"}), 400, "INVALID_CLUSTER_CONFIGURATION")
    assert_atlas_error(atlas.patch(f"{CLUSTERS}/dev-paused", W, json={"backupEnabled": True}), 400, "CANNOT_UPDATE_PAUSED_CLUSTER")
    assert_atlas_error(atlas.patch(f"{CLUSTERS}/dev-paused", W, json={"paused": False, "backupEnabled": True}), 400, "CANNOT_UPDATE_PAUSED_CLUSTER")
    assert atlas.patch(f"{CLUSTERS}/dev-paused", W, json={"paused": False}).json()["paused"] is False


def test_tags_alone_leave_the_cluster_idle(atlas):
    body = atlas.patch(f"{CLUSTERS}/Cluster0", W, json={"tags": [{"key": "a", "value": "b"}]}).json()
    assert (body["stateName"], body["tags"]) == ("IDLE", [{"key": "a", "value": "b"}])


def test_delete_is_deleting_then_gone(atlas):
    response = atlas.delete(f"{CLUSTERS}/Cluster0", "2023-02-01", params={"retainBackups": "true"})
    assert response.status_code == 202 and response.content == b""
    assert_atlas_error(atlas.delete(f"{CLUSTERS}/Cluster0", "2023-02-01"), 400, "CLUSTER_ALREADY_REQUESTED_DELETION")
    assert atlas.get(f"{CLUSTERS}/Cluster0", V).json()["stateName"] == "DELETING"
    assert_atlas_error(atlas.get(f"{CLUSTERS}/Cluster0", V), 404, "CLUSTER_NOT_FOUND")


def test_termination_protection_refuses_the_delete(atlas):
    atlas.patch(f"{CLUSTERS}/Cluster0", W, json={"terminationProtectionEnabled": True})
    assert_atlas_error(
        atlas.delete(f"{CLUSTERS}/Cluster0", "2023-02-01"), 400, "CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED"
    )
    assert atlas.get(f"{CLUSTERS}/Cluster0", V).json()["stateName"] == "IDLE"


def test_older_write_versions_are_not_simulated(atlas):
    assert_atlas_error(atlas.post(CLUSTERS, "2023-02-01", json={"name": "x"}), 501, "NOT_IMPLEMENTED_IN_SIMULATOR")
