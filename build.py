#!/usr/bin/env python3
"""Prakat's command line: validate content, edit records, build and serve the site.

Each command parses its options, calls one function of the project's
library, and turns the result into an exit code: 0 done, 1 refused or
invalid, 2 wrong usage.  Messages are Thai by default (``--lang en``).
"""
from __future__ import annotations

import importlib.util
import os
import sys
import traceback
from functools import wraps
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
# What the commands import; checked before any of it is, so a missing one is a sentence, not a traceback.
REQUIRED = ("click", "yaml", "jsonschema", "pypdf", "pelican", "jinja2")


def _use_the_project_environment() -> None:
    """Run in the project's virtual environment when this Python lacks the packages the commands need.

    ``python3 build.py validate`` is what a web team types; the packages live in .venv (``make setup``).
    """
    missing = [name for name in REQUIRED if importlib.util.find_spec(name) is None]
    if not missing:
        return
    venv_python = VENV / "bin" / "python"
    inside = Path(sys.prefix).resolve() == VENV.resolve() if VENV.exists() else False
    if venv_python.exists() and not inside:
        os.execv(str(venv_python), [str(venv_python), str(Path(__file__).resolve()), *sys.argv[1:]])
    print(f"ยังไม่ได้ติดตั้งโปรแกรมที่ Prakat ต้องใช้ (ไม่พบ {', '.join(missing)}) — รัน make setup "
          f"ในโฟลเดอร์ {HERE} แล้วลองอีกครั้ง\n"
          f"The packages Prakat needs are not installed (missing: {', '.join(missing)}); run make setup "
          f"in {HERE} and try again.", file=sys.stderr)
    sys.exit(2)


_use_the_project_environment()

import click  # noqa: E402

sys.path.insert(0, str(HERE))

from plugins.prakat.cli_support import CommandFailed, Say, default_root  # noqa: E402
from plugins.prakat.cli_usage import PrakatGroup  # noqa: E402

LANGS = click.Choice(["th", "en"])
SECTION_HELP = "มาตรา 10, 13 หรือ 16 / Section 10, 13 or 16."
STATUS_HELP = "published (เผยแพร่) หรือ suspended (ระงับ) / published or suspended."


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
        help="โฟลเดอร์โครงการที่มี content/ (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบันถ้ามี content/ "
             "ไม่เช่นนั้นโฟลเดอร์ของโปรแกรมนี้ หรือ PRAKAT_ROOT) / Project folder holding content/ (default: the current folder if it has "
             "content/, else this program's folder; or PRAKAT_ROOT).")(func)


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--lang", type=LANGS, default="th", show_default=True,
                        help="ภาษาของข้อความ: th (ไทย) หรือ en (อังกฤษ) / "
                             "Language of messages: th (Thai) or en (English).")(func)


@click.group(cls=PrakatGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def cli() -> None:
    """ประกาศ (Prakat): เผยแพร่ข้อมูลที่หน่วยงานของรัฐต้องเปิดเผยตาม พ.ร.บ. การปฏิบัติราชการทางอิเล็กทรอนิกส์
    พ.ศ. 2565 จากไฟล์ YAML และ PDF ใน Git  ทุกคำสั่งมี --help และแสดงข้อความภาษาไทย (--lang en สำหรับภาษาอังกฤษ)

    Prakat: publish what Thai state agencies must disclose under the Electronic Government
    Administration Act B.E. 2565, from YAML records and PDFs in Git. Every command has --help and
    speaks Thai (--lang en for English)."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--changed-since", "changed_since", metavar="REV",
              help="ตรวจเฉพาะที่เปลี่ยนตั้งแต่ REV (รวมไฟล์ที่ยังไม่ commit และไฟล์ใหม่) และสิ่งที่อ้างถึง / "
                   "Check only what changed since REV (uncommitted and new files included) and what refers to it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="รูปแบบผลลัพธ์: text, json หรือ github (หมายเหตุใน pull request) / "
                   "Output: text, json or github (annotations on a pull request).")
@lang_option
@root_option
@handled
def validate(paths: tuple[str, ...], changed_since: str | None, fmt: str, lang: str, root: Path | None) -> None:
    """ตรวจข้อมูล: ทั้งหมด เฉพาะ PATHS ที่ระบุ หรือเฉพาะที่เปลี่ยนตั้งแต่ REV
    / Check the content: all of it, the given PATHS, or what changed since REV.

    จบด้วยรหัส 0 เมื่อไม่พบข้อผิดพลาด (มีคำเตือนได้) และ 1 เมื่อพบข้อผิดพลาด
    / Exit 0 when there are no errors (warnings allowed), 1 when there are errors."""
    from plugins.prakat.commands import run_validate
    output, code = run_validate(default_root(root), paths, changed_since, fmt, lang)
    click.echo(output)
    sys.exit(code)


@cli.command()
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="โฟลเดอร์ที่จะสร้างเว็บไซต์ลงไป (ค่าเริ่มต้น: output/ ในโครงการ) / "
                   "Folder to build into (default: output/ in the project).")
@click.option("--full", is_flag=True, help="สร้างทุกหน้าใหม่ ไม่ใช่เฉพาะที่เปลี่ยน / "
                                           "Rebuild every page instead of only what changed.")
@lang_option
@root_option
@handled
def build(output: Path | None, full: bool, lang: str, root: Path | None) -> None:
    """ตรวจข้อมูล แล้วสร้างเว็บไซต์สาธารณะ หากพบข้อผิดพลาดจะไม่สร้าง และเว็บไซต์เดิมยังคงอยู่
    / Validate, then build the public site. On errors nothing is built and the old site stays."""
    from plugins.sitebuild import build_site
    project = default_root(root)
    sys.exit(build_site(project, output or project / "output", full=full, lang=lang))


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="พอร์ตที่จะเปิดเว็บไซต์ / Port to serve on.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="โฟลเดอร์ที่จะสร้างเว็บไซต์ลงไป (ค่าเริ่มต้น: output/ ในโครงการ) / "
                   "Folder to build into (default: output/ in the project).")
@lang_option
@root_option
@handled
def serve(port: int, output: Path | None, lang: str, root: Path | None) -> None:
    """สร้างเว็บไซต์ แล้วเปิดที่ http://127.0.0.1:PORT และสร้างใหม่เมื่อข้อมูลเปลี่ยน (กด Ctrl+C เพื่อหยุด)
    / Build, then serve the site on http://127.0.0.1:PORT and rebuild when content changes."""
    from plugins.sitebuild import serve_site
    project = default_root(root)
    sys.exit(serve_site(project, output or project / "output", port=port, lang=lang))


@cli.command("new-agency")
@click.argument("code")
@click.option("--name-th", required=True, help="ชื่อหน่วยงานภาษาไทยสำหรับแสดงผล / Display name in Thai.")
@click.option("--name-en", default=None, help="ชื่อภาษาอังกฤษ / Display name in English.")
@click.option("--parent", default=None, metavar="CODE", help="รหัสหน่วยงานต้นสังกัด / Code of the parent agency.")
@click.option("--type", "type_", default="government_agency", show_default=True,
              help="ประเภทหน่วยงาน (ดูรายการใน docs/content.md) / Agency type key (listed in docs/content.md).")
@click.option("--subtype", default=None, help="ประเภทย่อย / Subtype key.")
@click.option("--province", default=None,
              help="รหัสจังหวัดตาม มอก. 1099 เช่น 10 (กรุงเทพมหานคร) / TIS 1099 province code, e.g. 10 (Bangkok).")
@click.option("--unit", is_flag=True, help="เป็นหน่วยงานภายในของต้นสังกัด / An internal unit of its parent.")
@click.option("--maintainer", "maintainers", multiple=True,
              help="ผู้ใช้หรือทีมบน GitHub/GitLab ที่ดูแลข้อมูลนี้ ระบุซ้ำได้ เช่น @dga/web / "
                   "Git host user or team owning the record (repeat), e.g. @dga/web.")
@lang_option
@root_option
@handled
def new_agency(code: str, name_th: str, name_en: str | None, parent: str | None, type_: str,
               subtype: str | None, province: str | None, unit: bool, maintainers: tuple[str, ...],
               lang: str, root: Path | None) -> None:
    """สร้าง content/agencies/CODE/agency.yaml ที่ผ่านการตรวจแล้ว เพื่อกรอกข้อมูลต่อ
    / Create content/agencies/CODE/agency.yaml, a valid record to fill in."""
    from plugins.prakat.editing import run_new_agency
    click.echo(run_new_agency(default_root(root), code=code, name_th=name_th, name_en=name_en, parent=parent,
                              type_=type_, subtype=subtype, province=province, unit=unit,
                              maintainers=list(maintainers), lang=lang))


@cli.command("add-document")
@click.argument("code")
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--section", type=click.Choice(["10", "13", "16"]), required=True, help=SECTION_HELP)
@click.option("--date", "date_", required=True, metavar="YYYY-MM-DD",
              help="วันที่ประกาศ (มาตรา 16: วันที่มีผล) เป็นปีคริสต์ศักราช เช่น 2025-11-01 / "
                   "Announcement date (effective date for Section 16), Gregorian, e.g. 2025-11-01.")
@click.option("--scope", type=click.Choice(["self", "subordinates"]), default=None,
              help="เฉพาะมาตรา 10: ใช้กับหน่วยงานนี้ (self) หรือรวมหน่วยงานในสังกัดทั้งหมด (subordinates) / "
                   "Section 10 only: this agency, or all subordinate agencies too.")
@click.option("--status", type=click.Choice(["published", "suspended"]), default="published", show_default=True,
              help=STATUS_HELP)
@click.option("--name", default=None, help="ชื่อไฟล์ที่จะเก็บ (ค่าเริ่มต้น: ชื่อเดิมของไฟล์ PDF) / "
                                            "File name to store it under (default: the PDF's own name).")
@click.option("--title-th", default=None, help="ชื่อเรื่องภาษาไทย / Title in Thai.")
@click.option("--title-en", default=None, help="ชื่อเรื่องภาษาอังกฤษ / Title in English.")
@lang_option
@root_option
@handled
def add_document(code: str, pdf: Path, section: str, date_: str, scope: str | None, status: str,
                 name: str | None, title_th: str | None, title_en: str | None, lang: str,
                 root: Path | None) -> None:
    """ตรวจไฟล์ PDF คัดลอกไปไว้ที่ content/documents/CODE/ และเพิ่มฉบับใหม่ในรายงาน
    / Check PDF, copy it into content/documents/CODE/, and append a version to the report.

    มาตรา 13: ถ้า report.yaml ยังไม่มี section13 จะสร้างให้ด้วย has_licences: true และ
    gazette_status: not_published แล้วจึงแก้ gazette_status ให้ถูกต้อง
    / For --section 13, when report.yaml has no section13 yet it is created with has_licences: true and
    gazette_status: not_published; correct gazette_status afterwards."""
    from plugins.prakat.editing import run_add_document
    click.echo(run_add_document(default_root(root), code=code, pdf=pdf, section=section, date=date_,
                                scope=scope, status=status, name=name, title_th=title_th, title_en=title_en,
                                lang=lang))


@cli.command("set-status")
@click.argument("code")
@click.option("--section", type=click.Choice(["10", "13", "16"]), required=True, help=SECTION_HELP)
@click.option("--file", "file_", required=True, help="ชื่อไฟล์ของฉบับนั้น เช่น s10-2566.pdf / "
                                                       "The version's file name, e.g. s10-2566.pdf.")
@click.option("--status", type=click.Choice(["published", "suspended"]), required=True, help=STATUS_HELP)
@lang_option
@root_option
@handled
def set_status(code: str, section: str, file_: str, status: str, lang: str, root: Path | None) -> None:
    """เผยแพร่หรือระงับฉบับใดฉบับหนึ่ง (ไม่มีการลบฉบับใดทิ้ง)
    / Publish or suspend one version (a version is never deleted)."""
    from plugins.prakat.editing import run_set_status
    click.echo(run_set_status(default_root(root), code=code, section=section, file=file_, status=status,
                              lang=lang))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default=None,
              help="csv: agencies.csv และ compliance.csv; json: agencies.json; ไม่ระบุ: ทั้งสามไฟล์ / "
                   "csv: agencies.csv and compliance.csv; json: agencies.json; none: all three.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="โฟลเดอร์ที่จะเขียนไฟล์ (ค่าเริ่มต้น: output/data) / Folder to write into (default: output/data).")
@lang_option
@root_option
@handled
def export(fmt: str | None, output: Path | None, lang: str, root: Path | None) -> None:
    """เขียนไฟล์ข้อมูลเปิด (open data) ของหน้า /data/ / Write the open-data files of /data/."""
    from plugins.exports.command import run_export
    project = default_root(root)
    sys.exit(run_export(project, output or project / "output" / "data", fmt, lang))


@cli.command()
@click.option("--check", is_flag=True, help="ไม่เขียนไฟล์ แต่จบด้วยรหัส 1 ถ้า CODEOWNERS ไม่ตรงกับข้อมูล / "
                                            "Fail (exit 1) when the committed CODEOWNERS is stale.")
@lang_option
@root_option
@handled
def codeowners(check: bool, lang: str, root: Path | None) -> None:
    """เขียน CODEOWNERS จากผู้ดูแล (maintainers) ของแต่ละหน่วยงานตามโครงสร้างต้นสังกัด (หรือตรวจด้วย --check)
    / Write CODEOWNERS from each agency's maintainers and the hierarchy (or --check it)."""
    from plugins.prakat.codeowners import run_codeowners
    sys.exit(run_codeowners(default_root(root), check=check, lang=lang))


@cli.command()
@click.option("--base", required=True, metavar="REV",
              help="revision ที่คำขอรวม (pull request) เริ่มต้น / The revision the pull request starts from.")
@click.option("--author", default=None, metavar="USER",
              help="ผู้ใช้ที่เสนอการเปลี่ยนแปลง เช่น @somchai ทีมของผู้ใช้มาจาก PRAKAT_AUTHOR_TEAMS "
                   "ดู docs/review.md / "
                   "Git host user who made the change, e.g. @somchai; their teams come from PRAKAT_AUTHOR_TEAMS "
                   "(e.g. \"@dga/web @opdc/central-reviewers\"). Links use PRAKAT_PREVIEW_URL. See docs/review.md.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True,
              help="markdown (ความเห็นใน pull request) หรือ json / markdown (a pull request comment) or json.")
@lang_option
@root_option
@handled
def review(base: str, author: str | None, fmt: str, lang: str, root: Path | None) -> None:
    """สรุปว่าการเปลี่ยนแปลงทำให้เว็บไซต์สาธารณะเปลี่ยนอย่างไร และผู้เสนอมีสิทธิ์หรือไม่
    / Say what a change does to the public site, and whether its author may make it."""
    from plugins.prakat.review import run_review
    sys.exit(run_review(default_root(root), base=base, author=author, fmt=fmt, lang=lang))


if __name__ == "__main__":
    cli()
