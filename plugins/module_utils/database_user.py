# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""How database users authenticate: the auth_type option of atlas_database_user and
atlas_database_user_info, and the Atlas fields it stands for.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# auth_type -> (Atlas field that holds it, its value, the authentication database). The databases are the
# spec's: admin for SCRAM and OIDC workforce (IDP_GROUP); $external for AWS IAM, X.509, LDAP users and
# OIDC workload. An LDAP group authenticates against admin (the spec's LDAP example; MongoDB's docs).
AUTH_TYPES = {
    "SCRAM": (None, None, "admin"),
    "X509_MANAGED": ("x509Type", "MANAGED", "$external"),
    "X509_CUSTOMER": ("x509Type", "CUSTOMER", "$external"),
    "AWS_IAM_USER": ("awsIAMType", "USER", "$external"),
    "AWS_IAM_ROLE": ("awsIAMType", "ROLE", "$external"),
    "LDAP_USER": ("ldapAuthType", "USER", "$external"),
    "LDAP_GROUP": ("ldapAuthType", "GROUP", "admin"),
    "OIDC_IDP_GROUP": ("oidcAuthType", "IDP_GROUP", "admin"),
    "OIDC_USER": ("oidcAuthType", "USER", "$external"),
}
AUTH_TYPE_FIELDS = ("x509Type", "awsIAMType", "ldapAuthType", "oidcAuthType")


def auth_fields(auth_type):
    """The Atlas fields that say how a user of auth_type authenticates: the four type fields and databaseName."""
    field, value, database = AUTH_TYPES[auth_type]
    fields = dict((name, "NONE") for name in AUTH_TYPE_FIELDS)
    if field:
        fields[field] = value
    fields["databaseName"] = database
    return fields


def auth_type_of(user):
    """The auth_type of a user as Atlas returns it (the inverse of auth_fields), or None for an unknown combination."""
    for auth_type in AUTH_TYPES:
        field, value, dummy = AUTH_TYPES[auth_type]
        if all(user.get(name, "NONE") == (value if name == field else "NONE") for name in AUTH_TYPE_FIELDS):
            return auth_type
    return None
