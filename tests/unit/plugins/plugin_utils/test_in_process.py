# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Modules inside the controller (plugins/plugin_utils/in_process.py): the same result as a module
process, every module covered, and each reason to fall back to a module process.

Both ways run against the simulator: run_module is the module process (arguments on its stdin, the
result printed), run_in_process the action plugin's run() as a worker calls it.
"""

from __future__ import annotations

import os
import re
import types
from pathlib import Path

import pytest
from ansible import constants as C
from ansible.config.manager import ConfigManager
from ansible.plugins.action.normal import ActionModule as NormalAction
from atlas_simulator.default_seed import PRIVATE_KEY, PROJECT_ID, PUBLIC_KEY, SA_CLIENT_ID

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_cluster_info, atlas_employee_access
from ansible_collections.atlas_ops.admin.plugins.plugin_utils import core_compat, in_process
from ansible_collections.atlas_ops.admin.tests.unit.in_process import (
    INVOCATION_VARS,
    action_class_of,
    as_the_controller_reads_it,
    asking_for_invocation,
    comparable,
    make_task,
    module_name_of,
    run_action,
)
from ansible_collections.atlas_ops.admin.tests.unit.plugins.modules.test_common_behaviour import MODULES, runs

COLLECTION_ROOT = Path(__file__).resolve().parents[4]
ID_RE = re.compile(r"\b[0-9a-f]{24}\b")
TIME_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")
GENERATED_RE = re.compile(r"\bpcx-[0-9a-f]{17}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


@pytest.fixture
def run_process(run_module):
    """run_module with the arguments ansible-core adds (the module's name), its result as the
    controller reads it: what a module process gives the task."""

    def run(main, args, check_mode=False, diff=False):
        name = module_name_of(main)
        printed = run_module(main, dict(args, _ansible_module_name="atlas_ops.admin." + name), check_mode=check_mode, diff=diff)
        return as_the_controller_reads_it(name, printed)

    return run


def same(result):
    """A result with what differs between two correct runs made alike: ids the simulator draws, times."""

    def normalise(value):
        if isinstance(value, dict):
            return dict((key, normalise(item)) for key, item in value.items())
        if isinstance(value, list):
            return [normalise(item) for item in value]
        if isinstance(value, str):
            return ID_RE.sub("<id>", GENERATED_RE.sub("<generated>", TIME_RE.sub("<time>", value)))
        return value

    return normalise(comparable(result))


def sent(sim):
    return [(request.method, ID_RE.sub("<id>", request.path), request.body and ID_RE.sub("<id>", str(request.body))) for request in sim.requests()]


# -- every module has its action plugin ------------------------------------------------------------


def module_names(kind):
    return sorted(path.stem for path in (COLLECTION_ROOT / "plugins" / kind).glob("*.py") if path.stem != "__init__")


def test_every_module_has_an_action_plugin_that_runs_it_in_the_controller():
    modules, actions = module_names("modules"), module_names("action")
    assert modules, COLLECTION_ROOT
    assert [name for name in modules if name not in actions] == [], "add plugins/action/<module>.py (see docs/developing.md)"
    assert [name for name in actions if name not in modules] == []
    for name in modules:
        action_class = action_class_of(name)
        assert issubclass(action_class, in_process.AtlasModuleAction), name
        assert action_class.module_import_error is None, action_class.module_import_error
        assert action_class.module_code.__name__.endswith(".plugins.modules." + name)
        # main() builds its module object through a name the action plugin swaps: its own, or the info helper's.
        assert in_process.builds_on_kit(action_class.module_code), name
        assert in_process.kit_namespaces(action_class.module_code), name


# -- the same result both ways ---------------------------------------------------------------------

every_module = pytest.mark.parametrize("case", list(MODULES.values()), ids=list(MODULES))


@every_module
@pytest.mark.parametrize("check_mode", [True, False], ids=["check-mode", "apply"])
def test_the_same_result_and_requests_both_ways(sim, run_process, run_in_process, case, check_mode, fake_clock, monkeypatch):
    # One "now" for both runs: an expiry computed from the wall clock differs when a second ticks between them.
    now = atlas_employee_access.utc_now().replace(microsecond=0)
    monkeypatch.setattr(atlas_employee_access, "utc_now", lambda: now)
    for args in runs(case):
        sim.reset()
        by_process = run_process(case.main, sim.module_args(**args), check_mode=check_mode, diff=True)
        process_requests = sent(sim)
        if case.writes and not check_mode:
            sim.reset()  # (a reset draws new host names: only where the run changed something)
        else:
            sim.forget_requests()
        in_controller = run_in_process(case.main, sim.module_args(**args), check_mode=check_mode, diff=True)

        assert "failed" not in in_controller, in_controller
        assert same(in_controller) == same(by_process)
        assert sent(sim) == process_requests


GRANT = {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_INFRASTRUCTURE", "expires_in": "8h"}

# Argument validation is AnsibleModule's in both ways: each of these must fail the same way.
BAD_ARGUMENTS = {
    "unsupported option": dict(GRANT, colour="blue"),
    "wrong type": dict(GRANT, timeout="soon"),
    "not a choice": dict(GRANT, grant_type="EVERYTHING"),
    "mutually exclusive": dict(GRANT, expiration_time="2030-01-01T00:00:00Z"),
    "required if": {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "expires_in": "8h"},
    "required one of, in required_if": {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_INFRASTRUCTURE"},
    "missing required": {"cluster_name": "Cluster0", "state": "absent"},
    "both credentials": dict(GRANT, client_id=SA_CLIENT_ID),
    "required together": dict(GRANT, private_key=None),
    "the kit's own check": dict(GRANT, project_id="not-an-id"),
    "bad state": dict(GRANT, state="gone"),
}


@pytest.mark.parametrize("args", list(BAD_ARGUMENTS.values()), ids=list(BAD_ARGUMENTS))
def test_bad_arguments_fail_the_same_way_before_any_request(sim, run_process, run_in_process, args):
    args = dict((key, value) for key, value in sim.module_args(**args).items() if value is not None)

    by_process = run_process(atlas_employee_access.main, args)
    in_controller = run_in_process(atlas_employee_access.main, args)

    assert by_process["failed"] is True
    assert comparable(in_controller) == comparable(by_process)
    assert sim.request_log() == []


def test_aliases_are_resolved_the_same_way(sim, run_process, run_in_process):
    args = sim.module_args(group_id=PROJECT_ID)

    by_process = run_process(atlas_cluster_info.main, asking_for_invocation(args))
    in_controller = run_in_process(atlas_cluster_info.main, args, task_vars=INVOCATION_VARS)

    assert "failed" not in in_controller
    assert comparable(in_controller) == comparable(by_process)
    assert in_controller["invocation"]["module_args"]["project_id"] == PROJECT_ID


def test_secrets_are_masked_in_the_result_and_the_invocation(sim, run_process, run_in_process):
    args = sim.module_args(**GRANT)

    by_process = run_process(atlas_employee_access.main, asking_for_invocation(args))
    in_controller = run_in_process(atlas_employee_access.main, args, task_vars=INVOCATION_VARS)

    for result in (by_process, in_controller):
        assert result["invocation"]["module_args"]["private_key"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
        assert PRIVATE_KEY not in str(result)


def test_a_wrong_secret_from_the_environment_is_masked_in_the_failure(sim, run_process, run_in_process, monkeypatch):
    """Credentials in the task's `environment:` are read in-process as a module process reads its
    environment; the secret read from there is masked too."""
    secret = "mdb_sa_sk_wrong_secret_value"
    environment = {"MONGODB_ATLAS_CLIENT_ID": SA_CLIENT_ID, "MONGODB_ATLAS_CLIENT_SECRET": secret}
    args = dict(sim.module_args(project_id=PROJECT_ID, token_cache=False))
    del args["public_key"], args["private_key"]

    in_controller = run_in_process(atlas_cluster_info.main, args, environment=environment)
    assert "MONGODB_ATLAS_CLIENT_SECRET" not in os.environ
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    by_process = run_process(atlas_cluster_info.main, args)

    assert (in_controller["status"], in_controller["error_code"]) == (401, "UNEXPECTED_ERROR")
    assert comparable(in_controller) == comparable(by_process)
    assert secret not in str(in_controller)


def test_credentials_from_the_task_environment(sim, run_in_process, monkeypatch):
    monkeypatch.setenv("MONGODB_ATLAS_PUBLIC_KEY", "the-controller-s-own-value")
    args = dict(sim.module_args(project_id=PROJECT_ID))
    del args["public_key"], args["private_key"]
    environment = {"MONGODB_ATLAS_PUBLIC_KEY": PUBLIC_KEY, "MONGODB_ATLAS_PRIVATE_KEY": PRIVATE_KEY}

    result = run_in_process(atlas_cluster_info.main, args, environment=environment)

    assert "failed" not in result, result
    assert [request.path for request in sim.requests()] == ["/api/atlas/v2/groups/%s/clusters" % PROJECT_ID]
    # The worker's environment is as it was: the next task (a loop's next item) does not inherit it.
    assert os.environ["MONGODB_ATLAS_PUBLIC_KEY"] == "the-controller-s-own-value"
    assert "MONGODB_ATLAS_PRIVATE_KEY" not in os.environ
    following = run_in_process(atlas_cluster_info.main, args)
    assert following["msg"].startswith("MONGODB_ATLAS_PUBLIC_KEY/MONGODB_ATLAS_PUBLIC_API_KEY is set but MONGODB_ATLAS_PRIVATE_KEY")


def test_warnings_are_the_same_and_do_not_leak_into_the_next_run(sim, run_process, run_in_process):
    args = sim.module_args(project_id=PROJECT_ID, cluster_name="Cluster0", state="absent", grant_type="CLUSTER_INFRASTRUCTURE")

    by_process = run_process(atlas_employee_access.main, args, check_mode=True)
    in_controller = run_in_process(atlas_employee_access.main, args, check_mode=True)
    following = run_in_process(atlas_employee_access.main, sim.module_args(project_id=PROJECT_ID, cluster_name="Cluster0", state="absent"), check_mode=True)

    assert comparable(in_controller)["warnings"] == ["grant_type is ignored when state=absent."]
    assert comparable(in_controller) == comparable(by_process)
    assert "warnings" not in following


# -- a module of the test's own: deprecations, a crash -------------------------------------------------

TEST_MODULE_SOURCE = '''
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule


def main():
    module = AtlasModule(
        argument_spec=dict(
            project_id=dict(type="str", required=True, deprecated_aliases=[dict(name="group", version="9.0.0", collection_name="atlas_ops.admin")],
                            aliases=["group"]),
            crash=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    module.warn("a warning of the module")
    if module.params["crash"]:
        raise KeyError("boom with " + module.params["private_key"])
    module.exit_json(changed=False, project_id=module.params["project_id"])
'''


@pytest.fixture
def test_module():
    """A module of the kit's form (main() on AtlasModule) and its action plugin."""
    code = types.ModuleType("atlas_test_module")
    exec(compile(TEST_MODULE_SOURCE, "atlas_test_module.py", "exec"), code.__dict__)  # pylint: disable=exec-used

    class ActionModule(in_process.AtlasModuleAction):
        module_code = code
        module_import_error = None

    return code, ActionModule


def test_deprecations_and_warnings_are_the_same(sim, run_process, test_module):
    code, action_class = test_module
    args = sim.module_args(group=PROJECT_ID)

    by_process = run_process(code.main, args)
    in_controller = run_action(action_class, make_task("atlas_test_module", args))

    assert comparable(in_controller)["warnings"] == ["a warning of the module"]
    deprecations = [deprecation[0] for deprecation in comparable(in_controller)["deprecations"]]
    assert deprecations == ["Alias 'group' is deprecated. See the module docs for more information"]
    assert comparable(in_controller) == comparable(by_process)


def test_an_unexpected_exception_is_a_clean_failure_with_the_secret_masked(sim, test_module):
    code, action_class = test_module

    result = run_action(action_class, make_task("atlas_test_module", sim.module_args(project_id=PROJECT_ID, crash=True)))

    assert result["failed"] is True
    assert result["msg"].startswith("Unexpected error in atlas_ops.admin.atlas_test_module (run in the controller): KeyError: ")
    assert "Traceback" not in result["msg"]
    assert PRIVATE_KEY not in str(result)
    assert result["msg"].endswith("KeyError: 'boom with ********'")
    assert not result.get("changed")  # absent, or false from ansible-core 2.21 on
    # The traceback is in `exception` (shown with -vvv), as for a module process that crashed.
    exception = result.get("exception")
    assert exception is not None and "KeyError" in str(getattr(exception, "formatted_traceback", None) or exception)


# -- when the task runs as a module process ------------------------------------------------------------


@pytest.fixture
def module_process(monkeypatch):
    """Replaces the module process with a stub; returns the list of the tasks that went there."""
    ran = []

    def run(self, tmp=None, task_vars=None):
        ran.append(self._task)
        return {"changed": False, "ran_as": "module process"}

    monkeypatch.setattr(NormalAction, "run", run)
    return ran


def run_grant(sim, task_vars=None, **task_and_connection):
    connection = dict((key, task_and_connection.pop(key)) for key in ("transport", "become") if key in task_and_connection)
    task = make_task("atlas_employee_access", sim.module_args(**GRANT), check_mode=True, **task_and_connection)
    return run_action(action_class_of("atlas_employee_access"), task, task_vars=task_vars, **connection)


def test_a_local_task_runs_in_the_controller(sim, module_process):
    result = run_grant(sim)

    assert module_process == [] and "ran_as" not in result
    assert result["changed"] is True


FALLBACKS = {
    "async": dict(async_val=60),
    "a remote connection": dict(transport="ssh"),
    "become": dict(become=True),
    "the variable": dict(task_vars={"atlas_ops_in_process": False}),
    "the variable, as text": dict(task_vars={"atlas_ops_in_process": "no"}),
}


@pytest.mark.parametrize("conditions", list(FALLBACKS.values()), ids=list(FALLBACKS))
def test_falls_back_to_a_module_process(sim, module_process, conditions):
    result = run_grant(sim, **conditions)

    assert result["ran_as"] == "module process"
    assert len(module_process) == 1
    assert sim.request_log() == []


@pytest.mark.parametrize("value", ["false", "False", "no", "0"])
def test_the_environment_variable_turns_it_off(sim, module_process, monkeypatch, value):
    monkeypatch.setenv("ATLAS_OPS_IN_PROCESS", value)

    assert run_grant(sim)["ran_as"] == "module process"
    monkeypatch.setenv("ATLAS_OPS_IN_PROCESS", "true")
    assert "ran_as" not in run_grant(sim)


def test_ansible_cfg_turns_it_off(sim, module_process, monkeypatch, tmp_path):
    config_file = tmp_path / "ansible.cfg"
    config_file.write_text("[atlas_ops_admin]\nin_process = false\n")
    monkeypatch.setattr(C, "config", ConfigManager(conf_file=str(config_file)))

    assert run_grant(sim)["ran_as"] == "module process"
    monkeypatch.setenv("ATLAS_OPS_IN_PROCESS", "true")  # the environment wins over ansible.cfg
    assert "ran_as" not in run_grant(sim)


def test_a_setting_is_read_as_ansible_reads_booleans(sim, module_process, monkeypatch):
    """Anything but a true value (yes, true, on, 1, ...) turns it off, as for ansible-core's own settings."""
    monkeypatch.setenv("ATLAS_OPS_IN_PROCESS", "sometimes")

    assert run_grant(sim)["ran_as"] == "module process"


def test_falls_back_when_the_controller_has_no_requests(sim, module_process, monkeypatch):
    monkeypatch.setattr(in_process, "HAS_REQUESTS", False)

    assert run_grant(sim)["ran_as"] == "module process"


def test_falls_back_when_the_module_is_not_on_the_kit(sim, module_process, test_module, monkeypatch):
    code, action_class = test_module
    monkeypatch.setattr(code, "AtlasModule", object)

    result = run_action(action_class, make_task("atlas_test_module", sim.module_args(project_id=PROJECT_ID)))

    assert result["ran_as"] == "module process"


def test_the_opt_out_is_declared_with_its_sources():
    definition = core_compat.IN_PROCESS_DEFINITIONS["in_process"]
    assert definition["env"] == [{"name": "ATLAS_OPS_IN_PROCESS"}]
    assert definition["ini"] == [{"section": "atlas_ops_admin", "key": "in_process"}]
    assert definition["vars"] == [{"name": "atlas_ops_in_process"}]
    assert definition["default"] is True
