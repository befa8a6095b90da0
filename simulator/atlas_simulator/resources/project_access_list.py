"""The project IP access list: who may connect to the project's clusters.

Stored in each project's ``access_list`` as sent: ``ipAddress``, ``cidrBlock`` or
``awsSecurityGroup``, with ``comment`` and ``deleteAfterDate`` when set. Shown as real Atlas shows
it (recorded answers): an address also as its host block (``cidrBlock: 192.0.2.1/32``), every entry
with its ``groupId`` and a self link naming it with its ``/`` as ``%2F``.

- POST takes an array and answers 201 with the whole list (Atlas' answer; the spec says 200). An
  entry already on the list is updated: the ``comment`` and ``deleteAfterDate`` it is sent with
  replace the stored ones (an inference: no recorded answer shows an update; the collection's
  modules send the attributes they do not manage again, and check the list afterwards).
- A temporary entry (``deleteAfterDate``) disappears once the simulated clock passes its date
  (``POST /__sim__/clock`` moves it); the date must be in the future and at most a week ahead.
- An AWS security group needs a peering connection in the project:
  ``400 CANNOT_USE_AWS_SECURITY_GROUP_WITHOUT_VPC_PEERING_CONNECTION`` (Atlas' published error code
  table); it cannot be temporary.
- A project holds at most 200 entries (Atlas' default limit; a project's ``access_list_limit``
  raises it), beyond which a POST gets ``403 ATLAS_NETWORK_PERMISSIONS_LIMIT_EXCEEDED`` (the table).
- GET and DELETE of an entry that is not there: ``404 ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND``
  (seen from real Atlas).

Entries are matched by the addresses they mean (``192.0.2.1`` is ``192.0.2.1/32``; IPv6 in any form).
"""

import ipaddress
from datetime import timedelta
from urllib.parse import quote

from .. import errors
from ..clock import format_time, parse_time
from .common import Family, Reply, find_project, paginated

DEFAULT_LIMIT = 200
MAX_TEMPORARY = timedelta(days=7)
ENTRY_FIELDS = ("ipAddress", "cidrBlock", "awsSecurityGroup")


def normalize_entry(entry, seeding):
    return entry


def _key(value):
    """What an entry value means: its network (an address is a host network), or a security group id."""
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        return str(value).lower()


def _entry_value(entry):
    return next(entry[field] for field in ENTRY_FIELDS if entry.get(field))


def _live_entries(call, project):
    """The project's list without the temporary entries whose time has come (removed for good)."""
    entries = project.setdefault("access_list", [])
    expired = [e for e in entries if e.get("deleteAfterDate") and parse_time(e["deleteAfterDate"]) <= call.now]
    for entry in expired:
        entries.remove(entry)
    return entries


def render_entry(call, project, entry):
    body = {"groupId": project["id"]}
    if entry.get("ipAddress"):
        address = ipaddress.ip_address(entry["ipAddress"])
        body["ipAddress"] = entry["ipAddress"]
        body["cidrBlock"] = f"{entry['ipAddress']}/{address.max_prefixlen}"
    elif entry.get("cidrBlock"):
        body["cidrBlock"] = entry["cidrBlock"]
    else:
        body["awsSecurityGroup"] = entry["awsSecurityGroup"]
    for field in ("comment", "deleteAfterDate"):
        if entry.get(field):
            body[field] = entry[field]
    name = body.get("cidrBlock") or body["awsSecurityGroup"]
    body["links"] = [call.self_link(f"/api/atlas/v2/groups/{project['id']}/accessList/{quote(name, safe='')}")]
    return body


def _checked(call, project, index, entry):
    given = [field for field in ENTRY_FIELDS if entry.get(field) is not None]
    if len(given) != 1:
        raise errors.bad_request(  # (guess: INVALID_ATTRIBUTE)
            "INVALID_ATTRIBUTE",
            "Each access list entry needs exactly one of ipAddress, cidrBlock and awsSecurityGroup.",
            f"[{index}]",
            field=f"[{index}]",
        )
    field = given[0]
    if field == "cidrBlock":
        try:
            ipaddress.ip_network(entry["cidrBlock"])
        except ValueError:
            raise errors.invalid_attribute(f"[{index}].cidrBlock", f"{entry['cidrBlock']} is not a network in CIDR notation.")
    if field == "ipAddress":
        try:
            ipaddress.ip_address(entry["ipAddress"])
        except ValueError:
            raise errors.invalid_attribute(f"[{index}].ipAddress", f"{entry['ipAddress']} is not an IP address.")
    if field == "awsSecurityGroup":
        if entry.get("deleteAfterDate"):
            raise errors.invalid_attribute(  # (guess: the code; the rule is the spec's)
                f"[{index}].deleteAfterDate", "AWS security groups cannot be temporary access list entries."
            )
        if not any(peer.get("providerName", "AWS") == "AWS" for peer in project.get("peers") or []):
            raise errors.bad_request(
                "CANNOT_USE_AWS_SECURITY_GROUP_WITHOUT_VPC_PEERING_CONNECTION",
                "Cannot use aws security groups as whitelist entries without a vpc peering connection.",
            )
    checked = {field: entry[field]}
    if entry.get("comment") is not None:
        checked["comment"] = entry["comment"]
    if entry.get("deleteAfterDate"):
        moment = parse_time(entry["deleteAfterDate"])
        if not call.now < moment <= call.now + MAX_TEMPORARY:
            raise errors.invalid_attribute(  # (guess: the code; the rule is the spec's)
                f"[{index}].deleteAfterDate", "The date must be later than now and no later than one week from now."
            )
        checked["deleteAfterDate"] = format_time(moment)
    return checked


def list_entries(call):
    project = find_project(call)
    return Reply(200, paginated(call, _live_entries(call, project), lambda entry: render_entry(call, project, entry)))


def add_entries(call):
    project = find_project(call)
    entries = _live_entries(call, project)
    additions = [_checked(call, project, index, entry) for index, entry in enumerate(call.body)]
    by_key = {_key(_entry_value(entry)): entry for entry in entries}
    new = [entry for entry in additions if _key(_entry_value(entry)) not in by_key]
    limit = project.get("access_list_limit", DEFAULT_LIMIT)
    if len(by_key) + len({_key(_entry_value(entry)) for entry in new}) > limit:
        raise errors.AtlasError(
            403, "ATLAS_NETWORK_PERMISSIONS_LIMIT_EXCEEDED", f"Too many network permission entries. Only {limit} entries are supported.", [limit]
        )
    for entry in additions:
        key = _key(_entry_value(entry))
        if key in by_key:
            # Sent again: its comment and expiry are replaced by what this request says.
            stored = by_key[key]
            for field in ("comment", "deleteAfterDate"):
                stored.pop(field, None)
                if field in entry:
                    stored[field] = entry[field]
        else:
            entries.append(entry)
            by_key[key] = entry
    return Reply(201, paginated(call, entries, lambda entry: render_entry(call, project, entry)))


def _find_entry(call, project):
    value = call.path["entryValue"]
    for entry in _live_entries(call, project):
        if _key(_entry_value(entry)) == _key(value):
            return entry
    raise errors.not_found(
        f"IP Address {value} not on Atlas access list for group {project['id']}.",
        value,
        project["id"],
        code="ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND",
    )


def get_entry(call):
    project = find_project(call)
    return Reply(200, render_entry(call, project, _find_entry(call, project)))


def delete_entry(call):
    project = find_project(call)
    project["access_list"].remove(_find_entry(call, project))
    return Reply(204)


FAMILY = Family(
    handlers={
        "listGroupAccessListEntries": list_entries,
        "createGroupAccessListEntry": add_entries,
        "getGroupAccessListEntry": get_entry,
        "deleteGroupAccessListEntry": delete_entry,
    },
    project_lists={"access_list": normalize_entry},
)
