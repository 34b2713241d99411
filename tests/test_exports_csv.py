"""neo4j-admin CSV folders, checked by a strict reader of the import header format and rebuilt into a graph."""
from __future__ import annotations

import csv
import re
import shlex
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.errors import GraphbuildError
from graphbuild.exporters import export
from graphbuild.exporters.csv_admin import write_csv_folder
from graphbuild.graph import add_edge, add_node, evidence_item, new_graph
from graphbuild.schema import NODE_LABELS, RELATION_TYPES
from graphbuild.stores.rows import EVIDENCE_LISTS, edge_rows, node_rows
from sample_graphs import small_graph, synthetic_graph

# neo4j-admin's header grammar: name:type, name:type[], :ID, id:ID(group), :START_ID(group), :LABEL, :TYPE ...
FIELD = re.compile(r"^(?P<name>[^:()]*)(?::(?P<kind>ID|START_ID|END_ID|LABEL|TYPE|IGNORE|int|long|float|double|"
                   r"boolean|byte|short|char|string|point|date|localtime|time|localdatetime|datetime|duration)"
                   r"(?P<array>\[\])?)?(?:\((?P<group>[^()]+)\))?$")
SPECIAL = {"ID", "START_ID", "END_ID", "LABEL", "TYPE", "IGNORE"}


def parse_header(header: list[str], kind: str) -> list[tuple[str, str, bool]]:
    """(property name, type, is array) per column; fails on anything neo4j-admin would reject."""
    fields = []
    for raw in header:
        m = FIELD.match(raw)
        assert m, f"bad header field {raw!r}"
        name, typ, array = m["name"], m["kind"] or "string", bool(m["array"])
        assert not (typ in SPECIAL and array), raw
        assert typ in SPECIAL or name, f"property column without a name: {raw!r}"
        assert not m["group"] or typ in ("ID", "START_ID", "END_ID"), raw
        fields.append((name, typ, array))
    types = [t for _, t, _ in fields]
    if kind == "nodes":
        assert types.count("ID") == 1 and not {"START_ID", "END_ID", "TYPE"} & set(types)
    else:
        assert types.count("START_ID") == types.count("END_ID") == types.count("TYPE") == 1 and "ID" not in types
    names = [n for n, t, _ in fields if n and t != "IGNORE"]
    assert len(names) == len(set(names)), f"duplicate property columns in {header}"
    return fields


def convert(value: str, typ: str, array: bool, delimiter: str):
    """A field as neo4j-admin would store it; an empty field sets no property."""
    if value == "":
        return None
    if array:  # an empty element of a longer list is an empty string (a missing cue or date)
        return [convert(v, typ, False, delimiter) if v else "" for v in value.split(delimiter)]
    if typ in ("int", "long", "short", "byte"):
        return int(value)
    if typ in ("float", "double"):
        return float(value)
    if typ == "boolean":
        assert value in ("true", "false"), value
        return value == "true"
    return value


def read_folder(folder: Path) -> nx.MultiDiGraph:
    """Read an export as neo4j-admin would, using the files and options named in its import.sh."""
    script = (folder / "import.sh").read_text()
    command = shlex.split(script[script.index("neo4j-admin"):].replace("\\\n", " "))
    assert command[:4] == ["neo4j-admin", "database", "import", "full"]
    options = dict(a[2:].split("=", 1) for a in command[4:-1])
    delimiter = options.get("array-delimiter", ";")
    if re.fullmatch(r"U\+[0-9A-F]{4}", delimiter):
        delimiter = chr(int(delimiter[2:], 16))
    assert len(delimiter) == 1
    listed = [a.split("=", 1)[1] for a in command if a.startswith(("--nodes=", "--relationships="))]
    assert sorted(listed) == sorted(p.name for p in folder.glob("*.csv"))
    graph = nx.MultiDiGraph()
    for arg in command[4:-1]:
        if not arg.startswith(("--nodes=", "--relationships=")):
            continue
        kind, name = arg[2:].split("=", 1)
        with open(folder / name, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f, strict=True, doublequote=True))
        fields = parse_header(rows[0], kind)
        for row in rows[1:]:
            assert len(row) == len(fields), f"{name}: row has {len(row)} fields, header {len(fields)}"
            if "\n" in "".join(row):
                assert options.get("multiline-fields") == "true"
            values = {(n, t): convert(v, t, a, delimiter) for (n, t, a), v in zip(fields, row)}
            props = {n: v for (n, t), v in values.items() if t not in SPECIAL and v is not None}
            special = {t: v for (n, t), v in values.items() if t in SPECIAL}
            props.update({n: v for (n, t), v in values.items() if t == "ID" and n})  # id:ID is also a property
            if kind == "nodes":
                nid = special["ID"]
                assert nid not in graph, f"duplicate id {nid}"
                assert special["LABEL"] in NODE_LABELS
                graph.add_node(nid, label=special["LABEL"], **props)
            else:
                assert special["START_ID"] in graph and special["END_ID"] in graph, "relationship to unknown id"
                assert special["TYPE"] in RELATION_TYPES
                graph.add_edge(special["START_ID"], special["END_ID"], key=special["TYPE"], **props)
    return graph


def stored(value):
    """What survives an import: neo4j-admin reads an empty field as no property, so [] and [""] vanish."""
    return None if value in ([], [""]) else value


def expected(graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    """Nodes and relationships as `graphbuild load` stores them (the rows module), after an import."""
    nodes = {}
    for label, rows in node_rows(graph).items():
        for r in rows:
            props = {"id": r["id"], "label": label, **r["props"], "document_ids": r["document_ids"]}
            nodes[r["id"]] = {k: v for k, v in props.items() if stored(v) is not None}
    edges = {}
    for (rel, _, _), rows in edge_rows(graph).items():
        for r in rows:
            props = {**r["props"], **{p: r[p] for p in EVIDENCE_LISTS.values()}}
            edges[(r["source"], r["target"], rel)] = {k: v for k, v in props.items() if stored(v) is not None}
    return nodes, edges


@pytest.mark.parametrize("make", [small_graph, lambda: synthetic_graph(400)], ids=["small", "synthetic"])
def test_strict_reader_rebuilds_what_load_stores(make, tmp_path: Path) -> None:
    graph = make()
    back = read_folder(export(graph, "csv", tmp_path / "csv"))
    nodes, edges = expected(graph)
    assert dict(back.nodes(data=True)) == nodes
    assert {(s, t, k): d for s, t, k, d in back.edges(keys=True, data=True)} == edges
    assert sorted(graph.edges(keys=True)) == sorted(back.edges(keys=True))


def test_headers_and_files(tmp_path: Path) -> None:
    folder = write_csv_folder(small_graph(), tmp_path / "csv")
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["import.sh"] + sorted([f"nodes_{label}.csv" for label in NODE_LABELS] +
                                           [f"relationships_{rel}.csv" for rel in RELATION_TYPES])
    person = (folder / "nodes_Person.csv").read_text().splitlines()[0]
    assert person == "id:ID,:LABEL,aliases:string[],document_ids:string[],name:string"
    member = (folder / "relationships_MEMBER_OF.csv").read_text().splitlines()[0]
    assert member == (":START_ID,:END_ID,:TYPE,evidence_cues:string[],evidence_document_ids:string[],"
                      "evidence_documents:string[],evidence_ends:long[],evidence_pages:long[],"
                      "evidence_published:string[],evidence_starts:long[],"
                      "evidence_texts:string[],former:boolean,role:string")
    # An alias holds ";", so the export picks another array delimiter and says so in import.sh.
    assert "--array-delimiter='|'" in (folder / "import.sh").read_text()
    assert (folder / "import.sh").stat().st_mode & 0o100


def test_newlines_in_values_switch_on_multiline_fields(tmp_path: Path) -> None:
    graph = new_graph()
    add_node(graph, "document:1", "Document", "Two\nlines", title="T", document_id="1", path="p")
    folder = write_csv_folder(graph, tmp_path / "csv")
    assert "--multiline-fields=true" in (folder / "import.sh").read_text()
    assert read_folder(folder).nodes["document:1"]["name"] == "Two\nlines"


def test_delimiter_avoids_every_character_in_list_values(tmp_path: Path) -> None:
    graph = new_graph()
    add_node(graph, "person:a", "Person", "A", aliases=["x;y", "p|q", "\u00a6"])
    add_node(graph, "agency:b", "Agency", "B")
    add_edge(graph, "person:a", "agency:b", "MEMBER_OF", [evidence_item("d.txt", "d", "One; two | three.", 0, 5)])
    folder = write_csv_folder(graph, tmp_path / "csv")
    assert "--array-delimiter=U+001F" in (folder / "import.sh").read_text()
    back = read_folder(folder)
    assert back.nodes["person:a"]["aliases"] == ["p|q", "x;y", "\u00a6"]
    assert back.edges["person:a", "agency:b", "MEMBER_OF"]["evidence_texts"] == ["One; two | three."]


def test_folder_is_replaced_whole_and_foreign_folders_are_refused(tmp_path: Path) -> None:
    target = tmp_path / "csv"
    write_csv_folder(small_graph(), target)
    graph = new_graph()
    add_node(graph, "person:a", "Person", "A")
    write_csv_folder(graph, target)
    assert sorted(p.name for p in target.iterdir()) == ["import.sh", "nodes_Person.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]  # no temp or old folders left
    (target / "notes.txt").write_text("mine")
    with pytest.raises(GraphbuildError, match="not a CSV export"):
        write_csv_folder(graph, target)
    assert (target / "notes.txt").read_text() == "mine"
    (tmp_path / "file").write_text("x")
    with pytest.raises(GraphbuildError, match="not a folder"):
        write_csv_folder(graph, tmp_path / "file")


def test_same_graph_same_files(tmp_path: Path) -> None:
    a = write_csv_folder(synthetic_graph(200), tmp_path / "a")
    b = write_csv_folder(synthetic_graph(200), tmp_path / "b")
    for p in a.iterdir():
        assert p.read_bytes() == (b / p.name).read_bytes()


def test_failed_write_leaves_the_old_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graphbuild.exporters import csv_admin

    target = write_csv_folder(small_graph(), tmp_path / "csv")
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    real, calls = csv_admin.csv_text, []

    def full_disk_on_third_file(header: list[str], rows: list[list[str]]) -> str:
        calls.append(header)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(header, rows)

    monkeypatch.setattr(csv_admin, "csv_text", full_disk_on_third_file)
    with pytest.raises(OSError):
        write_csv_folder(synthetic_graph(50), target)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["csv"]  # the half-written temp folder is gone
