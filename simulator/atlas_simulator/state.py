"""The simulator's state: Atlas resources in the seed's shape, guarded by one lock.

The state is a plain JSON-able dict in the shape of a seed file (docs/simulator.md, "Seed files"), so
``GET /__sim__/state`` returns it, ``POST /__sim__/state`` replaces it and ``--state-file`` stores it.
Resources keep Atlas' own field names; a resource's ``_sim`` key holds simulator bookkeeping that
API answers never show.
"""

import copy
import datetime
import json
import os
import threading
from pathlib import Path

import yaml

from .clock import format_time
from .resources import normalize_state


def load_seed_file(path):
    """Read a seed (or state) file: YAML or JSON (JSON is YAML)."""
    with open(path, encoding="utf-8") as handle:
        seed = yaml.safe_load(handle)
    if not isinstance(seed, dict):
        raise ValueError(f"{path}: a seed must be a mapping (api_keys, service_accounts, orgs, projects, ...)")
    return _with_text_dates(seed)


def _with_text_dates(value):
    """YAML reads an unquoted ``2030-01-01T00:00:00Z`` as a datetime; Atlas fields hold text."""
    if isinstance(value, dict):
        return {k: _with_text_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_text_dates(v) for v in value]
    if isinstance(value, datetime.datetime):
        return format_time(value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class Store:
    def __init__(self, seed, clock, initial_state=None, state_file=None):
        self.lock = threading.RLock()  # held by every handler and by every change of the whole state
        self.clock = clock
        self.state_file = Path(state_file) if state_file else None
        self._seed = copy.deepcopy(seed)
        self.state = normalize_state(copy.deepcopy(initial_state or seed), clock.now())
        self._changes = 0
        self._saved_changes = 0

    @property
    def progression(self):
        """Settings for ``lifecycle.refresh`` (seed keys ``progression`` and ``auto_accept_peers``)."""
        return {**self.state["progression"], "auto_accept_peers": self.state["auto_accept_peers"]}

    def mark_changed(self):
        self._changes += 1

    def replace(self, new_state):
        with self.lock:
            self.state = normalize_state(copy.deepcopy(new_state), self.clock.now())
            self.mark_changed()

    def reset(self):
        self.replace(self._seed)

    def snapshot(self):
        with self.lock:
            return copy.deepcopy(self.state)

    def save_if_changed(self):
        """Write the state file (atomically) when the state changed since the last write."""
        if not self.state_file:
            return
        with self.lock:
            if self._changes == self._saved_changes:
                return
            text = json.dumps(self.state, indent=2, sort_keys=True)
            changes = self._changes
        temporary = self.state_file.with_name(self.state_file.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, self.state_file)
        with self.lock:
            self._saved_changes = max(self._saved_changes, changes)
