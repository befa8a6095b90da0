# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AtlasClient against a fake Atlas over real HTTP: auth, versions, retries, pagination, errors."""

from __future__ import annotations

import hashlib
import re
import socket
import threading
import time

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from ansible_collections.atlas_ops.admin.plugins.module_utils import api_versions
from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import CLUSTER, CLUSTER_GRANT_EMPLOYEE_ACCESS, PEER
from ansible_collections.atlas_ops.admin.plugins.module_utils.client import UNAUTHORIZED_GUIDANCE, AtlasClient
from ansible_collections.atlas_ops.admin.plugins.module_utils.errors import AtlasApiError

from ansible_collections.atlas_ops.admin.tests.unit.fake_atlas import broken_body_response, json_response

PRIVATE_KEY = "private-key-secret-value"
SA_SECRET = "mdb_sa_sk_the-secret-value"

CLUSTERS = "/api/atlas/v2/groups/6500000000000000000000b1/clusters"
GROUP = "6500000000000000000000b1"


# -- digest authentication -----------------------------------------------------------------


def _md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def digest_protected(username, password, realm="MMS Public API", nonce="f00dfeed"):
    """A handler that challenges, then checks the digest response as RFC 2617 (qop=auth, MD5) defines it."""

    def handler(request):
        auth = request.authorization
        if auth is None or auth.type != "digest":
            return Response(
                '{"error": 401, "errorCode": "NOT_AUTHORIZED", "reason": "Unauthorized"}',
                status=401,
                content_type="application/json",
                headers={"WWW-Authenticate": 'Digest realm="%s", domain="", nonce="%s", algorithm=MD5, qop="auth", stale=false' % (realm, nonce)},
            )
        ha1 = _md5("%s:%s:%s" % (username, realm, password))
        ha2 = _md5("%s:%s" % (request.method, auth.uri))
        expected = _md5(":".join((ha1, auth.nonce, auth.nc, auth.cnonce, auth.qop, ha2)))
        if auth.username != username or auth.response != expected or auth.nonce != nonce:
            return json_response({"error": 401, "errorCode": "NOT_AUTHORIZED", "reason": "Unauthorized"}, 401)
        return json_response({"results": [], "totalCount": 0})

    return handler


def test_digest_challenge_then_authenticated_request(atlas, api_key_client):
    atlas.route("GET", CLUSTERS, digest_protected("sim-public-key", PRIVATE_KEY))

    assert api_key_client().get("/groups/{groupId}/clusters", groupId=GROUP) == {"results": [], "totalCount": 0}

    first, second = atlas.requests
    assert "Authorization" not in first["headers"]
    assert second["headers"]["Authorization"].startswith('Digest username="sim-public-key", realm="MMS Public API"')
    assert PRIVATE_KEY not in second["headers"]["Authorization"]


def test_digest_answers_the_same_nonce_on_later_requests_without_a_new_challenge(atlas, api_key_client):
    atlas.route("GET", CLUSTERS, digest_protected("sim-public-key", PRIVATE_KEY))
    client = api_key_client()

    client.get("/groups/{groupId}/clusters", groupId=GROUP)
    client.get("/groups/{groupId}/clusters", groupId=GROUP)

    challenge, first, second = atlas.requests
    assert "Authorization" not in challenge["headers"]
    assert ", nc=00000001," in first["headers"]["Authorization"] and ", nc=00000002," in second["headers"]["Authorization"]


def test_digest_answers_a_new_challenge_once_when_atlas_no_longer_takes_the_nonce(atlas, api_key_client):
    nonces = ["f00dfeed"]
    handlers = {}

    def rotating(request):
        if nonces[0] not in handlers:
            handlers[nonces[0]] = digest_protected("sim-public-key", PRIVATE_KEY, nonce=nonces[0])
        answer = handlers[nonces[0]](request)
        if answer.status_code == 401 and request.authorization is not None:
            # What Atlas does with an expired nonce: a fresh challenge.
            answer.headers["WWW-Authenticate"] = 'Digest realm="MMS Public API", nonce="%s", algorithm=MD5, qop="auth", stale=true' % nonces[0]
        return answer

    atlas.route("GET", CLUSTERS, rotating)
    client = api_key_client()
    client.get("/groups/{groupId}/clusters", groupId=GROUP)
    nonces[0] = "0ddba11"

    assert client.get("/groups/{groupId}/clusters", groupId=GROUP) == {"results": [], "totalCount": 0}
    assert [r["headers"].get("Authorization", "none")[:6] for r in atlas.requests] == ["none", "Digest", "Digest", "Digest"]
    assert 'nonce="0ddba11"' in atlas.requests[-1]["headers"]["Authorization"]


def test_digest_with_wrong_private_key_fails_with_401_and_no_secret(atlas, api_key_client):
    atlas.route("GET", CLUSTERS, digest_protected("sim-public-key", "the-real-key"))

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().get("/groups/{groupId}/clusters", groupId=GROUP)

    assert caught.value.status == 401
    assert str(caught.value) == "Atlas API request GET %s failed with 401 Unauthorized: %s" % (CLUSTERS, UNAUTHORIZED_GUIDANCE)
    assert PRIVATE_KEY not in str(caught.value) and PRIVATE_KEY not in repr(caught.value.__dict__)


# -- versioned media types, encoding, warnings ------------------------------------------------


def test_each_call_names_its_versioned_media_type(atlas, api_key_client):
    atlas.json("GET", CLUSTERS + "/Cluster0", {"name": "Cluster0"})
    atlas.route("POST", CLUSTERS + "/Cluster0:grantMongoDBEmployeeAccess", lambda request: Response(status=204))
    client = api_key_client()

    client.get("/groups/{groupId}/clusters/{clusterName}", groupId=GROUP, clusterName="Cluster0")
    answer = client.post(
        "/groups/{groupId}/clusters/{clusterName}:grantMongoDBEmployeeAccess",
        body={"grantType": "CLUSTER_DATABASE_LOGS", "expirationTime": "2030-01-01T00:00:00Z"},
        groupId=GROUP,
        clusterName="Cluster0",
    )

    get, post = atlas.requests
    assert get["headers"]["Accept"] == "application/vnd.atlas.2024-08-05+json"
    assert "Content-Type" not in get["headers"]
    assert post["headers"]["Accept"] == "application/vnd.atlas.2024-08-05+json"
    assert post["headers"]["Content-Type"] == "application/vnd.atlas.2024-08-05+json"
    assert post["body"] == '{"grantType": "CLUSTER_DATABASE_LOGS", "expirationTime": "2030-01-01T00:00:00Z"}'
    assert answer is None


def test_users_are_read_with_the_version_that_shows_pending_users(atlas, api_key_client):
    atlas.json("GET", "/api/atlas/v2/groups/%s/users" % GROUP, {"results": [], "totalCount": 0})

    api_key_client().get("/groups/{groupId}/users", query={"username": "a@example.com"}, groupId=GROUP)

    assert atlas.requests[0]["headers"]["Accept"] == "application/vnd.atlas.2025-02-19+json"
    assert atlas.requests[0]["query"] == {"username": "a@example.com"}


def test_a_cidr_path_parameter_is_percent_encoded_exactly_once(atlas, api_key_client):
    path = "/api/atlas/v2/orgs/6500000000000000000000a1/serviceAccounts/mdb_sa_id_6500000000000000000000c1/accessList/10.0.0.0%2F24"
    atlas.route("DELETE", path, lambda request: Response(status=204))

    api_key_client().delete(
        "/orgs/{orgId}/serviceAccounts/{clientId}/accessList/{ipAddress}",
        orgId="6500000000000000000000a1",
        clientId="mdb_sa_id_6500000000000000000000c1",
        ipAddress="10.0.0.0/24",
    )

    assert [r["path"] for r in atlas.requests] == [path]


def test_deprecation_and_sunset_headers_become_one_warning(atlas, api_key_client):
    atlas.json(
        "GET", CLUSTERS, {"results": [], "totalCount": 0}, headers={"Deprecation": "Mon, 01 Jun 2026 00:00:00 GMT", "Sunset": "Tue, 01 Jun 2027 00:00:00 GMT"}
    )
    warnings = []
    client = api_key_client(warn=warnings.append)

    client.get("/groups/{groupId}/clusters", groupId=GROUP)
    client.get("/groups/{groupId}/clusters", groupId=GROUP)

    assert warnings == [
        "Atlas marks version 2024-08-05 of GET /groups/{groupId}/clusters as deprecated "
        "(Deprecation: Mon, 01 Jun 2026 00:00:00 GMT; Sunset: Tue, 01 Jun 2027 00:00:00 GMT). "
        "A newer atlas_ops.admin release will move to a newer version."
    ]


def test_a_gone_version_gets_an_explicit_message(atlas, api_key_client):
    atlas.json("GET", CLUSTERS, {"error": 410, "errorCode": "VERSION_GONE", "detail": "gone", "reason": "Gone"}, status=410)

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().get("/groups/{groupId}/clusters", groupId=GROUP)

    assert str(caught.value) == (
        "Atlas no longer serves the API version this collection used for GET %s (410 VERSION_GONE). " "Upgrade the atlas_ops.admin collection." % CLUSTERS
    )


# -- errors ------------------------------------------------------------------------------------


def test_atlas_error_body_is_parsed(atlas, api_key_client):
    atlas.json(
        "GET",
        CLUSTERS + "/nope",
        {
            "error": 404,
            "errorCode": "CLUSTER_NOT_FOUND",
            "detail": "No cluster named nope exists in group %s." % GROUP,
            "reason": "Not Found",
            "parameters": [],
        },
        status=404,
    )

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().get("/groups/{groupId}/clusters/{clusterName}", groupId=GROUP, clusterName="nope")

    error = caught.value
    assert (error.status, error.error_code, error.reason, error.method, error.path) == (404, "CLUSTER_NOT_FOUND", "Not Found", "GET", CLUSTERS + "/nope")
    assert error.absent and error.not_found
    assert str(error) == "Atlas API request GET %s/nope failed with 404 CLUSTER_NOT_FOUND: No cluster named nope exists in group %s." % (CLUSTERS, GROUP)
    assert error.to_result() == {"status": 404, "error_code": "CLUSTER_NOT_FOUND", "method": "GET", "path": CLUSTERS + "/nope"}


def test_a_non_json_error_body_is_reported_shortened(atlas, api_key_client):
    html = "<html><body><h1>502 Bad Gateway</h1>\n<p>upstream   went away</p></body></html>" + "x" * 500
    atlas.route("POST", "/api/atlas/v2/groups/%s/peers" % GROUP, lambda request: Response(html, status=502, content_type="text/html"))

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().post("/groups/{groupId}/peers", body={}, groupId=GROUP)

    error = caught.value
    assert error.status == 502 and error.error_code is None and error.reason == "BAD GATEWAY"
    assert error.detail == ("<html><body><h1>502 Bad Gateway</h1> <p>upstream went away</p></body></html>" + "x" * 500)[:200]
    assert str(error).startswith("Atlas API request POST /api/atlas/v2/groups/%s/peers failed with 502 BAD GATEWAY: <html>" % GROUP)


def test_get_if_exists_means_absent_only_for_the_resource_own_error_code(atlas, api_key_client, no_sleep):
    atlas.json("GET", CLUSTERS + "/gone", {"error": 404, "errorCode": "CLUSTER_NOT_FOUND"}, status=404)
    atlas.json("GET", CLUSTERS + "/forbidden", {"error": 403, "errorCode": "USER_UNAUTHORIZED"}, status=403)
    atlas.json("GET", CLUSTERS + "/other", {"error": 404, "errorCode": "RESOURCE_NOT_FOUND", "detail": "Cannot find resource."}, status=404)
    client = api_key_client()

    assert client.get_if_exists(CLUSTER, groupId=GROUP, clusterName="gone") is None
    with pytest.raises(AtlasApiError) as forbidden:
        client.get_if_exists(CLUSTER, groupId=GROUP, clusterName="forbidden")
    with pytest.raises(AtlasApiError) as other:
        client.get_if_exists(CLUSTER, groupId=GROUP, clusterName="other")

    assert forbidden.value.status == 403 and not forbidden.value.absent
    # Another 404 code keeps Atlas' detail, and is not "absent".
    assert str(other.value) == "Atlas API request GET %s/other failed with 404 RESOURCE_NOT_FOUND: Cannot find resource." % CLUSTERS
    assert not other.value.absent and not other.value.not_found


def test_a_404_on_an_endpoint_without_absent_codes_is_never_absent(atlas, api_key_client):
    atlas.json("GET", CLUSTERS, {"error": 404, "errorCode": "CLUSTER_NOT_FOUND"}, status=404)

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().get_if_exists("/groups/{groupId}/clusters", groupId=GROUP)
    assert caught.value.status == 404 and not caught.value.absent


def test_a_wrong_project_id_is_an_error_that_names_the_project(sim):
    client = AtlasClient(base_url=sim.url, public_key=sim.seed_ids.PUBLIC_KEY, private_key=sim.seed_ids.PRIVATE_KEY, retries=0)
    wrong = "6500000000000000000000ff"

    with pytest.raises(AtlasApiError) as caught:
        client.get_if_exists(CLUSTER, groupId=wrong, clusterName="Cluster0")

    path = "/api/atlas/v2/groups/%s/clusters/Cluster0" % wrong
    assert str(caught.value) == (
        "Atlas API request GET %s failed with 404 GROUP_NOT_FOUND: project %s does not exist, or these credentials cannot see it" % (path, wrong)
    )
    assert (caught.value.status, caught.value.error_code, caught.value.absent) == (404, "GROUP_NOT_FOUND", False)
    assert [(r.method, r.path, r.status) for r in sim.requests()] == [("GET", path, 404)]


def test_a_wrong_organization_id_is_an_error_that_names_the_organization(atlas, api_key_client):
    org = "6500000000000000000000af"
    atlas.json("GET", "/api/atlas/v2/orgs/%s/users/u1" % org, {"error": 404, "errorCode": "ORG_NOT_FOUND", "detail": "No organization."}, status=404)

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().get_if_exists(api_versions.ORG_USER, orgId=org, userId="u1")

    assert str(caught.value).endswith("failed with 404 ORG_NOT_FOUND: organization %s does not exist, or these credentials cannot see it" % org)


def test_delete_if_exists_tells_deleted_from_already_absent_and_raises_for_a_wrong_project(atlas, api_key_client, monkeypatch):
    monkeypatch.setitem(api_versions.ABSENT_ERROR_CODES, PEER, (api_versions.AbsentCode("PEER_NOT_FOUND", "test"),))
    peers = "/api/atlas/v2/groups/%s/peers/" % GROUP
    atlas.route("DELETE", peers + "p1", lambda request: Response(status=202))
    atlas.json("DELETE", peers + "p2", {"error": 404, "errorCode": "PEER_NOT_FOUND"}, status=404)
    atlas.json("DELETE", "/api/atlas/v2/groups/6500000000000000000000ff/peers/p1", {"error": 404, "errorCode": "GROUP_NOT_FOUND"}, status=404)
    client = api_key_client()

    assert client.delete_if_exists(PEER, groupId=GROUP, peerId="p1") is True
    assert client.delete_if_exists(PEER, groupId=GROUP, peerId="p2") is False
    with pytest.raises(AtlasApiError) as caught:
        client.delete_if_exists(PEER, groupId="6500000000000000000000ff", peerId="p1")

    assert "project 6500000000000000000000ff does not exist" in str(caught.value)
    assert [(r["method"], r["path"]) for r in atlas.requests] == [
        ("DELETE", peers + "p1"),
        ("DELETE", peers + "p2"),
        ("DELETE", "/api/atlas/v2/groups/6500000000000000000000ff/peers/p1"),
    ]


# -- a DELETE whose answer was lost ----------------------------------------------------------------

ORG = "6500000000000000000000a1"
ORG_USER_PATH = "/api/atlas/v2/orgs/%s/users/u1" % ORG
USER_GONE = {"error": 404, "errorCode": "USER_NOT_FOUND", "detail": "No user u1.", "reason": "Not Found"}


def gone(request):
    return json_response(USER_GONE, 404)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_delete_answered_5xx_then_absent_on_the_retry_was_deleted_by_this_task(atlas, api_key_client, no_sleep, status):
    # A proxy's 504 (or Atlas' own 5xx) after the DELETE was applied: the retry finds it gone.
    atlas.sequence("DELETE", ORG_USER_PATH, [lambda request: json_response({"error": status}, status), gone])
    warned = []
    client = api_key_client(warn=warned.append)

    assert client.delete_if_exists(api_versions.ORG_USER, orgId=ORG, userId="u1") is True
    assert len(atlas.made("DELETE", ORG_USER_PATH)) == 2
    assert client.applied_writes == ["DELETE " + ORG_USER_PATH]
    assert warned == [
        "Atlas answered %d to DELETE %s; the retry found it gone (404), so an earlier attempt deleted it." % (status, ORG_USER_PATH)
    ]


def test_a_plain_delete_whose_retry_finds_it_gone_succeeds(atlas, api_key_client, no_sleep):
    atlas.sequence("DELETE", ORG_USER_PATH, [lambda request: json_response({"error": 504}, 504), gone])

    assert api_key_client().delete(api_versions.ORG_USER, orgId=ORG, userId="u1") is None


def test_a_delete_whose_answer_timed_out_then_absent_was_deleted_by_this_task(atlas, api_key_client):
    def slow_delete(request):
        time.sleep(1.5)  # the client gave up after 1 s; the fake answers the retry after this one
        return Response(status=204)

    atlas.sequence("DELETE", ORG_USER_PATH, [slow_delete, gone])
    client = api_key_client(timeout=1, retries=1)  # urllib3 does not sleep before a first retry

    assert client.delete_if_exists(api_versions.ORG_USER, orgId=ORG, userId="u1") is True
    assert client.applied_writes == ["DELETE " + ORG_USER_PATH]


def test_a_delete_whose_connection_dropped_after_it_was_applied_was_deleted_by_this_task(sim):
    client = AtlasClient(base_url=sim.url, public_key=sim.seed_ids.PUBLIC_KEY, private_key=sim.seed_ids.PRIVATE_KEY, retries=1)
    client.get(CLUSTER, groupId=GROUP, clusterName="Cluster0")  # the digest handshake
    sim.fail_next("DELETE", "/users/", None, drop_after_handling=True)
    path = "/api/atlas/v2/orgs/%s/users/%s" % (sim.seed_ids.ORG_ID, sim.seed_ids.BOB_ID)

    assert client.delete_if_exists(api_versions.ORG_USER, orgId=sim.seed_ids.ORG_ID, userId=sim.seed_ids.BOB_ID) is True
    assert [(r.method, r.status) for r in sim.requests() if r.method == "DELETE"] == [("DELETE", 204), ("DELETE", 404)]
    assert client.applied_writes == ["DELETE " + path]


def test_a_delete_refused_by_the_rate_limiter_then_absent_was_not_deleted_by_this_task(atlas, api_key_client, no_sleep):
    atlas.sequence("DELETE", ORG_USER_PATH, [lambda request: json_response({"error": 429}, 429, {"Retry-After": "1"}), gone])
    client = api_key_client()

    assert client.delete_if_exists(api_versions.ORG_USER, orgId=ORG, userId="u1") is False
    assert client.applied_writes == []
    assert [r["method"] for r in atlas.requests] == ["DELETE", "DELETE"]


def test_a_delete_whose_connection_was_refused_then_absent_was_not_deleted_by_this_task(monkeypatch):
    # The first two attempts find nothing listening (refused); before the third, Atlas comes up.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    servers = []

    def start_atlas(seconds):
        if not servers:
            server = make_server("127.0.0.1", port, gone(None))  # a werkzeug Response is a WSGI application
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)

    monkeypatch.setattr("urllib3.util.retry.time.sleep", start_atlas)
    client = AtlasClient(base_url="http://127.0.0.1:%d" % port, public_key="pub", private_key=PRIVATE_KEY, retries=3)
    try:
        assert client.delete_if_exists(api_versions.ORG_USER, orgId=ORG, userId="u1") is False
    finally:
        for server in servers:
            server.shutdown()
    assert servers and client.applied_writes == []


# -- what a session changed, and the retries it made ------------------------------------------------


def test_applied_writes_lists_the_writes_atlas_confirmed_without_bodies(atlas, api_key_client, no_sleep):
    peers = "/api/atlas/v2/groups/%s/peers" % GROUP
    atlas.json("GET", peers, {"results": []})
    atlas.json("POST", peers, {"id": "p1"})
    atlas.json("PATCH", peers + "/p1", {"error": 400, "errorCode": "INVALID_ATTRIBUTE", "parameters": ["vpcId"]}, status=400)
    client = api_key_client()

    client.get("/groups/{groupId}/peers", groupId=GROUP)
    client.post("/groups/{groupId}/peers", body={"secret": "never shown"}, groupId=GROUP)
    with pytest.raises(AtlasApiError):
        client.patch(PEER, body={"vpcId": "x"}, groupId=GROUP, peerId="p1")

    assert client.applied_writes == ["POST " + peers]


def test_a_request_that_recovered_from_retries_warns_once_per_kind_with_the_answers(atlas, api_key_client, no_sleep):
    atlas.sequence(
        "GET",
        CLUSTERS,
        [
            lambda request: json_response({"error": 429}, 429, {"Retry-After": "1"}),
            lambda request: json_response({"error": 503}, 503),
            lambda request: json_response({"results": [], "totalCount": 0}),
        ],
    )
    warned = []
    client = api_key_client(warn=warned.append)

    client.get("/groups/{groupId}/clusters", groupId=GROUP)
    client.get("/groups/{groupId}/clusters", groupId=GROUP)  # answered at once: nothing to say
    atlas.routes.clear()
    atlas.sequence("GET", CLUSTERS, [lambda request: json_response({"error": 502}, 502), lambda request: json_response({"results": []})])
    client.get("/groups/{groupId}/clusters", groupId=GROUP)  # retried again: the same kind warns once

    assert warned == ["Atlas answered 429, 503 to GET %s; succeeded after 3 attempts." % CLUSTERS]


def test_an_answer_after_retries_that_is_an_error_says_which_attempt_gave_it(atlas, api_key_client, no_sleep):
    atlas.sequence("GET", CLUSTERS, [lambda request: json_response({"error": 503}, 503), lambda request: json_response({"error": 403}, 403)])
    warned = []

    with pytest.raises(AtlasApiError) as caught:
        api_key_client(warn=warned.append).get("/groups/{groupId}/clusters", groupId=GROUP)

    assert warned == ["Atlas answered 503 to GET %s; attempt 2 answered 403." % CLUSTERS]
    assert caught.value.attempts == 2 and str(caught.value).endswith("(2 attempts)")


def test_an_exhausted_retried_status_says_how_many_attempts_were_made(atlas, api_key_client, no_sleep):
    atlas.json("GET", CLUSTERS, {"error": 503, "errorCode": "SERVICE_UNAVAILABLE", "detail": "try later"}, status=503)
    warned = []

    with pytest.raises(AtlasApiError) as caught:
        api_key_client(retries=2, warn=warned.append).get("/groups/{groupId}/clusters", groupId=GROUP)

    assert str(caught.value) == "Atlas API request GET %s failed with 503 SERVICE_UNAVAILABLE: try later (3 attempts)" % CLUSTERS
    assert warned == []  # the message says it all


def test_a_missing_project_named_in_the_body_is_named_in_the_message(atlas, api_key_client):
    users = "/api/atlas/v2/orgs/%s/users" % ORG
    wrong = "6500000000000000000000ff"
    atlas.json("POST", users, {"error": 404, "errorCode": "GROUP_NOT_FOUND", "detail": "No group.", "parameters": [wrong]}, status=404)
    body = {"username": "a@example.com", "roles": {"orgRoles": ["ORG_MEMBER"], "groupRoleAssignments": [{"groupId": GROUP}, {"groupId": wrong}]}}

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().post(api_versions.ORG_USERS, body=body, orgId=ORG)

    assert str(caught.value) == (
        "Atlas API request POST %s failed with 404 GROUP_NOT_FOUND: project %s does not exist, or these credentials cannot see it" % (users, wrong)
    )


@pytest.mark.parametrize(
    "parameters, expected",
    [
        ([], "one of the projects 6500000000000000000000b1, 6500000000000000000000ff does not exist"),
        (["something else"], "one of the projects 6500000000000000000000b1, 6500000000000000000000ff does not exist"),
    ],
)
def test_a_missing_project_atlas_does_not_name_lists_the_ones_sent(atlas, api_key_client, parameters, expected):
    users = "/api/atlas/v2/orgs/%s/users" % ORG
    atlas.json("POST", users, {"error": 404, "errorCode": "GROUP_NOT_FOUND", "parameters": parameters}, status=404)
    body = {"username": "a@example.com", "roles": {"groupRoleAssignments": [{"groupId": GROUP}, {"groupId": "6500000000000000000000ff"}]}}

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().post(api_versions.ORG_USERS, body=body, orgId=ORG)

    assert expected in str(caught.value)


# -- failures without an answer --------------------------------------------------------------------


def test_connection_refused_says_so_with_the_number_of_attempts_and_no_secret(no_sleep):
    client = AtlasClient(base_url="http://127.0.0.1:9", public_key="pub", private_key=PRIVATE_KEY, retries=2)

    with pytest.raises(AtlasApiError) as caught:
        client.get("/groups/{groupId}/clusters", groupId=GROUP)

    assert caught.value.status is None
    assert str(caught.value) == "Atlas API request GET %s failed: http://127.0.0.1:9 refused the connection (3 attempts)" % CLUSTERS
    assert PRIVATE_KEY not in str(caught.value)
    # Two retries of a connection that was never established: urllib3 retries at once, then backs off.
    assert len(no_sleep) == 1 and 1.0 <= no_sleep[0] <= 1.5


def test_a_name_that_does_not_resolve_says_so(no_sleep):
    client = AtlasClient(base_url="http://atlas.invalid", public_key="pub", private_key=PRIVATE_KEY, retries=0)

    with pytest.raises(AtlasApiError) as caught:
        client.get("/groups/{groupId}/clusters", groupId=GROUP)

    assert str(caught.value) == "Atlas API request GET %s failed: the host name of http://atlas.invalid could not be resolved (1 attempt)" % CLUSTERS


def test_requests_go_through_the_proxy_the_environment_names(atlas, monkeypatch):
    monkeypatch.setenv("http_proxy", atlas.url)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    atlas.json("GET", "http://atlas.example.invalid" + CLUSTERS, {"results": [], "totalCount": 0})
    client = AtlasClient(base_url="http://atlas.example.invalid", public_key="pub", private_key=PRIVATE_KEY, retries=0)

    assert client.get("/groups/{groupId}/clusters", groupId=GROUP) == {"results": [], "totalCount": 0}
    # The proxy got the request in absolute form: it is the one that reaches Atlas.
    assert [r["path"] for r in atlas.requests] == ["http://atlas.example.invalid" + CLUSTERS]


def test_no_proxy_sends_the_request_directly(atlas, monkeypatch, no_sleep):
    monkeypatch.setenv("http_proxy", atlas.url)
    monkeypatch.setenv("no_proxy", "atlas.invalid")
    client = AtlasClient(base_url="http://atlas.invalid", public_key="pub", private_key=PRIVATE_KEY, retries=0)

    with pytest.raises(AtlasApiError) as caught:
        client.get("/groups/{groupId}/clusters", groupId=GROUP)

    assert "the host name of http://atlas.invalid could not be resolved" in str(caught.value)
    assert atlas.requests == []


def test_a_tls_failure_says_so_and_is_not_retried(atlas, no_sleep):
    https_url = atlas.url.replace("http://", "https://")  # TLS to a plain HTTP server: the handshake fails
    client = AtlasClient(base_url=https_url, public_key="pub", private_key=PRIVATE_KEY, retries=3)

    with pytest.raises(AtlasApiError) as caught:
        client.get("/groups/{groupId}/clusters", groupId=GROUP)

    assert str(caught.value) == (
        "Atlas API request GET %s failed: the TLS connection to %s failed (certificate or handshake; see validate_certs) (1 attempt)" % (CLUSTERS, https_url)
    )
    assert no_sleep == []


def sim_service_account_client(sim, tmp_path, **settings):
    """A bearer-token client: no digest challenge, so an injected delay hits the request itself."""
    return AtlasClient(
        base_url=sim.url, client_id=sim.seed_ids.SA_CLIENT_ID, client_secret=sim.seed_ids.SA_CLIENT_SECRET, token_cache_dir=str(tmp_path), **settings
    )


def wait_for_log(sim, count, seconds=5):
    """The simulator logs a delayed request once it has answered it, after the client gave up."""
    deadline = time.monotonic() + seconds
    while len(sim.requests()) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return sim.requests()


def test_a_slow_read_says_it_timed_out_after_the_timeout_option_and_every_attempt(sim, tmp_path):
    sim.fail_next("GET", "/clusters$", None, count=5, delay=1.5)
    # retries=1: urllib3 does not sleep before a first retry, so the test need not patch time.sleep,
    # which the simulator's delay uses too.
    client = sim_service_account_client(sim, tmp_path, retries=1, timeout=1)

    with pytest.raises(AtlasApiError) as caught:
        client.get("/groups/{groupId}/clusters", groupId=GROUP)

    assert str(caught.value) == "Atlas API request GET %s failed: %s did not answer within 1 s (the timeout option) (2 attempts)" % (CLUSTERS, sim.url)
    assert [(r.method, r.path) for r in wait_for_log(sim, 3)] == [("POST", "/api/oauth/token"), ("GET", CLUSTERS), ("GET", CLUSTERS)]


def test_a_write_whose_answer_is_lost_says_the_outcome_is_unknown_and_is_sent_once(sim, tmp_path):
    grant = "/api/atlas/v2/groups/%s/clusters/analytics:grantMongoDBEmployeeAccess" % GROUP
    sim.fail_next("POST", ":grantMongoDBEmployeeAccess$", None, count=5, delay=1.5)
    client = sim_service_account_client(sim, tmp_path, retries=3, timeout=1)

    with pytest.raises(AtlasApiError) as caught:
        client.post(
            CLUSTER_GRANT_EMPLOYEE_ACCESS,
            body={"grantType": "CLUSTER_INFRASTRUCTURE", "expirationTime": "2030-01-01T00:00:00Z"},
            groupId=GROUP,
            clusterName="analytics",
        )

    assert str(caught.value) == (
        "Atlas API request POST %s failed: %s did not answer within 1 s (the timeout option) (1 attempt). "
        "The outcome is unknown: Atlas may have applied it; re-running the task is safe, it reads before it writes." % (grant, sim.url)
    )
    assert [(r.method, r.path) for r in wait_for_log(sim, 2)] == [("POST", "/api/oauth/token"), ("POST", grant)]
    # Atlas (here the simulator) did apply it.
    assert sim.cluster("analytics")["mongoDBEmployeeAccessGrant"]["grantType"] == "CLUSTER_INFRASTRUCTURE"


# -- answers that break off mid-body -----------------------------------------------------------------


def test_a_read_whose_body_breaks_off_is_retried_with_backoff(atlas, api_key_client, no_sleep):
    atlas.sequence(
        "GET",
        CLUSTERS,
        [
            lambda request: broken_body_response(request, {"results": [{"name": "Cluster0"}] * 50, "totalCount": 50}),
            lambda request: broken_body_response(request, {"results": [{"name": "Cluster0"}] * 50, "totalCount": 50}),
            lambda request: json_response({"results": [], "totalCount": 0}),
        ],
    )

    assert api_key_client(retries=3).get("/groups/{groupId}/clusters", groupId=GROUP) == {"results": [], "totalCount": 0}
    assert len(atlas.made("GET", CLUSTERS)) == 3
    # The same backoff as urllib3's own retries: none before the first retry, then 0.5 * 2 + jitter.
    assert len(no_sleep) == 1 and 1.0 <= no_sleep[0] <= 1.5


def test_a_body_that_keeps_breaking_off_uses_the_retries_budget_and_says_so(atlas, api_key_client, no_sleep):
    atlas.route("GET", CLUSTERS, lambda request: broken_body_response(request, {"results": [], "totalCount": 0, "padding": "x" * 100}))

    with pytest.raises(AtlasApiError) as caught:
        api_key_client(retries=2).get("/groups/{groupId}/clusters", groupId=GROUP)

    assert str(caught.value) == (
        "Atlas API request GET %s failed: %s closed before the answer was complete (3 attempts)" % (CLUSTERS, "the connection to " + atlas.url)
    )
    assert len(atlas.made("GET", CLUSTERS)) == 3


def test_a_budget_spent_on_5xx_leaves_no_retry_for_a_broken_body(atlas, api_key_client, no_sleep):
    atlas.sequence(
        "GET",
        CLUSTERS,
        [
            lambda request: json_response({"error": 503}, 503),
            lambda request: broken_body_response(request, {"results": [], "totalCount": 0, "padding": "x" * 100}),
            lambda request: json_response({"results": [], "totalCount": 0}),
        ],
    )

    with pytest.raises(AtlasApiError) as caught:
        api_key_client(retries=1).get("/groups/{groupId}/clusters", groupId=GROUP)

    assert str(caught.value).endswith("closed before the answer was complete (2 attempts)")
    assert len(atlas.made("GET", CLUSTERS)) == 2


def test_a_write_whose_body_breaks_off_is_not_retried_and_says_the_outcome_is_unknown(atlas, api_key_client, no_sleep):
    peers = "/api/atlas/v2/groups/%s/peers" % GROUP
    atlas.route("POST", peers, lambda request: broken_body_response(request, {"id": "p1", "padding": "x" * 100}))

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().post("/groups/{groupId}/peers", body={}, groupId=GROUP)

    assert str(caught.value) == (
        "Atlas API request POST %s failed: the connection to %s closed before the answer was complete (1 attempt). "
        "The outcome is unknown: Atlas may have applied it; re-running the task is safe, it reads before it writes." % (peers, atlas.url)
    )
    assert len(atlas.made("POST", peers)) == 1


# -- retries -------------------------------------------------------------------------------------


def test_429_retry_after_is_honoured(atlas, api_key_client, no_sleep):
    atlas.sequence(
        "GET",
        CLUSTERS,
        [
            lambda request: json_response({"error": 429, "errorCode": "RATE_LIMITED"}, 429, {"Retry-After": "7"}),
            lambda request: json_response({"results": [{"name": "Cluster0"}], "totalCount": 1}),
        ],
    )

    answer = api_key_client().get("/groups/{groupId}/clusters", groupId=GROUP)

    assert answer["results"] == [{"name": "Cluster0"}]
    assert len(atlas.requests) == 2
    assert no_sleep == [7]


def test_a_post_is_retried_after_429_because_atlas_did_not_apply_it(atlas, api_key_client, no_sleep):
    atlas.sequence(
        "POST",
        "/api/atlas/v2/groups/%s/peers" % GROUP,
        [lambda request: json_response({"error": 429}, 429, {"Retry-After": "1"}), lambda request: json_response({"id": "p1"})],
    )

    assert api_key_client().post("/groups/{groupId}/peers", body={"a": 1}, groupId=GROUP) == {"id": "p1"}
    assert [r["body"] for r in atlas.requests] == ['{"a": 1}', '{"a": 1}']


def test_a_post_is_not_retried_after_500(atlas, api_key_client, no_sleep):
    atlas.json("POST", "/api/atlas/v2/groups/%s/peers" % GROUP, {"error": 500, "errorCode": "UNEXPECTED_ERROR"}, status=500)

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().post("/groups/{groupId}/peers", body={}, groupId=GROUP)

    assert caught.value.status == 500
    assert len(atlas.requests) == 1
    assert no_sleep == []


def test_a_get_is_retried_after_5xx_with_growing_backoff(atlas, api_key_client, no_sleep):
    atlas.sequence(
        "GET",
        CLUSTERS,
        [
            lambda request: json_response({"error": 500}, 500),
            lambda request: json_response({"error": 502}, 502),
            lambda request: json_response({"error": 504}, 504),
            lambda request: json_response({"results": [], "totalCount": 0}),
        ],
    )

    assert api_key_client(retries=3).get("/groups/{groupId}/clusters", groupId=GROUP) == {"results": [], "totalCount": 0}
    assert len(atlas.requests) == 4
    # urllib3 does not sleep before the first retry; then 0.5 * 2**n plus up to 0.5 s of jitter.
    assert len(no_sleep) == 2 and 1.0 <= no_sleep[0] <= 1.5 and 2.0 <= no_sleep[1] <= 2.5


def test_retries_are_bounded_and_the_last_answer_is_reported(atlas, api_key_client, no_sleep):
    atlas.json("GET", CLUSTERS, {"error": 503, "errorCode": "SERVICE_UNAVAILABLE", "detail": "try later"}, status=503)

    with pytest.raises(AtlasApiError) as caught:
        api_key_client(retries=2).get("/groups/{groupId}/clusters", groupId=GROUP)

    assert caught.value.status == 503 and caught.value.error_code == "SERVICE_UNAVAILABLE"
    assert len(atlas.requests) == 3


def test_retries_zero_sends_one_request(atlas, api_key_client, no_sleep):
    atlas.json("GET", CLUSTERS, {"error": 429}, status=429, headers={"Retry-After": "1"})

    with pytest.raises(AtlasApiError):
        api_key_client(retries=0).get("/groups/{groupId}/clusters", groupId=GROUP)
    assert len(atlas.requests) == 1


# -- pagination ------------------------------------------------------------------------------------


def paged(total):
    items = [{"name": "c%04d" % i} for i in range(total)]

    def handler(request):
        size = int(request.args["itemsPerPage"])
        page = int(request.args["pageNum"])
        return json_response({"results": items[(page - 1) * size : page * size], "totalCount": total, "links": []})

    return handler


@pytest.mark.parametrize("total, pages", [(0, 1), (499, 1), (500, 1), (501, 2), (1200, 3)])
def test_get_all_reads_every_page_in_the_fewest_requests(atlas, api_key_client, total, pages):
    atlas.route("GET", CLUSTERS, paged(total))

    results = api_key_client().get_all("/groups/{groupId}/clusters", query={"includeDeletedWithRetainedBackups": "false"}, groupId=GROUP)

    assert [item["name"] for item in results] == ["c%04d" % i for i in range(total)]
    assert [r["query"] for r in atlas.requests] == [
        {"includeDeletedWithRetainedBackups": "false", "itemsPerPage": "500", "pageNum": str(page), "includeCount": "true"} for page in range(1, pages + 1)
    ]


# -- service account tokens ------------------------------------------------------------------------


def token_endpoint(atlas, tokens, expires_in=3600):
    """Answer successive token requests with the given tokens (the last one repeats)."""
    atlas.sequence(
        "POST",
        "/api/oauth/token",
        [lambda request, token=token: json_response({"access_token": token, "expires_in": expires_in, "token_type": "Bearer"}) for token in tokens],
    )


def bearer_protected(valid_tokens):
    def handler(request):
        if request.headers.get("Authorization") in ["Bearer " + token for token in valid_tokens]:
            return json_response({"results": [], "totalCount": 0})
        return json_response({"error": 401, "errorCode": "NOT_AUTHORIZED", "reason": "Unauthorized"}, 401)

    return handler


def test_service_account_token_request_and_bearer_use(atlas, sa_client):
    token_endpoint(atlas, ["token-1"])
    atlas.route("GET", CLUSTERS, bearer_protected(["token-1"]))

    sa_client().get("/groups/{groupId}/clusters", groupId=GROUP)

    token_request, api_request = atlas.requests
    assert token_request["path"] == "/api/oauth/token"
    assert token_request["body"] == "grant_type=client_credentials"
    assert token_request["headers"]["Authorization"].startswith("Basic ")
    assert token_request["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert api_request["headers"]["Authorization"] == "Bearer token-1"


def test_a_refused_token_is_fetched_again_once(atlas, sa_client):
    token_endpoint(atlas, ["revoked", "fresh"])
    atlas.route("GET", CLUSTERS, bearer_protected(["fresh"]))
    client = sa_client()

    client.get("/groups/{groupId}/clusters", groupId=GROUP)

    assert [(r["method"], r["path"], r["headers"].get("Authorization", "")[:13]) for r in atlas.requests] == [
        ("POST", "/api/oauth/token", "Basic bWRiX3N"),
        ("GET", CLUSTERS, "Bearer revoke"),
        ("POST", "/api/oauth/token", "Basic bWRiX3N"),
        ("GET", CLUSTERS, "Bearer fresh"),
    ]


def test_a_second_401_is_reported_after_one_refetch(atlas, sa_client):
    token_endpoint(atlas, ["a", "b", "c"])
    atlas.route("GET", CLUSTERS, bearer_protected([]))

    with pytest.raises(AtlasApiError) as caught:
        sa_client().get("/groups/{groupId}/clusters", groupId=GROUP)

    assert caught.value.status == 401
    assert [r["method"] for r in atlas.requests] == ["POST", "GET", "POST", "GET"]


@pytest.mark.parametrize(
    "failure",
    [
        lambda request: json_response({"error": 503}, 503, {"Retry-After": "2"}),
        lambda request: json_response({"error": 500}, 500),
        lambda request: broken_body_response(request, {"access_token": "partial", "expires_in": 3600, "token_type": "Bearer"}),
    ],
    ids=["503-retry-after", "500", "body-breaks-off"],
)
def test_the_token_request_is_retried_like_a_read(atlas, sa_client, no_sleep, failure):
    atlas.sequence(
        "POST",
        "/api/oauth/token",
        [failure, lambda request: json_response({"access_token": "token-1", "expires_in": 3600, "token_type": "Bearer"})],
    )
    atlas.route("GET", CLUSTERS, bearer_protected(["token-1"]))

    assert sa_client().get("/groups/{groupId}/clusters", groupId=GROUP) == {"results": [], "totalCount": 0}
    assert [r["method"] for r in atlas.requests] == ["POST", "POST", "GET"]


def test_the_token_request_is_retried_after_a_dropped_connection(sim, tmp_path, no_sleep):
    sim.fail_next("POST", "^/api/oauth/token$", None, drop=True)
    client = sim_service_account_client(sim, tmp_path, retries=2)

    client.get("/groups/{groupId}/clusters", groupId=GROUP)

    assert [(r.method, r.path) for r in sim.requests()] == [("POST", "/api/oauth/token"), ("POST", "/api/oauth/token"), ("GET", CLUSTERS)]


def test_the_token_request_gives_up_after_the_retries_budget(atlas, sa_client, no_sleep):
    atlas.json("POST", "/api/oauth/token", {"error": 503}, status=503)

    with pytest.raises(AtlasApiError) as caught:
        sa_client(retries=2).get("/groups/{groupId}/clusters", groupId=GROUP)

    assert caught.value.status == 503
    assert [r["method"] for r in atlas.requests] == ["POST", "POST", "POST"]


def test_a_token_endpoint_refusal_never_shows_the_secret(atlas, sa_client):
    atlas.json("POST", "/api/oauth/token", {"error": "invalid_client", "error_description": "bad client credentials"}, status=401)

    with pytest.raises(AtlasApiError) as caught:
        sa_client().get("/groups/{groupId}/clusters", groupId=GROUP)

    assert str(caught.value) == "Atlas API request POST /api/oauth/token failed with 401 UNAUTHORIZED: " + UNAUTHORIZED_GUIDANCE
    assert SA_SECRET not in str(caught.value) and SA_SECRET not in repr(vars(caught.value))
    assert len(atlas.made("GET")) == 0


def test_without_cache_every_client_fetches_its_own_token(atlas, sa_client, tmp_path):
    token_endpoint(atlas, ["t1", "t2"])
    atlas.route("GET", CLUSTERS, bearer_protected(["t1", "t2"]))

    sa_client(token_cache_dir=None).get("/groups/{groupId}/clusters", groupId=GROUP)
    sa_client(token_cache_dir=None).get("/groups/{groupId}/clusters", groupId=GROUP)

    assert len(atlas.made("POST", "/api/oauth/token")) == 2
    assert not (tmp_path / "tokens").exists()


def test_the_cache_reuses_a_token_across_clients(atlas, sa_client):
    token_endpoint(atlas, ["t1", "t2"])
    atlas.route("GET", CLUSTERS, bearer_protected(["t1"]))

    sa_client().get("/groups/{groupId}/clusters", groupId=GROUP)
    sa_client().get("/groups/{groupId}/clusters", groupId=GROUP)

    assert len(atlas.made("POST", "/api/oauth/token")) == 1
    assert [r["headers"]["Authorization"] for r in atlas.made("GET")] == ["Bearer t1", "Bearer t1"]


def test_an_unusable_cache_directory_falls_back_to_memory_with_a_warning(atlas, sa_client, tmp_path):
    token_endpoint(atlas, ["t1"])
    atlas.route("GET", CLUSTERS, bearer_protected(["t1"]))
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    warnings = []

    sa_client(token_cache_dir=str(blocker / "tokens"), warn=warnings.append).get("/groups/{groupId}/clusters", groupId=GROUP)

    assert len(warnings) == 1 and warnings[0].startswith("Service account token cache disabled for this task: cannot create the token cache directory")
    assert len(atlas.made("GET")) == 1


# -- Atlas' generic 404 code means absent only within a scope that exists ---------------------------
ARCHIVES = "/api/atlas/v2/groups/%s/clusters/Cluster0/onlineArchives" % GROUP
ARCHIVE_GONE = {"error": 404, "errorCode": "RESOURCE_NOT_FOUND", "detail": "Cannot find resource.", "reason": "Not Found"}
ARCHIVE_TARGET = dict(groupId=GROUP, clusterName="Cluster0", archiveId="6500000000000000000000a9")


def test_a_generic_404_is_absent_once_the_scope_was_read_in_the_task(atlas, api_key_client):
    atlas.json("GET", ARCHIVES + "$", {"results": [], "totalCount": 0})
    atlas.json("GET", ARCHIVES + "/6500000000000000000000a9", ARCHIVE_GONE, status=404)
    client = api_key_client()

    client.get_all(api_versions.ONLINE_ARCHIVES, groupId=GROUP, clusterName="Cluster0")
    assert client.get_if_exists(api_versions.ONLINE_ARCHIVE, **ARCHIVE_TARGET) is None
    assert [r["path"] for r in atlas.requests] == [ARCHIVES, ARCHIVES + "/6500000000000000000000a9"]  # no second read of the scope


def test_a_generic_404_reads_the_scope_first_when_the_task_has_not(atlas, api_key_client):
    atlas.json("GET", ARCHIVES + "$", {"results": [], "totalCount": 0})
    atlas.json("GET", ARCHIVES + "/6500000000000000000000a9", ARCHIVE_GONE, status=404)

    assert api_key_client().get_if_exists(api_versions.ONLINE_ARCHIVE, **ARCHIVE_TARGET) is None
    assert [r["path"] for r in atlas.requests] == [ARCHIVES + "/6500000000000000000000a9", ARCHIVES]


@pytest.mark.parametrize(
    "scope_answer, error_code",
    [
        ({"error": 404, "errorCode": "CLUSTER_NOT_FOUND", "detail": "No cluster named Cluster0 exists."}, "CLUSTER_NOT_FOUND"),
        ({"error": 404, "errorCode": "GROUP_NOT_FOUND", "detail": "No group."}, "GROUP_NOT_FOUND"),
        ({"error": 404, "errorCode": "RESOURCE_NOT_FOUND", "detail": "Cannot find resource."}, "RESOURCE_NOT_FOUND"),
    ],
)
def test_a_generic_404_under_a_wrong_cluster_or_project_fails_with_the_scopes_error(atlas, api_key_client, scope_answer, error_code):
    atlas.json("GET", ARCHIVES + "$", scope_answer, status=404)
    atlas.json("GET", ARCHIVES + "/6500000000000000000000a9", ARCHIVE_GONE, status=404)

    with pytest.raises(AtlasApiError) as caught:
        api_key_client().get_if_exists(api_versions.ONLINE_ARCHIVE, **ARCHIVE_TARGET)
    assert (caught.value.status, caught.value.error_code, caught.value.absent, caught.value.path) == (404, error_code, False, ARCHIVES)


def test_a_scope_read_for_other_ids_proves_nothing(atlas, api_key_client):
    other = "/api/atlas/v2/groups/%s/clusters/Other/onlineArchives" % GROUP
    atlas.json("GET", other + "$", {"results": [], "totalCount": 0})
    atlas.json("GET", ARCHIVES + "$", {"error": 404, "errorCode": "CLUSTER_NOT_FOUND"}, status=404)
    atlas.json("GET", ARCHIVES + "/6500000000000000000000a9", ARCHIVE_GONE, status=404)
    client = api_key_client()

    client.get_all(api_versions.ONLINE_ARCHIVES, groupId=GROUP, clusterName="Other")
    with pytest.raises(AtlasApiError) as caught:
        client.get_if_exists(api_versions.ONLINE_ARCHIVE, **ARCHIVE_TARGET)
    assert caught.value.error_code == "CLUSTER_NOT_FOUND" and not caught.value.absent


def test_every_absent_code_names_its_evidence_and_a_real_scope():
    for template, entries in api_versions.ABSENT_ERROR_CODES.items():
        for entry in entries:
            assert entry.evidence.startswith(("recorded: ", "documented: ", "unproven", "reported by")), (template, entry)
            if entry.code == api_versions.GENERIC_NOT_FOUND:
                # The generic code always needs a scope, read with GET, whose ids are the resource's.
                assert entry.scope is not None and ("GET", entry.scope) in api_versions.API_VERSIONS, template
                assert set(re.findall(r"\{(\w+)\}", entry.scope)) < set(re.findall(r"\{(\w+)\}", template))
