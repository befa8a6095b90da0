# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""AtlasClient: the only code in the collection that talks HTTP to Atlas.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

It owns authentication (API key digest or service account OAuth2), the versioned media
type of every call, retries, pagination and the translation of failures into AtlasApiError.
Callers name an operation by its path template from the spec and give the path parameters:

    client.get("/groups/{groupId}/clusters/{clusterName}", groupId=project_id, clusterName=name)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import traceback

try:
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover - see quote below
    from urlparse import urlsplit

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover - Python 2 is not supported, but keeps the import sanity test quiet
    from urllib import quote

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    from requests.adapters import HTTPAdapter
    from requests.auth import AuthBase, HTTPDigestAuth
    from urllib3.exceptions import (
        ConnectTimeoutError,
        HTTPError as Urllib3Error,
        MaxRetryError,
        NameResolutionError,
        NewConnectionError,
        ProtocolError,
        ProxyError,
        ReadTimeoutError,
        SSLError,
    )
    from urllib3.util.retry import Retry
except ImportError:
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    AuthBase = object
    Retry = object

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION

from .api_versions import API_PREFIX, absent_code, means_absent, media_type, version_for
from .errors import AtlasApiError, missing_parent_detail
from .token_cache import TokenCache, TokenCacheError, cache_key, make_entry

HAS_REQUESTS = REQUESTS_IMPORT_ERROR is None

DEFAULT_BASE_URL = "https://cloud.mongodb.com"
TOKEN_PATH = "/api/oauth/token"
ITEMS_PER_PAGE = 500
USER_AGENT = "atlas_ops.admin ansible-core/%s" % ANSIBLE_VERSION

# Methods retried on any error: they change nothing, or the same thing again.
SAFE_METHODS = frozenset(["GET", "HEAD", "DELETE"])
# Methods that change something: each one Atlas confirms is recorded (AtlasClient.applied_writes).
WRITE_METHODS = frozenset(["POST", "PUT", "PATCH", "DELETE"])
RETRIED_STATUSES = frozenset([429, 500, 502, 503, 504])
OUTCOME_UNKNOWN = "The outcome is unknown: Atlas may have applied it; re-running the task is safe, it reads before it writes."

UNAUTHORIZED_GUIDANCE = (
    "Check public_key and private_key (an API key) or client_id and client_secret (a service account), "
    "or the MONGODB_ATLAS_* variables they come from, and api_base_url: the key or service account must "
    "exist in that Atlas, and a service account secret must not have expired or been revoked."
)


def base_url_problem(url, name):
    """Why URL cannot be the API's base URL (NAME: the option or variable it came from), or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "%s must be an http(s) URL such as %s, got %r" % (name, DEFAULT_BASE_URL, url)
    if parts.path.strip("/") or parts.query or parts.fragment:
        # A copy of a full API URL (".../api/atlas/v2") would double the path on every call.
        return "%s must be the scheme and host only, such as %s, without a path or query (the modules add %s), got %r" % (
            name,
            DEFAULT_BASE_URL,
            API_PREFIX,
            url,
        )
    return None


class AtlasRetry(Retry):
    """urllib3 retries with Atlas' rule for writes.

    Safe methods (GET, DELETE) are retried on 429/500/502/503/504 and on any connection
    error. A POST or PATCH is retried only when Atlas cannot have applied it: a 429 (the rate
    limiter answers before anything runs) or a connection that was never established; urllib3
    already limits connect retries to the latter. Retry-After is honoured on 429 and 503.
    """

    def is_retry(self, method, status_code, has_retry_after=False):
        if status_code == 429:
            return True
        return super(AtlasRetry, self).is_retry(method, status_code, has_retry_after)

    def increment(self, *args, **kwargs):
        try:
            return super(AtlasRetry, self).increment(*args, **kwargs)
        except Exception as exc:
            # urllib3 gave up (MaxRetryError) or will not retry (a write that was sent): keep the
            # number of attempts on the error, for the message. history has one entry per retry.
            exc.atlas_attempts = len(self.history) + 1
            raise


def build_retry(retries, allowed_methods=SAFE_METHODS):
    return AtlasRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        redirect=0,
        allowed_methods=allowed_methods,
        status_forcelist=RETRIED_STATUSES,
        backoff_factor=0.5,
        backoff_jitter=0.5,
        backoff_max=30,
        respect_retry_after_header=True,
        raise_on_status=False,
        raise_on_redirect=False,
    )


def _urllib3_error(exc):
    """The urllib3 exception a requests exception wraps (its first argument), or EXC itself."""
    inner = exc.args[0] if exc.args else None
    return inner if isinstance(inner, Urllib3Error) else exc


def _retry_history(response):
    """urllib3's record of the earlier attempts of the request that ended with RESPONSE, oldest first.

    A digest challenge makes requests send the request again through a new urllib3 call; the
    attempts of each call (requests keeps the earlier answers in response.history) are joined.
    """
    entries = []
    for answer in list(getattr(response, "history", None) or []) + [response]:
        retries = getattr(getattr(answer, "raw", None), "retries", None)
        entries.extend(getattr(retries, "history", None) or ())
    return entries


def _never_reached_atlas(entry):
    """True when the earlier attempt ENTRY cannot have been applied: Atlas' rate limiter refused it
    (429, answered before anything runs) or no connection was established (urllib3's own test)."""
    if entry.status == 429:
        return True
    error = entry.error
    if isinstance(error, ProxyError):
        error = getattr(error, "original_error", error)
    return isinstance(error, ConnectTimeoutError)  # NewConnectionError and NameResolutionError included


def _may_have_been_applied(history):
    """True when an earlier attempt may have reached Atlas and been applied: anything but a refused
    or never established connection or a 429 (a 5xx from a proxy or from Atlas after the change,
    a dropped connection, a read timeout)."""
    return any(not _never_reached_atlas(entry) for entry in history)


def _describe_attempt(entry):
    """One earlier attempt in a few words: its status, or what happened to the connection."""
    if entry.status:
        return str(entry.status)
    error = entry.error
    if isinstance(error, ProxyError):
        error = getattr(error, "original_error", error)
    if isinstance(error, NewConnectionError):
        return "a refused connection"
    if isinstance(error, ConnectTimeoutError):
        return "a connect timeout"
    if isinstance(error, ReadTimeoutError):
        return "no answer in time"
    if isinstance(error, ProtocolError):
        return "a dropped connection"
    return type(error).__name__


class BearerAuth(AuthBase):
    def __init__(self, token):
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = "Bearer " + self.token
        return request


def _error_from_response(method, path, response, template=None, path_params=None, request_fields=None, attempts=1):
    """Build AtlasApiError from an answer that is not a success, whatever its body.

    For a call of TEMPLATE, the error is absent only when the table in api_versions says that
    the answer means its resource does not exist; a 404 for a missing parent says which one, found
    in the path parameters, Atlas' parameters or REQUEST_FIELDS (the request's query and body).
    ATTEMPTS: how many times the request was sent (retried statuses included).
    """
    error_code = detail = None
    parameters = []
    reason = response.reason
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        error_code = body.get("errorCode")
        detail = body.get("detail")
        reason = body.get("reason") or reason
        parameters = body.get("parameters") if isinstance(body.get("parameters"), list) else []
    elif response.text:
        # Not Atlas' JSON error body (a proxy or load balancer answered): keep it short.
        detail = " ".join(response.text.split())[:200]
    absent = template is not None and means_absent(template, response.status_code, error_code)
    if response.status_code == 404 and not absent:
        detail = missing_parent_detail(error_code, path_params or {}, parameters, request_fields) or detail
    message = None
    if response.status_code == 401:
        # Never "absent", whatever the task asked for (state=absent included): say what to check.
        # Atlas' 401 says UNEXPECTED_ERROR (or no code at all): its reason, Unauthorized, says more.
        message = "Atlas API request %s %s failed with 401 %s: %s%s" % (
            method,
            path,
            reason or error_code,
            "%s " % detail if detail else "",
            UNAUTHORIZED_GUIDANCE,
        )
    if response.status_code == 410:
        message = (
            "Atlas no longer serves the API version this collection used for %s %s (410 %s). "
            "Upgrade the atlas_ops.admin collection." % (method, path, error_code or reason)
        )
    return AtlasApiError(method, path, response.status_code, error_code, detail, reason, message, absent=absent, attempts=attempts)


def _describe_failure(base_url, timeout, reason):
    """What went wrong, in words, from the urllib3 exception that ended a request."""
    if isinstance(reason, NameResolutionError):
        return "the host name of %s could not be resolved" % base_url
    if isinstance(reason, NewConnectionError):  # before ConnectTimeoutError: it is a subclass
        if isinstance(reason.__cause__, ConnectionRefusedError):
            return "%s refused the connection" % base_url
        return "could not connect to %s" % base_url
    if isinstance(reason, ConnectTimeoutError):
        return "could not connect to %s within %s s (the timeout option)" % (base_url, timeout)
    if isinstance(reason, ReadTimeoutError):
        return "%s did not answer within %s s (the timeout option)" % (base_url, timeout)
    if isinstance(reason, SSLError):
        return "the TLS connection to %s failed (certificate or handshake; see validate_certs)" % base_url
    if isinstance(reason, ProtocolError):
        return "the connection to %s closed before the answer was complete" % base_url
    # Only the exception's class and Atlas' host: its text may repeat request details.
    return "%s while connecting to %s" % (type(reason).__name__, base_url)


class AtlasClient:
    """A session with Atlas. Give either public_key + private_key or client_id + client_secret."""

    def __init__(
        self,
        base_url=DEFAULT_BASE_URL,
        public_key=None,
        private_key=None,
        client_id=None,
        client_secret=None,
        timeout=30,
        retries=5,
        validate_certs=True,
        token_cache_dir=None,
        warn=None,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.validate_certs = validate_certs
        self._warn = warn or (lambda message: None)
        self._warned = set()
        # The writes Atlas confirmed in this session, as "METHOD /api/atlas/v2/...": what a task that
        # fails later has already changed. Never bodies: they may hold secrets.
        self.applied_writes = []
        # (method, template) of the requests whose retries were reported: one warning per kind.
        self._retries_reported = set()
        self._client_id = client_id
        self._client_secret = client_secret
        self._token = None
        self._token_cache = None
        if client_id and token_cache_dir:
            self._token_cache = TokenCache(token_cache_dir, cache_key(self.base_url, client_id, client_secret))

        self._retry = build_retry(retries)
        # Fetching a token creates nothing a retry could duplicate: retry it like a read.
        self._token_retry = build_retry(retries, allowed_methods=SAFE_METHODS | frozenset(["POST"]))
        self._adapter = HTTPAdapter(max_retries=self._retry)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.mount("https://", self._adapter)
        self.session.mount("http://", self._adapter)
        if public_key:
            self.session.auth = HTTPDigestAuth(public_key, private_key)
        # The path parameters of every call that succeeded in this task: they prove a scope (a
        # project, a cluster...) exists, which Atlas' generic 404 code needs to mean "absent".
        self._succeeded = set()

    # -- transport -----------------------------------------------------------------

    def _send(self, method, path, retry=None, **kwargs):
        """Send one request with urllib3's retries (RETRY, default the rule for reads and writes).

        urllib3 retries what happens before the body: connection errors and retryable statuses.
        requests reads the body after urllib3's loop, so a body that breaks off is retried here,
        by the same rule and budget: the Retry state the answer came with is incremented (it
        refuses a method that is not retried, and raises MaxRetryError when the budget is spent),
        slept on for its backoff, and handed to urllib3 for the next attempt.
        """
        retry = retry or self._retry
        url = self.base_url + path
        while True:
            self._adapter.max_retries = retry
            try:
                response = self.session.request(method, url, timeout=self.timeout, verify=self.validate_certs, stream=True, **kwargs)
            except requests.exceptions.RequestException as exc:
                raise self._transport_error(method, path, exc, retry)
            try:
                response.content  # pylint: disable=pointless-statement  # reads the whole body
                return response
            except requests.exceptions.RequestException as exc:
                response.close()
                broken = _urllib3_error(exc)
                try:
                    retry = response.raw.retries.increment(method, url, error=broken)
                except Urllib3Error as final:
                    raise self._transport_error(method, path, final, retry)
                retry.sleep()

    def _transport_error(self, method, path, exc, retry):
        """AtlasApiError for a request that got no complete answer: what happened, after how many attempts."""
        error = _urllib3_error(exc)
        reason = error.reason if isinstance(error, MaxRetryError) else error
        attempts = getattr(error, "atlas_attempts", 1)
        detail = "%s (%d attempt%s)" % (_describe_failure(self.base_url, self.timeout, reason), attempts, "" if attempts == 1 else "s")
        # A read error means the request was sent; a method that is not retried may have been applied.
        if isinstance(reason, (ReadTimeoutError, ProtocolError)) and method not in retry.allowed_methods:
            detail += ". " + OUTCOME_UNKNOWN
        return AtlasApiError(method, path, detail=detail)

    def _authorized_send(self, method, path, **kwargs):
        if not self._client_id:
            return self._send(method, path, **kwargs)
        if self._token is None:
            self._token = self._service_account_token()
        response = self._send(method, path, auth=BearerAuth(self._token), **kwargs)
        if response.status_code == 401:
            # The token was revoked or expired early: fetch one new token, and try once more.
            self._token = self._service_account_token(reject=self._token)
            response = self._send(method, path, auth=BearerAuth(self._token), **kwargs)
        return response

    # -- service account tokens ----------------------------------------------------

    def _fetch_token(self):
        response = self._send(
            "POST",
            TOKEN_PATH,
            retry=self._token_retry,
            auth=(self._client_id, self._client_secret),
            data={"grant_type": "client_credentials"},
            headers={"Accept": "application/json"},
        )
        if response.status_code != 200:
            raise _error_from_response("POST", TOKEN_PATH, response)
        try:
            body = response.json()
            return make_entry(body["access_token"], body.get("expires_in") or 3600)
        except (ValueError, KeyError, TypeError):
            raise AtlasApiError("POST", TOKEN_PATH, 200, detail="the token endpoint answered without an access_token")

    def _service_account_token(self, reject=None):
        if self._token_cache is not None:
            try:
                return self._token_cache.get_or_fetch(self._fetch_token, reject=reject)
            except TokenCacheError as exc:
                self._warn_once("Service account token cache disabled for this task: %s" % exc)
                self._token_cache = None
        return self._fetch_token()["access_token"]

    # -- API calls -----------------------------------------------------------------

    def _warn_once(self, message):
        if message not in self._warned:
            self._warned.add(message)
            self._warn(message)

    def _check_lifecycle_headers(self, method, template, version, response):
        deprecation = response.headers.get("Deprecation")
        sunset = response.headers.get("Sunset")
        if deprecation or sunset:
            when = "; ".join(part for part in ("Deprecation: %s" % deprecation if deprecation else "", "Sunset: %s" % sunset if sunset else "") if part)
            self._warn_once(
                "Atlas marks version %s of %s %s as deprecated (%s). "
                "A newer atlas_ops.admin release will move to a newer version." % (version, method, template, when)
            )

    def request(self, method, template, query=None, body=None, **path_params):
        """Call one Atlas operation and return its decoded JSON body (None when it has none).

        template is the operation's path from the spec below /api/atlas/v2; path_params fill
        its {placeholders}, each percent-encoded exactly once (a CIDR's "/" becomes %2F).
        Raises AtlasApiError for anything but a 2xx answer.
        """
        method = method.upper()
        version = version_for(method, template)
        path = API_PREFIX + template.format(**dict((name, quote(str(value), safe="")) for name, value in path_params.items()))
        headers = {"Accept": media_type(version)}
        data = None
        if body is not None:
            headers["Content-Type"] = media_type(version)
            data = json.dumps(body)
        response = self._authorized_send(method, path, params=query, data=data, headers=headers)
        self._check_lifecycle_headers(method, template, version, response)
        history = _retry_history(response)
        if not 200 <= response.status_code < 300:
            error = _error_from_response(
                method, path, response, template, path_params, request_fields=[query or {}, body], attempts=len(history) + 1
            )
            entry = absent_code(template, response.status_code, error.error_code)
            if entry is not None and entry.scope is not None:
                # A generic 404 means absent only within a scope known to exist (api_versions.ABSENT_ERROR_CODES).
                error.absent = self._scope_exists(entry.scope, path_params)
            error.answer_lost_before = _may_have_been_applied(history)
            if method == "DELETE" and error.absent and error.answer_lost_before:
                # An earlier attempt may have reached Atlas and deleted it, and its answer was lost (a
                # proxy's 504, a dropped connection): the resource is gone because this request deleted it.
                self._report_retries(method, template, path, history, "the retry found it gone (%s), so an earlier attempt deleted it" % response.status_code)
                self.applied_writes.append("%s %s" % (method, path))
                return None
            if history and response.status_code not in RETRIED_STATUSES:
                self._report_retries(method, template, path, history, "attempt %d answered %s" % (len(history) + 1, response.status_code))
            raise error
        if history:
            self._report_retries(method, template, path, history, "succeeded after %d attempts" % (len(history) + 1))
        if method in WRITE_METHODS:
            self.applied_writes.append("%s %s" % (method, path))
        self._succeeded.add(frozenset((name, str(value)) for name, value in path_params.items()))
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise AtlasApiError(method, path, response.status_code, detail="Atlas answered with a body that is not JSON")

    def _report_retries(self, method, template, path, history, outcome):
        """Warn, once per kind of request, that Atlas pushed back before this request got its answer."""
        if (method, template) in self._retries_reported:
            return
        self._retries_reported.add((method, template))
        self._warn_once("Atlas answered %s to %s %s; %s." % (", ".join(_describe_attempt(entry) for entry in history), method, path, outcome))

    def _scope_exists(self, scope, path_params):
        """True when SCOPE (an endpoint) exists for these ids: a call of this task on them succeeded,
        or a GET of SCOPE does now. That GET raises its own error for a wrong project or parent, which
        then is the task's error (api_versions.ABSENT_ERROR_CODES: a generic 404 within a scope)."""
        needed = dict((name, str(path_params[name])) for name in re.findall(r"\{(\w+)\}", scope))
        if any(frozenset(needed.items()) <= done for done in self._succeeded):
            return True
        self.get(scope, **needed)
        return True

    def get(self, template, query=None, **path_params):
        return self.request("GET", template, query=query, **path_params)

    def get_if_exists(self, template, query=None, **path_params):
        """GET that returns None when Atlas says the resource is absent (api_versions.ABSENT_ERROR_CODES).

        Any other error raises, a 404 for a wrong project or organization id included.
        """
        try:
            return self.get(template, query=query, **path_params)
        except AtlasApiError as exc:
            if exc.absent:
                return None
            raise

    def get_all(self, template, query=None, **path_params):
        """Read every page of a list operation (500 items a page) and return all results."""
        results = []
        page = 1
        while True:
            page_query = dict(query or {}, itemsPerPage=ITEMS_PER_PAGE, pageNum=page, includeCount="true")
            answer = self.get(template, query=page_query, **path_params) or {}
            items = answer.get("results") or []
            results.extend(items)
            total = answer.get("totalCount")
            # A short page is the last one; a full page is the last one when the count says so.
            if len(items) < ITEMS_PER_PAGE or (total is not None and len(results) >= total):
                return results
            page += 1

    def post(self, template, body=None, query=None, **path_params):
        return self.request("POST", template, query=query, body=body, **path_params)

    def patch(self, template, body=None, query=None, **path_params):
        return self.request("PATCH", template, query=query, body=body, **path_params)

    def delete(self, template, query=None, **path_params):
        """DELETE. An absent answer to a retry whose earlier attempt may have reached Atlas (anything
        but a refused connection or a 429) counts as done: that attempt deleted it (see request)."""
        return self.request("DELETE", template, query=query, **path_params)

    def delete_if_exists(self, template, query=None, **path_params):
        """DELETE that returns True when it deleted, False when the resource was already absent.

        Absent means what it means for get_if_exists; any other error raises. A resource that an
        earlier attempt of this request deleted (its answer lost) counts as deleted, as for delete.
        """
        try:
            self.delete(template, query=query, **path_params)
        except AtlasApiError as exc:
            if exc.absent:
                return False
            raise
        return True
