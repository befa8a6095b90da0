# -*- coding: utf-8 -*-
# Copyright: (c) 2026, atlas_ops.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Connection and authentication options shared by every module (module_utils/module.py).
    DOCUMENTATION = r"""
options:
  api_base_url:
    description:
      - Base URL of the Atlas Administration API, made of the scheme, host and optional port only. A path (such as
        C(/api/atlas/v2), which the modules add themselves) or a query is refused before any request.
      - When not set, the environment variable E(MONGODB_ATLAS_BASE_URL) is used, and when that is not set
        either, V(https://cloud.mongodb.com).
      - Point it at the Atlas API simulator (for example V(http://127.0.0.1:8080)) to test playbooks offline.
    type: str
  public_key:
    description:
      - Public key of an Atlas API key (HTTP digest authentication). Requires O(private_key).
      - Mutually exclusive with O(client_id) and O(client_secret).
      - When none of O(public_key), O(private_key), O(client_id) and O(client_secret) is set, the credentials
        are read from the environment instead, never mixed with options. E(MONGODB_ATLAS_PUBLIC_KEY)
        (or E(MONGODB_ATLAS_PUBLIC_API_KEY)) gives the public key.
    type: str
  private_key:
    description:
      - Private key of the Atlas API key given by O(public_key).
      - From the environment, E(MONGODB_ATLAS_PRIVATE_KEY) (or E(MONGODB_ATLAS_PRIVATE_API_KEY)).
    type: str
  client_id:
    description:
      - Client id of an Atlas service account (OAuth 2.0 client credentials), such as
        V(mdb_sa_id_5f1e2d3c4b5a697887960a1b). Requires O(client_secret).
      - Mutually exclusive with O(public_key) and O(private_key).
      - From the environment, E(MONGODB_ATLAS_CLIENT_ID).
    type: str
  client_secret:
    description:
      - Secret of the service account given by O(client_id).
      - From the environment, E(MONGODB_ATLAS_CLIENT_SECRET).
    type: str
  token_cache:
    description:
      - Keep service account access tokens in a private file so that later tasks reuse them instead of
        asking Atlas for a new token each time (Atlas rate-limits its token endpoint).
      - The file is readable by its owner only (mode 0600, in a 0700 directory) and is named by a hash of
        the base URL, client id and secret. Tokens are refreshed well before they expire and fetched
        again once when Atlas refuses one.
      - Set to V(false) to fetch a token in every task and keep it in memory only.
      - Has no effect with API keys.
    type: bool
    default: true
  token_cache_dir:
    description:
      - Directory of the token cache. Created with mode 0700 when missing.
      - When not set, C(~/.cache/atlas_ops.admin/tokens) of the user running the module.
    type: path
  timeout:
    description:
      - Seconds to wait for Atlas to connect and to answer each request (each attempt, see O(retries)).
      - A create or update whose answer does not arrive in time fails with a message that its outcome is
        unknown, because Atlas may have applied it. Re-running the task is safe, since modules read before they write.
    type: int
    default: 30
  retries:
    description:
      - How many times a request is retried, with exponential backoff and jitter, from V(0) to V(20).
      - Reads and deletes are retried on HTTP 429, 500, 502, 503 and 504 and on connection errors.
        Creates and updates are retried only when Atlas cannot have applied them (HTTP 429, or a connection
        that was never established). A C(Retry-After) header on 429 and 503 is honoured.
      - A read whose answer breaks off halfway through is retried too. The service account token request
        creates nothing and is retried like a read.
      - The waits between attempts are 0, 1, 2, 4, 8, 16 seconds and so on (at most 30), each but the first
        plus up to 0.5 seconds of jitter. With the default of V(5), a host that refuses connections fails the task after about
        15 to 17 seconds; a host that does not answer takes up to O(timeout) seconds more for each attempt.
      - Error messages say what happened (refused, timed out, name not resolved, TLS failure, connection
        closed early, or the HTTP status Atlas kept answering) and how many attempts were made.
      - A request that got its answer only after retries adds a warning, once per kind of request, with
        what Atlas answered before, for example C(Atlas answered 429, 503 to GET /api/atlas/v2/groups/.../clusters;
        succeeded after 3 attempts.), so that Atlas pushing back shows before it makes a task fail.
      - A delete whose earlier attempt may have reached Atlas (anything but a refused connection or an HTTP 429)
        and whose retry finds the resource gone was done by the task, which reports it as a change (the
        earlier attempt deleted it and its answer was lost, as with a proxy's 504 or a dropped connection).
    type: int
    default: 5
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_base_url). Only set to V(false) on a trusted network.
    type: bool
    default: true
notes:
  - The modules run on the Ansible controller or the host they are delegated to, which must reach
    O(api_base_url) and have the Python library C(requests).
  - Secrets (O(private_key), O(client_secret), access tokens) are never returned or logged.
  - "A failed task returns, besides C(msg): C(status), the HTTP status of Atlas' answer (null when no answer
    came: a timeout, a refused connection); C(error_code), Atlas' C(errorCode) such as V(GROUP_NOT_FOUND) or
    V(RATE_LIMITED) (null when Atlas sent none); C(method) and C(path), the request that failed. Every module
    returns them the same way, for C(rescue) blocks and C(failed_when) conditions, for example
    C(failed_when: result.failed and result.error_code != 'DUPLICATE_CLUSTER_NAME')."
  - "A task that fails after Atlas applied one of its changes (for example the first of two roles added, then the
    second refused) reports C(changed: true) and returns C(applied_changes): the requests Atlas confirmed before the
    failure, oldest first, as C(METHOD /api/atlas/v2/...) (for example
    C(POST /api/atlas/v2/groups/.../users/...:addRole)), never with their bodies. Its message names the value Atlas refused."
requirements:
  - requests >= 2.28
"""

    ACTION_GROUP = r"""
attributes:
  action_group:
    description: Use C(group/atlas_ops.admin.atlas) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - atlas_ops.admin.atlas
"""
