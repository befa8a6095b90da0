"""Service accounts (get) and their IP access lists, at organization and at project level.

The org-level access list belongs to the service account (top-level ``service_accounts`` of the
state); the project-level one to the account's entry in the project's ``service_accounts``.
A POST adds up to 200 entries (each ``ipAddress`` xor ``cidrBlock``; entries already present are
kept as they are) and answers the whole list; a DELETE takes one entry, a CIDR's ``/`` sent as
``%2F``, and refuses to remove the address the request comes from.

Entries are matched by the addresses they mean, not by their text (inference: Atlas parses them):
``2001:db8::1`` and ``2001:db8:0:0:0:0:0:1`` are one entry, and so are ``192.0.2.1`` and
``192.0.2.1/32``, both when a POST skips entries already present and when a DELETE finds its entry.
"""

import ipaddress
from datetime import timedelta

from .. import errors
from ..clock import format_time, parse_time
from ..ids import object_id
from .common import Family, Reply, find, find_org, find_project, paginated, public

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
    org, client_id = find_org(call), call.path["clientId"]
    missing = errors.not_found(f"No service account {client_id} exists in this organization.", client_id)
    return find(call.state["service_accounts"], lambda a: (a["client_id"], a["org_id"]), (client_id, org["id"]), missing)


def _project_account(call):
    client_id = call.path["clientId"]
    missing = errors.not_found(f"Service account {client_id} is not in this project.", client_id)
    return find(find_project(call)["service_accounts"], "client_id", client_id, missing)


def _owning_account(call):
    client_id = call.path["clientId"]
    missing = errors.not_found(f"No service account {client_id} exists.", client_id)
    return find(call.state["service_accounts"], "client_id", client_id, missing)


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
def _same_entry_key(value):
    """What an address or CIDR block means: its network, a single address being a host network."""
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        return value


def _entry_key(entry):
    return _same_entry_key(entry.get("ipAddress") or entry.get("cidrBlock"))


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
        if _entry_key(entry) == _same_entry_key(value):
            if _covers_caller(entry, call.caller.remote_addr):
                raise errors.bad_request(  # (guess: CANNOT_REMOVE_CALLER_ACCESS_LIST_ENTRY)
                    "CANNOT_REMOVE_CALLER_ACCESS_LIST_ENTRY",
                    f"Cannot remove {value}: the request comes from {call.caller.remote_addr}.",
                    value,
                )
            entries.remove(entry)
            return Reply(204)
    raise errors.not_found(f"No access list entry {value} exists for this service account.", value)


FAMILY = Family(
    handlers={
        "getOrgServiceAccount": get_org_account,
        "getGroupServiceAccount": get_project_account,
        "listOrgServiceAccountAccessList": lambda call: _list(call, _org_account(call)["access_list"]),
        "createOrgServiceAccountAccessList": lambda call: _add(call, _org_account(call)["access_list"]),
        "deleteOrgServiceAccountAccessListEntry": lambda call: _remove(call, _org_account(call)["access_list"]),
        "listGroupServiceAccountAccessList": lambda call: _list(call, _project_account(call)["access_list"]),
        "createGroupServiceAccountAccessList": lambda call: _add(call, _project_account(call)["access_list"]),
        "deleteGroupServiceAccountAccessListEntry": lambda call: _remove(call, _project_account(call)["access_list"]),
    },
    state_lists={"service_accounts": lambda account, seeding: normalize_org_service_account(account, seeding.now)},
    project_lists={
        "service_accounts": lambda account, seeding: normalize_project_service_account(account, seeding.now)
    },
)
