#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: atlas_network_peer
short_description: Manage a MongoDB Atlas network peering connection to an AWS VPC, an Azure VNet or a GCP network
version_added: 0.1.0
description:
  - Creates, updates or removes the network peering connection between an Atlas project's network
    peering container and an application network in AWS, Azure or GCP.
  - The peering is found by the network it connects to, so that no Atlas peering id has to be carried
    between runs. AWS, the VPC (O(vpc_id)) in the account (O(aws_account_id)); Azure, the VNet
    (O(vnet_name)) in the resource group (O(resource_group_name)) of the subscription
    (O(azure_subscription_id)), compared without regard to case as Azure compares its names; GCP, the
    network (O(network_name)) in the GCP project (O(gcp_project_id)). O(peer_id) addresses one peering
    directly instead.
  - The Atlas side of the peering is the project's network peering container for O(provider) and
    O(region) (AWS and Azure; GCP has one global container per project), or the container O(container_id).
    A missing container is created when O(atlas_cidr_block) is given. This module never deletes a container.
  - A changed O(route_table_cidr_block) (AWS) is updated in place. The fields that say which network is
    peered cannot change; a different network is a different peering.
  - After a create, the task waits (O(wait)) until the peering reaches O(wait_for), by default the first
    state in which there is something to do on the cloud side (accepting the VPC peering connection on
    AWS, creating the other half of the peering on GCP).
author:
  - Atlas Ops maintainers (@atlas-ops)
extends_documentation_fragment:
  - atlas_ops.admin.atlas
  - atlas_ops.admin.atlas.action_group
  - atlas_ops.admin.attributes
  - atlas_ops.admin.scope.project
  - atlas_ops.admin.wait
options:
  state:
    description:
      - V(present) makes sure the peering exists with the given settings, creating or updating it.
      - V(absent) removes the peering when it exists (and, with O(wait), waits until Atlas has removed it).
        The container is left alone.
    type: str
    choices: [present, absent]
    default: present
  provider:
    description:
      - The cloud provider of the network on the other side of the peering.
      - Options of another provider fail the task (for example O(network_name) with V(AWS)).
    type: str
    choices: [AWS, AZURE, GCP]
    default: AWS
  peer_id:
    description:
      - Unique 24-hexadecimal-digit id of one peering connection, to address it directly.
      - With O(state=present) the peering must exist; the network options, when given, must be those of
        that peering.
      - With O(state=absent) it is enough on its own.
    type: str
  container_id:
    description:
      - Unique 24-hexadecimal-digit id of the Atlas network peering container to peer from.
      - Instead of O(region) (and O(atlas_cidr_block)). The container must belong to O(provider).
    type: str
  region:
    description:
      - The Atlas region of the container, in Atlas' names, such as V(US_EAST_1) (AWS) or V(US_EAST_2) (Azure).
      - With O(state=present), O(provider=AWS) or O(provider=AZURE) and no O(container_id), required.
      - Not used with O(provider=GCP), whose container is global (see O(regions)).
    type: str
  regions:
    description:
      - GCP only. The Atlas regions of a GCP container that this task creates, such as V(US_EAST_4).
      - Used only when the container is created; an existing container is not changed.
    type: list
    elements: str
  atlas_cidr_block:
    description:
      - The CIDR block of the Atlas container to create when the project has no container for O(provider)
        and O(region). Without it, a missing container fails the task.
      - A private (RFC 1918) IPv4 network, V(/21) to V(/24) for AWS and Azure, V(/16) to V(/18) for GCP.
      - An existing container is not changed; a different block is reported with a warning.
    type: str
  vpc_id:
    description:
      - AWS. Id of the application VPC, V(vpc-) and 17 hexadecimal digits.
      - Required with O(provider=AWS), unless O(peer_id) is given with O(state=absent).
    type: str
  aws_account_id:
    description:
      - AWS. The 12-digit id of the AWS account that owns O(vpc_id).
      - Required with O(provider=AWS), unless O(peer_id) is given with O(state=absent).
    type: str
  route_table_cidr_block:
    description:
      - AWS. The CIDR block of the application VPC (or subnet), such as V(10.0.0.0/16), an IPv4 network of
        V(/16) to V(/28) with no host bits set, which must not overlap the Atlas CIDR block.
      - A block that overlaps O(atlas_cidr_block) or the C(atlasCidrBlock) of the existing container is refused
        before any write, with a message naming both blocks.
      - Required with O(provider=AWS) and O(state=present). Changing it updates the peering in place.
    type: str
  accepter_region_name:
    description:
      - AWS. The AWS region of O(vpc_id), in AWS' names, such as V(us-east-1).
      - When not set, the region of the Atlas container (V(US_EAST_1) becomes V(us-east-1)).
      - It cannot change on an existing peering.
    type: str
  azure_directory_id:
    description:
      - Azure. The id (a UUID) of the Azure AD tenant (directory) of the subscription.
      - Required with O(provider=AZURE) and O(state=present).
    type: str
  azure_subscription_id:
    description:
      - Azure. The id (a UUID) of the Azure subscription of the VNet.
      - Required with O(provider=AZURE), unless O(peer_id) is given with O(state=absent).
    type: str
  resource_group_name:
    description:
      - Azure. The resource group of the VNet (letters, digits, C(-), C(_), C(.), C(\(), C(\)); at most 90
        characters, not ending in C(.)).
      - Required with O(provider=AZURE), unless O(peer_id) is given with O(state=absent).
    type: str
  vnet_name:
    description:
      - Azure. The name of the VNet (2 to 64 letters, digits, C(-), C(_), C(.)).
      - Required with O(provider=AZURE), unless O(peer_id) is given with O(state=absent).
    type: str
  gcp_project_id:
    description:
      - GCP. The id of the GCP project of the network (6 to 30 lowercase letters, digits and hyphens,
        starting with a letter).
      - Required with O(provider=GCP), unless O(peer_id) is given with O(state=absent).
    type: str
  network_name:
    description:
      - GCP. The name of the VPC network (1 to 63 lowercase letters, digits and hyphens, starting with a letter).
      - Required with O(provider=GCP), unless O(peer_id) is given with O(state=absent).
    type: str
  wait:
    description:
      - With O(state=present), wait until the peering reaches O(wait_for). A peering that is already there or
        further is not waited for.
      - With O(state=absent), wait until Atlas has removed the peering.
      - Never waits in check mode.
    type: bool
    default: true
  wait_for:
    description:
      - The state to wait for with O(state=present) and O(wait=true).
      - V(initiated), Atlas has accepted the request (the peering exists); no waiting.
      - V(pending_acceptance), AWS C(PENDING_ACCEPTANCE) (the C(pcx-) C(connectionId) exists and the VPC
        peering connection waits to be accepted on the AWS side), GCP C(WAITING_FOR_USER) (Atlas waits for the
        peering from the GCP network); Azure peerings need nothing on the Azure side afterwards, so for
        them it is the same as V(available).
      - V(available), C(AVAILABLE). On AWS this happens only after the VPC peering connection was accepted,
        on GCP after the other half of the peering was created.
      - When not set, V(pending_acceptance) for AWS and GCP, V(available) for Azure.
      - A peering that C(FAILED) ends the wait with an error naming Atlas' error state. Atlas does not retry a
        failed peering; remove it (O(state=absent)) and create it again (O(state=present)).
    type: str
    choices: [initiated, pending_acceptance, available]
notes:
  - The status fields differ by provider, as Atlas names them. AWS C(statusName) (C(INITIATING),
    C(PENDING_ACCEPTANCE), C(FINALIZING), C(AVAILABLE), C(FAILED), C(TERMINATING)) with C(errorStateName);
    Azure C(status) (C(ADDING_PEER), C(AVAILABLE), C(FAILED), C(DELETION_FAILED), C(DELETING)) with C(errorState);
    GCP C(status) (C(ADDING_PEER), C(WAITING_FOR_USER), C(AVAILABLE), C(FAILED), C(DELETING)) with C(errorMessage).
  - All options are checked before any request is sent.
  - With O(state=absent), the options that only describe a peering to create (O(route_table_cidr_block),
    O(accepter_region_name), O(azure_directory_id), O(container_id), O(region), O(regions),
    O(atlas_cidr_block), O(wait_for)) have no effect and are reported with a warning when set.
  - A peering that Atlas is removing cannot be created again until it is gone; the task fails and says so.
  - With C(--diff), a task that creates the container (or would, in check mode) shows it as a diff of its own
    before the peering's (the task's C(diff) is then a list of the two), because the container stays when the
    peering is removed. The result's RV(container) is that container too.
  - Creating, changing and removing peerings needs the Project Network Access Manager role (or Project Owner);
    creating a container needs Project Owner.
  - Atlas serves peering connections and containers through API resource version 2023-01-01.
seealso:
  - name: Atlas Administration API, Network Peering
    description: The API operations this module calls.
    link: https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Network-Peering
  - name: Set up a network peering connection
    description: Atlas' guide, with what has to be done on the AWS, Azure and GCP side.
    link: https://www.mongodb.com/docs/atlas/security-vpc-peering/
"""

EXAMPLES = r"""
- name: Peer an application VPC with Atlas and accept the peering on the AWS side
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      public_key: "{{ atlas_public_key }}"
      private_key: "{{ atlas_private_key }}"
  tasks:
    - name: Peer vpc-0123456789abcdef0 with the Atlas container of US_EAST_1, creating the container if needed
      atlas_ops.admin.atlas_network_peer:
        project_id: 5f1e2d3c4b5a697887960a1b
        provider: AWS
        region: US_EAST_1
        atlas_cidr_block: 192.168.248.0/21
        vpc_id: vpc-0123456789abcdef0
        aws_account_id: "123456789012"
        route_table_cidr_block: 10.0.0.0/16
      register: atlas_peer

    - name: Accept the VPC peering connection that Atlas requested (pcx-...)
      amazon.aws.ec2_vpc_peer:
        region: us-east-1
        peering_id: "{{ atlas_peer.peer.connectionId }}"
        state: accept

    - name: Wait until the peering is available
      atlas_ops.admin.atlas_network_peer:
        project_id: 5f1e2d3c4b5a697887960a1b
        region: US_EAST_1
        vpc_id: vpc-0123456789abcdef0
        aws_account_id: "123456789012"
        route_table_cidr_block: 10.0.0.0/16
        wait_for: available
        wait_timeout: 900

- name: Peer an Azure VNet and a GCP network
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/atlas_ops.admin.atlas:
      client_id: "{{ atlas_client_id }}"
      client_secret: "{{ atlas_client_secret }}"
  tasks:
    - name: Peer an Azure VNet with the existing Atlas container of US_EAST_2
      atlas_ops.admin.atlas_network_peer:
        project_id: 5f1e2d3c4b5a697887960a1b
        provider: AZURE
        region: US_EAST_2
        azure_directory_id: 35f0d2b1-6bb8-4cbd-a1bc-4c3d2a1f4f11
        azure_subscription_id: 4c2c1e5a-1d0e-4a57-9b5e-4b2c3f1a8d22
        resource_group_name: app-rg
        vnet_name: app-vnet

    - name: Peer a GCP network with the project's global GCP container, without waiting
      atlas_ops.admin.atlas_network_peer:
        project_id: 5f1e2d3c4b5a697887960a1b
        provider: GCP
        atlas_cidr_block: 10.64.0.0/18
        gcp_project_id: my-gcp-project
        network_name: app-network
        wait: false

- name: Remove a peering
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Remove the peering to vpc-0123456789abcdef0 and wait until Atlas has removed it
      atlas_ops.admin.atlas_network_peer:
        project_id: 5f1e2d3c4b5a697887960a1b
        vpc_id: vpc-0123456789abcdef0
        aws_account_id: "123456789012"
        state: absent
      module_defaults:
        group/atlas_ops.admin.atlas:
          public_key: "{{ atlas_public_key }}"
          private_key: "{{ atlas_private_key }}"
"""

RETURN = r"""
peer:
  description:
    - The peering connection after the task, in Atlas' field names (in check mode, the peering it would
      have; a peering to be created has no C(id) yet). The fields depend on O(provider).
    - V(null) after O(state=absent).
  returned: always
  type: dict
  sample:
    id: 6b06b0e90152addcf4634c6b
    providerName: AWS
    containerId: 6500000000000000000000f1
    vpcId: vpc-0123456789abcdef0
    awsAccountId: "123456789012"
    routeTableCidrBlock: 10.0.0.0/16
    accepterRegionName: us-east-1
    statusName: PENDING_ACCEPTANCE
    connectionId: pcx-0a1b2c3d4e5f60718
  contains:
    id:
      description: Atlas' id of the peering connection.
      returned: when the peering exists
      type: str
    providerName:
      description: V(AWS), V(AZURE) or V(GCP).
      returned: when the peering exists
      type: str
    containerId:
      description: Id of the Atlas network peering container.
      returned: when the peering exists
      type: str
    vpcId:
      description: AWS. The application VPC.
      returned: for AWS
      type: str
    awsAccountId:
      description: AWS. The account of the application VPC.
      returned: for AWS
      type: str
    routeTableCidrBlock:
      description: AWS. The CIDR block of the application VPC.
      returned: for AWS
      type: str
    accepterRegionName:
      description: AWS. The AWS region of the application VPC.
      returned: for AWS
      type: str
    connectionId:
      description:
        - AWS. The id (C(pcx-...)) of the VPC peering connection that Atlas requested, to accept on the AWS
          side (for example with C(amazon.aws.ec2_vpc_peer), C(state=accept)).
        - Atlas sets it once the peering is C(PENDING_ACCEPTANCE).
      returned: for AWS, once Atlas has requested the VPC peering connection
      type: str
    statusName:
      description: AWS. The status of the peering.
      returned: for AWS
      type: str
    errorStateName:
      description: AWS. Why the peering failed (C(REJECTED), C(EXPIRED), C(INVALID_ARGUMENT)).
      returned: for AWS, when the peering failed
      type: str
    azureDirectoryId:
      description: Azure. The directory (tenant) of the subscription.
      returned: for Azure
      type: str
    azureSubscriptionId:
      description: Azure. The subscription of the VNet.
      returned: for Azure
      type: str
    resourceGroupName:
      description: Azure. The resource group of the VNet.
      returned: for Azure
      type: str
    vnetName:
      description: Azure. The VNet.
      returned: for Azure
      type: str
    errorState:
      description: Azure. Why the peering failed.
      returned: for Azure, when the peering failed
      type: str
    gcpProjectId:
      description: GCP. The GCP project of the network.
      returned: for GCP
      type: str
    networkName:
      description: GCP. The network.
      returned: for GCP
      type: str
    errorMessage:
      description: GCP. Why the peering failed.
      returned: for GCP, when the peering failed
      type: str
    status:
      description: Azure and GCP. The status of the peering.
      returned: for Azure and GCP
      type: str
container:
  description:
    - The Atlas network peering container of the peering, in Atlas' field names (in check mode, the container
      that would be created has no C(id)).
    - V(null) with O(state=absent).
  returned: always
  type: dict
  sample:
    id: 6500000000000000000000f1
    providerName: AWS
    regionName: US_EAST_1
    atlasCidrBlock: 192.168.248.0/21
    provisioned: true
    vpcId: vpc-0a4286e1883a415be
  contains:
    id:
      description: Atlas' id of the container.
      returned: when the container exists
      type: str
    providerName:
      description: V(AWS), V(AZURE) or V(GCP).
      returned: always
      type: str
    atlasCidrBlock:
      description: The CIDR block of the Atlas side.
      returned: always
      type: str
    regionName:
      description: AWS. The Atlas region of the container.
      returned: for AWS
      type: str
    region:
      description: Azure. The Atlas region of the container.
      returned: for Azure
      type: str
    regions:
      description: GCP. The Atlas regions of the container.
      returned: for GCP
      type: list
      elements: str
    provisioned:
      description: Whether Atlas clusters exist in the container.
      returned: when the container exists
      type: bool
    vpcId:
      description: AWS. Atlas' VPC; V(null) until the container is provisioned.
      returned: for AWS, when the container exists
      type: str
"""

import ipaddress
import re

from ansible_collections.atlas_ops.admin.plugins.module_utils.api_versions import CONTAINER, CONTAINERS, PEER, PEERS
from ansible_collections.atlas_ops.admin.plugins.module_utils.module import AtlasModule
from ansible_collections.atlas_ops.admin.plugins.module_utils.network_peering import ERROR_FIELD, PROVIDERS, status_of
from ansible_collections.atlas_ops.admin.plugins.module_utils.options import project_option, state_option, warn_ignored
from ansible_collections.atlas_ops.admin.plugins.module_utils.resource import ensure_absent, ensure_present, exit_resource
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError, object_id
from ansible_collections.atlas_ops.admin.plugins.module_utils.wait import wait_for as wait_until_done
from ansible_collections.atlas_ops.admin.plugins.module_utils.wait import wait_options

# option -> Atlas field of the peering, per provider. The first options of each are the peering's
# identity (the network on the other side); a peering to another network is another peering.
PEER_FIELDS = {
    "AWS": (
        ("vpc_id", "vpcId"),
        ("aws_account_id", "awsAccountId"),
        ("route_table_cidr_block", "routeTableCidrBlock"),
        ("accepter_region_name", "accepterRegionName"),
    ),
    "AZURE": (
        ("azure_subscription_id", "azureSubscriptionId"),
        ("resource_group_name", "resourceGroupName"),
        ("vnet_name", "vnetName"),
        ("azure_directory_id", "azureDirectoryId"),
    ),
    "GCP": (("gcp_project_id", "gcpProjectId"), ("network_name", "networkName")),
}
IDENTITY_FIELDS = {
    "AWS": ("vpcId", "awsAccountId"),
    "AZURE": ("azureSubscriptionId", "resourceGroupName", "vnetName"),
    "GCP": ("gcpProjectId", "networkName"),
}
# Azure compares subscription, resource group and VNet names without regard to case.
CASE_INSENSITIVE = {"AWS": False, "AZURE": True, "GCP": False}
# The only field Atlas changes in place (AWS); a difference in any other field fails the task.
UPDATABLE_FIELDS = ("routeTableCidrBlock",)
# Options that belong to one provider only; set with another provider they fail the task.
PROVIDER_OPTIONS = {
    "AWS": ("vpc_id", "aws_account_id", "route_table_cidr_block", "accepter_region_name"),
    "AZURE": ("azure_directory_id", "azure_subscription_id", "resource_group_name", "vnet_name"),
    "GCP": ("gcp_project_id", "network_name", "regions"),
}
# The container's region field: AWS regionName, Azure region; GCP containers are global.
CONTAINER_REGION_FIELD = {"AWS": "regionName", "AZURE": "region", "GCP": None}

# -- Status: Atlas names its fields (module_utils/network_peering.py) and states differently for each provider.
# The states a new peering goes through, in order.
PROGRESSION = {
    "AWS": ("INITIATING", "PENDING_ACCEPTANCE", "FINALIZING", "AVAILABLE"),
    "AZURE": ("ADDING_PEER", "AVAILABLE"),
    "GCP": ("ADDING_PEER", "WAITING_FOR_USER", "AVAILABLE"),
}
# wait_for -> the state of PROGRESSION that is the goal. Azure needs nothing from the user once the
# peering is requested, so its "pending acceptance" is AVAILABLE.
GOAL_STATUS = {
    "AWS": {"initiated": "INITIATING", "pending_acceptance": "PENDING_ACCEPTANCE", "available": "AVAILABLE"},
    "AZURE": {"initiated": "ADDING_PEER", "pending_acceptance": "AVAILABLE", "available": "AVAILABLE"},
    "GCP": {"initiated": "ADDING_PEER", "pending_acceptance": "WAITING_FOR_USER", "available": "AVAILABLE"},
}
DEFAULT_WAIT_FOR = {"AWS": "pending_acceptance", "AZURE": "available", "GCP": "pending_acceptance"}
FAILED_STATUSES = {"AWS": ("FAILED",), "AZURE": ("FAILED", "DELETION_FAILED"), "GCP": ("FAILED",)}
DELETING_STATUSES = {"AWS": ("TERMINATING",), "AZURE": ("DELETING",), "GCP": ("DELETING",)}
RECOVERY_HINT = "Atlas does not retry a failed peering: remove it (state: absent), then create it again (state: present)."

# -- Input checks ---------------------------------------------------------------------------------
AWS_ACCOUNT_ID_RE = re.compile(r"^[0-9]{12}$")
VPC_ID_RE = re.compile(r"^vpc-[0-9a-f]{17}$")
AWS_REGION_RE = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$")
ATLAS_REGION_RE = re.compile(r"^[A-Z][A-Z0-9_]*[A-Z0-9]$")
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# The spec's pattern ^([-\w._()])+$ (ASCII, as in Atlas' Java), with Azure's length limits.
AZURE_RESOURCE_GROUP_RE = re.compile(r"^[-\w.()]{1,90}$", re.ASCII)
AZURE_VNET_RE = re.compile(r"^[-\w.]{2,64}$", re.ASCII)
# The spec's patterns, anchored at both ends (GCP: project ids 6-30 characters, names 1-63).
GCP_PROJECT_ID_RE = re.compile(r"^[a-z][0-9a-z-]{4,28}[0-9a-z]$")
GCP_NETWORK_NAME_RE = re.compile(r"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")
PRIVATE_NETWORKS = tuple(ipaddress.ip_network(network) for network in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
ATLAS_CIDR_PREFIXES = {"AWS": (21, 24), "AZURE": (21, 24), "GCP": (16, 18)}
# AWS VPC CIDR blocks are /16 to /28.
ROUTE_TABLE_PREFIXES = (16, 28)


def _error(option, expected, value):
    return AtlasInputError("%s must be %s, got %r" % (option, expected, value))


def _matching(pattern, expected):
    def check(value, option):
        value = str(value)
        if not pattern.match(value):
            raise _error(option, expected, value)
        return value

    return check


aws_account_id = _matching(AWS_ACCOUNT_ID_RE, "a 12-digit AWS account id such as '123456789012' (quote it in YAML)")
vpc_id = _matching(VPC_ID_RE, "an AWS VPC id: vpc- and 17 lowercase hexadecimal digits, such as vpc-0123456789abcdef0")
azure_uuid = _matching(UUID_RE, "a UUID such as 35f0d2b1-6bb8-4cbd-a1bc-4c3d2a1f4f11")
gcp_project_id = _matching(GCP_PROJECT_ID_RE, "a GCP project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter, such as my-gcp-project")
gcp_network_name = _matching(
    GCP_NETWORK_NAME_RE, "a GCP network name: 1 to 63 lowercase letters, digits and hyphens, starting with a letter, such as app-network"
)


def resource_group_name(value, option):
    value = str(value)
    if not AZURE_RESOURCE_GROUP_RE.match(value) or value.endswith("."):
        raise _error(option, "an Azure resource group name: at most 90 letters, digits, '-', '_', '.', '(' and ')', not ending in '.'", value)
    return value


def vnet_name(value, option):
    value = str(value)
    if not AZURE_VNET_RE.match(value):
        raise _error(option, "an Azure VNet name: 2 to 64 letters, digits, '-', '_' and '.'", value)
    return value


def aws_region(value, option):
    value = str(value)
    if not AWS_REGION_RE.match(value):
        raise _error(option, "an AWS region name such as us-east-1", value)
    return value


def atlas_region(value, option):
    value = str(value)
    if not ATLAS_REGION_RE.match(value):
        hint = ""
        if AWS_REGION_RE.match(value):
            hint = " (Atlas' name of %s is %s)" % (value, value.upper().replace("-", "_"))
        raise _error(option, "an Atlas region name such as US_EAST_1%s" % hint, value)
    return value


def ipv4_network(value, option, prefixes, expected):
    """An IPv4 network in CIDR notation with no host bits and a prefix length in prefixes (low, high)."""
    text = str(value).strip()
    example = "such as %s" % expected
    try:
        network = ipaddress.IPv4Network(text, strict=False)
    except ValueError:
        raise _error(option, "an IPv4 network in CIDR notation %s" % example, value)
    if "/" not in text:
        raise _error(option, "an IPv4 network in CIDR notation (with its /prefix length) %s" % example, value)
    if str(network) != text:
        raise _error(option, "a network address with no host bits set (did you mean %s?)" % network, value)
    low, high = prefixes
    if not low <= network.prefixlen <= high:
        raise _error(option, "a network of /%d to /%d %s" % (low, high, example), value)
    return network


def route_table_cidr_block(value, option):
    return str(ipv4_network(value, option, ROUTE_TABLE_PREFIXES, "10.0.0.0/16"))


def atlas_cidr_block(value, option, provider):
    low, high = ATLAS_CIDR_PREFIXES[provider]
    network = ipv4_network(value, option, (low, high), "192.168.248.0/21" if provider != "GCP" else "10.64.0.0/18")
    if not any(network.subnet_of(private) for private in PRIVATE_NETWORKS):
        raise _error(option, "a private (RFC 1918) network, inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16", value)
    return str(network)


def check_options(params):
    """Check every option the task set, before any request. Raises AtlasInputError naming the option."""
    provider, present = params["provider"], params["state"] == "present"
    foreign = [option for other, options in PROVIDER_OPTIONS.items() if other != provider for option in options if params.get(option) is not None]
    if foreign:
        raise AtlasInputError("%s cannot be used with provider %s: %s" % (", ".join(foreign), provider, "; ".join(_belongs_to(option) for option in foreign)))
    if provider == "GCP" and params.get("region") is not None:
        raise AtlasInputError("region cannot be used with provider GCP: GCP containers are global; give their regions in regions.")
    validators = {
        "peer_id": object_id,
        "container_id": object_id,
        "region": atlas_region,
        "vpc_id": vpc_id,
        "aws_account_id": aws_account_id,
        "route_table_cidr_block": route_table_cidr_block,
        "accepter_region_name": aws_region,
        "azure_directory_id": azure_uuid,
        "azure_subscription_id": azure_uuid,
        "resource_group_name": resource_group_name,
        "vnet_name": vnet_name,
        "gcp_project_id": gcp_project_id,
        "network_name": gcp_network_name,
        "atlas_cidr_block": lambda value, option: atlas_cidr_block(value, option, provider),
    }
    checked = {}
    for option, validator in validators.items():
        if params.get(option) is not None:
            checked[option] = validator(params[option], option)
    for index, region in enumerate(params.get("regions") or []):
        atlas_region(region, "regions[%d]" % index)
    # What identifies the peering, and with state=present what creates it, must be given.
    needed = [field_option for field_option, dummy in PEER_FIELDS[provider]]
    if not present:
        needed = [option for option, field in PEER_FIELDS[provider] if field in IDENTITY_FIELDS[provider]]
        if params.get("peer_id") is not None:
            needed = []
    elif provider == "AWS":
        needed.remove("accepter_region_name")  # defaults to the container's region
    missing = [option for option in needed if params.get(option) is None]
    if missing:
        raise AtlasInputError(
            "%s %s required with provider %s and state %s%s."
            % (
                ", ".join(missing),
                "is" if len(missing) == 1 else "are",
                provider,
                params["state"],
                "" if present else " (or peer_id)",
            )
        )
    if present and CONTAINER_REGION_FIELD[provider] and params.get("container_id") is None and params.get("region") is None:
        raise AtlasInputError("region (the Atlas region of the container, such as US_EAST_1) or container_id is required with provider %s." % provider)
    if "route_table_cidr_block" in checked and "atlas_cidr_block" in checked:
        route, atlas = ipaddress.IPv4Network(checked["route_table_cidr_block"]), ipaddress.IPv4Network(checked["atlas_cidr_block"])
        if route.overlaps(atlas):
            raise AtlasInputError(
                "route_table_cidr_block must not overlap atlas_cidr_block, got %s and %s" % (checked["route_table_cidr_block"], checked["atlas_cidr_block"])
            )
    return checked


def _belongs_to(option):
    provider = next(name for name, options in PROVIDER_OPTIONS.items() if option in options)
    return "%s is an option of provider %s" % (option, provider)


# -- Pure functions: what the task asks for, and how it compares with Atlas --------------------------
def aws_region_of(atlas_region_name):
    """The AWS name of an Atlas AWS region: US_EAST_1 -> us-east-1."""
    return atlas_region_name.lower().replace("_", "-")


def desired_peer(provider, params, container):
    """The peering the task asks for, in Atlas' fields (the body of its POST and PATCH)."""
    peer = {"providerName": provider, "containerId": (container or {}).get("id")}
    for option, field in PEER_FIELDS[provider]:
        peer[field] = params.get(option)
    if provider == "AWS" and peer["accepterRegionName"] is None and container and container.get("regionName"):
        peer["accepterRegionName"] = aws_region_of(container["regionName"])
    return peer


def _key(value, case_insensitive):
    if value is None:
        return None
    return value.lower() if case_insensitive else value


def same_network(peer, wanted, provider):
    """Whether peer connects to the network wanted names (the provider's identity fields)."""
    folded = CASE_INSENSITIVE[provider]
    return (peer.get("providerName") or "AWS") == provider and all(
        _key(peer.get(field), folded) == _key(wanted.get(field), folded) for field in IDENTITY_FIELDS[provider] if wanted.get(field) is not None
    )


def find_peer(peers, wanted, provider):
    """The peering of peers that connects to wanted's network, or None."""
    return next((peer for peer in peers if same_network(peer, wanted, provider)), None)


def fixed_field_changes(current, wanted, provider):
    """The fields (besides the updatable ones) that wanted sets to another value than current has.

    Atlas cannot change them on an existing peering. Identity fields compare as same_network does.
    """
    changes = []
    for field in ["containerId"] + [field for dummy, field in PEER_FIELDS[provider]]:
        if field in UPDATABLE_FIELDS or wanted.get(field) is None:
            continue
        fold = CASE_INSENSITIVE[provider] and field in IDENTITY_FIELDS[provider]
        if _key(current.get(field), fold) != _key(wanted[field], fold):
            changes.append(field)
    return changes


def needs_update(current, wanted):
    """Whether an existing peering differs from wanted in a field Atlas updates in place."""
    return any(wanted.get(field) is not None and current.get(field) != wanted[field] for field in UPDATABLE_FIELDS)


def update_body(current, wanted, provider):
    """The PATCH body: the spec requires the provider's full body, so every writable field is sent."""
    body = {"providerName": provider, "containerId": current.get("containerId")}
    for dummy, field in PEER_FIELDS[provider]:
        body[field] = wanted.get(field) if wanted.get(field) is not None else current.get(field)
    return body


def describe_status(peer, provider):
    """The status as the user reads it: 'FAILED (errorStateName REJECTED)'."""
    if peer is None:
        return "gone"
    status = status_of(peer, provider) or "unknown"
    error = peer.get(ERROR_FIELD[provider])
    return "%s (%s %s)" % (status, ERROR_FIELD[provider], error) if error else status


def reached(peer, provider, goal):
    """Whether the peering is in the goal state of PROGRESSION or past it."""
    progression = PROGRESSION[provider]
    status = status_of(peer, provider)
    return status in progression and progression.index(status) >= progression.index(goal)


def failure_reason(peer, provider):
    """Why waiting is pointless (a failed or vanishing peering), or None."""
    if peer is None:
        return "the peering no longer exists"
    status = status_of(peer, provider)
    if status in FAILED_STATUSES[provider]:
        return "Atlas reports status %s. %s" % (describe_status(peer, provider), RECOVERY_HINT.rstrip("."))
    if status in DELETING_STATUSES[provider]:
        return "the peering is being removed (status %s)" % status
    return None


def find_container(containers, provider, region):
    """The project's container for provider and region (GCP: its one global container), or None.

    Containers that are not provisioned yet have vpcId null (AWS): they are found by region all the same.
    """
    field = CONTAINER_REGION_FIELD[provider]
    for container in containers:
        if (container.get("providerName") or provider) != provider:
            continue
        if field is None or container.get(field) == region:
            return container
    return None


def container_body(provider, region, cidr, regions):
    """The body of the POST that creates the container."""
    body = {"providerName": provider, "atlasCidrBlock": cidr}
    if provider == "GCP":
        body["regions"] = list(regions or [])
    else:
        body[CONTAINER_REGION_FIELD[provider]] = region
    return body


# -- Talking to Atlas -----------------------------------------------------------------------------
def describe_target(provider, params):
    if params.get("peer_id") and all(params.get(option) is None for option, field in PEER_FIELDS[provider] if field in IDENTITY_FIELDS[provider]):
        return "peering %s" % params["peer_id"]
    if provider == "AWS":
        network = "VPC %s of AWS account %s" % (params["vpc_id"], params["aws_account_id"])
    elif provider == "AZURE":
        network = "VNet %s in resource group %s of subscription %s" % (params["vnet_name"], params["resource_group_name"], params["azure_subscription_id"])
    else:
        network = "network %s of GCP project %s" % (params["network_name"], params["gcp_project_id"])
    return "peering to %s" % network


def read_peer(client, project_id, provider, params, wanted):
    """The current peering: by peer_id, or the project's peering to the wanted network; None when absent."""
    if params.get("peer_id"):
        peer = client.get_if_exists(PEER, groupId=project_id, peerId=params["peer_id"])
        if peer is not None and (peer.get("providerName") != provider or not same_network(peer, wanted, provider)):
            raise AtlasInputError(
                "peer_id %s is a peering to another network (%s): the network options must be those of that peering, or left out."
                % (
                    params["peer_id"],
                    ", ".join("%s %s" % (field, peer.get(field)) for field in ("providerName",) + IDENTITY_FIELDS.get(peer.get("providerName"), ())),
                )
            )
        return peer
    return find_peer(client.get_all(PEERS, query={"providerName": provider}, groupId=project_id), wanted, provider)


def resolve_container(module, client, project_id, provider, checked):
    """The container to peer from: (container, create) where create() creates it, or None when it exists."""
    params = module.params
    if params.get("container_id"):
        container = client.get(CONTAINER, groupId=project_id, containerId=params["container_id"])
        if container.get("providerName") != provider:
            raise AtlasInputError("container_id %s is a %s container, but provider is %s." % (params["container_id"], container.get("providerName"), provider))
        return container, None
    region = params.get("region")
    container = find_container(client.get_all(CONTAINERS, query={"providerName": provider}, groupId=project_id), provider, region)
    where = "for region %s " % region if region else ""
    if container is not None:
        cidr = checked.get("atlas_cidr_block")
        if cidr and container.get("atlasCidrBlock") != cidr:
            module.warn(
                "atlas_cidr_block %s is ignored: the %s container %s%s already exists with atlasCidrBlock %s, and this module does not change containers."
                % (cidr, provider, where, container.get("id"), container.get("atlasCidrBlock"))
            )
        return container, None
    if not checked.get("atlas_cidr_block"):
        raise AtlasInputError(
            "Project %s has no %s network peering container %s(none to peer from): set atlas_cidr_block to create one, or give container_id."
            % (project_id, provider, where)
        )
    body = container_body(provider, region, checked["atlas_cidr_block"], params.get("regions"))
    return body, lambda: client.post(CONTAINERS, body=body, groupId=project_id)


def check_route_table_overlap(route_table_cidr_block, container):
    """Refuse, before any write, a VPC block that overlaps the Atlas container's: AWS cannot route between them."""
    cidr = (container or {}).get("atlasCidrBlock")
    if not route_table_cidr_block or not cidr:
        return
    try:
        overlaps = ipaddress.IPv4Network(route_table_cidr_block).overlaps(ipaddress.IPv4Network(cidr, strict=False))
    except ValueError:
        return  # not an IPv4 block (Atlas' own value): Atlas decides
    if overlaps:
        which = "the Atlas container %s" % container["id"] if container.get("id") else "the Atlas container to create (atlas_cidr_block)"
        raise AtlasInputError(
            "route_table_cidr_block %s overlaps atlasCidrBlock %s of %s: the two networks cannot be peered. "
            "Give the VPC's CIDR block that does not overlap it, or peer from another container." % (route_table_cidr_block, cidr, which)
        )


def creation_diff(before, after, container):
    """The --diff of a task that creates (or in check mode would create) the container: the container, then the peering."""
    return [
        {"before": {}, "after": container, "before_header": "network peering container", "after_header": "network peering container (created)"},
        {"before": before or {}, "after": after or {}, "before_header": "network peering", "after_header": "network peering"},
    ]


def check_existing(peer, container, provider, params, target):
    """Fail when the existing peering cannot become what the task asks for without being replaced."""
    if status_of(peer, provider) in DELETING_STATUSES[provider]:
        raise AtlasInputError(
            "The %s (%s) is being removed by Atlas (status %s): run the task again once it is gone." % (target, peer["id"], status_of(peer, provider))
        )
    problems = []
    if params.get("container_id") and params["container_id"] != peer.get("containerId"):
        problems.append("container %s, not container_id %s" % (peer.get("containerId"), params["container_id"]))
    field = CONTAINER_REGION_FIELD[provider]
    if field and params.get("region") and container.get(field) != params["region"]:
        problems.append("its container in region %s, not region %s" % (container.get(field), params["region"]))
    if problems:
        raise AtlasInputError(
            "The %s (%s) exists with %s; Atlas cannot move a peering to another container. Remove it (state: absent) and create it again, or change the task."
            % (target, peer["id"], " and ".join(problems))
        )


def wait_for_goal(module, client, project_id, provider, peer, goal, container):
    what = "peering %s" % peer["id"]
    return wait_until_done(
        module,
        read=lambda: client.get_if_exists(PEER, groupId=project_id, peerId=peer["id"]),
        is_done=lambda current: current is not None and reached(current, provider, goal),
        what=what,
        goal="status %s" % goal,
        describe=lambda current: describe_status(current, provider),
        failure=lambda current: failure_reason(current, provider),
        failed_result=lambda last: dict(peer=last, container=container),
    )


def wait_until_gone(module, client, project_id, provider, peer):
    return wait_until_done(
        module,
        read=lambda: client.get_if_exists(PEER, groupId=project_id, peerId=peer["id"]),
        is_done=lambda current: current is None,
        what="peering %s" % peer["id"],
        goal="removal",
        describe=lambda current: describe_status(current, provider),
        failure=lambda current: (
            "Atlas reports status %s" % describe_status(current, provider)
            if current is not None and status_of(current, provider) in FAILED_STATUSES[provider]
            else None
        ),
        failed_result=lambda last: dict(peer=last, container=None),
    )


def main():
    module = AtlasModule(
        argument_spec=dict(
            project_option(),
            state=state_option(),
            provider=dict(type="str", choices=list(PROVIDERS), default="AWS"),
            peer_id=dict(type="str"),
            container_id=dict(type="str"),
            region=dict(type="str"),
            regions=dict(type="list", elements="str"),
            atlas_cidr_block=dict(type="str"),
            vpc_id=dict(type="str"),
            aws_account_id=dict(type="str"),
            route_table_cidr_block=dict(type="str"),
            accepter_region_name=dict(type="str"),
            azure_directory_id=dict(type="str"),
            azure_subscription_id=dict(type="str"),
            resource_group_name=dict(type="str"),
            vnet_name=dict(type="str"),
            gcp_project_id=dict(type="str"),
            network_name=dict(type="str"),
            wait_for=dict(type="str", choices=["initiated", "pending_acceptance", "available"]),
            **wait_options(wait_default=True)
        ),
        mutually_exclusive=[("container_id", "region"), ("container_id", "atlas_cidr_block"), ("container_id", "regions")],
        supports_check_mode=True,
    )
    params = module.params
    project_id, provider = params["project_id"], params["provider"]
    present = params["state"] == "present"
    try:
        checked = check_options(params)
    except AtlasInputError as exc:
        module.fail_json(msg=str(exc))
    if present:
        if not params["wait"]:
            warn_ignored(module, ("wait_for", "wait_timeout", "wait_interval"), when="wait=false")
    else:
        warn_ignored(
            module,
            ("route_table_cidr_block", "accepter_region_name", "azure_directory_id", "container_id", "region", "regions", "atlas_cidr_block", "wait_for"),
            when="state=absent",
        )
        if not params["wait"]:
            warn_ignored(module, ("wait_timeout", "wait_interval"), when="wait=false")
    wanted = desired_peer(provider, dict(params, **checked), None)
    target = describe_target(provider, params)
    client = module.client

    if not present:
        with module.api_errors("remove the %s in project %s" % (target, project_id)):
            before = read_peer(client, project_id, provider, params, wanted)
            if before is not None and status_of(before, provider) in DELETING_STATUSES[provider]:
                # Atlas is already removing it: nothing to send, only (perhaps) to wait for.
                changed, after = False, None
            else:
                changed, after = ensure_absent(module, before, delete=lambda current: client.delete(PEER, groupId=project_id, peerId=current["id"]))
            if before is not None and params["wait"] and not module.check_mode:
                wait_until_gone(module, client, project_id, provider, before)
        exit_resource(module, "peer", changed, before, after, container=None)

    with module.api_errors("set up the %s in project %s" % (target, project_id)):
        before = read_peer(client, project_id, provider, params, wanted)
        create_container = None
        if before is not None:
            container = client.get(CONTAINER, groupId=project_id, containerId=before["containerId"])
            check_existing(before, container, provider, params, target)
        elif params.get("peer_id"):
            raise AtlasInputError("peer_id %s: no such peering in project %s. Leave peer_id out to create the peering." % (params["peer_id"], project_id))
        else:
            container, create_container = resolve_container(module, client, project_id, provider, checked)
        check_route_table_overlap(checked.get("route_table_cidr_block"), container)
        wanted = desired_peer(provider, dict(params, **checked), container)
        if before is not None:
            fixed = fixed_field_changes(before, wanted, provider)
            if fixed:
                raise AtlasInputError(
                    "The %s (%s) exists with %s; Atlas cannot change %s of a peering. Remove it (state: absent) and create it again, or change the task."
                    % (target, before["id"], ", ".join("%s %s" % (field, before.get(field)) for field in fixed), " or ".join(fixed))
                )
        created = {}

        def create():
            if create_container is not None:
                created["container"] = create_container()
                wanted["containerId"] = created["container"]["id"]
            return client.post(PEERS, body=wanted, groupId=project_id)

        changed, after = ensure_present(
            module,
            before,
            wanted,
            create=create,
            update=lambda current: client.patch(PEER, body=update_body(current, wanted, provider), groupId=project_id, peerId=current["id"]),
            compare=needs_update,
        )
        container = created.get("container", container)
        if status_of(after, provider) in FAILED_STATUSES[provider] and not params["wait"]:
            module.warn("The %s (%s) has status %s. %s" % (target, after.get("id"), describe_status(after, provider), RECOVERY_HINT))
        if params["wait"] and not module.check_mode:
            goal = GOAL_STATUS[provider][params["wait_for"] or DEFAULT_WAIT_FOR[provider]]
            if not reached(after, provider, goal):
                after = wait_for_goal(module, client, project_id, provider, after, goal, container)
    if create_container is not None and module._diff:
        # The container is a lasting change of its own (this module never deletes it): a diff of its own.
        module.exit_json(changed=changed, peer=after, container=container, diff=creation_diff(before, after, container))
    exit_resource(module, "peer", changed, before, after, container=container)


if __name__ == "__main__":
    main()
