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


def _connection_strings(cluster):
    """Atlas' format: empty while CREATING; ``standard`` lists every node with options, port 27016
    behind mongos (sharded) and 27017 for a replica set."""
    if cluster["stateName"] == "CREATING":
        return {}
    prefix, domain = cluster["name"].lower()[:23], f"{random_lower_alnum(5)}.mongodb.net"
    port = 27017 if cluster["clusterType"] == "REPLICASET" else 27016
    hosts = []
    for shard, spec in enumerate(cluster["replicationSpecs"]):
        nodes = sum(r.get("electableSpecs", {}).get("nodeCount", 3) for r in spec["regionConfigs"]) or 3
        hosts += [f"{prefix}-shard-{shard:02d}-{node:02d}.{domain}:{port}" for node in range(nodes)]
    options = "ssl=true&authSource=admin"
    if cluster["clusterType"] == "REPLICASET":
        hosts = hosts[:3] if len(hosts) > 3 else hosts
        options += f"&replicaSet=atlas-{random_lower_alnum(6)}-shard-0"
    return {"standard": f"mongodb://{','.join(hosts)}/?{options}", "standardSrv": f"mongodb+srv://{prefix}.{domain}"}


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
        cluster.setdefault("advancedConfiguration", copy.deepcopy(_DEFAULT_ADVANCED_CONFIGURATION))
    if cluster["clusterType"] != "REPLICASET":
        cluster.setdefault("configServerManagementMode", "ATLAS_MANAGED")
        cluster.setdefault("configServerType", _config_server_type(cluster))
    cluster.setdefault("connectionStrings", _connection_strings(cluster))
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
