"""SHACL validation of the store with pySHACL, one document graph at a time, and a report a
person can read: focus node, path, message and the source text it came from."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.errors import KgError
from kg.reference import SHAPES_DIR
from kg.store import read_quads, store_path
from kg.vocab import KG, OA, PREFIXES, RDF

__all__ = ["Violation", "ValidationOutcome", "validate", "validate_graph", "shapes_graph"]


@dataclass(frozen=True)
class Violation:
    graph: str
    focus: str
    path: str
    message: str
    severity: str
    value: str | None = None
    span: tuple[int, int, str] | None = None  # start, end, exact of the focus node's evidence


@dataclass
class ValidationOutcome:
    conforms: bool
    violations: list[Violation]
    report: Graph


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    graph = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def _short(term) -> str:
    text = str(term)
    for prefix, iri in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(iri):
            return f"{prefix}:{text[len(iri):]}"
    return text


def _span_of(data: Graph, focus) -> tuple[int, int, str] | None:
    for ev in sorted(data.objects(focus, KG.evidence)):
        start = end = exact = None
        for selector in data.objects(ev, OA.hasSelector):
            if (selector, RDF.type, OA.TextPositionSelector) in data:
                start, end = data.value(selector, OA.start), data.value(selector, OA.end)
            if (selector, RDF.type, OA.TextQuoteSelector) in data:
                exact = data.value(selector, OA.exact)
        if start is not None and end is not None:
            return int(start), int(end), str(exact or "")
    return None


@contextlib.contextmanager
def prepared_sparql() -> Iterator[None]:
    """Parse each SPARQL constraint once while validating.

    pySHACL hands rdflib the text of a SPARQL constraint once per focus node and rdflib parses
    it every time (tens of milliseconds each): seconds per document. rdflib's prepared queries
    are made to be evaluated many times, so reusing them changes no result.
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    cache: dict = {}

    def query(self, str_or_query, initBindings=None, initNs=None, base=None,  # noqa: N803
              DEBUG=False):  # noqa: N803 - rdflib's own signature
        if isinstance(str_or_query, str):
            key = (str_or_query, tuple(sorted((initNs or {}).items())), base)
            if key not in cache:
                cache[key] = processor.prepareQuery(str_or_query, initNs=initNs, base=base)
            str_or_query = cache[key]
        return original(self, str_or_query, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


def validate_graph(data: Graph, name: str = "") -> tuple[bool, list[Violation], Graph]:
    """Validate one rdflib graph against ``shapes/*.ttl``."""
    from pyshacl import validate as shacl_validate

    with prepared_sparql():
        conforms, report, _ = shacl_validate(data, shacl_graph=shapes_graph(), inference="none",
                                             advanced=True, allow_warnings=True)
    violations = []
    # sh:result links the top-level results; nested sh:detail results are not repeated
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        violations.append(Violation(
            graph=name, focus=_short(focus), path=_short(path) if path is not None else "",
            message=str(report.value(result, SH.resultMessage) or ""),
            severity=_short(report.value(result, SH.resultSeverity)).replace("sh:", ""),
            value=_short(value) if value is not None else None,
            span=_span_of(data, focus) if isinstance(focus, URIRef) else None))
    violations.sort(key=lambda v: (v.graph, v.focus, v.path, v.message, v.value or ""))
    return bool(conforms), violations, report


def validate(store: str | os.PathLike[str] | None = None) -> ValidationOutcome:
    """Validate every named graph of the store; the outcome merges the per-graph reports."""
    quads = read_quads(store_path(store))
    if not quads:
        raise KgError("the store is empty; run `kg build` first", source=str(store_path(store)))
    merged = Graph()
    for prefix, iri in PREFIXES.items():
        merged.bind(prefix, iri)
    merged.bind("sh", str(SH))
    top = BNode("report")
    merged.add((top, RDF.type, SH.ValidationReport))
    all_conform, violations = True, []
    by_graph: dict[str, list[ox.Triple]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name.value, []).append(q.triple)
    for graph_name, triples in sorted(by_graph.items()):
        data = Graph()
        data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        conforms, found, report = validate_graph(data, graph_name)
        all_conform &= conforms
        violations += found
        for result in report.objects(None, SH.result):
            merged.add((top, SH.result, result))
        for triple in report:
            if triple[0] != report.value(None, RDF.type, SH.ValidationReport) and \
                    triple[1] != SH.conforms:
                merged.add(triple)
    merged.add((top, SH.conforms, Literal(all_conform)))
    return ValidationOutcome(conforms=all_conform, violations=violations, report=merged)


def format_text(outcome: ValidationOutcome) -> str:
    """The report for people: one block per violation."""
    if outcome.conforms:
        return "Conforms: the graph satisfies every shape.\n"
    lines = [f"Does not conform: {len(outcome.violations)} result(s).", ""]
    for v in outcome.violations:
        lines.append(f"{v.severity}: {v.message}")
        lines.append(f"  focus: {v.focus}")
        if v.path:
            lines.append(f"  path:  {v.path}")
        if v.value is not None:
            lines.append(f"  value: {v.value}")
        if v.span:
            lines.append(f"  text:  [{v.span[0]}:{v.span[1]}] {v.span[2]!r}")
        lines.append(f"  graph: {v.graph}")
        lines.append("")
    return "\n".join(lines)
