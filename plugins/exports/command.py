"""``python build.py export``: the open-data files of /data/, without building the site.

The content is validated first, as ``build`` does: data with errors in it is
not published, and the files already in the folder stay as they were.
"""
from __future__ import annotations

from pathlib import Path

import click

from plugins.prakat.cli_support import PROJECT, Say
from plugins.prakat.reporters import text as text_report
from plugins.prakat.sitedata import load_site_data
from plugins.prakat.validate import validate

from .records import ExportData
from .write import write_data_files


def configured_site_url(project: Path = PROJECT) -> str:
    """SITEURL of pelicanconf.py, the one place the site's address is configured ("" when absent)."""
    conf = project / "pelicanconf.py"
    if not conf.is_file():
        return ""
    from pelican.settings import read_settings  # only the command pays for importing Pelican

    return str(read_settings(str(conf)).get("SITEURL") or "").rstrip("/")


def run_export(root: Path, output_dir: Path, fmt: str | None, lang: str, site_url: str | None = None) -> int:
    """Validate ``root``, then write the files of ``fmt`` (None: all) into ``output_dir``. Returns the exit code."""
    say = Say(lang)
    result = validate(root)
    if result.errors:
        click.echo(text_report(result.errors, lang), err=True)
        click.echo(say("ไม่ได้ส่งออกข้อมูล: เนื้อหามีข้อผิดพลาด แก้ไขตามรายการข้างต้นแล้วลองอีกครั้ง",
                       "nothing exported: the content has errors; fix those listed above and try again"), err=True)
        return 1
    site = load_site_data(root, configured_site_url() if site_url is None else site_url, store=result.store)
    written = write_data_files(ExportData.from_site(site), output_dir, fmt)
    for path in written:
        click.echo(str(path))
    click.echo(say(f"ส่งออก {len(written)} ไฟล์ ข้อมูล ณ วันที่ {site.as_of.isoformat()} ({len(site.compliance)} หน่วยงาน)",
                   f"exported {len(written)} file(s), data as of {site.as_of.isoformat()} "
                   f"({len(site.compliance)} agencies)"))
    return 0
