"""Online Archives of a cluster: list, create, get, update (pause, resume, rules), delete.

Archives are kept in a project-level seed list, ``online_archives``, each naming its cluster by
``clusterName`` (clusters belong to another family). What Atlas documents (the spec's descriptions of
these operations and the Atlas documentation of Online Archive), and the simulator does:

- create answers 200 with the archive ``PENDING`` (``PAUSED`` when created with ``paused: true``);
  it becomes ``ACTIVE`` after a step (``lifecycle``). The spec's description also lists ``IDLE`` and
  ``ARCHIVING`` (a seed may use them; see ``validation.fix_online_archive_state_enum``).
- ``paused: true`` moves a running archive to ``PAUSING`` then ``PAUSED``; ``paused: false`` resumes a
  paused one (``PENDING``, then ``ACTIVE``), refused (409) while another archive of the collection runs.
- Only ``paused``, ``criteria``, ``schedule`` and ``dataExpirationRule`` can change (the spec marks the
  rest readOnly, which the request validator enforces); ``criteria.type`` and ``criteria.dateField``
  cannot (400 ``ONLINE_ARCHIVE_CANNOT_MODIFY_FIELD``, the code the Terraform provider's docs name).
  ``dataExpirationRule: {}`` removes the rule.
- delete answers 200 ``{}`` (as real Atlas; the spec says 204); the archive is listed as ``DELETED``
  for a step, then is gone (404 ``RESOURCE_NOT_FOUND``, Atlas' code for a missing archive).
- pausing an archive that is not running (``PENDING``) is refused: 409
  ``ONLINE_ARCHIVE_MUST_BE_ACTIVE_TO_PAUSE``, as recorded.
- a new archive's ``partitionFields[].fieldType`` is ``null`` until it first runs (``ACTIVE``); Atlas
  sends no ``dataSetName``.
- ``.../onlineArchives/queryLogs.gz`` is its own operation (routed before ``{archiveId}``, as the
  literal path is longer) and is not simulated (501).

Error codes other than CLUSTER_NOT_FOUND, RESOURCE_NOT_FOUND, ONLINE_ARCHIVE_MUST_BE_ACTIVE_TO_PAUSE
(recorded) and ONLINE_ARCHIVE_CANNOT_MODIFY_FIELD (the Terraform provider's docs) are not documented:
each is marked "(guess)".
"""

import json

from .. import errors, lifecycle
from ..ids import object_id
from .common import Family, Reply, find, find_project, paginated, public

ARCHIVE = lifecycle.Lifecycle("state", ("PENDING", "ACTIVE"))
PAUSING = lifecycle.Lifecycle("state", ("PAUSING", "PAUSED"))
DELETION = lifecycle.Lifecycle("state", ("DELETED", lifecycle.GONE))
# States in which an archive is not archiving: another archive of its collection may run.
NOT_RUNNING = ("PAUSING", "PAUSED", "DELETED", "ORPHANED")
# States in which Atlas lets an archive be paused (a PENDING one is refused).
ACTIVE_STATES = ("ACTIVE", "IDLE", "ARCHIVING")
MAX_ARCHIVES_PER_CLUSTER = 50
MAX_PARTITION_FIELDS = {"DATE": 3, "CUSTOM": 2}
MIN_WINDOW_MINUTES = 120


def _default_region(project, cluster_name):
    """The cluster's first region when it is AWS (the only provider Atlas offers to every cluster)."""
    cluster = find(project.get("clusters") or [], "name", cluster_name) or {}
    for spec in cluster.get("replicationSpecs") or []:
        for region in spec.get("regionConfigs") or []:
            if region.get("providerName") == "AWS":
                return {"cloudProvider": "AWS", "region": region.get("regionName", "US_EAST_1")}
    return {"cloudProvider": "AWS", "region": "US_EAST_1"}


def _cluster_provider(project, cluster_name):
    cluster = find(project.get("clusters") or [], "name", cluster_name) or {}
    for spec in cluster.get("replicationSpecs") or []:
        for region in spec.get("regionConfigs") or []:
            return region.get("providerName")
    return None


def normalize_archive(archive, project, now):
    """Fill in what Atlas adds: id, project, collection type, date format, field types, schedule, state."""
    for field in ("clusterName", "dbName", "collName", "criteria"):
        if field not in archive:
            raise ValueError(f"every online archive needs {field}: {archive}")
    archive.setdefault("_id", object_id(now))
    archive.setdefault("groupId", project["id"])
    archive.setdefault("collectionType", "STANDARD")
    criteria = archive["criteria"]
    if criteria.get("type") == "DATE":
        criteria.setdefault("dateFormat", "ISODATE")
    date_field = criteria.get("dateField")
    if not archive.get("partitionFields"):
        archive.pop("partitionFields", None)  # the spec's minItems 1: no fields is no key
        if date_field:
            archive["partitionFields"] = [{"fieldName": date_field, "order": 0}]
    for item in archive.get("partitionFields", []):
        item.setdefault("order", 0)
        item.setdefault("fieldType", "date" if item["fieldName"] == date_field else "string")
    archive.setdefault("schedule", {"type": "DEFAULT"})
    archive.setdefault("dataProcessRegion", _default_region(project, archive["clusterName"]))
    archive.setdefault("paused", False)
    archive.setdefault("state", "PAUSED" if archive["paused"] else "ACTIVE")
    return archive


def _find_cluster(call, project):
    name = call.path["clusterName"]
    return find(project["clusters"], "name", name, errors.cluster_not_found(name, project["id"]))


def _refresh(call, project, archive):
    """Advance the archive's state; False when a deleted archive is now gone (and removed)."""
    before = archive["state"]
    for steps in (ARCHIVE, PAUSING, DELETION):
        if archive["state"] in steps.steps:
            if not lifecycle.refresh(archive, steps, call.now, call.store.progression, _on_enter):
                project["online_archives"].remove(archive)
                call.store.mark_changed()
                return False
            break
    if archive["state"] != before:
        call.store.mark_changed()
    return True


def _detected_field_types(archive):
    """Partition field types as Atlas detects them once the archive runs (null until then)."""
    date_field = archive["criteria"].get("dateField")
    for item in archive.get("partitionFields", []):
        if item.get("fieldType") is None:
            item["fieldType"] = "date" if item["fieldName"] == date_field else "string"


def _on_enter(archive, state):
    if state == "ACTIVE":
        _detected_field_types(archive)


def _show(archive):
    lifecycle.observed(archive)
    return public(archive)


def _cluster_archives(call, project):
    """The cluster's archives after their due transitions, oldest first."""
    _find_cluster(call, project)
    name = call.path["clusterName"]
    return [a for a in list(project["online_archives"]) if a["clusterName"] == name and _refresh(call, project, a)]


def _archive_not_found(archive_id):
    """Atlas' generic 404 code for a missing archive (real-atlas-cli README; its detail and parameters
    are not recorded: the simulator's guess)."""
    return errors.not_found(f"Online archive {archive_id} does not exist.", archive_id)


def _find_archive(call, project):
    wanted = call.path["archiveId"]
    archive = find(_cluster_archives(call, project), "_id", wanted, _archive_not_found(wanted))
    return archive


def _running_sibling(archives, archive):
    """Another archive of the same collection that is archiving (Atlas allows one at a time)."""
    return next(
        (
            other
            for other in archives
            if other is not archive and (other["dbName"], other["collName"]) == (archive["dbName"], archive["collName"]) and other["state"] not in NOT_RUNNING
        ),
        None,
    )


def _invalid(field, description):
    return errors.invalid_attribute(field, description)  # (guess: INVALID_ATTRIBUTE)


def _check_query(criteria):
    query = criteria.get("query")
    try:
        parsed = json.loads(query)
    except ValueError:
        raise _invalid("criteria.query", "The query must be a MongoDB find() filter written as JSON.")
    if not isinstance(parsed, dict) or not parsed:
        raise _invalid("criteria.query", "The query cannot be the empty document {}.")


def _check_schedule(schedule):
    if schedule["type"] == "DEFAULT":
        return
    needed = ["startHour", "startMinute", "endHour", "endMinute"]
    needed += {"WEEKLY": ["dayOfWeek"], "MONTHLY": ["dayOfMonth"]}.get(schedule["type"], [])
    for field in needed:
        if field not in schedule:
            raise errors.missing_attribute(f"schedule.{field}")
    start = schedule["startHour"] * 60 + schedule["startMinute"]
    end = schedule["endHour"] * 60 + schedule["endMinute"]
    if (end - start) % (24 * 60) < MIN_WINDOW_MINUTES and end != start:
        raise _invalid("schedule", "The archiving window must last at least two hours.")
    if "dayOfWeek" in schedule and not 1 <= schedule["dayOfWeek"] <= 7:
        raise _invalid("schedule.dayOfWeek", "dayOfWeek is 1 (Monday) to 7 (Sunday).")
    if "dayOfMonth" in schedule and not 1 <= schedule["dayOfMonth"] <= 31:
        raise _invalid("schedule.dayOfMonth", "dayOfMonth is 1 to 31.")


def _check_create(project, body):
    criteria = body["criteria"]
    fields = body.get("partitionFields") or []
    if criteria["type"] == "CUSTOM":
        _check_query(criteria)
    else:
        if "dateField" not in criteria:
            raise errors.missing_attribute("criteria.dateField")
        if fields and criteria["dateField"] not in [f["fieldName"] for f in fields]:
            # The spec's changelog (2023-08-02): with DATE criteria the date field is a partition field.
            raise _invalid("partitionFields", "The partition fields must include the criteria's dateField.")
    if len(fields) > MAX_PARTITION_FIELDS[criteria["type"]]:
        raise _invalid("partitionFields", f"At most {MAX_PARTITION_FIELDS[criteria['type']]} partition fields with {criteria['type']} criteria.")
    if body.get("collectionType") == "TIMESERIES" and (criteria["type"] != "DATE" or criteria.get("dateFormat", "ISODATE") != "ISODATE"):
        raise _invalid("collectionType", "A TIMESERIES collection needs DATE criteria with dateFormat ISODATE.")
    if "schedule" in body:
        _check_schedule(body["schedule"])
    region = body.get("dataProcessRegion")
    if region and region.get("cloudProvider") in ("AZURE", "GCP"):
        provider = region["cloudProvider"]
        others = [a for a in project["online_archives"] if a["clusterName"] == body["clusterName"] and a["dataProcessRegion"]["cloudProvider"] != provider]
        if _cluster_provider(project, body["clusterName"]) != provider or others:
            raise _invalid("dataProcessRegion.cloudProvider", f"{provider} is only possible on a {provider} cluster without archives elsewhere.")


def list_archives(call):
    project = find_project(call)
    return Reply(200, paginated(call, _cluster_archives(call, project), _show))


def get_archive(call):
    project = find_project(call)
    return Reply(200, _show(_find_archive(call, project)))


def create_archive(call):
    project = find_project(call)
    cluster = _find_cluster(call, project)
    archives = _cluster_archives(call, project)
    body = dict(call.body, clusterName=cluster["name"])
    # Atlas infers the criteria type when a request leaves it out (the Atlas CLI does:
    # validation.criteria_type_left_out); a query means CUSTOM (the simulator's guess).
    body["criteria"] = dict(body["criteria"])
    body["criteria"].setdefault("type", "CUSTOM" if "query" in body["criteria"] else "DATE")
    _check_create(project, body)
    if len(archives) >= MAX_ARCHIVES_PER_CLUSTER:
        raise errors.conflict("ONLINE_ARCHIVE_LIMIT_EXCEEDED", f"A cluster has at most {MAX_ARCHIVES_PER_CLUSTER} online archives.")  # (guess)
    archive = {
        key: body[key]
        for key in (
            "clusterName",
            "dbName",
            "collName",
            "collectionType",
            "criteria",
            "partitionFields",
            "schedule",
            "dataExpirationRule",
            "dataProcessRegion",
            "paused",
        )
        if key in body
    }
    # A new archive's partition field types are null until Atlas has read the collection
    # (real-atlas-cli POST_groups_{groupId}_clusters_{clusterName}_onlineArchives/01.json).
    normalize_archive(archive, project, call.now)
    for item in archive.get("partitionFields", []):
        item["fieldType"] = None
    running = _running_sibling(archives, archive)
    if not archive["paused"] and running:
        raise errors.conflict(  # (guess: ONLINE_ARCHIVE_ALREADY_ACTIVE)
            "ONLINE_ARCHIVE_ALREADY_ACTIVE", f"Collection {archive['dbName']}.{archive['collName']} already has an active online archive {running['_id']}."
        )
    lifecycle.start(archive, "state", "PAUSED" if archive["paused"] else "PENDING", call.now)
    project["online_archives"].append(archive)
    return Reply(200, public(archive))


def update_archive(call):
    project = find_project(call)
    archive = _find_archive(call, project)
    body = call.body
    if archive["state"] == "DELETED":
        raise _archive_not_found(archive["_id"])
    criteria = body.get("criteria")
    if criteria is not None:
        for field in ("type", "dateField"):
            if field in criteria and criteria[field] != archive["criteria"].get(field):
                raise errors.bad_request(
                    "ONLINE_ARCHIVE_CANNOT_MODIFY_FIELD",
                    f"The criteria's {field} of an online archive cannot be changed.",
                    f"criteria.{field}",
                    field=f"criteria.{field}",
                )
        if archive["criteria"]["type"] == "CUSTOM" and "query" in criteria:
            _check_query(criteria)
    if "schedule" in body:
        _check_schedule(body["schedule"])
    if body.get("paused") is False and archive["paused"]:
        running = _running_sibling(_cluster_archives(call, project), archive)
        if running:
            raise errors.conflict(  # (guess: ONLINE_ARCHIVE_ALREADY_ACTIVE)
                "ONLINE_ARCHIVE_ALREADY_ACTIVE", f"Cannot resume: online archive {running['_id']} of the collection is active.", running["_id"]
            )
    if criteria is not None:
        archive["criteria"] = {**archive["criteria"], **criteria}
    if "schedule" in body:
        archive["schedule"] = body["schedule"]
    if "dataExpirationRule" in body:
        if body["dataExpirationRule"]:
            archive["dataExpirationRule"] = body["dataExpirationRule"]
        else:
            archive.pop("dataExpirationRule", None)
    if body.get("paused") is True and not archive["paused"]:
        if archive["state"] not in ACTIVE_STATES:
            # real-atlas-cli PATCH_groups_{groupId}_clusters_{clusterName}_onlineArchives_{archiveId}/03.json
            # (a PENDING archive).
            raise errors.conflict("ONLINE_ARCHIVE_MUST_BE_ACTIVE_TO_PAUSE", "An archive must be in an active state in order to be paused.")
        archive["paused"] = True
        lifecycle.start(archive, "state", "PAUSING", call.now)
    elif body.get("paused") is False and archive["paused"]:
        archive["paused"] = False
        lifecycle.start(archive, "state", "PENDING", call.now)
    return Reply(200, public(archive))


def delete_archive(call):
    project = find_project(call)
    archive = _find_archive(call, project)
    if archive["state"] == "DELETED":
        raise _archive_not_found(archive["_id"])
    # The archived data is deleted with it; Atlas shows the archive as DELETED for a while.
    lifecycle.start(archive, "state", "DELETED", call.now)
    # Atlas answers 200 with {} where the spec says 204 (real-atlas-cli
    # DELETE_groups_{groupId}_clusters_{clusterName}_onlineArchives_{archiveId}/01.json).
    return Reply(200, {})


FAMILY = Family(
    handlers={
        "listGroupClusterOnlineArchives": list_archives,
        "createGroupClusterOnlineArchive": create_archive,
        "getGroupClusterOnlineArchive": get_archive,
        "updateGroupClusterOnlineArchive": update_archive,
        "deleteGroupClusterOnlineArchive": delete_archive,
    },
    project_lists={"online_archives": lambda archive, seeding: normalize_archive(archive, seeding.project, seeding.now)},
)
