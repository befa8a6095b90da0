"""Where the published Atlas Admin API v2 spec comes from: one pinned file, fetched once, verified always.

MongoDB publishes the spec under CC BY-NC-SA 3.0 US, so it is not in this repository. Everything that
needs it (the simulator, its tests, the collection's unit tests, the Makefile) asks this module for a
local copy whose sha256 is the pinned one. In order:

1. ``ATLAS_OPENAPI_SPEC``: a local file, checked against the pinned sha256. A different file (e.g. a
   newer spec) is refused unless ``ATLAS_OPENAPI_ALLOW_UNPINNED=1``, which uses it with a warning.
2. The cache, ``${XDG_CACHE_HOME:-~/.cache}/atlas_ops.admin/openapi/<sha256>.yaml``.
3. A download from ``ATLAS_OPENAPI_URL`` (default: the pinned URL; any ``https://``, ``http://`` or
   ``file://`` URL that serves the same bytes, e.g. a mirror) into the cache: written to a temporary
   file beside it, checked, then renamed, so a file with other bytes is never left where a later run
   would trust it.

Standard library only, so the Makefile can run it before the virtualenv exists:
``python3 simulator/atlas_simulator/spec_source.py [--quiet]`` (or ``python -m
atlas_simulator.spec_source``) prints the verified path; exit code 2 with one readable paragraph
when the spec cannot be had or has the wrong bytes.
"""

import argparse
import fcntl
import hashlib
import http.client
import os
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import warnings
from dataclasses import dataclass
from pathlib import Path

PINNED_URL = (
    "https://raw.githubusercontent.com/mongodb/mongodb-atlas-cli/"
    "6fd452a08ad9fdd0c3b5ca4ec1eca5fc1ea26253/tools/internal/specs/spec.yaml"
)
PINNED_SHA256 = "0fd914afb4a3e1ede2d0f48822fe30d7f1ba2c287625382dfb98bbe2606119f9"
PINNED_SIZE = 4004216

SPEC_ENV_VAR = "ATLAS_OPENAPI_SPEC"
URL_ENV_VAR = "ATLAS_OPENAPI_URL"
ALLOW_UNPINNED_ENV_VAR = "ATLAS_OPENAPI_ALLOW_UNPINNED"
# Every variable the answer depends on (HOME through ~/.cache).
ENVIRONMENT = (SPEC_ENV_VAR, URL_ENV_VAR, ALLOW_UNPINNED_ENV_VAR, "XDG_CACHE_HOME", "HOME")
URL_SCHEMES = ("https", "http", "file")
DOWNLOAD_TIMEOUT_SECONDS = 60
CHUNK_SIZE = 1 << 16


class SpecSourceError(Exception):
    """The spec cannot be used; the message is a paragraph meant for a person."""


class SpecChecksumError(SpecSourceError):
    """A file or download whose sha256 is not the pinned one."""


class SpecUnavailableError(SpecSourceError):
    """No local copy, and the download source could not be read."""


class UnpinnedSpecWarning(UserWarning):
    """``ATLAS_OPENAPI_SPEC`` is not the pinned file and ``ATLAS_OPENAPI_ALLOW_UNPINNED=1`` allows it."""


@dataclass(frozen=True)
class VerifiedSpec:
    path: Path
    sha256: str  # of the file at path (the pinned one unless unpinned use was allowed)


def _size(count):
    return f"{count:,} bytes"


PINNED_DESCRIPTION = f"MongoDB's Atlas Admin API v2 spec ({_size(PINNED_SIZE)}, sha256 {PINNED_SHA256})"


def cache_dir(environ=None):
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "atlas_ops.admin" / "openapi"


def cached_spec_path(environ=None):
    return cache_dir(environ) / f"{PINNED_SHA256}.yaml"


def file_digest(path):
    """(sha256 hex, size) of a file."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_SIZE), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _mismatch(what, sha256, size, hint=""):
    return SpecChecksumError(
        f"{what} is not the pinned Atlas OpenAPI spec: expected sha256 {PINNED_SHA256} ({_size(PINNED_SIZE)}), "
        f"found sha256 {sha256} ({_size(size)}). It was not used.{hint and ' ' + hint}"
    )


def verified_spec(environ=None):
    """The local, verified copy of the spec (downloading it into the cache when needed).

    Raises SpecChecksumError or SpecUnavailableError with a message for a person.
    """
    environ = os.environ if environ is None else environ
    explicit = environ.get(SPEC_ENV_VAR)
    if explicit:
        return _explicit_spec(Path(explicit), allow_unpinned=environ.get(ALLOW_UNPINNED_ENV_VAR) == "1")
    cached = cached_spec_path(environ)
    if cached.is_file():
        sha256, size = file_digest(cached)
        if sha256 == PINNED_SHA256:
            return VerifiedSpec(cached, sha256)
        raise _mismatch(
            f"The cached file {cached}", sha256, size, "Delete it and run again to download the spec afresh."
        )
    return VerifiedSpec(_download(environ.get(URL_ENV_VAR) or PINNED_URL, cached), PINNED_SHA256)


def _explicit_spec(path, allow_unpinned):
    if not path.is_file():
        raise SpecUnavailableError(
            f"{SPEC_ENV_VAR} is {path}, which is not a file. Point it at a copy of {PINNED_DESCRIPTION}, "
            f"or unset it to use the cache and download."
        )
    sha256, size = file_digest(path)
    if sha256 == PINNED_SHA256:
        return VerifiedSpec(path, sha256)
    if not allow_unpinned:
        raise _mismatch(
            f"{SPEC_ENV_VAR} file {path}",
            sha256,
            size,
            f"To use another spec on purpose (e.g. a newer one), also set {ALLOW_UNPINNED_ENV_VAR}=1.",
        )
    warnings.warn(
        f"using the unpinned Atlas OpenAPI spec {path} (sha256 {sha256}, {_size(size)}; the pinned one is "
        f"sha256 {PINNED_SHA256}) because {ALLOW_UNPINNED_ENV_VAR}=1",
        UnpinnedSpecWarning,
        stacklevel=3,
    )
    return VerifiedSpec(path, sha256)


def _download(url, target):
    """Download ``url`` to ``target`` (a path named after the pinned sha256), verified and atomic."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in URL_SCHEMES:
        raise SpecUnavailableError(
            f"{URL_ENV_VAR} is {url!r}; it must be an https://, http:// or file:// URL that serves {PINNED_DESCRIPTION}."
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SpecUnavailableError(f"Cannot create the Atlas OpenAPI spec cache {target.parent}: {error}.") from None
    # One download at a time (parallel test workers, make -j); whoever waited finds the file in place.
    with open(target.parent / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.is_file():
            return target
        print(f"atlas-openapi: downloading {url} into {target}", file=sys.stderr, flush=True)
        temporary = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False)
        try:
            try:
                with temporary:
                    sha256, size = _copy_hashing(url, temporary)
            except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
                raise SpecUnavailableError(_offline_message(url, target, error)) from None
            if sha256 != PINNED_SHA256:
                raise _mismatch(f"The download from {url}", sha256, size)
            os.replace(temporary.name, target)
        finally:
            if os.path.exists(temporary.name):
                os.unlink(temporary.name)
    return target


def _copy_hashing(url, handle):
    """Copy the body at ``url`` into ``handle``; (sha256 hex, size). Stops past the pinned size."""
    digest, size = hashlib.sha256(), 0
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:
        for chunk in iter(lambda: response.read(CHUNK_SIZE), b""):
            digest.update(chunk)
            size += len(chunk)
            handle.write(chunk)
            if size > PINNED_SIZE:  # cannot be the pinned file any more: do not read on
                break
    handle.flush()
    os.fsync(handle.fileno())
    return digest.hexdigest(), size


def _offline_message(url, cached, error):
    reason = getattr(error, "reason", None) or error
    return (
        f"The Atlas OpenAPI spec is not available: {SPEC_ENV_VAR} is not set, the cache has no copy "
        f"({cached}), and reading {url} failed ({reason}). The simulator and the tests need "
        f"{PINNED_DESCRIPTION}. Provide it in one of these ways: run again with access to {PINNED_URL}; "
        f"set {URL_ENV_VAR} to a mirror that serves the same file (https://, http:// or file://); "
        f"or set {SPEC_ENV_VAR} to the path of a local copy."
    )


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="spec_source", description="Print the path of the verified Atlas OpenAPI spec, downloading it once."
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing on success (only check or fetch)")
    args = parser.parse_args(argv)
    try:
        spec = verified_spec()
    except SpecSourceError as error:
        print(f"atlas-openapi: {error}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(spec.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
