"""Export the store as Turtle, N-Triples, N-Quads, TriG or compact JSON-LD, byte-identical for
the same content: statements are sorted before Oxigraph writes them."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.reference import ONTOLOGY_DIR
from kg.store import read_quads, store_path
from kg.vocab import PREFIXES

__all__ = ["FORMATS", "export", "dataset_quads", "jsonld_context"]

FORMATS: dict[str, ox.RdfFormat | None] = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": None,  # expanded by pyld from N-Quads, then compacted against our context
}
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "trig": "application/trig",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "jsonld": "application/ld+json",
}


def _sort_key(q: ox.Quad | ox.Triple) -> tuple[str, ...]:
    graph = str(q.graph_name) if isinstance(q, ox.Quad) else ""
    return (graph, str(q.subject), str(q.predicate), str(q.object))


def dataset_quads(quads) -> list[ox.Quad]:
    """``quads`` in a stable order."""
    return sorted(quads, key=_sort_key)


def union_triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs as triples, without repeats, in a stable order."""
    triples = {q.triple for q in quads}
    return sorted(triples, key=_sort_key)


@lru_cache(maxsize=1)
def jsonld_context() -> dict:
    """The published JSON-LD context (``ontology/context.jsonld``), read from the local file."""
    return json.loads((ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8"))


def _no_remote_contexts(url: str, options: dict | None = None):
    raise KgError(f"refusing to fetch remote JSON-LD context {url}")


def to_jsonld(quads: list[ox.Quad]) -> bytes:
    """Compact JSON-LD of a dataset: one ``@graph`` entry per named graph."""
    from pyld import jsonld

    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    expanded = jsonld.from_rdf(nquads, {"format": "application/n-quads",
                                        "useNativeTypes": False})
    context = jsonld_context()
    compacted = jsonld.compact(expanded, context,
                               {"documentLoader": _no_remote_contexts, "graph": False})
    return (json.dumps(compacted, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def serialize(quads: list[ox.Quad], fmt: str) -> bytes:
    """Serialise ``quads`` (already sorted) in format ``fmt``."""
    if fmt not in FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonld":
        return to_jsonld(quads)
    rdf_format = FORMATS[fmt]
    data: list = quads if fmt in ("nq", "trig") else union_triples(quads)
    if fmt in ("nt", "nq"):
        return ox.serialize(data, format=rdf_format)
    return ox.serialize(data, format=rdf_format, prefixes=PREFIXES)


def _void(path: Path, quads: list[ox.Quad]) -> list[ox.Quad]:
    """The dataset description, in the named graph ``{base}dataset``."""
    from kg.store import open_store
    from kg.void import dataset_iri, detect_base, void_description

    base = detect_base(quads)
    graph = ox.NamedNode(dataset_iri(base)) if base else None
    return void_description(open_store(path), base, graph=graph)


def export(fmt: str = "ttl", store: str | os.PathLike[str] | None = None,
           output: str | os.PathLike[str] | None = None, build_if_empty: bool = True,
           with_void: bool = True) -> bytes:
    """Serialise the whole store; write it to ``output`` when given, and return the bytes.

    On an empty store, ``seeds/`` is built first, so that ``kg export`` works on a fresh
    checkout. The VoID/DCAT description of the dataset comes along in its own named graph,
    ``{base}dataset`` (``with_void=False`` leaves it out).
    """
    if fmt not in FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = store_path(store)
    quads = read_quads(path)
    if quads is None and build_if_empty:
        from kg.build import build

        build(store=path)
        quads = read_quads(path)
    quads = list(quads or [])
    if quads and with_void:
        quads += _void(path, quads)
    data = serialize(dataset_quads(quads), fmt)
    if output is not None:
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise KgError(f"cannot write: {exc.strerror}", source=str(output)) from None
    return data
