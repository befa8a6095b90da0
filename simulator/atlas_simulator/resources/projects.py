"""Projects (Atlas' "groups"): list, create, find by id or by name, rename and tag, delete.

The state's ``projects`` are the projects; this family shows them in Atlas' ``Group`` shape and adds
the ones a POST creates, with every list the other families keep in a project. Error answers as Atlas
gives them: ``GROUP_NOT_FOUND`` for an unknown id and ``GROUP_NAME_NOT_FOUND`` for an unknown name
(both in Atlas' published error code table), ``409 GROUP_ALREADY_EXISTS`` for a name taken in the
organization and ``409 CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS`` for a DELETE while clusters exist
(both seen in MongoDB's own CI logs against real Atlas).
"""

from datetime import datetime, timezone

from .. import errors
from ..clock import format_time
from ..ids import object_id
from .common import Family, Reply, Seeding, find, find_org, find_project, paginated

# Atlas for Government only; Commercial Atlas neither takes nor shows it.
REGION_USAGE_RESTRICTIONS = "regionUsageRestrictions"


def _created(project):
    """When a project was created: as stored, else the time in its id (ObjectIds begin with it)."""
    if project.get("created"):
        return project["created"]
    try:
        return format_time(datetime.fromtimestamp(int(project["id"][:8], 16), tz=timezone.utc))
    except ValueError:
        return "2023-01-01T00:00:00Z"


def render_project(call, project):
    body = {
        "id": project["id"],
        "name": project["name"],
        "orgId": project["org_id"],
        "created": _created(project),
        "clusterCount": len(project.get("clusters") or []),
        "tags": [dict(tag) for tag in project.get("tags") or []],
        "links": [call.self_link(f"/api/atlas/v2/groups/{project['id']}")],
    }
    if project.get(REGION_USAGE_RESTRICTIONS):
        body[REGION_USAGE_RESTRICTIONS] = project[REGION_USAGE_RESTRICTIONS]
    return body


def _name_taken(call, org_id, name, other_than=None):
    for project in call.state["projects"]:
        if project["org_id"] == org_id and project["name"] == name and project["id"] != other_than:
            raise errors.conflict("GROUP_ALREADY_EXISTS", f'A group with name "{name}" already exists.', name)


def list_projects(call):
    return Reply(200, paginated(call, call.state["projects"], lambda project: render_project(call, project)))


def list_org_projects(call):
    """As the spec says of ``name``: a case-insensitive prefix of the project's name."""
    org = find_org(call)
    prefix = (call.query.get("name") or "").lower()
    projects = [p for p in call.state["projects"] if p["org_id"] == org["id"] and p["name"].lower().startswith(prefix)]
    return Reply(200, paginated(call, projects, lambda project: render_project(call, project)))


def _new_project_lists(project, seeding):
    """Every list the families keep in a project, empty and normalized as a seed's would be."""
    from . import PROJECT_LISTS  # collected from the families after this module is imported

    for key, normalize in PROJECT_LISTS.items():
        project[key] = [normalize(item, seeding) for item in project.get(key) or []]


def create_project(call):
    body = call.body
    org_id = body["orgId"]
    # (guess: 404 ORG_NOT_FOUND is what Atlas answers a POST naming an unknown orgId; not recorded)
    org = find(call.state["orgs"], "id", org_id, errors.org_not_found(org_id))
    _name_taken(call, org_id, body["name"])
    project = {
        "id": object_id(call.now),
        "org_id": org_id,
        "name": body["name"],
        "created": format_time(call.now),
        "tags": [dict(tag) for tag in body.get("tags") or []],
        "withDefaultAlertsSettings": body.get("withDefaultAlertsSettings", True),
    }
    if body.get(REGION_USAGE_RESTRICTIONS):
        project[REGION_USAGE_RESTRICTIONS] = body[REGION_USAGE_RESTRICTIONS]
    _new_project_lists(project, Seeding(call.now, org=org, project=project))
    call.state["projects"].append(project)
    return Reply(200, render_project(call, project))


def get_project(call):
    return Reply(200, render_project(call, find_project(call)))


def get_project_by_name(call):
    name = call.path["groupName"]
    missing = errors.not_found(f'No group with name "{name}" exists.', name, code="GROUP_NAME_NOT_FOUND")
    return Reply(200, render_project(call, find(call.state["projects"], "name", name, missing)))


def update_project(call):
    project = find_project(call)
    if "name" in call.body:
        _name_taken(call, project["org_id"], call.body["name"], other_than=project["id"])
        project["name"] = call.body["name"]
    if "tags" in call.body:
        project["tags"] = [dict(tag) for tag in call.body["tags"]]
    if "withDefaultAlertsSettings" in call.body:
        project["withDefaultAlertsSettings"] = call.body["withDefaultAlertsSettings"]
    return Reply(200, render_project(call, project))


def delete_project(call):
    project = find_project(call)
    if project.get("clusters"):
        raise errors.conflict(
            "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS", "Cannot close group while it has active clusters; please terminate all clusters."
        )
    call.state["projects"].remove(project)
    return Reply(204)


FAMILY = Family(
    handlers={
        "listGroups": list_projects,
        "createGroup": create_project,
        "getGroup": get_project,
        "getGroupByName": get_project_by_name,
        "updateGroup": update_project,
        "deleteGroup": delete_project,
        "getOrgGroups": list_org_projects,
    },
)
