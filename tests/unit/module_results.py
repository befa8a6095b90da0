# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading a module's result in unit tests."""

from __future__ import annotations


def warnings(result):
    """The warning texts of a result (ansible-core 2.19 returns each warning as a WarningSummary dict)."""
    return [warning["event"]["msg"] if isinstance(warning, dict) else warning for warning in result.get("warnings", [])]
