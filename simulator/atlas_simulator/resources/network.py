"""Network peering containers and peering connections (AWS, Azure, GCP).

Field names differ per provider, as in Atlas: containers use ``regionName`` (AWS), ``region``
(Azure) and ``regions`` (GCP); AWS peerings report ``statusName``/``errorStateName``, Azure and GCP
peerings ``status``. Peering states advance as ``lifecycle.py`` describes.
"""

import ipaddress
import re

from .. import errors, lifecycle
from ..clock import format_time
from ..ids import object_id, random_hex, random_lower_alnum
from .common import ControlCall, Family, Reply, control_route, find, find_project, paginated, public

# Which containers may coexist: AWS and Azure one per region, GCP one per project.
REGION_FIELD = {"AWS": "regionName", "AZURE": "region", "GCP": None}
# Atlas CIDR block sizes (prefix lengths) Atlas accepts per provider. (guess for GCP: /16 to /18)
CIDR_PREFIXES = {"AWS": range(21, 25), "AZURE": range(21, 25), "GCP": range(16, 19)}
PRIVATE_NETWORKS = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]
# What identifies the network on the other side of a peering; changing it means a new peering.
PEER_TARGET_FIELDS = {
    "AWS": ("awsAccountId", "vpcId", "accepterRegionName"),
    "AZURE": ("azureDirectoryId", "azureSubscriptionId", "resourceGroupName", "vnetName"),
    "GCP": ("gcpProjectId", "networkName"),
}
PEER_WRITABLE_FIELDS = {
    "AWS": ("containerId", "accepterRegionName", "awsAccountId", "routeTableCidrBlock", "vpcId"),
    "AZURE": ("containerId", "azureDirectoryId", "azureSubscriptionId", "resourceGroupName", "vnetName"),
    "GCP": ("containerId", "gcpProjectId", "networkName"),
}
PEER_LIFECYCLES = {"AWS": lifecycle.AWS_PEER, "AZURE": lifecycle.AZURE_PEER, "GCP": lifecycle.GCP_PEER}
DELETION_LIFECYCLES = {
    "AWS": lifecycle.AWS_PEER_DELETION,
    "AZURE": lifecycle.AZURE_GCP_PEER_DELETION,
    "GCP": lifecycle.AZURE_GCP_PEER_DELETION,
}
AWS_REGION_RE = re.compile(r"^[a-z]{2}(-gov)?-[a-z]+-\d$")


def _status_field(peer):
    return "statusName" if peer["providerName"] == "AWS" else "status"


# --- Containers ----------------------------------------------------------------------------------
def normalize_container(container, now):
    provider = container.setdefault("providerName", "AWS")
    container.setdefault("id", object_id(now))
    container.setdefault("provisioned", False)
    if provider == "AWS":
        # As Atlas: the VPC exists once the container is provisioned; until then vpcId is null.
        container.setdefault("vpcId", f"vpc-{random_hex(17)}" if container["provisioned"] else None)
    elif provider == "AZURE":
        container.setdefault("azureSubscriptionId", random_hex(24))
        container.setdefault("vnetName", f"vnet_{container['id']}_{random_lower_alnum(8)}")
    elif provider == "GCP":
        container.setdefault("regions", [])
        container.setdefault("gcpProjectId", f"p-{random_lower_alnum(24)}")
        container.setdefault("networkName", f"nt-{random_hex(24)}-{random_lower_alnum(8)}")
    return container


def _check_atlas_cidr(provider, cidr):
    try:
        network = ipaddress.IPv4Network(cidr)
    except ValueError:
        raise errors.invalid_attribute("atlasCidrBlock", f"{cidr} is not an IPv4 network in CIDR notation.")
    if not any(network.subnet_of(private) for private in PRIVATE_NETWORKS):
        raise errors.invalid_attribute("atlasCidrBlock", "The Atlas CIDR block must be in a private (RFC 1918) range.")
    if network.prefixlen not in CIDR_PREFIXES[provider]:
        sizes = CIDR_PREFIXES[provider]
        raise errors.invalid_attribute(
            "atlasCidrBlock", f"{provider} Atlas CIDR blocks must be between /{sizes[0]} and /{sizes[-1]}."
        )


def _find_container(project, container_id):
    return find(
        project["containers"],
        "id",
        container_id,
        errors.not_found(f"No container with ID {container_id} exists in this project.", container_id),
    )


def list_containers(call):
    # Quirk 5: `providerName` is declared both required and defaulted to AWS; Atlas lists the AWS
    # containers when it is absent, so the app treats it as optional with that default.
    project = find_project(call)
    containers = [c for c in project["containers"] if c["providerName"] == call.query["providerName"]]
    return Reply(200, paginated(call, containers, public))


def list_all_containers(call):
    return Reply(200, paginated(call, find_project(call)["containers"], public))


def get_container(call):
    return Reply(200, public(_find_container(find_project(call), call.path["containerId"])))


def create_container(call):
    project, body = find_project(call), call.body
    provider = body["providerName"]
    _check_atlas_cidr(provider, body["atlasCidrBlock"])
    region_field = REGION_FIELD[provider]
    for existing in project["containers"]:
        if existing["providerName"] != provider:
            continue
        if region_field is None or existing.get(region_field) == body[region_field]:
            where = "this project" if region_field is None else body[region_field]
            raise errors.conflict(  # (guess: CONTAINER_ALREADY_EXISTS)
                "CONTAINER_ALREADY_EXISTS", f"A {provider} container already exists for {where}.", provider, where
            )
    container = normalize_container(dict(body), call.now)
    project["containers"].append(container)
    return Reply(200, public(container))


def update_container(call):
    project, body = find_project(call), call.body
    container = _find_container(project, call.path["containerId"])
    provider = container["providerName"]
    if body["providerName"] != provider:
        raise errors.invalid_attribute("providerName", f"The container's provider is {provider}.")
    region_field = REGION_FIELD[provider]
    if region_field and body.get(region_field, container[region_field]) != container[region_field]:
        raise errors.invalid_attribute(region_field, "The region of a container cannot change.")
    if body.get("atlasCidrBlock", container["atlasCidrBlock"]) != container["atlasCidrBlock"]:
        _check_atlas_cidr(provider, body["atlasCidrBlock"])
        if container["provisioned"]:
            raise errors.conflict(  # (guess: CANNOT_MODIFY_PROVISIONED_CONTAINER)
                "CANNOT_MODIFY_PROVISIONED_CONTAINER", "The CIDR block of a provisioned container cannot change."
            )
        container["atlasCidrBlock"] = body["atlasCidrBlock"]
    if provider == "GCP" and "regions" in body:
        container["regions"] = list(body["regions"])
    return Reply(200, public(container))


def delete_container(call):
    project = find_project(call)
    container = _find_container(project, call.path["containerId"])
    if container["provisioned"] or any(p["containerId"] == container["id"] for p in project["peers"]):
        raise errors.conflict(  # (guess: CONTAINERS_IN_USE)
            "CONTAINERS_IN_USE", "The container is in use by clusters or peering connections.", container["id"]
        )
    project["containers"].remove(container)
    return Reply(204)


# --- Peering connections -------------------------------------------------------------------------
def normalize_peer(peer, now):
    """Seeded peerings without a status are taken as established."""
    provider = peer.setdefault("providerName", "AWS")
    peer.setdefault("id", object_id(now))
    if provider == "AWS":
        peer.setdefault("statusName", "AVAILABLE")
        if peer["statusName"] not in ("INITIATING",):
            peer.setdefault("connectionId", f"pcx-{random_hex(17)}")
    else:
        peer.setdefault("status", "AVAILABLE")
    peer.setdefault("_sim", {"since": format_time(now), "reads": 0})
    return peer


def _on_enter(peer, status):
    if status == "PENDING_ACCEPTANCE":  # AWS creates the VPC peering connection: its pcx- id exists now
        peer.setdefault("connectionId", f"pcx-{random_hex(17)}")


def refresh_peer(store, project, peer, now):
    """Advance a peering's status; drop it when its deletion finished. Returns False when gone."""
    status = peer[_status_field(peer)]
    provider = peer["providerName"]
    deleting = status in DELETION_LIFECYCLES[provider].steps
    chosen = DELETION_LIFECYCLES[provider] if deleting else PEER_LIFECYCLES[provider]
    before = status
    alive = lifecycle.refresh(peer, chosen, now, store.progression, _on_enter)
    if not alive:
        project["peers"].remove(peer)
    if not alive or peer[_status_field(peer)] != before:
        store.mark_changed()
    return alive


def find_peer(store, project, peer_id, now):
    """The peering, refreshed; one whose deletion finished just now is not found."""
    missing = errors.not_found(f"No peer with ID {peer_id} exists in this project.", peer_id)
    peer = find(project["peers"], "id", peer_id, missing)
    if not refresh_peer(store, project, peer, now):
        raise missing
    return peer


def _show(peer):
    lifecycle.observed(peer)
    return public(peer)


def _check_peer_against_container(project, body):
    container = _find_container(project, body["containerId"])
    if container["providerName"] != body["providerName"]:
        raise errors.invalid_attribute(
            "containerId", f"Container {container['id']} is not a {body['providerName']} container."
        )
    if body["providerName"] == "AWS":
        if not AWS_REGION_RE.match(body["accepterRegionName"]):
            raise errors.invalid_attribute("accepterRegionName", "Use an AWS region name such as us-east-1.")
        try:
            route_table = ipaddress.IPv4Network(body["routeTableCidrBlock"])
        except ValueError:
            raise errors.invalid_attribute("routeTableCidrBlock", "Use the network address of the VPC CIDR block.")
        if route_table.overlaps(ipaddress.IPv4Network(container["atlasCidrBlock"])):
            raise errors.invalid_attribute("routeTableCidrBlock", "The VPC CIDR block overlaps the Atlas CIDR block.")


def _same_target(peer, body):
    return peer["providerName"] == body["providerName"] and all(
        peer.get(f) == body.get(f) for f in PEER_TARGET_FIELDS[body["providerName"]]
    )


def list_peers(call):
    project = find_project(call)
    provider = call.query["providerName"]
    peers = [p for p in list(project["peers"]) if p["providerName"] == provider]
    peers = [p for p in peers if refresh_peer(call.store, project, p, call.now)]
    return Reply(200, paginated(call, peers, _show))


def get_peer(call):
    project = find_project(call)
    return Reply(200, _show(find_peer(call.store, project, call.path["peerId"], call.now)))


def create_peer(call):
    project, body = find_project(call), call.body
    _check_peer_against_container(project, body)
    for peer in list(project["peers"]):
        if refresh_peer(call.store, project, peer, call.now) and _same_target(peer, body):
            raise errors.conflict(  # (guess: DUPLICATE_PEER)
                "DUPLICATE_PEER", "A peering connection to this network already exists.", peer["id"]
            )
    provider = body["providerName"]
    peer = {"id": object_id(call.now), "providerName": provider}
    peer.update({f: body[f] for f in PEER_WRITABLE_FIELDS[provider] if f in body})
    lifecycle.start(peer, _status_field(peer), PEER_LIFECYCLES[provider].steps[0], call.now)
    project["peers"].append(peer)
    return Reply(200, public(peer))


def update_peer(call):
    project, body = find_project(call), call.body
    peer = find_peer(call.store, project, call.path["peerId"], call.now)
    provider = peer["providerName"]
    if peer[_status_field(peer)] in DELETION_LIFECYCLES[provider].steps:
        raise errors.conflict(  # (guess: PEER_BEING_DELETED)
            "PEER_BEING_DELETED", "The peering connection is being deleted.", peer["id"]
        )
    if body["providerName"] != provider:
        raise errors.invalid_attribute("providerName", f"The peering connection's provider is {provider}.")
    _check_peer_against_container(project, {**public(peer), **body})
    new_target = not _same_target(peer, {**peer, **body})
    peer.update({f: body[f] for f in PEER_WRITABLE_FIELDS[provider] if f in body})
    if new_target:  # a different network on the other side: the peering starts over
        peer.pop("connectionId", None)
        peer["_sim"] = {}
        lifecycle.start(peer, _status_field(peer), PEER_LIFECYCLES[provider].steps[0], call.now)
    return Reply(200, public(peer))


def delete_peer(call):
    project = find_project(call)
    peer = find_peer(call.store, project, call.path["peerId"], call.now)
    deletion = DELETION_LIFECYCLES[peer["providerName"]]
    if peer[deletion.status_field] not in deletion.steps:
        lifecycle.start(peer, deletion.status_field, deletion.steps[0], call.now)
    # A second DELETE while the removal runs is accepted again (guess: Atlas' answer is not documented).
    return Reply(202, {})


def accept_peer(control: ControlCall):
    """The other side accepts the peering (``POST /__sim__/peers/{peerId}:accept``)."""
    peer_id = control.params["peerId"]
    for project in control.store.state["projects"]:
        peer = find(project["peers"], "id", peer_id)
        if peer is not None and refresh_peer(control.store, project, peer, control.now):
            if peer["providerName"] == "AZURE":
                raise errors.bad_request("VALIDATION_ERROR", "Azure peering connections need no acceptance.")
            lifecycle.accept(peer, control.now)
            return public(peer)
    raise errors.not_found(f"No peer with ID {peer_id} exists.", peer_id)


# What a failed peering reports, per provider: its status field, and its error field with a value
# from the spec's enum (AWS) or a free text (Azure, GCP).
PEER_FAILURES = {
    "AWS": ("statusName", "errorStateName", "REJECTED"),
    "AZURE": ("status", "errorState", "The peering was refused by Azure."),
    "GCP": ("status", "errorMessage", "The peering was refused by GCP."),
}


def reject_peer(control: ControlCall):
    """The other side refuses the peering (``POST /__sim__/peers/{peerId}:reject``): it FAILED.

    Atlas never retries a failed peering; only deleting it helps.
    """
    peer_id = control.params["peerId"]
    for project in control.store.state["projects"]:
        peer = find(project["peers"], "id", peer_id)
        if peer is not None and refresh_peer(control.store, project, peer, control.now):
            status_field, error_field, error = PEER_FAILURES[peer["providerName"]]
            peer[status_field] = "FAILED"
            peer[error_field] = error
            control.store.mark_changed()
            return public(peer)
    raise errors.not_found(f"No peer with ID {peer_id} exists.", peer_id)


FAMILY = Family(
    handlers={
        "listGroupContainers": list_containers,
        "listGroupContainerAll": list_all_containers,
        "getGroupContainer": get_container,
        "createGroupContainer": create_container,
        "updateGroupContainer": update_container,
        "deleteGroupContainer": delete_container,
        "listGroupPeers": list_peers,
        "getGroupPeer": get_peer,
        "createGroupPeer": create_peer,
        "updateGroupPeer": update_peer,
        "deleteGroupPeer": delete_peer,
    },
    project_lists={
        "containers": lambda container, seeding: normalize_container(container, seeding.now),
        "peers": lambda peer, seeding: normalize_peer(peer, seeding.now),
    },
    control_routes={
        control_route("POST", r"/__sim__/peers/(?P<peerId>[a-f0-9]{24}):accept"): accept_peer,
        control_route("POST", r"/__sim__/peers/(?P<peerId>[a-f0-9]{24}):reject"): reject_peer,
    },
)
