"""How each node label, allegation status and relation type looks, shared by the HTML page and GEXF."""
from __future__ import annotations

# Node type -> (fill colour, vis-network shape, legend symbol). Shapes that draw the label below the node
# keep every type the same size, so a big graph stays readable.
NODE_STYLE: dict[str, tuple[str, str, str]] = {
    "Person": ("#4e79a7", "dot", "\u25cf"),
    "Agency": ("#e15759", "diamond", "\u25c6"),
    "Organization": ("#f28e2b", "square", "\u25a0"),
    "Place": ("#59a14f", "triangle", "\u25b2"),
    "Allegation": ("#b07aa1", "star", "\u2605"),
    "Document": ("#9d9d9d", "hexagon", "\u2b22"),
}
# Allegation status -> border colour; the status is also written under the allegation's name.
STATUS_COLOUR: dict[str, str] = {
    "alleged": "#edc948",
    "corroborated": "#2ca02c",
    "disputed": "#d62728",
    "contested": "#17becf",
}
# Relation type -> (colour, arrow head, dashed). A bar head reads as "against" for DISPUTES. A type missing
# here (a newer build's) is drawn with FALLBACK_EDGE and listed in the legend all the same.
EDGE_STYLE: dict[str, tuple[str, str, bool]] = {
    "ALLEGES": ("#f28e2b", "arrow", False),
    "CORROBORATES": ("#2ca02c", "arrow", False),
    "DISPUTES": ("#d62728", "bar", False),
    "ABOUT": ("#b07aa1", "vee", False),
    "INVOLVES": ("#9c755f", "vee", True),  # a party to the claim other than its subject (agency, victim)
    "MEMBER_OF": ("#4e79a7", "circle", False),
    "PUBLISHED": ("#76b7b2", "arrow", True),  # an outlet and the document it published
    "MENTIONED_IN": ("#bab0ac", "arrow", True),
}
FALLBACK_NODE = ("#cccccc", "dot", "\u25cf")
FALLBACK_EDGE = ("#888888", "arrow", False)
