"""The event's timeline: its timed phases (sub-events) and the dated events its background
tells of, each a :class:`kg.model.Event` with the best dates the text supports.

"At 1:30 local time on September 17, CSP-PSD fighters attacked two Malian military camps" is a
phase of the battle beginning at ``2023-09-17T01:30:00+00:00``: local time is resolved through
the time zone of the event's country (``zoneinfo``). "Malian and Wagner forces attacked the town
of Ber in August 2023" in the Background is an earlier event of ``2023-08``.
"""
from __future__ import annotations

import re

from kg.extract.actors import ActorResolver
from kg.extract.dates import (
    find_dates,
    find_relative_phrases,
    find_times,
    local_datetime,
    resolve_relative,
)
from kg.extract.names import strip_markup
from kg.extract.prose import OTHER_SECTIONS
from kg.extract.tables import all_matches
from kg.model import Event, Extraction, Place, Span, TimeStamp
from kg.read import Article

__all__ = ["extract_timeline"]

_LABEL_CUT = re.compile(r",\s+(?:leaving|with|after|before|while|which|who|but)\b|;|\.$")
_TIME_LEAD = re.compile(r"^(?:at|around|about|from|by|between|shortly after)\s+[^,]*?(?:local time|"
                        r"am|pm|a\.m\.|p\.m\.|\d:\d\d)[^,]*,\s*", re.I)
_CLAUSE_START = re.compile(r"(?:^|[,;]\s+|\s+(?:and|but|while|since|after|before)\s+)")
_MAX_LABEL = 90
_AFTER = re.compile(r"^(?:following|after|in the wake of|in response to)\b[^,]*,\s*", re.I)
_DECLARED = re.compile(r"\bdeclared\s+(?:war|a state of|independence|a ceasefire)\b", re.I)


def _zone(ex: Extraction) -> str | None:
    """The time zone of the event's country, following the places it is contained in."""
    for key in ex.event.places:
        place: Place | None = ex.places.get(key)
        seen: set[str] = set()
        while place is not None and place.key not in seen:
            if place.time_zone:
                return place.time_zone
            seen.add(place.key)
            place = ex.places.get(place.contained_in or "")
    return None


def _label(text: str, actors: ActorResolver | None = None) -> str:
    """A short label from a sentence: its main clause, without the time phrase before it, with
    actors under their own labels (``CSp_PSD`` → ``CSP-PSD``) and no markup left."""
    clause = _TIME_LEAD.sub("", text.strip())
    if actors is not None:
        from kg.extract.article import _known_names_in

        for name, start, end in reversed(_known_names_in(clause, actors)):
            if name.casefold() in actors.reference.demonyms:
                continue  # "the Malian junta" keeps its adjective
            key = actors.lookup(name)
            label = actors.actors[key].label if key in actors.actors else None
            if label:
                clause = clause[:start] + label + clause[end:]
    clause = strip_markup(clause.replace("_", " "))
    cut = _LABEL_CUT.search(clause)
    clause = clause[:cut.start()] if cut else clause
    clause = clause.rstrip(" .,;")
    if len(clause) > _MAX_LABEL:
        clause = clause[:_MAX_LABEL].rsplit(" ", 1)[0] + "…"
    return clause[:1].upper() + clause[1:]


def _actors_in(text: Span, actors: ActorResolver) -> list[str]:
    from kg.extract.article import _known_names_in

    keys = []
    for name, start, end in _known_names_in(text.exact, actors):
        actor = actors.resolve(name, text.sub(start, end))
        if actor is not None and actor.key not in keys:
            keys.append(actor.key)
    return keys


def _relative_event(text: str, sentence: Span, anchor: TimeStamp | None,
                    actors: ActorResolver, until: TimeStamp | None = None) -> Event | None:
    """"They then attacked Bourem a few weeks later": an event dated relative to the one before,
    as the interval the phrase allows (a month alone counts from its first day)."""
    if anchor is None or find_dates(text):
        return None
    day = TimeStamp(anchor.lexical[:7] + "-01", "date") if anchor.datatype == "gYearMonth" \
        else anchor
    kinds = ["Event", *all_matches("event-kinds", text)]
    for start, end in find_relative_phrases(text):
        resolved = resolve_relative(text[start:end], day) if day.datatype == "date" else None
        if resolved is None or len(kinds) == 1:
            continue
        sub = Event(key="", label=_label(text, actors), kinds=kinds, begin=resolved[0],
                    end=resolved[1],
                    evidence=[sentence])
        sub.actors = _actors_in(sentence, actors)
        return sub
    if _AFTER.match(text) and (len(kinds) > 1 or _DECLARED.search(text)) and until is not None \
            and day.datatype == "date":
        # "Following the attack on Bourem, the CSP-PSD declared war": after the event before,
        # before the one the article is about — the best dates the text supports
        clause = _AFTER.sub("", text)
        kinds = ["Event", *(k for k in all_matches("event-kinds", clause) if k != "War")]
        sub = Event(key="", label=_label(clause, actors), kinds=kinds, begin=day,
                    end=until, evidence=[sentence])
        sub.actors = _actors_in(sentence, actors)
        return sub
    return None


def extract_timeline(article: Article, ex: Extraction, actors: ActorResolver) -> None:
    """Add the event's timed phases and its dated background events to ``ex.events``."""
    event = ex.event
    year = int(event.begin.lexical[:4]) if event.begin else None
    zone = _zone(ex)
    phases = background = 0
    anchor: TimeStamp | None = None  # the date of the last background event, for "later"
    for section in article.sections:
        is_background = bool(section.title and OTHER_SECTIONS.match(section.title))
        for paragraph in section.paragraphs:
            for sentence in paragraph.sentences:
                text = sentence.exact
                if is_background:
                    relative = _relative_event(text, sentence, anchor, actors, event.begin)
                    if relative is not None:
                        background += 1
                        relative.key = f"{event.key}/background-{background}"
                        ex.events[relative.key] = relative
                        anchor = relative.begin
                        continue
                    # one earlier event per date, named by the clause the date closes
                    for start, end, stamp in find_dates(text, year=year):
                        if stamp == event.begin or re.match(r"\s*,?\s*(?:tensions|the start)",
                                                            text[end:end + 20]):
                            continue
                        starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, start)]
                        clause = sentence.sub(starts[-1] if starts else 0, end)
                        if "start of" in clause.exact[:30]:
                            continue
                        background += 1
                        sub = Event(key=f"{event.key}/background-{background}",
                                    label=_label(clause.exact, actors),
                                    kinds=["Event", *all_matches("event-kinds", clause.exact)],
                                    begin=stamp, end=stamp, evidence=[clause])
                        sub.actors = _actors_in(clause, actors)
                        ex.events[sub.key] = sub
                    dated = [stamp for _, _, stamp in find_dates(text, year=year)]
                    if dated:
                        anchor = dated[0]  # the sentence's own date, not one it looks back to
                    continue
                times = find_times(text)
                if not times or zone is None:
                    continue
                dates = find_dates(text, year=year)
                day = dates[0][2] if dates else event.begin
                if day is None or day.datatype != "date":
                    continue
                begin = local_datetime(day, times[0][2], times[0][3], zone)
                end = local_datetime(day, times[-1][2], times[-1][3], zone) \
                    if len(times) > 1 else None
                phases += 1
                sub = Event(key=f"{event.key}/phase-{phases}", label=_label(text, actors),
                            kinds=["Event", *all_matches("event-kinds", text)],
                            begin=begin, end=end, part_of=[event.key], evidence=[sentence])
                sub.actors = _actors_in(sentence, actors)
                ex.events[sub.key] = sub
