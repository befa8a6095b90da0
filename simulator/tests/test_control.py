"""The /__sim__/ control API: request log, reset, state, faults, clock, rate limits, loopback only."""

import time

import pytest
import requests
from werkzeug.test import Client

from sim_helpers import PROJECT, AtlasClient, assert_atlas_error, seed_ids

V = "2024-08-05"
CLUSTERS = f"{PROJECT}/clusters"


# --- Request log ---------------------------------------------------------------------------------
def test_every_api_request_is_logged_oldest_first_with_credentials_redacted(atlas, control):
    atlas.get(CLUSTERS, V, params={"itemsPerPage": 2})
    atlas.post(f"{CLUSTERS}/Cluster0:revokeMongoDBEmployeeAccess", V)
    logged = control.get("requests")
    # requests' digest auth first gets a 401 challenge, answers it, and reuses the nonce afterwards.
    assert [(e["method"], e["status"]) for e in logged] == [("GET", 401), ("GET", 200), ("POST", 204)]
    entry = logged[1]
    assert {"time", "method", "path", "query", "headers", "body", "status"} <= set(entry)
    assert entry["path"] == CLUSTERS and entry["query"] == "itemsPerPage=2"
    assert entry["headers"]["Authorization"] == "Digest <redacted>"
    assert entry["headers"]["Accept"] == "application/vnd.atlas.2024-08-05+json"
    assert seed_ids.PUBLIC_KEY not in str(logged)


def test_request_bodies_are_logged(atlas, control):
    body = [{"ipAddress": "192.0.2.9"}]
    atlas.post(f"{PROJECT}/serviceAccounts/{seed_ids.SA_CLIENT_ID}/accessList", V, json=body)
    assert control.get("requests")[-1]["body"] == body


def test_control_requests_are_not_logged_and_the_log_can_be_cleared(atlas, control):
    atlas.get(CLUSTERS, V)
    control.get("state")
    assert len(control.get("requests")) == 2
    assert control.delete("requests").status_code == 204
    assert control.get("requests") == []


# --- Reset and state -----------------------------------------------------------------------------
def test_reset_goes_back_to_the_seed(atlas, control):
    atlas.delete(f"{PROJECT}/users/{seed_ids.CAROL_ID}", "2025-02-19")
    control.advance(100)
    control.post("faults", {"path": "/clusters", "status": 500, "count": 5})
    assert control.post("reset").status_code == 204
    assert atlas.get(f"{PROJECT}/users/{seed_ids.CAROL_ID}", "2025-02-19").status_code == 200
    assert control.get("clock")["offset_seconds"] == 0
    assert control.get("faults") == []


def test_state_round_trips_and_can_be_replaced(atlas, control):
    state = control.state()
    assert {"api_keys", "service_accounts", "orgs", "projects", "token_ttl_seconds"} <= set(state)
    project = state["projects"][0]
    assert project["id"] == seed_ids.PROJECT_ID and [c["name"] for c in project["clusters"]] == [
        "Cluster0",
        "analytics",
        "dev-paused",
    ]
    project["clusters"] = [{"name": "only-one", "extra_key": "kept"}]
    control.set_state(state)
    assert [c["name"] for c in atlas.get(CLUSTERS, V).json()["results"]] == ["only-one"]
    assert control.state()["projects"][0]["clusters"][0]["extra_key"] == "kept"


def test_a_state_that_is_not_seed_shaped_is_refused(control):
    assert control.post("state", [1, 2]).status_code == 400
    assert (
        control.post("state", {"projects": [{"id": "6500000000000000000000b9", "org_id": "nope"}]}).status_code == 400
    )
    assert control.state()["projects"][0]["id"] == seed_ids.PROJECT_ID


# --- Faults --------------------------------------------------------------------------------------
def test_a_fault_answers_the_next_n_matching_requests(atlas, control):
    response = control.post(
        "faults", {"method": "GET", "path": "/clusters$", "count": 2, "status": 429, "retry_after": 3}
    )
    assert response.status_code == 201
    for dummy in range(2):
        faulted = atlas.session.get(
            atlas.base_url + CLUSTERS, headers={"Accept": "application/vnd.atlas.2024-08-05+json"}, timeout=10
        )
        assert_atlas_error(faulted, 429, "RATE_LIMITED")
        assert faulted.headers["Retry-After"] == "3"
    assert atlas.get(CLUSTERS, V).status_code == 200
    assert atlas.get(f"{CLUSTERS}/Cluster0", V).status_code == 200  # never matched the path


def test_a_fault_matches_only_its_method(atlas, control):
    control.post("faults", {"method": "POST", "path": "clusters", "status": 503})
    assert atlas.get(CLUSTERS, V).status_code == 200
    assert_atlas_error(atlas.post(f"{CLUSTERS}/Cluster0:revokeMongoDBEmployeeAccess", V), 503, "SERVICE_UNAVAILABLE")


def test_a_faulted_request_is_not_applied(atlas, control):
    control.post("faults", {"method": "DELETE", "path": "/users/", "status": 500})
    assert_atlas_error(atlas.delete(f"{PROJECT}/users/{seed_ids.CAROL_ID}", "2025-02-19"), 500, "UNEXPECTED_ERROR")
    assert atlas.get(f"{PROJECT}/users/{seed_ids.CAROL_ID}", "2025-02-19").status_code == 200


def test_a_delay_fault_slows_the_answer(atlas, control):
    control.post("faults", {"path": "/clusters/Cluster0$", "delay": 0.3})
    started = time.monotonic()
    assert atlas.get(f"{CLUSTERS}/Cluster0", V).status_code == 200  # delayed, then answered normally
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    assert atlas.get(f"{CLUSTERS}/Cluster0", V).status_code == 200
    assert time.monotonic() - started < 0.3


def test_a_drop_fault_closes_the_connection_without_an_answer(atlas, control):
    control.post("faults", {"method": "GET", "path": "/clusters", "drop": True})
    with pytest.raises(requests.ConnectionError):
        atlas.session.get(atlas.base_url + CLUSTERS, timeout=10)
    assert atlas.get(CLUSTERS, V).status_code == 200
    first = control.get("requests")[0]
    assert first["status"] is None and first["dropped"] is True


def test_a_drop_after_handling_fault_applies_the_write_and_loses_the_answer(atlas, control):
    control.post("faults", {"method": "DELETE", "path": "/users/", "drop_after_handling": True})
    atlas.get(CLUSTERS, V)  # the digest handshake, so that the DELETE below is the authenticated one
    with pytest.raises(requests.ConnectionError):
        atlas.session.delete(
            atlas.base_url + f"{PROJECT}/users/{seed_ids.CAROL_ID}",
            headers={"Accept": "application/vnd.atlas.2025-02-19+json"},
            timeout=10,
        )
    assert_atlas_error(atlas.get(f"{PROJECT}/users/{seed_ids.CAROL_ID}", "2025-02-19"), 404, "USER_NOT_FOUND")
    deleted = [e for e in control.get("requests") if e["method"] == "DELETE"]
    assert [(e["status"], e["dropped"]) for e in deleted] == [(204, True)]


def test_an_after_handling_status_fault_applies_the_write_then_answers_the_status(atlas, control):
    control.post("faults", {"method": "DELETE", "path": "/users/", "status": 504, "after_handling": True})
    atlas.get(CLUSTERS, V)  # the digest handshake, so that the DELETE below is the authenticated one
    answer = atlas.delete(f"{PROJECT}/users/{seed_ids.CAROL_ID}", "2025-02-19")
    assert answer.status_code == 504
    assert_atlas_error(atlas.get(f"{PROJECT}/users/{seed_ids.CAROL_ID}", "2025-02-19"), 404, "USER_NOT_FOUND")
    deleted = [e for e in control.get("requests") if e["method"] == "DELETE" and e["status"] != 401]
    assert [e["status"] for e in deleted] == [504]


def test_a_body_fault_answers_that_body_verbatim(atlas, control):
    page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    control.post("faults", {"method": "GET", "path": "/clusters$", "status": 502, "body": page})
    control.post("faults", {"method": "GET", "path": "/clusters$", "status": 200, "body": "ok", "content_type": "text/plain"})
    proxied = atlas.get(CLUSTERS, V)
    assert (proxied.status_code, proxied.headers["Content-Type"], proxied.text) == (502, "text/html", page)
    not_json = atlas.get(CLUSTERS, V)
    assert (not_json.status_code, not_json.headers["Content-Type"], not_json.text) == (200, "text/plain", "ok")
    assert atlas.get(CLUSTERS, V).json()["totalCount"] == 3


@pytest.mark.parametrize(
    "fault",
    [
        {"path": "x", "body": "<html/>"},
        {"path": "x", "status": 500, "drop": True},
        {"path": "x", "drop": True, "drop_after_handling": True},
        {"path": "x", "after_handling": True},
        {"path": "x", "drop": True, "after_handling": True},
    ],
)
def test_fault_kinds_that_exclude_each_other_are_refused(control, fault):
    assert control.post("faults", fault).status_code == 400


def test_faults_apply_to_the_token_endpoint(sim, control):
    control.post("faults", {"method": "POST", "path": "^/api/oauth/token$", "status": 429, "retry_after": 1})
    response = requests.post(
        sim.url + "/api/oauth/token",
        auth=(seed_ids.SA_CLIENT_ID, seed_ids.SA_CLIENT_SECRET),
        data={"grant_type": "client_credentials"},
        timeout=10,
    )
    assert_atlas_error(response, 429, "RATE_LIMITED")


def test_the_state_shows_no_credential_and_still_round_trips(atlas, control):
    state = control.state()
    assert [key["private_key"] for key in state["api_keys"]] == ["<redacted>"]
    assert {account["client_secret"] for account in state["service_accounts"]} == {"<redacted>"}
    assert seed_ids.PRIVATE_KEY not in str(state) and seed_ids.SA_CLIENT_SECRET not in str(state)
    assert control.post("state", state).status_code == 204
    assert atlas.get(CLUSTERS, V).status_code == 200  # the API key still works
    state["api_keys"].append({"public_key": "another-key", "private_key": "<redacted>"})
    assert control.post("state", state).status_code == 400


def test_issued_tokens_are_listed_through_resets(sim, control):
    def new_token():
        response = requests.post(
            sim.url + "/api/oauth/token",
            auth=(seed_ids.SA_CLIENT_ID, seed_ids.SA_CLIENT_SECRET),
            data={"grant_type": "client_credentials"},
            timeout=10,
        )
        return response.json()["access_token"]

    first = new_token()
    control.post("reset")
    second = new_token()
    assert control.get("issued_tokens")[-2:] == [first, second]


def test_faults_can_be_listed_and_deleted(atlas, control):
    control.post("faults", {"path": "/clusters", "status": 500, "count": 3})
    assert [f["count"] for f in control.get("faults")] == [3]
    assert control.delete("faults").status_code == 204
    assert control.get("faults") == []
    assert atlas.get(CLUSTERS, V).status_code == 200


@pytest.mark.parametrize(
    "fault",
    [{"path": "x"}, {"path": "(", "status": 500}, {"status": 500, "count": 0}, {"status": 500, "colour": "red"}],
)
def test_invalid_faults_are_refused(control, fault):
    assert control.post("faults", fault).status_code == 400


# --- Clock, rate limits, health, loopback --------------------------------------------------------
def test_the_clock_moves_forward_only(control):
    before = control.get("clock")
    after = control.post("clock", {"advance_seconds": 3600}).json()
    assert after["offset_seconds"] == before["offset_seconds"] + 3600
    assert after["now"] > before["now"]
    assert control.post("clock", {"advance_seconds": -5}).status_code == 400


def test_an_enforced_rate_limit_answers_429(sim, control):
    control.set_state({**control.state(), "rate_limit": {"limit": 3, "window_seconds": 60, "enforce": True}})
    atlas = AtlasClient(sim.url)
    statuses = [atlas.get(CLUSTERS, V) for dummy in range(4)]
    assert [r.status_code for r in statuses[:3]] == [200, 200, 200]
    assert [r.headers["RateLimit-Remaining"] for r in statuses[:3]] == ["2", "1", "0"]
    assert_atlas_error(statuses[3], 429, "RATE_LIMITED")
    assert int(statuses[3].headers["Retry-After"]) >= 1
    control.advance(60)
    assert atlas.get(CLUSTERS, V).status_code == 200


def test_an_enforced_rate_limit_covers_the_token_endpoint(sim, control):
    control.set_state({**control.state(), "rate_limit": {"limit": 1, "window_seconds": 60, "enforce": True}})
    credentials = (seed_ids.SA_CLIENT_ID, seed_ids.SA_CLIENT_SECRET)
    answers = [
        requests.post(
            sim.url + "/api/oauth/token", auth=credentials, data={"grant_type": "client_credentials"}, timeout=10
        )
        for dummy in range(2)
    ]
    assert answers[0].status_code == 200 and answers[0].headers["RateLimit-Remaining"] == "0"
    assert_atlas_error(answers[1], 429, "RATE_LIMITED")


def test_health_and_unknown_control_endpoints(control):
    assert control.get("health") == {"status": "ok"}
    assert control.post("nothing").status_code == 404
    assert control.delete("state").status_code == 405


def test_the_control_api_refuses_clients_that_are_not_loopback(sim):
    client = Client(sim.app)
    remote = client.get("/__sim__/state", environ_overrides={"REMOTE_ADDR": "192.0.2.50"})
    assert remote.status_code == 403
    local = client.get("/__sim__/health", environ_overrides={"REMOTE_ADDR": "::1"})
    assert local.status_code == 200


def test_violations_are_empty_for_a_conforming_simulator(control, atlas):
    atlas.get(CLUSTERS, V)
    assert control.get("violations") == []


def test_a_service_container_can_open_the_control_api_to_its_network(sim, monkeypatch):
    # --control-from-anywhere: the CI job reaches the simulator's container over the job's network.
    monkeypatch.setattr(sim.app, "control_from_anywhere", True)
    remote = Client(sim.app).get("/__sim__/health", environ_overrides={"REMOTE_ADDR": "192.0.2.50"})
    assert remote.status_code == 200
