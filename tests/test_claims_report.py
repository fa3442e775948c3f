"""`kg claims`: the competing figures of an event side by side, with claimant, date and quotes."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.claims import COLUMNS, category_label, claims_table, render, render_value
from kg.claims_cli import claims as claims_command
from kg.errors import KgError
from kg.store import open_store

EVENT_IRI = "https://w3id.org/conflict-kg/id/event/battle-of-lere-2023"


@pytest.fixture(scope="module")
def store(seed_store) -> Path:
    """The seed article's store, shared with the other tests (read-only)."""
    return seed_store


@pytest.fixture(scope="module")
def db(store):
    return open_store(store)


def _block(text: str, start: str, stop_prefix: str = "  ") -> list[str]:
    """The lines from the one starting with ``start`` up to the next line that begins a new group
    at the same level (a line starting with ``stop_prefix`` but no deeper)."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    block = [lines[first]]
    for line in lines[first + 1:]:
        if not line or (line.startswith(stop_prefix) and not line.startswith(stop_prefix + " ")):
            break
        block.append(line)
    return block


def test_side_1_killed_shows_both_figures_next_to_each_other_with_their_quotes(db):
    text = render(claims_table(db, "battle-of-lere-2023"), "table")
    side_1 = text[text.index("Side 1"):text.index("Side 2")]
    killed = _block(side_1, "  Killed:")
    assert killed[0] == "  Killed:  35 (CSP-PSD)  vs  5 (Mali)"
    assert "    5 — Mali · claimed 2023-09-18  ≠ 35 (CSP-PSD)" in killed
    assert "    35 — CSP-PSD  ≠ 5 (Mali)" in killed
    quotes = [line.strip() for line in killed if line.strip().startswith("“")]
    assert "“5 killed”" in quotes and "“35 killed”" in quotes
    # each quote sits under the figure it supports
    assert killed.index("      “5 killed”") > killed.index("    5 — Mali · claimed 2023-09-18  "
                                                             "≠ 35 (CSP-PSD)")
    assert killed.index("      “35 killed”") < killed.index("    5 — Mali · claimed 2023-09-18  "
                                                              "≠ 35 (CSP-PSD)")


def test_the_table_fits_a_100_column_terminal(db):
    text = render(claims_table(db, None), "table")
    assert max(len(line) for line in text.splitlines()) <= 100
    narrow = render(claims_table(db, None), "table", width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60
    (row,) = db.query("PREFIX kg: <https://w3id.org/conflict-kg/ns#> "
                      "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:CasualtyClaim }",
                      use_default_graph_as_union=True)
    assert text.splitlines()[-1] == f"({row['n'].value} claims)"


def test_csv_has_every_column_and_one_row_per_claim(db):
    text = render(claims_table(db, "battle-of-lere-2023"), "csv")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert reader.fieldnames == list(COLUMNS)
    assert {"event", "side", "category", "value", "claimant", "claim_date", "evidence",
            "contradicts"} <= set(reader.fieldnames)
    key = {(r["side"], r["category"], r["value"], r["claimant"]): r for r in rows}
    mali = key[("1", "Killed", "5", "Mali")]
    csp = key[("1", "Killed", "35", "CSP-PSD")]
    assert mali["event"] == "Battle of Léré (2023)" and mali["event_iri"] == EVENT_IRI
    assert mali["claim_date"] == "2023-09-18"
    assert "5 killed" in mali["evidence"].split(" | ")
    assert "35 killed" in csp["evidence"].split(" | ")
    assert mali["contradicts"] == "35 (CSP-PSD)" and csp["contradicts"] == "5 (Mali)"
    assert key[("2", "Killed", "~30", "Mali")]  # approximate figures keep their "~"
    assert key[("1", "Injured", "several dozen", "CSP-PSD")]  # vague ones their words
    assert len({r["claim"] for r in rows}) == len(rows)


def test_json_is_a_list_of_objects_with_lists_for_multiple_values(db):
    data = json.loads(render(claims_table(db, "battle-of-lere-2023"), "json"))
    assert isinstance(data, list) and set(data[0]) == set(COLUMNS)
    mali = next(d for d in data if (d["side"], d["category"], d["value"]) == ("1", "Killed", "5"))
    assert "5 killed" in mali["evidence"] and mali["contradicts"] == ["35 (CSP-PSD)"]


@pytest.mark.parametrize("name", ["battle-of-lere-2023", EVENT_IRI, f"<{EVENT_IRI}>",
                                  "Léré", "lere (2023)", "BATTLE OF LÉRÉ"])
def test_an_event_is_found_by_slug_iri_or_label(db, name):
    table = claims_table(db, name)
    assert table.selected == EVENT_IRI
    assert table.rows == claims_table(db, "battle-of-lere-2023").rows
    assert len(table.rows) > 10


def test_no_event_means_every_event_grouped(db):
    assert claims_table(db, None).rows == claims_table(db, "battle-of-lere-2023").rows


def test_an_unknown_event_is_a_clear_error(db):
    with pytest.raises(KgError) as info:
        claims_table(db, "battle-of-nowhere")
    message = str(info.value)
    assert "no event with casualty claims matches 'battle-of-nowhere'" in message
    assert "battle-of-lere-2023" in message  # says what there is instead
    assert "\n" not in message


def test_a_name_matching_several_events_asks_for_the_slug(corpus_store):
    with pytest.raises(KgError, match=r"matches \d+ events .*give its slug or IRI"):
        claims_table(open_store(corpus_store), "o")


def test_joint_claimants_and_third_parties(corpus_store):
    rows = claims_table(open_store(corpus_store), None).rows
    assert any(" and " in r.claimant for r in rows)  # "per Ostria and UN": one claim, two names
    third = [r for r in rows if r.side.startswith("affects: ")]
    assert third and all(r.side_number is None for r in third)
    # numbered sides come before third parties within an event
    for event in {r.event_iri for r in rows}:
        kinds = [r.side_number is None for r in rows if r.event_iri == event]
        assert kinds == sorted(kinds)


@pytest.mark.parametrize("iri, label", [
    ("https://w3id.org/conflict-kg/ns#Killed", "Killed"),
    ("https://w3id.org/conflict-kg/ns#KilledOrInjured", "Killed or injured"),
    ("https://w3id.org/conflict-kg/ns#AircraftDestroyed", "Aircraft destroyed"),
    ("https://w3id.org/conflict-kg/ns#VesselsDestroyed", "Vessels destroyed"),
    ("https://example.org/ns#POWsReleased", "POWs released"),
])
def test_category_labels_come_from_the_local_name(iri, label):
    assert category_label(iri) == label


@pytest.mark.parametrize("kwargs, shown", [
    ({"count": 5}, "5"), ({"count": 30, "approximate": True}, "~30"), ({"minimum": 7}, "≥ 7"),
    ({"minimum": 12, "maximum": 15}, "12–15"), ({"maximum": 500}, "≤ 500"),
    ({"text": "several dozen"}, "several dozen"), ({}, "?"),
])
def test_values_are_shown_as_the_text_says_them(kwargs, shown):
    assert render_value(**kwargs) == shown


def test_unknown_format_is_an_error(db):
    with pytest.raises(KgError, match="unknown claims format 'xml'"):
        render(claims_table(db, None), "xml")


# --- the command -------------------------------------------------------------------------------

def test_command_prints_the_table(store):
    result = CliRunner().invoke(claims_command, ["lere", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "  Killed:  35 (CSP-PSD)  vs  5 (Mali)" in result.output
    assert "“5 killed”" in result.output


def test_command_writes_utf8_csv(store):
    result = CliRunner().invoke(claims_command, ["battle-of-lere-2023", "--store", str(store),
                                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"))))
    assert {("1", "Killed", "5", "Mali"), ("1", "Killed", "35", "CSP-PSD")} <= {
        (r["side"], r["category"], r["value"], r["claimant"]) for r in rows}


def test_command_lets_errors_reach_the_group(store, tmp_path):
    # the kg group turns a KgError into one line and exit 2; the command itself must not swallow it
    result = CliRunner().invoke(claims_command, ["battle-of-nowhere", "--store", str(store)])
    assert isinstance(result.exception, KgError)
    assert "battle-of-nowhere" in str(result.exception)
    empty = CliRunner().invoke(claims_command, ["--store", str(tmp_path / "none")])
    assert isinstance(empty.exception, KgError)
    assert "store is empty" in str(empty.exception)


def test_command_rejects_an_unknown_format(store):
    result = CliRunner().invoke(claims_command, ["--store", str(store), "--format", "xml"])
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.output
