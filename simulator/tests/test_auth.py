"""Digest auth for API keys, OAuth client credentials for service accounts, 401s for the rest."""

from datetime import datetime, timezone

import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

from sim_helpers import PROJECT, SA, AtlasClient, assert_atlas_error, seed_ids, start_simulator

CLUSTERS = f"{PROJECT}/clusters"
V = "2024-08-05"
TOKEN_URL = "/api/oauth/token"


def get_token(sim, client_id=SA, secret=seed_ids.SA_CLIENT_SECRET, **kwargs):
    return requests.post(
        sim.url + TOKEN_URL,
        auth=HTTPBasicAuth(client_id, secret),
        data={"grant_type": "client_credentials"},
        headers={"Accept": "application/json"},
        timeout=10,
        **kwargs,
    )


class BearerAuth(requests.auth.AuthBase):
    def __init__(self, token):
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


def test_digest_with_the_seeded_api_key_is_accepted(atlas):
    response = atlas.get(CLUSTERS, V)
    assert response.status_code == 200
    assert response.json()["totalCount"] == 3


def test_no_credentials_get_a_digest_challenge_and_an_atlas_401(sim):
    response = requests.get(sim.url + CLUSTERS, headers={"Accept": "application/vnd.atlas.2024-08-05+json"}, timeout=10)
    assert_atlas_error(response, 401, "UNEXPECTED_ERROR")
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith("Digest ")
    for part in ('realm="MMS Public API"', 'qop="auth"', "algorithm=MD5", "nonce="):
        assert part in challenge


def test_a_wrong_private_key_is_refused(sim):
    client = AtlasClient(sim.url, auth=HTTPDigestAuth(seed_ids.PUBLIC_KEY, "not-the-key"))
    assert_atlas_error(client.get(CLUSTERS, V), 401, "UNEXPECTED_ERROR")


def test_an_unknown_public_key_is_refused(sim):
    client = AtlasClient(sim.url, auth=HTTPDigestAuth("someone-else", seed_ids.PRIVATE_KEY))
    assert_atlas_error(client.get(CLUSTERS, V), 401, "UNEXPECTED_ERROR")


def test_basic_auth_is_not_accepted_on_the_api(sim):
    client = AtlasClient(sim.url, auth=HTTPBasicAuth(seed_ids.PUBLIC_KEY, seed_ids.PRIVATE_KEY))
    assert_atlas_error(client.get(CLUSTERS, V), 401, "UNEXPECTED_ERROR")


def test_a_digest_answer_for_another_uri_is_refused(sim):
    challenge = requests.get(sim.url + CLUSTERS, timeout=10).headers["WWW-Authenticate"]
    digest = HTTPDigestAuth(seed_ids.PUBLIC_KEY, seed_ids.PRIVATE_KEY)
    digest.init_per_thread_state()
    digest._thread_local.chal = requests.utils.parse_dict_header(challenge.removeprefix("Digest "))
    header = digest.build_digest_header("GET", sim.url + f"{PROJECT}/peers")  # signed for another path
    response = requests.get(
        sim.url + CLUSTERS,
        headers={"Authorization": header, "Accept": "application/vnd.atlas.2024-08-05+json"},
        timeout=10,
    )
    assert_atlas_error(response, 401, "UNEXPECTED_ERROR")


def test_the_token_endpoint_issues_bearer_tokens_that_work(sim):
    response = get_token(sim)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    client = AtlasClient(sim.url, auth=BearerAuth(body["access_token"]))
    assert client.get(CLUSTERS, V).status_code == 200


def test_the_token_endpoint_refuses_a_wrong_secret(sim):
    assert_atlas_error(get_token(sim, secret="wrong"), 401, "UNEXPECTED_ERROR")


def test_the_token_endpoint_refuses_an_unknown_client(sim):
    assert_atlas_error(get_token(sim, client_id="mdb_sa_id_6500000000000000000000ff"), 401, "UNEXPECTED_ERROR")


def test_the_token_endpoint_needs_the_client_credentials_grant(sim):
    response = requests.post(
        sim.url + TOKEN_URL,
        auth=HTTPBasicAuth(SA, seed_ids.SA_CLIENT_SECRET),
        data={"grant_type": "password"},
        timeout=10,
    )
    assert_atlas_error(response, 400, "UNSUPPORTED_GRANT_TYPE")


def test_client_credentials_in_the_form_body_work_and_the_secret_is_never_logged(sim, control):
    response = requests.post(
        sim.url + TOKEN_URL,
        data={"grant_type": "client_credentials", "client_id": SA, "client_secret": seed_ids.SA_CLIENT_SECRET},
        timeout=10,
    )
    assert response.status_code == 200
    get_token(sim)
    logged = control.get("requests")
    assert [e["path"] for e in logged] == [TOKEN_URL, TOKEN_URL]
    assert logged[0]["body"] == {"grant_type": "client_credentials", "client_id": SA, "client_secret": "<redacted>"}
    assert logged[1]["headers"]["Authorization"] == "Basic <redacted>"
    assert seed_ids.SA_CLIENT_SECRET not in str(logged)


def test_an_unknown_bearer_token_is_refused(sim):
    client = AtlasClient(sim.url, auth=BearerAuth("not-a-token"))
    assert_atlas_error(client.get(CLUSTERS, V), 401, "UNEXPECTED_ERROR")


def test_tokens_expire_with_simulated_time(sim, control):
    token = get_token(sim).json()["access_token"]
    client = AtlasClient(sim.url, auth=BearerAuth(token))
    control.advance(3599)
    assert client.get(CLUSTERS, V).status_code == 200
    control.advance(2)
    body = assert_atlas_error(client.get(CLUSTERS, V), 401, "UNEXPECTED_ERROR")
    assert "expired" in body["detail"]


def test_the_token_lifetime_comes_from_the_seed():
    seed = seed_ids.default_seed(datetime.now(timezone.utc))
    seed["token_ttl_seconds"] = 5
    server = start_simulator(seed=seed)
    try:
        assert get_token(server).json()["expires_in"] == 5
    finally:
        server.stop()
