#!/usr/bin/env bash
# Run an Ansible playbook against the Atlas API simulator, as a CI job does: install the simulator and
# the collection into a fresh virtualenv, start the simulator with your seed, run the playbook with the
# simulator's URL and credentials in the variables every atlas_ops.admin module reads, stop it.
#
# Copy this file into your repository (e.g. ci/test-with-atlas-simulator.sh) and call it from your CI
# job; every setting below can be overridden from the environment.
set -euo pipefail

# What to install: the simulator (a pip requirement: a git URL, or a path to a checkout's simulator/),
# the collection (a Galaxy name, or the path of a built tarball) and ansible-core.
ATLAS_SIMULATOR_PACKAGE=${ATLAS_SIMULATOR_PACKAGE:-"atlas-simulator @ git+https://github.com/atlas-ops/admin#subdirectory=simulator"}
ATLAS_COLLECTION=${ATLAS_COLLECTION:-atlas_ops.admin}
ANSIBLE_CORE=${ANSIBLE_CORE:-ansible-core>=2.16}
# Your playbook and the simulator's seed (your project ids, cluster names and an API key of its own).
PLAYBOOK=${PLAYBOOK:-ci/atlas/playbook.yml}
SEED=${SEED:-ci/atlas/seed.yml}
# The API key of the seed: the simulator accepts only the keys its seed names.
SIMULATOR_PUBLIC_KEY=${SIMULATOR_PUBLIC_KEY:-ci-public-key}
SIMULATOR_PRIVATE_KEY=${SIMULATOR_PRIVATE_KEY:-ci-private-key}
# Where the virtualenv, the collection and the simulator's log go.
WORK=${WORK:-.atlas-simulator}

mkdir -p "$WORK"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet "$ANSIBLE_CORE" requests "$ATLAS_SIMULATOR_PACKAGE"

collection_args=()
if [[ "$ATLAS_COLLECTION" == *.tar.gz ]]; then
    collection_args=(--offline)   # a built tarball needs nothing from Galaxy
fi
"$WORK/venv/bin/ansible-galaxy" collection install "${collection_args[@]}" -p "$WORK/collections" "$ATLAS_COLLECTION"

# Start the simulator on a free port; it writes its URL to the ready file once it answers. The first
# start downloads MongoDB's published API spec (4 MB) into ~/.cache/atlas_ops.admin: cache that folder.
rm -f "$WORK/simulator.url"
"$WORK/venv/bin/atlas-simulator" --port 0 --seed "$SEED" --ready-file "$WORK/simulator.url" \
    >"$WORK/simulator.out" 2>"$WORK/simulator.log" &
simulator_pid=$!
trap 'kill "$simulator_pid" 2>/dev/null || true; wait "$simulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 600); do
    [[ -s "$WORK/simulator.url" ]] && break
    if ! kill -0 "$simulator_pid" 2>/dev/null; then
        cat "$WORK/simulator.log" >&2
        exit 1
    fi
    sleep 0.1
done
[[ -s "$WORK/simulator.url" ]] || { echo "the simulator did not start within 60 s" >&2; cat "$WORK/simulator.log" >&2; exit 1; }

MONGODB_ATLAS_BASE_URL=$(cat "$WORK/simulator.url")
export MONGODB_ATLAS_BASE_URL
export MONGODB_ATLAS_PUBLIC_KEY=$SIMULATOR_PUBLIC_KEY
export MONGODB_ATLAS_PRIVATE_KEY=$SIMULATOR_PRIVATE_KEY
export ANSIBLE_COLLECTIONS_PATH=$WORK/collections
"$WORK/venv/bin/ansible-playbook" "$PLAYBOOK" -e "atlas_simulator_url=$MONGODB_ATLAS_BASE_URL"
