# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Running a module through its action plugin, as ansible-core's TaskExecutor does.

run_action(action_class, args, ...) builds the task, a local connection and the play context that a
worker has, runs the action plugin's run() and returns its result with the warnings and
deprecations where a registered result has them. Module tests use it through the `run_in_process`
fixture (tests/unit/conftest.py), whose arguments are run_module's.
"""

from __future__ import annotations

import importlib
import json

from ansible.executor.task_executor import TaskExecutor
from ansible.parsing.dataloader import DataLoader
from ansible.playbook.play_context import PlayContext
from ansible.playbook.task import Task
from ansible.plugins.action.normal import ActionModule as NormalAction
from ansible.plugins.loader import connection_loader
from ansible.template import Templar

from ansible_collections.atlas_ops.admin.plugins.plugin_utils import core_compat

try:  # ansible-core 2.19 and later: True in the controller (module_utils' warnings then go to its display)
    from ansible.module_utils import _internal as module_internals
except ImportError:
    module_internals = None

try:  # ansible-core 2.19 and later: a task's warnings are collected by the context TaskExecutor opens
    from ansible._internal._display_utils import DeferredWarningContext
except ImportError:  # ansible-core 2.16 to 2.18: they travel in the result
    DeferredWarningContext = None

try:  # ansible-core 2.21 and later: TaskExecutor reads an action's result into this object
    from ansible._internal._task import UnifiedTaskResult
except ImportError:
    UnifiedTaskResult = None

COLLECTION = "atlas_ops.admin"
PACKAGE = "ansible_collections.atlas_ops.admin.plugins"


def action_class_of(module_name):
    """The ActionModule class of plugins/action/<module_name>.py."""
    return importlib.import_module("%s.action.%s" % (PACKAGE, module_name)).ActionModule


def module_name_of(main):
    """atlas_x for the main() of plugins/modules/atlas_x.py."""
    return main.__module__.rsplit(".", 1)[-1]


def make_task(module_name, args, check_mode=False, diff=False, environment=None, async_val=0, no_log=False):
    task = Task()
    task.action = "%s.%s" % (COLLECTION, module_name)
    task.args = dict(args)
    task.check_mode = check_mode
    task.diff = diff
    task.async_val = async_val
    task.poll = 15 if async_val else 0
    task.environment = [environment] if environment else []
    task.no_log = no_log
    return task


def make_action(action_class, task, transport="local", become=False):
    play_context = PlayContext()
    play_context.become = become
    connection = connection_loader.get("local", play_context)
    if transport != "local":
        connection.transport = transport
    loader = DataLoader()
    return action_class(task, connection, play_context, loader, Templar(loader=loader), shared_loader_obj=None)


def run_action(action_class, task, task_vars=None, **connection):
    """action_class(...).run() for the task, with the result's warnings and deprecations as TaskExecutor leaves them."""
    action = make_action(action_class, task, **connection)
    if DeferredWarningContext is None:
        return action.run(task_vars=dict(task_vars or {}))
    saved, module_internals.is_controller = module_internals.is_controller, True
    try:
        return _run_with_deferred_warnings(action, task_vars)
    finally:
        module_internals.is_controller = saved


def _run_with_deferred_warnings(action, task_vars):
    with DeferredWarningContext(variables={}) as warning_ctx:
        result = action.run(task_vars=dict(task_vars or {}))
        if UnifiedTaskResult is None:  # 2.19 and 2.20
            TaskExecutor._apply_task_result_compat(result, warning_ctx)
        else:  # 2.21 and later: the task result object captures them as it reads the action's result
            UnifiedTaskResult.from_action_result_dict(result)
    result.pop("warnings", None)
    result.pop("deprecations", None)
    if warning_ctx.get_warnings():
        result["warnings"] = warning_ctx.get_warnings()
    if warning_ctx.get_deprecation_warnings():
        result["deprecations"] = warning_ctx.get_deprecation_warnings()
    return result


def asking_for_invocation(args):
    """A module's arguments as a module process gets them when the task result is to hold
    `invocation`: always before ansible-core 2.21, from 2.21 only when the inject_invocation setting
    (variable ansible_inject_invocation, INVOCATION_VARS) asks for it."""
    if UnifiedTaskResult is None:
        return dict(args)
    return dict(args, _ansible_inject_invocation=True)


# The task variables that ask for `invocation` in the result (ansible-core 2.21 and later).
INVOCATION_VARS = {"ansible_inject_invocation": True}


def run_module_in_process(main, args, check_mode=False, diff=False, environment=None, task_vars=None):
    """run_module's twin: main()'s module through its action plugin, in this process (its result
    through without_captured_error, so that run_module's assertions hold for it too)."""
    name = module_name_of(main)
    task = make_task(name, args, check_mode=check_mode, diff=diff, environment=environment)
    return without_captured_error(run_action(action_class_of(name), task, task_vars=task_vars))


def as_the_controller_reads_it(module_name, printed):
    """What ActionBase._execute_module makes of a module process's printed result (a dict)."""
    action = make_action(NormalAction, make_task(module_name, {}))
    return core_compat.parse_module_output(action, json.dumps(printed))


def without_captured_error(result):
    """ansible-core 2.19 reads every failed result's msg into an `exception` object, traceback or not;
    here it stays only when it holds a traceback (as the text of the traceback)."""
    if result.get("failed") is False:
        # ansible-core 2.21's task result object always says whether the task failed; a module's
        # printed result says it only when it did.
        result = dict(result)
        del result["failed"]
    exception = result.get("exception")
    if exception is not None and not isinstance(exception, str):
        result = dict(result)
        traceback = exception.event.formatted_traceback
        if traceback:
            result["exception"] = traceback
        else:
            del result["exception"]
    return result


def comparable(result):
    """A result as both ways must agree on it: warnings and deprecations as their texts (a module
    process returns them as dicts or strings, the task executor holds objects)."""
    result = dict(without_captured_error(result))
    result.pop("_ansible_parsed", None)
    if "warnings" in result:
        result["warnings"] = [_text(warning) for warning in result["warnings"]]
    if "deprecations" in result:
        result["deprecations"] = [_deprecation(item) for item in result["deprecations"]]
    return result


def _text(warning):
    if isinstance(warning, str):
        return warning
    if isinstance(warning, dict):
        return warning["event"]["msg"]
    return warning.event.msg


def _deprecation(item):
    if isinstance(item, dict):
        msg = item["event"]["msg"] if "event" in item else item["msg"]
        return (msg, item.get("version"), item.get("date"))
    return (item.event.msg, item.version, item.date)
