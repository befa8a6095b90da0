# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The service account token cache: file modes, freshness, and sharing between processes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from ansible_collections.atlas_ops.admin.plugins.module_utils.token_cache import TokenCache, TokenCacheError, cache_key, make_entry, token_is_fresh
from ansible_collections.atlas_ops.admin.tests.unit.fake_atlas import json_response

SA_CLIENT_ID = "mdb_sa_id_6500000000000000000000c1"
SA_SECRET = "mdb_sa_sk_the-secret-value"
CLUSTERS = "/api/atlas/v2/groups/6500000000000000000000b1/clusters"

# A separate process (as each Ansible task is) that reads the clusters with the service account.
TASK_SCRIPT = textwrap.dedent(
    """
    import sys
    from ansible_collections.atlas_ops.admin.plugins.module_utils.client import AtlasClient
    client = AtlasClient(base_url=sys.argv[1], client_id=%r, client_secret=%r, token_cache_dir=sys.argv[2], retries=0)
    client.get("/groups/{groupId}/clusters", groupId="6500000000000000000000b1")
    """
    % (SA_CLIENT_ID, SA_SECRET)
)


def start_task(url, cache_dir):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    return subprocess.Popen([sys.executable, "-c", TASK_SCRIPT, url, cache_dir], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process):
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode()
    return out.decode() + err.decode()


@pytest.fixture
def counting_atlas(atlas):
    """Token endpoint that is slow (so concurrent tasks overlap) and numbers its tokens."""
    issued = []

    def token(request):
        time.sleep(0.3)
        issued.append("token-%d" % (len(issued) + 1))
        return json_response({"access_token": issued[-1], "expires_in": 3600, "token_type": "Bearer"})

    atlas.route("POST", "/api/oauth/token", token)
    atlas.route("GET", CLUSTERS, lambda request: json_response({"results": [], "totalCount": 0}))
    return atlas


def test_a_second_task_reuses_the_token_of_the_first(counting_atlas, tmp_path):
    cache_dir = str(tmp_path / "tokens")

    finish(start_task(counting_atlas.url, cache_dir))
    finish(start_task(counting_atlas.url, cache_dir))

    assert len(counting_atlas.made("POST", "/api/oauth/token")) == 1
    assert [r["headers"]["Authorization"] for r in counting_atlas.made("GET")] == ["Bearer token-1", "Bearer token-1"]


def test_parallel_tasks_fetch_one_token(counting_atlas, tmp_path):
    cache_dir = str(tmp_path / "tokens")

    outputs = [finish(process) for process in [start_task(counting_atlas.url, cache_dir) for dummy in range(5)]]

    assert len(counting_atlas.made("POST", "/api/oauth/token")) == 1
    assert len(counting_atlas.made("GET")) == 5
    assert not any(SA_SECRET in output for output in outputs)


def test_cache_file_and_directory_are_private(counting_atlas, tmp_path):
    cache_dir = tmp_path / "tokens"

    finish(start_task(counting_atlas.url, str(cache_dir)))

    key = cache_key(counting_atlas.url, SA_CLIENT_ID, SA_SECRET)
    token_file = cache_dir / (key + ".json")
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    content = token_file.read_text()
    assert json.loads(content)["access_token"] == "token-1"
    # The file is named by a hash and holds the token only, never the client secret.
    assert SA_SECRET not in content and SA_CLIENT_ID not in content and SA_CLIENT_ID not in token_file.name


def test_a_too_open_cache_directory_is_made_private(tmp_path):
    directory = tmp_path / "tokens"
    directory.mkdir(mode=0o755)
    os.chmod(str(directory), 0o755)

    TokenCache(str(directory), "k").get_or_fetch(lambda: make_entry("t", 3600))

    assert stat.S_IMODE(directory.stat().st_mode) == 0o700


def test_a_cache_directory_of_another_user_is_refused(tmp_path, monkeypatch):
    directory = tmp_path / "tokens"
    directory.mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(str(directory)).st_uid + 1)

    with pytest.raises(TokenCacheError, match="belongs to another user"):
        TokenCache(str(directory), "k").get_or_fetch(lambda: make_entry("t", 3600))


def test_tokens_are_refreshed_well_before_they_expire():
    fetched = 1000.0
    hour = make_entry("t", 3600, now=fetched)
    assert token_is_fresh(hour, now=fetched + 3600 - 301)
    assert not token_is_fresh(hour, now=fetched + 3600 - 299)
    # A short-lived token keeps a quarter of its life as margin.
    short = make_entry("t", 60, now=fetched)
    assert token_is_fresh(short, now=fetched + 44) and not token_is_fresh(short, now=fetched + 46)
    assert not token_is_fresh(None)


def test_an_expiring_cached_token_is_replaced(tmp_path):
    cache = TokenCache(str(tmp_path), "k")
    cache.get_or_fetch(lambda: make_entry("old", 3600, now=time.time() - 3500))

    assert cache.get_or_fetch(lambda: make_entry("new", 3600)) == "new"
    assert cache.read()["access_token"] == "new"


def test_a_rejected_token_is_not_reused_from_the_cache(tmp_path):
    cache = TokenCache(str(tmp_path), "k")
    cache.get_or_fetch(lambda: make_entry("refused", 3600))

    assert cache.get_or_fetch(lambda: make_entry("replacement", 3600), reject="refused") == "replacement"
    # Another task that already holds a newer token than the refused one keeps it.
    assert cache.get_or_fetch(lambda: make_entry("unwanted", 3600), reject="refused") == "replacement"


@pytest.mark.parametrize("content", ["", "not json", "[]", '{"access_token": 5, "fetched_at": 1, "expires_at": 2}', '{"access_token": "t"}'])
def test_a_damaged_cache_file_is_ignored(tmp_path, content):
    cache = TokenCache(str(tmp_path), "k")
    (tmp_path / "k.json").write_text(content)

    assert cache.read() is None
    assert cache.get_or_fetch(lambda: make_entry("new", 3600)) == "new"


def test_the_key_depends_on_url_client_and_secret():
    base = cache_key("https://cloud.mongodb.com", SA_CLIENT_ID, "s1")
    assert base != cache_key("https://cloud.mongodb.com", SA_CLIENT_ID, "s2")
    assert base != cache_key("http://127.0.0.1:8080", SA_CLIENT_ID, "s1")
    assert len(base) == 64 and "s1" not in base
