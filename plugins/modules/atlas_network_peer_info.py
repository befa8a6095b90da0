#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_network_peer_info
short_description: Read the network peering connections and containers of a MongoDB Atlas project
version_added: 0.1.0
description:
  - Returns the network peering connections of an Atlas project (AWS, Azure and GCP) with their status, and
    the project's network peering containers, as Atlas returns them.
  - Every list is read page by page until all of it is read. Nothing is changed.
  - Each peering also has C(status), the same for every provider. Atlas reports the status of an AWS peering
    as C(statusName) and that of an Azure or GCP peering as C(status); for AWS, C(status) is a copy of
    C(statusName).
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes.info
  - atlas_ops.admin.scope.project
options:
  provider:
    description:
      - The cloud providers whose peerings and containers to read.
      - Atlas lists peerings one provider at a time, so each provider costs at least one request.
    type: list
    elements: str
    choices: [AWS, AZURE, GCP]
    default: [AWS, AZURE, GCP]
  peer_id:
    description:
      - Unique 24-hexadecimal-digit id of one peering connection, to return only that peering (one request instead
        of the lists of peerings).
      - When the project has no such peering, or it belongs to a provider not in O(provider), RV(peers) is an
        empty list; this is not an error.
      - The containers are read as without it.
    type: str
notes:
  - A project that does not exist fails the task.
  - Reading peerings needs the Project Read Only role.
  - Atlas serves peering connections and containers through API resource version 2023-01-01.
seealso:
  - module: atlas_ops.admin.atlas_network_peer
  - name: Atlas Administration API, Network Peering
    description: The API operations this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Network-Peering
"""

EXAMPLES = r"""
- name: Audit the network peerings of a project
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Read every peering and container of the project
      atlas_ops.admin.atlas_network_peer_info:
        project_id: 5f1e2d3c4b5a697887960a1b
      register: network

    - name: Show the peerings that are not available
      ansible.builtin.debug:
        msg: "{{ network.peers | rejectattr('status', 'eq', 'AVAILABLE') | map(attribute='id') | list }}"

    - name: Read the AWS peerings only
      atlas_ops.admin.atlas_network_peer_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        provider: [AWS]

    - name: Read one peering
      atlas_ops.admin.atlas_network_peer_info:
        project_id: 5f1e2d3c4b5a697887960a1b
        peer_id: 6b06b0e90152addcf4634c6b
"""

RETURN = r"""
peers:
  description:
    - The peering connections, as Atlas returns them (resource version 2023-01-01), provider by provider in the
      order of O(provider), each with C(status) added for AWS. The fields depend on the provider (see
      M(atlas_ops.admin.atlas_network_peer)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 6b06b0e90152addcf4634c6b
      providerName: AWS
      containerId: 6500000000000000000000f1
      vpcId: vpc-0123456789abcdef0
      awsAccountId: "123456789012"
      routeTableCidrBlock: 10.0.0.0/16
      accepterRegionName: us-east-1
      connectionId: pcx-0a1b2c3d4e5f60718
      statusName: AVAILABLE
      status: AVAILABLE
  contains:
    id:
      description: Atlas' id of the peering connection.
      returned: always
      type: str
    providerName:
      description: V(AWS), V(AZURE) or V(GCP).
      returned: always
      type: str
    containerId:
      description: Id of the Atlas network peering container.
      returned: always
      type: str
    status:
      description:
        - The status of the peering, for every provider. AWS C(INITIATING), C(PENDING_ACCEPTANCE), C(FINALIZING),
          C(AVAILABLE), C(FAILED), C(TERMINATING); Azure C(ADDING_PEER), C(AVAILABLE), C(FAILED),
          C(DELETION_FAILED), C(DELETING); GCP C(ADDING_PEER), C(WAITING_FOR_USER), C(AVAILABLE), C(FAILED),
          C(DELETING).
        - For AWS, a copy of C(statusName).
      returned: when Atlas reports a status
      type: str
    statusName:
      description: AWS. The status of the peering, as Atlas names it for AWS.
      returned: for AWS
      type: str
    errorStateName:
      description: AWS. Why the peering failed.
      returned: for AWS, when the peering failed
      type: str
    errorState:
      description: Azure. Why the peering failed.
      returned: for Azure, when the peering failed
      type: str
    errorMessage:
      description: GCP. Why the peering failed.
      returned: for GCP, when the peering failed
      type: str
    connectionId:
      description: AWS. The id (C(pcx-...)) of the VPC peering connection that Atlas requested.
      returned: for AWS, once Atlas has requested the VPC peering connection
      type: str
containers:
  description:
    - The network peering containers of the providers in O(provider), as Atlas returns them (resource version
      2023-01-01). AWS containers have C(regionName), Azure containers C(region), GCP containers C(regions).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 6500000000000000000000f1
      providerName: AWS
      regionName: US_EAST_1
      atlasCidrBlock: 192.168.248.0/21
      provisioned: true
      vpcId: vpc-0a1b2c3d4e5f60718
"""

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import CONTAINERS, CONTAINERS_ALL, PEER, PEERS
from ansible_collections.atlas_ops.admin.plugins.module_utils.info import run_info_module
from ansible_collections.atlas_ops.admin.plugins.module_utils.network_peering import PROVIDERS, STATUS_FIELD, status_of
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import chosen_providers, provider_or_id_options


def with_status(peer, provider):
    """The peering as Atlas sent it, plus status for a provider whose status field has another name (AWS)."""
    peer = dict(peer)
    if STATUS_FIELD[provider] != "status" and "status" not in peer and status_of(peer, provider) is not None:
        peer["status"] = status_of(peer, provider)
    return peer


def read_peers(client, project_id, providers, peer_id):
    """The project's peerings of providers (or the one named peer_id), each with status."""
    if peer_id is not None:
        peer = client.get_if_exists(PEER, groupId=project_id, peerId=peer_id)
        provider = (peer or {}).get("providerName")
        return [with_status(peer, provider)] if provider in providers else []
    peers = []
    for provider in providers:
        found = client.get_all(PEERS, query={"providerName": provider}, groupId=project_id)
        peers.extend(with_status(peer, peer.get("providerName") or provider) for peer in found)
    return peers


def read_containers(client, project_id, providers):
    """The project's containers of providers: one list of all of them when every provider is wanted."""
    if set(providers) == set(PROVIDERS):
        return client.get_all(CONTAINERS_ALL, groupId=project_id)
    containers = []
    for provider in providers:
        containers.extend(client.get_all(CONTAINERS, query={"providerName": provider}, groupId=project_id))
    return containers


def read(call):
    providers = chosen_providers(call.module, PROVIDERS)
    project_id = call.params["project_id"]
    return read_peers(call.client, project_id, providers, call.params["peer_id"]), read_containers(call.client, project_id, providers)


def main():
    run_info_module(("peers", "containers"), what="the network peerings", read=read, **provider_or_id_options(PROVIDERS, "peer_id"))


if __name__ == "__main__":
    main()
