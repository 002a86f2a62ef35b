"""The Pelican side of the exports: data files, their page and the feed during the build, the sitemap after it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from plugins.prakat.i18n import LANGUAGES, page_path
from plugins.prakat.sitedata import site_data
from plugins.prakat.stats import site_stats

from .fields import AGENCY_COLUMNS, COMPLIANCE_COLUMNS
from .records import LICENCE_NOTE, ExportData
from .sitemap import write_sitemap
from .write import DATA_FOLDER, write_data_files, write_feed


class ExportsGenerator(Generator):
    """/data/*.csv, *.json, datapackage.json, the /data/ page and the Atom feed."""

    def generate_context(self) -> None:
        site = site_data(self.context, self.settings)
        self.export = ExportData.from_site(site, site_stats(self.context, self.settings).rows)

    def generate_output(self, writer: Any) -> None:
        output = Path(self.output_path)
        files = write_data_files(self.export, output / DATA_FOLDER)
        write_feed(self.export, output)
        sizes = {path.name: path.stat().st_size for path in files}
        for lang in LANGUAGES:
            address = f"{DATA_FOLDER}/"
            writer.write_file(page_path(address, lang).lstrip("/") + "index.html", self.get_template("data"),
                              self.context, lang=lang, page_path=address, sizes=sizes, as_of=self.export.as_of,
                              tables={"compliance.csv": COMPLIANCE_COLUMNS, "agencies.csv": AGENCY_COLUMNS},
                              licence_note=LICENCE_NOTE)


def get_generators(pelican: Any) -> type[ExportsGenerator]:
    return ExportsGenerator


def write_sitemap_when_done(pelican: Any) -> None:
    """Every page exists now, whichever plugin wrote it: list them."""
    write_sitemap(Path(pelican.output_path), str(pelican.settings.get("SITEURL", "")))
