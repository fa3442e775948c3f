"""SHACL on real output: the built seed conforms, and each way of breaking it is reported."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.export import export
from kg.validate import validate, validate_graph

PREFIXES = """
PREFIX kg: <https://w3id.org/conflict-kg/ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX id: <https://w3id.org/conflict-kg/id/>
"""
CLAIM = "<https://w3id.org/conflict-kg/id/claim/battle-of-lere-2023/1>"
EVENT = "<https://w3id.org/conflict-kg/id/event/battle-of-lere-2023>"
MALI = "<https://w3id.org/conflict-kg/id/actor/mali>"
POSITION = "?pos"

# (name, SPARQL update that breaks the graph, path expected in the report)
BREAKAGES = [
    ("claim without evidence", f"DELETE WHERE {{ {CLAIM} kg:evidence ?e }}", "kg:evidence"),
    ("count not a number", f"""DELETE {{ {CLAIM} kg:count ?c }} INSERT {{ {CLAIM} kg:count "five" }}
        WHERE {{ {CLAIM} kg:count ?c }}""", "kg:count"),
    ("negative count", f"""DELETE {{ {CLAIM} kg:count ?c }}
        INSERT {{ {CLAIM} kg:count "-5"^^xsd:integer }} WHERE {{ {CLAIM} kg:count ?c }}""",
     "kg:count"),
    ("category outside the scheme", f"""DELETE {{ {CLAIM} kg:category ?c }}
        INSERT {{ {CLAIM} kg:category kg:Annoyed }} WHERE {{ {CLAIM} kg:category ?c }}""",
     "kg:category"),
    ("claim with side and affects", f"INSERT DATA {{ {CLAIM} kg:affects {MALI} }}", None),
    ("second label on an actor", f'INSERT DATA {{ {MALI} rdfs:label "Malí"@en }}', "rdfs:label"),
    ("markup in a label", f"""DELETE {{ {MALI} rdfs:label ?l }}
        INSERT {{ {MALI} rdfs:label "border|20px Mali"@en }} WHERE {{ {MALI} rdfs:label ?l }}""",
     "rdfs:label"),
    ("event without label", f"DELETE WHERE {{ {EVENT} rdfs:label ?l }}", "rdfs:label"),
    ("start not before end", """DELETE { ?p oa:end ?e } INSERT { ?p oa:end ?s }
        WHERE { ?p a oa:TextPositionSelector ; oa:start ?s ; oa:end ?e .
                FILTER(?s = "289"^^xsd:nonNegativeInteger) }""", None),
    ("evidence without quote selector", """DELETE { ?ev oa:hasSelector ?q }
        WHERE { ?ev oa:hasSelector ?q . ?q a oa:TextQuoteSelector .
                FILTER(STRENDS(STR(?ev), "/289-297")) }""", None),
    ("sha256 not hex", """DELETE { ?d kg:sha256 ?h } INSERT { ?d kg:sha256 "not-a-hash" }
        WHERE { ?d kg:sha256 ?h }""", "kg:sha256"),
    ("document without primary topic", "DELETE WHERE { ?d foaf:primaryTopic ?e }",
     "foaf:primaryTopic"),
]


@pytest.fixture(scope="module")
def seed_graph(seed_store) -> Graph:
    return Graph().parse(data=export("nt", store=seed_store).decode(), format="nt")


def test_built_seed_conforms(seed_store):
    outcome = validate(seed_store)
    assert outcome.conforms, outcome.violations[:3]


@pytest.mark.parametrize("name, update, path", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_each_breakage_is_reported(seed_graph, name, update, path):
    broken = Graph()
    for triple in seed_graph:
        broken.add(triple)
    before = len(broken)
    broken.update(PREFIXES + update)
    assert len(broken) != before or "INSERT" in update, "the breakage changed nothing"
    conforms, violations, _ = validate_graph(broken)
    assert not conforms
    assert all(v.message for v in violations)
    if path is not None:
        assert path in {v.path for v in violations}, [(v.path, v.message) for v in violations]


def test_cli_validate_exit_codes_and_formats(seed_store):
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", "--store", str(seed_store)])
    assert ok.exit_code == 0, ok.output
    assert "Conforms" in ok.output
    report = runner.invoke(main, ["validate", "--store", str(seed_store), "--format", "ttl"])
    graph = Graph().parse(data=report.output, format="turtle")
    assert "true" in {str(o) for o in graph.objects(None, None) if str(o) in ("true", "false")}


def test_cli_validate_reports_violations_with_source_text(tmp_path, seed_store):
    import shutil

    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    current = (store / "current").resolve()
    graph_file = next((current / "graphs").glob("*.nq"))
    lines = graph_file.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not (line.startswith(CLAIM) and "#evidence>" in line)]
    graph_file.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--store", str(store)])
    assert result.exit_code == 1
    assert "Does not conform" in result.output
    assert "claim/battle-of-lere-2023/1" in result.output
    assert "kg:evidence" in result.output
