# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Runs the atlas_project_ip_access_list_info module inside the controller when the task runs there (see plugins/plugin_utils/in_process.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.atlas_ops.admin.plugins.plugin_utils.in_process import AtlasModuleAction


class ActionModule(AtlasModuleAction):
    pass
