# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Real Atlas answers recorded by MongoDB's Terraform provider, for the tests that replay them.

The recordings are not part of this repository (they are not ours to redistribute). The tests that use
them run when the folder ATLAS_REAL_ATLAS_RESPONSES names holds them, or, on the project's own
machines, a `shared/real-atlas-responses` folder beside the repository; they are skipped otherwise.
Tests run from a temporary collection copy, so the repository is found through ATLAS_REPO_ROOT (set by
scripts/in-collection-tree).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(os.environ.get("ATLAS_REPO_ROOT") or Path(__file__).resolve().parents[2])
REAL_ATLAS_RESPONSES = Path(os.environ.get("ATLAS_REAL_ATLAS_RESPONSES") or REPO_ROOT.parent / "shared" / "real-atlas-responses")

needs_recordings = pytest.mark.skipif(
    not REAL_ATLAS_RESPONSES.is_dir(),
    reason="no recorded real Atlas answers at %s (not part of the repository; set ATLAS_REAL_ATLAS_RESPONSES to a folder of them)"
    % REAL_ATLAS_RESPONSES,
)


def recording(name):
    """The JSON body of one recorded answer, by file name."""
    return json.loads((REAL_ATLAS_RESPONSES / name).read_text())
