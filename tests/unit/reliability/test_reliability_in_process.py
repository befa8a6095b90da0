# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The reliability matrix (test_reliability_matrix.py) through the action plugins: the modules run
inside the controller, as they do for a task on localhost (plugins/plugin_utils/in_process.py).

The matrix itself runs main() as a module process would. Here the same checks run through each
module's action plugin: every scenario under two faults (a lost answer to a request that was
handled, and a 503), the shared bad inputs, wrong credentials, check mode and the token cache. The
expected outcome of each cell (changed, end state) is the module process's clean run, so a cell
passes only when both ways agree. The counts are reported as "in process ..." in the summary.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.atlas_ops.admin.tests.unit.reliability import test_reliability_matrix as matrix
from ansible_collections.atlas_ops.admin.tests.unit.reliability.test_reliability_matrix import no_backoff  # noqa: F401 pylint: disable=unused-import

FAULTS = ["dropped-after-handling", "503"]


@pytest.fixture
def run_module(run_in_process):
    """The matrix's run_module, through the module's action plugin."""
    return run_in_process


@pytest.fixture
def record_in_process(record_property):
    return lambda name, value: record_property(name.replace("matrix_", "matrix_in_process_", 1), value)


@pytest.mark.parametrize("fault_name", FAULTS)
@pytest.mark.parametrize("scenario_name", list(matrix.SCENARIOS))
def test_every_request_kind_under_the_fault(sim, run_module, fake_clock, no_backoff, monkeypatch, record_in_process, scenario_name, fault_name):  # noqa: F811
    matrix.test_every_request_kind_under_the_fault(sim, run_module, fake_clock, no_backoff, monkeypatch, record_in_process, scenario_name, fault_name)


@matrix.every_module
def test_bad_shared_input_fails_naming_the_option_before_any_request(sim, run_module, record_in_process, module_name):
    matrix.test_bad_shared_input_fails_naming_the_option_before_any_request(sim, run_module, record_in_process, module_name)


@matrix.every_module
def test_wrong_credentials_fail_with_401_guidance_present_and_absent(sim, run_module, record_in_process, module_name):
    matrix.test_wrong_credentials_fail_with_401_guidance_present_and_absent(sim, run_module, record_in_process, module_name)


@pytest.mark.parametrize("scenario_name", list(matrix.SCENARIOS))
def test_check_mode_sends_no_write_and_predicts_the_change(sim, run_module, fake_clock, record_in_process, scenario_name):
    matrix.test_check_mode_sends_no_write_and_predicts_the_change(sim, run_module, fake_clock, record_in_process, scenario_name)


def test_the_token_cache_file_is_private(sim, run_module, tmp_path, record_in_process):
    matrix.test_the_token_cache_file_is_private(sim, run_module, tmp_path, record_in_process)
