"""The spec as the simulator reads it: each known quirk handled, and answers checked against it."""

import importlib.util
from pathlib import Path

import pytest

from atlas_simulator import resources, validation
from atlas_simulator.spec import API_PREFIX, load_spec
from sim_helpers import PROJECT, assert_atlas_error

API_VERSIONS_FILE = Path(__file__).resolve().parents[2] / "plugins" / "module_utils" / "api_versions.py"

V = "2023-01-01"


@pytest.fixture(scope="module")
def checker():
    return validation.SpecValidator(load_spec())


def operation(name):
    return load_spec().operations[name]


def collection_api_versions():
    """The collection's table of (method, path) -> version: every operation its modules call."""
    module_spec = importlib.util.spec_from_file_location("collection_api_versions", API_VERSIONS_FILE)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.API_VERSIONS


def test_every_handler_answers_an_operation_of_the_spec():
    spec = load_spec()
    assert sorted(set(resources.HANDLERS) - set(spec.operations)) == []


# Paths the collection calls whose simulator family is still being written: each entry goes when
# its family lands (the test below fails while a listed path is already handled).
AWAITING_A_FAMILY = {}


def test_every_operation_the_collection_calls_is_handled_in_the_version_it_uses():
    spec = load_spec()
    by_route = {(op.method, op.path): op for op in spec.operations.values()}
    calls = collection_api_versions()
    assert calls, f"no operations read from {API_VERSIONS_FILE}"
    problems = []
    for (method, path), version in sorted(calls.items()):
        operation = by_route.get((method, API_PREFIX + path))
        handled = operation is not None and operation.operation_id in resources.HANDLERS
        if path in AWAITING_A_FAMILY:
            if handled:
                problems.append(f"{method} {path} is handled now: remove it from AWAITING_A_FAMILY")
        elif operation is None:
            problems.append(f"{method} {path} is not an operation of the spec")
        elif not handled:
            problems.append(f"{method} {path} ({operation.operation_id}) has no handler")
        elif version not in operation.response_versions:
            problems.append(f"{method} {path} ({operation.operation_id}) has no version {version}")
    assert problems == []


def test_every_operation_is_routed_and_every_handled_one_has_versions():
    spec = load_spec()
    for op in spec.operations.values():
        if op.operation_id in resources.HANDLERS:
            assert op.response_versions, op.operation_id
        found = spec.match(op.method, op.path.replace("{", "x").replace("}", ""))[0]
        assert found is op, op.operation_id


def test_quirk_1_an_employee_access_grant_is_a_valid_request(checker):
    body = {"grantType": "CLUSTER_DATABASE_LOGS", "expirationTime": "2030-01-01T00:00:00Z"}
    assert checker.request_body_problem(operation("grantGroupClusterMongoDbEmployeeAccess"), "2024-08-05", body) is None


def test_quirk_2_route_tables_are_cidr_blocks_and_access_lists_take_compressed_ipv6(checker):
    peer = {
        "providerName": "AWS",
        "containerId": "6500000000000000000000f1",
        "accepterRegionName": "us-east-1",
        "awsAccountId": "123456789012",
        "vpcId": "vpc-0123456789abcdef0",
    }
    create_peer = operation("createGroupPeer")
    assert checker.request_body_problem(create_peer, V, {**peer, "routeTableCidrBlock": "10.0.0.0/16"}) is None
    assert (
        checker.request_body_problem(create_peer, V, {**peer, "routeTableCidrBlock": "10.0.0.0"}).field
        == "routeTableCidrBlock"
    )
    add = operation("createOrgServiceAccountAccessList")
    assert checker.request_body_problem(add, "2024-08-05", [{"ipAddress": "2001:db8::1"}]) is None


def test_quirk_3_polymorphic_schemas_validate_without_recursing(checker):
    container = {
        "providerName": "AZURE",
        "atlasCidrBlock": "10.0.0.0/21",
        "region": "US_EAST_2",
        "id": "6500000000000000000000f2",
    }
    assert (
        checker.response_problems(
            operation("getGroupContainer"), 200, "application/vnd.atlas.2023-01-01+json", container
        )
        == []
    )
    wrong = {**container, "region": "MARS_NORTH"}
    assert checker.response_problems(
        operation("getGroupContainer"), 200, "application/vnd.atlas.2023-01-01+json", wrong
    )


def test_quirk_3_a_discriminator_without_one_of_still_checks_its_subtypes(checker):
    authorize = operation("authorizeGroupCloudProviderAccessRole")
    assert (
        checker.request_body_problem(authorize, V, {"providerName": "AWS", "roleId": "6500000000000000000000f1"}).field
        == "roleId"
    )


def test_quirk_4_region_names_are_string_enums(checker):
    spec = {
        "regionConfigs": [
            {
                "providerName": "AWS",
                "regionName": "US_EAST_1",
                "priority": 7,
                "electableSpecs": {"instanceSize": "M10", "nodeCount": 3},
            }
        ]
    }
    get = operation("getGroupCluster")
    media = "application/vnd.atlas.2024-08-05+json"
    assert checker.response_problems(get, 200, media, {"name": "c", "replicationSpecs": [spec]}) == []
    spec["regionConfigs"][0]["regionName"] = "NOWHERE"
    assert checker.response_problems(get, 200, media, {"name": "c", "replicationSpecs": [spec]})


def test_quirk_6_unicode_letter_patterns(checker):
    update = operation("updateOrgServiceAccount")
    assert checker.request_body_problem(update, "2024-08-05", {"name": "Zoë's Dienstkonto"}) is None
    assert checker.request_body_problem(update, "2024-08-05", {"name": "<script>"}).field == "name"


def test_quirk_5_the_container_list_defaults_to_aws(atlas):
    assert [c["providerName"] for c in atlas.get(f"{PROJECT}/containers", V).json()["results"]] == ["AWS"]


def test_quirk_7_errors_are_plain_json(atlas):
    assert_atlas_error(atlas.get(f"{PROJECT}/containers/6500000000000000000000ff", V), 404, "RESOURCE_NOT_FOUND")


def test_an_answer_that_breaks_the_spec_fails_loudly(sim, atlas, monkeypatch):
    from atlas_simulator import resources
    from atlas_simulator.resources.common import Reply

    monkeypatch.setitem(
        resources.HANDLERS, "getGroupContainer", lambda call: Reply(200, {"providerName": "AWS", "regionName": 7})
    )
    response = atlas.get(f"{PROJECT}/containers/6500000000000000000000f1", V)
    body = assert_atlas_error(response, 500, "SIMULATOR_RESPONSE_BREAKS_SPEC")
    assert "regionName" in body["detail"]
    assert len(sim.app.response_violations) == 1
    sim.app.response_violations.clear()  # expected here; the fixture fails the test on any other


def test_a_handler_that_crashes_answers_500_and_is_recorded(sim, atlas, monkeypatch):
    from atlas_simulator import resources

    def crash(call):
        raise KeyError("boom")

    monkeypatch.setitem(resources.HANDLERS, "getGroupContainer", crash)
    assert_atlas_error(atlas.get(f"{PROJECT}/containers/6500000000000000000000f1", V), 500, "UNEXPECTED_ERROR")
    assert sim.app.response_violations == ["getGroupContainer crashed: KeyError('boom')"]
    sim.app.response_violations.clear()  # expected here; the fixture fails the test on any other
