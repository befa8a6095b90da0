# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fixtures for running the modules' real main() against a fake Atlas.

`atlas` is the stateful fake of fake_cluster_atlas.py on a local HTTP server (pytest-httpserver); tests assert
on its recorded requests. `run_module` runs a module's main() with arguments, check mode and diff mode,
and returns the result the module printed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.atlas_ops.admin.tests.unit.plugins.modules.fake_cluster_atlas import FakeClusterAtlas


@pytest.fixture
def atlas(httpserver):
    return FakeClusterAtlas(httpserver)


@pytest.fixture
def run_module(capfd):
    """run_module(main, args, check_mode=False, diff=False) -> the module's result as a dict.

    main() must end the way Ansible expects (exit_json or fail_json, both SystemExit); the exit code
    must agree with the result's `failed`.
    """

    def run(main, args, check_mode=False, diff=False):
        module_args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
        with patch_module_args(module_args):
            with pytest.raises(SystemExit) as exit_info:
                main()
        result = json.loads(capfd.readouterr().out)
        assert exit_info.value.code == (1 if result.get("failed") else 0)
        return result

    return run
