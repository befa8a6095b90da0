#!/usr/bin/env bash
# The example playbooks (playbooks/*.yml, run by their FQCN as a user does) against the simulator:
# - without their required variables they stop before any request, naming the variables;
# - the two-step cloud provider access flow runs under --check --diff (the role predicted but not yet
#   created has no ids) and sends no write;
# - --diff shows the roles' changes (no "censored due to no_log"), while the credentials given as role
#   variables stay masked;
# - the IAM trust policy file goes to the directory ansible-playbook runs in, not to the playbook's.
# The simulator's variables come from tests/integration/integration_config.yml (scripts/run-integration).
set -euo pipefail

config=$(cd ../.. && pwd)/integration_config.yml
[[ -f $config ]] || { echo "no $config: run through make integration" >&2; exit 1; }
python=${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}
setting() {
    "$python" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))[sys.argv[2]])' "$config" "$1"
}
sim_url=$(setting atlas_sim_url)
project_id=$(setting atlas_project_id)
public_key=$(setting atlas_public_key)
private_key=$(setting atlas_private_key)
iam_role_arn=arn:aws:iam::123456789012:role/atlas-example-playbooks

workdir=$(mktemp -d)
trap 'rm -rf -- "$workdir"' EXIT
mkdir -p -- "$workdir/run"
log=$workdir/run.log

# The simulator's control API: sim METHOD NAME prints the JSON answer.
sim() {
    "$python" - "$sim_url" "$1" "$2" <<'PY'
import sys, urllib.request
url, method, name = sys.argv[1:]
with urllib.request.urlopen(urllib.request.Request("%s/__sim__/%s" % (url, name), method=method), timeout=10) as answer:
    print(answer.read().decode() or "null")
PY
}
# The API requests the simulator received since the last reset, as "METHOD path" lines.
api_requests() {
    sim GET requests | "$python" -c 'import json, sys; [print(r["method"], r["path"]) for r in json.load(sys.stdin) if r["path"].startswith("/api/")]'
}
fail() {
    echo "FAIL: $*" >&2
    echo "---- last lines of the run:" >&2
    tail -n 40 -- "$log" >&2
    exit 1
}
# run_playbook NAME ARGS...: ansible-playbook atlas_ops.admin.NAME from $workdir/run, output in $log.
run_playbook() {
    local name=$1
    shift
    (cd -- "$workdir/run" && ansible-playbook "atlas_ops.admin.$name" "$@") > "$log" 2>&1
}

export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
export MONGODB_ATLAS_BASE_URL=$sim_url
unset MONGODB_ATLAS_CLIENT_ID MONGODB_ATLAS_CLIENT_SECRET MONGODB_ATLAS_PUBLIC_KEY MONGODB_ATLAS_PRIVATE_KEY

echo "== Required variables are checked first, and named"
sim POST reset > /dev/null
declare -A required=(
    [aws_network_peering]="aws_network_peering_aws_account_id, aws_network_peering_project_id, aws_network_peering_vpc_id"
    [cloud_provider_access]="cloud_provider_access_iam_role_arn, cloud_provider_access_project_id"
    [cluster_report]="cluster_report_project_id"
    [project_access]="project_access_project_id"
    [support_access]="support_access_clusters, support_access_project_id"
)
for name in "${!required[@]}"; do
    if run_playbook "$name"; then fail "$name ran without its required variables"; fi
    grep -qF -- "missing required arguments: ${required[$name]}" "$log" || fail "$name does not name its missing variables (${required[$name]})"
    if grep -q "is undefined" "$log"; then fail "$name fails on an undefined variable instead"; fi
done
[[ -z "$(api_requests)" ]] || fail "a playbook without its variables sent requests: $(api_requests)"

echo "== The two-step cloud provider access flow under --check --diff sends no write"
export MONGODB_ATLAS_PUBLIC_KEY=$public_key MONGODB_ATLAS_PRIVATE_KEY=$private_key
for authorize in false true; do
    run_playbook cloud_provider_access --check --diff -e "cloud_provider_access_project_id=$project_id" \
        -e "cloud_provider_access_iam_role_arn=$iam_role_arn" -e "cloud_provider_access_authorize=$authorize" ||
        fail "cloud_provider_access --check (authorize=$authorize) failed"
    grep -q 'Check mode: Atlas would create a new AWS role' "$log" || fail "the summary does not say what check mode would do"
    grep -q '^+.*"providerName": "AWS"' "$log" || fail "--diff does not show the role that would be created"
done
writes=$(api_requests | grep -v '^GET ' || true)
[[ -z "$writes" ]] || fail "check mode sent writes: $writes"
[[ ! -e "$workdir/run/atlas-trust-policy.json" ]] || fail "check mode wrote the trust policy file"

echo "== Step 1 writes the trust policy into the working directory"
run_playbook cloud_provider_access -e "cloud_provider_access_project_id=$project_id" -e "cloud_provider_access_iam_role_arn=$iam_role_arn" ||
    fail "cloud_provider_access step 1 failed"
[[ -f "$workdir/run/atlas-trust-policy.json" ]] || fail "no atlas-trust-policy.json in the working directory"
"$python" - "$workdir/run/atlas-trust-policy.json" "$(sim GET state)" "$project_id" <<'PY' || fail "the trust policy file does not match Atlas' role"
import json, sys
policy, state, project_id = json.load(open(sys.argv[1])), json.loads(sys.argv[2]), sys.argv[3]
roles = next(project for project in state["projects"] if project["id"] == project_id)["cloud_provider_access"]
assert len(roles) == 1, roles
statement = policy["Statement"][0]
assert statement["Principal"]["AWS"] == roles[0]["atlasAWSAccountArn"], statement
assert statement["Condition"]["StringEquals"]["sts:ExternalId"] == roles[0]["atlasAssumedRoleExternalId"], statement
PY
grep -qF "trust policy in $workdir/run/atlas-trust-policy.json" "$log" || fail "the summary does not say where the trust policy is"

echo "== A role's --check --diff shows the changes, and masks the credentials given as role variables"
unset MONGODB_ATLAS_PUBLIC_KEY MONGODB_ATLAS_PRIVATE_KEY
sim POST reset > /dev/null
run_playbook support_access -vvv --check --diff -e "support_access_project_id=$project_id" -e '{"support_access_clusters": ["Cluster0"]}' \
    -e "support_access_public_key=$public_key" -e "support_access_private_key=$private_key" -e support_access_grant_type=CLUSTER_INFRASTRUCTURE ||
    fail "support_access --check --diff failed"
if grep -q 'censored' "$log"; then fail "--diff output is censored"; fi
grep -q '^+.*"grantType": "CLUSTER_INFRASTRUCTURE"' "$log" || fail "--diff does not show the new grant type"
grep -q 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' "$log" || fail "the -vvv output shows no masked credential (this check would prove nothing)"
if grep -qF -- "$private_key" "$log"; then fail "the private key appears in the output"; fi
writes=$(api_requests | grep -v '^GET ' || true)
[[ -z "$writes" ]] || fail "check mode sent writes: $writes"
echo "== example playbooks: all checks passed"
