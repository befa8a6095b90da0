# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Finding projects by name, for atlas_project and atlas_project_info.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from .api_versions import ORG_PROJECTS


def projects_named(client, org_id, name):
    """The projects of the organization named exactly NAME (every page). Atlas' name filter is a
    case-insensitive prefix of the name, so its answer is narrowed here."""
    return [project for project in client.get_all(ORG_PROJECTS, query={"name": name}, orgId=org_id) if project.get("name") == name]


def find_by_name(client, org_id, name):
    """The project of the organization named NAME, or None (names are unique within an organization)."""
    return next(iter(projects_named(client, org_id, name)), None)
