"""A static copy of the linked-data site, for hosting without a server process.

Every resource ``R`` under the base (``event/x``, ``actor/y``, ``claim/doc/3``…) is written as
``R/index.html`` (the page ``kg serve`` shows, with relative links) and ``R.ttl``, ``R.jsonld``,
``R.nt`` (the description ``kg serve`` answers), beside the home page, the ontology (``ns/``), the
dataset description (``dataset/``, ``dataset.ttl``…, ``.well-known/void``), full dumps
(``dump.ttl``, ``dump.nq``…) and the stylesheet. ``.htaccess`` (Apache) and ``nginx-kg.conf``
(nginx) make a web server negotiate HTML or RDF from ``Accept`` the way ``kg serve`` does.

The site is written into a fresh folder and swapped in at the end, so a failed publish leaves
the previous one whole; a folder that is not a kg site is never overwritten.

>>> publish(".kg", "site")  # doctest: +SKIP
PublishReport(resources=104, files=420, out=PosixPath('site'))
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.export import dataset_quads, serialize
from kg.reference import ONTOLOGY_DIR
from kg.serve.graph import StoreView, nn
from kg.serve.render import STATIC_DIR, Renderer
from kg.serve.views import RDF_SUFFIXES, SiteLinker
from kg.store import open_store, read_quads, store_path
from kg.vocab import DEFAULT_BASE_IRI
from kg.vocab import base_iri as normalise_base
from kg.void import DUMP_FORMATS, dataset_iri, detect_base, void_description

__all__ = ["HTACCESS", "NGINX_CONF", "PublishReport", "publish"]

_MARKER = ".kg-site"  # marks a folder written by kg publish, which a new publish may replace

HTACCESS = r"""# kg static site: content negotiation for linked data (Apache 2.4 with mod_rewrite and
# mod_headers). Every resource R is published as R/index.html, R.ttl, R.jsonld and R.nt.
# Browsers (Accept naming text/html) get the page; a client naming an RDF type gets that type;
# any other client (curl, code) gets Turtle, as with `kg serve`. q-values are not weighed.
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddType application/n-triples .nt
AddType application/n-quads .nq
AddType application/trig .trig
AddDefaultCharset utf-8
DirectoryIndex index.html
Options -MultiViews
<Files "void">
  ForceType text/turtle
</Files>

RewriteEngine On
# RewriteBase /   <- set to the site's path if it is not served from the host's root

RewriteCond %{REQUEST_FILENAME} -d
RewriteCond %{HTTP_ACCEPT} text/turtle [OR]
RewriteCond %{HTTP_ACCEPT} !(text/html|application/ld\+json|application/n-triples)
RewriteRule ^(.+?)/?$ $1.ttl [L]

RewriteCond %{REQUEST_FILENAME} -d
RewriteCond %{HTTP_ACCEPT} !text/html
RewriteCond %{HTTP_ACCEPT} application/ld\+json
RewriteRule ^(.+?)/?$ $1.jsonld [L]

RewriteCond %{REQUEST_FILENAME} -d
RewriteCond %{HTTP_ACCEPT} !text/html
RewriteCond %{HTTP_ACCEPT} application/n-triples
RewriteRule ^(.+?)/?$ $1.nt [L]

Header merge Vary Accept
"""

NGINX_CONF = r"""# kg static site: content negotiation for linked data (nginx).
# Every resource R is published as R/index.html, R.ttl, R.jsonld and R.nt. Browsers (Accept
# naming text/html) get the page; a client naming an RDF type gets that type; any other client
# (curl, code) gets Turtle, as with `kg serve`. q-values are not weighed.

# --- in the http { } block, after `include mime.types;` ---
types {
    text/turtle            ttl;
    application/ld+json    jsonld;
    application/n-triples  nt;
    application/n-quads    nq;
    application/trig       trig;
}
map $http_accept $kg_suffix {
    default                    ".ttl";
    "~text/turtle"             ".ttl";
    "~text/html"               "";
    "~application/ld\+json"    ".jsonld";
    "~application/n-triples"   ".nt";
}

# --- in the server { } block; `root` is the folder kg publish wrote ---
location = /.well-known/void {
    default_type text/turtle;
}
location ~ ^(?<kg_path>/.+?)/?$ {
    add_header Vary Accept always;
    try_files $kg_path$kg_suffix $uri $uri/index.html =404;
}
"""


@dataclass
class PublishReport:
    resources: int
    files: int
    out: Path


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0

    def write(self, rel: str, data: bytes | str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        self.files += 1

    def page(self, rel: str, html: str) -> None:
        self.write(f"{rel}/index.html" if rel else "index.html", html)


def _prepare(out: Path) -> Path:
    """A fresh folder beside ``out`` to write into; refuses to replace a folder kg did not
    write."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir())
                                               and not (out / _MARKER).exists())):
        raise KgError("refusing to overwrite a folder that kg publish did not write",
                      source=str(out))
    staging = out.parent / f".{out.name}.publishing-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def _swap(staging: Path, out: Path) -> None:
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def publish(store: str | os.PathLike[str] | None, out_dir: str | os.PathLike[str],
            base_iri: str | None = None) -> PublishReport:
    """Write the static site of the store at ``store`` into ``out_dir``.

    ``base_iri``: the base of the instance IRIs (default: ``$KG_BASE_IRI``, else the base the
    store was built with).
    """
    path = store_path(store)
    quads = read_quads(path)
    db = open_store(path)
    if quads is None or db is None:
        raise KgError("the store is empty; run `kg build` first", source=str(path))
    explicit = base_iri or os.environ.get("KG_BASE_IRI")
    base = normalise_base(explicit) if explicit else detect_base(quads) or DEFAULT_BASE_IRI
    view = StoreView(quads, base)
    out = Path(out_dir)
    try:
        staging = _prepare(out)
        try:
            writer = _Writer(staging)
            resources = _write_site(writer, view, db, base)
            writer.write(_MARKER, "written by kg publish; the next publish replaces this folder\n")
            _swap(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except OSError as exc:
        raise KgError(f"cannot write the site: {exc.strerror or exc}", source=str(out)) from None
    return PublishReport(resources=resources, files=writer.files, out=out)


def _write_site(writer: _Writer, view: StoreView, db: ox.Store, base: str) -> int:
    resources = view.local_resources()
    for iri in resources:
        rel = iri.value[len(base):]
        writer.page(rel, Renderer(view, SiteLinker(rel), sparql=False).resource(iri))
        description = view.describe(iri)
        for suffix, (_, fmt, _) in RDF_SUFFIXES.items():
            writer.write(rel + suffix, serialize(description, fmt))
    writer.page("", Renderer(view, SiteLinker(""), sparql=False).home())

    # the ontology at ns/, its files inside that folder and, as kg serve has it, ns.ttl
    writer.page("ns", Renderer(view, SiteLinker("ns"), sparql=False).ontology())
    ontology = (ONTOLOGY_DIR / "kg.ttl").read_bytes()
    writer.write("ns/kg.ttl", ontology)
    writer.write("ns.ttl", ontology)
    writer.write("ns/context.jsonld", (ONTOLOGY_DIR / "context.jsonld").read_bytes())

    void = void_description(db, base, endpoint="")
    dataset = nn(dataset_iri(base))
    writer.page("dataset", Renderer(view, SiteLinker("dataset"), sparql=False)
                .dataset(void, dataset))
    for suffix, (_, fmt, _) in RDF_SUFFIXES.items():
        writer.write("dataset" + suffix, serialize(void, fmt))
    writer.write(".well-known/void", serialize(void, "ttl"))
    everything = dataset_quads(view.all)
    for fmt in DUMP_FORMATS:
        writer.write(f"dump.{fmt}", serialize(everything, fmt))

    for asset in sorted(STATIC_DIR.iterdir()):
        writer.write(f"static/{asset.name}", asset.read_bytes())
    writer.write(".htaccess", HTACCESS)
    writer.write("nginx-kg.conf", NGINX_CONF)
    return len(resources)
