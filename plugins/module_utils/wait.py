# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Polling a resource until it reaches the state a task waits for.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

Atlas changes clusters, peering connections and cloud provider roles asynchronously: a module
that must wait reads the resource again and again until it is done, has failed, or time is up.

    cluster = wait_until(
        read=lambda: client.get_if_exists(CLUSTER, groupId=project_id, clusterName=name),
        is_done=lambda cluster: cluster is not None and cluster.get("stateName") == "IDLE",
        failure=lambda cluster: "the cluster does not exist" if cluster is None else None,
        timeout=600,
        interval=10,
    )

The clock and sleep are parameters so that tests run without waiting.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time


class WaitTimeout(Exception):
    """The resource was not done when the time ran out. last is the value read last."""

    def __init__(self, last, timeout):
        self.last = last
        self.timeout = timeout
        super(WaitTimeout, self).__init__("not done after %s seconds" % timeout)


class WaitFailed(Exception):
    """The resource reached a state from which it will not become done. last is that value."""

    def __init__(self, last, reason):
        self.last = last
        self.reason = reason
        super(WaitFailed, self).__init__(reason)


def wait_until(read, is_done, timeout, interval, failure=None, clock=time.monotonic, sleep=time.sleep):
    """Call read() until is_done(value) is true and return that value.

    read() is called at once and then every interval seconds; the last read happens no later than
    timeout seconds after the first (timeout 0 reads exactly once). failure(value), when given,
    returns a reason (a string) to stop early, or None to keep waiting.
    Raises WaitTimeout or WaitFailed, both carrying the value read last; errors raised by read()
    (an AtlasApiError, for example) pass through unchanged.
    """
    deadline = clock() + timeout
    while True:
        value = read()
        if is_done(value):
            return value
        reason = failure(value) if failure is not None else None
        if reason:
            raise WaitFailed(value, reason)
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeout(value, timeout)
        # Never sleep past the deadline, so that the final read still happens within the timeout.
        sleep(min(interval, remaining))
