#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_online_archive
short_description: Manage the Online Archive rule of a collection on a MongoDB Atlas cluster
version_added: 0.1.0
description:
  - "Creates, updates, pauses, resumes or removes the Online Archive of one collection of an Atlas cluster:
    which documents move to cheap object storage (by age, O(criteria.type=DATE), or by a query,
    O(criteria.type=CUSTOM)), when the archiving jobs run (O(schedule)), and when archived data is deleted
    (O(data_expiration_rule))."
  - "The archive is found by its collection: the archive of O(cluster_name) whose database and collection are
    O(db_name) and O(coll_name), ignoring archives Atlas reports as C(DELETED). When the collection has several
    archives (an old paused one beside a new one, say), the task fails listing their ids, states and criteria;
    set O(archive_id) to choose one."
  - "Only what Atlas lets change is updated in place, and only the fields that differ are sent: O(paused),
    O(criteria) within its type (O(criteria.expire_after_days), O(criteria.date_format), O(criteria.query)),
    O(schedule) and O(data_expiration_rule)."
  - "A difference in anything fixed at creation (the collection, O(collection_type), O(partition_fields),
    O(data_process_region), O(criteria.type), O(criteria.date_field)) fails the task before any change, naming
    the fields. The module never deletes and re-creates an archive to apply such a change: deleting an archive
    destroys its archived data for good."
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
  - atlas_ops.admin.scope.project
  - atlas_ops.admin.scope.cluster
  - atlas_ops.admin.wait
options:
  db_name:
    description:
      - Name of the database of the archived collection (at most 64 characters, without C(/\. "$)).
    type: str
    required: true
  coll_name:
    description:
      - Name of the archived collection.
    type: str
    required: true
    aliases: [collection]
  archive_id:
    description:
      - Unique 24-hexadecimal-digit id of the archive, when the collection has several archives.
      - The archive must be one of O(db_name).O(coll_name) on O(cluster_name); an archive of another collection
        fails the task. With O(state=present) the archive must exist (Atlas chooses the id of a new archive).
    type: str
  state:
    description:
      - V(present) creates the archive when the collection has none, or updates it in place.
      - V(absent) removes the archive. B(This deletes the archived data in object storage; it cannot be
        restored.) A collection without an archive is left alone.
    type: str
    choices: [present, absent]
    default: present
  collection_type:
    description:
      - Kind of collection. Fixed at creation. When not set, V(STANDARD) for a new archive, and not compared
        for an existing one.
      - V(TIMESERIES) needs O(criteria.type=DATE) with O(criteria.date_format=ISODATE).
    type: str
    choices: [STANDARD, TIMESERIES]
  criteria:
    description:
      - Which documents Atlas archives. Required to create an archive; when not set, an existing archive's
        criteria are left alone.
    type: dict
    suboptions:
      type:
        description:
          - V(DATE) archives documents once the date in O(criteria.date_field) is more than
            O(criteria.expire_after_days) days old. V(CUSTOM) archives the documents a query selects.
          - Fixed at creation.
        type: str
        required: true
        choices: [DATE, CUSTOM]
      date_field:
        description:
          - With V(DATE), the (indexed) field that holds the document's date. Required with V(DATE). Fixed at
            creation.
          - It is always the first partition field (see O(partition_fields)).
          - If the field does not exist in the collection, Atlas keeps the archive C(PENDING) forever.
        type: str
      date_format:
        description:
          - With V(DATE), how O(criteria.date_field) holds the date. When not set, V(ISODATE), as in Atlas.
        type: str
        choices: [ISODATE, EPOCH_SECONDS, EPOCH_MILLIS, EPOCH_NANOSECONDS, OBJECT_ID]
      expire_after_days:
        description:
          - With V(DATE), the age in days after which documents are archived. Required with V(DATE).
        type: int
      query:
        description:
          - With V(CUSTOM), the MongoDB C(find()) filter that selects the documents to archive, as a JSON string
            or as a dictionary (sent as JSON). Required with V(CUSTOM); the empty filter C({}) is refused.
          - Compared with Atlas' as parsed JSON, so spacing and key order do not matter.
        type: raw
  partition_fields:
    description:
      - Names of the fields (dot notation for nested ones) that partition the archived data, in order (the first
        is the first partition). Fixed at creation; compared by name and order.
      - At most 3 with O(criteria.type=DATE), whose O(criteria.date_field) is always first (it is added, or moved
        first, with a warning); at most 2 with O(criteria.type=CUSTOM).
      - When not set, a new DATE archive is partitioned on its date field only, and an existing archive's
        fields are not compared.
    type: list
    elements: str
  data_process_region:
    description:
      - Where Atlas stores the archived data. Fixed at creation. When not set, Atlas chooses; an existing
        archive's region is not compared.
      - V(AZURE) and V(GCP) are possible only on a cluster of that provider without archives elsewhere.
    type: dict
    suboptions:
      cloud_provider:
        description: Cloud provider of the storage.
        type: str
        required: true
        choices: [AWS, AZURE, GCP]
      region:
        description:
          - Region of the storage. V(AWS) offers V(US_EAST_1), V(US_WEST_2), V(SA_EAST_1), V(EU_WEST_1),
            V(EU_WEST_2), V(EU_CENTRAL_1), V(AP_SOUTH_1), V(AP_SOUTHEAST_1), V(AP_SOUTHEAST_2), V(AP_NORTHEAST_2);
            V(AZURE) V(US_EAST_2), V(EUROPE_WEST), V(BRAZIL_SOUTH); V(GCP) V(CENTRAL_US), V(WESTERN_EUROPE).
        type: str
        required: true
  schedule:
    description:
      - When the archiving jobs run, in UTC. When not set, an existing archive's schedule is left alone.
      - V(DEFAULT) lets Atlas run them at any time (an archive without a schedule has the V(DEFAULT) one).
        The other types need O(schedule.start_hour) and O(schedule.end_hour); minutes default to V(0).
      - The window lasts at least two hours; an end at or before the start ends on the next day.
    type: dict
    suboptions:
      type:
        description: How often the window comes.
        type: str
        required: true
        choices: [DEFAULT, DAILY, WEEKLY, MONTHLY]
      start_hour:
        description: Hour the window starts, V(0) to V(23).
        type: int
      start_minute:
        description: Minute the window starts, V(0) to V(59).
        type: int
      end_hour:
        description: Hour the window ends, V(0) to V(23).
        type: int
      end_minute:
        description: Minute the window ends, V(0) to V(59).
        type: int
      day_of_week:
        description: With V(WEEKLY), the day, V(1) (Monday) to V(7) (Sunday). Required with V(WEEKLY).
        type: int
      day_of_month:
        description: With V(MONTHLY), the day, V(1) to V(31). Required with V(MONTHLY).
        type: int
  data_expiration_rule:
    description:
      - When Atlas deletes archived data. V({}) (no O(data_expiration_rule.expire_after_days)) removes the rule;
        when not set, the rule is left alone.
    type: dict
    suboptions:
      expire_after_days:
        description: Days after which archived documents are deleted, V(7) to V(9215).
        type: int
  paused:
    description:
      - V(true) pauses the archive (Atlas finishes the running job first), V(false) resumes it. A resume fails
        when another archive of the collection is active. When not set, left alone.
    type: bool
  wait:
    description:
      - Wait until Atlas has done what the task asked for.
      - With O(state=present), until the archive runs (C(ACTIVE), C(IDLE) or C(ARCHIVING); Atlas uses all three)
        or, when it is paused, until it is C(PAUSED). An archive that is C(ORPHANED) (its collection was
        dropped) fails the task at once.
      - With O(state=absent), until Atlas no longer shows the archive, or shows it C(DELETED).
      - A timeout fails the task with the state seen last; nothing is undone, and nothing is deleted.
      - Never waits in check mode.
    type: bool
    default: false
notes:
  - The cluster must be dedicated (M10 or larger). Atlas allows 50 archives per cluster, 20 of them active, and
    one active archive per collection.
  - A new archive is C(PENDING) until its first job starts. It stays C(PENDING) when O(criteria.date_field) does
    not exist in the collection; only removing the archive helps, as the field cannot be changed.
  - With O(state=absent), a cluster that does not exist has no archives (Atlas deletes them with the cluster),
    so the task reports no change; a project that does not exist fails the task. The options that describe the
    archive have no effect and are reported with a warning when set.
  - The API key or service account needs the Project Data Access Admin role to change archives (Project Read Only
    to read them).
  - Atlas serves Online Archives through API resource version 2023-01-01.
seealso:
  - name: Atlas Administration API, Online Archive
    description: The API operations this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Online-Archive
  - name: Atlas documentation, Manage Online Archives
    description: Limits, states and what deleting an archive does.
    link: https://www.mongodb.com/docs/atlas/online-archive/manage-online-archive/
"""

EXAMPLES = r"""
- name: Manage the Online Archives of Cluster0
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Archive orders older than 90 days, partitioned by date then region, at night (DATE criteria)
      atlas_ops.admin.atlas_online_archive:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
        db_name: sales
        coll_name: orders
        criteria:
          type: DATE
          date_field: created
          expire_after_days: 90
        partition_fields: [created, region]
        schedule:
          type: DAILY
          start_hour: 1
          end_hour: 5
        data_expiration_rule:
          expire_after_days: 730
        wait: true

    - name: Archive closed tickets selected by a query (CUSTOM criteria)
      atlas_ops.admin.atlas_online_archive:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
        db_name: support
        collection: tickets
        criteria:
          type: CUSTOM
          query:
            status: closed
            closedAt:
              $lt:
                $date: "2025-01-01T00:00:00Z"
        partition_fields: [customerId]

    - name: Pause the orders archive and wait until it is paused
      atlas_ops.admin.atlas_online_archive:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
        db_name: sales
        coll_name: orders
        paused: true
        wait: true

    - name: Remove the Online Archive of sales.orders (its archived data is deleted for good)
      atlas_ops.admin.atlas_online_archive:
        project_id: 5f1e2d3c4b5a697887960a1b
        cluster_name: Cluster0
        db_name: sales
        coll_name: orders
        state: absent
"""

RETURN = r"""
online_archive:
  description:
    - The archive after the task, as Atlas returns it (C(BackupOnlineArchive)); in check mode, the archive it would
      be (a new one has no C(_id) and is C(PENDING)).
    - V(null) when the collection has no archive after the task.
  returned: always
  type: dict
  sample:
    _id: 6733a4c6e4b0a1b2c3d4e5f6
    clusterName: Cluster0
    groupId: 5f1e2d3c4b5a697887960a1b
    dbName: sales
    collName: orders
    collectionType: STANDARD
    criteria: {type: DATE, dateField: created, dateFormat: ISODATE, expireAfterDays: 90}
    partitionFields:
      - {fieldName: created, order: 0, fieldType: date}
      - {fieldName: region, order: 1, fieldType: string}
    schedule: {type: DAILY, startHour: 1, startMinute: 0, endHour: 5, endMinute: 0}
    dataExpirationRule: {expireAfterDays: 730}
    dataProcessRegion: {cloudProvider: AWS, region: US_EAST_1}
    paused: false
    state: ACTIVE
  contains:
    _id:
      description: Unique id of the archive.
      returned: when the archive exists
      type: str
    clusterName:
      description: Name of the cluster.
      returned: when the archive exists
      type: str
    groupId:
      description: Id of the project.
      returned: when the archive exists
      type: str
    dbName:
      description: Database of the archived collection.
      returned: when the archive exists
      type: str
    collName:
      description: Archived collection.
      returned: when the archive exists
      type: str
    collectionType:
      description: V(STANDARD) or V(TIMESERIES).
      returned: when the archive exists
      type: str
    criteria:
      description: The archiving criteria (C(type), and C(dateField), C(dateFormat), C(expireAfterDays) or C(query)).
      returned: when the archive exists
      type: dict
    partitionFields:
      description:
        - The partition fields, each C(fieldName), C(order) and the C(fieldType) Atlas detected (V(null) until it has
          read the collection).
      returned: when the archive has partition fields
      type: list
      elements: dict
    schedule:
      description: When archiving jobs run (C(type) V(DEFAULT) when no window was set).
      returned: when the archive exists
      type: dict
    dataExpirationRule:
      description: When archived data is deleted (C(expireAfterDays)).
      returned: when the archive has a data expiration rule
      type: dict
    dataProcessRegion:
      description: Where the archived data is stored (C(cloudProvider), C(region)).
      returned: when the archive exists
      type: dict
    dataSetName:
      description: Name of the data set Atlas generated for the archive.
      returned: when Atlas sends it (its current answers do not)
      type: str
    paused:
      description: Whether the archive is paused.
      returned: when the archive exists
      type: bool
    state:
      description:
        - C(PENDING), C(ACTIVE), C(ARCHIVING), C(IDLE), C(PAUSING), C(PAUSED), C(ORPHANED) (the collection was
          dropped; the archived data is kept and billed until the archive is removed) or C(DELETED).
      returned: when the archive exists
      type: str
diff:
  description:
    - The archive before and after the task (V({}) when there is none), with C(--diff). When the archive is
      removed, the diff's header says that its archived data is destroyed.
  returned: when diff mode is on
  type: dict
"""

import json

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import CLUSTER, ONLINE_ARCHIVE, ONLINE_ARCHIVES, means_absent
from ansible_collections.atlas_ops.admin.plugins.module_utils.errors import AtlasApiError
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import cluster_option, project_option, state_option, warn_ignored
from ansible_collections.atlas_ops.admin.plugins.module_utils.resource import diff_result, ensure_absent, ensure_present
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError, object_id
from ansible_collections.atlas_ops.admin.plugins.module_utils.wait import wait_for, wait_options

DATE_FORMATS = ["ISODATE", "EPOCH_SECONDS", "EPOCH_MILLIS", "EPOCH_NANOSECONDS", "OBJECT_ID"]
REGIONS = {
    "AWS": [
        "US_EAST_1",
        "US_WEST_2",
        "SA_EAST_1",
        "EU_WEST_1",
        "EU_WEST_2",
        "EU_CENTRAL_1",
        "AP_SOUTH_1",
        "AP_SOUTHEAST_1",
        "AP_SOUTHEAST_2",
        "AP_NORTHEAST_2",
    ],
    "AZURE": ["US_EAST_2", "EUROPE_WEST", "BRAZIL_SOUTH"],
    "GCP": ["CENTRAL_US", "WESTERN_EUROPE"],
}
MAX_PARTITION_FIELDS = {"DATE": 3, "CUSTOM": 2}
DB_NAME_MAX_LENGTH = 64
DB_NAME_FORBIDDEN = '/\\. "$'
EXPIRATION_DAYS = (7, 9215)
MIN_WINDOW_MINUTES = 120
DAY_MINUTES = 24 * 60
# Schedule option -> Atlas field, and the day field each type needs.
SCHEDULE_FIELDS = (("start_hour", "startHour", 23), ("start_minute", "startMinute", 59), ("end_hour", "endHour", 23), ("end_minute", "endMinute", 59))
# How the day options read in messages (Atlas: the week starts with Monday, 1, and ends with Sunday, 7).
DAY_NAMES = {"day_of_week": "a day of the week from 1 (Monday) to 7 (Sunday)", "day_of_month": "a day of the month from 1 to 31"}
SCHEDULE_DAYS = {"WEEKLY": ("day_of_week", "dayOfWeek", 1, 7), "MONTHLY": ("day_of_month", "dayOfMonth", 1, 31)}
SCHEDULE_KEYS = ("type", "startHour", "startMinute", "endHour", "endMinute", "dayOfWeek", "dayOfMonth")
# The state enum and the spec's own description disagree (ACTIVE against IDLE and ARCHIVING): all three run.
RUNNING_STATES = ("ACTIVE", "IDLE", "ARCHIVING")
ARCHIVE_OPTIONS = ("collection_type", "criteria", "partition_fields", "data_process_region", "schedule", "data_expiration_rule", "paused")
DESTROYS_DATA = "deleting an archive destroys its archived data, which cannot be restored"


# -- the task's archive, checked before any request ----------------------------------------------------


def _problem(msg):
    raise AtlasInputError(msg)


def check_namespace(db_name, coll_name):
    if not db_name or len(db_name) > DB_NAME_MAX_LENGTH or any(char in db_name for char in DB_NAME_FORBIDDEN):
        _problem('db_name must be a MongoDB database name of 1 to %d characters without any of /\\. "$, got %r' % (DB_NAME_MAX_LENGTH, db_name))
    if not coll_name or "$" in coll_name or coll_name.startswith("system."):
        _problem("coll_name must be a MongoDB collection name (not empty, without $, not starting with system.), got %r" % coll_name)


def query_text(query):
    """criteria.query as the JSON text Atlas takes; raises AtlasInputError unless it is a non-empty JSON object."""
    if isinstance(query, dict):
        parsed, text = query, json.dumps(query, sort_keys=True)
    else:
        text = "" if query is None else str(query)
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            _problem("criteria.query must be a MongoDB find() filter as a JSON object (a string or a dictionary), got %r" % query)
    if not parsed:
        _problem("criteria.query must select some documents: the empty filter {} archives the whole collection and Atlas refuses it")
    return text


def desired_criteria(criteria, collection_type):
    """The criteria option in Atlas' form, checked."""
    kind = criteria["type"]
    if kind == "CUSTOM":
        given = [name for name in ("date_field", "date_format", "expire_after_days") if criteria.get(name) is not None]
        if given:
            _problem("criteria.%s is only for criteria.type DATE, not CUSTOM" % given[0])
        if collection_type == "TIMESERIES":
            _problem("collection_type TIMESERIES needs criteria.type DATE with date_format ISODATE; Atlas does not support CUSTOM criteria there")
        return {"type": "CUSTOM", "query": query_text(criteria.get("query"))}
    if criteria.get("query") is not None:
        _problem("criteria.query is only for criteria.type CUSTOM, not DATE")
    if not criteria.get("date_field"):
        _problem("criteria.date_field is required when criteria.type is DATE: the field that holds each document's date")
    days = criteria.get("expire_after_days")
    if days is None:
        _problem("criteria.expire_after_days is required when criteria.type is DATE: the age in days after which documents are archived, such as 60")
    if days < 1:
        # Atlas' spec gives no bound for criteria.expireAfterDays (unlike the data expiration rule's 7 to 9215).
        _problem("criteria.expire_after_days must be a whole number of days of 1 or more (the age at which documents are archived), got %r" % days)
    date_format = criteria.get("date_format") or "ISODATE"
    if collection_type == "TIMESERIES" and date_format != "ISODATE":
        _problem("collection_type TIMESERIES needs criteria.date_format ISODATE, got %r" % date_format)
    return {"type": "DATE", "dateField": criteria["date_field"], "dateFormat": date_format, "expireAfterDays": criteria["expire_after_days"]}


def desired_partition_fields(names, criteria):
    """(partitionFields in Atlas' form, a note when the date field had to be added or moved first)."""
    names = list(names or [])
    if len(set(names)) != len(names) or any(not name for name in names):
        _problem("partition_fields must be distinct, non-empty field names, got %r" % names)
    note = None
    if criteria is not None and criteria["type"] == "DATE":
        date_field = criteria["dateField"]
        if names[:1] != [date_field]:
            note = "criteria.date_field %s %s the first partition field, as Atlas requires." % (
                date_field,
                "is moved to be" if date_field in names else "is added as",
            )
            names = [date_field] + [name for name in names if name != date_field]
    if criteria is not None and len(names) > MAX_PARTITION_FIELDS[criteria["type"]]:
        _problem(
            "partition_fields can hold at most %d fields with criteria.type %s (the date field included), got %r"
            % (MAX_PARTITION_FIELDS[criteria["type"]], criteria["type"], names)
        )
    if criteria is None and len(names) > max(MAX_PARTITION_FIELDS.values()):
        _problem("partition_fields can hold at most 3 fields, got %r" % names)
    return [{"fieldName": name, "order": order} for order, name in enumerate(names)], note


def desired_schedule(schedule):
    kind = schedule["type"]
    day = SCHEDULE_DAYS.get(kind)
    allowed = set(option for option, dummy, dummy_max in SCHEDULE_FIELDS) if kind != "DEFAULT" else set()
    if day:
        allowed.add(day[0])
    extra = sorted(option for option, value in schedule.items() if option != "type" and value is not None and option not in allowed)
    if extra:
        _problem("schedule.%s cannot be used with schedule.type %s" % (extra[0], kind))
    if kind == "DEFAULT":
        return {"type": "DEFAULT"}
    result = {"type": kind}
    for option, field, maximum in SCHEDULE_FIELDS:
        value = schedule.get(option)
        if value is None and option.endswith("_hour"):
            _problem("schedule.%s is required when schedule.type is %s: an hour from 0 to 23 (UTC)" % (option, kind))
        value = 0 if value is None else value
        if not 0 <= value <= maximum:
            _problem("schedule.%s must be from 0 to %d, got %r" % (option, maximum, value))
        result[field] = value
    if day:
        option, field, low, high = day
        value = schedule.get(option)
        days = DAY_NAMES.get(option, "a day from %d to %d" % (low, high))
        if value is None:
            _problem("schedule.%s is required when schedule.type is %s: %s" % (option, kind, days))
        if not low <= value <= high:
            _problem("schedule.%s must be %s, got %r" % (option, days, value))
        result[field] = value
    window = (result["endHour"] * 60 + result["endMinute"] - result["startHour"] * 60 - result["startMinute"]) % DAY_MINUTES or DAY_MINUTES
    if window < MIN_WINDOW_MINUTES:
        _problem(
            "schedule must give a window of at least 2 hours (an end at or before the start ends the next day); %02d:%02d to %02d:%02d UTC is %d minutes"
            % (result["startHour"], result["startMinute"], result["endHour"], result["endMinute"], window)
        )
    return result


def desired_region(region):
    provider, name = region["cloud_provider"], region["region"]
    if name not in REGIONS[provider]:
        _problem("data_process_region.region must be one of %s for cloud_provider %s, got %r" % (", ".join(REGIONS[provider]), provider, name))
    return {"cloudProvider": provider, "region": name}


def desired_expiration(rule):
    days = (rule or {}).get("expire_after_days")
    if days is None:
        return {}
    if not EXPIRATION_DAYS[0] <= days <= EXPIRATION_DAYS[1]:
        _problem("data_expiration_rule.expire_after_days must be from %d to %d, got %r" % (EXPIRATION_DAYS + (days,)))
    return {"expireAfterDays": days}


def desired_archive(params):
    """(the archive the task describes in Atlas' names, notes to warn): None for what the task leaves alone.

    Raises AtlasInputError naming the option, before any request.
    """
    check_namespace(params["db_name"], params["coll_name"])
    if params.get("archive_id") is not None:
        object_id(params["archive_id"], "archive_id")
    collection_type = params.get("collection_type")
    criteria = desired_criteria(params["criteria"], collection_type) if params.get("criteria") else None
    notes = []
    partition_fields = None
    if params.get("partition_fields") is not None:
        partition_fields, note = desired_partition_fields(params["partition_fields"], criteria)
        if note:
            notes.append(note)
    wanted = {
        "dbName": params["db_name"],
        "collName": params["coll_name"],
        "collectionType": collection_type,
        "criteria": criteria,
        "partitionFields": partition_fields,
        "dataProcessRegion": desired_region(params["data_process_region"]) if params.get("data_process_region") else None,
        "schedule": desired_schedule(params["schedule"]) if params.get("schedule") else None,
        "dataExpirationRule": desired_expiration(params["data_expiration_rule"]) if params.get("data_expiration_rule") is not None else None,
        "paused": params.get("paused"),
    }
    return wanted, notes


def create_body(wanted):
    """The POST body of a new archive; raises AtlasInputError when the task cannot create one."""
    if wanted["criteria"] is None:
        _problem("criteria is required to create the online archive of %s.%s: it has none yet" % (wanted["dbName"], wanted["collName"]))
    body = dict((key, value) for key, value in wanted.items() if value is not None)
    if body.get("dataExpirationRule") == {}:
        del body["dataExpirationRule"]
    if wanted["criteria"]["type"] == "DATE" and wanted["partitionFields"] is None:
        # Atlas requires the date field among the partition fields (spec changelog 2023-08-02).
        body["partitionFields"] = [{"fieldName": wanted["criteria"]["dateField"], "order": 0}]
    return body


# -- comparing with Atlas' archive -----------------------------------------------------------------------


def _parsed_query(text):
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text


def normalised_schedule(schedule):
    """No schedule is Atlas' DEFAULT one; only the schedule fields count."""
    schedule = schedule or {"type": "DEFAULT"}
    return dict((key, schedule[key]) for key in SCHEDULE_KEYS if schedule.get(key) is not None)


def normalised_criteria(criteria):
    criteria = dict(criteria or {})
    if criteria.get("type") == "DATE":
        return {
            "type": "DATE",
            "dateField": criteria.get("dateField"),
            "dateFormat": criteria.get("dateFormat") or "ISODATE",
            "expireAfterDays": criteria.get("expireAfterDays"),
        }
    return {"type": criteria.get("type"), "query": _parsed_query(criteria.get("query"))}


def partition_names(fields):
    """Partition fields by name in their order (fieldType is Atlas' read-only finding)."""
    return [field.get("fieldName") for field in sorted(fields or [], key=lambda field: field.get("order") or 0)]


def fixed_differences(current, wanted):
    """The fields fixed at creation in which the task differs from the archive: [(option, Atlas has, task wants)]."""
    differences = []

    def differ(option, have, want):
        if want is not None and have != want:
            differences.append((option, have, want))

    differ("db_name", current.get("dbName"), wanted["dbName"])
    differ("coll_name", current.get("collName"), wanted["collName"])
    differ("collection_type", current.get("collectionType") or "STANDARD", wanted["collectionType"])
    if wanted["partitionFields"] is not None:
        differ("partition_fields", partition_names(current.get("partitionFields")), partition_names(wanted["partitionFields"]))
    if wanted["dataProcessRegion"] is not None:
        region = current.get("dataProcessRegion") or {}
        differ("data_process_region", {"cloudProvider": region.get("cloudProvider"), "region": region.get("region")}, wanted["dataProcessRegion"])
    if wanted["criteria"] is not None:
        have = current.get("criteria") or {}
        differ("criteria.type", have.get("type"), wanted["criteria"]["type"])
        if wanted["criteria"]["type"] == "DATE" and have.get("type") == "DATE":
            differ("criteria.date_field", have.get("dateField"), wanted["criteria"]["dateField"])
    return differences


def planned_update(current, wanted):
    """The PATCH body that makes the archive what the task wants: only the writable fields that differ ({} for none)."""
    patch = {}
    if wanted["paused"] is not None and bool(current.get("paused")) != wanted["paused"]:
        patch["paused"] = wanted["paused"]
    if wanted["criteria"] is not None and normalised_criteria(current.get("criteria")) != normalised_criteria(wanted["criteria"]):
        patch["criteria"] = wanted["criteria"]
    if wanted["schedule"] is not None and normalised_schedule(current.get("schedule")) != normalised_schedule(wanted["schedule"]):
        patch["schedule"] = wanted["schedule"]
    if wanted["dataExpirationRule"] is not None and (current.get("dataExpirationRule") or {}) != wanted["dataExpirationRule"]:
        # {} removes the rule.
        patch["dataExpirationRule"] = wanted["dataExpirationRule"]
    return patch


def predicted_update(current, patch):
    """The archive after the PATCH (check mode): each sent field replaces Atlas' whole field."""
    after = dict(current)
    for key, value in patch.items():
        if key == "dataExpirationRule" and not value:
            after.pop(key, None)
        else:
            after[key] = value
    if patch.get("paused") is True:
        after["state"] = "PAUSING"
    elif patch.get("paused") is False:
        after["state"] = "PENDING"
    return after


def predicted_create(body, project_id, cluster_name):
    """The new archive in check mode: no _id yet, PENDING (or PAUSED), with Atlas' defaults."""
    archive = dict(body, groupId=project_id, clusterName=cluster_name)
    archive.setdefault("collectionType", "STANDARD")
    archive.setdefault("schedule", {"type": "DEFAULT"})
    archive["paused"] = bool(body.get("paused"))
    archive["state"] = "PAUSED" if archive["paused"] else "PENDING"
    return archive


def describe_archive(archive):
    criteria = archive.get("criteria") or {}
    if criteria.get("type") == "CUSTOM":
        rule = "CUSTOM query %s" % criteria.get("query")
    else:
        rule = "DATE %s after %s days" % (criteria.get("dateField"), criteria.get("expireAfterDays"))
    return "%s (state %s, criteria %s)" % (archive.get("_id"), archive.get("state"), rule)


def matching_archives(archives, db_name, coll_name):
    """The collection's archives that count: DELETED ones may linger in the list and do not."""
    return [a for a in archives if a.get("dbName") == db_name and a.get("collName") == coll_name and a.get("state") != "DELETED"]


# -- talking to Atlas -------------------------------------------------------------------------------------


def find_archive(client, target, db_name, coll_name, archive_id):
    """The collection's archive or None; raises AtlasInputError when several match or archive_id names another one."""
    namespace = "%s.%s" % (db_name, coll_name)
    if archive_id is not None:
        archive = client.get_if_exists(ONLINE_ARCHIVE, archiveId=archive_id, **target)
        if archive is None or archive.get("state") == "DELETED":
            return None
        if (archive.get("dbName"), archive.get("collName")) != (db_name, coll_name):
            _problem(
                "archive_id %s is the online archive of %s.%s, not of %s: check archive_id, db_name and coll_name"
                % (archive_id, archive.get("dbName"), archive.get("collName"), namespace)
            )
        return archive
    found = matching_archives(client.get_all(ONLINE_ARCHIVES, **target), db_name, coll_name)
    if len(found) > 1:
        _problem(
            "Cluster %s has %d online archives of %s: %s. Set archive_id to the one this task manages."
            % (target["clusterName"], len(found), namespace, "; ".join(describe_archive(a) for a in found))
        )
    return found[0] if found else None


def wait_for_archive(module, client, target, archive):
    """Wait until the archive runs, or is PAUSED when it is paused; ORPHANED or a vanished archive fail at once."""
    paused = bool(archive.get("paused"))
    goal = "state PAUSED" if paused else "a running state (%s)" % ", ".join(RUNNING_STATES)
    what = "online archive %s of %s.%s on cluster %s" % (archive["_id"], archive.get("dbName"), archive.get("collName"), target["clusterName"])

    def failure(current):
        if current is None or current.get("state") == "DELETED":
            return "the archive was deleted"
        if current.get("state") == "ORPHANED":
            return (
                "it is ORPHANED: its collection was dropped; Atlas keeps the archived data (and bills it) until the "
                "archive is removed with state=absent, and re-creating the collection does not revive it"
            )
        return None

    hint = None
    if not paused:
        hint = (
            "An archive stays PENDING when its criteria.date_field does not exist in the collection (or is not indexed): "
            "check the field; only removing the archive helps then."
        )
    return wait_for(
        module,
        read=lambda: client.get_if_exists(ONLINE_ARCHIVE, archiveId=archive["_id"], **target),
        is_done=lambda current: current is not None and (current.get("state") == "PAUSED" if paused else current.get("state") in RUNNING_STATES),
        what=what,
        goal=goal,
        describe=lambda current: "gone" if current is None else current.get("state"),
        failure=failure,
        failed_result=lambda last: {"online_archive": last},
        hint=hint,
    )


def wait_until_removed(module, client, target, archive):
    wait_for(
        module,
        read=lambda: client.get_if_exists(ONLINE_ARCHIVE, archiveId=archive["_id"], **target),
        # Atlas may go on listing a deleted archive as DELETED: that is removed too.
        is_done=lambda current: current is None or current.get("state") == "DELETED",
        what="online archive %s of %s.%s on cluster %s" % (archive["_id"], archive.get("dbName"), archive.get("collName"), target["clusterName"]),
        goal="removal",
        describe=lambda current: "gone" if current is None else current.get("state"),
        failed_result=lambda last: {"online_archive": last},
    )


def exit_archive(module, changed, before, after, deleted=False):
    result = diff_result(module, before, after)
    if deleted and "diff" in result:
        result["diff"]["after_header"] = "online archive removed: %s" % DESTROYS_DATA
    module.exit_json(changed=changed, online_archive=after, **result)


def main():
    module = AtlasModule(
        argument_spec=dict(
            project_option(),
            state=state_option(),
            db_name=dict(type="str", required=True),
            coll_name=dict(type="str", required=True, aliases=["collection"]),
            archive_id=dict(type="str"),
            collection_type=dict(type="str", choices=["STANDARD", "TIMESERIES"]),
            criteria=dict(
                type="dict",
                options=dict(
                    type=dict(type="str", required=True, choices=["DATE", "CUSTOM"]),
                    date_field=dict(type="str"),
                    date_format=dict(type="str", choices=DATE_FORMATS),
                    expire_after_days=dict(type="int"),
                    query=dict(type="raw"),
                ),
            ),
            partition_fields=dict(type="list", elements="str"),
            data_process_region=dict(
                type="dict",
                options=dict(cloud_provider=dict(type="str", required=True, choices=sorted(REGIONS)), region=dict(type="str", required=True)),
            ),
            schedule=dict(
                type="dict",
                options=dict(
                    type=dict(type="str", required=True, choices=["DEFAULT", "DAILY", "WEEKLY", "MONTHLY"]),
                    start_hour=dict(type="int"),
                    start_minute=dict(type="int"),
                    end_hour=dict(type="int"),
                    end_minute=dict(type="int"),
                    day_of_week=dict(type="int"),
                    day_of_month=dict(type="int"),
                ),
            ),
            data_expiration_rule=dict(type="dict", options=dict(expire_after_days=dict(type="int"))),
            paused=dict(type="bool"),
            **dict(cluster_option(), **wait_options(wait_default=False))
        ),
        supports_check_mode=True,
    )
    params = module.params
    project_id, cluster_name = params["project_id"], params["cluster_name"]
    db_name, coll_name, archive_id = params["db_name"], params["coll_name"], params["archive_id"]
    present = params["state"] == "present"
    namespace = "%s.%s" % (db_name, coll_name)
    target = dict(groupId=project_id, clusterName=cluster_name)
    client = module.client

    with module.api_errors("check the online archive options"):
        wanted, notes = desired_archive(params)
    if not params["wait"]:
        warn_ignored(module, ("wait_timeout", "wait_interval"), when="wait=false")
    if not present:
        warn_ignored(module, ARCHIVE_OPTIONS, when="state=absent")
    action = "%s the online archive of %s on cluster %s in project %s" % ("manage" if present else "remove", namespace, cluster_name, project_id)

    with module.api_errors(action):
        try:
            before = find_archive(client, target, db_name, coll_name, archive_id)
        except AtlasApiError as exc:
            # A cluster that does not exist has no archives (Atlas deletes them with it): nothing to remove.
            if present or not means_absent(CLUSTER, exc.status, exc.error_code):
                raise
            before = None

        if not present:
            changed, after = ensure_absent(module, before, delete=lambda current: client.delete_if_exists(ONLINE_ARCHIVE, archiveId=current["_id"], **target))
            if changed:
                module.warn(
                    "%s the online archive %s of %s: %s." % ("Would remove" if module.check_mode else "Removed", before["_id"], namespace, DESTROYS_DATA)
                )
                if params["wait"] and not module.check_mode:
                    wait_until_removed(module, client, target, before)
            exit_archive(module, changed, before, after, deleted=changed)

        if before is None:
            if archive_id is not None:
                _problem(
                    "archive_id %s is not an online archive of cluster %s (Atlas chooses the id of a new archive): remove archive_id to create one for %s"
                    % (archive_id, cluster_name, namespace)
                )
            body = create_body(wanted)
            changed, after = ensure_present(module, None, body, create=lambda: client.post(ONLINE_ARCHIVES, body=body, **target))
            if module.check_mode:
                after = predicted_create(body, project_id, cluster_name)
        else:
            differences = fixed_differences(before, wanted)
            if differences:
                _problem(
                    "The online archive %s of %s cannot change %s: %s. These are fixed when an archive is created, and "
                    "re-creating it would destroy its archived data, which cannot be restored, so the module does not do "
                    "that. Change the task to match, or remove the archive with state=absent first if losing the data is intended."
                    % (
                        before["_id"],
                        namespace,
                        ", ".join(option for option, dummy, dummy_want in differences),
                        "; ".join("%s is %s in Atlas, the task wants %s" % (option, json.dumps(have), json.dumps(want)) for option, have, want in differences),
                    )
                )
            patch = planned_update(before, wanted)
            changed, after = ensure_present(
                module,
                before,
                patch,
                create=None,  # the archive exists
                update=lambda current: client.patch(ONLINE_ARCHIVE, body=patch, archiveId=current["_id"], **target),
                compare=lambda current, planned: bool(planned),
            )
            if changed and module.check_mode:
                # Each field sent replaces Atlas' whole field (a schedule, an emptied expiration rule).
                after = predicted_update(before, patch)
        for note in notes:
            module.warn(note)
        if after.get("state") == "ORPHANED" and not params["wait"]:
            module.warn(
                "The online archive %s of %s is ORPHANED: its collection was dropped; remove the archive to stop paying for its data."
                % (after.get("_id"), namespace)
            )
        if params["wait"] and not module.check_mode:
            after = wait_for_archive(module, client, target, after)
    exit_archive(module, changed, before, after)


if __name__ == "__main__":
    main()
