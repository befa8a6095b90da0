# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""AtlasModule: AnsibleModule with the shared connection options, credentials and error reporting.

FOR INTERNAL COLLECTION USE ONLY: may change in any release.

The options are documented once in plugins/doc_fragments/atlas.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import os

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from .api_versions import UnknownOperation
from .client import DEFAULT_BASE_URL, HAS_REQUESTS, REQUESTS_IMPORT_ERROR, AtlasClient, base_url_problem
from .errors import AtlasApiError
from .options import SHARED_OPTION_CHECKS
from .token_cache import DEFAULT_CACHE_DIR
from .validation import AtlasInputError, service_account_client_id
from .wait import wait_settings

# Option -> environment variables read when no credential option is set, first found wins.
# The names are the Atlas CLI's and the Terraform provider's.
CREDENTIAL_ENV = {
    "public_key": ("MONGODB_ATLAS_PUBLIC_KEY", "MONGODB_ATLAS_PUBLIC_API_KEY"),
    "private_key": ("MONGODB_ATLAS_PRIVATE_KEY", "MONGODB_ATLAS_PRIVATE_API_KEY"),
    "client_id": ("MONGODB_ATLAS_CLIENT_ID",),
    "client_secret": ("MONGODB_ATLAS_CLIENT_SECRET",),
}
BASE_URL_ENV = "MONGODB_ATLAS_BASE_URL"
API_KEY_PAIR = ("public_key", "private_key")
SERVICE_ACCOUNT_PAIR = ("client_id", "client_secret")

NO_CREDENTIALS_MSG = (
    "No Atlas credentials were given. Set public_key and private_key (an API key) or client_id and "
    "client_secret (a service account), in the task or through module_defaults for group/atlas_ops.admin.atlas, "
    "or set the environment variables MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY, or "
    "MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET."
)


def atlas_argument_spec():
    """The connection and authentication options every module takes."""
    return dict(
        api_base_url=dict(type="str"),
        public_key=dict(type="str", no_log=False),
        private_key=dict(type="str", no_log=True),
        client_id=dict(type="str", no_log=False),
        client_secret=dict(type="str", no_log=True),
        token_cache=dict(type="bool", default=True),
        token_cache_dir=dict(type="path"),
        timeout=dict(type="int", default=30),
        retries=dict(type="int", default=5),
        validate_certs=dict(type="bool", default=True),
    )


ATLAS_MUTUALLY_EXCLUSIVE = [(api_key_option, sa_option) for api_key_option in API_KEY_PAIR for sa_option in SERVICE_ACCOUNT_PAIR]
ATLAS_REQUIRED_TOGETHER = [API_KEY_PAIR, SERVICE_ACCOUNT_PAIR]


def _describe(option, source):
    return option if source == "options" else "/".join(CREDENTIAL_ENV[option])


def resolve_credentials(params, environ):
    """Pick the credentials from the task's options or, when it sets none, from the environment.

    As in the Terraform provider, the two sources are never merged. Returns
    (credentials dict, source); raises AtlasInputError with a message naming what is missing.
    """
    given = dict((option, params.get(option)) for option in CREDENTIAL_ENV if params.get(option))
    source = "options"
    if not given:
        source = "environment"
        for option, names in CREDENTIAL_ENV.items():
            value = next((environ[name] for name in names if environ.get(name)), None)
            if value:
                given[option] = value
    has_api_key = any(option in given for option in API_KEY_PAIR)
    has_service_account = any(option in given for option in SERVICE_ACCOUNT_PAIR)
    if not given:
        raise AtlasInputError(NO_CREDENTIALS_MSG)
    if has_api_key and has_service_account:
        raise AtlasInputError(
            "Both an API key (%s, %s) and a service account (%s, %s) are set in the %s: use one of them."
            % (tuple(_describe(option, source) for option in API_KEY_PAIR + SERVICE_ACCOUNT_PAIR) + (source,))
        )
    for pair in (API_KEY_PAIR, SERVICE_ACCOUNT_PAIR):
        missing = [option for option in pair if option not in given]
        if len(missing) == 1:
            present = [option for option in pair if option in given][0]
            raise AtlasInputError(
                "%s is set but %s is missing: both are needed." % (_describe(present, source), _describe(missing[0], source))
            )
    return given, source


def failure_fields(client, result):
    """Add to a failure's RESULT what the task changed before it failed; returns RESULT.

    When CLIENT (None before the first request) has writes that Atlas confirmed, the task did change
    something: `changed` becomes true unless the caller set it, and `applied_changes` lists those
    writes ("POST /api/atlas/v2/groups/.../users/...:addRole"), oldest first. The one rule for every
    module; AtlasModule.fail_json and any other runner of the modules apply it.
    """
    applied = list(getattr(client, "applied_writes", None) or [])
    if applied:
        result.setdefault("changed", True)
        result.setdefault("applied_changes", applied)
    return result


class AtlasModule(AnsibleModule):
    """AnsibleModule plus the shared options, a lazily built AtlasClient and one way to fail."""

    def __init__(self, argument_spec, **kwargs):
        spec = atlas_argument_spec()
        spec.update(argument_spec)
        kwargs["mutually_exclusive"] = list(kwargs.get("mutually_exclusive") or []) + ATLAS_MUTUALLY_EXCLUSIVE
        kwargs["required_together"] = list(kwargs.get("required_together") or []) + ATLAS_REQUIRED_TOGETHER
        super(AtlasModule, self).__init__(argument_spec=spec, **kwargs)
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        self._client = None
        self._client_settings = self._connection_settings()
        self._check_shared_options()

    def _connection_settings(self):
        """Check the shared options (before any request) and return the client's arguments."""
        params = self.params
        try:
            credentials, source = resolve_credentials(params, os.environ)
        except AtlasInputError as exc:
            self.fail_json(msg=str(exc))
        if source == "environment":
            # Secrets read from the environment are not module arguments: mask them explicitly.
            for option in ("private_key", "client_secret"):
                if credentials.get(option):
                    self.no_log_values.add(credentials[option])
        # Name where the URL came from, so that the user knows what to fix.
        base_url_source = "api_base_url" if params.get("api_base_url") else BASE_URL_ENV
        base_url = params.get("api_base_url") or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
        problem = base_url_problem(base_url, base_url_source)
        if problem:
            self.fail_json(msg=problem)
        if params["timeout"] <= 0:
            self.fail_json(msg="timeout must be a number of seconds greater than 0, got %r" % params["timeout"])
        if not 0 <= params["retries"] <= 20:
            self.fail_json(msg="retries must be a whole number from 0 to 20, got %r" % params["retries"])
        if credentials.get("client_id"):
            option = "client_id" if source == "options" else "MONGODB_ATLAS_CLIENT_ID"
            try:
                service_account_client_id(credentials["client_id"], option)
            except AtlasInputError as exc:
                self.fail_json(msg=str(exc))
        settings = dict(
            base_url=base_url,
            timeout=params["timeout"],
            retries=params["retries"],
            validate_certs=params["validate_certs"],
            token_cache_dir=(params.get("token_cache_dir") or DEFAULT_CACHE_DIR) if params["token_cache"] else None,
        )
        settings.update(credentials)
        return settings

    def fail_json(self, msg, **kwargs):
        """AnsibleModule.fail_json, with what the task changed before it failed (failure_fields)."""
        super(AtlasModule, self).fail_json(msg=msg, **failure_fields(getattr(self, "_client", None), kwargs))

    @property
    def client(self):
        if self._client is None:
            self._client = AtlasClient(warn=self.warn, **self._client_settings)
        return self._client

    def validate_options(self, validators):
        """Check the module's own options: {option: validator}; unset options are skipped.

        Returns {option: normalised value} (a datetime, a canonical address, ...) and leaves
        module.params as the user wrote them, so results stay serialisable. Fails the module with
        the validator's message, which names the option, before any request.
        """
        normalised = {}
        for option, validator in validators.items():
            value = self.params.get(option)
            if value is None:
                continue
            try:
                if isinstance(value, list):
                    normalised[option] = [validator(item, option) for item in value]
                else:
                    normalised[option] = validator(value, option)
            except AtlasInputError as exc:
                self.fail_json(msg=str(exc))
        return normalised

    def fail_from_api_error(self, error, action=None):
        """Fail with an AtlasApiError's message and fields; action says what the module was doing."""
        msg = str(error) if not action else "Failed to %s: %s" % (action, error)
        self.fail_json(msg=msg, **error.to_result())

    def _check_shared_options(self):
        """Check the options of the kit's option groups that this module has (ids, cluster name, wait), before any request."""
        checks = dict((option, check) for option, check in SHARED_OPTION_CHECKS.items() if option in self.argument_spec)
        self.validate_options(checks)
        if "wait_timeout" in self.argument_spec:
            try:
                wait_settings(self.params)
            except AtlasInputError as exc:
                self.fail_json(msg=str(exc))

    @contextlib.contextmanager
    def api_errors(self, action):
        """Fail the task, saying what it was doing, when the block raises an Atlas or input error.

        The one place where errors become fail_json: helpers raise, main() wraps its work in
        `with module.api_errors("grant MongoDB employee access to cluster %s" % name):`.
        """
        try:
            yield
        except AtlasApiError as exc:
            self.fail_from_api_error(exc, action=action)
        except (AtlasInputError, UnknownOperation) as exc:
            self.fail_json(msg=str(exc))


__all__ = ["AtlasModule", "AtlasApiError", "AtlasInputError", "atlas_argument_spec", "failure_fields"]
