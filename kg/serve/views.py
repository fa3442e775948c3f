"""What the HTML pages show: plain view objects built from the store, handed to the jinja2
templates in ``templates/``. The templates only lay out; every decision about what a page says
(which claims, which label, how a figure reads, where a quote sits in the text) is made here.

Links go through a :class:`Linker`, so that the server (absolute paths under its root) and the
static site (paths relative to the page's folder) render the same views.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from itertools import pairwise

import pyoxigraph as ox

from kg.serve.graph import StoreView, Term, nn, short_name
from kg.vocab import (
    DCTERMS,
    FOAF,
    KG,
    OA,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
    SKOS,
    XSD,
)

__all__ = [
    "KG_NS",
    "RDF_SUFFIXES",
    "ClaimRow",
    "Excerpt",
    "Link",
    "Linker",
    "Segment",
    "ServerLinker",
    "SiteLinker",
    "Value",
    "Views",
]

KG_NS = PREFIXES["kg"]
# the machine-readable forms of every resource: URL suffix → (name, kg.export format, media type)
RDF_SUFFIXES = {
    ".ttl": ("Turtle", "ttl", "text/turtle"),
    ".jsonld": ("JSON-LD", "jsonld", "application/ld+json"),
    ".nt": ("N-Triples", "nt", "application/n-triples"),
}
_EXCERPT_CHARS = 90  # context shown on each side of a quote, when the text is known that far
_MAX_INCOMING = 200  # a generic page lists at most this many links to the resource
_SHORT_NAME = 20  # names longer than this are shown by their acronym in tables, when known


class Linker:
    """Turns site paths (``event/x``, relative to the base) into hrefs for one kind of output."""

    def path(self, rel: str, suffix: str = "") -> str:
        raise NotImplementedError

    def static(self, name: str) -> str:
        return self.path(f"static/{name}")


class ServerLinker(Linker):
    """Absolute paths under the server's root path (``/event/x``, ``/event/x.ttl``)."""

    def __init__(self, root_path: str = "") -> None:
        self.root = root_path.rstrip("/")

    def path(self, rel: str, suffix: str = "") -> str:
        return f"{self.root}/{rel}{suffix}" if rel or not suffix else f"{self.root}/index{suffix}"


class SiteLinker(Linker):
    """Paths relative to a page of the static site, which lives at ``<rel>/index.html`` and is
    reached as ``<rel>/``; resource files sit beside the folder (``event/x.ttl``)."""

    def __init__(self, page_rel: str) -> None:
        self.here = page_rel.strip("/") or "."

    def path(self, rel: str, suffix: str = "") -> str:
        if suffix:
            return posixpath.relpath(f"{rel or 'index'}{suffix}", self.here)
        target = rel.strip("/") or "."
        out = posixpath.relpath(target, self.here)
        if "." in target.rsplit("/", 1)[-1].lstrip("."):
            return out  # a file (dump.ttl), not a resource's folder: slugs hold no dot
        return "./" if out == "." else out + "/"

    def static(self, name: str) -> str:
        return posixpath.relpath(f"static/{name}", self.here)


@dataclass(frozen=True)
class Link:
    href: str
    label: str
    iri: str
    external: bool = False
    title: str = ""  # the full name, when ``label`` is a short one


@dataclass(frozen=True)
class Value:
    """One object of a statement: a link, or a literal with its language or datatype."""

    link: Link | None = None
    text: str = ""
    note: str = ""  # language tag or datatype, shown small


@dataclass
class Excerpt:
    """A quote in the text around it: ``before`` + ``<mark>exact</mark>`` + ``after``."""

    evidence: Link
    document: Link
    before: str
    exact: str
    after: str
    start: int
    end: int
    cut_before: bool
    cut_after: bool


@dataclass
class ClaimRow:
    link: Link
    event: Link | None
    side: str
    side_link: Link | None
    side_actors: list[Link]
    affects: Link | None
    category: Link | None
    value: str
    claimants: list[Link]
    date: str
    qualifier: str
    contradicts: list[Link]
    evidence: list[Excerpt]
    statement: tuple[Value, Value, Value] | None = None  # rdf:subject/predicate/object
    disputed_by: list[Link] = field(default_factory=list)


@dataclass
class Segment:
    """A run of a document's text; ``marked`` when some evidence covers it."""

    text: str
    marked: bool = False
    anchors: list[str] = field(default_factory=list)
    title: str = ""
    gap_before: bool = False  # text is unknown between the previous segment and this one


@dataclass
class _Quote:
    iri: ox.NamedNode
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def anchor(start: int, end: int) -> str:
    return f"ev-{start}-{end}"


def format_time(term: Term | None) -> str:
    """A time stamp as people read it; the lexical form is already ISO 8601.

    >>> format_time(ox.Literal("2023-09-17T01:30:00+00:00",
    ...                        datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")))
    '2023-09-17 01:30 (UTC+00:00)'
    """
    if not isinstance(term, ox.Literal):
        return ""
    value = term.value
    if term.datatype == nn(XSD.dateTime) and "T" in value:
        day, time = value.split("T", 1)
        offset = ""
        for sign in ("+", "-"):
            if sign in time:
                time, offset = time.split(sign, 1)
                offset = f" (UTC{sign}{offset})"
        if time.endswith("Z"):
            time, offset = time[:-1], " (UTC)"
        return f"{day} {time[:5]}{offset}"
    return value


def _int(term: Term | None) -> int | None:
    try:
        return int(term.value) if isinstance(term, ox.Literal) else None
    except ValueError:
        return None


class Views:
    """Builds the view of every kind of page from one :class:`StoreView`."""

    def __init__(self, view: StoreView, linker: Linker) -> None:
        self.v = view
        self.linker = linker
        self._text_cache: dict[str, tuple[list[tuple[int, str]], bool]] = {}
        self._label_cache: dict[str, str] = {}
        self._quote_cache: dict[str, _Quote | None] = {}

    # --- links and values -----------------------------------------------------------------------

    def rel(self, iri: str) -> str | None:
        """The site path of an IRI under the base, else None."""
        base = self.v.base
        return iri[len(base):] if iri.startswith(base) and len(iri) > len(base) else None

    def href(self, iri: str, suffix: str = "") -> str:
        rel = self.rel(iri)
        if rel is not None:
            rel, hash_, fragment = rel.partition("#")
            return self.linker.path(rel, suffix) + hash_ + fragment
        if iri.startswith(KG_NS):
            return self.linker.path("ns") + "#" + iri[len(KG_NS):]
        return iri

    def label(self, term: Term) -> str:
        """What a person reads for ``term``: its label, else for a casualty claim its figure and
        claimant ("35 killed per CSP-PSD"), for an evidence its quote."""
        if not isinstance(term, ox.NamedNode):
            return self.v.label(term)
        found = self._label_cache.get(term.value)
        if found is None:
            found = self.v.label(term)
            types = self.v.types(term) if found == self.rel(term.value) else set()
            if str(KG.CasualtyClaim) in types:
                found = self.claim_summary(term)
            elif str(OA.SpecificResource) in types:
                quote = self._quote(term)
                found = f"“{quote.exact}”" if quote else found
            self._label_cache[term.value] = found
        return found

    def claim_summary(self, claim: ox.NamedNode) -> str:
        category = self.v.value(claim, KG.category)
        text = self.claim_value(claim)
        if category is not None:
            text = f"{text} {self.v.label(category)}"
        who = ", ".join(self.short(c).label for c in self.v.objects(claim, PROV.wasAttributedTo)
                        if isinstance(c, ox.NamedNode))
        return f"{text} per {who}" if who else text

    def link(self, term: Term) -> Link:
        iri = term.value
        return Link(self.href(iri), self.label(term), iri,
                    external=self.rel(iri) is None and not iri.startswith(KG_NS))

    def short(self, term: ox.NamedNode) -> Link:
        """A link under the actor's shortest usual name: its label, or an acronym for a long one
        ("CSP-PSD" for "Permanent Strategic Framework for Peace, Security, and Development")."""
        link = self.link(term)
        if len(link.label) <= _SHORT_NAME:
            return link
        acronyms = [a.value for a in self.v.objects(term, SKOS.altLabel)
                    if isinstance(a, ox.Literal) and _is_acronym(a.value)]
        if not acronyms:
            return link
        return Link(link.href, min(acronyms, key=lambda a: (len(a), a)), link.iri,
                    link.external, title=link.label)

    def shorts(self, terms: list[Term]) -> list[Link]:
        return sorted((self.short(t) for t in terms if isinstance(t, ox.NamedNode)),
                      key=lambda link: link.label.lower())

    def links(self, terms: list[Term]) -> list[Link]:
        return sorted((self.link(t) for t in terms if isinstance(t, ox.NamedNode)),
                      key=lambda link: link.label.lower())

    def value(self, term: Term) -> Value:
        if isinstance(term, ox.NamedNode):
            return Value(link=self.link(term))
        if isinstance(term, ox.BlankNode):
            return Value(text=f"_:{term.value}")
        note = f"@{term.language}" if term.language else ""
        if not note and term.datatype and term.datatype != nn(XSD.string):
            note = short_name(term.datatype.value)
        return Value(text=term.value, note=note)

    def kinds(self, iri: ox.NamedNode, generic: object) -> list[Link]:
        """The kg: classes of a resource other than the generic one (``Battle``, ``State``)."""
        return self.links([nn(t) for t in sorted(self.v.types(iri))
                           if t.startswith(KG_NS) and t != str(generic)])

    def statements(self, iri: ox.NamedNode) -> list[tuple[Link, list[Value]]]:
        """Every triple of the resource, grouped by predicate: the "all statements" table."""
        grouped: dict[str, list[Term]] = {}
        for triple in self.v.triples(iri):
            grouped.setdefault(triple.predicate.value, []).append(triple.object)
        return [(self.link(nn(p)), [self.value(o) for o in objects])
                for p, objects in sorted(grouped.items(), key=lambda kv: short_name(kv[0]))]

    def incoming(self, iri: ox.NamedNode) -> list[tuple[Link, Link]]:
        rows = []
        for quad in self.v.quads(obj=iri):
            if isinstance(quad.subject, ox.NamedNode):
                rows.append((self.link(quad.subject), self.link(quad.predicate)))
            if len(rows) >= _MAX_INCOMING:
                break
        return sorted(set(rows), key=lambda r: (r[1].label, r[0].label))

    def alternates(self, iri: str) -> list[tuple[str, str, str]]:
        """(label, href, media type) of the machine-readable forms of a page."""
        return [(label, self.href(iri, suffix), media)
                for suffix, (label, _, media) in RDF_SUFFIXES.items()]

    # --- source text and quotes -----------------------------------------------------------------

    def _quote(self, evidence: ox.NamedNode) -> _Quote | None:
        if evidence.value in self._quote_cache:
            return self._quote_cache[evidence.value]
        found = None
        start = end = None
        exact = prefix = suffix = None
        for selector in self.v.objects(evidence, OA.hasSelector):
            if not isinstance(selector, ox.NamedNode | ox.BlankNode):
                continue
            types = {o.value for o in self.v.objects(selector, RDF.type)}
            if str(OA.TextPositionSelector) in types:
                start = _int(self.v.value(selector, OA.start))
                end = _int(self.v.value(selector, OA.end))
            if str(OA.TextQuoteSelector) in types:
                exact = self.v.value(selector, OA.exact)
                prefix = self.v.value(selector, OA.prefix)
                suffix = self.v.value(selector, OA.suffix)
        if start is not None and end is not None and exact is not None:
            found = _Quote(evidence, start, end, exact.value,
                           prefix.value if prefix is not None else "",
                           suffix.value if suffix is not None else "")
        self._quote_cache[evidence.value] = found
        return found

    def text_fragments(self, document: ox.NamedNode) -> tuple[list[tuple[int, str]], bool]:
        """The parts of a document's text the graph holds, as sorted ``(offset, text)``, and
        whether that is the whole text.

        The whole text when the document carries it (``schema:text``); otherwise the text is
        pieced together from every quote's prefix, exact words and suffix at their known offsets,
        which is exact wherever it reaches and leaves gaps elsewhere.
        """
        key = document.value
        if key in self._text_cache:
            return self._text_cache[key]
        full = self.v.value(document, SCHEMA.text)
        complete = isinstance(full, ox.Literal)
        if isinstance(full, ox.Literal):
            fragments = [(0, full.value)]
        else:
            windows = []
            for evidence in self.v.subjects(OA.hasSource, document):
                quote = self._quote(evidence)
                if quote is not None:
                    windows.append((quote.start - len(quote.prefix),
                                    quote.prefix + quote.exact + quote.suffix))
            fragments = []
            for start, text in sorted(windows):
                if fragments and start <= fragments[-1][0] + len(fragments[-1][1]):
                    last_start, last_text = fragments[-1]
                    overlap = last_start + len(last_text) - start
                    fragments[-1] = (last_start, last_text + text[overlap:])
                else:
                    fragments.append((start, text))
        self._text_cache[key] = (fragments, complete)
        return fragments, complete

    def excerpt(self, evidence: ox.NamedNode) -> Excerpt | None:
        quote = self._quote(evidence)
        if quote is None:
            return None
        document = self.v.value(evidence, OA.hasSource)
        if not isinstance(document, ox.NamedNode):
            return None
        before, after = quote.prefix, quote.suffix
        fragments, complete = self.text_fragments(document)
        text_end = None
        for start, text in fragments:
            if start <= quote.start and quote.end <= start + len(text):
                before = text[max(0, quote.start - start - _EXCERPT_CHARS):quote.start - start]
                after = text[quote.end - start:quote.end - start + _EXCERPT_CHARS]
                text_end = start + len(text) if complete else None
                break
        cut_before = quote.start - len(before) > 0
        cut_after = text_end is None or quote.end + len(after) < text_end
        # start and end at a word, not in the middle of one
        if cut_before and " " in before:
            before = before[before.index(" ") + 1:]
        if cut_after and " " in after:
            after = after[:after.rindex(" ")]
        doc_link = self.link(document)
        doc_link = Link(doc_link.href + "#" + anchor(quote.start, quote.end), doc_link.label,
                        doc_link.iri)
        return Excerpt(self.link(evidence), doc_link, before, quote.exact, after,
                       quote.start, quote.end, cut_before, cut_after)

    def excerpts(self, iri: ox.NamedNode) -> list[Excerpt]:
        found = [self.excerpt(e) for e in self.v.objects(iri, KG.evidence)
                 if isinstance(e, ox.NamedNode)]
        return sorted((e for e in found if e is not None), key=lambda e: (e.document.iri, e.start))

    def segments(self, document: ox.NamedNode) -> list[Segment]:
        """The document's known text cut at every evidence boundary, evidence runs marked."""
        quotes = [q for q in (self._quote(e) for e in self.v.subjects(OA.hasSource, document))
                  if q is not None]
        supports: dict[str, list[str]] = {}
        for quote in quotes:
            supports[quote.iri.value] = sorted({self.label(s) for s in
                                                self.v.subjects(KG.evidence, quote.iri)})
        out: list[Segment] = []
        previous_end = 0
        for start, text in self.text_fragments(document)[0]:
            end = start + len(text)
            inside = [q for q in quotes if q.start < end and q.end > start]
            cuts = sorted({start, end, *(max(start, q.start) for q in inside),
                           *(min(end, q.end) for q in inside)})
            for i, (a, b) in enumerate(pairwise(cuts)):
                covering = [q for q in inside if q.start < b and q.end > a]
                title = "; ".join(sorted({name for q in covering
                                          for name in supports[q.iri.value]}))
                out.append(Segment(text[a - start:b - start], marked=bool(covering),
                                   anchors=[anchor(q.start, q.end) for q in inside
                                            if q.start == a],
                                   title=f"evidence for {title}" if title else "",
                                   gap_before=i == 0 and start > previous_end))
            previous_end = end
        return out

    # --- claims ---------------------------------------------------------------------------------

    def claim_value(self, claim: ox.NamedNode) -> str:
        """A figure as it reads: ``35``, ``~30``, ``at least 12``, ``12–15``, ``several dozen``."""
        count = _int(self.v.value(claim, KG["count"]))
        low, high = _int(self.v.value(claim, KG.minCount)), _int(self.v.value(claim, KG.maxCount))
        approximate = self.v.value(claim, KG.approximate)
        text = self.v.value(claim, KG.quantityText)
        approx = "~" if isinstance(approximate, ox.Literal) and approximate.value == "true" else ""
        if low is not None and high is not None:
            bounds = f"{low}–{high}"
        elif low is not None:
            bounds = f"at least {low}"
        elif high is not None:
            bounds = f"at most {high}"
        else:
            bounds = ""
        if count is not None:
            value = f"{approx}{count}" + (f" ({bounds})" if bounds else "")
        else:
            value = f"{approx}{bounds}" if bounds else ""
        if isinstance(text, ox.Literal):
            value = f"{value} ({text.value})" if value else text.value
        return value or "—"

    def side_actors(self, side: ox.NamedNode) -> list[Link]:
        return self.shorts(self.v.objects(side, KG.combatant))

    def claim_row(self, claim: ox.NamedNode) -> ClaimRow:
        v = self.v
        event = v.value(claim, KG.event)
        side = v.value(claim, KG.side)
        number = v.value(side, KG.sideNumber) if isinstance(side, ox.NamedNode) else None
        affects = v.value(claim, KG.affects)
        category = v.value(claim, KG.category)
        date = v.value(claim, PROV.generatedAtTime) or v.value(claim, KG.claimDate)
        qualifier = v.value(claim, KG.qualifier)
        statement = None
        subject = v.value(claim, RDF.subject)
        if subject is not None:
            statement = (self.value(subject),
                         self.value(v.value(claim, RDF.predicate) or ox.Literal("")),
                         self.value(v.value(claim, RDF.object) or ox.Literal("")))
        return ClaimRow(
            link=self.link(claim),
            event=self.link(event) if isinstance(event, ox.NamedNode) else None,
            side=f"Side {number.value}" if isinstance(number, ox.Literal) else "",
            side_link=self.link(side) if isinstance(side, ox.NamedNode) else None,
            side_actors=self.side_actors(side) if isinstance(side, ox.NamedNode) else [],
            affects=self.link(affects) if isinstance(affects, ox.NamedNode) else None,
            category=self.link(category) if isinstance(category, ox.NamedNode) else None,
            value=self.claim_value(claim),
            claimants=self.shorts(v.objects(claim, PROV.wasAttributedTo)),
            date=format_time(date),
            qualifier=qualifier.value if isinstance(qualifier, ox.Literal) else "",
            contradicts=self.links(v.objects(claim, KG.contradicts)),
            evidence=self.excerpts(claim),
            statement=statement,
            disputed_by=self.links(v.objects(claim, KG.disputedBy)),
        )

    def claim_rows(self, claims: list[ox.NamedNode]) -> list[ClaimRow]:
        rows = [self.claim_row(c) for c in claims]

        def order(row: ClaimRow) -> tuple:
            number = row.side.removeprefix("Side ")
            return (row.event.label if row.event else "",
                    int(number) if number.isdigit() else 1_000_000,
                    row.affects.label if row.affects else "",
                    row.category.label if row.category else "",
                    [c.label for c in row.claimants], row.link.iri)
        return sorted(rows, key=order)

    # --- pages ----------------------------------------------------------------------------------

    def home(self) -> dict:
        v = self.v
        topics = {q.object.value for q in v.quads(predicate=FOAF.primaryTopic)
                  if isinstance(q.object, ox.NamedNode)}
        events = []
        for event in v.subjects(RDF.type, nn(KG.Event)):
            begin = v.value(event, SEM.hasBeginTimeStamp)
            end = v.value(event, SEM.hasEndTimeStamp)
            events.append({
                "link": self.link(event),
                "kinds": self.kinds(event, KG.Event),
                "begin": format_time(begin),
                "end": format_time(end) if end != begin else "",
                "places": self.links(v.objects(event, SEM.hasPlace)),
                "claims": len(v.subjects(KG.event, event)),
                "article": event.value in topics,
                "sort": (event.value not in topics, -_date_number(begin), v.label(event).lower()),
            })
        events.sort(key=lambda e: e["sort"])
        return {"events": events,
                "documents": len(v.subjects(RDF.type, nn(KG.SourceDocument)))}

    def event(self, iri: ox.NamedNode) -> dict:
        v = self.v
        sides = []
        on_sides: set[str] = set()
        for side in v.objects(iri, KG.hasSide):
            if not isinstance(side, ox.NamedNode):
                continue
            number = v.value(side, KG.sideNumber)
            combatants = self.side_actors(side)
            on_sides.update(c.iri for c in combatants)
            sides.append({
                "link": self.link(side),
                "number": _int(number) or 0,
                "combatants": combatants,
                "commanders": self.links(v.objects(side, KG.commander)),
                "strength": [s.value for s in v.objects(side, KG.strength)
                             if isinstance(s, ox.Literal)],
            })
        sides.sort(key=lambda s: s["number"])
        begin, end = v.value(iri, SEM.hasBeginTimeStamp), v.value(iri, SEM.hasEndTimeStamp)
        places = [(self.link(p), self.containers(p)) for p in v.objects(iri, SEM.hasPlace)
                  if isinstance(p, ox.NamedNode)]
        return {
            "kinds": self.kinds(iri, KG.Event),
            "alt_labels": [a.value for a in v.objects(iri, SKOS.altLabel)],
            "begin": format_time(begin),
            "end": format_time(end),
            "places": places,
            "part_of": self.links(v.objects(iri, SEM.subEventOf)),
            "sub_events": self.links(v.subjects(SEM.subEventOf, iri)),
            "result": _text(v.value(iri, KG.result)),
            "territory": _text(v.value(iri, KG.territory)),
            "sides": sides,
            "other_actors": [a for a in self.links(v.objects(iri, SEM.hasActor))
                             if a.iri not in on_sides],
            "claims": self.claim_rows(v.subjects(KG.event, iri)),
            "documents": self.links(v.subjects(FOAF.primaryTopic, iri)),
            "evidence": self.excerpts(iri),
        }

    def containers(self, place: ox.NamedNode) -> list[Link]:
        """The places that contain ``place``, nearest first (town → region → country)."""
        chain, seen = [], {place.value}
        current = self.v.value(place, SCHEMA.containedInPlace)
        while isinstance(current, ox.NamedNode) and current.value not in seen:
            seen.add(current.value)
            chain.append(self.link(current))
            current = self.v.value(current, SCHEMA.containedInPlace)
        return chain

    def actor(self, iri: ox.NamedNode) -> dict:
        v = self.v
        fought = []
        for side in v.subjects(KG.combatant, iri):
            for event in v.subjects(KG.hasSide, side):
                number = v.value(side, KG.sideNumber)
                fought.append({"event": self.link(event),
                               "side": f"Side {number.value}" if number is not None else "",
                               "side_link": self.link(side),
                               "begin": format_time(v.value(event, SEM.hasBeginTimeStamp))})
        fought_iris = {f["event"].iri for f in fought}
        fought.sort(key=lambda f: (f["begin"], f["event"].label))
        commanded = [self.link(e) for s in v.subjects(KG.commander, iri)
                     for e in v.subjects(KG.hasSide, s)]
        return {
            "kinds": self.kinds(iri, KG.Actor),
            "alt_labels": sorted(a.value for a in v.objects(iri, SKOS.altLabel)),
            "member_of": self.links(v.objects(iri, ORG.memberOf)),
            "members": self.links(v.objects(iri, ORG.hasMember)),
            "parent": self.links(v.objects(iri, ORG.subOrganizationOf)),
            "parts": self.links(v.objects(iri, ORG.hasSubOrganization)),
            "same_as": self.links(v.objects(iri, OWL.sameAs)),
            "fought": fought,
            "involved": [e for e in self.links(v.subjects(SEM.hasActor, iri))
                         if e.iri not in fought_iris],
            "commanded": commanded,
            "killed_in": self.links(v.objects(iri, KG.killedInAction)),
            "captured_in": self.links(v.objects(iri, KG.capturedInAction)),
            "claims_made": self.claim_rows(v.subjects(PROV.wasAttributedTo, iri)),
            "claims_about": self.claim_rows(v.subjects(KG.affects, iri)),
            "disputed": self.claim_rows(v.subjects(KG.disputedBy, iri)),
            "evidence": self.excerpts(iri),
        }

    def place(self, iri: ox.NamedNode) -> dict:
        v = self.v
        return {
            "kinds": self.kinds(iri, KG.Place),
            "alt_labels": sorted(a.value for a in v.objects(iri, SKOS.altLabel)),
            "containers": self.containers(iri),
            "contains": self.links(v.subjects(SCHEMA.containedInPlace, iri)),
            "events": self.links(v.subjects(SEM.hasPlace, iri)),
            "time_zone": _text(v.value(iri, KG.timeZone)),
            "same_as": self.links(v.objects(iri, OWL.sameAs)),
            "evidence": self.excerpts(iri),
        }

    def claim(self, iri: ox.NamedNode) -> dict:
        return {"row": self.claim_row(iri), "kinds": self.kinds(iri, KG.Claim)}

    def document(self, iri: ox.NamedNode) -> dict:
        v = self.v
        return {
            "title": _text(v.value(iri, DCTERMS.title)),
            "identifier": _text(v.value(iri, DCTERMS.identifier)),
            "sha256": _text(v.value(iri, KG.sha256)),
            "licenses": self.links(v.objects(iri, DCTERMS.license)),
            "topics": self.links(v.objects(iri, FOAF.primaryTopic)),
            "graphs": self.links(v.subjects(PROV.wasDerivedFrom, iri)),
            "segments": self.segments(iri),
            "full_text": self.text_fragments(iri)[1],
            "evidence_count": len(v.subjects(OA.hasSource, iri)),
        }

    def generic(self, iri: ox.NamedNode) -> dict:
        v = self.v
        graph_size = None
        if v.is_graph(iri):
            graph_size = sum(1 for _ in v.quads(graph=iri))
        excerpt = self.excerpt(iri) if str(OA.SpecificResource) in v.types(iri) else None
        return {"incoming": self.incoming(iri), "graph_size": graph_size, "excerpt": excerpt,
                "kinds": self.links([nn(t) for t in sorted(v.types(iri))])}

    def page_kind(self, iri: ox.NamedNode) -> str:
        """Which template shows ``iri``: event, actor, place, claim, document or resource."""
        types = self.v.types(iri)
        for kind, cls in (("event", KG.Event), ("actor", KG.Actor), ("place", KG.Place),
                          ("claim", KG.Claim), ("document", KG.SourceDocument)):
            if str(cls) in types:
                return kind
        return "resource"

    def page(self, iri: ox.NamedNode) -> dict:
        """Everything a resource page needs: title, kind, its own view and all statements."""
        kind = self.page_kind(iri)
        builder = {"event": self.event, "actor": self.actor, "place": self.place,
                   "claim": self.claim, "document": self.document}.get(kind, self.generic)
        return {"kind": kind, "iri": iri.value, "title": self.label(iri),
                "view": builder(iri), "statements": self.statements(iri),
                "alternates": self.alternates(iri.value),
                "comment": _text(self.v.value(iri, RDFS.comment))}


def _is_acronym(name: str) -> bool:
    """An acronym is written in capitals ("CSP-PSD", "MNLA"), not a spelling variant
    ("CSp_PSD").

    >>> _is_acronym("CSP-PSD"), _is_acronym("CSp_PSD"), _is_acronym("Mali")
    (True, False, False)
    """
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and "_" not in name


def _text(term: Term | None) -> str:
    return term.value if isinstance(term, ox.Literal) else ""


def _date_number(term: Term | None) -> int:
    """A sortable number from the year-month-day at the start of a time stamp (0 if none)."""
    if not isinstance(term, ox.Literal):
        return 0
    digits = "".join(ch for ch in term.value[:10] if ch.isdigit())
    return int(digits.ljust(8, "0")) if digits else 0
