# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_cloud_provider_role_info against the simulator (the `sim` fixture of tests/unit/conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from atlas_simulator.default_seed import EMPTY_PROJECT_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cloud_provider_role_info
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_cloud_provider_role_info import wanted_roles

VERSION = "application/vnd.atlas.2023-01-01+json"
ROLES_PATH = "/api/atlas/v2/groups/%s/cloudProviderAccess" % PROJECT_ID
ENCRYPTION_USAGE = {"featureType": "ENCRYPTION_AT_REST", "featureId": {}}
EXPORT_USAGE = {"featureType": "EXPORT_SNAPSHOT", "featureId": {"exportBucketId": "6500000000000000000000e9", "groupId": PROJECT_ID}}
AWS_ROLE = {
    "providerName": "AWS",
    "roleId": "6500000000000000000000e1",
    "createdDate": "2026-03-01T00:00:00Z",
    "iamAssumedRoleArn": "arn:aws:iam::123456789012:role/atlas-access",
    "authorizedDate": "2026-03-01T00:05:00Z",
    "atlasAssumedRoleExternalId": "3192be49-6e76-4b7d-a7b8-b486a8fc4483",
    "featureUsages": [ENCRYPTION_USAGE, EXPORT_USAGE],
}
AZURE_ROLE = {
    "providerName": "AZURE",
    "_id": "6500000000000000000000e2",
    "atlasAzureAppId": "0c5f1d3e-1111-4222-8333-444455556666",
    "servicePrincipalId": "a1b2c3d4-0000-4000-8000-000000000001",
    "tenantId": "91402512-d2de-4b1f-b8d0-6a2c6a2c6a2c",
}
GCP_ROLE = {"providerName": "GCP", "roleId": "6500000000000000000000e3", "status": "COMPLETE"}


def seed(sim, *roles):
    state = sim.state()
    sim.project(state=state)["cloud_provider_access"] = [dict(role) for role in roles]
    sim.set_state(state)
    sim.forget_requests()


def run(sim, run_module, check_mode=False, **args):
    return run_module(atlas_cloud_provider_role_info.main, sim.module_args(**dict(dict(project_id=PROJECT_ID), **args)), check_mode=check_mode)


def test_wanted_roles_gives_every_role_a_role_id_and_feature_usages():
    answer = {"awsIamRoles": [{"providerName": "AWS", "roleId": "a"}], "azureServicePrincipals": [{"providerName": "AZURE", "_id": "b"}]}

    assert wanted_roles(answer, ["AZURE", "AWS"]) == [
        {"providerName": "AWS", "roleId": "a", "featureUsages": []},
        {"providerName": "AZURE", "_id": "b", "roleId": "b", "featureUsages": []},
    ]
    assert wanted_roles(answer, ["GCP"]) == []
    assert wanted_roles({}, ["AWS", "AZURE", "GCP"]) == []
    assert [role["roleId"] for role in wanted_roles(answer, ["AWS", "AZURE"], role_id="b")] == ["b"]


def test_reads_every_role_with_its_feature_usages_in_one_request(sim, run_module):
    # Stored GCP first: the result is in provider order whatever the order Atlas keeps them in.
    seed(sim, GCP_ROLE, AZURE_ROLE, AWS_ROLE)

    result = run(sim, run_module)

    assert result["changed"] is False
    assert [(role["providerName"], role["roleId"]) for role in result["roles"]] == [
        ("AWS", AWS_ROLE["roleId"]),
        ("AZURE", AZURE_ROLE["_id"]),
        ("GCP", GCP_ROLE["roleId"]),
    ]
    aws, azure, gcp = result["roles"]
    assert aws["featureUsages"] == [ENCRYPTION_USAGE, EXPORT_USAGE]
    assert aws["iamAssumedRoleArn"] == AWS_ROLE["iamAssumedRoleArn"]
    assert (azure["_id"], azure["featureUsages"]) == (AZURE_ROLE["_id"], [])
    assert (gcp["status"], gcp["featureUsages"]) == ("COMPLETE", [])
    [request] = sim.requests()
    assert (request.method, request.path, request.accept, request.query) == ("GET", ROLES_PATH, VERSION, {})


@pytest.mark.parametrize(
    "args, expected",
    [
        ({"provider": ["AZURE"]}, ["6500000000000000000000e2"]),
        ({"provider": ["GCP", "AWS"]}, ["6500000000000000000000e1", "6500000000000000000000e3"]),
        ({"role_id": "6500000000000000000000e2"}, ["6500000000000000000000e2"]),
        ({"role_id": "6500000000000000000000e2", "provider": ["AWS"]}, []),
        ({"role_id": "6500000000000000000000ee"}, []),
    ],
)
def test_filters_apply_to_the_one_answer(sim, run_module, args, expected):
    seed(sim, AWS_ROLE, AZURE_ROLE, GCP_ROLE)

    result = run(sim, run_module, **args)

    assert [role["roleId"] for role in result["roles"]] == expected
    assert [request.path for request in sim.requests()] == [ROLES_PATH]


def test_a_project_without_roles_gives_an_empty_list(sim, run_module):
    result = run(sim, run_module, project_id=EMPTY_PROJECT_ID)

    assert (result["changed"], result["roles"]) == (False, [])


def test_check_mode_reads_the_same(sim, run_module):
    seed(sim, AWS_ROLE)

    assert run(sim, run_module, check_mode=True)["roles"] == run(sim, run_module)["roles"]
    assert sim.writes() == []


@pytest.mark.parametrize(
    "args, msg",
    [
        ({"project_id": "not-an-id"}, "project_id must be a 24-character lowercase hexadecimal Atlas id"),
        ({"group_id": "6500000000000000000000b"}, "project_id must be a 24-character lowercase hexadecimal Atlas id"),
        ({"provider": ["azure"]}, "value of provider must be one or more of: AWS, AZURE, GCP. Got no match for: azure"),
        ({"provider": []}, "provider must name at least one of AWS, AZURE, GCP, got []"),
        ({"role_id": "arn:aws:iam::123456789012:role/atlas-access"}, "role_id must be a 24-character lowercase hexadecimal Atlas id"),
    ],
)
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, args, msg):
    scope = {} if "project_id" in args or "group_id" in args else {"project_id": PROJECT_ID}
    module_args = sim.module_args(**dict(scope, **args))

    result = run_module(atlas_cloud_provider_role_info.main, module_args)

    assert result["failed"] is True
    assert msg in result["msg"]
    assert sim.request_log() == []


def test_a_wrong_project_fails(sim, run_module):
    result = run(sim, run_module, project_id="6500000000000000000000ff")

    assert result["failed"] is True
    assert result["error_code"] == "GROUP_NOT_FOUND"
    assert result["msg"].startswith("Failed to read the cloud provider access roles of project 6500000000000000000000ff: ")
