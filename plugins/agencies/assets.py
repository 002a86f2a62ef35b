"""The theme's scripts and style sheets, minified in the built site.

``theme/static`` keeps them readable, with the comments that explain them;
the copies the public downloads are minified (rjsmin, rcssmin: made for
this, deterministic, no Node needed).  A phone's first search on a national
site loads search.js, site.css and search.css before anything else, and
minifying them saves about ten of its three hundred kilobytes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import rcssmin
import rjsmin

MINIFIERS: dict[str, Callable[[str], str]] = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify_folder(folder: Path) -> int:
    """Minify every .js and .css file under ``folder`` in place; the bytes saved."""
    saved = 0
    for path in sorted(folder.rglob("*")):
        minify = MINIFIERS.get(path.suffix)
        if minify is None or not path.is_file() or path.is_symlink():
            continue
        original = path.read_bytes()
        small = minify(original.decode("utf-8")).encode("utf-8")
        if len(small) < len(original):
            # A new file renamed over the copy: a hard link back into theme/ is never written through.
            temporary = path.with_name(f".{path.name}.min")
            temporary.write_bytes(small)
            temporary.replace(path)
            saved += len(original) - len(small)
    return saved


def minify_theme_assets(pelican: Any) -> None:
    """Pelican's ``finalized`` signal: the theme's static files have been copied by now."""
    minify_folder(Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"])
