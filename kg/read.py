"""Read an article file into its parts — title, infobox fields, sections, paragraphs, sentences —
each with code-point offsets into the file's exact text.

The format is the one in DESIGN.md: a ``= Title =`` line, an optional infobox block of
``- Key: Value`` lines, then paragraphs under ``== Section ==`` headings. Nothing is normalised
away: offsets always index the decoded file as it is (BOM and CRLF included), so that
``article.text[span.start:span.end] == span.exact`` holds for every span handed on.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.model import Span

__all__ = ["Article", "Field", "Infobox", "Paragraph", "Section", "read_article", "parse_article"]

_TITLE = re.compile(r"^\ufeff?[ \t]*=[ \t]*(?P<title>[^=\r\n](?:.*?[^=\s])?)[ \t]*=[ \t]*$")
_HEADING = re.compile(r"^(?P<marks>={2,6})[ \t]*(?P<title>.*?)[ \t]*(?P=marks)[ \t]*$")
_FIELD = re.compile(r"^-[ \t]*(?P<key>[A-Za-z][A-Za-z0-9 _]*?)[ \t]*:[ \t]?(?P<value>.*)$")
_KEY_NUMBER = re.compile(r"^(?P<name>.*?)[ \t]*(?P<number>\d+)$")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
# a sentence ends at . ! ? (plus closing quotes/brackets/footnote markers) before a capital
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?:[\"”’')\]]|\[\d+\])*\s+(?=[\"“‘(\[]?[A-Z0-9])"
)
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Cpt|Capt|Maj|Brig|Sgt|Cmdr|Adm|St|Jr|Sr|No|Vol|Fig|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|c|ca|vs|etc|e\.g|i\.e)"
    r"|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z])\.$"
)


@dataclass(frozen=True)
class Field:
    """One ``- Key: Value`` line of the infobox."""

    key: str  # as written, e.g. "Casualties1"
    name: str  # lower-cased key without its number, e.g. "casualties"
    number: int | None  # 1 for "Combatant1"; None for "Place"
    value: Span | None  # None when the value is empty
    line: int  # 1-based line number in the file


@dataclass
class Infobox:
    header: Span | None
    fields: list[Field] = field(default_factory=list)

    def first(self, *names: str) -> Field | None:
        """The first field whose (number-less, lower-cased) name is one of ``names``."""
        for f in self.fields:
            if f.name in names and f.value is not None:
                return f
        return None

    def numbered(self, name: str) -> dict[int, Field]:
        """Fields ``name1``, ``name2``… by number (an un-numbered ``name`` counts as 1)."""
        out: dict[int, Field] = {}
        for f in self.fields:
            if f.name == name and f.value is not None:
                out.setdefault(f.number or 1, f)
        return out


@dataclass
class Paragraph:
    span: Span
    sentences: list[Span]


@dataclass
class Section:
    title: str | None  # None for the lead
    level: int  # 1 for the lead, 2 for ==, 3 for ===
    heading: Span | None
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Article:
    """A parsed article; every span indexes ``text``."""

    source: str  # path as given, for messages
    text: str
    sha256: str
    title: Span
    infobox: Infobox | None
    sections: list[Section]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    @property
    def sentences(self) -> list[Span]:
        return [s for p in self.paragraphs for s in p.sentences]

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1


def read_article(path: str | Path) -> Article:
    """Read and parse one article file; raise :class:`KgError` naming file and line on bad input."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise KgError("no such file", source=source) from None
    except IsADirectoryError:
        raise KgError("is a directory, not an article file", source=source) from None
    except OSError as exc:
        raise KgError(f"cannot read: {exc.strerror}", source=source) from None
    return parse_article(data, source)


def parse_article(data: bytes, source: str = "<article>") -> Article:
    """Parse an article from its bytes.

    >>> a = parse_article("= Battle of X =\\n\\nInfobox\\n- Date: 2020\\n\\nIt began.\\n".encode())
    >>> a.title.exact, a.infobox.fields[0].value.exact, a.sentences[0].exact
    ('Battle of X', '2020', 'It began.')
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KgError(f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                      source=source, line=line) from None
    if not text.strip("\ufeff \t\r\n"):
        raise KgError("empty file", source=source)
    lines = [(m.start(), m.group().rstrip("\n").rstrip("\r")) for m in _LINE.finditer(text)]
    title_match = _TITLE.match(lines[0][1]) if lines else None
    if title_match is None:
        raise KgError("first line is not a '= Title =' line", source=source, line=1)
    title = _span(text, lines[0][0] + title_match.start("title"), lines[0][0] + title_match.end("title"))

    index = 1
    while index < len(lines) and not lines[index][1].strip():
        index += 1
    infobox, index = _read_infobox(text, lines, index, source)
    sections = _read_sections(text, lines, index)
    sha = hashlib.sha256(data).hexdigest()
    return Article(source=source, text=text, sha256=sha, title=title, infobox=infobox,
                   sections=sections)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _read_infobox(text: str, lines: list[tuple[int, str]], index: int,
                  source: str) -> tuple[Infobox | None, int]:
    if index >= len(lines):
        return None, index
    offset, line = lines[index]
    header: Span | None = None
    starts_block = line.lstrip().startswith("- ") and _FIELD.match(line.strip())
    next_is_field = index + 1 < len(lines) and _FIELD.match(lines[index + 1][1].rstrip())
    if not starts_block:
        # a header line ("Infobox", "Infobox military conflict", …) announces the block
        if not (line.strip().lower().startswith("infobox") or
                (next_is_field and not _HEADING.match(line))):
            return None, index
        stripped = line.strip()
        start = offset + line.index(stripped)
        header = _span(text, start, start + len(stripped))
        index += 1
    box = Infobox(header=header)
    while index < len(lines) and lines[index][1].strip():
        offset, line = lines[index]
        match = _FIELD.match(line.rstrip())
        if match is None:
            at_end = index == len(lines) - 1 and not text.endswith("\n")
            if at_end:  # text cut off in the middle of an infobox line
                index += 1
                break
            raise KgError(f"malformed infobox line (expected '- Key: Value'): {line.strip()[:60]!r}",
                          source=source, line=index + 1)
        key = match.group("key").strip()
        numbered = _KEY_NUMBER.match(key)
        name, number = (numbered.group("name"), int(numbered.group("number"))) if numbered \
            else (key, None)
        value_text = match.group("value")
        value_start = offset + match.start("value")
        stripped = value_text.strip()
        value = None
        if stripped:
            start = value_start + value_text.index(stripped)
            value = _span(text, start, start + len(stripped))
        box.fields.append(Field(key=key, name=name.strip().lower(), number=number, value=value,
                                line=index + 1))
        index += 1
    return box, index


def _read_sections(text: str, lines: list[tuple[int, str]], index: int) -> list[Section]:
    sections = [Section(title=None, level=1, heading=None)]
    for offset, line in lines[index:]:
        stripped = line.strip()
        if not stripped:
            continue
        heading = _HEADING.match(stripped)
        start = offset + line.index(stripped)
        if heading:
            title = heading.group("title").strip()
            sections.append(Section(title=title or None, level=len(heading.group("marks")),
                                    heading=_span(text, start, start + len(stripped))))
            continue
        span = _span(text, start, start + len(stripped))
        sections[-1].paragraphs.append(Paragraph(span=span, sentences=split_sentences(span)))
    return [s for s in sections if s.paragraphs or s.heading]


def split_sentences(paragraph: Span) -> list[Span]:
    """Split a paragraph into sentence spans; an unfinished last sentence is kept as it is."""
    out: list[Span] = []
    start = 0
    exact = paragraph.exact
    for m in _SENTENCE_END.finditer(exact):
        candidate = exact[start:m.start()]
        if _ABBREVIATION.search(candidate):
            continue
        if candidate.strip():
            out.append(paragraph.sub(start, m.start()).strip())
        start = m.end()
    if exact[start:].strip():
        out.append(paragraph.sub(start, len(exact)).strip())
    return out
