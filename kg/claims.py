"""The claims report: every casualty figure of an event side by side, with claimant, date and quote.

This is what a journalist looks at first: for each side (or third party) and each category, the
competing figures next to each other, who gave each one, when, and the words of the article that
support it. The report is read from the store with one SPARQL query (over the union of all
document graphs) and rendered as a grouped terminal layout, CSV or JSON.

>>> category_label("https://w3id.org/conflict-kg/ns#KilledOrInjured")
'Killed or injured'
>>> render_value(count=30, approximate=True)
'~30'
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import KgError
from kg.query import run_query
from kg.store import open_store, store_path
from kg.vocab import PREFIXES

__all__ = [
    "COLUMNS",
    "FORMATS",
    "ClaimRow",
    "ClaimsTable",
    "category_label",
    "claims_table",
    "render",
    "render_value",
    "report",
]

FORMATS = ("table", "csv", "json")

#: CSV header and JSON keys, in this order. ``side`` is the side number, or ``affects: <label>``
#: for losses of civilians or a third party; ``claimant`` is "—" for the article's own voice.
COLUMNS = ("event", "side", "category", "value", "claimant", "claim_date", "evidence",
           "contradicts", "qualifier", "combatants", "claim", "event_iri")

NO_CLAIMANT = "—"
_QUOTE_SEPARATOR = " | "
_WIDTH = 100

# One query for everything. Each claim's single-valued facts sit in the main pattern; its
# multi-valued ones (claimants, evidences, contradicted claims, the side's combatants, affected
# parties) come from separate UNION branches, so a claim yields one solution per value instead of
# the cross product of all of them — and no GROUP_CONCAT, whose separator could occur in a quote
# and whose order SPARQL leaves undefined. Python then folds the solutions per claim.
_QUERY = """
SELECT ?claim ?event ?eventLabel ?category ?sideNumber ?count ?min ?max ?approximate
       ?quantityText ?qualifier ?claimDate ?generatedAt
       ?branch ?agent ?agentLabel ?exact ?start ?other
WHERE {
  ?claim a kg:CasualtyClaim ; kg:event ?event .
  OPTIONAL { ?event rdfs:label ?eventLabel }
  OPTIONAL { ?claim kg:category ?category }
  OPTIONAL { ?claim kg:side/kg:sideNumber ?sideNumber }
  OPTIONAL { ?claim kg:count ?count }
  OPTIONAL { ?claim kg:minCount ?min }
  OPTIONAL { ?claim kg:maxCount ?max }
  OPTIONAL { ?claim kg:approximate ?approximate }
  OPTIONAL { ?claim kg:quantityText ?quantityText }
  OPTIONAL { ?claim kg:qualifier ?qualifier }
  OPTIONAL { ?claim kg:claimDate ?claimDate }
  OPTIONAL { ?claim prov:generatedAtTime ?generatedAt }
  OPTIONAL {
    { BIND("claimant" AS ?branch)
      ?claim prov:wasAttributedTo ?agent . OPTIONAL { ?agent rdfs:label ?agentLabel } }
    UNION
    { BIND("affects" AS ?branch)
      ?claim kg:affects ?agent . OPTIONAL { ?agent rdfs:label ?agentLabel } }
    UNION
    { BIND("combatant" AS ?branch)
      ?claim kg:side/kg:combatant ?agent . OPTIONAL { ?agent rdfs:label ?agentLabel } }
    UNION
    { BIND("evidence" AS ?branch)
      ?claim kg:evidence ?agent .
      ?agent oa:hasSelector ?quote . ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
      OPTIONAL { ?agent oa:hasSelector ?position . ?position oa:start ?start } }
    UNION
    { BIND("contradicts" AS ?branch) ?claim kg:contradicts ?other }
  }
}
"""


@dataclass(frozen=True)
class ClaimRow:
    """One casualty claim, ready to show: every field is display text except where noted."""

    event: str                      # the event's label
    event_iri: str
    side: str                       # "1", "affects: Civilians", or "" when neither is given
    side_number: int | None         # for sorting and grouping
    category: str                   # "Killed or injured"
    value: str                      # "5", "~30", "≥ 7", "12–15", "several dozen"
    claimant: str                   # "Mali and UN", or "—" for the article's own voice
    claim_date: str                 # kg:claimDate or prov:generatedAtTime, "" if none
    evidence: tuple[str, ...]       # the quoted words (oa:exact), in text order
    contradicts: tuple[str, ...]    # the figures this one contradicts: "35 (CSP-PSD)"
    qualifier: str                  # kg:qualifier as written, "" if none
    combatants: str                 # the side's combatants: "GATIA, HCUA, MAA"
    claim: str                      # the claim's IRI

    def as_dict(self, flat: bool = True) -> dict[str, object]:
        """The row under :data:`COLUMNS`; ``flat`` joins multi-valued fields for CSV."""
        values: dict[str, object] = {name: getattr(self, name) for name in COLUMNS}
        if flat:
            values["evidence"] = _QUOTE_SEPARATOR.join(self.evidence)
            values["contradicts"] = "; ".join(self.contradicts)
        else:
            values["evidence"] = list(self.evidence)
            values["contradicts"] = list(self.contradicts)
        return values


@dataclass(frozen=True)
class ClaimsTable:
    """The claims of one event (``selected`` is its IRI) or of every event (``selected`` None)."""

    rows: list[ClaimRow] = field(default_factory=list)
    selected: str | None = None


# --- labels and values ---------------------------------------------------------------------------

# a plural acronym ("POWs") first, then an acronym before a word ("UNPeacekeepers"), a word, an
# acronym at the end, a number
_WORD = re.compile(r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def category_label(iri: str) -> str:
    """A human label from a category's CamelCase local name, so new categories need no table.

    >>> category_label("https://w3id.org/conflict-kg/ns#AircraftDestroyed")
    'Aircraft destroyed'
    >>> category_label("https://example.org/ns#POWsReleased")
    'POWs released'
    """
    words = _WORD.findall(local_name(iri))
    if not words:
        return local_name(iri)
    # acronyms ("POWs", "UN") keep their capitals; ordinary words are lower case after the first
    shown = [w if (w[:2].isupper() or i == 0) else w.lower() for i, w in enumerate(words)]
    return " ".join(shown)


def render_value(count: int | None = None, minimum: int | None = None,
                 maximum: int | None = None, approximate: bool = False,
                 text: str | None = None) -> str:
    """The figure as the article puts it: exact, approximate, bounded, a range, or words.

    >>> [render_value(count=5), render_value(minimum=7), render_value(minimum=12, maximum=15),
    ...  render_value(text="several dozen"), render_value(maximum=500)]
    ['5', '≥ 7', '12–15', 'several dozen', '≤ 500']
    """
    if count is not None:
        return f"~{count}" if approximate else str(count)
    if minimum is not None and maximum is not None:
        return f"{minimum}–{maximum}"
    if minimum is not None:
        return f"≥ {minimum}"
    if maximum is not None:
        return f"≤ {maximum}"
    if text:
        return f"~{text}" if approximate and not text.startswith(("~", "about")) else text
    return "?"


def _fold(text: str) -> str:
    """Case- and accent-insensitive form, so that "lere" finds "Battle of Léré (2023)"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# --- reading the store ---------------------------------------------------------------------------

@dataclass
class _Claim:
    """What the query says about one claim, folded from its solutions."""

    iri: str
    event: str
    event_label: str = ""
    category: str = ""
    side_number: int | None = None
    count: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    approximate: bool = False
    quantity_text: str = ""
    qualifier: str = ""
    claim_date: str = ""
    generated_at: str = ""
    claimants: dict[str, str] = field(default_factory=dict)
    affects: dict[str, str] = field(default_factory=dict)
    combatants: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, tuple[int, str]] = field(default_factory=dict)
    contradicts: set[str] = field(default_factory=set)

    def value(self) -> str:
        return render_value(self.count, self.minimum, self.maximum, self.approximate,
                            self.quantity_text or None)

    def claimant(self) -> str:
        return " and ".join(sorted(self.claimants.values(), key=_fold)) or NO_CLAIMANT


def _text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    if term is None:
        return ""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _int(term) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:  # a malformed literal should not sink the whole report
        return None


def _keep(current: str, new: str) -> str:
    """The smaller of two values: a property given twice (which the shapes forbid) still gives
    the same report on every run, whatever order the store returns solutions in."""
    return new if new and (not current or new < current) else current


def _least(current: int | None, new: int | None) -> int | None:
    """:func:`_keep` for numbers."""
    return current if new is None else new if current is None else min(current, new)


def _read_claims(store: ox.Store) -> dict[str, _Claim]:
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    claims: dict[str, _Claim] = {}
    for solution in run_query(store, prologue + _QUERY, source="kg claims"):
        iri = _text(solution["claim"])
        claim = claims.get(iri)
        if claim is None:
            claim = claims[iri] = _Claim(iri=iri, event=_text(solution["event"]))
        claim.event_label = _keep(claim.event_label, _text(solution["eventLabel"]))
        claim.category = _keep(claim.category, _text(solution["category"]))
        claim.quantity_text = _keep(claim.quantity_text, _text(solution["quantityText"]))
        claim.qualifier = _keep(claim.qualifier, _text(solution["qualifier"]))
        claim.claim_date = _keep(claim.claim_date, _text(solution["claimDate"]))
        claim.generated_at = _keep(claim.generated_at, _text(solution["generatedAt"]))
        claim.side_number = _least(claim.side_number, _int(solution["sideNumber"]))
        claim.count = _least(claim.count, _int(solution["count"]))
        claim.minimum = _least(claim.minimum, _int(solution["min"]))
        claim.maximum = _least(claim.maximum, _int(solution["max"]))
        if _text(solution["approximate"]) in ("true", "1"):
            claim.approximate = True
        branch = _text(solution["branch"])
        agent = _text(solution["agent"])
        if branch in ("claimant", "affects", "combatant"):
            labels = {"claimant": claim.claimants, "affects": claim.affects,
                      "combatant": claim.combatants}[branch]
            labels[agent] = _keep(labels.get(agent, ""), _text(solution["agentLabel"])) \
                or local_name(agent)
        elif branch == "evidence":
            # the start offset puts quotes in text order: the infobox's first, then the prose's
            start = _int(solution["start"])
            found = (start if start is not None else -1, _text(solution["exact"]))
            claim.evidence[agent] = min(claim.evidence.get(agent, found), found)
        elif branch == "contradicts":
            claim.contradicts.add(_text(solution["other"]))
    return claims


def _row(claim: _Claim, claims: dict[str, _Claim]) -> ClaimRow:
    if claim.side_number is not None:
        side = str(claim.side_number)
    elif claim.affects:
        side = "affects: " + " and ".join(sorted(claim.affects.values(), key=_fold))
    else:
        side = ""
    # the contradicted figures in the order the report lists them: by claimant, then figure
    known = sorted((claims[iri] for iri in claim.contradicts if iri in claims),
                   key=lambda c: (c.claimant() == NO_CLAIMANT, _fold(c.claimant()),
                                  _figure_key(c.value()), c.iri))
    others = [f"{other.value()} ({other.claimant()})" for other in known]
    others += sorted(iri for iri in claim.contradicts if iri not in claims)
    quotes = [quote for _, quote in sorted(claim.evidence.values()) if quote]
    return ClaimRow(
        event=claim.event_label or local_name(claim.event), event_iri=claim.event,
        side=side, side_number=claim.side_number,
        category=category_label(claim.category) if claim.category else "",
        value=claim.value(), claimant=claim.claimant(),
        claim_date=claim.claim_date or claim.generated_at,
        evidence=tuple(dict.fromkeys(quotes)), contradicts=tuple(dict.fromkeys(others)),
        qualifier=claim.qualifier,
        combatants=", ".join(sorted(claim.combatants.values(), key=_fold)), claim=claim.iri)


def _sort_key(row: ClaimRow) -> tuple:
    # numbered sides first, in order; then third parties by name; then claims with neither
    side = ((0, row.side_number, "") if row.side_number is not None
            else (1, 0, _fold(row.side)) if row.side else (2, 0, ""))
    return (_fold(row.event), row.event_iri, side, _fold(row.category), row.claimant == NO_CLAIMANT,
            _fold(row.claimant), _figure_key(row.value), row.claim)


def _figure_key(value: str) -> tuple[int, str]:
    """Order figures by their first number ("76" before "76–150" before "150"); words last."""
    figure = re.search(r"\d+", value)
    return (int(figure.group()) if figure else 1 << 62, value)


def _select_event(event: str, events: dict[str, str]) -> str:
    """The IRI of the one event that ``event`` names (IRI, slug or part of the label)."""
    wanted = event.strip().strip("<>")
    folded = _fold(wanted)
    # most specific first: a label that merely contains "battle" must not shadow an exact slug
    tests = (lambda iri, label: iri == wanted,
             lambda iri, label: local_name(iri) == wanted,
             lambda iri, label: _fold(label) == folded or _fold(local_name(iri)) == folded,
             lambda iri, label: folded in _fold(label))
    for test in tests:
        found = sorted(iri for iri, label in events.items() if test(iri, label))
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(local_name(iri) for iri in found[:8])
            more = f" and {len(found) - 8} more" if len(found) > 8 else ""
            raise KgError(f"{event!r} matches {len(found)} events ({names}{more}); "
                          "give its slug or IRI")
    if not events:
        raise KgError(f"no event with casualty claims matches {event!r}; "
                      "the store holds no casualty claims")
    known = ", ".join(sorted(local_name(iri) for iri in events)[:8])
    more = ", …" if len(events) > 8 else ""
    raise KgError(f"no event with casualty claims matches {event!r}; "
                  f"events with claims: {known}{more}")


def claims_table(store: ox.Store, event: str | None = None) -> ClaimsTable:
    """Every casualty claim of ``event`` (IRI, slug or case-insensitive part of its label), or of
    every event when ``event`` is None, sorted by event, side, category and claimant.

    An event that matches nothing, or more than one event, is a :class:`KgError`.
    """
    claims = _read_claims(store)
    selected = None
    if event is not None:
        events = {c.event: c.event_label or local_name(c.event) for c in claims.values()}
        selected = _select_event(event, events)
    rows = [_row(c, claims) for c in claims.values() if selected in (None, c.event)]
    return ClaimsTable(rows=sorted(rows, key=_sort_key), selected=selected)


# --- rendering -----------------------------------------------------------------------------------

def _groups(rows: Iterable[ClaimRow], key) -> list[tuple[object, list[ClaimRow]]]:
    """Consecutive rows sharing ``key`` (rows are sorted already, so this keeps that order)."""
    groups: list[tuple[object, list[ClaimRow]]] = []
    for row in rows:
        if groups and groups[-1][0] == key(row):
            groups[-1][1].append(row)
        else:
            groups.append((key(row), [row]))
    return groups


def _side_heading(row: ClaimRow) -> str:
    if row.side_number is not None:
        return f"Side {row.side_number}" + (f" · {row.combatants}" if row.combatants else "")
    if row.side:
        return "Losses of " + row.side.removeprefix("affects: ")
    return "No side given"


def _who(row: ClaimRow) -> str:
    return "unattributed" if row.claimant == NO_CLAIMANT else row.claimant


class _Page:
    """Lines of text no wider than ``width``, wrapped between whole phrases where possible."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def flow(self, pieces: list[str], indent: int = 0, hang: int | None = None,
             sep: str = " ") -> None:
        """Lay ``pieces`` out left to right from column ``indent`` (later lines from ``hang``),
        breaking lines only between pieces, so that a figure and its claimant
        ("17 (unattributed)") never end up on different lines."""
        margin = " " * indent
        line = ""
        for piece in pieces:
            if line and len(line) + len(sep) + len(piece) <= self.width:
                line += sep + piece
                continue
            if line:
                self.lines.append(line)
                margin = " " * (indent if hang is None else hang)
                piece = piece.lstrip()  # the separator it carried is not wanted at a line start
            if len(margin) + len(piece) <= self.width:
                line = margin + piece
                continue
            # a single phrase wider than the page: only then break inside it
            wrapped = textwrap.wrap(piece, self.width, initial_indent=margin,
                                    subsequent_indent=margin, break_long_words=False)
            self.lines.extend(wrapped[:-1])
            line = wrapped[-1]
            margin = " " * (indent if hang is None else hang)
        if line:
            self.lines.append(line)

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")


def _details(row: ClaimRow) -> list[str]:
    """The figure with who gave it, when, what narrows it and what it contradicts, as phrases."""
    pieces = [f"{row.value} — {_who(row)}"]
    if row.claim_date:
        pieces.append(f"· claimed {row.claim_date}")
    if row.qualifier:
        pieces.append(f"· {row.qualifier}")
    for i, other in enumerate(row.contradicts):
        last = i == len(row.contradicts) - 1
        pieces.append((" ≠ " if i == 0 else "") + other + ("" if last else ","))
    return pieces


def _quotes(page: _Page, row: ClaimRow, indent: int) -> None:
    for quote in row.evidence:
        # inner whitespace collapsed: a quote may span a line break of the article
        page.flow([f"“{' '.join(quote.split())}”"], indent, indent + 1)
    if not row.evidence:
        page.flow(["(no quoted evidence)"], indent)


def _render_text(table: ClaimsTable, width: int = _WIDTH) -> str:
    """Grouped by event, then side, then category: the competing figures on one line, then each
    figure with its claimant, date, contradictions and quotes, wrapped to ``width``."""
    if not table.rows:
        return "(no casualty claims)\n"
    page = _Page(width)
    for (_, event_iri), event_rows in _groups(table.rows, lambda r: (r.event, r.event_iri)):
        page.blank()
        title = event_rows[0].event
        page.lines += [title, "═" * min(len(title), width)]
        page.flow([event_iri])
        for _, side_rows in _groups(event_rows, lambda r: r.side):
            page.blank()
            page.flow(_side_heading(side_rows[0]).split(" "), hang=4)
            for category, rows in _groups(side_rows, lambda r: r.category):
                head = f"  {category or 'Uncategorised'}:  "
                if len(rows) == 1:
                    # one figure: nothing to compare, so its details go on the heading line
                    details = _details(rows[0])
                    page.flow([head + details[0]] + details[1:], hang=len(head))
                    _quotes(page, rows[0], 6)
                    continue
                figures = [f"{r.value} ({_who(r)})" for r in rows]
                figures = [figures[0]] + ["vs  " + f for f in figures[1:]]
                page.flow([head.rstrip()] + figures, hang=len(head), sep="  ")
                for row in rows:
                    page.flow(_details(row), 4, 6)
                    _quotes(page, row, 6)
    count = len(table.rows)
    page.blank()
    page.lines.append(f"({count} claim{'s' if count != 1 else ''})")
    return "\n".join(line.rstrip() for line in page.lines) + "\n"


def render(table: ClaimsTable, fmt: str = "table", width: int = _WIDTH) -> str:
    """``table`` as a readable grouped terminal layout, CSV (header row, every column) or JSON
    (a list of objects, multi-valued fields as lists)."""
    if fmt == "table":
        return _render_text(table, width)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row.as_dict() for row in table.rows)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps([row.as_dict(flat=False) for row in table.rows], ensure_ascii=False,
                          indent=2) + "\n"
    raise KgError(f"unknown claims format {fmt!r}; choose one of {', '.join(FORMATS)}")


def report(event: str | None = None, store: str | os.PathLike[str] | None = None,
           fmt: str = "table") -> str:
    """The claims report for ``event`` (or every event) from the store folder ``store``."""
    if fmt not in FORMATS:  # checked before opening the store: a typo should not cost a query
        raise KgError(f"unknown claims format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = store_path(store)
    db = open_store(path)
    if db is None:
        raise KgError("the store is empty; run `kg build` first", source=str(path))
    return render(claims_table(db, event), fmt)
