"""What every resource handler uses: the call it answers, its reply, lookups and pagination."""

import copy
from dataclasses import dataclass
from urllib.parse import urlencode

from .. import errors


@dataclass
class Caller:
    kind: str  # "api_key" or "service_account"
    identity: str  # public key or client id
    remote_addr: str


@dataclass
class Call:
    """One API request, parsed and checked against the spec, as a handler sees it."""

    store: object
    operation: object
    version: str
    path: dict  # path parameters, percent-decoded once
    query: dict  # query parameters, typed, with the spec's defaults
    body: object
    caller: Caller
    base_url: str  # scheme://host:port the client used
    raw_path: str
    now: object  # simulated time of the request (datetime)

    @property
    def state(self):
        return self.store.state

    def self_link(self, path=None):
        return {"href": f"{self.base_url}{path or self.raw_path}", "rel": "self"}


@dataclass
class Reply:
    status: int
    body: object = None  # None: no body (204, or 202 without content)


def public(resource):
    """A resource as the API shows it: without the simulator's ``_sim`` bookkeeping."""
    return {k: copy.deepcopy(v) for k, v in resource.items() if k != "_sim"}


def find_project(call):
    group_id = call.path["groupId"]
    for project in call.state["projects"]:
        if project["id"] == group_id:
            return project
    raise errors.group_not_found(group_id)


def find_org(call):
    org_id = call.path["orgId"]
    for org in call.state["orgs"]:
        if org["id"] == org_id:
            return org
    raise errors.org_not_found(org_id)


def paginated(call, items, render):
    """Atlas' list envelope: ``results`` of the requested page, ``links`` and (by default) ``totalCount``.

    ``render`` turns one stored item into its API form; only the items on the page are rendered.
    """
    per_page, page_num = call.query["itemsPerPage"], call.query["pageNum"]
    start = (page_num - 1) * per_page
    page = items[start : start + per_page]

    def link(rel, number):
        return {
            "href": f"{call.base_url}{call.raw_path}?{urlencode({'pageNum': number, 'itemsPerPage': per_page})}",
            "rel": rel,
        }

    links = [link("self", page_num)]
    if page_num > 1:
        links.insert(0, link("previous", page_num - 1))
    if start + per_page < len(items):
        links.append(link("next", page_num + 1))
    body = {"links": links, "results": [render(item) for item in page]}
    if call.query["includeCount"]:
        body["totalCount"] = len(items)
    return body
