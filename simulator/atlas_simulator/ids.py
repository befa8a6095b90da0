"""Identifiers in Atlas' formats."""

import secrets
import uuid


def object_id(moment):
    """A 24-hex-digit id shaped like a MongoDB ObjectId: creation time, then random bytes."""
    return f"{int(moment.timestamp()):08x}{secrets.token_hex(8)}"


def random_hex(length):
    return secrets.token_hex((length + 1) // 2)[:length]


def random_lower_alnum(length):
    return "".join(secrets.choice("0123456789abcdefghijklmnopqrstuvwxyz") for dummy in range(length))


def random_uuid():
    return str(uuid.uuid4())
