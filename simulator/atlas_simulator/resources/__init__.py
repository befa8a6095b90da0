"""Atlas resources: one module per resource family, each declaring a ``FAMILY`` (see ``common.Family``).

Adding a family is: write its module, add it to ``FAMILIES``. From the declarations come
``HANDLERS`` (the spec's operationId -> the function that answers it), ``CONTROL_ROUTES`` (the
families' routes under ``/__sim__/``) and ``normalize_state``, which fills in what a seed may leave
out (ids, dates, defaults), so seeds stay short.
"""

from . import cloud_provider_access, clusters, network, online_archives, org_users, project_users, service_accounts
from . import database_users, project_access_list, projects
from .common import Seeding

FAMILIES = (
    clusters,
    network,
    cloud_provider_access,
    service_accounts,
    org_users,
    project_users,
    online_archives,
    database_users,
    projects,
    project_access_list,
)


def _merged(attribute):
    """One family's declarations of a kind, merged; a key declared twice is a defect, caught at import."""
    merged = {}
    for module in FAMILIES:
        for key, value in getattr(module.FAMILY, attribute).items():
            if key in merged:
                raise RuntimeError(f"{module.__name__} declares {key!r} again in {attribute}")
            merged[key] = value
    return merged


HANDLERS = _merged("handlers")
CONTROL_ROUTES = _merged("control_routes")
STATE_LISTS = _merged("state_lists")
ORG_LISTS = _merged("org_lists")
PROJECT_LISTS = _merged("project_lists")

DEFAULT_SETTINGS = {
    "token_ttl_seconds": 3600,
    "auto_accept_peers": False,
    "progression": {"reads_per_step": 1, "seconds_per_step": 5},
    # limit None: Atlas' limit of each resource (rate_limit.ATLAS_LIMITS); a number: that limit everywhere
    "rate_limit": {"limit": None, "window_seconds": 60, "enforce": False},
}


def _normalize_lists(owner, declared, seeding):
    for key, normalize in declared.items():
        owner[key] = [normalize(item, seeding) for item in owner.get(key) or []]


def normalize_state(state, now):
    """Complete a seed-shaped dict in place and return it. Filling only what is missing keeps it
    idempotent, so a state read back from ``GET /__sim__/state`` loads unchanged."""
    for key, default in DEFAULT_SETTINGS.items():
        if isinstance(default, dict):
            state[key] = {**default, **state.get(key, {})}
        else:
            state.setdefault(key, default)
    for key in ("api_keys", "orgs", "projects"):
        state[key] = state.get(key) or []
    _normalize_lists(state, STATE_LISTS, Seeding(now))
    for org in state["orgs"]:
        _normalize_lists(org, ORG_LISTS, Seeding(now, org=org))
    for project in state["projects"]:
        if "id" not in project or "org_id" not in project:
            raise ValueError(f"every project needs an id and an org_id: {project.get('name', project)}")
        project.setdefault("name", project["id"])
        org = next((o for o in state["orgs"] if o["id"] == project.get("org_id")), None)
        if org is None:
            raise ValueError(f"project {project.get('id')}: org_id {project.get('org_id')!r} is not among the orgs")
        _normalize_lists(project, PROJECT_LISTS, Seeding(now, org=org, project=project))
    return state
