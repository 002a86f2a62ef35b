"""Pelican settings of the public site.

``python build.py build`` reads this file and overrides PATH, OUTPUT_PATH and
PRAKAT_ROOT for the content tree it builds.  Pelican reads no article or page
from content/: the site's generators read the agency records through the
content model (plugins/prakat) instead.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:  # the plugins and the Jinja helpers below import as plugins.*
    sys.path.insert(0, str(_HERE))

from plugins.prakat.i18n import JINJA_FILTERS, JINJA_GLOBALS  # noqa: E402

SITENAME = "ประกาศ · Prakat"
# Absolute address of the published site, for canonical links, feeds and the sitemap.
# Links between pages are root-relative, so any host serving the folder at / works.
SITEURL = os.environ.get("PRAKAT_SITEURL", "https://prakat.go.th").rstrip("/")
PRAKAT_ROOT = str(_HERE)
PATH = "content"
THEME = "theme"
TIMEZONE = "Asia/Bangkok"
DEFAULT_LANG = "th"

# Nothing under content/ is an article, a page or a static file for Pelican.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
PAGINATED_TEMPLATES: dict[str, int | None] = {}
TEMPLATE_PAGES: dict[str, str] = {}
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]

# Pelican's own feeds and archives are off: the announcements feed is the site's own.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
ARTICLE_SAVE_AS = ""
PAGE_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
INDEX_SAVE_AS = ""

# The build writes into a fresh folder and swaps it in (plugins/sitebuild.py).
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# Content is written by agencies and is not trusted: every template escapes everything.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}
JINJA_GLOBALS = dict(JINJA_GLOBALS)
JINJA_FILTERS = dict(JINJA_FILTERS)

# The site's generators, by dotted name.  The agency pages are always there; the
# dashboard, exports and search join when their packages are present in plugins/.
_OPTIONAL_PLUGINS = ("plugins.dashboard", "plugins.exports", "plugins.search")


def _present(name: str) -> bool:
    """A plugin package with an __init__.py (a bare folder is work in progress, not a plugin)."""
    spec = importlib.util.find_spec(name)
    return spec is not None and spec.origin is not None


PLUGINS = ["plugins.agencies"] + [name for name in _OPTIONAL_PLUGINS if _present(name)]

# Central reviewers: may change any file, and own everything outside content/ (build.py codeowners, review).
PRAKAT_CENTRAL_REVIEWERS = ["@opdc/central-reviewers", "@dga/info-admins"]
