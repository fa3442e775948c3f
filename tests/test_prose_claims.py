"""Claims in the prose: attributed figures, their dates, merging with the infobox, contradictions,
non-numeric claims and their disputes — on the seed through SPARQL, and on small articles that
vary the phrasing."""
from __future__ import annotations

import json

import pytest

from kg.build import build
from kg.query import query

from conftest import QUERIES

PREFIXES = """PREFIX kg: <https://w3id.org/conflict-kg/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


def rows(store, sparql: str) -> list[dict]:
    data = json.loads(query(PREFIXES + sparql, store=store, fmt="json"))
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def figures(store) -> set[tuple]:
    found = rows(store, """
        SELECT ?claim ?n ?cat ?count ?text ?who ?date WHERE {
          ?claim a kg:CasualtyClaim ; kg:category ?cat .
          OPTIONAL { ?claim kg:side/kg:sideNumber ?n } OPTIONAL { ?claim kg:count ?count }
          OPTIONAL { ?claim kg:quantityText ?text }
          OPTIONAL { ?claim prov:wasAttributedTo/rdfs:label ?who }
          OPTIONAL { ?claim kg:claimDate ?date } }""")
    return {(r.get("n"), r["cat"].rsplit("#")[1], r.get("count") or r.get("text"), r.get("who"),
             r.get("date")) for r in found}


def test_seed_prose_figures_with_claimant_and_date(seed_store):
    found = figures(seed_store)
    assert ("2", "KilledOrInjured", "30", "Malian Armed Forces", "2023-09-18") in found
    assert ("2", "Killed", "7", "Malian Armed Forces", "2023-09-18") in found
    assert ("1", "VehiclesCaptured", "several", "CSP-PSD", None) in found
    # "~30 killed" (infobox) and "thirty men killed or injured" (prose) stay apart
    assert any(f[:3] == ("2", "Killed", "30") for f in found)


def test_seed_prose_repeats_are_second_evidences(seed_store):
    quotes = rows(seed_store, """
        SELECT ?exact WHERE { ?c a kg:CasualtyClaim ; kg:count 5 ; kg:evidence/oa:hasSelector/oa:exact ?exact }""")
    assert {r["exact"] for r in quotes} == {"5 killed", "deaths of five Malian soldiers"}


def test_seed_contradictions_both_ways(seed_store):
    found = rows(seed_store, (QUERIES / "cq5-contradictions.rq").read_text())
    assert {(r["aCount"], r["bCount"]) for r in found} >= {("5", "35")} or \
        {(r["bCount"], r["aCount"]) for r in found} >= {("5", "35")}
    one_way = rows(seed_store, """SELECT ?a ?b WHERE { ?a kg:contradicts ?b
        FILTER NOT EXISTS { ?b kg:contradicts ?a } }""")
    assert one_way == []


def test_seed_disputed_claims(seed_store):
    found = rows(seed_store, (QUERIES / "cq6-disputed-claims.rq").read_text())
    by_claimant = {r["claimantLabel"]: r for r in found}
    rfi = by_claimant["RFI"]
    assert rfi["s"].endswith("/actor/csp-psd") and rfi["p"].endswith("#seized")
    assert rfi["o"].endswith("/place/lere") and rfi["disputerLabel"] == "Wassim Nasr"
    plane = by_claimant["CSP-PSD"]
    assert plane["p"].endswith("#destroyed") and "L-39" in plane["o"]
    assert plane["disputerLabel"] == "Malian Armed Forces"
    kinds = rows(seed_store, """SELECT ?t WHERE {
        <https://w3id.org/conflict-kg/id/actor/wassim-nasr> a ?t }""")
    assert "https://w3id.org/conflict-kg/ns#Person" in {r["t"] for r in kinds}


ARTICLE = """= Battle of Dunmere =

Infobox
- Conflict: Battle of Dunmere
- Place: Dunmere, Ostria
- Date: 4 March 2021
- Combatant1: Ostria
- Combatant2: Velmar Liberation Front
- Casualties1: 12 killed (per Ostria)
- Casualties2: 40 killed (per Ostria)

The Velmar Liberation Front (VLF) attacked Dunmere on 4 March 2021.

== Aftermath ==
{prose}
"""


@pytest.mark.parametrize("prose, expected", [
    ("According to the VLF, nine Ostrian soldiers were killed.",
     ("1", "Killed", "9", "Velmar Liberation Front")),
    ("The VLF stated that twenty soldiers had been wounded by its fighters.",
     ("1", "Injured", "20", "Velmar Liberation Front")),
    ("Ostria said that it had killed 55 militants, and the VLF claimed it lost six fighters.",
     ("2", "Killed", "55", "Ostria")),
    ("Ostria said that it had killed 55 militants, and the VLF claimed it lost six fighters.",
     ("2", "Killed", "6", "Velmar Liberation Front")),
    ("The VLF published a statement. They also claimed that three Ostrian soldiers were captured.",
     ("1", "Captured", "3", "Velmar Liberation Front")),
])
def test_prose_phrasings(tmp_path, prose, expected):
    article = tmp_path / "battle-of-dunmere.txt"
    article.write_text(ARTICLE.format(prose=prose), encoding="utf-8")
    store = tmp_path / "s"
    build([article], store=store)
    assert expected in {f[:4] for f in figures(store)}


def test_repeated_figure_by_the_same_claimant_is_one_claim(tmp_path):
    article = tmp_path / "battle-of-dunmere.txt"
    article.write_text(ARTICLE.format(prose="Ostria said twelve soldiers were killed."),
                       encoding="utf-8")
    store = tmp_path / "s"
    build([article], store=store)
    twelve = [f for f in figures(store) if f[:3] == ("1", "Killed", "12")]
    assert len(twelve) == 1


def test_non_numeric_claim_and_dispute(tmp_path):
    prose = ("Radio Dunmere claimed that the VLF had seized control of the town of Dunmere, but "
             "journalist Ana Petrova denied this.")
    article = tmp_path / "battle-of-dunmere.txt"
    article.write_text(ARTICLE.format(prose=prose), encoding="utf-8")
    store = tmp_path / "s"
    build([article], store=store)
    found = rows(store, (QUERIES / "cq6-disputed-claims.rq").read_text())
    assert [(r["claimantLabel"], r["p"].rsplit("#")[1], r["o"].rsplit("/")[-1],
             r["disputerLabel"]) for r in found] == [("Radio Dunmere", "seized", "dunmere",
                                                       "Ana Petrova")]
