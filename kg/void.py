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

import pyoxigraph as ox

from kg.export import MEDIA_TYPES
from kg.vocab import DCAT, DCTERMS, FOAF, KG, PREFIXES, PROV, RDF, VOID, XSD
from kg.vocab import base_iri as resolve_base

__all__ = ["DUMP_FORMATS", "LICENSE", "dataset_iri", "dump_iri", "void_description"]

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


def _scalar(store: ox.Store, query: str) -> int:
    for row in store.query(query, use_default_graph_as_union=True):
        value = row[0]
        return int(value.value) if value is not None else 0
    return 0


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(str(XSD.integer)))


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

    def add(s: ox.NamedNode, p: object, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(s, ox.NamedNode(str(p)), o, target))

    def iri(value: object) -> ox.NamedNode:
        return ox.NamedNode(str(value))

    add(ds, RDF.type, iri(VOID.Dataset))
    add(ds, RDF.type, iri(DCAT.Dataset))
    add(ds, DCTERMS.title, ox.Literal("kg: armed-conflict events and who said what",
                                      language="en"))
    add(ds, DCTERMS.description, ox.Literal(
        "Events, actors, places and attributed casualty claims extracted from encyclopedia "
        "articles about armed conflicts, each claim with its claimant, date and the exact span "
        "of source text that supports it.", language="en"))
    add(ds, DCTERMS.license, iri(LICENSE))
    add(ds, DCAT.landingPage, iri(base))
    add(ds, VOID.uriSpace, ox.Literal(base))
    if endpoint != "":  # a static copy of the site has no endpoint to name
        add(ds, VOID.sparqlEndpoint, iri(endpoint or f"{base}sparql"))

    # counts over the union of the named graphs, which is what the SPARQL endpoint shows
    add(ds, VOID.triples, _integer(_scalar(
        store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")))
    add(ds, VOID.entities, _integer(_scalar(
        store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
               f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {_string(base)})) }}")))
    add(ds, VOID.distinctSubjects, _integer(_scalar(
        store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")))
    add(ds, VOID.distinctObjects, _integer(_scalar(
        store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }")))
    add(ds, VOID.properties, _integer(_scalar(
        store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")))
    add(ds, VOID.classes, _integer(_scalar(
        store, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?s <{RDF.type}> ?c }}")))
    add(ds, VOID.documents, _integer(_scalar(
        store, f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <{KG.SourceDocument}> }}")))

    # one subset per named graph (one per source document), with its own size
    graphs = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=str)
    for named in graphs:
        add(ds, VOID.subset, named)
        add(named, RDF.type, iri(VOID.Dataset))
        add(named, VOID.triples, _integer(sum(1 for _ in store.quads_for_pattern(
            None, None, None, named))))
        for source in store.quads_for_pattern(named, iri(PROV.wasDerivedFrom), None, named):
            add(named, DCTERMS.source, source.object)

    for example in _examples(store):
        add(ds, VOID.exampleResource, example)
    for vocabulary in _vocabularies(store):
        add(ds, VOID.vocabulary, iri(vocabulary))

    for fmt in DUMP_FORMATS:
        dump = iri(dump_iri(base, fmt))
        dist = iri(f"{ds.value}#{fmt}")
        add(ds, VOID.dataDump, dump)
        add(ds, DCAT.distribution, dist)
        add(dist, RDF.type, iri(DCAT.Distribution))
        add(dist, DCAT.downloadURL, dump)
        add(dist, DCAT.accessURL, dump)
        add(dist, DCAT.mediaType, iri(_MEDIA_TYPE_REGISTRY + MEDIA_TYPES[fmt]))
        add(dist, DCTERMS.format, ox.Literal(MEDIA_TYPES[fmt]))
        add(dist, DCTERMS.license, iri(LICENSE))
    return sorted(out, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))


def _string(value: str) -> str:
    """A SPARQL string literal (the base IRI never holds quotes, but escape anyway)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _examples(store: ox.Store) -> list[ox.NamedNode]:
    """The first events the articles are about: the natural entry points of the graph."""
    query = (f"SELECT DISTINCT ?e WHERE {{ ?d <{FOAF.primaryTopic}> ?e . ?e a <{KG.Event}> }} "
             f"ORDER BY ?e LIMIT {_EXAMPLES}")
    return [row["e"] for row in store.query(query, use_default_graph_as_union=True)]


def _vocabularies(store: ox.Store) -> list[str]:
    """The known namespaces (``kg.vocab.PREFIXES``) of every predicate and class in use."""
    used: set[str] = set()
    query = (f"SELECT DISTINCT ?t WHERE {{ {{ ?s ?t ?o }} UNION {{ ?s <{RDF.type}> ?t }} }}")
    namespaces = sorted(PREFIXES.values(), key=len, reverse=True)
    for row in store.query(query, use_default_graph_as_union=True):
        term = row["t"].value
        for ns in namespaces:
            if term.startswith(ns):
                used.add(ns)
                break
    return sorted(used)
