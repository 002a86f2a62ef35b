"""The Pelican generator of /search/ and /en/search/, and of the index they search.

Reads the build's SiteData (plugins.prakat.sitedata), writes Pagefind's
bundle and the browser's search data through build.py (the index is started
with the context and finished with the output, so that it is written while
the other generators render), then the two search pages through Pelican's
writer.  A build that fails meanwhile stops the indexer
(``plugins.search.build.cancel_pending``).  From the build command it also reads
``PRAKAT_SEARCH_SOURCES`` (where the source pages are kept between builds),
``PRAKAT_PREVIOUS_OUTPUT`` and ``PRAKAT_AFFECTED`` (see plugins.agencies).  A failure of the indexer stops the build
with one message in both languages.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from plugins.agencies.generator import AFFECTED, PREVIOUS_OUTPUT
from plugins.agencies.inputs import Affected
from plugins.prakat.cli_support import CommandFailed
from plugins.prakat.i18n import LANGUAGES, page_path, theme_catalogue
from plugins.prakat.sitedata import site_data

from .build import start_search
from .indexer import PagefindError
from .sources import SourceCache
from .view import search_page

logger = logging.getLogger(__name__)

PAGE = "search/"
SEARCH_SOURCES = "PRAKAT_SEARCH_SOURCES"  # a SourceCache from the build command: keep the source pages there


class SearchIndexFailed(CommandFailed):
    """The search index could not be written; nothing else about the build is wrong."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"สร้างดัชนีการค้นหาไม่สำเร็จ: {detail}", f"the search index could not be built: {detail}")


class SearchGenerator(Generator):
    """Starts the index while the context is gathered, so that Pagefind works while the other
    generators render their pages, and waits for it when its own output is due."""

    def generate_context(self) -> None:
        self.data = site_data(self.context, self.settings)
        catalogue = theme_catalogue(self.settings)
        messages = {key: (m.th, m.en) for key, m in catalogue.messages.items()}
        previous = self.settings.get(PREVIOUS_OUTPUT)
        reach = self.settings.get(AFFECTED)
        sources = self.settings.get(SEARCH_SOURCES)
        try:
            self.pending = start_search(self.data.model, self.data.compliance, self.data.store,
                                        Path(self.output_path), messages=messages,
                                        sources=sources if isinstance(sources, SourceCache) else None,
                                        previous=Path(previous) if previous else None,
                                        affected=reach.agencies if isinstance(reach, Affected) and previous else None)
        except PagefindError as err:
            raise SearchIndexFailed(str(err)) from None

    def generate_output(self, writer: Any) -> None:
        try:
            result = self.pending.finish()
        except PagefindError as err:
            raise SearchIndexFailed(str(err)) from None
        logger.info("search: %d records, %d dictionary words, %d PDFs read, %.1f s",
                    result.records, result.dictionary_words, result.pdfs_read, result.seconds)
        view = search_page(self.data.model, self.data.compliance)
        for lang in LANGUAGES:
            path = page_path(PAGE, lang).lstrip("/") + "index.html"
            writer.write_file(path, self.get_template("search"), self.context, lang=lang, page_path=PAGE,
                              search=view)


def get_generators(pelican: Any) -> type[SearchGenerator]:
    return SearchGenerator
