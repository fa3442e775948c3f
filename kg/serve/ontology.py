"""The ontology documentation page: classes, properties and casualty categories of
``ontology/kg.ttl`` with their labels, comments and alignments, in the manner of LODE/pyLODE.

pyLODE 3.4 (the version the package index serves) fails at import in a plain install (it reads
its own ``pyproject.toml`` from site-packages), so the page is generated here with the same
jinja2 templates as the rest of the site; it needs nothing beyond the ontology file.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.serve.graph import Term, nn, short_name
from kg.serve.graph import ontology_view as ontology_graph
from kg.serve.views import KG_NS, Link
from kg.vocab import DCTERMS, OWL, RDF, RDFS, SKOS

__all__ = ["ONTOLOGY_IRI", "ontology_view"]

ONTOLOGY_IRI = KG_NS.rstrip("#")

_CHARACTERISTICS = {
    str(OWL.FunctionalProperty): "functional",
    str(OWL.SymmetricProperty): "symmetric",
    str(OWL.IrreflexiveProperty): "irreflexive",
    str(OWL.TransitiveProperty): "transitive",
    str(OWL.InverseFunctionalProperty): "inverse functional",
}
_ALIGNMENTS = (("equivalent to", OWL.equivalentClass), ("exact match", SKOS.exactMatch),
               ("close match", SKOS.closeMatch), ("broad match", SKOS.broadMatch),
               ("narrow match", SKOS.narrowMatch), ("related match", SKOS.relatedMatch))


@dataclass
class OntologyTerm:
    """One documented term: a class, a property or a concept."""

    name: str
    iri: str
    label: str
    comment: list[str]  # paragraphs
    facts: list[tuple[str, list[Link]]]  # ("subclass of", [links]) …
    extra: list[str]  # characteristics, alternative labels


def _paragraphs(term: Term | None) -> list[str]:
    if not isinstance(term, ox.Literal):
        return []
    return [" ".join(p.split()) for p in term.value.split("\n\n") if p.strip()]


def _ref(term: Term) -> Link:
    """A link to a term: an anchor on this page for kg terms, the IRI itself otherwise."""
    if isinstance(term, ox.NamedNode) and term.value.startswith(KG_NS):
        local = term.value[len(KG_NS):]
        return Link(f"#{local}", f"kg:{local}", term.value)
    if isinstance(term, ox.NamedNode):
        return Link(term.value, short_name(term.value), term.value, external=True)
    return Link("", "(an anonymous class)", str(term))


def ontology_view() -> dict:
    """The ontology as sections of documented terms, each sorted by name."""
    view = ontology_graph()
    header = nn(ONTOLOGY_IRI)

    def refs(subject: Term, predicate: object) -> list[Link]:
        return sorted((_ref(o) for o in view.objects(subject, predicate)),
                      key=lambda link: link.label)

    def of_type(cls: object) -> list[ox.NamedNode]:
        return [s for s in view.subjects(RDF.type, nn(cls)) if s.value.startswith(KG_NS)]

    def term(iri: ox.NamedNode, facts: list[tuple[str, list[Link]]], extra: list[str],
             comment: object = RDFS.comment) -> OntologyTerm:
        return OntologyTerm(iri.value[len(KG_NS):], iri.value, view.label(iri),
                     _paragraphs(view.value(iri, comment) or view.value(iri, RDFS.comment)),
                     [(name, links) for name, links in facts if links], extra)

    classes = []
    for cls in of_type(OWL.Class):
        facts = [("subclass of", refs(cls, RDFS.subClassOf)),
                 ("superclass of", sorted((_ref(s) for s in view.subjects(RDFS.subClassOf, cls)),
                                          key=lambda link: link.label)),
                 *((name, refs(cls, p)) for name, p in _ALIGNMENTS),
                 ("domain of", sorted((_ref(s) for s in view.subjects(RDFS.domain, cls)),
                                      key=lambda link: link.label)),
                 ("range of", sorted((_ref(s) for s in view.subjects(RDFS.range, cls)),
                                     key=lambda link: link.label))]
        classes.append(term(cls, facts, []))
    properties = []
    for kind, cls in (("object property", OWL.ObjectProperty),
                      ("datatype property", OWL.DatatypeProperty)):
        for prop in of_type(cls):
            types = {t for t in view.types(prop)}
            extra = [kind] + sorted(_CHARACTERISTICS[t] for t in types if t in _CHARACTERISTICS)
            facts = [("domain", refs(prop, RDFS.domain)), ("range", refs(prop, RDFS.range)),
                     ("subproperty of", refs(prop, RDFS.subPropertyOf)),
                     ("inverse of", refs(prop, OWL.inverseOf)),
                     *((name, refs(prop, p)) for name, p in _ALIGNMENTS)]
            properties.append(term(prop, facts, extra))
    concepts = []
    for concept in of_type(SKOS.Concept):
        alt = sorted(a.value for a in view.objects(concept, SKOS.altLabel)
                     if isinstance(a, ox.Literal))
        facts = [("in scheme", refs(concept, SKOS.inScheme)),
                 ("broader", refs(concept, SKOS.broader)),
                 ("narrower", sorted((_ref(s) for s in view.subjects(SKOS.broader, concept)),
                                     key=lambda link: link.label)),
                 ("related", refs(concept, SKOS.related)),
                 *((name, refs(concept, p)) for name, p in _ALIGNMENTS)]
        concepts.append(term(concept, facts, [f"also: {', '.join(alt)}"] if alt else [],
                             comment=SKOS.definition))
    schemes = [term(s, [("top concepts", refs(s, SKOS.hasTopConcept))], [])
               for s in of_type(SKOS.ConceptScheme)]

    def text(p: object) -> str:
        value = view.value(header, p)
        return value.value if isinstance(value, ox.Literal) else ""

    key = lambda t: t.name.lower()
    return {
        "iri": ONTOLOGY_IRI,
        "namespace": KG_NS,
        "title": text(DCTERMS.title) or "kg ontology",
        "description": _paragraphs(view.value(header, DCTERMS.description)),
        "version": text(OWL.versionInfo),
        "licenses": refs(header, DCTERMS.license),
        "classes": sorted(classes, key=key),
        "properties": sorted(properties, key=key),
        "concepts": sorted(concepts, key=key),
        "schemes": sorted(schemes, key=key),
    }
