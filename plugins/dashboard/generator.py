"""The Pelican generator of /dashboard/ and /status/, in Thai at / and in English under /en/."""
from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from plugins.prakat.i18n import LANGUAGES, page_path, theme_catalogue
from plugins.prakat.sitedata import SiteData, site_data
from plugins.prakat.stats import SiteStats, site_stats

from .layout import StatusLayout, status_layout
from .views import RowWords, dashboard_view, status_page_view


class DashboardGenerator(Generator):
    """The dashboard page and the status pages."""

    def generate_context(self) -> None:
        self.data: SiteData = site_data(self.context, self.settings)
        self.stats: SiteStats = site_stats(self.context, self.settings)
        tops = [group.key for group in self.stats.summary.by_ministry]
        self.layout: StatusLayout = status_layout(self.data.model, self.stats.rows, tops)

    def generate_output(self, writer: Any) -> None:
        catalogue = theme_catalogue(self.settings)
        for lang in LANGUAGES:
            def say(key: str, _lang: str = lang, **params: object) -> str:
                return catalogue.get(key, _lang, **params)

            self._dashboard(writer, lang, say)
            self._status(writer, lang, say)

    def _write(self, writer: Any, address: str, template: str, lang: str, **view: Any) -> None:
        path = page_path(address, lang).lstrip("/") + "index.html"
        writer.write_file(path, self.get_template(template), self.context, lang=lang, page_path=address,
                          model=self.data.model, layout=self.layout, as_of=self.data.as_of, **view)

    def _dashboard(self, writer: Any, lang: str, say: Any) -> None:
        view = dashboard_view(self.data.model, self.stats.summary, self.layout, self.data.as_of, lang, say)
        self._write(writer, "dashboard/", "dashboard", lang, dashboard=view)

    def _status(self, writer: Any, lang: str, say: Any) -> None:
        model, summary = self.data.model, self.stats.summary
        words = RowWords(model, lang, say)
        ordered = [r for m in self.layout.ministries for p in m.pages for r in p.rows] if self.layout.single_page else []
        index = status_page_view(words, ordered, say("status.title"))
        self._write(writer, "status/", "status", lang, status=index, ministries=summary.by_ministry)
        for ministry in self.layout.ministries:
            name = model.agencies[ministry.top].name.get(lang)
            for page in ministry.pages:
                view = status_page_view(words, page.rows, say("status.ministry_title", name=name),
                                        top=ministry.top, page=page, pages=len(ministry.pages))
                self._write(writer, page.address, "status", lang, status=view, ministry=ministry)


def get_generators(pelican: Any) -> type[DashboardGenerator]:
    return DashboardGenerator
