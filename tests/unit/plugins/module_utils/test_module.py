# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AtlasModule: shared options, credentials from options or environment, and failures before any request."""

from __future__ import annotations

import json

import pytest
from ansible_collections.atlas_ops.admin.tests.unit.compat import patch_module_args

from ansible_collections.atlas_ops.admin.plugins.module_utils.module import NO_CREDENTIALS_MSG, AtlasApiError, AtlasModule, failure_fields
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import object_id

GROUP = "6500000000000000000000b1"
CLUSTERS = "/api/atlas/v2/groups/%s/clusters" % GROUP
SA_CLIENT_ID = "mdb_sa_id_6500000000000000000000c1"


def list_clusters_module():
    """A minimal module on AtlasModule: validate, read, exit."""
    module = AtlasModule(argument_spec=dict(project_id=dict(type="str", required=True)), supports_check_mode=True)
    module.validate_options({"project_id": object_id})
    try:
        clusters = module.client.get_all("/groups/{groupId}/clusters", groupId=module.params["project_id"])
    except AtlasApiError as exc:
        module.fail_from_api_error(exc, action="list clusters")
    module.exit_json(changed=False, clusters=clusters)


def run(args, capfd):
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            list_clusters_module()
    return json.loads(capfd.readouterr().out)


@pytest.fixture
def clusters_atlas(atlas, tmp_path):
    atlas.json("GET", CLUSTERS, {"results": [{"name": "Cluster0"}], "totalCount": 1})
    atlas.json("POST", "/api/oauth/token", {"access_token": "tok", "expires_in": 3600, "token_type": "Bearer"})
    return atlas


def test_api_key_from_options(clusters_atlas, capfd):
    result = run(dict(project_id=GROUP, api_base_url=clusters_atlas.url, public_key="pub", private_key="priv"), capfd)

    assert result["clusters"] == [{"name": "Cluster0"}] and result["changed"] is False
    assert [r["path"] for r in clusters_atlas.requests] == [CLUSTERS]


def test_service_account_and_base_url_from_environment(clusters_atlas, capfd, monkeypatch, tmp_path):
    monkeypatch.setenv("MONGODB_ATLAS_BASE_URL", clusters_atlas.url)
    monkeypatch.setenv("MONGODB_ATLAS_CLIENT_ID", SA_CLIENT_ID)
    monkeypatch.setenv("MONGODB_ATLAS_CLIENT_SECRET", "env-secret")

    result = run(dict(project_id=GROUP, token_cache_dir=str(tmp_path)), capfd)

    assert result["clusters"] == [{"name": "Cluster0"}]
    assert [r["path"] for r in clusters_atlas.requests] == ["/api/oauth/token", CLUSTERS]
    assert clusters_atlas.requests[1]["headers"]["Authorization"] == "Bearer tok"


def test_the_legacy_api_key_variable_names_are_read(clusters_atlas, capfd, monkeypatch):
    monkeypatch.setenv("MONGODB_ATLAS_PUBLIC_API_KEY", "pub")
    monkeypatch.setenv("MONGODB_ATLAS_PRIVATE_API_KEY", "priv")

    result = run(dict(project_id=GROUP, api_base_url=clusters_atlas.url), capfd)

    assert result["clusters"] == [{"name": "Cluster0"}]
    assert [r["path"] for r in clusters_atlas.requests] == [CLUSTERS]


def test_options_win_over_the_environment_and_are_never_merged(clusters_atlas, capfd, monkeypatch):
    monkeypatch.setenv("MONGODB_ATLAS_CLIENT_ID", SA_CLIENT_ID)
    monkeypatch.setenv("MONGODB_ATLAS_CLIENT_SECRET", "env-secret")
    monkeypatch.setenv("MONGODB_ATLAS_PRIVATE_KEY", "env-private")

    result = run(dict(project_id=GROUP, api_base_url=clusters_atlas.url, public_key="pub", private_key="priv"), capfd)

    assert "failed" not in result
    assert [r["path"] for r in clusters_atlas.requests] == [CLUSTERS]  # digest only: no token request


@pytest.mark.parametrize(
    "args, env, msg",
    [
        ({}, {}, NO_CREDENTIALS_MSG),
        ({"public_key": "pub", "client_id": SA_CLIENT_ID}, {}, "parameters are mutually exclusive: public_key|client_id"),
        ({"public_key": "pub"}, {}, "parameters are required together: public_key, private_key"),
        ({"client_secret": "sa-secret-value"}, {}, "parameters are required together: client_id, client_secret"),
        (
            {},
            {
                "MONGODB_ATLAS_PUBLIC_KEY": "pub",
                "MONGODB_ATLAS_PRIVATE_KEY": "priv",
                "MONGODB_ATLAS_CLIENT_ID": SA_CLIENT_ID,
                "MONGODB_ATLAS_CLIENT_SECRET": "sa-secret-value",
            },
            "Both an API key (MONGODB_ATLAS_PUBLIC_KEY/MONGODB_ATLAS_PUBLIC_API_KEY, "
            "MONGODB_ATLAS_PRIVATE_KEY/MONGODB_ATLAS_PRIVATE_API_KEY) and a service account (MONGODB_ATLAS_CLIENT_ID, "
            "MONGODB_ATLAS_CLIENT_SECRET) are set in the environment: use one of them.",
        ),
        ({}, {"MONGODB_ATLAS_CLIENT_ID": SA_CLIENT_ID}, "MONGODB_ATLAS_CLIENT_ID is set but MONGODB_ATLAS_CLIENT_SECRET is missing: both are needed."),
        (
            {"client_id": "mdb_sa_id_nothex", "client_secret": "sa-secret-value"},
            {},
            "client_id must be a service account client id such as mdb_sa_id_5f1e2d3c4b5a697887960a1b, got 'mdb_sa_id_nothex'",
        ),
        (
            {},
            {"MONGODB_ATLAS_CLIENT_ID": "bad", "MONGODB_ATLAS_CLIENT_SECRET": "sa-secret-value"},
            "MONGODB_ATLAS_CLIENT_ID must be a service account client id such as mdb_sa_id_5f1e2d3c4b5a697887960a1b, got 'bad'",
        ),
        (
            {"public_key": "pub", "private_key": "private-value", "api_base_url": "cloud.mongodb.com"},
            {},
            "api_base_url must be an http(s) URL such as https://cloud.mongodb.com, got 'cloud.mongodb.com'",
        ),
        ({"public_key": "pub", "private_key": "private-value", "timeout": 0}, {}, "timeout must be a number of seconds greater than 0, got 0"),
        ({"public_key": "pub", "private_key": "private-value", "retries": 21}, {}, "retries must be a whole number from 0 to 20, got 21"),
        (
            {"public_key": "pub", "private_key": "private-value", "project_id": "nope"},
            {},
            "project_id must be a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b, got 'nope'",
        ),
    ],
)
def test_bad_settings_fail_before_any_request(clusters_atlas, capfd, monkeypatch, args, env, msg):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    module_args = dict(project_id=GROUP, api_base_url=clusters_atlas.url)
    module_args.update(args)

    result = run(module_args, capfd)

    assert result["failed"] is True
    assert result["msg"] == msg
    assert clusters_atlas.requests == []


@pytest.mark.parametrize("suffix", ["/api/atlas/v2", "/api/atlas/v2/", "/?envelope=true", "/#x"])
def test_a_base_url_with_a_path_or_query_fails_before_any_request(clusters_atlas, capfd, suffix):
    base_url = clusters_atlas.url + suffix

    result = run(dict(project_id=GROUP, api_base_url=base_url, public_key="pub", private_key="priv"), capfd)

    assert result["failed"] is True
    assert result["msg"] == (
        "api_base_url must be the scheme and host only, such as https://cloud.mongodb.com, without a path or query "
        "(the modules add /api/atlas/v2), got %r" % base_url
    )
    assert clusters_atlas.requests == []


def test_a_base_url_with_only_a_trailing_slash_is_accepted(clusters_atlas, capfd):
    result = run(dict(project_id=GROUP, api_base_url=clusters_atlas.url + "/", public_key="pub", private_key="priv"), capfd)

    assert result["clusters"] == [{"name": "Cluster0"}]
    assert [r["path"] for r in clusters_atlas.requests] == [CLUSTERS]


@pytest.mark.parametrize(
    "value, msg",
    [
        ("localhost:8900", "MONGODB_ATLAS_BASE_URL must be an http(s) URL such as https://cloud.mongodb.com, got 'localhost:8900'"),
        (
            "http://127.0.0.1:8900/api/atlas/v2",
            "MONGODB_ATLAS_BASE_URL must be the scheme and host only, such as https://cloud.mongodb.com, without a path or query "
            "(the modules add /api/atlas/v2), got 'http://127.0.0.1:8900/api/atlas/v2'",
        ),
    ],
)
def test_a_bad_base_url_from_the_environment_names_the_variable(clusters_atlas, capfd, monkeypatch, value, msg):
    monkeypatch.setenv("MONGODB_ATLAS_BASE_URL", value)

    result = run(dict(project_id=GROUP, public_key="pub", private_key="priv"), capfd)

    assert result["failed"] is True and result["msg"] == msg
    assert clusters_atlas.requests == []


def test_api_errors_fail_with_their_fields(atlas, capfd):
    atlas.json("GET", CLUSTERS, {"error": 403, "errorCode": "USER_UNAUTHORIZED", "detail": "Not allowed.", "reason": "Forbidden"}, status=403)

    result = run(dict(project_id=GROUP, api_base_url=atlas.url, public_key="pub", private_key="priv"), capfd)

    assert result["msg"] == "Failed to list clusters: Atlas API request GET %s failed with 403 USER_UNAUTHORIZED: Not allowed." % CLUSTERS
    assert (result["status"], result["error_code"], result["method"], result["path"]) == (403, "USER_UNAUTHORIZED", "GET", CLUSTERS)
    assert "exception" not in result


def test_a_secret_from_the_environment_is_masked_in_output(atlas, capfd, monkeypatch):
    monkeypatch.setenv("MONGODB_ATLAS_PUBLIC_KEY", "pub")
    monkeypatch.setenv("MONGODB_ATLAS_PRIVATE_KEY", "hunter2-private")
    atlas.json("GET", CLUSTERS, {"error": 400, "errorCode": "INVALID", "detail": "echo hunter2-private"}, status=400)

    captured = capfd
    result = run(dict(project_id=GROUP, api_base_url=atlas.url), captured)

    assert "hunter2-private" not in json.dumps(result)
    assert result["msg"].endswith("echo ********")


def test_validate_options_returns_normalised_values_and_leaves_params_serialisable(capfd):
    from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import duration, ip_address

    with patch_module_args(dict(public_key="pub", private_key="private-value", window="1d12h", addresses=["2001:DB8::0:1", "10.0.0.1"])):
        with pytest.raises(SystemExit):
            module = AtlasModule(argument_spec=dict(window=dict(type="str"), addresses=dict(type="list", elements="str"), unset=dict(type="str")))
            values = module.validate_options({"window": duration, "addresses": ip_address, "unset": duration})
            module.exit_json(
                changed=False, seconds=values["window"].total_seconds(), addresses=values["addresses"], keys=sorted(values), params=module.params["addresses"]
            )
    result = json.loads(capfd.readouterr().out)

    assert result["seconds"] == 129600 and result["addresses"] == ["2001:db8::1", "10.0.0.1"]
    assert result["keys"] == ["addresses", "window"]
    assert result["params"] == ["2001:DB8::0:1", "10.0.0.1"]


# -- what a failed task had already changed --------------------------------------------------------


class FakeSession:
    def __init__(self, applied):
        self.applied_writes = applied


@pytest.mark.parametrize(
    "client, result, expected",
    [
        (None, {}, {}),  # failed before any request
        (FakeSession([]), {"status": 400}, {"status": 400}),  # nothing applied: no claim of a change
        (FakeSession(["POST /api/atlas/v2/x"]), {}, {"changed": True, "applied_changes": ["POST /api/atlas/v2/x"]}),
        # A module that says what changed keeps control of changed.
        (FakeSession(["DELETE /api/atlas/v2/x"]), {"changed": False}, {"changed": False, "applied_changes": ["DELETE /api/atlas/v2/x"]}),
    ],
)
def test_failure_fields(client, result, expected):
    assert failure_fields(client, result) == expected


def test_a_failure_after_an_applied_write_reports_the_change(atlas, capfd):
    peers = "/api/atlas/v2/groups/%s/peers" % GROUP
    atlas.json("POST", peers, {"id": "p1"})
    atlas.json("PATCH", peers + "/p1", {"error": 400, "errorCode": "INVALID_ATTRIBUTE", "detail": "Invalid attribute vpcId specified."}, status=400)

    def create_then_update():
        module = AtlasModule(argument_spec={})
        with module.api_errors("create and update a peering"):
            module.client.post("/groups/{groupId}/peers", body={"vpcId": "vpc-1"}, groupId=GROUP)
            module.client.patch("/groups/{groupId}/peers/{peerId}", body={"vpcId": "vpc-2"}, groupId=GROUP, peerId="p1")

    with patch_module_args(dict(api_base_url=atlas.url, public_key="pub", private_key="private-key-secret-value", retries=0)):
        with pytest.raises(SystemExit):
            create_then_update()
    result = json.loads(capfd.readouterr().out)

    assert result["failed"] is True and result["changed"] is True
    assert result["applied_changes"] == ["POST " + peers]
    assert result["status"] == 400 and result["path"] == peers + "/p1"
