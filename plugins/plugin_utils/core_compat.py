# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every ansible-core internal that running a module inside the controller needs, in one file.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

plugins/plugin_utils/in_process.py decides where a task runs and runs it; this file is the only
place that knows how ansible-core builds a module's arguments, reads its printed result and holds
its warnings, and how those differ between the ansible-core versions that meta/runtime.yml's
requires_ansible claims (2.16 to 2.21). tests/unit/plugins/plugin_utils/test_in_process.py
and tests/unit/reliability/test_reliability_in_process.py exercise all of it: run them on each version.

What it relies on, and why each is safe to rely on:

- AnsibleModule._load_params and AnsibleModule._return_formatted: the seams ansible.netcommon has
  used for in-worker module execution since ansible 2.9, kept by ansible-core for it (2.19 names
  that use in AnsibleModule._record_module_result). The module's own AnsibleModule code does
  everything else (argument validation, no_log, check mode, invocation, masking) unchanged.
- ActionBase._update_module_args, ActionBase._compute_environment_string(raw_environment_out=)
  and ActionBase._parse_returned_data (with the cleaning of internal keys that follows it: a function
  up to 2.20, a method of the task result object _parse_returned_data returns from 2.21): what
  ActionBase._execute_module itself calls, so the arguments a module gets and the result read from
  its output are the ones of a module process.
- ansible.config.manager: plugin option definitions (env, ini, vars), as every configurable plugin
  declares them, for the opt-out setting.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import copy
import io
import json
import traceback

from ansible import constants as C
from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings
from ansible.module_utils.common.parameters import remove_values

try:  # ansible-core 2.16 to 2.20: results are dicts, cleaned by this function
    from ansible.vars.clean import remove_internal_keys
except ImportError:  # ansible-core 2.21 and later: results are task result objects that clean themselves
    remove_internal_keys = None

try:  # ansible-core 2.19 and later: module arguments and results travel in a serialization profile
    from ansible.module_utils.common.json import Direction, get_module_decoder, get_module_encoder
except ImportError:  # ansible-core 2.16 to 2.18: plain JSON, the controller's encoder for arguments
    Direction = get_module_decoder = get_module_encoder = None
    from ansible.parsing.ajson import AnsibleJSONEncoder
else:
    AnsibleJSONEncoder = None

# The serialization profile of a module that declares none (ours declare none).
MODULE_PROFILE = "legacy"

# The opt-out, declared as plugin options are, so that ansible-core reads the environment, the
# ansible.cfg of the run and the variables with its own precedence and boolean parsing.
IN_PROCESS_CONFIG_NAME = "atlas_ops.admin.in_process"
IN_PROCESS_OPTION = "in_process"
IN_PROCESS_ENV = "ATLAS_OPS_IN_PROCESS"
IN_PROCESS_INI = ("atlas_ops_admin", "in_process")
IN_PROCESS_VAR = "atlas_ops_in_process"
IN_PROCESS_DEFINITIONS = {
    IN_PROCESS_OPTION: {
        "description": [
            "Run the atlas_ops.admin modules inside the controller's worker process when the task runs on the controller.",
            "Set to false to run every task as an ordinary module process.",
        ],
        "type": "boolean",
        "default": True,
        "env": [{"name": IN_PROCESS_ENV}],
        "ini": [{"section": IN_PROCESS_INI[0], "key": IN_PROCESS_INI[1]}],
        "vars": [{"name": IN_PROCESS_VAR}],
    }
}


def in_process_enabled(task_vars):
    """The opt-out setting: variable atlas_ops_in_process, else ATLAS_OPS_IN_PROCESS, else ansible.cfg
    [atlas_ops_admin] in_process, else true; read as ansible-core reads its boolean settings."""
    if not C.config.has_configuration_definition("action", IN_PROCESS_CONFIG_NAME):
        C.config.initialize_plugin_configuration_definitions("action", IN_PROCESS_CONFIG_NAME, copy.deepcopy(IN_PROCESS_DEFINITIONS))
    return C.config.get_config_value(IN_PROCESS_OPTION, plugin_type="action", plugin_name=IN_PROCESS_CONFIG_NAME, variables=task_vars)


def task_environment(action):
    """The task's `environment:` keyword, templated, as ActionBase gives it to a module process."""
    environment = {}
    action._compute_environment_string(raw_environment_out=environment)
    # The shell puts each value into the module's environment as text (shlex.quote(str(value))).
    return dict((str(name), str(value)) for name, value in environment.items())


def module_arguments(action, module_name, task_vars):
    """The module's arguments as a module process gets them: the task's (module_defaults applied),
    the _ansible_* settings (check mode, diff, no_log, verbosity, ...), through the same JSON."""
    arguments = dict(action._task.args)
    action._update_module_args(module_name, arguments, task_vars)
    if get_module_encoder is not None:
        text = json.dumps(arguments, cls=get_module_encoder(MODULE_PROFILE, Direction.CONTROLLER_TO_MODULE))
        return json.loads(text, cls=get_module_decoder(MODULE_PROFILE, Direction.CONTROLLER_TO_MODULE))
    return json.loads(json.dumps(arguments, cls=AnsibleJSONEncoder, vault_to_text=True))


class ModuleExited(BaseException):
    """exit_json or fail_json ended the module: carries what a module process would have printed.

    A BaseException, as SystemExit is, so that no `except Exception` in module code catches it.
    """

    def __init__(self, output):
        super().__init__("module exited")
        self.output = output


def in_process_module_class(kit_class, arguments, run):
    """A subclass of the kit's module class that takes its arguments from memory and raises
    ModuleExited with its printed result instead of printing it and exiting.

    run.module is set to the module object as soon as it exists (for masking a crash's message).
    """

    class InProcessModule(kit_class):
        def _load_params(self):
            # AnsibleModule changes its params; every module object gets its own copy.
            self.params = copy.deepcopy(arguments)
            if hasattr(basic, "_PARSED_MODULE_ARGS"):
                # ansible-core 2.21 and later: _return_formatted reads the arguments basic._load_params
                # kept (module_globals restores the global afterwards).
                basic._PARSED_MODULE_ARGS = copy.deepcopy(arguments)
            run.module = self

        def _return_formatted(self, kwargs):
            output = io.StringIO()
            with contextlib.redirect_stdout(output):
                super()._return_formatted(kwargs)
            raise ModuleExited(output.getvalue())

    InProcessModule.__name__ = InProcessModule.__qualname__ = "InProcess" + kit_class.__name__
    return InProcessModule


@contextlib.contextmanager
def module_globals():
    """The process-wide state AnsibleModule keeps, as a fresh module process has it: no warnings or
    deprecations of an earlier task (a loop runs its items in one worker), the profile to print in
    (2.19 and later), the parsed arguments (2.21 and later; set by the module's _load_params); each
    global as it was afterwards."""
    for pending in (module_warnings._global_warnings, module_warnings._global_deprecations):
        pending.clear()
    saved = dict((name, getattr(basic, name)) for name in ("_ANSIBLE_PROFILE", "_PARSED_MODULE_ARGS") if hasattr(basic, name))
    if "_ANSIBLE_PROFILE" in saved:
        basic._ANSIBLE_PROFILE = MODULE_PROFILE
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(basic, name, value)
        for pending in (module_warnings._global_warnings, module_warnings._global_deprecations):
            pending.clear()


def crash_output(exception, module_name, no_log_values):
    """What a module prints when it fails with an exception: msg names the error, exception holds the
    traceback (shown with -vvv, as a module crash's is), secrets masked."""
    msg = "Unexpected error in %s (run in the controller): %s: %s" % (module_name, type(exception).__name__, exception)
    formatted = "".join(traceback.format_exception(type(exception), exception, exception.__traceback__))
    result = dict(failed=True, msg=msg, exception=formatted)
    return json.dumps(remove_values(result, no_log_values or set()))


def parse_module_output(action, output):
    """The result ActionBase._execute_module makes of a module's printed output."""
    response = dict(stdout=output, stderr="", rc=0)
    if get_module_decoder is not None:
        data = action._parse_returned_data(response, MODULE_PROFILE)
    else:
        data = action._parse_returned_data(response)
    if remove_internal_keys is not None:
        remove_internal_keys(data)
        return data
    # 2.21: _parse_returned_data gives a task result object; _execute_module cleans it and returns it
    # as a dict this way.
    data.remove_internal_keys()
    return data.as_result_dict(for_round_trip=True)
