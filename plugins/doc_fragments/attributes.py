# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Check mode and diff support, the same for every module of a kind.

    # Modules that change Atlas (module_utils/resource.py ensure_present / ensure_absent).
    DOCUMENTATION = r"""
attributes:
  check_mode:
    description: Reads from Atlas but sends no write; returns the result the task would have.
    support: full
  diff_mode:
    description: Returns the resource before and after the task (C(diff)) when run with C(--diff).
    support: full
"""

    # Modules that only read.
    INFO = r"""
attributes:
  check_mode:
    description: Can run in check mode; the module only reads, so the result is the same.
    support: full
  diff_mode:
    description: The module changes nothing, so there is nothing to show.
    support: none
"""
