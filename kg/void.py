"""A VoID and DCAT description of the dataset in a store: its size, named graphs, license,
vocabularies, example resources, SPARQL endpoint and downloadable distributions.

``kg serve`` answers it at ``/.well-known/void`` and at ``{base}dataset``; ``kg export`` and
``kg publish`` include it. Counting happens in Oxigraph's SPARQL engine, so the description of a
large store costs a few aggregate queries, not a pass in Python.

>>> import pyoxigraph as ox
>>> quads = void_description(ox.Store(), "https://example.org/id/")
>>> any(q.predicate.value.endswith("#triples") and q.object.value == "0" for q in quads)
True
"""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.export import MEDIA_TYPES
from kg.vocab import DCAT_, DCTERMS_, FOAF_, KG_, PREFIXES, PROV_, RDF_, VOID_, XSD_
from kg.vocab import base_iri as resolve_base

__all__ = ["DUMP_FORMATS", "LICENSE", "dataset_iri", "detect_base", "dump_iri",
           "void_description"]

# Wikipedia's text license: the graph quotes article text in every evidence
LICENSE = "https://creativecommons.org/licenses/by-sa/4.0/"
_MEDIA_TYPE_REGISTRY = "https://www.iana.org/assignments/media-types/"
DUMP_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")
_EXAMPLES = 3


def dataset_iri(base: str) -> str:
    """The IRI of the dataset itself, under the instance base."""
    return f"{base}dataset"


def dump_iri(base: str, fmt: str) -> str:
    """Where the whole dataset can be downloaded in format ``fmt``."""
    return f"{base}dump.{fmt}"


def detect_base(quads: Iterable[ox.Quad]) -> str | None:
    """The instance base the store was built with, read off a source document's IRI
    (``{base}document/<key>``), or None for a store without documents."""
    documents = sorted(q.subject.value for q in quads
                       if q.predicate == RDF_.type and q.object == KG_.SourceDocument
                       and isinstance(q.subject, ox.NamedNode))
    for iri in documents:
        if "/document/" in iri:
            return iri.rsplit("document/", 1)[0]
    return None


def _scalar(store: ox.Store, query: str) -> int:
    for row in store.query(query, use_default_graph_as_union=True):
        value = row[0]
        return int(value.value) if value is not None else 0
    return 0


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD_.integer)


def void_description(store: ox.Store, base_iri: str | None = None, *,
                     endpoint: str | None = None,
                     graph: ox.NamedNode | None = None) -> list[ox.Quad]:
    """The VoID + DCAT description of ``store`` as quads (in ``graph``, else the default graph).

    ``base_iri`` is the instance base (default: ``$KG_BASE_IRI`` or kg's default); the dataset is
    ``{base}dataset``, the SPARQL endpoint ``endpoint`` (default ``{base}sparql``; ``""`` for
    none) and the downloads ``{base}dump.<format>``.
    """
    base = resolve_base(base_iri)
    ds = ox.NamedNode(dataset_iri(base))
    target = graph if graph is not None else ox.DefaultGraph()
    out: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(s, p, o, target))

    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    add(ds, RDF_.type, VOID_.Dataset)
    add(ds, RDF_.type, DCAT_.Dataset)
    add(ds, DCTERMS_.title, ox.Literal("kg: armed-conflict events and who said what",
                                      language="en"))
    add(ds, DCTERMS_.description, ox.Literal(
        "Events, actors, places and attributed casualty claims extracted from encyclopedia "
        "articles about armed conflicts, each claim with its claimant, date and the exact span "
        "of source text that supports it.", language="en"))
    add(ds, DCTERMS_.license, iri(LICENSE))
    add(ds, DCAT_.landingPage, iri(base))
    add(ds, VOID_.uriSpace, ox.Literal(base))
    if endpoint != "":  # a static copy of the site has no endpoint to name
        add(ds, VOID_.sparqlEndpoint, iri(endpoint or f"{base}sparql"))

    # counts over the union of the named graphs, which is what the SPARQL endpoint shows
    add(ds, VOID_.triples, _integer(_scalar(
        store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")))
    add(ds, VOID_.entities, _integer(_scalar(
        store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
               f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {_string(base)})) }}")))
    add(ds, VOID_.distinctSubjects, _integer(_scalar(
        store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")))
    add(ds, VOID_.distinctObjects, _integer(_scalar(
        store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }")))
    add(ds, VOID_.properties, _integer(_scalar(
        store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")))
    add(ds, VOID_.classes, _integer(_scalar(
        store, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?s {RDF_.type} ?c }}")))
    add(ds, VOID_.documents, _integer(_scalar(
        store, f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a {KG_.SourceDocument} }}")))

    # one subset per named graph (one per source document), with its own size
    graphs = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=str)
    for named in graphs:
        add(ds, VOID_.subset, named)
        add(named, RDF_.type, VOID_.Dataset)
        add(named, VOID_.triples, _integer(sum(1 for _ in store.quads_for_pattern(
            None, None, None, named))))
        for source in store.quads_for_pattern(named, PROV_.wasDerivedFrom, None, named):
            add(named, DCTERMS_.source, source.object)

    for example in _examples(store):
        add(ds, VOID_.exampleResource, example)
    for vocabulary in _vocabularies(store):
        add(ds, VOID_.vocabulary, iri(vocabulary))

    for fmt in DUMP_FORMATS:
        dump = iri(dump_iri(base, fmt))
        dist = iri(f"{ds.value}#{fmt}")
        add(ds, VOID_.dataDump, dump)
        add(ds, DCAT_.distribution, dist)
        add(dist, RDF_.type, DCAT_.Distribution)
        add(dist, DCAT_.downloadURL, dump)
        add(dist, DCAT_.accessURL, dump)
        add(dist, DCAT_.mediaType, iri(_MEDIA_TYPE_REGISTRY + MEDIA_TYPES[fmt]))
        add(dist, DCTERMS_.format, ox.Literal(MEDIA_TYPES[fmt]))
        add(dist, DCTERMS_.license, iri(LICENSE))
    return sorted(out, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))


def _string(value: str) -> str:
    """A SPARQL string literal (the base IRI never holds quotes, but escape anyway)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _examples(store: ox.Store) -> list[ox.NamedNode]:
    """The first events the articles are about: the natural entry points of the graph."""
    query = (f"SELECT DISTINCT ?e WHERE {{ ?d {FOAF_.primaryTopic} ?e . ?e a {KG_.Event} }} "
             f"ORDER BY ?e LIMIT {_EXAMPLES}")
    return [row["e"] for row in store.query(query, use_default_graph_as_union=True)]


def _vocabularies(store: ox.Store) -> list[str]:
    """The known namespaces (``kg.vocab.PREFIXES``) of every predicate and class in use."""
    used: set[str] = set()
    query = (f"SELECT DISTINCT ?t WHERE {{ {{ ?s ?t ?o }} UNION {{ ?s {RDF_.type} ?t }} }}")
    namespaces = sorted(PREFIXES.values(), key=len, reverse=True)
    for row in store.query(query, use_default_graph_as_union=True):
        term = row["t"].value
        for ns in namespaces:
            if term.startswith(ns):
                used.add(ns)
                break
    return sorted(used)
