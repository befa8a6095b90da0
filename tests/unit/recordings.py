# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Real Atlas answers recorded by MongoDB's Terraform provider (real-atlas-responses) and by the Atlas
CLI's end-to-end tests (real-atlas-cli).

The recordings are not part of this repository (they are not ours to redistribute). The tests that use
them run when the folder ATLAS_RECORDINGS_ROOT names holds them (real-atlas-responses/ and
real-atlas-cli/; ATLAS_REAL_ATLAS_RESPONSES may name the first on its own), or, on the project's own
machines, a `shared/` folder beside the repository that holds them; they are skipped otherwise.
Tests run from a temporary collection copy, so the repository is found through ATLAS_REPO_ROOT (set by
scripts/in-collection-tree).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(os.environ.get("ATLAS_REPO_ROOT") or Path(__file__).resolve().parents[2])
# ATLAS_RECORDINGS_ROOT names the folder that holds them when it is not beside the repository
# (ATLAS_REAL_ATLAS_RESPONSES, the older name, still names real-atlas-responses itself).
RECORDINGS_ROOT = Path(os.environ.get("ATLAS_RECORDINGS_ROOT") or REPO_ROOT.parent / "shared")
REAL_ATLAS_RESPONSES = Path(os.environ.get("ATLAS_REAL_ATLAS_RESPONSES") or RECORDINGS_ROOT / "real-atlas-responses")
# The Atlas CLI's recordings: operations/<METHOD>_<path>/NN.json, each with status, headers and body.
REAL_ATLAS_CLI = RECORDINGS_ROOT / "real-atlas-cli" / "operations"

needs_recordings = pytest.mark.skipif(
    not REAL_ATLAS_RESPONSES.is_dir(),
    reason="no recorded real Atlas answers at %s (not part of the repository; set ATLAS_REAL_ATLAS_RESPONSES to a folder of them)"
    % REAL_ATLAS_RESPONSES,
)


def recording(name):
    """The JSON body of one recorded answer, by file name."""
    return json.loads((REAL_ATLAS_RESPONSES / name).read_text())


needs_cli_recordings = pytest.mark.skipif(
    not REAL_ATLAS_CLI.is_dir(), reason="no Atlas CLI recordings of real Atlas at %s (real-atlas-cli)" % REAL_ATLAS_CLI
)


def cli_recordings(folder):
    """The Atlas CLI's recordings of one operation (its folder name), in file order; [] when absent."""
    if not REAL_ATLAS_CLI.is_dir():
        return []
    return [json.loads(path.read_text()) for path in sorted((REAL_ATLAS_CLI / folder).glob("*.json"))]
