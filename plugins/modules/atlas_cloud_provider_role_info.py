#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_cloud_provider_role_info
short_description: Read the cloud provider access roles of a MongoDB Atlas project and the features that use them
version_added: 0.1.0
description:
  - Returns the cloud provider access roles of an Atlas project (AWS IAM roles, Azure service principals, GCP
    service accounts) as Atlas returns them, each with the Atlas features that use it (C(featureUsages)).
  - One request; Atlas does not paginate the roles. Nothing is changed.
  - Atlas identifies Azure roles by C(_id) where AWS and GCP roles have C(roleId); every role returned has
    C(roleId) (for Azure, a copy of C(_id)), as M(atlas_ops.admin.atlas_cloud_provider_role) returns it.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes.info
  - atlas_ops.admin.scope.project
options:
  provider:
    description:
      - Return only the roles of these cloud providers.
    type: list
    elements: str
    choices: [AWS, AZURE, GCP]
    default: [AWS, AZURE, GCP]
  role_id:
    description:
      - Unique 24-hexadecimal-digit id of one role (for Azure, its C(_id)), to return only that role.
      - When the project has no such role, RV(roles) is an empty list; this is not an error.
    type: str
notes:
  - A project that does not exist fails the task.
  - Reading cloud provider access roles needs the Project Read Only role.
  - Atlas serves cloud provider access through API resource version 2023-01-01.
seealso:
  - module: atlas_ops.admin.atlas_cloud_provider_role
  - name: Atlas Administration API, Return All Cloud Provider Access Roles
    description: The API operation this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Cloud-Provider-Access/operation/listGroupCloudProviderAccess
"""

EXAMPLES = r"""
- name: Audit the cloud provider access roles of a project
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Read every role of the project
      atlas_ops.admin.atlas_cloud_provider_role_info:
        project_id: 5f1e2d3c4b5a697887960a1b
      register: access

    - name: Show the roles no Atlas feature uses
      ansible.builtin.debug:
        msg: "{{ access.roles | selectattr('featureUsages', 'eq', []) | map(attribute='roleId') | list }}"

    - name: Read the AWS roles only
      atlas_ops.admin.atlas_cloud_provider_role_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        provider: [AWS]
"""

RETURN = r"""
roles:
  description:
    - The roles, as Atlas returns them (resource version 2023-01-01), AWS first, then Azure, then GCP, each
      with C(roleId). The other fields depend on the provider (see M(atlas_ops.admin.atlas_cloud_provider_role)).
  returned: always
  type: list
  elements: dict
  sample:
    - providerName: AWS
      roleId: 65ab12cd34ef56ab78cd90ef
      atlasAWSAccountArn: arn:aws:iam::772401394250:root
      atlasAssumedRoleExternalId: 3192be49-6e76-4b7d-a7b8-b486a8fc4483
      iamAssumedRoleArn: arn:aws:iam::123456789012:role/atlas-encryption-at-rest
      createdDate: "2026-12-01T10:00:00Z"
      authorizedDate: "2026-12-01T10:05:00Z"
      featureUsages:
        - featureType: ENCRYPTION_AT_REST
          featureId: {}
  contains:
    providerName:
      description: V(AWS), V(AZURE) or V(GCP).
      returned: always
      type: str
    roleId:
      description: Unique 24-hexadecimal-digit id of the role; for Azure, a copy of C(_id).
      returned: always
      type: str
    _id:
      description: Azure only. The role's id as Atlas names it for Azure.
      returned: for Azure roles
      type: str
    iamAssumedRoleArn:
      description: AWS only. ARN of the IAM role Atlas assumes.
      returned: for authorized AWS roles
      type: str
    status:
      description: GCP only. Provisioning status of the service account (C(IN_PROGRESS), C(COMPLETE), C(FAILED), C(NOT_INITIATED)).
      returned: for GCP roles
      type: str
    featureUsages:
      description:
        - The Atlas features that use the role, each with C(featureType) (such as C(ENCRYPTION_AT_REST),
          C(EXPORT_SNAPSHOT), C(ATLAS_DATA_LAKE), C(PUSH_BASED_LOG_EXPORT)) and C(featureId).
        - An empty list for a role no feature uses.
      returned: always
      type: list
      elements: dict
"""

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import CLOUD_PROVIDER_ACCESS
from ansible_collections.atlas_ops.admin.plugins.module_utils.cloud_provider_access import PROVIDERS, roles_of
from ansible_collections.atlas_ops.admin.plugins.module_utils.info import run_info_module
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import chosen_providers, provider_or_id_options


def wanted_roles(answer, providers, role_id=None):
    """The roles of the answer of GET /groups/{groupId}/cloudProviderAccess the task asks for, in PROVIDERS' order."""
    roles = []
    for provider in PROVIDERS:
        if provider in providers:
            roles.extend(role for role in roles_of(answer, provider) if role_id is None or role.get("roleId") == role_id)
    for role in roles:
        # A role no feature uses may come without the list: the same answer for every role.
        role.setdefault("featureUsages", [])
    return roles


def read(call):
    providers = chosen_providers(call.module, PROVIDERS)
    return wanted_roles(call.client.get(CLOUD_PROVIDER_ACCESS, **call.scope), providers, call.params["role_id"])


def main():
    run_info_module("roles", what="the cloud provider access roles", read=read, **provider_or_id_options(PROVIDERS, "role_id"))


if __name__ == "__main__":
    main()
