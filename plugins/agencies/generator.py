"""The Pelican generator of the public site's own pages and documents.

It writes, in Thai at / and in English under /en/: the home page, every
visible agency's page, the hierarchy and the lists by type and province;
the bilingual /404.html; and the published PDFs under /documents/.  Each
page is rendered from a view (views.py, listings.py) through Pelican's
writer, one at a time, or hard-linked from the previous output when its
inputs have not changed (incremental.py).

Settings it reads besides Pelican's own:
``PRAKAT_ROOT`` (the project folder holding content/), and from the build
command ``PRAKAT_PREVIOUS_OUTPUT`` (the output folder this build replaces,
absent for a full build), ``PRAKAT_AFFECTED`` (what the changes since that
build can reach, inputs.Affected: the other pages are linked without even
building their views) and ``PRAKAT_BUILD_REPORT`` (a BuildReport to fill).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from plugins.prakat.i18n import LANGUAGES, page_path, theme_catalogue
from plugins.prakat.sitedata import SiteData, site_data
from plugins.prakat.vocabulary import VOCABULARY_FILE

from . import documents, listings
from .incremental import BuildReport, Manifest, PageOutput, input_hash, render_key, view_payload
from .inputs import Affected
from .views import SiteIndex, agency_page

PREVIOUS_OUTPUT = "PRAKAT_PREVIOUS_OUTPUT"
BUILD_REPORT = "PRAKAT_BUILD_REPORT"
DOCUMENT_SIZES = "PRAKAT_DOCUMENT_SIZES"
AFFECTED = "PRAKAT_AFFECTED"
CATALOGUE_FILE = "site.yaml"  # the labels of these pages; the other files of theme/i18n belong to other pages


class AgencyPagesGenerator(Generator):
    """Agency pages, browse pages, the home page, 404 and the published PDFs."""

    def generate_context(self) -> None:
        self.data: SiteData = site_data(self.context, self.settings)
        self.index = SiteIndex(self.data.model, self.data.compliance, self.data.history, self.data.root,
                               sizes=self.settings.get(DOCUMENT_SIZES))

    def generate_output(self, writer: Any) -> None:
        previous = self.settings.get(PREVIOUS_OUTPUT)
        report = self.settings.get(BUILD_REPORT)
        if not isinstance(report, BuildReport):
            report = BuildReport()
        key = render_key(Path(self.theme), theme_catalogue(self.settings).digest_of(CATALOGUE_FILE), VOCABULARY_FILE,
                         self.settings)
        old = Manifest.load(Path(previous)) if previous else Manifest()
        new = Manifest(render_key=key)
        self.out = PageOutput(Path(self.output_path), Path(previous) if previous else None, old, new, report)
        self.affected: Affected | None = self.settings.get(AFFECTED) if previous else None
        self.affected_roots = {self.index.top_level(c) for c in (self.affected.agencies if self.affected else ())
                               if c in self.index.visible_codes}
        self.writer = writer
        self._documents()
        self._agency_pages()
        self._listing_pages()
        self._page("404.html", "404", "th", {"page_path": None})
        new.write(Path(self.output_path))

    # --- one page --------------------------------------------------------------

    def _page(self, path: str, template: str, lang: str, view: dict[str, Any], payload: bytes | None = None) -> None:
        """Render ``template`` into ``path`` unless the previous output has it from the same inputs."""
        digest = input_hash(self.out.new.render_key, template, lang, payload or view_payload(view))
        self.out.page(path, digest, lambda: self.writer.write_file(path, self.get_template(template), self.context,
                                                                   lang=lang, **view))

    def _both(self, address: str, template: str, view_for: Any, same_view: bool = True,
              unaffected: bool = False) -> None:
        """The Thai and the English page at ``address`` (no leading slash, ending in /).

        Most views hold both languages' texts (``same_view``): they are serialised once for both pages.
        An ``unaffected`` page is linked from the previous output when it has one.
        """
        view: dict[str, Any] | None = None
        payload = None
        for lang in LANGUAGES:
            path = page_path(address, lang).lstrip("/") + "index.html"
            if unaffected and self.out.reuse_unaffected(path):
                continue
            if view is None or not same_view:
                view = {"page_path": address, **view_for(lang)}
                payload = view_payload(view)
            self._page(path, template, lang, view, payload)

    # --- the pages ---------------------------------------------------------------

    def _documents(self) -> None:
        for version in self.index.published_documents():
            path = documents.output_rel(version)
            if not self.out.reuse_document(path, version.sha256):
                documents.write_verified(self.data.root, version, self.out.folder_for(path))
                self.out.report.documents_copied.append(path)

    def _unaffected(self, kind: str, key: str) -> bool:
        """True when the changes since the previous build cannot reach this page."""
        if self.affected is None:
            return False
        if kind == "agency":
            return key not in self.affected.agencies
        if kind == "type":
            return key not in self.affected.types
        if kind == "province":
            return key not in self.affected.provinces
        return key not in self.affected_roots

    def _agency_pages(self) -> None:
        for agency in self.index.visible:
            self._both(f"agencies/{agency.code}/", "agency",
                       lambda lang, code=agency.code: {"agency": agency_page(self.index, code)},
                       unaffected=self._unaffected("agency", agency.code))

    def _listing_pages(self) -> None:
        index = self.index
        home = {"home": listings.home_page(index)}
        self._both("", "home", lambda lang: home)
        types, provinces = listings.by_type_and_province(index)
        browse = {"browse": listings.browse_index(index, types, provinces)}
        self._both("browse/", "browse", lambda lang: browse)
        for root in index.roots:
            self._both(f"browse/{root}/", "browse_tree", lambda lang, root=root: {"tree": listings.tree(index, root)},
                       unaffected=self._unaffected("root", root))
        for kind, groups in (("type", types), ("province", provinces)):
            for key in sorted(groups):
                self._both(f"browse/{kind}/{key}/", "agency_list",
                           lambda lang: {"listing": listings.agency_list(index, kind, key, groups[key], lang)},
                           same_view=False, unaffected=self._unaffected(kind, key))


def get_generators(pelican: Any) -> type[AgencyPagesGenerator]:
    return AgencyPagesGenerator
