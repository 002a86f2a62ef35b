"""The command line in the web team's language: usage mistakes and help, Thai first, English on request."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from plugins.prakat.cli_usage import requested_language

BUILD = Path(__file__).resolve().parents[1] / "build.py"
THAI = re.compile(r"[\u0e00-\u0e7f]")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRAKAT_")}
    return subprocess.run([sys.executable, str(BUILD), *args], capture_output=True, text=True, env=env,
                          check=False, cwd=BUILD.parent)


MISTAKES = [
    # arguments, what the Thai message says, what the English one says
    (["add-document", "0111013900000", "x.pdf", "--section", "10"], "ต้องระบุ --date", "Missing option '--date'"),
    (["set-status"], "ต้องระบุ CODE", "Missing argument 'CODE'"),
    (["validate", "--format", "xml"], "ค่าที่ให้กับ --format ใช้ไม่ได้ — เลือกได้: text, json, github",
     "'xml' is not one of"),
    (["serve", "--port", "99999"], "ค่าที่ให้กับ --port ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 65535",
     "99999 is not in the range"),
    (["build", "--ful"], "ไม่มีตัวเลือก --ful หรือหมายถึง --full", "No such option '--ful'"),
    (["validte"], "ไม่มีคำสั่ง validte — คำสั่งที่มี: add-document", "No such command 'validte'"),
    (["new-agency", "0111013900000", "extra", "--name-th", "x"], "มีค่าเกินมา: extra", "unexpected extra argument"),
    (["validate", "--changed-since"], "ตัวเลือก --changed-since ต้องมีค่าตามหลัง", "requires an argument"),
]


@pytest.mark.parametrize(("args", "thai", "english"), MISTAKES, ids=[" ".join(m[0]) for m in MISTAKES])
def test_a_usage_mistake_is_explained_in_thai_and_in_english_on_request(args: list[str], thai: str,
                                                                         english: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"ข้อผิดพลาด: {thai}" in done.stderr, done.stderr
    help_command = "build.py --help" if args[0] == "validte" else f"build.py {args[0]} --help"
    assert f"ดูวิธีใช้: {help_command}" in done.stderr
    english_run = run(args[0], "--lang", "en", *args[1:])  # before an option that is missing its value
    assert english_run.returncode == 2
    assert english in english_run.stderr and "error: " in english_run.stderr, english_run.stderr
    assert not THAI.search(english_run.stderr.split("Usage:")[-1].split("\n", 1)[-1])


def test_no_command_shows_the_help_in_both_languages() -> None:
    done = run()
    assert done.returncode == 2
    assert "Usage: build.py" in done.stderr and "ประกาศ" in done.stderr and "Prakat: publish" in done.stderr


def test_help_still_exits_0_and_a_command_keeps_its_own_exit_code(tmp_path: Path) -> None:
    assert run("--help").returncode == 0
    assert run("validate", "--help").returncode == 0
    broken = tmp_path / "content" / "agencies" / "0111013900000"
    broken.mkdir(parents=True)
    (broken / "agency.yaml").write_text("code: [\n", "utf-8")
    (tmp_path / "content" / "documents").mkdir()
    assert run("validate", "--root", str(tmp_path)).returncode == 1


def _commands() -> list[tuple[str, click.Command]]:
    from build import cli

    return [(name, cli.commands[name]) for name in sorted(cli.commands)]


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_and_option_is_described_in_thai_and_in_english(name: str, command: click.Command) -> None:
    assert command.help and THAI.search(command.help) and re.search(r"[A-Za-z]{4}", command.help), name
    ctx = click.Context(command, info_name=name)
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            text = param.help or ""
            assert THAI.search(text) and " / " in text, (name, param.opts)


@pytest.mark.parametrize(("args", "lang"), [
    (["--lang", "en"], "en"), (["--lang=en"], "en"), (["--lang", "th"], "th"), ([], "th"), (["--lang"], "th"),
])
def test_the_language_is_read_from_arguments_that_could_not_be_parsed(args: list[str], lang: str) -> None:
    assert requested_language(["validate", *args]) == lang


def test_a_python_without_the_packages_runs_the_command_in_the_project_environment() -> None:
    # -S: no site-packages, as with a system python3 that has none of the project's packages
    assert (BUILD.parent / ".venv" / "bin" / "python").exists()  # make setup made it
    done = subprocess.run([sys.executable, "-S", str(BUILD), "set-status", "--help"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "เผยแพร่หรือระงับฉบับใดฉบับหนึ่ง" in done.stdout


def test_without_the_project_environment_the_missing_packages_are_named(tmp_path: Path) -> None:
    lone = tmp_path / "build.py"  # a copy with no .venv beside it
    lone.write_bytes(BUILD.read_bytes())
    done = subprocess.run([sys.executable, "-S", str(lone), "validate"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "ยังไม่ได้ติดตั้งโปรแกรมที่ Prakat ต้องใช้ (ไม่พบ click" in done.stderr
    assert "run make setup" in done.stderr
