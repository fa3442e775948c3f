"""Casualty figures in text: amounts in digits or words, vague amounts, and what they count.

Two entry points share one small grammar. :func:`parse_casualty_item` reads one item of an
infobox casualty list (``"~40 killed"``, ``"1,320 surrendered (including 400 officers)"``);
:func:`find_figures` finds the figures in a prose sentence (``"killing 35 attackers"``). Both
return :class:`Figure` objects whose offsets point at the exact figure text.

The grammar: an *amount* (``5``, ``thirty-five``, ``at least 12``, ``12–15``, ``several dozen``),
an optional *noun phrase* (``Tolu soldiers``, ``pick-up trucks``), and a *trigger* that says
what happened — after the amount (``were killed``), before it (``killing``, ``the deaths of``),
or as the head noun itself (``POWs``, ``casualties``). Trigger words, the kinds of things
(aircraft, vehicles, vessels) and the combination rules live in ``kg/data/casualty-words.tsv``.
Prose favours precision: an amount with no trigger attached is not a figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.tables import word_rows
from kg.model import Quantity

__all__ = ["CATEGORIES", "Figure", "find_figures", "parse_casualty_item", "parse_number"]

CATEGORIES = frozenset({
    "Killed", "Injured", "Missing", "Captured", "KilledOrInjured", "VehiclesDestroyed",
    "VehiclesCaptured", "AircraftDestroyed", "AircraftDamaged", "Displaced", "VesselsDestroyed",
})


@dataclass(frozen=True)
class Figure:
    """One casualty figure: how many, of what category, of whom, and where it is in the input.

    ``input[start:end]`` is the figure's text (amount, noun and trigger as far as they are
    contiguous), without surrounding spaces or punctuation.
    """

    quantity: Quantity
    category: str  # local name of a kg:CasualtyCategories concept
    noun: str | None  # who or what, as written ("Tolu soldiers", "plane")
    start: int
    end: int
    qualifier: str | None = None  # trailing parenthetical, as written ("including 400 officers")


# -- the word table --------------------------------------------------------------------------------

_TABLE = Path(__file__).resolve().parent.parent / "data" / "casualty-words.tsv"
_THING_CLASSES = ("aircraft", "vehicle", "vessel")


def _key(word: str) -> str:
    return " ".join(word.casefold().split())


def _load() -> tuple[dict, set, set, set, dict, set, set, dict]:
    cats: dict[str, dict[str, str]] = {}  # trigger → {applies_to: category}
    after: set[str] = set()
    before: set[str] = set()
    nouns: set[str] = set()
    things: dict[str, str] = {}  # noun → class
    persons: set[str] = set()
    ignore: set[str] = set()
    combine: dict[frozenset[str], dict[str, str]] = {}
    lines = _TABLE.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line.strip() and not line.startswith("#")][1:]
    for number, line in enumerate(body, 2):
        role, word, applies_to, category = (cell.strip() for cell in line.split("\t"))
        if category != "-" and category not in CATEGORIES:
            raise ValueError(f"{_TABLE.name}: unknown category {category!r} in {line!r}")
        key = _key(word)
        if role in ("after", "before", "both", "noun"):
            cats.setdefault(key, {})[applies_to] = category
            if role in ("after", "both"):
                after.add(word)
            if role in ("before", "both"):
                before.add(word)
            if role == "noun":
                nouns.add(word)
        elif role == "combine":
            pair = frozenset(word.split("+"))
            combine.setdefault(pair, {})[applies_to] = category
        elif role == "thing":
            things[key] = applies_to
        elif role == "person":
            persons.add(key)
        elif role == "ignore":
            ignore.add(key)
        else:
            raise ValueError(f"{_TABLE.name}: unknown role {role!r} in {line!r}")
    return cats, after, before, nouns, things, persons, ignore, combine


_CATS, _AFTER_WORDS, _BEFORE_WORDS, _NOUN_WORDS, _THINGS, _PERSONS, _IGNORE, _COMBINE = _load()


def _alternation(words: set[str]) -> str:
    # longest first, so that "killed in action" wins over "killed"
    parts = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts)


_AFTER_RE = re.compile(rf"(?<![\w-])(?:{_alternation(_AFTER_WORDS)})(?![\w-])", re.I)
_NOUN_RE = re.compile(rf"(?<![\w-])(?:{_alternation(_NOUN_WORDS)})(?![\w-])", re.I)
# first words of those phrases: a set lookup spares most regex calls
_AFTER_FIRST = frozenset(_key(w).split()[0] for w in _AFTER_WORDS)
_NOUN_FIRST = frozenset(_key(w).split()[0] for w in _NOUN_WORDS)

# -- numbers ---------------------------------------------------------------------------------------

_UNITS = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine".split(), 1)}
_TEENS = {w: i for i, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), 10)}
_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SMALL_VALUES = {**_UNITS, **_TEENS, **_TENS, "zero": 0}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()

# number words in any order; parse_number() then rejects what is not a number ("one two")
_NUMBER_WORDS = sorted([*_TENS, *_TEENS, *_UNITS, "hundred", *_SCALES, "dozen"], key=len,
                       reverse=True)
_NUMBER_WORD = rf"(?:{'|'.join(_NUMBER_WORDS)})(?!\w)"
_WORD_NUMBER = (rf"(?:(?:half\s+)?an?\s+(?=hundred|thousand|million|dozen))?{_NUMBER_WORD}"
                rf"(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:{_NUMBER_WORD}))*")
_DIGITS = (r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
           r"(?:\s*(?:thousand|million|billion)(?![\w-]))?")
_NUMBER = rf"(?:(?<![\w.,:/-]){_DIGITS}|(?<![\w-]){_WORD_NUMBER})"
_NUMBER_HI = rf"(?:{_DIGITS}|{_WORD_NUMBER})"  # after a range dash, where the dash may be "-"

_APPROX = (r"~|c\.|ca\.|circa|about|around|approximately|approx\.|roughly|some|nearly|almost"
           r"|an\s+estimated|estimated|est\.")
_MIN = (r"at\s+least|over|more\s+than|upwards\s+of|in\s+excess\s+of|no\s+(?:fewer|less)\s+than"
        r"|a\s+minimum\s+of|at\s+minimum")
_MAX = (r"up\s+to|at\s+most|as\s+many\s+as|no\s+more\s+than|fewer\s+than|less\s+than|under"
        r"|a\s+maximum\s+of")
_NEUTRAL = r"a\s+total\s+of|another|a\s+further"
_APPROX_RE = re.compile(rf"(?:{_APPROX})\s*$", re.I)
_MIN_RE = re.compile(rf"(?:{_MIN})\s*$", re.I)
_MAX_RE = re.compile(rf"(?:{_MAX})\s*$", re.I)
_MODIFIER = rf"(?:~\s*|(?<![\w-])(?:{_APPROX}|{_MIN}|{_MAX}|{_NEUTRAL})\s+)"

# words that name an amount without a number; the adjectival ones only count with a loss noun
_VAGUE = (r"(?:several|a\s+few|a\s+couple(?:\s+of)?|many)\s+(?:dozen|hundred|thousand)s?"
          r"|tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|hundreds|thousands|scores"
          r"|a\s+(?:large|small|significant|great|high|huge|considerable)\s+number|a\s+number"
          r"|a\s+handful|a\s+few|a\s+couple|several|many|numerous|multiple|countless|some"
          r"|heavy|light|significant|considerable|substantial|severe|minimal")
_ADJECTIVAL = frozenset("heavy light significant considerable substantial severe minimal".split())

# digit amounts must not run on into a decimal, a time, a date or a percentage
_END = r"(?![\w%°]|[.,:/]\d|-[^\W\d_])"
_AMOUNT = re.compile(
    rf"(?P<mod>{_MODIFIER})?"
    rf"(?P<between>between\s+)?(?P<lo>{_NUMBER})"
    # "and" joins a range only after "between"; (?!) fails, so a bare "5 and 6" is two amounts
    rf"(?:(?:\s*[–—]\s*|(?<=\d)-(?=\d)|\s+(?:to|or)\s+|(?(between)\s+and\s+|(?!)))"
    rf"(?P<hi>{_NUMBER_HI}))?"
    rf"(?P<plus>\+|\s+or\s+more(?![\w-]))?{_END}"
    rf"|(?<![\w-])(?P<vmod>{_MODIFIER})?(?P<vague>{_VAGUE})(?![\w-])"
    rf"|(?<![\w-])(?P<article>an?)(?=\s+[^\W\d_])",
    re.I)

_DIGIT_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|billion))?")
_NUMBER_SPLIT = re.compile(r"[\s,-]+")


def _first_words(*patterns: str) -> frozenset[str]:
    """The words an alternative of these patterns can start with (a superset is enough)."""
    words = set()
    for pattern in patterns:
        for alternative in pattern.split("|"):
            m = re.search(r"[a-z]+", alternative.lstrip("(?:"))
            if m:
                words.add(m.group())
    return frozenset(words)


# Trying the amount pattern at every position is slow; an amount starts with "~", a digit or
# one of these words, so only word starts passing this check are tried.
_AMOUNT_FIRST = _first_words(_APPROX, _MIN, _MAX, _NEUTRAL, _VAGUE, "|".join(_NUMBER_WORDS),
                             "between|half|a|an")
_WORD_START = re.compile(r"(?<![\w-])(?:[~\d]|[^\W\d_]+)")


def _amount_at(text: str, pos: int) -> re.Match[str] | None:
    m = _WORD_START.match(text, pos)
    if m is None or not (m.group()[0] in "~0123456789" or m.group().casefold() in _AMOUNT_FIRST):
        return None
    return _AMOUNT.match(text, pos)


def _amounts(text: str) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    end = 0
    for start in _WORD_START.finditer(text):
        if start.start() < end:
            continue
        m = _amount_at(text, start.start())
        if m:
            out.append(m)
            end = m.end()
    return out


def parse_number(text: str) -> int | None:
    """The integer a number written in digits or English words stands for, or None.

    >>> [parse_number(s) for s in ("1,190", "thirty-five", "two dozen", "1.5 million", "many")]
    [1190, 35, 24, 1500000, None]
    """
    s = " ".join(text.casefold().replace("‐", "-").split())
    if not s:
        return None
    m = _DIGIT_NUMBER.fullmatch(s)
    if m:
        scale = _SCALES.get(m.group(3) or "", 1)
        # exact decimal arithmetic: "1.5 million" is whole, "2.5" is not a count
        whole, _, fraction = (m.group(1).replace(",", "") + (m.group(2) or "")).partition(".")
        scaled = int(whole + fraction) * scale
        divisor = 10 ** len(fraction)
        return scaled // divisor if scaled % divisor == 0 else None
    s = s.replace("half a dozen", "six")
    tokens = [t for t in _NUMBER_SPLIT.split(s) if t]
    total = current = 0
    last: str | None = None  # kind of the previous token: tens, small, a, hundred, scale, and
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok in _SMALL_VALUES:
            value = _SMALL_VALUES[tok]
            if last == "tens" and 0 < value < 10:
                current += value
            elif last in (None, "hundred", "scale", "and") and current % 100 == 0:
                current += value
            else:
                return None
            last = "tens" if value >= 20 else "small"
        elif tok in ("a", "an") and last in (None, "scale", "and") and nxt in (
                "hundred", "dozen", *_SCALES):
            current, last = 1, "a"
        elif tok == "hundred" and last in ("small", "tens", "a") and current < 100:
            current, last = current * 100, "hundred"
        elif tok == "dozen" and last in ("small", "tens", "a"):
            current, last = current * 12, "dozen"
        elif tok in _SCALES and last in ("small", "tens", "a", "hundred", "dozen"):
            total, current, last = total + current * _SCALES[tok], 0, "scale"
        elif tok == "and" and last in ("hundred", "scale") and nxt in _SMALL_VALUES:
            last = "and"
        else:
            return None
    if last in (None, "a", "and"):
        return None
    return total + current


# -- noun phrases ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s+(?P<tok>[^\W_](?:[\w'’]|[-.](?=[^\W_]))*)")
_FIRST_TOKEN = re.compile(r"\s*(?P<tok>[^\W_](?:[\w'’]|[-.](?=[^\W_]))*)")
_AUX = (r"had\s+been|have\s+been|has\s+been|were\s+being|are\s+being|would\s+be|were|was|are|is"
        r"|being|been|got|be")
_ADVERBS = ("also reportedly reported allegedly immediately later subsequently eventually "
            "initially then all both confirmed found left believed presumed declared possibly "
            "probably apparently officially ultimately seriously severely critically lightly "
            "badly still").split()
_STOP = frozenset(
    ("was were is are be been being had has have got get gets in on at during from with by for "
     "to into after before near since while including among across around over under as against "
     "between through throughout within without outside inside toward towards upon via per of "
     "and or but nor so than when where who whom whose which that what the a an this these "
     "those their its his her our my your they them it he she we us only just still already "
     "each respectively either neither not no above below beneath behind beside beyond off out "
     "up down along amid amidst alongside following despite except like past there here "
     "because although though if whether until till unless once whereas").split()
) | frozenset(_ADVERBS)
_DETERMINER_OF = re.compile(r"\s+of\s+(?P<det>the|their|its|his|her|our|these|those|them)(?![\w-])",
                            re.I)
_VAGUE_OF = re.compile(r"\s+of(?:\s+(?:the|their|its|his|her|our|these|those))?(?![\w-])", re.I)
_AND = re.compile(r"\s+(?:and|&)(?=\s)", re.I)


@dataclass
class _Noun:
    """A noun phrase after an amount, cut after its head word; ``cls`` says what it counts."""

    start: int
    end: int
    tokens: list[str]
    cls: str = "none"  # aircraft, vehicle, vessel, person, unknown, ignore or none (empty)
    loss: str | None = None  # a loss noun heading the phrase ("POWs", "casualties")
    loss_start: int = 0

    @property
    def empty(self) -> bool:
        return not self.tokens


def _singulars(word: str) -> list[str]:
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


def _head_class(words: list[str]) -> str | None:
    """The class of a phrase whose head is its last word, if the word table knows the head."""
    for k in (3, 2, 1):
        if len(words) < k:
            continue
        for last in _singulars(words[-1]):
            tail = " ".join([*words[-k:-1], last])
            if tail in _THINGS:
                return _THINGS[tail]
            if tail in _PERSONS:
                return "person"
            if k == 1 and tail in _IGNORE:
                return "ignore"
    return None


def _starts_amount(text: str, pos: int) -> bool:
    m = _amount_at(text, pos)
    if not m or m.group("article") or _quantity(m) is None:
        return False
    # "5 heavy tanks": an adjective, not a second amount
    return not (m.group("vague") and m.group("vague").casefold() in _ADJECTIVAL)


def _ends_phrase(text: str, m: re.Match[str], first: bool) -> bool:
    tok = m.group("tok")
    low = tok.casefold()
    # "US soldier": an acronym in capitals is a name, not the pronoun "us"
    if low in _STOP and not (len(tok) > 1 and tok.isupper()):
        return True
    # "civilians digging trenches", "one peacekeeper and injuring": a verb starts a new clause
    if not first and low.endswith("ing") and tok.islower():
        return True
    if low in _AFTER_FIRST and _AFTER_RE.match(text, m.start("tok")):
        return True
    return _starts_amount(text, m.start("tok"))


def _noun_phrase(text: str, pos: int, first: bool = False) -> _Noun:
    """The noun phrase at ``pos``: up to six words, through ``and`` between nouns, cut after the
    last word the table knows as a head ("Tolu L-59 jet over the pass" → up to "jet")."""
    tokens: list[str] = []
    ends: list[int] = []
    start = pos
    cursor = pos
    while len(tokens) < 6:
        m = (_FIRST_TOKEN if first and not tokens else _TOKEN).match(text, cursor)
        if not m or _ends_phrase(text, m, not tokens):
            break
        loss = _NOUN_RE.match(text, m.start("tok")) if m.group("tok").casefold() in _NOUN_FIRST \
            else None
        if loss:
            return _Noun(start if tokens else loss.start(), loss.end(), tokens + [loss.group()],
                         "person", loss.group(), loss.start())
        if not tokens:
            start = m.start("tok")
        tokens.append(m.group("tok"))
        ends.append(m.end("tok"))
        cursor = m.end("tok")
        conj = _AND.match(text, cursor)
        if conj:
            nxt = _TOKEN.match(text, conj.end())
            if nxt and not _ends_phrase(text, nxt, False):
                cursor = conj.end()
                tokens.append(conj.group().strip())
                ends.append(conj.end())
    while tokens and tokens[-1].casefold() in ("and", "&"):
        tokens.pop()
        ends.pop()
    if not tokens:
        return _Noun(pos, pos, [])
    words = [t.casefold() for t in tokens]
    for i in range(len(words), 0, -1):
        cls = _head_class(words[:i])
        if cls is not None:
            return _Noun(start, ends[i - 1], tokens[:i], cls)
    # a model of vehicle or aircraft: "5 BMP-2s", "2 Su-25s", "1 SF-260"
    for i in range(len(tokens) - 1, -1, -1):
        cls = _model_class(tokens[i])
        if cls is not None:
            return _Noun(start, ends[i], tokens[:i + 1], cls)
    # a capitalised head is a name: "30 Kirvani", "five KDF"
    return _Noun(start, ends[-1], tokens, "person" if tokens[-1][:1].isupper() else "unknown")


@lru_cache(maxsize=1)
def _models() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"(?:{pattern})s?"), cls)
                 for pattern, cls in word_rows("equipment-models"))


def _model_class(token: str) -> str | None:
    """``vehicle`` or ``aircraft`` when ``token`` names a model of one (equipment-models.tsv)."""
    for pattern, cls in _models():
        if pattern.fullmatch(token):
            return cls
    return None


def _noun_text(noun: _Noun, text: str) -> str | None:
    end = noun.loss_start if noun.loss is not None else noun.end
    value = text[noun.start:end].strip() if noun.tokens else ""
    return value or None


# -- triggers and categories -------------------------------------------------------------------


def _category(triggers: list[str], cls: str) -> str | None:
    """The category that ``triggers`` said together give to a noun of class ``cls``."""
    if cls == "ignore" or not triggers:
        return None
    rows = [_CATS.get(_key(t), {}) for t in triggers]
    if cls in _THING_CLASSES:
        target = cls
    elif cls in ("person", "none"):
        target = "person"
    elif all(set(r) == {"person"} for r in rows):
        # an unknown noun can be people only when the words can mean nothing else ("killed")
        target = "person"
    else:
        return None
    found = [r.get(target) for r in rows]
    if None in found:
        return None
    result = found[0]
    for other in found[1:]:
        if other != result:
            result = _COMBINE.get(frozenset((result, other)), {}).get(target)
            if result is None:
                return None
    return result


_OUTCOME = _alternation(_AFTER_WORDS)
# after the amount a bare perfect also reports the outcome ("40 soldiers had died"); before a
# trigger it must not count, or "militants had killed 5" would lose its object
_POST_AUX = _AUX + r"|had|has|have"
_POST = re.compile(
    rf"(?P<lead>\s*,\s*(?P<aux1>{_POST_AUX})\s+|\s+(?:(?P<aux2>{_POST_AUX})\s+)?)"
    rf"(?:(?:{'|'.join(_ADVERBS)})\s+)*"
    rf"(?P<o1>{_OUTCOME})(?![\w-])"
    rf"(?:\s*,?\s+(?:and/or|and|or|&)\s+(?P<o2>{_OUTCOME})(?![\w-]))?",
    re.I)
_PRE = re.compile(
    rf"(?<![\w-])(?P<trig>{_alternation(_BEFORE_WORDS)})\s+(?:(?:the|a\s+total\s+of|only|just|"
    rf"merely)\s+)?$", re.I)
_POST_FIRST = frozenset(w.split("\\s+")[0] for w in _POST_AUX.split("|")) | frozenset(
    _ADVERBS) | _AFTER_FIRST
_NEXT_WORD = re.compile(r"\s*,?\s*([^\W\d_]+)")
_BEFORE_LAST = frozenset({w.split()[-1].casefold() for w in _BEFORE_WORDS} | {
    "the", "of", "only", "just", "merely"})
_SPACE = re.compile(r"\s*")
_AUX_BEFORE = re.compile(rf"(?<![\w-])(?:{_AUX})\s+$", re.I)
# "30 attackers killed the commander" — but "5 killed the next day" is no object
_ACTIVE_OBJECT = re.compile(r"\s+(?:the|a|an|his|her|their|its|our|them|him|themselves|himself)"
                            r"(?![\w-])(?!\s+(?:same|next|following|previous|first|second|last"
                            r"|day|night|morning|evening|week)(?![\w-]))", re.I)
_LIST_COMMA = re.compile(r"\s*,\s*")
_FORWARD = re.compile(
    r"\s*,?\s*(?:and|along\s+with|as\s+well\s+as|together\s+with|plus)\s+", re.I)
_BACKWARD = re.compile(
    r"(?:\s+(?:in|at|near|from|on)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?"
    r"(?:\s*,\s*(?:(?:and|along\s+with|as\s+well\s+as|together\s+with|plus)\s+)?"
    r"|\s+(?:and|along\s+with|as\s+well\s+as|together\s+with|plus)\s+)")
_CLAUSE_END = re.compile(r"\s*(?:[,.;:)\"”]|$|(?:and|or|in|at|near|from|on|during|while|when"
                         r"|after|before)(?![\w-]))", re.I)
# after a digit amount: a month or a year (a date), a percentage, a time of day
_NOT_A_COUNT_AFTER = re.compile(
    rf"\s*(?:(?:{'|'.join(_MONTHS)})\.?(?![\w-])|,\s*\d{{4}}(?!\d)"
    r"|%|percent|per\s+cent|[ap]\.?m\.?(?![\w-])|hrs?(?![\w-])|GMT|UTC)", re.I)


# -- amounts -------------------------------------------------------------------------------------


def _quantity(m: re.Match[str]) -> Quantity | None:
    """The Quantity of an amount match, or None when it is no count (zero, a fraction)."""
    if m.group("article"):
        return Quantity(count=1)
    if m.group("vague"):
        return Quantity(text=m.group("vague"))
    lo_text, hi_text = m.group("lo"), m.group("hi")
    lo = parse_number(lo_text)
    hi = parse_number(hi_text) if hi_text else None
    if lo is None or (hi_text and (hi is None or hi < lo)):
        return None
    if not lo and not hi:
        return None  # "none", "zero": no claim
    mod = m.group("mod")
    approx = bool(mod and _APPROX_RE.match(mod))
    if hi is not None:
        if m.group("plus"):  # "25–82+": the upper figure is itself a lower bound
            return Quantity(min=lo, approximate=approx)
        return Quantity(min=lo, max=hi, approximate=approx)
    if m.group("plus") or (mod and _MIN_RE.match(mod)):
        return Quantity(min=lo)
    if mod and _MAX_RE.match(mod):
        return Quantity(max=lo)
    return Quantity(count=lo, approximate=approx)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 40):pos].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:;\n"


def _previous_word(text: str, pos: int) -> tuple[str, int] | None:
    """The word just before ``pos`` (across spaces only) and where it starts."""
    end = len(text[:pos].rstrip(" \t"))
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’.-"):
        start -= 1
    word = text[start:end]
    return (word, start) if word[:1].isalpha() else None


def _plausible(m: re.Match[str], text: str) -> bool:
    """Whether an amount match is a count, not a year, date, time, percentage or part of a name."""
    number = m.group("lo")
    if number is None:
        return True
    amount_start = m.start("between") if m.group("between") else m.start("lo")
    if number[0].isdigit():
        prev = _previous_word(text, m.start())
        if prev and prev[0].casefold().rstrip(".") in _MONTHS:
            return False
        # "Operation 2044", "Brigade 33": a digit right after a name is part of the name
        if prev and prev[0][:1].isupper() and not m.group("mod") and not (
                _sentence_start(text, prev[1])):
            return False
        if _NOT_A_COUNT_AFTER.match(text, m.end()):
            return False
        if len(number) == 4 and number.isdigit() and 1000 <= int(number) <= 2100 and not (
                m.group("mod") or m.group("plus")):
            return False
    elif number[:1].isupper() and not _sentence_start(text, amount_start) and not m.group("mod"):
        return False  # "the Three Rivers Alliance"
    return True


@dataclass
class _Candidate:
    match: re.Match[str] | None  # None for an infobox item with no amount ("plane shot down")
    quantity: Quantity
    noun: _Noun
    cls: str
    category: str | None = None
    triggers: list[str] | None = None
    start: int = 0
    end: int = 0
    after_end: int = 0  # end of the noun phrase, or of the trigger after it

    def kind(self) -> str:
        """``article``, ``vague``, ``number`` or ``none`` (no amount)."""
        if self.match is None:
            return "none"
        return "article" if self.match.group("article") else (
            "vague" if self.match.group("vague") else "number")


def _candidates(text: str) -> list[_Candidate]:
    out = []
    for m in _amounts(text):
        quantity = _quantity(m)
        if quantity is None or not _plausible(m, text):
            continue
        pos = m.end()
        det = _DETERMINER_OF.match(text, pos)
        vague = bool(m.group("vague"))
        if det and not m.group("article"):
            pos = det.end()
            if det.group("det").casefold() == "them":
                noun = _Noun(pos, pos, [])
                out.append(_Candidate(m, quantity, noun, "none", start=m.start(), end=pos,
                                      after_end=pos))
                continue
        elif vague:
            of = _VAGUE_OF.match(text, pos)
            if of:
                pos = of.end()
        noun = _noun_phrase(text, pos)
        cls = noun.cls
        if cls == "ignore":
            continue
        if m.group("vague") and m.group("vague").casefold() in _ADJECTIVAL and (
                noun.loss is None and not noun.empty):
            continue  # "heavy weapons"
        if m.group("article") and (noun.empty or cls in ("unknown", "none")):
            continue  # "a statement": an article counts only a known kind of noun
        end = noun.end if not noun.empty else m.end()
        out.append(_Candidate(m, quantity, noun, cls, start=m.start(), end=end, after_end=end))
    return out


def _post(c: _Candidate, text: str) -> bool:
    """Resolve ``c`` from a trigger after it: "6 killed", "eight fighters were killed"."""
    nxt = _NEXT_WORD.match(text, c.end)
    if nxt is None or nxt.group(1).casefold() not in _POST_FIRST:
        return False  # a cheap test before the long pattern
    m = _POST.match(text, c.end)
    if not m:
        return False
    triggers = [m.group("o1")] + ([m.group("o2")] if m.group("o2") else [])
    passive = bool(m.group("aux1") or m.group("aux2"))
    noun, cls, end = c.noun, c.cls, m.end()
    if not passive:
        following_start = _SPACE.match(text, m.end()).end()  # type: ignore[union-attr]
        if _starts_amount(text, following_start) or _ACTIVE_OBJECT.match(text, m.end()):
            return False  # "30 attackers killed five soldiers": the amount is the subject
        following = _noun_phrase(text, m.end()) if following_start > m.end() else None
        if following is not None and not following.empty:
            if not noun.empty:
                return False  # "jihadists killed civilians"
            # adjective: "Five wounded soldiers", "two seized pick-up trucks"
            noun, cls, end = following, following.cls, following.end
            if cls == "ignore":
                return False
    if noun.loss is not None:
        triggers = [noun.loss, *triggers]
    category = _category(triggers, cls)
    if category is None and noun.loss is not None:
        category = _category(triggers[1:], cls)
    if category is None:
        return False
    c.noun, c.cls, c.category, c.triggers, c.end, c.after_end = noun, cls, category, triggers, \
        end, end
    return True


def _pre(c: _Candidate, text: str) -> bool:
    """Resolve ``c`` from a trigger before it: "killing 35 attackers", "the bodies of 70"."""
    prev = _previous_word(text, c.start)
    if prev is None or prev[0].casefold() not in _BEFORE_LAST:
        return False  # a cheap test before the costly backward search
    m = _PRE.search(text, max(0, c.start - 60), c.start)
    if not m:
        return False
    trig = m.group("trig")
    if " " not in trig.strip() and _AUX_BEFORE.search(text, max(0, m.start() - 20), m.start()):
        return False  # "were killed 2 km away": the amount is not the object
    triggers = [trig] + ([c.noun.loss] if c.noun.loss else [])
    category = _category(triggers, c.cls) or _category([trig], c.cls)
    if category is None:
        return False
    c.category, c.triggers, c.start = category, [trig], m.start()
    return True


def _loss_noun(c: _Candidate) -> bool:
    """Resolve ``c`` from its head noun: "6 POWs", "a large number of casualties"."""
    if c.noun.loss is None:
        return False
    category = _category([c.noun.loss], "person")
    if category is None:
        return False
    c.category, c.triggers = category, [c.noun.loss]
    return True


def _inherit(c: _Candidate, triggers: list[str]) -> bool:
    category = _category(triggers, c.cls)
    if category is None:
        return False
    c.category, c.triggers = category, triggers
    return True


def _resolve(cands: list[_Candidate], text: str) -> None:
    for c in cands:
        if not _post(c, text) and not _pre(c, text):
            _loss_noun(c)
    # a trigger after a coordinated list applies to each amount of it: "Around 30 fighters,
    # along with nine others, were killed"; "920 militants, 165 soldiers and 47 civilians
    # killed" (a bare comma only inside a list the trigger already reached through "and")
    inherited = False
    for i in range(len(cands) - 2, -1, -1):
        c, nxt = cands[i], cands[i + 1]
        joined = _FORWARD.fullmatch(text, c.after_end, nxt.start) or (
            inherited and _LIST_COMMA.fullmatch(text, c.after_end, nxt.start))
        inherited = bool(c.category is None and nxt.triggers and joined)
        if inherited:
            _inherit(c, nxt.triggers)
    # and a trigger before one: "wounding four in Arvo and one in Teslin" — unless the amount
    # starts a clause of its own ("killed 35, 1,000 residents fled")
    for prev, c in zip(cands, cands[1:]):
        if c.category is None and prev.triggers and prev.end <= c.start and _BACKWARD.fullmatch(
                text, prev.end, c.start) and _CLAUSE_END.match(text, c.end):
            _inherit(c, prev.triggers)


def _figure(c: _Candidate, text: str, qualifier: str | None = None) -> Figure:
    start, end = c.start, c.end
    # keep the evidence tight: no trailing spaces, commas or quotes
    while end > start and text[end - 1] in " \t,;:\"'”’":
        end -= 1
    while start < end and text[start] in " \t,;:\"'“‘":
        start += 1
    return Figure(c.quantity, c.category or "", _noun_text(c.noun, text), start, end, qualifier)


def find_figures(sentence: str) -> list[Figure]:
    """Every casualty figure in a prose sentence, in order, with offsets into it.

    >>> s = "The army reported five soldiers killed and twelve wounded."
    >>> [(f.category, f.quantity.count, f.noun, s[f.start:f.end]) for f in find_figures(s)]
    [('Killed', 5, 'soldiers', 'five soldiers killed'), ('Injured', 12, None, 'twelve wounded')]
    """
    # quote marks around a claimant's words ('killed "dozens" of soldiers') must not hide the
    # amount: read a copy with them blanked (same length, so offsets hold), cut from the original
    read = _QUOTE_MARKS.sub(" ", sentence)
    cands = _candidates(read)
    _resolve(cands, read)
    return [_figure(c, sentence) for c in cands if c.category]


_QUOTE_MARKS = re.compile(r'["“”]')


# -- infobox items -------------------------------------------------------------------------------

_PAREN = re.compile(r"\((?P<inner>[^()]*)\)|\[[^\]]*\]")
_NOTHING = re.compile(r"\W*(?:unknown|none|n/?a|nil|nothing|no\s+(?:casualties|losses)|unclear|"
                      r"not\s+known|\?+|-+|–|—)?\W*", re.I)


def parse_casualty_item(text: str) -> list[Figure]:
    """The figures in one item of an infobox casualty list (already split on commas).

    A bare number counts killed; a bare vague amount ("Dozens") counts killed or injured.

    >>> [(f.category, f.quantity) for f in parse_casualty_item("~40 killed")]
    [('Killed', Quantity(count=40, min=None, max=None, approximate=True, text=None))]
    >>> f, = parse_casualty_item("1,320 surrendered (including 400 officers)")
    >>> f.category, f.quantity.count, f.qualifier
    ('Captured', 1320, 'including 400 officers')
    """
    return list(_parse_item(text))


@lru_cache(maxsize=4096)
def _parse_item(text: str) -> tuple[Figure, ...]:
    # infobox items repeat across articles ("Unknown", "5 killed"): figures are immutable, so
    # a cached tuple is safe to share
    if _NOTHING.fullmatch(text):
        return ()
    # blank parentheticals and footnote marks out, keeping every offset where it was
    parens: list[tuple[int, str]] = []

    def blank(m: re.Match[str]) -> str:
        if m.group("inner") is not None and m.group("inner").strip():
            parens.append((m.start(), m.group("inner").strip()))
        return " " * len(m.group())

    body = _PAREN.sub(blank, text)
    cands = _candidates(body)
    _resolve(cands, body)
    figures: list[_Candidate] = []
    for c in cands:
        if c.category is None and c.kind() != "article":
            # only when nothing else is said ("1 tanker possibly hijacked" is no death toll)
            if c.cls in ("none", "person") and not re.search(r"[^\W_]", body[c.end:]):
                # an infobox figure with no word for what happened: a number of dead, or for a
                # vague amount ("Dozens", "heavy") a number of casualties
                c.category = "KilledOrInjured" if c.kind() == "vague" else "Killed"
        if c.category:
            figures.append(c)
    if not cands:
        figures = _without_amount(body)
    out = []
    for c in figures:
        qualifier = [inner for pos, inner in parens if pos >= c.end and not any(
            c.end <= o.start <= pos for o in figures if o is not c)]
        out.append(_figure(c, body, "; ".join(qualifier) or None))
    return tuple(out)


def _without_amount(body: str) -> list[_Candidate]:
    """``plane shot down``, ``technicals destroyed``: a noun and a trigger, no amount."""
    noun = _noun_phrase(body, 0, first=True)
    if noun.empty:
        return []
    first = noun.tokens[0].casefold()
    if first in ("unknown", "no", "none", "nil") or parse_number(first) is not None:
        return []  # "0 killed", "none killed": no claim
    cls = noun.cls
    head = noun.tokens[-1].casefold()
    singular = cls != "unknown" and not head.endswith("s") and head not in (
        "people", "men", "women", "children", "personnel", "police", "aircraft", "staff")
    c = _Candidate(None, Quantity(count=1) if singular else Quantity(), noun, cls,
                   start=noun.start, end=noun.end, after_end=noun.end)
    if _post(c, body) or _loss_noun(c):
        return [c]
    return []
