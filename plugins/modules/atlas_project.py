#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_project
short_description: Create, rename, tag and delete MongoDB Atlas projects
version_added: 0.1.0
description:
  - Makes sure that an Atlas project (Atlas' API calls it a group) exists with the given name and tags,
    or does not exist.
  - A project is found by its O(name) within the organization O(org_id) (names are unique per organization;
    a project of that name in another organization is not this one), or by O(project_id), with which
    O(name) renames it.
  - Returns the project in Atlas' field names, its C(id) included, so that later tasks can use
    C(project.id).
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
options:
  org_id:
    description:
      - Unique 24-hexadecimal-digit id of the organization the project belongs to.
      - Required unless O(project_id) is given. With O(project_id), a project of another organization fails the task.
      - An organization id that does not exist, or that the credentials cannot see, fails the task; it never
        counts as the project being absent.
    type: str
  name:
    description:
      - The project's name, 1 to 64 characters. Atlas takes letters, digits, spaces, hyphens, underscores, periods,
        parentheses, commas, colons, ampersands, at signs, plus signs and apostrophes.
      - Without O(project_id), the project is found by this name within O(org_id), and created with it.
      - With O(project_id), the name the project must have; a different one renames it.
    type: str
  project_id:
    description:
      - Unique 24-hexadecimal-digit id of an existing project, to find it by id (and rename it with O(name)).
      - A project id that does not exist fails the task with O(state=present), since the module cannot create a
        project with a given id; with O(state=absent) the project is absent and nothing changes.
    type: str
    aliases: [group_id]
  state:
    description:
      - V(present) creates the project when it does not exist, and renames and tags it as the task says.
      - V(absent) deletes the project. Atlas refuses to delete a project that has clusters; the task then fails
        naming them, before sending the delete.
    type: str
    choices: [present, absent]
    default: present
  tags:
    description:
      - Key-value pairs to tag the project with, both texts of 1 to 255 characters. Quote values such as V("true")
        or V("2026"). Atlas stores texts, and the module refuses other types rather than guess their spelling.
      - Unset, the project's tags are left as they are.
    type: dict
  purge_tags:
    description:
      - With O(tags), also remove the tags that O(tags) does not name. With O(purge_tags=false), tags are only
        added or changed.
      - As in the amazon.aws collection, O(tags) unset leaves the tags alone, whatever O(purge_tags)
        says, and O(tags={}) with O(purge_tags=true) removes every tag.
    type: bool
    default: true
  with_default_alerts_settings:
    description:
      - Whether Atlas creates the project with its default alert settings. Only used when the project is created;
        a warning says so when it differs on an existing project.
      - Unset, Atlas' default applies (V(true)).
    type: bool
  region_usage_restrictions:
    description:
      - Atlas for Government only; Commercial Atlas refuses it. The regions the project's deployments may use.
      - Only used when the project is created; an existing project with another value (or none) fails the task,
        since Atlas cannot change it.
    type: str
    choices: [COMMERCIAL_FEDRAMP_REGIONS_ONLY, GOV_REGIONS_ONLY]
notes:
  - Finding a project by name reads the organization's projects filtered by that name (one request); by id, the
    project itself. A task that changes nothing sends that one read.
  - In check mode, a project that would be created has no C(id) in RV(project).
  - Deleting a project deletes what it holds (access lists, users' project roles, settings). The module checks
    the project's cluster count first; other things Atlas refuses to delete a project with (network peering
    connections, private endpoints, online archives) fail the task with Atlas' answer.
  - The API key or service account needs the Organization Project Creator role (or Organization Owner) to create
    a project, and Project Owner to rename, tag or delete it.
  - Atlas serves these endpoints in API resource version 2023-01-01.
seealso:
  - module: atlas_ops.admin.atlas_project_ip_access_list
  - name: Atlas Administration API, Projects
    description: The API operations this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Projects
"""

EXAMPLES = r"""
- name: Provision a project and use its id
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Make sure the project exists, tagged
      atlas_ops.admin.atlas_project:
        org_id: 5f1e2d3c4b5a697887960a1b
        name: payments-prod
        tags:
          environment: production
          cost-center: "4711"
      register: payments_project

    - name: Let the application subnet connect to the project's clusters
      atlas_ops.admin.atlas_project_ip_access_list:
        project_id: "{{ payments_project.project.id }}"
        entries: [10.20.0.0/16]

    - name: Rename a project found by its id, keeping tags that the task does not name
      atlas_ops.admin.atlas_project:
        project_id: 5f1e2d3c4b5a697887960a2c
        name: payments-production
        tags:
          owner: payments-team
        purge_tags: false

    - name: Delete a project that no longer has clusters
      atlas_ops.admin.atlas_project:
        org_id: 5f1e2d3c4b5a697887960a1b
        name: payments-staging
        state: absent
"""

RETURN = r"""
project:
  description:
    - The project after the task (in check mode, what it would be), in Atlas' field names; empty when it is absent.
  returned: always
  type: dict
  sample:
    id: 5f1e2d3c4b5a697887960a2c
    name: payments-prod
    orgId: 5f1e2d3c4b5a697887960a1b
    created: "2026-11-30T09:12:44Z"
    clusterCount: 0
    tags: [{key: environment, value: production}]
  contains:
    id:
      description: The project's id. Missing from a project that check mode predicts.
      returned: when the project exists
      type: str
    name:
      description: The project's name.
      returned: when the project exists
      type: str
    orgId:
      description: The id of the organization the project belongs to.
      returned: when the project exists
      type: str
    created:
      description: When the project was created, ISO 8601 in UTC.
      returned: when Atlas reports it
      type: str
    clusterCount:
      description: How many clusters the project has.
      returned: when Atlas reports it
      type: int
    tags:
      description: The project's tags, each a dict with C(key) and C(value).
      returned: when the project exists
      type: list
      elements: dict
    regionUsageRestrictions:
      description: The regions the project's deployments may use (Atlas for Government only).
      returned: when Atlas reports it
      type: str
clusters:
  description: The names of the clusters that keep Atlas from deleting the project.
  returned: when O(state=absent) fails because the project has clusters
  type: list
  elements: str
  sample: [Cluster0, analytics]
diff:
  description: The project before and after the task (C({}) when absent), when it runs with C(--diff).
  returned: when diff mode is on
  type: dict
"""

from ansible.module_utils.six import string_types

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import CLUSTERS, PROJECT, PROJECTS
from ansible_collections.atlas_ops.admin.plugins.module_utils.errors import AtlasApiError
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import state_option
from ansible_collections.atlas_ops.admin.plugins.module_utils.project import find_by_name
from ansible_collections.atlas_ops.admin.plugins.module_utils.resource import ensure_absent, ensure_present, exit_resource
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError, project_name

TAG_MAX_LENGTH = 255
# Atlas' code for a DELETE while clusters exist (seen from real Atlas); others (peerings, private endpoints)
# come through as Atlas says them.
CLUSTERS_REFUSAL = "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS"


def check_tags(tags):
    """The tags option as Atlas' tag list, sorted by key; AtlasInputError naming a bad key or value."""
    problems = []
    for key, value in sorted(tags.items()):
        if not isinstance(value, string_types):
            problems.append("tags.%s must be a text (quote it, as in %s: \"%s\"), got %r" % (key, key, value, value))
        elif not 1 <= len(value) <= TAG_MAX_LENGTH or not 1 <= len(key) <= TAG_MAX_LENGTH:
            problems.append("tags.%s: keys and values must be 1 to 255 characters, got %r" % (key, value))
    if problems:
        raise AtlasInputError("; ".join(problems))
    return [dict(key=key, value=value) for key, value in sorted(tags.items())]


def wanted_tags(current, tags, purge):
    """The project's tag list after the task, sorted by key: TAGS laid over CURRENT (only TAGS with
    purge); None when the task does not manage tags. Pure."""
    if tags is None:
        return None
    merged = {} if purge else dict((tag["key"], tag["value"]) for tag in current or [])
    merged.update((tag["key"], tag["value"]) for tag in tags)
    return [dict(key=key, value=merged[key]) for key in sorted(merged)]


def changes(current, name, tags):
    """The PATCH body that makes CURRENT have NAME and TAGS (None: unmanaged), {} when nothing differs. Pure."""
    body = {}
    if name is not None and current.get("name") != name:
        body["name"] = name
    if tags is not None and sorted((tag["key"], tag["value"]) for tag in current.get("tags") or []) != [(tag["key"], tag["value"]) for tag in tags]:
        body["tags"] = tags
    return body


def cluster_names(client, project_id):
    return sorted(cluster["name"] for cluster in client.get_all(CLUSTERS, groupId=project_id))


def main():
    module = AtlasModule(
        argument_spec=dict(
            org_id=dict(type="str"),
            name=dict(type="str"),
            project_id=dict(type="str", aliases=["group_id"]),
            state=state_option(),
            tags=dict(type="dict"),
            purge_tags=dict(type="bool", default=True),
            with_default_alerts_settings=dict(type="bool"),
            region_usage_restrictions=dict(type="str", choices=["COMMERCIAL_FEDRAMP_REGIONS_ONLY", "GOV_REGIONS_ONLY"]),
        ),
        required_one_of=[("name", "project_id")],
        supports_check_mode=True,
    )
    params = module.params
    org_id, project_id, state = params["org_id"], params["project_id"], params["state"]

    # Every input check comes before the first request (org_id and project_id: by the kit).
    with module.api_errors("check the options"):
        name = project_name(params["name"]) if params["name"] is not None else None
        tags = check_tags(params["tags"]) if params["tags"] is not None else None
    if not project_id and not org_id:
        module.fail_json(msg="org_id is required to find a project by name (or give project_id): project names are unique only within an organization.")

    client = module.client
    where = "project %s" % project_id if project_id else "project %s in organization %s" % (name, org_id)
    with module.api_errors("read %s" % where):
        before = client.get_if_exists(PROJECT, groupId=project_id) if project_id else find_by_name(client, org_id, name)
    if before and org_id and before.get("orgId") != org_id:
        module.fail_json(msg="project %s belongs to organization %s, not to org_id %s." % (project_id, before.get("orgId"), org_id), project=before)

    if state == "absent":
        if before and before.get("clusterCount"):
            refuse_delete_with_clusters(module, client, before)
        with module.api_errors("delete %s" % where):
            try:
                changed, after = ensure_absent(module, before, lambda project: client.delete_if_exists(PROJECT, groupId=project["id"]))
            except AtlasApiError as exc:
                if exc.error_code != CLUSTERS_REFUSAL:
                    raise
                refuse_delete_with_clusters(module, client, before)
        exit_resource(module, "project", changed, before, after or {})

    if before is None and project_id:
        module.fail_json(
            msg="project_id %s does not exist, or these credentials cannot see it: leave project_id out to create a project by name." % project_id
        )
    if before is not None:
        warn_creation_only(module, before)
    current_tags = (before or {}).get("tags")
    desired_tags = wanted_tags(current_tags, tags, params["purge_tags"])
    create_body = dict(name=name, orgId=org_id, tags=desired_tags or [])
    for option, field in (("with_default_alerts_settings", "withDefaultAlertsSettings"), ("region_usage_restrictions", "regionUsageRestrictions")):
        if params[option] is not None:
            create_body[field] = params[option]
    with module.api_errors("create %s" % where if before is None else "update %s" % where):
        changed, after = ensure_present(
            module,
            before,
            create_body if before is None else changes(before, name, desired_tags),
            create=lambda: client.post(PROJECTS, body=create_body),
            update=lambda project: client.patch(PROJECT, body=changes(project, name, desired_tags), groupId=project["id"]),
            compare=lambda project, body: bool(body),
        )
    exit_resource(module, "project", changed, before, after)


def warn_creation_only(module, project):
    """Creation-only options on an existing project: a different region restriction fails (Atlas cannot
    change it), a different alert setting is reported."""
    restriction = module.params["region_usage_restrictions"]
    if restriction is not None and project.get("regionUsageRestrictions") != restriction:
        module.fail_json(
            msg="region_usage_restrictions is %s, but project %s has %s: it is set when a project is created and cannot be changed."
            % (restriction, project["id"], project.get("regionUsageRestrictions") or "none"),
            project=project,
        )
    alerts = module.params["with_default_alerts_settings"]
    if alerts is not None and "withDefaultAlertsSettings" in project and project["withDefaultAlertsSettings"] != alerts:
        module.warn("with_default_alerts_settings only applies when a project is created; project %s exists and was left as it is." % project["id"])


def refuse_delete_with_clusters(module, client, project):
    """Fail: Atlas does not delete a project that has clusters. Names them (one more read)."""
    with module.api_errors("list the clusters of project %s" % project["id"]):
        names = cluster_names(client, project["id"])
    module.fail_json(
        msg="Atlas does not delete a project that has clusters: project %s (%s) has %s. Delete them first."
        % (project["name"], project["id"], ", ".join(names) or "clusters being deleted"),
        clusters=names,
        project=project,
    )


if __name__ == "__main__":
    main()
