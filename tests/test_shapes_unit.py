"""Unit tests of shapes/kg.ttl: a conforming graph passes, and each way of breaking it fails.

``tests/data/conforming.ttl`` is a small document graph in the mapping's shape. Every case below
applies one SPARQL Update to a copy of it and checks that pyshacl (no inference) reports the
expected focus node, result path and message, so a shape that stops firing, or fires with a
message nobody understands, fails a test named after the constraint.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, NamedTuple

import pyshacl
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS

from kg.validate import prepared_sparql

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "shapes" / "kg.ttl"
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
CONFORMING = ROOT / "tests" / "data" / "conforming.ttl"

B = "https://w3id.org/conflict-kg/id/"
KG = "https://w3id.org/conflict-kg/ns#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"

PROLOGUE = f"""
BASE <{B}>
PREFIX kg: <{KG}>
PREFIX sem: <{SEM}>
PREFIX oa: <{OA}>
PREFIX schema: <{SCHEMA}>
PREFIX prov: <{PROV}>
PREFIX org: <{ORG}>
PREFIX foaf: <{FOAF}>
PREFIX dcterms: <{DCTERMS}>
PREFIX skos: <{SKOS}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX owl: <{OWL}>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

DOC = "document/battle-of-lere-2023"
EVENT = "event/battle-of-lere-2023"
WAR = "event/mali-war"
SIDE1 = f"{EVENT}/side/1"
SIDE2 = f"{EVENT}/side/2"
MALI = "actor/mali"
CSP = "actor/csp-psd"
MNLA = "actor/mnla"
LERE = "place/lere"
MALI_PLACE = "place/mali"
CLAIM1 = "claim/battle-of-lere-2023/1"
CLAIM2 = "claim/battle-of-lere-2023/2"
CLAIM3 = "claim/battle-of-lere-2023/3"
EV_TITLE = "evidence/battle-of-lere-2023/2-23"
GRAPH = "graph/battle-of-lere-2023"
ACTIVITY = "activity/battle-of-lere-2023"
AGENT = "agent/kg-0.1.0"
NEW_CLAIM = "claim/battle-of-lere-2023/9"


def kg(name: str) -> URIRef:
    return URIRef(KG + name)


def sem(name: str) -> URIRef:
    return URIRef(SEM + name)


def oa(name: str) -> URIRef:
    return URIRef(OA + name)


# A result path as the report gives it: an IRI, ("^", p) for an inverse path, or a tuple of IRIs
# for a sequence path. NODE marks a node-level constraint (no sh:resultPath).
NODE = "node"
Path_ = URIRef | tuple | str


class Break(NamedTuple):
    """One way of breaking the conforming graph and the violation it must cause."""

    id: str
    update: str  # SPARQL Update applied to a copy of the conforming graph
    focus: str  # focus node, relative to the instance base
    path: Path_  # expected sh:resultPath, or NODE
    message: str  # a substring of the expected sh:resultMessage


def _relabel_mnla(label: str) -> str:
    return f"""DELETE {{ <{MNLA}> rdfs:label ?l }} INSERT {{ <{MNLA}> rdfs:label {label} }}
               WHERE {{ <{MNLA}> rdfs:label ?l }}"""


def _replace(subject: str, prop: str, value: str) -> str:
    return f"""DELETE {{ <{subject}> {prop} ?o }} INSERT {{ <{subject}> {prop} {value} }}
               WHERE {{ <{subject}> {prop} ?o }}"""


def _delete(subject: str, prop: str) -> str:
    return f"DELETE WHERE {{ <{subject}> {prop} ?o }}"


def _insert(triples: str) -> str:
    return f"INSERT DATA {{ {triples} }}"


LABEL_ONE = "Every event, actor and place needs exactly one rdfs:label"
LABEL_LANG = "rdfs:label must be a non-empty language-tagged string"
LABEL_CLEAN = "rdfs:label contains markup or stray white space"
ALT_CLEAN = "skos:altLabel contains markup or stray white space"
EVIDENCE = "needs at least one kg:evidence"
TIMESTAMP = ("must be an xsd:date, an xsd:gYearMonth, an xsd:gYear, or an xsd:dateTime with a "
             "time-zone offset")
QUANTITY_TYPE = "an xsd:nonNegativeInteger (a whole number of at least 0)"

BREAKS = [
    # --- source document ---------------------------------------------------------------------
    Break("document-no-title", _delete(DOC, "dcterms:title"), DOC, DCTERMS.title,
          "A source document needs exactly one dcterms:title"),
    Break("document-two-titles", _insert(f'<{DOC}> dcterms:title "Another title" .'), DOC,
          DCTERMS.title, "A source document needs exactly one dcterms:title"),
    Break("document-sha256-not-hex", _replace(DOC, "kg:sha256", '"' + "g" * 64 + '"'), DOC,
          kg("sha256"), "64 lowercase hexadecimal digits"),
    Break("document-sha256-uppercase", _replace(DOC, "kg:sha256", '"' + "AB" * 32 + '"'), DOC,
          kg("sha256"), "64 lowercase hexadecimal digits"),
    Break("document-sha256-too-short", _replace(DOC, "kg:sha256", '"abc123"'), DOC,
          kg("sha256"), "64 lowercase hexadecimal digits"),
    Break("document-no-sha256", _delete(DOC, "kg:sha256"), DOC, kg("sha256"),
          "exactly one kg:sha256"),
    Break("document-topic-not-event", _replace(DOC, "foaf:primaryTopic", f"<{LERE}>"), DOC,
          FOAF.primaryTopic, "exactly one foaf:primaryTopic, a kg:Event"),
    Break("document-no-topic", _delete(DOC, "foaf:primaryTopic"), DOC, FOAF.primaryTopic,
          "exactly one foaf:primaryTopic"),
    Break("document-superclass-missing",
          f"DELETE DATA {{ <{DOC}> a foaf:Document }}", DOC, NODE,
          "must also be typed prov:Entity and foaf:Document"),
    # --- named-graph provenance --------------------------------------------------------------
    Break("graph-not-derived-from-document", _delete(GRAPH, "prov:wasDerivedFrom"), GRAPH,
          PROV.wasDerivedFrom, "prov:wasDerivedFrom exactly one kg:SourceDocument"),
    Break("graph-activity-without-software-agent",
          f"DELETE DATA {{ <{AGENT}> a prov:SoftwareAgent }}", GRAPH,
          (PROV.wasGeneratedBy, PROV.wasAssociatedWith),
          "must be prov:wasAssociatedWith a prov:SoftwareAgent"),
    Break("graph-generated-by-non-activity",
          f"DELETE DATA {{ <{ACTIVITY}> a prov:Activity }}", GRAPH, PROV.wasGeneratedBy,
          "exactly one prov:Activity"),
    Break("activity-without-agent", _delete(ACTIVITY, "prov:wasAssociatedWith"), ACTIVITY,
          PROV.wasAssociatedWith, "at least one prov:wasAssociatedWith"),
    Break("software-agent-without-label", _delete(AGENT, "rdfs:label"), AGENT, RDFS.label,
          "exactly one rdfs:label naming it and its version"),
    # --- event: names ------------------------------------------------------------------------
    Break("event-no-label", _delete(EVENT, "rdfs:label"), EVENT, RDFS.label, LABEL_ONE),
    Break("event-two-labels", _insert(f'<{EVENT}> rdfs:label "Battle of Lere"@en .'), EVENT,
          RDFS.label, LABEL_ONE),
    Break("event-label-untagged", _replace(EVENT, "rdfs:label", '"Battle of Léré (2023)"'),
          EVENT, RDFS.label, LABEL_LANG),
    Break("event-label-empty", _replace(EVENT, "rdfs:label", '""@en'), EVENT, RDFS.label,
          LABEL_LANG),
    Break("event-altlabel-untagged", _insert(f'<{EVENT}> skos:altLabel "Battle of Lere" .'),
          EVENT, SKOS.altLabel, "skos:altLabel must be a non-empty language-tagged string"),
    # --- event: time stamps ------------------------------------------------------------------
    Break("event-begin-plain-string",
          _replace(EVENT, "sem:hasBeginTimeStamp", '"September 17, 2023"'), EVENT,
          sem("hasBeginTimeStamp"), "sem:hasBeginTimeStamp " + TIMESTAMP),
    Break("event-begin-datetime-without-offset",
          _replace(EVENT, "sem:hasBeginTimeStamp", '"2023-09-17T01:30:00"^^xsd:dateTime'),
          EVENT, sem("hasBeginTimeStamp"), "sem:hasBeginTimeStamp " + TIMESTAMP),
    Break("event-end-ill-formed-date",
          _replace(EVENT, "sem:hasEndTimeStamp", '"2023-09-31"^^xsd:date'), EVENT,
          sem("hasEndTimeStamp"), "sem:hasEndTimeStamp " + TIMESTAMP),
    Break("event-end-integer", _replace(EVENT, "sem:hasEndTimeStamp", "2023"), EVENT,
          sem("hasEndTimeStamp"), "sem:hasEndTimeStamp " + TIMESTAMP),
    Break("event-two-begins",
          _insert(f'<{EVENT}> sem:hasBeginTimeStamp "2023-09-16"^^xsd:date .'), EVENT,
          sem("hasBeginTimeStamp"), "at most one sem:hasBeginTimeStamp"),
    Break("event-begins-after-end-dates",
          _replace(EVENT, "sem:hasBeginTimeStamp", '"2023-09-18"^^xsd:date'), EVENT,
          sem("hasEndTimeStamp"), "The event begins after it ends"),
    Break("event-begins-after-end-month",
          _replace(EVENT, "sem:hasBeginTimeStamp", '"2023-10"^^xsd:gYearMonth'), EVENT,
          sem("hasEndTimeStamp"), "The event begins after it ends"),
    Break("event-begins-after-end-datetimes",
          _replace(EVENT, "sem:hasBeginTimeStamp", '"2023-09-17T03:30:00+00:00"^^xsd:dateTime')
          + ";"
          + _replace(EVENT, "sem:hasEndTimeStamp", '"2023-09-17T01:30:00+00:00"^^xsd:dateTime'),
          EVENT, sem("hasEndTimeStamp"), "The event begins after it ends"),
    # --- event: links ------------------------------------------------------------------------
    Break("event-place-not-place", _replace(EVENT, "sem:hasPlace", f"<{MALI}>"), EVENT,
          sem("hasPlace"), "sem:hasPlace must point at a kg:Place"),
    Break("event-part-of-non-event", _replace(EVENT, "sem:subEventOf", f"<{MALI_PLACE}>"), EVENT,
          sem("subEventOf"), "sem:subEventOf must point at a kg:Event"),
    Break("event-side-not-side", _insert(f"<{EVENT}> kg:hasSide <{MALI}> ."), EVENT,
          kg("hasSide"), "kg:hasSide must point at a kg:Side"),
    Break("event-actor-not-actor", _insert(f"<{EVENT}> sem:hasActor <{LERE}> ."), EVENT,
          sem("hasActor"), "sem:hasActor must point at a kg:Actor"),
    Break("event-two-results", _insert(f'<{EVENT}> kg:result "Malian victory" .'), EVENT,
          kg("result"), "at most one kg:result"),
    Break("event-no-evidence", _delete(EVENT, "kg:evidence"), EVENT, kg("evidence"), EVIDENCE),
    Break("event-not-sem-event", f"DELETE DATA {{ <{EVENT}> a sem:Event }}", EVENT, NODE,
          "must also be typed sem:Event"),
    Break("event-kind-without-kg-event", f"DELETE DATA {{ <{WAR}> a kg:Event }}", WAR, NODE,
          "must also be typed kg:Event and sem:Event"),
    # --- sides -------------------------------------------------------------------------------
    Break("side-no-number", _delete(SIDE2, "kg:sideNumber"), SIDE2, kg("sideNumber"),
          "A side needs exactly one kg:sideNumber"),
    Break("side-number-zero", _replace(SIDE2, "kg:sideNumber", "0"), SIDE2, kg("sideNumber"),
          "kg:sideNumber must be an xsd:integer of at least 1"),
    Break("side-number-string", _replace(SIDE2, "kg:sideNumber", '"2"'), SIDE2,
          kg("sideNumber"), "kg:sideNumber must be an xsd:integer of at least 1"),
    Break("side-numbers-repeat", _replace(SIDE2, "kg:sideNumber", "1"), EVENT, kg("hasSide"),
          "Two sides of this event have the same kg:sideNumber"),
    Break("side-without-event", f"DELETE DATA {{ <{EVENT}> kg:hasSide <{SIDE2}> }}", SIDE2,
          ("^", kg("hasSide")), "A side must belong to exactly one event"),
    Break("side-combatant-not-actor", _insert(f"<{SIDE2}> kg:combatant <{LERE}> ."), SIDE2,
          kg("combatant"), "kg:combatant must point at a kg:Actor"),
    Break("side-commander-not-person", _insert(f"<{SIDE2}> kg:commander <{MNLA}> ."), SIDE2,
          kg("commander"), "kg:commander must point at a kg:Person"),
    # --- actors ------------------------------------------------------------------------------
    Break("actor-no-label", _delete(MNLA, "rdfs:label"), MNLA, RDFS.label, LABEL_ONE),
    Break("actor-two-labels", _insert(f'<{MNLA}> rdfs:label "NMLA"@en .'), MNLA, RDFS.label,
          LABEL_ONE),
    Break("actor-label-pipe-and-px", _relabel_mnla('"border|20px HCUA"@en'), MNLA, RDFS.label,
          LABEL_CLEAN),
    Break("actor-label-image-size", _relabel_mnla('"20px HCUA"@en'), MNLA, RDFS.label,
          LABEL_CLEAN),
    Break("actor-label-px-word", _relabel_mnla('"HCUA px"@en'), MNLA, RDFS.label, LABEL_CLEAN),
    Break("actor-label-underscore", _relabel_mnla('"CSp_PSD"@en'), MNLA, RDFS.label,
          LABEL_CLEAN),
    Break("actor-label-wiki-link", _relabel_mnla('"[[MNLA]]"@en'), MNLA, RDFS.label,
          LABEL_CLEAN),
    Break("actor-label-template", _relabel_mnla('"{{flagicon|Mali}} Mali"@en'), MNLA,
          RDFS.label, LABEL_CLEAN),
    Break("actor-label-double-space", _relabel_mnla('"Malian  Army"@en'), MNLA, RDFS.label,
          LABEL_CLEAN),
    Break("actor-label-leading-space", _relabel_mnla('" MNLA"@en'), MNLA, RDFS.label,
          LABEL_CLEAN),
    Break("actor-label-trailing-space", _relabel_mnla('"MNLA "@en'), MNLA, RDFS.label,
          LABEL_CLEAN),
    Break("actor-label-line-break", _relabel_mnla('"MNLA\\nHCUA"@en'), MNLA, RDFS.label,
          LABEL_CLEAN),
    Break("actor-altlabel-markup", _insert(f'<{CSP}> skos:altLabel "CSP_PSD"@en .'), CSP,
          SKOS.altLabel, ALT_CLEAN),
    Break("actor-no-evidence", _delete(MNLA, "kg:evidence"), MNLA, kg("evidence"), EVIDENCE),
    Break("actor-member-of-non-actor", _insert(f"<{MALI}> org:memberOf <{LERE}> ."), MALI,
          ORG.memberOf, "org:memberOf must point at a kg:Actor"),
    Break("actor-membership-one-way", f"DELETE DATA {{ <{CSP}> org:hasMember <{MNLA}> }}", MNLA,
          ORG.memberOf, "does not list it with org:hasMember"),
    Break("actor-has-member-one-way", f"DELETE DATA {{ <{MNLA}> org:memberOf <{CSP}> }}", CSP,
          ORG.hasMember, "is not org:memberOf it"),
    Break("actor-same-as-literal", _insert(f'<{MALI}> owl:sameAs "Q912" .'), MALI, OWL.sameAs,
          "owl:sameAs must point at an IRI"),
    Break("actor-not-prov-agent", f"DELETE DATA {{ <{MALI}> a prov:Agent }}", MALI, NODE,
          "must also be typed sem:Actor and prov:Agent"),
    Break("actor-kind-without-kg-actor", f"DELETE DATA {{ <{MNLA}> a kg:Actor }}", MNLA, NODE,
          "must also be typed kg:Actor"),
    Break("coalition-not-org-collaboration",
          f"DELETE DATA {{ <{CSP}> a org:OrganizationalCollaboration }}", CSP, NODE,
          "must also be typed org:OrganizationalCollaboration"),
    # --- places ------------------------------------------------------------------------------
    Break("place-no-label", _delete(LERE, "rdfs:label"), LERE, RDFS.label, LABEL_ONE),
    Break("place-label-markup", _replace(LERE, "rdfs:label", '"[[Léré]]"@en'), LERE,
          RDFS.label, LABEL_CLEAN),
    Break("place-altlabel-markup", _insert(f'<{LERE}> skos:altLabel "Lere|Léré"@en .'), LERE,
          SKOS.altLabel, ALT_CLEAN),
    Break("place-in-non-place", _replace(LERE, "schema:containedInPlace", f"<{MALI}>"), LERE,
          URIRef(SCHEMA + "containedInPlace"), "schema:containedInPlace must point at a kg:Place"),
    Break("place-no-evidence", _delete(LERE, "kg:evidence"), LERE, kg("evidence"), EVIDENCE),
    Break("place-time-zone-not-iana", _replace(LERE, "kg:timeZone", '"Bamako time"'), LERE,
          kg("timeZone"), "an IANA zone name"),
    Break("place-not-schema-place", f"DELETE DATA {{ <{LERE}> a schema:Place }}", LERE, NODE,
          "must also be typed sem:Place and schema:Place"),
    Break("country-code-three-letters", _replace(MALI_PLACE, "kg:countryCode", '"MLI"'),
          MALI_PLACE, kg("countryCode"), "two capital letters"),
    Break("country-code-lowercase", _replace(MALI_PLACE, "kg:countryCode", '"ml"'), MALI_PLACE,
          kg("countryCode"), "two capital letters"),
    Break("country-not-schema-country", f"DELETE DATA {{ <{MALI_PLACE}> a schema:Country }}",
          MALI_PLACE, NODE, "must also be typed schema:Country"),
    Break("country-without-kg-place", f"DELETE DATA {{ <{MALI_PLACE}> a kg:Place }}",
          MALI_PLACE, NODE, "must also be typed kg:Place"),
    # --- casualty claims ---------------------------------------------------------------------
    Break("claim-no-evidence", _delete(CLAIM1, "kg:evidence"), CLAIM1, kg("evidence"),
          EVIDENCE),
    Break("claim-no-event", _delete(CLAIM1, "kg:event"), CLAIM1, kg("event"),
          "A casualty claim needs exactly one kg:event"),
    Break("claim-event-not-event", _replace(CLAIM1, "kg:event", f"<{LERE}>"), CLAIM1,
          kg("event"), "A casualty claim needs exactly one kg:event, a kg:Event"),
    Break("claim-side-and-affects", _insert(f"<{CLAIM1}> kg:affects <{MNLA}> ."), CLAIM1, NODE,
          "exactly one of kg:side (a side's losses) and kg:affects"),
    Break("claim-neither-side-nor-affects", _delete(CLAIM1, "kg:side"), CLAIM1, NODE,
          "exactly one of kg:side (a side's losses) and kg:affects"),
    Break("claim-side-not-side", _replace(CLAIM1, "kg:side", f"<{MALI}>"), CLAIM1, kg("side"),
          "at most one kg:side, a kg:Side"),
    Break("claim-category-outside-scheme", _replace(CLAIM1, "kg:category", "kg:Wounded"),
          CLAIM1, kg("category"), "kg:category must be a concept of kg:CasualtyCategories"),
    Break("claim-category-literal", _replace(CLAIM1, "kg:category", '"Killed"'), CLAIM1,
          kg("category"), "kg:category must be a concept of kg:CasualtyCategories"),
    Break("claim-no-category", _delete(CLAIM1, "kg:category"), CLAIM1, kg("category"),
          "A casualty claim needs exactly one kg:category from kg:CasualtyCategories"),
    Break("claim-two-categories", _insert(f"<{CLAIM1}> kg:category kg:Injured ."), CLAIM1,
          kg("category"),
          "A casualty claim needs exactly one kg:category from kg:CasualtyCategories"),
    Break("claim-count-string", _replace(CLAIM1, "kg:count", '"5"'), CLAIM1, kg("count"),
          "at most one kg:count, " + QUANTITY_TYPE),
    Break("claim-count-negative-integer", _replace(CLAIM1, "kg:count", "-5"), CLAIM1,
          kg("count"), "at most one kg:count, " + QUANTITY_TYPE),
    Break("claim-count-ill-typed", _replace(CLAIM1, "kg:count", '"-5"^^xsd:nonNegativeInteger'),
          CLAIM1, kg("count"), "at most one kg:count, " + QUANTITY_TYPE),
    Break("claim-count-decimal", _replace(CLAIM1, "kg:count", "5.0"), CLAIM1, kg("count"),
          "at most one kg:count, " + QUANTITY_TYPE),
    Break("claim-two-counts", _insert(f'<{CLAIM1}> kg:count "6"^^xsd:nonNegativeInteger .'),
          CLAIM1, kg("count"), "at most one kg:count"),
    Break("claim-min-count-string", _replace(CLAIM3, "kg:minCount", '"seven"'), CLAIM3,
          kg("minCount"), "at most one kg:minCount, " + QUANTITY_TYPE),
    Break("claim-max-count-negative", _replace(CLAIM3, "kg:maxCount", "-30"), CLAIM3,
          kg("maxCount"), "at most one kg:maxCount, " + QUANTITY_TYPE),
    Break("claim-min-above-max",
          _replace(CLAIM3, "kg:minCount", '"31"^^xsd:nonNegativeInteger'), CLAIM3,
          kg("minCount"), "kg:minCount must not be greater than kg:maxCount"),
    Break("claim-no-quantity", _delete(CLAIM1, "kg:count"), CLAIM1, NODE,
          "A casualty claim needs a quantity"),
    Break("claim-vague-with-count", _insert(f'<{CLAIM1}> kg:quantityText "several" .'), CLAIM1,
          NODE, "must not also have a kg:count"),
    Break("claim-approximate-not-boolean", _replace(CLAIM3, "kg:approximate", '"yes"'), CLAIM3,
          kg("approximate"), "at most one kg:approximate, an xsd:boolean"),
    Break("claim-attributed-to-place", _replace(CLAIM1, "prov:wasAttributedTo", f"<{LERE}>"),
          CLAIM1, PROV.wasAttributedTo, "prov:wasAttributedTo must point at a kg:Actor"),
    Break("claim-date-plain-string", _replace(CLAIM3, "kg:claimDate", '"18 September 2023"'),
          CLAIM3, kg("claimDate"), "kg:claimDate " + TIMESTAMP),
    Break("claim-two-dates", _insert(f'<{CLAIM3}> kg:claimDate "2023-09"^^xsd:gYearMonth .'),
          CLAIM3, kg("claimDate"), "at most one kg:claimDate"),
    Break("claim-generated-at-date",
          _insert(f'<{CLAIM3}> prov:generatedAtTime "2023-09-18"^^xsd:date .'),
          CLAIM3, PROV.generatedAtTime, "use kg:claimDate for a date, month or year"),
    Break("claim-contradiction-one-way",
          f"DELETE DATA {{ <{CLAIM2}> kg:contradicts <{CLAIM1}> }}", CLAIM1, kg("contradicts"),
          "write contradictions in both directions"),
    Break("claim-contradicts-itself", _insert(f"<{CLAIM3}> kg:contradicts <{CLAIM3}> ."),
          CLAIM3, kg("contradicts"), "A claim cannot contradict itself"),
    Break("claim-without-kg-claim-type", f"DELETE DATA {{ <{CLAIM1}> a kg:Claim }}", CLAIM1,
          NODE, "must also be typed kg:Claim and prov:Entity"),
    # --- other (reified) claims --------------------------------------------------------------
    Break("reified-claim-two-subjects",
          _insert(f"""<{NEW_CLAIM}> a kg:Claim , prov:Entity , rdf:Statement ;
                      rdf:subject <{CSP}> , <{MNLA}> ; rdf:predicate <http://example.org/seized> ;
                      rdf:object <{LERE}> ; kg:evidence <{EV_TITLE}> ."""),
          NEW_CLAIM, RDF.subject, "A claim has at most one rdf:subject"),
    Break("reified-claim-missing-object",
          _insert(f"""<{NEW_CLAIM}> a kg:Claim , prov:Entity , rdf:Statement ;
                      rdf:subject <{CSP}> ; rdf:predicate <http://example.org/seized> ;
                      kg:evidence <{EV_TITLE}> ."""),
          NEW_CLAIM, NODE, "A claim must be a kg:CasualtyClaim or state one triple"),
    Break("reified-claim-no-evidence",
          _insert(f"""<{NEW_CLAIM}> a kg:Claim , prov:Entity , rdf:Statement ;
                      rdf:subject <{CSP}> ; rdf:predicate <http://example.org/seized> ;
                      rdf:object <{LERE}> ."""),
          NEW_CLAIM, kg("evidence"), EVIDENCE),
    Break("reified-claim-disputed-by-place",
          _insert(f"""<{NEW_CLAIM}> a kg:Claim , prov:Entity , rdf:Statement ;
                      rdf:subject <{CSP}> ; rdf:predicate <http://example.org/seized> ;
                      rdf:object <{LERE}> ; kg:evidence <{EV_TITLE}> ; kg:disputedBy <{LERE}> ."""),
          NEW_CLAIM, kg("disputedBy"), "kg:disputedBy must point at a prov:Agent"),
    # --- evidence ----------------------------------------------------------------------------
    Break("evidence-no-quote-selector",
          f"DELETE DATA {{ <{EV_TITLE}> oa:hasSelector <{EV_TITLE}/quote> }}", EV_TITLE,
          oa("hasSelector"), "exactly one oa:hasSelector that is an oa:TextQuoteSelector"),
    Break("evidence-no-position-selector",
          f"DELETE DATA {{ <{EV_TITLE}> oa:hasSelector <{EV_TITLE}/position> }}", EV_TITLE,
          oa("hasSelector"), "exactly one oa:hasSelector that is an oa:TextPositionSelector"),
    Break("evidence-two-position-selectors",
          _insert(f"""<{EV_TITLE}> oa:hasSelector <{EV_TITLE}/position2> .
                      <{EV_TITLE}/position2> a oa:TextPositionSelector ;
                      oa:start "2"^^xsd:nonNegativeInteger ;
                      oa:end "23"^^xsd:nonNegativeInteger ."""),
          EV_TITLE, oa("hasSelector"),
          "exactly one oa:hasSelector that is an oa:TextPositionSelector"),
    Break("evidence-no-source", _delete(EV_TITLE, "oa:hasSource"), EV_TITLE, oa("hasSource"),
          "exactly one oa:hasSource"),
    Break("evidence-source-not-document", _replace(EV_TITLE, "oa:hasSource", f"<{EVENT}>"),
          EV_TITLE, oa("hasSource"), "the kg:SourceDocument the span is in"),
    Break("evidence-untyped", f"DELETE DATA {{ <{EV_TITLE}> a oa:SpecificResource }}", EV_TITLE,
          NODE, "An evidence must be typed oa:SpecificResource"),
    Break("evidence-quote-does-not-fit",
          _replace(f"{EV_TITLE}/quote", "oa:exact", '"Battle of Léré"'), EV_TITLE,
          oa("hasSelector"), "The quote does not fit the position"),
    Break("position-start-equals-end",
          _replace(f"{EV_TITLE}/position", "oa:start", '"23"^^xsd:nonNegativeInteger'),
          f"{EV_TITLE}/position", oa("start"), "oa:start must be less than oa:end"),
    Break("position-start-after-end",
          _replace(f"{EV_TITLE}/position", "oa:start", '"30"^^xsd:nonNegativeInteger'),
          f"{EV_TITLE}/position", oa("start"), "oa:start must be less than oa:end"),
    Break("position-start-string", _replace(f"{EV_TITLE}/position", "oa:start", '"2"'),
          f"{EV_TITLE}/position", oa("start"), "exactly one oa:start, an xsd:nonNegativeInteger"),
    Break("position-no-end", _delete(f"{EV_TITLE}/position", "oa:end"), f"{EV_TITLE}/position",
          oa("end"), "exactly one oa:end"),
    Break("quote-empty", _replace(f"{EV_TITLE}/quote", "oa:exact", '""'), f"{EV_TITLE}/quote",
          oa("exact"), "exactly one oa:exact, a non-empty plain string"),
    Break("quote-two-exacts", _insert(f'<{EV_TITLE}/quote> oa:exact "Battle of Lere (2023)" .'),
          f"{EV_TITLE}/quote", oa("exact"), "exactly one oa:exact"),
]

# Changes that must keep the graph conforming: the shapes are not stricter than the contract.
STILL_CONFORMING = {
    "label-with-parentheses-and-accents": _relabel_mnla('"GATIA (al-Mahmoud faction)"@en'),
    "label-with-commas": _relabel_mnla(
        '"Permanent Strategic Framework for Peace, Security, and Development"@en'),
    "label-containing-px-inside-a-word": _relabel_mnla('"Expxo Group"@en'),
    "begin-month-end-day": _replace(EVENT, "sem:hasBeginTimeStamp", '"2023-09"^^xsd:gYearMonth'),
    "begin-day-end-month": _replace(EVENT, "sem:hasEndTimeStamp", '"2023-09"^^xsd:gYearMonth'),
    "begin-year-only": _replace(EVENT, "sem:hasBeginTimeStamp", '"2023"^^xsd:gYear'),
    "date-times-with-offsets": (
        _replace(EVENT, "sem:hasBeginTimeStamp", '"2023-09-17T01:30:00+00:00"^^xsd:dateTime')
        + ";" + _replace(EVENT, "sem:hasEndTimeStamp", '"2023-09-18T03:00:00Z"^^xsd:dateTime')),
    "no-time-stamps": _delete(EVENT, "sem:hasBeginTimeStamp") + ";"
    + _delete(EVENT, "sem:hasEndTimeStamp"),
    "side-without-combatants": _delete(SIDE2, "kg:combatant"),
    "claim-affecting-civilians": (
        _delete(CLAIM1, "kg:side") + ";"
        + _insert(f"""<{CLAIM1}> kg:affects <actor/civilians-of-lere> .
                      <actor/civilians-of-lere> a kg:Actor , sem:Actor , prov:Agent , kg:Civilians ;
                      rdfs:label "civilians of Léré"@en ; kg:evidence <{EV_TITLE}> .""")),
    "claim-vague-quantity": _delete(CLAIM1, "kg:count") + ";"
    + _insert(f'<{CLAIM1}> kg:quantityText "several dozen" .'),
    "claim-own-voice-without-claimant": _delete(CLAIM1, "prov:wasAttributedTo"),
    "claim-joint-claimants": _insert(f"<{CLAIM1}> prov:wasAttributedTo <{CSP}> ."),
    "claim-min-equals-max": _replace(CLAIM3, "kg:minCount", '"30"^^xsd:nonNegativeInteger'),
    "claim-with-full-generation-time": _insert(
        f'<{CLAIM3}> prov:generatedAtTime "2023-09-18T21:00:00+00:00"^^xsd:dateTime .'),
    "reified-claim-disputed": _insert(
        f"""<{NEW_CLAIM}> a kg:Claim , prov:Entity , rdf:Statement ;
            rdf:subject <{CSP}> ; rdf:predicate <http://example.org/seized> ; rdf:object <{LERE}> ;
            prov:wasAttributedTo <{CSP}> ; kg:disputedBy <{MALI}> ; kg:evidence <{EV_TITLE}> ."""),
    "evidence-shared-by-two-nodes": _insert(f"<{WAR}> kg:evidence <{EV_TITLE}> ."),
}


@pytest.fixture(scope="module", autouse=True)
def _reuse_parsed_sparql() -> Iterator[None]:
    """Parse each SPARQL constraint once while this module runs, as ``kg validate`` does
    (rdflib would otherwise parse it again for every focus node: minutes for these tests)."""
    with prepared_sparql():
        yield


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES)


@pytest.fixture(scope="module")
def conforming() -> Graph:
    return Graph().parse(CONFORMING)


def _validate(data: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    # As kg.validate calls it.
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    return conforms, report, text


def _path(report: Graph, node) -> Path_:
    """The result path in the form ``Break.path`` uses."""
    if node is None:
        return NODE
    if isinstance(node, URIRef):
        return node
    inverse = report.value(node, SH.inversePath)
    if inverse is not None:
        return ("^", inverse)
    return tuple(Collection(report, node))


def _results(report: Graph) -> list[tuple[str, Path_, str]]:
    """(focus node, result path, message) of every top-level validation result.

    Each result must carry exactly one message: pyshacl attaches a node shape's sh:message to
    every result of that shape, so a second message means a shape mixes constraints whose
    messages then contradict each other.
    """
    found = []
    # sh:node failures nest the inner shape's results under sh:detail; only sh:result counts.
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        path = _path(report, report.value(result, SH.resultPath))
        messages = [str(m) for m in report.objects(result, SH.resultMessage)]
        assert len(messages) == 1, f"{focus} {path}: {messages}"
        found.append((str(focus), path, messages[0]))
    return found


def _broken(conforming: Graph, update: str) -> Graph:
    graph = Graph()
    for triple in conforming:
        graph.add(triple)
    if update:
        graph.update(PROLOGUE + update)
    return graph


def test_conforming_graph_conforms(conforming: Graph, shapes: Graph) -> None:
    conforms, _, text = _validate(conforming, shapes)
    assert conforms, text


@pytest.mark.parametrize("case", BREAKS, ids=[b.id for b in BREAKS])
def test_break_is_reported(case: Break, conforming: Graph, shapes: Graph) -> None:
    graph = _broken(conforming, case.update)
    assert not graph.isomorphic(conforming), "the update changed nothing"
    conforms, report, text = _validate(graph, shapes)
    assert not conforms
    found = _results(report)
    expected_focus = B + case.focus
    assert any(
        focus == expected_focus and path == case.path and case.message in message
        for focus, path, message in found
    ), f"expected {case.focus} {case.path} {case.message!r}; got:\n{text}"
    assert all(severity == SH.Violation for severity in report.objects(None, SH.resultSeverity))
    # No nested (sh:detail) results: every result is a top-level one, as kg.validate reads them.
    assert set(report.subjects(RDF.type, SH.ValidationResult)) == set(
        report.objects(None, SH.result))


@pytest.mark.parametrize("name", sorted(STILL_CONFORMING))
def test_allowed_variation_conforms(name: str, conforming: Graph, shapes: Graph) -> None:
    graph = _broken(conforming, STILL_CONFORMING[name])
    assert not graph.isomorphic(conforming), "the update changed nothing"
    conforms, _, text = _validate(graph, shapes)
    assert conforms, text


def test_category_list_matches_the_concept_scheme(shapes: Graph) -> None:
    """The sh:in list spells out kg:CasualtyCategories; it must not drift from the ontology."""
    ontology = Graph().parse(ONTOLOGY)
    in_scheme = set(ontology.subjects(SKOS.inScheme, kg("CasualtyCategories")))
    lists = [
        set(Collection(shapes, members))
        for shape in shapes.subjects(SH.path, kg("category"))
        for members in shapes.objects(shape, SH["in"])
    ]
    assert lists == [in_scheme]


def test_every_shape_is_documented(shapes: Graph) -> None:
    """Every node shape and every property shape says what it is for and what a failure means."""
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = {p for s in node_shapes for p in shapes.objects(s, SH.property)}
    # Shapes nested in sh:or / sh:xone / sh:not / qualified shapes are parts of one constraint:
    # the shape holding that constraint carries its message.
    for shape in node_shapes | property_shapes:
        assert shapes.value(shape, SH.description) is not None, f"{shape} lacks sh:description"
    for shape in property_shapes:
        assert shapes.value(shape, SH.message) is not None, f"{shape} lacks sh:message"
    node_level = [SH["class"], SH["or"], SH.xone, SH["not"], SH["in"], SH.datatype]
    for shape in node_shapes:
        if any(shapes.value(shape, p) is not None for p in node_level):
            assert shapes.value(shape, SH.message) is not None, f"{shape} lacks sh:message"
    for constraint in shapes.objects(None, SH.sparql):
        assert shapes.value(constraint, SH.message) is not None, f"{constraint} lacks sh:message"


def test_shapes_use_https_schema_org(shapes: Graph) -> None:
    assert "http://schema.org/" not in SHAPES.read_text(encoding="utf-8")
    assert not any(
        str(term).startswith("http://schema.org/") for triple in shapes for term in triple
    )


def test_blank_node_evidence_is_checked_too(conforming: Graph, shapes: Graph) -> None:
    """Evidence is found through kg:evidence, so an untyped blank-node evidence is still checked."""
    graph = _broken(conforming, "")
    evidence = BNode()
    graph.add((URIRef(B + MALI), kg("evidence"), evidence))
    conforms, report, text = _validate(graph, shapes)
    assert not conforms
    assert any(focus == str(evidence) for focus, _, _ in _results(report)), text
