# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The modules on real Atlas' answers: the Atlas CLI's recordings (real-atlas-cli), served as recorded.

A replay server (pytest-httpserver, no simulator in between) answers each request of a module with
the recorded answer of its operation: status, body and Atlas' headers (Content-Type with its charset,
Ratelimit-*, Sunset/Deprecation). The ids of the task are the recording's. Each module that reads a
recorded operation must read the recorded body as it is (nulls, fields it does not know, 201 or
200 where the spec says otherwise), its "absent" cases included. Two liberties, both named where
used: a list answer is narrowed to the username the module asks for (as Atlas' own filter does), and
a few answers that no recording holds (an empty role list; the 404 of an archive that is gone, whose
code the real-atlas-cli README reports) are built in Atlas' own form.

The simulator replays the same recordings in simulator/tests/test_real_atlas_cli.py.
"""

from __future__ import annotations

import json
import re

import pytest
from werkzeug.wrappers import Response

from ansible_collections.atlas_ops.admin.plugins.module_utils import api_versions
from ansible_collections.atlas_ops.admin.plugins.module_utils.client import UNAUTHORIZED_GUIDANCE
from ansible_collections.atlas_ops.admin.plugins.modules import (
    atlas_cloud_provider_role,
    atlas_cloud_provider_role_info,
    atlas_cluster_info,
    atlas_employee_access,
    atlas_online_archive,
    atlas_online_archive_info,
    atlas_org_user,
    atlas_project_user,
)
from ansible_collections.atlas_ops.admin.tests.unit.fake_atlas import FakeAtlas
from ansible_collections.atlas_ops.admin.tests.unit.recordings import REAL_ATLAS_CLI, cli_recordings, needs_cli_recordings

pytestmark = needs_cli_recordings
API = "/api/atlas/v2"
HEADERS = ("Ratelimit-Limit", "Ratelimit-Remaining", "Sunset", "Deprecation", "Www-Authenticate")


def recordings(folder, status=None, version=None):
    return [r for r in cli_recordings(folder) if status in (None, r["status"]) and version in (None, r["version"])]


def params(folder, **filters):
    return [pytest.param(r, id="%s/%02d" % (folder, index)) for index, r in enumerate(cli_recordings(folder)) if r in recordings(folder, **filters)]


def path_params(recording):
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(recording["template"]))
    return re.fullmatch(pattern, recording["request"]["path"][len(API) :]).groupdict()


def recorded_response(recording, body=None):
    """The recorded answer (or BODY in its place) with Atlas' headers."""
    body = recording["body"] if body is None else body
    headers = dict((name, value) for name, value in recording["headers"].items() if name in HEADERS)
    text = "" if recording["status"] == 204 else json.dumps(body)
    return Response(text, status=recording["status"], headers=headers, content_type=recording["headers"].get("Content-Type", "application/json"))


class ReplayAtlas(FakeAtlas):
    def serve(self, recording, path=None, body=None, by_username=False):
        """Answer RECORDING's method on PATH (default: the recorded path) with the recorded answer.

        by_username: narrow a list answer to the ?username= the module asks for, as Atlas filters.
        """
        path = path or recording["request"]["path"]

        def handler(request):
            answer = recording["body"] if body is None else body
            username = request.args.get("username")
            if by_username and username:
                results = [u for u in answer["results"] if u["username"].lower() == username.lower()]
                answer = dict(answer, results=results, totalCount=len(results))
            return recorded_response(recording, answer)

        self.route(recording["method"], re.escape(path), handler)


@pytest.fixture
def atlas(httpserver):
    return ReplayAtlas(httpserver)


def run(atlas, run_module, module, **args):
    connection = dict(api_base_url=atlas.url, public_key="replay-public-key", private_key="replay-private-key", retries=0, timeout=10)
    return run_module(module.main, dict(connection, **args))


def writes(atlas):
    return [(r["method"], r["path"]) for r in atlas.requests if r["method"] != "GET"]


def test_the_recordings_are_read():
    folders = ("GET_groups_{groupId}_cloudProviderAccess", "GET_groups_{groupId}_clusters_{clusterName}", "GET_orgs_{orgId}_users")
    assert [len(cli_recordings(folder)) for folder in folders] == [1, 15, 15]


# -- cloud provider access: an AWS role not authorized yet has null authorizedDate and iamAssumedRoleArn --
ROLES = "GET_groups_{groupId}_cloudProviderAccess"
NEW_ROLE = "POST_groups_{groupId}_cloudProviderAccess"


def test_role_info_returns_the_recorded_roles_with_their_nulls(atlas, run_module):
    recording = cli_recordings(ROLES)[0]
    atlas.serve(recording)

    result = run(atlas, run_module, atlas_cloud_provider_role_info, project_id=path_params(recording)["groupId"])

    assert result["roles"] == recording["body"]["awsIamRoles"]
    assert result["roles"][0]["iamAssumedRoleArn"] is None


def test_a_present_aws_role_reuses_the_recorded_role_not_authorized_yet(atlas, run_module):
    recording = cli_recordings(ROLES)[0]
    atlas.serve(recording)

    result = run(atlas, run_module, atlas_cloud_provider_role, project_id=path_params(recording)["groupId"])

    assert (result["changed"], result["role"]) == (False, recording["body"]["awsIamRoles"][0])
    assert writes(atlas) == []


def test_a_new_aws_role_is_the_recorded_creation(atlas, run_module):
    created = cli_recordings(NEW_ROLE)[0]
    # No recording holds an empty role list: built in Atlas' form.
    atlas.serve(cli_recordings(ROLES)[0], path=created["request"]["path"], body={"awsIamRoles": [], "azureServicePrincipals": [], "gcpServiceAccounts": []})
    atlas.serve(created)

    result = run(atlas, run_module, atlas_cloud_provider_role, project_id=path_params(created)["groupId"])

    assert (result["changed"], result["role"]) == (True, created["body"])
    assert writes(atlas) == [("POST", created["request"]["path"])]


# -- clusters: the module's version (2024-08-05) and the error answers -------------------------------
CLUSTER = "GET_groups_{groupId}_clusters_{clusterName}"
CLUSTERS = "GET_groups_{groupId}_clusters"


@pytest.mark.parametrize("recording", params(CLUSTERS, version="2024-08-05"))
def test_cluster_info_returns_a_recorded_list_whole(atlas, run_module, recording):
    atlas.serve(recording)
    result = run(atlas, run_module, atlas_cluster_info, project_id=path_params(recording)["groupId"])
    assert result["clusters"] == recording["body"]["results"]


@pytest.mark.parametrize("recording", params(CLUSTER, version="2024-08-05"))
def test_cluster_info_and_employee_access_read_a_recorded_cluster(atlas, run_module, recording):
    atlas.serve(recording)
    target = path_params(recording)
    args = dict(project_id=target["groupId"], cluster_name=target["clusterName"])

    assert run(atlas, run_module, atlas_cluster_info, **args)["clusters"] == [recording["body"]]
    revoked = run(atlas, run_module, atlas_employee_access, state="absent", **args)
    assert (revoked["changed"], revoked["grant"]) == (False, recording["body"].get("mongoDBEmployeeAccessGrant"))
    assert writes(atlas) == []


def test_a_recorded_missing_cluster_is_absent(atlas, run_module):
    recording = recordings(CLUSTER, status=404)[0]
    atlas.serve(recording)
    target = path_params(recording)
    args = dict(project_id=target["groupId"], cluster_name=target["clusterName"])

    assert run(atlas, run_module, atlas_cluster_info, **args)["clusters"] == []
    revoked = run(atlas, run_module, atlas_employee_access, state="absent", **args)
    assert (revoked["changed"], revoked["grant"]) == (False, None)


def test_a_recorded_flex_cluster_answer_fails_with_atlas_words(atlas, run_module):
    recording = recordings(CLUSTER, status=400)[0]
    atlas.serve(recording)
    target = path_params(recording)

    result = run(atlas, run_module, atlas_cluster_info, project_id=target["groupId"], cluster_name=target["clusterName"])

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (400, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API")
    assert "Flex cluster test-flex cannot be used in the Cluster API." in result["msg"]


def test_a_recorded_401_fails_with_what_to_check(atlas, run_module):
    recording = recordings(CLUSTER, status=401)[0]
    atlas.serve(recording)
    target = path_params(recording)

    result = run(atlas, run_module, atlas_employee_access, state="absent", project_id=target["groupId"], cluster_name=target["clusterName"])

    assert result["failed"] is True and result.get("changed") is not True
    assert (result["status"], result["error_code"]) == (401, "UNEXPECTED_ERROR")
    assert "failed with 401 Unauthorized: You are not authorized for this resource. " + UNAUTHORIZED_GUIDANCE in result["msg"]


# -- online archives ----------------------------------------------------------------------------------
ARCHIVES = "GET_groups_{groupId}_clusters_{clusterName}_onlineArchives"
ARCHIVE = "GET_groups_{groupId}_clusters_{clusterName}_onlineArchives_{archiveId}"
NEW_ARCHIVE = "POST_groups_{groupId}_clusters_{clusterName}_onlineArchives"
ARCHIVE_UPDATE = "PATCH_groups_{groupId}_clusters_{clusterName}_onlineArchives_{archiveId}"
ARCHIVE_DELETE = "DELETE_groups_{groupId}_clusters_{clusterName}_onlineArchives_{archiveId}"
# The answer to an archive that is gone: the code the real-atlas-cli README reports (the answer itself
# is not among its files), in the form of Atlas' other 404s.
ARCHIVE_GONE = {"detail": "Cannot find resource.", "error": 404, "errorCode": "RESOURCE_NOT_FOUND", "parameters": [], "reason": "Not Found"}


def archive_task(recording, **args):
    """The task for the recorded archive (every archive recording is of the same one), at RECORDING's path."""
    target = path_params(recording)
    archive = cli_recordings(ARCHIVES)[0]["body"]["results"][0]
    return dict(project_id=target["groupId"], cluster_name=target["clusterName"], db_name=archive["dbName"], coll_name=archive["collName"], **args)


def date_criteria(days):
    return {"type": "DATE", "date_field": "test", "expire_after_days": days}


def gone(atlas, recording, path):
    atlas.route("GET", re.escape(path), lambda request: Response(json.dumps(ARCHIVE_GONE), status=404, content_type="application/json"))


def test_archive_info_returns_the_recorded_archives_with_null_field_types(atlas, run_module):
    recording = cli_recordings(ARCHIVES)[0]
    atlas.serve(recording)
    target = path_params(recording)

    result = run(atlas, run_module, atlas_online_archive_info, project_id=target["groupId"], cluster_name=target["clusterName"])

    assert result["online_archives"] == recording["body"]["results"]
    assert result["online_archives"][0]["partitionFields"][0]["fieldType"] is None


def test_a_recorded_archive_as_the_task_describes_it_is_unchanged(atlas, run_module):
    listing = cli_recordings(ARCHIVES)[0]
    atlas.serve(listing)

    result = run(atlas, run_module, atlas_online_archive, **archive_task(listing, criteria=date_criteria(3), partition_fields=["test"]))

    assert (result["changed"], result["online_archive"]) == (False, listing["body"]["results"][0])
    assert writes(atlas) == []


def test_a_recorded_archive_is_found_by_its_id(atlas, run_module):
    recording = cli_recordings(ARCHIVE)[0]
    atlas.serve(recording)

    result = run(atlas, run_module, atlas_online_archive, **archive_task(recording, archive_id=recording["body"]["_id"]))

    assert (result["changed"], result["online_archive"]) == (False, recording["body"])


def test_a_new_archive_is_the_recorded_creation(atlas, run_module):
    created = cli_recordings(NEW_ARCHIVE)[0]
    listing = cli_recordings(ARCHIVES)[0]
    atlas.serve(listing, path=created["request"]["path"], body=dict(listing["body"], results=[], totalCount=0))
    atlas.serve(created)

    result = run(atlas, run_module, atlas_online_archive, **archive_task(created, criteria=date_criteria(3)))

    assert (result["changed"], result["online_archive"]) == (True, created["body"])
    assert writes(atlas) == [("POST", created["request"]["path"])]


def test_a_change_of_days_is_the_recorded_update(atlas, run_module):
    update = cli_recordings(ARCHIVE_UPDATE)[0]
    atlas.serve(cli_recordings(ARCHIVES)[0])
    atlas.serve(update)

    result = run(atlas, run_module, atlas_online_archive, **archive_task(update, criteria=date_criteria(4)))

    assert (result["changed"], result["online_archive"]) == (True, update["body"])
    assert json.loads(atlas.made("PATCH")[0]["body"]) == {"criteria": {"type": "DATE", "dateField": "test", "dateFormat": "ISODATE", "expireAfterDays": 4}}


def test_pausing_a_pending_archive_fails_with_atlas_recorded_refusal(atlas, run_module):
    refusal = recordings(ARCHIVE_UPDATE, status=409)[0]
    atlas.serve(cli_recordings(ARCHIVES)[0])
    atlas.serve(refusal)

    result = run(atlas, run_module, atlas_online_archive, **archive_task(refusal, paused=True))

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (409, "ONLINE_ARCHIVE_MUST_BE_ACTIVE_TO_PAUSE")
    assert "An archive must be in an active state in order to be paused." in result["msg"]


def test_removing_a_recorded_archive_reads_atlas_200_and_its_404_as_removed(atlas, run_module):
    deletion = cli_recordings(ARCHIVE_DELETE)[0]
    atlas.serve(cli_recordings(ARCHIVES)[0])
    atlas.serve(deletion)
    gone(atlas, deletion, deletion["request"]["path"])

    result = run(atlas, run_module, atlas_online_archive, **archive_task(deletion, state="absent", wait=True))

    assert result["changed"] is True and result["online_archive"] is None, result
    assert writes(atlas) == [("DELETE", deletion["request"]["path"])]
    assert [r["method"] for r in atlas.requests] == ["GET", "DELETE", "GET"]  # the wait read the 404: gone


def test_an_archive_id_that_is_gone_is_absent_once_its_cluster_answered(atlas, run_module):
    listing = cli_recordings(ARCHIVES)[0]
    missing = "%s/%s" % (listing["request"]["path"], "6a79450d2c88faeba59d0000")
    gone(atlas, listing, missing)
    atlas.serve(listing)

    result = run(atlas, run_module, atlas_online_archive, **archive_task(listing, state="absent", archive_id="6a79450d2c88faeba59d0000"))

    assert (result["changed"], result["online_archive"]) == (False, None)
    assert [r["path"] for r in atlas.requests] == [missing, listing["request"]["path"]]  # the scope read proved the cluster
    assert writes(atlas) == []


def test_an_archive_id_under_a_missing_cluster_is_not_mistaken_for_a_gone_archive(atlas, run_module):
    """The archives path answers the generic 404 for the cluster too: the module fails, it does not report absent."""
    listing = cli_recordings(ARCHIVES)[0]
    missing = "%s/%s" % (listing["request"]["path"], "6a79450d2c88faeba59d0000")
    gone(atlas, listing, missing)
    gone(atlas, listing, listing["request"]["path"])

    result = run(atlas, run_module, atlas_online_archive, **archive_task(listing, state="absent", archive_id="6a79450d2c88faeba59d0000"))

    assert result["failed"] is True and result.get("changed") is not True
    assert (result["status"], result["error_code"], result["path"]) == (404, "RESOURCE_NOT_FOUND", listing["request"]["path"])


# -- users: nulls (mobileNumber), lastAuth, an API key as inviterUsername, pending users ------------
PROJECT_USERS = "GET_groups_{groupId}_users"
ORG_USERS = "GET_orgs_{orgId}_users"


@pytest.mark.parametrize("recording", params(PROJECT_USERS))
def test_every_recorded_project_user_is_read_as_it_is(atlas, run_module, recording):
    atlas.serve(recording, by_username=True)
    project_id = path_params(recording)["groupId"]
    for user in recording["body"]["results"]:
        result = run(atlas, run_module, atlas_project_user, project_id=project_id, username=user["username"], roles=user["roles"])
        assert (result["changed"], result["user"]) == (False, dict(user, roles=sorted(user["roles"])))
    nobody = run(atlas, run_module, atlas_project_user, project_id=project_id, username="nobody@example.com", state="absent")
    assert (nobody["changed"], nobody["user"]) == (False, None)
    assert writes(atlas) == []


@pytest.mark.parametrize("recording", params(ORG_USERS))
def test_every_recorded_org_user_is_read_as_it_is(atlas, run_module, recording):
    atlas.serve(recording, by_username=True)
    org_id = path_params(recording)["orgId"]
    for user in recording["body"]["results"]:
        result = run(atlas, run_module, atlas_org_user, org_id=org_id, username=user["username"], org_roles=user["roles"]["orgRoles"])
        assert (result["changed"], result["user"]) == (False, user), user["username"]
    nobody = run(atlas, run_module, atlas_org_user, org_id=org_id, username="nobody@example.com", state="absent")
    assert (nobody["changed"], nobody["user"]) == (False, None)
    assert writes(atlas) == []


def test_every_recording_named_as_absent_evidence_exists():
    named = re.findall(r"real-atlas-cli ((?:GET|POST|PATCH|DELETE)_[A-Za-z0-9_{}]+/\d{2}\.json)", repr(api_versions.ABSENT_ERROR_CODES))
    assert named and [name for name in named if not (REAL_ATLAS_CLI / name).is_file()] == []
