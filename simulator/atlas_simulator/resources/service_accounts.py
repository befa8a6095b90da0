"""Service accounts (get) and their IP access lists, at organization and at project level.

The org-level access list belongs to the service account (top-level ``service_accounts`` of the
state); the project-level one to the account's entry in the project's ``service_accounts``.
A POST adds up to 200 entries (each ``ipAddress`` xor ``cidrBlock``; entries already present are
kept as they are) and answers the whole list; a DELETE takes one entry, a CIDR's ``/`` sent as
``%2F``, and refuses to remove the address the request comes from.
"""

import ipaddress
from datetime import timedelta

from .. import errors
from ..clock import format_time, parse_time
from ..ids import object_id
from .common import Reply, find_org, find_project, paginated, public

SECRET_LIFETIME = timedelta(days=365)


def normalize_access_entry(entry, now):
    entry.setdefault("createdAt", format_time(now))
    entry.setdefault("requestCount", 0)
    return entry


def normalize_org_service_account(account, now):
    account.setdefault("name", account["client_id"])
    account.setdefault("description", "")
    account.setdefault("roles", ["ORG_MEMBER"])
    account.setdefault("createdAt", format_time(now))
    account.setdefault("secret_id", object_id(now))
    account.setdefault("secret_expires_at", format_time(parse_time(account["createdAt"]) + SECRET_LIFETIME))
    account["access_list"] = [normalize_access_entry(e, now) for e in account.get("access_list", [])]
    return account


def normalize_project_service_account(account, now):
    account.setdefault("roles", ["GROUP_READ_ONLY"])
    account["access_list"] = [normalize_access_entry(e, now) for e in account.get("access_list", [])]
    return account


def _org_account(call):
    org = find_org(call)
    for account in call.state["service_accounts"]:
        if account["client_id"] == call.path["clientId"] and account["org_id"] == org["id"]:
            return account
    raise errors.not_found(
        f"No service account {call.path['clientId']} exists in this organization.", call.path["clientId"]
    )


def _project_account(call):
    project = find_project(call)
    for account in project["service_accounts"]:
        if account["client_id"] == call.path["clientId"]:
            return account
    raise errors.not_found(f"Service account {call.path['clientId']} is not in this project.", call.path["clientId"])


def _owning_account(call):
    for account in call.state["service_accounts"]:
        if account["client_id"] == call.path["clientId"]:
            return account
    raise errors.not_found(f"No service account {call.path['clientId']} exists.", call.path["clientId"])


def _render_account(account, roles):
    secret = account.get("client_secret", "")
    return {
        "clientId": account["client_id"],
        "name": account["name"],
        "createdAt": account["createdAt"],
        "roles": list(roles),
        "secrets": [
            {
                "id": account["secret_id"],
                "createdAt": account["createdAt"],
                "expiresAt": account["secret_expires_at"],
                "maskedSecretValue": f"mdb_sa_sk_****{secret[-4:]}",
            }
        ],
    }


def get_org_account(call):
    account = _org_account(call)
    return Reply(200, _render_account(account, account["roles"]))


def get_project_account(call):
    membership = _project_account(call)
    return Reply(200, _render_account(_owning_account(call), membership["roles"]))


# --- Access lists --------------------------------------------------------------------------------
def _entry_key(entry):
    return entry.get("ipAddress") or entry.get("cidrBlock")


def _checked_entry(index, entry):
    has_ip, has_cidr = entry.get("ipAddress") is not None, entry.get("cidrBlock") is not None
    if has_ip == has_cidr:
        raise errors.bad_request(
            "INVALID_ATTRIBUTE",
            "Each access list entry needs either ipAddress or cidrBlock, not both.",
            f"[{index}]",
            field=f"[{index}]",
            description="exactly one of ipAddress and cidrBlock",
        )
    if has_cidr:
        try:
            ipaddress.ip_network(entry["cidrBlock"])
        except ValueError:
            raise errors.invalid_attribute(
                f"[{index}].cidrBlock", f"{entry['cidrBlock']} is not a network in CIDR notation."
            )
        return {"cidrBlock": entry["cidrBlock"]}
    return {"ipAddress": entry["ipAddress"]}


def _list(call, entries):
    return Reply(200, paginated(call, entries, public))


def _add(call, entries):
    additions = [_checked_entry(i, entry) for i, entry in enumerate(call.body)]
    present = {_entry_key(e) for e in entries}
    for entry in additions:
        if _entry_key(entry) not in present:
            entries.append(normalize_access_entry(entry, call.now))
            present.add(_entry_key(entry))
    call.store.mark_changed()
    return Reply(200, paginated(call, entries, public))


def _covers_caller(entry, caller_address):
    try:
        caller = ipaddress.ip_address(caller_address)
        if "ipAddress" in entry:
            return ipaddress.ip_address(entry["ipAddress"]) == caller
        return caller in ipaddress.ip_network(entry["cidrBlock"], strict=False)
    except ValueError:
        return False


def _remove(call, entries):
    value = call.path["ipAddress"]  # already checked to be an address or a CIDR block
    for entry in entries:
        if _entry_key(entry) == value:
            if _covers_caller(entry, call.caller.remote_addr):
                raise errors.bad_request(  # (guess: CANNOT_REMOVE_CALLER_ACCESS_LIST_ENTRY)
                    "CANNOT_REMOVE_CALLER_ACCESS_LIST_ENTRY",
                    f"Cannot remove {value}: the request comes from {call.caller.remote_addr}.",
                    value,
                )
            entries.remove(entry)
            call.store.mark_changed()
            return Reply(204)
    raise errors.not_found(f"No access list entry {value} exists for this service account.", value)


HANDLERS = {
    "getOrgServiceAccount": get_org_account,
    "getGroupServiceAccount": get_project_account,
    "listOrgServiceAccountAccessList": lambda call: _list(call, _org_account(call)["access_list"]),
    "createOrgServiceAccountAccessList": lambda call: _add(call, _org_account(call)["access_list"]),
    "deleteOrgServiceAccountAccessListEntry": lambda call: _remove(call, _org_account(call)["access_list"]),
    "listGroupServiceAccountAccessList": lambda call: _list(call, _project_account(call)["access_list"]),
    "createGroupServiceAccountAccessList": lambda call: _add(call, _project_account(call)["access_list"]),
    "deleteGroupServiceAccountAccessListEntry": lambda call: _remove(call, _project_account(call)["access_list"]),
}
