# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Validators for the values modules take, run before any request is sent.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

Each validator is validator(value, option) -> normalised value and raises AtlasInputError
with a message that names the option, the expected form and the value it got. Patterns are
the spec's where it has one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import re

OBJECT_ID_RE = re.compile(r"^[a-f0-9]{24}$")
CLUSTER_NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9-]*$")
CLUSTER_NAME_MAX_LENGTH = 64
SERVICE_ACCOUNT_CLIENT_ID_RE = re.compile(r"^mdb_sa_id_[a-fA-F0-9]{24}$")
IAM_ROLE_ARN_RE = re.compile(r"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SHORT_DURATION_RE = re.compile(r"^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
ISO_DURATION_RE = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
# The spec's pattern of a project name, with \p{L}\p{N} (Unicode letters and digits) spelled for Python's re,
# and spaces, which real Atlas takes although the pattern has none (an organization's first project is "Project 0").
PROJECT_NAME_RE = re.compile(r"^(?:[^\W_]|[ \-_.(),:&@+'])+$", re.UNICODE)
PROJECT_NAME_MAX_LENGTH = 64


class AtlasInputError(ValueError):
    """A module option that does not have the expected form."""


def _error(option, expected, value):
    return AtlasInputError("%s must be %s, got %r" % (option, expected, value))


def object_id(value, option):
    value = str(value)
    if not OBJECT_ID_RE.match(value):
        raise _error(option, "a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b", value)
    return value


def cluster_name(value, option):
    value = str(value)
    if not CLUSTER_NAME_RE.match(value) or len(value) > CLUSTER_NAME_MAX_LENGTH:
        raise _error(option, "a cluster name of at most 64 ASCII letters, digits and hyphens, starting with a letter or digit", value)
    return value


def service_account_client_id(value, option):
    value = str(value)
    if not SERVICE_ACCOUNT_CLIENT_ID_RE.match(value):
        raise _error(option, "a service account client id such as mdb_sa_id_5f1e2d3c4b5a697887960a1b", value)
    return value


def ip_address(value, option):
    """An IPv4 or IPv6 address, returned in its canonical (compressed) form."""
    try:
        return str(ipaddress.ip_address(str(value).strip()))
    except ValueError:
        raise _error(option, "an IPv4 or IPv6 address such as 203.0.113.10 or 2001:db8::1", value)


def cidr_block(value, option):
    """An IPv4 or IPv6 network in CIDR notation, returned canonical; host bits must be zero."""
    text = str(value).strip()
    if "/" not in text:
        raise _error(option, "a network in CIDR notation such as 10.0.0.0/16", value)
    try:
        return str(ipaddress.ip_network(text, strict=True))
    except ValueError:
        try:
            network = ipaddress.ip_network(text, strict=False)
        except ValueError:
            raise _error(option, "a network in CIDR notation such as 10.0.0.0/16", value)
        raise _error(option, "a network address with no host bits set (did you mean %s?)" % network, value)


def iam_role_arn(value, option):
    value = str(value)
    if not IAM_ROLE_ARN_RE.match(value):
        raise _error(option, "an AWS IAM role ARN such as arn:aws:iam::123456789012:role/atlas-access", value)
    return value


def uuid(value, option):
    """A UUID (Azure tenant, subscription, application and service principal ids), returned in lowercase."""
    value = str(value).strip()
    if not UUID_RE.match(value):
        raise _error(option, "a UUID such as 35f0d2b1-6bb8-4cbd-a1bc-4c3d2a1f4f11", value)
    return value.lower()


def email(value, option):
    value = str(value).strip()
    if not EMAIL_RE.match(value):
        raise _error(option, "an email address such as jane.doe@example.com", value)
    return value


def timestamp(value, option):
    """An ISO 8601 date and time with a time zone, returned as an aware datetime in UTC."""
    if isinstance(value, datetime.datetime):
        parsed = value
    else:
        text = str(value).strip()
        # datetime.fromisoformat() only reads a trailing "Z" from Python 3.11 on.
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise _error(option, "an ISO 8601 date and time with a time zone such as 2026-12-01T18:00:00Z", value)
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise _error(option, "an ISO 8601 date and time with a time zone (Z or +01:00, for example)", value)
    return parsed.astimezone(datetime.timezone.utc)


def duration(value, option):
    """A positive duration: 90m, 8h, 3d, 1d12h, 2w, 30s, or ISO 8601 such as PT8H or P1DT12H."""
    text = str(value).strip()
    match = SHORT_DURATION_RE.match(text.lower()) if text and not text.upper().startswith("P") else None
    if match is not None:
        weeks, days, hours, minutes, seconds = match.groups()
    else:
        match = ISO_DURATION_RE.match(text.upper())
        if match is None or text.upper() in ("P", "PT") or text.upper().endswith("T"):
            raise _error(option, "a duration such as 90m, 8h, 3d, 1d12h or ISO 8601 PT8H", value)
        weeks, days, hours, minutes, seconds = match.groups()
    try:
        delta = datetime.timedelta(
            weeks=int(weeks or 0), days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0), seconds=int(seconds or 0)
        )
    except OverflowError:
        raise _error(option, "a duration of at most 999999999 days", value)
    if delta <= datetime.timedelta(0):
        raise _error(option, "a duration longer than zero, such as 90m, 8h or 3d", value)
    return delta


def format_timestamp(moment):
    """An aware datetime as Atlas writes times: ISO 8601 in UTC with a Z, to the second."""
    return moment.astimezone(datetime.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def project_name(value, option="name"):
    text = str(value)
    if not 1 <= len(text) <= PROJECT_NAME_MAX_LENGTH or not PROJECT_NAME_RE.match(text):
        raise AtlasInputError("%s must be a project name of 1 to 64 letters, digits, spaces and - _ . ( ) , : & @ + ', got %r" % (option, value))
    return text


def role_name(prefix, example):
    """A validator of role names of the form PREFIX_[A-Z_]+ (Atlas adds roles from time to time: no closed list)."""
    pattern = re.compile(r"^%s_[A-Z_]+$" % prefix)

    def validator(value, option):
        value = str(value)
        if not pattern.match(value):
            raise _error(option, "a role name of the form %s_[A-Z_]+ such as %s" % (prefix, example), value)
        return value

    return validator
