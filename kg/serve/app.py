"""The linked-data server: an ASGI application (Starlette) over the store.

Every instance IRI under the base dereferences to its description in HTML, Turtle, JSON-LD or
N-Triples (by ``Accept`` or by suffix); ``/sparql`` speaks the SPARQL 1.1 Protocol, read-only and
within limits; ``/.well-known/void`` and ``/dataset`` describe the dataset; ``/ns`` documents the
ontology; ``/dump.<fmt>`` downloads everything.

The store is opened read-only once per generation: each request looks at where the store's
``current`` link points and reopens only when a build has swapped in a new generation, so
``kg build`` beside a running server is picked up at the next request, never half-written.

Paths map onto IRIs under the base's own path too: with base ``https://w3id.org/conflict-kg/id/``
both ``/event/x`` and ``/conflict-kg/id/event/x`` name ``https://w3id.org/conflict-kg/id/event/x``,
so the server works behind a proxy that forwards the public path unchanged.

>>> from starlette.testclient import TestClient  # doctest: +SKIP
>>> client = TestClient(create_app(Path(".kg")))  # doctest: +SKIP
>>> client.get("/event/battle-of-lere-2023", headers={"Accept": "text/turtle"})  # doctest: +SKIP
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from kg.export import MEDIA_TYPES, dataset_quads, serialize
from kg.query import format_results
from kg.reference import ONTOLOGY_DIR
from kg.serve.graph import StoreView, generation_key, nn
from kg.serve.negotiate import negotiate, prefers_html
from kg.serve.ontology import ONTOLOGY_IRI
from kg.serve.render import STATIC_DIR, Renderer
from kg.serve.sparql import QueryError, QueryOutcome, QueryPool
from kg.serve.views import RDF_SUFFIXES, ServerLinker
from kg.store import open_store, read_quads
from kg.vocab import DEFAULT_BASE_IRI
from kg.vocab import base_iri as normalise_base
from kg.void import DUMP_FORMATS, dataset_iri, detect_base, void_description

__all__ = ["create_app"]

_HTML = "text/html"
# offers for resources, in the server's order of preference: Turtle first for */* (curl, code);
# browsers name text/html and get it
_RESOURCE_OFFERS = ["text/turtle", "application/ld+json", "application/n-triples", _HTML]
_FORMAT_OF = {media: fmt for _, fmt, media in RDF_SUFFIXES.values()}
_SOLUTION_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
_SOLUTION_OFFERS = [
    ("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"),
    ("application/json", "json"), ("application/xml", "xml"), ("text/xml", "xml"),
    (_HTML, "html"),
]
_GRAPH_OFFERS = [
    ("text/turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/n-triples", "nt"),
    ("application/json", "jsonld"), (_HTML, "html"),
]
_READ_ONLY = ("this endpoint is read-only: SPARQL Update is refused; "
              "send queries (SELECT, ASK, CONSTRUCT, DESCRIBE) only")


@dataclass
class _Generation:
    key: str  # see kg.serve.graph.generation_key
    store: ox.Store  # the SPARQL index
    view: StoreView  # the statements exactly as mapped


class _Site:
    """The server's state: the store folder, the open generation, the base, the query pool."""

    def __init__(self, store: Path, base_iri: str | None, pool: QueryPool,
                 cache_size: int) -> None:
        self.store_path = store
        explicit = base_iri or os.environ.get("KG_BASE_IRI")
        self.explicit_base = normalise_base(explicit) if explicit else None
        self.pool = pool
        self._generation: _Generation | None = None
        self._lock = threading.Lock()
        # rendered representations of the current generation, which never changes: an LRU
        # cache of bytes, emptied when a build swaps in a new generation
        self._cache: OrderedDict[tuple[str, ...], bytes] = OrderedDict()
        self._cache_size = cache_size

    def cached(self, key: tuple[str, ...], make: Callable[[], bytes]) -> bytes:
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
        made = make()
        with self._lock:
            self._cache[key] = made
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return made

    def generation(self) -> _Generation | None:
        key = generation_key(self.store_path)
        if key is None:
            return None
        current = self._generation
        if current is not None and current.key == key:
            return current
        with self._lock:
            if self._generation is None or self._generation.key != key:
                # a build finishing between these reads is seen as another change at the next
                # request, which then reloads again: the cache never stays stale
                quads = read_quads(self.store_path) or []
                store = open_store(self.store_path) or ox.Store()
                base = self.explicit_base or detect_base(quads) or DEFAULT_BASE_IRI
                self._generation = _Generation(key, store, StoreView(quads, base))
                self._cache.clear()
            return self._generation

    def base(self) -> str:
        if self.explicit_base:
            return self.explicit_base
        generation = self.generation()
        return generation.view.base if generation else DEFAULT_BASE_IRI


class _BasePath:
    """ASGI middleware: a request under the base IRI's path (``/conflict-kg/id/event/x``) or the
    ontology namespace's path (``/conflict-kg/ns``) is served as the local one (``/event/x``,
    ``/ns``)."""

    def __init__(self, app: ASGIApp, site: _Site) -> None:
        self.app = app
        self.site = site

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope["path"]
            base_path = urlsplit(self.site.base()).path
            ns_path = urlsplit(ONTOLOGY_IRI).path
            if base_path not in ("", "/") and path.startswith(base_path):
                scope = dict(scope, path="/" + path[len(base_path):])
            elif path == ns_path or path.startswith((ns_path + "/", ns_path + ".")):
                scope = dict(scope, path="/ns" + path[len(ns_path):])
        await self.app(scope, receive, send)


def _etag(generation: _Generation, *parts: str) -> str:
    """An entity tag that changes with the generation and differs per representation."""
    digest = hashlib.sha1("\0".join((generation.key, *parts)).encode()).hexdigest()[:20]
    return f'"{digest}"'


def _rdf_response(quads: list[ox.Quad], fmt: str, vary: bool) -> Response:
    return Response(serialize(quads, fmt), media_type=MEDIA_TYPES[fmt],
                    headers={"Vary": "Accept"} if vary else None)


def _text_error(status: int, message: str, vary: bool = True) -> Response:
    return PlainTextResponse(message + "\n", status_code=status,
                             headers={"Vary": "Accept"} if vary else None)


def create_app(store: Path, base_iri: str | None = None, query_timeout: float = 10.0,
               max_results: int = 10000, *, query_workers: int = 2,
               cache_size: int = 1024) -> Starlette:
    """The ASGI application serving the store at ``store`` (a kg store folder).

    ``base_iri`` is the base of the instance IRIs served (default: ``$KG_BASE_IRI``, else the
    base the store was built with, else kg's default). SPARQL queries run in ``query_workers``
    processes, each stopped after ``query_timeout`` seconds; results past ``max_results`` rows
    (or triples) are refused. The last ``cache_size`` pages and descriptions served are kept
    until the next build.
    """
    site = _Site(Path(store), base_iri, QueryPool(query_workers, query_timeout, max_results),
                 cache_size)

    def renderer(request: Request, generation: _Generation, sparql: bool = True) -> Renderer:
        return Renderer(generation.view, ServerLinker(request.scope.get("root_path", "")),
                        sparql=sparql)

    def empty_store(request: Request) -> Response:
        return _text_error(503, f"the store {site.store_path} is empty; run `kg build` first")

    def not_found(request: Request, generation: _Generation | None, what: str) -> Response:
        if generation is not None and prefers_html(request.headers.get("accept")):
            return Response(renderer(request, generation).not_found(what), status_code=404,
                            media_type=_HTML, headers={"Vary": "Accept"})
        return _text_error(404, f"not found: {what}")

    def home(request: Request) -> Response:
        generation = site.generation()
        if generation is None:
            return empty_store(request)
        media = negotiate(request.headers.get("accept"), _RESOURCE_OFFERS)
        if media is None:
            return _text_error(406, "acceptable: " + ", ".join(_RESOURCE_OFFERS))
        if media != _HTML:  # machines asking for the site's root get the dataset description
            return _rdf_response(_void(generation), _FORMAT_OF[media], vary=True)
        root = request.scope.get("root_path", "")
        page = site.cached((generation.key, root, "", "home"),
                           lambda: renderer(request, generation).home().encode())
        return Response(page, media_type=_HTML, headers={"Vary": "Accept"})

    def _void(generation: _Generation) -> list[ox.Quad]:
        base = generation.view.base
        return void_description(generation.store, base, endpoint=f"{base}sparql")

    def void(request: Request) -> Response:
        generation = site.generation()
        if generation is None:
            return empty_store(request)
        path = request.url.path
        suffix = next((s for s in RDF_SUFFIXES if path.endswith(s)), None)
        if suffix is not None:
            return _rdf_response(_void(generation), RDF_SUFFIXES[suffix][1], vary=False)
        media = negotiate(request.headers.get("accept"), _RESOURCE_OFFERS)
        if media is None:
            return _text_error(406, "acceptable: " + ", ".join(_RESOURCE_OFFERS))
        if media == _HTML:
            return Response(_void_page(request, generation), media_type=_HTML,
                            headers={"Vary": "Accept"})
        return _rdf_response(_void(generation), _FORMAT_OF[media], vary=True)

    def _void_page(request: Request, generation: _Generation) -> str:
        return renderer(request, generation).dataset(
            _void(generation), nn(dataset_iri(generation.view.base)))

    def dump(request: Request) -> Response:
        generation = site.generation()
        if generation is None:
            return empty_store(request)
        fmt = request.path_params["fmt"]
        if fmt not in DUMP_FORMATS:
            return not_found(request, generation, request.url.path)
        return Response(serialize(dataset_quads(generation.view.all), fmt),
                        media_type=MEDIA_TYPES[fmt])

    def ontology(request: Request) -> Response:
        rest = request.url.path.rsplit("/ns", 1)[-1]
        turtle = (ONTOLOGY_DIR / "kg.ttl").read_bytes
        if rest in (".ttl", "/kg.ttl"):
            return Response(turtle(), media_type="text/turtle")
        if rest == "/context.jsonld":
            return Response((ONTOLOGY_DIR / "context.jsonld").read_bytes(),
                            media_type="application/ld+json")
        if rest in (".html", "/index.html"):
            media: str | None = _HTML
        elif rest in ("", "/"):
            media = negotiate(request.headers.get("accept"), ["text/turtle", _HTML])
        else:
            return _text_error(404, f"not found: {request.url.path}")
        if media is None:
            return _text_error(406, "acceptable: text/turtle, text/html")
        if media == "text/turtle":
            return Response(turtle(), media_type=media, headers={"Vary": "Accept"})
        generation = site.generation()
        view = generation.view if generation else StoreView([], site.base())
        page = Renderer(view, ServerLinker(request.scope.get("root_path", ""))).ontology()
        return Response(page, media_type=_HTML, headers={"Vary": "Accept"})

    def resource(request: Request) -> Response:
        rel = request.path_params["path"]
        if rel.endswith("/") and rel.strip("/"):
            url = request.url.replace(path=request.url.path.rstrip("/"))
            return RedirectResponse(str(url), status_code=301)
        generation = site.generation()
        if generation is None:
            return empty_store(request)
        view = generation.view
        fmt = None
        for suffix, (_, suffix_fmt, _) in [*RDF_SUFFIXES.items(), (".html", ("", "html", ""))]:
            if rel.endswith(suffix) and _exists(view, rel[:-len(suffix)]):
                rel, fmt = rel[:-len(suffix)], suffix_fmt
                break
        if not _exists(view, rel):
            return not_found(request, generation, "/" + request.path_params["path"])
        iri = nn(view.base + rel)
        vary = fmt is None
        if fmt is None:
            media = negotiate(request.headers.get("accept"), _RESOURCE_OFFERS)
            if media is None:
                return _text_error(406, "acceptable: " + ", ".join(_RESOURCE_OFFERS))
            fmt = "html" if media == _HTML else _FORMAT_OF[media]
        root = request.scope.get("root_path", "")
        etag = _etag(generation, root, rel, fmt)
        headers = {"ETag": etag}
        if vary:
            headers["Vary"] = "Accept"
            headers["Content-Location"] = ServerLinker(root).path(rel, "." + fmt)
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        if fmt == "html":
            body = site.cached((generation.key, root, rel, fmt),
                               lambda: renderer(request, generation).resource(iri).encode())
            return Response(body, media_type=_HTML, headers=headers)
        body = site.cached((generation.key, "", rel, fmt),
                           lambda: serialize(view.describe(iri), fmt))
        return Response(body, media_type=MEDIA_TYPES[fmt], headers=headers)

    async def sparql(request: Request) -> Response:
        query, problem = await _read_query(request)
        accept = request.headers.get("accept")
        html = prefers_html(accept) or request.query_params.get("format") == "html"
        generation = site.generation()
        if problem is not None:
            return _text_error(*problem)
        if query is None:
            if html and generation is not None:
                return Response(renderer(request, generation).sparql_form(), media_type=_HTML,
                                headers={"Vary": "Accept"})
            return _text_error(400, "missing the `query` parameter (SPARQL 1.1 Protocol)")
        if generation is None:
            return empty_store(request)
        try:
            outcome = await run_in_threadpool(site.pool.run, site.store_path, query)
        except QueryError as exc:
            if html:
                page = renderer(request, generation).sparql_form(query, error=exc.message)
                return Response(page, status_code=exc.status, media_type=_HTML,
                                headers={"Vary": "Accept"})
            return _text_error(exc.status, exc.message)
        return _sparql_response(request, generation, query, outcome)

    def _sparql_response(request: Request, generation: _Generation, query: str,
                         outcome: QueryOutcome) -> Response:
        offers = _GRAPH_OFFERS if outcome.kind == "graph" else _SOLUTION_OFFERS
        wanted = request.query_params.get("format")
        if wanted:
            fmt = wanted if wanted in {f for _, f in offers} else None
            if fmt is None:
                return _text_error(406, f"format={wanted} does not fit a {outcome.kind} result; "
                                   f"choose one of {', '.join(sorted({f for _, f in offers}))}")
        else:
            media = negotiate(request.headers.get("accept"), [m for m, _ in offers])
            if media is None:
                return _text_error(406, "acceptable: " + ", ".join(m for m, _ in offers))
            fmt = dict(offers)[media]
        headers = {"Vary": "Accept"}
        if outcome.kind == "graph":
            if fmt == "nt":
                return Response(outcome.data, media_type=MEDIA_TYPES["nt"], headers=headers)
            quads = [ox.Quad(t.subject, t.predicate, t.object) for t in outcome.triples()]
            if fmt == "html":
                page = renderer(request, generation).sparql_form(
                    query, graph=serialize(quads, "ttl").decode())
                return Response(page, media_type=_HTML, headers=headers)
            return Response(serialize(quads, fmt), media_type=MEDIA_TYPES[fmt], headers=headers)
        results = outcome.results()
        if fmt == "html":
            page = renderer(request, generation)
            if isinstance(results, ox.QueryBoolean):
                return Response(page.sparql_form(query, boolean=bool(results)),
                                media_type=_HTML, headers=headers)
            columns = [v.value for v in results.variables]
            rows = [[page.views.value(s[c]) if s[c] is not None else None for c in columns]
                    for s in results]
            return Response(page.sparql_form(query, columns=columns, rows=rows),
                            media_type=_HTML, headers=headers)
        return Response(format_results(results, fmt), media_type=_SOLUTION_MEDIA[fmt],
                        headers=headers)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(site.pool.start)
        try:
            yield
        finally:
            await run_in_threadpool(site.pool.close)

    routes = [
        Route("/", home),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/.well-known/void", void),
        Route("/dataset", void),
        *(Route(f"/dataset{suffix}", void) for suffix in RDF_SUFFIXES),
        Route("/dump.{fmt}", dump),
        Route("/ns", ontology),
        Route("/ns{rest:path}", ontology),
        Route("/{path:path}", resource),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(_BasePath, site=site)
    app.state.site = site
    return app


def _exists(view: StoreView, rel: str) -> bool:
    if not rel:
        return False
    try:
        return view.exists(nn(view.base + rel))
    except ValueError:  # not a valid IRI: cannot name anything in the store
        return False


async def _read_query(request: Request) -> tuple[str | None, tuple[int, str] | None]:
    """The query of a SPARQL Protocol request, or the (status, message) refusing it."""
    params = request.query_params
    if "update" in params:
        return None, (403, _READ_ONLY)
    unsupported = [p for p in ("default-graph-uri", "named-graph-uri") if p in params]
    query = params.get("query")
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update":
            return None, (403, _READ_ONLY)
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.form()
            if "update" in form:
                return None, (403, _READ_ONLY)
            unsupported += [p for p in ("default-graph-uri", "named-graph-uri") if p in form]
            value = form.get("query")
            query = value if isinstance(value, str) else query
        elif content_type == "application/sparql-query":
            try:
                query = (await request.body()).decode("utf-8")
            except UnicodeDecodeError:
                return None, (400, "the query is not UTF-8")
        else:
            return None, (415, ("POST a query as application/sparql-query or as the `query` "
                                "field of an application/x-www-form-urlencoded form"))
    if unsupported:
        return None, (400, (f"{' and '.join(unsupported)} are not supported: the default "
                            "graph is the union of all graphs; use FROM, FROM NAMED or GRAPH "
                            "instead"))
    if query is not None and not query.strip():
        return None, (400, "the query is empty")
    return query, None

