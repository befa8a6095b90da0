# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from atlas_simulator.default_seed import PROJECT_ID

from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError
from ansible_collections.atlas_ops.admin.plugins.modules import atlas_online_archive
from ansible_collections.atlas_ops.admin.plugins.modules.atlas_online_archive import (
    desired_archive,
    fixed_differences,
    normalised_schedule,
    planned_update,
    predicted_update,
)
from ansible_collections.atlas_ops.admin.tests.unit.module_results import warnings

V2023 = "application/vnd.atlas.2023-01-01+json"
ARCHIVES_PATH = "/api/atlas/v2/groups/%s/clusters/Cluster0/onlineArchives" % PROJECT_ID
ARCHIVE_ID = "6740000000000000000000a1"
OTHER_ID = "6740000000000000000000a2"
DATE_TASK = dict(
    project_id=PROJECT_ID,
    cluster_name="Cluster0",
    db_name="sales",
    coll_name="orders",
    criteria=dict(type="DATE", date_field="created", expire_after_days=30),
    partition_fields=["created", "region"],
)


def task(**changes):
    """DATE_TASK with some options changed."""
    args = dict(DATE_TASK)
    args.update(changes)
    return args


def options(**params):
    """Module params as Ansible fills them in (every option present, unset ones None)."""
    base = dict(
        db_name="sales",
        coll_name="orders",
        archive_id=None,
        collection_type=None,
        criteria=None,
        partition_fields=None,
        data_process_region=None,
        schedule=None,
        data_expiration_rule=None,
        paused=None,
    )
    if params.get("criteria"):
        params["criteria"] = dict(dict(date_field=None, date_format=None, expire_after_days=None, query=None), **params["criteria"])
    if params.get("schedule"):
        params["schedule"] = dict(
            dict((k, None) for k in ("start_hour", "start_minute", "end_hour", "end_minute", "day_of_week", "day_of_month")), **params["schedule"]
        )
    base.update(params)
    return base


def stored_archive(archive_id=ARCHIVE_ID, **fields):
    """An archive of sales.orders on Cluster0 as a seed item (the simulator fills in the rest)."""
    archive = {
        "_id": archive_id,
        "clusterName": "Cluster0",
        "dbName": "sales",
        "collName": "orders",
        "criteria": {"type": "DATE", "dateField": "created", "expireAfterDays": 30},
        "partitionFields": [{"fieldName": "created", "order": 0}, {"fieldName": "region", "order": 1}],
    }
    archive.update(fields)
    return archive


def seed(sim, *archives):
    state = sim.state()
    sim.project(PROJECT_ID, state)["online_archives"] = list(archives)
    sim.set_state(state)
    sim.forget_requests()


def archives_in(sim):
    return [dict((k, v) for k, v in a.items() if k != "_sim") for a in sim.project()["online_archives"]]


def run(run_module, sim, check_mode=False, diff=False, **args):
    return run_module(atlas_online_archive.main, sim.module_args(**args), check_mode=check_mode, diff=diff)


# -- pure functions --------------------------------------------------------------------------------------

CURRENT = {
    "_id": ARCHIVE_ID,
    "dbName": "sales",
    "collName": "orders",
    "collectionType": "STANDARD",
    "criteria": {"type": "DATE", "dateField": "created", "dateFormat": "ISODATE", "expireAfterDays": 30},
    "partitionFields": [{"fieldName": "region", "order": 1, "fieldType": "string"}, {"fieldName": "created", "order": 0, "fieldType": "date"}],
    "dataProcessRegion": {"cloudProvider": "AWS", "region": "US_EAST_1"},
    "schedule": {"type": "DEFAULT"},
    "dataExpirationRule": {"expireAfterDays": 365},
    "paused": False,
    "state": "ACTIVE",
}


@pytest.mark.parametrize(
    "params, patch",
    [
        # Compared as Atlas means it: nothing to change.
        (dict(criteria=dict(type="DATE", date_field="created", expire_after_days=30)), {}),  # dateFormat defaults to ISODATE
        (dict(schedule=dict(type="DEFAULT")), {}),
        (dict(partition_fields=["created", "region"]), {}),  # by name and order; fieldType ignored
        (dict(paused=False, data_expiration_rule=dict(expire_after_days=365)), {}),
        (dict(), {}),  # nothing managed
        # In place, only what differs.
        (
            dict(criteria=dict(type="DATE", date_field="created", expire_after_days=60)),
            {"criteria": {"type": "DATE", "dateField": "created", "dateFormat": "ISODATE", "expireAfterDays": 60}},
        ),
        (
            dict(criteria=dict(type="DATE", date_field="created", expire_after_days=30, date_format="EPOCH_SECONDS")),
            {"criteria": {"type": "DATE", "dateField": "created", "dateFormat": "EPOCH_SECONDS", "expireAfterDays": 30}},
        ),
        (dict(paused=True), {"paused": True}),
        (dict(data_expiration_rule=dict(expire_after_days=None)), {"dataExpirationRule": {}}),  # {} removes the rule
        (
            dict(schedule=dict(type="DAILY", start_hour=1, end_hour=5)),
            {"schedule": {"type": "DAILY", "startHour": 1, "startMinute": 0, "endHour": 5, "endMinute": 0}},
        ),
    ],
)
def test_planned_update_sends_only_the_writable_fields_that_differ(params, patch):
    wanted, dummy = desired_archive(options(**params))
    assert fixed_differences(CURRENT, wanted) == []
    assert planned_update(CURRENT, wanted) == patch


def test_a_custom_query_is_compared_as_parsed_json():
    current = dict(CURRENT, criteria={"type": "CUSTOM", "query": '{"status":"closed","n":{"$gt":1}}'}, partitionFields=None)
    same, dummy = desired_archive(options(criteria=dict(type="CUSTOM", query={"n": {"$gt": 1}, "status": "closed"})))
    other, dummy = desired_archive(options(criteria=dict(type="CUSTOM", query='{ "status": "open" }')))
    assert planned_update(current, same) == {}
    assert planned_update(current, other) == {"criteria": {"type": "CUSTOM", "query": '{ "status": "open" }'}}


def test_no_schedule_is_the_default_one():
    assert normalised_schedule(None) == normalised_schedule({"type": "DEFAULT"}) == {"type": "DEFAULT"}


@pytest.mark.parametrize(
    "params, fields",
    [
        (dict(coll_name="other"), ["coll_name"]),
        (dict(collection_type="TIMESERIES"), ["collection_type"]),
        (dict(partition_fields=["created", "customer"]), ["partition_fields"]),
        (
            dict(partition_fields=["region", "created"], criteria=dict(type="DATE", date_field="region", expire_after_days=30)),
            ["partition_fields", "criteria.date_field"],
        ),
        (dict(criteria=dict(type="CUSTOM", query='{"a": 1}')), ["criteria.type"]),
        (dict(data_process_region=dict(cloud_provider="AWS", region="EU_WEST_1")), ["data_process_region"]),
    ],
)
def test_fixed_differences_name_the_options(params, fields):
    wanted, dummy = desired_archive(options(**params))
    assert [option for option, dummy_have, dummy_want in fixed_differences(CURRENT, wanted)] == fields


def test_the_date_field_is_put_first_among_the_partition_fields_with_a_note():
    wanted, notes = desired_archive(options(criteria=dict(type="DATE", date_field="created", expire_after_days=5), partition_fields=["region"]))
    assert wanted["partitionFields"] == [{"fieldName": "created", "order": 0}, {"fieldName": "region", "order": 1}]
    assert notes == ["criteria.date_field created is added as the first partition field, as Atlas requires."]
    wanted, notes = desired_archive(options(criteria=dict(type="DATE", date_field="created", expire_after_days=5), partition_fields=["region", "created"]))
    assert [f["fieldName"] for f in wanted["partitionFields"]] == ["created", "region"]
    assert notes == ["criteria.date_field created is moved to be the first partition field, as Atlas requires."]


def test_predicted_update_replaces_whole_fields():
    after = predicted_update(
        CURRENT, {"dataExpirationRule": {}, "schedule": {"type": "DAILY", "startHour": 1, "startMinute": 0, "endHour": 5, "endMinute": 0}, "paused": True}
    )
    assert "dataExpirationRule" not in after
    assert after["schedule"]["type"] == "DAILY" and (after["paused"], after["state"]) == (True, "PAUSING")


BAD_INPUTS = [
    (dict(archive_id="nope"), "archive_id must be a 24-character lowercase hexadecimal Atlas id"),
    (dict(db_name="d" * 65), "db_name must be a MongoDB database name of 1 to 64 characters"),
    (dict(db_name="sales.eu"), "db_name must be a MongoDB database name"),
    (dict(coll_name="system.views"), "coll_name must be a MongoDB collection name"),
    (dict(criteria=dict(type="CUSTOM")), "criteria.query must be a MongoDB find() filter as a JSON object"),
    (dict(criteria=dict(type="CUSTOM", query="{}")), "criteria.query must select some documents"),
    (dict(criteria=dict(type="CUSTOM", query={})), "criteria.query must select some documents"),
    (dict(criteria=dict(type="CUSTOM", query="status = closed")), "criteria.query must be a MongoDB find() filter as a JSON object"),
    (dict(criteria=dict(type="CUSTOM", query='{"a": 1}', date_field="created")), "criteria.date_field is only for criteria.type DATE"),
    (dict(criteria=dict(type="DATE", expire_after_days=3)), "criteria.date_field is required when criteria.type is DATE"),
    (
        dict(criteria=dict(type="DATE", date_field="created")),
        "criteria.expire_after_days is required when criteria.type is DATE: the age in days after which documents are archived, such as 60",
    ),
    (
        dict(criteria=dict(type="DATE", date_field="created", expire_after_days=-5)),
        "criteria.expire_after_days must be a whole number of days of 1 or more (the age at which documents are archived), got -5",
    ),
    (dict(criteria=dict(type="DATE", date_field="created", expire_after_days=3, query="{}")), "criteria.query is only for criteria.type CUSTOM"),
    (dict(collection_type="TIMESERIES", criteria=dict(type="CUSTOM", query='{"a": 1}')), "collection_type TIMESERIES needs criteria.type DATE"),
    (
        dict(collection_type="TIMESERIES", criteria=dict(type="DATE", date_field="t", expire_after_days=3, date_format="EPOCH_SECONDS")),
        "collection_type TIMESERIES needs criteria.date_format ISODATE",
    ),
    (
        dict(criteria=dict(type="DATE", date_field="t", expire_after_days=3), partition_fields=["a", "b", "c"]),
        "partition_fields can hold at most 3 fields with criteria.type DATE",
    ),
    (
        dict(criteria=dict(type="CUSTOM", query='{"a": 1}'), partition_fields=["a", "b", "c"]),
        "partition_fields can hold at most 2 fields with criteria.type CUSTOM",
    ),
    (dict(partition_fields=["a", "a"]), "partition_fields must be distinct, non-empty field names"),
    (dict(schedule=dict(type="DAILY", end_hour=5)), "schedule.start_hour is required when schedule.type is DAILY: an hour from 0 to 23 (UTC)"),
    (dict(schedule=dict(type="DAILY", start_hour=24, end_hour=5)), "schedule.start_hour must be from 0 to 23, got 24"),
    (dict(schedule=dict(type="DAILY", start_hour=1, end_hour=2, end_minute=30)), "schedule must give a window of at least 2 hours"),
    (dict(schedule=dict(type="DAILY", start_hour=23, end_hour=0)), "23:00 to 00:00 UTC is 60 minutes"),
    (
        dict(schedule=dict(type="WEEKLY", start_hour=1, end_hour=5)),
        "schedule.day_of_week is required when schedule.type is WEEKLY: a day of the week from 1 (Monday) to 7 (Sunday)",
    ),
    (
        dict(schedule=dict(type="WEEKLY", start_hour=1, end_hour=5, day_of_week=0)),
        "schedule.day_of_week must be a day of the week from 1 (Monday) to 7 (Sunday), got 0",
    ),
    (
        dict(schedule=dict(type="MONTHLY", start_hour=1, end_hour=5, day_of_month=32)),
        "schedule.day_of_month must be a day of the month from 1 to 31, got 32",
    ),
    (dict(schedule=dict(type="DAILY", start_hour=1, end_hour=5, day_of_week=2)), "schedule.day_of_week cannot be used with schedule.type DAILY"),
    (dict(schedule=dict(type="DEFAULT", start_hour=1)), "schedule.start_hour cannot be used with schedule.type DEFAULT"),
    (dict(data_process_region=dict(cloud_provider="AWS", region="EUROPE_WEST")), "data_process_region.region must be one of US_EAST_1"),
    (dict(data_expiration_rule=dict(expire_after_days=6)), "data_expiration_rule.expire_after_days must be from 7 to 9215, got 6"),
    (dict(data_expiration_rule=dict(expire_after_days=9216)), "data_expiration_rule.expire_after_days must be from 7 to 9215, got 9216"),
]


@pytest.mark.parametrize("params, message", BAD_INPUTS, ids=[str(i) for i in range(len(BAD_INPUTS))])
def test_desired_archive_refuses_bad_input(params, message):
    with pytest.raises(AtlasInputError) as error:
        desired_archive(options(**params))
    assert message in str(error.value)


# -- against the simulator -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, message", BAD_INPUTS + [(dict(cluster_name="bad_name"), "cluster_name must be")], ids=[str(i) for i in range(len(BAD_INPUTS) + 1)]
)
def test_bad_input_fails_before_any_request(sim, run_module, params, message):
    args = dict(project_id=PROJECT_ID, cluster_name="Cluster0", db_name="sales", coll_name="orders")
    args.update(params)
    result = run(run_module, sim, **args)
    assert result["failed"] is True
    assert message in result["msg"], result["msg"]
    assert sim.request_log() == []


def test_create_by_collection_then_rerun_with_zero_writes_and_one_read(sim, run_module):
    result = run(run_module, sim, diff=True, **DATE_TASK)

    assert result["changed"] is True, result
    [post] = sim.writes()
    assert (post.method, post.path, post.accept) == ("POST", ARCHIVES_PATH, V2023)
    assert post.body == {
        "dbName": "sales",
        "collName": "orders",
        "criteria": {"type": "DATE", "dateField": "created", "dateFormat": "ISODATE", "expireAfterDays": 30},
        "partitionFields": [{"fieldName": "created", "order": 0}, {"fieldName": "region", "order": 1}],
    }
    archive = result["online_archive"]
    assert archive["state"] == "PENDING" and archive["_id"] == archives_in(sim)[0]["_id"]
    assert result["diff"]["before"] == {} and result["diff"]["after"]["_id"] == archive["_id"]

    sim.forget_requests()
    again = run(run_module, sim, **DATE_TASK)
    assert again["changed"] is False
    assert [(r.method, r.path) for r in sim.requests()] == [("GET", ARCHIVES_PATH)]
    assert again["online_archive"]["_id"] == archive["_id"]


def test_the_date_field_is_added_to_the_partition_fields_with_a_warning(sim, run_module):
    result = run(run_module, sim, **task(partition_fields=["region"]))
    assert result["changed"] is True
    assert "criteria.date_field created is added as the first partition field, as Atlas requires." in warnings(result)
    assert [f["fieldName"] for f in archives_in(sim)[0]["partitionFields"]] == ["created", "region"]


def test_create_a_custom_archive_with_a_query_dict(sim, run_module):
    args = task(criteria=dict(type="CUSTOM", query={"status": "closed"}), partition_fields=["customer"])
    result = run(run_module, sim, **args)
    assert result["changed"] is True
    assert sim.writes()[0].body["criteria"] == {"type": "CUSTOM", "query": '{"status": "closed"}'}
    sim.forget_requests()
    args["criteria"] = dict(type="CUSTOM", query='{ "status" : "closed" }')  # the same filter, written otherwise
    again = run(run_module, sim, **args)
    assert again["changed"] is False and sim.writes() == []


def test_check_mode_create_sends_no_write_and_predicts_a_pending_archive(sim, run_module):
    result = run(run_module, sim, check_mode=True, diff=True, **DATE_TASK)
    assert result["changed"] is True
    assert [r.method for r in sim.requests()] == ["GET"]
    assert result["online_archive"]["state"] == "PENDING" and "_id" not in result["online_archive"]
    assert archives_in(sim) == []


def test_change_expiry_days_and_schedule_in_place(sim, run_module):
    seed(sim, stored_archive(dataExpirationRule={"expireAfterDays": 365}))
    args = task(
        criteria=dict(type="DATE", date_field="created", expire_after_days=60),
        schedule=dict(type="WEEKLY", day_of_week=6, start_hour=22, end_hour=2),
        data_expiration_rule=dict(expire_after_days=730),
    )
    check = run(run_module, sim, check_mode=True, **args)
    assert check["changed"] is True and sim.writes() == []
    assert check["online_archive"]["criteria"]["expireAfterDays"] == 60

    result = run(run_module, sim, diff=True, **args)
    assert result["changed"] is True
    [patch] = sim.writes()
    assert (patch.method, patch.path) == ("PATCH", "%s/%s" % (ARCHIVES_PATH, ARCHIVE_ID))
    assert patch.body == {
        "criteria": {"type": "DATE", "dateField": "created", "dateFormat": "ISODATE", "expireAfterDays": 60},
        "schedule": {"type": "WEEKLY", "dayOfWeek": 6, "startHour": 22, "startMinute": 0, "endHour": 2, "endMinute": 0},
        "dataExpirationRule": {"expireAfterDays": 730},
    }
    assert result["diff"]["before"]["criteria"]["expireAfterDays"] == 30 and result["diff"]["after"]["criteria"]["expireAfterDays"] == 60
    stored = archives_in(sim)[0]
    assert stored["schedule"]["type"] == "WEEKLY" and stored["dataExpirationRule"] == {"expireAfterDays": 730}

    sim.forget_requests()
    assert run(run_module, sim, **args)["changed"] is False
    assert sim.writes() == []


def test_an_empty_expiration_rule_removes_it(sim, run_module):
    seed(sim, stored_archive(dataExpirationRule={"expireAfterDays": 365}))
    result = run(run_module, sim, **task(data_expiration_rule={}))
    assert result["changed"] is True
    assert [w.body for w in sim.writes()] == [{"dataExpirationRule": {}}]
    assert "dataExpirationRule" not in archives_in(sim)[0]


def test_pause_and_resume_with_wait(sim, run_module, fake_clock):
    seed(sim, stored_archive())
    paused = run(run_module, sim, **task(paused=True, wait=True, wait_interval=5))
    assert paused["changed"] is True and paused["online_archive"]["state"] == "PAUSED"
    assert [w.body for w in sim.writes()] == [{"paused": True}]
    assert [r.method for r in sim.requests()] == ["GET", "PATCH", "GET", "GET"]  # PAUSING, then PAUSED

    sim.forget_requests()
    resumed = run(run_module, sim, **task(paused=False, wait=True, wait_interval=5))
    assert resumed["changed"] is True and resumed["online_archive"]["state"] == "ACTIVE"
    assert [w.body for w in sim.writes()] == [{"paused": False}]
    assert fake_clock.sleeps == [5, 5]


def test_a_seeded_idle_archive_counts_as_running(sim, run_module, fake_clock):
    seed(sim, stored_archive(state="IDLE"))
    result = run(run_module, sim, **task(wait=True))
    assert result["changed"] is False and result["online_archive"]["state"] == "IDLE"
    assert fake_clock.sleeps == []


def test_a_timeout_in_pending_says_to_check_the_date_field_and_deletes_nothing(sim, run_module, fake_clock):
    result = run(run_module, sim, **task(wait=True, wait_timeout=0))
    assert result["failed"] is True
    assert "did not reach a running state (ACTIVE, IDLE, ARCHIVING) within 0 seconds; its state is PENDING." in result["msg"]
    assert "criteria.date_field does not exist in the collection" in result["msg"]
    assert [r.method for r in sim.requests()] == ["GET", "POST", "GET"]
    assert len(archives_in(sim)) == 1


def test_an_orphaned_archive_fails_the_wait_at_once(sim, run_module, fake_clock):
    seed(sim, stored_archive(state="ORPHANED"))
    result = run(run_module, sim, **task(wait=True))
    assert result["failed"] is True
    assert "it is ORPHANED: its collection was dropped" in result["msg"]
    assert result["online_archive"]["state"] == "ORPHANED"
    assert fake_clock.sleeps == [] and sim.writes() == []


def test_an_immutable_change_is_refused_with_zero_writes(sim, run_module):
    seed(sim, stored_archive())
    args = task(partition_fields=["created", "customer"], collection_type="TIMESERIES", paused=True)
    for check_mode in (True, False):
        result = run(run_module, sim, check_mode=check_mode, **args)
        assert result["failed"] is True
        assert result["msg"].startswith("The online archive %s of sales.orders cannot change collection_type, partition_fields:" % ARCHIVE_ID)
        assert 'partition_fields is ["created", "region"] in Atlas, the task wants ["created", "customer"]' in result["msg"]
        assert "re-creating it would destroy its archived data" in result["msg"]
    assert sim.writes() == []


def test_several_archives_without_archive_id_fail_listing_them(sim, run_module):
    seed(
        sim,
        stored_archive(paused=True),
        stored_archive(OTHER_ID, criteria={"type": "DATE", "dateField": "created", "expireAfterDays": 60}),
        stored_archive("6740000000000000000000a3", state="DELETED"),
    )
    result = run(run_module, sim, **DATE_TASK)
    assert result["failed"] is True
    assert result["msg"] == (
        "Cluster Cluster0 has 2 online archives of sales.orders: %s (state PAUSED, criteria DATE created after 30 days); "
        "%s (state ACTIVE, criteria DATE created after 60 days). Set archive_id to the one this task manages." % (ARCHIVE_ID, OTHER_ID)
    )
    assert sim.writes() == []

    sim.forget_requests()
    chosen = run(run_module, sim, **task(archive_id=OTHER_ID, criteria=dict(type="DATE", date_field="created", expire_after_days=60)))
    assert chosen["changed"] is False and chosen["online_archive"]["_id"] == OTHER_ID
    assert [(r.method, r.path) for r in sim.requests()] == [("GET", "%s/%s" % (ARCHIVES_PATH, OTHER_ID))]


def test_an_archive_id_of_another_collection_or_unknown_fails(sim, run_module):
    seed(sim, stored_archive(collName="invoices"))
    other = run(run_module, sim, **task(archive_id=ARCHIVE_ID))
    assert other["failed"] is True and "archive_id %s is the online archive of sales.invoices, not of sales.orders" % ARCHIVE_ID in other["msg"]
    unknown = run(run_module, sim, **task(archive_id=OTHER_ID))
    assert unknown["failed"] is True and "archive_id %s is not an online archive of cluster Cluster0" % OTHER_ID in unknown["msg"]
    assert run(run_module, sim, **task(archive_id=ARCHIVE_ID, state="absent"))["failed"] is True
    assert sim.writes() == []


def test_create_needs_criteria(sim, run_module):
    result = run(run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", db_name="sales", coll_name="orders", paused=True)
    assert result["failed"] is True
    assert result["msg"] == "criteria is required to create the online archive of sales.orders: it has none yet"
    assert sim.writes() == []


def test_delete_warns_that_the_data_is_destroyed_then_rerun_is_unchanged(sim, run_module, fake_clock):
    seed(sim, stored_archive())
    absent = dict(project_id=PROJECT_ID, cluster_name="Cluster0", db_name="sales", coll_name="orders", state="absent")

    check = run(run_module, sim, check_mode=True, **absent)
    assert check["changed"] is True and sim.writes() == []

    result = run(run_module, sim, diff=True, **dict(absent, wait=True))
    assert result["changed"] is True and result["online_archive"] is None
    [delete] = sim.writes()
    assert (delete.method, delete.path, delete.status) == ("DELETE", "%s/%s" % (ARCHIVES_PATH, ARCHIVE_ID), 200)  # Atlas answers 200 {} (recorded)
    assert any("archived data, which cannot be restored" in warning for warning in warnings(result))
    assert result["diff"]["before"]["_id"] == ARCHIVE_ID and result["diff"]["after"] == {}
    assert "destroys its archived data" in result["diff"]["after_header"]

    sim.forget_requests()
    again = run(run_module, sim, **absent)  # the archive is still listed, as DELETED: it does not count
    assert again["changed"] is False and sim.writes() == []
    assert run(run_module, sim, **absent)["changed"] is False  # and then it is gone


def test_absent_on_a_cluster_that_does_not_exist_is_unchanged_but_present_fails(sim, run_module):
    absent = run(run_module, sim, project_id=PROJECT_ID, cluster_name="gone", db_name="sales", coll_name="orders", state="absent")
    assert absent["changed"] is False
    present = run(run_module, sim, **task(cluster_name="gone"))
    assert present["failed"] is True and present["error_code"] == "CLUSTER_NOT_FOUND"
    assert sim.writes() == []


def test_absent_with_a_wrong_key_or_project_fails(sim, run_module):
    seed(sim, stored_archive())
    absent = dict(cluster_name="Cluster0", db_name="sales", coll_name="orders", state="absent")
    wrong_key = run(run_module, sim, **dict(absent, project_id=PROJECT_ID, public_key="not-a-key"))
    assert wrong_key["failed"] is True and wrong_key.get("changed") is not True
    wrong_project = run(run_module, sim, **dict(absent, project_id="6500000000000000000000ff"))
    assert (wrong_project["status"], wrong_project["error_code"]) == (404, "GROUP_NOT_FOUND")
    assert sim.writes() == [] and len(archives_in(sim)) == 1


def test_absent_warns_about_ignored_options(sim, run_module):
    result = run(
        run_module, sim, project_id=PROJECT_ID, cluster_name="Cluster0", db_name="sales", coll_name="orders", state="absent", paused=True, wait_timeout=5
    )
    assert result["changed"] is False
    assert "paused is ignored when state=absent." in warnings(result)
    assert "wait_timeout is ignored when wait=false." in warnings(result)
