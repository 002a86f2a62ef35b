"""Pelican plugin: the public site's agency pages, browse pages, home page and published PDFs.

Load it by dotted name (``PLUGINS = ["plugins.agencies"]``); the page views
it renders are plain Python (views.py, listings.py) and need no Pelican.
"""
from __future__ import annotations


def register() -> None:
    from pelican import signals

    from .assets import minify_theme_assets
    from .generator import get_generators

    signals.get_generators.connect(get_generators)
    signals.finalized.connect(minify_theme_assets, weak=False)  # a plain function: kept for the process
