"""Read access to one generation of the store for the linked-data views: what exists, what a
resource's description is, and the labels people see. Shared by the server
(:mod:`kg.serve.app`) and the static site (:mod:`kg.publish`), so both publish exactly the same
descriptions.

Every lookup runs over the union of the named graphs and removes the repeats that the same
triple in several documents' graphs would give.
"""
from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.reference import ONTOLOGY_DIR
from kg.vocab import DCTERMS, DEFAULT_BASE_IRI, KG, OA, PREFIXES, RDF, RDFS, SKOS

__all__ = [
    "StoreView",
    "Term",
    "generation_key",
    "nn",
    "ontology_view",
    "short_name",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Subject = ox.NamedNode | ox.BlankNode


def nn(iri: object) -> ox.NamedNode:
    """A pyoxigraph IRI from an rdflib term, a string or a pyoxigraph IRI."""
    return iri if isinstance(iri, ox.NamedNode) else ox.NamedNode(str(iri))


_TYPE, _LABEL, _PREF_LABEL = nn(RDF.type), nn(RDFS.label), nn(SKOS.prefLabel)
_TITLE = nn(DCTERMS.title)
_EVIDENCE, _SELECTOR = nn(KG.evidence), nn(OA.hasSelector)
_EVENT, _HAS_SIDE = nn(KG.event), nn(KG.hasSide)


def short_name(iri: str) -> str:
    """A prefixed name (``kg:Killed``) for IRIs in a known namespace, else the IRI itself.

    >>> short_name("https://w3id.org/conflict-kg/ns#Killed")
    'kg:Killed'
    """
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def generation_key(store: Path) -> str | None:
    """Which generation of the store is current (the target of its ``current`` link), or None
    before the first build. Long-lived readers compare it between requests: a build swaps the
    link atomically, so a new key means a complete new generation to reopen."""
    link = store / "current"
    return os.path.realpath(link) if link.exists() else None


def _sort_key(term: Term) -> tuple[int, str]:
    return (0 if isinstance(term, ox.NamedNode) else 1, str(term))


class StoreView:
    """One generation of the store seen as linked data under one base IRI.

    It holds the statements exactly as mapped (:func:`kg.store.read_quads`) in memory, indexed
    by subject, object and graph. Oxigraph's index is not used here because it canonicalises
    literal datatypes (``xsd:nonNegativeInteger`` reads back as ``xsd:integer``), and a published
    description must say exactly what the graph says.
    """

    def __init__(self, quads: Iterable[ox.Quad], base: str = DEFAULT_BASE_IRI) -> None:
        self.all = list(quads)
        self.base = base
        self._labels: dict[str, str] = {}
        self._by_subject: dict[Term, list[ox.Quad]] = defaultdict(list)
        self._by_object: dict[Term, list[ox.Quad]] = defaultdict(list)
        self._by_graph: dict[object, list[ox.Quad]] = defaultdict(list)
        for quad in self.all:
            self._by_subject[quad.subject].append(quad)
            self._by_object[quad.object].append(quad)
            self._by_graph[quad.graph_name].append(quad)

    # --- pattern access over the union of graphs -----------------------------------------------

    def quads(self, subject: Term | None = None, predicate: object = None,
              obj: Term | None = None, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """The statements matching a pattern (None matches anything), from every graph."""
        if subject is not None:
            candidates = self._by_subject.get(subject, [])
        elif obj is not None:
            candidates = self._by_object.get(obj, [])
        elif graph is not None:
            candidates = self._by_graph.get(graph, [])
        else:
            candidates = self.all
        p = nn(predicate) if predicate is not None else None
        for quad in candidates:
            if ((p is None or quad.predicate == p) and (obj is None or quad.object == obj)
                    and (graph is None or quad.graph_name == graph)):
                yield quad

    def objects(self, subject: Subject, predicate: object) -> list[Term]:
        found = {q.object for q in self.quads(subject, predicate)}
        return sorted(found, key=_sort_key)

    def subjects(self, predicate: object, obj: Term) -> list[ox.NamedNode]:
        found = {q.subject for q in self.quads(None, predicate, obj)}
        return sorted((s for s in found if isinstance(s, ox.NamedNode)), key=str)

    def value(self, subject: Subject, predicate: object) -> Term | None:
        values = self.objects(subject, predicate)
        return values[0] if values else None

    def types(self, subject: Subject) -> set[str]:
        return {o.value for o in self.objects(subject, RDF.type) if isinstance(o, ox.NamedNode)}

    def triples(self, subject: Subject) -> list[ox.Triple]:
        found = {q.triple for q in self.quads(subject)}
        return sorted(found, key=lambda t: (str(t.predicate), str(t.object)))

    def is_graph(self, iri: ox.NamedNode) -> bool:
        return iri in self._by_graph

    def exists(self, iri: ox.NamedNode) -> bool:
        """True when ``iri`` is described (a subject) or is a named graph of the store."""
        return iri in self._by_subject or self.is_graph(iri)

    def local_resources(self) -> list[ox.NamedNode]:
        """Every IRI under the base that the store describes or names as a graph, sorted."""
        found = {t for t in (*self._by_subject, *self._by_graph)
                 if isinstance(t, ox.NamedNode) and t.value.startswith(self.base)
                 and len(t.value) > len(self.base)}
        return sorted(found, key=str)

    # --- labels ---------------------------------------------------------------------------------

    def label(self, term: Term) -> str:
        """What a person should read for ``term``: its English label (or title) in the store or
        in the ontology, else its path under the base, else a prefixed name or the IRI."""
        if isinstance(term, ox.Literal):
            return term.value
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        cached = self._labels.get(term.value)
        if cached is None:
            cached = self._find_label(term)
            self._labels[term.value] = cached
        return cached

    def _find_label(self, iri: ox.NamedNode) -> str:
        for source in (self, ontology_view()):
            labels = [q.object for p in (_LABEL, _PREF_LABEL, _TITLE)
                      for q in source.quads(iri, p) if isinstance(q.object, ox.Literal)]
            if labels:
                english = [lit for lit in labels if lit.language in ("en", None)]
                return min(english or labels, key=lambda lit: lit.value).value
        if iri.value.startswith(self.base) and len(iri.value) > len(self.base):
            return iri.value[len(self.base):]
        return short_name(iri.value)  # a prefixed name, else the whole IRI: never a fragment

    # --- descriptions ---------------------------------------------------------------------------

    def describe(self, iri: ox.NamedNode) -> list[ox.Quad]:
        """The triples served for ``iri`` (in the default graph), sorted.

        A named graph's IRI gives the graph's content. Any other resource gives its own triples;
        an event adds its sides and the claims about it (``?claim kg:event ?event``); every
        resource included brings its evidence and their selectors, so a claim arrives with the
        text that supports it; and every IRI mentioned gets its label, so a client can show the
        description without further requests.
        """
        if self.is_graph(iri):
            triples = {q.triple for q in self.quads(graph=iri)}
            triples.update(self.triples(iri))
            return _as_quads(triples)
        included: list[Term] = [iri]
        if str(KG.Event) in self.types(iri) or self.objects(iri, _HAS_SIDE):
            included += self.objects(iri, _HAS_SIDE)
            included += self.subjects(_EVENT, iri)
        resources: list[Term] = []
        for resource in included:
            resources.append(resource)
            for evidence in self.objects(resource, _EVIDENCE):
                resources.append(evidence)
                resources.extend(self.objects(evidence, _SELECTOR))
            resources.extend(self.objects(resource, _SELECTOR))  # an evidence on its own
        seen: set[Term] = set()
        triples: set[ox.Triple] = set()
        for resource in resources:
            if resource in seen or isinstance(resource, ox.Literal):
                continue
            seen.add(resource)
            triples.update(self.triples(resource))
        triples.update(self._labels_of(t.object for t in list(triples)))
        return _as_quads(triples)

    def _labels_of(self, terms: Iterable[Term]) -> set[ox.Triple]:
        out: set[ox.Triple] = set()
        for term in {t for t in terms if isinstance(t, ox.NamedNode)}:
            out.update(q.triple for q in self.quads(term, _LABEL))
        return out


@lru_cache(maxsize=1)
def ontology_view() -> StoreView:
    """``ontology/kg.ttl``: labels and comments of kg's classes, properties and casualty
    categories, which the instance data only points at."""
    quads = ox.parse(path=str(ONTOLOGY_DIR / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    return StoreView(quads, base=PREFIXES["kg"])


def _as_quads(triples: Iterable[ox.Triple]) -> list[ox.Quad]:
    quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    return sorted(quads, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
