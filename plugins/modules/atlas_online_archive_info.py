#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_online_archive_info
short_description: Read the Online Archives of a MongoDB Atlas cluster, or of every cluster of a project
version_added: 0.1.0
description:
  - Returns the Online Archives of one cluster (O(cluster_name)), or of every cluster of the project, as Atlas
    returns them, each with its cluster (C(clusterName)), collection (C(dbName), C(collName)) and C(state).
  - Without O(cluster_name), the project's clusters are listed first, then each cluster's archives. Every list
    is read page by page until all of it is read. Nothing is changed.
  - Archives that Atlas still lists as C(DELETED) are returned too, with that state.
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes.info
  - atlas_ops.admin.scope.project
options:
  cluster_name:
    description:
      - Name of the cluster whose archives to return.
      - When the cluster does not exist, RV(online_archives) is an empty list; this is not an error. A project
        that does not exist fails the task.
      - When not set, the archives of every cluster of the project are returned.
    type: str
    aliases: [name]
  db_name:
    description:
      - Return only the archives of collections of this database.
    type: str
  coll_name:
    description:
      - Return only the archives of collections with this name.
    type: str
    aliases: [collection]
notes:
  - Reading online archives needs the Project Read Only role.
  - Atlas serves online archives through API resource version 2023-01-01, and clusters through 2024-08-05.
seealso:
  - module: atlas_ops.admin.atlas_online_archive
  - name: Atlas Administration API, Return All Online Archives for One Cluster
    description: The API operation this module calls for each cluster.
    link: https://mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Online-Archive/operation/listGroupClusterOnlineArchives
"""

EXAMPLES = r"""
- name: Audit the online archives of a project
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Read the archives of every cluster of the project
      atlas_ops.admin.atlas_online_archive_info:
        project_id: 5f1e2d3c4b5a697887960a1b
      register: archives

    - name: Show the archives that do not archive
      ansible.builtin.debug:
        msg: >-
          {{ archives.online_archives | rejectattr('state', 'in', ['ACTIVE', 'IDLE', 'ARCHIVING'])
             | map(attribute='collName') | list }}

    - name: Read the archives of the collection sales.orders on Cluster0
      atlas_ops.admin.atlas_online_archive_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
        db_name: sales
        coll_name: orders
"""

RETURN = r"""
online_archives:
  description:
    - The archives, as Atlas returns them (C(BackupOnlineArchive), resource version 2023-01-01), cluster by
      cluster in the order Atlas lists the clusters. See M(atlas_ops.admin.atlas_online_archive) for every field.
    - An empty list when no archive matches, and when the cluster named by O(cluster_name) does not exist.
  returned: always
  type: list
  elements: dict
  sample:
    - _id: 6733a4c6e4b0a1b2c3d4e5f6
      clusterName: Cluster0
      groupId: 5f1e2d3c4b5a697887960a1b
      dbName: sales
      collName: orders
      collectionType: STANDARD
      criteria: {type: DATE, dateField: created, dateFormat: ISODATE, expireAfterDays: 90}
      schedule: {type: DEFAULT}
      dataProcessRegion: {cloudProvider: AWS, region: US_EAST_1}
      paused: false
      state: ACTIVE
  contains:
    _id:
      description: Unique id of the archive.
      returned: always
      type: str
    clusterName:
      description: Name of the cluster.
      returned: always
      type: str
    dbName:
      description: Database of the archived collection.
      returned: always
      type: str
    collName:
      description: Archived collection.
      returned: always
      type: str
    state:
      description: C(PENDING), C(ACTIVE), C(IDLE), C(ARCHIVING), C(PAUSING), C(PAUSED), C(ORPHANED) or C(DELETED).
      returned: always
      type: str
"""

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import CLUSTER, CLUSTERS, ONLINE_ARCHIVES, means_absent
from ansible_collections.atlas_ops.admin.plugins.module_utils.errors import AtlasApiError
from ansible_collections.atlas_ops.admin.plugins.module_utils.info import run_info_module
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import cluster_option


def cluster_archives(client, project_id, cluster_name):
    """The archives of one cluster; none when the cluster does not exist (or was deleted since it was listed)."""
    try:
        return client.get_all(ONLINE_ARCHIVES, groupId=project_id, clusterName=cluster_name)
    except AtlasApiError as exc:
        # The archives' path names the cluster: its CLUSTER_NOT_FOUND is the cluster's absence.
        if means_absent(CLUSTER, exc.status, exc.error_code):
            return []
        raise


def read_archives(client, project_id, cluster_name):
    if cluster_name is not None:
        return cluster_archives(client, project_id, cluster_name)
    archives = []
    for cluster in client.get_all(CLUSTERS, groupId=project_id):
        archives.extend(cluster_archives(client, project_id, cluster["name"]))
    return archives


def matches(archive, db_name, coll_name):
    return (db_name is None or archive.get("dbName") == db_name) and (coll_name is None or archive.get("collName") == coll_name)


def describe(params, where):
    """What the task reads, as its failure message says it."""
    if params["cluster_name"]:
        return "the online archives of cluster %s in %s" % (params["cluster_name"], where)
    return "the online archives of the clusters of %s" % where


def main():
    run_info_module(
        "online_archives",
        what=describe,
        read=lambda call: read_archives(call.client, call.params["project_id"], call.params["cluster_name"]),
        options=dict(db_name=dict(type="str"), coll_name=dict(type="str", aliases=["collection"]), **cluster_option(required=False)),
        keep=lambda archive, call: matches(archive, call.params["db_name"], call.params["coll_name"]),
    )


if __name__ == "__main__":
    main()
