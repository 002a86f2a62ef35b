#!/usr/bin/env python3
"""Prakat's command line: validate content, edit records, build and serve the site.

Each command parses its options, calls one function of the project's
library, and turns the result into an exit code: 0 done, 1 refused or
invalid, 2 wrong usage.  Messages are Thai by default (``--lang en``).
"""
from __future__ import annotations

import os
import sys
import traceback
from functools import wraps
from pathlib import Path
from typing import Any, Callable

import click

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from plugins.prakat.cli_support import CommandFailed, Say, default_root  # noqa: E402

LANGS = click.Choice(["th", "en"])


def handled(func: Callable[..., Any]) -> Callable[..., Any]:
    """No traceback reaches a user: unexpected failures become one clear line."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CommandFailed as failed:
            click.echo(failed.render(kwargs.get("lang", "th")), err=True)
            sys.exit(failed.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as err:  # the last line of defence: say what happened, keep the details for a bug report
            if os.environ.get("PRAKAT_DEBUG"):
                traceback.print_exc()
            say = Say(kwargs.get("lang", "th"))
            click.echo(say(
                f"ข้อผิดพลาดภายในโปรแกรม ({type(err).__name__}: {err}) — ไม่มีการเปลี่ยนแปลงไฟล์ใด "
                "โปรดแจ้งผู้ดูแลระบบพร้อมข้อความนี้ (ตั้ง PRAKAT_DEBUG=1 เพื่อดูรายละเอียด)",
                f"internal error ({type(err).__name__}: {err}); nothing was changed. "
                "Please report it with this message (set PRAKAT_DEBUG=1 for details)."), err=True)
            sys.exit(1)

    return wrapper


def root_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--root", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Project folder holding content/ (default: the current folder if it has content/, "
             "else this program's folder; or PRAKAT_ROOT).")(func)


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--lang", type=LANGS, default="th", show_default=True,
                        help="Language of messages: th (Thai) or en (English).")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def cli() -> None:
    """Prakat (ประกาศ): publish what Thai state agencies must disclose under the
    Electronic Government Administration Act B.E. 2565, from YAML records and PDFs in Git."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--changed-since", "changed_since", metavar="REV",
              help="Check only what changed since REV (uncommitted and new files included) and what refers to it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@lang_option
@root_option
@handled
def validate(paths: tuple[str, ...], changed_since: str | None, fmt: str, lang: str, root: Path | None) -> None:
    """Check the content: all of it, the given PATHS, or what changed since REV.

    Exit 0 when there are no errors (warnings allowed), 1 when there are errors."""
    from plugins.prakat.commands import run_validate
    output, code = run_validate(default_root(root), paths, changed_since, fmt, lang)
    click.echo(output)
    sys.exit(code)


@cli.command()
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to build into (default: output/ in the project).")
@click.option("--full", is_flag=True, help="Rebuild every page instead of only what changed.")
@lang_option
@root_option
@handled
def build(output: Path | None, full: bool, lang: str, root: Path | None) -> None:
    """Validate, then build the public site. On errors nothing is built and the old site stays."""
    from plugins.sitebuild import build_site
    project = default_root(root)
    sys.exit(build_site(project, output or project / "output", full=full, lang=lang))


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None)
@lang_option
@root_option
@handled
def serve(port: int, output: Path | None, lang: str, root: Path | None) -> None:
    """Build, then serve the site on http://127.0.0.1:PORT and rebuild when content changes."""
    from plugins.sitebuild import serve_site
    project = default_root(root)
    sys.exit(serve_site(project, output or project / "output", port=port, lang=lang))


@cli.command("new-agency")
@click.argument("code")
@click.option("--name-th", required=True, help="Display name in Thai (ชื่อสำหรับแสดงผล).")
@click.option("--name-en", default=None, help="Display name in English.")
@click.option("--parent", default=None, metavar="CODE", help="Code of the parent agency (หน่วยงานต้นสังกัด).")
@click.option("--type", "type_", default="government_agency", show_default=True, help="Agency type key.")
@click.option("--subtype", default=None, help="Subtype key.")
@click.option("--province", default=None, help="TIS 1099 province code, e.g. 10.")
@click.option("--unit", is_flag=True, help="An internal unit of its parent (หน่วยงานในสังกัด).")
@click.option("--maintainer", "maintainers", multiple=True, help="Git host user or team owning the record (repeat).")
@lang_option
@root_option
@handled
def new_agency(code: str, name_th: str, name_en: str | None, parent: str | None, type_: str,
               subtype: str | None, province: str | None, unit: bool, maintainers: tuple[str, ...],
               lang: str, root: Path | None) -> None:
    """Create content/agencies/CODE/agency.yaml, a valid record to fill in."""
    from plugins.prakat.editing import run_new_agency
    click.echo(run_new_agency(default_root(root), code=code, name_th=name_th, name_en=name_en, parent=parent,
                              type_=type_, subtype=subtype, province=province, unit=unit,
                              maintainers=list(maintainers), lang=lang))


@cli.command("add-document")
@click.argument("code")
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--section", type=click.Choice(["10", "13", "16"]), required=True)
@click.option("--date", "date_", required=True, metavar="YYYY-MM-DD",
              help="Announcement date (effective date for Section 16), Gregorian.")
@click.option("--scope", type=click.Choice(["self", "subordinates"]), default=None,
              help="Section 10 only: this agency, or all subordinate agencies too.")
@click.option("--status", type=click.Choice(["published", "suspended"]), default="published", show_default=True)
@click.option("--name", default=None, help="File name to store it under (default: the PDF's own name).")
@click.option("--title-th", default=None)
@click.option("--title-en", default=None)
@lang_option
@root_option
@handled
def add_document(code: str, pdf: Path, section: str, date_: str, scope: str | None, status: str,
                 name: str | None, title_th: str | None, title_en: str | None, lang: str,
                 root: Path | None) -> None:
    """Check PDF, copy it into content/documents/CODE/, and append a version to the report.

    For --section 13, when report.yaml has no section13 yet it is created with has_licences: true and
    gazette_status: not_published; correct gazette_status afterwards."""
    from plugins.prakat.editing import run_add_document
    click.echo(run_add_document(default_root(root), code=code, pdf=pdf, section=section, date=date_,
                                scope=scope, status=status, name=name, title_th=title_th, title_en=title_en,
                                lang=lang))


@cli.command("set-status")
@click.argument("code")
@click.option("--section", type=click.Choice(["10", "13", "16"]), required=True)
@click.option("--file", "file_", required=True, help="The version's file name.")
@click.option("--status", type=click.Choice(["published", "suspended"]), required=True)
@lang_option
@root_option
@handled
def set_status(code: str, section: str, file_: str, status: str, lang: str, root: Path | None) -> None:
    """Publish or suspend one version (a version is never deleted)."""
    from plugins.prakat.editing import run_set_status
    click.echo(run_set_status(default_root(root), code=code, section=section, file=file_, status=status,
                              lang=lang))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default=None,
              help="csv: agencies.csv and compliance.csv; json: agencies.json; none: all three.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: output/data).")
@lang_option
@root_option
@handled
def export(fmt: str | None, output: Path | None, lang: str, root: Path | None) -> None:
    """Write the open-data files of /data/."""
    from plugins.exports.command import run_export
    project = default_root(root)
    sys.exit(run_export(project, output or project / "output" / "data", fmt, lang))


@cli.command()
@click.option("--check", is_flag=True, help="Fail (exit 1) when the committed CODEOWNERS is stale.")
@lang_option
@root_option
@handled
def codeowners(check: bool, lang: str, root: Path | None) -> None:
    """Write CODEOWNERS from each agency's maintainers and the hierarchy (or --check it)."""
    from plugins.prakat.codeowners import run_codeowners
    sys.exit(run_codeowners(default_root(root), check=check, lang=lang))


@cli.command()
@click.option("--base", required=True, metavar="REV", help="The revision the pull request starts from.")
@click.option("--author", default=None, metavar="USER",
              help="Git host user who made the change, e.g. @somchai; their teams come from PRAKAT_AUTHOR_TEAMS "
                   "(e.g. \"@dga/web @opdc/central-reviewers\"). Links use PRAKAT_PREVIEW_URL. See docs/review.md.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@lang_option
@root_option
@handled
def review(base: str, author: str | None, fmt: str, lang: str, root: Path | None) -> None:
    """Say what a change does to the public site, and whether its author may make it."""
    from plugins.prakat.review import run_review
    sys.exit(run_review(default_root(root), base=base, author=author, fmt=fmt, lang=lang))


if __name__ == "__main__":
    cli()
