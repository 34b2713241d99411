"""Connection settings for Neo4j over Bolt: options first, then the usual ``NEO4J_*`` environment."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import StoreError

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_TIMEOUT = 5.0
DEFAULT_BATCH_SIZE = 500
# Bytes of parameters per batch. FalkorDB's Bolt endpoint crashes above ~4.3 KB; Neo4j takes far more
# (raise it, or give 0 for no limit, when loading big graphs into Neo4j itself).
DEFAULT_BATCH_BYTES = 3000
DEFAULT_BATCHES_PER_TRANSACTION = 20


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to connect, and how to batch writes; see :func:`settings_from`."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = field(default="", repr=False)
    database: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    batch_size: int = DEFAULT_BATCH_SIZE
    batch_bytes: int | None = DEFAULT_BATCH_BYTES
    batches_per_transaction: int = DEFAULT_BATCHES_PER_TRANSACTION


def settings_from(uri: str | None = None, user: str | None = None, password: str | None = None,
                  database: str | None = None, *, timeout: float | None = None, batch_size: int | None = None,
                  batch_bytes: int | None = None, env: Mapping[str, str] | None = None) -> Neo4jSettings:
    """Settings from explicit values, else ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.

    ``batch_bytes=0`` means no byte limit.

    >>> settings_from("bolt://db:7687", env={"NEO4J_USERNAME": "ana"}).user
    'ana'
    """
    env = os.environ if env is None else env
    if batch_size is not None and batch_size < 1:
        raise StoreError(f"batch size must be at least 1, not {batch_size}")
    if timeout is not None and timeout <= 0:
        raise StoreError(f"timeout must be positive, not {timeout}")
    return Neo4jSettings(
        uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
        user=user or env.get("NEO4J_USERNAME") or DEFAULT_USER,
        password=password if password is not None else env.get("NEO4J_PASSWORD", ""),
        database=database or env.get("NEO4J_DATABASE") or None,
        timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
        batch_size=batch_size or DEFAULT_BATCH_SIZE,
        batch_bytes=(batch_bytes or None) if batch_bytes is not None else DEFAULT_BATCH_BYTES,
    )
