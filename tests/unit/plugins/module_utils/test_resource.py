# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module kit's read -> compare -> act skeleton: pure helpers table by table, check mode and diff."""

from __future__ import annotations

import pytest

from ansible_collections.atlas_ops.admin.plugins.module_utils.resource import (
    diff_result,
    differs,
    ensure_absent,
    ensure_present,
    merged,
    plan_set,
)


class Module:
    """The two attributes of AnsibleModule that the skeleton reads."""

    def __init__(self, check_mode=False, diff=False):
        self.check_mode = check_mode
        self._diff = diff


@pytest.mark.parametrize(
    "current, desired, unordered, expected",
    [
        # Only what the task sets is compared.
        ({"a": 1, "b": 2}, {"a": 1}, (), False),
        ({"a": 1}, {"a": 2}, (), True),
        ({"a": 1}, {"a": None}, (), False),
        ({"a": 1}, {"b": 1}, (), True),
        ({}, {}, (), False),
        # At every depth.
        ({"x": {"a": 1, "b": 2}}, {"x": {"a": 1}}, (), False),
        ({"x": {"a": 1}}, {"x": {"a": 3}}, (), True),
        ({"x": None}, {"x": {"a": 1}}, (), True),
        # Lists in order, item by item, items compared on what the task sets.
        ({"l": [1, 2]}, {"l": [1, 2]}, (), False),
        ({"l": [1, 2]}, {"l": [2, 1]}, (), True),
        ({"l": [1, 2]}, {"l": [1]}, (), True),
        ({"l": [{"n": "a", "t": "x"}]}, {"l": [{"n": "a"}]}, (), False),
        # A list Atlas treats as a set: order does not matter, content does.
        ({"roles": ["B", "A"]}, {"roles": ["A", "B"]}, ("roles",), False),
        ({"roles": ["A"]}, {"roles": ["A", "B"]}, ("roles",), True),
        ({"roles": [{"k": 2}, {"k": 1}]}, {"roles": [{"k": 1}, {"k": 2}]}, ("roles",), False),
        ({"roles": None}, {"roles": []}, ("roles",), True),
        # Scalars of another type differ.
        ({"a": "1"}, {"a": 1}, (), True),
    ],
)
def test_differs(current, desired, unordered, expected):
    assert differs(current, desired, unordered) is expected


@pytest.mark.parametrize(
    "current, desired, expected",
    [
        ({"a": 1, "b": 2}, {"a": 3}, {"a": 3, "b": 2}),
        ({"a": 1}, {"a": None}, {"a": 1}),
        ({"x": {"a": 1, "b": 2}}, {"x": {"b": 3}}, {"x": {"a": 1, "b": 3}}),
        ({"l": [1, 2]}, {"l": [3]}, {"l": [3]}),
        ({}, {"a": {"b": 1}}, {"a": {"b": 1}}),
    ],
)
def test_merged_lays_desired_over_current_without_changing_either(current, desired, expected):
    current_copy, desired_copy = dict(current), dict(desired)

    assert merged(current, desired) == expected
    assert (current, desired) == (current_copy, desired_copy)


@pytest.mark.parametrize(
    "current, wanted, purge, present, expected",
    [
        (["a", "b"], ["b", "c"], False, True, (["c"], [])),
        (["a", "b"], ["b", "c"], True, True, (["c"], ["a"])),
        (["a", "b"], ["a", "b"], True, True, ([], [])),
        ([], [], True, True, ([], [])),
        (["c", "a", "b"], [], True, True, ([], ["a", "b", "c"])),
        (["a", "b"], ["b", "c"], False, False, ([], ["b"])),
        (["a", "b"], ["b", "c"], True, False, ([], ["b"])),
    ],
)
def test_plan_set(current, wanted, purge, present, expected):
    assert plan_set(current, wanted, purge=purge, present=present) == expected


class Recorder:
    def __init__(self, answer=None):
        self.calls = []
        self.answer = answer

    def create(self):
        self.calls.append(("create",))
        return self.answer

    def update(self, current):
        self.calls.append(("update", current))
        return self.answer

    def delete(self, current):
        self.calls.append(("delete", current))


@pytest.mark.parametrize("check_mode", [False, True])
def test_ensure_present_creates_what_is_missing(check_mode):
    recorder = Recorder(answer={"id": "1", "name": "a"})

    changed, after = ensure_present(Module(check_mode), None, {"name": "a"}, recorder.create, recorder.update)

    assert changed is True
    if check_mode:
        assert (recorder.calls, after) == ([], {"name": "a"})
    else:
        assert (recorder.calls, after) == ([("create",)], {"id": "1", "name": "a"})


@pytest.mark.parametrize("check_mode", [False, True])
def test_ensure_present_updates_what_differs(check_mode):
    before = {"id": "1", "days": 7, "paused": False}
    recorder = Recorder(answer={"id": "1", "days": 9, "paused": False})

    changed, after = ensure_present(Module(check_mode), before, {"days": 9}, recorder.create, recorder.update)

    assert changed is True
    assert after == {"id": "1", "days": 9, "paused": False}
    assert recorder.calls == ([] if check_mode else [("update", before)])


def test_ensure_present_leaves_a_matching_resource_alone():
    before = {"id": "1", "days": 7}
    recorder = Recorder()

    assert ensure_present(Module(), before, {"days": 7}, recorder.create, recorder.update) == (False, before)
    assert recorder.calls == []


def test_ensure_present_without_update_never_changes_an_existing_resource():
    before = {"id": "1", "days": 7}
    recorder = Recorder()

    assert ensure_present(Module(), before, {"days": 9}, recorder.create) == (False, before)
    assert recorder.calls == []


def test_ensure_present_uses_the_given_comparison():
    recorder = Recorder(answer={"v": 2})

    changed, after = ensure_present(Module(), {"v": 1}, {"v": 1}, recorder.create, recorder.update, compare=lambda current, desired: True)

    assert (changed, after) == (True, {"v": 2})
    assert recorder.calls == [("update", {"v": 1})]


@pytest.mark.parametrize("check_mode", [False, True])
def test_ensure_absent(check_mode):
    recorder = Recorder()

    assert ensure_absent(Module(check_mode), {"id": "1"}, recorder.delete) == (True, None)
    assert recorder.calls == ([] if check_mode else [("delete", {"id": "1"})])
    assert ensure_absent(Module(check_mode), None, recorder.delete) == (False, None)


def test_diff_result_only_with_diff_mode_and_absent_shown_as_empty():
    assert diff_result(Module(diff=False), None, {"a": 1}) == {}
    assert diff_result(Module(diff=True), None, {"a": 1}) == {"diff": {"before": {}, "after": {"a": 1}}}
    assert diff_result(Module(diff=True), {"a": 1}, None) == {"diff": {"before": {"a": 1}, "after": {}}}
