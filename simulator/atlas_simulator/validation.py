"""Validation of request and response bodies (and parameters) against the published spec.

Built on openapi-schema-validator's OAS 3.0 read/write validators (readOnly/writeOnly, nullable,
discriminators). The published spec cannot be used as it is: ``fixed_schemas()`` works around each
of its known quirks (numbered as in docs/simulator.md, "Fidelity and the spec's quirks"), two more that
the simulator found and the ways real Atlas answers differ from it (as recorded real Atlas answers show;
docs/simulator.md, "How faithful is it"), each in one small function named after it.
"""

import copy
import functools
import ipaddress
import re
import threading
from dataclasses import dataclass

import regex
from jsonschema import FormatChecker, ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import extend
from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator, oas30_format_checker

SCHEMA_REF = "#/components/schemas/"


# --- Quirk 6: patterns use \p{L}/\p{N}, which Python's `re` does not know; `regex` does. ----------
@functools.lru_cache(maxsize=512)
def _compile_pattern(pattern):
    return regex.compile(pattern)


def _pattern_keyword(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _compile_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


ReadValidator = extend(OAS30ReadValidator, {"pattern": _pattern_keyword})
WriteValidator = extend(OAS30WriteValidator, {"pattern": _pattern_keyword})


def _is_ipv4_cidr(value):
    if not isinstance(value, str):
        return True
    if "/" not in value:
        return False
    try:
        ipaddress.IPv4Network(value, strict=False)
    except ValueError:
        return False
    return True


def _is_cidr(value):
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return False
    return "/" in value


def _is_ip_address(value):
    if not isinstance(value, str):
        return True
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


FORMAT_CHECKER = FormatChecker()
FORMAT_CHECKER.checkers.update(oas30_format_checker.checkers)
FORMAT_CHECKER.checks("sim-ipv4-cidr")(_is_ipv4_cidr)
FORMAT_CHECKER.checks("sim-ip-address")(_is_ip_address)
FORMAT_CHECKER.checks("sim-ip-address-or-cidr")(lambda v: _is_ip_address(v) or _is_cidr(v))


# --- The spec's quirks, fixed on a private copy of components.schemas -----------------------------
def _walk(node, visit):
    if isinstance(node, dict):
        visit(node)
        for value in node.values():
            _walk(value, visit)
    elif isinstance(node, list):
        for value in node:
            _walk(value, visit)


def fix_recursive_polymorphism(schemas):
    """Quirk 3: a base lists its subtypes in ``oneOf`` and each subtype ``allOf``s the base again,
    so a plain validator recurses forever. Each subtype now ``allOf``s a copy of the base without
    ``oneOf``; the base dispatches on its discriminator (openapi-schema-validator resolves the
    mapping). A discriminator without ``oneOf`` (e.g. CloudProviderAccessRoleRequestUpdate) gets a
    ``oneOf`` of its mapping, so its subtypes are checked at all."""
    for name in [n for n, s in schemas.items() if "mapping" in s.get("discriminator", {})]:
        schema = schemas[name]
        base_name = f"{name}__Base"
        schemas[base_name] = {k: v for k, v in schema.items() if k not in ("oneOf", "anyOf", "discriminator")}
        schema.pop("anyOf", None)
        schema["oneOf"] = [{"$ref": ref} for ref in sorted(set(schema["discriminator"]["mapping"].values()))]

        def point_at_base(node, name=name, base_name=base_name):
            for member in node.get("allOf", []):
                if member.get("$ref") == SCHEMA_REF + name:
                    member["$ref"] = SCHEMA_REF + base_name

        for other_name, other in list(schemas.items()):
            if other_name != base_name:
                _walk(other, point_at_base)


def fix_overlapping_one_of(schemas):
    """Quirk 3 (the "and others"): ``HardwareSpec20240805`` and friends list AWS/Azure/GCP hardware
    specs in a ``oneOf`` without a discriminator. The siblings overlap (same property names, no
    ``additionalProperties: false``), so any real value matches several and ``oneOf`` always fails.
    Such a ``oneOf`` is read as ``anyOf``."""

    def to_any_of(node):
        if "oneOf" in node and "discriminator" not in node:
            node["anyOf"] = node.pop("oneOf")

    _walk(schemas, to_any_of)


def fix_region_name_object_type(schemas):
    """Quirk 4: ``regionName`` is declared ``type: object`` with a ``oneOf`` of string enums, so no
    value can satisfy it. It is a string enum."""
    for name in ("CloudRegionConfig20240805", "CloudRegionConfig"):
        region_name = schemas[name]["properties"]["regionName"]
        region_name.pop("type", None)


def fix_cidr_and_address_patterns(schemas):
    """Quirk 2: the AWS peering ``routeTableCidrBlock`` pattern accepts a bare IPv4 address and
    rejects CIDR notation, although Atlas expects a CIDR block; the same bare-address pattern on the
    service account access list ``ipAddress`` rejects compressed IPv6. Both become real checks."""
    route_table = schemas["AwsNetworkPeeringConnectionSettings"]["properties"]["routeTableCidrBlock"]
    route_table.pop("pattern")
    route_table["format"] = "sim-ipv4-cidr"
    ip_address = schemas["ServiceAccountIPAccessListEntry"]["properties"]["ipAddress"]
    ip_address.pop("pattern")
    ip_address["format"] = "sim-ip-address"


def fix_api_error_parameters(schemas):
    """Found by the simulator: ``ApiError.parameters`` declares items of ``type: object``, but Atlas
    sends the message arguments as strings (``"parameters": ["Cluster0", "<groupId>"]``)."""
    schemas["ApiError"]["properties"]["parameters"]["items"] = {}


def fix_cloud_app_user_required(schemas):
    """Found by the simulator: ``CloudAppUser`` (the 2023-01-01 project user listing) requires
    ``password`` and ``mobileNumber`` without marking them writeOnly; Atlas never returns a password
    and returns a mobile number only when the user set one."""
    required = schemas["CloudAppUser"]["required"]
    schemas["CloudAppUser"]["required"] = [f for f in required if f not in ("password", "mobileNumber")]


def add_writable_employee_access_grant(schemas):
    """Quirk 1: ``EmployeeAccessGrantView`` is ``readOnly`` as a whole, yet it is the request body of
    ``:grantMongoDBEmployeeAccess``; a write validator would reject every valid grant. Requests are
    validated against a copy without the schema-level ``readOnly``."""
    writable = copy.deepcopy(schemas["EmployeeAccessGrantView"])
    writable.pop("readOnly")
    schemas[WRITABLE_REQUEST_SCHEMAS["EmployeeAccessGrantView"]] = writable


WRITABLE_REQUEST_SCHEMAS = {
    "EmployeeAccessGrantView": "EmployeeAccessGrantView__Writable",
}


E164_NUMBER = r"^\+[1-9][0-9]{6,14}$"


def fix_mobile_number_pattern(schemas):
    """Found for the org users family: the ``mobileNumber`` pattern of ``OrgActiveUserResponse``,
    ``GroupActiveUserResponse`` and ``CloudAppUser`` doubles its backslashes (``\\\\+?1\\\\s*...``), so every ``\\\\s`` demands a literal
    backslash and no real number (``2125550100``, ``+1 212-555-0100``) matches. The backslashes
    are un-doubled: the North American number pattern the spec means. Real Atlas also answers numbers
    in E.164 form (``"+10000000000"``: the recordings' placeholder of a real number's shape, which the
    North American pattern refuses; ``GET_orgs_{orgId}_users/01.json``, ``GET_groups_{groupId}_users/01.json``),
    accepted as an alternative."""

    def undouble(node):
        mobile = node.get("properties", {}).get("mobileNumber")
        if isinstance(mobile, dict) and "\\\\" in mobile.get("pattern", ""):
            mobile["pattern"] = E164_NUMBER + "|" + mobile["pattern"].replace("\\\\", "\\")

    _walk(schemas, undouble)


# --- Real Atlas against the spec (as recorded real Atlas answers show it) -----------------------------
def fix_lowercase_bi_connector_read_preference(schemas):
    """Real Atlas: every recorded cluster answers ``biConnector.readPreference: "secondary"``, lower
    case, where the spec's enum is ``PRIMARY``/``SECONDARY``/``ANALYTICS``. The lower-case spellings
    are accepted too (requests in upper case stay valid)."""
    read_preference = schemas["BiConnector"]["properties"]["readPreference"]
    read_preference["enum"] = read_preference["enum"] + [value.lower() for value in read_preference["enum"]]


def fix_auto_scaling_instance_size_object_type(schemas):
    """Real Atlas (the ``regionName`` quirk again): ``autoScaling.compute.minInstanceSize`` and
    ``maxInstanceSize`` (also under ``analyticsAutoScaling``) are strings such as ``"M30"``, but
    ``BaseCloudProviderInstanceSize`` is declared ``type: object`` with a ``oneOf`` of string enums.
    It is a string enum."""
    schemas["BaseCloudProviderInstanceSize"].pop("type", None)


def fix_unprovisioned_container_vpc_id(schemas):
    """Real Atlas: an AWS container that is not provisioned yet answers ``vpcId: null``; the spec
    declares a non-nullable string."""
    for member in schemas["AWSCloudProviderContainer"]["allOf"]:
        if "vpcId" in member.get("properties", {}):
            member["properties"]["vpcId"]["nullable"] = True


def fix_legacy_tenant_cluster_fields(schemas):
    """Real Atlas: a tenant cluster in the legacy ``LegacyAtlasCluster`` shape (2023-01-01) answers
    ``diskSizeGB: 0.5`` (the spec's minimum is 10: dedicated clusters only) and
    ``providerSettings.autoScaling.compute.min/maxInstanceSize: null`` (declared non-nullable)."""
    schemas["LegacyAtlasCluster"]["properties"]["diskSizeGB"]["minimum"] = 0.5
    for field in ("minInstanceSize", "maxInstanceSize"):
        instance_size = schemas["FreeComputeAutoScalingRules"]["properties"][field]
        instance_size["nullable"] = True
        instance_size["enum"] = instance_size["enum"] + [None]  # an enum is checked besides nullable


def fix_online_archive_state_enum(schemas):
    """Found for the online archives: ``BackupOnlineArchive.state`` enumerates PENDING, ACTIVE,
    PAUSING, PAUSED, DELETED, ORPHANED, but its own description's table lists ARCHIVING and IDLE
    (and no ACTIVE); the Terraform provider waits for IDLE or ACTIVE. Answers may use all eight."""
    state = schemas["BackupOnlineArchive"]["properties"]["state"]
    state["enum"] = state["enum"] + [name for name in ("ARCHIVING", "IDLE") if name not in state["enum"]]


def fix_custom_database_role_names(schemas):
    """``DatabaseUserRole.roleName`` enumerates the built-in roles and the placeholder
    ``<a custom role name>``: its description says a custom role is allowed too, so the enum cannot
    be checked as written (the database users family checks role names itself)."""
    schemas["DatabaseUserRole"]["properties"]["roleName"].pop("enum", None)


def fix_group_name_space(schemas):
    """Real Atlas: a project name may hold spaces (Atlas names an organization's first project
    "Project 0"), where ``Group.name``'s pattern has no space."""
    name = schemas["Group"]["properties"]["name"]
    name["pattern"] = name["pattern"].replace("\\-_", " \\-_", 1)


def fix_writable_dedicated_hardware_spec(schemas):
    """Found for the cluster writes: ``DedicatedHardwareSpec20240805`` (``readOnlySpecs`` and
    ``analyticsSpecs`` of a region config) is ``readOnly`` as a whole, yet the spec's own
    createGroupCluster examples send both, as the Atlas CLI and the Terraform provider do. The
    schema-level ``readOnly`` is dropped (its fields keep theirs)."""
    schemas["DedicatedHardwareSpec20240805"].pop("readOnly", None)


# --- Real Atlas against the spec: answers the Atlas CLI's end-to-end tests recorded (real-atlas-cli) -------
# Each fix names the recordings that prove it, as operations/<METHOD>_<path>/<NN>.json of that folder
# (simulator/tests/test_real_atlas_cli.py replays them all).
def fix_unset_fields_are_null(schemas):
    """Real Atlas sends ``null`` for unset fields the spec does not mark nullable:

    - ``mobileNumber`` of users: ``GET_orgs_{orgId}_users/01.json``, ``GET_groups_{groupId}_users/01.json``,
      ``GET_orgs_{orgId}_teams_{teamId}_users/01.json``;
    - ``authorizedDate`` and ``iamAssumedRoleArn`` of an AWS role not authorized yet:
      ``GET_groups_{groupId}_cloudProviderAccess/01.json``, ``POST_groups_{groupId}_cloudProviderAccess/01.json``;
    - ``adaptiveCapacity`` of clusters (2024-08-05): ``GET_groups_{groupId}_clusters_{clusterName}/17.json``,
      ``GET_groups_{groupId}_clusters/29.json``;
    - ``partitionFields[].fieldType`` of an archive whose collection Atlas has not read yet:
      ``GET_groups_{groupId}_clusters_{clusterName}_onlineArchives/01.json`` and its create, get and update.
    """

    def nullable(node, field):
        prop = node.get("properties", {}).get(field)
        if isinstance(prop, dict):
            prop["nullable"] = True
            if "enum" in prop and None not in prop["enum"]:
                prop["enum"] = prop["enum"] + [None]  # an enum is checked besides nullable

    def visit(node):
        for field in NULLABLE_FIELDS:
            nullable(node, field)

    for name in NULLABLE_SCHEMAS:
        _walk(schemas[name], visit)


NULLABLE_FIELDS = ("mobileNumber", "authorizedDate", "iamAssumedRoleArn", "adaptiveCapacity", "fieldType")
NULLABLE_SCHEMAS = (
    "CloudAppUser",
    "OrgActiveUserResponse",
    "GroupActiveUserResponse",
    "CloudProviderAccessAWSIAMRole",
    "ClusterDescription20240805",
    "PartitionFieldView",
)


def fix_inviter_username_api_key(schemas):
    """Real Atlas: ``inviterUsername`` is an API key's public key (``nzlozmoe``) when a key sent the
    invitation, not the email the spec's ``format: email`` demands (``GET_orgs_{orgId}_invites/01.json``,
    ``GET_groups_{groupId}_invites/01.json``, ``GET_orgs_{orgId}_users/21.json``)."""

    def drop_format(node):
        inviter = node.get("properties", {}).get("inviterUsername")
        if isinstance(inviter, dict):
            inviter.pop("format", None)

    _walk(schemas, drop_format)


def fix_org_name_with_spaces(schemas):
    """Real Atlas: organization names contain spaces (``"orgName": "Atlas CLI E2E"``,
    ``GET_orgs_{orgId}_invites/01.json``, ``POST_orgs_{orgId}_invites/01.json``), which the spec's
    ``orgName`` pattern leaves out (its own example elsewhere is "Test Organization"). A space is allowed."""

    def allow_space(node):
        org_name = node.get("properties", {}).get("orgName")
        if isinstance(org_name, dict) and "pattern" in org_name and "\\p{L}" in org_name["pattern"]:
            org_name["pattern"] = org_name["pattern"].replace("[\\p{L}", "[ \\p{L}", 1)

    _walk(schemas, allow_space)


def criteria_type_left_out(body):
    """Real Atlas takes online archive creates and updates whose ``criteria`` has no ``type``: the
    Atlas CLI sends them (``POST_groups_{groupId}_clusters_{clusterName}_onlineArchives/01.json`` and
    ``PATCH_..._onlineArchives_{archiveId}/01.json`` answer 200; its update sends ``expireAfterDays``
    alone), where the spec's discriminator requires the type. Such a request is checked as the type
    its fields show: CUSTOM with a ``query``, DATE otherwise (answers keep the strict schema: Atlas
    always answers a type)."""
    criteria = body.get("criteria") if isinstance(body, dict) else None
    if not isinstance(criteria, dict) or "type" in criteria:
        return body
    return dict(body, criteria=dict(criteria, type="CUSTOM" if "query" in criteria else "DATE"))


# operationId -> how a request Atlas accepts is read before the spec's check (the handler gets it unchanged).
REQUEST_QUIRKS = {
    "createGroupClusterOnlineArchive": criteria_type_left_out,
    "updateGroupClusterOnlineArchive": criteria_type_left_out,
}


def fix_unauthorized_without_error_code(schemas):
    """Real Atlas: a 401 may have no ``errorCode`` (``GET_groups_{groupId}_accessList/03.json``, July
    2026; later ones say ``UNEXPECTED_ERROR``: ``GET_groups_{groupId}_clusters_{clusterName}/27.json``),
    and never ``parameters``. A 401 is checked against a copy of ``ApiError`` without the required code."""
    unauthorized = copy.deepcopy(schemas["ApiError"])
    unauthorized["required"] = [name for name in unauthorized.get("required", []) if name != "errorCode"]
    schemas[UNAUTHORIZED_ERROR_SCHEMA] = unauthorized


UNAUTHORIZED_ERROR_SCHEMA = "ApiError__Unauthorized"


# Statuses real Atlas answers that the spec does not declare for the operation: (operationId, status)
# -> how the answer is checked (the declared status whose schema it follows, ERROR_BODY for an
# ApiError, EMPTY_OBJECT for exactly ``{}``) and the recording that proves it.
ERROR_BODY, EMPTY_OBJECT = "ApiError", "{}"


@dataclass(frozen=True)
class UndeclaredStatus:
    checked_as: object
    evidence: str


UNDECLARED_STATUSES = {
    ("createGroupAccessListEntry", 201): UndeclaredStatus(200, "POST_groups_{groupId}_accessList/01.json, 03.json"),
    ("createOrgTeam", 201): UndeclaredStatus(200, "POST_orgs_{orgId}_teams/01.json"),
    ("createUser", 201): UndeclaredStatus(200, "POST_users/01.json"),
    ("deleteGroupClusterOnlineArchive", 200): UndeclaredStatus(
        EMPTY_OBJECT, "DELETE_groups_{groupId}_clusters_{clusterName}_onlineArchives_{archiveId}/01.json"
    ),
    ("getGroupCluster", 400): UndeclaredStatus(
        ERROR_BODY,
        "GET_groups_{groupId}_clusters_{clusterName}/25.json (CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API); "
        "also the Terraform recordings' 2023-02-01 400 for asymmetric shards",
    ),
}


QUIRK_FIXES = (
    fix_recursive_polymorphism,
    fix_overlapping_one_of,
    fix_region_name_object_type,
    fix_cidr_and_address_patterns,
    fix_api_error_parameters,
    fix_cloud_app_user_required,
    add_writable_employee_access_grant,
    fix_mobile_number_pattern,
    fix_lowercase_bi_connector_read_preference,
    fix_auto_scaling_instance_size_object_type,
    fix_unprovisioned_container_vpc_id,
    fix_legacy_tenant_cluster_fields,
    fix_online_archive_state_enum,
    fix_custom_database_role_names,
    fix_group_name_space,
    fix_writable_dedicated_hardware_spec,
    fix_unset_fields_are_null,
    fix_inviter_username_api_key,
    fix_org_name_with_spaces,
    fix_unauthorized_without_error_code,
)


def fixed_schemas(schemas):
    schemas = copy.deepcopy(schemas)
    for fix in QUIRK_FIXES:
        fix(schemas)
    return schemas


# --- Validation ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldProblem:
    field: str  # e.g. "routeTableCidrBlock", "[0].ipAddress" ("" for the body as a whole)
    missing: bool
    description: str


def _field_name(path):
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _problem_from(error):
    path = list(error.absolute_path)
    if error.validator == "required":
        missing = re.match(r"'(.+)' is a required property", error.message).group(1)
        return FieldProblem(_field_name(path + [missing]), True, error.message)
    if "discriminator" in (error.schema if isinstance(error.schema, dict) else {}):
        prop = error.schema["discriminator"]["propertyName"]
        missing = isinstance(error.instance, dict) and prop not in error.instance
        description = f"{prop} must be one of {sorted(error.schema['discriminator']['mapping'])}"
        return FieldProblem(_field_name(path + [prop]), missing, description)
    return FieldProblem(_field_name(path), False, _short_message(error))


def _short_message(error):
    """jsonschema quotes the whole instance; keep descriptions readable for large bodies."""
    if len(error.message) <= 200:
        return error.message
    return f"fails {error.validator}: {error.validator_value!r}"[:200]


class SpecValidator:
    """Validators compiled lazily per schema and cached (compiling is the slow part)."""

    # Fixing the schemas (~0.2 s on the full spec) and compiling validators are the slow parts. A
    # Spec is loaded once per process, so its fixed schemas and compiled validators are kept with
    # it and shared by every simulator built on it (tests start many).
    _shared_lock = threading.Lock()

    def __init__(self, spec):
        self.spec = spec
        with self._shared_lock:
            if not hasattr(spec, "validation_cache"):
                spec.validation_cache = {"schemas": None, "validators": {}, "lock": threading.Lock()}
        self._cache = spec.validation_cache
        self._lock = self._cache["lock"]
        self._validators = self._cache["validators"]

    @property
    def schemas(self):
        with self._lock:
            if self._cache["schemas"] is None:
                self._cache["schemas"] = fixed_schemas(self.spec.components["schemas"])
            return self._cache["schemas"]

    def _validator(self, cls, schema):
        key = (cls, repr(schema))
        validator = self._validators.get(key)
        if validator is None:
            root = dict(schema)
            root["components"] = {"schemas": self.schemas}
            validator = cls(root, format_checker=FORMAT_CHECKER)
            self._validators[key] = validator
        return validator

    def request_body_problem(self, operation, version, body):
        """The first problem of a request body for ``version``, or None when it is valid."""
        content = operation.request_body["content"].get(f"application/vnd.atlas.{version}+json")
        if content is None:  # the operation takes no body in this version: nothing to check
            return None
        schema = dict(content["schema"])
        ref_name = schema.get("$ref", "").removeprefix(SCHEMA_REF)
        if ref_name in WRITABLE_REQUEST_SCHEMAS:
            schema["$ref"] = SCHEMA_REF + WRITABLE_REQUEST_SCHEMAS[ref_name]
        quirk = REQUEST_QUIRKS.get(operation.operation_id)
        if quirk is not None:
            body = quirk(body)
        error = best_match(self._validator(WriteValidator, schema).iter_errors(body))
        return _problem_from(error) if error else None

    def parameter_problem(self, parameter, value):
        schema = parameter["schema"]
        if parameter["in"] == "path" and parameter["name"] == "ipAddress":
            # Quirk 2 again: the access list path parameter has the same bare-address pattern, which
            # rejects compressed IPv6; it is checked as an address or CIDR block instead.
            schema = {"type": "string", "format": "sim-ip-address-or-cidr"}
        error = best_match(self._validator(ReadValidator, schema).iter_errors(value))
        return error.message if error else None

    def schema_problems(self, schema_name, body):
        """Every way ``body`` breaks the (fixed) component schema ``schema_name``, as readable strings."""
        validator = self._validator(ReadValidator, {"$ref": SCHEMA_REF + schema_name})
        errors = sorted(validator.iter_errors(body), key=lambda e: list(map(str, e.absolute_path)))
        return list(dict.fromkeys(f"{_field_name(e.absolute_path) or '<body>'}: {_short_message(e)}" for e in errors))

    @staticmethod
    def checks_status(operation, status):
        """Whether answers of ``status`` are checked: the spec declares it, or real Atlas answers it
        (``UNDECLARED_STATUSES``)."""
        return operation.declares_status(status) or (operation.operation_id, status) in UNDECLARED_STATUSES

    def response_problems(self, operation, status, media_type, body):
        """Every way a response breaks the spec (empty when it conforms), as readable strings."""
        if status == 401:
            return self.schema_problems(UNAUTHORIZED_ERROR_SCHEMA, body)
        quirk = None if operation.declares_status(status) else UNDECLARED_STATUSES.get((operation.operation_id, status))
        if quirk is not None and quirk.checked_as == ERROR_BODY:
            return self.schema_problems("ApiError", body)
        if quirk is not None and quirk.checked_as == EMPTY_OBJECT:
            return [] if body == {} else [f"{operation.operation_id} {status}: Atlas answers {{}}, got {body!r}"]
        if quirk is not None:
            status = quirk.checked_as
        response = operation.definition["responses"].get(str(status))
        if response is None:
            return [f"status {status} is not declared for {operation.operation_id}"]
        if "$ref" in response:
            response = self.spec._resolve(response)
        content = (response.get("content") or {}).get(media_type)
        if content is None:
            return [f"{operation.operation_id} {status} declares no content of type {media_type}"]
        schema = content.get("schema")
        if schema is None:
            return [] if body is None else [f"{operation.operation_id} {status} declares no body, got one"]
        if body is None:
            return [f"{operation.operation_id} {status} declares a body, got none"]
        validator = self._validator(ReadValidator, schema)
        errors = sorted(validator.iter_errors(body), key=lambda e: list(map(str, e.absolute_path)))
        return list(dict.fromkeys(f"{_field_name(e.absolute_path) or '<body>'}: {_short_message(e)}" for e in errors))
