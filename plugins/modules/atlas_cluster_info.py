#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_cluster_info
short_description: Read the clusters of a MongoDB Atlas project
version_added: 0.1.0
description:
  - Returns the clusters of one Atlas project, all of them or one by name, as Atlas describes them
    (API resource version 2024-08-05).
  - Reads every page of the project's cluster list, 500 clusters a page.
  - Can filter the clusters by state, type, paused flag and resource tags. Atlas offers no query parameters
    for these, so the filters are applied to the clusters read.
  - Can wait for a named cluster to reach a state, for pipelines that must let a change settle first.
  - Never changes anything.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes.info
  - atlas_ops.admin.scope.project
  - atlas_ops.admin.wait
options:
  cluster_name:
    description:
      - Name of one cluster to return.
      - When the cluster does not exist, RV(clusters) is an empty list; this is not an error. A project that
        does not exist fails the task.
      - When not set, every cluster of the project is read.
    type: str
    aliases: [name]
  include_deleted_with_retained_backups:
    description:
      - Also return clusters that were deleted but whose backups are retained.
      - With O(cluster_name), such a cluster is looked up in the project's cluster list when the cluster itself
        is not found.
    type: bool
    default: false
  state_name:
    description:
      - Return only clusters whose C(stateName) is this value.
    type: str
    choices: [IDLE, CREATING, UPDATING, DELETING, REPAIRING]
  cluster_type:
    description:
      - Return only clusters whose C(clusterType) is this value.
    type: str
    choices: [REPLICASET, SHARDED, GEOSHARDED]
  paused:
    description:
      - Return only paused clusters (V(true)) or only clusters that are not paused (V(false)).
      - When not set, clusters are returned whether paused or not.
    type: bool
  tags:
    description:
      - Return only clusters that carry every one of these resource tags, given as a dictionary from tag key to tag value.
      - Keys and values are compared exactly, as the text Atlas stores. Atlas' tag values are strings, so a value
        that is not a string (a YAML boolean or number such as V(true) or V(1), unquoted) is refused before any
        request, with a message naming the tag; quote it (V("true")).
      - A cluster may have more tags than these.
    type: dict
  wait_for_state:
    description:
      - Wait until the cluster named by O(cluster_name) has this C(stateName), then return it.
      - Requires O(cluster_name). The filters are applied to the cluster once it has reached the state.
      - The task fails when the cluster does not exist, and when it has not reached the state within
        O(wait_timeout) seconds.
      - Without it, O(wait_timeout) and O(wait_interval) have no effect.
    type: str
    choices: [IDLE, CREATING, UPDATING, DELETING, REPAIRING]
notes:
  - Flex clusters that were created through the cluster API are returned too; serverless instances are not.
seealso:
  - name: Atlas Administration API, Return All Clusters in One Project
    description: The API operation this module calls to list clusters.
    link: https://mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Clusters/operation/listGroupClusters
  - module: atlas_ops.admin.atlas_employee_access
"""

EXAMPLES = r"""
- name: Read Atlas clusters
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Read every cluster of the project
      atlas_ops.admin.atlas_cluster_info:
        project_id: 5f1e2d3c4b5a697887960a1b
      register: all_clusters

    - name: Show their names
      ansible.builtin.debug:
        msg: "{{ all_clusters.clusters | map(attribute='name') | list }}"

    - name: Read one cluster
      atlas_ops.admin.atlas_cluster_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
      register: cluster0

    - name: Read the production sharded clusters that are not paused
      atlas_ops.admin.atlas_cluster_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_type: SHARDED
        paused: false
        tags:
          env: prod

    - name: Wait up to 30 minutes for a cluster change to finish
      atlas_ops.admin.atlas_cluster_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
        wait_for_state: IDLE
        wait_timeout: 1800
        wait_interval: 30
"""

RETURN = r"""
clusters:
  description:
    - The clusters found, as Atlas returns them (resource version 2024-08-05), in Atlas' order.
    - An empty list when no cluster matches, and when the cluster named by O(cluster_name) does not exist.
  returned: always
  type: list
  elements: dict
  sample:
    - clusterType: REPLICASET
      connectionStrings:
        standardSrv: mongodb+srv://cluster0.a1b2c.mongodb.net
      createDate: "2026-01-15T09:30:00Z"
      groupId: 5f1e2d3c4b5a697887960a1b
      id: 6a1b2c3d4e5f60718293a4b5
      mongoDBEmployeeAccessGrant:
        expirationTime: "2026-12-01T18:00:00Z"
        grantType: CLUSTER_DATABASE_LOGS
      mongoDBMajorVersion: "8.0"
      mongoDBVersion: 8.0.4
      name: Cluster0
      paused: false
      replicationSpecs:
        - regionConfigs:
            - electableSpecs:
                instanceSize: M10
                nodeCount: 3
              priority: 7
              providerName: AWS
              regionName: US_EAST_1
          zoneName: Zone 1
      stateName: IDLE
      tags:
        - key: env
          value: prod
"""

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import CLUSTER, CLUSTERS
from ansible_collections.atlas_ops.admin.plugins.module_utils.info import run_info_module
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import cluster_option, warn_ignored
from ansible_collections.atlas_ops.admin.plugins.module_utils.wait import wait_for, wait_options
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError

CLUSTER_STATES = ["IDLE", "CREATING", "UPDATING", "DELETING", "REPAIRING"]
CLUSTER_TYPES = ["REPLICASET", "SHARDED", "GEOSHARDED"]


def read_clusters(client, project_id, name, include_deleted):
    """The project's clusters, or the named one as a list of zero or one cluster."""
    query = {"includeDeletedWithRetainedBackups": "true"} if include_deleted else None
    if name is None:
        return client.get_all(CLUSTERS, query=query, groupId=project_id)
    cluster = client.get_if_exists(CLUSTER, groupId=project_id, clusterName=name)
    if cluster is not None:
        return [cluster]
    if include_deleted:
        # A deleted cluster whose backups are retained only shows up in the list.
        return [found for found in client.get_all(CLUSTERS, query=query, groupId=project_id) if found.get("name") == name]
    return []


def check_tags(tags, option="tags"):
    """Refuse tag keys and values that are not strings: Atlas stores tags as text, and str(True) is "True",
    which would silently match nothing. Raises AtlasInputError naming the tag; returns the tags."""
    for key, value in (tags or {}).items():
        if not isinstance(key, str):
            raise AtlasInputError("tags keys must be strings as Atlas stores them, got %r: quote it in the task." % (key,))
        if not isinstance(value, str):
            raise AtlasInputError(
                "tags.%s must be a string, as Atlas stores tag values, got %r (%s): quote it in the task, such as %s: \"%s\"."
                % (key, value, type(value).__name__, key, str(value).lower() if isinstance(value, bool) else value)
            )
    return tags


def has_tags(cluster, wanted):
    present = set((tag.get("key"), tag.get("value")) for tag in cluster.get("tags") or [])
    return all((key, value) in present for key, value in wanted.items())


def matches(cluster, params):
    """Whether a cluster passes every filter the task set."""
    if params["state_name"] is not None and cluster.get("stateName") != params["state_name"]:
        return False
    if params["cluster_type"] is not None and cluster.get("clusterType") != params["cluster_type"]:
        return False
    # Atlas may leave paused out for a running cluster: missing means not paused.
    if params["paused"] is not None and bool(cluster.get("paused")) != params["paused"]:
        return False
    if params["tags"] and not has_tags(cluster, params["tags"]):
        return False
    return True


def read(call):
    """The clusters the task asks for: read once, or (wait_for_state) read until the named one is in that state."""
    params, client = call.params, call.client
    project_id, name, wanted_state = params["project_id"], params["cluster_name"], params["wait_for_state"]
    if not wanted_state:
        warn_ignored(call.module, ("wait_timeout", "wait_interval"), when="wait_for_state is not set")
        return read_clusters(client, project_id, name, params["include_deleted_with_retained_backups"])
    return [
        wait_for(
            call.module,
            read=lambda: client.get_if_exists(CLUSTER, groupId=project_id, clusterName=name),
            is_done=lambda cluster: cluster is not None and cluster.get("stateName") == wanted_state,
            failure=lambda cluster: "it does not exist" if cluster is None else None,
            what="cluster %s in project %s" % (name, project_id),
            goal="state %s" % wanted_state,
            describe=lambda cluster: cluster.get("stateName"),
            failed_result=lambda cluster: dict(clusters=[cluster] if cluster else []),
        )
    ]


def main():
    run_info_module(
        "clusters",
        what="the clusters",
        read=read,
        options=dict(
            include_deleted_with_retained_backups=dict(type="bool", default=False),
            state_name=dict(type="str", choices=CLUSTER_STATES),
            cluster_type=dict(type="str", choices=CLUSTER_TYPES),
            paused=dict(type="bool"),
            tags=dict(type="dict"),
            wait_for_state=dict(type="str", choices=CLUSTER_STATES),
            **dict(cluster_option(required=False), **wait_options())
        ),
        required_by={"wait_for_state": "cluster_name"},
        validators={"tags": check_tags},
        keep=lambda cluster, call: matches(cluster, call.params),
    )


if __name__ == "__main__":
    main()
