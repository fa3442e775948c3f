"""Infobox casualty lines → single attributed figures.

A line packs several claimants' figures: ``5 killed, 20 injured (per Mali), 35 killed (per X)``.
An attribution closes the group of figures before it (back to the previous attribution or
separator); ``Per X: a, b ---- Per Y: c`` and ``X claim: a, b`` open a group instead.
Separators (``<hr>``, ``----``) end a group: figures after the last attribution have no claimant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.quantities import Figure, parse_casualty_item
from kg.model import Span

__all__ = ["Group", "Item", "split_casualty_line", "split_claimants"]

_SEPARATOR = re.compile(r"<hr\s*/?>|<br\s*/?>|-{3,}|\s\|\s")
# "(per X)", "(according to X)", "(X claim)", "(X and Y claims)", "(claimed by X)"
_PAREN = re.compile(r"\((?P<inner>[^()]*)\)")
_PER = re.compile(r"^\s*(?:per|according to|claimed by|source:|sources?:|by)\s+(?P<who>.+?)\s*$",
                  re.I)
_CLAIM_SUFFIX = re.compile(r"^\s*(?P<who>.+?)\s+(?:claims?|estimates?|figures?|reports?)\s*$", re.I)
# a group opener: "Per X:" or "X claim:" / "According to X:"
_OPENER = re.compile(r"^\s*(?:(?:per|according to)\s+(?P<who1>[^:]+?)|(?P<who2>[^:,]+?)\s+claims?)"
                     r"\s*:\s*", re.I)
_QUALIFIER_WORDS = re.compile(r"^\s*(?:including|incl\.|mostly|mainly|of whom|among them|"
                              r"non-|est\.|estimated|possibly|reportedly|alleged|unconfirmed|"
                              r"in |at |on |during |from |as of|total|combined|both|all )", re.I)
_ITEM_SPLIT = re.compile(r",(?!\d{3}\b)|;")


@dataclass
class Item:
    """One comma-separated piece of a casualty line with the figures it holds."""

    span: Span
    figures: list[tuple[Figure, Span]] = field(default_factory=list)
    qualifier: str | None = None


@dataclass
class Group:
    """Items that share one attribution (``claimants`` as written; empty when unattributed)."""

    items: list[Item] = field(default_factory=list)
    claimants: list[Span] = field(default_factory=list)


def split_claimants(who: Span) -> list[Span]:
    """``Mali and UN`` → [Mali, UN]; ``the MNDAA`` → [MNDAA]."""
    out: list[Span] = []
    start = 0
    text = who.exact
    for m in re.finditer(r"\s*(?:,|/|\band\b|&)\s*", text):
        out.append(who.sub(start, m.start()))
        start = m.end()
    out.append(who.sub(start, len(text)))
    cleaned = []
    for span in out:
        m = re.match(r"(?:the|The)\s+", span.exact)
        if m and m.end() < len(span.exact):
            span = span.sub(m.end(), len(span.exact))
        if span.exact.strip():
            cleaned.append(span.strip())
    return cleaned


def _attribution(inner: Span, looks_like_name) -> Span | None:
    """The claimant part of a parenthetical, or None when it is a qualifier."""
    text = inner.exact
    m = _PER.match(text)
    if m:
        return inner.sub(m.start("who"), m.end("who"))
    m = _CLAIM_SUFFIX.match(text)
    if m and looks_like_name(m.group("who")):  # not "(official figures)", "(X did not release
        return inner.sub(m.start("who"), m.end("who"))  # figures)"
    if not _QUALIFIER_WORDS.match(text) and not re.search(r"\d", text) and looks_like_name(text):
        return inner.strip()
    return None


def _looks_like_name(text: str) -> bool:
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    return bool(words) and len(words) <= 6 and all(
        w[0].isupper() or w.casefold() in {"of", "the", "and", "de", "al", "news"} for w in words)


def split_casualty_line(value: Span, looks_like_name=_looks_like_name) -> list[Group]:
    """Split an infobox casualty value into attributed groups of figures.

    >>> line = "5 killed, 2 injured (per A), 9 killed (per B and C)"
    >>> groups = split_casualty_line(Span(0, len(line), line))
    >>> [([f.quantity.count for i in g.items for f, _ in i.figures], [c.exact for c in g.claimants])
    ...  for g in groups]
    [([5, 2], ['A']), ([9], ['B', 'C'])]
    """
    groups: list[Group] = [Group()]
    for segment in _segments(value):
        opener = _OPENER.match(segment.exact)
        if opener and not re.match(r"\s*\d", segment.exact):
            name = "who1" if opener.group("who1") else "who2"
            who = segment.sub(opener.start(name), opener.end(name))
            if groups[-1].items or groups[-1].claimants:
                groups.append(Group())
            groups[-1].claimants = split_claimants(who)
            segment = segment.sub(opener.end(), len(segment.exact)) \
                if opener.end() < len(segment.exact) else None
            if segment is None:
                continue
        only_attribution = _CLOSING.fullmatch(segment.exact.strip())
        filled = [g for g in groups if g.items]
        if only_attribution and filled and not filled[-1].claimants:
            # "12 killed, 4 captured<br>(per X)": the attribution closes the figures above it
            inner = segment.sub(segment.exact.index("(") + 1, segment.exact.rindex(")"))
            who = _attribution(inner, looks_like_name)
            if who is not None:
                filled[-1].claimants = split_claimants(who)
                continue
        _add_items(segment, groups, looks_like_name)
        # a separator ends the group, whatever it holds
        groups.append(Group())
    return [g for g in groups if g.items]


def _segments(value: Span) -> list[Span]:
    pieces, start = [], 0
    for m in _SEPARATOR.finditer(value.exact):
        pieces.append(value.sub(start, m.start()))
        start = m.end()
    pieces.append(value.sub(start, len(value.exact)))
    return [p.strip(" ,;") for p in pieces if p.exact.strip(" ,;")]


_CLOSING = re.compile(r"\((?:per|according to|claimed by)\s[^()]*\)", re.I)


def _after_attributions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut after every ``(per X)`` that more figures follow: ``4 killed (per A) 9 killed (per B)``
    is two items even without a comma."""
    pieces = []
    for m in _CLOSING.finditer(text, start, end):
        if text[m.end():end].strip(" ,;"):
            pieces.append((start, m.end()))
            start = m.end()
    pieces.append((start, end))
    return pieces


_NEXT_AMOUNT = re.compile(r"(?<=[a-z])\s+(?=[~\d])")


def _packed_figures(body: Span) -> list[Span]:
    """``12 killed 4 captured``: figures packed without a comma, cut where a new amount starts,
    but only when each piece is a figure of its own."""
    for m in _NEXT_AMOUNT.finditer(body.exact):
        if body.exact.count("(", 0, m.start()) != body.exact.count(")", 0, m.start()):
            continue  # "(including 6 officers)" qualifies the figure before it
        left, right = body.sub(0, m.start()), body.sub(m.end(), len(body.exact))
        if parse_casualty_item(left.exact) and parse_casualty_item(right.exact):
            return [left, *_packed_figures(right)]
    return [body]


def _add_items(segment: Span, groups: list[Group], looks_like_name) -> None:
    start, depth = 0, 0
    text = segment.exact
    bounds = []
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and _ITEM_SPLIT.match(text, i):
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(text)))
    bounds = [piece for a, b in bounds for piece in _after_attributions(text, a, b)]
    for a, b in bounds:
        piece = text[a:b]
        if not piece.strip(" ,;'\"*"):
            continue
        item_span = segment.sub(a, b).strip(" ,;'\"*")
        closing: Span | None = None
        qualifiers = []
        body_end = len(item_span.exact)
        for m in _PAREN.finditer(item_span.exact):
            inner = item_span.sub(m.start("inner"), m.end("inner")) if m.group("inner").strip() \
                else None
            if inner is None:
                continue
            who = _attribution(inner, looks_like_name)
            if who is not None:
                closing = who
                body_end = min(body_end, m.start())
            else:
                qualifiers.append(m.group("inner").strip())
        body = item_span.sub(0, body_end).strip() if body_end > 0 else None
        item = Item(span=item_span, qualifier="; ".join(qualifiers) or None)
        if body is not None and body.exact.strip():
            for part in _packed_figures(body):
                for figure in parse_casualty_item(part.exact):
                    item.figures.append((figure, part.sub(figure.start, figure.end)))
        groups[-1].items.append(item)
        if closing is not None:
            groups[-1].claimants = split_claimants(closing)
            groups.append(Group())
