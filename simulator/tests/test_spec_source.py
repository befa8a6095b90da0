"""The spec's one source: pinned, downloaded once into the cache, verified always, clear when it cannot be had.

Every test uses its own XDG_CACHE_HOME (the developer's cache is only read, once, for the good bytes).
"""

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from atlas_simulator import spec as simulator_spec
from atlas_simulator import spec_source
from atlas_simulator.spec_source import PINNED_SHA256, SpecChecksumError, SpecUnavailableError, UnpinnedSpecWarning

SPEC_SOURCE_FILE = Path(spec_source.__file__)
SIMULATOR_DIR = SPEC_SOURCE_FILE.parents[1]


@pytest.fixture(scope="session")
def good_bytes():
    """The pinned spec, through the normal path (``make spec`` has filled the cache)."""
    return spec_source.verified_spec().path.read_bytes()


class SpecServer:
    """A local HTTP server answering GET /<name> with ``files[name]``; it counts what it served."""

    def __init__(self, files):
        self.files = files
        self.requests = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                server.requests.append(self.path)
                body = server.files.get(self.path.lstrip("/"))
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, name):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{name}"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(files):
        servers.append(SpecServer(files))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def cache_home(tmp_path):
    return tmp_path / "xdg-cache"


def cache_files(cache_home):
    """Every file in the spec cache (lock file aside), names only."""
    folder = cache_home / "atlas_ops.admin" / "openapi"
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock")) if folder.is_dir() else []


def closed_port_url():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/atlas-admin-v2.yaml"


def test_a_good_download_lands_in_the_cache_once_and_the_next_call_reads_the_cache(serve, cache_home, good_bytes, capfd):
    server = serve({"atlas-admin-v2.yaml": good_bytes})
    environ = {"XDG_CACHE_HOME": str(cache_home), "ATLAS_OPENAPI_URL": server.url("atlas-admin-v2.yaml")}

    first = spec_source.verified_spec(environ)
    assert first.path == cache_home / "atlas_ops.admin" / "openapi" / f"{PINNED_SHA256}.yaml"
    assert first.path.read_bytes() == good_bytes
    assert first.sha256 == PINNED_SHA256
    assert f"atlas-openapi: downloading {environ['ATLAS_OPENAPI_URL']} into {first.path}" in capfd.readouterr().err

    second = spec_source.verified_spec(environ)
    assert second == first
    assert server.requests == ["/atlas-admin-v2.yaml"]  # one download, then the cache
    assert capfd.readouterr().err == ""
    assert cache_files(cache_home) == [f"{PINNED_SHA256}.yaml"]


def test_a_file_url_mirror_works(tmp_path, cache_home, good_bytes):
    mirror = tmp_path / "mirror" / "atlas-admin-v2.yaml"
    mirror.parent.mkdir()
    mirror.write_bytes(good_bytes)
    environ = {"XDG_CACHE_HOME": str(cache_home), "ATLAS_OPENAPI_URL": mirror.as_uri()}
    assert spec_source.verified_spec(environ).path.read_bytes() == good_bytes


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda good: good[: len(good) // 2], id="truncated"),
        pytest.param(lambda good: good[:1000] + b"X" + good[1001:], id="one-byte-altered"),
        pytest.param(lambda good: good + b"\n# more\n", id="longer"),
    ],
)
def test_a_damaged_download_fails_with_the_checksum_message_and_leaves_no_file(serve, cache_home, good_bytes, damage):
    bad = damage(good_bytes)
    server = serve({"spec.yaml": bad})
    url = server.url("spec.yaml")
    environ = {"XDG_CACHE_HOME": str(cache_home), "ATLAS_OPENAPI_URL": url}

    with pytest.raises(SpecChecksumError) as raised:
        spec_source.verified_spec(environ)

    message = str(raised.value)
    assert message.startswith(f"The download from {url} is not the pinned Atlas OpenAPI spec: ")
    assert f"expected sha256 {PINNED_SHA256} (4,004,216 bytes)" in message
    assert "found sha256 " in message and "It was not used." in message
    assert cache_files(cache_home) == []  # nothing a later run could trust, no partial file either
    # A later run downloads again (and fails again) rather than trusting anything.
    with pytest.raises(SpecChecksumError):
        spec_source.verified_spec(environ)
    assert len(server.requests) == 2


def test_an_unreachable_source_fails_with_the_offline_paragraph(cache_home):
    url = closed_port_url()
    environ = {"XDG_CACHE_HOME": str(cache_home), "ATLAS_OPENAPI_URL": url}
    with pytest.raises(SpecUnavailableError) as raised:
        spec_source.verified_spec(environ)
    message = str(raised.value)
    assert message.startswith("The Atlas OpenAPI spec is not available: ATLAS_OPENAPI_SPEC is not set, the cache has no copy ")
    assert f"and reading {url} failed (" in message
    assert "set ATLAS_OPENAPI_URL to a mirror" in message and "set ATLAS_OPENAPI_SPEC to the path of a local copy" in message
    assert cache_files(cache_home) == []


def test_a_missing_file_on_a_mirror_is_the_offline_paragraph_too(serve, cache_home):
    server = serve({})
    environ = {"XDG_CACHE_HOME": str(cache_home), "ATLAS_OPENAPI_URL": server.url("nothing.yaml")}
    with pytest.raises(SpecUnavailableError, match=r"failed \(Not Found\)"):
        spec_source.verified_spec(environ)


def test_only_https_http_and_file_urls_are_accepted(cache_home):
    environ = {"XDG_CACHE_HOME": str(cache_home), "ATLAS_OPENAPI_URL": "ftp://example.com/spec.yaml"}
    with pytest.raises(SpecUnavailableError, match=r"^ATLAS_OPENAPI_URL is 'ftp://example.com/spec.yaml'; it must be an https://"):
        spec_source.verified_spec(environ)


def test_atlas_openapi_spec_is_used_when_it_is_the_pinned_file(tmp_path, cache_home, good_bytes):
    local = tmp_path / "my-copy.yaml"
    local.write_bytes(good_bytes)
    environ = {"XDG_CACHE_HOME": str(cache_home), "ATLAS_OPENAPI_SPEC": str(local), "ATLAS_OPENAPI_URL": closed_port_url()}
    assert spec_source.verified_spec(environ) == spec_source.VerifiedSpec(local, PINNED_SHA256)
    assert cache_files(cache_home) == []  # neither downloaded nor copied


def test_atlas_openapi_spec_with_other_bytes_is_refused_unless_unpinned_use_is_allowed(tmp_path, cache_home):
    other = tmp_path / "newer-spec.yaml"
    other.write_bytes(b"openapi: 3.0.1\npaths: {}\n")
    environ = {"XDG_CACHE_HOME": str(cache_home), "ATLAS_OPENAPI_SPEC": str(other)}

    with pytest.raises(SpecChecksumError) as raised:
        spec_source.verified_spec(environ)
    assert str(raised.value).startswith(f"ATLAS_OPENAPI_SPEC file {other} is not the pinned Atlas OpenAPI spec: ")
    assert str(raised.value).endswith("To use another spec on purpose (e.g. a newer one), also set ATLAS_OPENAPI_ALLOW_UNPINNED=1.")

    with pytest.warns(UnpinnedSpecWarning, match=r"using the unpinned Atlas OpenAPI spec .*newer-spec\.yaml"):
        used = spec_source.verified_spec({**environ, "ATLAS_OPENAPI_ALLOW_UNPINNED": "1"})
    assert used.path == other and used.sha256 != PINNED_SHA256


def test_atlas_openapi_spec_that_is_not_a_file_is_named(tmp_path, cache_home):
    environ = {"XDG_CACHE_HOME": str(cache_home), "ATLAS_OPENAPI_SPEC": str(tmp_path / "absent.yaml")}
    with pytest.raises(SpecUnavailableError, match=r"^ATLAS_OPENAPI_SPEC is .*absent\.yaml, which is not a file\."):
        spec_source.verified_spec(environ)


def test_a_damaged_cached_file_is_never_used(cache_home, good_bytes):
    cached = cache_home / "atlas_ops.admin" / "openapi" / f"{PINNED_SHA256}.yaml"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(good_bytes[:-1])
    with pytest.raises(SpecChecksumError, match=r"^The cached file .* is not the pinned .* Delete it and run again"):
        spec_source.verified_spec({"XDG_CACHE_HOME": str(cache_home)})


def run_cli(cache_home, *args, **env):
    """The CLI as the Makefile runs it: the file itself, without site-packages (-S: stdlib only)."""
    environ = {"PATH": os.environ["PATH"], "HOME": str(cache_home.parent), "XDG_CACHE_HOME": str(cache_home), **env}
    return subprocess.run(
        [sys.executable, "-I", "-S", str(SPEC_SOURCE_FILE), *args], capture_output=True, text=True, env=environ, timeout=60, check=False
    )


def test_the_cli_prints_the_verified_path_and_is_silent_with_quiet(tmp_path, cache_home, good_bytes):
    mirror = tmp_path / "atlas-admin-v2.yaml"
    mirror.write_bytes(good_bytes)
    loud = run_cli(cache_home, ATLAS_OPENAPI_URL=mirror.as_uri())
    assert (loud.returncode, loud.stdout) == (0, f"{cache_home}/atlas_ops.admin/openapi/{PINNED_SHA256}.yaml\n")
    assert loud.stderr.startswith("atlas-openapi: downloading file://")
    quiet = run_cli(cache_home, "--quiet")  # from the cache now: no URL needed
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_the_cli_offline_is_one_paragraph_and_exit_code_2(cache_home):
    result = run_cli(cache_home, "--quiet", ATLAS_OPENAPI_URL=closed_port_url())
    assert result.returncode == 2
    assert result.stdout == ""
    attempt, paragraph = result.stderr.splitlines()  # what was tried, then why it failed: nothing else
    assert attempt.startswith("atlas-openapi: downloading http://127.0.0.1:")
    assert paragraph.startswith("atlas-openapi: The Atlas OpenAPI spec is not available: ")


def test_the_simulator_offline_exits_2_with_the_paragraph(cache_home):
    environ = {**os.environ, "PYTHONPATH": str(SIMULATOR_DIR), "XDG_CACHE_HOME": str(cache_home)}
    environ.pop("ATLAS_OPENAPI_SPEC", None)
    environ["ATLAS_OPENAPI_URL"] = closed_port_url()
    result = subprocess.run(
        [sys.executable, "-m", "atlas_simulator", "--port", "0"], capture_output=True, text=True, env=environ, timeout=60, check=False
    )
    assert result.returncode == 2
    assert result.stdout == ""
    attempt, paragraph = result.stderr.splitlines()
    assert attempt.startswith("atlas-openapi: downloading http://127.0.0.1:")
    assert paragraph.startswith("atlas-simulator: The Atlas OpenAPI spec is not available: ")


def test_the_derived_cache_is_written_once_then_read_instead_of_the_yaml(tmp_path, cache_home, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    spec_file = tmp_path / "tiny.yaml"
    spec_file.write_text("openapi: 3.0.1\npaths:\n  /api/atlas/v2/x:\n    get: {operationId: getX, responses: {'200': {}}}\n")
    sha256 = spec_source.file_digest(spec_file)[0]
    derived = cache_home / "atlas_ops.admin" / "openapi" / f"{sha256}.simulator-v{simulator_spec.DERIVED_FORMAT_VERSION}.json"

    document = simulator_spec.load_document_cached(spec_file, sha256)
    assert derived.is_file()
    monkeypatch.setattr(simulator_spec, "load_document", lambda path: pytest.fail("parsed the YAML again"))
    assert simulator_spec.load_document_cached(spec_file, sha256) == document

    derived.write_text("{not json")  # e.g. a crash mid-write of an older version: rebuilt, not fatal
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    assert simulator_spec.load_document_cached(spec_file, sha256) == document
    assert derived.read_text().startswith('{"openapi"')
