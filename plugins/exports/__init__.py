"""Pelican plugin: /data/ (open data and its page), /feeds/announcements.atom.xml and /sitemap.xml.

Load it by dotted name (``PLUGINS = ["plugins.exports"]``).  The writers are
plain functions (write.py, atom.py, sitemap.py) that ``build.py export``
also uses; only generator.py imports Pelican.
"""
from __future__ import annotations


def register() -> None:
    from pelican import signals

    from .generator import get_generators, write_sitemap_when_done

    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_sitemap_when_done)
