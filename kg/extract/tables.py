"""Small word tables from ``kg/data/*.tsv``, loaded once: data, not ``if`` chains."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=None)
def word_rows(name: str) -> tuple[tuple[str, str], ...]:
    """Rows ``word<TAB>value`` of ``kg/data/NAME.tsv`` after its header, comments skipped."""
    lines = (DATA_DIR / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line.strip() and not line.startswith("#")][1:]
    return tuple((line.split("\t")[0], line.split("\t")[1].strip()) for line in body)


@lru_cache(maxsize=None)
def word_table(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The rows of :func:`word_rows` as compiled whole-word, case-insensitive patterns, in file
    order."""
    return tuple((re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.I), value)
                 for word, value in word_rows(name))


def first_match(name: str, text: str) -> str | None:
    """The value of the first row of table ``name`` whose word occurs in ``text``."""
    for pattern, value in word_table(name):
        if pattern.search(text):
            return value
    return None


def all_matches(name: str, text: str) -> list[str]:
    """The values of every row of table ``name`` whose word occurs in ``text``, without repeats."""
    out: list[str] = []
    for pattern, value in word_table(name):
        if value not in out and pattern.search(text):
            out.append(value)
    return out
