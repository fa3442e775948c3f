"""Checks of ontology/kg.ttl and ontology/context.jsonld: complete, documented, aligned, lossless.

The ontology must declare exactly the terms of the closed namespace ``kg.vocab.KG``, document
each, and tie every class to a standard vocabulary. The JSON-LD context must compact kg's
expanded JSON-LD (as pyoxigraph writes it) into readable terms and expand back to the same graph,
without ever fetching anything from the network.
"""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.vocab import KG, KG_TERMS, PREFIXES

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
CONTEXT = ROOT / "ontology" / "context.jsonld"
SHAPES = ROOT / "shapes" / "kg.ttl"
CONFORMING = ROOT / "tests" / "data" / "conforming.ttl"

NS = PREFIXES["kg"]
CORE_CATEGORIES = {
    "Killed", "Injured", "Missing", "Captured", "KilledOrInjured", "VehiclesDestroyed",
    "VehiclesCaptured", "AircraftDestroyed", "AircraftDamaged",
}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads(CONTEXT.read_text(encoding="utf-8"))


def _kg_terms(graph: Graph) -> set[str]:
    """Local names of the kg: IRIs the ontology describes (subjects)."""
    return {str(s)[len(NS):] for s in graph.subjects() if str(s).startswith(NS)}


def _english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return [o for o in graph.objects(subject, predicate)
            if isinstance(o, Literal) and o.language == "en" and str(o).strip()]


# --- the ontology ------------------------------------------------------------------------------


def test_declares_exactly_the_vocab_terms(ontology: Graph) -> None:
    declared = _kg_terms(ontology)
    in_code = set(KG_TERMS)
    assert declared == in_code, (
        f"only in ontology: {sorted(declared - in_code)}; "
        f"only in kg.vocab: {sorted(in_code - declared)}"
    )


def test_uses_no_undeclared_kg_term(ontology: Graph) -> None:
    """A typo in an object position (kg:Evnt) would otherwise go unnoticed."""
    used = {str(t)[len(NS):] for triple in ontology for t in triple
            if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used <= _kg_terms(ontology)


def test_every_term_is_documented(ontology: Graph) -> None:
    for name in sorted(_kg_terms(ontology)):
        term = KG[name]
        if (term, RDF.type, SKOS.Concept) in ontology:
            assert len(_english(ontology, term, SKOS.prefLabel)) == 1, f"kg:{name} prefLabel"
            assert _english(ontology, term, SKOS.definition), f"kg:{name} definition"
        else:
            assert len(_english(ontology, term, RDFS.label)) == 1, f"kg:{name} label"
            assert _english(ontology, term, RDFS.comment), f"kg:{name} comment"


def test_every_term_has_a_kind(ontology: Graph) -> None:
    kinds = {OWL.Class, SKOS.Concept, SKOS.ConceptScheme} | PROPERTY_TYPES
    for name in sorted(_kg_terms(ontology)):
        types = set(ontology.objects(KG[name], RDF.type))
        assert types & kinds, f"kg:{name} is not declared as a class, property or concept"


def test_header(ontology: Graph) -> None:
    header = ontology.value(predicate=RDF.type, object=OWL.Ontology)
    assert header == URIRef("https://w3id.org/conflict-kg/ns")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert str(ontology.value(header, OWL.versionInfo)) == project["version"] == "0.1.0"
    assert _english(ontology, header, DCTERMS.title)
    assert _english(ontology, header, DCTERMS.description)
    assert isinstance(ontology.value(header, DCTERMS.license), URIRef)
    assert not list(ontology.objects(header, OWL.imports)), "imports make tools fetch ontologies"


def test_every_class_is_aligned_with_a_standard_vocabulary(ontology: Graph) -> None:
    """Each kg: class reaches a non-kg class through subClassOf / equivalentClass."""
    classes = set(ontology.subjects(RDF.type, OWL.Class)) - {None}
    classes = {c for c in classes if str(c).startswith(NS)}

    def parents(cls: URIRef) -> set:
        return set(ontology.objects(cls, RDFS.subClassOf)) | set(
            ontology.objects(cls, OWL.equivalentClass))

    def aligned(cls: URIRef, seen: frozenset = frozenset()) -> bool:
        for parent in parents(cls):
            if isinstance(parent, URIRef) and not str(parent).startswith(NS):
                return True
            if parent in classes and parent not in seen and aligned(parent, seen | {cls}):
                return True
        return False

    assert classes
    unaligned = sorted(str(c)[len(NS):] for c in classes if not aligned(c))
    assert not unaligned, f"classes with no standard superclass: {unaligned}"


def test_class_hierarchy_of_the_contract(ontology: Graph) -> None:
    """The subclass axioms that DESIGN.md names."""
    sem, prov = "http://semanticweb.cs.vu.nl/2009/11/sem/", "http://www.w3.org/ns/prov#"
    expected = {
        "Event": [sem + "Event", "https://schema.org/Event"],
        "Actor": [sem + "Actor", prov + "Agent"],
        "Place": [sem + "Place", "https://schema.org/Place"],
        "Country": [NS + "Place", "https://schema.org/Country"],
        "Coalition": [NS + "Actor", "http://www.w3.org/ns/org#OrganizationalCollaboration"],
        "SourceDocument": [prov + "Entity", "http://xmlns.com/foaf/0.1/Document"],
        "Claim": [prov + "Entity"],
        "CasualtyClaim": [NS + "Claim"],
    }
    event_kinds = ["War", "Battle", "Attack", "Ambush", "Massacre", "Offensive", "Raid", "Siege"]
    expected.update({kind: [NS + "Event"] for kind in event_kinds})
    expected.update({kind: [NS + "Actor"] for kind in
                     ["State", "Government", "MilitaryForce", "ArmedGroup",
                      "PrivateMilitaryCompany", "InternationalOrganization", "MediaOrganization",
                      "Person", "Civilians"]})
    for name, supers in expected.items():
        actual = {str(o) for o in ontology.objects(KG[name], RDFS.subClassOf)}
        assert set(supers) <= actual, f"kg:{name} ⊑ {sorted(set(supers) - actual)} missing"


def test_properties_have_ranges(ontology: Graph) -> None:
    for prop in {s for t in PROPERTY_TYPES for s in ontology.subjects(RDF.type, t)}:
        assert ontology.value(prop, RDFS.range) is not None, f"{prop} has no rdfs:range"
    assert (KG.contradicts, RDF.type, OWL.SymmetricProperty) in ontology
    for name in ["count", "minCount", "maxCount"]:
        assert ontology.value(KG[name], RDFS.range) == URIRef(
            "http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


def test_casualty_categories(ontology: Graph) -> None:
    scheme = KG.CasualtyCategories
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    members = {str(c)[len(NS):] for c in ontology.subjects(SKOS.inScheme, scheme)}
    assert CORE_CATEGORIES <= members
    assert members == {str(c)[len(NS):] for c in ontology.subjects(RDF.type, SKOS.Concept)}
    for name in members:
        concept = KG[name]
        broader = set(ontology.objects(concept, SKOS.broader))
        is_top = (concept, SKOS.topConceptOf, scheme) in ontology
        assert is_top != bool(broader), f"kg:{name}: a top concept or a narrower one, not both"
        assert is_top == ((scheme, SKOS.hasTopConcept, concept) in ontology)
        for other in broader:
            assert str(other)[len(NS):] in CORE_CATEGORIES, f"kg:{name} broader than a non-core"
    for a, b in ontology.subject_objects(SKOS.related):
        assert (b, SKOS.related, a) in ontology, "skos:related is written both ways"


# --- the JSON-LD context -----------------------------------------------------------------------


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    keys = [k for k, _ in pairs]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, f"duplicate JSON keys: {duplicates}"
    return dict(pairs)


def _no_network(url: str, options: dict | None = None) -> dict:
    raise AssertionError(f"JSON-LD processing tried to load {url}")


OPTIONS = {"documentLoader": _no_network}


def test_context_is_valid_json_without_duplicate_terms() -> None:
    json.loads(CONTEXT.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicate_keys)


def test_context_prefixes_match_vocab(context: dict) -> None:
    ctx = context["@context"]
    assert ctx["@version"] == 1.1
    for prefix, iri in PREFIXES.items():
        assert ctx.get(prefix) == iri, prefix
    assert ctx["schema"] == "https://schema.org/"
    assert ctx["id"] == "@id" and ctx["type"] == "@type"


def test_context_terms_are_distinct(context: dict) -> None:
    """No two terms claim the same property with the same coercion (compaction would pick one)."""
    ctx = context["@context"]
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("/", "#"))}

    def expand(curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return prefixes[prefix] + local if prefix in prefixes else curie

    seen: dict[tuple, str] = {}
    for term, definition in ctx.items():
        if term.startswith("@") or not isinstance(definition, dict):
            continue
        iri = expand(definition["@id"])
        assert iri.startswith(("http://", "https://")), f"{term}: {iri} is not an IRI"
        coercion = definition.get("@type")
        if coercion and coercion != "@id":
            assert expand(coercion).startswith("http://www.w3.org/2001/XMLSchema#"), term
        key = (iri, coercion, definition.get("@language"), definition.get("@container"))
        assert key not in seen, f"{term} and {seen[key]} clash"
        seen[key] = term


def _expanded_jsonld(quads: list[ox.Quad], producer: str) -> list:
    """Expanded JSON-LD as kg's export may write it.

    pyoxigraph writes rdf:type as an ordinary property (so compacted output shows "rdf:type");
    pyld's from_rdf turns it into @type (so compacted output shows "type"). Both must round-trip.
    """
    if producer == "pyoxigraph":
        return json.loads(ox.serialize(quads, format=ox.RdfFormat.JSON_LD).decode("utf-8"))
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return jsonld.from_rdf(nquads, {"format": "application/n-quads", **OPTIONS})


PRODUCERS = ["pyoxigraph", "pyld.from_rdf"]


def _round_trip(expanded: list, context: dict) -> tuple[dict, str]:
    compacted = jsonld.compact(expanded, context, OPTIONS)
    assert compacted["@context"] == context["@context"]
    reexpanded = jsonld.expand(compacted, OPTIONS)
    nquads = jsonld.to_rdf(reexpanded, {"format": "application/n-quads", **OPTIONS})
    return compacted, nquads


@pytest.mark.parametrize("producer", PRODUCERS)
def test_conforming_graph_round_trips(context: dict, producer: str) -> None:
    original = Graph().parse(CONFORMING)
    quads = list(ox.parse(original.serialize(format="nt", encoding="utf-8"),
                          format=ox.RdfFormat.N_TRIPLES))
    compacted, nquads = _round_trip(_expanded_jsonld(quads, producer), context)
    assert isomorphic(original, Graph().parse(data=nquads, format="nt"))
    # The context is used, not bypassed: readable terms and plain values appear.
    text = json.dumps(compacted, ensure_ascii=False)
    for snippet in ['"label": "Battle of Léré (2023)"', '"count": "5"', '"sideNumber": "1"',
                    '"category": "kg:Killed"', '"approximate": "true"', '"start": "2"',
                    '"altLabel": ["Lere"]', '"sameAs": "wd:Q912"',
                    '"containedInPlace": "https://w3id.org/conflict-kg/id/place/mali"']:
        assert snippet in text, snippet


TRICKY_TRIG = """
@prefix kg: <https://w3id.org/conflict-kg/ns#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/conflict-kg/id/> .

<graph/x> prov:wasDerivedFrom <document/x> ; prov:wasGeneratedBy <activity/x> .

<graph/x> {
    <event/x> rdfs:label "Battle of X"@en , "Bataille de X"@fr ;
        skos:altLabel "X"@en , "X" ;
        sem:hasBeginTimeStamp "2023-09-17T01:30:00+00:00"^^xsd:dateTime ;
        sem:hasEndTimeStamp "2023-09"^^xsd:gYearMonth .
    <agent/kg> rdfs:label "kg 0.1.0" .
    <claim/x/1> kg:count 5 ; kg:minCount "07"^^xsd:nonNegativeInteger ;
        kg:approximate "1"^^xsd:boolean ; kg:claimDate "2023"^^xsd:gYear ;
        kg:quantityText "several dozen" ; kg:category kg:Killed ;
        prov:generatedAtTime "2023-09-18"^^xsd:date .
    <claim/x/2> rdf:subject <actor/a> ; rdf:predicate org:memberOf ; rdf:object "a literal" .
    <actor/a> org:hasMembership [ a org:Membership ; org:organization <actor/b> ] .
}
"""


@pytest.mark.parametrize("producer", PRODUCERS)
def test_mixed_datatypes_languages_and_graphs_round_trip(context: dict, producer: str) -> None:
    """Values that do not fit a term's coercion must keep their own form, not be coerced."""
    dataset = ox.Dataset(ox.parse(TRICKY_TRIG.encode("utf-8"), format=ox.RdfFormat.TRIG))
    _, nquads = _round_trip(_expanded_jsonld(list(dataset), producer), context)
    back = ox.Dataset(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    for d in (dataset, back):
        d.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    assert sorted(map(str, back)) == sorted(map(str, dataset))


# --- all three files ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ONTOLOGY, CONTEXT, SHAPES], ids=lambda p: p.name)
def test_schema_org_is_https(path: Path) -> None:
    assert "http://schema.org" not in path.read_text(encoding="utf-8")
