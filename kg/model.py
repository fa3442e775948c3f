"""The facts extraction produces: plain dataclasses that know nothing of RDF.

Every fact carries the :class:`Span`\\ s of source text that support it; ``kg.map`` turns these
objects into triples.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of the source text: ``text[start:end] == exact`` (code-point offsets)."""

    start: int
    end: int
    exact: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def sub(self, start: int, end: int) -> Span:
        """The part ``[start:end]`` of this span, offsets relative to it."""
        return Span(self.start + start, self.start + end, self.exact[start:end])

    def strip(self, chars: str | None = None) -> Span:
        """The span without leading and trailing white space (or ``chars``)."""
        lead = len(self.exact) - len(self.exact.lstrip(chars))
        trail = len(self.exact.rstrip(chars))
        return self.sub(lead, max(trail, lead + 1)) if trail > lead else self


@dataclass(frozen=True)
class TimeStamp:
    """A point in time at the precision the text gives; ``lexical`` is the XSD lexical form."""

    lexical: str
    datatype: str  # one of "date", "dateTime", "gYearMonth", "gYear"


@dataclass(frozen=True)
class Quantity:
    """How many, as the text says it: exact, approximate, bounded, or only in words."""

    count: int | None = None
    min: int | None = None
    max: int | None = None
    approximate: bool = False
    text: str | None = None  # vague amounts as written ("several dozen"); no count then


@dataclass
class Actor:
    """A party to a conflict or a claimant: a state, armed group, coalition, person, outlet…"""

    key: str  # slug, the last segment of the IRI
    label: str
    kind: str = "ArmedGroup"  # local name of a kg: actor class
    alt_labels: set[str] = field(default_factory=set)
    member_of: set[str] = field(default_factory=set)  # keys of coalitions
    part_of: str | None = None  # key of the parent organisation of a faction
    same_as: set[str] = field(default_factory=set)  # external IRIs (Wikidata)
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Place:
    """A town, region or country; ``contained_in`` is the key of the next larger place."""

    key: str
    label: str
    kind: str = "Settlement"  # Settlement, Region or Country
    alt_labels: set[str] = field(default_factory=set)
    contained_in: str | None = None
    same_as: set[str] = field(default_factory=set)
    time_zone: str | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Commander:
    """A commander named in the infobox, with what happened to them (``KIA``, ``POW``)."""

    actor: str  # key of a Person actor
    fate: str | None = None  # "killed" or "captured"


@dataclass
class Side:
    """One numbered side of an event, as the infobox numbers it (Combatant1 is side 1)."""

    number: int
    combatants: list[str] = field(default_factory=list)  # actor keys
    commanders: list[Commander] = field(default_factory=list)
    strength: list[str] = field(default_factory=list)  # as written
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Event:
    """A battle, attack, war… with what the article states in its own voice."""

    key: str
    label: str
    kinds: list[str] = field(default_factory=lambda: ["Event"])
    alt_labels: set[str] = field(default_factory=set)
    begin: TimeStamp | None = None
    end: TimeStamp | None = None
    places: list[str] = field(default_factory=list)  # place keys
    part_of: list[str] = field(default_factory=list)  # event keys
    result: str | None = None
    territory: str | None = None
    sides: list[Side] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)  # actor keys involved, sides or not
    evidence: list[Span] = field(default_factory=list)


@dataclass
class CasualtyClaim:
    """One attributed figure: whose losses, what kind, how many, said by whom, where in the text."""

    event: str
    category: str  # local name of a kg:CasualtyCategories concept
    quantity: Quantity
    side: int | None = None
    affects: str | None = None  # actor key, for civilians and third parties
    claimants: list[str] = field(default_factory=list)  # actor keys
    qualifier: str | None = None  # parenthetical remark kept as written
    claim_date: TimeStamp | None = None
    disputed_by: list[str] = field(default_factory=list)  # actor keys
    evidence: list[Span] = field(default_factory=list)


@dataclass
class StatementClaim:
    """A non-numeric claim: ``subject predicate object`` said by the claimants, maybe disputed.

    ``object`` is a place or actor key when ``object_kind`` says so, else the words as written.
    """

    subject: str  # actor key
    predicate: str  # local name of a kg: property (seized, destroyed…)
    object: str
    object_kind: str  # "place", "actor" or "text"
    claimants: list[str] = field(default_factory=list)
    disputed_by: list[str] = field(default_factory=list)
    claim_date: TimeStamp | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Estimate:
    """A low/high range derived from the claims (indexes into ``Extraction.claims``)."""

    event: str
    side: int
    category: str
    low: int
    high: int | None
    claims: list[int] = field(default_factory=list)


@dataclass
class Document:
    """The source file: where it came from, its exact text and its fingerprint."""

    key: str
    path: str
    title: str
    sha256: str
    text: str


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    event: Event
    events: dict[str, Event] = field(default_factory=dict)  # wars and other events besides
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    claims: list[CasualtyClaim] = field(default_factory=list)
    contradictions: list[tuple[int, int]] = field(default_factory=list)  # indexes into claims
    statements: list[StatementClaim] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)
