"""The HTTP face of ``kg serve``: dereferenceable IRIs with content negotiation, the HTML pages,
the SPARQL 1.1 Protocol with its limits, the VoID description and the ontology, all through
Starlette's TestClient (no socket is opened)."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ARTICLES, QUERIES, SEED
from pyld import jsonld
from serve_support import rows
from starlette.testclient import TestClient

from kg import vocab as V
from kg.build import build
from kg.serve import create_app
from kg.store import read_quads, write_graphs

BASE = "https://w3id.org/conflict-kg/id/"
EVENT = "event/battle-of-lere-2023"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
JSON_RESULTS = "application/sparql-results+json"


@pytest.fixture(scope="module")
def client(seed_store: Path):
    with TestClient(create_app(seed_store)) as c:
        yield c


@pytest.fixture(scope="module")
def strict(seed_store: Path):
    """A server with tight limits: 1.5 s per query, at most 5 results, one worker."""
    with TestClient(create_app(seed_store, query_timeout=1.5, max_results=5,
                               query_workers=1)) as c:
        yield c


def parse_rdf(body: bytes, media: str) -> set[ox.Triple]:
    if media == "application/ld+json":
        nquads = jsonld.to_rdf(json.loads(body), {"format": "application/n-quads"})
        body, media = nquads.encode(), "application/n-quads"
    fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
           "application/n-quads": ox.RdfFormat.N_QUADS}[media]
    return {q.triple for q in ox.parse(body, format=fmt)}


def iri(rel: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + rel)


def term(value: object) -> ox.NamedNode:
    return ox.NamedNode(str(value))


# --- dereferencing and content negotiation -----------------------------------------------------


@pytest.mark.parametrize(("accept", "media"), [
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("text/html", "text/html"),
    (BROWSER, "text/html"),
    ("*/*", "text/turtle"),
    (None, "text/turtle"),
    ("text/turtle;q=0.2, application/ld+json;q=0.9", "application/ld+json"),
    ("text/html;q=0.1, text/turtle", "text/turtle"),
    ("application/*", "application/ld+json"),
])
def test_an_event_iri_negotiates_its_representation(client, accept, media):
    headers = {"Accept": accept} if accept else {}
    response = client.get(f"/{EVENT}", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "Accept" in response.headers["vary"]


def test_nothing_acceptable_is_406(client):
    response = client.get(f"/{EVENT}", headers={"Accept": "image/png"})
    assert response.status_code == 406


@pytest.mark.parametrize(("suffix", "media"), [
    (".ttl", "text/turtle"), (".jsonld", "application/ld+json"),
    (".nt", "application/n-triples"), (".html", "text/html"),
])
def test_a_suffix_chooses_the_format_whatever_the_accept_header(client, suffix, media):
    response = client.get(f"/{EVENT}{suffix}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media


def test_every_format_carries_the_same_description(client):
    graphs = []
    for media in ("text/turtle", "application/ld+json", "application/n-triples"):
        body = client.get(f"/{EVENT}", headers={"Accept": media}).content
        graphs.append(parse_rdf(body, media))
    assert graphs[0] == graphs[1] == graphs[2]


def test_an_event_description_holds_its_claims_their_evidence_and_labels(client, seed_store):
    triples = parse_rdf(client.get(f"/{EVENT}.ttl").content, "text/turtle")
    event = iri(EVENT)
    claims = {t.subject for t in triples if t.predicate == term(V.KG.event) and t.object == event}
    assert len(claims) >= 5
    evidence = {t.object for t in triples if t.predicate == term(V.KG.evidence)
                and t.subject in claims}
    assert evidence and all(
        any(t.subject == e and t.predicate == term(V.OA.hasSelector) for t in triples)
        for e in evidence)
    exacts = {t.object.value for t in triples if t.predicate == term(V.OA.exact)}
    assert "35 killed" in exacts
    labelled = {t.subject for t in triples if t.predicate == term(V.RDFS.label)}
    assert iri("actor/mali") in labelled  # linked resources arrive with their labels
    # the description says exactly what the store says: datatypes are not canonicalised
    stored = {q.triple for q in read_quads(seed_store)}
    assert triples <= stored


@pytest.mark.parametrize("rel", [
    "actor/mali", "place/lere", "claim/battle-of-lere-2023/1", "document/battle-of-lere-2023",
    "graph/battle-of-lere-2023", f"{EVENT}/side/1",
])
def test_every_kind_of_instance_iri_dereferences(client, rel):
    for accept, media in (("text/turtle", "text/turtle"), ("text/html", "text/html")):
        response = client.get(f"/{rel}", headers={"Accept": accept})
        assert response.status_code == 200, rel
        assert response.headers["content-type"].startswith(media)
        assert "Accept" in response.headers["vary"]


def test_evidence_iris_dereference(client):
    turtle = client.get(f"/{EVENT}.ttl").text
    evidence = next(line for line in turtle.split() if "/evidence/" in line).strip("<>;,.")
    rel = evidence[len(BASE):]
    response = client.get(f"/{rel}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "<mark>" in response.text


def test_a_named_graph_iri_gives_the_whole_graph(client, seed_store):
    triples = parse_rdf(client.get("/graph/battle-of-lere-2023.nt").content,
                        "application/n-triples")
    assert triples == {q.triple for q in read_quads(seed_store)}


@pytest.mark.parametrize("path", ["/event/no-such-battle", "/actor/nobody.ttl", "/nowhere/at/all"])
def test_unknown_iris_are_404(client, path):
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")
    page = client.get(path, headers={"Accept": BROWSER})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Not found" in page.text


def test_a_trailing_slash_redirects_to_the_iri(client):
    response = client.get(f"/{EVENT}/", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"].endswith(f"/{EVENT}")


def test_an_unchanged_resource_answers_304(client):
    first = client.get(f"/{EVENT}.ttl")
    again = client.get(f"/{EVENT}.ttl", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_the_base_path_maps_onto_the_same_iris(client):
    local = client.get(f"/{EVENT}.ttl").content
    public = client.get(f"/conflict-kg/id/{EVENT}.ttl").content
    assert local == public


def test_a_configured_base_iri_is_served_under_the_local_root(tmp_path):
    base = "https://data.example.org/kg/id/"
    store = tmp_path / "store"
    build([SEED], store=store, base_iri=base)
    for configured in (base, None):  # given, or read off the store
        with TestClient(create_app(store, base_iri=configured)) as c:
            for path in (f"/{EVENT}", f"/kg/id/{EVENT}"):
                response = c.get(path, headers={"Accept": "text/turtle"})
                assert response.status_code == 200
                assert f"<{base}{EVENT}>" in response.text


def test_a_new_build_is_served_without_a_restart(tmp_path):
    store = tmp_path / "store"
    build([SEED], store=store)
    with TestClient(create_app(store)) as c:
        assert c.get("/event/ambush-at-tolu-pass.ttl").status_code == 404
        build([ARTICLES / "ambush-at-tolu-pass.txt"], store=store)
        assert c.get(f"/{EVENT}.ttl").status_code == 200
        found = c.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?d a "
                                                  f"<{V.KG.SourceDocument}> }}"},
                      headers={"Accept": "text/csv"})
        assert found.text.splitlines()[1] == "2"


def test_an_empty_store_answers_503(tmp_path):
    with TestClient(create_app(tmp_path / "nothing")) as c:
        assert c.get(f"/{EVENT}").status_code == 503
        assert c.get("/sparql", params={"query": "ASK {}"}).status_code == 503


# --- HTML pages -------------------------------------------------------------------------------


def test_the_home_page_lists_the_events(client):
    page = client.get("/", headers={"Accept": BROWSER})
    assert page.status_code == 200
    assert f'href="/{EVENT}"' in page.text
    assert "Battle of Léré (2023)" in page.text
    assert "2023-09-17" in page.text


def test_the_event_page_shows_claims_side_by_side_with_highlighted_quotes(client):
    page = client.get(f"/{EVENT}", headers={"Accept": BROWSER}).text
    assert '<table class="claims">' in page
    assert "<mark>35 killed</mark>" in page and "<mark>5 killed</mark>" in page
    assert 'href="/actor/mali"' in page and 'href="/place/lere"' in page
    assert "Side 1" in page and "Side 2" in page
    assert "several dozen" in page  # a vague amount, as written


def test_pages_link_to_each_other(client):
    actor = client.get("/actor/mali", headers={"Accept": BROWSER}).text
    assert f'href="/{EVENT}"' in actor and 'href="/claim/battle-of-lere-2023/' in actor
    claim_href = actor.split('href="/claim/', 1)[1].split('"', 1)[0]
    claim = client.get(f"/claim/{claim_href}", headers={"Accept": BROWSER}).text
    assert f'href="/{EVENT}"' in claim and 'href="/document/battle-of-lere-2023#ev-' in claim
    document = client.get("/document/battle-of-lere-2023", headers={"Accept": BROWSER}).text
    assert document.count("<mark") >= 10
    assert 'id="ev-' in document


def test_article_text_is_html_escaped(tmp_path):
    """Text from articles (labels, quotes) must never become markup."""
    hostile = "<script>alert(1)</script> & <b>bold</b>"
    g = iri("graph/hostile")
    event, doc, ev = iri("event/hostile"), iri("document/hostile"), iri("evidence/hostile/0-8")
    quote = iri("evidence/hostile/0-8/quote")
    position = iri("evidence/hostile/0-8/position")

    def q(s, p, o):
        return ox.Quad(s, term(p), o, g)

    count = ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
    quads = [
        q(doc, V.RDF.type, term(V.KG.SourceDocument)), q(doc, V.DCTERMS.title, ox.Literal(hostile)),
        q(event, V.RDF.type, term(V.KG.Event)),
        q(event, V.RDFS.label, ox.Literal(hostile, language="en")),
        q(event, V.KG.evidence, ev), q(ev, V.RDF.type, term(V.OA.SpecificResource)),
        q(ev, V.OA.hasSource, doc), q(ev, V.OA.hasSelector, quote), q(ev, V.OA.hasSelector, position),
        q(quote, V.RDF.type, term(V.OA.TextQuoteSelector)),
        q(quote, V.OA.exact, ox.Literal("<script>")),
        q(quote, V.OA.suffix, ox.Literal("alert(1)</script>")),
        q(position, V.RDF.type, term(V.OA.TextPositionSelector)),
        q(position, V.OA.start, ox.Literal("0", datatype=count)),
        q(position, V.OA.end, ox.Literal("8", datatype=count)),
    ]
    write_graphs(tmp_path / "store", {g: quads})
    with TestClient(create_app(tmp_path / "store")) as c:
        for path in ("/", "/event/hostile", "/document/hostile", "/evidence/hostile/0-8"):
            page = c.get(path, headers={"Accept": BROWSER}).text
            assert "<script>" not in page and "<b>bold" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in c.get(
            "/event/hostile", headers={"Accept": BROWSER}).text


def test_the_stylesheet_is_served(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


# --- SPARQL 1.1 Protocol ----------------------------------------------------------------------

SELECT = (f"SELECT ?e ?label WHERE {{ ?e a <{V.KG.Event}> ; <{V.RDFS.label}> ?label }} "
          "ORDER BY ?e")


@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_queries_arrive_by_get_form_or_body(client, how):
    headers = {"Accept": JSON_RESULTS}
    if how == "get":
        response = client.get("/sparql", params={"query": SELECT}, headers=headers)
    elif how == "form":
        response = client.post("/sparql", data={"query": SELECT}, headers=headers)
    else:
        response = client.post("/sparql", content=SELECT.encode(),
                               headers={**headers, "Content-Type": "application/sparql-query"})
    assert response.status_code == 200
    labels = {b["label"]["value"] for b in response.json()["results"]["bindings"]}
    assert "Battle of Léré (2023)" in labels


@pytest.mark.parametrize(("accept", "media", "fmt"), [
    (None, JSON_RESULTS, ox.QueryResultsFormat.JSON),
    ("*/*", JSON_RESULTS, ox.QueryResultsFormat.JSON),
    (JSON_RESULTS, JSON_RESULTS, ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", "application/sparql-results+xml",
     ox.QueryResultsFormat.XML),
    ("text/csv", "text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_results_come_in_every_format(client, accept, media, fmt):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": SELECT}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "Accept" in response.headers["vary"]
    if fmt != ox.QueryResultsFormat.CSV:  # CSV loses term kinds, the others round-trip
        parsed = ox.parse_query_results(response.content, format=fmt)
        reference = client.get("/sparql", params={"query": SELECT},
                               headers={"Accept": JSON_RESULTS}).content
        assert rows(parsed) == rows(ox.parse_query_results(reference,
                                                           format=ox.QueryResultsFormat.JSON))
    else:
        assert response.text.splitlines()[0] == "e,label"


def test_ask_answers_true_or_false(client):
    yes = client.get("/sparql", params={"query": f"ASK {{ ?e a <{V.KG.Event}> }}"})
    assert yes.json()["boolean"] is True
    no = client.get("/sparql", params={"query": "ASK { ?s <urn:nothing> ?o }"},
                    headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>false</boolean>" in no.text


@pytest.mark.parametrize(("accept", "media"), [
    (None, "text/turtle"), ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
])
def test_construct_and_describe_return_graphs(client, accept, media):
    headers = {"Accept": accept} if accept else {}
    construct = f"CONSTRUCT {{ ?e <{V.RDFS.label}> ?l }} WHERE {{ ?e a <{V.KG.Event}> ; <{V.RDFS.label}> ?l }}"
    response = client.get("/sparql", params={"query": construct}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    labels = {t.object.value for t in parse_rdf(response.content, media)}
    assert "Battle of Léré (2023)" in labels
    describe = client.get("/sparql", params={"query": f"DESCRIBE <{BASE}{EVENT}>"},
                          headers=headers)
    assert describe.status_code == 200
    assert iri(EVENT) in {t.subject for t in parse_rdf(describe.content, media)}


def test_the_default_graph_is_the_union_of_the_documents(client):
    response = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                          headers={"Accept": "text/csv"})
    assert int(response.text.splitlines()[1]) > 100


@pytest.mark.parametrize("query_file", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_every_competency_query_answers_in_json(client, query_file):
    response = client.get("/sparql", params={"query": query_file.read_text(encoding="utf-8")},
                          headers={"Accept": JSON_RESULTS})
    assert response.status_code == 200, response.text
    assert "results" in response.json()


def test_updates_are_refused(client):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    answers = [
        client.get("/sparql", params={"update": update}),
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", content=update.encode(),
                    headers={"Content-Type": "application/sparql-update"}),
    ]
    for response in answers:
        assert response.status_code == 403
        assert "read-only" in response.text
    sneaked = client.get("/sparql", params={"query": update})  # not a query: a syntax error
    assert sneaked.status_code == 400
    gone = client.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"})
    assert gone.json()["boolean"] is False


def test_a_malformed_query_is_400_with_the_parser_message(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert response.text.startswith("invalid SPARQL")
    assert len(response.text.strip().splitlines()) == 1


def test_protocol_errors_are_clear(client):
    assert client.get("/sparql").status_code == 400
    assert client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"}
                       ).status_code == 415
    assert client.get("/sparql", params={"query": SELECT, "default-graph-uri": "urn:g"}
                      ).status_code == 400
    form = client.get("/sparql", headers={"Accept": BROWSER})
    assert form.status_code == 200 and "<form" in form.text


def test_the_query_form_shows_results_as_a_table(client):
    page = client.get("/sparql", params={"query": SELECT}, headers={"Accept": BROWSER})
    assert page.status_code == 200
    assert '<table class="results">' in page.text and "Battle of Léré (2023)" in page.text


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_query_over_the_time_limit_is_stopped_with_503(strict):
    response = strict.get("/sparql", params={"query": SLOW})
    assert response.status_code == 503
    assert "1.5 s limit" in response.text
    # the runaway worker was replaced: the endpoint answers the next query
    after = strict.get("/sparql", params={"query": "ASK {}"})
    assert after.status_code == 200 and after.json()["boolean"] is True


def test_results_over_the_size_limit_are_refused(strict):
    many = strict.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert many.status_code == 400
    assert "more than 5 results" in many.text
    graph = strict.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert graph.status_code == 400
    five = strict.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert five.status_code == 200
    assert len(five.json()["results"]["bindings"]) == 5


# --- dataset description and ontology ---------------------------------------------------------


def test_void_describes_the_dataset(client, seed_store):
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = parse_rdf(response.content, "text/turtle")
    dataset = iri("dataset")

    def values(p):
        return {t.object for t in triples if t.subject == dataset and t.predicate == term(p)}

    assert {term(V.VOID.Dataset), term(V.DCAT.Dataset)} <= values(V.RDF.type)
    stored = {q.triple for q in read_quads(seed_store)}
    assert int(next(iter(values(V.VOID.triples))).value) == len(stored)
    assert int(next(iter(values(V.VOID.entities))).value) > 50
    assert int(next(iter(values(V.VOID.distinctSubjects))).value) > 50
    assert values(V.DCTERMS.license) == {ox.NamedNode("https://creativecommons.org/licenses/by-sa/4.0/")}
    assert values(V.VOID.sparqlEndpoint) == {iri("sparql")}
    assert iri(EVENT) in values(V.VOID.exampleResource)
    assert term(V.PREFIXES["kg"]) in values(V.VOID.vocabulary)
    assert values(V.VOID.subset) == {iri("graph/battle-of-lere-2023")}
    assert len(values(V.DCAT.distribution)) == 5
    assert client.get("/dataset.ttl").content == response.content
    assert client.get("/dataset", headers={"Accept": BROWSER}).status_code == 200


def test_dumps_hold_every_statement(client, seed_store):
    dump = client.get("/dump.nq")
    assert dump.headers["content-type"].startswith("application/n-quads")
    assert set(ox.parse(dump.content, format=ox.RdfFormat.N_QUADS)) == set(read_quads(seed_store))
    assert client.get("/dump.xyz").status_code == 404


def test_the_ontology_is_served_as_html_and_turtle(client):
    page = client.get("/ns", headers={"Accept": BROWSER})
    assert page.status_code == 200 and 'id="CasualtyClaim"' in page.text
    assert 'id="Killed"' in page.text and 'id="contradicts"' in page.text
    turtle = client.get("/ns", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    ontology = parse_rdf(turtle.content, "text/turtle")
    assert any(t.subject == term(V.KG.CasualtyClaim) for t in ontology)
    assert client.get("/conflict-kg/ns", headers={"Accept": BROWSER}).text == page.text
    context = client.get("/ns/context.jsonld")
    assert "@context" in context.json()


def test_event_links_to_categories_point_at_the_ontology_page(client):
    page = client.get(f"/{EVENT}", headers={"Accept": BROWSER}).text
    assert 'href="/ns#Killed"' in page


def test_head_requests_are_answered(client):
    response = client.head(f"/{EVENT}", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize("module", ["kg.serve.negotiate", "kg.serve.graph", "kg.serve.views",
                                    "kg.void"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    failures, tried = doctest.testmod(importlib.import_module(module))
    assert tried > 0 and failures == 0
