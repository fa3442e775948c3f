"""The embedded, on-disk store: per generation, the exact named graphs as N-Quads files plus an
Oxigraph index over them for SPARQL; generations are swapped in atomically.

Layout of a store folder (``.kg/`` by default)::

    .kg/current -> gen-000003      a symlink, replaced atomically at the end of a build
    .kg/gen-000003/graphs/*.nq     one file per document graph: the statements exactly as mapped
    .kg/gen-000003/index/          the Oxigraph (RocksDB) store that answers queries
    .kg/gen-000002/                the previous generation, kept for readers that still hold it
    .kg/build.lock                 held by the one build that may run at a time

Why both: Oxigraph's storage canonicalises literals — ``"5"^^xsd:nonNegativeInteger`` comes back
as ``"5"^^xsd:integer`` and ``+00:00`` as ``Z`` (pyoxigraph 0.5.13) — so exports and validation
read the N-Quads files, which keep every datatype the contract names, and SPARQL reads the index.

A build writes a whole new generation (sharing, by hard links, the graph files it does not
rebuild, and starting its index from a checkpoint of the previous one) and only then points
``current`` at it: a failing build leaves the store as it was, and readers (``kg serve``
included) never see half a build. Readers open the index read-only, so they neither block nor
are blocked by a build.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError

__all__ = ["DEFAULT_STORE", "store_path", "open_store", "read_quads", "graph_files",
           "write_graphs"]

DEFAULT_STORE = ".kg"
_KEEP_GENERATIONS = 2


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: the explicit value, else ``$KG_STORE``, else ``.kg``."""
    return Path(explicit or os.environ.get("KG_STORE") or DEFAULT_STORE)


def _current(path: Path) -> Path | None:
    link = path / "current"
    if not link.exists():
        return None
    return link.resolve()


def open_store(path: Path) -> ox.Store | None:
    """The current generation's SPARQL index opened read-only, or None when nothing was built."""
    current = _current(path)
    if current is None:
        return None
    try:
        return ox.Store.read_only(str(current / "index"))
    except OSError as exc:
        raise KgError(f"cannot open the store: {exc}", source=str(path)) from None


def graph_files(path: Path) -> list[Path]:
    """The N-Quads files of the current generation (empty when nothing was built)."""
    current = _current(path)
    return sorted((current / "graphs").glob("*.nq")) if current else []


def read_quads(path: Path) -> list[ox.Quad] | None:
    """Every statement of the store exactly as mapped, or None when nothing was built yet."""
    if _current(path) is None:
        return None
    quads: list[ox.Quad] = []
    for file in graph_files(path):
        quads.extend(ox.parse(path=str(file), format=ox.RdfFormat.N_QUADS))
    return quads


def _file_name(graph: ox.NamedNode) -> str:
    return graph.value.rstrip("/").rsplit("/", 1)[-1] + ".nq"


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    path.mkdir(parents=True, exist_ok=True)
    with open(path / "build.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KgError("another kg build is writing to this store; try again when it is done",
                          source=str(path)) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _next_generation(path: Path) -> Path:
    numbers = [int(p.name[4:]) for p in path.glob("gen-*") if p.name[4:].isdigit()]
    return path / f"gen-{max(numbers, default=0) + 1:06d}"


def write_graphs(path: Path, graphs: dict[ox.NamedNode, Iterable[ox.Quad]],
                 replace_all: bool = False) -> None:
    """Replace the named graphs ``graphs`` (all graphs when ``replace_all``) in one atomic step."""
    try:
        with _build_lock(path):
            _write(path, graphs, replace_all)
    except OSError as exc:
        raise KgError(f"cannot write the store: {exc.strerror or exc}", source=str(path)) from None


def _write(path: Path, graphs: dict[ox.NamedNode, Iterable[ox.Quad]], replace_all: bool) -> None:
    target = _next_generation(path)
    previous = None if replace_all else _current(path)
    try:
        folder = target / "graphs"
        folder.mkdir(parents=True)
        batches = {graph: list(quads) for graph, quads in graphs.items()}
        written = {_file_name(g) for g in batches}
        kept = [] if replace_all else [f for f in graph_files(path) if f.name not in written]
        for old in kept:
            _link_or_copy(old, folder / old.name)
        for graph, quads in batches.items():
            (folder / _file_name(graph)).write_bytes(
                ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        _write_index(target / "index", previous, batches)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    link = path / "current"
    tmp_link = path / f".current-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    tmp_link.symlink_to(target.name)
    os.replace(tmp_link, link)
    generations = sorted(p for p in path.glob("gen-*") if p.is_dir())
    for stale in generations[:-_KEEP_GENERATIONS]:
        shutil.rmtree(stale, ignore_errors=True)


def _link_or_copy(source: Path, target: Path) -> None:
    """Generations never change once written, so an unchanged graph file is shared, not copied."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _write_index(index: Path, previous: Path | None,
                 batches: dict[ox.NamedNode, list[ox.Quad]]) -> None:
    """The new generation's index: the previous one (a RocksDB checkpoint, made of hard links, so
    cheap) with the rebuilt graphs replaced, or a fresh index when there is nothing to start from.

    Either way only the new statements are loaded, so a build costs what it adds, not the size of
    the whole store."""
    if previous is not None and (previous / "index").exists():
        ox.Store.read_only(str(previous / "index")).backup(str(index))
        store = ox.Store(str(index))
        for graph in batches:
            store.remove_graph(graph)
    else:
        store = ox.Store(str(index))
    quads = [q for batch in batches.values() for q in batch]
    if quads:
        store.bulk_extend(quads)  # from the quads in hand: no N-Quads to parse again
    store.flush()
