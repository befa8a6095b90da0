"""The published Atlas Admin API v2 spec, as the simulator reads it.

The spec is MongoDB's (CC BY-NC-SA 3.0 US) and is never copied into this repository:
``spec_source`` provides the pinned, verified file (``ATLAS_OPENAPI_SPEC``, the cache, or a download).
Parsing its 4 MB of YAML takes about a second even with libyaml, so the parsed document is kept beside
it as JSON (``<sha256>.simulator-v<N>.json``, ~10 ms to load), rebuilt when the spec or
``DERIVED_FORMAT_VERSION`` changes.

This module owns what the simulator takes from the spec: the operations and their routes, the
versioned media types each operation offers, parameters and the ``x-sunset`` dates. Schema
validation (and the spec's known quirks) lives in ``validation.py``.
"""

import functools
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import spec_source

LOG = logging.getLogger("atlas_simulator")
API_PREFIX = "/api/atlas/v2"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")
MEDIA_TYPE_RE = re.compile(r"^application/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$")
# Bump when what the derived cache holds changes: files of an older version are then ignored.
DERIVED_FORMAT_VERSION = 1


def media_type_for(version):
    return f"application/vnd.atlas.{version}+json"


def load_document(path):
    """Parse the YAML (with libyaml when available: ~1 s for the full spec instead of ~5 s)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def derived_cache_path(sha256):
    return spec_source.cache_dir() / f"{sha256}.simulator-v{DERIVED_FORMAT_VERSION}.json"


def load_document_cached(path, sha256):
    """The parsed spec at ``path`` (whose sha256 is ``sha256``), from the derived cache when it is there.

    JSON holds the document unchanged (it has only strings as keys and no dates) and loads in ~10 ms.
    The cache is written to a temporary file and renamed, so parallel simulators may build it at once;
    one that cannot be read or written is rebuilt or skipped, never fatal.
    """
    cached = derived_cache_path(sha256)
    try:
        with open(cached, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as error:
        LOG.warning("rebuilding the unreadable derived spec cache %s: %s", cached, error)
    document = load_document(path)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=cached.parent, prefix=f".{cached.name}.", suffix=".part", delete=False
        ) as temporary:
            json.dump(document, temporary, separators=(",", ":"))
        os.replace(temporary.name, cached)
    except OSError as error:
        LOG.warning("could not write the derived spec cache %s: %s", cached, error)
    return document


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
def _verified_spec(environment):
    """Verified once per process and configuration (hashing 4 MB takes ~10 ms; apps are made per test)."""
    return spec_source.verified_spec(dict((name, value) for name, value in environment if value is not None))


@functools.lru_cache(maxsize=4)
def _load_spec(path, sha256):
    """Parsed once per process and file."""
    return Spec(load_document_cached(path, sha256))


def load_spec(path=None):
    """The parsed spec, cached per file for the life of the process.

    Without ``path``: the pinned spec from ``spec_source`` (SpecSourceError when it cannot be had).
    With ``path``: that file as it is (tests and callers that bring their own spec).
    """
    if path is None:
        verified = _verified_spec(tuple((name, os.environ.get(name)) for name in spec_source.ENVIRONMENT))
        path, sha256 = verified.path, verified.sha256
    else:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"Atlas OpenAPI spec not found at {path}")
        sha256 = spec_source.file_digest(path)[0]
    return _load_spec(str(Path(path).resolve()), sha256)
