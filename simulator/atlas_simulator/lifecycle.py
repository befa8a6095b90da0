"""Asynchronous states that advance over time and over reads.

A resource in a transient state moves to the next one once it has been read ``reads_per_step``
times, or once ``seconds_per_step`` of simulated time have passed, since it entered its state (seed
key ``progression``). So every state can be observed at least once by a client that polls, and a
client that just waits sees it finish too. Some states also wait for the other side of a peering to
accept it (``POST /__sim__/peers/{peerId}:accept``, or the seed's ``auto_accept_peers: true``).

Progress is kept in the resource's ``_sim`` key, which API answers never show.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from .clock import format_time, parse_time

GONE = None  # a "next state" of GONE means the resource disappears (end of a deletion)


@dataclass(frozen=True)
class Lifecycle:
    status_field: str
    steps: tuple  # ordered states; GONE as the last step ends in removal
    needs_acceptance: frozenset = field(default_factory=frozenset)


AWS_PEER = Lifecycle(
    "statusName", ("INITIATING", "PENDING_ACCEPTANCE", "FINALIZING", "AVAILABLE"), frozenset({"PENDING_ACCEPTANCE"})
)
AZURE_PEER = Lifecycle("status", ("ADDING_PEER", "AVAILABLE"))
GCP_PEER = Lifecycle("status", ("ADDING_PEER", "WAITING_FOR_USER", "AVAILABLE"), frozenset({"WAITING_FOR_USER"}))
AWS_PEER_DELETION = Lifecycle("statusName", ("TERMINATING", GONE))
AZURE_GCP_PEER_DELETION = Lifecycle("status", ("DELETING", GONE))
GCP_ROLE = Lifecycle("status", ("IN_PROGRESS", "COMPLETE"))


def start(resource, status_field, status, now):
    """Put a resource into a state and restart its step counters."""
    resource[status_field] = status
    resource["_sim"] = {**resource.get("_sim", {}), "since": format_time(now), "reads": 0}


def accept(resource, now):
    resource.setdefault("_sim", {})["accepted_at"] = format_time(now)


def observed(resource):
    """Count one read of the resource (a GET of it, or a listing that shows it)."""
    meta = resource.setdefault("_sim", {})
    meta["reads"] = meta.get("reads", 0) + 1


def refresh(resource, lifecycle, now, settings, on_enter=None):
    """Apply every transition that is due. Returns False when the resource is now gone."""
    meta = resource.setdefault("_sim", {})
    meta.setdefault("since", format_time(now))
    meta.setdefault("reads", 0)
    seconds = settings["seconds_per_step"]
    while resource.get(lifecycle.status_field) in lifecycle.steps:
        index = lifecycle.steps.index(resource[lifecycle.status_field])
        if index == len(lifecycle.steps) - 1:
            return True
        since = parse_time(meta["since"])
        due_by_time = (now - since).total_seconds() >= seconds
        due_by_reads = meta["reads"] >= settings["reads_per_step"]
        state = lifecycle.steps[index]
        accepted_at = meta.get("accepted_at")
        gated = state in lifecycle.needs_acceptance and not settings["auto_accept_peers"]
        if not (due_by_time or due_by_reads) or (gated and not accepted_at):
            return True
        following = lifecycle.steps[index + 1]
        if following is GONE:
            return False
        resource[lifecycle.status_field] = following
        if due_by_reads:
            meta["since"] = format_time(now)
        else:  # catch up step by step after a quiet spell or a clock jump, but not before acceptance
            entered = since + timedelta(seconds=seconds)
            if gated:
                entered = max(entered, parse_time(accepted_at))
            meta["since"] = format_time(entered)
        meta["reads"] = 0
        if on_enter:
            on_enter(resource, following)
    return True
