"""A person's walk through the site in a real browser: headless Chromium (Debian's, installed by
``scripts/install-browser``) driven by Playwright, against ``kg serve`` on a loopback port, with
JavaScript switched off since every page must work without it.

Screenshots are kept in ``test-artifacts/``. Without Chromium the test is skipped, except in CI
(``CI=true``), where a missing browser is a failure.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT
from serve_support import live_server

from kg.serve import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the browser test)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    _require(CHROMIUM.exists(), "Chromium is not installed: run scripts/install-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require(False, "Playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def site(seed_store):
    with live_server(create_app(seed_store)) as url:
        yield url


def test_a_reader_follows_an_event_to_an_actor_and_back(browser, site):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site}/")
        assert page.locator("h1").inner_text() == "Events"
        page.get_by_role("link", name="Battle of Léré (2023)").first.click()
        page.wait_for_url(f"{site}/event/battle-of-lere-2023")
        assert page.locator("h1").inner_text() == "Battle of Léré (2023)"

        claims = page.locator("table.claims tbody tr")
        assert claims.count() >= 5
        table = page.locator("table.claims").inner_text()
        assert "Mali" in table and "CSP-PSD" in table
        marks = page.locator("table.claims mark").all_inner_texts()
        assert "35 killed" in marks and "5 killed" in marks
        highlight = page.locator("table.claims mark").first.evaluate(
            "m => getComputedStyle(m).backgroundColor")
        assert highlight not in ("rgba(0, 0, 0, 0)", "transparent")
        page.screenshot(path=str(ARTIFACTS / "event-page.png"), full_page=True)

        page.locator(".sides").get_by_role("link", name="Mali", exact=True).click()
        page.wait_for_url(f"{site}/actor/mali")
        assert page.locator("h1").inner_text() == "Mali"
        assert page.locator("table.claims mark").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "actor-page.png"), full_page=True)

        page.go_back()
        page.wait_for_url(f"{site}/event/battle-of-lere-2023")
        assert page.locator("h1").inner_text() == "Battle of Léré (2023)"

        page.get_by_role("link", name="Battle of Léré (2023)").last.click()
        page.wait_for_url(f"{site}/document/battle-of-lere-2023*")
        assert page.locator(".source-text mark").count() >= 10
        page.screenshot(path=str(ARTIFACTS / "document-page.png"), full_page=True)
    finally:
        context.close()
    assert (ARTIFACTS / "event-page.png").stat().st_size > 10_000


def test_the_sparql_form_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site}/sparql")
        page.get_by_role("button", name="Run").click()
        page.wait_for_selector("table.results")
        assert "Battle of Léré (2023)" in page.locator("table.results").inner_text()
    finally:
        context.close()
