"""Extract one article: the event it is about, its sides, actors, places, the wars it belongs to
and the casualty figures of its infobox, as plain :mod:`kg.model` objects."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.extract.actors import ActorResolver
from kg.extract.casualties import split_casualty_line
from kg.extract.dates import parse_date_range
from kg.extract.names import (
    _FATES,
    Fate,
    NameIndex,
    clean_name,
    learn_acronyms,
    name_key,
    slugify,
    split_fate,
    strip_markup,
)
from kg.extract.places import PlaceResolver
from kg.extract.contradictions import contradictions, estimates
from kg.extract.prose import SideFinder, extract_prose_claims, same_claimant
from kg.extract.statements import extract_statements
from kg.extract.timeline import extract_timeline
from kg.extract.tables import all_matches, word_table
from kg.model import (
    CasualtyClaim,
    Commander,
    Document,
    Event,
    Extraction,
    Side,
    Span,
)
from kg.read import Article, Field
from kg.reference import Reference, load_reference

__all__ = ["Context", "extract_article"]


@dataclass
class Context:
    """What extraction knows besides the article: reference data, and names and labels already
    in the store or learned from the other articles of the same build."""

    reference: Reference = field(default_factory=load_reference)
    learned_actors: NameIndex = field(default_factory=NameIndex)
    # by kind ("actor", "place", "event"), then key: labels["actor"]["mali"] == "Mali"
    labels: dict[str, dict[str, str]] = field(
        default_factory=lambda: {"actor": {}, "place": {}, "event": {}})
    actor_kinds: dict[str, str] = field(default_factory=dict)  # "wassim-nasr" -> "Person"


_LIST_SEPARATOR = re.compile(r"\s*(?:<hr\s*/?>|<br\s*/?>|-{3,})\s*")
_GLUED_ICON = re.compile(r"(?<=[a-z.)])\d+px\b")
_WAR_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=the\s|[A-Z])")
_WAR_IN = re.compile(r"^(?P<inner>.+?)\s+(?:in|during)\s+the\s+(?P<outer>.+)$")
_CIVILIAN_NOUN = re.compile(r"\b(?:civilians?|residents?|villagers?|people|inhabitants|"
                            r"displaced|refugees|children|women)\b", re.I)
_COALITION = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:coalition|alliance|umbrella (?:group|organi[sz]ation)"
    r"|grouping|federation)\s+(?:of|comprising|made up of|including)\s+(?P<members>[^.;]+)")
_BRACKETED_FATE = re.compile(r"\((KIA|POW|WIA|MIA|DOW)\)")
_PERSON_NAME = re.compile(r"^[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:[A-ZÀ-Ý][\w'’.-]*|al|bin|ag|ould|de|da|"
                          r"van|von|el|ibn|abu|Abu)){0,5}$")


def extract_article(article: Article, context: Context | None = None) -> Extraction:
    """Extract the facts of ``article``.

    >>> from kg.read import parse_article
    >>> art = parse_article(b"= Battle of Foo =\\n\\nInfobox\\n- Date: 3 May 2020\\n"
    ...                     b"- Combatant1: Mali\\n- Casualties1: 4 killed (per Mali)\\n")
    >>> ex = extract_article(art)
    >>> ex.event.key, ex.event.begin.lexical, ex.claims[0].quantity.count
    ('battle-of-foo', '2020-05-03', 4)
    """
    ctx = context or Context()
    ref = ctx.reference
    text = article.text
    doc_key = slugify(Path(article.source).stem)
    document = Document(key=doc_key, path=article.source, title=article.title.exact,
                        sha256=article.sha256, text=text)
    actors = ActorResolver(ref, ctx.learned_actors, ctx.labels["actor"], ctx.actor_kinds)
    places = PlaceResolver(ref, ctx.labels["place"])
    event_labels = ctx.labels["event"]

    title = article.title.exact
    key = slugify(title)
    event = Event(key=key, label=event_labels.get(key, title), kinds=_event_kinds(title),
                  evidence=[article.title])
    if event.label != title:
        event.alt_labels.add(title)
    ex = Extraction(document=document, event=event)

    body_start = article.infobox.fields[-1].value.end if article.infobox and \
        article.infobox.fields and article.infobox.fields[-1].value else article.title.end
    for full, acronym, start, end in learn_acronyms(text):
        actors.define(full, acronym, Span(start, end, full))

    box = article.infobox
    if box is not None:
        _infobox(box, ex, actors, places, event_labels)
    if event.begin is None:
        _date_from_lead(article, event)
    _coalitions(text[body_start:], body_start, actors)
    # places are complete (regions, variants, country) before the timeline looks up time zones
    places.link_prose_chains(text)
    places.find_variants(text[body_start:], offset=body_start)
    _infer_country(article, ex, places, ref)
    ex.places = places.places
    sides = SideFinder(ex, actors)
    extract_prose_claims(article, ex, actors, sides)
    extract_statements(article, ex, actors, places, sides)
    extract_timeline(article, ex, actors)
    ex.contradictions = contradictions(ex.claims, lambda a, b: same_claimant(a, b, sides))
    ex.estimates = estimates(ex.claims)

    ex.actors = actors.actors
    for actor in ex.actors.values():
        actor.member_of = {m for m in actor.member_of if m in ex.actors and m != actor.key}
        if actor.part_of not in ex.actors:
            actor.part_of = None
    for place in ex.places.values():
        if place.contained_in not in ex.places:
            place.contained_in = None
    return ex


# -- infobox -------------------------------------------------------------------------------------

def _infobox(box, ex: Extraction, actors: ActorResolver, places: PlaceResolver,
             event_labels: dict[str, str]) -> None:
    event = ex.event
    conflict = box.first("conflict", "title", "name")
    if conflict is not None:
        label = clean_name(conflict.value.exact)
        if label and label != event.label:
            event.alt_labels.add(label)
        event.evidence.append(conflict.value)
    place = box.first("place", "location")
    if place is not None:
        event.places = [p.key for p in places.from_infobox(place.value)]
    part_of = box.first("partof", "part of")
    if part_of is not None:
        for war in _wars(part_of.value, ex, event_labels):
            if war.key not in event.part_of and war.key != event.key:
                event.part_of.append(war.key)
    date = box.first("date", "dates")
    if date is not None:
        event.begin, event.end = parse_date_range(date.value.exact)
        event.evidence.append(date.value)
    result = box.first("result", "status", "outcome")
    if result is not None:
        event.result = strip_markup(result.value.exact)
    territory = box.first("territory", "territorial changes")
    if territory is not None:
        event.territory = strip_markup(territory.value.exact)

    combatants = box.numbered("combatant")
    casualties = box.numbered("casualties")
    numbers = sorted(set(combatants) | {n for n in casualties if n <= 2})
    sides = {n: Side(number=n) for n in numbers}
    countries = {name_key(p.label) for p in places.places.values() if p.kind == "Country"}
    for n, fld in combatants.items():
        side = sides[n]
        side.evidence.append(fld.value)
        for actor in _actor_list(fld.value, actors):
            if name_key(actor.label) in countries and actor.key not in actors.reference.actors:
                actor.kind = "State"  # the country of the Place line, fighting as a state
            if actor.key not in side.combatants:
                side.combatants.append(actor.key)
    for n, fld in box.numbered("commander").items():
        for person, fate in _commanders(fld.value, actors):
            if n in sides:
                sides[n].commanders.append(Commander(actor=person, fate=fate))
            if person not in event.actors:
                event.actors.append(person)
    for n, fld in box.numbered("strength").items():
        if n in sides:
            sides[n].strength.append(strip_markup(fld.value.exact))
    for n, fld in box.numbered("units").items():
        for actor in _actor_list(fld.value, actors):
            if actor.key not in event.actors:
                event.actors.append(actor.key)
    event.sides = [sides[n] for n in sorted(sides)]
    for side in event.sides:
        if not side.evidence:
            fld = casualties.get(side.number)
            if fld is not None:
                side.evidence.append(fld.value)
    for n, fld in sorted(casualties.items()):
        _casualties(fld, n if n in sides else None, ex, actors)


def _event_kinds(name: str) -> list[str]:
    return ["Event", *all_matches("event-kinds", name)]


def _wars(value: Span, ex: Extraction, labels: dict[str, str]) -> list[Event]:
    """``the Tuareg rebellion (2012) and Mali War`` → two wars; ``Operation X in the Y war`` →
    both, the first part of the second."""
    out: list[Event] = []
    start = 0
    pieces = []
    for m in _WAR_SPLIT.finditer(value.exact):
        pieces.append(value.sub(start, m.start()))
        start = m.end()
    pieces.append(value.sub(start, len(value.exact)))
    for piece in pieces:
        piece = piece.strip(" ,;")
        name = clean_name(piece.exact)
        if not name or not any(c.isalpha() for c in name):
            continue
        nested = _WAR_IN.match(name)
        if nested and all_matches("event-kinds", nested.group("outer")):
            inner_name, outer_name = nested.group("inner"), nested.group("outer")
            outer = _war(outer_name, piece, ex, labels)
            inner = _war(inner_name, piece, ex, labels)
            inner.alt_labels.add(name)
            if outer.key not in inner.part_of:
                inner.part_of.append(outer.key)
            out += [inner, outer]
        else:
            out.append(_war(name, piece, ex, labels))
    return out


def _war(name: str, evidence: Span, ex: Extraction, labels: dict[str, str]) -> Event:
    """The war called ``name``; one label per war in the whole store (the first one seen)."""
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = name[0].upper() + name[1:] if name[0].islower() else name
    key = slugify(name)
    war = ex.events.get(key)
    if war is None:
        kinds = _event_kinds(name)
        if "War" not in kinds:
            kinds.append("War")
        war = Event(key=key, label=labels.get(key, name), kinds=kinds)
        ex.events[key] = war
    if name != war.label:
        war.alt_labels.add(name)
    if evidence not in war.evidence:
        war.evidence.append(evidence)
    return war


def _list_items(value: Span) -> list[tuple[Span, int]]:
    """Items of a combatant/commander list with their bullet depth (``*`` = 1, ``**`` = 2)."""
    text = _GLUED_ICON.sub(lambda m: "," + " " * (len(m.group()) - 1), value.exact)
    text = _LIST_SEPARATOR.sub(lambda m: "," + " " * (len(m.group()) - 1), text)
    items, start, depth = [], 0, 0
    for i, ch in enumerate(text + ","):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0 and not re.match(r",\d{3}\b", text[i:]):
            # bounds come from the text with separators blanked, so "<hr>" stays out of items
            piece = text[start:i]
            begin = start
            start = i + 1
            stripped = piece.lstrip(" ")
            bullets = len(stripped) - len(stripped.lstrip("*"))
            core = piece.strip(" *'\"")
            if not core or not any(c.isalpha() for c in core):
                continue
            at = begin + piece.index(core)
            items.append((value.sub(at, at + len(core)), bullets))
    return items


def _actor_list(value: Span, actors: ActorResolver):
    """Resolve every actor of a combatant or unit list; bulleted items are members of the
    item above them."""
    out = []
    parents: dict[int, object] = {}
    for item, depth in _list_items(value):
        if item.exact.rstrip().endswith(":"):
            continue  # a heading inside the list ("Supported by:"), not a party
        for name in _split_known_and(item, actors):
            actor = actors.resolve(name.exact, name)
            if actor is None:
                continue
            parent = parents.get(depth - 1) if depth else None
            if parent is not None and parent.key != actor.key:
                actor.member_of.add(parent.key)
            parents[depth] = actor
            out.append(actor)
    return out


def _split_known_and(item: Span, actors: ActorResolver) -> list[Span]:
    """Split ``A and B`` when both halves are known names; otherwise keep the item whole."""
    m = re.search(r"\s+and\s+", item.exact)
    if m and not actors.lookup(clean_name(item.exact)):
        left, right = item.sub(0, m.start()), item.sub(m.end(), len(item.exact))
        if actors.lookup(clean_name(left.exact)) and actors.lookup(clean_name(right.exact)):
            return [left, right]
    return [item]


@lru_cache(maxsize=1)
def _title_pattern() -> re.Pattern[str]:
    titles = [p.pattern for p, _ in word_table("person-titles")]
    return re.compile(r"^(?:" + "|".join(t.replace("(?<![\\w-])", "") for t in titles) + r")\s*",
                      re.I)


def _commanders(value: Span, actors: ActorResolver) -> list[tuple[str, str | None]]:
    out = []
    for item, _ in _list_items(value):
        if item.exact.lstrip().startswith("("):
            continue  # a role remark about the previous name
        fate = split_fate(re.sub(r"\s*\([^)]*\)", "", item.exact))
        bracketed = _BRACKETED_FATE.search(item.exact)
        if bracketed and fate.fate is None:
            fate = Fate(fate.name, _FATES[bracketed.group(1)])
        name = clean_name(fate.name)
        bare = name
        while (m := _title_pattern().match(bare)) and m.end() < len(bare):
            bare = bare[m.end():]
        if not bare or not _PERSON_NAME.match(bare) or bare.casefold() == "unknown":
            continue
        start = item.exact.find(bare)
        evidence = item.sub(start, start + len(bare)) if start >= 0 else item
        actor = actors.resolve(bare, evidence, kind="Person")
        if actor is None:
            continue
        if name != bare:
            actor.alt_labels.add(name)
        out.append((actor.key, fate.fate))
    return out


def _casualties(fld: Field, side: int | None, ex: Extraction, actors: ActorResolver) -> None:
    for group in split_casualty_line(fld.value):
        claimants = []
        for who in group.claimants:
            actor = actors.resolve(who.exact, who)
            if actor is not None and actor.key not in claimants:
                claimants.append(actor.key)
        for item in group.items:
            for figure, span in item.figures:
                affects = None
                if side is None or (figure.noun and _CIVILIAN_NOUN.search(figure.noun)):
                    affects = _affected(figure.noun, span, actors)
                ex.claims.append(CasualtyClaim(
                    event=ex.event.key, category=figure.category, quantity=figure.quantity,
                    side=None if affects else side, affects=affects, claimants=list(claimants),
                    qualifier=figure.qualifier or item.qualifier, evidence=[span]))


def _affected(noun: str | None, span: Span, actors: ActorResolver) -> str | None:
    """The third party a figure is about: the civilians unless the noun names someone else."""
    name = "civilians"
    if noun and not _CIVILIAN_NOUN.search(noun):
        name = noun
    common_noun = name == name.lower()
    actor = actors.resolve(name, span, kind="Civilians" if common_noun else None)
    return actor.key if actor else None


# -- prose ---------------------------------------------------------------------------------------

def _date_from_lead(article: Article, event: Event) -> None:
    from kg.extract.dates import find_dates

    for paragraph in article.paragraphs[:2]:
        found = find_dates(paragraph.span.exact)
        if found:
            start, end, stamp = found[0]
            event.begin = event.end = stamp
            event.evidence.append(paragraph.span.sub(start, end))
            return


def _coalitions(text: str, offset: int, actors: ActorResolver) -> None:
    """``X, a coalition of A and B`` → A and B are members of X."""
    for m in _COALITION.finditer(text):
        before = text[max(0, m.start() - 200):m.start()]
        coalition = _last_known(before, actors)
        if coalition is None:
            continue
        members = m.group("members")
        members_start = offset + m.start("members")
        for name, start, end in _known_names_in(members, actors):
            member = actors.resolve(name, Span(members_start + start, members_start + end, name))
            parent = actors.resolve(coalition[0], Span(offset + m.start() - len(before) +
                                                       coalition[1], offset + m.start() -
                                                       len(before) + coalition[2], coalition[0]),
                                    kind="Coalition")
            if member and parent and member.key != parent.key:
                member.member_of.add(parent.key)
                if parent.kind not in ("Coalition",) and parent.key not in actors.reference.actors:
                    parent.kind = "Coalition"


def _known_names_in(text: str, actors: ActorResolver) -> list[tuple[str, int, int]]:
    """Known actor names inside ``text``, longest first, without overlaps."""
    found: list[tuple[str, int, int]] = []
    for m in re.finditer(r"\(([A-Z][\w-]+)\)", text):
        if actors.lookup(m.group(1)):
            found.append((m.group(1), m.start(1), m.end(1)))
    for m in re.finditer(r"[A-Z][\w'’-]*(?:\s+(?:of|the|for|and|[A-Z][\w'’-]*))*", text):
        words = m.group().split()
        for size in range(len(words), 0, -1):
            hit = False
            for i in range(len(words) - size + 1):
                phrase = " ".join(words[i:i + size])
                if phrase[0].isupper() and actors.lookup(phrase):
                    start = m.start() + m.group().find(phrase)
                    if not any(a <= start < b for _, a, b in found):
                        found.append((phrase, start, start + len(phrase)))
                        hit = True
            if hit:
                break
    return sorted(found, key=lambda t: t[1])


def _last_known(text: str, actors: ActorResolver) -> tuple[str, int, int] | None:
    names = _known_names_in(text, actors)
    if names:
        return names[-1]
    m = re.search(r"\(([A-Z][\w-]+)\)\s*$", text)
    return (m.group(1), m.start(1), m.end(1)) if m else None


def _infer_country(article: Article, ex: Extraction, places: PlaceResolver,
                   ref: Reference) -> None:
    """When the place line names no country, take the first country named in the infobox's
    Partof line, the title or the lead, and put the event's places inside it."""
    event_places = [places.places[k] for k in ex.event.places if k in places.places]
    if not event_places:
        return
    def top(place):
        seen = set()
        while place.contained_in in places.places and place.key not in seen:
            seen.add(place.key)
            place = places.places[place.contained_in]
        return place
    tops = {top(p).key: top(p) for p in event_places}

    def settled(place) -> bool:
        return place.kind == "Country" and place.key in ref.places

    # an unknown "country" may be the last part of a line that names none ("Marawi, Lanao del
    # Sur"): a real country named in the Partof line, the title or the lead wins over it
    if all(settled(t) for t in tops.values()):
        return
    candidates: list[Span] = []
    box = article.infobox
    part_of = box.first("partof", "part of") if box else None
    if part_of is not None:
        candidates.append(part_of.value)
    candidates.append(article.title)
    candidates += [p.span for p in article.paragraphs[:1]]
    pattern = ref.country_pattern()
    for span in candidates:
        m = pattern.search(span.exact)
        if m:
            country = places.get(m.group(), span.sub(m.start(), m.end()), "Country")
            for t in tops.values():
                if settled(t) or t.key == country.key:
                    continue
                if t.kind == "Country":
                    t.kind = "Region"
                t.contained_in = country.key
            return
