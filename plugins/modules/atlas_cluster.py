#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_cluster
short_description: Create, change, pause, resume and delete a MongoDB Atlas cluster, and wait for it
version_added: 0.1.0
description:
  - Creates a dedicated (M10 and larger) or free (M0) Atlas cluster, changes it in place, pauses and
    resumes it, or deletes it; by default waits until Atlas has finished (state C(IDLE), or the cluster
    gone).
  - The topology takes one of two forms. The common single-region replica set in flat options
    (O(provider), O(region), O(instance_size), O(node_count), O(disk_size_gb), O(auto_scaling)); or
    O(replication_specs), Atlas' own C(replicationSpecs) in Atlas' field names, for multi-region,
    multi-cloud, sharded, global and asymmetric clusters.
  - Only what the task states is compared, after putting aside what Atlas fills in or writes its own
    way (ids, region config defaults, unused read-only and analytics specs with C(nodeCount) 0, disk
    sizes such as V(10.0), instance sizes on every hardware spec, effective specs, priorities). A second
    run of the same task sends no write.
  - Changes Atlas applies in place are sent as one update holding only what changed. Changes Atlas
    refuses, or that would rebuild the cluster, fail before anything is sent, saying what and why (for
    example a MongoDB major version downgrade, O(cluster_type) V(SHARDED) back to V(REPLICASET), a free
    cluster moved to another cloud or to a dedicated tier).
  - "Atlas does not change a paused cluster: resuming (O(paused=false)) together with other changes
    resumes first, waits until the cluster is up, then sends the changes; pausing together with other
    changes sends the changes, waits, then pauses. These in-between waits happen even with O(wait=false)."
  - Flex clusters (and the former M2 and M5 shared tiers) have their own Atlas API, which this module
    does not use; it refuses them with a message.
  - "If the answer to the create request is lost (a timeout, a dropped connection), the module sends the
    create again: Atlas refuses a second cluster of the same name (C(DUPLICATE_CLUSTER_NAME)), and the
    module then reads the cluster the first request made and carries on. No second cluster is made."
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
  - atlas_ops.admin.scope.project
  - atlas_ops.admin.scope.cluster
  - atlas_ops.admin.wait
options:
  state:
    description:
      - V(present) creates the cluster or changes it to match the task.
      - V(absent) deletes the cluster (see O(retain_backups)). A cluster with termination protection is
        not deleted; the task fails and says to set O(termination_protection_enabled=false) first. A
        cluster that does not exist is left alone (V(changed=false)); a project that does not exist, or
        that the credentials cannot see, fails the task.
    type: str
    choices: [present, absent]
    default: present
  cluster_type:
    description:
      - V(REPLICASET), V(SHARDED) or V(GEOSHARDED) (a global cluster).
      - When creating, V(REPLICASET) unless set. A replica set can become sharded; a sharded cluster cannot
        become a replica set, nor a global cluster anything else.
    type: str
    choices: [REPLICASET, SHARDED, GEOSHARDED]
  mongodb_major_version:
    description:
      - MongoDB major version, such as V('8.0') (quote it in YAML, or V(8.0) becomes a number). When creating
        without it, Atlas picks its recommended version. A higher version upgrades the cluster; a lower one
        fails the task (Atlas does not downgrade).
    type: str
  paused:
    description:
      - V(true) pauses the cluster, V(false) resumes it. A cluster cannot be created paused.
    type: bool
  termination_protection_enabled:
    description:
      - Whether Atlas refuses to delete the cluster.
    type: bool
  backup_enabled:
    description:
      - Whether Cloud Backup takes snapshots of the cluster.
    type: bool
  pit_enabled:
    description:
      - Whether continuous cloud backup (point in time restore) is on. Needs O(backup_enabled).
    type: bool
  tags:
    description:
      - The cluster's tags, as a dict of key and value (each 1 to 255 characters).
      - When set, the cluster has exactly these tags (V({}) removes all of them); when not set, its tags are
        left alone.
    type: dict
  bi_connector:
    description:
      - MongoDB Connector for Business Intelligence.
    type: dict
    suboptions:
      enabled:
        description: Whether the BI Connector runs.
        type: bool
      read_preference:
        description:
          - Which nodes it reads from. Atlas shows it in lower case; it is compared without regard to case.
        type: str
        choices: [PRIMARY, SECONDARY, ANALYTICS]
  encryption_at_rest_provider:
    description:
      - Cloud provider whose keys encrypt the cluster's storage (encryption at rest with customer keys),
        or V(NONE).
    type: str
    choices: [NONE, AWS, AZURE, GCP]
  version_release_system:
    description:
      - V(LTS) (major versions chosen with O(mongodb_major_version)) or V(CONTINUOUS) (Atlas keeps the
        cluster on the latest release; do not set O(mongodb_major_version) then).
    type: str
    choices: [LTS, CONTINUOUS]
  redact_client_log_data:
    description:
      - Whether the cluster's logs leave out the data of client requests.
    type: bool
  wait:
    description:
      - Wait until Atlas has finished, within O(wait_timeout) - the cluster C(IDLE) after a create, a change,
        a pause or a resume, or gone after a delete. A cluster found in a transitional state (C(CREATING),
        C(UPDATING)) is waited for too.
      - V(false) returns at once with the state Atlas reports (for example C(CREATING)).
      - Never waits in check mode.
    type: bool
    default: true
  retain_backups:
    description:
      - With O(state=absent), whether Atlas keeps the cluster's backup snapshots after deleting it.
    type: bool
  provider:
    description:
      - Flat topology. Cloud provider of the cluster's region.
      - For a free cluster (O(instance_size=M0)), the cloud that hosts it (Atlas' C(backingProviderName)).
      - Needed to create a cluster in the flat form; on an existing single-region cluster, the current
        one when not set.
    type: str
    choices: [AWS, AZURE, GCP]
  region:
    description:
      - Flat topology. Atlas' name of the region, such as V(US_EAST_1) (AWS), V(EUROPE_WEST) (Azure) or
        V(CENTRAL_US) (GCP); not the cloud's own name (V(us-east-1)).
      - Needed to create a cluster in the flat form; on an existing single-region cluster, the current
        one when not set.
    type: str
  instance_size:
    description:
      - Flat topology. The cluster tier, such as V(M10), V(M30), V(R40), V(M40_NVME); V(M0) for a free cluster.
      - Needed to create a cluster in the flat form. A larger size scales the cluster up in place.
      - With compute auto-scaling on (O(auto_scaling.compute_enabled)), Atlas changes the size itself; the
        size is then only used to create the cluster, and never compared afterwards.
    type: str
  node_count:
    description:
      - Flat topology. Number of electable nodes. Not for V(M0), which Atlas runs on 3 nodes.
      - When creating, V(3) unless set.
    type: int
    choices: [3, 5, 7]
  disk_size_gb:
    description:
      - Flat topology. Storage of each node, a whole number of GB from V(10). Not for V(M0).
      - With disk auto-scaling on (Atlas' default), a size smaller than the current one is left alone
        (Atlas grew the disk).
    type: int
  auto_scaling:
    description:
      - Flat topology. Auto-scaling of the region. Not for V(M0).
    type: dict
    suboptions:
      compute_enabled:
        description: Whether Atlas scales the instance size between the minimum and the maximum.
        type: bool
      compute_scale_down_enabled:
        description: Whether Atlas also scales down. Needs O(auto_scaling.compute_enabled).
        type: bool
      compute_min_instance_size:
        description: Smallest instance size Atlas scales to, such as V(M10).
        type: str
      compute_max_instance_size:
        description: Largest instance size Atlas scales to, such as V(M40). Not smaller than the minimum.
        type: str
      disk_gb_enabled:
        description: Whether Atlas grows the disk when it fills up.
        type: bool
  replication_specs:
    description:
      - The whole topology in Atlas' own form (C(replicationSpecs) of the API's 2024-08-05 version, in Atlas'
        field names), a list with one entry per shard (a replica set has one), each with C(regionConfigs) and
        optionally C(zoneName); C(numShards) in an entry stands for that many identical shards.
      - Each region config has C(providerName) (V(AWS), V(AZURE), V(GCP), or V(TENANT) with
        C(backingProviderName) for M0), C(regionName), C(priority) (when left out, V(7), V(6), ... in the
        order given for regions with electable nodes, V(0) for the others), C(electableSpecs),
        C(readOnlySpecs), C(analyticsSpecs) (each with C(instanceSize), C(nodeCount), C(diskSizeGB) and
        provider fields such as C(ebsVolumeType) or C(diskIOPS)), C(autoScaling) and C(analyticsAutoScaling).
      - Read-only and analytics specs left out mean none (C(nodeCount) 0). What else a region config leaves
        out stays as Atlas has it.
      - Mutually exclusive with the flat options.
    type: list
    elements: dict
seealso:
  - module: atlas_ops.admin.atlas_cluster_info
  - name: Atlas clusters API (createGroupCluster)
    description: The operation this module calls, with every field of replicationSpecs.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Clusters/operation/createGroupCluster
notes:
  - "API versions: creates and updates use version 2024-10-23 and read with 2024-08-05; both are Atlas'
    C(ClusterDescription20240805) shape, one replication spec per shard with disk sizes inside the hardware specs."
  - A wait that times out fails the task with the state Atlas reported last (for example V(CREATING));
    nothing is deleted or rolled back, and running the task again waits again.
"""

EXAMPLES = r"""
- name: Provision MongoDB Atlas clusters
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: A three-node M10 replica set in AWS us-east-1, waiting until it is up
      atlas_ops.admin.atlas_cluster:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: orders
        provider: AWS
        region: US_EAST_1
        instance_size: M10
        mongodb_major_version: "8.0"
        backup_enabled: true
        termination_protection_enabled: true
        tags:
          env: prod
          team: payments
      register: orders_cluster

    - name: Show the connection string
      ansible.builtin.debug:
        msg: "{{ orders_cluster.cluster.connectionStrings.standardSrv }}"

    - name: Scale it up, with compute auto-scaling between M30 and M60
      atlas_ops.admin.atlas_cluster:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: orders
        instance_size: M30
        auto_scaling:
          compute_enabled: true
          compute_scale_down_enabled: true
          compute_min_instance_size: M30
          compute_max_instance_size: M60
          disk_gb_enabled: true

    - name: A free M0 cluster on GCP
      atlas_ops.admin.atlas_cluster:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: sandbox
        provider: GCP
        region: CENTRAL_US
        instance_size: M0

    - name: A multi-region replica set across two AWS regions, with a read-only node in a third
      atlas_ops.admin.atlas_cluster:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: ledger
        cluster_type: REPLICASET
        replication_specs:
          - regionConfigs:
              - providerName: AWS
                regionName: EU_WEST_1
                priority: 7
                electableSpecs: {instanceSize: M30, nodeCount: 3, diskSizeGB: 40}
              - providerName: AWS
                regionName: EU_CENTRAL_1
                priority: 6
                electableSpecs: {instanceSize: M30, nodeCount: 2}
              - providerName: AWS
                regionName: EU_WEST_2
                priority: 0
                readOnlySpecs: {instanceSize: M30, nodeCount: 1}

    - name: A sharded cluster of two M30 shards
      atlas_ops.admin.atlas_cluster:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: events
        cluster_type: SHARDED
        replication_specs:
          - numShards: 2
            regionConfigs:
              - providerName: AWS
                regionName: US_EAST_1
                electableSpecs: {instanceSize: M30, nodeCount: 3}

    - name: Pause the development cluster for the weekend (no wait for Atlas to finish)
      atlas_ops.admin.atlas_cluster:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: dev
        paused: true
        wait: false

    - name: Turn termination protection off, then delete the cluster and keep its snapshots
      atlas_ops.admin.atlas_cluster:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: "{{ item.name }}"
        state: "{{ item.state }}"
        termination_protection_enabled: "{{ item.protection | default(omit) }}"
        retain_backups: "{{ item.retain | default(omit) }}"
        wait_timeout: 3600
      loop:
        - {name: old-reports, state: present, protection: false}
        - {name: old-reports, state: absent, retain: true}
"""

RETURN = r"""
cluster:
  description:
    - The cluster as Atlas reports it after the task (version 2024-08-05 shape, Atlas' field names), or the
      predicted cluster in check mode. V(null) after a delete, or when the cluster is absent.
    - After a wait that timed out (the task fails), the cluster as read last.
  returned: always
  type: dict
  contains:
    name:
      description: The cluster's name.
      type: str
    id:
      description: Unique 24-hexadecimal-digit id of the cluster.
      type: str
    stateName:
      description: C(CREATING), C(UPDATING), C(IDLE), C(DELETING), C(REPAIRING).
      type: str
    clusterType:
      description: C(REPLICASET), C(SHARDED) or C(GEOSHARDED).
      type: str
    mongoDBVersion:
      description: The full MongoDB version, such as C(8.0.4).
      type: str
    paused:
      description: Whether the cluster is paused.
      type: bool
    connectionStrings:
      description:
        - The connection strings (C(standard), C(standardSrv), private endpoint ones); empty (V({})) while the
          cluster is being created.
      type: dict
    replicationSpecs:
      description: The topology, one entry per shard, as Atlas has it.
      type: list
      elements: dict
    tags:
      description: The cluster's tags, a list of C(key) and C(value).
      type: list
      elements: dict
  sample:
    name: orders
    id: 6750ab12cd34ef5678901234
    stateName: IDLE
    clusterType: REPLICASET
    mongoDBMajorVersion: "8.0"
    mongoDBVersion: 8.0.4
    paused: false
    terminationProtectionEnabled: true
    connectionStrings:
      standard: mongodb://orders-shard-00-00.ab1cd.mongodb.net:27017,orders-shard-00-01.ab1cd.mongodb.net:27017/?ssl=true&authSource=admin
      standardSrv: mongodb+srv://orders.ab1cd.mongodb.net
    tags:
      - {key: env, value: prod}
diff:
  description:
    - With C(--diff), the fields the task changes, before and after (the whole cluster for a create or a
      delete, V({}) on the side where it does not exist).
  returned: when diff mode is on
  type: dict
  contains:
    before:
      description: The changed fields as they were.
      type: dict
    after:
      description: The changed fields as the task makes them.
      type: dict
"""

import copy

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import CLUSTER, CLUSTERS
from ansible_collections.atlas_ops.admin.plugins.module_utils.cluster import (
    FLEX_MESSAGE,
    FREE_SIZE,
    auto_scaling_settings,
    check_replication_specs,
    cluster_type_problem,
    disk_size_gb,
    flat_replication_specs,
    forbidden_changes,
    instance_size,
    major_version,
    normalise_replication_specs,
    specs_for_update,
    without_auto_scaled_fields,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.cluster import atlas_region as atlas_region_name
from ansible_collections.atlas_ops.admin.plugins.module_utils.errors import AtlasApiError
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import cluster_option, project_option, state_option, warn_ignored
from ansible_collections.atlas_ops.admin.plugins.module_utils.resource import differs, merged
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.plugins.module_utils.wait import wait_for, wait_options

FLAT_OPTIONS = ("provider", "region", "instance_size", "node_count", "disk_size_gb", "auto_scaling")
# option -> Atlas field, for the settings compared as they are.
SETTINGS = (
    ("cluster_type", "clusterType"),
    ("mongodb_major_version", "mongoDBMajorVersion"),
    ("paused", "paused"),
    ("termination_protection_enabled", "terminationProtectionEnabled"),
    ("backup_enabled", "backupEnabled"),
    ("pit_enabled", "pitEnabled"),
    ("encryption_at_rest_provider", "encryptionAtRestProvider"),
    ("version_release_system", "versionReleaseSystem"),
    ("redact_client_log_data", "redactClientLogData"),
)
DUPLICATE_NAME = "DUPLICATE_CLUSTER_NAME"
ALREADY_DELETING = "CLUSTER_ALREADY_REQUESTED_DELETION"
FLEX_IN_CLUSTER_API = "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API"
DONE_STATE = "IDLE"
TAG_LENGTH = (1, 255)


# -- The task, in Atlas' names (pure) -------------------------------------------------------------


def check_options(params):
    """Check the module's own options before any request; return the normalised values by option."""
    checked = {}
    if params.get("mongodb_major_version") is not None:
        checked["mongodb_major_version"] = major_version(params["mongodb_major_version"], "mongodb_major_version")
    if params.get("region") is not None:
        checked["region"] = atlas_region_name(params["region"], "region")
    if params.get("instance_size") is not None:
        checked["instance_size"] = instance_size(params["instance_size"], "instance_size")
    if params.get("disk_size_gb") is not None:
        checked["disk_size_gb"] = disk_size_gb(params["disk_size_gb"], "disk_size_gb")
    checked["auto_scaling"] = auto_scaling_settings(params.get("auto_scaling"))
    if checked.get("instance_size") == FREE_SIZE:
        extra = [option for option in ("node_count", "disk_size_gb", "auto_scaling") if params.get(option) is not None]
        if extra:
            raise AtlasInputError("%s cannot be set for a free M0 cluster (instance_size M0): Atlas sizes it" % " and ".join(extra))
    if params.get("replication_specs") is not None:
        checked["replication_specs"] = check_replication_specs(params["replication_specs"])
    problem = cluster_type_problem(params.get("cluster_type"), checked.get("replication_specs"))
    if problem is None and checked.get("instance_size") == FREE_SIZE and params.get("cluster_type") not in (None, "REPLICASET"):
        problem = "a free (M0) cluster is a REPLICASET, got cluster_type %s" % params["cluster_type"]
    if problem:
        raise AtlasInputError(problem)
    if params.get("tags") is not None:
        checked["tags"] = tag_list(params["tags"])
    if params.get("version_release_system") == "CONTINUOUS" and params.get("mongodb_major_version") is not None:
        raise AtlasInputError("mongodb_major_version cannot be set with version_release_system CONTINUOUS (Atlas picks the version)")
    return checked


def tag_list(tags):
    """tags (a dict) -> Atlas' tags, sorted by key; each key and value 1 to 255 characters."""
    low, high = TAG_LENGTH
    result = []
    for key in sorted(tags, key=str):
        value = tags[key]
        if value is None or isinstance(value, (dict, list)):
            raise AtlasInputError("tags.%s must be a text value of %d to %d characters, got %r" % (key, low, high, value))
        for what, text in (("key", str(key)), ("value", str(value))):
            if not low <= len(text) <= high:
                raise AtlasInputError("tags: each %s must be %d to %d characters, got %r" % (what, low, high, text))
        result.append({"key": str(key), "value": str(value)})
    return result


def _single_region(current):
    """The one region config of a single-region cluster, or None."""
    specs = (current or {}).get("replicationSpecs") or []
    if len(specs) == 1 and len(specs[0].get("regionConfigs") or []) == 1:
        return specs[0]["regionConfigs"][0]
    return None


def flat_specs(params, checked, current):
    """The replication specs the flat options describe, completed from the current single-region
    cluster for what the task leaves out. None when the task sets no flat option."""
    if not any(params.get(option) is not None for option in FLAT_OPTIONS):
        return None
    have = None
    if current is not None:
        have = _single_region(current)
        if have is None:
            raise AtlasInputError(
                "The cluster %s has %d shard(s) and more than one region: describe its topology with replication_specs, not %s"
                % (current["name"], len(current.get("replicationSpecs") or []), ", ".join(o for o in FLAT_OPTIONS if params.get(o) is not None))
            )
    have = have or {}
    tenant = have.get("providerName") == "TENANT"
    electable = have.get("electableSpecs") or {}
    provider = params.get("provider") or (have.get("backingProviderName") if tenant else have.get("providerName"))
    region = checked.get("region") or have.get("regionName")
    size = checked.get("instance_size") or electable.get("instanceSize")
    missing = [option for option, value in (("provider", provider), ("region", region), ("instance_size", size)) if not value]
    if missing:
        raise AtlasInputError("To create the cluster in the flat form, set %s (or give replication_specs)" % ", ".join(missing))
    if size == FREE_SIZE:
        return flat_replication_specs(provider, region, size)
    node_count = params.get("node_count") or (electable.get("nodeCount") if not tenant else None)
    specs = flat_replication_specs(provider, region, size, node_count, checked.get("disk_size_gb"), checked.get("auto_scaling"))
    if have and not tenant and have.get("priority") is not None:
        specs[0]["regionConfigs"][0]["priority"] = have["priority"]
    return specs


def desired_cluster(params, checked, current):
    """The fields the task sets, in Atlas' names (None: not managed)."""
    desired = dict((field, checked.get(option, params.get(option))) for option, field in SETTINGS)
    desired["name"] = params["cluster_name"]
    desired["tags"] = checked.get("tags")
    connector = params.get("bi_connector") or {}
    bi = dict(
        (field, connector.get(option))
        for option, field in (("enabled", "enabled"), ("read_preference", "readPreference"))
        if connector.get(option) is not None
    )
    desired["biConnector"] = bi or None
    specs = checked.get("replication_specs")
    desired["replicationSpecs"] = specs if specs is not None else flat_specs(params, checked, current)
    return desired


def check_cluster_type(desired, current):
    """The cluster type the cluster will have (the task's, else the current one, else REPLICASET) must
    fit the replication specs; raise AtlasInputError naming cluster_type."""
    cluster_type = desired.get("clusterType") or (current or {}).get("clusterType") or "REPLICASET"
    problem = cluster_type_problem(cluster_type, desired.get("replicationSpecs"))
    if problem:
        raise AtlasInputError(problem + ("" if desired.get("clusterType") else " (cluster_type is not set: the cluster is a %s)" % cluster_type))


def create_body(desired):
    body = dict((key, copy.deepcopy(value)) for key, value in desired.items() if value is not None)
    body.setdefault("clusterType", "REPLICASET")
    return body


def _same_tags(current, wanted):
    have = sorted((tag.get("key"), tag.get("value")) for tag in current or [])
    return have == sorted((tag["key"], tag["value"]) for tag in wanted)


def _same_bi_connector(current, wanted):
    current = current or {}
    for key, value in wanted.items():
        have = current.get(key)
        if key == "readPreference":
            have, value = str(have).lower(), str(value).lower()
        if have != value:
            return False
    return True


def plan_update(current, desired):
    """The update body: only the fields that differ from the current cluster. {} when none does.

    Replication specs are compared in their normal form (module_utils/cluster.py) and, when they
    differ, sent whole (Atlas replaces the topology), laid over the current ones.
    """
    body = {}
    for option, field in SETTINGS:
        value = desired.get(field)
        if value is not None and current.get(field) != value:
            body[field] = value
    if desired.get("tags") is not None and not _same_tags(current.get("tags"), desired["tags"]):
        body["tags"] = desired["tags"]
    if desired.get("biConnector") and not _same_bi_connector(current.get("biConnector"), desired["biConnector"]):
        body["biConnector"] = merged(current.get("biConnector") or {}, desired["biConnector"])
    specs = desired.get("replicationSpecs")
    if specs is not None:
        have = current.get("replicationSpecs") or []
        wanted = normalise_replication_specs(without_auto_scaled_fields(specs, have))
        if differs(normalise_replication_specs(have), wanted):
            body["replicationSpecs"] = specs_for_update(specs, have)
    return body


def update_steps(current, body):
    """The updates to send, in order: Atlas changes nothing on a paused cluster, so a resume comes
    before other changes and a pause after them. Raises AtlasInputError for changes to a cluster that
    stays paused."""
    if not body:
        return []
    others = dict((key, value) for key, value in body.items() if key != "paused")
    if current.get("paused") and body.get("paused") is not False and others:
        raise AtlasInputError(
            "The cluster %s is paused and Atlas does not change a paused cluster (%s): set paused: false to resume it "
            "with these changes, or leave them out" % (current["name"], ", ".join(sorted(others)))
        )
    if "paused" not in body or not others:
        return [body]
    if body["paused"] is False:
        return [{"paused": False}, others]
    return [others, {"paused": True}]


def change_diff(before, after, body):
    """The diff of an update: the changed fields before and after (with the cluster's name)."""
    keys = sorted(body)
    return (
        dict([("name", before.get("name"))] + [(key, before.get(key)) for key in keys]),
        dict([("name", before.get("name"))] + [(key, after.get(key)) for key in keys]),
    )


def describe_state(cluster):
    if cluster is None:
        return "gone (the cluster no longer exists)"
    state = cluster.get("stateName", "unknown")
    return "%s%s" % (state, ", paused" if cluster.get("paused") else "")


# -- Atlas ----------------------------------------------------------------------------------------


def read_cluster(client, project_id, name):
    try:
        return client.get_if_exists(CLUSTER, groupId=project_id, clusterName=name)
    except AtlasApiError as exc:
        if exc.error_code == FLEX_IN_CLUSTER_API:
            raise AtlasInputError(FLEX_MESSAGE % ("%s is a Flex cluster" % name))
        raise


def create_cluster(client, project_id, body):
    """POST the cluster; after a lost answer, POST again and, on Atlas' duplicate-name answer, read
    the cluster the first request made. Returns (cluster, recovered): recovered is True when the
    cluster was found rather than made by this request."""
    name = body["name"]
    try:
        return client.post(CLUSTERS, body=body, groupId=project_id), False
    except AtlasApiError as exc:
        if exc.status is None:
            # No answer: the cluster may exist. A name is unique in a project, so a second POST
            # cannot make a second cluster: it creates it, or Atlas says the name is taken.
            try:
                return client.post(CLUSTERS, body=body, groupId=project_id), False
            except AtlasApiError as again:
                if again.error_code != DUPLICATE_NAME:
                    raise
        elif exc.error_code != DUPLICATE_NAME:
            raise
        duplicate = exc if exc.error_code == DUPLICATE_NAME else None
    found = read_cluster(client, project_id, name)
    if found is None:
        raise duplicate or AtlasInputError("Atlas says a cluster named %s exists in project %s, but it cannot be read" % (name, project_id))
    return found, True


def send_update(client, project_id, current, body):
    """PATCH; after a lost answer, read the cluster: when it already has the change, carry on."""
    name = current["name"]
    try:
        return client.patch(CLUSTER, body=body, groupId=project_id, clusterName=name)
    except AtlasApiError as exc:
        if exc.status is not None:
            raise
        found = read_cluster(client, project_id, name)
        if found is None or plan_update(found, body):
            raise exc
        return found


def delete_cluster(client, project_id, name, retain_backups):
    query = {"retainBackups": "true" if retain_backups else "false"} if retain_backups is not None else None
    try:
        client.delete(CLUSTER, query=query, groupId=project_id, clusterName=name)
    except AtlasApiError as exc:
        # A retried DELETE whose first attempt got through: Atlas is already deleting it.
        if exc.error_code != ALREADY_DELETING:
            raise


class Task:
    """One run's context: module, client, project, cluster name, and whether a write was applied."""

    def __init__(self, module):
        self.module = module
        self.client = module.client
        self.project_id = module.params["project_id"]
        self.name = module.params["cluster_name"]
        self.wrote = False

    @property
    def what(self):
        return "cluster %s in project %s" % (self.name, self.project_id)

    def read(self):
        return read_cluster(self.client, self.project_id, self.name)

    def wait_until(self, goal, last):
        """Wait until the cluster is IDLE (goal "idle") or gone (goal "gone"). A timeout fails the task
        with the state read last; nothing is undone."""
        idle = goal == "idle"
        return wait_for(
            self.module,
            read=self.read,
            is_done=(lambda cluster: cluster is not None and cluster.get("stateName") == DONE_STATE) if idle else (lambda cluster: cluster is None),
            what=self.what,
            goal="state %s" % DONE_STATE if idle else "removal",
            describe=describe_state,
            failure=(lambda cluster: "the cluster no longer exists" if cluster is None else None) if idle else None,
            failed_result=lambda cluster: dict(changed=self.wrote, cluster=cluster),
            hint="Nothing was rolled back: Atlas goes on with the change; run the task again to wait for it.",
        )


def main():
    module = AtlasModule(
        argument_spec=dict(
            project_option(),
            state=state_option(),
            cluster_type=dict(type="str", choices=["REPLICASET", "SHARDED", "GEOSHARDED"]),
            mongodb_major_version=dict(type="str"),
            paused=dict(type="bool"),
            termination_protection_enabled=dict(type="bool"),
            backup_enabled=dict(type="bool"),
            pit_enabled=dict(type="bool"),
            tags=dict(type="dict"),
            bi_connector=dict(
                type="dict",
                options=dict(enabled=dict(type="bool"), read_preference=dict(type="str", choices=["PRIMARY", "SECONDARY", "ANALYTICS"])),
            ),
            encryption_at_rest_provider=dict(type="str", choices=["NONE", "AWS", "AZURE", "GCP"]),
            version_release_system=dict(type="str", choices=["LTS", "CONTINUOUS"]),
            redact_client_log_data=dict(type="bool"),
            retain_backups=dict(type="bool"),
            provider=dict(type="str", choices=["AWS", "AZURE", "GCP"]),
            region=dict(type="str"),
            instance_size=dict(type="str"),
            node_count=dict(type="int", choices=[3, 5, 7]),
            disk_size_gb=dict(type="int"),
            auto_scaling=dict(
                type="dict",
                options=dict(
                    compute_enabled=dict(type="bool"),
                    compute_scale_down_enabled=dict(type="bool"),
                    compute_min_instance_size=dict(type="str"),
                    compute_max_instance_size=dict(type="str"),
                    disk_gb_enabled=dict(type="bool"),
                ),
            ),
            replication_specs=dict(type="list", elements="dict"),
            **dict(cluster_option(), **wait_options(wait_default=True))
        ),
        mutually_exclusive=[("replication_specs", option) for option in FLAT_OPTIONS],
        supports_check_mode=True,
    )
    params = module.params
    try:
        checked = check_options(params)
    except AtlasInputError as exc:
        module.fail_json(msg=str(exc))
    if not params["wait"]:
        warn_ignored(module, ("wait_timeout", "wait_interval"), when="wait=false")
    task = Task(module)
    if params["state"] == "absent":
        ignored = [option for option, dummy in SETTINGS] + ["tags", "bi_connector", "replication_specs"] + list(FLAT_OPTIONS)
        warn_ignored(module, ignored, when="state=absent")
        remove(task, params)
    else:
        warn_ignored(module, ("retain_backups",), when="state=present")
        ensure(task, params, checked)


def _fail_after_write(task, action):
    """module.api_errors, but a failure after an applied write reports changed: true."""
    module = task.module

    class Guard:
        def __enter__(self):
            return self

        def __exit__(self, kind, exc, tb):
            if isinstance(exc, AtlasApiError):
                module.fail_json(msg="Failed to %s: %s" % (action, exc), changed=task.wrote, **exc.to_result())
            if isinstance(exc, AtlasInputError):
                module.fail_json(msg=str(exc), changed=task.wrote)
            return False

    return Guard()


def remove(task, params):
    module = task.module
    with _fail_after_write(task, "delete %s" % task.what):
        before = task.read()
        if before is None:
            module.exit_json(changed=False, cluster=None, **_diff(module, None, None))
        deleting = before.get("stateName") == "DELETING"
        if not deleting and before.get("terminationProtectionEnabled"):
            raise AtlasInputError(
                "Cannot delete %s: termination protection is enabled. Set termination_protection_enabled: false "
                "(with state: present) first, then delete it." % task.what
            )
        if not deleting and not module.check_mode:
            delete_cluster(task.client, task.project_id, task.name, params.get("retain_backups"))
            task.wrote = True
        if params["wait"] and not module.check_mode:
            task.wait_until("gone", before)
    module.exit_json(changed=not deleting, cluster=None, **_diff(module, before, None))


def _diff(module, before, after):
    if not module._diff:
        return {}
    return {"diff": {"before": before or {}, "after": after or {}}}


def ensure(task, params, checked):
    module = task.module
    with _fail_after_write(task, "manage %s" % task.what):
        current = task.read()
        desired = desired_cluster(params, checked, current)
        recovered = False
        if current is None:
            if desired["replicationSpecs"] is None:
                raise AtlasInputError("The %s does not exist: to create it, set provider, region and instance_size, or replication_specs" % task.what)
            if desired.get("paused"):
                raise AtlasInputError("The %s does not exist, and Atlas cannot create a cluster paused (paused: true)" % task.what)
            check_cluster_type(desired, None)
            body = create_body(desired)
            if module.check_mode:
                module.exit_json(changed=True, cluster=body, **_diff(module, None, body))
            current, recovered = create_cluster(task.client, task.project_id, body)
            task.wrote = True
            if not recovered:
                after = current
                if params["wait"]:
                    after = task.wait_until("idle", current)
                module.exit_json(changed=True, cluster=after, **_diff(module, None, body))
            desired = desired_cluster(params, checked, current)
        if current.get("stateName") == "DELETING":
            raise AtlasInputError("The %s is being deleted (state DELETING): run the task again once it is gone to create it anew" % task.what)
        check_cluster_type(desired, current)
        problems = forbidden_changes(current, desired)
        body = plan_update(current, desired)
        if problems and body:
            raise AtlasInputError("Cannot change %s: %s. Nothing was changed." % (task.what, "; ".join(problems)))
        steps = update_steps(current, body)
        before_diff, after_diff = change_diff(current, merged(current, body), body)
        after = current
        if module.check_mode:
            module.exit_json(
                changed=bool(body),
                cluster=merged(current, body) if body else current,
                **(_diff(module, before_diff, after_diff) if body else _diff(module, current, current))
            )
        for number, step in enumerate(steps):
            if number:
                after = task.wait_until("idle", after)
            after = send_update(task.client, task.project_id, after, step)
            task.wrote = True
        if params["wait"] and after.get("stateName") != DONE_STATE:
            after = task.wait_until("idle", after)
    if body:
        result_diff = _diff(module, before_diff, change_diff(current, after, body)[1])
    elif recovered:
        result_diff = _diff(module, None, after)
    else:
        result_diff = _diff(module, current, current)
    module.exit_json(changed=bool(body) or recovered, cluster=after, **result_diff)


if __name__ == "__main__":
    main()
