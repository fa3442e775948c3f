"""Dates and times in article text, as XSD time stamps at the precision the text gives.

Infobox ``Date`` values (:func:`parse_date_range`), single dates (:func:`parse_date`), dates and
date ranges in running text (:func:`find_dates`, :func:`find_date_ranges`), phrases relative to a
known day (:func:`resolve_relative`, :func:`find_relative_phrases`), clock times
(:func:`find_times`) and local times turned into ``xsd:dateTime`` with the zone's offset
(:func:`local_datetime`). Only the standard library: ``datetime`` and ``zoneinfo``.

A date is read from *atoms* — ``17 September 2023``, ``September 17``, ``25``, ``2012``,
``present`` — joined by range separators (dashes, ``to``, ``and``); an atom lacking its month or
year borrows it from its partner (``17–25 January 2012``, ``January 16–20, 2015``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kg.model import TimeStamp

__all__ = [
    "MONTH_FULL_CAPITAL", "find_date_ranges", "find_dates", "find_relative_phrases", "find_times", "local_datetime",
    "parse_date", "parse_date_range", "resolve_relative",
]

_MONTH_NAMES = ("january jan", "february feb", "march mar", "april apr", "may", "june jun",
                "july jul", "august aug", "september sept sep", "october oct", "november nov",
                "december dec")
_MONTHS = {name: i for i, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
# the full names, capitalised, for patterns that must not take an abbreviation
MONTH_FULL_CAPITAL = "|".join(names.split()[0].capitalize() for names in _MONTH_NAMES)
_MONTH_ANY = "|".join(sorted(_MONTHS, key=len, reverse=True))
# in running text a month is capitalised: "may" is a verb, "march" a noun
_MONTH_CAPITAL = "|".join(m.capitalize() for m in sorted(_MONTHS, key=len, reverse=True))


def _atom_pattern(month: str) -> str:
    month = rf"(?:{month})(?:\.|(?![\w-]))"
    return (
        # not inside a number, a time or a code ("COVID-19"); "mid-2016" and "6-7" are dates
        r"(?<![\w:.,/])(?:(?<=[Mm]id-)|(?<![^\d\s]-))(?:"
        r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
        rf"|(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{month})(?:,?\s+(?P<y1>\d{{4}}))?"
        rf"|(?P<m2>{month})\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(?P<y2>\d{{4}}))?"
        rf"|(?P<m3>{month}),?\s+(?P<y3>\d{{4}})"
        rf"|(?P<m4>{month})"
        r"|(?P<y4>\d{4})"
        r"|(?P<d5>\d{1,2})(?:,\s*(?P<y5>\d{4}))?"
        r"|(?P<present>present|ongoing|today)"
        r")(?![\w:]|\.\d)"
    )


_ATOM_ANY = re.compile(_atom_pattern(_MONTH_ANY), re.I)
_ATOM_PROSE = re.compile(_atom_pattern(_MONTH_CAPITAL))
_RANGE_SEP = re.compile(r"\s*(?:[–—−-]+|to|until|till|through|thru|and|&)\s*", re.I)
_NOISE = re.compile(r"\([^()]*\)|\[[^\]]*\]|<[^>]*>")
_BARE_YEAR_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:in|since|by|from|until|till|to|of|during|between|and|early|late|mid|"
    r"throughout|before|after|around|circa|c\.|summer|winter|spring|autumn|fall|year)\s+"
    r"|(?<![\w-])mid-)$", re.I)


@dataclass
class _Atom:
    start: int
    end: int
    kind: str  # iso, dmy, mdy, my, m, y, d, present
    day: int | None = None
    month: int | None = None
    year: int | None = None

    def stamp(self) -> TimeStamp | None:
        if self.year is None or not 1000 <= self.year <= 2200:
            return None
        if self.month is None:
            return TimeStamp(f"{self.year:04d}", "gYear") if self.day is None else None
        if self.day is None:
            return TimeStamp(f"{self.year:04d}-{self.month:02d}", "gYearMonth")
        try:
            return TimeStamp(date(self.year, self.month, self.day).isoformat(), "date")
        except ValueError:
            return None


def _month(name: str | None) -> int | None:
    return _MONTHS.get(name.casefold().rstrip(".")) if name else None


def _num(value: str | None) -> int | None:
    return int(value) if value else None


def _atoms(text: str, pattern: re.Pattern[str]) -> list[_Atom]:
    out = []
    for m in pattern.finditer(text):
        g, a, b = m.groupdict(), m.start(), m.end()
        if g["iy"]:
            atom = _Atom(a, b, "iso", _num(g["id"]), _num(g["im"]), _num(g["iy"]))
        elif g["m1"]:
            atom = _Atom(a, b, "dmy", _num(g["d1"]), _month(g["m1"]), _num(g["y1"]))
        elif g["m2"]:
            atom = _Atom(a, b, "mdy", _num(g["d2"]), _month(g["m2"]), _num(g["y2"]))
        elif g["m3"]:
            atom = _Atom(a, b, "my", None, _month(g["m3"]), _num(g["y3"]))
        elif g["m4"]:
            atom = _Atom(a, b, "m", None, _month(g["m4"]))
        elif g["y4"]:
            atom = _Atom(a, b, "y", year=_num(g["y4"]))
        elif g["d5"]:
            atom = _Atom(a, b, "d", _num(g["d5"]), None, _num(g["y5"]))
        else:
            atom = _Atom(a, b, "present")
        if atom.day is None or 1 <= atom.day <= 31:
            out.append(atom)
    return out


def _groups(text: str, atoms: list[_Atom], prose: bool) -> list[list[_Atom]]:
    """Atoms joined by range separators. In prose ``and`` joins only after ``between`` or
    before a bare day ("September 3 and 5"), as "in May and June 2020" lists two months."""
    groups: list[list[_Atom]] = []
    for atom in atoms:
        if groups:
            prev = groups[-1][-1]
            sep = _RANGE_SEP.fullmatch(text, prev.end, atom.start)
            joined = sep is not None and prev.kind != "present"
            if joined and prose and sep.group().strip().casefold() in ("and", "&"):
                head = groups[-1][0]
                joined = atom.kind == "d" or bool(re.search(
                    r"(?<![\w-])between\s+$", text[max(0, head.start - 12):head.start], re.I))
            if joined:
                groups[-1].append(atom)
                continue
        groups.append([atom])
    return groups


def _fill(group: list[_Atom], default_year: int | None = None) -> None:
    """Lend months and years across a range: the right side lends to the left first."""
    for left, right in zip(reversed(group[:-1]), reversed(group[1:])):
        if left.kind == "d" and left.month is None and right.month is not None:
            left.month = right.month
        if left.year is None and right.year is not None and left.kind in ("d", "dmy", "mdy", "m"):
            left.year = right.year
            # "30 December – 2 January 2024": the left side is in the year before
            if left.month and right.month and left.month > right.month:
                left.year -= 1
    for left, right in zip(group, group[1:]):
        if right.kind == "d" and right.month is None and left.month is not None:
            right.month = left.month
        if right.year is None and left.year is not None and right.kind in ("d", "dmy", "mdy"):
            right.year = left.year + (1 if right.month and left.month and right.month < left.month
                                      else 0)
    if default_year is not None:
        for atom in group:
            if atom.year is None and atom.kind in ("dmy", "mdy", "d") and atom.month is not None:
                atom.year = default_year


def _clean(text: str) -> str:
    # parentheses, footnote marks and tags become spaces, so offsets keep their meaning
    return _NOISE.sub(lambda m: " " * len(m.group()), text)


def parse_date(text: str) -> TimeStamp | None:
    """One date, month or year written alone, at its precision; None if it is anything else.

    >>> parse_date("March 4, 2021"), parse_date("Sept. 2019"), parse_date("2019")
    (TimeStamp(lexical='2021-03-04', datatype='date'), \
TimeStamp(lexical='2019-09', datatype='gYearMonth'), TimeStamp(lexical='2019', datatype='gYear'))
    """
    body = _clean(text)
    atoms = _atoms(body, _ATOM_ANY)
    if len(atoms) != 1:
        return None
    atom = atoms[0]
    rest = body[:atom.start] + body[atom.end:]
    if re.search(r"[^\W_]", rest) and not re.fullmatch(r"\W*(?:on|in)\s+\W*", rest, re.I):
        return None
    if atom.kind in ("d", "m", "present"):
        return None
    return atom.stamp()


def parse_date_range(text: str) -> tuple[TimeStamp | None, TimeStamp | None]:
    """Begin and end of an infobox ``Date`` value; a one-day event has both equal.

    ``present`` leaves the end open (None); several phases give the begin of the first and the
    end of the last. Unreadable values give ``(None, None)``.

    >>> begin, end = parse_date_range("17–25 January 2012, ()")
    >>> begin.lexical, end.lexical
    ('2012-01-17', '2012-01-25')
    >>> parse_date_range("March 2013 – present")
    (TimeStamp(lexical='2013-03', datatype='gYearMonth'), None)
    """
    body = _clean(text)
    atoms = _atoms(body, _ATOM_ANY)
    groups = _groups(body, atoms, prose=False)
    for group in groups:
        _fill(group)
    # a phase without its year ("10 January – 5 February, 1–3 March 2013") takes the next one's
    years = [a.year for g in groups for a in g if a.year is not None]
    for group in groups:
        _fill(group, years[-1] if years else None)
    atoms = [a for g in groups for a in g if a.kind == "present" or a.stamp() is not None]
    if not atoms or atoms[0].kind == "present":
        return None, None
    begin = atoms[0].stamp()
    last = atoms[-1]
    if last.kind == "present":
        return begin, None
    return begin, last.stamp()


def _prose_atoms(text: str, year: int | None) -> list[list[_Atom]]:
    groups = _groups(text, _atoms(text, _ATOM_PROSE), prose=True)
    for group in groups:
        _fill(group, year)
    return groups


def _emit(text: str, atom: _Atom, group: list[_Atom]) -> bool:
    """Whether a prose atom is a date by itself: bare days, months and years need support."""
    if atom.stamp() is None:
        return False
    if atom.kind == "y":
        # "The 2016 Tolu raid", "Operation 2044": a bare year needs a word like "in" or a
        # second year in a range ("2012–2013")
        return bool(_BARE_YEAR_BEFORE.search(text, max(0, atom.start - 16), atom.start)) or any(
            a is not atom and a.kind == "y" for a in group)
    if atom.kind in ("m", "d"):
        return len(group) > 1
    return True


def find_dates(text: str, year: int | None = None) -> list[tuple[int, int, TimeStamp]]:
    """Explicit dates in running text: ``(start, end, stamp)`` with offsets into ``text``.

    Day and month without a year take ``year`` when it is given; a bare year counts only after
    a word like "in" or "since".

    >>> find_dates("On March 4, 2021, clashes broke out; in 2015 an accord was signed.")
    [(3, 16, TimeStamp(lexical='2021-03-04', datatype='date')), \
(40, 44, TimeStamp(lexical='2015', datatype='gYear'))]
    """
    out = []
    for group in _prose_atoms(text, year):
        for atom in group:
            if _emit(text, atom, group):
                stamp = atom.stamp()
                assert stamp is not None
                out.append((atom.start, atom.end, stamp))
    return out


def find_date_ranges(
        text: str, year: int | None = None) -> list[tuple[int, int, TimeStamp, TimeStamp | None]]:
    """Dates and date ranges in running text: ``(start, end, begin, end_stamp)``.

    >>> found = find_date_ranges("between June 6 and 7, 2016")
    >>> [(begin.lexical, end.lexical) for _, _, begin, end in found]
    [('2016-06-06', '2016-06-07')]
    """
    out = []
    for group in _prose_atoms(text, year):
        atoms = [a for a in group if a.kind == "present" or _emit(text, a, group)]
        if not atoms or atoms[0].kind == "present":
            continue
        begin = atoms[0].stamp()
        assert begin is not None
        end = None if atoms[-1].kind == "present" else atoms[-1].stamp()
        out.append((atoms[0].start, atoms[-1].end, begin, end))
    return out


# -- relative phrases --------------------------------------------------------------------------

_SMALL_NUMBERS = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), 1)} | {"a": 1,
                                                                                     "an": 1}
_N = rf"(?:\d{{1,3}}|{'|'.join(_SMALL_NUMBERS)})"
_EVENT = r"(?:\s+the\s+[^\W\d_][\w-]*)?"  # "the day after the battle"
_PART = r"(?:day|night|evening|morning|afternoon)"
# one alternative per meaning, named by the group; the first that matches wins
_RELATIVE_KINDS = (
    ("same", rf"(?:later|earlier)\s+(?:that|the\s+same)\s+{_PART}|(?:that|the)\s+same\s+{_PART}"
             rf"|that\s+{_PART}|the\s+{_PART}\s+of\s+the\s+(?:battle|attack|assault|ambush)"),
    ("next", rf"the\s+(?:next|following)\s+{_PART}|the\s+(?:day|morning)\s+after{_EVENT}"),
    ("previous", rf"the\s+(?:previous|preceding)\s+{_PART}|the\s+(?:day|night)\s+before{_EVENT}"),
    ("days", rf"(?P<days>{_N})\s+days?\s+(?:later|afterwards?|after{_EVENT})"),
    ("back", rf"(?P<back>{_N})\s+days?\s+(?:earlier|before{_EVENT})"),
    ("weeks", rf"(?P<weeks>{_N})\s+weeks?\s+(?:later|afterwards?|after{_EVENT})"),
    ("fewdays", rf"(?:a\s+few|several|some)\s+days\s+(?:later|afterwards?|after{_EVENT})"),
    ("fewweeks", rf"(?:a\s+few|several|some)\s+weeks\s+(?:later|afterwards?|after{_EVENT})"),
    ("nextweek", r"the\s+(?:next|following)\s+week"),
    ("months", rf"(?P<months>{_N})\s+months?\s+(?:later|afterwards?|after{_EVENT})"
               rf"|the\s+(?:next|following)\s+month"),
    ("year", r"the\s+(?:next|following)\s+year|a\s+year\s+later"),
)
_RELATIVE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<k_{kind}>{p})" for kind, p in _RELATIVE_KINDS)
    + r")(?![\w-])", re.I)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _SMALL_NUMBERS[word.casefold()]


def _day(anchor: TimeStamp) -> date | None:
    if anchor.datatype not in ("date", "dateTime"):
        return None
    return date.fromisoformat(anchor.lexical[:10])


def _d(value: date) -> TimeStamp:
    return TimeStamp(value.isoformat(), "date")


def _add_months(year: int, month: int, n: int) -> TimeStamp:
    index = year * 12 + month - 1 + n
    return TimeStamp(f"{index // 12:04d}-{index % 12 + 1:02d}", "gYearMonth")


def resolve_relative(phrase: str, anchor: TimeStamp) -> tuple[TimeStamp, TimeStamp] | None:
    """The interval a phrase like "the next day" names, relative to the day ``anchor``.

    Vague spans stay intervals ("a few weeks later" → one to six weeks later), never a made-up
    day. None when the phrase is not understood or the anchor is too coarse for it.

    >>> day = TimeStamp("2023-09-17", "date")
    >>> resolve_relative("The day after the battle", day)
    (TimeStamp(lexical='2023-09-18', datatype='date'), TimeStamp(lexical='2023-09-18', \
datatype='date'))
    >>> [t.lexical for t in resolve_relative("a few weeks later", day)]
    ['2023-09-24', '2023-10-29']
    """
    text = re.sub(r"^\W*(?:on|by|in|during)\s+|\W+$", "", phrase.strip(), flags=re.I)
    m = _RELATIVE.fullmatch(text)
    if m is None:
        return None
    kind = (m.lastgroup or "k_")[2:]
    day = _day(anchor)
    if kind == "same":
        stamp = _d(day) if day else anchor
        return stamp, stamp
    if kind in ("months", "year"):
        if anchor.datatype == "gYear":
            return None
        year, month = int(anchor.lexical[:4]), int(anchor.lexical[5:7])
        if kind == "year":
            stamp = TimeStamp(f"{year + 1:04d}", "gYear")
        else:
            stamp = _add_months(year, month, _count(m.group("months")) if m.group("months") else 1)
        return stamp, stamp
    if day is None:
        return None
    offsets = {
        "next": (1, 1), "previous": (-1, -1), "fewdays": (2, 6), "fewweeks": (7, 42),
        "nextweek": (7 - day.weekday(), 13 - day.weekday()),
    }
    if kind in ("days", "back", "weeks"):
        n = _count(m.group(kind)) * {"days": 1, "back": -1, "weeks": 7}[kind]
        offsets[kind] = (n, n)
    first, last = offsets[kind]
    return _d(day + timedelta(days=first)), _d(day + timedelta(days=last))


def find_relative_phrases(text: str) -> list[tuple[int, int]]:
    """Offsets of the phrases :func:`resolve_relative` understands, in running text.

    >>> text = "The day after the battle, and later that night, it ended."
    >>> [text[a:b] for a, b in find_relative_phrases(text)]
    ['The day after the battle', 'later that night']
    """
    return [(m.start(), m.end()) for m in _RELATIVE.finditer(text)]


# -- times of day ------------------------------------------------------------------------------

# "3am." ends a sentence, "3 a.m." keeps its dot
_AMPM = r"(?:[ap]m(?!\w)|[ap]\.\s?m(?:\.|(?!\w)))"
_CLOCK = rf"(?<![\w:.,/])(?:\d{{1,2}}(?:[:h]\d{{2}}(?:\s*{_AMPM})?|\.\d{{2}}\s*{_AMPM}|\s*{_AMPM}))"
_TIME = re.compile(
    rf"(?<![\w-])(?:between|from)\s+(?P<h1>\d{{1,2}})(?:[:.h](?P<m1>\d{{2}}))?\s*(?P<ap1>{_AMPM})?"
    rf"\s*(?:and|to|[–—-])\s*(?P<h2>\d{{1,2}})(?:[:.h](?P<m2>\d{{2}}))?\s*(?P<ap2>{_AMPM})?"
    rf"(?![\w:])"
    rf"|(?P<one>{_CLOCK})(?![\w:])"
    rf"|(?<![\w-])(?P<word>noon|midday|midnight)(?![\w-])",
    re.I)
_ONE = re.compile(rf"(?P<h>\d{{1,2}})(?:[:.h](?P<m>\d{{2}}))?\s*(?P<ap>{_AMPM})?", re.I)


def _clock(hour: str, minute: str | None, ampm: str | None) -> tuple[int, int] | None:
    h, mi = int(hour), int(minute or 0)
    if mi > 59:
        return None
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm.casefold().startswith("p") else 0)
    elif not (minute and h <= 23):
        return None  # a bare number is no time
    return h, mi


def find_times(text: str) -> list[tuple[int, int, int, int]]:
    """Clock times in running text: ``(start, end, hour, minute)`` on the 24-hour clock.

    >>> [t[2:] for t in find_times("At 2:15 local time; between 4 and 5am; at 4 p.m.")]
    [(2, 15), (4, 0), (5, 0), (16, 0)]
    """
    out: list[tuple[int, int, int, int]] = []
    for m in _TIME.finditer(text):
        if m.group("word"):
            hour = 0 if m.group("word").casefold() == "midnight" else 12
            out.append((m.start(), m.end(), hour, 0))
        elif m.group("one"):
            one = _ONE.fullmatch(m.group("one"))
            assert one is not None
            clock = _clock(one.group("h"), one.group("m"), one.group("ap"))
            if clock:
                out.append((m.start(), m.end(), *clock))
        else:
            # "between 4 and 5am": the second am/pm covers both; without one, both need minutes
            ap1 = m.group("ap1") or m.group("ap2")
            first = _clock(m.group("h1"), m.group("m1"), ap1)
            second = _clock(m.group("h2"), m.group("m2"), m.group("ap2"))
            if first and second:
                end1 = m.end("ap1") if m.group("ap1") else m.end("m1") if m.group("m1") else m.end(
                    "h1")
                out.append((m.start("h1"), end1, *first))
                out.append((m.start("h2"), m.end(), *second))
    return out


def local_datetime(day: TimeStamp, hour: int, minute: int, zone: str) -> TimeStamp:
    """An ``xsd:dateTime`` for a local time of day, with the zone's UTC offset at that moment.

    Raises ``ValueError`` for a day that is not a full date, and ``ZoneInfoNotFoundError``
    (a ``KeyError``) for an unknown zone.

    >>> local_datetime(TimeStamp("2021-03-30", "date"), 2, 15, "Africa/Bamako").lexical
    '2021-03-30T02:15:00+00:00'
    >>> local_datetime(TimeStamp("2023-07-01", "date"), 13, 5, "Europe/Paris").lexical
    '2023-07-01T13:05:00+02:00'
    """
    if day.datatype not in ("date", "dateTime"):
        raise ValueError(f"not a full date: {day.lexical!r}")
    d = date.fromisoformat(day.lexical[:10])
    moment = datetime(d.year, d.month, d.day, hour, minute, tzinfo=ZoneInfo(zone))
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return TimeStamp(f"{moment:%Y-%m-%dT%H:%M:%S}{sign}{minutes // 60:02d}:{minutes % 60:02d}",
                     "dateTime")
