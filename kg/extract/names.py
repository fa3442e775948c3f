"""Names as they appear in articles: cleaning markup off them, slugs for IRIs, and the index
that resolves a name, an acronym or a misspelling to one actor or place.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["slugify", "clean_name", "name_key", "squash", "NameIndex", "Fate", "split_fate",
           "learn_acronyms"]

# flag-icon leftovers: "border|20px", "20px", "class=skin-invert|20px]]", "[[File:…]]", "{{…}}"
_MARKUP = re.compile(
    r"\[\[(?:File|Image):[^\]]*\]\]|\{\{[^}]*\}\}|<[^>]+>|"
    r"(?:\b[\w-]+=[\w-]+\|)?(?:border\|)?\b\d+px\b(?:\]\])?|\bborder\|?|\bflagicon\b|"
    r"\[\[|\]\]|\{\{|\}\}|\|"
)
_FOOTNOTE = re.compile(r"\[\d+\]|\[note \d+\]|\[citation needed\]")
_SPACES = re.compile(r"\s+")
_EDGE_JUNK = re.compile(r"^[\s*•,;:'\"‘’“”–—-]+|[\s*•,;:'\"‘’“”–—-]+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+(?=\S)")
_FATE = re.compile(r"(?<=[a-z\)\.])\s?(?P<fate>KIA|POW|WIA|MIA|DOW)\b")


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """Letters and digits only, accents stripped, case folded: ``CSp_PSD`` ~ ``CSP-PSD``.

    >>> squash("CSp_PSD") == squash("CSP-PSD")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).casefold()


def slugify(text: str) -> str:
    """The IRI slug of a name: lower case, no accents, non-alphanumerics to ``-``.

    >>> slugify("Battle of Léré (2023)"), slugify("Jama'at Nasr al-Islam")
    ('battle-of-lere-2023', 'jama-at-nasr-al-islam')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^0-9a-z]+", "-", ascii_text.casefold()).strip("-")
    return slug or "unnamed"


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Key for comparing names: accents and punctuation ignored, words kept apart."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z]+", " ", plain).strip()


def strip_markup(text: str) -> str:
    """Remove flag-icon and wiki markup leftovers and footnote markers, keep the words."""
    return _SPACES.sub(" ", _FOOTNOTE.sub(" ", _MARKUP.sub(" ", text))).strip()


def clean_name(raw: str) -> str:
    """A label fit for ``rdfs:label``: markup, bullets, quotes and a leading article removed.

    >>> clean_name("border|20px GATIA"), clean_name("* the MNDAA"), clean_name("25px Ansar Dine")
    ('GATIA', 'MNDAA', 'Ansar Dine')
    """
    text = _EDGE_JUNK.sub("", strip_markup(raw.replace("_", " ")))
    text = _LEADING_ARTICLE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    # unbalanced brackets left by cut-off text
    if text.count("(") != text.count(")"):
        text = text.replace("(", " ").replace(")", " ")
        text = _SPACES.sub(" ", text).strip()
    return _EDGE_JUNK.sub("", text)


@dataclass(frozen=True)
class Fate:
    name: str
    fate: str | None  # "killed", "captured", "wounded", "missing" or None


_FATES = {"KIA": "killed", "DOW": "killed", "POW": "captured", "WIA": "wounded", "MIA": "missing"}


def split_fate(raw: str) -> Fate:
    """Separate a ``KIA``/``POW`` marker glued to a name.

    >>> split_fate("Salem Al-NaailiKIA")
    Fate(name='Salem Al-Naaili', fate='killed')
    """
    match = _FATE.search(raw)
    if not match:
        return Fate(raw, None)
    return Fate((raw[: match.start()] + raw[match.end():]).strip(), _FATES[match.group("fate")])


# "Full Name of Something (ACRONYM)": the run of capitalised words before an acronym in brackets
_ACRONYM_DEF = re.compile(r"\((?P<acronym>[A-Z][A-Za-z0-9]*(?:[-–][A-Za-z0-9]+)*)\)")
_CONNECTORS = {"of", "for", "the", "and", "in", "de", "du", "des", "la", "le", "al", "wal", "el",
               "to", "on", "&"}
# capitalised at the start of a sentence, never the first word of a name
_LEADING_WORDS = {"according", "after", "at", "by", "during", "following", "from", "in", "on",
                  "under", "when", "while", "with", "meanwhile", "later", "then"}


def learn_acronyms(text: str) -> list[tuple[str, str, int, int]]:
    """Find ``Full Name (ACR)`` definitions: (full name, acronym, start, end of the full name).

    The name is the run of capitalised words (and connectors) just before the brackets, cut at a
    line break, a sentence end, a bracket or a number; when the initials of a shorter tail of
    that run spell the acronym, the tail is the name (``Ostria and the Velmar Liberation Front
    (VLF)``).

    >>> learn_acronyms("the former rebel Coordination of Azawad Movements (CMA) and")[0][:2]
    ('Coordination of Azawad Movements', 'CMA')
    """
    found = []
    for m in _ACRONYM_DEF.finditer(text):
        acronym = m.group("acronym")
        if sum(c.isupper() for c in acronym) < 2:
            continue
        words = list(_WORD.finditer(text[max(0, m.start() - 300): m.start()]))
        shift = max(0, m.start() - 300)
        chosen: list[re.Match[str]] = []
        end_of_previous = m.start() - shift
        for word in reversed(words):
            w = word.group()
            gap = text[shift + word.end(): shift + end_of_previous]
            if any(c in gap for c in "\n.()[];:") or (w.endswith(".") and chosen):
                break
            end_of_previous = word.start()
            if w == ",":
                if chosen and chosen[-1].group() != ",":
                    chosen.append(word)
                    continue
                break
            if w[0].isdigit():
                break
            if w[0].isupper():
                chosen.append(word)
            elif w.casefold() in _CONNECTORS or w.startswith(("al-", "el-")):
                chosen.append(word)
            else:
                break
            if len(chosen) > 14:
                break
        # the run may start with the sentence's own words: "According to the Secretariat of …"
        while chosen and (chosen[-1].group() == "," or chosen[-1].group().casefold() in
                          _CONNECTORS | _LEADING_WORDS):
            chosen.pop()
        matching = _tail_matching(chosen, acronym)
        capitals = [w for w in (matching or chosen) if w.group()[0].isupper()]
        if len(capitals) < 2:
            continue
        if matching is None and not _letters_overlap(capitals, acronym):
            continue  # "Lionel Dyck (DAG)": a person and their organisation, not a definition
        chosen = matching or chosen
        start, end = shift + chosen[-1].start(), shift + chosen[0].end()
        found.append((text[start:end], acronym, start, end))
    return found


_WORD = re.compile(r"[\w'’-]+\.?|,")


def _letters_overlap(capitals: list[re.Match[str]], acronym: str) -> bool:
    """Whether most letters of the acronym start words of the name, in any order (acronyms of
    names in another language: CSP-PSD for the Permanent Strategic Framework…)."""
    letters = {c for c in acronym if c.isupper()}
    initials = {w.group()[0] for w in capitals}
    return len(letters & initials) * 2 > len(letters)


def _tail_matching(chosen: list[re.Match[str]], acronym: str) -> list[re.Match[str]] | None:
    """The shortest tail of the run (nearest the brackets) whose capitals spell the acronym."""
    letters = [c for c in acronym if c.isalpha() and c.isupper()]
    capitals: list[str] = []
    for i, word in enumerate(chosen):
        if word.group()[0].isupper():
            capitals.insert(0, word.group()[0])
            if capitals == letters:
                return chosen[: i + 1]
    return None


class NameIndex:
    """Resolves names to keys: exact words first, then the squashed form (typos in punctuation
    and case), then accent-less forms. Later registrations never override earlier ones, so
    reference data registered first wins."""

    def __init__(self) -> None:
        self._by_key: dict[str, str] = {}
        self._by_squash: dict[str, str] = {}

    def add(self, name: str, key: str) -> None:
        nk, sq = name_key(name), squash(name)
        if nk:
            self._by_key.setdefault(nk, key)
        if sq:
            self._by_squash.setdefault(sq, key)

    def get(self, name: str) -> str | None:
        return self._by_key.get(name_key(name)) or self._by_squash.get(squash(name))

    def __contains__(self, name: str) -> bool:
        return self.get(name) is not None

    def names(self) -> list[str]:
        return list(self._by_key)
