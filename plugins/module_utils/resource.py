# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The read -> compare -> act skeleton every managing module is built on.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

A module reads the current resource (None when absent), states the fields the task sets in Atlas'
names, and hands both to ensure_present or ensure_absent, which own check mode (no write is sent;
the predicted result is returned) and the decision whether anything changes:

    with module.api_errors("update peering %s" % peer_id):
        before = find_peer(module.client, ...)
        changed, after = ensure_present(
            module, before, desired,
            create=lambda: client.post(PEERS, body=desired, groupId=project_id),
            update=lambda current: client.patch(PEER, body=..., groupId=project_id, peerId=current["id"]),
        )
    exit_resource(module, "peer", changed, before, after)

The pure helpers (differs, merged, plan_set) have no side effects and are tested table by table.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json


def _canonical(value):
    """A sort key that orders any JSON value, so that lists can be compared as sets."""
    return json.dumps(value, sort_keys=True, default=str)


def differs(current, desired, unordered=()):
    """Whether current differs from desired in anything desired sets.

    Only what the task sets is compared: keys of desired whose value is None are unmanaged, and keys
    that current has but desired does not are ignored, at every depth. Lists are compared item by
    item, in order, except lists under a key named in unordered, which Atlas treats as sets.
    """
    if isinstance(desired, dict):
        if not isinstance(current, dict):
            return True
        return any(
            differs(current.get(key), value, unordered) if key not in unordered else _differs_as_set(current.get(key), value)
            for key, value in desired.items()
            if value is not None
        )
    if isinstance(desired, list):
        if not isinstance(current, list) or len(current) != len(desired):
            return True
        return any(differs(have, want, unordered) for have, want in zip(current, desired))
    return current != desired


def _differs_as_set(current, desired):
    if not isinstance(desired, list):
        return differs(current, desired)
    if not isinstance(current, list):
        return True
    return sorted(_canonical(item) for item in current) != sorted(_canonical(item) for item in desired)


def merged(current, desired):
    """current with desired laid over it (dicts merged key by key, None values skipped, lists replaced).

    The predicted resource after an update in check mode. Neither argument is changed.
    """
    if not isinstance(desired, dict) or not isinstance(current, dict):
        return current if desired is None else desired
    result = dict(current)
    for key, value in desired.items():
        if value is not None:
            result[key] = merged(current.get(key), value)
    return result


def plan_set(current, wanted, purge=False, present=True):
    """The changes that turn the set current into what the task asks for: (add, remove), both sorted.

    present=True: add what is wanted and missing; with purge, also remove what is not wanted.
    present=False: remove what is wanted and there (the wanted items must go); add nothing.
    Items must be hashable (addresses, role names, normalised entries).
    """
    current, wanted = set(current), set(wanted)
    if not present:
        return [], sorted(current & wanted)
    return sorted(wanted - current), sorted(current - wanted) if purge else []


def ensure_present(module, before, desired, create, update=None, compare=differs):
    """Make the resource match desired; return (changed, after).

    before: the current resource in Atlas' fields, or None when it does not exist.
    desired: the fields the task sets, in Atlas' names (None values are unmanaged).
    create(): sends the create and returns the resource as Atlas answered it.
    update(before): sends the update and returns the resource as Atlas answered it. Without it, a
    resource that exists is never changed.
    compare(before, desired) says whether an update is needed (default: differs).
    In check mode neither is called and after is the prediction: desired laid over before.
    """
    if before is None:
        if module.check_mode:
            return True, merged({}, desired)
        return True, create()
    if update is None or not compare(before, desired):
        return False, before
    if module.check_mode:
        return True, merged(before, desired)
    return True, update(before)


def ensure_absent(module, before, delete):
    """Remove the resource if it exists; return (changed, after), after being None.

    delete(before) sends the delete; in check mode it is not called.
    """
    if before is None:
        return False, None
    if not module.check_mode:
        delete(before)
    return True, None


def diff_result(module, before, after):
    """{"diff": {"before": ..., "after": ...}} when the task runs with --diff (or diff: true), else {}.

    An absent resource (None) is shown as {}: Ansible would print None as the text "null".
    """
    if not module._diff:
        return {}
    return {"diff": {"before": {} if before is None else before, "after": {} if after is None else after}}


def exit_resource(module, key, changed, before, after, **extra):
    """End the task: changed, the resource after the task under `key`, and the diff when asked for."""
    result = dict(extra)
    result[key] = after
    result.update(diff_result(module, before, after))
    module.exit_json(changed=changed, **result)
