# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validators: what each accepts, how it normalises, and the exact message for what it refuses."""

from __future__ import annotations

import datetime

import pytest

from ansible_collections.atlas_ops.admin.plugins.module_utils import validation
from ansible_collections.atlas_ops.admin.plugins.module_utils.validation import AtlasInputError

UTC = datetime.timezone.utc


@pytest.mark.parametrize(
    "validator, value, expected",
    [
        (validation.object_id, "6500000000000000000000b1", "6500000000000000000000b1"),
        (validation.cluster_name, "Cluster0", "Cluster0"),
        (validation.cluster_name, "a-" + "b" * 62, "a-" + "b" * 62),
        (validation.service_account_client_id, "mdb_sa_id_6500000000000000000000C1", "mdb_sa_id_6500000000000000000000C1"),
        (validation.ip_address, " 203.0.113.10 ", "203.0.113.10"),
        (validation.ip_address, "2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        (validation.cidr_block, "10.0.0.0/16", "10.0.0.0/16"),
        (validation.cidr_block, "2001:db8::/32", "2001:db8::/32"),
        (validation.iam_role_arn, "arn:aws:iam::123456789012:role/atlas-access", "arn:aws:iam::123456789012:role/atlas-access"),
        (validation.iam_role_arn, "arn:aws-us-gov:iam::123456789012:role/path/to/Role_1", "arn:aws-us-gov:iam::123456789012:role/path/to/Role_1"),
        (validation.email, "jane.doe@example.com", "jane.doe@example.com"),
        (validation.timestamp, "2026-12-01T18:00:00Z", datetime.datetime(2026, 12, 1, 18, tzinfo=UTC)),
        (validation.timestamp, "2026-12-01T19:30:00+01:30", datetime.datetime(2026, 12, 1, 18, tzinfo=UTC)),
        (validation.timestamp, "2026-12-01T18:00:00.250Z", datetime.datetime(2026, 12, 1, 18, 0, 0, 250000, tzinfo=UTC)),
        (validation.duration, "90m", datetime.timedelta(minutes=90)),
        (validation.duration, "8h", datetime.timedelta(hours=8)),
        (validation.duration, "3d", datetime.timedelta(days=3)),
        (validation.duration, "1d12h", datetime.timedelta(days=1, hours=12)),
        (validation.duration, "2w", datetime.timedelta(weeks=2)),
        (validation.duration, "PT8H", datetime.timedelta(hours=8)),
        (validation.duration, "P1DT12H30M", datetime.timedelta(days=1, hours=12, minutes=30)),
    ],
)
def test_accepted_values_are_normalised(validator, value, expected):
    assert validator(value, "opt") == expected


OBJECT_ID = "a 24-character lowercase hexadecimal Atlas id such as 5f1e2d3c4b5a697887960a1b"
CLUSTER_NAME = "a cluster name of at most 64 ASCII letters, digits and hyphens, starting with a letter or digit"
CLIENT_ID = "a service account client id such as mdb_sa_id_5f1e2d3c4b5a697887960a1b"
ADDRESS = "an IPv4 or IPv6 address such as 203.0.113.10 or 2001:db8::1"
CIDR = "a network in CIDR notation such as 10.0.0.0/16"
ARN = "an AWS IAM role ARN such as arn:aws:iam::123456789012:role/atlas-access"
TIME = "an ISO 8601 date and time with a time zone such as 2026-12-01T18:00:00Z"
DURATION = "a duration such as 90m, 8h, 3d, 1d12h or ISO 8601 PT8H"


@pytest.mark.parametrize(
    "validator, value, expected_form",
    [
        (validation.object_id, "6500000000000000000000B1", OBJECT_ID),
        (validation.object_id, "65000", OBJECT_ID),
        (validation.cluster_name, "-bad", CLUSTER_NAME),
        (validation.cluster_name, "a" * 65, CLUSTER_NAME),
        (validation.service_account_client_id, "mdb_sa_id_123", CLIENT_ID),
        (validation.ip_address, "10.0.0.0/24", ADDRESS),
        (validation.ip_address, "300.1.1.1", ADDRESS),
        (validation.cidr_block, "10.0.0.0", CIDR),
        (validation.cidr_block, "10.0.0.0/33", CIDR),
        (validation.cidr_block, "10.0.0.1/16", "a network address with no host bits set (did you mean 10.0.0.0/16?)"),
        (validation.iam_role_arn, "arn:aws:iam::123:role/x", ARN),
        (validation.iam_role_arn, "arn:aws:iam::123456789012:user/x", ARN),
        (validation.email, "jane.doe", "an email address such as jane.doe@example.com"),
        (validation.timestamp, "tomorrow", TIME),
        (validation.timestamp, "2026-12-01T18:00:00", "an ISO 8601 date and time with a time zone (Z or +01:00, for example)"),
        (validation.duration, "8x", DURATION),
        (validation.duration, "PT", DURATION),
        (validation.duration, "", DURATION),
        (validation.duration, "0h", "a duration longer than zero, such as 90m, 8h or 3d"),
        (validation.duration, "9999999999w", "a duration of at most 999999999 days"),
    ],
)
def test_refused_values_name_the_option_and_the_expected_form(validator, value, expected_form):
    with pytest.raises(AtlasInputError) as caught:
        validator(value, "project_id")
    assert str(caught.value) == "project_id must be %s, got %r" % (expected_form, value)


def test_format_timestamp_writes_utc_with_z_to_the_second():
    moment = datetime.datetime(2026, 12, 1, 19, 30, 5, 999999, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    assert validation.format_timestamp(moment) == "2026-12-01T18:30:05Z"
