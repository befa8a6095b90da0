# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.atlas_ops.admin.plugins.module_utils.errors import AtlasApiError
from ansible_collections.atlas_ops.admin.plugins.module_utils import wait
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.plugins.module_utils.wait import WaitFailed, WaitTimeout, wait_settings, wait_until


class Poll:
    """A resource whose reads return the given values in turn, on a clock that moves only by sleeping."""

    def __init__(self, *values):
        self.values = list(values)
        self.now = 100.0
        self.reads_at = []
        self.sleeps = []

    def read(self):
        self.reads_at.append(self.now)
        value = self.values.pop(0)
        if isinstance(value, Exception):
            raise value
        return value

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def wait(self, **kwargs):
        kwargs.setdefault("is_done", lambda value: value == "IDLE")
        return wait_until(self.read, clock=self.clock, sleep=self.sleep, **kwargs)


def test_returns_at_once_when_the_first_read_is_done():
    poll = Poll("IDLE")

    assert poll.wait(timeout=60, interval=10) == "IDLE"
    assert poll.sleeps == []


def test_reads_every_interval_until_done():
    poll = Poll("CREATING", "UPDATING", "IDLE", "never read")

    assert poll.wait(timeout=60, interval=10) == "IDLE"
    assert poll.reads_at == [100, 110, 120]
    assert poll.values == ["never read"]


def test_times_out_with_the_last_value_and_a_last_read_at_the_deadline():
    poll = Poll(*["UPDATING"] * 3 + ["REPAIRING"])

    with pytest.raises(WaitTimeout) as raised:
        poll.wait(timeout=25, interval=10)

    assert poll.reads_at == [100, 110, 120, 125]
    assert (raised.value.last, raised.value.timeout) == ("REPAIRING", 25)


def test_timeout_zero_reads_once():
    poll = Poll("UPDATING")

    with pytest.raises(WaitTimeout):
        poll.wait(timeout=0, interval=10)

    assert poll.reads_at == [100]
    assert poll.sleeps == []


def test_failure_stops_waiting_with_its_reason():
    poll = Poll("PENDING", "FAILED", "never read")

    with pytest.raises(WaitFailed) as raised:
        poll.wait(timeout=60, interval=5, failure=lambda value: "it failed" if value == "FAILED" else None)

    assert (raised.value.last, raised.value.reason, str(raised.value)) == ("FAILED", "it failed", "it failed")
    assert poll.reads_at == [100, 105]


def test_done_wins_over_failure():
    poll = Poll("IDLE")

    assert poll.wait(timeout=60, interval=5, failure=lambda value: "always failing") == "IDLE"


def test_read_errors_pass_through():
    error = AtlasApiError("GET", "/api/atlas/v2/groups/x/clusters/y", status=500, error_code="UNEXPECTED_ERROR")
    poll = Poll("UPDATING", error)

    with pytest.raises(AtlasApiError) as raised:
        poll.wait(timeout=60, interval=10)

    assert raised.value is error


# -- the wait option group and wait_for ---------------------------------------------------------


class Failed(Exception):
    pass


class Module:
    def __init__(self, **params):
        self.params = params

    def fail_json(self, **result):
        raise Failed(result)


@pytest.fixture
def poll_clock(monkeypatch):
    """wait_for's wait_until on a Poll's clock."""
    poll = Poll()
    real = wait.wait_until
    monkeypatch.setattr(wait, "wait_until", lambda *a, **kw: real(*a, clock=poll.clock, sleep=poll.sleep, **kw))
    return poll


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, (1200, 10)),
        ({"wait_timeout": None, "wait_interval": None}, (1200, 10)),
        ({"wait_timeout": 0, "wait_interval": 1}, (0, 1)),
        ({"wait_timeout": 60, "wait_interval": 5}, (60, 5)),
    ],
)
def test_wait_settings_defaults(params, expected):
    settings = wait_settings(params)
    assert (settings.timeout, settings.interval) == expected


@pytest.mark.parametrize(
    "params, msg",
    [
        ({"wait_timeout": -1}, "wait_timeout must be a number of seconds of 0 or more, got -1"),
        ({"wait_interval": 0}, "wait_interval must be a number of seconds greater than 0, got 0"),
    ],
)
def test_wait_settings_name_the_option(params, msg):
    with pytest.raises(AtlasInputError) as raised:
        wait_settings(params)
    assert str(raised.value) == msg


def test_wait_for_timeout_fails_with_the_last_state_and_hint(poll_clock):
    poll_clock.values = ["PENDING", "PENDING", "PENDING"]
    module = Module(wait_timeout=20, wait_interval=10)

    with pytest.raises(Failed) as raised:
        wait.wait_for(
            module, poll_clock.read, lambda value: value == "ACTIVE", what="archive 1 of cluster c", goal="state ACTIVE",
            describe=str, failed_result=lambda last: {"online_archive": last}, hint="Check the date field.",
        )

    assert raised.value.args[0] == {
        "msg": "Archive 1 of cluster c did not reach state ACTIVE within 20 seconds; its state is PENDING. Check the date field.",
        "online_archive": "PENDING",
    }


def test_wait_for_failed_state_fails_at_once(poll_clock):
    poll_clock.values = ["ORPHANED", "never read"]
    module = Module()

    with pytest.raises(Failed) as raised:
        wait.wait_for(
            module, poll_clock.read, lambda value: value == "ACTIVE", what="archive 1", goal="state ACTIVE", describe=str,
            failure=lambda value: "it is ORPHANED" if value == "ORPHANED" else None,
        )

    assert raised.value.args[0] == {"msg": "Cannot wait for archive 1 to reach state ACTIVE: it is ORPHANED."}
    assert poll_clock.values == ["never read"]


def test_wait_for_returns_the_value_that_is_done(poll_clock):
    poll_clock.values = ["PENDING", "ACTIVE"]

    assert wait.wait_for(Module(wait_interval=3), poll_clock.read, lambda value: value == "ACTIVE", "x", "y", str) == "ACTIVE"
    assert poll_clock.sleeps == [3]
