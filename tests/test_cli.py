"""The command line: bad input gives one clear line and exit 2, never a traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import QUERIES, SEED


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True,
                          text=True, cwd=cwd)


@pytest.mark.parametrize("content, expected", [
    (b"", "empty file"),
    (b"no title\n", ":1: first line is not a '= Title =' line"),
    (b"= T =\n\n\xff\xfe\n", ":3: not UTF-8"),
    (b"= T =\n\nInfobox\n- Date: 2020\noops\n", ":5: malformed infobox line"),
])
def test_bad_articles(tmp_path, content, expected):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("build", "--store", str(tmp_path / "s"), str(bad))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert str(bad) in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "s" / "current").exists()


def test_missing_file(tmp_path):
    result = run("build", "--store", str(tmp_path / "s"), str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "nope.txt: no such file" in result.stderr


def test_bad_format_is_a_usage_error(seed_store):
    result = run("export", "--store", str(seed_store), "--format", "xml")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Invalid value for '--format'" in result.stderr


def test_unparsable_sparql(seed_store, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    result = run("query", "--store", str(seed_store), "-f", str(bad))
    assert result.returncode == 2
    assert result.stderr.startswith(f"kg: {bad}: invalid SPARQL"), result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("fmt, marker", [("table", "(1 row)"), ("csv", "sha,"), ("tsv", "?sha\t"),
                                         ("json", '"head"')])
def test_query_formats(seed_store, fmt, marker):
    result = run("query", "--store", str(seed_store), "-f", str(QUERIES / "cq1-event.rq"),
                 "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout
    assert "Battle of L" in result.stdout


def test_store_error_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("build", "--store", str(blocker), str(SEED))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
