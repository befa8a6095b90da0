# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""atlas_cluster_info on the answers real Atlas gave (recordings found by tests/unit/recordings.py), served verbatim.

The simulator is checked against the same recordings (simulator/tests/test_real_atlas_fidelity.py);
here the module itself reads every recorded list, get and 404 body, so that its filters and its
"absent" rule are known to hold on what Atlas really sends, not only on what the simulator sends.
"""

from __future__ import annotations

import glob
import json
import os

import pytest

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cluster_info
from ansible_collections.atlas_ops.admin.tests.unit.fake_atlas import FakeAtlas, json_response
from ansible_collections.atlas_ops.admin.tests.unit.recordings import REAL_ATLAS_RESPONSES, needs_recordings

RECORDINGS = str(REAL_ATLAS_RESPONSES)
PROJECT_ID = "6500000000000000000000b1"
CLUSTERS_PATH = "/api/atlas/v2/groups/%s/clusters" % PROJECT_ID


def recorded(pattern):
    """Every recorded body of one operation and status: the headline file and its variants."""
    files = sorted(glob.glob(os.path.join(RECORDINGS, pattern + ".json")) + glob.glob(os.path.join(RECORDINGS, "variants", pattern, "*.json")))
    return [pytest.param(json.load(open(path)), id=os.path.relpath(path, RECORDINGS)) for path in files]


LISTS = recorded("GET_groups_{groupId}_clusters_2024-08-05_200")
CLUSTERS = recorded("GET_groups_{groupId}_clusters_{clusterName}_2024-08-05_200")
NOT_FOUND = recorded("GET_groups_{groupId}_clusters_{clusterName}_2024-08-05_404")

pytestmark = needs_recordings


def test_every_recording_is_read():
    # 13 list bodies, 37 cluster bodies, 7 404 bodies: a lost folder must not pass silently.
    assert (len(LISTS), len(CLUSTERS), len(NOT_FOUND)) == (13, 37, 7)


@pytest.fixture
def atlas(httpserver):
    return FakeAtlas(httpserver)


def run(atlas, run_module, **args):
    connection = dict(api_base_url=atlas.url, public_key="pub", private_key="priv", retries=0, timeout=10, project_id=PROJECT_ID)
    return run_module(atlas_cluster_info.main, dict(connection, **args))


def versioned(body, status=200):
    return json_response(body, status, content_type="application/vnd.atlas.2024-08-05+json")


@pytest.mark.parametrize("body", LISTS)
def test_a_real_cluster_list_is_returned_whole_and_filtered(atlas, run_module, body):
    atlas.route("GET", CLUSTERS_PATH, lambda request: versioned(body))
    clusters = body["results"]

    assert run(atlas, run_module)["clusters"] == clusters

    state = clusters[0]["stateName"]
    assert run(atlas, run_module, state_name=state)["clusters"] == [c for c in clusters if c["stateName"] == state]
    assert run(atlas, run_module, paused=False)["clusters"] == [c for c in clusters if not c.get("paused", False)]
    assert run(atlas, run_module, paused=True)["clusters"] == [c for c in clusters if c.get("paused", False)]
    tagged = [c for c in clusters if c.get("tags")]
    if tagged:
        tag = tagged[0]["tags"][0]
        expected = [c for c in clusters if {"key": tag["key"], "value": tag["value"]} in c.get("tags", [])]
        assert run(atlas, run_module, tags={tag["key"]: tag["value"]})["clusters"] == expected
    # One read of the list each time: no page is missed or read twice.
    assert all(request["query"]["pageNum"] == "1" for request in atlas.made("GET", CLUSTERS_PATH))


@pytest.mark.parametrize("body", CLUSTERS)
def test_a_real_cluster_is_found_by_name_and_filtered_by_its_state(atlas, run_module, body):
    atlas.route("GET", CLUSTERS_PATH + "/" + body["name"], lambda request: versioned(body))
    other_state = "IDLE" if body["stateName"] != "IDLE" else "UPDATING"

    assert run(atlas, run_module, cluster_name=body["name"])["clusters"] == [body]
    assert run(atlas, run_module, cluster_name=body["name"], state_name=body["stateName"])["clusters"] == [body]
    assert run(atlas, run_module, cluster_name=body["name"], state_name=other_state)["clusters"] == []
    assert run(atlas, run_module, cluster_name=body["name"], cluster_type=body["clusterType"])["clusters"] == [body]


@pytest.mark.parametrize("body", NOT_FOUND)
def test_a_real_cluster_not_found_answer_means_no_cluster(atlas, run_module, body):
    name = body["parameters"][0]
    atlas.route("GET", CLUSTERS_PATH + "/" + name, lambda request: json_response(body, 404))

    result = run(atlas, run_module, cluster_name=name)

    assert result["clusters"] == []
    assert "failed" not in result
