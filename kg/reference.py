"""Reference knowledge from ``ontology/reference/*.ttl``: known actors and countries with their
labels, aliases, types, memberships, Wikidata links and time zones. Loaded once per process.

The files write instance IRIs relative to the default base (``<actor/mali>``); only the local
key (``actor/mali`` → ``mali``) is kept here, so the data follows a configured ``--base-iri``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.extract.names import NameIndex
from kg.model import Actor, Place
from kg.vocab import DEFAULT_BASE_IRI, KG_, ORG_, OWL_, RDF_, RDFS_, SCHEMA_, SKOS_

__all__ = ["Reference", "load_reference", "ONTOLOGY_DIR", "SHAPES_DIR"]

PROJECT_DIR = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_DIR / "ontology"
SHAPES_DIR = PROJECT_DIR / "shapes"


@dataclass
class Reference:
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # countries and other known places
    actor_index: NameIndex = field(default_factory=NameIndex)
    place_index: NameIndex = field(default_factory=NameIndex)
    demonyms: dict[str, str] = field(default_factory=dict)  # "malian" -> country key
    state_of_country: dict[str, str] = field(default_factory=dict)  # place key -> actor key

    def country_pattern(self) -> re.Pattern[str]:
        """A pattern matching any country name or alias as a whole word (longest first)."""
        if self._country_pattern is None:
            names = sorted({n for p in self.places.values() if p.kind == "Country"
                            for n in (p.label, *p.alt_labels) if len(n) > 2},
                           key=lambda n: (-len(n), n))
            body = "|".join(re.escape(n) for n in names) or "(?!)"
            self._country_pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
        return self._country_pattern

    _country_pattern: re.Pattern[str] | None = None


def _local(iri: str, kind: str) -> str | None:
    prefix = DEFAULT_BASE_IRI + kind + "/"
    return iri[len(prefix):] if iri.startswith(prefix) else None


@lru_cache(maxsize=1)
def load_reference(directory: Path | None = None) -> Reference:
    """Load every Turtle file of the reference folder (``ontology/reference`` by default)."""
    folder = directory or ONTOLOGY_DIR / "reference"
    ref = Reference()
    quads: list[ox.Quad] = []
    for path in sorted(folder.glob("*.ttl")):
        quads.extend(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    by_subject: dict[str, list[tuple[str, ox.NamedNode | ox.Literal | ox.BlankNode]]] = {}
    for q in quads:
        by_subject.setdefault(q.subject.value, []).append((q.predicate.value, q.object))

    ambiguous: set[str] = set()
    for iri, props in sorted(by_subject.items()):
        types = {o.value for p, o in props if p == RDF_.type.value}
        label = next((o.value for p, o in props if p == RDFS_.label.value), None)
        if label is None:
            continue
        alts = {o.value for p, o in props if p == SKOS_.altLabel.value}
        same = {o.value for p, o in props if p == OWL_.sameAs.value}
        if (key := _local(iri, "actor")) is not None:
            kind = next((t[len(str(KG_)):] for t in sorted(types) if t.startswith(str(KG_))),
                        "ArmedGroup")
            actor = Actor(key=key, label=label, kind=kind, alt_labels=alts, same_as=same)
            for p, o in props:
                target = _local(o.value, "actor") if isinstance(o, ox.NamedNode) else None
                if p == ORG_.memberOf.value and target:
                    actor.member_of.add(target)
                elif p == ORG_.subOrganizationOf.value and target:
                    actor.part_of = target
                elif p == SCHEMA_.location.value and kind == "State":
                    country = _local(o.value, "place")
                    if country:
                        ref.state_of_country[country] = key
            ref.actors[key] = actor
        elif (key := _local(iri, "place")) is not None:
            kind = "Country" if KG_.Country.value in types else (
                "Region" if KG_.Region.value in types else "Settlement")
            place = Place(key=key, label=label, kind=kind, alt_labels=alts, same_as=same)
            for p, o in props:
                if p == KG_.timeZone.value:
                    place.time_zone = o.value
                elif p == KG_.demonym.value:
                    demonym = o.value.casefold()
                    # "Congolese" names two countries: an ambiguous demonym resolves to neither
                    if ref.demonyms.get(demonym, key) != key:
                        ambiguous.add(demonym)
                    ref.demonyms[demonym] = key
                elif p == SCHEMA_.containedInPlace.value:
                    place.contained_in = _local(o.value, "place")
            ref.places[key] = place

    for demonym in ambiguous:
        del ref.demonyms[demonym]
    for index, entities in ((ref.actor_index, ref.actors), (ref.place_index, ref.places)):
        for key, entity in sorted(entities.items()):
            index.add(entity.label, key)
        for key, entity in sorted(entities.items()):
            for alt in sorted(entity.alt_labels):
                index.add(alt, key)
    return ref
