#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_cloud_provider_role
short_description: Give MongoDB Atlas access to an AWS, Azure or GCP account (cloud provider access roles)
version_added: 0.1.0
description:
  - Manages the cloud provider access roles of an Atlas project, which features such as encryption at rest,
    Data Federation, snapshot export and log export use to reach the customer's cloud account.
  - "B(AWS) is a two-step flow, and every step re-runs with no change:
    first O(state=present) returns a role with the external id (C(atlasAssumedRoleExternalId)) and the
    AWS account (C(atlasAWSAccountArn)) Atlas assumes roles from; then the user creates an IAM role whose
    trust policy lets that account assume it with that external id; then O(state=authorized) tells Atlas
    to assume that IAM role (O(iam_assumed_role_arn))."
  - "With O(state=present) and no O(role_id), the module returns, in this order: the role already
    authorized for O(iam_assumed_role_arn); else an AWS role not authorized yet, reused (the oldest);
    else a new role. Unauthorized roles therefore never pile up."
  - B(Azure) roles (service principals) are found by O(role_id) or by O(service_principal_id) and O(tenant_id),
    and created with them; Atlas needs no separate authorization, so O(state=present) and O(state=authorized)
    are the same. A role whose O(atlas_azure_app_id) differs from the task's is updated.
  - B(GCP) roles (service accounts) need no authorization either. A project's first GCP role is created
    asynchronously (C(IN_PROGRESS), then C(COMPLETE)); the module waits for C(COMPLETE) unless O(wait=false).
    Without O(role_id), the project's existing GCP role (the oldest) is used.
  - Atlas shows Azure roles with C(_id) where AWS and GCP roles have C(roleId); the module returns C(roleId)
    for every provider as well.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
  - atlas_ops.admin.scope.project
  - atlas_ops.admin.wait
options:
  provider:
    description:
      - Cloud provider of the role.
      - The options of the other providers cannot be used with it.
    type: str
    choices: [AWS, AZURE, GCP]
    default: AWS
  state:
    description:
      - V(present) makes sure the role exists and returns it (see the description for how it is chosen).
        It never authorizes an AWS role.
      - V(authorized) makes sure the AWS role O(role_id) is authorized for O(iam_assumed_role_arn),
        authorizing it when it is not. Without O(role_id), the role already authorized for
        O(iam_assumed_role_arn) is returned, and the task fails when there is none. For Azure and GCP,
        the same as V(present).
      - V(absent) deauthorizes the role (Atlas then removes it). A role that does not exist is left alone.
        A role that Atlas features still use is not deauthorized, unless O(force=true).
    type: str
    choices: [present, authorized, absent]
    default: present
  role_id:
    description:
      - Unique 24-hexadecimal-digit id of the role (C(roleId), or C(_id) for Azure), as a previous task returned it.
      - Without it, the role is found by O(iam_assumed_role_arn) (AWS), by O(service_principal_id) and
        O(tenant_id) (Azure), or is the project's GCP role.
      - Required with O(provider=GCP) and O(state=absent).
      - With O(state=present) and O(state=authorized), a role id that does not exist fails the task.
    type: str
  iam_assumed_role_arn:
    description:
      - AWS only. ARN of the IAM role in the customer's account that Atlas assumes, such as
        V(arn:aws:iam::123456789012:role/atlas-access).
      - Required with O(state=authorized). With O(state=absent), finds the role to deauthorize when
        O(role_id) is not given. With O(state=present), returns the role already authorized for it.
    type: str
  atlas_azure_app_id:
    description:
      - Azure only. Application id (a UUID) of Atlas in Azure Active Directory.
      - When not set on a new role, Atlas derives it from the Azure subscription.
    type: str
  service_principal_id:
    description:
      - Azure only. Id (a UUID) of the service principal Atlas uses.
      - Set together with O(tenant_id). Required without O(role_id).
    type: str
  tenant_id:
    description:
      - Azure only. Id (a UUID) of the Azure Active Directory tenant of the service principal.
      - Set together with O(service_principal_id). Required without O(role_id).
    type: str
  force:
    description:
      - With O(state=absent), ask Atlas to deauthorize the role even while it lists feature usages
        (C(featureUsages)), with a warning naming them. Atlas itself may still refuse (it answers
        C(AWS_IAM_ROLE_IN_USE) for an AWS role in use), and the task then fails with its answer.
      - With V(false), a role in use is left alone and the task fails, listing the features that use it.
    type: bool
    default: false
  wait:
    description:
      - GCP, with O(state=present) or O(state=authorized), wait until the role's C(status) is C(COMPLETE).
        A C(FAILED) role fails the task.
      - "AWS, with O(state=authorized): while Atlas cannot assume the IAM role yet (C(CANNOT_ASSUME_ROLE),
        as happens for a while after the IAM role or its trust policy was created), try again every
        O(wait_interval) seconds until O(wait_timeout) runs out; when O(wait_timeout) is not set, for
        V(120) seconds (not the V(1200) of other waits: a wrong trust policy should fail soon).
        With V(false), a single attempt."
      - Ignored, with a warning, when set in a task that does not wait.
    type: bool
    default: true
notes:
  - The module reads the project's roles with one request (Atlas does not paginate them) or one role by O(role_id).
  - In check mode, a new role is predicted without its ids (Atlas assigns them) and nothing is written.
  - A project id that does not exist fails the task, also with O(state=absent).
  - The API key or service account needs the Project Owner role to create, authorize or deauthorize roles.
  - Atlas' cloud provider access endpoints exist only in API resource version 2023-01-01.
seealso:
  - name: Set Up Access to Cloud Providers
    description: The Atlas documentation of the flow this module manages.
    link: https://www.mongodb.com/docs/atlas/security/cloud-provider-access/
  - name: Atlas Administration API, Cloud Provider Access
    description: The API operations this module calls.
    link: https://mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Cloud-Provider-Access
"""

EXAMPLES = r"""
- name: Give Atlas access to an AWS account, in the two steps AWS needs
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  vars:
    project_id: 5f1e2d3c4b5a697887960a1b
    iam_role_arn: arn:aws:iam::123456789012:role/atlas-encryption-at-rest
  tasks:
    - name: Step 1, get the role Atlas assumes IAM roles with (the one already authorized, an unused one, or a new one)
      atlas_ops.admin.atlas_cloud_provider_role:
        project_id: "{{ project_id }}"
        provider: AWS
        iam_assumed_role_arn: "{{ iam_role_arn }}"
      register: atlas_role

    # In check mode a role that does not exist yet is only predicted, without the ids Atlas assigns:
    # the next two steps wait for a run without --check.
    - name: Step 2, create the IAM role that trusts Atlas' AWS account with Atlas' external id
      amazon.aws.iam_role:
        name: atlas-encryption-at-rest
        assume_role_policy_document: "{{ trust_policy | to_json }}"
      when: atlas_role.role.roleId is defined
      vars:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal:
                AWS: "{{ atlas_role.role.atlasAWSAccountArn }}"
              Action: sts:AssumeRole
              Condition:
                StringEquals:
                  sts:ExternalId: "{{ atlas_role.role.atlasAssumedRoleExternalId }}"

    - name: Step 3, let Atlas assume the IAM role (retried while IAM propagates)
      atlas_ops.admin.atlas_cloud_provider_role:
        project_id: "{{ project_id }}"
        state: authorized
        role_id: "{{ atlas_role.role.roleId }}"
        iam_assumed_role_arn: "{{ iam_role_arn }}"
      when: atlas_role.role.roleId is defined

- name: Other providers and removal
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Register an Azure service principal
      atlas_ops.admin.atlas_cloud_provider_role:
        project_id: 5f1e2d3c4b5a697887960a1b
        provider: AZURE
        atlas_azure_app_id: 9f2deb0d-411e-4a87-ba5f-7b1b0b2a4a51
        service_principal_id: a1b2c3d4-0000-4000-8000-000000000001
        tenant_id: 91402512-d2de-4b1f-b8d0-6a2c6a2c6a2c

    - name: Get the project's GCP service account, waiting until Atlas has provisioned it
      atlas_ops.admin.atlas_cloud_provider_role:
        project_id: 5f1e2d3c4b5a697887960a1b
        provider: GCP
        wait_timeout: 300
      register: gcp_role

    - name: Deauthorize the AWS role of an IAM role (fails while features still use it)
      atlas_ops.admin.atlas_cloud_provider_role:
        project_id: 5f1e2d3c4b5a697887960a1b
        state: absent
        iam_assumed_role_arn: arn:aws:iam::123456789012:role/atlas-encryption-at-rest
"""

RETURN = r"""
role:
  description:
    - The role after the task (in check mode, the role it would have), in Atlas' field names, plus C(roleId)
      for every provider.
    - V(null) after O(state=absent).
  returned: always
  type: dict
  sample:
    providerName: AWS
    roleId: 65ab12cd34ef56ab78cd90ef
    atlasAWSAccountArn: arn:aws:iam::772401394250:root
    atlasAssumedRoleExternalId: 3192be49-6e76-4b7d-a7b8-b486a8fc4483
    iamAssumedRoleArn: arn:aws:iam::123456789012:role/atlas-encryption-at-rest
    createdDate: "2026-12-01T10:00:00Z"
    authorizedDate: "2026-12-01T10:05:00Z"
    featureUsages: []
  contains:
    providerName:
      description: Cloud provider of the role.
      returned: always
      type: str
      sample: AWS
    roleId:
      description: Unique 24-hexadecimal-digit id of the role; for Azure, a copy of C(_id).
      returned: when Atlas has assigned it (not for a role predicted in check mode)
      type: str
      sample: 65ab12cd34ef56ab78cd90ef
    _id:
      description: Azure only. The role's id as Atlas names it for Azure.
      returned: for Azure roles
      type: str
      sample: 65ab12cd34ef56ab78cd90ef
    atlasAWSAccountArn:
      description: AWS only. ARN of the AWS account Atlas assumes the IAM role from; the C(Principal) of the trust policy.
      returned: for AWS roles
      type: str
      sample: arn:aws:iam::772401394250:root
    atlasAssumedRoleExternalId:
      description: AWS only. External id Atlas sends when it assumes the IAM role; the C(sts:ExternalId) of the trust policy.
      returned: for AWS roles
      type: str
      sample: 3192be49-6e76-4b7d-a7b8-b486a8fc4483
    iamAssumedRoleArn:
      description: AWS only. ARN of the IAM role Atlas assumes.
      returned: for authorized AWS roles
      type: str
      sample: arn:aws:iam::123456789012:role/atlas-encryption-at-rest
    authorizedDate:
      description: AWS only. When the role was authorized, ISO 8601 in UTC.
      returned: for authorized AWS roles
      type: str
      sample: "2026-12-01T10:05:00Z"
    createdDate:
      description: When the role was created, ISO 8601 in UTC.
      returned: when Atlas has created the role
      type: str
      sample: "2026-12-01T10:00:00Z"
    lastUpdatedDate:
      description: Azure only. When the service principal was last updated, ISO 8601 in UTC.
      returned: for Azure roles
      type: str
      sample: "2026-12-01T10:00:00Z"
    atlasAzureAppId:
      description: Azure only. Application id of Atlas in Azure Active Directory.
      returned: for Azure roles
      type: str
      sample: 9f2deb0d-411e-4a87-ba5f-7b1b0b2a4a51
    servicePrincipalId:
      description: Azure only. Id of the service principal.
      returned: for Azure roles
      type: str
      sample: a1b2c3d4-0000-4000-8000-000000000001
    tenantId:
      description: Azure only. Id of the Azure Active Directory tenant.
      returned: for Azure roles
      type: str
      sample: 91402512-d2de-4b1f-b8d0-6a2c6a2c6a2c
    gcpServiceAccountForAtlas:
      description: GCP only. Email address of the Google service account Atlas uses.
      returned: for GCP roles once provisioned
      type: str
      sample: mongodb-atlas-abcdefgh12345678@p-abcdefghijklmnopqrstuvwx.iam.gserviceaccount.com
    status:
      description: GCP only. Provisioning status of the service account.
      returned: for GCP roles
      type: str
      sample: COMPLETE
    featureUsages:
      description: The Atlas features that use the role, each with C(featureType) and C(featureId).
      returned: when Atlas has created the role
      type: list
      elements: dict
      sample: [{featureType: ENCRYPTION_AT_REST, featureId: {}}]
diff:
  description: The role before and after the task (C({}) when there is none), with C(--diff).
  returned: when diff mode is on
  type: dict
  sample:
    before: {}
    after: {providerName: AWS, roleId: 65ab12cd34ef56ab78cd90ef}
"""

import json

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import (
    CLOUD_PROVIDER_ACCESS,
    CLOUD_PROVIDER_ACCESS_PROVIDER_ROLE,
    CLOUD_PROVIDER_ACCESS_ROLE,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.cloud_provider_access import PROVIDERS, roles_of, with_role_id
from ansible_collections.atlas_ops.admin.plugins.module_utils.errors import AtlasApiError
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import project_option, state_option, warn_ignored
from ansible_collections.atlas_ops.admin.plugins.module_utils.resource import ensure_absent, ensure_present, exit_resource
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError, iam_role_arn, object_id, uuid
from ansible_collections.atlas_ops.admin.plugins.module_utils.wait import (
    WAIT_INTERVAL_DEFAULT,
    WaitTimeout,
    wait_for,
    wait_options,
    wait_until,
)

# The options that belong to one provider; a task for another provider cannot set them.
PROVIDER_OPTIONS = {
    "AWS": ("iam_assumed_role_arn",),
    "AZURE": ("atlas_azure_app_id", "service_principal_id", "tenant_id"),
    "GCP": (),
}
# Task option -> Atlas field of an Azure role.
AZURE_FIELDS = {"atlas_azure_app_id": "atlasAzureAppId", "service_principal_id": "servicePrincipalId", "tenant_id": "tenantId"}
WAIT_OPTIONS = ("wait", "wait_timeout", "wait_interval")
# How long an AWS authorization is retried while Atlas cannot assume the IAM role, when the task
# sets no wait_timeout. IAM usually propagates within a minute; a wrong trust policy never does.
IAM_PROPAGATION_TIMEOUT = 120
CANNOT_ASSUME_ROLE = "CANNOT_ASSUME_ROLE"
GCP_FAILED = "FAILED"


# -- input ------------------------------------------------------------------------------------------


def checked_options(params):
    """The task's own options, checked and normalised, before any request; raises AtlasInputError.

    Returns {"role_id", "arn", "azure"} where azure holds the Azure fields the task sets, in Atlas'
    names and lowercase (None when unset).
    """
    provider, state = params["provider"], params["state"]
    for other, options in PROVIDER_OPTIONS.items():
        for option in options:
            if other != provider and params.get(option) is not None:
                raise AtlasInputError("%s is an option of provider %s; it cannot be used with provider=%s." % (option, other, provider))
    role_id = object_id(params["role_id"], "role_id") if params.get("role_id") is not None else None
    arn = iam_role_arn(params["iam_assumed_role_arn"], "iam_assumed_role_arn") if params.get("iam_assumed_role_arn") is not None else None
    azure = dict((field, uuid(params[option], option) if params.get(option) is not None else None) for option, field in AZURE_FIELDS.items())
    if provider == "AWS":
        if state == "authorized" and arn is None:
            raise AtlasInputError("iam_assumed_role_arn is required with state=authorized: the ARN of the IAM role Atlas is to assume.")
        if state == "absent" and role_id is None and arn is None:
            raise AtlasInputError("state=absent needs role_id or iam_assumed_role_arn to find the AWS role to deauthorize.")
    if provider == "AZURE":
        if (azure["servicePrincipalId"] is None) != (azure["tenantId"] is None):
            raise AtlasInputError("service_principal_id and tenant_id must be set together: an Azure role is found by both.")
        if role_id is None and azure["servicePrincipalId"] is None:
            raise AtlasInputError("provider=AZURE needs role_id, or service_principal_id and tenant_id, to find the role.")
    if provider == "GCP" and state == "absent" and role_id is None:
        raise AtlasInputError("provider=GCP with state=absent needs role_id: the id of the GCP role to deauthorize.")
    return dict(role_id=role_id, arn=arn, azure=azure)


# -- pure helpers -----------------------------------------------------------------------------------


def _created(role):
    return (role.get("createdDate") or "", role.get("roleId") or "")


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def authorized_for(roles, arn):
    """The AWS role authorized for the IAM role arn, or None."""
    return next((role for role in sorted(roles, key=_created) if role.get("iamAssumedRoleArn") == arn), None)


def azure_role_for(roles, azure):
    """The Azure role of this service principal and tenant (compared as UUIDs, whatever their case), or None."""
    return next(
        (
            role
            for role in sorted(roles, key=_created)
            if _lower(role.get("servicePrincipalId")) == azure["servicePrincipalId"] and _lower(role.get("tenantId")) == azure["tenantId"]
        ),
        None,
    )


def role_to_use(roles, provider, arn=None, azure=None):
    """The existing role a present task returns, or None when a new one must be created.

    AWS: the role authorized for arn; else the oldest role not authorized yet (reused, so that roles
    never pile up). Azure: the role of the service principal and tenant. GCP: the oldest role.
    """
    if provider == "AWS":
        found = authorized_for(roles, arn) if arn else None
        return found or next((role for role in sorted(roles, key=_created) if not role.get("iamAssumedRoleArn")), None)
    if provider == "AZURE":
        return azure_role_for(roles, azure)
    return next(iter(sorted(roles, key=_created)), None)


def azure_changes(role, azure):
    """The Azure fields the task sets that differ from the role's (compared in lowercase)."""
    return dict((field, value) for field, value in azure.items() if value is not None and _lower(role.get(field)) != value)


def azure_body(current, azure):
    """The body that creates or updates an Azure role: its fields, with those the task sets laid over them."""
    fields = dict((field, current.get(field)) for field in AZURE_FIELDS.values())
    fields.update(azure_changes(current, azure))
    body = dict((field, value) for field, value in fields.items() if value is not None)
    body["providerName"] = "AZURE"
    return body


def usage_problem(role):
    """What uses the role, as one sentence, or None when its featureUsages is empty."""
    usages = role.get("featureUsages") or []
    if not usages:
        return None
    described = []
    for usage in usages:
        feature_id = usage.get("featureId")
        details = " %s" % json.dumps(feature_id, sort_keys=True) if feature_id else ""
        described.append("%s%s" % (usage.get("featureType") or "an unknown feature", details))
    return "%s role %s is still used by %d Atlas feature(s): %s" % (role.get("providerName"), role.get("roleId"), len(usages), "; ".join(described))


# -- Atlas ------------------------------------------------------------------------------------------


def read_role(client, project_id, role_id):
    """The role with this id, or None when Atlas says there is none."""
    return with_role_id(client.get_if_exists(CLOUD_PROVIDER_ACCESS_ROLE, groupId=project_id, roleId=role_id))


def list_roles(client, project_id, provider):
    """The project's roles of one provider (one request: Atlas does not paginate them)."""
    return roles_of(client.get(CLOUD_PROVIDER_ACCESS, groupId=project_id), provider)


def create_role(client, project_id, body):
    return with_role_id(client.post(CLOUD_PROVIDER_ACCESS, body=body, groupId=project_id))


def authorize_aws(module, role, arn):
    """Authorize the AWS role for arn, retrying while Atlas cannot assume the IAM role yet.

    The retries last wait_timeout seconds (IAM_PROPAGATION_TIMEOUT when not set), one every
    wait_interval seconds; with wait=false there is one attempt. When the time is up the last
    CANNOT_ASSUME_ROLE is raised again with what to check.
    """
    client, params = module.client, module.params
    body = {"providerName": "AWS", "iamAssumedRoleArn": arn}
    target = dict(groupId=params["project_id"], roleId=role["roleId"])
    refusals = []

    def attempt():
        try:
            return with_role_id(client.patch(CLOUD_PROVIDER_ACCESS_ROLE, body=body, **target))
        except AtlasApiError as exc:
            if exc.error_code != CANNOT_ASSUME_ROLE or not params["wait"]:
                raise
            refusals.append(exc)
            return None

    timeout = IAM_PROPAGATION_TIMEOUT if params.get("wait_timeout") is None else params["wait_timeout"]
    interval = WAIT_INTERVAL_DEFAULT if params.get("wait_interval") is None else params["wait_interval"]
    try:
        return wait_until(attempt, is_done=lambda answer: answer is not None, timeout=timeout, interval=interval)
    except WaitTimeout:
        last, external_id = refusals[-1], role.get("atlasAssumedRoleExternalId")
        raise AtlasApiError(
            last.method,
            last.path,
            status=last.status,
            error_code=last.error_code,
            detail=last.detail,
            message=(
                "Atlas could not assume IAM role %s in %d attempts over %s seconds (last answer: %s %s: %s). Check that the IAM role "
                "exists and that its trust policy lets %s assume it (sts:AssumeRole) with the condition sts:ExternalId = %s; a new IAM "
                "role can take a minute or two to propagate: set wait_timeout to retry for longer."
                % (arn, len(refusals), timeout, last.status, last.error_code, last.detail, role.get("atlasAWSAccountArn"), external_id)
            ),
        )


def gcp_failure(role):
    """Why waiting for the GCP role cannot succeed, or None to keep waiting."""
    if role is None:
        return "the role no longer exists"
    return "its status is FAILED" if role.get("status") == GCP_FAILED else None


def wait_for_gcp(module, role):
    """Wait until the GCP role is COMPLETE (reads only); returns it then."""
    project_id = module.params["project_id"]
    return wait_for(
        module,
        read=lambda: read_role(module.client, project_id, role["roleId"]),
        is_done=lambda current: current is not None and current.get("status") == "COMPLETE",
        what="GCP role %s in project %s" % (role["roleId"], project_id),
        goal="status COMPLETE",
        describe=lambda current: "gone" if current is None else current.get("status"),
        failure=gcp_failure,
        failed_result=lambda last: {"role": last},
        hint="Atlas keeps provisioning it: re-run the task later, or set wait_timeout to wait longer.",
    )


# -- main -------------------------------------------------------------------------------------------


def warn_unused(module, provider, state, options):
    """Warn about the set options that have no effect in this task."""
    waits = (provider == "GCP" and state != "absent") or (provider == "AWS" and state == "authorized")
    if not waits:
        warn_ignored(module, WAIT_OPTIONS, when="provider=%s and state=%s (nothing to wait for)" % (provider, state))
    if state != "absent":
        warn_ignored(module, ("force",), when="state=%s" % state)
    if provider == "AWS" and state == "present" and options["role_id"] is not None:
        warn_ignored(module, ("iam_assumed_role_arn",), when="state=present finds the role by role_id (use state=authorized to authorize it)")


def main():
    module = AtlasModule(
        argument_spec=dict(
            project_option(),
            provider=dict(type="str", choices=list(PROVIDERS), default="AWS"),
            state=state_option(choices=("present", "authorized", "absent")),
            role_id=dict(type="str"),
            iam_assumed_role_arn=dict(type="str"),
            atlas_azure_app_id=dict(type="str"),
            service_principal_id=dict(type="str"),
            tenant_id=dict(type="str"),
            force=dict(type="bool", default=False),
            **wait_options(wait_default=True)
        ),
        supports_check_mode=True,
    )
    params = module.params
    project_id, provider, state = params["project_id"], params["provider"], params["state"]
    with module.api_errors("check the options"):
        options = checked_options(params)
    warn_unused(module, provider, state, options)
    role_id, arn, azure = options["role_id"], options["arn"], options["azure"]
    client = module.client
    what = "%s cloud provider access role%s in project %s" % (provider, " " + role_id if role_id else "", project_id)

    with module.api_errors("%s %s" % ({"present": "ensure", "authorized": "authorize", "absent": "deauthorize"}[state], what)):
        # Read: one role by id, or the project's roles of this provider.
        if role_id is not None:
            before = read_role(client, project_id, role_id)
            if before is not None and before.get("providerName") != provider:
                actual = before.get("providerName")
                raise AtlasInputError("role_id %s is a %s role, not a %s role: set provider=%s." % (role_id, actual, provider, actual))
            if before is None and state != "absent":
                raise AtlasInputError("role_id %s does not exist in project %s (Atlas answered 404)." % (role_id, project_id))
        else:
            roles = list_roles(client, project_id, provider)
            if state == "absent":
                before = authorized_for(roles, arn) if provider == "AWS" else azure_role_for(roles, azure)
            elif provider == "AWS" and state == "authorized":
                before = authorized_for(roles, arn)
                if before is None:
                    raise AtlasInputError(
                        "No AWS role in project %s is authorized for %s. Run the task with state=present to get a role, create the IAM "
                        "role from its atlasAWSAccountArn and atlasAssumedRoleExternalId, then pass its roleId as role_id." % (project_id, arn)
                    )
            else:
                before = role_to_use(roles, provider, arn=arn, azure=azure)

        if state == "absent":
            problem = usage_problem(before) if before is not None else None
            if problem and not params["force"]:
                module.fail_json(
                    msg="Not deauthorizing: %s. Remove those features first, or set force=true to ask Atlas to deauthorize it anyway." % problem,
                    role=before,
                )
            if problem:
                module.warn("Deauthorizing although %s (force=true)." % problem)
            # A role deleted meanwhile (404) is gone as asked.
            changed, after = ensure_absent(
                module,
                before,
                delete=lambda current: client.delete_if_exists(
                    CLOUD_PROVIDER_ACCESS_PROVIDER_ROLE, groupId=project_id, cloudProvider=provider, roleId=current["roleId"]
                ),
            )
        elif provider == "AWS" and state == "authorized":
            changed, after = ensure_present(
                module, before, {"iamAssumedRoleArn": arn}, create=None, update=lambda current: authorize_aws(module, current, arn)
            )
        elif provider == "AZURE":
            changed, after = ensure_present(
                module,
                before,
                dict(azure, providerName="AZURE"),
                create=lambda: create_role(client, project_id, azure_body({}, azure)),
                update=lambda current: with_role_id(
                    client.patch(CLOUD_PROVIDER_ACCESS_ROLE, body=azure_body(current, azure), groupId=project_id, roleId=current["roleId"])
                ),
                compare=lambda current, desired: bool(azure_changes(current, azure)),
            )
        else:
            # AWS present (never authorizes) and GCP (needs no authorization): an existing role is returned as it is.
            changed, after = ensure_present(
                module,
                before,
                {"providerName": provider},
                create=lambda: create_role(client, project_id, {"providerName": provider}),
            )
            if provider == "GCP" and params["wait"] and after.get("roleId") and after.get("status") != "COMPLETE":
                after = wait_for_gcp(module, after)
    exit_resource(module, "role", changed, before, after)


if __name__ == "__main__":
    main()
