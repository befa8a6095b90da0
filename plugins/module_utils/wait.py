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

from .validation import AtlasInputError

# The wait option group (documented in the atlas_ops.admin.wait doc fragment). The argspec has no
# defaults so that a module can tell an option the task set from one it left alone (and warn when a
# set option has no effect); these are the documented defaults.
WAIT_TIMEOUT_DEFAULT = 1200
WAIT_INTERVAL_DEFAULT = 10


def wait_options(wait_default=None):
    """wait_timeout and wait_interval; and wait (a bool with that default) unless wait_default is None."""
    options = dict(wait_timeout=dict(type="int"), wait_interval=dict(type="int"))
    if wait_default is not None:
        options["wait"] = dict(type="bool", default=wait_default)
    return options


class WaitSettings:
    """The checked wait options of a task: timeout and interval in seconds."""

    def __init__(self, timeout, interval):
        self.timeout = timeout
        self.interval = interval


def wait_settings(params):
    """Check wait_timeout and wait_interval and fill in their defaults; raise AtlasInputError naming the option."""
    timeout = WAIT_TIMEOUT_DEFAULT if params.get("wait_timeout") is None else params["wait_timeout"]
    interval = WAIT_INTERVAL_DEFAULT if params.get("wait_interval") is None else params["wait_interval"]
    if timeout < 0:
        raise AtlasInputError("wait_timeout must be a number of seconds of 0 or more, got %r" % timeout)
    if interval <= 0:
        raise AtlasInputError("wait_interval must be a number of seconds greater than 0, got %r" % interval)
    return WaitSettings(timeout, interval)


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


def wait_for(module, read, is_done, what, goal, describe, failure=None, failed_result=None, hint=None):
    """wait_until with the task's wait options; a timeout or a failed state fails the task clearly.

    what names the resource ("cluster Cluster0 in project 65ab..."), goal the awaited state
    ("state IDLE"), describe(value) the state seen last ("UPDATING"). On failure, failed_result(last)
    gives the result fields that carry the value read last, and hint (a sentence) says what to do.
    Returns the value that is done.
    """
    settings = wait_settings(module.params)
    try:
        return wait_until(read, is_done, settings.timeout, settings.interval, failure=failure)
    except WaitFailed as exc:
        msg = "Cannot wait for %s to reach %s: %s." % (what, goal, exc.reason)
        last = exc.last
    except WaitTimeout as exc:
        msg = "%s%s did not reach %s within %s seconds; its state is %s." % (what[:1].upper(), what[1:], goal, exc.timeout, describe(exc.last))
        last = exc.last
    if hint:
        msg += " " + hint
    module.fail_json(msg=msg, **(failed_result(last) if failed_result else {}))
