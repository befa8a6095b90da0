# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ansible-core version matrix (`make compat`) matches what the collection claims and covers every module."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
MATRIX = ROOT / "tests" / "compat" / "matrix.txt"
EVERY_MODULE_TARGET = ROOT / "tests" / "integration" / "targets" / "compat_every_module" / "tasks" / "main.yml"


def matrix_versions():
    """[(ansible-core minor as a tuple, Python version)] of tests/compat/matrix.txt."""
    entries = []
    for line in MATRIX.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            match = re.match(r"^ansible-core==(\d+)\.(\d+)\.(\d+)@(\d+\.\d+)$", line.strip())
            assert match, "not ansible-core==X.Y.Z@PYTHON: %r" % line
            entries.append(((int(match.group(1)), int(match.group(2))), match.group(4)))
    return entries


def test_requires_ansible_claims_exactly_the_minor_versions_the_matrix_runs():
    minors = [minor for minor, python in matrix_versions()]
    assert minors == sorted(minors) and len(set(minors)) == len(minors)
    # One entry per minor version, without gaps: every version between the first and the last is tested.
    assert [minor[1] for minor in minors] == list(range(minors[0][1], minors[-1][1] + 1))
    runtime = yaml.safe_load((ROOT / "meta" / "runtime.yml").read_text())
    assert runtime["requires_ansible"] == ">=%d.%d.0,<%d.%d.0" % (minors[0] + (minors[-1][0], minors[-1][1] + 1))


def test_the_readme_support_table_lists_the_matrix():
    readme = (ROOT / "README.md").read_text()
    for (major, minor), python in matrix_versions():
        assert re.search(r"^\| %d\.%d \| [^|]*%s" % (major, minor, re.escape(python)), readme, re.M), (major, minor, python)


def test_every_module_runs_in_the_compat_target():
    used = set(re.findall(r"atlas_ops\.admin\.(atlas_\w+):", EVERY_MODULE_TARGET.read_text()))
    modules = set(path.stem for path in (ROOT / "plugins" / "modules").glob("atlas_*.py"))
    assert modules - used == set(), "modules missing from tests/integration/targets/compat_every_module"
