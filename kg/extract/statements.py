"""Non-numeric claims in the prose — who seized, entered, destroyed or shot down what, as someone
claimed it — and who disputed them.

"RFI claimed that the CSP-PSD had also effectively seized control of the town of Lere …, but
journalist Wassim Nasr rebutted this" becomes a claim (CSP-PSD, kg:seized, Léré) attributed to
RFI and disputed by Wassim Nasr. An admission that answers the claim ("the army only acknowledged
the downing of one plane due to technical issues") disputes it too.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.actors import ActorResolver
from kg.extract.names import clean_name, name_key
from kg.extract.places import PlaceResolver
from kg.extract.prose import OTHER_SECTIONS, SideFinder, find_speaker, same_claimant
from kg.extract.tables import word_table
from kg.model import Extraction, Span, StatementClaim
from kg.read import Article

__all__ = ["extract_statements"]

_FILLER = re.compile(r"^(?:that\s+)?", re.I)
_SKIPPED = r"(?:(?:had|has|have|also|effectively|allegedly|reportedly|successfully|then)\s+)*"
_OBJECT_END = re.compile(r",|;|\.|\s+(?:during|but|with|after|before|while|and|in order|"
                         r"above|below|near|on|at|for|since|which|who)\b")
_OBJECT_LEAD = re.compile(r"^(?:the\s+)?(?:(?:town|city|village|base|camp|district|region|"
                          r"province|area)s?\s+of\s+)?(?:the\s+)?", re.I)
_DISPUTE = re.compile(r"\bbut\s+(?P<who>[^,;]+?)\s+(?:also\s+|later\s+|quickly\s+|firmly\s+)?"
                      r"(?:rebutted|denied|disputed|refuted|rejected|contradicted)\b", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be)\s*$", re.I)
_CONTENT_WORD = re.compile(r"[A-Za-z][\w-]{3,}")
_STOP = frozenset("that this with their from into have were been also only which plane's".split())


@lru_cache(maxsize=1)
def _verb_phrases() -> re.Pattern[str]:
    phrases = sorted((p.pattern for p, _ in word_table("statement-verbs")), key=len, reverse=True)
    return re.compile(_SKIPPED + "(?P<verb>" + "|".join(phrases) + r")\s+", re.I)


def _predicate(verb: str) -> str:
    for pattern, predicate in word_table("statement-verbs"):
        if pattern.fullmatch(verb):
            return predicate
    raise KeyError(verb)


def extract_statements(article: Article, ex: Extraction, actors: ActorResolver,
                       places: PlaceResolver, sides: SideFinder) -> None:
    """Add the prose's non-numeric claims and their disputes to ``ex.statements``."""
    from kg.extract.article import _known_names_in

    last_speaker: str | None = None
    for section in article.sections:
        if section.title and OTHER_SECTIONS.match(section.title):
            continue
        for paragraph in section.paragraphs:
            for sentence in paragraph.sentences:
                text = sentence.exact
                speaker = find_speaker(text, actors, last_speaker, sentence.start, sides)
                if speaker is None or not speaker.key:
                    continue
                last_speaker = speaker.key
                if speaker.stance == "concede":
                    _answer(ex, text, speaker.key, sides)
                    continue
                if speaker.stance != "assert":
                    continue
                verb_end = speaker.verb_end
                clause_start = verb_end + len(text[verb_end:]) - len(text[verb_end:].lstrip())
                clause = text[clause_start:]
                clause_start += _FILLER.match(clause).end()
                clause = text[clause_start:]
                found = _verb_phrases().search(clause)
                if found is None:
                    continue
                before = clause[:found.start()]
                if _PASSIVE.search(clause[:found.start("verb")]):
                    continue  # "vehicles were destroyed": the destroyer is not the subject
                names = _known_names_in(before, actors)
                if names:
                    name, a, _ = names[-1]
                    subject = actors.resolve(name, sentence.sub(clause_start + a,
                                                                clause_start + a + len(name)))
                    subject_key = subject.key if subject else None
                    start = clause_start + a
                elif not before.strip():  # "claimed the destruction of …": the speaker did it
                    subject_key, start = speaker.key, clause_start + found.start("verb")
                else:
                    continue
                if subject_key is None:
                    continue
                rest_start = clause_start + found.end()
                rest = text[rest_start:]
                stop = _OBJECT_END.search(rest)
                raw = rest[:stop.start() if stop else len(rest)]
                lead = _OBJECT_LEAD.match(raw).end()
                obj_text = raw[lead:].strip()
                if not obj_text:
                    continue
                obj_start = rest_start + lead
                obj_span = sentence.sub(obj_start, obj_start + len(obj_text))
                obj, kind = _object(obj_text, obj_span, actors, places)
                statement = StatementClaim(
                    subject=subject_key, predicate=_predicate(found.group("verb")), object=obj,
                    object_kind=kind, claimants=[speaker.key],
                    evidence=[sentence.sub(start, obj_start + len(obj_text))])
                dispute = _DISPUTE.search(text, obj_start)
                if dispute:
                    who = find_speaker(dispute.group("who") + " said", actors, None,
                                       sentence.start + dispute.start("who"))
                    if who is not None and who.key:
                        statement.disputed_by.append(who.key)
                ex.statements.append(statement)


def _object(text: str, span: Span, actors: ActorResolver, places: PlaceResolver
            ) -> tuple[str, str]:
    key = places.index.get(clean_name(text))
    if key:
        places.get(text, span)
        return key, "place"
    actor_key = actors.lookup(clean_name(text))
    if actor_key:
        actors.resolve(text, span)
        return actor_key, "actor"
    return re.sub(r"^(?:a|an|the)\s+", "", text), "text"


def _answer(ex: Extraction, text: str, speaker: str, sides: SideFinder) -> None:
    """An admission that talks about what another party's claim talks about disputes it."""
    words = {name_key(w) for w in _CONTENT_WORD.findall(text)} - _STOP
    for statement in ex.statements:
        if same_claimant(statement.claimants, [speaker], sides):
            continue
        about = {name_key(w) for w in _CONTENT_WORD.findall(statement.object)} - _STOP
        if words & about and speaker not in statement.disputed_by:
            statement.disputed_by.append(speaker)
