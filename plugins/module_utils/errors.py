# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one exception type for failed Atlas API calls.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# 404 error codes that say a parent of the resource asked for is missing (a wrong or invisible id
# in the task, never "the resource is absent"): the parent's name and its path parameter.
MISSING_PARENTS = {
    "GROUP_NOT_FOUND": ("project", "groupId"),
    "ORG_NOT_FOUND": ("organization", "orgId"),
}


def _values_named(name, value):
    """Every string under the key NAME anywhere in VALUE (a request body or query), in order."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == name and isinstance(item, str):
                found.append(item)
            else:
                found.extend(_values_named(name, item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_values_named(name, item))
    return found


def missing_parent_detail(error_code, path_params, parameters=(), request_fields=()):
    """What a 404 with ERROR_CODE says is missing, in the user's words; None for other codes.

    The id is the path's when the path has one. Otherwise (a project named in a request body, such
    as an invitation's groupRoleAssignments) the one of the request's ids that Atlas' error
    parameters name, or every id of that kind the request sent (REQUEST_FIELDS: its query and body).
    """
    if error_code not in MISSING_PARENTS:
        return None
    noun, parameter = MISSING_PARENTS[error_code]
    if parameter in path_params:
        return "%s %s does not exist, or these credentials cannot see it" % (noun, path_params[parameter])
    sent = []
    for fields in request_fields or ():
        for value in _values_named(parameter, fields):
            if value not in sent:
                sent.append(value)
    named = [value for value in sent if value in (parameters or ())]
    ids = named or sent
    if len(ids) == 1:
        return "%s %s does not exist, or these credentials cannot see it" % (noun, ids[0])
    if ids:
        return "one of the %ss %s does not exist, or these credentials cannot see it" % (noun, ", ".join(ids))
    return "a %s this request names does not exist, or these credentials cannot see it" % noun


class AtlasApiError(Exception):
    """An Atlas API call that did not succeed.

    status is the HTTP status (None when no answer arrived: connection refused, timeout, reset);
    error_code, detail and reason come from Atlas' error body when it sent one.
    absent is True only when the client found, in api_versions.ABSENT_ERROR_CODES, that the answer
    means "the resource this path names does not exist"; modules test it, never the status.
    The message never holds credentials: only the method, the path and what Atlas answered.
    """

    def __init__(self, method, path, status=None, error_code=None, detail=None, reason=None, message=None, absent=False, attempts=1):
        self.method = method
        self.path = path
        self.status = status
        self.error_code = error_code
        self.detail = detail
        self.reason = reason
        self.absent = absent
        # How many times the request was sent; the message says so when it was retried.
        self.attempts = attempts
        # Set by the client: an earlier attempt of this request may have reached Atlas and been
        # applied, its answer lost (anything but a refused connection or a 429).
        self.answer_lost_before = False
        super(AtlasApiError, self).__init__(message or self._default_message())

    def _default_message(self):
        if self.status is None:
            return "Atlas API request %s %s failed: %s" % (self.method, self.path, self.detail)
        answer = " ".join(str(part) for part in (self.status, self.error_code or self.reason) if part)
        message = "Atlas API request %s %s failed with %s" % (self.method, self.path, answer)
        if self.detail:
            message += ": %s" % self.detail
        if self.attempts > 1:
            message += " (%d attempts)" % self.attempts
        return message

    @property
    def not_found(self):
        """Deprecated name of absent, kept while modules still read it: a wrong project is not "not found"."""
        return self.absent

    def to_result(self):
        """The fields a module adds to fail_json next to msg."""
        return dict(status=self.status, error_code=self.error_code, method=self.method, path=self.path)
