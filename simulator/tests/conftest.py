"""Fixtures for the simulator's contract tests: a fresh simulator per test, reached over real HTTP.

Every simulator started here checks its own answers against the spec (``validate_responses``); a
test fails when any answer broke it, whatever the test itself asserted.
"""

import pytest

from sim_helpers import AtlasClient, Control, start_simulator


@pytest.fixture
def sim():
    server = start_simulator()
    yield server
    server.stop()
    assert server.app.response_violations == [], "the simulator answered outside the spec"


@pytest.fixture
def atlas(sim):
    return AtlasClient(sim.url)


@pytest.fixture
def control(sim):
    return Control(sim.url)
