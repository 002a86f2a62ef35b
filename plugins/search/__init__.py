"""Pelican plugin: full-text search of agencies and their announcements (/search/).

Load it by dotted name (``PLUGINS = [..., "plugins.search"]``).  The index is
Pagefind's, built from records of the content model (plugins.prakat.searchrecords)
with Thai words separated (plugins.prakat.thaiwords); docs/search.md explains it.
"""
from __future__ import annotations


def register() -> None:
    from pelican import signals

    from .generator import get_generators

    signals.get_generators.connect(get_generators)
