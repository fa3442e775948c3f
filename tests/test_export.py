"""Exports: five formats describe the same graph, parse back, and are byte-identical across runs."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import export, jsonld_context


def quads_of(data: bytes, fmt: str) -> set[ox.Quad]:
    if fmt == "jsonld":
        from pyld import jsonld

        doc = json.loads(data)
        assert isinstance(doc["@context"], dict)  # compact, with the context inline
        nquads = jsonld.to_rdf(doc, {"format": "application/n-quads",
                                     "documentLoader": _no_fetch})
        return set(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS))
    rdf_format = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                  "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}[fmt]
    return set(ox.parse(data, format=rdf_format))


def _no_fetch(url, options=None):
    raise AssertionError(f"tried to fetch {url}")


def triples(quads: set[ox.Quad]) -> set[ox.Triple]:
    return {q.triple for q in quads}


@pytest.fixture(scope="module")
def exports(corpus_store) -> dict[str, bytes]:
    return {fmt: export(fmt, store=corpus_store) for fmt in ("ttl", "jsonld", "nt", "nq", "trig")}


def test_dataset_formats_are_the_same_dataset(exports):
    nq = quads_of(exports["nq"], "nq")
    assert quads_of(exports["trig"], "trig") == nq
    assert quads_of(exports["jsonld"], "jsonld") == nq
    assert all(not isinstance(q.graph_name, ox.DefaultGraph) for q in nq)


def test_graph_formats_are_the_union(exports):
    union = triples(quads_of(exports["nq"], "nq"))
    assert triples(quads_of(exports["ttl"], "ttl")) == union
    assert triples(quads_of(exports["nt"], "nt")) == union


def test_turtle_is_readable(exports):
    text = exports["ttl"].decode()
    assert text.startswith("@prefix")
    assert "@prefix kg: <https://w3id.org/conflict-kg/ns#>" in text
    assert "kg:CasualtyClaim" in text


def test_jsonld_is_compacted_against_the_published_context(exports):
    doc = json.loads(exports["jsonld"])
    assert doc["@context"] == jsonld_context()["@context"] or doc["@context"] == jsonld_context()
    text = exports["jsonld"].decode()
    assert '"@id": "https://w3id.org/conflict-kg/ns#Killed"' not in text  # compacted IRIs
    assert "http://www.w3.org/2000/01/rdf-schema#label" not in text


def test_typed_literals_keep_their_datatypes(exports):
    nq = exports["nq"].decode()
    assert "^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>" in nq
    assert '"2023-09-17"^^<http://www.w3.org/2001/XMLSchema#date>' in nq


def test_cli_export_to_file_and_stdout_agree(corpus_store, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out.ttl"
    result = runner.invoke(main, ["export", "--store", str(corpus_store), "--format", "ttl",
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    stdout = runner.invoke(main, ["export", "--store", str(corpus_store), "--format", "ttl"])
    assert stdout.stdout_bytes == out.read_bytes()
