# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The shared FakeAtlas (tests/unit/fake_atlas.py) with state behind the cluster endpoints.

It keeps clusters per project, applies grants and revokes, paginates, and answers as Atlas does
(versioned media type; error bodies as plain application/json, spec quirk 7), so that a module run
twice sees the effect of its first run.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import json
import re

from ansible_collections.atlas_ops.admin.tests.unit.fake_atlas import FakeAtlas, json_response

PROJECT_ID = "6500000000000000000000b1"
VERSION_2024_08_05 = "application/vnd.atlas.2024-08-05+json"
PUBLIC_KEY = "unit-test-public-key"
PRIVATE_KEY = "unit-test-private-key-7d41c"

CLUSTERS_RE = r"/api/atlas/v2/groups/(?P<group>[^/]+)/clusters"
CLUSTER_RE = CLUSTERS_RE + r"/(?P<name>[^/:]+)"

# One request as the tests look at it: body is the decoded JSON body or None.
Call = collections.namedtuple("Call", ["method", "path", "query", "accept", "content_type", "body"])

REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 406: "Not Acceptable", 409: "Conflict", 500: "Internal Server Error"}


def atlas_error(status, error_code, detail):
    body = {"detail": detail, "error": status, "errorCode": error_code, "parameters": [], "reason": REASONS.get(status, "Error")}
    return json_response(body, status)


def versioned(body):
    return json_response(body, content_type=VERSION_2024_08_05)


class FakeClusterAtlas(FakeAtlas):
    def __init__(self, httpserver):
        super(FakeClusterAtlas, self).__init__(httpserver)
        self.projects = {PROJECT_ID: collections.OrderedDict()}
        self.deleted_with_retained_backups = {PROJECT_ID: []}
        self.state_sequences = {}
        self.failures = {}
        self.route("GET", CLUSTERS_RE, self._unless_failing(self._list))
        self.route("GET", CLUSTER_RE, self._unless_failing(self._get))
        self.route("POST", CLUSTER_RE + ":grantMongoDBEmployeeAccess", self._unless_failing(self._grant))
        self.route("POST", CLUSTER_RE + ":revokeMongoDBEmployeeAccess", self._unless_failing(self._revoke))

    def module_args(self, **args):
        """Connection options for a module run against this fake, plus the module's own args."""
        connection = dict(api_base_url=self.url, public_key=PUBLIC_KEY, private_key=PRIVATE_KEY, retries=0, timeout=5)
        connection.update(args)
        return connection

    # -- state ------------------------------------------------------------------------------

    def add_cluster(self, name, project_id=PROJECT_ID, **fields):
        clusters = self.projects.setdefault(project_id, collections.OrderedDict())
        cluster = {
            "name": name,
            "groupId": project_id,
            "id": "%024x" % (len(clusters) + 1),
            "clusterType": "REPLICASET",
            "stateName": "IDLE",
            "paused": False,
            "mongoDBVersion": "8.0.4",
        }
        cluster.update(fields)
        clusters[name] = cluster
        return cluster

    def add_deleted_cluster(self, name, project_id=PROJECT_ID):
        """A deleted cluster whose backups are kept: listed only with includeDeletedWithRetainedBackups."""
        cluster = {"name": name, "groupId": project_id, "clusterType": "REPLICASET", "stateName": "DELETING", "retainBackups": True}
        self.deleted_with_retained_backups.setdefault(project_id, []).append(cluster)
        return cluster

    def cluster(self, name, project_id=PROJECT_ID):
        return self.projects[project_id][name]

    def next_states(self, name, states):
        """Each following GET of the cluster first moves it to the next of these states."""
        self.state_sequences[name] = list(states)

    def fail_next(self, method, path, status, error_code, detail="Injected failure."):
        """The next METHOD request to exactly PATH gets this Atlas error instead of the fake's answer."""
        self.failures.setdefault((method, path), []).append(atlas_error(status, error_code, detail))

    # -- what reached the fake --------------------------------------------------------------

    @property
    def calls(self):
        return [
            Call(
                method=request["method"],
                path=request["path"],
                query=request["query"],
                accept=request["headers"].get("Accept"),
                content_type=request["headers"].get("Content-Type"),
                body=json.loads(request["body"]) if request["body"] else None,
            )
            for request in self.requests
        ]

    @property
    def writes(self):
        return [call for call in self.calls if call.method != "GET"]

    def forget_calls(self):
        del self.requests[:]

    # -- answers ----------------------------------------------------------------------------

    def _unless_failing(self, handler):
        """The handler, preceded by the failures fail_next queued for the request's method and path."""

        def answer(request):
            queued = self.failures.get((request.method, request.path))
            if queued:
                return queued.pop(0)
            return handler(request)

        return answer

    def _cluster_or_error(self, request):
        """(cluster, None) for the cluster the path names, or (None, the Atlas error to answer)."""
        if request.headers.get("Accept") != VERSION_2024_08_05:
            return None, atlas_error(406, "INVALID_VERSION_DATE", "The fake only answers version 2024-08-05.")
        match = re.match(CLUSTER_RE, request.path)
        project_id, name = match.group("group"), match.group("name")
        if project_id not in self.projects:
            return None, atlas_error(404, "GROUP_NOT_FOUND", "No group with ID %s exists." % project_id)
        if name not in self.projects[project_id]:
            return None, atlas_error(404, "CLUSTER_NOT_FOUND", "No cluster named %s exists in group %s." % (name, project_id))
        return self.projects[project_id][name], None

    def _list(self, request):
        if request.headers.get("Accept") != VERSION_2024_08_05:
            return atlas_error(406, "INVALID_VERSION_DATE", "The fake only answers version 2024-08-05.")
        project_id = re.match(CLUSTERS_RE, request.path).group("group")
        if project_id not in self.projects:
            return atlas_error(404, "GROUP_NOT_FOUND", "No group with ID %s exists." % project_id)
        items_per_page = int(request.args.get("itemsPerPage", 100))
        page_number = int(request.args.get("pageNum", 1))
        if not 1 <= items_per_page <= 500:
            return atlas_error(400, "INVALID_PARAMETER", "itemsPerPage must be from 1 to 500.")
        clusters = list(self.projects[project_id].values())
        if request.args.get("includeDeletedWithRetainedBackups") == "true":
            clusters += self.deleted_with_retained_backups.get(project_id, [])
        start = (page_number - 1) * items_per_page
        page = {"results": clusters[start:start + items_per_page], "links": []}
        if request.args.get("includeCount", "true") == "true":
            page["totalCount"] = len(clusters)
        return versioned(page)

    def _get(self, request):
        cluster, error = self._cluster_or_error(request)
        if error is not None:
            return error
        if self.state_sequences.get(cluster["name"]):
            cluster["stateName"] = self.state_sequences[cluster["name"]].pop(0)
        return versioned(cluster)

    def _grant(self, request):
        cluster, error = self._cluster_or_error(request)
        if error is not None:
            return error
        if request.headers.get("Content-Type") != VERSION_2024_08_05:
            return atlas_error(415, "UNSUPPORTED_MEDIA_TYPE", "Send version 2024-08-05.")
        body = json.loads(request.get_data(as_text=True))
        cluster["mongoDBEmployeeAccessGrant"] = {"grantType": body["grantType"], "expirationTime": body["expirationTime"]}
        return json_response(None, 204)

    def _revoke(self, request):
        cluster, error = self._cluster_or_error(request)
        if error is not None:
            return error
        cluster.pop("mongoDBEmployeeAccessGrant", None)
        return json_response(None, 204)
