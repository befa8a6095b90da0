#!/usr/bin/env bash
# Where the modules run (plugins/plugin_utils/in_process.py): inside the controller for a local task
# unless the opt-out is set, as module processes with the opt-out (the ansible.cfg of the run, the
# environment variable or the variable) and for async tasks. Read from ansible-playbook -vvv.
# scripts/run-integration runs this once with in_process = false in the targets' ansible.cfg.
set -euo pipefail

config=$(cd ../.. && pwd)/integration_config.yml
[[ -f $config ]] || { echo "no $config: run through make integration" >&2; exit 1; }
log=$(mktemp)
# The async task's job files: one absolute directory for the job and its status checks (with HOME
# other than the user's home directory, `~` would name two places).
async_dir=$(mktemp -d)
trap 'rm -rf -- "$log" "$async_dir"' EXIT

in_controller="runs in the controller's worker process"
turned_off="runs as a module process: in-process execution is turned off"

run() {
    ansible-playbook -vvv -i "$INVENTORY_PATH" playbook.yml -e "@$config" -e "ansible_async_dir=$async_dir" "$@" > "$log" 2>&1 || {
        tail -n 60 "$log"
        exit 1
    }
}

# expect HOW COUNT: COUNT lines of atlas_cluster_info tasks said HOW.
expect() {
    local found
    found=$(grep -c -- "atlas_ops.admin.atlas_cluster_info $1" "$log" || true)
    if [[ "$found" != "$2" ]]; then
        echo "FAIL ($3): expected $2 task(s) that $1, found $found" >&2
        grep -- "atlas_ops.admin: " "$log" >&2 || true
        exit 1
    fi
}

if [[ -n "${ANSIBLE_CONFIG:-}" ]] && grep -Eq '^[[:space:]]*in_process[[:space:]]*=[[:space:]]*false' "$ANSIBLE_CONFIG"; then
    run
    expect "$turned_off" 3 "in_process = false in ansible.cfg"
    ATLAS_OPS_IN_PROCESS=true run
    expect "$in_controller" 2 "the environment variable wins over ansible.cfg"
    expect "runs as a module process: the task uses async" 1 "async"
    echo "ok: in_process = false in ansible.cfg runs module processes; ATLAS_OPS_IN_PROCESS=true wins over it"
    exit 0
fi

run
expect "$in_controller" 2 "local and delegated tasks"
expect "runs as a module process: the task uses async" 1 "async"
grep -q "Using module file" "$log" || { echo "FAIL: the async task did not run a module file" >&2; exit 1; }

ATLAS_OPS_IN_PROCESS=false run
expect "$turned_off" 3 "ATLAS_OPS_IN_PROCESS=false"

run -e atlas_ops_in_process=false
expect "$turned_off" 3 "the variable atlas_ops_in_process"
echo "ok: local tasks run in the controller; async, ATLAS_OPS_IN_PROCESS=false and atlas_ops_in_process=false run module processes"
