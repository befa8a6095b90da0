"""The control API under ``/__sim__/`` (no auth, loopback clients only) and what it controls:
the request log and the injected faults.

The contract tests and tools rely on (docs/developing.md, "The simulator's contract"):
``GET|DELETE /__sim__/requests``, ``POST /__sim__/reset``,
``GET|POST /__sim__/state``, ``POST|DELETE /__sim__/faults``. Added here: ``GET /__sim__/faults``,
``GET|POST /__sim__/clock``, ``GET /__sim__/violations``, ``GET /__sim__/health`` and
``GET /__sim__/issued_tokens`` (every access token issued since the start, for secret scans). The resource
families add their own (``resources.CONTROL_ROUTES``, for example
``POST /__sim__/peers/{peerId}:accept``).
"""

import collections
import ipaddress
import json
import re
import threading
from dataclasses import asdict, dataclass

from werkzeug.wrappers import Response

from . import errors
from .clock import format_time
from .resources import CONTROL_ROUTES
from .resources.common import ControlCall

MAX_LOGGED_REQUESTS = 100_000


class RequestLog:
    """Every API request received, oldest first (the newest MAX_LOGGED_REQUESTS of them)."""

    def __init__(self):
        self._entries = collections.deque(maxlen=MAX_LOGGED_REQUESTS)
        self._lock = threading.Lock()

    def append(self, entry):
        with self._lock:
            self._entries.append(entry)

    def entries(self):
        with self._lock:
            return list(self._entries)

    def clear(self):
        with self._lock:
            self._entries.clear()


@dataclass
class Fault:
    method: str  # "*" matches every method
    path: str  # regular expression searched in the raw request path
    count: int  # answers left
    status: int = None  # None: answer normally (after the delay)
    retry_after: float = None
    delay: float = 0.0
    drop: bool = False
    # Handle the request (a write is applied), then close the connection: the answer is lost.
    drop_after_handling: bool = False
    # With a status: handle the request as usual (a write is applied), then answer ``status`` instead
    # of the real answer (a proxy's 504 after Atlas applied the change).
    after_handling: bool = False
    # Answer ``status`` with this body verbatim instead of an Atlas error body (a proxy's HTML page,
    # a 200 that is not JSON); content_type defaults to text/html.
    body: str = None
    content_type: str = None

    def matches(self, method, raw_path):
        return self.method in ("*", method) and re.search(self.path, raw_path) is not None


class FaultBook:
    def __init__(self):
        self._faults = []
        self._lock = threading.Lock()

    def add(self, spec):
        """Validate and register a fault from its JSON body; ValueError when it is not valid."""
        if not isinstance(spec, dict):
            raise ValueError("a fault is a JSON object")
        unknown = set(spec) - {
            "method", "path", "count", "status", "retry_after", "delay", "drop", "drop_after_handling", "after_handling",
            "body", "content_type"
        }
        if unknown:
            raise ValueError(f"unknown fault keys: {sorted(unknown)}")
        fault = Fault(
            method=str(spec.get("method", "*")).upper(),
            path=str(spec.get("path", "")),
            count=int(spec.get("count", 1)),
            status=None if spec.get("status") is None else int(spec["status"]),
            retry_after=spec.get("retry_after"),
            delay=float(spec.get("delay") or 0.0),
            drop=bool(spec.get("drop", False)),
            drop_after_handling=bool(spec.get("drop_after_handling", False)),
            after_handling=bool(spec.get("after_handling", False)),
            body=None if spec.get("body") is None else str(spec["body"]),
            content_type=None if spec.get("content_type") is None else str(spec["content_type"]),
        )
        try:
            re.compile(fault.path)
        except re.error as error:
            raise ValueError(f"path is not a regular expression: {error}")
        if fault.count < 1 or fault.delay < 0 or (fault.status is not None and not 100 <= fault.status <= 599):
            raise ValueError("count must be >= 1, delay >= 0 and status an HTTP status")
        if fault.status is None and not fault.drop and not fault.drop_after_handling and not fault.delay:
            raise ValueError("a fault needs a status, a delay, drop: true or drop_after_handling: true")
        if sum(1 for kind in (fault.drop, fault.drop_after_handling, fault.status is not None) if kind) > 1:
            raise ValueError("status, drop and drop_after_handling exclude each other")
        if fault.after_handling and fault.status is None:
            raise ValueError("after_handling needs a status to answer with (drop_after_handling drops the answer)")
        if (fault.body is not None or fault.content_type is not None) and fault.status is None:
            raise ValueError("body and content_type need a status to answer with")
        with self._lock:
            self._faults.append(fault)
        return asdict(fault)

    def take(self, method, raw_path):
        """The first fault matching the request, counted down by one; None when none matches."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, raw_path):
                    fault.count -= 1
                    if fault.count == 0:
                        self._faults.remove(fault)
                    return Fault(**{**asdict(fault), "count": 1})
        return None

    def list(self):
        with self._lock:
            return [asdict(f) for f in self._faults]

    def clear(self):
        with self._lock:
            self._faults.clear()


# --- Endpoints -----------------------------------------------------------------------------------
def _json(body, status=200):
    return Response(json.dumps(body), status=status, content_type="application/json")


def _no_content():
    return Response(status=204)


def _problem(status, message):
    return _json({"error": status, "detail": message}, status)


def _json_body(request):
    try:
        return json.loads(request.get_data(as_text=True) or "null")
    except ValueError as error:
        raise ValueError(f"the body is not JSON: {error}")


def _is_loopback(address):
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def get_requests(app, request):
    return _json(app.request_log.entries())


def delete_requests(app, request):
    app.request_log.clear()
    return _no_content()


def reset(app, request):
    app.reset()
    return _no_content()


# The state's credentials: (list, the field that names one, its secret). GET /__sim__/state shows
# the secret as REDACTED (a test or tool that prints the state must not print credentials); a POST
# that sends REDACTED back keeps the current secret, so the state still round-trips.
CREDENTIALS = (("api_keys", "public_key", "private_key"), ("service_accounts", "client_id", "client_secret"))
REDACTED = "<redacted>"


# Project lists whose items may carry a secret field. Database users keep only a digest of their
# password (resources/database_users.py) and a loaded seed's clear `password` becomes that digest, so
# the state holds none; should one be there, GET shows it REDACTED and a POST that sends REDACTED back
# leaves the stored digest as it is.
PROJECT_SECRETS = (("database_users", "password"),)


def get_state(app, request):
    state = app.store.snapshot()
    for collection, dummy, secret in CREDENTIALS:
        for item in state.get(collection) or []:
            if isinstance(item, dict) and item.get(secret):
                item[secret] = REDACTED
    for project in state.get("projects") or []:
        for collection, secret in PROJECT_SECRETS:
            for item in project.get(collection) or []:
                if isinstance(item, dict) and item.get(secret):
                    item[secret] = REDACTED
    return _json(state)


def _restore_redacted_credentials(app, state):
    for project in state.get("projects") or []:
        for collection, secret in PROJECT_SECRETS:
            for item in (project.get(collection) or []) if isinstance(project, dict) else []:
                if isinstance(item, dict) and item.get(secret) == REDACTED:
                    del item[secret]
    current = app.store.snapshot()
    for collection, name, secret in CREDENTIALS:
        known = dict((item.get(name), item.get(secret)) for item in current.get(collection) or [])
        for item in state.get(collection) or []:
            if isinstance(item, dict) and item.get(secret) == REDACTED:
                if item.get(name) not in known:
                    raise ValueError(f"{collection}: {secret} of {item.get(name)!r} is {REDACTED}, but no such credential exists")
                item[secret] = known[item.get(name)]


def post_state(app, request):
    state = _json_body(request)
    if not isinstance(state, dict):
        raise ValueError("the state is a JSON object shaped like a seed file")
    _restore_redacted_credentials(app, state)
    try:
        app.store.replace(state)
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"the state does not have the seed's shape: {error!r}")
    app.store.save_if_changed()
    return _no_content()


def get_faults(app, request):
    return _json(app.faults.list())


def post_fault(app, request):
    return _json(app.faults.add(_json_body(request)), 201)


def delete_faults(app, request):
    app.faults.clear()
    return _no_content()


def run_family_route(app, request, route, params):
    """A resource family's control route: under the state lock, marked changed when it succeeds."""
    body = _json_body(request) if request.get_data() else None
    with app.store.lock:
        try:
            answer = route(ControlCall(store=app.store, now=app.clock.now(), params=params, body=body))
        except errors.AtlasError as error:
            return _json(error.body(), error.status)
        app.store.mark_changed()
    app.store.save_if_changed()
    return _json(answer)


def _clock_body(app):
    return {"now": format_time(app.clock.now()), "offset_seconds": app.clock.offset_seconds}


def get_clock(app, request):
    return _json(_clock_body(app))


def post_clock(app, request):
    body = _json_body(request)
    seconds = body.get("advance_seconds") if isinstance(body, dict) else None
    if not isinstance(seconds, (int, float)) or seconds < 0:
        raise ValueError('send {"advance_seconds": <seconds, >= 0>}')
    app.clock.advance(seconds)
    return _json(_clock_body(app))


def get_violations(app, request):
    return _json(app.response_violations)


def get_issued_tokens(app, request):
    return _json(list(app.issued_tokens))


def get_health(app, request):
    return _json({"status": "ok"})


ROUTES = {
    ("GET", "/__sim__/requests"): get_requests,
    ("DELETE", "/__sim__/requests"): delete_requests,
    ("POST", "/__sim__/reset"): reset,
    ("GET", "/__sim__/state"): get_state,
    ("POST", "/__sim__/state"): post_state,
    ("GET", "/__sim__/faults"): get_faults,
    ("POST", "/__sim__/faults"): post_fault,
    ("DELETE", "/__sim__/faults"): delete_faults,
    ("GET", "/__sim__/clock"): get_clock,
    ("POST", "/__sim__/clock"): post_clock,
    ("GET", "/__sim__/violations"): get_violations,
    ("GET", "/__sim__/health"): get_health,
    ("GET", "/__sim__/issued_tokens"): get_issued_tokens,
}


def dispatch(app, request, raw_path):
    if not (app.control_from_anywhere or _is_loopback(request.remote_addr)):
        return _problem(403, "The control API answers loopback clients only (see --control-from-anywhere).")
    try:
        handler = ROUTES.get((request.method, raw_path))
        if handler:
            return handler(app, request)
        for (method, pattern), route in CONTROL_ROUTES.items():
            match = pattern.match(raw_path)
            if match and method == request.method:
                return run_family_route(app, request, route, match.groupdict())
        if any(path == raw_path for dummy, path in ROUTES) or any(p.match(raw_path) for dummy, p in CONTROL_ROUTES):
            return _problem(405, f"{request.method} is not allowed on {raw_path}.")
        return _problem(404, f"No control endpoint {raw_path}.")
    except ValueError as error:
        return _problem(400, str(error))
