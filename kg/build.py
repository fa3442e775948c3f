"""Build: read every source article, extract, map to RDF and write one named graph per document
into the store, all or nothing."""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.extract.article import Context, extract_article
from kg.extract.names import slugify
from kg.map import Iris, extraction_quads
from kg.model import Extraction
from kg.read import Article, read_article
from kg.reference import load_reference
from kg.store import open_store, store_path, write_graphs

__all__ = ["build", "BuildReport", "find_sources", "extract_files"]

DEFAULT_SOURCES = ("seeds",)


@dataclass
class BuildReport:
    documents: int
    triples: int
    store: Path


def find_sources(sources: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Article files named by ``sources``: files as given, folders by their ``*.txt`` files."""
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                raise KgError("folder holds no article (*.txt) files", source=str(path))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise KgError("no such file or folder", source=str(path))
    return files


def _known_names(store: ox.Store | None, ctx: Context) -> None:
    """Labels and names already in the store, so that a rebuild keeps one label per entity and
    an acronym learned from an earlier build still resolves."""
    if store is None:
        return
    query = """
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?s ?p ?name WHERE { ?s ?p ?name . VALUES ?p { rdfs:label skos:altLabel } }
        ORDER BY ?s ?p ?name"""
    for row in store.query(query, use_default_graph_as_union=True):
        iri, predicate, name = row["s"].value, row["p"].value, row["name"].value
        for kind in ("actor", "place", "event"):
            marker = f"/{kind}/"
            if marker in iri and "/side/" not in iri:
                key = iri.rsplit(marker, 1)[1]
                if predicate.endswith("label") and not predicate.endswith("altLabel"):
                    ctx.labels[kind].setdefault(key, name)
                if kind == "actor":
                    ctx.learned_actors.add(name, key)
    _known_kinds(store, ctx)


def _known_kinds(store: ox.Store, ctx: Context) -> None:
    """The kg: class of every actor already in the store, so that an actor typed from its role
    in one article ("journalist X") keeps that type when another article names it."""
    query = """
        PREFIX kg: <https://w3id.org/conflict-kg/ns#>
        SELECT ?s ?type WHERE { ?s a kg:Actor, ?type .
          FILTER (STRSTARTS(STR(?type), STR(kg:)) && ?type != kg:Actor) } ORDER BY ?s ?type"""
    for row in store.query(query, use_default_graph_as_union=True):
        iri, kind = row["s"].value, row["type"].value.rsplit("#", 1)[1]
        if "/actor/" in iri:
            ctx.actor_kinds.setdefault(iri.rsplit("/actor/", 1)[1], kind)


def _learn_batch(articles: Sequence[Article], ctx: Context) -> None:
    """``Full Name (ACR)`` definitions of every article of the build, for all of them."""
    from kg.extract.names import learn_acronyms

    ref = ctx.reference
    for article in articles:
        for full, acronym, _, _ in learn_acronyms(article.text):
            if ref.actor_index.get(full) or ref.actor_index.get(acronym):
                continue
            key = ctx.learned_actors.get(full) or ctx.learned_actors.get(acronym) or slugify(full)
            ctx.learned_actors.add(full, key)
            ctx.learned_actors.add(acronym, key)
            ctx.labels["actor"].setdefault(key, full)


def _remember_labels(ex: Extraction, ctx: Context) -> None:
    for key, actor in ex.actors.items():
        ctx.labels["actor"].setdefault(key, actor.label)
        ctx.actor_kinds.setdefault(key, actor.kind)
        for name in (actor.label, *actor.alt_labels):
            ctx.learned_actors.add(name, key)
    for key, place in ex.places.items():
        ctx.labels["place"].setdefault(key, place.label)
    for key, event in [(ex.event.key, ex.event), *ex.events.items()]:
        ctx.labels["event"].setdefault(key, event.label)


def extract_files(files: Sequence[Path], context: Context | None = None) -> list[Extraction]:
    """Read and extract ``files`` in order; each later article sees the names of earlier ones."""
    articles = [read_article(f) for f in files]
    keys: dict[str, Path] = {}
    for f in files:
        key = slugify(f.stem)
        if key in keys:
            raise KgError(f"two articles would share the graph of {keys[key]}", source=str(f))
        keys[key] = f
    ctx = context or Context(reference=load_reference())
    _learn_batch(articles, ctx)
    out = []
    for article in articles:
        ex = extract_article(article, ctx)
        _remember_labels(ex, ctx)
        out.append(ex)
    return out


def build(sources: Iterable[str | os.PathLike[str]] = DEFAULT_SOURCES,
          store: str | os.PathLike[str] | None = None, base_iri: str | None = None,
          replace_all: bool = False) -> BuildReport:
    """Build ``sources`` (files or folders of articles) into the store at ``store``.

    Building a document again replaces its graph; other documents' graphs stay. All input is
    read and checked before the store is touched, so bad input leaves it as it was.
    """
    path = store_path(store)
    files = find_sources(sources)
    ctx = Context(reference=load_reference())
    if not replace_all and path.exists():
        _known_names(open_store(path), ctx)
    extractions = extract_files(files, ctx)
    iris = Iris(base_iri)
    graphs = dict(extraction_quads(ex, iris) for ex in extractions)
    write_graphs(path, graphs, replace_all=replace_all)
    return BuildReport(documents=len(graphs), triples=sum(len(q) for q in graphs.values()),
                       store=path)
