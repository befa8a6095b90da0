"""Helpers for the simulator's contract tests: Atlas and control API clients, seed ids, assertions."""

import os
import sys
from pathlib import Path

import requests
from requests.auth import HTTPDigestAuth

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from atlas_simulator import SimulatorServer  # noqa: E402
from atlas_simulator import default_seed as seed_ids  # noqa: E402

API = "/api/atlas/v2"
DIGEST = HTTPDigestAuth(seed_ids.PUBLIC_KEY, seed_ids.PRIVATE_KEY)
PROJECT = f"{API}/groups/{seed_ids.PROJECT_ID}"
EMPTY_PROJECT = f"{API}/groups/{seed_ids.EMPTY_PROJECT_ID}"
ORG = f"{API}/orgs/{seed_ids.ORG_ID}"
SA = seed_ids.SA_CLIENT_ID


def media_type(version):
    return f"application/vnd.atlas.{version}+json"


class AtlasClient:
    """requests against the simulator, with Atlas' versioned media types and digest auth by default."""

    def __init__(self, base_url, auth=DIGEST):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.auth = auth

    def request(self, method, path, version, json=None, **kwargs):
        headers = {"Accept": media_type(version), **kwargs.pop("headers", {})}
        if json is not None:
            headers.setdefault("Content-Type", media_type(version))
        return self.session.request(method, self.base_url + path, json=json, headers=headers, timeout=10, **kwargs)

    def get(self, path, version, **kwargs):
        return self.request("GET", path, version, **kwargs)

    def post(self, path, version, json=None, **kwargs):
        return self.request("POST", path, version, json=json, **kwargs)

    def patch(self, path, version, json=None, **kwargs):
        return self.request("PATCH", path, version, json=json, **kwargs)

    def delete(self, path, version, **kwargs):
        return self.request("DELETE", path, version, **kwargs)


class Control:
    """The /__sim__/ control API."""

    def __init__(self, base_url):
        self.base_url = base_url

    def get(self, name):
        response = requests.get(f"{self.base_url}/__sim__/{name}", timeout=10)
        response.raise_for_status()
        return response.json()

    def post(self, name, body=None):
        return requests.post(f"{self.base_url}/__sim__/{name}", json=body, timeout=10)

    def delete(self, name):
        return requests.delete(f"{self.base_url}/__sim__/{name}", timeout=10)

    def advance(self, seconds):
        self.post("clock", {"advance_seconds": seconds}).raise_for_status()

    def state(self):
        return self.get("state")

    def set_state(self, state):
        response = self.post("state", state)
        assert response.status_code == 204, response.text
        return response


def start_simulator(**options):
    return SimulatorServer(validate_responses=True, **options).start()


def assert_atlas_error(response, status, error_code):
    """An Atlas error answer: the status, plain application/json (quirk 7) and the five fields (a 401
    has no ``parameters``, as Atlas' own)."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    fields = {"detail", "error", "errorCode", "reason"} | ({"parameters"} if status != 401 else set())
    assert set(body) >= fields and (status != 401 or "parameters" not in body), body
    assert body["error"] == status
    assert body["errorCode"] == error_code, body
    return body


def recordings_root():
    """Where the recorded real Atlas answers lie: beside the repository (``<repo>/../shared``; the
    repository is found through ATLAS_REPO_ROOT, set by scripts/in-collection-tree), or where
    ATLAS_RECORDINGS_ROOT says."""
    if os.environ.get("ATLAS_RECORDINGS_ROOT"):
        return Path(os.environ["ATLAS_RECORDINGS_ROOT"])
    repo_root = Path(os.environ.get("ATLAS_REPO_ROOT") or Path(__file__).resolve().parents[2])
    return repo_root.parent / "shared"
