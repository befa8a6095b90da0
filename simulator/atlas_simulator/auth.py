"""Authentication as Atlas does it.

- API keys: HTTP digest (RFC 7616 with MD5 and ``qop="auth"``) under realm ``MMS Public API``.
  Nonces are stateless (a time stamp signed with a per-process key) and live five minutes; an old
  nonce with a right answer gets a fresh challenge with ``stale=true``.
- Service accounts: ``POST /api/oauth/token`` with HTTP basic ``client_id:client_secret`` (or the
  two as form fields) and ``grant_type=client_credentials`` answers a bearer token that expires
  after the seed's ``token_ttl_seconds`` of simulated time.

Service accounts' own IP access lists are not enforced on API calls.
"""

import base64
import hashlib
import hmac
import secrets
import threading
import time

from werkzeug.datastructures import Authorization

from . import errors
from .resources.common import Caller

REALM = "MMS Public API"
NONCE_LIFETIME_SECONDS = 300


def _md5(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()


class Authenticator:
    def __init__(self, store):
        self.store = store
        self._key = secrets.token_bytes(32)
        self._tokens = {}  # access token -> (client_id, expiry as simulated timestamp)
        self._lock = threading.Lock()

    # --- Digest ---------------------------------------------------------------------------------
    def _nonce(self):
        stamp = str(int(time.time()))
        signature = hmac.new(self._key, stamp.encode(), hashlib.sha256).hexdigest()[:32]
        return base64.b64encode(f"{stamp}:{signature}".encode()).decode()

    def _nonce_state(self, nonce):
        """'fresh', 'stale' (ours but too old) or 'invalid'."""
        try:
            stamp, signature = base64.b64decode(nonce.encode(), validate=True).decode().split(":")
        except (ValueError, UnicodeDecodeError):
            return "invalid"
        expected = hmac.new(self._key, stamp.encode(), hashlib.sha256).hexdigest()[:32]
        if not hmac.compare_digest(signature, expected):
            return "invalid"
        return "fresh" if time.time() - int(stamp) <= NONCE_LIFETIME_SECONDS else "stale"

    def challenge(self, stale=False):
        return (
            f'Digest realm="{REALM}", domain="", nonce="{self._nonce()}", algorithm=MD5, qop="auth", '
            f"stale={'true' if stale else 'false'}"
        )

    def _unauthorized(self, detail=None, stale=False):
        kwargs = {"detail": detail} if detail else {}
        return errors.unauthorized(headers={"WWW-Authenticate": self.challenge(stale)}, **kwargs)

    def _digest_caller(self, auth, method, raw_uri, remote_addr):
        params = auth.parameters
        username = params.get("username", "")
        keys = {k["public_key"]: k["private_key"] for k in self.store.state["api_keys"]}
        if username not in keys or params.get("realm") != REALM:
            raise self._unauthorized()
        if params.get("qop") != "auth" or params.get("algorithm", "MD5").upper() != "MD5":
            raise self._unauthorized("Digest authentication needs qop=auth and algorithm MD5.")
        if params.get("uri") != raw_uri:
            raise self._unauthorized("The digest uri does not match the request.")
        nonce = params.get("nonce", "")
        ha1 = _md5(f"{username}:{REALM}:{keys[username]}")
        ha2 = _md5(f"{method}:{raw_uri}")
        expected = _md5(f"{ha1}:{nonce}:{params.get('nc', '')}:{params.get('cnonce', '')}:auth:{ha2}")
        if not hmac.compare_digest(expected, params.get("response", "")):
            raise self._unauthorized()
        nonce_state = self._nonce_state(nonce)
        if nonce_state != "fresh":
            raise self._unauthorized(stale=nonce_state == "stale")
        return Caller("api_key", username, remote_addr)

    # --- Bearer tokens --------------------------------------------------------------------------
    def _bearer_caller(self, token, remote_addr):
        with self._lock:
            client_id, expires = self._tokens.get(token, (None, 0))
        if client_id is None:
            raise self._unauthorized("Invalid access token.")
        if self.store.clock.timestamp() >= expires:
            raise self._unauthorized("The access token has expired.")
        if not any(a["client_id"] == client_id for a in self.store.state["service_accounts"]):
            raise self._unauthorized("The service account of this access token no longer exists.")
        return Caller("service_account", client_id, remote_addr)

    def issue_token(self, request):
        """Answer body of ``POST /api/oauth/token``; raises AtlasError for bad requests."""
        basic = request.authorization if request.authorization and request.authorization.type == "basic" else None
        client_id = basic.username if basic else request.form.get("client_id")
        client_secret = basic.password if basic else request.form.get("client_secret")
        if request.form.get("grant_type") != "client_credentials":
            raise errors.bad_request(  # (guess: UNSUPPORTED_GRANT_TYPE)
                "UNSUPPORTED_GRANT_TYPE", "grant_type must be client_credentials.", field="grant_type"
            )
        accounts = {a["client_id"]: a for a in self.store.state["service_accounts"]}
        account = accounts.get(client_id or "")
        if account is None or not hmac.compare_digest(account["client_secret"], client_secret or ""):
            raise errors.unauthorized("Invalid client credentials.")
        ttl = int(self.store.state["token_ttl_seconds"])
        token = secrets.token_urlsafe(48)
        with self._lock:
            self._tokens[token] = (client_id, self.store.clock.timestamp() + ttl)
        return {"access_token": token, "expires_in": ttl, "token_type": "Bearer"}

    def forget_tokens(self):
        with self._lock:
            self._tokens.clear()

    # --- Entry point ----------------------------------------------------------------------------
    def authenticate(self, request, raw_uri):
        """The Caller behind an API request, or AtlasError 401 with a digest challenge."""
        header = request.headers.get("Authorization")
        auth = Authorization.from_header(header) if header else None
        remote_addr = request.remote_addr or ""
        if auth is None:
            raise self._unauthorized()
        if auth.type == "digest":
            return self._digest_caller(auth, request.method, raw_uri, remote_addr)
        if auth.type == "bearer" and auth.token:
            return self._bearer_caller(auth.token, remote_addr)
        raise self._unauthorized()
