"""Shared fixtures: the seed article, small hand-written articles, and a store built from them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "battle-of-lere-2023.txt"
ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
QUERIES = ROOT / "queries"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store holding the seed article, built once for the session (read-only for tests)."""
    from kg.build import build

    store = tmp_path_factory.mktemp("seed") / "store"
    build([SEED], store=store)
    return store


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    """A store holding the seed and every hand-written test article."""
    from kg.build import build

    store = tmp_path_factory.mktemp("corpus") / "store"
    build([SEED, ARTICLES], store=store)
    return store


@pytest.fixture
def fresh_store(tmp_path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    target = tmp_path / "seeds"
    target.mkdir()
    shutil.copy(SEED, target / SEED.name)
    return target
