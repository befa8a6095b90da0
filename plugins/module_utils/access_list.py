# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The access-list core: one read -> compare -> act for every Atlas IP access list.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

atlas_sa_access_list (a service account's list) and atlas_project_ip_access_list (a project's list)
are this core plus their options. A list is named by an AccessList (its endpoints and the words
messages use); the task's wish is {normalised entry: {Atlas attribute: value}}:

    wanted = dict((entry, {}) for entry in normalise_entries(params["entries"]))
    manage(module, AccessList(LIST, ENTRY, "ipAddress", dict(orgId=org_id, clientId=account), "service account ..."),
           wanted, state=params["state"], purge=params["purge"])

Entries are compared as a set of normalised entries: a host CIDR block is its address, IPv6 is
compressed, an AWS security group is its id. Attributes (comment, deleteAfterDate) are compared
only where the task sets them, and changed by POSTing the entry again (Atlas' way to update one).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

from .errors import AtlasApiError
from .options import state_option, warn_ignored
from .resource import diff_result, plan_set
from .validation import AtlasInputError, ip_address, timestamp

# The spec's maxItems of the POST body: the most entries one request may add.
MAX_ENTRIES_PER_POST = 200
ENTRY_FORM = "an IPv4 or IPv6 address or CIDR block such as 203.0.113.10, 198.51.100.0/24 or 2001:db8::/48"
SECURITY_GROUP_RE = re.compile(r"^sg-[0-9a-f]{8}(?:[0-9a-f]{9})?$")
# The attributes an entry may carry besides its address, in Atlas' names.
ATTRIBUTES = ("comment", "deleteAfterDate")
# How many refused entries a failure message names before it says "and N more".
NAMED_IN_MESSAGES = 5


class AccessList:
    """One access list: its list and entry endpoints, the entry's path parameter, the path
    parameters of its owner, and the owner in words ("project 5f1e...", "service account ... in ...")."""

    def __init__(self, list_path, entry_path, entry_param, path_params, owner, refusal_hint=""):
        self.list_path = list_path
        self.entry_path = entry_path
        self.entry_param = entry_param
        self.path_params = path_params
        self.owner = owner
        # Said after a refused removal: why Atlas refuses, and what to do.
        self.refusal_hint = refusal_hint


# -- normalisation ---------------------------------------------------------------------------------


def normalise_entry(value, option):
    """An entry as the module compares it: the compressed address, or the network in CIDR notation.

    A host block (/32, /128) is its address. A block with host bits set is rejected (it is ambiguous).
    Raises AtlasInputError naming OPTION and the value.
    """
    text = str(value).strip()
    # ipaddress accepts IPv6 zone ids (fe80::1%eth0), which Atlas has no use for.
    if "%" in text or not text:
        raise AtlasInputError("%s must be %s, got %r" % (option, ENTRY_FORM, value))
    try:
        network = ipaddress.ip_network(text, strict=True)
    except ValueError:
        try:
            network = ipaddress.ip_network(text, strict=False)
        except ValueError:
            raise AtlasInputError("%s must be %s, got %r" % (option, ENTRY_FORM, value))
        raise AtlasInputError("%s must be a network address with no host bits set (did you mean %s?), got %r" % (option, network, value))
    if network.prefixlen == network.max_prefixlen:
        return str(network.network_address)
    return str(network)


def normalise_entries(values, option="entries", normalise=normalise_entry):
    """All entries normalised, or AtlasInputError naming every bad one with its index."""
    normalised, problems = [], []
    for index, value in enumerate(values):
        try:
            normalised.append(normalise(value, "%s[%d]" % (option, index)))
        except AtlasInputError as exc:
            problems.append(str(exc))
    if problems:
        raise AtlasInputError("; ".join(problems))
    return normalised


def security_group(value, option):
    """An AWS security group id (sg- and 8 or 17 hexadecimal digits), lowercase."""
    text = str(value).strip().lower()
    if not SECURITY_GROUP_RE.match(text):
        raise AtlasInputError("%s must be an AWS security group id such as sg-0123456789abcdef0, got %r" % (option, value))
    return text


def _full_form(address):
    """IPv6 in eight groups without '::' (the spec's ipAddress pattern); IPv4 as it is."""
    if address.version == 4:
        return str(address)
    return ":".join("%x" % int(group, 16) for group in address.exploded.split(":"))


def wire_entry(entry, attributes=None):
    """A normalised entry as Atlas takes it: {"ipAddress"}, {"cidrBlock"} or {"awsSecurityGroup"},
    one of them only, with the attributes that are set."""
    if entry.startswith("sg-"):
        wire = {"awsSecurityGroup": entry}
    elif "/" not in entry:
        wire = {"ipAddress": _full_form(ipaddress.ip_address(entry))}
    else:
        network = ipaddress.ip_network(entry)
        wire = {"cidrBlock": "%s/%d" % (_full_form(network.network_address), network.prefixlen)}
    wire.update((name, value) for name, value in (attributes or {}).items() if value is not None)
    return wire


def listed_entry_key(listed):
    """The normalised form of an entry as Atlas lists it (cidrBlock when set, else ipAddress, else
    its AWS security group)."""
    value = listed.get("cidrBlock") or listed.get("ipAddress")
    if not value and listed.get("awsSecurityGroup"):
        return listed["awsSecurityGroup"].lower()
    try:
        return normalise_entry(value, "an access list entry")
    except AtlasInputError as exc:
        raise AtlasInputError("Atlas listed an access list entry this module cannot read: %s" % exc)


def listed_path_value(listed):
    """What names an entry as Atlas lists it in its DELETE path: its address, CIDR block or security group."""
    key = listed_entry_key(listed)
    if "/" not in key and listed.get("ipAddress"):
        return listed["ipAddress"]
    return listed.get("cidrBlock") or listed.get("ipAddress") or listed["awsSecurityGroup"]


def index_listed(listed_entries):
    """{normalised entry: [entries as Atlas lists them]}; several listed forms may be one entry."""
    index = {}
    for listed in listed_entries:
        index.setdefault(listed_entry_key(listed), []).append(listed)
    return index


# -- the plan --------------------------------------------------------------------------------------


def plan(current_keys, wanted_keys, state, purge):
    """The entries to add and to remove: (add, remove), both sorted. Pure."""
    return plan_set(current_keys, wanted_keys, purge=purge, present=state == "present")


def attributes_differ(listed, wanted_attributes):
    """Whether a listed entry differs from the attributes the task sets (None: not managed). Pure."""
    for name, value in wanted_attributes.items():
        if value is None:
            continue
        have = listed.get(name)
        if name == "deleteAfterDate":
            if have is None or timestamp(have, name) != timestamp(value, name):
                return True
        elif have != value:
            return True
    return False


def plan_updates(current, wanted, state):
    """The entries that stay but whose attributes the task changes, sorted. Pure."""
    if state != "present":
        return []
    return sorted(key for key in set(current) & set(wanted) if any(attributes_differ(listed, wanted[key]) for listed in current[key]))


def batches(items, size=MAX_ENTRIES_PER_POST):
    """items in consecutive lists of at most size."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def reposted_attributes(listed, wanted_attributes):
    """The attributes to POST again for an entry: what the task sets, and what it leaves alone as Atlas
    holds it (so that a re-POST never drops an attribute the task does not manage)."""
    carried = dict((name, listed.get(name)) for name in ATTRIBUTES if listed.get(name) is not None)
    carried.update((name, value) for name, value in wanted_attributes.items() if value is not None)
    return carried


def predicted_list(listed_entries, add, remove, wanted=None, updated=()):
    """The list after the task (add and remove: normalised entries), as check mode shows it."""
    wanted = wanted or {}
    removing, updating = set(remove), set(updated)
    predicted = []
    for listed in listed_entries:
        key = listed_entry_key(listed)
        if key in removing:
            continue
        if key in updating:
            listed = dict(listed, **dict((name, value) for name, value in wanted[key].items() if value is not None))
        predicted.append(listed)
    return predicted + [wire_entry(entry, wanted.get(entry)) for entry in add]


def is_refused_removal(error):
    """Whether a failed DELETE of an entry that exists is Atlas refusing to remove it.

    Atlas' error code for it is not documented: any 400 to the DELETE of an entry just listed (whose
    path the module built from Atlas' own value) is taken as a refusal.
    """
    return isinstance(error, AtlasApiError) and error.status == 400


def brief(items, most=NAMED_IN_MESSAGES):
    """At most MOST items joined with commas, then how many more there are."""
    items = list(items)
    if len(items) <= most:
        return ", ".join(items)
    return "%s and %d more" % (", ".join(items[:most]), len(items) - most)


def diff_view(index, with_attributes):
    """The list as --diff shows it: the sorted entries, and each entry's attributes when compared."""
    view = {"entries": sorted(index)}
    if with_attributes:
        details = {}
        for key, listed in index.items():
            attributes = dict((name, listed[0][name]) for name in ATTRIBUTES if listed[0].get(name) is not None)
            if attributes:
                details[key] = attributes
        view["attributes"] = details
    return view


# -- the task's options ---------------------------------------------------------------------------


def list_options(entry_type="str"):
    """The options every access list module takes: entries, state, purge and confirm_purge_all."""
    return dict(
        entries=dict(type="list", elements=entry_type, required=True),
        state=state_option(),
        purge=dict(type="bool", default=False),
        confirm_purge_all=dict(type="bool", default=False),
    )


def check_purge(module, wanted, listed_as, why=""):
    """Before any request: warn that purge means nothing with state=absent, and refuse an empty purge
    that the task has not confirmed. listed_as names the list's owner; why adds what emptying it means."""
    if module.params["state"] == "absent":
        warn_ignored(module, ("purge", "confirm_purge_all"), when="state=absent")
    elif module.params["purge"] and not wanted and not module.params["confirm_purge_all"]:
        module.fail_json(
            msg="entries is empty and purge is true, which would remove every entry of the access list of %s%s: "
            "set confirm_purge_all: true if that is meant." % (listed_as, why)
        )


# -- the task --------------------------------------------------------------------------------------


class _Progress:
    """What the task has done so far, so that a failure still reports it (and changed: true)."""

    def __init__(self):
        self.added, self.updated, self.removed, self.refused = [], [], [], []

    @property
    def changed(self):
        return bool(self.added or self.updated or self.removed)

    def result(self, with_attributes):
        result = dict(added=sorted(self.added), removed=sorted(self.removed))
        if with_attributes:
            result["updated"] = sorted(self.updated)
        return result


def _apply(client, access_list, current, wanted, add, updated, remove, progress):
    """Send the changes: POSTs one after another (Atlas refuses concurrent ones), then one DELETE per entry."""
    scope = access_list.path_params
    posts = [(key, wire_entry(key, wanted[key])) for key in add]
    posts += [(key, wire_entry(key, reposted_attributes(current[key][0], wanted[key]))) for key in updated]
    for batch in batches(posts):
        client.post(access_list.list_path, body=[wire for dummy, wire in batch], **scope)
        for key, dummy in batch:
            (progress.updated if key in current else progress.added).append(key)
    for key in remove:
        deleted = False
        for listed in current[key]:
            entry_value = {access_list.entry_param: listed_path_value(listed)}
            try:
                # False: already gone (an expired temporary entry, another task): not this task's change.
                deleted = client.delete_if_exists(access_list.entry_path, **dict(scope, **entry_value)) or deleted
            except AtlasApiError as exc:
                if not is_refused_removal(exc):
                    raise
                progress.refused.append((key, exc))
        if deleted and key not in [refused for refused, dummy in progress.refused]:
            progress.removed.append(key)


def _refused_message(access_list, refused):
    entries = sorted(set(key for key, dummy in refused))
    first_key, first_error = refused[0]
    reason = "%s: %s" % (first_key, first_error)
    if len(refused) > 1:
        reason += "; and %d more refusal%s" % (len(refused) - 1, "" if len(refused) == 2 else "s")
    return "Atlas refused to remove %s from the access list of %s; the other changes were made.%s (%s)" % (
        brief(entries),
        access_list.owner,
        " " + access_list.refusal_hint if access_list.refusal_hint else "",
        reason,
    )


def _unapplied_updates(after_index, wanted, updated):
    return [key for key in updated if key in after_index and any(attributes_differ(listed, wanted[key]) for listed in after_index[key])]


def manage(module, access_list, wanted, state, purge, with_attributes=False):
    """Read the list, make it what the task asks for, and end the task.

    wanted: {normalised entry: {Atlas attribute: value or None}}. with_attributes: compare and
    report the attributes (the result then has `updated`). Ends with exit_json or fail_json.
    """
    client = module.client
    with module.api_errors("read the access list of %s" % access_list.owner):
        before_listed = client.get_all(access_list.list_path, **access_list.path_params)
        current = index_listed(before_listed)
    add, remove = plan(current, wanted, state, purge)
    updated = plan_updates(current, wanted, state) if with_attributes else []
    changed = bool(add or remove or updated)

    if not changed:
        after_listed = before_listed
    elif module.check_mode:
        after_listed = predicted_list(before_listed, add, remove, wanted, updated)
    else:
        progress = _Progress()
        try:
            _apply(client, access_list, current, wanted, add, updated, remove, progress)
            after_listed = client.get_all(access_list.list_path, **access_list.path_params)
            after_index = index_listed(after_listed)
        except (AtlasApiError, AtlasInputError) as exc:
            fields = exc.to_result() if isinstance(exc, AtlasApiError) else {}
            fields.update(progress.result(with_attributes))
            module.fail_json(msg="Failed to change the access list of %s: %s" % (access_list.owner, exc), changed=progress.changed, **fields)
        result = progress.result(with_attributes)
        if progress.refused:
            module.fail_json(
                msg=_refused_message(access_list, progress.refused),
                changed=progress.changed,
                refused=sorted(set(key for key, dummy in progress.refused)),
                access_list=after_listed,
                **result
            )
        # Atlas updating an entry that is POSTed again is inferred, not proven by a recorded answer:
        # check that it did, rather than report a change that did not happen as done.
        unapplied = _unapplied_updates(after_index, wanted, updated)
        if unapplied:
            module.fail_json(
                msg="Atlas did not change the comment or delete_after_date of %s on the access list of %s when the entry "
                "was sent again: remove the entry and add it again." % (brief(unapplied), access_list.owner),
                changed=progress.changed,
                access_list=after_listed,
                **result
            )
        result.update(diff_result(module, diff_view(current, with_attributes), diff_view(after_index, with_attributes)))
        module.exit_json(changed=progress.changed, access_list=after_listed, **result)

    result = dict(added=add, removed=remove)
    if with_attributes:
        result["updated"] = updated
    result.update(diff_result(module, diff_view(current, with_attributes), diff_view(index_listed(after_listed), with_attributes)))
    module.exit_json(changed=changed, access_list=after_listed, **result)


# -- the info modules' address filter --------------------------------------------------------------


def lets_in(entry, address):
    """Whether an access list entry (as Atlas lists it) lets ADDRESS in; an entry it cannot read (an AWS
    security group, say) does not."""
    try:
        network = ipaddress.ip_network(entry.get("cidrBlock") or entry.get("ipAddress") or "", strict=False)
    except ValueError:
        return False
    return ipaddress.ip_address(address) in network


def address_filter(**options):
    """run_info_module's options, validators and keep for an access list info module: its own OPTIONS
    and an address option that keeps the entries letting that address in.

        run_info_module("entries", what=..., read=..., **address_filter(**service_account_option()))
    """
    return dict(
        options=dict(options, address=dict(type="str")),
        validators={"address": ip_address},
        keep=lambda entry, call: "address" not in call.options or lets_in(entry, call.options["address"]),
    )
