"""Online Archives: create, list, get, pause and resume, in-place updates, immutable fields, delete."""

import pytest

from sim_helpers import PROJECT, assert_atlas_error, seed_ids

V = "2023-01-01"
ARCHIVES = f"{PROJECT}/clusters/Cluster0/onlineArchives"
DATE_ARCHIVE = {
    "dbName": "sales",
    "collName": "orders",
    "criteria": {"type": "DATE", "dateField": "created", "expireAfterDays": 30},
    "partitionFields": [{"fieldName": "created", "order": 0}, {"fieldName": "region", "order": 1}],
}


def create(atlas, body=None, path=ARCHIVES):
    response = atlas.post(path, V, json=body or DATE_ARCHIVE)
    assert response.status_code == 200, response.text
    return response.json()


def seed_archives(control, *archives):
    state = control.state()
    project = next(p for p in state["projects"] if p["id"] == seed_ids.PROJECT_ID)
    project["online_archives"] = list(archives)
    control.set_state(state)


def test_create_answers_200_pending_then_the_archive_becomes_active(atlas):
    archive = create(atlas)
    assert archive["state"] == "PENDING"
    assert archive["clusterName"] == "Cluster0" and archive["groupId"] == seed_ids.PROJECT_ID
    assert (archive["dbName"], archive["collName"], archive["collectionType"]) == ("sales", "orders", "STANDARD")
    assert archive["criteria"]["dateFormat"] == "ISODATE"
    assert archive["schedule"] == {"type": "DEFAULT"}
    assert archive["dataProcessRegion"] == {"cloudProvider": "AWS", "region": "US_EAST_1"}
    # Field types are null until Atlas has read the collection, and there is no dataSetName, as recorded.
    assert [(f["fieldName"], f["order"], f["fieldType"]) for f in archive["partitionFields"]] == [("created", 0, None), ("region", 1, None)]
    assert "dataSetName" not in archive
    path = f"{ARCHIVES}/{archive['_id']}"
    assert atlas.get(path, V).json()["state"] == "PENDING"  # every state can be seen once
    active = atlas.get(path, V).json()
    assert active["state"] == "ACTIVE"
    assert [(f["fieldName"], f["fieldType"]) for f in active["partitionFields"]] == [("created", "date"), ("region", "string")]
    listed = atlas.get(ARCHIVES, V).json()
    assert [a["_id"] for a in listed["results"]] == [archive["_id"]] and listed["totalCount"] == 1


def test_archives_belong_to_their_cluster(atlas):
    create(atlas)
    assert atlas.get(f"{PROJECT}/clusters/analytics/onlineArchives", V).json()["results"] == []
    assert_atlas_error(atlas.get(f"{PROJECT}/clusters/nope/onlineArchives", V), 404, "CLUSTER_NOT_FOUND")


@pytest.mark.parametrize(
    "body, field",
    [
        ({"dbName": "d", "collName": "c", "criteria": {"type": "CUSTOM"}}, "criteria.query"),  # discriminator without oneOf, fixed
        ({"dbName": "d", "collName": "c", "criteria": {"type": "CUSTOM", "query": "{}"}}, "criteria.query"),
        ({"dbName": "d", "collName": "c", "criteria": {"type": "DATE"}}, "criteria.dateField"),
        (dict(DATE_ARCHIVE, partitionFields=[{"fieldName": "region", "order": 0}]), "partitionFields"),
        (dict(DATE_ARCHIVE, dataProcessRegion={"cloudProvider": "AWS", "region": "EUROPE_WEST"}), "dataProcessRegion.region"),
        (dict(DATE_ARCHIVE, dataProcessRegion={"cloudProvider": "GCP", "region": "CENTRAL_US"}), "dataProcessRegion.cloudProvider"),
        (dict(DATE_ARCHIVE, schedule={"type": "DAILY", "startHour": 1, "startMinute": 0, "endHour": 2, "endMinute": 30}), "schedule"),
        (dict(DATE_ARCHIVE, schedule={"type": "DAILY", "startHour": 24, "startMinute": 0, "endHour": 2, "endMinute": 0}), "schedule.startHour"),
        (dict(DATE_ARCHIVE, collectionType="TIMESERIES", criteria={"type": "CUSTOM", "query": '{"a": 1}'}), "collectionType"),
        (dict(DATE_ARCHIVE, partitionFields=[{"fieldName": "created", "order": 0, "fieldType": "date"}]), "partitionFields[0].fieldType"),
    ],
)
def test_create_refuses_what_atlas_refuses(atlas, body, field):
    error = atlas.post(ARCHIVES, V, json=body)
    assert error.status_code == 400, error.text
    assert error.json()["badRequestDetail"]["fields"][0]["field"] == field


def test_a_weekly_schedule_is_validated_as_its_subtype_and_kept(atlas):
    # OnlineArchiveSchedule recurses (oneOf -> subtype -> allOf base): dispatched on type instead.
    weekly = {"type": "WEEKLY", "dayOfWeek": 3, "startHour": 22, "startMinute": 0, "endHour": 1, "endMinute": 0}
    archive = create(atlas, dict(DATE_ARCHIVE, schedule=weekly))
    assert archive["schedule"] == weekly


def test_one_running_archive_per_collection(atlas):
    first = create(atlas)
    assert_atlas_error(atlas.post(ARCHIVES, V, json=DATE_ARCHIVE), 409, "ONLINE_ARCHIVE_ALREADY_ACTIVE")
    paused = create(atlas, dict(DATE_ARCHIVE, paused=True))
    assert paused["state"] == "PAUSED"
    resume = atlas.patch(f"{ARCHIVES}/{paused['_id']}", V, json={"paused": False})
    assert assert_atlas_error(resume, 409, "ONLINE_ARCHIVE_ALREADY_ACTIVE")["parameters"] == [first["_id"]]


def test_pause_then_resume(atlas):
    path = f"{ARCHIVES}/{create(atlas)['_id']}"
    # A PENDING archive cannot be paused yet, as real Atlas answers (recorded).
    refused = assert_atlas_error(atlas.patch(path, V, json={"paused": True}), 409, "ONLINE_ARCHIVE_MUST_BE_ACTIVE_TO_PAUSE")
    assert refused == {
        "detail": "An archive must be in an active state in order to be paused.",
        "error": 409,
        "errorCode": "ONLINE_ARCHIVE_MUST_BE_ACTIVE_TO_PAUSE",
        "parameters": [],
        "reason": "Conflict",
    }
    assert atlas.get(path, V).json()["state"] == "PENDING"
    assert atlas.get(path, V).json()["state"] == "ACTIVE"
    paused = atlas.patch(path, V, json={"paused": True}).json()
    assert (paused["paused"], paused["state"]) == (True, "PAUSING")
    assert atlas.get(path, V).json()["state"] == "PAUSING"
    assert atlas.get(path, V).json()["state"] == "PAUSED"
    resumed = atlas.patch(path, V, json={"paused": False}).json()
    assert (resumed["paused"], resumed["state"]) == (False, "PENDING")


def test_rules_change_in_place_and_an_empty_expiration_rule_removes_it(atlas):
    path = f"{ARCHIVES}/{create(atlas, dict(DATE_ARCHIVE, dataExpirationRule={'expireAfterDays': 90}))['_id']}"
    daily = {"type": "DAILY", "startHour": 1, "startMinute": 0, "endHour": 5, "endMinute": 0}
    body = {"criteria": {"type": "DATE", "dateField": "created", "dateFormat": "ISODATE", "expireAfterDays": 60}, "schedule": daily, "dataExpirationRule": {}}
    updated = atlas.patch(path, V, json=body)
    assert updated.status_code == 200, updated.text
    archive = atlas.get(path, V).json()
    assert archive["criteria"]["expireAfterDays"] == 60 and archive["schedule"] == daily
    assert "dataExpirationRule" not in archive


@pytest.mark.parametrize(
    "body, error_code",
    [
        ({"criteria": {"type": "CUSTOM", "query": '{"a": 1}'}}, "ONLINE_ARCHIVE_CANNOT_MODIFY_FIELD"),
        ({"criteria": {"type": "DATE", "dateField": "updated"}}, "ONLINE_ARCHIVE_CANNOT_MODIFY_FIELD"),
        ({"collName": "other"}, "INVALID_ATTRIBUTE"),  # readOnly in the PATCH schema
        ({"partitionFields": [{"fieldName": "created", "order": 0}]}, "INVALID_ATTRIBUTE"),
        ({"dataProcessRegion": {"cloudProvider": "AWS", "region": "EU_WEST_1"}}, "INVALID_ATTRIBUTE"),
    ],
)
def test_fields_fixed_at_creation_cannot_be_patched(atlas, body, error_code):
    path = f"{ARCHIVES}/{create(atlas)['_id']}"
    assert_atlas_error(atlas.patch(path, V, json=body), 400, error_code)


def test_delete_answers_200_empty_and_the_archive_is_listed_deleted_then_gone(atlas):
    path = f"{ARCHIVES}/{create(atlas)['_id']}"
    deleted = atlas.delete(path, V)
    assert (deleted.status_code, deleted.json()) == (200, {})  # as real Atlas, where the spec says 204
    assert [a["state"] for a in atlas.get(ARCHIVES, V).json()["results"]] == ["DELETED"]
    assert_atlas_error(atlas.get(path, V), 404, "RESOURCE_NOT_FOUND")
    assert atlas.get(ARCHIVES, V).json()["results"] == []
    assert_atlas_error(atlas.delete(path, V), 404, "RESOURCE_NOT_FOUND")


def test_create_and_update_without_criteria_type_as_the_atlas_cli_sends_them(atlas):
    body = dict(DATE_ARCHIVE, criteria={k: v for k, v in DATE_ARCHIVE["criteria"].items() if k != "type"})
    archive = create(atlas, body)
    assert archive["criteria"]["type"] == "DATE"
    updated = atlas.patch(f"{ARCHIVES}/{archive['_id']}", V, json={"criteria": {"expireAfterDays": 4}})
    assert updated.status_code == 200, updated.text
    assert updated.json()["criteria"] == dict(archive["criteria"], expireAfterDays=4)


def test_an_unknown_or_malformed_archive_id(atlas):
    assert_atlas_error(atlas.get(f"{ARCHIVES}/{'a' * 24}", V), 404, "RESOURCE_NOT_FOUND")
    assert_atlas_error(atlas.get(f"{ARCHIVES}/not-an-id", V), 400, "VALIDATION_ERROR")


def test_query_logs_is_not_routed_as_an_archive_id(atlas):
    # The literal .../queryLogs.gz path is its own operation (gzip, not simulated), never archiveId "queryLogs.gz".
    response = atlas.get(f"{ARCHIVES}/queryLogs.gz", V, headers={"Accept": "application/vnd.atlas.2023-01-01+gzip"})
    assert response.status_code in (406, 501), response.text
    assert "archiveId" not in response.text and response.json()["errorCode"] != "RESOURCE_NOT_FOUND"


def test_seeded_archives_are_completed_and_may_use_the_described_states(atlas, control):
    seed_archives(
        control,
        {
            "clusterName": "Cluster0",
            "dbName": "sales",
            "collName": "orders",
            "criteria": {"type": "DATE", "dateField": "created", "expireAfterDays": 7},
            "state": "IDLE",
        },
        {"clusterName": "Cluster0", "dbName": "sales", "collName": "orders", "criteria": {"type": "CUSTOM", "query": '{"x": 1}'}, "paused": True},
    )
    results = atlas.get(ARCHIVES, V).json()["results"]
    assert [(a["state"], a["paused"]) for a in results] == [("IDLE", False), ("PAUSED", True)]
    assert results[0]["partitionFields"] == [{"fieldName": "created", "order": 0, "fieldType": "date"}]
    assert "partitionFields" not in results[1]  # the spec's minItems 1
