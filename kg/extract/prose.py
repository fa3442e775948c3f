"""Casualty figures stated in the prose: who claimed them, whose losses they are, when the claim
was made — merged with the infobox figure when they are the same claim, kept apart otherwise.

A sentence is read in three steps: its reporting verb (``claimed``, ``stated``, ``according
to``…) and the speaker before it (a pronoun refers back to the last speaker); the figures after
the verb (:func:`kg.extract.quantities.find_figures`); and for each figure the side whose losses
it counts, from an actor or demonym in its noun phrase, from the kind of noun (``soldiers`` are
the state's side, ``militants`` the armed groups'), or from the figure before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.actors import ActorResolver
from kg.extract.dates import (
    MONTH_FULL_CAPITAL,
    find_dates,
    find_relative_phrases,
    resolve_relative,
)
from kg.extract.names import clean_name, name_key
from kg.extract.quantities import Figure, find_figures
from kg.extract.tables import first_match, word_rows, word_table
from kg.model import CasualtyClaim, Event, Extraction, Quantity, Span, TimeStamp
from kg.read import Article

__all__ = ["extract_prose_claims", "find_speaker", "SideFinder", "same_claimant", "OTHER_SECTIONS"]

_STATE_KINDS = {"State", "MilitaryForce", "Government", "InternationalOrganization"}
_ARMED_KINDS = {"ArmedGroup", "Coalition", "PrivateMilitaryCompany"}
# sections about what happened before the event hold other events' figures
OTHER_SECTIONS = re.compile(r"^(?:background|prelude|context|history|origins?)\b", re.I)
_OTHER_EVENT = re.compile(
    r"\b(?:on the same day (?:of|as)|the day (?:before|prior)|prior to the|before the (?:battle|"
    r"attack|ambush|raid|siege|offensive)|earlier (?:that|in the) (?:year|month|week)|"
    r"in a separate|another attack|a previous)\b", re.I)
# the article is already gone when this is tried ("the group" → "group")
_PRONOUN = re.compile(r"^(?:they|it|he|she|(?:the\s+)?(?:group|movement|coalition|army|"
                      r"government|ministry))$", re.I)
# a time phrase before the speaker: "By mid-November the coalition said"
_TIME_LEAD = re.compile(
    r"^(?i:(?:by|in|on|since|from|until|during|after|before|at|around|towards?)\s+)?"
    r"(?i:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"
    rf"(?:\d{{1,2}}\s+)?(?:{MONTH_FULL_CAPITAL})(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?\s*,?\s+(?=\S)")
_ADVERBS = re.compile(r"(?:\s+(?:also|only|later|then|subsequently|officially|reportedly|"
                      r"initially|separately|further|again|had|has|have|would|had\s+also))+$",
                      re.I)
_PHRASE = re.compile(
    r"(?:(?:[A-Z0-9][\w'’.-]*|(?:al|el|ad|as|ash)-[\w'’-]+)"
    r"(?:\s+(?:of|the|for|and|de|du|al|[A-Z0-9][\w'’.-]*|(?:al|el)-[\w'’-]+))*)"
    r"(?:\s+[a-z][\w-]*){0,2}$")
_GENERIC_SPEAKER = re.compile(
    r"(?:\b(?:a|an|the|one|two|several|local)\s+)?(?:local\s+)?(?P<noun>sheikh|witness(?:es)?|"
    r"residents?|locals|officials?|sources?|spokesm[ae]n|spokesperson|journalists?|analysts?|"
    r"medics?|doctors?|elders?)(?:\s+(?:in|from|of|at)\s+(?:the\s+)?[\w-]+)?$", re.I)
# words too common in actor names to tell one side from the other
_GENERIC_WORDS = frozenset(
    "forces force army group state security people s fighters fighter movement front the of and "
    "national armed allied men soldiers troops militia militias units unit special local "
    "government military".split())
_TAKEN = frozenset({"VehiclesCaptured"})
_PERSON_LOSSES = frozenset({"Killed", "Injured", "Missing", "KilledOrInjured"})
_BOTH_SIDES = re.compile(r"\b(?:both sides|each side|both parties)\b", re.I)
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<who>[^,.;]+)")
# what speaks for an organisation or a state named just before it: "al-Shabaab spokesman X",
# "a GNA military source", "the Russian Ministry of Defence", "the Ukrainian General Staff"
_ORGAN = re.compile(
    r"\s*(?:'s\s+)?(?:military\s+|security\s+|army\s+|government\s+|defen[cs]e\s+)?"
    r"(?:spokes(?:man|person|woman)|officials?|sources?|authorities|government|army|military|"
    r"armed\s+forces|general\s+staff|ministry|presidency|command|leadership)(?![\w-])", re.I)
_STATE_BODY = re.compile(r"(?:army|military|government|authorities|junta|security forces|"
                         r"armed forces|defen[cs]e ministry|ministry of defen[cs]e)", re.I)
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_OWN_LOSS = re.compile(r"(?:lost|losing)\b", re.I)
_ENEMY = re.compile(r"(?:the\s+)?(?:enemy|opposing|hostile)\b", re.I)
_ACTIVE_HARM = re.compile(r"(?:killed|killing|destroyed|destroying|shot\s+down|shooting\s+down|"
                          r"downed|downing|captured|capturing|wounded|wounding|executed|"
                          r"executing|neutrali[sz]ed|neutrali[sz]ing)\b(?!\s+of\b)", re.I)
_LEAD_WORD = re.compile(r"([A-Z][\w-]+)\s")
_POSSESSIVE = re.compile(r"['’]s\b")
# a claimant set off after the figure: "…, according to X" / "…, X said."
_TRAILING_END = re.compile(r"\s*(?:(?:on|in)\s+[^,;]{1,40}?)?\s*[.;]?\s*$")
_CLAUSE_BREAK = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|\band\s+(?:the|a|an|it|they)\b")
_LOSSES_OF = re.compile(r"\blosses of (?:the\s+)?(?P<who>[^,.;]+?)\s+(?:were|was|are|amounted)\b")


@lru_cache(maxsize=1)
def _verbs() -> re.Pattern[str]:
    # one alternation inside one pair of word-boundary checks: a boundary test per branch made
    # this the slowest pattern of the extractor. Case matters: "United States" states nothing.
    words = sorted((re.escape(w) for w, _ in word_rows("reporting-verbs")), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(words)})(?![\w-])")


@lru_cache(maxsize=1)
def _verb_words() -> tuple[str, ...]:
    """The first word of every reporting verb, for a cheap test before the patterns."""
    words = {word.split()[0].casefold() for word, _ in word_rows("reporting-verbs")}
    return tuple(sorted(words | {"according"}))


def _stance(verb: str) -> str:
    for pattern, stance in word_table("reporting-verbs"):
        if pattern.fullmatch(verb):
            return stance
    return "assert"


@dataclass
class _Speaker:
    key: str | None
    verb_start: int
    verb_end: int
    stance: str = "assert"  # "assert", "concede" or "dispute", from reporting-verbs.tsv


class SideFinder:
    """Which side of the event an actor, a noun phrase or a claimant belongs to."""

    def __init__(self, ex: Extraction, actors: ActorResolver) -> None:
        self.ex = ex
        self.actors = actors
        self.sides = ex.event.sides
        self.members: dict[int, set[str]] = {}
        for side in self.sides:
            keys: set[str] = set()
            for key in side.combatants:
                keys |= self.lineage(key)
            self.members[side.number] = keys

    def _actor(self, key: str):
        return self.actors.actors.get(key) or self.actors.reference.actors.get(key)

    def lineage(self, key: str) -> set[str]:
        """``key`` with every organisation it is part or member of, transitively."""
        out, todo = set(), [key]
        while todo:
            current = todo.pop()
            if current in out:
                continue
            out.add(current)
            actor = self._actor(current)
            if actor is not None:
                todo += list(actor.member_of) + ([actor.part_of] if actor.part_of else [])
        return out

    def of_actor(self, key: str) -> int | None:
        lineage = self.lineage(key)
        found = [n for n, keys in self.members.items() if lineage & keys]
        return found[0] if len(found) == 1 else None

    def of_kind(self, whose: str) -> int | None:
        """The one side made of states (``state``) or of armed groups (``armed``); else the one
        side that has any."""
        wanted = _STATE_KINDS if whose == "state" else _ARMED_KINDS
        other = _ARMED_KINDS if whose == "state" else _STATE_KINDS
        matches, unknown, having = [], [], []
        for side in self.sides:
            kinds = {self._actor(k).kind for k in side.combatants if self._actor(k)}
            if kinds & wanted and not kinds & other:
                matches.append(side.number)
            elif not kinds:
                unknown.append(side.number)
            if kinds & wanted:
                having.append(side.number)
        if len(matches) == 1:
            return matches[0]
        if len(having) == 1:
            return having[0]  # "Mali, Wagner Group": the only side with a state in it
        if not matches and len(unknown) == 1 and len(self.sides) == 2:
            return unknown[0]  # the side whose flags vanished is the other one
        return None

    def of_phrase(self, phrase: str) -> int | None:
        """The side an actor name, demonym or distinctive word in ``phrase`` points to."""
        from kg.extract.article import _known_names_in

        for name, _, _ in _known_names_in(phrase, self.actors):
            key = self.actors.lookup(name)
            side = self.of_actor(key) if key else None
            if side is not None:
                return side
        for word in re.findall(r"[A-Za-zÀ-ÿ'-]+", phrase):
            # a demonym ("Ostrian", "Malian") names the side of its country
            country = self.actors.reference.demonyms.get(word.casefold())
            if country:
                state = self.actors.reference.state_of_country.get(country, country)
                side = self.of_actor(state)
                if side is not None:
                    return side
                side = self._of_token(word)
                if side is not None:
                    return side
                return self.of_kind("state")
        opposed = re.search(r"\banti-([A-Z][\w-]*)", phrase)
        if opposed and len(self.sides) == 2:
            # "anti-Hadi fighters" fight the side that Hadi's forces are on
            side = self._of_token(opposed.group(1))
            if side is not None:
                return next(s.number for s in self.sides if s.number != side)
        for word in re.findall(r"[A-Za-z][\w-]+", phrase):
            side = self._of_token(word)
            if side is not None:
                return side
        return None

    def _of_token(self, word: str) -> int | None:
        token = name_key(word)
        if token in _GENERIC_WORDS or len(token) < 3:
            return None
        found = {n for n in self.members for key in self.members[n]
                 for label in self._labels(key) for word in label.split()
                 if token == word or (len(word) >= 4 and token.startswith(word)
                                      and len(token) - len(word) <= 3)}
        return found.pop() if len(found) == 1 else None

    def _labels(self, key: str) -> list[str]:
        actor = self._actor(key)
        if actor is None:
            return []
        return [" ".join(w for w in name_key(n).split() if w not in _GENERIC_WORDS)
                for n in (actor.label, *actor.alt_labels)]


def _noun_class(phrase: str | None) -> str | None:
    if not phrase:
        return None
    words = phrase.split()
    for word in reversed(words):
        for pattern, whose in word_table("combatant-nouns"):
            if pattern.fullmatch(word):
                return whose
    return None


def find_speaker(sentence: str, actors: ActorResolver, last: str | None,
                 base: int, sides: SideFinder | None = None) -> _Speaker | None:
    """The first claimant of the sentence and where its reporting verb stands, if any."""
    speakers = find_speakers(sentence, actors, last, base, sides)
    return speakers[0] if speakers else None


def find_speakers(sentence: str, actors: ActorResolver, last: str | None,
                  base: int, sides: SideFinder | None = None) -> list[_Speaker]:
    """Every claimant of the sentence, in order: "Ostria said …, and the VLF claimed …"."""
    lowered = sentence.casefold()
    if not any(word in lowered for word in _verb_words()):
        return []  # most sentences report nothing: skip the slower patterns
    according = _ACCORDING.search(sentence)
    if according:
        who = according.group("who")
        return [_Speaker(_resolve_speaker(who, base + according.start("who"), actors, last,
                                          sides),
                         according.start(), according.start("who"))]
    found: list[_Speaker] = []
    for verb in _verbs().finditer(sentence):
        if not re.match(r"\b", sentence[verb.start():]) or (verb.start() and
                                                            sentence[verb.start() - 1].isalnum()):
            continue
        if verb.end() < len(sentence) and sentence[verb.end()].isalnum():
            continue
        before = sentence[:verb.start()].rstrip(" ,")
        before = _ADVERBS.sub("", before)
        # "with the X stating", "X, the …, said"
        tail = re.split(r"[,;:(]|\bwith\b|\bwhile\b|\band\b(?=\s+(?:the|a)\s)|\bthat\b", before)[-1]
        tail = tail.strip()
        start = base + len(before) - len(tail)
        if found and not re.search(r"\band\b|[,;]", sentence[found[-1].verb_start:verb.start()]):
            continue  # "stated that … reported": one speaker, one clause
        key = _resolve_speaker(tail, start, actors, last, sides) if tail else None
        if found and key is None:
            continue
        found.append(_Speaker(key, verb.start(), verb.end(), _stance(verb.group())))
        last = key or last
    return found


def _resolve_speaker(phrase: str, start: int, actors: ActorResolver,
                     last: str | None, sides: SideFinder | None = None) -> str | None:
    stripped = phrase.lstrip()
    offset = start + len(phrase) - len(stripped)
    time_lead = _TIME_LEAD.match(stripped)
    if time_lead:
        offset += time_lead.end()
        stripped = stripped[time_lead.end():]
    article = re.match(r"(?:the|The)\s+", stripped)
    if article:
        offset += article.end()
        stripped = stripped[article.end():]
    phrase = stripped.rstrip()
    if not phrase:
        return None
    collective = _collective_party(phrase, sides) if sides is not None else None
    if collective is not None:
        return collective
    if _PRONOUN.match(phrase):
        return last
    from kg.extract.article import _known_names_in

    # "journalist Wassim Nasr": the role before the name says what kind of actor it is
    role = re.search(r"(?P<role>[a-z][\w-]*)\s+(?=[A-Z])", phrase)
    role_kind = first_match("actor-kinds", role.group("role")) if role else None
    role_kind = role_kind if role_kind in ("Person", "MediaOrganization") else None
    # "the Russian Ministry of Defence": a state's organ speaks for the state
    whole = clean_name(phrase)
    lead = _LEAD_WORD.match(phrase)
    if lead and lead.group(1).casefold() in actors.reference.demonyms and _ORGAN.match(
            phrase, lead.end(1)) and not actors.lookup(whole):
        actor = actors.resolve(lead.group(1), Span(offset, offset + lead.end(1), lead.group(1)))
        if actor is not None:
            return actor.key
    # names are looked up without a possessive ("Al-Shabaab's spokesman"): same length, so
    # offsets hold
    known = _known_names_in(_POSSESSIVE.sub("  ", phrase), actors)
    for name, a, b in reversed(known):
        if _ORGAN.match(phrase, b):
            return actors.resolve(name, Span(offset + a, offset + b, name)).key
    if known and known[-1][2] >= len(phrase) - 12:
        name, a, b = known[-1]
        if actors.lookup(whole):
            return actors.resolve(whole, Span(offset, offset + len(phrase), phrase),
                                  kind=role_kind).key
        return actors.resolve(name, Span(offset + a, offset + b, name), kind=role_kind).key
    generic = _GENERIC_SPEAKER.search(phrase)
    if generic:
        # "local officials" keep their qualifier, so that they meet "(per local officials)"
        label = ("local " if re.search(r"\blocal\b", generic.group(), re.I) else "") + \
            generic.group("noun").lower()
        span_text = generic.group().strip()
        at = phrase.find(span_text)
        actor = actors.resolve(label, Span(offset + at, offset + at + len(span_text), span_text),
                               kind="Civilians" if label in ("residents", "locals") else "Person")
        if actor is not None and span_text.casefold() != label:
            actor.alt_labels.add(span_text)
        return actor.key if actor else None
    candidate = _PHRASE.search(phrase)
    if candidate and candidate.group()[0].isupper() or (candidate and candidate.group().startswith(
            ("al-", "el-"))):
        text = candidate.group().strip()
        if text.split()[0].casefold() in {"in", "on", "at", "during", "after", "but", "however"}:
            return None
        at = phrase.find(text)
        if re.search(r"\b(?:in|at|from|near)\s+$", phrase[:at]):
            return None  # "a hospital in Misrata": a place, not who spoke
        titled = _untitled(text, actors)
        if titled != text:  # "French Defence Minister Jean-Yves Le Drian": a person
            at, text, role_kind = at + text.rfind(titled), titled, "Person"
        actor = actors.resolve(text, Span(offset + at, offset + at + len(text), text),
                               kind=role_kind)
        return actor.key if actor else None
    return None


def _untitled(name: str, actors: ActorResolver) -> str:
    """``name`` without the demonym and titles before a personal name ("French Defence
    Minister Jean-Yves Le Drian" → "Jean-Yves Le Drian"); unchanged when nothing is left."""
    from kg.extract.article import _title_pattern

    bare, titled = name, False
    while True:
        lead = _LEAD_WORD.match(bare)
        if lead and lead.group(1).casefold() in actors.reference.demonyms:
            bare = bare[lead.end():].lstrip()
            continue
        m = _title_pattern().match(bare)
        if m and m.end() < len(bare):
            bare, titled = bare[m.end():], True
            continue
        break
    return bare if titled and bare else name


def _collective_party(phrase: str, sides: SideFinder) -> str | None:
    """"The army said", "the militants claimed": the party of the one side such a body belongs
    to (its first state, or first armed group)."""
    words = phrase.split()
    if not words or len(words) > 3 or not phrase.islower():
        return None  # "the Malian Army" is a name, not a body
    whose = "state" if _STATE_BODY.fullmatch(phrase) else _noun_class(words[-1])
    if whose not in ("state", "armed"):
        return None
    number = sides.of_kind(whose)
    wanted = _STATE_KINDS if whose == "state" else _ARMED_KINDS
    for side in sides.sides:
        if side.number == number:
            return next((k for k in side.combatants
                         if sides._actor(k) and sides._actor(k).kind in wanted), None)
    return None


def same_claimant(a: list[str], b: list[str], sides: SideFinder) -> bool:
    """Whether two claimant lists speak for the same party (an army for its state)."""
    if set(a) == set(b):
        return True
    if not a or not b:
        return False
    lineage_a = set().union(*(sides.lineage(k) for k in a))
    lineage_b = set().union(*(sides.lineage(k) for k in b))
    return bool(set(a) & lineage_b or set(b) & lineage_a)


def _same_figure(a: CasualtyClaim, b: CasualtyClaim) -> bool:
    """The same losses, category and amount (claimants aside)."""
    return (a.side, a.affects, a.category) == (b.side, b.affects, b.category) and \
        _same_amount(a.quantity, b.quantity)


def _same_amount(a: Quantity, b: Quantity) -> bool:
    if a.text and b.text:
        return name_key(a.text) == name_key(b.text)
    return (a.count, a.min, a.max, a.approximate) == (b.count, b.min, b.max, b.approximate)


def _event_year(event: Event) -> int | None:
    stamp = event.begin or event.end
    return int(stamp.lexical[:4]) if stamp else None


def _outside_event(stamp: TimeStamp, event: Event) -> bool:
    """A full date more than a week before the event or long after it."""
    if stamp.datatype != "date" or not event.begin or event.begin.datatype != "date":
        return False
    from datetime import date, timedelta

    day = date.fromisoformat(stamp.lexical[:10])
    begin = date.fromisoformat(event.begin.lexical[:10])
    if event.end is None:  # "– present": still going on
        return day < begin - timedelta(days=1)
    end = date.fromisoformat(event.end.lexical[:10]) if event.end.datatype == "date" else begin
    return day < begin - timedelta(days=1) or day > end + timedelta(days=60)


def extract_prose_claims(article: Article, ex: Extraction, actors: ActorResolver,
                         sides: SideFinder) -> None:
    """Add the prose's casualty figures to ``ex.claims`` (merging repeats of known figures)."""
    event = ex.event
    year = _event_year(event)
    anchor = event.end or event.begin
    last_speaker: str | None = None
    for section in article.sections:
        if section.title and OTHER_SECTIONS.match(section.title):
            continue
        for paragraph in section.paragraphs:
            claim_day: TimeStamp | None = None
            paragraph_year = year
            recent: list[tuple[int, CasualtyClaim]] = []  # the last figures, for a denial
            for sentence in paragraph.sentences:
                text = sentence.exact
                stamp = _sentence_date(text, paragraph_year, claim_day or anchor, event)
                if stamp is not None and _YEAR.search(text):
                    paragraph_year = int(stamp.lexical[:4])  # yearless dates after it: this year
                if stamp is not None:
                    claim_day = stamp
                figures = find_figures(text)
                speakers = find_speakers(text, actors, last_speaker, sentence.start, sides)
                if speakers and speakers[-1].key:
                    last_speaker = speakers[-1].key
                if not figures:
                    # "The SDF denied these figures.": a denial answers the sentence before
                    _deny(speakers, [(-1, c) for _, c in recent], sides)
                    recent = []
                    continue
                recent = []
                if _OTHER_EVENT.search(text):
                    continue
                if stamp is not None and _outside_event(stamp, event):
                    continue
                losses = _LOSSES_OF.search(text)
                previous_side: int | None = None
                for figure in figures:
                    # the nearest reporting verb before the figure says whose claim it is
                    speaker = next((sp for sp in reversed(speakers)
                                    if sp.verb_start <= figure.start), None) or _trailing(
                        speakers, figure, text)
                    attributed = speaker is not None and speaker.key
                    claimants = [speaker.key] if attributed else []
                    phrase = figure.noun or ""
                    both = _BOTH_SIDES.search(text[:figure.start])
                    if both and not phrase:
                        targets = [(s.number, None) for s in sides.sides]
                    else:
                        # the claimant is the sentence's subject, not a source quoted after
                        acts = speaker is not None and speaker.verb_start <= figure.start
                        targets = [_whose(figure, phrase, losses, sides, previous_side,
                                          claimants if acts else [], actors, sentence,
                                          claimants)]
                    for side, affects in targets:
                        if side is None and affects is None:
                            continue
                        previous_side = side
                        if speaker is not None and speaker.stance == "concede" and claimants \
                                and _concedes(ex, side, figure, claimants, sides):
                            continue
                        recent.append((figure.start, _add(ex, CasualtyClaim(
                            event=event.key, category=figure.category, quantity=figure.quantity,
                            side=side, affects=affects, claimants=claimants,
                            claim_date=claim_day if claimants and claim_day else None,
                            evidence=[sentence.sub(figure.start, figure.end)]), sides)))
                # "…, which the GNA denied" / "a figure Kenya rejected"
                _deny(speakers, recent, sides)


def _trailing(speakers: list[_Speaker], figure: Figure, text: str) -> _Speaker | None:
    """The claimant named after the figure, set off by a comma and ending the sentence: "34
    fighters were killed, according to a hospital" or "…, the Defence Ministry said."."""
    for speaker in speakers:
        if speaker.verb_start < figure.end or not speaker.key:
            continue
        between = text[figure.end:speaker.verb_start]
        if "," not in between or _CLAUSE_BREAK.search(between):
            return None
        according = text.startswith(("according", "According"), speaker.verb_start)
        if according or _TRAILING_END.match(text, speaker.verb_end):
            return speaker
        return None
    return None


def _whose(figure: Figure, phrase: str, losses, sides: SideFinder, previous: int | None,
           acting: list[str], actors: ActorResolver, sentence: Span,
           claimants: list[str] | None = None):
    """The side (or the affected actor) whose losses ``figure`` counts. ``acting`` are the
    claimants when they are the sentence's subject ("X said it killed …"), else empty."""
    claimants = acting if claimants is None else claimants
    whose = _noun_class(phrase)
    if whose == "civilian":
        for side in sides.sides:
            if any((sides._actor(k) and sides._actor(k).kind == "Civilians")
                   for k in side.combatants):
                return side.number, None
        actor = actors.resolve("civilians", sentence.sub(figure.start, figure.end),
                               kind="Civilians")
        return None, actor.key if actor else None
    if acting and previous is None and len(sides.sides) == 2 and (
            _ENEMY.match(phrase) or (whose in ("own", None) and _ACTIVE_HARM.match(
                sentence.exact, figure.start))):
        # "its fighters had killed 40 enemy fighters", "France said its aircraft had destroyed
        # a dozen vehicles": what the claimant's side did, the other side suffered
        own = sides.of_actor(acting[0])
        if own is not None:
            return next(s.number for s in sides.sides if s.number != own), None
    side = sides.of_phrase(phrase) if phrase else None
    if side is None and losses is not None and figure.start > losses.start():
        side = sides.of_phrase(losses.group("who"))
    if side is None and whose in ("state", "armed"):
        side = sides.of_kind(whose)
    if side is None and _OWN_LOSS.match(sentence.exact, figure.start):
        # "the TFSA had lost 400 fighters": the losses of the clause's subject
        clause = re.split(r"[,;:]|\bthat\b", sentence.exact[:figure.start])[-1]
        side = sides.of_phrase(clause)
    if side is None and previous is not None:
        side = previous
    if side is None and whose in ("own", None) and claimants:
        side = sides.of_actor(claimants[0])
    if side is None and figure.category in _TAKEN and len(sides.sides) == 2:
        # "ISWAP fighters fled on two seized trucks": what one side took, the other lost
        clause = re.split(r"[,;:]", sentence.exact[:figure.start])[-1]
        taker = sides.of_phrase(clause)
        if taker is not None:
            side = next(s.number for s in sides.sides if s.number != taker)
    if side is None and whose is None and not claimants and figure.category in _PERSON_LOSSES:
        # "similar attacks …, wounding four": unattributed, unnamed victims of an attack are
        # the defending forces, the side of the state when there is one
        side = sides.of_kind("state")
    return side, None


def _concedes(ex: Extraction, side: int | None, figure: Figure, claimants: list[str],
              sides: SideFinder) -> bool:
    """"The army only acknowledged the downing of one plane": an admission that answers another
    party's claim about the same losses disputes it rather than adding a figure."""
    answered = [c for c in ex.claims if c.side == side and c.category == figure.category
                and c.claimants and not same_claimant(c.claimants, claimants, sides)]
    for claim in answered:
        for key in claimants:
            if key not in claim.disputed_by:
                claim.disputed_by.append(key)
    return bool(answered)


def _add(ex: Extraction, claim: CasualtyClaim, sides: SideFinder) -> CasualtyClaim:
    """Add ``claim``, or its evidence to the same figure by the same claimant; return the
    claim that holds it."""
    for known in ex.claims:
        if _same_figure(known, claim) and (
                same_claimant(known.claimants, claim.claimants, sides) or not claim.claimants):
            for span in claim.evidence:
                if span not in known.evidence:
                    known.evidence.append(span)
            if known.claim_date is None:
                known.claim_date = claim.claim_date
            return known
    ex.claims.append(claim)
    return claim


def _deny(speakers: list[_Speaker], figures: list[tuple[int, CasualtyClaim]],
          sides: SideFinder) -> None:
    """Whoever denies, rejects or disputes disputes the figures before the verb (``figures``
    holds each claim with where its figure starts; -1 for the sentence before) that another
    party claimed or the text reported."""
    for speaker in speakers:
        if speaker.stance != "dispute" or not speaker.key:
            continue
        for start, claim in figures:
            if start < speaker.verb_start and speaker.key not in claim.disputed_by and not (
                    claim.claimants and same_claimant(claim.claimants, [speaker.key], sides)):
                claim.disputed_by.append(speaker.key)


def _sentence_date(text: str, year: int | None, anchor: TimeStamp | None,
                   event: Event | None = None) -> TimeStamp | None:
    for start, end, stamp in find_dates(text, year=year):
        if (event is not None and year is not None and stamp.datatype == "date"
                and not _YEAR.search(text, start, end)
                and _outside_event(stamp, event) and not _outside_event(
                    (later := TimeStamp(f"{year + 1}{stamp.lexical[4:]}", "date")), event)):
            return later  # "On 9 February" in a battle from November to March: the next year
        return stamp
    if anchor is None:
        return None
    for start, end in find_relative_phrases(text):
        resolved = resolve_relative(text[start:end], anchor)
        if resolved is not None and resolved[0] == resolved[1]:
            return resolved[0]
    return None
