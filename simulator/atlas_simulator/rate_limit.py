"""``RateLimit-Limit``/``RateLimit-Remaining`` per caller, over fixed windows of simulated time.

Atlas limits requests per caller; the simulator counts them the same way and answers the headers
on every API response. It refuses requests over the limit (429 ``RATE_LIMITED`` with
``Retry-After``) only when the seed says ``rate_limit: {enforce: true}``, so benchmarks are not
throttled by default. Injected faults (``POST /__sim__/faults``) are the other way to get a 429.
"""

import math
import threading


class RateLimiter:
    def __init__(self):
        self._windows = {}  # caller -> (window start, count)
        self._lock = threading.Lock()

    def hit(self, caller_key, now, settings):
        """Count one request. Returns (limit, remaining, retry_after); retry_after is None unless refused."""
        limit, window = int(settings["limit"]), float(settings["window_seconds"])
        with self._lock:
            start, count = self._windows.get(caller_key, (now, 0))
            if now - start >= window:
                start, count = now, 0
            count += 1
            self._windows[caller_key] = (start, count)
        remaining = max(limit - count, 0)
        if settings["enforce"] and count > limit:
            return limit, 0, max(1, math.ceil(start + window - now))
        return limit, remaining, None

    def reset(self):
        with self._lock:
            self._windows.clear()
