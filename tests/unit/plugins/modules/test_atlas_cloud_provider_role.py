# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests

from atlas_simulator.default_seed import PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cloud_provider_role
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_cloud_provider_role import (
    azure_body,
    azure_changes,
    checked_options,
    main,
    role_to_use,
    usage_problem,
    with_role_id,
)
from ansible_collections.atlas_ops.admin.tests.unit.module_results import warnings

ROLES_PATH = "/api/atlas/v2/groups/%s/cloudProviderAccess" % PROJECT_ID
VERSION = "application/vnd.atlas.2023-01-01+json"
UNKNOWN_PROJECT_ID = "6500000000000000000000ff"
ARN = "arn:aws:iam::123456789012:role/atlas-access"
OTHER_ARN = "arn:aws:iam::123456789012:role/other-access"
SP = "a1b2c3d4-0000-4000-8000-000000000001"
TENANT = "91402512-d2de-4b1f-b8d0-6a2c6a2c6a2c"
APP = "0c5f1d3e-1111-4222-8333-444455556666"
OTHER_APP = "0c5f1d3e-9999-4222-8333-444455556666"
EXTERNAL_ID = "3192be49-6e76-4b7d-a7b8-b486a8fc4483"

OLD_UNAUTHORIZED = {"providerName": "AWS", "roleId": "6500000000000000000000e1", "createdDate": "2026-01-01T00:00:00Z"}
NEW_UNAUTHORIZED = {"providerName": "AWS", "roleId": "6500000000000000000000e2", "createdDate": "2026-02-01T00:00:00Z"}
AUTHORIZED = {
    "providerName": "AWS",
    "roleId": "6500000000000000000000e3",
    "createdDate": "2026-03-01T00:00:00Z",
    "iamAssumedRoleArn": ARN,
    "authorizedDate": "2026-03-01T00:05:00Z",
    "atlasAssumedRoleExternalId": EXTERNAL_ID,
}
AZURE_ROLE = {"providerName": "AZURE", "_id": "6500000000000000000000e4", "atlasAzureAppId": APP, "servicePrincipalId": SP, "tenantId": TENANT}
GCP_ROLE = {"providerName": "GCP", "roleId": "6500000000000000000000e5", "status": "COMPLETE"}
ENCRYPTION_USAGE = {"featureType": "ENCRYPTION_AT_REST", "featureId": {}}
EXPORT_USAGE = {"featureType": "EXPORT_SNAPSHOT", "featureId": {"exportBucketId": "6500000000000000000000e9", "groupId": PROJECT_ID}}


def seed_roles(sim, *roles):
    """Store these roles in the default project (the simulator fills in what they leave out) and forget the requests."""
    state = sim.state()
    sim.project(state=state)["cloud_provider_access"] = [dict(role) for role in roles]
    sim.set_state(state)
    sim.forget_requests()


def stored_roles(sim):
    return [{k: v for k, v in role.items() if not k.startswith("_sim")} for role in sim.project()["cloud_provider_access"]]


def propagate(sim, arn, attempts):
    """The next `attempts` authorizations for arn answer 400 CANNOT_ASSUME_ROLE, as while IAM propagates."""
    response = requests.post("%s/__sim__/iam_propagation" % sim.url, json={"iamAssumedRoleArn": arn, "attempts": attempts}, timeout=10)
    assert response.status_code == 200, response.text


def run(sim, run_module, check_mode=False, diff=False, **args):
    return run_module(main, sim.module_args(project_id=PROJECT_ID, **args), check_mode=check_mode, diff=diff)


def methods(sim):
    return [(request.method, request.path) for request in sim.requests()]


# -- pure functions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, expected",
    [
        (None, None),
        ({"providerName": "AWS", "roleId": "a"}, {"providerName": "AWS", "roleId": "a"}),
        ({"providerName": "AZURE", "_id": "b"}, {"providerName": "AZURE", "_id": "b", "roleId": "b"}),
        ({"providerName": "GCP", "roleId": "c", "status": "COMPLETE"}, {"providerName": "GCP", "roleId": "c", "status": "COMPLETE"}),
    ],
)
def test_with_role_id(role, expected):
    assert with_role_id(role) == expected


AZURE_KEY = {"servicePrincipalId": SP, "tenantId": TENANT, "atlasAzureAppId": None}


@pytest.mark.parametrize(
    "roles, provider, arn, azure, expected",
    [
        # The role authorized for the ARN wins over unauthorized ones.
        ([NEW_UNAUTHORIZED, AUTHORIZED, OLD_UNAUTHORIZED], "AWS", ARN, None, AUTHORIZED),
        # Else the oldest unauthorized role is reused.
        ([NEW_UNAUTHORIZED, AUTHORIZED, OLD_UNAUTHORIZED], "AWS", OTHER_ARN, None, OLD_UNAUTHORIZED),
        ([NEW_UNAUTHORIZED, OLD_UNAUTHORIZED], "AWS", None, None, OLD_UNAUTHORIZED),
        # A role authorized for another ARN is never taken: a new one is needed.
        ([AUTHORIZED], "AWS", OTHER_ARN, None, None),
        ([AUTHORIZED], "AWS", None, None, None),
        ([], "AWS", ARN, None, None),
        # Azure: by service principal and tenant, compared as UUIDs whatever their case.
        ([AZURE_ROLE], "AZURE", None, AZURE_KEY, AZURE_ROLE),
        ([dict(AZURE_ROLE, servicePrincipalId=SP.upper())], "AZURE", None, AZURE_KEY, dict(AZURE_ROLE, servicePrincipalId=SP.upper())),
        ([dict(AZURE_ROLE, tenantId=APP)], "AZURE", None, AZURE_KEY, None),
        # GCP: the oldest role.
        ([dict(GCP_ROLE, createdDate="2026-05-01T00:00:00Z"), dict(GCP_ROLE, roleId="x", createdDate="2026-04-01T00:00:00Z")], "GCP", None, None,
         dict(GCP_ROLE, roleId="x", createdDate="2026-04-01T00:00:00Z")),
        ([], "GCP", None, None, None),
    ],
)
def test_role_to_use(roles, provider, arn, azure, expected):
    assert role_to_use(roles, provider, arn=arn, azure=azure) == expected


@pytest.mark.parametrize(
    "role, azure, changes, body",
    [
        ({}, {"servicePrincipalId": SP, "tenantId": TENANT, "atlasAzureAppId": None}, {"servicePrincipalId": SP, "tenantId": TENANT},
         {"providerName": "AZURE", "servicePrincipalId": SP, "tenantId": TENANT}),
        (AZURE_ROLE, {"servicePrincipalId": SP, "tenantId": TENANT, "atlasAzureAppId": APP}, {},
         {"providerName": "AZURE", "servicePrincipalId": SP, "tenantId": TENANT, "atlasAzureAppId": APP}),
        (dict(AZURE_ROLE, atlasAzureAppId=APP.upper()), {"servicePrincipalId": None, "tenantId": None, "atlasAzureAppId": APP}, {},
         {"providerName": "AZURE", "servicePrincipalId": SP, "tenantId": TENANT, "atlasAzureAppId": APP.upper()}),
        (AZURE_ROLE, {"servicePrincipalId": None, "tenantId": None, "atlasAzureAppId": OTHER_APP}, {"atlasAzureAppId": OTHER_APP},
         {"providerName": "AZURE", "servicePrincipalId": SP, "tenantId": TENANT, "atlasAzureAppId": OTHER_APP}),
    ],
)
def test_azure_changes_and_body(role, azure, changes, body):
    assert azure_changes(role, azure) == changes
    assert azure_body(role, azure) == body


def test_usage_problem_lists_every_feature():
    assert usage_problem({"providerName": "AWS", "roleId": "r", "featureUsages": []}) is None
    assert usage_problem({"providerName": "AWS", "roleId": "r", "featureUsages": [ENCRYPTION_USAGE, EXPORT_USAGE]}) == (
        'AWS role r is still used by 2 Atlas feature(s): ENCRYPTION_AT_REST; EXPORT_SNAPSHOT {"exportBucketId": "6500000000000000000000e9", '
        '"groupId": "%s"}' % PROJECT_ID
    )


def params(**given):
    base = dict(provider="AWS", state="present", role_id=None, iam_assumed_role_arn=None, atlas_azure_app_id=None, service_principal_id=None, tenant_id=None)
    base.update(given)
    return base


def test_checked_options_normalises_azure_uuids():
    options = checked_options(params(provider="AZURE", service_principal_id=SP.upper(), tenant_id=" %s " % TENANT))
    assert options == {"role_id": None, "arn": None, "azure": {"servicePrincipalId": SP, "tenantId": TENANT, "atlasAzureAppId": None}}


# -- bad input: each fails with a message naming the option, before any request ---------------------

BAD_INPUT = [
    (
        dict(iam_assumed_role_arn="arn:aws:s3:::my-bucket"),
        "iam_assumed_role_arn must be an AWS IAM role ARN such as arn:aws:iam::123456789012:role/atlas-access, got 'arn:aws:s3:::my-bucket'",
    ),
    (dict(iam_assumed_role_arn="arn:aws:iam::12345:role/short-account"), "iam_assumed_role_arn must be an AWS IAM role ARN"),
    (dict(provider="AZURE", iam_assumed_role_arn=ARN, service_principal_id=SP, tenant_id=TENANT),
     "iam_assumed_role_arn is an option of provider AWS; it cannot be used with provider=AZURE."),
    (dict(tenant_id=TENANT), "tenant_id is an option of provider AZURE; it cannot be used with provider=AWS."),
    (dict(provider="GCP", atlas_azure_app_id=APP), "atlas_azure_app_id is an option of provider AZURE; it cannot be used with provider=GCP."),
    (
        dict(provider="AZURE", service_principal_id="not-a-uuid", tenant_id=TENANT),
        "service_principal_id must be a UUID such as 35f0d2b1-6bb8-4cbd-a1bc-4c3d2a1f4f11, got 'not-a-uuid'",
    ),
    (dict(provider="AZURE", service_principal_id=SP, tenant_id="91402512d2de4b1fb8d06a2c6a2c6a2c"), "tenant_id must be a UUID"),
    (dict(provider="AZURE", role_id="6500000000000000000000e4", atlas_azure_app_id="app"), "atlas_azure_app_id must be a UUID"),
    (
        dict(role_id="6500000000000000000000E1"),
        "role_id must be a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b, got '6500000000000000000000E1'",
    ),
    (dict(state="authorized", role_id="6500000000000000000000e1"), "iam_assumed_role_arn is required with state=authorized"),
    (dict(state="absent"), "state=absent needs role_id or iam_assumed_role_arn to find the AWS role to deauthorize."),
    (dict(provider="AZURE"), "provider=AZURE needs role_id, or service_principal_id and tenant_id, to find the role."),
    (dict(provider="AZURE", service_principal_id=SP), "service_principal_id and tenant_id must be set together"),
    (dict(provider="GCP", state="absent"), "provider=GCP with state=absent needs role_id"),
    (dict(provider="ORACLE"), "value of provider must be one of: AWS, AZURE, GCP, got: ORACLE"),
    (dict(state="deauthorized"), "value of state must be one of: present, authorized, absent, got: deauthorized"),
    (dict(project_id="6500000000000000000000B1"), "project_id must be a 24-character lowercase hexadecimal Atlas id"),
    (dict(provider="GCP", wait_timeout=-1), "wait_timeout must be a number of seconds of 0 or more, got -1"),
]


@pytest.mark.parametrize("args, msg", BAD_INPUT, ids=[str(sorted(args.items())) for args, msg in BAD_INPUT])
def test_bad_input_fails_before_any_request(sim, run_module, args, msg):
    result = run_module(main, sim.module_args(**dict(dict(project_id=PROJECT_ID), **args)))

    assert result["failed"] is True
    assert result["msg"].startswith(msg), result["msg"]
    assert sim.request_log() == []


def test_there_are_at_least_ten_bad_inputs():
    assert len(BAD_INPUT) >= 10


@pytest.mark.parametrize("args, msg", BAD_INPUT[:14])
def test_checked_options_raises_what_main_reports(args, msg):
    # The first 14 bad inputs are the module's own checks; the others are Ansible's and the kit's.
    with pytest.raises(AtlasInputError) as error:
        checked_options(params(**args))
    assert str(error.value).startswith(msg)


# -- AWS: the two-step story ------------------------------------------------------------------------


def test_present_creates_a_role_with_the_trust_policy_fields(sim, run_module):
    result = run(sim, run_module, iam_assumed_role_arn=ARN)

    assert result["changed"] is True
    role = result["role"]
    assert role["providerName"] == "AWS"
    assert set(role) >= {"roleId", "atlasAWSAccountArn", "atlasAssumedRoleExternalId"}
    assert role["iamAssumedRoleArn"] is None  # Atlas answers null until the role is authorized
    assert methods(sim) == [("GET", ROLES_PATH), ("POST", ROLES_PATH)]
    assert sim.writes()[0].body == {"providerName": "AWS"}
    assert all(request.accept == VERSION for request in sim.requests())
    assert [stored["roleId"] for stored in stored_roles(sim)] == [role["roleId"]]


def test_the_whole_aws_story_re_runs_without_writes(sim, run_module):
    step1 = run(sim, run_module, iam_assumed_role_arn=ARN)
    role_id = step1["role"]["roleId"]
    # Re-running step 1 before the IAM role exists reuses the unauthorized role.
    again = run(sim, run_module, iam_assumed_role_arn=ARN)
    assert (again["changed"], again["role"]) == (False, step1["role"])

    sim.forget_requests()
    step3 = run(sim, run_module, state="authorized", role_id=role_id, iam_assumed_role_arn=ARN)
    assert step3["changed"] is True
    assert step3["role"]["iamAssumedRoleArn"] == ARN and "authorizedDate" in step3["role"]
    assert methods(sim) == [("GET", ROLES_PATH + "/" + role_id), ("PATCH", ROLES_PATH + "/" + role_id)]
    assert sim.writes()[0].body == {"providerName": "AWS", "iamAssumedRoleArn": ARN}

    sim.forget_requests()
    results = [
        run(sim, run_module, iam_assumed_role_arn=ARN),
        run(sim, run_module, state="authorized", role_id=role_id, iam_assumed_role_arn=ARN),
        run(sim, run_module, state="authorized", iam_assumed_role_arn=ARN),
        run(sim, run_module, iam_assumed_role_arn=ARN, check_mode=True),
        run(sim, run_module, state="authorized", role_id=role_id, iam_assumed_role_arn=ARN, check_mode=True),
    ]
    assert [result["changed"] for result in results] == [False] * 5
    assert all(result["role"]["roleId"] == role_id and result["role"]["iamAssumedRoleArn"] == ARN for result in results)
    assert sim.writes() == []
    assert len(stored_roles(sim)) == 1


def test_present_reuses_the_oldest_unauthorized_role(sim, run_module):
    seed_roles(sim, NEW_UNAUTHORIZED, AUTHORIZED, OLD_UNAUTHORIZED)

    result = run(sim, run_module, iam_assumed_role_arn=OTHER_ARN)

    assert (result["changed"], result["role"]["roleId"]) == (False, OLD_UNAUTHORIZED["roleId"])
    assert sim.writes() == []


def test_present_returns_the_role_authorized_for_the_arn(sim, run_module):
    seed_roles(sim, OLD_UNAUTHORIZED, AUTHORIZED)

    result = run(sim, run_module, iam_assumed_role_arn=ARN)

    assert (result["changed"], result["role"]["roleId"]) == (False, AUTHORIZED["roleId"])
    assert methods(sim) == [("GET", ROLES_PATH)]


def test_present_creates_when_every_role_is_authorized_for_another_arn(sim, run_module):
    seed_roles(sim, AUTHORIZED)

    result = run(sim, run_module, iam_assumed_role_arn=OTHER_ARN)

    assert result["changed"] is True and result["role"]["roleId"] != AUTHORIZED["roleId"]
    assert len(stored_roles(sim)) == 2


def test_present_by_role_id(sim, run_module):
    seed_roles(sim, OLD_UNAUTHORIZED, AUTHORIZED)

    result = run(sim, run_module, role_id=AUTHORIZED["roleId"])

    assert (result["changed"], result["role"]["roleId"]) == (False, AUTHORIZED["roleId"])
    assert methods(sim) == [("GET", ROLES_PATH + "/" + AUTHORIZED["roleId"])]


def test_present_with_role_id_and_arn_warns_that_it_does_not_authorize(sim, run_module):
    seed_roles(sim, OLD_UNAUTHORIZED)

    result = run(sim, run_module, role_id=OLD_UNAUTHORIZED["roleId"], iam_assumed_role_arn=ARN)

    assert result["changed"] is False and result["role"].get("iamAssumedRoleArn") is None
    assert any(warning.startswith("iam_assumed_role_arn is ignored when state=present finds the role by role_id") for warning in warnings(result))
    assert sim.writes() == []


def test_check_mode_predicts_a_new_role_without_writing(sim, run_module):
    result = run(sim, run_module, iam_assumed_role_arn=ARN, check_mode=True, diff=True)

    assert result["changed"] is True
    assert result["role"] == {"providerName": "AWS"}
    assert result["diff"] == {"before": {}, "after": {"providerName": "AWS"}}
    assert sim.writes() == [] and stored_roles(sim) == []


def test_check_mode_predicts_the_authorization_without_writing(sim, run_module):
    seed_roles(sim, OLD_UNAUTHORIZED)

    result = run(sim, run_module, state="authorized", role_id=OLD_UNAUTHORIZED["roleId"], iam_assumed_role_arn=ARN, check_mode=True)

    assert result["changed"] is True
    assert result["role"]["roleId"] == OLD_UNAUTHORIZED["roleId"] and result["role"]["iamAssumedRoleArn"] == ARN
    assert sim.writes() == []
    assert stored_roles(sim)[0].get("iamAssumedRoleArn") is None


def test_authorizing_for_another_arn_re_authorizes(sim, run_module):
    seed_roles(sim, AUTHORIZED)

    result = run(sim, run_module, state="authorized", role_id=AUTHORIZED["roleId"], iam_assumed_role_arn=OTHER_ARN, diff=True)

    assert result["changed"] is True
    assert result["diff"]["before"]["iamAssumedRoleArn"] == ARN and result["diff"]["after"]["iamAssumedRoleArn"] == OTHER_ARN
    assert stored_roles(sim)[0]["iamAssumedRoleArn"] == OTHER_ARN


def test_authorized_without_role_id_fails_when_no_role_is_authorized_for_the_arn(sim, run_module):
    seed_roles(sim, OLD_UNAUTHORIZED)

    result = run(sim, run_module, state="authorized", iam_assumed_role_arn=ARN)

    assert result["failed"] is True
    assert result["msg"].startswith("No AWS role in project %s is authorized for %s. Run the task with state=present" % (PROJECT_ID, ARN))
    assert "state=present" in result["msg"] and "role_id" in result["msg"]
    assert sim.writes() == []


def test_a_role_id_that_does_not_exist_fails_present_and_authorized(sim, run_module):
    for state in ("present", "authorized"):
        result = run(sim, run_module, state=state, role_id="6500000000000000000000ee", iam_assumed_role_arn=ARN)

        assert result["failed"] is True
        assert "role_id 6500000000000000000000ee does not exist in project %s" % PROJECT_ID in result["msg"]
    assert sim.writes() == []


def test_a_role_of_another_provider_fails(sim, run_module):
    seed_roles(sim, AZURE_ROLE)

    result = run(sim, run_module, state="authorized", role_id=AZURE_ROLE["_id"], iam_assumed_role_arn=ARN)

    assert result["failed"] is True
    assert result["msg"].endswith("role_id %s is a AZURE role, not a AWS role: set provider=AZURE." % AZURE_ROLE["_id"])
    assert sim.writes() == []


# -- AWS: IAM propagation ---------------------------------------------------------------------------


def test_authorization_is_retried_while_iam_propagates(sim, run_module, fake_clock):
    seed_roles(sim, OLD_UNAUTHORIZED)
    propagate(sim, ARN, 2)

    result = run(sim, run_module, state="authorized", role_id=OLD_UNAUTHORIZED["roleId"], iam_assumed_role_arn=ARN, wait_interval=5)

    assert result["changed"] is True and result["role"]["iamAssumedRoleArn"] == ARN
    patches = [request for request in sim.requests() if request.method == "PATCH"]
    assert [request.status for request in patches] == [400, 400, 200]
    assert fake_clock.sleeps == [5, 5]


def test_authorization_gives_up_after_the_timeout_with_what_to_check(sim, run_module, fake_clock):
    seed_roles(sim, dict(OLD_UNAUTHORIZED, atlasAssumedRoleExternalId=EXTERNAL_ID, atlasAWSAccountArn="arn:aws:iam::210987654321:root"))
    propagate(sim, ARN, 100)

    result = run(sim, run_module, state="authorized", role_id=OLD_UNAUTHORIZED["roleId"], iam_assumed_role_arn=ARN, wait_timeout=30)

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (400, "CANNOT_ASSUME_ROLE")
    assert result["msg"] == (
        "Failed to authorize AWS cloud provider access role %s in project %s: Atlas could not assume IAM role %s in 4 attempts over 30 seconds "
        "(last answer: 400 CANNOT_ASSUME_ROLE: Atlas cannot assume the specified role (%s).). Check that the IAM role exists and that its trust "
        "policy lets arn:aws:iam::210987654321:root assume it (sts:AssumeRole) with the condition sts:ExternalId = %s; a new IAM role can take a "
        "minute or two to propagate: set wait_timeout to retry for longer." % (OLD_UNAUTHORIZED["roleId"], PROJECT_ID, ARN, ARN, EXTERNAL_ID)
    )
    assert fake_clock.sleeps == [10, 10, 10]
    assert stored_roles(sim)[0].get("iamAssumedRoleArn") is None


def test_authorization_retries_for_120_seconds_by_default(sim, run_module, fake_clock):
    seed_roles(sim, OLD_UNAUTHORIZED)
    propagate(sim, ARN, 100)

    result = run(sim, run_module, state="authorized", role_id=OLD_UNAUTHORIZED["roleId"], iam_assumed_role_arn=ARN)

    assert result["failed"] is True and "in 13 attempts over 120 seconds" in result["msg"]
    assert sum(fake_clock.sleeps) == 120


def test_without_wait_authorization_is_tried_once(sim, run_module, fake_clock):
    seed_roles(sim, OLD_UNAUTHORIZED)
    propagate(sim, ARN, 1)

    result = run(sim, run_module, state="authorized", role_id=OLD_UNAUTHORIZED["roleId"], iam_assumed_role_arn=ARN, wait=False)

    assert result["failed"] is True and result["error_code"] == "CANNOT_ASSUME_ROLE"
    assert "failed with 400 CANNOT_ASSUME_ROLE: Atlas cannot assume the specified role" in result["msg"]
    assert [request.method for request in sim.writes()] == ["PATCH"]
    assert fake_clock.sleeps == []


def test_other_authorization_errors_are_not_retried(sim, run_module, fake_clock):
    seed_roles(sim, OLD_UNAUTHORIZED)
    sim.fail_next("PATCH", "cloudProviderAccess", 409)

    result = run(sim, run_module, state="authorized", role_id=OLD_UNAUTHORIZED["roleId"], iam_assumed_role_arn=ARN)

    assert (result["failed"], result["status"]) == (True, 409)
    assert len(sim.writes()) == 1 and fake_clock.sleeps == []


# -- deauthorize ------------------------------------------------------------------------------------


def test_absent_deauthorizes_by_role_id_then_changes_nothing(sim, run_module):
    seed_roles(sim, AUTHORIZED, OLD_UNAUTHORIZED)

    result = run(sim, run_module, state="absent", role_id=AUTHORIZED["roleId"], diff=True)

    assert (result["changed"], result["role"]) == (True, None)
    assert result["diff"]["before"]["roleId"] == AUTHORIZED["roleId"] and result["diff"]["after"] == {}
    assert [(r.method, r.path) for r in sim.writes()] == [("DELETE", "%s/AWS/%s" % (ROLES_PATH, AUTHORIZED["roleId"]))]
    assert [role["roleId"] for role in stored_roles(sim)] == [OLD_UNAUTHORIZED["roleId"]]

    sim.forget_requests()
    again = run(sim, run_module, state="absent", role_id=AUTHORIZED["roleId"])
    assert (again["changed"], again["role"]) == (False, None)
    assert sim.writes() == []


def test_absent_finds_the_role_by_arn(sim, run_module):
    seed_roles(sim, OLD_UNAUTHORIZED, AUTHORIZED)

    result = run(sim, run_module, state="absent", iam_assumed_role_arn=ARN)

    assert result["changed"] is True
    assert [role["roleId"] for role in stored_roles(sim)] == [OLD_UNAUTHORIZED["roleId"]]
    sim.forget_requests()
    assert run(sim, run_module, state="absent", iam_assumed_role_arn=ARN)["changed"] is False
    assert sim.writes() == []


def test_absent_in_check_mode_sends_no_write(sim, run_module):
    seed_roles(sim, AUTHORIZED)

    result = run(sim, run_module, state="absent", role_id=AUTHORIZED["roleId"], check_mode=True)

    assert (result["changed"], result["role"]) == (True, None)
    assert sim.writes() == [] and len(stored_roles(sim)) == 1


def test_a_role_in_use_is_not_deauthorized(sim, run_module):
    seed_roles(sim, dict(AUTHORIZED, featureUsages=[ENCRYPTION_USAGE, EXPORT_USAGE]))

    for check_mode in (False, True):
        result = run(sim, run_module, state="absent", role_id=AUTHORIZED["roleId"], check_mode=check_mode)

        assert result["failed"] is True
        assert result["msg"] == (
            'Not deauthorizing: AWS role %s is still used by 2 Atlas feature(s): ENCRYPTION_AT_REST; EXPORT_SNAPSHOT {"exportBucketId": '
            '"6500000000000000000000e9", "groupId": "%s"}. Remove those features first, or set force=true to ask Atlas to deauthorize it anyway.'
            % (AUTHORIZED["roleId"], PROJECT_ID)
        )
        assert result["role"]["featureUsages"] == [ENCRYPTION_USAGE, EXPORT_USAGE]
    assert sim.writes() == [] and len(stored_roles(sim)) == 1


def test_force_sends_the_deauthorization_and_reports_atlas_refusal(sim, run_module):
    # Atlas itself refuses to remove an AWS role in use (400 AWS_IAM_ROLE_IN_USE), and so does the simulator.
    seed_roles(sim, dict(AUTHORIZED, featureUsages=[ENCRYPTION_USAGE]))

    result = run(sim, run_module, state="absent", role_id=AUTHORIZED["roleId"], force=True)

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (400, "AWS_IAM_ROLE_IN_USE")
    assert "Cannot remove the AWS IAM role because it is still in use." in result["msg"]
    assert warnings(result) == [
        "Deauthorizing although AWS role %s is still used by 1 Atlas feature(s): ENCRYPTION_AT_REST (force=true)." % AUTHORIZED["roleId"]
    ]
    assert [request.method for request in sim.writes()] == ["DELETE"]


def test_force_deauthorizes_a_role_in_use_when_atlas_accepts(sim, run_module, monkeypatch):
    # With force the module leaves the decision to Atlas. The simulator refuses like Atlas while
    # featureUsages is not empty, so the usage ends between the module's read and its DELETE.
    seed_roles(sim, dict(AUTHORIZED, featureUsages=[ENCRYPTION_USAGE]))
    unused = sim.state()
    sim.project(state=unused)["cloud_provider_access"][0]["featureUsages"] = []
    real_read_role = atlas_cloud_provider_role.read_role

    def read_then_end_the_usage(client, project_id, role_id):
        role = real_read_role(client, project_id, role_id)
        sim.set_state(unused)
        return role

    monkeypatch.setattr(atlas_cloud_provider_role, "read_role", read_then_end_the_usage)

    result = run(sim, run_module, state="absent", role_id=AUTHORIZED["roleId"], force=True)

    assert (result["changed"], result["role"]) == (True, None)
    assert "still used by 1 Atlas feature(s): ENCRYPTION_AT_REST" in warnings(result)[0]
    assert stored_roles(sim) == []


def test_force_is_ignored_with_a_warning_outside_absent(sim, run_module):
    result = run(sim, run_module, force=True, wait_timeout=60)

    assert result["changed"] is True
    assert warnings(result) == [
        "wait_timeout is ignored when provider=AWS and state=present (nothing to wait for).",
        "force is ignored when state=present.",
    ]


def test_absent_in_an_unknown_project_fails_rather_than_reporting_absent(sim, run_module):
    result = run_module(main, sim.module_args(project_id=UNKNOWN_PROJECT_ID, state="absent", role_id=AUTHORIZED["roleId"]))

    assert result["failed"] is True
    assert (result["status"], result["error_code"]) == (404, "GROUP_NOT_FOUND")
    assert sim.writes() == []


def test_absent_with_a_wrong_key_fails_rather_than_reporting_absent(sim, run_module):
    seed_roles(sim, AUTHORIZED)

    result = run(sim, run_module, state="absent", role_id=AUTHORIZED["roleId"], private_key="not-the-private-key")

    assert result["failed"] is True and result.get("changed") is not True
    assert (result["status"], result["error_code"]) == (401, "UNEXPECTED_ERROR")
    assert "not-the-private-key" not in str(result)
    assert sim.writes() == [] and len(stored_roles(sim)) == 1


# -- Azure ------------------------------------------------------------------------------------------

AZURE_ARGS = dict(provider="AZURE", atlas_azure_app_id=APP, service_principal_id=SP, tenant_id=TENANT)


def test_azure_story(sim, run_module):
    created = run(sim, run_module, **AZURE_ARGS)

    assert created["changed"] is True
    role = created["role"]
    assert role["roleId"] == role["_id"]
    assert (role["atlasAzureAppId"], role["servicePrincipalId"], role["tenantId"]) == (APP, SP, TENANT)
    assert sim.writes()[0].body == {"providerName": "AZURE", "atlasAzureAppId": APP, "servicePrincipalId": SP, "tenantId": TENANT}

    sim.forget_requests()
    upper_case_ids = dict(AZURE_ARGS)
    upper_case_ids.update(service_principal_id=SP.upper(), tenant_id=TENANT.upper())
    results = [
        run(sim, run_module, **AZURE_ARGS),
        run(sim, run_module, state="authorized", **AZURE_ARGS),
        run(sim, run_module, **upper_case_ids),
        run(sim, run_module, provider="AZURE", role_id=role["_id"]),
        run(sim, run_module, check_mode=True, **AZURE_ARGS),
    ]
    assert [result["changed"] for result in results] == [False] * 5
    assert all(result["role"]["roleId"] == role["_id"] for result in results)
    assert sim.writes() == []

    removed = run(sim, run_module, state="absent", provider="AZURE", service_principal_id=SP, tenant_id=TENANT)
    assert removed["changed"] is True
    assert [(r.method, r.path) for r in sim.writes()] == [("DELETE", "%s/AZURE/%s" % (ROLES_PATH, role["_id"]))]
    assert stored_roles(sim) == []


def test_azure_role_without_app_id_gets_the_one_atlas_derives(sim, run_module):
    result = run(sim, run_module, provider="AZURE", service_principal_id=SP, tenant_id=TENANT)

    assert result["changed"] is True and result["role"]["atlasAzureAppId"]
    assert sim.writes()[0].body == {"providerName": "AZURE", "servicePrincipalId": SP, "tenantId": TENANT}


def test_azure_role_with_another_app_id_is_updated(sim, run_module):
    seed_roles(sim, AZURE_ROLE)

    other_app = dict(AZURE_ARGS)
    other_app["atlas_azure_app_id"] = OTHER_APP

    result = run(sim, run_module, diff=True, **other_app)

    assert result["changed"] is True and result["role"]["atlasAzureAppId"] == OTHER_APP
    assert result["diff"]["before"]["atlasAzureAppId"] == APP
    assert [(r.method, r.path, r.body) for r in sim.writes()] == [
        (
            "PATCH",
            "%s/%s" % (ROLES_PATH, AZURE_ROLE["_id"]),
            {"providerName": "AZURE", "atlasAzureAppId": OTHER_APP, "servicePrincipalId": SP, "tenantId": TENANT},
        )
    ]


def test_azure_absent_by_role_id_in_check_mode(sim, run_module):
    seed_roles(sim, AZURE_ROLE)

    result = run(sim, run_module, state="absent", provider="AZURE", role_id=AZURE_ROLE["_id"], check_mode=True)

    assert result["changed"] is True and sim.writes() == []


def test_an_azure_role_in_use_is_not_deauthorized(sim, run_module):
    seed_roles(sim, dict(AZURE_ROLE, featureUsages=[ENCRYPTION_USAGE]))

    result = run(sim, run_module, state="absent", provider="AZURE", role_id=AZURE_ROLE["_id"])

    assert result["failed"] is True
    assert result["msg"].startswith("Not deauthorizing: AZURE role %s is still used by 1 Atlas feature(s): ENCRYPTION_AT_REST." % AZURE_ROLE["_id"])
    assert sim.writes() == []


# -- GCP --------------------------------------------------------------------------------------------


def test_gcp_role_is_created_and_awaited_until_complete(sim, run_module, fake_clock):
    result = run(sim, run_module, provider="GCP", wait_interval=3)

    assert result["changed"] is True
    role = result["role"]
    assert role["status"] == "COMPLETE" and role["gcpServiceAccountForAtlas"].endswith(".iam.gserviceaccount.com")
    assert sim.writes()[0].body == {"providerName": "GCP"}
    # Created IN_PROGRESS; read once more IN_PROGRESS, then COMPLETE.
    assert methods(sim) == [("GET", ROLES_PATH), ("POST", ROLES_PATH)] + [("GET", "%s/%s" % (ROLES_PATH, role["roleId"]))] * 2
    assert fake_clock.sleeps == [3]

    sim.forget_requests()
    for args in (dict(provider="GCP"), dict(provider="GCP", state="authorized"), dict(provider="GCP", role_id=role["roleId"])):
        again = run(sim, run_module, **args)
        assert (again["changed"], again["role"]["roleId"], again["role"]["status"]) == (False, role["roleId"], "COMPLETE")
    assert sim.writes() == []


def test_gcp_without_wait_returns_the_role_in_progress(sim, run_module, fake_clock):
    result = run(sim, run_module, provider="GCP", wait=False)

    assert result["changed"] is True and result["role"]["status"] == "IN_PROGRESS"
    assert methods(sim) == [("GET", ROLES_PATH), ("POST", ROLES_PATH)]


def test_gcp_check_mode_sends_no_write_and_does_not_wait(sim, run_module, fake_clock):
    result = run(sim, run_module, provider="GCP", check_mode=True)

    assert (result["changed"], result["role"]) == (True, {"providerName": "GCP"})
    assert methods(sim) == [("GET", ROLES_PATH)] and fake_clock.sleeps == []


def test_a_re_run_waits_for_a_role_still_in_progress_without_writing(sim, run_module, fake_clock):
    first = run(sim, run_module, provider="GCP", wait=False)
    sim.forget_requests()

    again = run(sim, run_module, provider="GCP")

    assert (again["changed"], again["role"]["roleId"], again["role"]["status"]) == (False, first["role"]["roleId"], "COMPLETE")
    assert sim.writes() == []


def test_gcp_wait_times_out_with_the_state_seen_last(sim, run_module, fake_clock):
    state = sim.state()
    state["progression"] = {"reads_per_step": 1000, "seconds_per_step": 100000}
    sim.set_state(state)

    result = run(sim, run_module, provider="GCP", wait_timeout=20)

    assert result["failed"] is True
    assert result["msg"].startswith("GCP role %s in project %s did not reach status COMPLETE within 20 seconds; its state is IN_PROGRESS." % (
        result["role"]["roleId"], PROJECT_ID))
    assert result["role"]["status"] == "IN_PROGRESS"
    assert fake_clock.sleeps == [10, 10]


def test_a_failed_gcp_role_fails_the_task(sim, run_module, fake_clock):
    seed_roles(sim, dict(GCP_ROLE, status="FAILED"))

    result = run(sim, run_module, provider="GCP")

    assert result["failed"] is True
    assert result["msg"].startswith(
        "Cannot wait for GCP role %s in project %s to reach status COMPLETE: its status is FAILED." % (GCP_ROLE["roleId"], PROJECT_ID)
    )
    assert sim.writes() == []


def test_gcp_absent_by_role_id(sim, run_module):
    seed_roles(sim, GCP_ROLE)

    result = run(sim, run_module, provider="GCP", state="absent", role_id=GCP_ROLE["roleId"])

    assert result["changed"] is True
    assert [(r.method, r.path) for r in sim.writes()] == [("DELETE", "%s/GCP/%s" % (ROLES_PATH, GCP_ROLE["roleId"]))]
    sim.forget_requests()
    assert run(sim, run_module, provider="GCP", state="absent", role_id=GCP_ROLE["roleId"])["changed"] is False
    assert sim.writes() == []
