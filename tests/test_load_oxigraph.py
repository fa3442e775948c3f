"""``kg load`` against a real triple store: an Oxigraph server (the PyPI package ``oxigraph``)
started on loopback for this module, loaded with the seed store, then asked every competency
query, whose answers must equal the embedded store's. Error handling (auth, retries, HTTP
failures) is checked against a mock transport."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import QUERIES
from serve_support import LOOPBACK, free_port, rows, wait_for_port

from kg.errors import KgError
from kg.load import load
from kg.query import run_query
from kg.serve.commands import load as load_command
from kg.store import open_store, read_quads

JSON_RESULTS = "application/sparql-results+json"


def _oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """An Oxigraph server on a free loopback port, its default graph the union of all graphs."""
    binary = _oxigraph_binary()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the oxigraph server is missing: pip install -e '.[test]'")
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"{LOOPBACK}:{port}",
         "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ask_server(url: str, sparql: str):
    response = httpx.get(f"{url}/query", params={"query": sparql},
                         headers={"Accept": JSON_RESULTS}, timeout=30)
    response.raise_for_status()
    return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)


def graph_count(url: str) -> int:
    result = ask_server(url, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(result))["n"].value)


def test_the_loaded_server_answers_every_competency_query_as_the_embedded_store(
        oxigraph, seed_store):
    report = load(seed_store, f"{oxigraph}/store", replace=True, progress=False)
    quads = read_quads(seed_store)
    assert report.triples == len(quads)
    assert report.graphs == graph_count(oxigraph) == len({q.graph_name for q in quads})
    embedded = open_store(seed_store)
    queries = sorted(QUERIES.glob("*.rq"))
    assert len(queries) >= 7
    for path in queries:
        sparql = path.read_text(encoding="utf-8")
        here = rows(run_query(embedded, sparql, source=str(path)))
        there = rows(ask_server(oxigraph, sparql))
        assert here == there, path.name
    # the seed answers the core questions: a comparison of empty answers would prove nothing
    answered = {p.stem for p in queries if rows(run_query(embedded, p.read_text()))}
    assert {"cq1-event", "cq2-sides", "cq3-casualty-claims", "cq4-evidence",
            "cq7-provenance"} <= answered


def test_replace_makes_loading_idempotent(oxigraph, seed_store):
    load(seed_store, f"{oxigraph}/store", replace=True, progress=False)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    first = next(iter(ask_server(oxigraph, count)))["n"].value
    load(seed_store, f"{oxigraph}/store", replace=True, progress=False)
    assert next(iter(ask_server(oxigraph, count)))["n"].value == first


def test_everything_can_go_into_one_named_graph(oxigraph, seed_store):
    target = "https://example.org/graphs/all-of-kg"
    report = load(seed_store, f"{oxigraph}/store", graph=target, replace=True, progress=False)
    assert report.graphs == 1
    result = ask_server(oxigraph, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}")
    distinct = {q.triple for q in read_quads(seed_store)}
    assert int(next(iter(result))["n"].value) == len(distinct)


def test_nquads_keep_the_graphs(oxigraph, seed_store):
    report = load(seed_store, f"{oxigraph}/store", nquads=True, replace=True, progress=False)
    assert report.triples == len(read_quads(seed_store))
    assert graph_count(oxigraph) >= report.graphs


def test_the_command_reports_what_it_loaded(oxigraph, seed_store):
    result = CliRunner().invoke(load_command, ["--store", str(seed_store), "--endpoint",
                                               f"{oxigraph}/store", "--replace"])
    assert result.exit_code == 0, result.output
    assert "loaded" in result.output


# --- failures, against a mock transport -------------------------------------------------------


def mock_client(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_refused_credentials_are_one_clear_error(seed_store):
    client = mock_client(lambda request: httpx.Response(401))
    with pytest.raises(KgError, match="refused the credentials .HTTP 401"):
        load(seed_store, "http://store.invalid/data", client=client, progress=False)


def test_transient_failures_are_retried_with_backoff(seed_store):
    answers = iter([httpx.Response(503), httpx.Response(429, headers={"Retry-After": "2"}),
                    httpx.Response(201)])
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        return next(answers, httpx.Response(201))

    delays: list[float] = []
    load(seed_store, "http://store.invalid/data", client=mock_client(handler),
         progress=False, sleep=delays.append, backoff=0.5)
    assert delays == [0.5, 2.0]
    assert len(seen) == 3


def test_connection_errors_are_retried_then_reported(seed_store):
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    delays: list[float] = []
    with pytest.raises(KgError, match="gave up after 4 attempts: ConnectError"):
        load(seed_store, "http://store.invalid/data", client=mock_client(handler),
             progress=False, retries=3, sleep=delays.append)
    assert delays == [0.5, 1.0, 2.0]


def test_other_http_errors_stop_with_the_servers_message(seed_store):
    client = mock_client(lambda request: httpx.Response(400, text="Bad Turtle\nat line 3"))
    with pytest.raises(KgError, match="failed: HTTP 400 Bad Request: Bad Turtle$"):
        load(seed_store, "http://store.invalid/data", client=client, progress=False)


def test_requests_follow_the_graph_store_protocol(seed_store):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    load(seed_store, "http://store.invalid/data", client=mock_client(handler), progress=False)
    assert seen and all(r.method == "POST" for r in seen)
    assert all(r.headers["content-type"] == "text/turtle" for r in seen)
    assert all(r.url.params.get("graph", "").startswith("https://") for r in seen)
    seen.clear()
    load(seed_store, "http://store.invalid/data", replace=True, client=mock_client(handler),
         progress=False)
    assert all(r.method == "PUT" for r in seen)


def test_bad_arguments_are_one_line_errors(seed_store, tmp_path):
    with pytest.raises(KgError, match="http:// or https://"):
        load(seed_store, "ftp://example.org/store")
    with pytest.raises(KgError, match="store is empty"):
        load(tmp_path / "nothing", "http://store.invalid/data")
    with pytest.raises(KgError, match="not an IRI"):
        load(seed_store, "http://store.invalid/data", graph="not an iri")


def test_a_progress_bar_only_when_asked_or_on_a_terminal(seed_store, capsys):
    client = mock_client(lambda request: httpx.Response(204))
    load(seed_store, "http://store.invalid/data", client=client)  # stderr is no terminal here
    assert capsys.readouterr().err == ""
    load(seed_store, "http://store.invalid/data", client=client, progress=True)
    assert "loading" in capsys.readouterr().err
