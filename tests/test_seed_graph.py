"""The seed article end to end: every competency query answers, and the answers are the facts
of the article (checked against the text, not against our own output)."""
from __future__ import annotations

import json

import pytest

from kg.query import query

from conftest import QUERIES, SEED

TEXT = SEED.read_text(encoding="utf-8")


def rows(store, sparql: str) -> list[dict]:
    data = json.loads(query(sparql, store=store, fmt="json"))
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def run_cq(store, name: str) -> list[dict]:
    return rows(store, (QUERIES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(p.name for p in QUERIES.glob("cq*.rq")))
def test_every_competency_query_runs(seed_store, name):
    run_cq(seed_store, name)


def test_cq1_event(seed_store):
    found = run_cq(seed_store, "cq1-event.rq")
    assert len({r["event"] for r in found}) == 1
    for column, value in [("title", "Battle of Léré (2023)"), ("begin", "2023-09-17"),
                          ("end", "2023-09-17"), ("placeLabel", "Léré"), ("countryLabel", "Mali"),
                          ("warLabel", "Mali War"), ("result", "CSP-PSD victory")]:
        assert {r.get(column) for r in found} == {value}, column


def test_cq2_sides_and_coalitions(seed_store):
    found = run_cq(seed_store, "cq2-sides.rq")
    side1 = {r["actorLabel"] for r in found if r["n"] == "1"}
    side2 = {r["actorLabel"]: r for r in found if r["n"] == "2"}
    assert side1 == {"Mali"}
    assert {"MNLA", "HCUA", "MAA"} <= set(side2)
    assert any(label.startswith("GATIA") for label in side2)
    assert "CMA" in side2["MNLA"]["memberOf"]
    assert all("px" not in label and "|" not in label for label in side1 | set(side2))


def claim_table(store):
    out = set()
    for r in run_cq(store, "cq3-casualty-claims.rq"):
        quantity = r.get("count") or r.get("quantityText") or f"{r.get('min')}-{r.get('max')}"
        out.add((r.get("n"), r["category"].rsplit("#", 1)[1], quantity, r.get("claimantLabel")))
    return out


def test_cq3_infobox_figures_keep_their_claimants(seed_store):
    claims = claim_table(seed_store)
    for expected in [("1", "Killed", "5", "Mali"), ("1", "Killed", "35", "CSP-PSD"),
                     ("1", "Injured", "several dozen", "CSP-PSD"),
                     ("1", "AircraftDestroyed", "1", "CSP-PSD"), ("1", "Captured", "6", "CSP-PSD"),
                     ("2", "Killed", "30", "Mali"), ("2", "VehiclesDestroyed", "8", "Mali"),
                     ("2", "Injured", "12", "CSP-PSD")]:
        assert expected in claims


def test_cq4_every_evidence_points_at_its_quote(seed_store):
    found = run_cq(seed_store, "cq4-evidence.rq")
    assert len(found) > 20
    for r in found:
        assert TEXT[int(r["start"]):int(r["end"])] == r["exact"]


def test_cq7_provenance(seed_store):
    (row,) = run_cq(seed_store, "cq7-provenance.rq")
    assert row["graph"].endswith("/graph/battle-of-lere-2023")
    assert row["agentLabel"].startswith("kg ")


def test_no_http_schema_org(seed_store):
    from kg.export import export

    assert b"http://schema.org/" not in export("nt", store=seed_store)


def test_one_label_per_entity(seed_store):
    found = rows(seed_store, """
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?s (COUNT(DISTINCT ?l) AS ?n) WHERE { ?s rdfs:label ?l } GROUP BY ?s
        HAVING (COUNT(DISTINCT ?l) > 1)""")
    assert found == []
