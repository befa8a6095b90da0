# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # What a resource lives in: the option groups of module_utils/options.py.

    PROJECT = r"""
options:
  project_id:
    description:
      - Unique 24-hexadecimal-digit id of the Atlas project (Atlas calls a project a group).
      - A project id that does not exist, or that the credentials cannot see, fails the task; it never
        counts as the resource being absent.
    type: str
    required: true
    aliases: [group_id]
"""

    ORGANIZATION = r"""
options:
  org_id:
    description:
      - Unique 24-hexadecimal-digit id of the Atlas organization.
      - An organization id that does not exist, or that the credentials cannot see, fails the task; it
        never counts as the resource being absent.
    type: str
    required: true
"""

    CLUSTER = r"""
options:
  cluster_name:
    description:
      - Name of the cluster, as Atlas shows it (letters, digits and hyphens, starting with a letter or digit,
        at most 64 characters).
    type: str
    required: true
    aliases: [name]
"""

    USER = r"""
options:
  username:
    description:
      - The person's MongoDB Cloud username, an email address such as V(jane.doe@example.com).
      - Compared without regard to case, as Atlas does.
    type: str
    required: true
"""

    # Resources that live at organization or at project level (service account access lists).
    ORG_OR_PROJECT = r"""
options:
  org_id:
    description:
      - Unique 24-hexadecimal-digit id of the Atlas organization, for the organization-level resource.
      - Exactly one of O(org_id) and O(project_id) is required.
      - An organization id that does not exist, or that the credentials cannot see, fails the task.
    type: str
  project_id:
    description:
      - Unique 24-hexadecimal-digit id of the Atlas project (Atlas calls a project a group), for the
        project-level resource.
      - Exactly one of O(org_id) and O(project_id) is required.
      - A project id that does not exist, or that the credentials cannot see, fails the task.
    type: str
    aliases: [group_id]
"""

    SERVICE_ACCOUNT = r"""
options:
  service_account_id:
    description:
      - The client id of the service account, V(mdb_sa_id_) followed by 24 hexadecimal digits, such as
        V(mdb_sa_id_1234567890abcdef12345678).
      - This is not O(client_id), which is the service account the module authenticates as (if any).
      - A service account that does not exist in the organization, or that was not added to the project,
        fails the task.
    type: str
    required: true
"""
