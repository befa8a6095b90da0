"""The simulator as a WSGI application: one request's way from the socket to a handler and back.

For ``/api/atlas/v2`` requests, in order: injected fault, authentication, rate limit, route (on the
raw path, so ``%2F`` stays inside its segment), version from ``Accept``, sunset, parameters, body,
handler (under the state lock), response check against the spec (when enabled). ``/api/oauth/token``
issues bearer tokens; ``/__sim__/`` is the control API (``control.py``).
"""

import json
import logging
import re
import socket
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote

from werkzeug.http import http_date
from werkzeug.wrappers import Request, Response

from . import control, errors
from .auth import Authenticator
from .clock import SimClock, parse_time
from .default_seed import default_seed
from .rate_limit import RateLimiter
from .resources import HANDLERS
from .resources.common import Call
from .spec import API_PREFIX, MEDIA_TYPE_RE, load_spec, media_type_for
from .state import Store, load_seed_file
from .validation import SpecValidator

LOG = logging.getLogger("atlas_simulator")
TOKEN_PATH = "/api/oauth/token"
REDACTED_HEADERS = ("authorization", "proxy-authorization", "cookie", "x-api-key")
REDACTED_FORM_FIELDS = ("client_secret",)
# Fields of JSON request bodies that hold a secret (a database user's password): logged as redacted,
# so that GET /__sim__/requests shows that one was sent but never its value.
REDACTED_BODY_FIELDS = ("password",)
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class DropConnection(ConnectionAbortedError):
    """Raised to close the socket without an answer; werkzeug's server treats it as a dropped connection."""


def _drop(request):
    """Close the connection without an answer (an injected ``drop`` fault)."""
    connection = request.environ.get("werkzeug.socket")
    if connection is not None:
        # Shut the socket so the client sees the connection end, and werkzeug's keep-alive loop
        # stops waiting for a next request on it.
        connection.shutdown(socket.SHUT_RDWR)
    raise DropConnection(f"injected fault: dropped {request.method} {request.path}")


def _raw_path(request):
    """The path as the client sent it, still percent-encoded (werkzeug decodes PATH_INFO)."""
    raw_uri = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if raw_uri:
        return raw_uri.split("?", 1)[0]
    return request.path


def _raw_uri(request):
    return request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.full_path.rstrip("?")


def _precise_time(clock):
    moment = datetime.fromtimestamp(clock.timestamp(), tz=timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def atlas_http_date(moment):
    """An HTTP date as Atlas writes ``Sunset`` and ``Deprecation``: the day of the month without a
    leading zero ("Thu, 1 Jul 2027 00:00:00 GMT", as every recorded answer has it)."""
    return re.sub(r"^(\w{3}), 0(\d) ", r"\1, \2 ", http_date(moment))


def _json_response(body, status, content_type, headers=None, pretty=False):
    text = json.dumps(body, indent=2 if pretty else None)
    return Response(text, status=status, content_type=content_type, headers=headers)


def error_response(error, headers=None):
    # Quirk 7: error answers use plain application/json, not the versioned media type.
    return _json_response(error.body(), error.status, "application/json", {**(headers or {}), **error.headers})


class SimulatorApp:
    def __init__(self, seed=None, state_file=None, validate_responses=False, spec_path=None, control_from_anywhere=False):
        self.clock = SimClock()
        self.spec = load_spec(spec_path)
        self.validator = SpecValidator(self.spec)
        seed = seed if seed is not None else default_seed(self.clock.now())
        initial_state = None
        if state_file and Path(state_file).is_file():
            initial_state = load_seed_file(state_file)
        self.store = Store(seed, self.clock, initial_state=initial_state, state_file=state_file)
        self.auth = Authenticator(self.store)
        self.rate_limiter = RateLimiter()
        self.request_log = control.RequestLog()
        self.faults = control.FaultBook()
        self.validate_responses = validate_responses
        # The control API answers loopback clients only, unless the simulator runs as a service container
        # that the CI job reaches over the job's own network (--control-from-anywhere).
        self.control_from_anywhere = control_from_anywhere
        # Every access token issued since the start, kept through resets: secret scans look for them
        # in what the tools under test printed and wrote (GET /__sim__/issued_tokens).
        self.issued_tokens = []
        # Simulator defects, one readable string each: answers that broke the spec (checked when
        # validate_responses is on) and handlers that crashed. Tests fail when it is not empty.
        self.response_violations = []

    def warm_up(self):
        """Compile the schemas in a background thread, so the first request does not wait for it."""
        threading.Thread(target=lambda: self.validator.schemas, name="atlas-simulator-warm-up", daemon=True).start()

    def reset(self):
        """Back to the seed, as if restarted: state, tokens, faults, clock, rate windows, request log."""
        self.store.reset()
        self.auth.forget_tokens()
        self.faults.clear()
        self.clock.reset()
        self.rate_limiter.reset()
        self.request_log.clear()
        self.store.save_if_changed()

    # --- WSGI ------------------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        request = Request(environ)
        raw_path = _raw_path(request)
        if raw_path.startswith("/__sim__/"):
            response = control.dispatch(self, request, raw_path)
        else:
            response = self._serve(request, raw_path)
        return response(environ, start_response)

    def _serve(self, request, raw_path):
        entry = self._log_entry(request, raw_path)
        started = time.monotonic()
        fault = self.faults.take(request.method, raw_path)
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.drop:
            entry.update(status=None, dropped=True, duration_ms=round((time.monotonic() - started) * 1000, 1))
            self.request_log.append(entry)
            _drop(request)
        answered_by_fault = fault and fault.status and not fault.after_handling
        if answered_by_fault and fault.body is not None:
            response = Response(fault.body, status=fault.status, content_type=fault.content_type or "text/html")
        elif answered_by_fault:
            response = error_response(errors.injected_fault(fault.status, fault.retry_after))
        elif raw_path == TOKEN_PATH and request.method == "POST":
            response = self._issue_token(request)
        elif raw_path.startswith(API_PREFIX + "/"):
            response = self._api(request, raw_path)
        else:
            response = error_response(errors.resource_not_found(raw_path))
        if fault and fault.status and fault.after_handling:
            # Handled (and applied, for a write); the client gets the fault's answer instead.
            if fault.body is not None:
                response = Response(fault.body, status=fault.status, content_type=fault.content_type or "text/html")
            else:
                response = error_response(errors.injected_fault(fault.status, fault.retry_after))
        entry.update(status=response.status_code, duration_ms=round((time.monotonic() - started) * 1000, 1))
        if fault and fault.drop_after_handling:
            # Handled (and applied, for a write), but the client never gets the answer.
            entry.update(dropped=True)
        self.request_log.append(entry)
        self.store.save_if_changed()
        if fault and fault.drop_after_handling:
            _drop(request)
        return response

    def _log_entry(self, request, raw_path):
        headers = {}
        for name, value in request.headers.items():
            if name.lower() in REDACTED_HEADERS:
                value = f"{value.split(' ', 1)[0]} <redacted>" if " " in value else "<redacted>"
            headers[name] = value
        return {
            "time": _precise_time(self.clock),
            "method": request.method,
            "path": raw_path,
            "query": request.query_string.decode("latin-1"),
            "headers": headers,
            "body": self._logged_body(request),
        }

    @staticmethod
    def _logged_body(request):
        if request.mimetype == "application/x-www-form-urlencoded":
            # The OAuth form body may carry client_secret: it is never stored.
            return {k: ("<redacted>" if k in REDACTED_FORM_FIELDS else v) for k, v in request.form.items()}
        text = request.get_data(as_text=True)
        if not text:
            return None
        try:
            body = json.loads(text)
        except ValueError:
            return text
        if isinstance(body, dict):
            body = {k: ("<redacted>" if k in REDACTED_BODY_FIELDS and v is not None else v) for k, v in body.items()}
        return body

    def _issue_token(self, request):
        """``POST /api/oauth/token``; rate limited per client id like the API (Atlas limits it too)."""
        client_id = request.authorization.username if request.authorization else request.form.get("client_id")
        limit, remaining, retry_after = self.rate_limiter.hit(
            f"token:{client_id}", self.clock.timestamp(), self.store.state["rate_limit"]
        )
        headers = {"RateLimit-Limit": str(limit), "RateLimit-Remaining": str(remaining)}
        try:
            if retry_after is not None:
                raise errors.rate_limited(retry_after)
            body = self.auth.issue_token(request)
        except errors.AtlasError as error:
            return error_response(error, headers)
        self.issued_tokens.append(body["access_token"])
        return _json_response(body, 200, "application/json", {**headers, "Cache-Control": "no-store"})

    # --- /api/atlas/v2 ---------------------------------------------------------------------------
    def _api(self, request, raw_path):
        rate_headers, operation, version = {}, None, None
        try:
            caller = self.auth.authenticate(request, _raw_uri(request))
            operation, raw_params, path_known = self.spec.match(request.method, raw_path)
            limit, remaining, retry_after = self.rate_limiter.hit(
                f"{caller.kind}:{caller.identity}",
                self.clock.timestamp(),
                self.store.state["rate_limit"],
                operation.path if operation is not None else None,
            )
            rate_headers = {"RateLimit-Limit": str(limit), "RateLimit-Remaining": str(remaining)}
            if retry_after is not None:
                raise errors.rate_limited(retry_after)
            if operation is None:
                raise (
                    errors.method_not_allowed(request.method, raw_path)
                    if path_known
                    else errors.resource_not_found(raw_path)
                )
            version = self._negotiate_version(operation, request.headers.get("Accept", ""))
            call = Call(
                store=self.store,
                operation=operation,
                version=version,
                path=self._path_params(operation, raw_params),
                query=self._query_params(operation, request),
                body=self._body(operation, version, request),
                caller=caller,
                base_url=request.host_url.rstrip("/"),
                raw_path=raw_path,
                now=None,
                raw_query=request.query_string.decode("latin-1"),
            )
            handler = HANDLERS.get(operation.operation_id)
            if handler is None:
                raise errors.not_simulated(operation.operation_id)
            with self.store.lock:
                call.now = self.clock.now()
                reply = self._run_handler(handler, call)
                if request.method in WRITE_METHODS:
                    # The one place a write marks the state changed (for --state-file): handlers only
                    # change it. A write that changed nothing costs one needless save, no more.
                    self.store.mark_changed()
        except errors.AtlasError as error:
            response = error_response(error, rate_headers)
            return self._check_response(operation, error.status, "application/json", error.body(), response)
        return self._success_response(request, operation, version, reply, rate_headers)

    def _run_handler(self, handler, call):
        try:
            return handler(call)
        except errors.AtlasError:
            raise
        except Exception as exc:
            # A simulator bug: an Atlas-style 500 for the client, and loud in tests (see conftest).
            LOG.exception("%s crashed", call.operation.operation_id)
            self.response_violations.append(f"{call.operation.operation_id} crashed: {exc!r}")
            raise errors.AtlasError(500, "UNEXPECTED_ERROR", "Unexpected error.") from exc

    def _negotiate_version(self, operation, accept):
        """The first version named in ``Accept`` that the operation has; Atlas' 406 otherwise."""
        for part in accept.split(","):
            match = MEDIA_TYPE_RE.match(part.split(";")[0].strip().lower())
            if match and match.group(1) in operation.response_versions:
                version = match.group(1)
                sunset = operation.sunset_date(version)
                if sunset and self.clock.now() >= parse_time(sunset):
                    raise errors.version_gone(version, sunset)
                return version
        raise errors.invalid_version()

    def _path_params(self, operation, raw_params):
        values = {}
        for param in operation.parameters:
            if param["in"] != "path":
                continue
            value = unquote(raw_params[param["name"]])  # decoded exactly once
            problem = self.validator.parameter_problem(param, value)
            if problem:
                raise errors.invalid_parameter(param["name"], problem)
            values[param["name"]] = value
        return values

    def _query_params(self, operation, request):
        values = {}
        for param in operation.parameters:
            if param["in"] != "query":
                continue
            name, schema = param["name"], param["schema"]
            raw = request.args.getlist(name)
            if not raw:
                # A parameter left out takes its default. Quirk 5: this holds for a required one
                # with a default too (the container list's providerName), as Atlas lists AWS then.
                if "default" in schema:
                    values[name] = schema["default"]
                elif param.get("required"):
                    raise errors.invalid_parameter(name, "this parameter is required")
                continue
            try:
                value = _typed(schema, raw)
            except ValueError:
                raise errors.invalid_parameter(name, f"{raw[-1]!r} is not a valid {schema.get('type')}")
            problem = self.validator.parameter_problem(param, value)
            if problem:
                raise errors.invalid_parameter(name, problem)
            values[name] = value
        return values

    def _body(self, operation, version, request):
        if not operation.request_body:
            return None
        text = request.get_data(as_text=True)
        if not text.strip():
            raise errors.bad_request("VALIDATION_ERROR", "The request body is required.")
        try:
            body = json.loads(text)
        except ValueError:
            raise errors.malformed_json()
        problem = self.validator.request_body_problem(operation, version, body)
        if problem:
            raise errors.from_field_problem(problem)
        return body

    def _success_response(self, request, operation, version, reply, rate_headers):
        media_type = media_type_for(version)
        # Atlas' versioned answers name their charset (every recorded one, 204s included).
        content_type = media_type + ";charset=utf-8"
        headers = dict(rate_headers)
        sunset = operation.sunset_date(version)
        if sunset:
            headers["Sunset"] = atlas_http_date(parse_time(sunset))
            superseded = operation.superseded_on(version)
            if superseded:
                headers["Deprecation"] = atlas_http_date(parse_time(superseded))
        if reply.body is None:
            response = Response(status=reply.status, content_type=content_type, headers=headers)
        else:
            pretty = request.args.get("pretty", "").lower() == "true"
            response = _json_response(reply.body, reply.status, content_type, headers, pretty)
        return self._check_response(operation, reply.status, media_type, reply.body, response)

    def _check_response(self, operation, status, media_type, body, response):
        """With ``validate_responses``, a response that breaks the spec is a simulator bug: it is
        logged, recorded in ``response_violations`` and answered as a 500 that says why."""
        if not self.validate_responses or operation is None or not self.validator.checks_status(operation, status):
            return response
        problems = self.validator.response_problems(operation, status, media_type, body)
        if not problems:
            return response
        message = f"{operation.operation_id} {status} {media_type}: " + "; ".join(problems[:10])
        LOG.error("response breaks the spec: %s", message)
        self.response_violations.append(message)
        error = errors.AtlasError(500, "SIMULATOR_RESPONSE_BREAKS_SPEC", message)
        return _json_response(error.body(), 500, "application/json")


def _typed(schema, raw_values):
    """A query parameter's value in its schema's type (ValueError when it has none)."""
    kind = schema.get("type")
    if kind == "array":
        return [_typed(schema.get("items", {}), [v]) for v in raw_values]
    value = raw_values[-1]
    if kind == "integer":
        return int(value)
    if kind == "boolean":
        if value.lower() not in ("true", "false"):
            raise ValueError(value)
        return value.lower() == "true"
    return value


def create_app(seed=None, state_file=None, validate_responses=False, spec_path=None, control_from_anywhere=False):
    """The simulator as a WSGI app. ``seed``: a dict in the seed shape (default: ``default_seed``)."""
    app = SimulatorApp(
        seed=seed,
        state_file=state_file,
        validate_responses=validate_responses,
        spec_path=spec_path,
        control_from_anywhere=control_from_anywhere,
    )
    app.warm_up()
    return app
