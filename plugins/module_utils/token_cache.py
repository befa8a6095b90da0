# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A file cache of service account access tokens, shared by the tasks of a play.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

Every Ansible task is a new process and Atlas rate-limits its token endpoint, so a token
fetched by one task is kept for the next ones: one JSON file per (base URL, client id,
secret), named by a hash of the three, mode 0600 in a 0700 directory. A lock file makes
parallel forks wait for the one that is fetching instead of fetching a token each.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import fcntl
import hashlib
import json
import os
import stat
import time

DEFAULT_CACHE_DIR = os.path.join("~", ".cache", "atlas_ops.admin", "tokens")

# Refresh a token this long before it expires (a quarter of its life for short-lived ones),
# so a token never expires between the check and the request.
REFRESH_MARGIN_SECONDS = 300


class TokenCacheError(Exception):
    """The cache directory cannot be used safely (wrong owner, cannot be created)."""


def cache_key(base_url, client_id, client_secret):
    material = "\0".join((base_url, client_id, client_secret)).encode("utf-8")
    return hashlib.sha256(material).hexdigest()


def token_is_fresh(entry, now=None):
    """True when the cached entry can still be used for a while."""
    if not entry:
        return False
    now = time.time() if now is None else now
    lifetime = entry["expires_at"] - entry["fetched_at"]
    margin = min(REFRESH_MARGIN_SECONDS, lifetime / 4.0)
    return now < entry["expires_at"] - margin


def make_entry(access_token, expires_in, now=None):
    now = time.time() if now is None else now
    return {"access_token": access_token, "fetched_at": now, "expires_at": now + float(expires_in)}


class TokenCache:
    """Tokens of one service account, in a private directory."""

    def __init__(self, directory, key):
        self.directory = os.path.abspath(os.path.expanduser(directory))
        self.path = os.path.join(self.directory, key + ".json")
        self.lock_path = os.path.join(self.directory, key + ".lock")

    def _ensure_directory(self):
        try:
            os.makedirs(self.directory, mode=0o700)
        except OSError as exc:
            if exc.errno != errno.EEXIST:
                raise TokenCacheError("cannot create the token cache directory %s: %s" % (self.directory, exc.strerror))
        info = os.stat(self.directory)
        if info.st_uid != os.getuid():
            raise TokenCacheError("the token cache directory %s belongs to another user" % self.directory)
        if stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(self.directory, 0o700)

    def read(self):
        """The cached entry, or None when there is none or it cannot be read."""
        try:
            with open(self.path) as handle:
                entry = json.load(handle)
            token = entry["access_token"]
            if isinstance(token, str) and token:
                return {"access_token": token, "fetched_at": float(entry["fetched_at"]), "expires_at": float(entry["expires_at"])}
        except (IOError, OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def write(self, entry):
        # Written to a private temporary file and renamed, so a reader never sees half a token.
        temporary = "%s.%d.tmp" % (self.path, os.getpid())
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(entry, handle)
        os.chmod(temporary, 0o600)
        os.rename(temporary, self.path)

    def remove(self):
        try:
            os.unlink(self.path)
        except OSError:
            pass

    def get_or_fetch(self, fetch, reject=None):
        """Return a fresh access token, calling fetch() -> entry under the lock only when needed.

        reject is a token known to be refused (a 401): a cached entry holding it is not reused.
        """
        self._ensure_directory()
        lock_fd = os.open(self.lock_path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX)
            entry = self.read()
            if token_is_fresh(entry) and entry["access_token"] != reject:
                return entry["access_token"]
            entry = fetch()
            self.write(entry)
            return entry["access_token"]
        finally:
            fcntl.flock(lock_fd, fcntl.LOCK_UN)
            os.close(lock_fd)
