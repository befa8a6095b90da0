# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import hashlib
import json

import pytest
import requests

from atlas_simulator.default_seed import DATABASE_USER_PASSWORD, DATABASE_USERNAME, PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_database_user
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_database_user import (
    auth_fields,
    auth_type_of,
    check_username,
    desired_delete_after,
    label_entries,
    planned_roles,
    role_entry,
    shown,
    user_differs,
)
from ansible_collections.atlas_ops.admin.tests.unit.module_results import warnings

V2023 = "application/vnd.atlas.2023-01-01+json"
USERS_PATH = "/api/atlas/v2/groups/%s/databaseUsers" % PROJECT_ID
PASSWORD = "orders-Pa55word-one"
NEW_PASSWORD = "orders-Pa55word-two"
READ_WRITE_ORDERS = {"role_name": "readWrite", "database_name": "orders"}
NOW = datetime.datetime(2026, 12, 4, 12, 0, 0, tzinfo=datetime.timezone.utc)


def digest(password):
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def run(sim, run_module, check_mode=False, diff=False, **args):
    args.setdefault("project_id", PROJECT_ID)
    return run_module(atlas_database_user.main, sim.module_args(**args), check_mode=check_mode, diff=diff)


def stored_users(sim):
    """The project's database users as the simulator keeps them, by (databaseName, username)."""
    return dict(((user["databaseName"], user["username"]), user) for user in sim.project().get("database_users") or [])


def calls(sim):
    return [(request.method, request.path) for request in sim.requests()]


def assert_no_password_in(value, *passwords):
    text = json.dumps(value)
    for password in passwords or (PASSWORD, NEW_PASSWORD, DATABASE_USER_PASSWORD):
        assert password not in text


# -- pure functions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "auth_type, fields",
    [
        ("SCRAM", {"databaseName": "admin"}),
        ("X509_MANAGED", {"databaseName": "$external", "x509Type": "MANAGED"}),
        ("X509_CUSTOMER", {"databaseName": "$external", "x509Type": "CUSTOMER"}),
        ("AWS_IAM_USER", {"databaseName": "$external", "awsIAMType": "USER"}),
        ("AWS_IAM_ROLE", {"databaseName": "$external", "awsIAMType": "ROLE"}),
        ("LDAP_USER", {"databaseName": "$external", "ldapAuthType": "USER"}),
        ("LDAP_GROUP", {"databaseName": "admin", "ldapAuthType": "GROUP"}),
        ("OIDC_IDP_GROUP", {"databaseName": "admin", "oidcAuthType": "IDP_GROUP"}),
        ("OIDC_USER", {"databaseName": "$external", "oidcAuthType": "USER"}),
    ],
)
def test_auth_fields_and_back(auth_type, fields):
    expected = dict({"x509Type": "NONE", "awsIAMType": "NONE", "ldapAuthType": "NONE", "oidcAuthType": "NONE"}, **fields)
    assert auth_fields(auth_type) == expected
    assert auth_type_of(expected) == auth_type


@pytest.mark.parametrize(
    "username, auth_type",
    [
        ("app-orders", "SCRAM"),
        ("jane.doe@example.com", "SCRAM"),
        ("app-orders", "X509_MANAGED"),
        ("CN=app-orders,OU=apps,DC=example,DC=com", "X509_CUSTOMER"),
        (r"CN=Doe\, Jane,OU=people,DC=example,DC=com", "LDAP_USER"),
        ("CN=analysts,OU=groups,DC=example,DC=com", "LDAP_GROUP"),
        ("arn:aws:iam::123456789012:user/app/orders", "AWS_IAM_USER"),
        ("arn:aws-cn:iam::123456789012:role/orders", "AWS_IAM_ROLE"),
        ("5dd7496c7a3e5a648454341c/sales", "OIDC_IDP_GROUP"),
        ("5dd7496c7a3e5a648454341c/jane@example.com", "OIDC_USER"),
    ],
)
def test_usernames_of_the_right_form(username, auth_type):
    assert check_username(username, auth_type) == username


@pytest.mark.parametrize(
    "username, auth_type, message",
    [
        ("app orders", "SCRAM", "without spaces"),
        ("arn:aws:iam::123456789012:user/app", "SCRAM", "set auth_type to AWS_IAM_USER or AWS_IAM_ROLE"),
        ("CN=app,DC=example", "SCRAM", "set auth_type to X509_CUSTOMER"),
        ("5dd7496c7a3e5a648454341c/sales", "SCRAM", "set auth_type to OIDC_IDP_GROUP or OIDC_USER"),
        ("OU=apps,DC=example,DC=com", "X509_CUSTOMER", "with a CN"),
        ("app-orders", "LDAP_USER", "RFC 2253 distinguished name"),
        ("arn:aws:iam::123456789012:role/orders", "AWS_IAM_USER", "IAM user ARN"),
        ("arn:aws:iam::123456789012:user/orders", "AWS_IAM_ROLE", "IAM role ARN"),
        ("sales", "OIDC_IDP_GROUP", "identity provider id"),
        ("x" * 1025, "SCRAM", "1 to 1024 characters"),
    ],
)
def test_usernames_of_the_wrong_form(username, auth_type, message):
    with pytest.raises(AtlasInputError, match=message.replace("(", r"\(")):
        check_username(username, auth_type)


@pytest.mark.parametrize(
    "role, expected",
    [
        (READ_WRITE_ORDERS, {"databaseName": "orders", "roleName": "readWrite"}),
        (
            {"role_name": "read", "database_name": "catalog", "collection_name": "products"},
            {"databaseName": "catalog", "roleName": "read", "collectionName": "products"},
        ),
        ({"role_name": "atlasAdmin", "database_name": "admin"}, {"databaseName": "admin", "roleName": "atlasAdmin"}),
        ({"role_name": "orders-auditor", "database_name": "orders"}, {"databaseName": "orders", "roleName": "orders-auditor"}),
    ],
)
def test_role_entries(role, expected):
    assert role_entry(role) == expected


@pytest.mark.parametrize(
    "role, message",
    [
        ({"role_name": "ReadWrite", "database_name": "orders"}, "is written readWrite"),
        ({"role_name": "read write", "database_name": "orders"}, "built-in role"),
        ({"role_name": "readAnyDatabase", "database_name": "orders"}, "only exists on the admin database"),
        ({"role_name": "dbAdmin", "database_name": "orders", "collection_name": "x"}, "only be given with the read and readWrite"),
        ({"role_name": "read", "database_name": "orders", "collection_name": "system.users"}, "not system"),
        ({"role_name": "read", "database_name": "my.db"}, "database name of 1 to 64"),
    ],
)
def test_bad_role_entries(role, message):
    with pytest.raises(AtlasInputError, match=message):
        role_entry(role)


def test_labels_are_sorted_and_checked():
    assert label_entries({"team": "orders", "env": "prod"}) == [{"key": "env", "value": "prod"}, {"key": "team", "value": "orders"}]
    with pytest.raises(AtlasInputError, match="1 to 255"):
        label_entries({"team": ""})


@pytest.mark.parametrize(
    "current, wanted, append, expected",
    [
        ([], [{"databaseName": "a", "roleName": "read"}], False, [{"databaseName": "a", "roleName": "read"}]),
        (
            [{"databaseName": "b", "roleName": "read"}],
            [{"databaseName": "a", "roleName": "read"}],
            True,
            [{"databaseName": "a", "roleName": "read"}, {"databaseName": "b", "roleName": "read"}],
        ),
        # Duplicates collapse; an empty collectionName from Atlas is no collection.
        (
            [{"databaseName": "a", "roleName": "read", "collectionName": ""}],
            [{"databaseName": "a", "roleName": "read"}],
            True,
            [{"databaseName": "a", "roleName": "read"}],
        ),
    ],
)
def test_planned_roles(current, wanted, append, expected):
    assert planned_roles(current, wanted, append) == expected


@pytest.mark.parametrize(
    "current, desired, expected",
    [
        ({"roles": [{"databaseName": "a", "roleName": "read"}, {"databaseName": "b", "roleName": "read"}]},
         {"roles": [{"databaseName": "b", "roleName": "read"}, {"databaseName": "a", "roleName": "read"}]}, False),
        ({"roles": [{"databaseName": "a", "roleName": "read"}]}, {"roles": [{"databaseName": "a", "roleName": "readWrite"}]}, True),
        ({"scopes": [{"name": "c", "type": "CLUSTER"}]}, {"scopes": None}, False),
        ({"scopes": [{"name": "c", "type": "CLUSTER"}]}, {"scopes": []}, True),
        ({"labels": [{"key": "k", "value": "v"}]}, {"labels": [{"key": "k", "value": "v"}]}, False),
        ({"description": "a"}, {"description": "b"}, True),
        ({}, {"description": ""}, False),
        ({"deleteAfterDate": "2026-12-05T12:00:00.000+00:00"}, {"deleteAfterDate": "2026-12-05T12:00:00Z"}, False),
        ({"deleteAfterDate": "2026-12-05T12:00:01Z"}, {"deleteAfterDate": "2026-12-05T12:00:00Z"}, True),
        ({}, {"deleteAfterDate": "2026-12-05T12:00:00Z"}, True),
    ],
)
def test_user_differs(current, desired, expected):
    assert user_differs(current, desired) is expected


def test_shown_sorts_and_never_has_a_password():
    user = {"username": "u", "password": "x", "roles": [{"databaseName": "b", "roleName": "read"}, {"databaseName": "a", "roleName": "read"}]}
    assert shown(user) == {"username": "u", "roles": [{"databaseName": "a", "roleName": "read"}, {"databaseName": "b", "roleName": "read"}]}


@pytest.mark.parametrize(
    "value, current, expected",
    [
        ("2026-12-05T12:00:00Z", None, "2026-12-05T12:00:00Z"),
        ("2026-12-05T13:00:00+01:00", None, "2026-12-05T12:00:00Z"),
        ("8h", None, "2026-12-04T20:00:00Z"),
        ("PT8H", None, "2026-12-04T20:00:00Z"),
        # Within 10% of the duration: the current date is kept; further: the new target.
        ("8h", "2026-12-04T19:30:00Z", "2026-12-04T19:30:00Z"),
        ("8h", "2026-12-04T18:00:00Z", "2026-12-04T20:00:00Z"),
    ],
)
def test_delete_after_date(value, current, expected):
    assert desired_delete_after(value, NOW, current) == expected


@pytest.mark.parametrize(
    "value, message",
    [
        ("2026-12-01T12:00:00Z", "in the future"),
        ("8d", "at most one week"),
        ("2026-12-20T12:00:00Z", "at most one week"),
        ("2026-12-05T12:00:00", "time zone"),
        ("soon", "a duration such as"),
    ],
)
def test_bad_delete_after_dates(value, message):
    with pytest.raises(AtlasInputError, match=message):
        desired_delete_after(value, NOW)


# -- main() against the simulator ----------------------------------------------------------------

# One username of each kind, the exact path that must reach Atlas for it, and what Atlas stores.
KINDS = [
    ("SCRAM", "app-orders", "admin/app-orders"),
    ("SCRAM", "jane.doe@example.com", "admin/jane.doe%40example.com"),
    ("X509_MANAGED", "app-certs", "%24external/app-certs"),
    ("X509_CUSTOMER", "CN=app-orders,OU=apps,DC=example,DC=com", "%24external/CN%3Dapp-orders%2COU%3Dapps%2CDC%3Dexample%2CDC%3Dcom"),
    ("AWS_IAM_USER", "arn:aws:iam::123456789012:user/app/orders", "%24external/arn%3Aaws%3Aiam%3A%3A123456789012%3Auser%2Fapp%2Forders"),
    ("AWS_IAM_ROLE", "arn:aws:iam::123456789012:role/orders", "%24external/arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Forders"),
    ("LDAP_USER", "CN=jane,OU=people,DC=example,DC=com", "%24external/CN%3Djane%2COU%3Dpeople%2CDC%3Dexample%2CDC%3Dcom"),
    ("LDAP_GROUP", "CN=analysts,OU=groups,DC=example,DC=com", "admin/CN%3Danalysts%2COU%3Dgroups%2CDC%3Dexample%2CDC%3Dcom"),
    ("OIDC_IDP_GROUP", "5dd7496c7a3e5a648454341c/sales", "admin/5dd7496c7a3e5a648454341c%2Fsales"),
    ("OIDC_USER", "5dd7496c7a3e5a648454341c/jane@example.com", "%24external/5dd7496c7a3e5a648454341c%2Fjane%40example.com"),
]


@pytest.mark.parametrize("auth_type, username, encoded", KINDS, ids=["%s-%s" % (k[0], k[1][:12]) for k in KINDS])
def test_each_kind_is_created_then_left_alone_then_removed(sim, run_module, auth_type, username, encoded):
    args = dict(username=username, auth_type=auth_type, roles=[READ_WRITE_ORDERS])
    if auth_type == "SCRAM":
        args["password"] = PASSWORD
    user_path = "%s/%s" % (USERS_PATH, encoded)

    created = run(sim, run_module, **args)

    assert created["changed"] is True, created
    assert calls(sim) == [("GET", user_path), ("POST", USERS_PATH)]
    assert sim.requests()[0].status == 404 and sim.requests()[1].status == 201
    post = sim.requests()[1]
    assert post.accept == V2023 and post.content_type == V2023
    fields = auth_fields(auth_type)
    stored = stored_users(sim)[(fields["databaseName"], username)]
    assert dict((key, stored[key]) for key in fields) == fields
    assert stored["roles"] == [{"databaseName": "orders", "roleName": "readWrite"}]
    assert created["database_user"]["username"] == username and "password" not in created["database_user"]
    if auth_type == "SCRAM":
        assert post.body["password"] == "<redacted>"  # sent, and never logged in clear
        assert stored["_sim"]["password_sha256"] == digest(PASSWORD)
    else:
        assert "password" not in post.body
    assert_no_password_in(created)

    sim.forget_requests()
    again = run(sim, run_module, **args)
    assert again["changed"] is False
    assert calls(sim) == [("GET", user_path)]
    assert sim.requests()[0].status == 200

    sim.forget_requests()
    removed = run(sim, run_module, username=username, auth_type=auth_type, state="absent")
    assert removed["changed"] is True and removed["database_user"] is None
    assert calls(sim) == [("GET", user_path), ("DELETE", user_path)]
    assert (fields["databaseName"], username) not in stored_users(sim)

    sim.forget_requests()
    gone = run(sim, run_module, username=username, auth_type=auth_type, state="absent")
    assert gone["changed"] is False and calls(sim) == [("GET", user_path)]


def test_check_mode_and_diff_predict_the_user_without_writing_or_showing_the_password(sim, run_module):
    args = dict(username="app-orders", password=PASSWORD, roles=[READ_WRITE_ORDERS], scopes=[{"name": "Cluster0"}], labels={"team": "orders"})

    result = run(sim, run_module, check_mode=True, diff=True, **args)

    assert result["changed"] is True
    assert sim.writes() == []
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"] == {
        "username": "app-orders",
        "databaseName": "admin",
        "x509Type": "NONE",
        "awsIAMType": "NONE",
        "ldapAuthType": "NONE",
        "oidcAuthType": "NONE",
        "roles": [{"databaseName": "orders", "roleName": "readWrite"}],
        "scopes": [{"name": "Cluster0", "type": "CLUSTER"}],
        "labels": [{"key": "team", "value": "orders"}],
    }
    assert_no_password_in(result)
    assert ("admin", "app-orders") not in stored_users(sim)


def test_role_and_scope_changes_are_one_patch_and_compare_as_sets(sim, run_module):
    # The default seed's app-reader: read on sales, scoped to Cluster0, label team=sales.
    user_path = "%s/admin/%s" % (USERS_PATH, DATABASE_USERNAME)
    roles = [{"role_name": "readWrite", "database_name": "sales"}, {"role_name": "read", "database_name": "catalog", "collection_name": "products"}]
    scopes = [{"name": "analytics"}, {"name": "Cluster0"}]

    checked = run(sim, run_module, check_mode=True, diff=True, username=DATABASE_USERNAME, roles=roles, scopes=scopes)
    assert checked["changed"] is True and sim.writes() == []
    assert checked["diff"]["before"]["scopes"] == [{"name": "Cluster0", "type": "CLUSTER"}]
    assert checked["diff"]["after"]["scopes"] == [{"name": "Cluster0", "type": "CLUSTER"}, {"name": "analytics", "type": "CLUSTER"}]

    sim.forget_requests()
    changed = run(sim, run_module, diff=True, username=DATABASE_USERNAME, roles=roles, scopes=scopes)

    assert changed["changed"] is True
    assert calls(sim) == [("GET", user_path), ("PATCH", user_path)]
    patch = sim.requests()[1].body
    assert "password" not in patch  # update_password=on_create and no password given
    stored = stored_users(sim)[("admin", DATABASE_USERNAME)]
    assert sorted(stored["roles"], key=json.dumps) == sorted(
        [{"databaseName": "sales", "roleName": "readWrite"}, {"databaseName": "catalog", "roleName": "read", "collectionName": "products"}],
        key=json.dumps,
    )
    assert sorted(scope["name"] for scope in stored["scopes"]) == ["Cluster0", "analytics"]
    assert stored["labels"] == [{"key": "team", "value": "sales"}]  # labels not set: left alone
    assert stored["_sim"]["password_sha256"] == digest(DATABASE_USER_PASSWORD)  # password untouched

    sim.forget_requests()
    # The same sets in another order: no change.
    again = run(sim, run_module, username=DATABASE_USERNAME, roles=list(reversed(roles)), scopes=list(reversed(scopes)))
    assert again["changed"] is False and sim.writes() == []


def test_append_roles_adds_and_never_removes(sim, run_module):
    result = run(sim, run_module, username=DATABASE_USERNAME, roles=[{"role_name": "read", "database_name": "orders"}], append_roles=True)
    assert result["changed"] is True
    names = sorted(role["databaseName"] for role in stored_users(sim)[("admin", DATABASE_USERNAME)]["roles"])
    assert names == ["orders", "sales"]
    sim.forget_requests()
    assert run(sim, run_module, username=DATABASE_USERNAME, roles=[{"role_name": "read", "database_name": "orders"}], append_roles=True)["changed"] is False
    assert sim.writes() == []


def test_empty_scopes_and_labels_remove_them(sim, run_module):
    result = run(sim, run_module, username=DATABASE_USERNAME, scopes=[], labels={})
    assert result["changed"] is True
    stored = stored_users(sim)[("admin", DATABASE_USERNAME)]
    assert stored["scopes"] == [] and stored["labels"] == []


def test_update_password_on_create_ignores_a_new_password(sim, run_module):
    result = run(sim, run_module, username=DATABASE_USERNAME, password=NEW_PASSWORD)
    assert result["changed"] is False
    assert sim.writes() == []
    assert stored_users(sim)[("admin", DATABASE_USERNAME)]["_sim"]["password_sha256"] == digest(DATABASE_USER_PASSWORD)
    assert_no_password_in(result)


def test_update_password_always_sends_it_and_reports_a_change_every_time(sim, run_module):
    for attempt in range(2):
        sim.forget_requests()
        result = run(sim, run_module, diff=True, username=DATABASE_USERNAME, password=NEW_PASSWORD, update_password="always")
        assert result["changed"] is True
        assert [request.method for request in sim.writes()] == ["PATCH"]
        assert sim.writes()[0].body["password"] == "<redacted>"
        assert stored_users(sim)[("admin", DATABASE_USERNAME)]["_sim"]["password_sha256"] == digest(NEW_PASSWORD)
        assert result["diff"]["before"] == result["diff"]["after"] or "links" in result["diff"]["after"]
        assert_no_password_in(result)


def test_update_password_always_in_check_mode_writes_nothing(sim, run_module):
    result = run(sim, run_module, check_mode=True, username=DATABASE_USERNAME, password=NEW_PASSWORD, update_password="always")
    assert result["changed"] is True and sim.writes() == []
    assert stored_users(sim)[("admin", DATABASE_USERNAME)]["_sim"]["password_sha256"] == digest(DATABASE_USER_PASSWORD)


def test_the_state_never_shows_a_password_in_clear(sim, run_module):
    run(sim, run_module, username="app-orders", password=PASSWORD, roles=[READ_WRITE_ORDERS])
    text = requests.get(sim.url + "/__sim__/state", timeout=10).text
    assert PASSWORD not in text and DATABASE_USER_PASSWORD not in text
    assert digest(PASSWORD) in text


def test_a_temporary_user_is_gone_after_its_date(sim, run_module):
    result = run(sim, run_module, username="support", password=PASSWORD, roles=[READ_WRITE_ORDERS], delete_after_date="2h")
    assert result["changed"] is True and "deleteAfterDate" in result["database_user"]
    sim.forget_requests()
    assert run(sim, run_module, username="support", password=PASSWORD, roles=[READ_WRITE_ORDERS], delete_after_date="2h")["changed"] is False
    requests.post(sim.url + "/__sim__/clock", json={"advance_seconds": 3 * 3600}, timeout=10).raise_for_status()
    sim.forget_requests()
    # Atlas deleted it: state=absent finds nothing to remove.
    gone = run(sim, run_module, username="support", state="absent")
    assert gone["changed"] is False and calls(sim) == [("GET", "%s/admin/support" % USERS_PATH)]
    assert sim.requests()[0].status == 404
    assert ("admin", "support") not in stored_users(sim)


def test_a_user_of_another_auth_type_is_not_changed(sim, run_module):
    result = run(sim, run_module, username=DATABASE_USERNAME, auth_type="OIDC_IDP_GROUP", roles=[READ_WRITE_ORDERS])
    # app-reader is not an OIDC name: refused before any request.
    assert result["failed"] is True and sim.requests() == []
    state = sim.state()
    sim.project(state=state)["database_users"].append({"username": "CN=x,DC=example", "databaseName": "admin", "ldapAuthType": "GROUP", "roles": []})
    sim.set_state(state)
    sim.forget_requests()
    result = run(sim, run_module, username="CN=x,DC=example", auth_type="LDAP_USER", roles=[READ_WRITE_ORDERS])
    assert result.get("failed") is None and result["changed"] is True  # another database: $external


def test_creating_without_password_or_roles_fails_after_the_read(sim, run_module):
    result = run(sim, run_module, username="app-orders", roles=[READ_WRITE_ORDERS])
    assert result["failed"] is True and "password is required" in result["msg"]
    assert calls(sim) == [("GET", "%s/admin/app-orders" % USERS_PATH)]
    sim.forget_requests()
    result = run(sim, run_module, username="app-orders", password=PASSWORD)
    assert result["failed"] is True and "roles is required" in result["msg"]
    assert sim.writes() == []


def test_a_wrong_project_fails_and_never_reads_as_absent(sim, run_module):
    for state in ("present", "absent"):
        result = run(sim, run_module, project_id="6500000000000000000000ff", username="app-orders", password=PASSWORD, roles=[READ_WRITE_ORDERS], state=state)
        assert result["failed"] is True
        assert result["error_code"] == "GROUP_NOT_FOUND" and result["status"] == 404
    assert sim.writes() == []


# At least 15 bad inputs, each refused with a message naming the option, before any request.
BAD_INPUTS = [
    ({"username": "app orders", "password": PASSWORD, "roles": [READ_WRITE_ORDERS]}, "username of a SCRAM user"),
    ({"username": "arn:aws:iam::1:user/x", "auth_type": "AWS_IAM_USER", "roles": [READ_WRITE_ORDERS]}, "username of an AWS_IAM_USER user"),
    ({"username": "app", "auth_type": "LDAP_GROUP", "roles": [READ_WRITE_ORDERS]}, "username of an LDAP_GROUP user"),
    ({"username": "OU=apps,DC=example", "auth_type": "X509_CUSTOMER", "roles": [READ_WRITE_ORDERS]}, "with a CN"),
    ({"username": "sales", "auth_type": "OIDC_USER", "roles": [READ_WRITE_ORDERS]}, "username of an OIDC_USER user"),
    ({"username": "CN=a,DC=b", "auth_type": "LDAP_USER", "password": PASSWORD, "roles": [READ_WRITE_ORDERS]}, "password is only for SCRAM users"),
    ({"username": "app", "password": "short", "roles": [READ_WRITE_ORDERS]}, "password must be at least 8 characters"),
    (
        {"username": "app", "password": PASSWORD, "roles": [{"role_name": "ReadWrite", "database_name": "orders"}]},
        "roles[0]: role_name 'ReadWrite' is written readWrite",
    ),
    ({"username": "app", "password": PASSWORD, "roles": [{"role_name": "atlasAdmin", "database_name": "orders"}]}, "only exists on the admin database"),
    ({"username": "app", "password": PASSWORD, "roles": [{"role_name": "dbAdmin", "database_name": "o", "collection_name": "c"}]}, "collection_name can only"),
    ({"username": "app", "password": PASSWORD, "roles": [{"role_name": "read", "database_name": "a/b"}]}, "database_name of read"),
    ({"username": "app", "password": PASSWORD, "roles": [{"role_name": "read", "database_name": "o"}], "scopes": [{"name": "bad name"}]}, "scopes[0]: name"),
    ({"username": "app", "password": PASSWORD, "roles": [READ_WRITE_ORDERS], "scopes": [{"name": "c", "type": "SERVER"}]}, "type"),
    ({"username": "app", "password": PASSWORD, "roles": [READ_WRITE_ORDERS], "labels": {"team": ""}}, "labels: each value must be 1 to 255"),
    ({"username": "app", "password": PASSWORD, "roles": [READ_WRITE_ORDERS], "description": "d" * 101}, "description must be at most 100"),
    (
        {"username": "app", "password": PASSWORD, "roles": [READ_WRITE_ORDERS], "delete_after_date": "2020-01-01T00:00:00Z"},
        "delete_after_date must be a time in the future",
    ),
    ({"username": "app", "password": PASSWORD, "roles": [READ_WRITE_ORDERS], "delete_after_date": "30d"}, "at most one week"),
    ({"username": "app", "password": PASSWORD, "roles": [READ_WRITE_ORDERS], "delete_after_date": "tomorrow"}, "delete_after_date must be a duration"),
    ({"username": "app", "password": PASSWORD, "roles": []}, "roles must list at least one role"),
    ({"username": "app", "password": PASSWORD, "auth_type": "KERBEROS", "roles": [READ_WRITE_ORDERS]}, "auth_type"),
    ({"username": "app", "password": PASSWORD, "roles": [{"database_name": "orders"}]}, "role_name"),
]


@pytest.mark.parametrize("args, message", BAD_INPUTS, ids=[str(index) for index in range(len(BAD_INPUTS))])
def test_bad_input_fails_before_any_request(sim, run_module, args, message):
    result = run(sim, run_module, **args)
    assert result["failed"] is True
    assert message in result["msg"], result["msg"]
    assert_no_password_in(result)
    assert sim.request_log() == []


def test_absent_warns_about_the_user_options(sim, run_module):
    result = run(sim, run_module, username=DATABASE_USERNAME, state="absent", roles=[READ_WRITE_ORDERS])
    assert result["changed"] is True
    assert "roles is ignored when state=absent." in warnings(result)


def test_the_list_is_paginated_in_the_simulator(sim):
    state = sim.state()
    sim.project(state=state)["database_users"] = [{"username": "u%02d" % n, "password": PASSWORD} for n in range(7)]
    sim.set_state(state)
    session = requests.Session()
    session.auth = requests.auth.HTTPDigestAuth(*[sim.module_args()[key] for key in ("public_key", "private_key")])
    page = session.get(sim.url + USERS_PATH, params={"itemsPerPage": 3, "pageNum": 3}, headers={"Accept": V2023}, timeout=10).json()
    assert [user["username"] for user in page["results"]] == ["u06"] and page["totalCount"] == 7
    assert all("password" not in user for user in page["results"])


def test_a_duplicate_create_is_refused_with_409(sim):
    session = requests.Session()
    session.auth = requests.auth.HTTPDigestAuth(*[sim.module_args()[key] for key in ("public_key", "private_key")])
    body = {"groupId": PROJECT_ID, "databaseName": "admin", "username": DATABASE_USERNAME, "password": PASSWORD}
    body["roles"] = [{"databaseName": "a", "roleName": "read"}]
    answer = session.post(sim.url + USERS_PATH, json=body, headers={"Accept": V2023, "Content-Type": V2023}, timeout=10)
    assert answer.status_code == 409 and answer.json()["errorCode"] == "USER_ALREADY_EXISTS"
    wrong_database = dict(body, username="ext", databaseName="$external")
    answer = session.post(sim.url + USERS_PATH, json=wrong_database, headers={"Accept": V2023, "Content-Type": V2023}, timeout=10)
    assert answer.status_code == 400 and "databaseName" in answer.json()["detail"]


def test_update_password_always_without_a_password_warns_and_changes_nothing(sim, run_module):
    result = run(sim, run_module, username=DATABASE_USERNAME, update_password="always")
    assert result["changed"] is False and sim.writes() == []
    assert warnings(result) == ["update_password=always has no effect without password."]
