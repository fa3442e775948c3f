"""The reader: structure and exact offsets, on well-formed and awkward input."""
from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.read import parse_article, read_article

from conftest import ARTICLES, SEED


def assert_exact(article, span):
    assert article.text[span.start:span.end] == span.exact


def test_seed_structure_and_offsets():
    article = read_article(SEED)
    assert article.title.exact == "Battle of Léré (2023)"
    keys = [f.key for f in article.infobox.fields]
    assert keys[:3] == ["Conflict", "Place", "Partof"]
    assert [s.title for s in article.sections] == [None, "Background", "Battle", "Aftermath"]
    for f in article.infobox.fields:
        assert_exact(article, f.value)
        assert article.text.splitlines()[f.line - 1].startswith(f"- {f.key}:")
    for sentence in article.sentences:
        assert_exact(article, sentence)
    assert any(s.exact.startswith("At 1:30 local time") for s in article.sentences)


def test_crlf_bom_trailing_spaces():
    article = read_article(ARTICLES / "ambush-at-tolu-pass.txt")
    assert article.text.startswith("\ufeff")
    assert article.title.exact == "Ambush at Tolu Pass"
    conflict = article.infobox.first("conflict")
    assert conflict.value.exact == "Ambush at Tolu Pass"  # trailing spaces and \r stripped
    assert_exact(article, conflict.value)
    assert article.infobox.numbered("casualties")[1].value.exact.endswith("(per Ostria and UN)")
    assert article.sentences[-1].exact == "The ambush at Tolu Pass took place on August 11, 2021."


def test_subheadings_footnotes_and_cut_off_text():
    article = read_article(ARTICLES / "siege-of-karvano-2019.txt")
    assert article.infobox.header.exact == "Infobox military conflict"
    levels = [(s.title, s.level) for s in article.sections]
    assert ("Siege", 3) in levels
    last = article.sentences[-1]
    assert last.exact.endswith("relie")  # cut off mid-word, kept as it is
    assert any(s.exact.endswith("Ostria.[1]") for s in article.sentences)


def test_no_infobox():
    article = read_article(ARTICLES / "raid-without-infobox.txt")
    assert article.infobox is None
    assert article.sentences[0].exact.startswith("The raid on Mirest")


def test_infobox_cut_off_at_end_of_text():
    article = parse_article(b"= X =\n\nInfobox\n- Date: 2020\n- Casua")
    assert [f.key for f in article.infobox.fields] == ["Date"]


def test_sentence_split_keeps_abbreviations():
    article = parse_article(b"= X =\n\nCol. Ag Moussa led it. Brig. Gen. Soe met U.S. troops. End.\n")
    assert [s.exact for s in article.sentences] == [
        "Col. Ag Moussa led it.", "Brig. Gen. Soe met U.S. troops.", "End."]


@pytest.mark.parametrize("data, message, line", [
    (b"", "empty file", None),
    (b"  \n\n", "empty file", None),
    (b"Battle of X\n\ntext\n", "first line is not a '= Title =' line", 1),
    (b"= X =\n\nInfobox\n- Date: 2020\nDate 2021\n- Place: Y\n", "malformed infobox line", 5),
    (b"= X =\n\n\xff\xfe bad\n", "not UTF-8", 3),
])
def test_bad_input_is_one_clear_error(data, message, line):
    with pytest.raises(KgError) as info:
        parse_article(data, "art.txt")
    assert message in info.value.message
    assert info.value.line == line
    assert str(info.value).startswith("art.txt")
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(KgError, match="no such file"):
        read_article(tmp_path / "nope.txt")
