# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for every unit test."""

from __future__ import annotations

import pytest

from ansible_collections.atlas_ops.admin.plugins.module_utils.module import BASE_URL_ENV, CREDENTIAL_ENV


@pytest.fixture(autouse=True)
def no_atlas_environment(monkeypatch):
    """Credentials and base URL of the developer's shell must not leak into module runs."""
    for name in (BASE_URL_ENV,) + sum(CREDENTIAL_ENV.values(), ()):
        monkeypatch.delenv(name, raising=False)
