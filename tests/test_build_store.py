"""The store: atomic, idempotent builds; bad input leaves it untouched; deterministic exports."""
from __future__ import annotations

import shutil

import pytest

from kg.build import build
from kg.errors import KgError
from kg.export import export
from kg.store import open_store

from conftest import ARTICLES, SEED


def quad_count(store) -> int:
    return len(list(open_store(store).quads_for_pattern(None, None, None)))


def test_rebuilding_replaces_the_graph_without_duplicates(fresh_store):
    build([SEED], store=fresh_store)
    first = export("nq", store=fresh_store, with_void=False)
    build([SEED], store=fresh_store)
    assert export("nq", store=fresh_store, with_void=False) == first
    assert len(first.splitlines()) == quad_count(fresh_store)


def test_documents_accumulate_and_are_replaced_one_by_one(fresh_store):
    build([SEED], store=fresh_store)
    seed_only = quad_count(fresh_store)
    build([ARTICLES / "ambush-at-tolu-pass.txt"], store=fresh_store)
    both = quad_count(fresh_store)
    assert both > seed_only
    build([SEED], store=fresh_store)
    assert quad_count(fresh_store) == both
    graphs = {g.value.rsplit("/", 1)[1] for g in open_store(fresh_store).named_graphs()}
    assert graphs == {"battle-of-lere-2023", "ambush-at-tolu-pass"}



def test_a_build_on_a_store_indexes_what_a_build_from_scratch_indexes(tmp_path):
    """Later builds start from the previous index and replace only their graphs: the result must
    hold the same statements as building everything at once, with an edited article replaced."""
    article = tmp_path / "articles" / "ambush.txt"
    article.parent.mkdir()
    text = (ARTICLES / "ambush-at-tolu-pass.txt").read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    step = tmp_path / "step"
    build([SEED], store=step)
    build([article], store=step)
    article.write_text(text.replace("killed", "dead", 1), encoding="utf-8")
    build([article], store=step)
    whole = tmp_path / "whole"
    build([SEED, article], store=whole)
    assert set(open_store(step)) == set(open_store(whole))
    assert export("nq", store=step) == export("nq", store=whole)

@pytest.mark.parametrize("content", [b"", b"no title line\n", b"= T =\n\n\xff\n",
                                     b"= T =\n\nInfobox\n- Date: 2020\nbroken line\n- X: y\n"])
def test_failed_build_leaves_the_store_as_it_was(fresh_store, tmp_path, content):
    build([SEED], store=fresh_store)
    before = export("nq", store=fresh_store)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(KgError) as info:
        build([SEED, bad], store=fresh_store)
    assert str(bad) in str(info.value)
    assert export("nq", store=fresh_store) == before


def test_missing_source_is_an_error(fresh_store, tmp_path):
    with pytest.raises(KgError, match="no such file"):
        build([tmp_path / "missing.txt"], store=fresh_store)
    assert open_store(fresh_store) is None


def test_two_builds_give_byte_identical_exports(tmp_path):
    outputs = []
    for run in ("a", "b"):
        store = tmp_path / run
        build([SEED, ARTICLES], store=store)
        outputs.append({fmt: export(fmt, store=store) for fmt in ("ttl", "nt", "nq", "trig",
                                                                   "jsonld")})
    assert outputs[0] == outputs[1]


def test_export_builds_seeds_on_an_empty_store(tmp_path, monkeypatch, seed_copy):
    monkeypatch.chdir(seed_copy.parent)
    data = export("ttl", store=tmp_path / "empty")
    assert b"Battle of L\xc3\xa9r\xc3\xa9" in data


def test_base_iri_is_configurable(tmp_path):
    store = tmp_path / "s"
    build([SEED], store=store, base_iri="https://example.org/data")
    nt = export("nt", store=store).decode()
    assert "<https://example.org/data/event/battle-of-lere-2023>" in nt
    assert "https://w3id.org/conflict-kg/id/" not in nt


def test_store_generations_are_swapped_not_piled_up(fresh_store):
    for _ in range(4):
        build([SEED], store=fresh_store)
    generations = sorted(p.name for p in fresh_store.glob("gen-*"))
    assert len(generations) == 2
    assert (fresh_store / "current").resolve().name == generations[-1]
    shutil.rmtree(fresh_store)


def test_one_label_per_entity_across_documents(tmp_path):
    """Two articles spell the same war differently: one IRI, one rdfs:label, the other name an
    altLabel — in whichever order they are built."""
    from kg.query import query

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("= Battle of A =\n\nInfobox\n- Partof: the Ostrian Civil War (2009–present)\n"
                     "- Date: 2020\n", encoding="utf-8")
    second.write_text("= Battle of B =\n\nInfobox\n- Partof: Ostrian civil war (2009–present)\n"
                      "- Date: 2021\n", encoding="utf-8")
    for order in ([first, second], [second, first]):
        store = tmp_path / f"s-{order[0].stem}"
        for source in order:
            build([source], store=store)
        out = query("""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?l ?alt WHERE { ?w rdfs:label ?l . OPTIONAL { ?w skos:altLabel ?alt }
            FILTER(CONTAINS(STR(?w), "ostrian-civil-war")) }""", store=store, fmt="csv")
        lines = out.decode().splitlines()[1:]
        assert len({line.split(",")[0] for line in lines}) == 1, lines


def test_an_actor_keeps_its_kind_across_documents(tmp_path):
    """Typed a person by her role in one article ("journalist Ana Petrova"), she stays a person
    where another article names her without the role — built together or one after the other."""
    from kg.query import query

    head = ("= {title} =\n\nInfobox\n- Place: Korvel, Ostria\n- Date: 4 March 2021\n"
            "- Combatant1: Ostria\n- Combatant2: Velmar Liberation Front\n\n{lead}\n")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(head.format(title="Battle of Korvel", lead=(
        "Radio Korvel claimed that the Velmar Liberation Front had seized control of Korvel, but "
        "journalist Ana Petrova denied this.")), encoding="utf-8")
    second.write_text(head.format(title="Siege of Korvel", lead=(
        "Ana Petrova reported that the Velmar Liberation Front had entered Korvel.")),
        encoding="utf-8")
    for name, batches in (("together", [[first, second]]), ("apart", [[first], [second]])):
        store = tmp_path / name
        for batch in batches:
            build(batch, store=store)
        kinds = query("""PREFIX kg: <https://w3id.org/conflict-kg/ns#>
            SELECT DISTINCT ?t WHERE { <https://w3id.org/conflict-kg/id/actor/ana-petrova> a ?t
            FILTER(STRSTARTS(STR(?t), STR(kg:)) && ?t != kg:Actor) }""", store=store, fmt="csv")
        assert kinds.decode().split()[1:] == ["https://w3id.org/conflict-kg/ns#Person"], name
