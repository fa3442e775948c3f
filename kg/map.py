"""The one place where extracted facts become RDF: :class:`kg.model.Extraction` → triples of the
document's named graph, following the contract in DESIGN.md.

Direct ("truthy") triples carry what the article says in its own voice; every attributed figure is
a claim node with its claimants and evidence. IRIs are readable slugs under the base IRI, the
same actor or place gets the same IRI in every document, and no blank node is minted, so that
the same input always gives the same graph.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import __version__
from kg.model import (
    Actor,
    CasualtyClaim,
    Estimate,
    Event,
    Extraction,
    Place,
    Span,
    StatementClaim,
    TimeStamp,
)
from kg.vocab import (
    DCTERMS_,
    FOAF_,
    KG_,
    OA_,
    ORG_,
    OWL_,
    PROV_,
    RDF_,
    RDFS_,
    SCHEMA_,
    SEM_,
    SKOS_,
    XSD_,
)
from kg.vocab import base_iri as resolve_base

if TYPE_CHECKING:
    import rdflib

__all__ = ["Iris", "extraction_triples", "extraction_quads", "extraction_graph"]

Term = ox.NamedNode | ox.Literal
Triple = tuple[ox.NamedNode, ox.NamedNode, Term]


_ORGANISATIONS = {"State", "Government", "MilitaryForce", "ArmedGroup", "Coalition",
                  "PrivateMilitaryCompany", "InternationalOrganization", "MediaOrganization"}
_PLACE_TYPES = {
    "Country": (KG_.Country, SCHEMA_.Country),
    "Region": (KG_.Region, SCHEMA_.AdministrativeArea),
    "Settlement": (KG_.Settlement,),
}
_CONTEXT_CHARS = 32


class Iris:
    """Mints the instance IRIs of kg under one base."""

    def __init__(self, base: str | None = None) -> None:
        self.base = resolve_base(base)

    def _iri(self, path: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + path)

    def document(self, key: str) -> ox.NamedNode:
        return self._iri(f"document/{key}")

    def graph(self, key: str) -> ox.NamedNode:
        return self._iri(f"graph/{key}")

    def activity(self, key: str) -> ox.NamedNode:
        return self._iri(f"activity/{key}")

    def agent(self) -> ox.NamedNode:
        return self._iri(f"agent/kg/{__version__}")

    def event(self, key: str) -> ox.NamedNode:
        return self._iri(f"event/{key}")

    def side(self, event: str, number: int) -> ox.NamedNode:
        return self._iri(f"event/{event}/side/{number}")

    def actor(self, key: str) -> ox.NamedNode:
        return self._iri(f"actor/{key}")

    def place(self, key: str) -> ox.NamedNode:
        return self._iri(f"place/{key}")

    def claim(self, document: str, number: int) -> ox.NamedNode:
        return self._iri(f"claim/{document}/{number}")

    def estimate(self, document: str, side: int, category: str) -> ox.NamedNode:
        return self._iri(f"estimate/{document}/side-{side}-{category.lower()}")

    def evidence(self, document: str, span: Span) -> ox.NamedNode:
        return self._iri(f"evidence/{document}/{span.start}-{span.end}")


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _text(text: str) -> ox.Literal:
    return ox.Literal(text)


def _timestamp(stamp: TimeStamp) -> ox.Literal:
    return ox.Literal(stamp.lexical, datatype=XSD_[stamp.datatype])


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_.nonNegativeInteger)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_.integer)


_TRUE = ox.Literal("true", datatype=XSD_.boolean)


class _Mapper:
    def __init__(self, ex: Extraction, iris: Iris) -> None:
        self.ex = ex
        self.iris = iris
        self.doc = ex.document
        self.doc_iri = iris.document(ex.document.key)
        self.out: list[Triple] = []
        self._evidence_done: set[tuple[int, int]] = set()

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: Term) -> None:
        self.out.append((s, p, o))

    def types(self, s: ox.NamedNode, *classes: ox.NamedNode) -> None:
        for c in classes:
            self.add(s, RDF_.type, c)

    def evidence(self, subject: ox.NamedNode, spans: Iterable[Span]) -> None:
        for span in spans:
            ev = self.iris.evidence(self.doc.key, span)
            self.add(subject, KG_.evidence, ev)
            if (span.start, span.end) in self._evidence_done:
                continue
            self._evidence_done.add((span.start, span.end))
            position = ox.NamedNode(f"{ev.value}/position")
            quote = ox.NamedNode(f"{ev.value}/quote")
            text = self.doc.text
            self.types(ev, OA_.SpecificResource)
            self.add(ev, OA_.hasSource, self.doc_iri)
            self.add(ev, OA_.hasSelector, position)
            self.add(ev, OA_.hasSelector, quote)
            self.types(position, OA_.TextPositionSelector)
            self.add(position, OA_.start, _count(span.start))
            self.add(position, OA_.end, _count(span.end))
            self.types(quote, OA_.TextQuoteSelector)
            self.add(quote, OA_.exact, _text(span.exact))
            prefix = text[max(0, span.start - _CONTEXT_CHARS):span.start]
            suffix = text[span.end:span.end + _CONTEXT_CHARS]
            if prefix:
                self.add(quote, OA_.prefix, _text(prefix))
            if suffix:
                self.add(quote, OA_.suffix, _text(suffix))

    def run(self) -> list[Triple]:
        ex, iris = self.ex, self.iris
        key = self.doc.key
        graph, activity, agent = iris.graph(key), iris.activity(key), iris.agent()
        self.types(self.doc_iri, KG_.SourceDocument, PROV_.Entity, FOAF_.Document)
        self.add(self.doc_iri, DCTERMS_.title, _text(self.doc.title))
        self.add(self.doc_iri, DCTERMS_.identifier, _text(self.doc.path.replace("\\", "/")
                                                           .rsplit("/", 1)[-1]))
        self.add(self.doc_iri, KG_.sha256, _text(self.doc.sha256))
        self.add(self.doc_iri, FOAF_.primaryTopic, iris.event(ex.event.key))
        self.types(graph, PROV_.Bundle, PROV_.Entity)
        self.add(graph, PROV_.wasDerivedFrom, self.doc_iri)
        self.add(graph, PROV_.wasGeneratedBy, activity)
        self.types(activity, PROV_.Activity)
        self.add(activity, PROV_.used, self.doc_iri)
        self.add(activity, PROV_.wasAssociatedWith, agent)
        self.types(agent, PROV_.SoftwareAgent, PROV_.Agent)
        self.add(agent, RDFS_.label, _text(f"kg {__version__}"))

        self.event(ex.event)
        for war in ex.events.values():
            self.event(war)
        for actor in ex.actors.values():
            self.actor(actor)
        for place in ex.places.values():
            self.place(place)
        for number, claim in enumerate(ex.claims, start=1):
            self.claim(iris.claim(key, number), claim)
        for number, statement in enumerate(ex.statements, start=len(ex.claims) + 1):
            self.statement(iris.claim(key, number), statement)
        for estimate in ex.estimates:
            self.estimate(estimate)
        for i, j in ex.contradictions:
            a, b = iris.claim(key, i + 1), iris.claim(key, j + 1)
            self.add(a, KG_.contradicts, b)
            self.add(b, KG_.contradicts, a)
        return self.out

    def event(self, event: Event) -> None:
        e = self.iris.event(event.key)
        self.types(e, SEM_.Event, SCHEMA_.Event, *(KG_[k] for k in event.kinds))
        self.add(e, RDFS_.label, _en(event.label))
        for alt in sorted(event.alt_labels):
            self.add(e, SKOS_.altLabel, _en(alt))
        if event.begin:
            self.add(e, SEM_.hasBeginTimeStamp, _timestamp(event.begin))
        if event.end:
            self.add(e, SEM_.hasEndTimeStamp, _timestamp(event.end))
        for place in event.places:
            self.add(e, SEM_.hasPlace, self.iris.place(place))
        for war in event.part_of:
            self.add(e, SEM_.subEventOf, self.iris.event(war))
        if event.result:
            self.add(e, KG_.result, _text(event.result))
        if event.territory:
            self.add(e, KG_.territory, _text(event.territory))
        actors: list[str] = []
        for side in event.sides:
            s = self.iris.side(event.key, side.number)
            self.add(e, KG_.hasSide, s)
            self.types(s, KG_.Side, SEM_.Actor)
            self.add(s, KG_.sideNumber, _integer(side.number))
            self.add(s, RDFS_.label, _en(f"{event.label}, side {side.number}"))
            for actor in side.combatants:
                self.add(s, KG_.combatant, self.iris.actor(actor))
                actors.append(actor)
            for commander in side.commanders:
                self.add(s, KG_.commander, self.iris.actor(commander.actor))
                if commander.fate == "killed":
                    self.add(self.iris.actor(commander.actor), KG_.killedInAction, e)
                elif commander.fate == "captured":
                    self.add(self.iris.actor(commander.actor), KG_.capturedInAction, e)
            for strength in side.strength:
                self.add(s, KG_.strength, _text(strength))
            self.evidence(s, side.evidence)
        for actor in actors + event.actors:
            self.add(e, SEM_.hasActor, self.iris.actor(actor))
        self.evidence(e, event.evidence)

    def actor(self, actor: Actor) -> None:
        a = self.iris.actor(actor.key)
        self.types(a, KG_.Actor, SEM_.Actor, PROV_.Agent, KG_[actor.kind])
        if actor.kind in _ORGANISATIONS:
            self.types(a, ORG_.Organization)
        if actor.kind == "Coalition":
            self.types(a, ORG_.OrganizationalCollaboration)
        if actor.kind == "Person":
            self.types(a, FOAF_.Person, PROV_.Person)
        if actor.kind == "MediaOrganization":
            self.types(a, SCHEMA_.NewsMediaOrganization)
        self.add(a, RDFS_.label, _en(actor.label))
        for alt in sorted(actor.alt_labels - {actor.label}):
            self.add(a, SKOS_.altLabel, _en(alt))
        for coalition in sorted(actor.member_of):
            self.add(a, ORG_.memberOf, self.iris.actor(coalition))
            self.add(self.iris.actor(coalition), ORG_.hasMember, a)
        if actor.part_of:
            self.add(a, ORG_.subOrganizationOf, self.iris.actor(actor.part_of))
            self.add(self.iris.actor(actor.part_of), ORG_.hasSubOrganization, a)
        for iri in sorted(actor.same_as):
            self.add(a, OWL_.sameAs, ox.NamedNode(iri))
        self.evidence(a, actor.evidence)

    def place(self, place: Place) -> None:
        p = self.iris.place(place.key)
        self.types(p, KG_.Place, SEM_.Place, SCHEMA_.Place, *_PLACE_TYPES[place.kind])
        self.add(p, RDFS_.label, _en(place.label))
        for alt in sorted(place.alt_labels - {place.label}):
            self.add(p, SKOS_.altLabel, _en(alt))
        if place.contained_in:
            self.add(p, SCHEMA_.containedInPlace, self.iris.place(place.contained_in))
        if place.time_zone:
            self.add(p, KG_.timeZone, _text(place.time_zone))
        for iri in sorted(place.same_as):
            self.add(p, OWL_.sameAs, ox.NamedNode(iri))
        self.evidence(p, place.evidence)

    def estimate(self, estimate: Estimate) -> None:
        key = self.doc.key
        e = self.iris.estimate(key, estimate.side, estimate.category)
        self.types(e, KG_.CasualtyEstimate, PROV_.Entity)
        self.add(e, KG_.event, self.iris.event(estimate.event))
        self.add(e, KG_.side, self.iris.side(estimate.event, estimate.side))
        self.add(e, KG_.category, KG_[estimate.category])
        self.add(e, KG_.lowCount, _count(estimate.low))
        if estimate.high is not None:
            self.add(e, KG_.highCount, _count(estimate.high))
        for i in estimate.claims:
            self.add(e, PROV_.wasDerivedFrom, self.iris.claim(key, i + 1))

    def statement(self, c: ox.NamedNode, statement: StatementClaim) -> None:
        self.types(c, KG_.Claim, PROV_.Entity, RDF_.Statement)
        self.add(c, RDF_.subject, self.iris.actor(statement.subject))
        self.add(c, RDF_.predicate, KG_[statement.predicate])
        if statement.object_kind == "place":
            self.add(c, RDF_.object, self.iris.place(statement.object))
        elif statement.object_kind == "actor":
            self.add(c, RDF_.object, self.iris.actor(statement.object))
        else:
            self.add(c, RDF_.object, _text(statement.object))
        self.provenance(c, statement)

    def claim(self, c: ox.NamedNode, claim: CasualtyClaim) -> None:
        self.types(c, KG_.CasualtyClaim, KG_.Claim, PROV_.Entity)
        self.add(c, KG_.event, self.iris.event(claim.event))
        if claim.side is not None:
            self.add(c, KG_.side, self.iris.side(claim.event, claim.side))
        if claim.affects is not None:
            self.add(c, KG_.affects, self.iris.actor(claim.affects))
        self.add(c, KG_.category, KG_[claim.category])
        q = claim.quantity
        if q.count is not None:
            self.add(c, KG_.count, _count(q.count))
        if q.min is not None:
            self.add(c, KG_.minCount, _count(q.min))
        if q.max is not None:
            self.add(c, KG_.maxCount, _count(q.max))
        if q.approximate:
            self.add(c, KG_.approximate, _TRUE)
        if q.text:
            self.add(c, KG_.quantityText, _text(q.text))
        if claim.qualifier:
            self.add(c, KG_.qualifier, _text(claim.qualifier))
        self.provenance(c, claim)

    def provenance(self, c: ox.NamedNode, claim: CasualtyClaim | StatementClaim) -> None:
        """What every claim carries: who made it, who disputes it, when, and the text."""
        for claimant in claim.claimants:
            self.add(c, PROV_.wasAttributedTo, self.iris.actor(claimant))
        for disputer in claim.disputed_by:
            self.add(c, KG_.disputedBy, self.iris.actor(disputer))
        if claim.claim_date:
            prop = PROV_.generatedAtTime if claim.claim_date.datatype == "dateTime" else KG_.claimDate
            self.add(c, prop, _timestamp(claim.claim_date))
        self.evidence(c, claim.evidence)


def extraction_triples(ex: Extraction, iris: Iris | None = None) -> list[Triple]:
    """The triples of one document's named graph (duplicates possible; a graph removes them)."""
    return _Mapper(ex, iris or Iris()).run()


def extraction_quads(ex: Extraction, iris: Iris | None = None,
                     ) -> tuple[ox.NamedNode, list[ox.Quad]]:
    """The document's named graph and its quads, each once, in mapping order."""
    iris = iris or Iris()
    graph = iris.graph(ex.document.key)
    unique = dict.fromkeys(extraction_triples(ex, iris))
    return graph, [ox.Quad(s, p, o, graph) for s, p, o in unique]


def extraction_graph(ex: Extraction, iris: Iris | None = None) -> rdflib.Graph:
    """The document's named graph as an rdflib :class:`~rdflib.Graph` (for pySHACL and tests)."""
    from rdflib import Graph, URIRef

    iris = iris or Iris()
    graph_name, quads = extraction_quads(ex, iris)
    graph = Graph(identifier=URIRef(graph_name.value))
    data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return graph.parse(data=data, format="nt")
