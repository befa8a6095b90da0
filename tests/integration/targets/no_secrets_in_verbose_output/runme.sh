#!/usr/bin/env bash
# Runs playbook.yml with -vvv (module arguments, results and errors all printed) and fails when a
# client secret, a private key or an access token appears anywhere in that output.
# The simulator's variables come from tests/integration/integration_config.yml, as for the other targets
# (written by scripts/run-integration; ansible-test runs this script from its copy of the target).
set -euo pipefail

config=$(cd ../.. && pwd)/integration_config.yml
[[ -f $config ]] || { echo "no $config: run through make integration" >&2; exit 1; }

python=${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}
workdir=$(mktemp -d)
trap 'rm -rf -- "$workdir"' EXIT
log=$workdir/vvv.log

# Credentials in the environment of ansible-playbook, as a user exports them (a task's `environment:`
# keyword would not do: ansible-core itself prints those values in its -vvv EXEC line). Tasks that set
# credential options ignore them; the last task sets none and reads these (a wrong secret: it fails).
export MONGODB_ATLAS_CLIENT_ID=mdb_sa_id_6500000000000000000000c1
export MONGODB_ATLAS_CLIENT_SECRET=env-only-secret-value
ansible-playbook -vvv -i "$INVENTORY_PATH" playbook.yml -e "@$config" -e "token_dir=$workdir/tokens" > "$log" 2>&1 || {
    tail -n 60 "$log"
    exit 1
}

secret_of() {
    "$python" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))[sys.argv[2]])' "$config" "$1"
}
token=$("$python" -c 'import glob, json, sys; print(json.load(open(glob.glob(sys.argv[1] + "/*.json")[0]))["access_token"])' "$workdir/tokens")

# The output must show that secrets were there and masked, or this check would prove nothing.
expect() {
    grep -q -- "$1" "$log" || { echo "FAIL: the -vvv output lacks: $1" >&2; exit 1; }
}
expect 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
expect 'cluster no-such-cluster does not exist in project'
expect 'failed with 401'

status=0
for name in secret:"$(secret_of atlas_sa_client_secret)" private-key:"$(secret_of atlas_private_key)" \
            wrong-key:"$(secret_of atlas_wrong_private_key)" env-secret:env-only-secret-value token:"$token"; do
    label=${name%%:*}
    value=${name#*:}
    if grep -qF -- "$value" "$log"; then
        echo "FAIL: the $label appears in the -vvv output" >&2
        status=1
    fi
done
[[ $status == 0 ]] && echo "no secret in $(wc -l < "$log") lines of -vvv output"
exit $status
