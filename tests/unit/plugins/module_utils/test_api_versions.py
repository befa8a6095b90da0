# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The media type table against MongoDB's published OpenAPI spec."""

from __future__ import annotations

import os
import sys

import pytest

from ansible_collections.atlas_ops.admin.plugins.module_utils import api_versions
from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import ABSENT_ERROR_CODES, API_VERSIONS, UnknownOperation, media_type, version_for

# The spec comes through the simulator's spec step (pinned, verified, parsed once into a cache):
# <repo>/simulator holds the atlas_simulator package.
REPO_ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO_ROOT, "simulator"))

from atlas_simulator.spec import API_PREFIX, load_spec  # noqa: E402  pylint: disable=wrong-import-position

# Entries that deliberately do not use the newest version (none so far): {(method, template): why}.
OLDER_ON_PURPOSE = {}


@pytest.fixture(scope="module")
def spec_versions():
    """{(METHOD, template): set of version dates the operation answers with}."""
    spec = load_spec().document
    versions = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "patch", "put", "delete"):
                continue
            dates = set()
            for response in operation["responses"].values():
                for content_type in response.get("content", {}):
                    if content_type.startswith("application/vnd.atlas."):
                        dates.add(content_type[len("application/vnd.atlas."):-len("+json")])
            versions[(method.upper(), path[len(API_PREFIX):])] = dates
    return versions


@pytest.mark.parametrize("operation", sorted(API_VERSIONS), ids=lambda op: "%s %s" % op)
def test_each_entry_is_an_operation_of_the_spec_at_its_newest_version(spec_versions, operation):
    assert operation in spec_versions, "not an operation of the spec"
    offered = spec_versions[operation]
    assert API_VERSIONS[operation] in offered
    if operation not in OLDER_ON_PURPOSE:
        assert API_VERSIONS[operation] == max(offered)


def test_lookup_and_media_type():
    assert version_for("get", "/groups/{groupId}/users") == "2025-02-19"
    assert media_type("2023-01-01") == "application/vnd.atlas.2023-01-01+json"
    with pytest.raises(UnknownOperation, match=r"no API version for PUT /groups/\{groupId\}/clusters: this is a bug"):
        version_for("PUT", "/groups/{groupId}/clusters")


def test_every_endpoint_name_is_used_by_an_operation():
    names = dict((name, value) for name, value in vars(api_versions).items() if name.isupper() and isinstance(value, str) and value.startswith("/"))
    names.pop("API_PREFIX")
    used = set(template for dummy, template in API_VERSIONS)
    assert sorted(set(names.values()) - used) == []
    assert set(ABSENT_ERROR_CODES) <= used
