"""Cloud provider access roles: list, create (AWS, Azure, GCP), get, authorize, deauthorize.

Azure service principals are identified by ``_id`` where AWS and GCP roles use ``roleId``. A
project's first GCP role is created asynchronously (``IN_PROGRESS`` until the project's GCP folder
is provisioned, then ``COMPLETE``); once one is ``COMPLETE``, new GCP roles are complete at once,
as the spec describes.
"""

import re

from .. import errors, lifecycle
from ..clock import format_time
from ..ids import object_id, random_lower_alnum, random_uuid
from .common import Family, Reply, find, find_project, public

# The AWS account Atlas assumes roles from, as Atlas shows it to every project. (made up)
ATLAS_AWS_ACCOUNT_ARN = "arn:aws:iam::210987654321:root"
IAM_ROLE_ARN_RE = re.compile(r"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]+$")
AZURE_REQUIRED = ("atlasAzureAppId", "servicePrincipalId", "tenantId")
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
    missing = errors.not_found(f"No cloud provider access role with ID {wanted} exists.", wanted)
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
            role[field] = body[field]
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
        role["iamAssumedRoleArn"] = arn
        role["authorizedDate"] = format_time(call.now)
    elif role["providerName"] == "AZURE":
        for field in AZURE_REQUIRED:
            if field in body:
                role[field] = body[field]
        role["lastUpdatedDate"] = format_time(call.now)
    # GCP: "not required for GCP service account access"; the role is answered unchanged.
    return Reply(200, public(role))


def deauthorize_role(call):
    project = find_project(call)
    role = _find_role(call, project)
    if role["providerName"] != call.path["cloudProvider"]:
        raise errors.not_found(
            f"No {call.path['cloudProvider']} cloud provider access role with ID {role_id(role)} exists.", role_id(role)
        )
    if role["featureUsages"]:
        raise errors.bad_request(  # (guess: CLOUD_PROVIDER_ACCESS_ROLE_IN_USE)
            "CLOUD_PROVIDER_ACCESS_ROLE_IN_USE",
            "The role is in use by Atlas features; remove them first.",
            role_id(role),
        )
    project["cloud_provider_access"].remove(role)
    return Reply(204)


FAMILY = Family(
    handlers={
        "listGroupCloudProviderAccess": list_roles,
        "getGroupCloudProviderAccess": get_role,
        "createGroupCloudProviderAccess": create_role,
        "authorizeGroupCloudProviderAccessRole": authorize_role,
        "deauthorizeGroupCloudProviderAccessRole": deauthorize_role,
    },
    project_lists={"cloud_provider_access": lambda role, seeding: normalize_role(role, seeding.now)},
)
