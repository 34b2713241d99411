"""Connection settings for Neo4j over Bolt: options first, then the usual ``NEO4J_*`` environment."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import StoreError

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_TIMEOUT = 5.0
# Rows per batch, and batches per managed transaction. Measured on Neo4j 5.26 with the 2,000-document
# benchmark graph (bench/neo4j_load.py, 500 to 10,000 rows at 1 or 20 batches a transaction): what counts
# is thousands of rows per transaction (500-row transactions took twice the server's CPU time with
# MERGE, and the most with a first load's CREATE too); past that the shapes were level within the
# machine's noise, so batches stay at 500 rows and transactions at 10,000 rows, a size any server's
# transaction memory takes. FalkorDB's Bolt port is bounded by bytes long before.
DEFAULT_BATCH_SIZE = 500
# Bytes of parameters per batch for a server that pastes parameters into the query text: FalkorDB's
# Bolt endpoint does, and crashes when the text comes to more than about 4 KB. That text holds the
# query too (the edge query, with its seven evidence lists, is about 920 bytes) and the parameters as
# the server renders them (up to a tenth longer than their JSON), so 2,700 bytes of parameters leave
# about 200 to spare. A server that takes parameters natively (Neo4j) gets no byte bound by default:
# it takes large batches.
DEFAULT_BATCH_BYTES = 2700
DEFAULT_BATCHES_PER_TRANSACTION = 20
# The URI schemes of Neo4j's drivers: direct (bolt) or routed (neo4j), plain, TLS, or TLS trusting any certificate.
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to connect, and how to batch writes; see :func:`settings_from`."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = field(default="", repr=False)
    database: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    batch_size: int = DEFAULT_BATCH_SIZE
    batch_bytes: int | None = None  # None: decided by the server, see batch_bytes_for; 0: no limit
    batches_per_transaction: int = DEFAULT_BATCHES_PER_TRANSACTION


def batch_bytes_for(setting: int | None, *, pastes_parameters: bool) -> int | None:
    """The byte bound for a load's batches (None: rows only), from the setting and what the server does.

    An explicit setting applies as given (0: no limit); without one, only a server that pastes
    parameters into the query text gets :data:`DEFAULT_BATCH_BYTES`.

    >>> batch_bytes_for(None, pastes_parameters=True), batch_bytes_for(None, pastes_parameters=False)
    (2700, None)
    >>> batch_bytes_for(0, pastes_parameters=True), batch_bytes_for(800, pastes_parameters=False)
    (None, 800)
    """
    if setting is None:
        return DEFAULT_BATCH_BYTES if pastes_parameters else None
    return setting or None


def check_uri(uri: str) -> str:
    """``uri`` if it is a Bolt URI with a host (and a port in range); else a one-line :class:`StoreError`.

    >>> check_uri("neo4j+s://db.example.org")
    'neo4j+s://db.example.org'
    >>> check_uri("http://localhost:7474")
    Traceback (most recent call last):
    ...
    graphbuild.errors.StoreError: 'http://localhost:7474' is not a Bolt URI: give bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s:// or neo4j+ssc://, e.g. bolt://localhost:7687
    """
    parts = urlsplit(uri)
    if "://" not in uri or parts.scheme.lower() not in BOLT_SCHEMES:
        accepted = ", ".join(f"{s}://" for s in BOLT_SCHEMES[:-1]) + f" or {BOLT_SCHEMES[-1]}://"
        raise StoreError(f"{uri!r} is not a Bolt URI: give {accepted}, e.g. {DEFAULT_URI}")
    try:
        parts.port
    except ValueError:
        raise StoreError(f"{uri!r}: the port is not a number from 0 to 65535") from None
    if not parts.hostname:
        raise StoreError(f"{uri!r}: no host name, e.g. {DEFAULT_URI}")
    return uri


def settings_from(uri: str | None = None, user: str | None = None, password: str | None = None,
                  database: str | None = None, *, timeout: float | None = None, batch_size: int | None = None,
                  batch_bytes: int | None = None, env: Mapping[str, str] | None = None) -> Neo4jSettings:
    """Settings from explicit values, else ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.

    ``batch_bytes`` left out (None) leaves the byte bound to the server (see :func:`batch_bytes_for`);
    ``0`` means no byte limit.

    >>> settings_from("bolt://db:7687", env={"NEO4J_USERNAME": "ana"}).user
    'ana'
    >>> settings_from(env={}).batch_bytes is None, settings_from(batch_bytes=0, env={}).batch_bytes
    (True, 0)
    """
    env = os.environ if env is None else env
    if batch_size is not None and batch_size < 1:
        raise StoreError(f"batch size must be at least 1, not {batch_size}")
    if batch_bytes is not None and batch_bytes < 0:
        raise StoreError(f"batch bytes must be 0 (no limit) or more, not {batch_bytes}")
    if timeout is not None and timeout <= 0:
        raise StoreError(f"timeout must be positive, not {timeout}")
    return Neo4jSettings(
        uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
        user=user or env.get("NEO4J_USERNAME") or DEFAULT_USER,
        password=password if password is not None else env.get("NEO4J_PASSWORD", ""),
        database=database or env.get("NEO4J_DATABASE") or None,
        timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
        batch_size=batch_size or DEFAULT_BATCH_SIZE,
        batch_bytes=batch_bytes,
    )
