"""Every vocabulary kg writes, in one place: the namespaces, kg's own terms, and two views of them.

- Oxigraph terms (``KG_``, ``SEM_``, …: ``KG_.Event`` is an ``ox.NamedNode``) for the paths that
  build, store and export the graph. They need no rdflib.
- rdflib namespace objects (``KG``, ``SEM``, ``PROV``, …) for code that works with rdflib graphs
  (pySHACL, the ontology tests). They are made on first use, so a command that never touches
  rdflib (``kg export``, ``kg query``) does not pay its import, about half of a cold export.

``KG`` is closed in both views: a misspelt term raises instead of leaking into the graph.
``tests/test_ontology.py`` checks that ``KG_TERMS`` and ``ontology/kg.ttl`` declare the same terms.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:  # made on first use by __getattr__ below
    from rdflib.namespace import ClosedNamespace, Namespace

    KG: ClosedNamespace
    SEM: Namespace
    OA: Namespace
    SCHEMA: Namespace
    TIME: Namespace
    PROV: Namespace
    ORG: Namespace
    FOAF: Namespace
    DCTERMS: Namespace
    SKOS: Namespace
    RDF: Namespace
    RDFS: Namespace
    XSD: Namespace
    OWL: Namespace
    VOID: Namespace
    DCAT: Namespace
    WD: Namespace

__all__ = [
    "PREFIXES", "KG_TERMS", "DEFAULT_BASE_IRI", "base_iri", "Terms",
    "KG_", "SEM_", "OA_", "SCHEMA_", "TIME_", "PROV_", "ORG_", "FOAF_", "DCTERMS_", "SKOS_",
    "RDF_", "RDFS_", "XSD_", "OWL_", "VOID_", "DCAT_", "WD_",
    "KG", "SEM", "OA", "SCHEMA", "TIME", "PROV", "ORG", "FOAF", "DCTERMS", "SKOS", "RDF", "RDFS",
    "XSD", "OWL", "VOID", "DCAT", "WD",
]

PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/conflict-kg/ns#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "time": "http://www.w3.org/2006/time#",
    "wd": "http://www.wikidata.org/entity/",
}

# every term of kg's ontology namespace; each is documented in ontology/kg.ttl
KG_TERMS: tuple[str, ...] = (
    # classes
    "SourceDocument", "Event", "War", "Battle", "Attack", "Ambush", "Massacre", "Offensive",
    "Raid", "Siege", "Actor", "State", "Government", "MilitaryForce", "ArmedGroup", "Coalition",
    "PrivateMilitaryCompany", "InternationalOrganization", "MediaOrganization", "Person",
    "Civilians", "Place", "Country", "Region", "Settlement", "Side", "Claim", "CasualtyClaim",
    "CasualtyEstimate",
    # properties
    "sha256", "result", "hasSide", "sideNumber", "combatant", "commander", "strength",
    "territory", "event", "side", "affects", "category", "count", "approximate", "minCount",
    "maxCount", "quantityText", "lowCount", "highCount", "qualifier", "claimDate", "evidence",
    "contradicts", "disputedBy", "killedInAction",
    # what non-numeric claims say one party did (rdf:predicate of a reified claim)
    "seized", "entered", "controlled", "destroyed", "shotDown", "attacked", "withdrewFrom",
    "declaredWarOn", "capturedInAction", "timeZone", "countryCode", "demonym",
    # SKOS concept scheme of casualty categories and its members
    "CasualtyCategories", "Killed", "Injured", "Missing", "Captured", "KilledOrInjured",
    "Displaced", "VehiclesDestroyed", "VehiclesCaptured", "AircraftDestroyed",
    "AircraftDamaged", "VesselsDestroyed",
)

DEFAULT_BASE_IRI = "https://w3id.org/conflict-kg/id/"


def base_iri(explicit: str | None = None) -> str:
    """The instance base IRI: the explicit value, else ``$KG_BASE_IRI``, else the default.

    >>> base_iri("https://example.org/id")
    'https://example.org/id/'
    """
    value = explicit or os.environ.get("KG_BASE_IRI") or DEFAULT_BASE_IRI
    return value if value.endswith(("/", "#")) else value + "/"


class Terms:
    """The terms of one namespace as Oxigraph nodes, each made once on first use.

    >>> Terms("http://www.w3.org/ns/oa#").exact.value
    'http://www.w3.org/ns/oa#exact'
    >>> Terms("https://w3id.org/conflict-kg/ns#", {"Event"}).Evnt
    Traceback (most recent call last):
    AttributeError: 'Evnt' is not a term of https://w3id.org/conflict-kg/ns#
    """

    def __init__(self, iri: str, closed: frozenset[str] | set[str] | None = None) -> None:
        self._iri = iri
        self._closed = closed

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_") or (self._closed is not None and name not in self._closed):
            raise AttributeError(f"{name!r} is not a term of {self._iri}")
        node = ox.NamedNode(self._iri + name)
        setattr(self, name, node)
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return getattr(self, name)

    def __str__(self) -> str:
        return self._iri


KG_ = Terms(PREFIXES["kg"], frozenset(KG_TERMS))
SEM_ = Terms(PREFIXES["sem"])
OA_ = Terms(PREFIXES["oa"])
SCHEMA_ = Terms(PREFIXES["schema"])
TIME_ = Terms(PREFIXES["time"])
PROV_ = Terms(PREFIXES["prov"])
ORG_ = Terms(PREFIXES["org"])
FOAF_ = Terms(PREFIXES["foaf"])
DCTERMS_ = Terms(PREFIXES["dcterms"])
SKOS_ = Terms(PREFIXES["skos"])
RDF_ = Terms(PREFIXES["rdf"])
RDFS_ = Terms(PREFIXES["rdfs"])
XSD_ = Terms(PREFIXES["xsd"])
OWL_ = Terms(PREFIXES["owl"])
VOID_ = Terms(PREFIXES["void"])
DCAT_ = Terms(PREFIXES["dcat"])
WD_ = Terms(PREFIXES["wd"])


def __getattr__(name: str) -> Any:
    """``KG``, ``SEM``, …: rdflib namespace objects, made (and rdflib imported) on first use."""
    prefix = name.lower()
    if name != name.upper() or prefix not in PREFIXES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from rdflib import Namespace, URIRef
    from rdflib.namespace import ClosedNamespace

    iri = PREFIXES[prefix]
    namespace = (ClosedNamespace(URIRef(iri), list(KG_TERMS)) if prefix == "kg"
                 else Namespace(iri))
    globals()[name] = namespace
    return namespace
