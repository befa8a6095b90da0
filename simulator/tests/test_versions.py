"""Versioned media types: the version in Accept picks the answer's shape and Content-Type."""

from datetime import date

import requests

from sim_helpers import PROJECT, assert_atlas_error, media_type

CLUSTERS = f"{PROJECT}/clusters"


def analytics(atlas, version):
    response = atlas.get(f"{CLUSTERS}/analytics", version)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == media_type(version) + ";charset=utf-8"  # as Atlas writes it
    return response.json()


def test_a_missing_version_gets_atlas_406(atlas):
    response = atlas.session.get(atlas.base_url + CLUSTERS, headers={"Accept": "application/json"}, timeout=10)
    body = assert_atlas_error(response, 406, "INVALID_VERSION_DATE")
    assert body["detail"] == "Invalid accept header or version date."
    assert body["reason"] == "Not Acceptable"


def test_no_accept_header_at_all_gets_406(atlas):
    response = atlas.session.get(atlas.base_url + CLUSTERS, headers={"Accept": None}, timeout=10)
    assert_atlas_error(response, 406, "INVALID_VERSION_DATE")


def test_a_version_the_operation_does_not_have_gets_406(atlas):
    # POST /groups/{id}/users exists only in 2025-02-19.
    response = atlas.post(
        f"{PROJECT}/users", "2023-01-01", json={"username": "x@example.com", "roles": ["GROUP_READ_ONLY"]}
    )
    assert_atlas_error(response, 406, "INVALID_VERSION_DATE")


def test_a_malformed_version_gets_406(atlas):
    assert_atlas_error(atlas.get(CLUSTERS, "2024-13-45"), 406, "INVALID_VERSION_DATE")


def test_grant_and_revoke_exist_only_in_2024_08_05(atlas):
    response = atlas.post(f"{CLUSTERS}/Cluster0:revokeMongoDBEmployeeAccess", "2023-02-01")
    assert_atlas_error(response, 406, "INVALID_VERSION_DATE")


def test_the_first_supported_version_in_accept_wins(atlas):
    accept = "application/vnd.atlas.2099-01-01+json, application/vnd.atlas.2023-02-01+json;charset=utf-8"
    response = atlas.session.get(atlas.base_url + CLUSTERS, headers={"Accept": accept}, timeout=10)
    assert response.headers["Content-Type"] == media_type("2023-02-01") + ";charset=utf-8"


def test_2024_08_05_has_one_replication_spec_per_shard(atlas):
    cluster = analytics(atlas, "2024-08-05")
    assert len(cluster["replicationSpecs"]) == 2
    assert "numShards" not in cluster["replicationSpecs"][0]
    assert cluster["replicationSpecs"][0]["regionConfigs"][0]["electableSpecs"]["diskSizeGB"] == 10.0
    assert "diskSizeGB" not in cluster


def test_2023_02_01_folds_identical_shards_into_num_shards(atlas):
    cluster = analytics(atlas, "2023-02-01")
    assert [spec["numShards"] for spec in cluster["replicationSpecs"]] == [2]
    assert "diskSizeGB" not in cluster["replicationSpecs"][0]["regionConfigs"][0]["electableSpecs"]
    assert cluster["diskSizeGB"] == 10.0


def test_2023_01_01_is_the_legacy_cluster_shape(atlas):
    cluster = analytics(atlas, "2023-01-01")
    assert cluster["providerSettings"] == {
        "providerName": "AWS",
        "regionName": "US_EAST_1",
        "instanceSizeName": "M30",
        "volumeType": "STANDARD",
    }
    assert cluster["numShards"] == 2
    assert cluster["replicationSpecs"][0]["regionsConfig"]["US_EAST_1"]["electableNodes"] == 3
    assert "regionConfigs" not in cluster["replicationSpecs"][0]


def test_deprecated_versions_announce_their_sunset(atlas):
    response = atlas.get(CLUSTERS, "2023-01-01")
    # Atlas writes the day without a leading zero (real-atlas-cli DELETE_orgs_{orgId}_invites_{invitationId}/01.json).
    assert response.headers["Sunset"] == "Thu, 1 Jul 2027 00:00:00 GMT"
    assert response.headers["Deprecation"] == "Wed, 1 Feb 2023 00:00:00 GMT"  # 2023-02-01 superseded it
    current = atlas.get(CLUSTERS, "2024-08-05")
    assert "Sunset" not in current.headers and "Deprecation" not in current.headers


def test_a_version_past_its_sunset_is_gone(atlas, control):
    now = control.get("clock")["now"]
    days_left = (date(2027, 7, 1) - date.fromisoformat(now[:10])).days
    control.advance(days_left * 86400 + 86400)
    assert_atlas_error(atlas.get(CLUSTERS, "2023-01-01"), 410, "VERSION_GONE")
    assert atlas.get(CLUSTERS, "2024-08-05").status_code == 200


def test_errors_are_plain_json_whatever_the_version(atlas):
    response = atlas.get(f"{CLUSTERS}/nope", "2024-08-05")
    assert_atlas_error(response, 404, "CLUSTER_NOT_FOUND")


def test_rate_limit_headers_on_answers(atlas):
    first = atlas.get(CLUSTERS, "2024-08-05")
    second = atlas.get(CLUSTERS, "2024-08-05")
    assert first.headers["RateLimit-Limit"] == "10000"  # Atlas' limit for clusters, as recorded
    assert int(second.headers["RateLimit-Remaining"]) == int(first.headers["RateLimit-Remaining"]) - 1


def test_each_resource_has_atlas_limit_and_its_own_count(atlas):
    clusters = atlas.get(CLUSTERS, "2024-08-05")
    users = atlas.get(f"{PROJECT}/users", "2025-02-19")
    roles = atlas.get(f"{PROJECT}/cloudProviderAccess", "2023-01-01")
    peers = atlas.get(f"{PROJECT}/peers?providerName=AWS", "2023-01-01")
    limits = [(r.headers["RateLimit-Limit"], r.headers["RateLimit-Remaining"]) for r in (clusters, users, roles, peers)]
    # peers: no recording shows Atlas' limit; the simulator's default
    assert limits == [("10000", "9999"), ("1200", "1199"), ("2000", "1999"), ("100", "99")]


def test_a_401_has_no_rate_limit_headers(sim):
    response = requests.get(sim.url + CLUSTERS, headers={"Accept": media_type("2024-08-05")}, timeout=10)
    assert response.status_code == 401
    assert not [name for name in response.headers if name.lower().startswith("ratelimit")]


def test_pretty_printing(atlas):
    response = atlas.get(CLUSTERS, "2024-08-05", params={"pretty": "true"})
    assert response.text.startswith('{\n  "links"')


def test_unknown_paths_and_methods(atlas, sim):
    assert_atlas_error(atlas.get(f"{PROJECT}/nothing-here", "2024-08-05"), 404, "RESOURCE_NOT_FOUND")
    assert_atlas_error(atlas.request("PUT", f"{CLUSTERS}/Cluster0", "2024-08-05", json={}), 405, "METHOD_NOT_ALLOWED")
    response = requests.get(sim.url + "/api/atlas/v1.0/groups", timeout=10)
    assert_atlas_error(response, 404, "RESOURCE_NOT_FOUND")


def test_operations_the_simulator_does_not_implement_say_so(atlas):
    response = atlas.get(f"{CLUSTERS}/Cluster0/processArgs", "2024-08-05")
    assert_atlas_error(response, 501, "NOT_IMPLEMENTED_IN_SIMULATOR")
