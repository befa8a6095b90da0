"""``RateLimit-Limit``/``RateLimit-Remaining`` per caller, over fixed windows of simulated time.

Atlas limits requests per caller and per resource, with limits that differ by resource: the
Atlas CLI's recordings (real-atlas-cli) show ``Ratelimit-Limit`` 10000 for clusters, 2000 for cloud
provider access, 2500 for ``/users``, 1200 or 500 elsewhere (``ATLAS_LIMITS``), each counted on
its own. Operations no recording shows get ``DEFAULT_LIMIT``, the simulator's own choice. A seed
that sets ``rate_limit.limit`` gets that one limit for every operation, counted per caller (tests
use it to reach a limit quickly). A 401 carries no rate-limit headers (Atlas' do not): the caller
is unknown then.

The simulator refuses requests over the limit (429 ``RATE_LIMITED`` with ``Retry-After``) only
when the seed says ``rate_limit: {enforce: true}``, so benchmarks are not throttled by default.
Injected faults (``POST /__sim__/faults``) are the other way to get a 429.
"""

import math
import re
import threading

from .spec import API_PREFIX

# A resource's path template (below /api/atlas/v2) -> (Atlas' limit, the recording that shows it).
# It covers the template and the template of one item below it ("/orgs/{orgId}/users/{userId}").
ATLAS_LIMITS = {
    "/groups/{groupId}/clusters": (
        10000,
        "GET_groups_{groupId}_clusters_{clusterName}/05.json, GET_groups_{groupId}_clusters/05.json",
    ),
    "/groups/{groupId}/clusters/{clusterName}/onlineArchives": (
        1200,
        "GET_groups_{groupId}_clusters_{clusterName}_onlineArchives/01.json and the other archive operations",
    ),
    "/groups/{groupId}/cloudProviderAccess": (2000, "GET_groups_{groupId}_cloudProviderAccess/01.json"),
    "/groups/{groupId}/accessList": (
        1200,
        "GET_groups_{groupId}_accessList/01.json, POST_groups_{groupId}_accessList/01.json",
    ),
    "/groups/{groupId}/users": (1200, "GET_groups_{groupId}_users/01.json"),
    "/groups/{groupId}/invites": (1200, "PATCH_groups_{groupId}_invites/03.json"),
    "/groups/{groupId}/teams": (1200, "GET_groups_{groupId}_teams/01.json"),
    "/orgs/{orgId}/users": (500, "GET_orgs_{orgId}_users/09.json"),
    "/orgs/{orgId}/invites": (500, "GET_orgs_{orgId}_invites/21.json"),
    "/orgs/{orgId}/teams": (1200, "GET_orgs_{orgId}_teams/01.json"),
    "/users": (2500, "GET_users_{userId}/01.json, POST_users/01.json"),
}
DEFAULT_LIMIT = 100
_ITEM = re.compile(r"/\{[^/{}]+\}")


def atlas_limit(path_template):
    """(limit, counter name) of an operation's path template, with or without the API prefix."""
    template = path_template.removeprefix(API_PREFIX)
    for resource, (limit, _evidence) in ATLAS_LIMITS.items():
        if template == resource or (template.startswith(resource) and _ITEM.fullmatch(template[len(resource) :])):
            return limit, resource
    return DEFAULT_LIMIT, "*"


class RateLimiter:
    def __init__(self):
        self._windows = {}  # counter key -> (window start, count)
        self._lock = threading.Lock()

    def hit(self, caller_key, now, settings, path_template=None):
        """Count one request. Returns (limit, remaining, retry_after); retry_after is None unless refused.

        ``path_template``: the operation's, for Atlas' per-resource limits (None: one counter per caller).
        """
        window = float(settings["window_seconds"])
        if settings.get("limit") is not None:
            limit, key = int(settings["limit"]), caller_key
        elif path_template is None:
            limit, key = DEFAULT_LIMIT, caller_key
        else:
            limit, resource = atlas_limit(path_template)
            key = f"{caller_key} {resource}"
        with self._lock:
            start, count = self._windows.get(key, (now, 0))
            if now - start >= window:
                start, count = now, 0
            count += 1
            self._windows[key] = (start, count)
        remaining = max(limit - count, 0)
        if settings["enforce"] and count > limit:
            return limit, 0, max(1, math.ceil(start + window - now))
        return limit, remaining, None

    def reset(self):
        with self._lock:
            self._windows.clear()
