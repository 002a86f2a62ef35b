"""One browser, one built sample site and one local server for the whole browser session.

Debian's chromium is driven through Playwright; no browser is ever downloaded.
The sample content is copied out of the repository, built with PRAKAT_TODAY
pinned, and served on 127.0.0.1 by the same handler ``build.py serve`` uses
(real 404s with the site's /404.html).
"""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest

from plugins.sitebuild import make_server, run_build

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-site")
    shutil.copytree(REPO / "content", root / "content")
    saved = os.environ.get("PRAKAT_TODAY")
    os.environ["PRAKAT_TODAY"] = "2026-12-31"
    try:
        assert run_build(root, root / "output", full=True).code == 0
    finally:
        if saved is None:
            os.environ.pop("PRAKAT_TODAY", None)
        else:
            os.environ["PRAKAT_TODAY"] = saved
    return root


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    server = make_server(site / "output", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make system installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
