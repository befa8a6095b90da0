# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the unit tests need from ansible-core that differs between the versions the collection supports.

`make compat` runs the unit tests on every ansible-core version meta/runtime.yml claims; ansible-core
2.19 added `ansible.module_utils.testing.patch_module_args`, older versions read the arguments a test
gives a module from `basic._ANSIBLE_ARGS`.
"""

from __future__ import annotations

import contextlib
import json

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core 2.16 - 2.18

    @contextlib.contextmanager
    def patch_module_args(args=None):
        from ansible.module_utils import basic
        from ansible.module_utils.common.text.converters import to_bytes

        previous = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args or {}}))
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = previous


__all__ = ["patch_module_args"]
