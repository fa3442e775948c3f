"""Places from an infobox ``Place``/``Location`` value and from the prose: towns, the regions
that contain them, and the country — each a :class:`Place` with the span that names it."""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.names import NameIndex, clean_name, slugify, strip_markup, squash
from kg.model import Place, Span
from kg.reference import Reference

__all__ = ["PlaceResolver"]

_ADMIN_WORDS = re.compile(
    r"\b(?:Region|region|Province|province|Governorate|governorate|State|state|District|"
    r"Department|Cercle|Township|LGA|County|Prefecture|Oblast|Territory|Municipality|Zone|"
    r"Division|Wilaya|Commune|Kebele|Neighbou?rhood)\b"
)
_SURROUNDINGS = re.compile(
    r"\s+(?:and|&)\s+(?:its\s+|the\s+)?(?:outskirts|surroundings|surrounding (?:areas|villages|"
    r"towns|area|region)|environs|vicinity|nearby (?:villages|areas))\b.*$|"
    r"\s+(?:outskirts|surroundings)$",
    re.I,
)
_DIRECTION = re.compile(r"^(?:Northern|Southern|Eastern|Western|North-western|North-eastern|"
                        r"South-western|South-eastern|Northwestern|Northeastern|Southwestern|"
                        r"Southeastern)\s+(?=[A-Z])")
_NEIGHBOURHOOD = re.compile(r"^(?P<part>.+?)\s+(?:Neighbou?rhood|District|Quarter|area)\s+of\s+"
                            r"(?P<whole>.+)$", re.I)
_NEAR = re.compile(r"^(?:near|outside|around|in)\s+", re.I)


_OTHER_NAME = re.compile(r"\s*\((?P<name>[A-Z][\w'’ -]{1,40})\)\s*$")
_NAME_AND_NAME = re.compile(r"(?:[A-Z]|al-|el-)[^,]*\s(?:and|&)\s+(?:[A-Z]|al-|el-)[^,]*")
_UNNAMED = re.compile(r"\s*(?:its|their|his|her|our|surrounding|nearby|outlying|other|several|"
                      r"some)\b")
# ", Region, Country" after a settlement's name (a pattern per name cost a compile per article)
_CHAIN_TAIL = re.compile(r",\s+(?P<region>[A-Z][^,.;()]{2,60}?),\s+"
                         r"(?P<country>[A-Z][\w' -]{2,40}?)\b(?=[.,;)]|\s)")


def _chains_after(name: str, text: str) -> Iterator[re.Match[str]]:
    at = text.find(name)
    while at >= 0:
        m = _CHAIN_TAIL.match(text, at + len(name))
        if m:
            yield m
        at = text.find(name, m.end() if m else at + 1)


class PlaceResolver:
    """Collects a document's places; the same name always gives the same place."""

    def __init__(self, reference: Reference, known_labels: dict[str, str] | None = None) -> None:
        self.reference = reference
        self.known_labels = known_labels or {}
        self.index = NameIndex()
        self.places: dict[str, Place] = {}

    def country(self, name: str) -> str | None:
        key = self.reference.place_index.get(clean_name(name))
        if key and self.reference.places[key].kind == "Country":
            return key
        return None

    def get(self, name: str, evidence: Span | None, kind: str = "Settlement") -> Place:
        label = clean_name(name)
        key = self.index.get(label) or self.reference.place_index.get(label) or slugify(label)
        place = self.places.get(key)
        if place is None:
            known = self.reference.places.get(key)
            if known is not None:
                place = Place(key=key, label=known.label, kind=known.kind,
                              contained_in=known.contained_in, same_as=set(known.same_as),
                              time_zone=known.time_zone)
            else:
                place = Place(key=key, label=self.known_labels.get(key, label), kind=kind)
            self.places[key] = place
        if label != place.label:
            place.alt_labels.add(label)
        self.index.add(label, key)
        if evidence is not None and evidence not in place.evidence:
            place.evidence.append(evidence)
        return place

    def from_infobox(self, value: Span) -> list[Place]:
        """Parse ``Léré, Tombouctou Region, Mali`` into its places, linked town → region →
        country; return the event's places (the most specific ones).

        The leading parts name the event's places (several when the list closes with
        ``and``: ``A, B, and C, Region, Country``); the parts after them are ever larger areas.
        """
        parts = [_drop_leading_and(p) for p in _split_top_level(value)]
        parts = [p for p in parts if p is not None]
        if not parts:
            return []
        listed = 1
        for i, part in enumerate(parts):
            if i and value.exact[part.start - value.start - 5:part.start - value.start].strip(
                    ", ").endswith(("and", "&")):
                listed = i + 1
            elif i == listed and i < len(parts) - 1 and _NAME_AND_NAME.fullmatch(part.exact) \
                    and not _ADMIN_WORDS.search(part.exact):
                listed = i + 1  # "al-Bab, Bza'a and Qabasin, Aleppo Governorate"
        chain: list[list[Place]] = []
        for i, part in enumerate(parts):
            if i < listed:
                kept = _SURROUNDINGS.sub("", part.exact)
                pieces = _split_and(part.sub(0, len(kept))) if kept.strip() else []
                # "Ramadi and its eastern suburbs": only named pieces are places
                group = [p for piece in pieces if not _UNNAMED.match(piece.exact)
                         for p in self._parse_part(piece, True)]
            else:
                group = self._parse_part(part, False, last=i == len(parts) - 1)
            if not group:
                continue
            if i < listed and chain:
                chain[0].extend(group)
            else:
                chain.append(group)
        for inner, outer in zip(chain, chain[1:]):
            for place in inner:
                top = place
                while top.contained_in in self.places and top.contained_in != outer[0].key:
                    top = self.places[top.contained_in]
                if top.contained_in is None and top.key != outer[0].key:
                    top.contained_in = outer[0].key
        return chain[0] if chain else []

    def _parse_part(self, part: Span, leading: bool, last: bool = False) -> list[Place]:
        text = part.exact
        other = _OTHER_NAME.search(text)
        if other:  # "Shusha (Shushi)": the place, and another name of it
            places = self._parse_part(part.sub(0, other.start()), leading, last)
            for place in places[:1]:
                place.alt_labels.add(other.group("name"))
            return places
        if self.country(text):
            return [self.get(text, part, "Country")]
        neighbourhood = _NEIGHBOURHOOD.match(text)
        if neighbourhood:
            inner = part.sub(neighbourhood.start("part"), neighbourhood.end("part"))
            whole = part.sub(neighbourhood.start("whole"), neighbourhood.end("whole"))
            place = self.get(inner.exact, inner, "Settlement")
            city = self.get(whole.exact, whole, "Settlement")
            place.contained_in = city.key
            return [place]
        trimmed = _NEAR.sub("", _SURROUNDINGS.sub("", text))
        direction = _DIRECTION.match(trimmed)
        if direction and not self.reference.place_index.get(trimmed):
            trimmed = trimmed[direction.end():]
        start = text.find(trimmed)
        if start < 0 or not clean_name(trimmed):
            return []
        name = part.sub(start, start + len(trimmed))
        if _ADMIN_WORDS.search(name.exact) or not leading:
            kind = "Region"
        else:
            kind = "Settlement"
        if last and not leading and not _ADMIN_WORDS.search(name.exact):
            kind = "Country"  # the last part of "Town, Area, Country", even one we do not know
        return [self.get(name.exact, name, kind)]

    def link_prose_chains(self, text: str) -> None:
        """Learn ``Town, Region, Country`` chains and spelling variants from the prose."""
        for key, place in list(self.places.items()):
            if place.kind != "Settlement":
                continue
            names = {place.label, *place.alt_labels}
            for name in names:
                for m in _chains_after(name, text):
                    country = self.country(m.group("country"))
                    region_text = m.group("region")
                    if not country or not _ADMIN_WORDS.search(region_text):
                        continue
                    region = self.get(region_text, Span(m.start("region"), m.end("region"),
                                                        region_text), "Region")
                    self.get(m.group("country"), Span(m.start("country"), m.end("country"),
                                                      m.group("country")), "Country")
                    region.contained_in = region.contained_in or country
                    if place.contained_in in (None, country):
                        place.contained_in = region.key

    def find_variants(self, text: str, offset: int = 0) -> None:
        """Spellings of known places without their accents (``Lere`` for ``Léré``) become
        alternative labels, with the span as evidence."""
        for place in list(self.places.values()):
            if place.kind == "Country":
                continue
            target = squash(place.label)
            for m in re.finditer(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*", text):
                word = m.group()
                if word != place.label and squash(word) == target:
                    place.alt_labels.add(word)
                    span = Span(offset + m.start(), offset + m.end(), word)
                    if span not in place.evidence:
                        place.evidence.append(span)



def _split_top_level(value: Span) -> list[Span]:
    """Split on commas outside brackets; markup-only parts vanish."""
    parts, depth, start = [], 0, 0
    text = value.exact
    for i, ch in enumerate(text + ","):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            piece = text[start:i]
            if strip_markup(piece).strip(" *'\""):
                parts.append(value.sub(start, i).strip(" *'\""))
            start = i + 1
    return parts


def _drop_leading_and(part: Span) -> Span | None:
    m = re.match(r"(?:and|&)\s+", part.exact)
    if not m:
        return part
    return part.sub(m.end(), len(part.exact)) if m.end() < len(part.exact) else None


def _split_and(part: Span) -> list[Span]:
    pieces, start = [], 0
    for m in re.finditer(r"\s+(?:and|&)\s+", part.exact):
        pieces.append(part.sub(start, m.start()))
        start = m.end()
    pieces.append(part.sub(start, len(part.exact)))
    return [p.strip() for p in pieces if p.exact.strip()]
