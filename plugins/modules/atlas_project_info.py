#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_project_info
short_description: Read MongoDB Atlas projects, by id, by name, or every project of an organization
version_added: 0.1.0
description:
  - Returns Atlas projects (Atlas' API calls them groups) as Atlas returns them, each with its C(id), C(name),
    C(orgId), C(clusterCount) and C(tags).
  - With O(project_id), that one project. With O(org_id) and O(name), the project of the organization that has
    exactly that name (Atlas' own name filter matches any project whose name starts with it; the module keeps the
    exact match only). With O(org_id) alone, every project of the organization.
  - Reads every page of the organization's projects, 500 a page (resource version 2023-01-01).
  - A project id or an organization id that does not exist, or that the credentials cannot see, fails the task;
    it is never reported as an empty list. A name that no project of a known organization has is an empty list.
  - Never changes anything.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes.info
  - atlas_ops.admin.scope.org_or_project
options:
  name:
    description:
      - The exact name of the project to return, within O(org_id) (project names are unique only within an
        organization). Requires O(org_id).
      - 1 to 64 characters, letters, digits, spaces, hyphens, underscores, periods, parentheses, commas, colons,
        ampersands, at signs, plus signs and apostrophes, as Atlas takes them; checked before any request.
    type: str
notes:
  - Reading the projects of an organization needs the Organization Member role; a project, any project role.
seealso:
  - module: atlas_ops.admin.atlas_project
  - name: Atlas Administration API, Return All Projects in One Organization
    description: The API operation this module calls with O(org_id).
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Organizations/operation/listOrganizationProjects
  - name: Atlas Administration API, Return One Project
    description: The API operation this module calls with O(project_id).
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Projects/operation/getProject
"""

EXAMPLES = r"""
- name: Review the projects of an organization
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Read every project of the organization
      atlas_ops.admin.atlas_project_info:
        org_id: 5f1e2d3c4b5a697887960a1b
      register: org_projects

    - name: Show the projects that have clusters
      ansible.builtin.debug:
        msg: "{{ org_projects.projects | selectattr('clusterCount', 'gt', 0) | map(attribute='name') | list }}"

    - name: Find a project by its name
      atlas_ops.admin.atlas_project_info:
        org_id: 5f1e2d3c4b5a697887960a1b
        name: payments-prod
      register: payments

    - name: Fail unless the project exists
      ansible.builtin.assert:
        that: payments.projects | length == 1
        fail_msg: There is no project payments-prod in the organization.

    - name: Read one project by its id
      atlas_ops.admin.atlas_project_info:
        project_id: 5f1e2d3c4b5a697887960a2c
      register: one_project
"""

RETURN = r"""
projects:
  description:
    - The projects, as Atlas returns them (C(Group), resource version 2023-01-01), in Atlas' order.
    - One project with O(project_id); with O(name), the project of that name, or an empty list when the
      organization has none.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5f1e2d3c4b5a697887960a2c
      name: payments-prod
      orgId: 5f1e2d3c4b5a697887960a1b
      created: "2026-11-30T09:12:44Z"
      clusterCount: 2
      tags: [{key: environment, value: production}]
  contains:
    id:
      description: The project's id.
      returned: always
      type: str
    name:
      description: The project's name.
      returned: always
      type: str
    orgId:
      description: The id of the organization the project belongs to.
      returned: always
      type: str
    created:
      description: When the project was created, ISO 8601 in UTC.
      returned: always
      type: str
    clusterCount:
      description: How many clusters the project has.
      returned: always
      type: int
    tags:
      description: The project's tags, each a dict with C(key) and C(value).
      returned: always
      type: list
      elements: dict
    regionUsageRestrictions:
      description: The regions the project's deployments may use (Atlas for Government only).
      returned: when Atlas reports it
      type: str
"""

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import ORG_PROJECTS, PROJECT
from ansible_collections.atlas_ops.admin.plugins.module_utils.info import run_info_module
from ansible_collections.atlas_ops.admin.plugins.module_utils.project import projects_named
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import project_name


def read_projects(call):
    """One project by id (its 404 fails the task), the projects named exactly so, or every project of the organization."""
    if "groupId" in call.scope:
        return [call.client.get(PROJECT, **call.scope)]
    if "name" in call.options:
        return projects_named(call.client, call.scope["orgId"], call.options["name"])
    return call.client.get_all(ORG_PROJECTS, **call.scope)


def main():
    run_info_module(
        "projects",
        what=lambda params, where: where if params["project_id"] else "the projects of %s" % where,
        read=read_projects,
        scope="org_or_project",
        options=dict(name=dict(type="str")),
        validators={"name": project_name},
        required_by={"name": "org_id"},
    )


if __name__ == "__main__":
    main()
