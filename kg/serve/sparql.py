"""SPARQL evaluation for the endpoint, with a time limit that really stops a query and a limit on
the number of results.

Why worker processes: pyoxigraph evaluates a query in Rust without the GIL and offers no way to
cancel it. A query in a thread would keep a core busy after its client got a time-out answer,
and a few of them would take the server down. So queries run in a small pool of worker
processes (started with ``spawn``, never ``fork``: a forked child would share the parent's open
RocksDB handles); a query that overruns its time gets its worker killed and replaced, which costs
about half a second of start-up and frees the core at once. Each worker opens the store's
current generation read-only and reopens it when a build swaps in a new one.

SPARQL reads Oxigraph's index, which canonicalises some literals (``xsd:nonNegativeInteger``
reads back as ``xsd:integer``), exactly as ``kg query`` does.

Why the results travel as TSV: a worker counts rows as it writes them and stops at the limit, so
a huge result never builds up in memory; SPARQL TSV writes one solution per line and is lossless
(terms in N-Triples syntax), so the server parses it back and writes whatever format the client
asked for with :func:`kg.query.format_results`.
"""
from __future__ import annotations

import io
import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

__all__ = ["QueryError", "QueryOutcome", "QueryPool"]


class QueryError(Exception):
    """A query that cannot be answered; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class QueryOutcome:
    """What a worker answered: ``kind`` is "solutions" or "boolean" (``data`` in SPARQL TSV or
    JSON) or "graph" (``data`` in N-Triples)."""

    kind: str
    data: bytes
    rows: int

    def results(self) -> ox.QuerySolutions | ox.QueryBoolean:
        fmt = ox.QueryResultsFormat.TSV if self.kind == "solutions" else ox.QueryResultsFormat.JSON
        return ox.parse_query_results(self.data, format=fmt)

    def triples(self) -> list[ox.Triple]:
        return [q.triple for q in ox.parse(self.data, format=ox.RdfFormat.N_TRIPLES)]


class _TooMany(Exception):
    pass


class _CountingSink(io.RawIOBase):
    """A write-only file that counts lines and gives up past a limit."""

    def __init__(self, limit: int) -> None:
        self.buffer = io.BytesIO()
        self.lines = 0
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self.lines += bytes(data).count(b"\n")
        if self.lines > self.limit:
            raise _TooMany
        return self.buffer.write(data)


def _evaluate(store: ox.Store, sparql: str, max_results: int) -> tuple:
    """Runs in a worker: one query, answered as a picklable tuple."""
    from kg.errors import KgError
    from kg.query import run_query

    too_many = ("error", 400, (f"the query has more than {max_results} results; "
                               "add a LIMIT or narrow it down"))
    try:
        results = run_query(store, sparql, source="query")
        if isinstance(results, ox.QueryBoolean):
            return ("boolean", results.serialize(format=ox.QueryResultsFormat.JSON), 1)
        if isinstance(results, ox.QueryTriples):
            triples = []
            for triple in results:
                triples.append(triple)
                if len(triples) > max_results:
                    return too_many
            return ("graph", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(triples))
        sink = _CountingSink(max_results + 1)  # the header line, then one line per solution
        results.serialize(sink, format=ox.QueryResultsFormat.TSV)
        return ("solutions", sink.buffer.getvalue(), max(sink.lines - 1, 0))
    except _TooMany:
        return too_many
    except KgError as exc:
        return ("error", 400, exc.message)
    except (OSError, ValueError, RuntimeError) as exc:  # evaluation errors surface while iterating
        return ("error", 400, f"query failed: {exc}")


def _worker_main(conn: Connection) -> None:
    """A worker's loop: receive ``(store folder, query, max_results)``, send the outcome."""
    from kg.errors import KgError
    from kg.serve.graph import generation_key
    from kg.store import open_store

    opened: tuple[str, ox.Store] | None = None
    while True:
        try:
            folder, sparql, max_results = conn.recv()
        except (EOFError, OSError):
            return
        try:
            key = generation_key(Path(folder))
            if opened is None or opened[0] != key:
                opened = None  # close the old generation before opening the new one
                store = open_store(Path(folder)) if key is not None else None
                if store is None:
                    conn.send(("error", 503, "the store is empty; run `kg build` first"))
                    continue
                opened = (key, store)
            reply = _evaluate(opened[1], sparql, max_results)
        except KgError as exc:
            reply = ("error", 503, exc.message)
        conn.send(reply)


class _Worker:
    def __init__(self, ctx: multiprocessing.context.SpawnContext) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child,), daemon=True,
                                   name="kg-sparql-worker")
        self.process.start()
        child.close()

    def ask(self, job: tuple, timeout: float) -> tuple:
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise TimeoutError
        return self.conn.recv()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes, each evaluating one query at a time.

    :meth:`run` blocks; the server calls it from a thread. The time limit counts from the moment
    the query is handed in, waiting for a free worker included.
    """

    def __init__(self, workers: int = 2, timeout: float = 10.0, max_results: int = 10000) -> None:
        self.size = max(1, workers)
        self.timeout = timeout
        self.max_results = max_results
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start the workers now rather than at the first query."""
        with self._lock:
            while len(self._all) < self.size:
                worker = _Worker(self._ctx)
                self._all.append(worker)
                self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
            if not self._closed:
                fresh = _Worker(self._ctx)
                self._all.append(fresh)
                self._idle.put(fresh)

    def run(self, store: Path, sparql: str) -> QueryOutcome:
        """Evaluate ``sparql`` on the current generation of the store folder ``store`` within
        the limits, or raise :class:`QueryError`."""
        if self._closed:
            raise QueryError(503, "the server is shutting down")
        self.start()
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryError(503, f"all {self.size} query workers stayed busy for "
                             f"{self.timeout:g} s; try again later") from None
        try:
            reply = worker.ask((str(store), sparql, self.max_results),
                               max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            self._replace(worker)
            raise QueryError(503, f"the query took longer than the {self.timeout:g} s limit "
                             "and was stopped") from None
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise QueryError(500, "the query worker died; the query was not answered") from None
        self._idle.put(worker)
        if reply[0] == "error":
            raise QueryError(reply[1], reply[2])
        return QueryOutcome(*reply)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._all = self._all, []
        for worker in workers:
            worker.stop()
