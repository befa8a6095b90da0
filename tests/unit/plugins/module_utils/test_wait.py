# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.atlas_ops.admin.plugins.module_utils.errors import AtlasApiError
from ansible_collections.atlas_ops.admin.plugins.module_utils.wait import WaitFailed, WaitTimeout, wait_until


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
