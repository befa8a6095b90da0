"""Database users of a project: list, create, get, update, delete.

A database user is named by its authentication database and its username
(``/groups/{groupId}/databaseUsers/{databaseName}/{username}``); usernames that are ARNs, DNs or
OIDC names travel percent-encoded in that one path segment. Kept in the project's seed list
``database_users`` in Atlas' field names (``CloudDatabaseUser``). What the simulator enforces:

- One authentication type per user (at most one of ``x509Type``, ``awsIAMType``, ``ldapAuthType``,
  ``oidcAuthType`` other than ``NONE``; none for SCRAM) and its authentication database, as the spec
  describes ``databaseName``: ``admin`` for SCRAM and OIDC Workforce (``oidcAuthType: IDP_GROUP``),
  ``$external`` for AWS IAM, X.509, LDAP users and OIDC Workload. An LDAP group uses ``admin``: the
  spec's own "LDAP Authentication" example and MongoDB's documented curl example both send
  ``ldapAuthType: GROUP`` with ``databaseName: admin``.
- A password for SCRAM users only (required on create). It is kept as a SHA-256 digest in the user's
  ``_sim`` bookkeeping (``password_sha256``), never in clear and never in an answer; a seed may give
  ``password`` in clear, which is replaced by its digest when the seed is loaded.
- Role names: the spec's built-in roles, or a custom role the project's seed list ``custom_db_roles``
  names. ``collectionName`` only with ``read`` and ``readWrite`` (as the Terraform provider documents),
  and the built-in roles that only exist on ``admin`` only there.
- ``deleteAfterDate``: in the future and at most a week ahead (the spec's rule); a temporary user is
  gone once that time has passed on the simulated clock (it is removed when the project is read).
- A PATCH changes only the fields it sends; it cannot rename the user or change its type.

Error codes: ``USERNAME_NOT_FOUND`` for a missing user is what MongoDB's Atlas Kubernetes operator
reads as "no such database user". ``USER_ALREADY_EXISTS`` (409) for a duplicate and the 400 codes
are not documented anywhere we could read: each is marked "(guess)".
"""

import hashlib
from datetime import timedelta
from urllib.parse import quote

from .. import errors
from ..clock import format_time, parse_time
from .common import Family, Reply, find_project, paginated, public

AUTH_TYPE_FIELDS = ("x509Type", "awsIAMType", "ldapAuthType", "oidcAuthType")
# (field, value) of each authentication type but SCRAM -> its authentication database.
AUTH_DATABASES = {
    ("x509Type", "MANAGED"): "$external",
    ("x509Type", "CUSTOMER"): "$external",
    ("awsIAMType", "USER"): "$external",
    ("awsIAMType", "ROLE"): "$external",
    ("ldapAuthType", "USER"): "$external",
    ("ldapAuthType", "GROUP"): "admin",
    ("oidcAuthType", "USER"): "$external",
    ("oidcAuthType", "IDP_GROUP"): "admin",
}
# DatabaseUserRole.roleName's enum in the spec, without its "<a custom role name>" placeholder.
BUILT_IN_ROLES = (
    "atlasAdmin",
    "backup",
    "clusterMonitor",
    "dbAdmin",
    "dbAdminAnyDatabase",
    "enableSharding",
    "read",
    "readAnyDatabase",
    "readWrite",
    "readWriteAnyDatabase",
)
# Roles that MongoDB only defines on the admin database.
ADMIN_ONLY_ROLES = ("atlasAdmin", "backup", "clusterMonitor", "dbAdminAnyDatabase", "enableSharding", "readAnyDatabase", "readWriteAnyDatabase")
COLLECTION_ROLES = ("read", "readWrite")
MAX_TEMPORARY_LIFETIME = timedelta(days=7)
REPLACEABLE_FIELDS = ("roles", "scopes", "labels", "description", "deleteAfterDate")


def password_digest(password):
    """How the simulator keeps a password: its SHA-256, so that tests can check it without a clear copy."""
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def normalize_database_user(user, now):
    """Fill in Atlas' defaults; a clear ``password`` of a seed becomes its digest."""
    user.setdefault("databaseName", "admin")
    for field in AUTH_TYPE_FIELDS:
        user.setdefault(field, "NONE")
    user.setdefault("roles", [])
    user.setdefault("scopes", [])
    user.setdefault("labels", [])
    bookkeeping = user.setdefault("_sim", {})
    password = user.pop("password", None)
    if password:
        bookkeeping["password_sha256"] = password_digest(password)
    return user


def _not_found(username):
    return errors.not_found(f"No user with username {username} exists.", username, code="USERNAME_NOT_FOUND")


def _expire_temporary_users(call, project):
    """Temporary users are gone once their deleteAfterDate has passed."""
    kept = [u for u in project["database_users"] if not u.get("deleteAfterDate") or parse_time(u["deleteAfterDate"]) > call.now]
    if len(kept) != len(project["database_users"]):
        project["database_users"] = kept
        call.store.mark_changed()


def _current_project(call):
    project = find_project(call)
    project.setdefault("database_users", [])
    _expire_temporary_users(call, project)
    return project


def _find_user(call, project):
    database, username = call.path["databaseName"], call.path["username"]
    for user in project["database_users"]:
        if user["databaseName"] == database and user["username"] == username:
            return user
    raise _not_found(username)


def _render(call, project, user):
    body = public(user)
    database, username = quote(user["databaseName"], safe=""), quote(user["username"], safe="")
    path = f"/api/atlas/v2/groups/{project['id']}/databaseUsers/{database}/{username}"
    body["links"] = [call.self_link(path)]
    return body


def _auth_type(user):
    """(field, value) of the user's authentication type, or None for SCRAM; 400 when it has several."""
    chosen = [(field, user.get(field)) for field in AUTH_TYPE_FIELDS if user.get(field, "NONE") != "NONE"]
    if len(chosen) > 1:
        raise errors.invalid_attribute(  # (guess)
            chosen[1][0], f"A database user has one authentication type; got {', '.join('%s=%s' % c for c in chosen)}."
        )
    return chosen[0] if chosen else None


def _check_auth(user):
    auth = _auth_type(user)
    expected = AUTH_DATABASES[auth] if auth else "admin"
    if user["databaseName"] != expected:
        kind = "SCRAM" if auth is None else "%s %s" % auth
        raise errors.invalid_attribute(  # (guess)
            "databaseName", f"A {kind} user authenticates against the {expected} database, not {user['databaseName']}."
        )
    has_password = bool(user.get("password"))
    if auth is None and not has_password and not user.get("_sim", {}).get("password_sha256"):
        raise errors.missing_attribute("password")
    if auth is not None and has_password:
        raise errors.invalid_attribute("password", "Only SCRAM users have a password.")  # (guess)


def _check_roles(project, roles):
    custom = set(project.get("custom_db_roles") or [])
    for role in roles:
        name = role["roleName"]
        if name not in BUILT_IN_ROLES and name not in custom:
            raise errors.invalid_attribute("roles", f"{name} is neither a built-in role nor a custom role of this project.")
        if name in ADMIN_ONLY_ROLES and role["databaseName"] != "admin":
            raise errors.invalid_attribute("roles", f"{name} can only be granted on the admin database.")
        if role.get("collectionName") and name not in COLLECTION_ROLES:
            raise errors.invalid_attribute("roles", f"A collection can only be given with the read and readWrite roles, not {name}.")


def _check_delete_after(call, value):
    if value is None:
        return None
    moment = parse_time(value)
    if moment <= call.now or moment > call.now + MAX_TEMPORARY_LIFETIME:
        raise errors.invalid_attribute(  # (guess)
            "deleteAfterDate", "The date must be in the future and within one week of the request."
        )
    return format_time(moment)


def _check_group(call, body):
    if body.get("groupId") not in (None, call.path["groupId"]):
        raise errors.invalid_attribute("groupId", "The groupId of the body must be the project of the path.")  # (guess)


def _store_password(user, password):
    if password:
        user.setdefault("_sim", {})["password_sha256"] = password_digest(password)


def list_users(call):
    project = _current_project(call)
    return Reply(200, paginated(call, project["database_users"], lambda user: _render(call, project, user)))


def create_user(call):
    project = _current_project(call)
    body = dict(call.body)
    _check_group(call, body)
    body.pop("groupId", None)
    for field in AUTH_TYPE_FIELDS:
        body.setdefault(field, "NONE")
    _check_auth(body)
    _check_roles(project, body.get("roles") or [])
    for existing in project["database_users"]:
        if existing["databaseName"] == body["databaseName"] and existing["username"] == body["username"]:
            raise errors.conflict(  # (guess: USER_ALREADY_EXISTS)
                "USER_ALREADY_EXISTS", f"The user {body['username']} already exists.", body["username"]
            )
    password = body.pop("password", None)
    if body.get("deleteAfterDate") is not None:
        body["deleteAfterDate"] = _check_delete_after(call, body["deleteAfterDate"])
    user = normalize_database_user(body, call.now)
    _store_password(user, password)
    project["database_users"].append(user)
    return Reply(201, _render(call, project, user))


def get_user(call):
    project = _current_project(call)
    return Reply(200, _render(call, project, _find_user(call, project)))


def update_user(call):
    project = _current_project(call)
    user = _find_user(call, project)
    body = call.body
    _check_group(call, body)
    for field in ("username", "databaseName"):
        if body.get(field) not in (None, user[field]):
            raise errors.invalid_attribute(field, f"The {field} of a database user cannot be changed.")  # (guess)
    for field in AUTH_TYPE_FIELDS:
        if body.get(field) not in (None, user[field]):
            raise errors.invalid_attribute(field, "The authentication type of a database user cannot be changed.")  # (guess)
    if body.get("password") and _auth_type(user) is not None:
        raise errors.invalid_attribute("password", "Only SCRAM users have a password.")  # (guess)
    if "roles" in body:
        _check_roles(project, body["roles"])
    delete_after = _check_delete_after(call, body.get("deleteAfterDate"))
    for field in REPLACEABLE_FIELDS:
        if field in body:
            user[field] = delete_after if field == "deleteAfterDate" else body[field]
    _store_password(user, body.get("password"))
    return Reply(200, _render(call, project, user))


def delete_user(call):
    project = _current_project(call)
    project["database_users"].remove(_find_user(call, project))
    return Reply(204)


FAMILY = Family(
    handlers={
        "listGroupDatabaseUsers": list_users,
        "createGroupDatabaseUser": create_user,
        "getGroupDatabaseUser": get_user,
        "updateGroupDatabaseUser": update_user,
        "deleteGroupDatabaseUser": delete_user,
    },
    project_lists={"database_users": lambda user, seeding: normalize_database_user(user, seeding.now)},
)
