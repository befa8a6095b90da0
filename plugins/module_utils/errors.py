# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one exception type for failed Atlas API calls.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class AtlasApiError(Exception):
    """An Atlas API call that did not succeed.

    status is the HTTP status (None when no answer arrived: connection refused, timeout, reset);
    error_code, detail and reason come from Atlas' error body when it sent one.
    The message never holds credentials: only the method, the path and what Atlas answered.
    """

    def __init__(self, method, path, status=None, error_code=None, detail=None, reason=None, message=None):
        self.method = method
        self.path = path
        self.status = status
        self.error_code = error_code
        self.detail = detail
        self.reason = reason
        super(AtlasApiError, self).__init__(message or self._default_message())

    def _default_message(self):
        if self.status is None:
            return "Atlas API request %s %s failed: %s" % (self.method, self.path, self.detail)
        answer = " ".join(str(part) for part in (self.status, self.error_code or self.reason) if part)
        message = "Atlas API request %s %s failed with %s" % (self.method, self.path, answer)
        if self.detail:
            message += ": %s" % self.detail
        return message

    @property
    def not_found(self):
        return self.status == 404

    def to_result(self):
        """The fields a module adds to fail_json next to msg."""
        return dict(status=self.status, error_code=self.error_code, method=self.method, path=self.path)
