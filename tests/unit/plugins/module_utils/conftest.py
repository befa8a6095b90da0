# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the module_utils tests: a fake Atlas and clients pointed at it."""

from __future__ import annotations

import pytest

from ansible_collections.atlas_ops.admin.plugins.module_utils.client import AtlasClient
from ansible_collections.atlas_ops.admin.tests.unit.fake_atlas import FakeAtlas

SA_CLIENT_ID = "mdb_sa_id_6500000000000000000000c1"
SA_SECRET = "mdb_sa_sk_the-secret-value"
PRIVATE_KEY = "private-key-secret-value"


@pytest.fixture
def atlas(httpserver):
    return FakeAtlas(httpserver)


@pytest.fixture
def no_sleep(monkeypatch):
    """Replace the backoff sleep of urllib3's Retry; records the requested durations."""
    slept = []
    monkeypatch.setattr("urllib3.util.retry.time.sleep", slept.append)
    return slept


@pytest.fixture
def api_key_client(atlas):
    def make(**kwargs):
        settings = dict(base_url=atlas.url, public_key="sim-public-key", private_key=PRIVATE_KEY, retries=3)
        settings.update(kwargs)
        return AtlasClient(**settings)

    return make


@pytest.fixture
def sa_client(atlas, tmp_path):
    def make(**kwargs):
        settings = dict(base_url=atlas.url, client_id=SA_CLIENT_ID, client_secret=SA_SECRET, retries=3, token_cache_dir=str(tmp_path / "tokens"))
        settings.update(kwargs)
        return AtlasClient(**settings)

    return make
