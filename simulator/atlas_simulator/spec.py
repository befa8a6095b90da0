"""The published Atlas Admin API v2 spec, as the simulator reads it.

The spec is MongoDB's (CC BY-NC-SA 3.0 US) and is never copied into this repository: it is read from
``ATLAS_OPENAPI_SPEC`` or from ``<repo>/../shared/atlas-openapi/atlas-admin-v2-subset.yaml``.

This module owns what the simulator takes from the spec: the operations and their routes, the
versioned media types each operation offers, parameters and the ``x-sunset`` dates. Schema
validation (and the spec's known quirks) lives in ``validation.py``.
"""

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SPEC_ENV_VAR = "ATLAS_OPENAPI_SPEC"
API_PREFIX = "/api/atlas/v2"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")
MEDIA_TYPE_RE = re.compile(r"^application/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$")


def media_type_for(version):
    return f"application/vnd.atlas.{version}+json"


def default_spec_path():
    """``<repo>/../shared/atlas-openapi/...``; the repo root is two levels above this package."""
    repo_root = Path(__file__).resolve().parents[2]
    return repo_root.parent / "shared" / "atlas-openapi" / "atlas-admin-v2-subset.yaml"


def spec_path():
    return Path(os.environ.get(SPEC_ENV_VAR) or default_spec_path())


def load_document(path):
    """Parse the YAML (with libyaml when available: ~0.05 s instead of ~2 s)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str  # the spec's path template, with the /api/atlas/v2 prefix
    definition: dict = field(repr=False, compare=False)
    parameters: tuple = field(repr=False, compare=False)

    @property
    def response_versions(self):
        """Dates of the media types the operation's success responses offer, oldest first."""
        versions = set()
        for status, response in self.definition["responses"].items():
            if str(status).startswith("2"):
                for media_type in response.get("content") or {}:
                    match = MEDIA_TYPE_RE.match(media_type)
                    if match:
                        versions.add(match.group(1))
        return tuple(sorted(versions))

    @property
    def success_statuses(self):
        return tuple(int(s) for s in self.definition["responses"] if str(s).startswith("2"))

    @property
    def request_body(self):
        return self.definition.get("requestBody")

    def response_content(self, status, version):
        """The spec's media type object for a success response in ``version`` (or None)."""
        response = self.definition["responses"].get(str(status))
        if not response or "$ref" in response:
            return None
        return (response.get("content") or {}).get(media_type_for(version))

    def declares_status(self, status):
        return str(status) in self.definition["responses"]

    def sunset_date(self, version):
        """``x-sunset`` (YYYY-MM-DD) of the version's success response, when the spec gives one."""
        for status in self.success_statuses:
            content = self.response_content(status, version)
            if content and content.get("x-sunset"):
                return content["x-sunset"]
        return None

    def superseded_on(self, version):
        """The date of the next newer version: when ``version`` became deprecated."""
        newer = [v for v in self.response_versions if v > version]
        return newer[0] if newer else None


@dataclass(frozen=True)
class Route:
    regex: re.Pattern
    literal_length: int  # more literal text = more specific; tried first
    operations: dict  # METHOD -> Operation


class Spec:
    def __init__(self, document):
        self.document = document
        self.components = document.get("components", {})
        self.operations = {}
        routes = []
        for path, item in document["paths"].items():
            methods = {}
            for method in HTTP_METHODS:
                if method not in item:
                    continue
                definition = item[method]
                params = tuple(self._resolve(p) for p in item.get("parameters", []) + definition.get("parameters", []))
                operation = Operation(definition["operationId"], method.upper(), path, definition, params)
                self.operations[operation.operation_id] = operation
                methods[method.upper()] = operation
            routes.append(_compile_route(path, methods))
        self.routes = sorted(routes, key=lambda r: -r.literal_length)

    def _resolve(self, obj):
        while "$ref" in obj:
            section, name = obj["$ref"].split("/")[2:]
            obj = self.components[section][name]
        return obj

    def match(self, method, raw_path):
        """Find the operation for a raw (still percent-encoded) path.

        Returns ``(operation, raw_path_params, path_known)``. Matching runs on the raw path so that a
        ``%2F`` inside an access list entry stays inside its path segment.
        """
        path_known = False
        for route in self.routes:
            match = route.regex.match(raw_path)
            if not match:
                continue
            path_known = True
            operation = route.operations.get(method)
            if operation:
                return operation, match.groupdict(), True
        return None, {}, path_known


def _compile_route(path, methods):
    pattern, literal_length, pos = "", 0, 0
    for param in re.finditer(r"\{(\w+)\}", path):
        literal = path[pos : param.start()]
        pattern += re.escape(literal) + f"(?P<{param.group(1)}>[^/]+)"
        literal_length += len(literal)
        pos = param.end()
    pattern += re.escape(path[pos:])
    literal_length += len(path) - pos
    return Route(re.compile(f"^{pattern}$"), literal_length, methods)


@functools.lru_cache(maxsize=4)
def _load_spec(path):
    """Parsed once per process and path."""
    return Spec(load_document(path))


def load_spec(path=None):
    """The parsed spec, cached per path for the life of the process."""
    path = Path(path) if path else spec_path()
    if not path.is_file():
        raise FileNotFoundError(
            f"Atlas OpenAPI spec not found at {path}; set {SPEC_ENV_VAR} to the path of " "atlas-admin-v2-subset.yaml"
        )
    return _load_spec(str(path.resolve()))
