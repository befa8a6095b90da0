# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin of every module: runs the module's own main() inside the controller.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

Each module has an action plugin of its name, plugins/action/atlas_<name>.py, that is only

    class ActionModule(AtlasModuleAction):
        pass

When the task runs on the controller (a local connection: hosts: localhost, connection: local,
delegate_to: localhost), without async or become, `requests` is importable here and the opt-out is
not set, the module's main() runs in this worker process: the same code, the same AnsibleModule
validation, check mode, diff, no_log masking and result as a module process, without the process
(AnsiballZ payload, a new Python, its imports): a tenth of the time per task. Otherwise the task
runs as an ordinary module process (ansible.builtin.normal), unchanged.

The opt-out: ATLAS_OPS_IN_PROCESS=false, `in_process = false` in the [atlas_ops_admin] section of
ansible.cfg, or the variable atlas_ops_in_process: false. Every ansible-core detail this needs is in
core_compat.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import importlib
import os

from ansible.plugins.action.normal import ActionModule as NormalAction
from ansible.utils.display import Display

# Imported when ansible-core loads an action plugin: once a run, in the parent, before the workers fork.
from ansible_collections.atlas_ops.admin.plugins.module_utils.client import HAS_REQUESTS
from ansible_collections.atlas_ops.admin.plugins.module_utils import info as info_kit
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.plugin_utils import core_compat

display = Display()

ACTION_PACKAGE = ".plugins.action."
MODULE_PACKAGE = ".plugins.modules."


class _Run:
    """One in-process run: the module object once main() made it."""

    module = None


@contextlib.contextmanager
def environment_of_task(values):
    """os.environ with the task's `environment:` laid over it, as the module process would have it,
    restored afterwards (a worker runs one task, but a loop runs all its items in it)."""
    saved = dict((name, os.environ.get(name)) for name in values)
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# The kit's helpers that build a module's AtlasModule for it (an info module's main() is one call of
# run_info_module): their namespace gets the in-process class too.
KIT_BUILDERS = (info_kit,)


def kit_namespaces(module_code):
    """Where main() takes AtlasModule from: the module itself and the kit helpers it calls."""
    return [namespace for namespace in (module_code,) + KIT_BUILDERS if getattr(namespace, "AtlasModule", None) is AtlasModule]


def builds_on_kit(module_code):
    """Whether main() builds its module with the kit's AtlasModule, itself or through a kit helper."""
    uses_helper = any(value is getattr(builder, name, None) for builder in KIT_BUILDERS for name, value in vars(module_code).items() if callable(value))
    return callable(getattr(module_code, "main", None)) and (getattr(module_code, "AtlasModule", None) is AtlasModule or uses_helper)


class AtlasModuleAction(NormalAction):
    """Runs the module of the same name in the controller when the task runs there (see the module docstring)."""

    # Set for each subclass when ansible-core loads it: the module's Python module, or None and why.
    module_import_name = None
    module_code = None
    module_import_error = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # plugins/action/atlas_x.py runs plugins/modules/atlas_x.py; importing it now puts the cost
        # in the parent process, once, instead of in every task's worker.
        name = cls.__module__
        if ACTION_PACKAGE not in name:
            cls.module_import_error = "the action plugin %s is not in a collection's plugins/action" % name
            return
        cls.module_import_name = name.replace(ACTION_PACKAGE, MODULE_PACKAGE, 1)
        try:
            cls.module_code = importlib.import_module(cls.module_import_name)
        except Exception as exc:  # pylint: disable=broad-exception-caught
            cls.module_import_error = "importing %s failed: %s" % (cls.module_import_name, exc)

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars if task_vars is not None else {}
        reason = self.module_process_reason(task_vars)
        if reason:
            display.vvv("atlas_ops.admin: %s runs as a module process: %s" % (self._task.action, reason))
            return super().run(tmp=tmp, task_vars=task_vars)
        display.vvv("atlas_ops.admin: %s runs in the controller's worker process" % self._task.action)
        return self.run_in_process(task_vars)

    def module_process_reason(self, task_vars):
        """Why the task must run as a module process, or None when it can run here."""
        if not core_compat.in_process_enabled(task_vars):
            return "in-process execution is turned off (%s, [%s] %s in ansible.cfg or the variable %s)" % (
                core_compat.IN_PROCESS_ENV,
                core_compat.IN_PROCESS_INI[0],
                core_compat.IN_PROCESS_INI[1],
                core_compat.IN_PROCESS_VAR,
            )
        if self._task.async_val:
            return "the task uses async"
        transport = getattr(self._connection, "transport", None)
        if transport != "local":
            return "the task runs over the %s connection, not on the controller" % transport
        if self._play_context.become:
            return "the task uses become"
        if not HAS_REQUESTS:
            return "the controller's Python cannot import requests"
        if self.module_code is None:
            return self.module_import_error
        if not builds_on_kit(self.module_code):
            return "%s has no main() built on the kit's AtlasModule" % self.module_import_name
        return None

    def run_in_process(self, task_vars):
        """Run the module's main() here; the result is the one a module process would return."""
        result = super(NormalAction, self).run(task_vars=task_vars)  # ActionBase's checks (check mode, tmp)
        module_name = self._task.action
        arguments = core_compat.module_arguments(self, module_name, task_vars)
        environment = core_compat.task_environment(self)
        run = _Run()
        module_code = self.module_code
        namespaces = kit_namespaces(module_code)
        in_process_class = core_compat.in_process_module_class(AtlasModule, arguments, run)
        for namespace in namespaces:
            namespace.AtlasModule = in_process_class
        try:
            with core_compat.module_globals(), environment_of_task(environment):
                try:
                    module_code.main()
                except core_compat.ModuleExited as exited:
                    output = exited.output
                except Exception as exc:  # pylint: disable=broad-exception-caught
                    # A module process would crash; here the task fails cleanly instead.
                    output = core_compat.crash_output(exc, module_name, run.module.no_log_values if run.module else None)
                except SystemExit as exc:
                    output = core_compat.crash_output(
                        RuntimeError("the module exited (code %s) without a result" % exc.code), module_name, run.module.no_log_values if run.module else None
                    )
                else:
                    output = core_compat.crash_output(RuntimeError("main() returned without a result"), module_name, None)
        finally:
            for namespace in namespaces:
                namespace.AtlasModule = AtlasModule
        result.update(core_compat.parse_module_output(self, output))
        return result
