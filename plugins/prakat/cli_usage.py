"""Mistakes on the command line, told in Thai first (English with ``--lang en``).

Click words its usage errors in English only ("Missing option '--date'."),
and a web team reads Thai first.  ``PrakatGroup`` catches them and says the
same in the language asked for: what is wrong, with the option or argument by
name, the values allowed where there is a fixed list, and where to read how
the command is used.  The exit code stays 2 (wrong usage).
"""
from __future__ import annotations

import os
import re
import sys
from typing import Any, Sequence

import click

from .cli_support import Say


def requested_language(args: Sequence[str]) -> str:
    """The ``--lang`` among raw arguments that could not be parsed; Thai unless English is asked for."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return "en" if args[index + 1] == "en" else "th"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "th"
    return "th"


def _name(param: click.Parameter | None, ctx: click.Context | None) -> str:
    if param is None:
        return "?"
    if isinstance(param, click.Argument):
        return param.make_metavar(ctx) if ctx is not None else (param.name or "?").upper()
    return " / ".join(param.opts)


def _choices(param: click.Parameter | None) -> str | None:
    if param is not None and isinstance(param.type, click.Choice):
        return ", ".join(str(choice) for choice in param.type.choices)
    return None


def _thai(err: click.UsageError) -> str:
    """What is wrong, in Thai, for each kind of mistake Click reports."""
    ctx = err.ctx
    if isinstance(err, click.MissingParameter):
        name = _name(err.param, ctx)
        choices = _choices(err.param)
        return f"ต้องระบุ {name}" + (f" (เลือกได้: {choices})" if choices else "")
    if isinstance(err, click.BadParameter):
        name = _name(err.param, ctx)
        choices = _choices(err.param)
        if choices:
            return f"ค่าที่ให้กับ {name} ใช้ไม่ได้ — เลือกได้: {choices}"
        if err.param is not None and isinstance(err.param.type, click.IntRange):
            low, high = err.param.type.min, err.param.type.max
            return f"ค่าที่ให้กับ {name} ต้องเป็นจำนวนเต็มตั้งแต่ {low} ถึง {high}"
        return f"ค่าที่ให้กับ {name} ใช้ไม่ได้ ({err.message})"
    if isinstance(err, click.NoSuchOption):
        guess = f" หรือหมายถึง {' / '.join(err.possibilities)}" if err.possibilities else ""
        return f"ไม่มีตัวเลือก {err.option_name}{guess}"
    if isinstance(err, click.BadOptionUsage):
        return f"ตัวเลือก {err.option_name} ต้องมีค่าตามหลัง"
    message = err.message
    if match := re.match(r"No such command '(.*)'\.", message):
        group = ctx.command if ctx is not None and isinstance(ctx.command, click.Group) else None
        commands = ", ".join(sorted(group.list_commands(ctx))) if group is not None and ctx is not None else ""
        return f"ไม่มีคำสั่ง {match.group(1)}" + (f" — คำสั่งที่มี: {commands}" if commands else "")
    if match := re.match(r"Got unexpected extra arguments? \((.*)\)", message):
        return f"มีค่าเกินมา: {match.group(1)}"
    if message.startswith("Missing command"):
        return "ต้องระบุคำสั่ง"
    return f"ใช้คำสั่งไม่ถูกต้อง ({message})"


def explain(err: click.UsageError, lang: str, command_path: str) -> str:
    """The lines to print for a usage error: the command's usage, what is wrong, where to read more.

    ``command_path`` names the command when Click's error does not carry its context.
    """
    say = Say(lang)
    ctx = err.ctx
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        command_path = ctx.command_path
    what = say(_thai(err), err.format_message())
    lines.append(say("ข้อผิดพลาด: ", "error: ") + what)
    help_command = f"{command_path} --help"
    lines.append(say(f"ดูวิธีใช้: {help_command}", f"See {help_command} for how to use it."))
    return "\n".join(lines)


HELP_OPTION_HELP = "แสดงวิธีใช้นี้ / Show this message and exit."


class _BilingualHelpOption:
    """-h/--help says what it does in both languages, like every other option."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option


class PrakatCommand(_BilingualHelpOption, click.Command):
    """A command of the group below."""


class PrakatGroup(_BilingualHelpOption, click.Group):
    """A command group whose usage errors speak Thai unless ``--lang en`` is given."""

    command_class = PrakatCommand

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> Any:
        if not extra.pop("standalone_mode", True):  # a caller that handles Click's exceptions itself
            return super().main(args, prog_name, standalone_mode=False, **extra)
        arguments = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(arguments, prog_name, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as err:  # no command at all: the help is the answer
            click.echo(err.format_message(), err=True)
            sys.exit(err.exit_code)
        except click.UsageError as err:
            click.echo(explain(err, requested_language(arguments), self._command_path(arguments, prog_name)),
                       err=True)
            sys.exit(err.exit_code)
        except click.ClickException as err:
            err.show()
            sys.exit(err.exit_code)
        except click.exceptions.Abort:
            click.echo(Say(requested_language(arguments))("ยกเลิกแล้ว", "Aborted."), err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)  # what standalone Click does after a command returns

    def _command_path(self, arguments: list[str], prog_name: str | None) -> str:
        """This program and the command among ``arguments``, for an error that has lost its context."""
        program = prog_name or os.path.basename(sys.argv[0]) or "build.py"
        command = next((arg for arg in arguments if arg in self.commands), None)
        return f"{program} {command}" if command else program
