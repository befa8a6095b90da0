# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""How Atlas names the status of a network peering connection, per provider: one copy for every module.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

AWS peerings report statusName (with errorStateName), Azure and GCP peerings status (with errorState,
errorMessage). atlas_network_peer waits on these fields; atlas_network_peer_info reports them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

PROVIDERS = ("AWS", "AZURE", "GCP")
STATUS_FIELD = {"AWS": "statusName", "AZURE": "status", "GCP": "status"}
ERROR_FIELD = {"AWS": "errorStateName", "AZURE": "errorState", "GCP": "errorMessage"}


def status_of(peer, provider):
    """The peering's status as Atlas reports it for provider (None for no peering or no status)."""
    return (peer or {}).get(STATUS_FIELD[provider])
