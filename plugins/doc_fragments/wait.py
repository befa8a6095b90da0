# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The wait option group of module_utils/wait.py.

    DOCUMENTATION = r"""
options:
  wait_timeout:
    description:
      - How many seconds to wait, at most, for the resource to reach the state the task waits for.
      - When not set, V(1200). V(0) reads the state once.
      - When the time is up the task fails with the state Atlas reported last; nothing is undone.
      - Ignored, with a warning, when the task does not wait.
    type: int
  wait_interval:
    description:
      - Seconds between two reads while waiting. When not set, V(10).
      - Ignored, with a warning, when the task does not wait.
    type: int
"""
