"""Cloud provider access roles: create per provider, get, list, authorize, deauthorize."""

import re

import pytest
from sim_helpers import PROJECT, assert_atlas_error

V = "2023-01-01"
ROLES = f"{PROJECT}/cloudProviderAccess"
AZURE = {
    "providerName": "AZURE",
    "atlasAzureAppId": "9f2deb0d-411e-4a87-ba5f-7b1b0b2a4a51",
    "servicePrincipalId": "a1b2c3d4-0000-4000-8000-000000000001",
    "tenantId": "91402512-d2de-4b1f-b8d0-6a2c6a2c6a2c",
}
ROLE_ARN = "arn:aws:iam::123456789012:role/atlas-access"


def create(atlas, body):
    response = atlas.post(ROLES, V, json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_create_an_aws_role_gives_the_trust_policy_details(atlas):
    role = create(atlas, {"providerName": "AWS"})
    assert re.fullmatch(r"[a-f0-9]{24}", role["roleId"])
    assert role["atlasAWSAccountArn"].startswith("arn:aws:iam::")
    assert re.fullmatch(r"[0-9a-f-]{36}", role["atlasAssumedRoleExternalId"])
    assert role["featureUsages"] == []
    assert role["authorizedDate"] is None and role["iamAssumedRoleArn"] is None  # as Atlas answers them


def test_authorize_then_deauthorize_an_aws_role(atlas):
    role = create(atlas, {"providerName": "AWS"})
    path = f"{ROLES}/{role['roleId']}"
    authorized = atlas.patch(path, V, json={"providerName": "AWS", "iamAssumedRoleArn": ROLE_ARN})
    assert authorized.status_code == 200
    assert authorized.json()["iamAssumedRoleArn"] == ROLE_ARN and "authorizedDate" in authorized.json()
    assert atlas.get(path, V).json()["iamAssumedRoleArn"] == ROLE_ARN
    assert atlas.delete(f"{ROLES}/AWS/{role['roleId']}", V).status_code == 204
    assert_atlas_error(atlas.get(path, V), 404, "CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND")


def test_authorizing_needs_a_role_arn(atlas):
    role = create(atlas, {"providerName": "AWS"})
    path = f"{ROLES}/{role['roleId']}"
    assert_atlas_error(atlas.patch(path, V, json={"providerName": "AWS"}), 400, "MISSING_ATTRIBUTE")
    bad = atlas.patch(path, V, json={"providerName": "AWS", "iamAssumedRoleArn": "arn:aws:s3:::bucket/not-a-role"})
    assert assert_atlas_error(bad, 400, "INVALID_ATTRIBUTE")["parameters"] == ["iamAssumedRoleArn"]


def test_authorizing_with_another_provider_is_refused(atlas):
    role = create(atlas, {"providerName": "AWS"})
    assert_atlas_error(atlas.patch(f"{ROLES}/{role['roleId']}", V, json=AZURE), 400, "INVALID_ATTRIBUTE")


def test_deauthorizing_under_another_provider_is_404(atlas):
    role = create(atlas, {"providerName": "AWS"})
    assert_atlas_error(atlas.delete(f"{ROLES}/GCP/{role['roleId']}", V), 404, "CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND")


def test_a_role_in_use_cannot_be_deauthorized(atlas, control):
    role = create(atlas, {"providerName": "AWS"})
    state = control.state()
    stored = next(r for p in state["projects"] for r in p["cloud_provider_access"] if r.get("roleId") == role["roleId"])
    stored["featureUsages"] = [{"featureType": "ENCRYPTION_AT_REST", "featureId": {}}]
    control.set_state(state)
    refused = assert_atlas_error(atlas.delete(f"{ROLES}/AWS/{role['roleId']}", V), 400, "AWS_IAM_ROLE_IN_USE")
    # As Atlas answers it (seen in the Terraform provider's acceptance-test logs).
    assert refused["detail"] == "Cannot remove the AWS IAM role because it is still in use."
    assert refused["parameters"] == [f"Cannot remove the AWS IAM role ({role['roleId']}) because it is still in use."]
    assert atlas.get(f"{ROLES}/{role['roleId']}", V).status_code == 200


def test_an_azure_role_in_use_cannot_be_deauthorized(atlas, control):
    role = create(atlas, AZURE)
    state = control.state()
    stored = next(r for p in state["projects"] for r in p["cloud_provider_access"] if r.get("_id") == role["_id"])
    stored["featureUsages"] = [{"featureType": "ENCRYPTION_AT_REST", "featureId": {}}]
    control.set_state(state)
    assert_atlas_error(atlas.delete(f"{ROLES}/AZURE/{role['_id']}", V), 400, "CLOUD_PROVIDER_ACCESS_ROLE_IN_USE")


def test_azure_roles_use_underscore_id_and_need_their_three_ids(atlas):
    role = create(atlas, AZURE)
    assert "roleId" not in role and re.fullmatch(r"[a-f0-9]{24}", role["_id"])
    assert role["tenantId"] == AZURE["tenantId"]
    assert atlas.get(f"{ROLES}/{role['_id']}", V).json()["_id"] == role["_id"]
    incomplete = {k: v for k, v in AZURE.items() if k != "tenantId"}
    assert assert_atlas_error(atlas.post(ROLES, V, json=incomplete), 400, "MISSING_ATTRIBUTE")["parameters"] == [
        "tenantId"
    ]
    assert atlas.delete(f"{ROLES}/AZURE/{role['_id']}", V).status_code == 204


def test_the_first_gcp_role_is_in_progress_then_complete(atlas):
    role = create(atlas, {"providerName": "GCP"})
    assert role["status"] == "IN_PROGRESS" and "gcpServiceAccountForAtlas" not in role
    path = f"{ROLES}/{role['roleId']}"
    assert atlas.get(path, V).json()["status"] == "IN_PROGRESS"
    complete = atlas.get(path, V).json()
    assert complete["status"] == "COMPLETE"
    assert complete["gcpServiceAccountForAtlas"].endswith(".iam.gserviceaccount.com")
    # The project's GCP folder exists now: the next role is created synchronously.
    assert create(atlas, {"providerName": "GCP"})["status"] == "COMPLETE"


def test_a_gcp_role_completes_over_time(atlas, control):
    role = create(atlas, {"providerName": "GCP"})
    control.advance(10)
    assert atlas.get(f"{ROLES}/{role['roleId']}", V).json()["status"] == "COMPLETE"


def test_roles_are_listed_by_provider(atlas):
    create(atlas, {"providerName": "AWS"})
    create(atlas, AZURE)
    body = atlas.get(ROLES, V).json()
    assert [len(body[k]) for k in ("awsIamRoles", "azureServicePrincipals", "gcpServiceAccounts")] == [1, 1, 0]


def test_an_unknown_provider_is_refused(atlas):
    response = atlas.post(ROLES, V, json={"providerName": "ORACLE"})
    assert assert_atlas_error(response, 400, "INVALID_ATTRIBUTE")["parameters"] == ["providerName"]


def test_an_unknown_role_is_404(atlas):
    unknown = "6500000000000000000000ff"
    for response in (
        atlas.get(f"{ROLES}/{unknown}", V),
        atlas.patch(f"{ROLES}/{unknown}", V, json={"providerName": "AWS", "iamAssumedRoleArn": ROLE_ARN}),
        atlas.delete(f"{ROLES}/AWS/{unknown}", V),
    ):
        assert assert_atlas_error(response, 404, "CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND")["parameters"] == [unknown]


def test_the_atlas_azure_app_id_is_optional_on_create(atlas):
    # The spec: atlasAzureAppId "is optional and will be derived from the Azure subscription if not provided".
    role = create(atlas, {k: v for k, v in AZURE.items() if k != "atlasAzureAppId"})
    assert re.fullmatch(r"[0-9a-f-]{36}", role["atlasAzureAppId"])
    assert role["servicePrincipalId"] == AZURE["servicePrincipalId"]


def test_authorizing_fails_while_the_iam_role_propagates(atlas, control):
    role = create(atlas, {"providerName": "AWS"})
    path = f"{ROLES}/{role['roleId']}"
    answer = control.post("iam_propagation", {"iamAssumedRoleArn": ROLE_ARN, "attempts": 2})
    assert answer.status_code == 200 and answer.json() == {"iam_roles_propagating": {ROLE_ARN: 2}}
    body = {"providerName": "AWS", "iamAssumedRoleArn": ROLE_ARN}
    for attempt in (1, 2):
        refused = assert_atlas_error(atlas.patch(path, V, json=body), 400, "CANNOT_ASSUME_ROLE")
        assert refused["detail"] == f"Atlas cannot assume the specified role ({ROLE_ARN})."
        assert refused["parameters"] == [ROLE_ARN]
        assert atlas.get(path, V).json()["iamAssumedRoleArn"] is None, attempt
    assert atlas.patch(path, V, json=body).json()["iamAssumedRoleArn"] == ROLE_ARN
    assert control.state()["iam_roles_propagating"] == {ROLE_ARN: 0}


def test_propagation_concerns_only_its_arn(atlas, control):
    role = create(atlas, {"providerName": "AWS"})
    control.post("iam_propagation", {"iamAssumedRoleArn": ROLE_ARN + "-other", "attempts": 5})
    body = {"providerName": "AWS", "iamAssumedRoleArn": ROLE_ARN}
    assert atlas.patch(f"{ROLES}/{role['roleId']}", V, json=body).status_code == 200


@pytest.mark.parametrize("body", [{}, {"iamAssumedRoleArn": ROLE_ARN, "attempts": -1}, {"iamAssumedRoleArn": 3}])
def test_the_propagation_control_route_checks_its_body(control, body):
    assert control.post("iam_propagation", body).status_code == 400


def test_a_reset_ends_propagation(atlas, control):
    control.post("iam_propagation", {"iamAssumedRoleArn": ROLE_ARN, "attempts": 5})
    control.post("reset").raise_for_status()
    role = create(atlas, {"providerName": "AWS"})
    body = {"providerName": "AWS", "iamAssumedRoleArn": ROLE_ARN}
    assert atlas.patch(f"{ROLES}/{role['roleId']}", V, json=body).status_code == 200
