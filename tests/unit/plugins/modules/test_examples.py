# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The modules' EXAMPLES: valid YAML, fully qualified names, and no literal time that will pass."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
import yaml

from ansible_collections.atlas_ops.admin.plugins import modules

MODULE_NAMES = sorted(info.name for info in pkgutil.iter_modules(modules.__path__))
# A written date and time such as 2026-12-01T18:00:00Z: in an example, it is in the past for a later reader.
LITERAL_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# Task keywords an example may use; any other key is a module or action, which must be an FQCN.
TASK_KEYWORDS = (
    "name", "register", "when", "loop", "loop_control", "vars", "no_log", "check_mode", "diff", "delegate_to",
    "module_defaults", "until", "retries", "delay", "changed_when", "failed_when", "environment", "tags",
)


def strings(value):
    """Every string in an example task, except inside an online archive query (a fixed cut-off date there is data)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "query":
                yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def test_every_module_is_checked():
    assert len(MODULE_NAMES) >= 11


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_examples_are_playbooks_with_fqcns_and_no_literal_time(name):
    examples = yaml.safe_load(importlib.import_module(modules.__name__ + "." + name).EXAMPLES)

    tasks = [task for play in examples for task in play.get("tasks", [])]
    assert any("atlas_ops.admin." + name in task for task in tasks), "no example task uses atlas_ops.admin.%s" % name
    for task in tasks:
        for key in task:
            assert "." in key or key in TASK_KEYWORDS, key
        for text in strings(task):
            # A time built from now() when the play runs ("{{ ... }}") is fine; a written one expires.
            assert not (LITERAL_TIME.search(text) and "{{" not in text), "%s: literal time %r in EXAMPLES" % (name, text)
