"""Documentation that cannot rot: every command and every validation code is documented."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from build import cli
from plugins.prakat.messages import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]


def test_every_validation_code_is_documented() -> None:
    text = (ROOT / "docs" / "content.md").read_text("utf-8")
    missing = [code for code in CATALOGUE if f"`{code}`" not in text]
    assert missing == []


def test_every_command_is_in_the_readme_and_has_help() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    runner = CliRunner()
    for name, command in cli.commands.items():
        assert f"`{name}" in readme, name
        result = runner.invoke(cli, [name, "--help"])
        first_words = " ".join((command.help or "").split()[:4])
        assert result.exit_code == 0 and first_words in " ".join(result.output.split()), name


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert "make serve" in first_block and "make test" in first_block
