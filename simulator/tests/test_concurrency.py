"""Concurrent clients: parallel connections, each with its own digest handshake, on shared state."""

import threading
from concurrent.futures import ThreadPoolExecutor

from sim_helpers import ORG, SA, AtlasClient

V = "2024-08-05"
ACCESS_LIST = f"{ORG}/serviceAccounts/{SA}/accessList"
CLIENTS = 24


def test_parallel_clients_each_get_their_answer_and_every_write_lands(sim, control):
    all_ready = threading.Barrier(CLIENTS)

    def work(number):
        client = AtlasClient(sim.url)  # a session each: its own connections and digest nonce
        all_ready.wait(timeout=10)  # all connect at once
        added = client.post(ACCESS_LIST, V, json=[{"ipAddress": f"10.1.0.{number}"}])
        listed = client.get(ACCESS_LIST, V, params={"itemsPerPage": 500})
        return added.status_code, listed.status_code

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(work, range(1, CLIENTS + 1)))
    assert results == [(200, 200)] * CLIENTS
    entries = AtlasClient(sim.url).get(ACCESS_LIST, V, params={"itemsPerPage": 500}).json()["results"]
    addresses = {e.get("ipAddress") for e in entries}
    assert {f"10.1.0.{n}" for n in range(1, CLIENTS + 1)} <= addresses
    assert len(entries) == CLIENTS + 2
