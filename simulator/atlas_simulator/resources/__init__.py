"""Atlas resources: one module per resource family, each with its handlers and its seed defaults.

``HANDLERS`` maps the spec's operationId to the function that answers it; ``normalize_state``
fills in what a seed may leave out (ids, dates, defaults), so seeds stay short.
"""

from . import cloud_provider_access, clusters, network, project_users, service_accounts

HANDLERS = {
    **clusters.HANDLERS,
    **network.HANDLERS,
    **cloud_provider_access.HANDLERS,
    **service_accounts.HANDLERS,
    **project_users.HANDLERS,
}

DEFAULT_SETTINGS = {
    "token_ttl_seconds": 3600,
    "auto_accept_peers": False,
    "progression": {"reads_per_step": 1, "seconds_per_step": 5},
    "rate_limit": {"limit": 100, "window_seconds": 60, "enforce": False},
}
PROJECT_LISTS = ("clusters", "containers", "peers", "cloud_provider_access", "users", "service_accounts")


def normalize_state(state, now):
    """Complete a seed-shaped dict in place and return it. Filling only what is missing keeps it
    idempotent, so a state read back from ``GET /__sim__/state`` loads unchanged."""
    for key, default in DEFAULT_SETTINGS.items():
        if isinstance(default, dict):
            state[key] = {**default, **state.get(key, {})}
        else:
            state.setdefault(key, default)
    for key in ("api_keys", "service_accounts", "orgs", "projects"):
        state[key] = state.get(key) or []
    for org in state["orgs"]:
        org["users"] = [project_users.normalize_org_user(u, now) for u in org.get("users") or []]
    for account in state["service_accounts"]:
        service_accounts.normalize_org_service_account(account, now)
    for project in state["projects"]:
        if "id" not in project or "org_id" not in project:
            raise ValueError(f"every project needs an id and an org_id: {project.get('name', project)}")
        project.setdefault("name", project["id"])
        for key in PROJECT_LISTS:
            project[key] = project.get(key) or []
        org = next((o for o in state["orgs"] if o["id"] == project.get("org_id")), None)
        if org is None:
            raise ValueError(f"project {project.get('id')}: org_id {project.get('org_id')!r} is not among the orgs")
        project["clusters"] = [clusters.normalize_cluster(c, project, now) for c in project["clusters"]]
        project["containers"] = [network.normalize_container(c, now) for c in project["containers"]]
        project["peers"] = [network.normalize_peer(p, now) for p in project["peers"]]
        project["cloud_provider_access"] = [
            cloud_provider_access.normalize_role(r, now) for r in project["cloud_provider_access"]
        ]
        project["users"] = [project_users.normalize_project_user(u, org, now) for u in project["users"]]
        project["service_accounts"] = [
            service_accounts.normalize_project_service_account(a, now) for a in project["service_accounts"]
        ]
    return state
