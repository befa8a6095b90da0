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
