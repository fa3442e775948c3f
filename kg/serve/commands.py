"""The ``kg serve``, ``kg load`` and ``kg publish`` commands: parse arguments, call the library.

``kg/cli.py`` registers them with ``main.add_command(...)``; this module imports nothing heavy
at import time, so that every other ``kg`` command stays quick to start.
"""
from __future__ import annotations

import socket
import sys

import click

from kg.errors import KgError

__all__ = ["load", "publish", "serve"]

_STORE = click.option("--store", "store", type=click.Path(file_okay=False), default=None,
                      envvar="KG_STORE", help="Store folder (default .kg/, env KG_STORE).")
_BASE = click.option("--base-iri", envvar="KG_BASE_IRI", default=None,
                     help="Base of the instance IRIs (env KG_BASE_IRI; default: the base the "
                          "store was built with).")


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, opened here so that a busy port is one clear line."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise KgError(f"cannot resolve host {host}: {exc.strerror}") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise KgError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    return sock


@click.command()
@_STORE
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback unless you mean to publish).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@_BASE
@click.option("--query-timeout", type=click.FloatRange(min=0.1), default=10.0,
              show_default=True, help="Seconds a SPARQL query may run before it is stopped.")
@click.option("--max-results", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Most rows (or triples) a SPARQL answer may hold.")
def serve(store: str | None, host: str, port: int, base_iri: str | None,
          query_timeout: float, max_results: int) -> None:
    """Serve the graph: linked-data pages, content negotiation and a SPARQL endpoint."""
    import uvicorn

    from kg.serve.app import create_app
    from kg.serve.graph import generation_key
    from kg.store import store_path

    path = store_path(store)
    if generation_key(path) is None:
        click.echo(f"kg: the store {path} is empty; pages answer 503 until `kg build`", err=True)
    app = create_app(path, base_iri, query_timeout=query_timeout, max_results=max_results)
    sock = _listen(host, port)
    bound_port = sock.getsockname()[1]
    click.echo(f"kg: serving {path} at http://{host}:{bound_port}/ "
               f"(SPARQL at /sparql); Ctrl-C stops", err=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    server.run(sockets=[sock])


@click.command()
@_STORE
@click.option("--endpoint", required=True,
              help="SPARQL 1.1 Graph Store Protocol URL, e.g. http://localhost:7878/store.")
@click.option("--graph-per-document", is_flag=True,
              help="One named graph per source document (the default).")
@click.option("--graph", "graph", default=None, metavar="IRI",
              help="Load everything into this one named graph instead.")
@click.option("--nquads", is_flag=True,
              help="Send the dataset as N-Quads to the endpoint itself (keeps the graphs).")
@click.option("--replace", is_flag=True, help="Replace the target graphs instead of adding.")
@click.option("--user", envvar="KG_LOAD_USER", default=None,
              help="User for HTTP Basic authentication (env KG_LOAD_USER).")
@click.option("--password", envvar="KG_LOAD_PASSWORD", default=None,
              help="Password (env KG_LOAD_PASSWORD; asked for on a terminal if missing).")
def load(store: str | None, endpoint: str, graph_per_document: bool, graph: str | None,
         nquads: bool, replace: bool, user: str | None, password: str | None) -> None:
    """Push the graph to a triple store over the SPARQL 1.1 Graph Store Protocol."""
    from kg.load import load as run_load

    if graph_per_document and graph is not None:
        raise KgError("--graph-per-document and --graph exclude each other")
    if user is not None and password is None:
        if not sys.stdin.isatty():
            raise KgError("--user needs --password (or KG_LOAD_PASSWORD)")
        password = click.prompt("password", hide_input=True, err=True)
    auth = (user, password) if user is not None else None
    report = run_load(store, endpoint, graph=graph, replace=replace, nquads=nquads, auth=auth)
    click.echo(f"kg: loaded {report.triples} triples in {report.graphs} graph(s) into "
               f"{report.endpoint} ({report.requests} request(s))", err=True)


@click.command()
@_STORE
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the site into (replaced if kg wrote it before).")
@_BASE
def publish(store: str | None, out: str, base_iri: str | None) -> None:
    """Write a static copy of the site: pages, per-resource Turtle and JSON-LD, VoID, dumps."""
    from kg.publish import publish as run_publish

    report = run_publish(store, out, base_iri)
    click.echo(f"kg: wrote {report.resources} resources ({report.files} files) to "
               f"{report.out}", err=True)
