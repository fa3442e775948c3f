"""Turn names found in an article into actors: resolve them against reference data and the names
learned so far, or create a new, typed actor from the text."""
from __future__ import annotations

import re

from kg.extract.names import NameIndex, clean_name, slugify
from kg.extract.tables import first_match
from kg.model import Actor, Span
from kg.reference import Reference

__all__ = ["ActorResolver"]

_QUALIFIER = re.compile(r"^(?P<base>.*?)\s*\((?P<inner>[^()]*)\)$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]*(?:[-–][A-Za-z0-9]+)*$")
_ATTRIBUTION = re.compile(r"^(?:per|according to|claimed by|source:?)\s+", re.I)
# remarks about an actor's status, not part of its name: "(non-combatant)", "(alleged)", "(2014)"
_STATUS = re.compile(r"^(?:non-?combatants?|alleged(?:ly)?|reportedly|suspected|disputed|claimed|"
                     r"denied|supported by .*|support|in support|limited.*|until .*|from .*|"
                     r"since .*|"
                     r"\d{4}(?:[–-]\d{2,4})?|\d{4}[–-]present|advisers?|advisors?|"
                     # kinds of help, in lower case: "(air support from 1 August)", but
                     # "(Military Wing)" is a name
                     r"(?-i:(?:air|naval|artillery|logistic(?:al|s)?|intelligence|material|"
                     r"financial|medical|military)\b.*))$", re.I)


class ActorResolver:
    """Resolves names to :class:`Actor` objects for one document.

    ``learned`` holds names known from other documents of the build and from the store, so that
    an acronym defined in one article resolves in another.
    """

    def __init__(self, reference: Reference, learned: NameIndex | None = None,
                 known_labels: dict[str, str] | None = None,
                 known_kinds: dict[str, str] | None = None) -> None:
        self.reference = reference
        self.learned = learned or NameIndex()
        self.known_labels = known_labels or {}
        # kinds already given to actors the reference does not know (by earlier articles)
        self.known_kinds = known_kinds or {}
        self.local = NameIndex()
        self.actors: dict[str, Actor] = {}
        # names defined in the text ("Full Name (ACR)") of actors not yet seen as actors
        self.pending: dict[str, tuple[str, set[str], Span]] = {}

    # -- names -------------------------------------------------------------------------------
    def lookup(self, name: str) -> str | None:
        """The key of a known actor called ``name``, without creating one."""
        for index in (self.local, self.reference.actor_index, self.learned):
            key = index.get(name)
            if key:
                return key
        # a country's name, or its demonym standing alone ("169 killed (Georgian claim)"), is
        # its state
        country = self.reference.place_index.get(name) or self.reference.demonyms.get(
            name.casefold())
        if country and self.reference.places[country].kind == "Country":
            return self.reference.state_of_country.get(country, country)
        return None

    def alias(self, name: str, other: str) -> None:
        """Record that ``name`` and ``other`` are names of the same actor (``Full Name (ACR)``)."""
        key = self.lookup(name) or self.lookup(other)
        if key is None:
            return
        self.local.add(name, key)
        self.local.add(other, key)
        if key in self.actors:
            for n in (name, other):
                self._add_alt(self.actors[key], n)

    def define(self, full: str, acronym: str, evidence: Span) -> None:
        """Learn a ``Full Name (ACR)`` definition; the actor is made only when it is used."""
        key = self.lookup(full)
        if key is None and self.lookup(acronym) is not None and self.reference.actors.get(
                self.lookup(acronym)) is None:
            key = self.lookup(acronym)  # an acronym learned in this build: the same body
        if key is not None:
            self.alias(full, acronym)
            return
        # a new body, even when its acronym is another's ("Armed Forces of the Philippines
        # (AFP)" is not Agence France-Presse): in this document the acronym is this one
        key = slugify(full)
        self.pending[key] = (self.known_labels.get(key, full), {full, acronym}, evidence)
        self.local.add(full, key)
        self.local.add(acronym, key)

    # -- actors ------------------------------------------------------------------------------
    def resolve(self, raw: str, evidence: Span | None = None, kind: str | None = None) -> Actor | None:
        """The actor named ``raw`` (markup and all), created if new; None for an empty name."""
        name = clean_name(raw)
        if not name or not any(c.isalpha() for c in name):
            return None
        evidence = _narrow(evidence, name)
        parent: Actor | None = None
        qualified = _QUALIFIER.match(name)
        if qualified and qualified.group("base"):
            base, inner = qualified.group("base"), qualified.group("inner").strip()
            if _ACRONYM.match(inner) and sum(c.isupper() for c in inner) >= 2:
                # "Islamic State (IS)": a name with its acronym
                actor = self.resolve(base, evidence, kind)
                if actor:
                    self._add_alt(actor, inner)
                    self.local.add(inner, actor.key)
                return actor
            parts = [part.strip() for part in inner.split(",") if part.strip()]
            if parts and all(_STATUS.match(p) or _ATTRIBUTION.match(p) for p in parts):
                return self.resolve(base, evidence, kind)
            if self.lookup(base):
                # "GATIA (al-Mahmoud faction)": a part of a known organisation
                parent = self.resolve(base, _narrow(evidence, base))
        key = self.lookup(name)
        if key is None:
            key = self._new_key(name)
            label = self.known_labels.get(key, name)
            actor = Actor(key=key, label=label, kind=kind or self._guess_kind(name))
            if label != name:
                actor.alt_labels.add(name)
            self.local.add(name, key)
            self.actors[key] = actor
        fresh = key not in self.actors
        actor = self._materialise(key)
        if fresh and kind and key not in self.reference.actors:
            actor.kind = kind  # what the text says it is (a commander is a person)
        if parent is not None and parent.key != actor.key and actor.part_of is None:
            actor.part_of = parent.key
        self._add_alt(actor, name)
        if evidence is not None and evidence not in actor.evidence:
            actor.evidence.append(evidence)
        return actor

    def _new_key(self, name: str) -> str:
        return slugify(name)

    def _materialise(self, key: str) -> Actor:
        """The document's copy of actor ``key``, filled from reference data when known."""
        if key in self.actors:
            return self.actors[key]
        known = self.reference.actors.get(key)
        if key in self.pending:
            label, names, evidence = self.pending[key]
            actor = Actor(key=key, label=label,
                          kind=self.known_kinds.get(key) or self._guess_kind(label),
                          alt_labels={n for n in names if n != label}, evidence=[evidence])
        elif known is not None:
            actor = Actor(key=key, label=known.label, kind=known.kind,
                          alt_labels=set(known.alt_labels), member_of=set(known.member_of),
                          part_of=known.part_of, same_as=set(known.same_as))
        else:
            country = self.reference.places.get(key)
            label = self.known_labels.get(key) or (
                country.label if country is not None and country.kind == "Country"
                else key.replace("-", " "))
            actor = Actor(key=key, label=label,
                          kind=self.known_kinds.get(key) or self._guess_kind(label))
        self.actors[key] = actor
        return actor

    def _add_alt(self, actor: Actor, name: str) -> None:
        clean = clean_name(name)
        if clean and clean != actor.label:
            actor.alt_labels.add(clean)

    def _guess_kind(self, name: str) -> str:
        country = self.reference.place_index.get(name)
        if country and self.reference.places[country].kind == "Country":
            return "State"
        return first_match("actor-kinds", name) or "ArmedGroup"



def _narrow(evidence: Span | None, name: str) -> Span | None:
    """The part of ``evidence`` that is ``name`` itself, when it stands there as written
    (``border|20px HCUA`` → ``HCUA``); otherwise the evidence as it is."""
    if evidence is None:
        return None
    at = evidence.exact.find(name)
    if at < 0 or not name:
        return evidence
    return evidence.sub(at, at + len(name))
