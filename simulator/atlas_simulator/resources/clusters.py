"""Clusters: list, get, create, update, delete, and MongoDB employee access (grant, revoke, expiry).

A created cluster is ``CREATING`` until it has been read (or time has passed) as ``lifecycle.py``
describes, then ``IDLE``; an update makes it ``UPDATING`` then ``IDLE``; a delete makes it
``DELETING`` then gone. Its connection strings appear once it is up.

Clusters are stored in the 2024-08-05 shape (``ClusterDescription20240805``: one replication spec
per shard, disk size inside the hardware specs). Older versions are derived from it:
2023-02-01 (``AdvancedClusterDescription``: identical shards folded into ``numShards``, disk size at
the top) and 2023-01-01 (``LegacyAtlasCluster``: ``providerSettings`` of the first region).
"""

import copy
import hashlib
import re

from .. import errors, lifecycle
from ..clock import format_time, parse_time
from ..ids import object_id
from .common import Family, Reply, find, find_project, paginated, public

CREATION = lifecycle.Lifecycle("stateName", ("CREATING", "IDLE"))
UPDATE = lifecycle.Lifecycle("stateName", ("UPDATING", "IDLE"))
DELETION = lifecycle.Lifecycle("stateName", ("DELETING", lifecycle.GONE))
LIFECYCLES = {"CREATING": CREATION, "UPDATING": UPDATE, "DELETING": DELETION}


def _default_region_config():
    return {"providerName": "AWS", "regionName": "US_EAST_1", "priority": 7, "electableSpecs": {"instanceSize": "M10", "nodeCount": 3}}


# What Atlas fills in, as recorded real Atlas answers show it (docs/simulator.md, "How faithful is it").
_HARDWARE_SPECS = ("electableSpecs", "readOnlySpecs", "analyticsSpecs")
# Default disk size (GB, an integer) per instance size; Atlas' documented defaults.
_DEFAULT_DISK_GB = {"M10": 10, "M20": 20, "M30": 40, "M40": 80, "M50": 160, "M60": 320, "M80": 750}
_TENANT_DISK_GB = {"M0": 0.5, "M2": 2, "M5": 5}
_DEFAULT_ADVANCED_CONFIGURATION = {
    "customOpensslCipherConfigTls12": [],
    "customOpensslCipherConfigTls13": [],
    "minimumEnabledTlsProtocol": "TLS1_2",
    "tlsCipherConfigMode": "DEFAULT",
}
# Sharded and global clusters come without the TLS 1.3 cipher list (every such recording).
_SHARDED_ADVANCED_CONFIGURATION = {k: v for k, v in _DEFAULT_ADVANCED_CONFIGURATION.items() if k != "customOpensslCipherConfigTls13"}
_DEFAULT_AUTO_SCALING = {"compute": {"enabled": False, "scaleDownEnabled": False}, "diskGB": {"enabled": True}}


def _normalize_region_config(region):
    """All three hardware specs (``nodeCount: 0`` where unused), with the disk fields Atlas adds."""
    if region.get("providerName") == "TENANT":
        electable = region.setdefault("electableSpecs", {"instanceSize": "M0"})
        electable.setdefault("diskSizeGB", _TENANT_DISK_GB.get(electable["instanceSize"], 0.5))
        return region
    electable = region.setdefault("electableSpecs", {"instanceSize": "M10", "nodeCount": 3})
    size = electable.setdefault("instanceSize", "M10")
    electable.setdefault("nodeCount", 3)
    electable.setdefault("diskSizeGB", _DEFAULT_DISK_GB.get(size, 10))
    electable.setdefault("diskIOPS", 3000)
    if region["providerName"] == "AWS":
        electable.setdefault("ebsVolumeType", "STANDARD")
    elif region["providerName"] == "AZURE":
        electable.setdefault("diskThroughput", 125)
    for kind in ("readOnlySpecs", "analyticsSpecs"):  # unused ones mirror the electable disk, nodeCount 0
        specs = region.setdefault(kind, {"nodeCount": 0})
        for field, value in electable.items():
            specs.setdefault(field, value if field != "nodeCount" else 0)
    auto_scaling = region.setdefault("autoScaling", copy.deepcopy(_DEFAULT_AUTO_SCALING))
    if auto_scaling.get("compute", {}).get("enabled"):  # Atlas then scales analytics nodes alike
        region.setdefault("analyticsAutoScaling", copy.deepcopy(auto_scaling))
    return region


def _stable_alnum(text, length):
    """Letters and digits drawn from TEXT: the same cluster gets the same host names after a reset."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    return "".join(alphabet[byte % len(alphabet)] for byte in digest[:length])


def _connection_strings(cluster):
    """Atlas' format: empty while CREATING; ``standard`` lists every node with options, port 27016
    behind mongos (sharded) and 27017 for a replica set. Sharded and global clusters also carry
    the (empty, private endpoints are not simulated) private-link fields, even while CREATING.
    The host name's middle part is the project's, as in Atlas."""
    private = {} if cluster["clusterType"] == "REPLICASET" else {"awsPrivateLinkSrv": {}, "privateEndpoint": []}
    if cluster["stateName"] == "CREATING":
        return private
    prefix, domain = cluster["name"].lower()[:23], f"{_stable_alnum(cluster['groupId'], 5)}.mongodb.net"
    port = 27017 if cluster["clusterType"] == "REPLICASET" else 27016
    hosts = []
    for shard, spec in enumerate(cluster["replicationSpecs"]):
        nodes = sum(r.get("electableSpecs", {}).get("nodeCount", 3) for r in spec["regionConfigs"]) or 3
        hosts += [f"{prefix}-shard-{shard:02d}-{node:02d}.{domain}:{port}" for node in range(nodes)]
    options = "ssl=true&authSource=admin"
    if cluster["clusterType"] == "REPLICASET":
        hosts = hosts[:3] if len(hosts) > 3 else hosts
        options += f"&replicaSet=atlas-{_stable_alnum(cluster['groupId'] + cluster['name'], 6)}-shard-0"
    return dict(private, standard=f"mongodb://{','.join(hosts)}/?{options}", standardSrv=f"mongodb+srv://{prefix}.{domain}")


def _config_server_type(cluster):
    """Sharded M10 and M20 clusters get dedicated config servers; larger ones embed them."""
    size = cluster["replicationSpecs"][0]["regionConfigs"][0].get("electableSpecs", {}).get("instanceSize")
    return "DEDICATED" if size in ("M10", "M20") else "EMBEDDED"


def normalize_cluster(cluster, project, now):
    """Fill what a seed may leave out, so a seed can be as short as ``{name: c1}``."""
    major = cluster.setdefault("mongoDBMajorVersion", "8.0")
    cluster.setdefault("id", object_id(now))
    cluster["groupId"] = project["id"]
    cluster.setdefault("clusterType", "REPLICASET")
    cluster.setdefault("stateName", "IDLE")
    cluster.setdefault("createDate", format_time(now))
    cluster.setdefault("mongoDBVersion", f"{major}.4")
    cluster.setdefault("featureCompatibilityVersion", major)
    for key, value in (
        ("paused", False),
        ("backupEnabled", False),
        ("pitEnabled", False),
        ("terminationProtectionEnabled", False),
        ("globalClusterSelfManagedSharding", False),
        ("redactClientLogData", False),
        ("encryptionAtRestProvider", "NONE"),
        ("rootCertType", "ISRGROOTX1"),
        ("versionReleaseSystem", "LTS"),
        # Atlas answers the read preference in lower case (the spec's enum is upper case).
        ("biConnector", {"enabled": False, "readPreference": "secondary"}),
        ("labels", []),
        ("tags", []),
    ):
        cluster.setdefault(key, copy.deepcopy(value))
    # replicaSetScalingStrategy: Atlas shows it only once it was set, so it has no default.
    specs = cluster.setdefault(
        "replicationSpecs", [{"zoneName": "Zone 1", "regionConfigs": [_default_region_config()]}]
    )
    zone_ids = {}
    for spec in specs:
        spec.setdefault("id", object_id(now))
        spec.setdefault("zoneName", "Zone 1")
        spec.setdefault("zoneId", zone_ids.setdefault(spec["zoneName"], object_id(now)))
        spec.setdefault("regionConfigs", [_default_region_config()])
        for region in spec["regionConfigs"]:
            _normalize_region_config(region)
    first_size = specs[0]["regionConfigs"][0]["electableSpecs"]["instanceSize"]
    tenant = specs[0]["regionConfigs"][0]["providerName"] == "TENANT"
    # As the recordings show: no diskWarmingMode on NVMe clusters, no internalClusterRole on global
    # clusters nor on M2/M5 tenants.
    if not first_size.endswith("_NVME"):
        cluster.setdefault("diskWarmingMode", "FULLY_WARMED")
    if cluster["clusterType"] != "GEOSHARDED" and first_size not in ("M2", "M5"):
        cluster.setdefault("internalClusterRole", "NONE")
    if not tenant:  # tenants (M0/M2/M5) have no advanced configuration
        sharded = cluster["clusterType"] != "REPLICASET"
        cluster.setdefault(
            "advancedConfiguration", copy.deepcopy(_SHARDED_ADVANCED_CONFIGURATION if sharded else _DEFAULT_ADVANCED_CONFIGURATION)
        )
        _derived_fields(cluster)
    if cluster["clusterType"] != "REPLICASET":
        cluster.setdefault("configServerManagementMode", "ATLAS_MANAGED")
        cluster.setdefault("configServerType", _config_server_type(cluster))
    cluster.setdefault("connectionStrings", _connection_strings(cluster))
    return cluster


def _regions(cluster):
    return [region for spec in cluster["replicationSpecs"] for region in spec["regionConfigs"]]


def _derived_fields(cluster):
    """What Atlas adds to a dedicated cluster, as the recordings show it in two families: sharded and
    global clusters have ``predictiveEnabled`` in their compute auto-scaling (and no effective specs);
    replica sets without it have ``effective*Specs`` (copies of the specs while nothing auto-scaled)
    and ``useAwsTimeBasedSnapshotCopyForFastInitialSync``. Only what is missing is filled in, so a
    real body seeded as it is comes back unchanged."""
    regions = _regions(cluster)
    if cluster["clusterType"] != "REPLICASET":
        for region in regions:
            for key in ("autoScaling", "analyticsAutoScaling"):
                if key in region:
                    region[key].setdefault("compute", {}).setdefault("predictiveEnabled", False)
        return
    if any("predictiveEnabled" in region.get("autoScaling", {}).get("compute", {}) for region in regions):
        return
    for region in regions:
        for kind in _HARDWARE_SPECS:
            region.setdefault("effective" + kind[0].upper() + kind[1:], copy.deepcopy(region[kind]))
    cluster.setdefault("useAwsTimeBasedSnapshotCopyForFastInitialSync", False)


def _refresh_effective_specs(cluster):
    """After an update, effective specs (where Atlas shows them) follow the new specs."""
    for region in _regions(cluster):
        for kind in _HARDWARE_SPECS:
            effective = "effective" + kind[0].upper() + kind[1:]
            if effective in region:
                region[effective] = copy.deepcopy(region[kind])


def _visible_grant(cluster, now):
    """Quietly drop an expired employee access grant: Atlas stops showing it once it expires."""
    grant = cluster.get("mongoDBEmployeeAccessGrant")
    if grant and parse_time(grant["expirationTime"]) <= now:
        del cluster["mongoDBEmployeeAccessGrant"]
        return None
    return grant


def _on_enter(cluster, state):
    if state == "IDLE" and "standard" not in cluster.get("connectionStrings", {}):
        cluster["connectionStrings"] = _connection_strings(cluster)


def refresh_cluster(store, project, cluster, now):
    """Advance a cluster's state; drop it when its deletion finished. Returns False when gone.

    Only states that a create, update or delete started advance: a transitional state given in a
    seed (or through ``POST /__sim__/state``) holds until it is changed the same way, so that tests
    can stage it."""
    chosen = LIFECYCLES.get(cluster.get("stateName"))
    if chosen is None or "since" not in cluster.get("_sim", {}):
        return True
    before = cluster["stateName"]
    alive = lifecycle.refresh(cluster, chosen, now, store.progression, _on_enter)
    if not alive:
        project["clusters"].remove(cluster)
    if not alive or cluster["stateName"] != before:
        store.mark_changed()
    return alive


def _find_cluster(call, project):
    name = call.path["clusterName"]
    missing = errors.cluster_not_found(name, project["id"])
    cluster = find(project["clusters"], "name", name, missing)
    if not refresh_cluster(call.store, project, cluster, call.now):
        raise missing
    _visible_grant(cluster, call.now)
    return cluster


# --- Version shapes ------------------------------------------------------------------------------
# Fields of ClusterDescription20240805 that AdvancedClusterDescription (2023-02-01) does not have.
_NOT_IN_2023_02_01 = (
    "adaptiveCapacity",
    "effectiveReplicationSpecs",
    "internalClusterRole",
    "redactClientLogData",
    "retainBackups",
    "useAwsTimeBasedSnapshotCopyForFastInitialSync",
)
# Fields LegacyAtlasCluster (2023-01-01) shares with the stored shape.
_LEGACY_FIELDS = (
    "id",
    "groupId",
    "name",
    "clusterType",
    "stateName",
    "createDate",
    "mongoDBVersion",
    "mongoDBMajorVersion",
    "featureCompatibilityVersion",
    "paused",
    "pitEnabled",
    "backupEnabled",
    "terminationProtectionEnabled",
    "globalClusterSelfManagedSharding",
    "encryptionAtRestProvider",
    "diskWarmingMode",
    "replicaSetScalingStrategy",
    "configServerManagementMode",
    "configServerType",
    "rootCertType",
    "versionReleaseSystem",
    "biConnector",
    "labels",
    "tags",
    "connectionStrings",
    "mongoDBEmployeeAccessGrant",
    "links",
)


def _render_2024_08_05(call, cluster):
    body = public(cluster)
    path = f"/api/atlas/v2/groups/{cluster['groupId']}/clusters/{cluster['name']}"
    body["links"] = [
        call.self_link(path),
        {"href": f"{call.base_url}{path}/backup/restoreJobs", "rel": "https://cloud.mongodb.com/restoreJobs"},
        {"href": f"{call.base_url}{path}/backup/snapshots", "rel": "https://cloud.mongodb.com/snapshots"},
    ]
    return body


def _without_ids(spec):
    return {k: v for k, v in spec.items() if k not in ("id", "zoneId")}


def _fold_shards(specs):
    """Consecutive shards that are alike (ids aside) become one spec with ``numShards``."""
    folded = []  # [spec, count]
    for spec in specs:
        if folded and _without_ids(folded[-1][0]) == _without_ids(spec):
            folded[-1][1] += 1
        else:
            folded.append([spec, 1])
    return folded


def _region_config_2023_02_01(region):
    region = {k: v for k, v in region.items() if not k.startswith("effective")}
    for key in _HARDWARE_SPECS:
        if key in region:  # HardwareSpec (2023-02-01) has no diskSizeGB: it sits on the cluster
            region[key] = {k: v for k, v in region[key].items() if k != "diskSizeGB"}
    return region


def _is_asymmetric(cluster):
    """Shards of one zone that differ (ids aside): 2023-02-01's ``numShards`` cannot describe them."""
    by_zone = {}
    for spec in cluster["replicationSpecs"]:
        by_zone.setdefault(spec["zoneName"], []).append(_without_ids(spec))
    return any(any(shard != shards[0] for shard in shards) for shards in by_zone.values())


def _render_2023_02_01(call, cluster):
    if _is_asymmetric(cluster):
        raise errors.bad_request(
            "ASYMMETRIC_SHARD_UNSUPPORTED",
            "Asymmetric sharded cluster is not supported by the current API version. Please use the latest API "
            "instead. Documentation for the latest API is available at "
            "https://docs.atlas.mongodb.com/reference/api/clusters-advanced/.",
        )
    body = {k: v for k, v in _render_2024_08_05(call, cluster).items() if k not in _NOT_IN_2023_02_01}
    body["replicationSpecs"] = [
        {
            "id": spec["id"],
            "zoneId": spec["zoneId"],
            "zoneName": spec["zoneName"],
            "numShards": count,
            "regionConfigs": [_region_config_2023_02_01(region) for region in spec["regionConfigs"]],
        }
        for spec, count in _fold_shards(body["replicationSpecs"])
    ]
    first_electable = cluster["replicationSpecs"][0]["regionConfigs"][0].get("electableSpecs", {})
    if "diskSizeGB" in first_electable:
        body["diskSizeGB"] = first_electable["diskSizeGB"]
    return body


def _render_2023_01_01(call, cluster):
    full = _render_2024_08_05(call, cluster)
    body = {k: full[k] for k in _LEGACY_FIELDS if k in full}
    first = cluster["replicationSpecs"][0]["regionConfigs"][0]
    electable = first.get("electableSpecs", {})
    body["providerSettings"] = {
        "providerName": first["providerName"],
        "regionName": first["regionName"],
        "instanceSizeName": electable.get("instanceSize", "M10"),
    }
    if first["providerName"] == "AWS" and "ebsVolumeType" in electable:
        body["providerSettings"]["volumeType"] = electable["ebsVolumeType"]
    body["numShards"] = len(cluster["replicationSpecs"])
    body["replicationFactor"] = electable.get("nodeCount", 3)
    body["diskSizeGB"] = electable.get("diskSizeGB", 10.0)
    body["providerBackupEnabled"] = cluster["backupEnabled"]
    auto_scaling = first.get("autoScaling", {})
    body["autoScaling"] = {
        "compute": {
            "enabled": auto_scaling.get("compute", {}).get("enabled", False),
            "scaleDownEnabled": auto_scaling.get("compute", {}).get("scaleDownEnabled", False),
        },
        "diskGBEnabled": auto_scaling.get("diskGB", {}).get("enabled", False),
    }
    zone = cluster["replicationSpecs"][0]
    body["replicationSpecs"] = [
        {
            "id": zone["id"],
            "zoneName": zone["zoneName"],
            "numShards": len(cluster["replicationSpecs"]),
            "regionsConfig": {
                region["regionName"]: {
                    "electableNodes": region.get("electableSpecs", {}).get("nodeCount", 0),
                    "readOnlyNodes": region.get("readOnlySpecs", {}).get("nodeCount", 0),
                    "analyticsNodes": region.get("analyticsSpecs", {}).get("nodeCount", 0),
                    "priority": region.get("priority", 7),
                }
                for region in zone["regionConfigs"]
            },
        }
    ]
    standard = cluster["connectionStrings"].get("standard")
    if standard:
        # Atlas' standard string already carries its options; the legacy one without them is mongoURI.
        body["mongoURI"] = standard.split("/?", 1)[0]
        body["mongoURIWithOptions"] = standard
        body["mongoURIUpdated"] = cluster["createDate"]
    if cluster["connectionStrings"].get("standardSrv"):
        body["srvAddress"] = cluster["connectionStrings"]["standardSrv"]
    return body


# 2024-10-23 (create and update only) answers the same ClusterDescription20240805 as 2024-08-05.
RENDERERS = {
    "2023-01-01": _render_2023_01_01,
    "2023-02-01": _render_2023_02_01,
    "2024-08-05": _render_2024_08_05,
    "2024-10-23": _render_2024_08_05,
}


def _render(call, cluster):
    return RENDERERS[call.version](call, cluster)


# --- Handlers ------------------------------------------------------------------------------------
def _shown(call, cluster):
    lifecycle.observed(cluster)
    return _render(call, cluster)


def list_clusters(call):
    project = find_project(call)
    clusters = [c for c in list(project["clusters"]) if refresh_cluster(call.store, project, c, call.now)]
    for cluster in clusters:
        _visible_grant(cluster, call.now)
    return Reply(200, paginated(call, clusters, lambda c: _shown(call, c)))


def get_cluster(call):
    return Reply(200, _shown(call, _find_cluster(call, find_project(call))))


# --- Create, update, delete ----------------------------------------------------------------------
# Error codes are Atlas' published ones (its list of API error codes) unless marked "(guess)".
# The versions whose bodies the simulator takes for writes (older shapes answer 501).
WRITE_VERSIONS = ("2024-08-05", "2024-10-23")
# Top-level fields a create or an update may set; anything else in a body (read-only fields a client
# echoes back) is ignored, as Atlas ignores them.
WRITABLE_FIELDS = (
    "name",
    "clusterType",
    "replicationSpecs",
    "advancedConfiguration",
    "backupEnabled",
    "biConnector",
    "configServerManagementMode",
    "diskWarmingMode",
    "encryptionAtRestProvider",
    "globalClusterSelfManagedSharding",
    "labels",
    "mongoDBMajorVersion",
    "paused",
    "pitEnabled",
    "redactClientLogData",
    "replicaSetScalingStrategy",
    "rootCertType",
    "tags",
    "terminationProtectionEnabled",
    "useAwsTimeBasedSnapshotCopyForFastInitialSync",
    "versionReleaseSystem",
)
# Changes that only touch settings: the cluster stays IDLE (no plan runs on its hosts).
_SETTINGS_ONLY = ("tags", "labels", "terminationProtectionEnabled")
_TENANT_SIZES = ("M0", "M2", "M5")


def _check_version(call):
    if call.version not in WRITE_VERSIONS:
        raise errors.AtlasError(
            501,
            "NOT_IMPLEMENTED_IN_SIMULATOR",
            f"The Atlas simulator takes cluster writes in versions {', '.join(WRITE_VERSIONS)} only.",
            [call.version],
        )


def _major(version):
    return tuple(int(part) for part in str(version).split(".")[:2] if part.isdigit())


def _check_topology(cluster):
    """Atlas' checks of a cluster's shape, on the cluster as it would be after the write."""
    specs = cluster["replicationSpecs"]
    if cluster["clusterType"] == "REPLICASET" and len(specs) > 1:
        raise errors.bad_request(
            "INVALID_CLUSTER_CONFIGURATION",  # (guess: the detail; the code is Atlas')
            "The specified cluster configuration is not valid: a replica set has exactly one replication spec.",
        )
    for index, spec in enumerate(specs):
        regions = spec.get("regionConfigs") or []
        if not regions:
            raise errors.missing_attribute(f"replicationSpecs[{index}].regionConfigs")
        tenant = regions[0].get("providerName") == "TENANT"
        for region in regions:
            size = (region.get("electableSpecs") or {}).get("instanceSize")
            if (region.get("providerName") == "TENANT") != (size in _TENANT_SIZES) and size is not None:
                raise errors.invalid_attribute(
                    "instanceSize", f"Instance size {size} is not available for provider {region.get('providerName')}."
                )
            for kind in _HARDWARE_SPECS:
                disk = (region.get(kind) or {}).get("diskSizeGB")
                if not tenant and disk is not None and float(disk) != int(disk):
                    raise errors.bad_request(
                        "CLUSTER_DISK_SIZE_NOT_WHOLE_NUMBER",
                        f"The cluster's disk size of {float(disk):.1f} GB is invalid. The disk size must be a positive whole number.",
                        disk,
                    )
            compute = (region.get("autoScaling") or {}).get("compute") or {}
            low, high = compute.get("minInstanceSize"), compute.get("maxInstanceSize")
            if low and high and _size_rank(low) > _size_rank(high):
                raise errors.bad_request(
                    "COMPUTE_AUTO_SCALING_INSTANCE_SIZE_RANGE_INVALID",
                    f"The min instance size ({low}) must be less than the max instance size ({high}).",
                    low,
                    high,
                )
        if tenant:
            continue
        electable = sum((region.get("electableSpecs") or {}).get("nodeCount", 0) for region in regions)
        if electable not in (3, 5, 7):
            raise errors.bad_request(
                "CLUSTER_REPLICATION_FACTOR_INVALID", "The cluster's replication factor must be either 3, 5, or 7."
            )


def _size_rank(size):
    match = re.match(r"^[MR]([0-9]+)", str(size))
    return int(match.group(1)) if match else 0


def _take_specs(cluster, specs, now):
    """Replace the replication specs; a shard at the same position keeps its ids."""
    old = cluster.get("replicationSpecs") or []
    new = copy.deepcopy(specs)
    for index, spec in enumerate(new):
        spec.pop("zoneId", None)
        if index < len(old) and "id" in old[index]:
            spec["id"] = old[index]["id"]
            if spec.get("zoneName", "Zone 1") == old[index].get("zoneName") and "zoneId" in old[index]:
                spec["zoneId"] = old[index]["zoneId"]
        else:
            spec.pop("id", None)
    cluster["replicationSpecs"] = new


def create_cluster(call):
    project = find_project(call)
    _check_version(call)
    body = call.body
    if not body.get("name"):
        raise errors.missing_attribute("name")
    name = body["name"]
    if any(cluster["name"].lower() == name.lower() for cluster in project["clusters"]):
        raise errors.bad_request(
            "DUPLICATE_CLUSTER_NAME",
            f"A cluster or serverless instance named {name} is already present in group {project['id']}.",
            "cluster or serverless instance",
            name,
            project["id"],
        )
    if body.get("paused"):
        raise errors.bad_request("CANNOT_CREATE_PAUSED_CLUSTER", f"Cluster {name} cannot be created in a paused state.", name)
    if not body.get("replicationSpecs"):
        raise errors.missing_attribute("replicationSpecs")
    cluster = {key: copy.deepcopy(body[key]) for key in WRITABLE_FIELDS if key in body}
    cluster.setdefault("clusterType", "REPLICASET")
    specs, cluster["replicationSpecs"] = cluster["replicationSpecs"], []
    _take_specs(cluster, specs, call.now)
    _check_topology(cluster)
    lifecycle.start(cluster, "stateName", "CREATING", call.now)
    normalize_cluster(cluster, project, call.now)
    project["clusters"].append(cluster)
    return Reply(201, _render(call, cluster))


def _check_update(cluster, body, after):
    name = cluster["name"]
    if "name" in body and body["name"] != name:
        raise errors.bad_request("CLUSTER_CANNOT_CHANGE_NAME", "Cannot change name of cluster during an update.")
    if cluster.get("paused") and after.get("paused") is not False:
        changes = [key for key in body if key in WRITABLE_FIELDS and body[key] != cluster.get(key)]
        if changes:
            raise errors.bad_request(  # (guess: the detail; the code is the one Atlas' Terraform provider handles)
                "CANNOT_UPDATE_PAUSED_CLUSTER", f"Cannot update cluster {name} while it is paused or being paused.", name
            )
    if cluster.get("paused") and body.get("paused") is False:
        others = [key for key in body if key in WRITABLE_FIELDS and key != "paused" and body[key] != cluster.get(key)]
        if others:
            raise errors.bad_request(  # (guess, as above: resume first, then change)
                "CANNOT_UPDATE_PAUSED_CLUSTER", f"Cannot update cluster {name} while it is paused or being paused.", name
            )
    before_type, after_type = cluster["clusterType"], after["clusterType"]
    if before_type == "GEOSHARDED" and after_type != "GEOSHARDED":
        raise errors.bad_request(
            "CANNOT_CHANGE_GEOSHARDED_CLUSTER_TYPE", "A geo sharded cluster cannot be changed to a different cluster type."
        )
    if before_type == "SHARDED" and after_type == "REPLICASET":
        raise errors.bad_request(  # (guess: the detail)
            "INVALID_CLUSTER_CONFIGURATION", "The specified cluster configuration is not valid: a sharded cluster cannot become a replica set."
        )
    if _major(after.get("mongoDBMajorVersion", "0")) < _major(cluster.get("mongoDBMajorVersion", "0")):
        raise errors.bad_request(
            "CLUSTER_UPGRADE_INVALID", "Cluster cannot be upgraded, as specified upgrade version is below the current version."
        )
    was_tenant = _regions(cluster)[0]["providerName"] == "TENANT"
    is_tenant = after["replicationSpecs"][0]["regionConfigs"][0].get("providerName") == "TENANT"
    if was_tenant != is_tenant:
        raise errors.bad_request(  # (guess: the detail; Atlas upgrades a tenant through .../clusters/tenantUpgrade)
            "INVALID_CLUSTER_CONFIGURATION",
            "The specified cluster configuration is not valid: a free cluster changes tier through the tenant upgrade.",
        )
    if was_tenant and _regions(cluster)[0].get("backingProviderName") != after["replicationSpecs"][0]["regionConfigs"][0].get(
        "backingProviderName"
    ):
        raise errors.bad_request("CLUSTER_CANNOT_CHANGE_PROVIDER_NAME", "Cannot change the cloud provider of a cluster.")


def update_cluster(call):
    project = find_project(call)
    _check_version(call)
    cluster = _find_cluster(call, project)
    if cluster["stateName"] == "DELETING":
        raise errors.bad_request(
            "CLUSTER_ALREADY_REQUESTED_DELETION", f"The cluster {cluster['name']} has already been requested for deletion.", cluster["name"]
        )
    body = call.body
    after = copy.deepcopy(cluster)
    after.update({key: copy.deepcopy(body[key]) for key in WRITABLE_FIELDS if key in body and key != "replicationSpecs"})
    if "replicationSpecs" in body:
        _take_specs(after, body["replicationSpecs"], call.now)
    _check_update(cluster, body, after)
    _check_topology(after)
    changed = [key for key in WRITABLE_FIELDS if key in body and body[key] != cluster.get(key)]
    if "mongoDBMajorVersion" in changed:
        after["mongoDBVersion"] = f"{after['mongoDBMajorVersion']}.4"
        after["featureCompatibilityVersion"] = after["mongoDBMajorVersion"]
    if "replicationSpecs" in body:
        zone_ids = {}
        for spec in after["replicationSpecs"]:
            spec.setdefault("id", object_id(call.now))
            spec.setdefault("zoneName", "Zone 1")
            spec.setdefault("zoneId", zone_ids.setdefault(spec["zoneName"], object_id(call.now)))
            for region in spec["regionConfigs"]:
                _normalize_region_config(region)
        _refresh_effective_specs(after)
        _derived_fields(after)
    cluster.clear()
    cluster.update(after)
    if any(key not in _SETTINGS_ONLY for key in changed):
        lifecycle.start(cluster, "stateName", "UPDATING", call.now)
    return Reply(200, _render(call, cluster))


def delete_cluster(call):
    project = find_project(call)
    cluster = _find_cluster(call, project)
    name = cluster["name"]
    if cluster["stateName"] == "DELETING":
        raise errors.bad_request(
            "CLUSTER_ALREADY_REQUESTED_DELETION", f"The cluster {name} has already been requested for deletion.", name
        )
    if cluster.get("terminationProtectionEnabled"):
        raise errors.bad_request(  # (guess: the detail; the code is the one MongoDB's own test helpers handle)
            "CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED",
            f"Cannot terminate cluster {name} while termination protection is enabled. Disable termination protection first.",
            name,
        )
    cluster.setdefault("_sim", {})["retain_backups"] = bool(call.query.get("retainBackups"))
    lifecycle.start(cluster, "stateName", "DELETING", call.now)
    return Reply(202)


def grant_employee_access(call):
    cluster = _find_cluster(call, find_project(call))
    if parse_time(call.body["expirationTime"]) <= call.now:
        raise errors.invalid_attribute("expirationTime", "The expiration time must be in the future.")
    cluster["mongoDBEmployeeAccessGrant"] = {
        "grantType": call.body["grantType"],
        "expirationTime": format_time(parse_time(call.body["expirationTime"])),
    }
    return Reply(204)


def revoke_employee_access(call):
    """Revoking when there is no grant answers 204 as well (Atlas' answer there is not documented)."""
    cluster = _find_cluster(call, find_project(call))
    cluster.pop("mongoDBEmployeeAccessGrant", None)
    return Reply(204)


FAMILY = Family(
    handlers={
        "listGroupClusters": list_clusters,
        "getGroupCluster": get_cluster,
        "createGroupCluster": create_cluster,
        "updateGroupCluster": update_cluster,
        "deleteGroupCluster": delete_cluster,
        "grantGroupClusterMongoDbEmployeeAccess": grant_employee_access,
        "revokeGroupClusterMongoDbEmployeeAccess": revoke_employee_access,
    },
    project_lists={"clusters": lambda cluster, seeding: normalize_cluster(cluster, seeding.project, seeding.now)},
)
