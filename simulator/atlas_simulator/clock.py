"""Simulated time: the real clock plus an offset that ``POST /__sim__/clock`` moves forward.

Every time-based behaviour (token and grant expiry, status progressions, version sunsets) reads
this clock, so tests can jump ahead instead of sleeping.
"""

import threading
import time
from datetime import datetime, timezone


class SimClock:
    def __init__(self):
        self._offset = 0.0
        self._lock = threading.Lock()

    @property
    def offset_seconds(self):
        return self._offset

    def timestamp(self):
        return time.time() + self._offset

    def now(self):
        return datetime.fromtimestamp(int(self.timestamp()), tz=timezone.utc)

    def advance(self, seconds):
        with self._lock:
            self._offset += float(seconds)

    def reset(self):
        with self._lock:
            self._offset = 0.0


def format_time(moment):
    """Atlas' timestamp format: ISO 8601 in UTC with a ``Z``, whole seconds."""
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text):
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
