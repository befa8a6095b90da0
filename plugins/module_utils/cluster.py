# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A cluster's topology: validation of sizes and regions, and replication specs in one comparable form.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

Atlas answers a cluster's replicationSpecs (version 2024-08-05 and later: one spec per shard) with
everything it fills in: ids, all three hardware specs on every region config (nodeCount 0 where
unused), disk IOPS and volume types, effective specs, auto-scaling defaults. A task states far less.
normalise_replication_specs() puts both in one form, so that differs() (resource.py) compares only
what the task states:

    wanted = normalise_replication_specs(desired_specs)
    have = normalise_replication_specs(cluster["replicationSpecs"])
    changed = differs(have, wanted)

Everything here is pure (no requests) and tested table by table.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from .validation import AtlasInputError

HARDWARE_SPECS = ("electableSpecs", "readOnlySpecs", "analyticsSpecs")
EFFECTIVE_SPECS = ("effectiveElectableSpecs", "effectiveReadOnlySpecs", "effectiveAnalyticsSpecs")
CLOUD_PROVIDERS = ("AWS", "AZURE", "GCP")
CLUSTER_TYPES = ("REPLICASET", "SHARDED", "GEOSHARDED")
NODE_COUNTS = (3, 5, 7)
# Dedicated sizes: M10 ... M400, R40 ... R700, with the _NVME and _GEN_2 variants. Which sizes a
# provider offers changes over time, so only the form is checked here; Atlas refuses a size it
# does not offer in a region.
DEDICATED_SIZE_RE = re.compile(r"^[MR][1-9][0-9]{1,2}(_NVME)?(_GEN_2)?$")
FREE_SIZE = "M0"
# M2 and M5 are Flex clusters now; Flex clusters have their own API.
FLEX_SIZES = ("M2", "M5", "FLEX")
ATLAS_REGION_RE = re.compile(r"^[A-Z][A-Z0-9_]*[A-Z0-9]$")
CLOUD_REGION_RE = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-?[0-9]?$|^[a-z]+[0-9]?$")
MAJOR_VERSION_RE = re.compile(r"^[0-9]+\.[0-9]+$")
DISK_SIZE_GB_BOUNDS = (10, 16384)
# Fields of a hardware spec that belong to one provider.
PROVIDER_SPEC_FIELDS = {"ebsVolumeType": "AWS", "diskThroughput": "AZURE"}

FLEX_MESSAGE = (
    "Flex clusters (and the former M2/M5 shared tiers) are managed through Atlas' Flex cluster API, which "
    "atlas_cluster does not use: %s. Use instance_size M0 for a free cluster, or M10 and larger."
)


def _error(option, expected, value):
    return AtlasInputError("%s must be %s, got %r" % (option, expected, value))


def size_rank(size):
    """The number in an instance size name, for ordering sizes (M10 < M30 < R40 < M200)."""
    match = re.match(r"^[MR]([0-9]+)", str(size))
    return int(match.group(1)) if match else 0


def instance_size(value, option, allow_free=True):
    """An Atlas instance size: M0 (free) or a dedicated size such as M10, M30, R40, M40_NVME."""
    value = str(value)
    if value.upper() in FLEX_SIZES:
        raise AtlasInputError(FLEX_MESSAGE % ("%s is %r" % (option, value)))
    if value == FREE_SIZE and allow_free:
        return value
    if not DEDICATED_SIZE_RE.match(value):
        hint = " (sizes are upper case: %s)" % value.upper() if DEDICATED_SIZE_RE.match(value.upper()) else ""
        expected = "an Atlas instance size such as M10, M30, R40 or M40_NVME%s%s" % (" (or M0 for a free cluster)" if allow_free else "", hint)
        raise _error(option, expected, value)
    return value


def atlas_region(value, option):
    """An Atlas region name such as US_EAST_1, with a hint when it is written the cloud's way."""
    value = str(value)
    if not ATLAS_REGION_RE.match(value):
        hint = ""
        if CLOUD_REGION_RE.match(value):
            hint = " (Atlas' name of %s is %s)" % (value, value.upper().replace("-", "_"))
        raise _error(option, "an Atlas region name such as US_EAST_1, EUROPE_WEST or CENTRAL_US%s" % hint, value)
    return value


def disk_size_gb(value, option):
    """A whole number of GB within Atlas' bounds, returned as an int."""
    low, high = DISK_SIZE_GB_BOUNDS
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _error(option, "a whole number of GB from %d to %d" % (low, high), value)
    if number != int(number) or not low <= number <= high:
        raise _error(option, "a whole number of GB from %d to %d" % (low, high), value)
    return int(number)


def major_version(value, option):
    """A MongoDB major version as Atlas writes it ("8.0"); a bare "8" becomes "8.0"."""
    text = str(value).strip()
    if re.match(r"^[0-9]+$", text):
        text += ".0"
    if not MAJOR_VERSION_RE.match(text):
        raise _error(option, "a MongoDB major version such as '8.0' (quote it in YAML)", value)
    return text


def version_key(version):
    return tuple(int(part) for part in str(version).split(".") if part.isdigit())


def as_number(value):
    """A disk size as Atlas compares it: 10.0 and 10 are the same size."""
    if isinstance(value, float) and value == int(value):
        return int(value)
    return value


# -- The task's topology -------------------------------------------------------------------------


def auto_scaling_settings(options, option="auto_scaling"):
    """auto_scaling (snake_case suboptions) -> Atlas' autoScaling, None values left out; checked."""
    if not options:
        return None
    compute = dict(
        (field, options.get(key))
        for key, field in (
            ("compute_enabled", "enabled"),
            ("compute_scale_down_enabled", "scaleDownEnabled"),
            ("compute_min_instance_size", "minInstanceSize"),
            ("compute_max_instance_size", "maxInstanceSize"),
        )
        if options.get(key) is not None
    )
    for key in ("minInstanceSize", "maxInstanceSize"):
        if key in compute:
            instance_size(compute[key], "%s.compute_%s_instance_size" % (option, key[:3]), allow_free=False)
    low, high = compute.get("minInstanceSize"), compute.get("maxInstanceSize")
    if low and high and size_rank(low) > size_rank(high):
        raise AtlasInputError(
            "%s.compute_min_instance_size (%s) must not be larger than %s.compute_max_instance_size (%s)" % (option, low, option, high)
        )
    if (low or high or compute.get("scaleDownEnabled")) and compute.get("enabled") is not True:
        raise AtlasInputError(
            "%s.compute_min_instance_size, compute_max_instance_size and compute_scale_down_enabled need %s.compute_enabled: true" % (option, option)
        )
    if compute.get("enabled") and not (low and high):
        raise AtlasInputError("%s.compute_enabled: true needs compute_min_instance_size and compute_max_instance_size" % option)
    settings = {}
    if compute:
        settings["compute"] = compute
    if options.get("disk_gb_enabled") is not None:
        settings["diskGB"] = {"enabled": options["disk_gb_enabled"]}
    return settings or None


def flat_replication_specs(provider, region, size, node_count=None, disk=None, auto_scaling=None):
    """The one replication spec of a single-region cluster, from the flat options (Atlas' names).

    M0 is Atlas' TENANT shape: the cloud provider becomes backingProviderName.
    """
    if size == FREE_SIZE:
        config = {
            "providerName": "TENANT",
            "backingProviderName": provider,
            "regionName": region,
            "priority": 7,
            "electableSpecs": {"instanceSize": size},
        }
        return [{"regionConfigs": [config]}]
    electable = {"instanceSize": size, "nodeCount": node_count or 3}
    if disk is not None:
        electable["diskSizeGB"] = disk
    config = {"providerName": provider, "regionName": region, "priority": 7, "electableSpecs": electable}
    if auto_scaling:
        config["autoScaling"] = copy.deepcopy(auto_scaling)
    return [{"regionConfigs": [config]}]


def check_replication_specs(specs, option="replication_specs"):
    """The task's replicationSpecs (Atlas' field names), checked and completed; raise AtlasInputError.

    A spec with numShards (the older versions' way) becomes that many identical shards. Region
    configs without a priority get Atlas' rule: 7, 6, 5 ... for regions with electable nodes in the
    order given, 0 for regions without.
    """
    if not isinstance(specs, list) or not specs:
        raise _error(option, "a non-empty list of replication specs, each with regionConfigs", specs)
    expanded = []
    for index, spec in enumerate(specs):
        where = "%s[%d]" % (option, index)
        if not isinstance(spec, dict) or not isinstance(spec.get("regionConfigs"), list) or not spec["regionConfigs"]:
            raise _error(where, "a dict with a non-empty list regionConfigs (Atlas' field names)", spec)
        unknown = sorted(set(spec) - set(["regionConfigs", "zoneName", "numShards"]))
        if unknown:
            raise AtlasInputError("%s: unknown field %s; a replication spec has regionConfigs, zoneName and numShards" % (where, ", ".join(unknown)))
        shards = spec.get("numShards", 1)
        if not isinstance(shards, int) or isinstance(shards, bool) or not 1 <= shards <= 70:
            raise _error(where + ".numShards", "a whole number from 1 to 70", shards)
        checked = {
            "regionConfigs": [
                _check_region_config(config, "%s.regionConfigs[%d]" % (where, number)) for number, config in enumerate(spec["regionConfigs"])
            ]
        }
        _fill_priorities(checked["regionConfigs"])
        if spec.get("zoneName") is not None:
            checked["zoneName"] = str(spec["zoneName"])
        tenant = checked["regionConfigs"][0]["providerName"] == "TENANT"
        if tenant and (len(checked["regionConfigs"]) > 1 or len(specs) > 1 or shards > 1):
            raise AtlasInputError("%s: a free (M0) cluster has one region config in one replication spec" % where)
        if not tenant:
            electable = sum(config.get("electableSpecs", {}).get("nodeCount", 0) for config in checked["regionConfigs"])
            if electable not in NODE_COUNTS:
                raise AtlasInputError("%s: the electable nodes of all its regions must add up to 3, 5 or 7, got %d" % (where, electable))
        expanded.extend(copy.deepcopy(checked) for dummy in range(shards))
    return expanded


def _check_region_config(config, where):
    if not isinstance(config, dict):
        raise _error(where, "a dict in Atlas' field names (providerName, regionName, electableSpecs, ...)", config)
    provider = config.get("providerName")
    if provider == "FLEX":
        raise AtlasInputError(FLEX_MESSAGE % ("%s.providerName is 'FLEX'" % where))
    if provider not in CLOUD_PROVIDERS + ("TENANT",):
        raise _error(where + ".providerName", "one of AWS, AZURE, GCP or TENANT (M0)", provider)
    atlas_region(config.get("regionName"), where + ".regionName")
    checked = copy.deepcopy(config)
    if provider == "TENANT":
        if config.get("backingProviderName") not in CLOUD_PROVIDERS:
            raise _error(where + ".backingProviderName", "one of AWS, AZURE or GCP for a TENANT (M0) region", config.get("backingProviderName"))
        size = (config.get("electableSpecs") or {}).get("instanceSize")
        if size != FREE_SIZE:
            instance_size(size, where + ".electableSpecs.instanceSize")
            raise _error(where + ".electableSpecs.instanceSize", "M0 for a TENANT region", size)
        extra = sorted(set(config) - set(["providerName", "backingProviderName", "regionName", "priority", "electableSpecs"]))
        if extra:
            raise AtlasInputError("%s: a TENANT (M0) region config takes no %s" % (where, ", ".join(extra)))
        return checked
    if "backingProviderName" in config:
        raise AtlasInputError("%s.backingProviderName: only a TENANT (M0) region config has one" % where)
    electable = config.get("electableSpecs")
    if not isinstance(electable, dict) and not any(isinstance(config.get(kind), dict) for kind in HARDWARE_SPECS[1:]):
        raise _error(where + ".electableSpecs", "a dict with instanceSize and nodeCount", electable)
    for kind in HARDWARE_SPECS:
        spec = config.get(kind)
        if spec is None:
            continue
        if not isinstance(spec, dict):
            raise _error("%s.%s" % (where, kind), "a dict with instanceSize and nodeCount", spec)
        if "instanceSize" in spec:
            instance_size(spec["instanceSize"], "%s.%s.instanceSize" % (where, kind), allow_free=False)
        count = spec.get("nodeCount")
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0 or count > 50):
            raise _error("%s.%s.nodeCount" % (where, kind), "a whole number of nodes", count)
        if "diskSizeGB" in spec:
            checked[kind]["diskSizeGB"] = disk_size_gb(spec["diskSizeGB"], "%s.%s.diskSizeGB" % (where, kind))
        for field, owner in PROVIDER_SPEC_FIELDS.items():
            if field in spec and provider != owner:
                raise AtlasInputError("%s.%s.%s is an %s field; this region config's provider is %s" % (where, kind, field, owner, provider))
    if isinstance(electable, dict) and "instanceSize" not in electable:
        raise _error(where + ".electableSpecs.instanceSize", "an instance size such as M10", None)
    return checked


def _fill_priorities(configs):
    priority = 7
    for config in configs:
        if config.get("priority") is not None:
            continue
        if (config.get("electableSpecs") or {}).get("nodeCount", 0) > 0 or config["providerName"] == "TENANT":
            config["priority"] = priority
            priority -= 1
        else:
            config["priority"] = 0


def cluster_type_problem(cluster_type, specs):
    """Why cluster_type does not fit the replication specs, or None."""
    if cluster_type == "REPLICASET" and specs is not None and len(specs) > 1:
        return "cluster_type REPLICASET has one replication spec, but replication_specs describes %d shards: use SHARDED (or GEOSHARDED)" % len(specs)
    if specs and specs[0]["regionConfigs"][0]["providerName"] == "TENANT" and cluster_type not in (None, "REPLICASET"):
        return "a free (M0) cluster is a REPLICASET, got cluster_type %s" % cluster_type
    return None


# -- One comparable form -------------------------------------------------------------------------


def _auto_scaled(config, path):
    settings = config.get("autoScaling") or {}
    node = settings
    for key in path:
        node = (node or {}).get(key)
    return node is True


def normalise_region_config(config):
    """A region config in the form compare and prediction use (nothing Atlas derives).

    Unused read-only and analytics specs are {"nodeCount": 0} whatever else Atlas shows in them; used
    ones take the electable instance size and disk size when they name none (as Atlas does); disk sizes
    are numbers without a ".0"; effective specs and ids are dropped.
    """
    result = dict((key, copy.deepcopy(value)) for key, value in config.items() if key not in EFFECTIVE_SPECS and value is not None)
    if result.get("providerName") == "TENANT":
        return result
    electable = result.get("electableSpecs") or {}
    for kind in HARDWARE_SPECS:
        spec = dict(result.get(kind) or {})
        if kind != "electableSpecs" and not spec.get("nodeCount"):
            result[kind] = {"nodeCount": 0}
            continue
        if kind != "electableSpecs":
            for field in ("instanceSize", "diskSizeGB"):
                if field not in spec and field in electable:
                    spec[field] = electable[field]
        if "diskSizeGB" in spec:
            spec["diskSizeGB"] = as_number(spec["diskSizeGB"])
        if spec or kind == "electableSpecs":
            result[kind] = spec
    return result


def _region_key(config):
    return (-int(config.get("priority") or 0), config.get("providerName") or "", config.get("regionName") or "")


def normalise_replication_specs(specs):
    """Replication specs (the task's or Atlas') in one form: ids dropped, region configs normalised and
    ordered by priority (then provider and region), so that differs() compares what the task states."""
    result = []
    for spec in specs or []:
        normal = dict((key, copy.deepcopy(value)) for key, value in spec.items() if key not in ("id", "zoneId", "numShards") and value is not None)
        normal["regionConfigs"] = sorted((normalise_region_config(config) for config in spec.get("regionConfigs") or []), key=_region_key)
        result.append(normal)
    return result


def without_auto_scaled_fields(desired_specs, current_specs):
    """The task's specs without what Atlas' auto-scaling owns: the instance size where compute
    auto-scaling is on, and a disk size below the current one where disk auto-scaling is on (Atlas
    grew it). Both are still sent when a cluster is created."""
    result = copy.deepcopy(desired_specs)
    for index, spec in enumerate(result):
        current = current_specs[index] if index < len(current_specs) else {"regionConfigs": []}
        by_region = dict(((c.get("providerName"), c.get("regionName")), c) for c in current["regionConfigs"])
        for config in spec["regionConfigs"]:
            have = by_region.get((config.get("providerName"), config.get("regionName")), {})
            compute_on = _auto_scaled(config, ("compute", "enabled")) or ("autoScaling" not in config and _auto_scaled(have, ("compute", "enabled")))
            disk_on = _auto_scaled(config, ("diskGB", "enabled")) or ("autoScaling" not in config and _auto_scaled(have, ("diskGB", "enabled")))
            for kind in ("electableSpecs", "readOnlySpecs"):
                wanted = config.get(kind) or {}
                if compute_on:
                    wanted.pop("instanceSize", None)
                current_disk = (have.get(kind) or {}).get("diskSizeGB")
                if disk_on and current_disk is not None and wanted.get("diskSizeGB") is not None and current_disk > wanted["diskSizeGB"]:
                    wanted.pop("diskSizeGB")
    return result


def specs_for_update(desired_specs, current_specs):
    """The replicationSpecs an update sends: the task's specs laid over the current ones (matched by
    position, and region configs by provider and region), so that what the task leaves out (disk
    IOPS, auto-scaling, volume types) stays as it is. Without read-only fields (ids, effective specs)."""
    result = []
    for index, spec in enumerate(desired_specs):
        current = current_specs[index] if index < len(current_specs) else {"regionConfigs": []}
        by_region = dict(((c.get("providerName"), c.get("regionName")), c) for c in current.get("regionConfigs") or [])
        configs = []
        for config in spec["regionConfigs"]:
            have = by_region.get((config.get("providerName"), config.get("regionName")))
            merged = _laid_over(_writable(have), config) if have else copy.deepcopy(config)
            configs.append(merged)
        sent = dict((key, copy.deepcopy(value)) for key, value in spec.items() if key != "regionConfigs")
        if "zoneName" not in sent and current.get("zoneName"):
            sent["zoneName"] = current["zoneName"]
        sent["regionConfigs"] = configs
        result.append(sent)
    return result


def _writable(config):
    return dict((key, copy.deepcopy(value)) for key, value in (config or {}).items() if key not in EFFECTIVE_SPECS)


def _laid_over(current, desired):
    if not isinstance(current, dict) or not isinstance(desired, dict):
        return copy.deepcopy(desired)
    result = dict(current)
    for key, value in desired.items():
        result[key] = _laid_over(current.get(key), value)
    return result


def is_tenant(specs):
    return bool(specs) and specs[0]["regionConfigs"][0].get("providerName") == "TENANT"


def forbidden_changes(current, desired):
    """Why Atlas would refuse (or rebuild the cluster for) the change from CURRENT to DESIRED (both in
    Atlas' names; desired holds what the task sets). A list of sentences, empty when allowed."""
    problems = []
    have_type, want_type = current.get("clusterType"), desired.get("clusterType")
    if want_type and want_type != have_type:
        if have_type == "GEOSHARDED":
            problems.append("cluster_type GEOSHARDED cannot change to %s (Atlas keeps a global cluster global)" % want_type)
        elif want_type == "REPLICASET":
            problems.append("cluster_type %s cannot change back to REPLICASET (Atlas cannot merge shards)" % have_type)
    want_version = desired.get("mongoDBMajorVersion")
    have_version = current.get("mongoDBMajorVersion")
    if want_version and have_version and version_key(want_version) < version_key(have_version):
        problems.append(
            "mongodb_major_version %s is older than the cluster's %s (Atlas does not downgrade a cluster's MongoDB)" % (want_version, have_version)
        )
    specs = desired.get("replicationSpecs")
    have_specs = current.get("replicationSpecs") or []
    if specs is not None and have_specs:
        if is_tenant(have_specs) and not is_tenant(specs):
            problems.append(
                "the cluster is a free M0 cluster: moving it to a dedicated tier is Atlas' tenant upgrade, which atlas_cluster does not do"
            )
        elif is_tenant(specs) and not is_tenant(have_specs):
            problems.append("a dedicated cluster cannot become a free M0 cluster")
        elif is_tenant(specs):
            have_provider = have_specs[0]["regionConfigs"][0].get("backingProviderName")
            want_provider = specs[0]["regionConfigs"][0].get("backingProviderName")
            if have_provider != want_provider:
                problems.append("the cloud provider of a free M0 cluster cannot change (%s to %s)" % (have_provider, want_provider))
    return problems
