"""Load the store into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

Any store that speaks the protocol takes the data: Oxigraph (``http://host:7878/store``), Fuseki
(``http://host:3030/ds/data``), GraphDB (``…/repositories/ID/rdf-graphs/service``), Virtuoso
(``…/sparql-graph-crud``), Blazegraph. Each named graph of the store (one per source document)
goes in one request, as Turtle to ``endpoint?graph=<iri>`` (PUT with ``replace``, else POST, which
adds), or the whole dataset goes as N-Quads in requests of whole graphs. A graph is never split
across requests, so a blank node never becomes two.

Transient failures (no connection, time-outs, HTTP 429 and 5xx) are retried with exponential
back-off (honouring ``Retry-After``); refused credentials (401, 403) and any other HTTP error
stop the load with one clear line.

>>> load(".kg", "http://localhost:7878/store", replace=True)  # doctest: +SKIP
LoadReport(graphs=1, triples=519, requests=1, endpoint='http://localhost:7878/store')
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox

from kg.errors import KgError
from kg.export import MEDIA_TYPES, serialize
from kg.store import read_quads, store_path

__all__ = ["LoadReport", "load"]

_RETRY_STATUS = {429, 500, 502, 503, 504}
_MAX_DELAY = 30.0
_NQUADS_BATCH = 50_000  # triples per N-Quads request; whole graphs are never split


@dataclass
class LoadReport:
    graphs: int
    triples: int
    requests: int
    endpoint: str


@dataclass
class _Request:
    method: str
    params: dict[str, str]
    body: bytes
    media_type: str
    triples: int


def _graphs(quads: list[ox.Quad]) -> list[tuple[ox.NamedNode | ox.DefaultGraph,
                                               list[ox.Quad]]]:
    """The statements grouped by graph: the default graph first, then named graphs by IRI."""
    grouped: dict[ox.NamedNode | ox.DefaultGraph, list[ox.Quad]] = {}
    for quad in quads:
        grouped.setdefault(quad.graph_name, []).append(quad)
    return sorted(grouped.items(), key=lambda item: (isinstance(item[0], ox.NamedNode),
                                                     str(item[0])))


def _target(graph: ox.NamedNode | ox.DefaultGraph) -> dict[str, str]:
    return {"graph": graph.value} if isinstance(graph, ox.NamedNode) else {"default": ""}


def _plan(quads: list[ox.Quad], graph_per_document: bool, graph: str | None, replace: bool,
          nquads: bool) -> tuple[list[_Request], int]:
    """The requests a load makes, in order, and the number of graphs loaded into."""
    graphs = _graphs(quads)
    turtle = MEDIA_TYPES["ttl"]
    if nquads:
        requests, batch = [], []
        for _, graph_quads in graphs:
            batch.extend(graph_quads)
            if len(batch) >= _NQUADS_BATCH:
                requests.append(_Request("POST", {}, serialize(batch, "nq"),
                                         MEDIA_TYPES["nq"], len(batch)))
                batch = []
        if batch:
            requests.append(_Request("POST", {}, serialize(batch, "nq"), MEDIA_TYPES["nq"],
                                     len(batch)))
        if replace:  # empty each graph first: N-Quads can only be added to a dataset
            requests = [_Request("DELETE", _target(name), b"", "", 0)
                        for name, _ in graphs] + requests
        return requests, len(graphs)
    if graph is not None or not graph_per_document:
        target = _target(ox.NamedNode(graph)) if graph is not None else {"default": ""}
        requests = [_Request("PUT" if replace and i == 0 else "POST", target,
                             serialize(quads, "ttl"), turtle, len(quads))
                    for i, (_, quads) in enumerate(graphs)]
        return requests, 1
    return [_Request("PUT" if replace else "POST", _target(name), serialize(quads, "ttl"),
                     turtle, len(quads)) for name, quads in graphs], len(graphs)


def _first_line(text: str, limit: int = 200) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _delay(response: httpx.Response | None, attempt: int, backoff: float) -> float:
    if response is not None:
        retry_after = response.headers.get("retry-after", "")
        if retry_after.isdigit():
            return min(float(retry_after), _MAX_DELAY)
    return min(backoff * 2 ** attempt, _MAX_DELAY)


def _send(client: httpx.Client, endpoint: str, request: _Request, retries: int,
          backoff: float, sleep: Callable[[float], None]) -> None:
    headers = {"Content-Type": request.media_type} if request.media_type else {}
    problem = ""
    for attempt in range(retries + 1):
        response = None
        try:
            response = client.request(request.method, endpoint, params=request.params,
                                      content=request.body, headers=headers)
        except httpx.TransportError as exc:  # refused, reset, timed out: worth another try
            problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        else:
            status = response.status_code
            if status in (401, 403):
                raise KgError(f"the endpoint refused the credentials (HTTP {status}); "
                              "check --user and --password", source=endpoint)
            if request.method == "DELETE" and status == 404:
                return  # nothing to empty: the graph is not there yet
            if response.is_success:
                return
            problem = f"HTTP {status} {response.reason_phrase}"
            detail = _first_line(response.text)
            if status not in _RETRY_STATUS:
                where = request.params.get("graph", "the default graph")
                raise KgError(f"{request.method} of {where} failed: {problem}"
                              + (f": {detail}" if detail else ""), source=endpoint)
        if attempt < retries:
            sleep(_delay(response, attempt, backoff))
    raise KgError(f"gave up after {retries + 1} attempts: {problem}", source=endpoint)


@contextmanager
def _progress(total: int, show: bool) -> Iterator[Callable[[int], None]]:
    if not show:
        yield lambda n: None
        return
    import click

    with click.progressbar(length=total, label="loading", file=sys.stderr,
                           show_pos=True) as bar:
        yield bar.update


def load(store: str | os.PathLike[str] | None, endpoint: str, *,
         graph_per_document: bool = True, graph: str | None = None, replace: bool = False,
         nquads: bool = False, auth: tuple[str, str] | None = None,
         progress: bool | None = None, retries: int = 5, backoff: float = 0.5,
         timeout: float = 60.0, client: httpx.Client | None = None,
         sleep: Callable[[float], None] = time.sleep) -> LoadReport:
    """Push the store at ``store`` to the Graph Store Protocol ``endpoint``.

    One named graph per source document (the default), or everything into the one named graph
    ``graph`` (or, with ``graph_per_document=False``, into the default graph); ``replace``
    replaces the target graphs instead of adding to them; ``nquads`` sends the dataset as
    N-Quads to the endpoint itself. ``auth`` is a (user, password) pair for HTTP Basic
    authentication. ``progress`` shows a progress bar (default: when standard error is a
    terminal).
    """
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KgError("the endpoint must be an http:// or https:// URL", source=endpoint)
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError:
            raise KgError(f"not an IRI: {graph}") from None
        if nquads:
            raise KgError("--graph and N-Quads exclude each other: N-Quads keep the graphs")
    path = store_path(store)
    quads = read_quads(path)  # exactly as mapped: the index would canonicalise datatypes
    if quads is None:
        raise KgError("the store is empty; run `kg build` first", source=str(path))
    requests, graphs = _plan(quads, graph_per_document, graph, replace, nquads)
    total = sum(r.triples for r in requests)
    show = sys.stderr.isatty() if progress is None else progress
    own_client = client is None
    http = client or httpx.Client(auth=httpx.BasicAuth(*auth) if auth else None,
                                  timeout=timeout, follow_redirects=True)
    try:
        with _progress(total, show) as advance:
            for request in requests:
                _send(http, endpoint, request, retries, backoff, sleep)
                advance(request.triples)
    finally:
        if own_client:
            http.close()
    return LoadReport(graphs=graphs, triples=total, requests=len(requests), endpoint=endpoint)
