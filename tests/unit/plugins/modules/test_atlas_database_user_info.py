# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""atlas_database_user_info against the simulator (the `sim` fixture of tests/unit/conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from atlas_simulator.default_seed import DATABASE_USER_PASSWORD, DATABASE_USERNAME, EMPTY_PROJECT_ID, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.modules import atlas_database_user_info
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_database_user_info import matches

V2023 = "application/vnd.atlas.2023-01-01+json"
USERS_PATH = "/api/atlas/v2/groups/%s/databaseUsers" % PROJECT_ID
UNKNOWN_PROJECT_ID = "6500000000000000000000ff"
# Default seed: app-reader, a SCRAM user with read on sales, scoped to Cluster0.
IAM_ROLE = {
    "username": "arn:aws:iam::123456789012:role/app-orders",
    "databaseName": "$external",
    "awsIAMType": "ROLE",
    "roles": [{"databaseName": "orders", "roleName": "readWrite"}],
}
LDAP_GROUP = {
    "username": "CN=dbas,OU=groups,DC=example,DC=com",
    "databaseName": "admin",
    "ldapAuthType": "GROUP",
    "roles": [{"databaseName": "admin", "roleName": "atlasAdmin"}],
}
# The same name as the seed's SCRAM user, as an X.509 user on $external: a second user of that name.
X509_NAMESAKE = {"username": DATABASE_USERNAME, "databaseName": "$external", "x509Type": "MANAGED", "roles": [{"databaseName": "sales", "roleName": "read"}]}


def run(sim, run_module, check_mode=False, **args):
    args.setdefault("project_id", PROJECT_ID)
    return run_module(atlas_database_user_info.main, sim.module_args(**args), check_mode=check_mode)


def add_users(sim, users, project_id=PROJECT_ID):
    state = sim.state()
    sim.project(project_id, state=state).setdefault("database_users", []).extend(users)
    sim.set_state(state)
    sim.forget_requests()


def usernames(result):
    return [(user["username"], user["databaseName"]) for user in result["database_users"]]


NONE = dict(x509Type="NONE", awsIAMType="NONE", ldapAuthType="NONE", oidcAuthType="NONE")


@pytest.mark.parametrize(
    "user, filters, expected",
    [
        (dict(NONE, username="a", roles=[]), {}, True),
        (dict(NONE, username="a", roles=[]), {"username": "a"}, True),
        (dict(NONE, username="a", roles=[]), {"username": "A"}, False),
        (dict(NONE, username="a", roles=[]), {"auth_type": "SCRAM"}, True),
        (dict(NONE, username="a", roles=[], awsIAMType="ROLE"), {"auth_type": "SCRAM"}, False),
        (dict(NONE, username="a", roles=[], awsIAMType="ROLE"), {"auth_type": "AWS_IAM_ROLE"}, True),
        (dict(NONE, username="a", roles=[{"roleName": "read", "databaseName": "x"}]), {"role_name": "read"}, True),
        (dict(NONE, username="a", roles=[{"roleName": "readWrite", "databaseName": "x"}]), {"role_name": "read"}, False),
        (dict(NONE, username="a"), {"role_name": "read"}, False),
        (dict(NONE, username="a", roles=[{"roleName": "read"}]), {"username": "a", "auth_type": "SCRAM", "role_name": "read"}, True),
        (dict(NONE, username="a", roles=[{"roleName": "read"}]), {"username": "a", "auth_type": "LDAP_USER", "role_name": "read"}, False),
    ],
)
def test_matches(user, filters, expected):
    assert matches(user, filters) is expected


def test_reads_every_database_user_with_roles_and_scopes_never_a_password(sim, run_module):
    result = run(sim, run_module)

    assert result["changed"] is False
    [user] = result["database_users"]
    assert (user["username"], user["databaseName"]) == (DATABASE_USERNAME, "admin")
    assert user["roles"] == [{"databaseName": "sales", "roleName": "read"}]
    assert user["scopes"] == [{"name": "Cluster0", "type": "CLUSTER"}]
    assert "password" not in user and DATABASE_USER_PASSWORD not in str(result)
    [request] = sim.requests()
    assert (request.method, request.path, request.accept) == ("GET", USERS_PATH, V2023)
    assert (request.query["itemsPerPage"], request.query["pageNum"]) == ("500", "1")


def test_reads_every_page_past_500_users(sim, run_module):
    add_users(sim, [{"username": "app-%03d" % number, "roles": [{"databaseName": "admin", "roleName": "read"}]} for number in range(600)])

    result = run(sim, run_module)

    assert len(result["database_users"]) == 601
    assert usernames(result)[-1] == ("app-599", "admin")
    assert [request.query["pageNum"] for request in sim.requests()] == ["1", "2"]
    assert sim.writes() == []


def test_filters_by_username_auth_type_and_role(sim, run_module):
    add_users(sim, [IAM_ROLE, LDAP_GROUP, X509_NAMESAKE])

    by_name = run(sim, run_module, username=DATABASE_USERNAME)
    scram = run(sim, run_module, auth_type="SCRAM")
    iam = run(sim, run_module, auth_type="AWS_IAM_ROLE")
    x509 = run(sim, run_module, username=DATABASE_USERNAME, auth_type="X509_MANAGED")
    readers = run(sim, run_module, role_name="read")
    admins = run(sim, run_module, role_name="atlasAdmin", auth_type="LDAP_GROUP")

    assert usernames(by_name) == [(DATABASE_USERNAME, "admin"), (DATABASE_USERNAME, "$external")]
    assert usernames(scram) == [(DATABASE_USERNAME, "admin")]
    assert usernames(iam) == [(IAM_ROLE["username"], "$external")]
    assert usernames(x509) == [(DATABASE_USERNAME, "$external")]
    assert usernames(readers) == [(DATABASE_USERNAME, "admin"), (DATABASE_USERNAME, "$external")]
    assert usernames(admins) == [(LDAP_GROUP["username"], "admin")]
    # Atlas has none of these filters: the whole list is read each time.
    assert [request.path for request in sim.requests()] == [USERS_PATH] * 6


@pytest.mark.parametrize("filters", [{"username": "nobody"}, {"username": "APP-READER"}, {"auth_type": "OIDC_USER"}, {"role_name": "atlasAdmin"}])
def test_a_filter_that_matches_nothing_is_an_empty_list(sim, run_module, filters):
    result = run(sim, run_module, **filters)

    assert "failed" not in result, result
    assert result["database_users"] == []


def test_a_project_without_database_users_is_an_empty_list(sim, run_module):
    result = run(sim, run_module, project_id=EMPTY_PROJECT_ID)

    assert "failed" not in result, result
    assert result["database_users"] == []


def test_an_unknown_project_fails_rather_than_returning_an_empty_list(sim, run_module):
    result = run(sim, run_module, project_id=UNKNOWN_PROJECT_ID)

    assert result["failed"] is True
    assert "database_users" not in result
    assert (result["status"], result["error_code"]) == (404, "GROUP_NOT_FOUND")
    assert result["msg"].startswith("Failed to read the database users of project %s: " % UNKNOWN_PROJECT_ID)


@pytest.mark.parametrize(
    "args, message",
    [
        ({"auth_type": "KERBEROS"}, "value of auth_type must be one of: SCRAM, X509_MANAGED, X509_CUSTOMER"),
        ({"auth_type": "scram"}, "value of auth_type must be one of"),
        ({"project_id": "6500000000000000000000B1"}, "project_id must be a 24-character lowercase hexadecimal Atlas id"),
        ({"password": "secret-password"}, "Unsupported parameters"),
    ],
)
def test_bad_input_fails_naming_the_option_before_any_request(sim, run_module, args, message):
    result = run(sim, run_module, **args)

    assert result["failed"] is True
    assert message in result["msg"], result["msg"]
    assert sim.request_log() == []


def test_check_mode_reads_the_same_and_nothing_is_ever_written(sim, run_module):
    normal = run(sim, run_module)
    checked = run(sim, run_module, check_mode=True)

    assert checked == normal
    assert [request.method for request in sim.requests()] == ["GET", "GET"]
    assert sim.writes() == []
