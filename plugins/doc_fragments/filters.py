# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Filters that several info modules share (module_utils/options.py).

    MEMBERSHIP_STATUS = r"""
options:
  status:
    description:
      - Return only users whose C(orgMembershipStatus) is one of these. Atlas filters them.
      - V(ACTIVE) users are members; V(PENDING) users were invited and have not answered yet; the
        invitations of V(INVITATION_EXPIRED) and V(INVITATION_REJECTED) users ended without the person joining.
      - Every status by default, ended invitations included (Atlas itself leaves those out unless asked).
    type: list
    elements: str
    choices: [ACTIVE, PENDING, INVITATION_EXPIRED, INVITATION_REJECTED]
    default: [ACTIVE, PENDING, INVITATION_EXPIRED, INVITATION_REJECTED]
"""
