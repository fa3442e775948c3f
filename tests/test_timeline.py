"""Time: phases with local times resolved through the country's time zone, dated background
events, the timeline query, and the low/high estimates derived from the claims."""
from __future__ import annotations

import json

from kg.export import export
from kg.query import query

from conftest import QUERIES

KG = "https://w3id.org/conflict-kg/ns#"


def rows(store, sparql: str) -> list[dict]:
    data = json.loads(query(sparql, store=store, fmt="json"))
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_local_time_becomes_a_datetime_with_the_zone_offset(seed_store):
    nq = export("nq", store=seed_store, with_void=False).decode()
    # Mali keeps UTC all year: Africa/Bamako is +00:00, looked up through zoneinfo
    assert '"2023-09-17T01:30:00+00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in nq
    assert '"2023-09-18T02:00:00+00:00"' in nq and '"2023-09-18T03:00:00+00:00"' in nq


def test_timeline_is_in_order_with_phases_and_background(seed_store):
    found = rows(seed_store, (QUERIES / "timeline.rq").read_text(encoding="utf-8"))
    begins = [r["begin"] for r in found]
    assert begins == sorted(begins)
    labels = [r["label"] for r in found]
    assert any("Algiers Accords" in label for label in labels)
    assert any("Ber" in label and r["begin"] == "2023-08" for label, r in zip(labels, found))
    # "a few weeks later" after August 2023 is an interval, not a made-up day
    bourem = next(r for r in found if "Bourem" in r["label"])
    assert (bourem["begin"], bourem["end"]) == ("2023-08-08", "2023-09-12")
    # "Following the attack on Bourem, the CSp_PSD declared war …": after Bourem, before the
    # battle; the typo is not copied into the label
    war = next(r for r in found if "declared war" in r["label"])
    assert war["label"] == "The CSP-PSD declared war on the Malian junta"
    assert (war["begin"], war["end"]) == ("2023-08-08", "2023-09-17")
    battle = labels.index("Battle of Léré (2023)")
    attack = next(i for i, label in enumerate(labels) if "attacked two Malian military camps"
                  in label)
    assert battle < attack
    assert found[attack]["partOf"] == "Battle of Léré (2023)"
    assert "CSP-PSD" in found[attack]["actors"]


def test_estimates_bracket_the_claims_they_come_from(seed_store):
    found = rows(seed_store, f"""
        PREFIX kg: <{KG}> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?n ?low ?high (COUNT(DISTINCT ?claim) AS ?claims) WHERE {{
          ?e a kg:CasualtyEstimate ; kg:side/kg:sideNumber ?n ; kg:category kg:Killed ;
             kg:lowCount ?low ; prov:wasDerivedFrom ?claim .
          OPTIONAL {{ ?e kg:highCount ?high }} }} GROUP BY ?n ?low ?high ORDER BY ?n""")
    assert [(r["n"], r["low"], r.get("high"), r["claims"]) for r in found] == [
        ("1", "5", "35", "2"), ("2", "7", "33", "3")]
