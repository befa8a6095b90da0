# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The main() every read-only (_info) module has, written once.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

An info module states its options, its plural result key and how to read; run_info_module does the
rest: the scope's options (project, organization, or either) with the module's own, check mode, the
module's own input checks before any request, one read inside module.api_errors (so that a wrong
project, organization, service account or key fails the task with Atlas' status and error code,
never an empty list), the optional filters, and the exit with changed=false:

    def main():
        run_info_module(
            "users",
            what="the users",
            read=PROJECT_USERS,                    # every page of GET /groups/{groupId}/users
            query=lambda call: {"orgMembershipStatuses": call.params["status"]},
            options=dict(username=dict(type="str"), ...),
            validators={"username": email},
            keep=lambda user, call: ...,
        )

read may also be a function read(call) for anything else (several lists, a single GET, a wait).
`call.scope` holds the path parameters of the scope ({"groupId": ...} or {"orgId": ...}), so that
such a function passes them straight to the client; `call.options` the values the validators
normalised.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections

from .module import AtlasModule
from .options import is_username, membership_query, membership_statuses_option, scope_of, scope_options, user_option
from .validation import email

# What read(call) and keep(item, call) get: the module, its client, its parameters, the normalised
# values of the validated options, the scope's path parameters and the scope in words.
InfoCall = collections.namedtuple("InfoCall", ["module", "client", "params", "options", "scope", "where"])


def run_info_module(key, what, read, options=None, scope="project", validators=None, query=None, keep=None, **module_kwargs):
    """Run an info module: build it, check its input, read once, filter, exit. Never returns.

    key: the result key (plural, such as "users"), or a tuple of keys when read returns one list per
      key, in that order (keep filters the first one).
    what: what is read, as the failure message says it ("the users" -> "Failed to read the users of
      project ...: ..."); or a function what(params, where) returning the whole phrase after "read ".
    read: an endpoint of api_versions whose every page is read (client.get_all, 500 items a page)
      with the scope's path parameters and query(call) as its query; or a function read(call)
      returning the items (a list; a tuple of lists for a tuple of keys), which may fail the module
      itself before its first request (a combination of options the argument spec cannot say).
    options: the module's own argument spec (the scope's options are added).
    scope: "project" (project_id), "org" (org_id) or "org_or_project" (exactly one of them).
    validators: {option: validator} for module.validate_options, run before any request.
    query(call): the query of an endpoint read (a dict), or None.
    keep(item, call): the filter applied to what was read, or None to keep everything.
    module_kwargs: further AtlasModule arguments (required_by, mutually_exclusive, ...), merged
      with the scope's.
    """
    argument_spec, constraints = scope_options(scope)
    argument_spec.update(options or {})
    for name, rules in constraints.items():
        module_kwargs[name] = list(module_kwargs.get(name) or []) + rules
    module = AtlasModule(argument_spec=argument_spec, supports_check_mode=True, **module_kwargs)
    checked = module.validate_options(validators or {})
    path_params, where = scope_of(module.params)
    call = InfoCall(module, module.client, module.params, checked, path_params, where)
    action = what(module.params, where) if callable(what) else "%s of %s" % (what, where)
    with module.api_errors("read %s" % action):
        if callable(read):
            found = read(call)
        else:
            found = call.client.get_all(read, query=query(call) if query else None, **path_params)
    keys = key if isinstance(key, tuple) else (key,)
    lists = list(found) if isinstance(key, tuple) else [found]
    if keep is not None:
        lists[0] = [item for item in lists[0] if keep(item, call)]
    module.exit_json(changed=False, **dict(zip(keys, lists)))


def run_users_info_module(endpoint, scope, options, validators, keep):
    """Run an info module over a list of MongoDB Cloud users (a project's or an organization's).

    Adds the username and status options, asks Atlas to filter by both (every status unless the task
    names some), checks the username again rather than trusting Atlas' filter, then applies
    keep(user, options): the module's own filters over the normalised option values.
    """
    run_info_module(
        "users",
        what="the users",
        read=endpoint,
        scope=scope,
        query=lambda call: membership_query(call.module, call.options.get("username")),
        options=dict(options, **dict(user_option(required=False), **membership_statuses_option())),
        validators=dict(validators, username=email),
        keep=lambda user, call: is_username(user, call.options.get("username")) and keep(user, call.options),
    )
