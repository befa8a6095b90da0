"""Cloud provider access roles: list, create (AWS, Azure, GCP), get, authorize, deauthorize.

Azure service principals are identified by ``_id`` where AWS and GCP roles use ``roleId``. A
project's first GCP role is created asynchronously (``IN_PROGRESS`` until the project's GCP folder
is provisioned, then ``COMPLETE``); once one is ``COMPLETE``, new GCP roles are complete at once,
as the spec describes.

Error answers seen from Atlas (Terraform provider acceptance-test logs, mongodb/terraform-provider-mongodbatlas):
- authorizing an AWS role Atlas cannot assume yet (IAM propagates for a while after the role or its
  trust policy was created) is 400 ``CANNOT_ASSUME_ROLE`` "Atlas cannot assume the specified role
  (<arn>)."; ``POST /__sim__/iam_propagation`` makes the next attempts for an ARN answer that;
- deauthorizing an AWS role that features still use is 400 ``AWS_IAM_ROLE_IN_USE``;
- a role id that does not exist is 404 ``CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND`` (seen from push-based
  log export given an unknown role id; that the role's own endpoints answer it too is an inference).
"""

import re

from .. import errors, lifecycle
from ..clock import format_time
from ..ids import object_id, random_lower_alnum, random_uuid
from .common import ControlCall, Family, Reply, control_route, find, find_project, public

# The AWS account Atlas assumes roles from, as Atlas shows it to every project. (made up)
ATLAS_AWS_ACCOUNT_ARN = "arn:aws:iam::210987654321:root"
IAM_ROLE_ARN_RE = re.compile(r"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]+$")
# Atlas' own Azure AD application, which the spec says is "derived from the Azure subscription if
# not provided". (made up)
ATLAS_AZURE_APP_ID = "9f2deb0d-411e-4a87-ba5f-7b1b0b2a4a51"
AZURE_FIELDS = ("atlasAzureAppId", "servicePrincipalId", "tenantId")
# The spec marks none of the three required; without a service principal and its tenant there is
# nothing to authorize. (guess)
AZURE_REQUIRED = ("servicePrincipalId", "tenantId")
# Top-level state key: IAM role ARN -> how many more authorize attempts Atlas cannot assume it.
PROPAGATING = "iam_roles_propagating"
LIST_KEYS = {"AWS": "awsIamRoles", "AZURE": "azureServicePrincipals", "GCP": "gcpServiceAccounts"}


def role_id(role):
    return role["_id"] if role["providerName"] == "AZURE" else role["roleId"]


def _gcp_service_account():
    return f"mongodb-atlas-{random_lower_alnum(16)}@p-{random_lower_alnum(24)}.iam.gserviceaccount.com"


def normalize_role(role, now):
    provider = role["providerName"]
    role.setdefault("createdDate", format_time(now))
    role.setdefault("featureUsages", [])
    if provider == "AWS":
        role.setdefault("roleId", object_id(now))
        role.setdefault("atlasAWSAccountArn", ATLAS_AWS_ACCOUNT_ARN)
        role.setdefault("atlasAssumedRoleExternalId", random_uuid())
        # Atlas answers an AWS role not authorized yet with both fields null (real-atlas-cli
        # GET_groups_{groupId}_cloudProviderAccess/01.json, POST_groups_{groupId}_cloudProviderAccess/01.json).
        role.setdefault("authorizedDate", None)
        role.setdefault("iamAssumedRoleArn", None)
    elif provider == "AZURE":
        role.setdefault("_id", object_id(now))
        role.setdefault("lastUpdatedDate", role["createdDate"])
    elif provider == "GCP":
        role.setdefault("roleId", object_id(now))
        role.setdefault("status", "COMPLETE")
        if role["status"] == "COMPLETE":
            role.setdefault("gcpServiceAccountForAtlas", _gcp_service_account())
    return role


def _on_enter(role, status):
    if status == "COMPLETE":
        role.setdefault("gcpServiceAccountForAtlas", _gcp_service_account())


def _refresh(call, role):
    if role["providerName"] == "GCP":
        before = role["status"]
        lifecycle.refresh(role, lifecycle.GCP_ROLE, call.now, call.store.progression, _on_enter)
        if role["status"] != before:
            call.store.mark_changed()
    return role


def _show(role):
    lifecycle.observed(role)
    return public(role)


def _find_role(call, project):
    wanted = call.path["roleId"]
    missing = errors.not_found(
        f"No cloud provider access role with ID {wanted} exists.", wanted, code="CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND"
    )
    return _refresh(call, find(project["cloud_provider_access"], role_id, wanted, missing))


def list_roles(call):
    project = find_project(call)
    body = {key: [] for key in LIST_KEYS.values()}
    for role in project["cloud_provider_access"]:
        body[LIST_KEYS[role["providerName"]]].append(_show(_refresh(call, role)))
    return Reply(200, body)


def get_role(call):
    return Reply(200, _show(_find_role(call, find_project(call))))


def create_role(call):
    project, body = find_project(call), call.body
    provider = body["providerName"]
    role = {"providerName": provider}
    if provider == "AZURE":
        for field in AZURE_REQUIRED:
            if field not in body:
                raise errors.missing_attribute(field)
        for field in AZURE_FIELDS:
            role[field] = body.get(field, ATLAS_AZURE_APP_ID if field == "atlasAzureAppId" else None)
    if provider == "GCP":
        provisioned = any(
            r["providerName"] == "GCP" and _refresh(call, r)["status"] == "COMPLETE"
            for r in project["cloud_provider_access"]
        )
        if provisioned:
            role["status"] = "COMPLETE"
        else:
            lifecycle.start(role, "status", "IN_PROGRESS", call.now)
    normalize_role(role, call.now)
    project["cloud_provider_access"].append(role)
    return Reply(200, public(role))


def authorize_role(call):
    project, body = find_project(call), call.body
    role = _find_role(call, project)
    if body["providerName"] != role["providerName"]:
        raise errors.invalid_attribute("providerName", f"Role {role_id(role)} is a {role['providerName']} role.")
    if role["providerName"] == "AWS":
        arn = body.get("iamAssumedRoleArn")
        if arn is None:
            raise errors.missing_attribute("iamAssumedRoleArn")
        if not IAM_ROLE_ARN_RE.match(arn):
            raise errors.invalid_attribute(
                "iamAssumedRoleArn", "Use the ARN of an IAM role: arn:aws:iam::<account>:role/<name>."
            )
        _assume(call, arn)
        role["iamAssumedRoleArn"] = arn
        role["authorizedDate"] = format_time(call.now)
    elif role["providerName"] == "AZURE":
        for field in AZURE_FIELDS:
            if field in body:
                role[field] = body[field]
        role["lastUpdatedDate"] = format_time(call.now)
    # GCP: "not required for GCP service account access"; the role is answered unchanged.
    return Reply(200, public(role))


def _assume(call, arn):
    """Refuse as Atlas does while it cannot assume the IAM role yet (see ``POST /__sim__/iam_propagation``)."""
    propagating = call.state.get(PROPAGATING) or {}
    if propagating.get(arn, 0) > 0:
        propagating[arn] -= 1
        call.store.mark_changed()
        raise errors.bad_request("CANNOT_ASSUME_ROLE", f"Atlas cannot assume the specified role ({arn}).", arn)


def deauthorize_role(call):
    project = find_project(call)
    role = _find_role(call, project)
    if role["providerName"] != call.path["cloudProvider"]:
        raise errors.not_found(
            f"No {call.path['cloudProvider']} cloud provider access role with ID {role_id(role)} exists.",
            role_id(role),
            code="CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND",
        )
    if role["featureUsages"]:
        if role["providerName"] == "AWS":
            message = f"Cannot remove the AWS IAM role ({role_id(role)}) because it is still in use."
            raise errors.bad_request(
                "AWS_IAM_ROLE_IN_USE", "Cannot remove the AWS IAM role because it is still in use.", message
            )
        raise errors.bad_request(  # (guess: CLOUD_PROVIDER_ACCESS_ROLE_IN_USE)
            "CLOUD_PROVIDER_ACCESS_ROLE_IN_USE",
            "The role is in use by Atlas features; remove them first.",
            role_id(role),
        )
    project["cloud_provider_access"].remove(role)
    return Reply(204)


def set_iam_propagation(control: ControlCall):
    """``POST /__sim__/iam_propagation`` ``{"iamAssumedRoleArn": ARN, "attempts": N}``: the next N
    authorizations for ARN answer 400 CANNOT_ASSUME_ROLE, as while a new IAM role propagates."""
    body = control.body or {}
    arn, attempts = body.get("iamAssumedRoleArn"), body.get("attempts", 1)
    if not isinstance(arn, str) or not isinstance(attempts, int) or isinstance(attempts, bool) or attempts < 0:
        raise errors.bad_request("VALIDATION_ERROR", "Send {\"iamAssumedRoleArn\": <ARN>, \"attempts\": <integer >= 0>}.")
    propagating = control.store.state.setdefault(PROPAGATING, {})
    propagating[arn] = attempts
    return {PROPAGATING: dict(propagating)}


FAMILY = Family(
    handlers={
        "listGroupCloudProviderAccess": list_roles,
        "getGroupCloudProviderAccess": get_role,
        "createGroupCloudProviderAccess": create_role,
        "authorizeGroupCloudProviderAccessRole": authorize_role,
        "deauthorizeGroupCloudProviderAccessRole": deauthorize_role,
    },
    project_lists={"cloud_provider_access": lambda role, seeding: normalize_role(role, seeding.now)},
    control_routes={control_route("POST", r"/__sim__/iam_propagation"): set_iam_propagation},
)
