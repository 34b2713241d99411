"""Values between Python and a Bolt server: plain results, and strings for servers that mangle them."""
from __future__ import annotations

from typing import Any

from neo4j import graph as neo4j_graph

# A string with a quote and backslashes: servers that paste parameters into query text mangle it.
PROBE = "it's a \\ and a \\' test"


def escape_strings(value: Any) -> Any:
    r"""Every string in ``value`` (lists and maps too) with backslashes and single quotes escaped.

    For servers that put string parameters between quotes in query text without escaping them
    (FalkorDB's Bolt endpoint): escaped this way, the text they build reads back as the original.

    >>> escape_strings({"a": ["it's", "a\\b"]})
    {'a': ["it\\'s", 'a\\\\b']}
    """
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, list):
        return [escape_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: escape_strings(v) for k, v in value.items()}
    return value


def plain(value: Any) -> Any:
    """Driver values as plain Python: nodes and relationships become dicts, temporal values ISO text."""
    if isinstance(value, neo4j_graph.Node):
        return {"labels": sorted(value.labels), "properties": plain(dict(value))}
    if isinstance(value, neo4j_graph.Relationship):
        return {"type": value.type, "properties": plain(dict(value))}
    if isinstance(value, neo4j_graph.Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
