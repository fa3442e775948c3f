"""Every vocabulary kg writes, in one place: standard namespaces from rdflib and kg's own terms.

``KG`` is a closed namespace (``_fail = True``): a misspelt term raises at import time instead of
leaking into the graph. ``tests/test_vocab.py`` checks that it and ``ontology/kg.ttl`` declare the
same terms.
"""
from __future__ import annotations

import os

from rdflib import Namespace
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    VOID,
    XSD,
    DefinedNamespace,
)
from rdflib.term import URIRef

__all__ = [
    "KG", "SEM", "OA", "SCHEMA", "TIME", "PROV", "ORG", "FOAF", "DCTERMS", "SKOS", "RDF", "RDFS",
    "XSD", "OWL", "VOID", "DCAT", "WD", "DEFAULT_BASE_IRI", "PREFIXES", "base_iri",
]


class KG(DefinedNamespace):
    """kg's ontology namespace; every term is documented in ``ontology/kg.ttl``."""

    _NS = Namespace("https://w3id.org/conflict-kg/ns#")
    _fail = True

    # classes
    SourceDocument: URIRef
    Event: URIRef
    War: URIRef
    Battle: URIRef
    Attack: URIRef
    Ambush: URIRef
    Massacre: URIRef
    Offensive: URIRef
    Raid: URIRef
    Siege: URIRef
    Actor: URIRef
    State: URIRef
    Government: URIRef
    MilitaryForce: URIRef
    ArmedGroup: URIRef
    Coalition: URIRef
    PrivateMilitaryCompany: URIRef
    InternationalOrganization: URIRef
    MediaOrganization: URIRef
    Person: URIRef
    Civilians: URIRef
    Place: URIRef
    Country: URIRef
    Region: URIRef
    Settlement: URIRef
    Side: URIRef
    Claim: URIRef
    CasualtyClaim: URIRef
    CasualtyEstimate: URIRef
    # properties
    sha256: URIRef
    result: URIRef
    hasSide: URIRef
    sideNumber: URIRef
    combatant: URIRef
    commander: URIRef
    strength: URIRef
    territory: URIRef
    event: URIRef
    side: URIRef
    affects: URIRef
    category: URIRef
    count: URIRef
    approximate: URIRef
    minCount: URIRef
    maxCount: URIRef
    quantityText: URIRef
    lowCount: URIRef
    highCount: URIRef
    qualifier: URIRef
    claimDate: URIRef
    evidence: URIRef
    contradicts: URIRef
    disputedBy: URIRef
    killedInAction: URIRef
    # what non-numeric claims say one party did (rdf:predicate of a reified claim)
    seized: URIRef
    entered: URIRef
    controlled: URIRef
    destroyed: URIRef
    shotDown: URIRef
    attacked: URIRef
    withdrewFrom: URIRef
    declaredWarOn: URIRef
    capturedInAction: URIRef
    timeZone: URIRef
    countryCode: URIRef
    demonym: URIRef
    # SKOS concept scheme of casualty categories and its members
    CasualtyCategories: URIRef
    Killed: URIRef
    Injured: URIRef
    Missing: URIRef
    Captured: URIRef
    KilledOrInjured: URIRef
    Displaced: URIRef
    VehiclesDestroyed: URIRef
    VehiclesCaptured: URIRef
    AircraftDestroyed: URIRef
    AircraftDamaged: URIRef
    VesselsDestroyed: URIRef


SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
WD = Namespace("http://www.wikidata.org/entity/")

DEFAULT_BASE_IRI = "https://w3id.org/conflict-kg/id/"

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "sem": str(SEM),
    "prov": str(PROV),
    "org": str(ORG),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "owl": str(OWL),
    "void": str(VOID),
    "dcat": str(DCAT),
    "time": str(TIME),
    "wd": str(WD),
}


def base_iri(explicit: str | None = None) -> str:
    """The instance base IRI: the explicit value, else ``$KG_BASE_IRI``, else the default.

    >>> base_iri("https://example.org/id")
    'https://example.org/id/'
    """
    value = explicit or os.environ.get("KG_BASE_IRI") or DEFAULT_BASE_IRI
    return value if value.endswith(("/", "#")) else value + "/"
