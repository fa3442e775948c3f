"""The one place where extracted facts become RDF: :class:`kg.model.Extraction` → triples of the
document's named graph, following the contract in DESIGN.md.

Direct ("truthy") triples carry what the article says in its own voice; every attributed figure is
a claim node with its claimants and evidence. IRIs are readable slugs under the base IRI, the
same actor or place gets the same IRI in every document, and no blank node is minted, so that
the same input always gives the same graph.
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg import __version__
from kg.model import Actor, CasualtyClaim, Event, Extraction, Place, Span, TimeStamp
from kg.vocab import DCTERMS, FOAF, KG, OA, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, XSD
from kg.vocab import base_iri as resolve_base

__all__ = ["Iris", "extraction_triples", "extraction_graph"]

Triple = tuple[Node, Node, Node]

_ORGANISATIONS = {"State", "Government", "MilitaryForce", "ArmedGroup", "Coalition",
                  "PrivateMilitaryCompany", "InternationalOrganization", "MediaOrganization"}
_PLACE_TYPES = {
    "Country": (KG.Country, SCHEMA.Country),
    "Region": (KG.Region, SCHEMA.AdministrativeArea),
    "Settlement": (KG.Settlement,),
}
_CONTEXT_CHARS = 32


class Iris:
    """Mints the instance IRIs of kg under one base."""

    def __init__(self, base: str | None = None) -> None:
        self.base = resolve_base(base)

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def document(self, key: str) -> URIRef:
        return self._iri(f"document/{key}")

    def graph(self, key: str) -> URIRef:
        return self._iri(f"graph/{key}")

    def activity(self, key: str) -> URIRef:
        return self._iri(f"activity/{key}")

    def agent(self) -> URIRef:
        return self._iri(f"agent/kg/{__version__}")

    def event(self, key: str) -> URIRef:
        return self._iri(f"event/{key}")

    def side(self, event: str, number: int) -> URIRef:
        return self._iri(f"event/{event}/side/{number}")

    def actor(self, key: str) -> URIRef:
        return self._iri(f"actor/{key}")

    def place(self, key: str) -> URIRef:
        return self._iri(f"place/{key}")

    def claim(self, document: str, number: int) -> URIRef:
        return self._iri(f"claim/{document}/{number}")

    def evidence(self, document: str, span: Span) -> URIRef:
        return self._iri(f"evidence/{document}/{span.start}-{span.end}")


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _timestamp(stamp: TimeStamp) -> Literal:
    return Literal(stamp.lexical, datatype=XSD[stamp.datatype])


def _count(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.nonNegativeInteger)


class _Mapper:
    def __init__(self, ex: Extraction, iris: Iris) -> None:
        self.ex = ex
        self.iris = iris
        self.doc = ex.document
        self.doc_iri = iris.document(ex.document.key)
        self.out: list[Triple] = []
        self._evidence_done: set[tuple[int, int]] = set()

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.out.append((s, p, o))

    def types(self, s: Node, *classes: URIRef) -> None:
        for c in classes:
            self.add(s, RDF.type, c)

    def evidence(self, subject: URIRef, spans: Iterable[Span]) -> None:
        for span in spans:
            ev = self.iris.evidence(self.doc.key, span)
            self.add(subject, KG.evidence, ev)
            if (span.start, span.end) in self._evidence_done:
                continue
            self._evidence_done.add((span.start, span.end))
            position, quote = URIRef(f"{ev}/position"), URIRef(f"{ev}/quote")
            text = self.doc.text
            self.types(ev, OA.SpecificResource)
            self.add(ev, OA.hasSource, self.doc_iri)
            self.add(ev, OA.hasSelector, position)
            self.add(ev, OA.hasSelector, quote)
            self.types(position, OA.TextPositionSelector)
            self.add(position, OA.start, _count(span.start))
            self.add(position, OA.end, _count(span.end))
            self.types(quote, OA.TextQuoteSelector)
            self.add(quote, OA.exact, Literal(span.exact))
            prefix = text[max(0, span.start - _CONTEXT_CHARS):span.start]
            suffix = text[span.end:span.end + _CONTEXT_CHARS]
            if prefix:
                self.add(quote, OA.prefix, Literal(prefix))
            if suffix:
                self.add(quote, OA.suffix, Literal(suffix))

    def run(self) -> list[Triple]:
        ex, iris = self.ex, self.iris
        key = self.doc.key
        graph, activity, agent = iris.graph(key), iris.activity(key), iris.agent()
        self.types(self.doc_iri, KG.SourceDocument, PROV.Entity, FOAF.Document)
        self.add(self.doc_iri, DCTERMS.title, Literal(self.doc.title))
        self.add(self.doc_iri, DCTERMS.identifier, Literal(self.doc.path.replace("\\", "/")
                                                           .rsplit("/", 1)[-1]))
        self.add(self.doc_iri, KG.sha256, Literal(self.doc.sha256))
        self.add(self.doc_iri, FOAF.primaryTopic, iris.event(ex.event.key))
        self.types(graph, PROV.Bundle, PROV.Entity)
        self.add(graph, PROV.wasDerivedFrom, self.doc_iri)
        self.add(graph, PROV.wasGeneratedBy, activity)
        self.types(activity, PROV.Activity)
        self.add(activity, PROV.used, self.doc_iri)
        self.add(activity, PROV.wasAssociatedWith, agent)
        self.types(agent, PROV.SoftwareAgent, PROV.Agent)
        self.add(agent, RDFS.label, Literal(f"kg {__version__}"))

        self.event(ex.event)
        for war in ex.events.values():
            self.event(war)
        for actor in ex.actors.values():
            self.actor(actor)
        for place in ex.places.values():
            self.place(place)
        for number, claim in enumerate(ex.claims, start=1):
            self.claim(iris.claim(key, number), claim)
        for i, j in ex.contradictions:
            a, b = iris.claim(key, i + 1), iris.claim(key, j + 1)
            self.add(a, KG.contradicts, b)
            self.add(b, KG.contradicts, a)
        return self.out

    def event(self, event: Event) -> None:
        e = self.iris.event(event.key)
        self.types(e, SEM.Event, SCHEMA.Event, *(KG[k] for k in event.kinds))
        self.add(e, RDFS.label, _en(event.label))
        for alt in sorted(event.alt_labels):
            self.add(e, SKOS.altLabel, _en(alt))
        if event.begin:
            self.add(e, SEM.hasBeginTimeStamp, _timestamp(event.begin))
        if event.end:
            self.add(e, SEM.hasEndTimeStamp, _timestamp(event.end))
        for place in event.places:
            self.add(e, SEM.hasPlace, self.iris.place(place))
        for war in event.part_of:
            self.add(e, SEM.subEventOf, self.iris.event(war))
        if event.result:
            self.add(e, KG.result, Literal(event.result))
        if event.territory:
            self.add(e, KG.territory, Literal(event.territory))
        actors: list[str] = []
        for side in event.sides:
            s = self.iris.side(event.key, side.number)
            self.add(e, KG.hasSide, s)
            self.types(s, KG.Side, SEM.Actor)
            self.add(s, KG.sideNumber, Literal(side.number))
            self.add(s, RDFS.label, _en(f"{event.label}, side {side.number}"))
            for actor in side.combatants:
                self.add(s, KG.combatant, self.iris.actor(actor))
                actors.append(actor)
            for commander in side.commanders:
                self.add(s, KG.commander, self.iris.actor(commander.actor))
                if commander.fate == "killed":
                    self.add(self.iris.actor(commander.actor), KG.killedInAction, e)
                elif commander.fate == "captured":
                    self.add(self.iris.actor(commander.actor), KG.capturedInAction, e)
            for strength in side.strength:
                self.add(s, KG.strength, Literal(strength))
            self.evidence(s, side.evidence)
        for actor in actors + event.actors:
            self.add(e, SEM.hasActor, self.iris.actor(actor))
        self.evidence(e, event.evidence)

    def actor(self, actor: Actor) -> None:
        a = self.iris.actor(actor.key)
        self.types(a, KG.Actor, SEM.Actor, PROV.Agent, KG[actor.kind])
        if actor.kind in _ORGANISATIONS:
            self.types(a, ORG.Organization)
        if actor.kind == "Coalition":
            self.types(a, ORG.OrganizationalCollaboration)
        if actor.kind == "Person":
            self.types(a, FOAF.Person, PROV.Person)
        if actor.kind == "MediaOrganization":
            self.types(a, SCHEMA.NewsMediaOrganization)
        self.add(a, RDFS.label, _en(actor.label))
        for alt in sorted(actor.alt_labels - {actor.label}):
            self.add(a, SKOS.altLabel, _en(alt))
        for coalition in sorted(actor.member_of):
            self.add(a, ORG.memberOf, self.iris.actor(coalition))
            self.add(self.iris.actor(coalition), ORG.hasMember, a)
        if actor.part_of:
            self.add(a, ORG.subOrganizationOf, self.iris.actor(actor.part_of))
            self.add(self.iris.actor(actor.part_of), ORG.hasSubOrganization, a)
        for iri in sorted(actor.same_as):
            self.add(a, OWL.sameAs, URIRef(iri))
        self.evidence(a, actor.evidence)

    def place(self, place: Place) -> None:
        p = self.iris.place(place.key)
        self.types(p, KG.Place, SEM.Place, SCHEMA.Place, *_PLACE_TYPES[place.kind])
        self.add(p, RDFS.label, _en(place.label))
        for alt in sorted(place.alt_labels - {place.label}):
            self.add(p, SKOS.altLabel, _en(alt))
        if place.contained_in:
            self.add(p, SCHEMA.containedInPlace, self.iris.place(place.contained_in))
        if place.time_zone:
            self.add(p, KG.timeZone, Literal(place.time_zone))
        for iri in sorted(place.same_as):
            self.add(p, OWL.sameAs, URIRef(iri))
        self.evidence(p, place.evidence)

    def claim(self, c: URIRef, claim: CasualtyClaim) -> None:
        self.types(c, KG.CasualtyClaim, KG.Claim, PROV.Entity)
        self.add(c, KG.event, self.iris.event(claim.event))
        if claim.side is not None:
            self.add(c, KG.side, self.iris.side(claim.event, claim.side))
        if claim.affects is not None:
            self.add(c, KG.affects, self.iris.actor(claim.affects))
        self.add(c, KG.category, KG[claim.category])
        q = claim.quantity
        if q.count is not None:
            self.add(c, KG.count, _count(q.count))
        if q.min is not None:
            self.add(c, KG.minCount, _count(q.min))
        if q.max is not None:
            self.add(c, KG.maxCount, _count(q.max))
        if q.approximate:
            self.add(c, KG.approximate, Literal(True))
        if q.text:
            self.add(c, KG.quantityText, Literal(q.text))
        if claim.qualifier:
            self.add(c, KG.qualifier, Literal(claim.qualifier))
        for claimant in claim.claimants:
            self.add(c, PROV.wasAttributedTo, self.iris.actor(claimant))
        if claim.claim_date:
            prop = PROV.generatedAtTime if claim.claim_date.datatype == "dateTime" else KG.claimDate
            self.add(c, prop, _timestamp(claim.claim_date))
        self.evidence(c, claim.evidence)


def extraction_triples(ex: Extraction, iris: Iris | None = None) -> list[Triple]:
    """The triples of one document's named graph (duplicates possible; a graph removes them)."""
    return _Mapper(ex, iris or Iris()).run()


def extraction_graph(ex: Extraction, iris: Iris | None = None) -> Graph:
    """The document's named graph as an rdflib :class:`~rdflib.Graph`."""
    iris = iris or Iris()
    graph = Graph(identifier=iris.graph(ex.document.key))
    for triple in extraction_triples(ex, iris):
        graph.add(triple)
    return graph
