"""What every resource family uses: its declaration, the call a handler answers, its reply, lookups
and pagination."""

import copy
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from .. import errors


@dataclass(frozen=True)
class Family:
    """What one resource family (one module of this package) declares; ``resources/__init__.py``
    collects the families, so adding one is: write its module, add it to ``FAMILIES``.

    - ``handlers``: the spec's operationId -> ``handler(call) -> Reply``.
    - ``state_lists``, ``org_lists``, ``project_lists``: a seed's list key (at the top of the state,
      in each org, in each project) -> ``normalize(item, seeding) -> item``, which fills in what a
      seed may leave out. Org lists are normalized before project lists.
    - ``control_routes``: ``(method, path regex)`` under ``/__sim__/`` -> ``route(control_call)``
      returning the JSON body of a 200; the regex's named groups become ``control_call.params``.
    """

    handlers: dict
    state_lists: dict = field(default_factory=dict)
    org_lists: dict = field(default_factory=dict)
    project_lists: dict = field(default_factory=dict)
    control_routes: dict = field(default_factory=dict)


@dataclass
class Seeding:
    """Where a seed item sits while it is normalized: the simulated time, its org and its project."""

    now: object
    org: dict = None
    project: dict = None


@dataclass
class ControlCall:
    """One request to a family's control route, as its handler sees it (under the state lock)."""

    store: object
    now: object
    params: dict  # the named groups of the route's path regex
    body: object  # the JSON body, or None


def control_route(method, path_pattern):
    """The key of a family's control route: the method and the whole path as a compiled regex."""
    return (method, re.compile(f"^{path_pattern}$"))


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
    raw_query: str = ""  # the query string as the client sent it (list links keep it)

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


def find(items, key, value, error=None):
    """The first of ``items`` whose ``key`` (a field name, or a function of the item) equals ``value``.

    When none does: raise ``error`` (an ``errors.AtlasError``), or return None when it is None.
    """
    get = key if callable(key) else (lambda item: item.get(key))
    for item in items:
        if get(item) == value:
            return item
    if error is not None:
        raise error
    return None


def find_project(call):
    return find(call.state["projects"], "id", call.path["groupId"], errors.group_not_found(call.path["groupId"]))


def find_org(call):
    return find(call.state["orgs"], "id", call.path["orgId"], errors.org_not_found(call.path["orgId"]))


def paginated(call, items, render):
    """Atlas' list envelope: ``results`` of the requested page, ``links`` and ``totalCount``, which
    Atlas sends even with ``includeCount=false`` (real-atlas-cli ``GET_groups_{groupId}_clusters/01.json``).

    ``render`` turns one stored item into its API form; only the items on the page are rendered.
    """
    per_page, page_num = call.query["itemsPerPage"], call.query["pageNum"]
    start = (page_num - 1) * per_page
    page = items[start : start + per_page]

    def link(rel, number):
        # As Atlas: the client's own query, with this page's pageNum and itemsPerPage.
        query = dict(parse_qsl(call.raw_query, keep_blank_values=True))
        query.update(pageNum=number, itemsPerPage=per_page)
        return {"href": f"{call.base_url}{call.raw_path}?{urlencode(query)}", "rel": rel}

    links = [link("self", page_num)]
    if page_num > 1:
        links.insert(0, link("previous", page_num - 1))
    if start + per_page < len(items):
        links.append(link("next", page_num + 1))
    return {"links": links, "results": [render(item) for item in page], "totalCount": len(items)}
