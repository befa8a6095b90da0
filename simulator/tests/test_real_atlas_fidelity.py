"""The simulator against real Atlas: every recorded Atlas answer (recorded by MongoDB's Terraform
provider; not part of this repository). The tests run when the folder ATLAS_REAL_ATLAS_RESPONSES names
holds them (or, on the project's own machines, a ``shared/real-atlas-responses`` folder beside the
repository) and are skipped otherwise.

1. Every real body passes the simulator's own response validation (each way Atlas departs from the
   spec is one named quirk in ``validation.py``).
2. Seeded with the equivalent resource (what a user sets, without what Atlas derives), the
   simulator answers the same operation and version with the same fields (recursively), the same
   types and formats and the same derived values (ids, names, times and links aside).
   ``KEPT_DIFFERENCES`` lists, each with its reason, what differs on purpose.
3. Seeded with a real body as it is, the simulator gives it back unchanged (links aside).
"""

import copy
import json
import re
from urllib.parse import urlsplit

import pytest

from atlas_simulator.spec import API_PREFIX, load_spec, media_type_for
from atlas_simulator.validation import SpecValidator
from sim_helpers import AtlasClient, recordings_root, seed_ids, start_simulator

RECORDINGS = recordings_root() / "real-atlas-responses"
pytestmark = pytest.mark.skipif(
    not RECORDINGS.is_dir(),
    reason=f"no recorded real Atlas answers at {RECORDINGS} (not part of the repository; set ATLAS_REAL_ATLAS_RESPONSES to a folder of them)",
)
# <METHOD>_<path with / as _>_<version>_<status>[_<variant>]: a file name, or the folder of variants.
RECORDING_NAME = re.compile(r"^(GET|POST)_(.+?)_(\d{4}-\d{2}-\d{2})_(\d{3})(?:_.+)?$")
VARIANT_COUNT = 64

# Differences from real Atlas kept on purpose: a regular expression searched in the difference's
# text -> why. Anything else that differs fails the test.
KEPT_DIFFERENCES = {
    r"^connectionStrings\.(privateEndpoint|awsPrivateLinkSrv|awsPrivateLink)": (
        "private endpoints are not simulated, so there are no private connection strings"
    ),
    r"^useAwsTimeBasedSnapshotCopyForFastInitialSync ": (
        "sent by Atlas for some clusters only (16 of 56 recordings), for no reason the bodies show"
    ),
    r"^(mongoDBVersion|featureCompatibilityVersion|mongoDBMajorVersion) value": (
        "the patch release is Atlas' choice at creation time; the simulator picks a fixed one"
    ),
    r"^tags ": "one recorded cluster (created by an older provider version) has no tags field at all",
    r"\.effective(Electable|ReadOnly|Analytics)Specs": (
        "Atlas adds effective specs to some replica sets only (15 of 95 region configs), by no rule the bodies show"
    ),
    r"Specs\.diskIOPS value": "Atlas' IOPS depend on instance class and disk size; the simulator answers the M10 default, 3000",
    r"^connectionStrings\.standard(Srv)? extra": (
        "while UPDATING Atlas sometimes drops the connection strings for a moment; the simulator keeps them"
    ),
    r"^featureCompatibilityVersion extra": "one UPDATING cluster lacks it for a moment (an upgrade in progress)",
    r"analyticsSpecs\.instanceSize value": (
        "the unused analytics spec of a recorded shard names another size than its electable one; the simulator copies it"
    ),
    r"electableSpecs\.effectiveInstanceSize": "a tenant's effective size is only shown once Atlas resized it",
}


class Recording:
    def __init__(self, path):
        self.path = path
        self.name = str(path.relative_to(RECORDINGS))
        key = path.stem if path.parent == RECORDINGS else path.parent.name
        method, middle, version, status = RECORDING_NAME.match(key).groups()
        self.method, self.version, self.status = method, version, int(status)
        self.template = API_PREFIX + "/" + middle.replace("_", "/")
        self.body = json.loads(path.read_text(encoding="utf-8"))

    @property
    def media_type(self):
        return "application/json" if self.status >= 400 else media_type_for(self.version)


def recordings():
    if not RECORDINGS.is_dir():
        return []
    return [Recording(path) for path in sorted(RECORDINGS.rglob("*.json"))]


ALL = recordings()


def by_template(template, status=200, version=None):
    return [r for r in ALL if r.template == template and r.status == status and version in (None, r.version)]


CLUSTERS = API_PREFIX + "/groups/{groupId}/clusters"
CLUSTER = CLUSTERS + "/{clusterName}"
CONTAINERS = API_PREFIX + "/groups/{groupId}/containers"


@pytest.fixture(scope="module")
def spec():
    return load_spec()


@pytest.fixture(scope="module")
def checker(spec):
    return SpecValidator(spec)


@pytest.fixture(scope="module")
def simulator():
    server = start_simulator()
    yield server
    server.stop()


@pytest.fixture
def atlas(simulator):
    simulator.app.response_violations.clear()
    yield AtlasClient(simulator.url)
    assert simulator.app.response_violations == [], "the simulator answered outside the spec"


def seed(simulator, project_id, clusters=(), containers=()):
    simulator.app.store.replace(
        {
            "api_keys": [{"public_key": seed_ids.PUBLIC_KEY, "private_key": seed_ids.PRIVATE_KEY}],
            "orgs": [{"id": seed_ids.ORG_ID, "name": "Recorded Org"}],
            "projects": [
                {
                    "id": project_id,
                    "org_id": seed_ids.ORG_ID,
                    "clusters": copy.deepcopy(list(clusters)),
                    "containers": copy.deepcopy(list(containers)),
                }
            ],
        }
    )


# --- 1. Real bodies pass the simulator's validation ----------------------------------------------
def test_every_recording_is_read():
    variants = [r for r in ALL if r.path.parent != RECORDINGS]
    assert len(variants) == VARIANT_COUNT
    assert len(ALL) > VARIANT_COUNT  # and the headline files beside them


@pytest.mark.parametrize("recording", ALL, ids=lambda r: r.name)
def test_a_real_body_passes_the_simulators_response_validation(recording, spec, checker):
    operation = next(
        op for op in spec.operations.values() if (op.method, op.path) == (recording.method, recording.template)
    )
    if operation.declares_status(recording.status):
        problems = checker.response_problems(operation, recording.status, recording.media_type, recording.body)
    else:  # getGroupCluster's 400 (2023-02-01, asymmetric shards) is an ApiError the spec does not list
        problems = checker.schema_problems("ApiError", recording.body)
    assert problems == []


# --- 2. Same operation, equivalent seed: same fields, types, formats and derived values -----------
# What Atlas derives (or defaults when nobody set it) and a seed therefore leaves out: the simulator
# has to fill these in as Atlas does. Settings a user chose (advancedConfiguration, biConnector, ...)
# stay in the seed.
DERIVED_CLUSTER_FIELDS = (
    "configServerType",
    "connectionStrings",
    "encryptionAtRestProvider",
    "featureCompatibilityVersion",
    "globalClusterSelfManagedSharding",
    "internalClusterRole",
    "links",
    "mongoDBVersion",
    "rootCertType",
    "useAwsTimeBasedSnapshotCopyForFastInitialSync",
)
DERIVED_REGION_FIELDS = (
    "analyticsAutoScaling",
    "effectiveAnalyticsSpecs",
    "effectiveElectableSpecs",
    "effectiveReadOnlySpecs",
)
DERIVED_SPEC_FIELDS = ("diskIOPS", "ebsVolumeType", "diskThroughput", "effectiveInstanceSize")


def user_view(cluster):
    """What a user would seed for a real cluster: its settings, without what Atlas derives."""
    seeded = {k: copy.deepcopy(v) for k, v in cluster.items() if k not in DERIVED_CLUSTER_FIELDS}
    for spec in seeded["replicationSpecs"]:
        for region in spec["regionConfigs"]:
            for field in DERIVED_REGION_FIELDS:
                region.pop(field, None)
            for kind in ("electableSpecs", "readOnlySpecs", "analyticsSpecs"):
                if kind not in region:
                    continue
                if kind != "electableSpecs" and region[kind].get("nodeCount") == 0:
                    del region[kind]
                    continue
                if region[kind].get("ebsVolumeType") == "PROVISIONED":
                    continue  # provisioned IOPS are the user's choice
                for field in DERIVED_SPEC_FIELDS:
                    region[kind].pop(field, None)
    return seeded


# Values that identify or date a resource (or name a host) are compared by type and format only.
IGNORED_VALUES = re.compile(
    r"(^|\.)(id|groupId|zoneId|name|zoneName|createDate|href|vpcId|azureSubscriptionId|vnetName)$|^connectionStrings\.|^results\[\]\.connectionStrings\."
)
FORMATS = (
    ("date-time", re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")),
    ("object-id", re.compile(r"^[a-f0-9]{24}$")),
    ("url", re.compile(r"^https?://")),
    ("mongodb-uri", re.compile(r"^mongodb(\+srv)?://")),
)


def kind_of(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return next((name for name, pattern in FORMATS if pattern.match(value)), "string")
    return "array" if isinstance(value, list) else "object"


def flatten(value, path="", into=None):
    """path -> {"kinds": {...}, "values": {...}}, list items merged under ``[]``."""
    into = {} if into is None else into
    entry = into.setdefault(path, {"kinds": set(), "values": set()})
    entry["kinds"].add(kind_of(value))
    if isinstance(value, dict):
        for key, item in value.items():
            flatten(item, f"{path}.{key}" if path else key, into)
    elif isinstance(value, list):
        for item in value:
            flatten(item, f"{path}[]", into)
    else:
        entry["values"].add(json.dumps(value))
    return into


def differences(real, simulated):
    real_fields, sim_fields = flatten(real), flatten(simulated)
    found = []
    for path in sorted(set(real_fields) | set(sim_fields)):
        if path not in sim_fields:
            found.append(f"{path} missing: real Atlas sends it ({sorted(real_fields[path]['kinds'])})")
        elif path not in real_fields:
            found.append(f"{path} extra: real Atlas does not send it")
        elif real_fields[path]["kinds"] != sim_fields[path]["kinds"]:
            found.append(f"{path} type: real {sorted(real_fields[path]['kinds'])}, simulator {sorted(sim_fields[path]['kinds'])}")
        elif not IGNORED_VALUES.search(path) and real_fields[path]["values"] != sim_fields[path]["values"]:
            found.append(f"{path} value: real {sorted(real_fields[path]['values'])}, simulator {sorted(sim_fields[path]['values'])}")
    return [d for d in found if not any(re.search(pattern, d.replace("results[].", "")) for pattern in KEPT_DIFFERENCES)]


def query_of(body):
    self_link = next(link["href"] for link in body["links"] if link["rel"] == "self")
    return urlsplit(self_link).query


def cluster_recordings():
    return by_template(CLUSTER, version="2024-08-05") + by_template(CLUSTER, version="2023-02-01")


@pytest.mark.parametrize("recording", cluster_recordings(), ids=lambda r: r.name)
def test_a_seeded_cluster_answers_like_atlas(recording, simulator, atlas):
    real = recording.body
    seed(simulator, real["groupId"], clusters=[user_view(real)])
    response = atlas.get(f"{API_PREFIX}/groups/{real['groupId']}/clusters/{real['name']}", recording.version)
    assert response.status_code == 200, response.text
    assert differences(real, response.json()) == []


@pytest.mark.parametrize("recording", by_template(CLUSTERS), ids=lambda r: r.name)
def test_a_seeded_cluster_list_answers_like_atlas(recording, simulator, atlas):
    real = recording.body
    group_id = real["results"][0]["groupId"]
    seed(simulator, group_id, clusters=[user_view(c) for c in real["results"]])
    response = atlas.get(f"{API_PREFIX}/groups/{group_id}/clusters?{query_of(real)}", recording.version)
    assert response.status_code == 200, response.text
    assert query_of(response.json()) == query_of(real)
    assert differences(real, response.json()) == []


@pytest.mark.parametrize("recording", by_template(CONTAINERS), ids=lambda r: r.name)
def test_seeded_containers_answer_like_atlas(recording, simulator, atlas):
    real = recording.body
    group_id = urlsplit(real["links"][0]["href"]).path.split("/")[5]
    user_containers = [
        {k: v for k, v in c.items() if k not in ("vpcId", "azureSubscriptionId", "vnetName")} for c in real["results"]
    ]
    seed(simulator, group_id, containers=user_containers)
    response = atlas.get(f"{API_PREFIX}/groups/{group_id}/containers?{query_of(real)}", recording.version)
    assert response.status_code == 200, response.text
    assert query_of(response.json()) == query_of(real)
    assert differences(real, response.json()) == []


@pytest.mark.parametrize("recording", by_template(CLUSTER, status=404), ids=lambda r: r.name)
def test_a_missing_cluster_answers_the_same_404(recording, simulator, atlas):
    name, group_id = recording.body["parameters"]
    seed(simulator, group_id)
    response = atlas.get(f"{API_PREFIX}/groups/{group_id}/clusters/{name}", recording.version)
    assert response.status_code == 404
    assert response.json() == recording.body


def asymmetric_cluster():
    """Two shards of one zone with different instance sizes: 2023-02-01 cannot describe it."""
    real = by_template(CLUSTER, version="2024-08-05")[0].body
    cluster = user_view(real)
    second = copy.deepcopy(cluster["replicationSpecs"][0])
    second.pop("id", None)
    second["regionConfigs"][0]["electableSpecs"]["instanceSize"] = "M30"
    cluster["replicationSpecs"].append(second)
    cluster["clusterType"] = "SHARDED"
    return cluster


@pytest.mark.parametrize("recording", by_template(CLUSTER, status=400), ids=lambda r: r.name)
def test_2023_02_01_refuses_an_asymmetric_cluster_as_atlas_does(recording, simulator, atlas):
    cluster = asymmetric_cluster()
    seed(simulator, cluster["groupId"], clusters=[cluster])
    path = f"{API_PREFIX}/groups/{cluster['groupId']}/clusters/{cluster['name']}"
    response = atlas.get(path, recording.version)
    assert response.status_code == 400
    assert response.json() == recording.body
    assert atlas.get(path, "2024-08-05").status_code == 200


# --- 3. A cluster copied from Atlas comes back as it was ----------------------------------------
@pytest.mark.parametrize("recording", by_template(CLUSTER, version="2024-08-05"), ids=lambda r: r.name)
def test_a_cluster_copied_from_atlas_into_a_seed_comes_back_unchanged(recording, simulator, atlas):
    real = recording.body
    seed(simulator, real["groupId"], clusters=[real])
    response = atlas.get(f"{API_PREFIX}/groups/{real['groupId']}/clusters/{real['name']}", recording.version)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert [link["rel"] for link in answer.pop("links")] == [link["rel"] for link in real["links"]]
    if "tags" not in real:  # a kept difference (KEPT_DIFFERENCES): the simulator always has tags
        assert answer.pop("tags") == []
    assert answer == {k: v for k, v in real.items() if k != "links"}
