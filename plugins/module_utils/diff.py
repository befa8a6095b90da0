# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The diff part of a module result.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

    module.exit_json(changed=changed, grant=after, **diff_result(module, before, after))
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def diff_result(module, before, after):
    """{"diff": {"before": ..., "after": ...}} when the task runs with --diff (or diff: true), else {}.

    An absent resource (None) is shown as {}: Ansible would print None as the text "null".
    """
    if not module._diff:
        return {}
    return {"diff": {"before": {} if before is None else before, "after": {} if after is None else after}}
