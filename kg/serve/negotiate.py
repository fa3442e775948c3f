"""HTTP content negotiation: pick the media type a client prefers from the ones we can write.

Follows RFC 9110 §12.5.1: every offered type gets the quality of the most specific Accept range
that matches it (``text/turtle`` beats ``text/*`` beats ``*/*``); the highest quality wins, ties go
to the type the client named most specifically, then to the server's order of preference. So a
browser (``text/html,…,*/*;q=0.8``) gets HTML and ``curl`` (``*/*``) gets the server's first
choice, Turtle.

>>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", ["text/turtle", "text/html"])
'text/html'
>>> negotiate("*/*", ["text/turtle", "text/html"])
'text/turtle'
>>> negotiate("application/ld+json;q=0.5, text/turtle;q=0.4", ["text/turtle", "application/ld+json"])
'application/ld+json'
>>> negotiate("image/png", ["text/turtle"]) is None
True
"""
from __future__ import annotations

from collections.abc import Sequence

__all__ = ["negotiate", "parse_accept", "prefers_html"]


def parse_accept(header: str | None) -> list[tuple[str, str, float]]:
    """The media ranges of an Accept header as ``(type, subtype, q)``; a missing header is ``*/*``.

    >>> parse_accept("text/*;q=0.3, text/html")
    [('text', '*', 0.3), ('text', 'html', 1.0)]
    """
    if not header or not header.strip():
        return [("*", "*", 1.0)]
    ranges = []
    for item in header.split(","):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if "/" not in media:
            if media == "*":  # some clients send a bare "*"
                media = "*/*"
            else:
                continue
        main, _, sub = media.partition("/")
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0  # a malformed weight must not win over well-formed ones
        ranges.append((main, sub, q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, str, float]]) -> tuple[float, int]:
    """The client's quality for ``offer`` and how specifically it was named (2 exact, 0 */*)."""
    main, _, sub = offer.partition("/")
    best: tuple[int, float] | None = None
    for r_main, r_sub, q in ranges:
        if r_main == main and r_sub == sub:
            specificity = 2
        elif r_main == main and r_sub == "*":
            specificity = 1
        elif r_main == "*" and r_sub == "*":
            specificity = 0
        else:
            continue
        if best is None or specificity > best[0]:
            best = (specificity, q)
    if best is None:
        return 0.0, -1
    return best[1], best[0]


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers, or None when it accepts none of them (answer 406)."""
    ranges = parse_accept(accept)
    scored = []
    for rank, offer in enumerate(offers):
        q, specificity = _quality(offer, ranges)
        if q > 0:
            scored.append((-q, -specificity, rank, offer))
    return min(scored)[3] if scored else None


def prefers_html(accept: str | None) -> bool:
    """True when the client is a browser, i.e. it names ``text/html`` above any RDF type."""
    return negotiate(accept, ["text/turtle", "text/html"]) == "text/html"
