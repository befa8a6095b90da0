# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

import pytest

from atlas_simulator.default_seed import PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.client import UNAUTHORIZED_GUIDANCE
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_employee_access
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_employee_access import Grant, active_grant, planned_grant
from ansible_collections.atlas_ops.admin.tests.unit.module_results import warnings

VERSION_2024_08_05 = "application/vnd.atlas.2024-08-05+json"
CLUSTER_PATH = "/api/atlas/v2/groups/%s/clusters/Cluster0" % PROJECT_ID
GRANT_PATH = CLUSTER_PATH + ":grantMongoDBEmployeeAccess"
REVOKE_PATH = CLUSTER_PATH + ":revokeMongoDBEmployeeAccess"
UTC = datetime.timezone.utc
HOUR = datetime.timedelta(hours=1)


def now():
    return datetime.datetime.now(UTC).replace(microsecond=0)


def atlas_time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def grant(grant_type, expires):
    return {"grantType": grant_type, "expirationTime": atlas_time(expires)}


@pytest.fixture
def cluster0(sim):
    """The default seed's Cluster0, without its grant, and an empty request log."""
    sim.update_cluster("Cluster0", remove=["mongoDBEmployeeAccessGrant"])
    sim.forget_requests()
    return sim


@pytest.fixture
def no_cluster(sim):
    """The default project without any cluster."""
    sim.set_clusters([])
    sim.forget_requests()
    return sim


@pytest.fixture
def module_two_hours_ahead(monkeypatch):
    """The module's clock two hours ahead of the simulator's.

    The simulator, as Atlas, stops showing a grant once it expired; a grant that expires within the
    next two hours is still shown, but has expired for the module: how a module sees an expired
    grant (its clock ahead of Atlas', or the grant expiring between Atlas' answer and the check).
    """
    ahead = now() + 2 * HOUR
    monkeypatch.setattr(atlas_employee_access, "utc_now", lambda: ahead)
    return ahead


@pytest.fixture
def module_in_late_2099(monkeypatch):
    """The module's clock at 2099-11-25T00:00Z: the absolute times of 2099-12 below are in the future and
    within the 30 days the module grants at most (the simulator, on the real clock, takes them too)."""
    late_2099 = datetime.datetime(2099, 11, 25, tzinfo=UTC)
    monkeypatch.setattr(atlas_employee_access, "utc_now", lambda: late_2099)
    return late_2099


def set_grant(sim, view):
    """Store this grant (Atlas' shape) on Cluster0 and forget the requests that took."""
    sim.update_cluster("Cluster0", mongoDBEmployeeAccessGrant=view)
    sim.forget_requests()
    return sim


def with_grant(sim, grant_type, expires):
    return set_grant(sim, grant(grant_type, expires))


def present(sim, **args):
    return sim.module_args(project_id=PROJECT_ID, cluster_name="Cluster0", **args)


def absent(sim, **args):
    return sim.module_args(project_id=PROJECT_ID, cluster_name="Cluster0", state="absent", **args)


def assert_near(text, expected):
    """Atlas time text within the few seconds a module run takes of the expected moment."""
    assert abs(parse(text) - expected) <= datetime.timedelta(seconds=5), (text, expected)


# -- granting -------------------------------------------------------------------------------------


def test_grants_access_for_a_duration(cluster0, run_module):
    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_DATABASE_LOGS", expires_in="8h"))

    assert result["changed"] is True
    assert result["grant"]["grantType"] == "CLUSTER_DATABASE_LOGS"
    assert_near(result["grant"]["expirationTime"], now() + 8 * HOUR)
    get, post = cluster0.requests()
    assert (get.method, get.path, get.accept) == ("GET", CLUSTER_PATH, VERSION_2024_08_05)
    assert (post.method, post.path, post.accept, post.content_type) == ("POST", GRANT_PATH, VERSION_2024_08_05, VERSION_2024_08_05)
    assert post.body == result["grant"]
    assert cluster0.cluster("Cluster0")["mongoDBEmployeeAccessGrant"] == result["grant"]


def test_project_id_alias_group_id(cluster0, run_module):
    args = cluster0.module_args(group_id=PROJECT_ID, cluster_name="Cluster0", grant_type="CLUSTER_INFRASTRUCTURE", expires_in="1d")

    assert run_module(atlas_employee_access.main, args)["changed"] is True


def test_second_run_changes_nothing(cluster0, run_module):
    args = present(cluster0, grant_type="CLUSTER_DATABASE_LOGS", expires_in="8h")
    first = run_module(atlas_employee_access.main, args)
    cluster0.forget_requests()

    second = run_module(atlas_employee_access.main, args)

    assert second["changed"] is False
    assert second["grant"] == first["grant"]
    assert [request.method for request in cluster0.requests()] == ["GET"]


def test_grants_until_an_absolute_time_normalised_to_utc(cluster0, run_module, module_in_late_2099):
    result = run_module(
        atlas_employee_access.main,
        present(cluster0, grant_type="CLUSTER_INFRASTRUCTURE", expiration_time="2099-12-01T19:00:00.750+01:00"),
    )

    assert result["changed"] is True
    assert result["grant"] == {"grantType": "CLUSTER_INFRASTRUCTURE", "expirationTime": "2099-12-01T18:00:00Z"}
    assert cluster0.writes()[0].body == result["grant"]


@pytest.mark.parametrize(
    "atlas_text, task_text",
    [
        ("2099-12-01T18:00:00Z", "2099-12-01T18:00:00Z"),
        ("2099-12-01T18:00:00Z", "2099-12-01T13:00:00-05:00"),
        ("2099-12-01T18:00:00.000Z", "2099-12-01T18:00:00+00:00"),
    ],
)
def test_the_same_absolute_time_in_another_notation_is_no_change(cluster0, run_module, atlas_text, task_text, module_in_late_2099):
    set_grant(cluster0, {"grantType": "CLUSTER_INFRASTRUCTURE", "expirationTime": atlas_text})

    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_INFRASTRUCTURE", expiration_time=task_text))

    assert result["changed"] is False
    assert result["grant"] == {"grantType": "CLUSTER_INFRASTRUCTURE", "expirationTime": "2099-12-01T18:00:00Z"}
    assert cluster0.writes() == []


def test_another_absolute_time_is_a_change(cluster0, run_module, module_in_late_2099):
    with_grant(cluster0, "CLUSTER_INFRASTRUCTURE", datetime.datetime(2099, 12, 1, 18, 0, 1, tzinfo=UTC))

    result = run_module(
        atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_INFRASTRUCTURE", expiration_time="2099-12-01T18:00:00Z")
    )

    assert result["changed"] is True
    assert [request.body for request in cluster0.writes()] == [{"grantType": "CLUSTER_INFRASTRUCTURE", "expirationTime": "2099-12-01T18:00:00Z"}]


def test_another_grant_type_is_replaced(cluster0, run_module):
    expires = now() + 8 * HOUR
    with_grant(cluster0, "CLUSTER_DATABASE_LOGS", expires)

    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_INFRASTRUCTURE", expires_in="8h"))

    assert result["changed"] is True
    assert result["grant"]["grantType"] == "CLUSTER_INFRASTRUCTURE"
    assert [request.path for request in cluster0.writes()] == [GRANT_PATH]


def test_an_expired_grant_counts_as_absent_when_granting(cluster0, run_module, module_two_hours_ahead):
    with_grant(cluster0, "CLUSTER_DATABASE_LOGS", now() + HOUR)

    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_DATABASE_LOGS", expires_in="8h"), diff=True)

    assert result["changed"] is True
    assert result["diff"]["before"] == {}
    assert [request.path for request in cluster0.writes()] == [GRANT_PATH]


def test_check_mode_predicts_the_grant_and_sends_no_write(cluster0, run_module):
    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_DATABASE_LOGS", expires_in="3d"), check_mode=True, diff=True)

    assert result["changed"] is True
    assert_near(result["grant"]["expirationTime"], now() + datetime.timedelta(days=3))
    assert result["diff"] == {"before": {}, "after": result["grant"]}
    assert [request.method for request in cluster0.requests()] == ["GET"]
    assert "mongoDBEmployeeAccessGrant" not in cluster0.cluster("Cluster0")


def test_diff_shows_the_grant_before_and_after(cluster0, run_module):
    old = grant("CLUSTER_DATABASE_LOGS", now() + HOUR)
    set_grant(cluster0, dict(old))

    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_INFRASTRUCTURE", expires_in="8h"), diff=True)

    assert result["diff"] == {"before": old, "after": result["grant"]}


def test_no_diff_without_diff_mode(cluster0, run_module):
    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_INFRASTRUCTURE", expires_in="8h"))

    assert "diff" not in result


# -- the expires_in rule: tolerance and extend_only ------------------------------------------------


@pytest.mark.parametrize(
    "offset, extra_args, changed",
    [
        # Default tolerance: 10% of 8h = 48 minutes either side of now + 8h.
        (datetime.timedelta(minutes=-30), {}, False),
        (datetime.timedelta(minutes=30), {}, False),
        (datetime.timedelta(minutes=-60), {}, True),
        (datetime.timedelta(minutes=60), {}, True),
        # A duration as tolerance.
        (datetime.timedelta(minutes=-60), {"expiry_tolerance": "2h"}, False),
        (datetime.timedelta(minutes=-150), {"expiry_tolerance": "2h"}, True),
        # A share of expires_in as tolerance.
        (datetime.timedelta(minutes=-60), {"expiry_tolerance": "25%"}, False),
        (datetime.timedelta(minutes=-5), {"expiry_tolerance": "0%"}, True),
        # extend_only keeps a longer grant, however much longer, and still extends a shorter one.
        (datetime.timedelta(days=5), {"extend_only": True}, False),
        (datetime.timedelta(minutes=-30), {"extend_only": True}, False),
        (datetime.timedelta(minutes=-60), {"extend_only": True}, True),
    ],
)
def test_expires_in_keeps_a_grant_near_the_target(cluster0, run_module, offset, extra_args, changed):
    with_grant(cluster0, "CLUSTER_DATABASE_LOGS", now() + 8 * HOUR + offset)

    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_DATABASE_LOGS", expires_in="8h", **extra_args))

    assert result["changed"] is changed
    assert len(cluster0.writes()) == (1 if changed else 0)
    expected_expiry = now() + 8 * HOUR + (datetime.timedelta(0) if changed else offset)
    assert_near(result["grant"]["expirationTime"], expected_expiry)


def test_a_longer_grant_is_shortened_without_extend_only(cluster0, run_module):
    with_grant(cluster0, "CLUSTER_DATABASE_LOGS", now() + datetime.timedelta(days=5))

    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_DATABASE_LOGS", expires_in="8h"))

    assert result["changed"] is True
    assert_near(cluster0.writes()[0].body["expirationTime"], now() + 8 * HOUR)


def test_extend_only_keeps_the_later_expiry_when_the_type_changes(cluster0, run_module):
    longer = now() + datetime.timedelta(days=5)
    with_grant(cluster0, "CLUSTER_DATABASE_LOGS", longer)

    result = run_module(
        atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_INFRASTRUCTURE", expires_in="8h", extend_only=True)
    )

    assert result["changed"] is True
    assert [request.body for request in cluster0.writes()] == [grant("CLUSTER_INFRASTRUCTURE", longer)]


def test_extend_only_with_an_absolute_time_never_shortens(cluster0, run_module, module_in_late_2099):
    with_grant(cluster0, "CLUSTER_INFRASTRUCTURE", datetime.datetime(2099, 12, 2, tzinfo=UTC))

    result = run_module(
        atlas_employee_access.main,
        present(cluster0, grant_type="CLUSTER_INFRASTRUCTURE", expiration_time="2099-12-01T18:00:00Z", extend_only=True),
    )

    assert result["changed"] is False
    assert result["grant"] == {"grantType": "CLUSTER_INFRASTRUCTURE", "expirationTime": "2099-12-02T00:00:00Z"}


T = datetime.datetime(2030, 1, 1, 12, tzinfo=UTC)
MINUTE = datetime.timedelta(minutes=1)


def test_an_absolute_time_beyond_30_days_is_refused_before_any_request(cluster0, run_module, module_in_late_2099):
    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_INFRASTRUCTURE", expiration_time="2099-12-25T00:00:01Z"))

    assert result["failed"] is True
    assert result["msg"] == (
        "expiration_time must be at most 30 days from now (until 2099-12-25T00:00:00Z), the longest employee access this module "
        "grants, got '2099-12-25T00:00:01Z'"
    )
    assert cluster0.request_log() == []


@pytest.mark.parametrize(
    "current, wanted, tolerance, extend_only, expected",
    [
        (None, Grant("A", T), MINUTE, False, Grant("A", T)),
        (None, Grant("A", T), MINUTE, True, Grant("A", T)),
        (Grant("A", T), Grant("A", T), datetime.timedelta(0), False, None),
        (Grant("A", T + MINUTE), Grant("A", T), MINUTE, False, None),
        (Grant("A", T - MINUTE), Grant("A", T), MINUTE, False, None),
        (Grant("A", T + 2 * MINUTE), Grant("A", T), MINUTE, False, Grant("A", T)),
        (Grant("A", T + 2 * MINUTE), Grant("A", T), MINUTE, True, None),
        (Grant("A", T - 2 * MINUTE), Grant("A", T), MINUTE, True, Grant("A", T)),
        (Grant("B", T), Grant("A", T), MINUTE, False, Grant("A", T)),
        (Grant("B", T + HOUR), Grant("A", T), MINUTE, True, Grant("A", T + HOUR)),
        (Grant("B", T - HOUR), Grant("A", T), MINUTE, True, Grant("A", T)),
    ],
)
def test_planned_grant(current, wanted, tolerance, extend_only, expected):
    assert planned_grant(current, wanted, tolerance, extend_only) == expected


# -- revoking ---------------------------------------------------------------------------------------


def test_revokes_an_active_grant(cluster0, run_module):
    old = grant("CLUSTER_DATABASE_LOGS", now() + HOUR)
    set_grant(cluster0, dict(old))

    result = run_module(atlas_employee_access.main, absent(cluster0), diff=True)

    assert result["changed"] is True
    assert result["grant"] is None
    assert result["diff"] == {"before": old, "after": {}}
    revoke = cluster0.writes()
    assert [(request.method, request.path, request.accept, request.body) for request in revoke] == [
        ("POST", REVOKE_PATH, VERSION_2024_08_05, None)
    ]
    assert "mongoDBEmployeeAccessGrant" not in cluster0.cluster("Cluster0")


def test_revoke_twice_changes_nothing_the_second_time(cluster0, run_module):
    with_grant(cluster0, "CLUSTER_DATABASE_LOGS", now() + HOUR)
    run_module(atlas_employee_access.main, absent(cluster0))
    cluster0.forget_requests()

    result = run_module(atlas_employee_access.main, absent(cluster0))

    assert result["changed"] is False
    assert result["grant"] is None
    assert [request.method for request in cluster0.requests()] == ["GET"]


def test_revoke_in_check_mode_sends_no_write(cluster0, run_module):
    with_grant(cluster0, "CLUSTER_DATABASE_LOGS", now() + HOUR)

    result = run_module(atlas_employee_access.main, absent(cluster0), check_mode=True)

    assert result["changed"] is True
    assert result["grant"] is None
    assert cluster0.writes() == []
    assert "mongoDBEmployeeAccessGrant" in cluster0.cluster("Cluster0")


def test_an_expired_grant_needs_no_revoke(cluster0, run_module, module_two_hours_ahead):
    with_grant(cluster0, "CLUSTER_DATABASE_LOGS", now() + HOUR)

    result = run_module(atlas_employee_access.main, absent(cluster0))

    assert result["changed"] is False
    assert cluster0.writes() == []


def test_revoke_ignores_grant_type_and_expiry_options(cluster0, run_module):
    with_grant(cluster0, "CLUSTER_INFRASTRUCTURE", now() + HOUR)

    result = run_module(atlas_employee_access.main, absent(cluster0, grant_type="CLUSTER_DATABASE_LOGS", expires_in="8h"))

    assert result["changed"] is True
    assert [request.path for request in cluster0.writes()] == [REVOKE_PATH]


def test_a_revoke_error_is_reported(cluster0, run_module):
    with_grant(cluster0, "CLUSTER_DATABASE_LOGS", now() + HOUR)
    cluster0.fail_next("POST", re.escape(REVOKE_PATH) + "$", 409)

    result = run_module(atlas_employee_access.main, absent(cluster0))

    assert result["failed"] is True
    assert result["msg"] == (
        "Failed to revoke MongoDB employee access to cluster Cluster0 in project %s: Atlas API request POST %s failed with 409 "
        "CONFLICT: Injected fault: Conflict." % (PROJECT_ID, REVOKE_PATH)
    )
    assert (result["status"], result["error_code"], result["method"], result["path"]) == (409, "CONFLICT", "POST", REVOKE_PATH)
    assert "mongoDBEmployeeAccessGrant" in cluster0.cluster("Cluster0")


def test_a_grant_error_is_reported(cluster0, run_module):
    cluster0.fail_next("POST", re.escape(GRANT_PATH) + "$", 400)

    result = run_module(atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_DATABASE_LOGS", expires_in="8h"))

    assert result["failed"] is True
    assert result["msg"] == (
        "Failed to grant MongoDB employee access to cluster Cluster0 in project %s: Atlas API request POST %s failed with 400 "
        "VALIDATION_ERROR: Injected fault: Bad Request." % (PROJECT_ID, GRANT_PATH)
    )
    assert "mongoDBEmployeeAccessGrant" not in cluster0.cluster("Cluster0")


# -- a missing cluster and other read errors ----------------------------------------------------


def test_granting_on_a_missing_cluster_fails_clearly(no_cluster, run_module):
    result = run_module(atlas_employee_access.main, present(no_cluster, grant_type="CLUSTER_DATABASE_LOGS", expires_in="8h"))

    assert result["failed"] is True
    assert result["msg"] == "Cannot grant MongoDB employee access: cluster Cluster0 does not exist in project %s (404 CLUSTER_NOT_FOUND)." % PROJECT_ID
    assert (result["status"], result["error_code"]) == (404, "CLUSTER_NOT_FOUND")
    assert [request.method for request in no_cluster.requests()] == ["GET"]


def test_revoking_on_a_missing_cluster_changes_nothing(no_cluster, run_module):
    result = run_module(atlas_employee_access.main, absent(no_cluster))

    assert result["changed"] is False
    assert result["grant"] is None
    assert no_cluster.writes() == []


@pytest.mark.parametrize(
    "status, error_code, detail",
    [
        (401, "Unauthorized", "Unauthorized"),  # Atlas' 401 code is UNEXPECTED_ERROR: the message gives the reason
        (403, "FORBIDDEN", "Forbidden"),
        (404, "RESOURCE_NOT_FOUND", "Not Found"),
        (500, "UNEXPECTED_ERROR", "Internal Server Error"),
    ],
)
def test_revoke_fails_on_any_read_error_but_the_clusters_own_404(cluster0, run_module, status, error_code, detail):
    with_grant(cluster0, "CLUSTER_DATABASE_LOGS", now() + HOUR)
    cluster0.fail_next("GET", re.escape(CLUSTER_PATH) + "$", status)

    result = run_module(atlas_employee_access.main, absent(cluster0))

    assert result["failed"] is True
    assert result["msg"] == (
        "Failed to revoke MongoDB employee access to cluster Cluster0 in project %s: Atlas API request GET %s failed with %s %s: Injected fault: %s.%s"
        % (PROJECT_ID, CLUSTER_PATH, status, error_code, detail, " " + UNAUTHORIZED_GUIDANCE if status == 401 else "")
    )
    assert cluster0.writes() == []


def test_an_unreadable_grant_from_atlas_fails_clearly():
    # Checked on the function that reads the grant: the simulator stores only grants it can read
    # (it parses expirationTime to expire them), so it cannot answer with this one.
    cluster = {"name": "Cluster0", "mongoDBEmployeeAccessGrant": {"grantType": "CLUSTER_DATABASE_LOGS", "expirationTime": "soon"}}

    with pytest.raises(AtlasInputError) as caught:
        active_grant(cluster, now())

    assert str(caught.value) == (
        "Atlas returned a grant this module cannot read: mongoDBEmployeeAccessGrant.expirationTime must be an ISO 8601 date and time "
        "with a time zone such as 2026-12-01T18:00:00Z, got 'soon'"
    )


# -- bad input: a message naming the option, and no request ---------------------------------------------


@pytest.mark.parametrize(
    "args, msg",
    [
        (
            {"project_id": "6500000000000000000000B1", "cluster_name": "Cluster0", "state": "absent"},
            "project_id must be a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b, got '6500000000000000000000B1'",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "-Cluster0", "state": "absent"},
            "cluster_name must be a cluster name of at most 64 ASCII letters, digits and hyphens, starting with a letter or digit, got '-Cluster0'",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_EVERYTHING", "expires_in": "8h"},
            "value of grant_type must be one of: CLUSTER_DATABASE_LOGS, CLUSTER_INFRASTRUCTURE, "
            "CLUSTER_INFRASTRUCTURE_AND_APP_SERVICES_SYNC_DATA, got: CLUSTER_EVERYTHING",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "expires_in": "8h"},
            "state is present but all of the following are missing: grant_type",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_DATABASE_LOGS"},
            "state is present but any of the following are missing: expiration_time, expires_in",
        ),
        (
            {
                "project_id": PROJECT_ID,
                "cluster_name": "Cluster0",
                "grant_type": "CLUSTER_DATABASE_LOGS",
                "expires_in": "8h",
                "expiration_time": "2099-01-01T00:00:00Z",
            },
            "parameters are mutually exclusive: expiration_time|expires_in",
        ),
        (
            {
                "project_id": PROJECT_ID,
                "cluster_name": "Cluster0",
                "grant_type": "CLUSTER_DATABASE_LOGS",
                "expiration_time": "2099-01-01T00:00:00Z",
                "expiry_tolerance": "1h",
            },
            "parameters are mutually exclusive: expiration_time|expiry_tolerance",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_DATABASE_LOGS", "expiration_time": "next tuesday"},
            "expiration_time must be an ISO 8601 date and time with a time zone such as 2026-12-01T18:00:00Z, got 'next tuesday'",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_DATABASE_LOGS", "expiration_time": "2099-01-01T00:00:00"},
            "expiration_time must be an ISO 8601 date and time with a time zone (Z or +01:00, for example), got '2099-01-01T00:00:00'",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_DATABASE_LOGS", "expires_in": "8 hours"},
            "expires_in must be a duration such as 90m, 8h, 3d, 1d12h or ISO 8601 PT8H, got '8 hours'",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_DATABASE_LOGS", "expires_in": "0h"},
            "expires_in must be a duration longer than zero, such as 90m, 8h or 3d, got '0h'",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_DATABASE_LOGS", "expires_in": "99999999w"},
            "expires_in must be at most 30d (30 days), the longest employee access this module grants, got '99999999w'",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_DATABASE_LOGS", "expires_in": "5000w"},
            "expires_in must be at most 30d (30 days), the longest employee access this module grants, got '5000w'",
        ),
        (
            {"project_id": PROJECT_ID, "cluster_name": "Cluster0", "grant_type": "CLUSTER_DATABASE_LOGS", "expires_in": "30d1m"},
            "expires_in must be at most 30d (30 days), the longest employee access this module grants, got '30d1m'",
        ),
        (
            {
                "project_id": PROJECT_ID,
                "cluster_name": "Cluster0",
                "grant_type": "CLUSTER_DATABASE_LOGS",
                "expires_in": "8h",
                "expiry_tolerance": "a bit",
            },
            "expiry_tolerance must be a share of expires_in such as 10% or a duration such as 30m or 2h, got 'a bit'",
        ),
        (
            {
                "project_id": PROJECT_ID,
                "cluster_name": "Cluster0",
                "grant_type": "CLUSTER_DATABASE_LOGS",
                "expires_in": "8h",
                "expiry_tolerance": "150%",
            },
            "expiry_tolerance must be a percentage from 0% to 100%, got '150%'",
        ),
    ],
)
def test_bad_input_fails_before_any_request(cluster0, run_module, args, msg):
    result = run_module(atlas_employee_access.main, cluster0.module_args(**args))

    assert result["failed"] is True
    assert result["msg"] == msg
    assert cluster0.request_log() == []


def test_an_expiration_time_in_the_past_fails_before_any_request(cluster0, run_module):
    result = run_module(
        atlas_employee_access.main, present(cluster0, grant_type="CLUSTER_DATABASE_LOGS", expiration_time="2020-01-01T00:00:00+02:00")
    )

    assert result["failed"] is True
    assert result["msg"].startswith("expiration_time must be a time in the future (it is now 20")
    assert result["msg"].endswith("), got '2020-01-01T00:00:00+02:00'")
    assert cluster0.request_log() == []


def test_missing_credentials_fail_before_any_request(cluster0, run_module):
    args = absent(cluster0)
    del args["private_key"]

    result = run_module(atlas_employee_access.main, args)

    assert result["failed"] is True
    assert result["msg"] == "parameters are required together: public_key, private_key"
    assert cluster0.request_log() == []


# -- options that have no effect are reported ----------------------------------------------------


def test_grant_options_are_reported_as_ignored_when_revoking(sim, run_module):
    result = run_module(atlas_employee_access.main, absent(sim, grant_type="CLUSTER_DATABASE_LOGS", expires_in="8h", extend_only=True))

    assert result["changed"] is True
    assert warnings(result) == [
        "grant_type is ignored when state=absent.",
        "expires_in is ignored when state=absent.",
        "extend_only is ignored when state=absent.",
    ]


def test_a_plain_revoke_has_no_warning(sim, run_module):
    result = run_module(atlas_employee_access.main, absent(sim))

    assert "warnings" not in result
