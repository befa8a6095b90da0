#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_employee_access
short_description: Grant or revoke MongoDB employee access to a MongoDB Atlas cluster
version_added: 0.1.0
description:
  - Grants MongoDB employees (MongoDB Support) access of a chosen level to one Atlas cluster until a
    given time, or revokes that access.
  - A cluster has at most one grant. Atlas reports it as the cluster's C(mongoDBEmployeeAccessGrant);
    a grant whose expiration time has passed counts as no grant.
  - The expiry is either an absolute time (O(expiration_time)) or a duration from now (O(expires_in)).
  - "With O(expiration_time), an active grant of the same O(grant_type) that expires at that time (to the
    second, whatever the time zone it is written in) is left alone."
  - "With O(expires_in), the target expiry moves with the clock, so an active grant of the same
    O(grant_type) is left alone when its expiry is within O(expiry_tolerance) of now + O(expires_in)
    (by default 10% of O(expires_in): 48 minutes for V(8h)). Re-running the task a little later therefore
    reports no change, while a re-run after a longer time renews the grant."
  - With O(extend_only=true), an existing grant is never shortened. See O(extend_only).
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
  - atlas_ops.admin.scope.project
  - atlas_ops.admin.scope.cluster
options:
  state:
    description:
      - V(present) makes sure the cluster has a grant of O(grant_type) with the wanted expiry, granting it when
        needed. A grant of another type is replaced.
      - V(absent) revokes the cluster's grant, whatever its type. A cluster without an active grant is left alone.
    type: str
    choices: [present, absent]
    default: present
  grant_type:
    description:
      - Level of access to grant to MongoDB employees.
      - Required with O(state=present). Not used with O(state=absent).
    type: str
    choices: [CLUSTER_DATABASE_LOGS, CLUSTER_INFRASTRUCTURE, CLUSTER_INFRASTRUCTURE_AND_APP_SERVICES_SYNC_DATA]
  expiration_time:
    description:
      - When the access ends, as an ISO 8601 date and time with a time zone, such as V(2026-12-01T18:00:00Z)
        or V(2026-12-01T19:00:00+01:00). It is converted to UTC and sent to the second.
      - Must be in the future, and at most 30 days from now (see O(expires_in)).
      - With O(state=present), exactly one of O(expiration_time) and O(expires_in) is required.
    type: str
  expires_in:
    description:
      - How long the access lasts from now, such as V(90m), V(8h), V(3d), V(1d12h), V(2w) or ISO 8601 V(PT8H).
      - At most V(30d). Atlas documents no maximum (its UI grants 24 hours); employee access is meant to be
        temporary, so the module refuses a longer grant, which is most likely a typo, before any request.
        Run the task again to extend a grant.
      - With O(state=present), exactly one of O(expiration_time) and O(expires_in) is required.
    type: str
  expiry_tolerance:
    description:
      - With O(expires_in), how far the expiry of an existing grant of the same type may be from
        now + O(expires_in) for the grant to be left alone.
      - Either a share of O(expires_in) such as V(10%) or V(0%), or a duration such as V(30m) or V(2h).
      - When not set, 10% of O(expires_in).
      - Cannot be used with O(expiration_time), whose expiry must match to the second.
    type: str
  extend_only:
    description:
      - Never shorten an existing active grant.
      - With V(true), an existing grant of the same type that expires later than the target expiry is left
        alone (the target is now + O(expires_in), or O(expiration_time)), and when O(grant_type) differs, the
        new grant keeps the later of the two expiries.
      - With V(false), the grant is set to the target expiry, shortening a longer grant when its expiry is
        further from the target than O(expiry_tolerance) allows.
    type: bool
    default: false
notes:
  - With O(state=present), the task fails when the cluster does not exist. With O(state=absent), a missing
    cluster has no grant, so the task reports no change; a project that does not exist fails the task.
  - With O(state=absent), the grant options (O(grant_type), O(expiration_time), O(expires_in),
    O(expiry_tolerance), O(extend_only)) have no effect and are reported with a warning when set.
  - The API key or service account needs the Project Support Access Manager role (or Project Owner).
  - Atlas grants and revokes employee access through API resource version 2024-08-05.
seealso:
  - name: Atlas Administration API, Grant MongoDB Employee Cluster Access for One Cluster
    description: The API operation this module calls to grant access.
    link: https://mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Clusters/operation/grantGroupClusterMongoDbEmployeeAccess
  - module: atlas_ops.admin.atlas_cluster_info
"""

EXAMPLES = r"""
- name: Manage MongoDB employee access
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Let MongoDB Support read the database logs of Cluster0 for the next 8 hours
      atlas_ops.admin.atlas_employee_access:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
        grant_type: CLUSTER_DATABASE_LOGS
        expires_in: 8h

    - name: Grant infrastructure access until 18:00 UTC tomorrow (an absolute time, computed when the play runs)
      atlas_ops.admin.atlas_employee_access:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
        grant_type: CLUSTER_INFRASTRUCTURE
        expiration_time: "{{ '%Y-%m-%dT18:00:00Z' | strftime(now(utc=true).timestamp() + 86400, utc=true) }}"

    - name: Make sure access lasts at least 3 more days, never shortening a longer grant
      atlas_ops.admin.atlas_employee_access:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
        grant_type: CLUSTER_DATABASE_LOGS
        expires_in: 3d
        expiry_tolerance: 1h
        extend_only: true

    - name: Revoke MongoDB employee access
      atlas_ops.admin.atlas_employee_access:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
        state: absent
"""

RETURN = r"""
grant:
  description:
    - The cluster's MongoDB employee access grant after the task (in check mode, the grant it would have),
      in Atlas' field names.
    - V(null) when the cluster has no active grant.
  returned: always
  type: dict
  sample:
    grantType: CLUSTER_DATABASE_LOGS
    expirationTime: "2026-12-01T18:00:00Z"
  contains:
    grantType:
      description: Level of access granted to MongoDB employees.
      returned: when the cluster has an active grant
      type: str
      sample: CLUSTER_DATABASE_LOGS
    expirationTime:
      description: When the access ends, in ISO 8601 in UTC, to the second.
      returned: when the cluster has an active grant
      type: str
      sample: "2026-12-01T18:00:00Z"
"""

import collections
import datetime
import re

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import (
    CLUSTER,
    CLUSTER_GRANT_EMPLOYEE_ACCESS,
    CLUSTER_REVOKE_EMPLOYEE_ACCESS,
)
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import cluster_option, project_option, state_option, warn_ignored
from ansible_collections.atlas_ops.admin.plugins.module_utils.resource import ensure_absent, ensure_present, exit_resource
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import (
    AtlasInputError,
    duration,
    format_timestamp,
    timestamp,
)

GRANT_TYPES = ["CLUSTER_DATABASE_LOGS", "CLUSTER_INFRASTRUCTURE", "CLUSTER_INFRASTRUCTURE_AND_APP_SERVICES_SYNC_DATA"]
GRANT_OPTIONS = ("grant_type", "expiration_time", "expires_in", "expiry_tolerance", "extend_only")
# The latest expiry the module sends, from now. Atlas documents no maximum (the spec's expirationTime has
# none; its UI grants 24 hours and the docs call the access temporary). 30 days leaves room for a long
# support case and refuses what can only be a mistake (5000w, a year typed wrong), before any request.
MAX_GRANT_DAYS = 30
DEFAULT_TOLERANCE_SHARE = 0.10
PERCENT_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")

# A grant with its expiry as an aware UTC datetime, to the second.
Grant = collections.namedtuple("Grant", ["grant_type", "expires"])


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


def expiry_tolerance(value, option):
    """A share of expires_in ('10%' -> 0.1, a float) or a duration ('30m' -> a timedelta)."""
    text = str(value).strip()
    match = PERCENT_RE.match(text)
    if match:
        share = float(match.group(1)) / 100
        if share > 1:
            raise AtlasInputError("%s must be a percentage from 0%% to 100%%, got %r" % (option, value))
        return share
    try:
        return duration(text, option)
    except AtlasInputError:
        raise AtlasInputError("%s must be a share of expires_in such as 10%% or a duration such as 30m or 2h, got %r" % (option, value))


def desired_expiry(params, now):
    """The expiry the task asks for and how far an existing grant's expiry may be from it.

    Raises AtlasInputError, naming the option, for a malformed or past time.
    """
    longest = datetime.timedelta(days=MAX_GRANT_DAYS)
    if params["expiration_time"] is not None:
        expires = timestamp(params["expiration_time"], "expiration_time").replace(microsecond=0)
        if expires <= now:
            raise AtlasInputError(
                "expiration_time must be a time in the future (it is now %s), got %r" % (format_timestamp(now), params["expiration_time"])
            )
        if expires - now > longest:
            raise AtlasInputError(
                "expiration_time must be at most %d days from now (until %s), the longest employee access this module grants, got %r"
                % (MAX_GRANT_DAYS, format_timestamp((now + longest).replace(microsecond=0)), params["expiration_time"])
            )
        return expires, datetime.timedelta(0)
    expires_in = duration(params["expires_in"], "expires_in")
    if expires_in > longest:
        raise AtlasInputError(
            "expires_in must be at most %dd (%d days), the longest employee access this module grants, got %r"
            % (MAX_GRANT_DAYS, MAX_GRANT_DAYS, params["expires_in"])
        )
    expires = (now + expires_in).replace(microsecond=0)
    tolerance = DEFAULT_TOLERANCE_SHARE
    if params["expiry_tolerance"] is not None:
        tolerance = expiry_tolerance(params["expiry_tolerance"], "expiry_tolerance")
    if not isinstance(tolerance, datetime.timedelta):
        tolerance = expires_in * tolerance
    return expires, tolerance


def active_grant(cluster, now):
    """The cluster's grant, or None when it has none or it has expired (an expired grant is no grant)."""
    view = (cluster or {}).get("mongoDBEmployeeAccessGrant")
    if not view:
        return None
    try:
        expires = timestamp(view.get("expirationTime"), "mongoDBEmployeeAccessGrant.expirationTime")
    except AtlasInputError as exc:
        raise AtlasInputError("Atlas returned a grant this module cannot read: %s" % exc)
    if expires <= now:
        return None
    return Grant(view.get("grantType"), expires.replace(microsecond=0))


def planned_grant(current, wanted, tolerance, extend_only):
    """The grant to send, or None when the current grant already satisfies the task.

    current is the active grant (or None); wanted is the Grant the task asks for.
    """
    if current is not None and extend_only and current.expires > wanted.expires:
        wanted = wanted._replace(expires=current.expires)
    if current is not None and current.grant_type == wanted.grant_type and abs(current.expires - wanted.expires) <= tolerance:
        return None
    return wanted


def grant_view(grant):
    """A Grant in Atlas' shape, or None."""
    if grant is None:
        return None
    return {"grantType": grant.grant_type, "expirationTime": format_timestamp(grant.expires)}


def main():
    module = AtlasModule(
        argument_spec=dict(
            project_option(),
            state=state_option(),
            grant_type=dict(type="str", choices=GRANT_TYPES),
            expiration_time=dict(type="str"),
            expires_in=dict(type="str"),
            expiry_tolerance=dict(type="str"),
            extend_only=dict(type="bool", default=False),
            **cluster_option()
        ),
        mutually_exclusive=[("expiration_time", "expires_in"), ("expiration_time", "expiry_tolerance")],
        required_if=[
            ("state", "present", ("grant_type",)),
            ("state", "present", ("expiration_time", "expires_in"), True),
        ],
        supports_check_mode=True,
    )
    params = module.params
    project_id, name = params["project_id"], params["cluster_name"]
    granting = params["state"] == "present"
    now = utc_now()
    target = dict(groupId=project_id, clusterName=name)

    if granting:
        # The expiry options are checked together (past times, tolerance against expires_in).
        with module.api_errors("check the expiry options"):
            expires, tolerance = desired_expiry(params, now)
        action = "grant MongoDB employee access to cluster %s in project %s" % (name, project_id)
    else:
        warn_ignored(module, GRANT_OPTIONS, when="state=absent")
        action = "revoke MongoDB employee access to cluster %s in project %s" % (name, project_id)

    client = module.client
    with module.api_errors(action):
        cluster = client.get_if_exists(CLUSTER, **target)
        if cluster is None and granting:
            module.fail_json(
                msg="Cannot grant MongoDB employee access: cluster %s does not exist in project %s (404 CLUSTER_NOT_FOUND)." % (name, project_id),
                status=404,
                error_code="CLUSTER_NOT_FOUND",
            )
        before = active_grant(cluster, now)
        if granting:
            wanted = planned_grant(before, Grant(params["grant_type"], expires), tolerance, params["extend_only"])

            def send_grant(current=None):
                # A new grant replaces the cluster's grant, so granting both creates and updates.
                # Atlas answers 204 without a body: the grant after is the one sent.
                client.post(CLUSTER_GRANT_EMPLOYEE_ACCESS, body=grant_view(wanted), **target)
                return grant_view(wanted)

            changed, after = ensure_present(module, grant_view(before), grant_view(wanted or before), create=send_grant, update=send_grant)
        else:
            changed, after = ensure_absent(module, grant_view(before), delete=lambda current: client.post(CLUSTER_REVOKE_EMPLOYEE_ACCESS, **target))
    exit_resource(module, "grant", changed, grant_view(before), after)


if __name__ == "__main__":
    main()
