"""Clusters: list, get, and MongoDB employee access (grant, revoke, expiry).

Clusters are stored in the 2024-08-05 shape (``ClusterDescription20240805``: one replication spec
per shard, disk size inside the hardware specs). Older versions are derived from it:
2023-02-01 (``AdvancedClusterDescription``: identical shards folded into ``numShards``, disk size at
the top) and 2023-01-01 (``LegacyAtlasCluster``: ``providerSettings`` of the first region).
"""

import copy

from .. import errors
from ..clock import format_time, parse_time
from ..ids import object_id, random_lower_alnum
from .common import Family, Reply, find, find_project, paginated, public


def _default_region_config():
    specs = {"instanceSize": "M10", "diskSizeGB": 10.0, "ebsVolumeType": "STANDARD"}
    return {
        "providerName": "AWS",
        "regionName": "US_EAST_1",
        "priority": 7,
        "electableSpecs": {**specs, "nodeCount": 3},
        "readOnlySpecs": {**specs, "nodeCount": 0},
        "analyticsSpecs": {**specs, "nodeCount": 0},
        "autoScaling": {"compute": {"enabled": False, "scaleDownEnabled": False}, "diskGB": {"enabled": True}},
    }


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
        ("diskWarmingMode", "FULLY_WARMED"),
        ("replicaSetScalingStrategy", "WORKLOAD_TYPE"),
        ("configServerManagementMode", "ATLAS_MANAGED"),
        ("rootCertType", "ISRGROOTX1"),
        ("versionReleaseSystem", "LTS"),
        ("biConnector", {"enabled": False, "readPreference": "SECONDARY"}),
        ("labels", []),
        ("tags", []),
    ):
        cluster.setdefault(key, copy.deepcopy(value))
    if cluster["clusterType"] != "REPLICASET":
        cluster.setdefault("configServerType", "EMBEDDED")
    host = f"{cluster['name'].lower()}.{random_lower_alnum(5)}.mongodb.net"
    cluster.setdefault(
        "connectionStrings", {"standard": f"mongodb://{host}:27017", "standardSrv": f"mongodb+srv://{host}"}
    )
    specs = cluster.setdefault(
        "replicationSpecs", [{"zoneName": "Zone 1", "regionConfigs": [_default_region_config()]}]
    )
    zone_ids = {}
    for spec in specs:
        spec.setdefault("id", object_id(now))
        spec.setdefault("zoneName", "Zone 1")
        spec.setdefault("zoneId", zone_ids.setdefault(spec["zoneName"], object_id(now)))
        spec.setdefault("regionConfigs", [_default_region_config()])
    return cluster


def _visible_grant(cluster, now):
    """Quietly drop an expired employee access grant: Atlas stops showing it once it expires."""
    grant = cluster.get("mongoDBEmployeeAccessGrant")
    if grant and parse_time(grant["expirationTime"]) <= now:
        del cluster["mongoDBEmployeeAccessGrant"]
        return None
    return grant


def _find_cluster(call, project):
    name = call.path["clusterName"]
    cluster = find(project["clusters"], "name", name, errors.cluster_not_found(name, project["id"]))
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
_HARDWARE_SPECS = ("electableSpecs", "readOnlySpecs", "analyticsSpecs")


def _render_2024_08_05(call, cluster):
    body = public(cluster)
    body["links"] = [call.self_link(f"/api/atlas/v2/groups/{cluster['groupId']}/clusters/{cluster['name']}")]
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


def _render_2023_02_01(call, cluster):
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
        body["mongoURI"] = standard
        body["mongoURIWithOptions"] = f"{standard}/?ssl=true&authSource=admin"
        body["mongoURIUpdated"] = cluster["createDate"]
    if cluster["connectionStrings"].get("standardSrv"):
        body["srvAddress"] = cluster["connectionStrings"]["standardSrv"]
    return body


RENDERERS = {"2023-01-01": _render_2023_01_01, "2023-02-01": _render_2023_02_01, "2024-08-05": _render_2024_08_05}


def _render(call, cluster):
    return RENDERERS[call.version](call, cluster)


# --- Handlers ------------------------------------------------------------------------------------
def list_clusters(call):
    project = find_project(call)
    for cluster in project["clusters"]:
        _visible_grant(cluster, call.now)
    return Reply(200, paginated(call, project["clusters"], lambda c: _render(call, c)))


def get_cluster(call):
    return Reply(200, _render(call, _find_cluster(call, find_project(call))))


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
        "grantGroupClusterMongoDbEmployeeAccess": grant_employee_access,
        "revokeGroupClusterMongoDbEmployeeAccess": revoke_employee_access,
    },
    project_lists={"clusters": lambda cluster, seeding: normalize_cluster(cluster, seeding.project, seeding.now)},
)
