# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Option groups that several modules share, each defined once with its check and its doc fragment.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

    module = AtlasModule(argument_spec=dict(project_option(), **cluster_option(), state=state_option(), ...))

| group            | options                                 | doc fragment                      |
|------------------|-----------------------------------------|-----------------------------------|
| project_option   | project_id (alias group_id)             | atlas_ops.admin.scope.project     |
| org_option       | org_id                                  | atlas_ops.admin.scope.organization |
| cluster_option   | cluster_name (alias name)               | atlas_ops.admin.scope.cluster     |
| user_option      | username (an email)                     | atlas_ops.admin.scope.user        |
| state_option     | state (present/absent, default present) | documented by each module         |
| wait_options     | wait_timeout, wait_interval (wait.py)   | atlas_ops.admin.wait              |
| service_account_option | service_account_id                | atlas_ops.admin.scope.service_account |
| scope_options    | the options of a scope (project, org, org_or_project) | scope.project / scope.organization / scope.org_or_project |
| membership_statuses_option | status (info modules' filter)  | atlas_ops.admin.filters.membership_status |

AtlasModule checks every option of SHARED_OPTION_CHECKS it finds set, before any request, so a
module that takes project_id never validates it itself.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from .validation import cluster_name, object_id, service_account_client_id


def project_option(required=True):
    return dict(project_id=dict(type="str", required=required, aliases=["group_id"]))


def org_option(required=True):
    return dict(org_id=dict(type="str", required=required))


def cluster_option(required=True):
    # One name in every module that addresses a cluster: cluster_name, with name as an alias.
    return dict(cluster_name=dict(type="str", required=required, aliases=["name"]))


def user_option(required=True):
    # A person, named by the email address that is their MongoDB Cloud username.
    return dict(username=dict(type="str", required=required))


def providers_option(providers):
    # Info modules read every provider unless the task names some.
    return dict(provider=dict(type="list", elements="str", choices=list(providers), default=list(providers)))


def chosen_providers(module, providers):
    """The providers of the task's provider option, each once, in its order; fails when it names none."""
    return chosen_values(module, "provider", providers)


def chosen_values(module, option, choices):
    """The values of a list option with choices, each once, in the task's order; fails when it names none."""
    chosen = []
    for value in module.params[option]:
        if value not in chosen:
            chosen.append(value)
    if not chosen:
        module.fail_json(msg="%s must name at least one of %s, got []" % (option, ", ".join(choices)))
    return chosen


def state_option(choices=("present", "absent"), default="present"):
    return dict(type="str", choices=list(choices), default=default)


# option -> validator(value, option) run by AtlasModule on every module that has the option.
SHARED_OPTION_CHECKS = {
    "project_id": object_id,
    "org_id": object_id,
    "cluster_name": cluster_name,
    "service_account_id": service_account_client_id,
}


def is_set(module, option):
    """Whether the task set option to something other than its default."""
    value = module.params.get(option)
    return value is not None and value != module.argument_spec.get(option, {}).get("default")


def warn_ignored(module, options, when):
    """Warn once for each option in options that the task set although it has no effect `when` ...

        warn_ignored(module, ("grant_type", "expires_in"), when="state=absent")
    """
    for option in options:
        if is_set(module, option):
            module.warn("%s is ignored when %s." % (option, when))


def service_account_option():
    # The service account a module works on; not client_id, which is the one it authenticates as.
    return dict(service_account_id=dict(type="str", required=True))


# The organization membership statuses of a MongoDB Cloud user (users API version 2025-02-19).
MEMBERSHIP_STATUSES = ["ACTIVE", "PENDING", "INVITATION_EXPIRED", "INVITATION_REJECTED"]


def membership_statuses_option():
    # Every status by default: without the filter Atlas hides expired and rejected invitations.
    return dict(status=dict(type="list", elements="str", choices=MEMBERSHIP_STATUSES, default=list(MEMBERSHIP_STATUSES)))


# What a resource lives in: scope -> (its options, their AtlasModule constraints).
SCOPES = {
    "project": (project_option, {}),
    "org": (org_option, {}),
    "org_or_project": (
        lambda: dict(project_option(required=False), **org_option(required=False)),
        {"mutually_exclusive": [("org_id", "project_id")], "required_one_of": [("org_id", "project_id")]},
    ),
}


def scope_options(scope):
    """(argument spec, {constraint: rules}) of a scope of SCOPES; both new objects the caller may change."""
    options, constraints = SCOPES[scope]
    return options(), dict((name, list(rules)) for name, rules in constraints.items())


def scope_of(params):
    """The scope a task set, as (path parameters, words): ({"groupId": ...}, "project ...") or the organization's."""
    if params.get("project_id"):
        return {"groupId": params["project_id"]}, "project %s" % params["project_id"]
    return {"orgId": params["org_id"]}, "organization %s" % params["org_id"]


def membership_query(module, username=None):
    """The query of a users list (project or organization) for the task's status option and a username.

    Every status is asked for explicitly: without orgMembershipStatuses Atlas hides ended invitations.
    """
    query = {"orgMembershipStatuses": chosen_values(module, "status", MEMBERSHIP_STATUSES)}
    if username:
        query["username"] = username
    return query


def is_username(user, username):
    """Whether a user of a list answer has this username (without regard to case, as Atlas); True for None."""
    return username is None or (user.get("username") or "").lower() == username.lower()


def provider_or_id_options(providers, id_option):
    """run_info_module's options and validators for a module that reads per cloud provider, or one object by id.

        run_info_module("roles", what=..., read=read, **provider_or_id_options(PROVIDERS, "role_id"))
    """
    return dict(options=dict(providers_option(providers), **{id_option: dict(type="str")}), validators={id_option: object_id})
