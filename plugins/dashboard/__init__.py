"""Pelican plugin: the compliance dashboard (/dashboard/) and the status pages (/status/).

Load it by dotted name (``PLUGINS = ["plugins.dashboard"]``).  The counts
come from plugins.prakat.stats, the page data from views.py and layout.py;
only generator.py imports Pelican.
"""
from __future__ import annotations


def register() -> None:
    from pelican import signals

    from .generator import get_generators

    signals.get_generators.connect(get_generators)
