"""The Pelican generator of /dashboard/ and /status/, in Thai at / and in English under /en/.

The two dashboard pages are rendered every time.  The status pages (a
national site has two hundred of them, twenty thousand rows) are rendered
only when what they show has changed: each page's input hash (the digest of
exactly what its template reads: the page view, the ministry's departments
and page addresses, the names it looks up, the date of the data) is kept in
``.prakat-manifest-status.json`` in the output, and a page whose hash is
unchanged is hard-linked from the previous output (plugins.agencies.incremental).
"""
from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

import orjson
from pelican.generators import Generator

from plugins.agencies.generator import BUILD_REPORT, PREVIOUS_OUTPUT
from plugins.agencies.incremental import BuildReport, Manifest, PageOutput, input_hash, render_key
from plugins.prakat.i18n import LANGUAGES, page_path, theme_catalogue
from plugins.prakat.sitedata import SiteData, site_data
from plugins.prakat.stats import Breakdown, SiteStats, site_stats
from plugins.prakat.vocabulary import VOCABULARY_FILE

from .layout import Ministry, StatusLayout, status_layout
from .views import RowWords, StatusPageView, dashboard_view, status_page_view

MANIFEST = ".prakat-manifest-status.json"
TEMPLATES = ("base.html", "_status.html", "status.html")
CATALOGUES = ("site.yaml", "dashboard.yaml")
CODE = tuple(Path(__file__).resolve().parent / name for name in ("generator.py", "views.py", "layout.py"))


class DashboardGenerator(Generator):
    """The dashboard page and the status pages."""

    def generate_context(self) -> None:
        self.data: SiteData = site_data(self.context, self.settings)
        self.stats: SiteStats = site_stats(self.context, self.settings)
        tops = [group.key for group in self.stats.summary.by_ministry]
        self.layout: StatusLayout = status_layout(self.data.model, self.stats.rows, tops)

    def generate_output(self, writer: Any) -> None:
        catalogue = theme_catalogue(self.settings)
        previous = self.settings.get(PREVIOUS_OUTPUT)
        report = self.settings.get(BUILD_REPORT)
        digest = hashlib.sha256("".join(catalogue.digest_of(name) for name in CATALOGUES).encode()).hexdigest()
        key = render_key(Path(self.theme), digest, VOCABULARY_FILE, self.settings, TEMPLATES, CODE)
        self.out = PageOutput(Path(self.output_path), Path(previous) if previous else None,
                              Manifest.load(Path(previous), MANIFEST) if previous else Manifest(),
                              Manifest(render_key=key), report if isinstance(report, BuildReport) else BuildReport())
        for lang in LANGUAGES:
            def say(key: str, _lang: str = lang, **params: object) -> str:
                return catalogue.get(key, _lang, **params)

            self._dashboard(writer, lang, say)
            self._status(writer, lang, say)
        self.out.new.write(Path(self.output_path), MANIFEST)

    def _write(self, writer: Any, address: str, template: str, lang: str, **view: Any) -> None:
        path = page_path(address, lang).lstrip("/") + "index.html"
        writer.write_file(path, self.get_template(template), self.context, lang=lang, page_path=address,
                          model=self.data.model, layout=self.layout, as_of=self.data.as_of, **view)

    def _dashboard(self, writer: Any, lang: str, say: Any) -> None:
        view = dashboard_view(self.data.model, self.stats.summary, self.layout, self.data.as_of, lang, say)
        self._write(writer, "dashboard/", "dashboard", lang, dashboard=view)

    def _status_page(self, writer: Any, address: str, lang: str, view: StatusPageView,
                     ministry: Ministry | None = None, ministries: tuple[Breakdown, ...] = ()) -> None:
        """One status page, rendered unless the previous output has it from the same inputs."""
        path = page_path(address, lang).lstrip("/") + "index.html"
        digest = input_hash(self.out.new.render_key, "status", lang, self._payload(address, view, ministry, ministries))
        extra = {"ministry": ministry} if ministry is not None else {"ministries": ministries}
        self.out.page(path, digest, lambda: self._write(writer, address, "status", lang, status=view, **extra))

    def _payload(self, address: str, view: StatusPageView, ministry: Ministry | None,
                 ministries: tuple[Breakdown, ...]) -> bytes:
        """Everything status.html reads, as bytes: its page number rather than the page's rows again,
        and the names it looks up in the model."""
        agencies = self.data.model.agencies
        shown = [d.code for d in ministry.departments] if ministry is not None else [g.key for g in ministries]
        data = {
            "address": address, "as_of": self.data.as_of,
            "view": dataclasses.replace(view, page=None), "page": view.page.number if view.page else None,
            "ministry": None if ministry is None else {
                "top": ministry.top, "departments": ministry.departments,
                "pages": [page.address for page in ministry.pages]},
            "ministries": [(group.key, group.tally) for group in ministries],
            "names": {code: agencies[code].name for code in shown},
        }
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)

    def _status(self, writer: Any, lang: str, say: Any) -> None:
        model, summary = self.data.model, self.stats.summary
        words = RowWords(model, lang, say)
        ordered = [r for m in self.layout.ministries for p in m.pages for r in p.rows] if self.layout.single_page else []
        index = status_page_view(words, ordered, say("status.title"))
        self._status_page(writer, "status/", lang, index, ministries=summary.by_ministry)
        for ministry in self.layout.ministries:
            name = model.agencies[ministry.top].name.get(lang)
            for page in ministry.pages:
                view = status_page_view(words, page.rows, say("status.ministry_title", name=name),
                                        top=ministry.top, page=page, pages=len(ministry.pages))
                self._status_page(writer, page.address, lang, view, ministry=ministry)


def get_generators(pelican: Any) -> type[DashboardGenerator]:
    return DashboardGenerator
