"""Database users: create, get, update, delete, list, the rules per authentication type, temporary
users, and passwords that are kept but never shown."""

import hashlib
import json
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import pytest

from atlas_simulator.clock import format_time
from sim_helpers import PROJECT, assert_atlas_error, seed_ids

V = "2023-01-01"
USERS = f"{PROJECT}/databaseUsers"
PASSWORD = "orders-Pa55word-one"
READ = [{"databaseName": "orders", "roleName": "read"}]


def user_path(database, username):
    return f"{USERS}/{quote(database, safe='')}/{quote(username, safe='')}"


def create(atlas, **fields):
    body = {"groupId": seed_ids.PROJECT_ID, "databaseName": "admin", "roles": READ, **fields}
    return atlas.post(USERS, V, json=body)


def stored(control, username):
    project = next(p for p in control.state()["projects"] if p["id"] == seed_ids.PROJECT_ID)
    return next((user for user in project["database_users"] if user["username"] == username), None)


def test_a_scram_user_is_created_with_its_password_kept_as_a_digest_and_never_returned(atlas, control):
    response = create(atlas, username="app-orders", password=PASSWORD)
    assert response.status_code == 201, response.text
    body = response.json()
    assert "password" not in body and "groupId" not in body
    assert body["awsIAMType"] == body["x509Type"] == body["ldapAuthType"] == body["oidcAuthType"] == "NONE"
    assert body["links"][0]["href"].endswith("/databaseUsers/admin/app-orders")
    assert "password" not in atlas.get(user_path("admin", "app-orders"), V).json()
    state_text = json.dumps(control.state())
    assert PASSWORD not in state_text and seed_ids.DATABASE_USER_PASSWORD not in state_text
    assert stored(control, "app-orders")["_sim"]["password_sha256"] == hashlib.sha256(PASSWORD.encode()).hexdigest()
    logged = [entry for entry in control.get("requests") if entry["method"] == "POST"]
    assert logged[-1]["body"]["password"] == "<redacted>"


@pytest.mark.parametrize(
    "fields",
    [
        {"username": "CN=app,DC=example,DC=com", "databaseName": "$external", "x509Type": "CUSTOMER"},
        {"username": "app-certs", "databaseName": "$external", "x509Type": "MANAGED"},
        {"username": "arn:aws:iam::123456789012:role/app", "databaseName": "$external", "awsIAMType": "ROLE"},
        {"username": "CN=jane,DC=example,DC=com", "databaseName": "$external", "ldapAuthType": "USER"},
        {"username": "CN=analysts,DC=example,DC=com", "databaseName": "admin", "ldapAuthType": "GROUP"},
        {"username": "5dd7496c7a3e5a648454341c/sales", "databaseName": "admin", "oidcAuthType": "IDP_GROUP"},
        {"username": "5dd7496c7a3e5a648454341c/jane", "databaseName": "$external", "oidcAuthType": "USER"},
    ],
)
def test_each_authentication_type_in_its_database_and_found_by_its_encoded_path(atlas, fields):
    assert create(atlas, **fields).status_code == 201
    response = atlas.get(user_path(fields["databaseName"], fields["username"]), V)
    assert response.status_code == 200 and response.json()["username"] == fields["username"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"username": "app", "databaseName": "$external", "password": PASSWORD}, "databaseName"),
        ({"username": "arn:aws:iam::123456789012:role/app", "databaseName": "admin", "awsIAMType": "ROLE"}, "databaseName"),
        ({"username": "CN=a,DC=b", "databaseName": "$external", "x509Type": "CUSTOMER", "password": PASSWORD}, "password"),
        ({"username": "CN=a,DC=b", "databaseName": "$external", "x509Type": "CUSTOMER", "ldapAuthType": "USER"}, "ldapAuthType"),
        ({"username": "app", "databaseName": "admin", "password": PASSWORD, "roles": [{"databaseName": "orders", "roleName": "atlasAdmin"}]}, "roles"),
        (
            {"username": "app", "databaseName": "admin", "password": PASSWORD, "roles": [{"databaseName": "o", "roleName": "dbAdmin", "collectionName": "c"}]},
            "roles",
        ),
        ({"username": "app", "databaseName": "admin", "password": PASSWORD, "roles": [{"databaseName": "o", "roleName": "unknownRole"}]}, "roles"),
    ],
)
def test_what_atlas_refuses(atlas, fields, field):
    body = assert_atlas_error(create(atlas, **fields), 400, "INVALID_ATTRIBUTE")
    assert body["badRequestDetail"]["fields"][0]["field"] == field


def test_a_scram_user_needs_a_password(atlas):
    assert_atlas_error(create(atlas, username="app"), 400, "MISSING_ATTRIBUTE")


def test_a_custom_role_of_the_project_is_accepted(atlas, control):
    state = control.state()
    next(p for p in state["projects"] if p["id"] == seed_ids.PROJECT_ID)["custom_db_roles"] = ["ordersAuditor"]
    control.set_state(state)
    roles = [{"databaseName": "orders", "roleName": "ordersAuditor"}]
    assert create(atlas, username="auditor", password=PASSWORD, roles=roles).status_code == 201


def test_a_duplicate_is_409_and_a_missing_user_404(atlas):
    assert_atlas_error(create(atlas, username=seed_ids.DATABASE_USERNAME, password=PASSWORD), 409, "USER_ALREADY_EXISTS")
    assert_atlas_error(atlas.get(user_path("admin", "nobody"), V), 404, "USERNAME_NOT_FOUND")
    assert_atlas_error(atlas.delete(user_path("$external", seed_ids.DATABASE_USERNAME), V), 404, "USERNAME_NOT_FOUND")


def test_a_patch_changes_only_what_it_sends(atlas, control):
    path = user_path("admin", seed_ids.DATABASE_USERNAME)
    before = atlas.get(path, V).json()
    body = {"groupId": seed_ids.PROJECT_ID, "databaseName": "admin", "username": seed_ids.DATABASE_USERNAME, "roles": READ}
    after = atlas.patch(path, V, json=body).json()
    assert after["roles"] == READ
    assert after["scopes"] == before["scopes"] and after["labels"] == before["labels"] and after["description"] == before["description"]
    digest = stored(control, seed_ids.DATABASE_USERNAME)["_sim"]["password_sha256"]
    assert digest == hashlib.sha256(seed_ids.DATABASE_USER_PASSWORD.encode()).hexdigest()
    atlas.patch(path, V, json=dict(body, password=PASSWORD)).raise_for_status()
    assert stored(control, seed_ids.DATABASE_USERNAME)["_sim"]["password_sha256"] == hashlib.sha256(PASSWORD.encode()).hexdigest()
    assert_atlas_error(atlas.patch(path, V, json=dict(body, username="other")), 400, "INVALID_ATTRIBUTE")
    assert_atlas_error(atlas.patch(path, V, json=dict(body, ldapAuthType="GROUP")), 400, "INVALID_ATTRIBUTE")


def test_delete_and_list_with_pages(atlas):
    for n in range(4):
        assert create(atlas, username=f"u{n}", password=PASSWORD).status_code == 201
    page = atlas.get(USERS, V, params={"itemsPerPage": 2, "pageNum": 3}).json()
    assert [u["username"] for u in page["results"]] == ["u3"] and page["totalCount"] == 5
    assert atlas.delete(user_path("admin", "u3"), V).status_code == 204
    assert atlas.get(USERS, V).json()["totalCount"] == 4


def test_a_temporary_user_is_gone_once_its_date_has_passed(atlas, control):
    now = datetime.now(timezone.utc)
    assert_atlas_error(create(atlas, username="t", password=PASSWORD, deleteAfterDate=format_time(now + timedelta(days=8))), 400, "INVALID_ATTRIBUTE")
    assert_atlas_error(create(atlas, username="t", password=PASSWORD, deleteAfterDate=format_time(now - timedelta(hours=1))), 400, "INVALID_ATTRIBUTE")
    assert create(atlas, username="t", password=PASSWORD, deleteAfterDate=format_time(now + timedelta(hours=2))).status_code == 201
    assert atlas.get(user_path("admin", "t"), V).status_code == 200
    control.advance(3 * 3600)
    assert_atlas_error(atlas.get(user_path("admin", "t"), V), 404, "USERNAME_NOT_FOUND")


def test_a_seed_password_in_clear_becomes_a_digest_and_the_state_round_trips(control):
    state = control.state()
    project = next(p for p in state["projects"] if p["id"] == seed_ids.PROJECT_ID)
    project["database_users"].append({"username": "seeded", "password": "seeded-Pa55word", "roles": READ})
    control.set_state(state)
    text = json.dumps(control.state())
    assert "seeded-Pa55word" not in text
    assert hashlib.sha256(b"seeded-Pa55word").hexdigest() in text
    control.set_state(control.state())
    assert stored(control, "seeded")["_sim"]["password_sha256"] == hashlib.sha256(b"seeded-Pa55word").hexdigest()
