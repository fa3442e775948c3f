"""``kg publish``: the static site holds the same pages and descriptions as ``kg serve``, every
relative link in it leads to a file it wrote, and it never overwrites a folder it did not write."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from kg.errors import KgError
from kg.publish import publish
from kg.serve import create_app
from kg.serve.commands import publish as publish_command

EVENT = "event/battle-of-lere-2023"


@pytest.fixture(scope="module")
def site(seed_store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    report = publish(seed_store, out)
    assert report.resources > 50 and report.out == out
    return out


def test_every_resource_has_a_page_and_its_descriptions(site):
    for rel in (EVENT, "actor/mali", "place/lere", "claim/battle-of-lere-2023/1",
                "document/battle-of-lere-2023", "graph/battle-of-lere-2023", f"{EVENT}/side/1"):
        assert (site / rel / "index.html").is_file(), rel
        for suffix in (".ttl", ".jsonld", ".nt"):
            assert (site / f"{rel}{suffix}").is_file(), rel + suffix
    for name in ("index.html", "ns/index.html", "ns/kg.ttl", "ns/context.jsonld",
                 "dataset/index.html", "dataset.ttl", ".well-known/void", "dump.nq", "dump.ttl",
                 "static/style.css", ".htaccess", "nginx-kg.conf"):
        assert (site / name).is_file(), name


def test_descriptions_are_those_the_server_gives(site, seed_store):
    client = TestClient(create_app(seed_store))  # no lifespan: no SPARQL workers needed here
    for rel in (EVENT, "actor/mali", "claim/battle-of-lere-2023/1"):
        for suffix in (".ttl", ".nt"):
            assert (site / f"{rel}{suffix}").read_bytes() == client.get(f"/{rel}{suffix}").content


def test_every_relative_link_leads_to_a_written_file(site):
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 50
    checked = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'(?:href|src)="([^"]+)"', html):
            if re.match(r"[a-z]+:", href):
                continue  # external: https://…, mailto:…
            path, fragment = urldefrag(href)
            target = (page.parent / path).resolve() if path else page
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site)}: {href}"
            if fragment and target.name == "index.html" and "document" in target.parts:
                assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), href
            checked += 1
    assert checked > 1000


def test_pages_have_the_evidence_highlighted(site):
    event = (site / EVENT / "index.html").read_text(encoding="utf-8")
    assert "<mark>35 killed</mark>" in event
    assert 'href="../../static/style.css"' in event
    assert 'href="../../actor/mali/"' in event


def test_the_void_file_names_no_endpoint_but_the_dumps(site):
    triples = {q.triple for q in ox.parse(path=str(site / ".well-known" / "void"),
                                          format=ox.RdfFormat.TURTLE)}
    predicates = {t.predicate.value for t in triples}
    assert "http://rdfs.org/ns/void#sparqlEndpoint" not in predicates
    assert "http://rdfs.org/ns/void#dataDump" in predicates


def test_server_configuration_negotiates_content(site):
    htaccess = (site / ".htaccess").read_text()
    assert "RewriteRule ^(.+?)/?$ $1.ttl" in htaccess and "Vary Accept" in htaccess
    nginx = (site / "nginx-kg.conf").read_text()
    assert "map $http_accept $kg_suffix" in nginx and "try_files $kg_path$kg_suffix" in nginx


def test_publishing_again_replaces_the_site_but_never_a_foreign_folder(seed_store, tmp_path):
    out = tmp_path / "site"
    publish(seed_store, out)
    (out / "stale.html").write_text("old")
    result = CliRunner().invoke(publish_command, ["--store", str(seed_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    assert (out / "index.html").is_file()
    assert not (out / "stale.html").exists()
    assert not list(tmp_path.glob(".site.*"))  # no staging folder left behind
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(KgError, match="refusing to overwrite"):
        publish(seed_store, foreign)
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_an_empty_store_is_a_clear_error(tmp_path):
    with pytest.raises(KgError, match="store is empty"):
        publish(tmp_path / "nothing", tmp_path / "site")
