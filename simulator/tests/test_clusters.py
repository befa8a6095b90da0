"""Clusters: pagination, get, errors, MongoDB employee access (grant, revoke, expiry)."""

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
