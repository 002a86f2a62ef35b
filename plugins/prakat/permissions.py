"""Who may change what: the rule behind CODEOWNERS and ``review --author``.

- The ``maintainers`` of an agency may change its files
  (``content/agencies/<code>/*`` and ``content/documents/<code>/*``), and so
  may the maintainers of every ancestor (หน่วยงานต้นสังกัด), the way a parent
  reported for its subordinates in the old back office (สิทธิ์โครงสร้าง).
- A new agency belongs to its parent's chain: its own ``maintainers`` entry
  does not count until it has been merged, so nobody can add an agency and
  name themselves.
- Moving an agency under another parent also needs the new parent's chain;
  making it top-level needs the central reviewers.
- The central reviewers, ``PRAKAT_CENTRAL_REVIEWERS`` in pelicanconf.py, may
  change anything; everything outside content/ (code, schemas, theme, CI
  files, CODEOWNERS) is theirs alone.

Owners are Git host handles, ``@user`` or ``@org/team``.  A team counts only by
name: an author matches it when it is among the author's teams, which the CI
passes in ``PRAKAT_AUTHOR_TEAMS``.  Handles compare without regard to case, as
GitHub and GitLab do.  Who may change an existing agency is read from the
*base* revision, so a pull request cannot grant itself the right to make
itself.
"""
from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .model import Model
from .store import AGENCIES, code_of

SETTING = "PRAKAT_CENTRAL_REVIEWERS"
SETTINGS_FILE = "pelicanconf.py"
TEAMS_ENV = "PRAKAT_AUTHOR_TEAMS"

# Why a file needs the owners it needs: stable keys, translated by the renderers.
AGENCY = "agency"  # files of an agency that exists at the base revision
NEW_AGENCY = "new_agency"  # files of an agency the change adds: its parent's chain
MOVE = "move"  # agency.yaml names a new parent: that parent's chain must agree
MOVE_TOP = "move_top"  # agency.yaml drops its parent: only the central reviewers
NO_AGENCY = "no_agency"  # content files that belong to no agency
OUTSIDE = "outside_content"  # code, schemas, theme, CI files, CODEOWNERS


class SettingsError(Exception):
    "pelicanconf.py cannot be read, or PRAKAT_CENTRAL_REVIEWERS is not a list of handles"


def central_reviewers(root: Path) -> tuple[str, ...] | None:
    """``PRAKAT_CENTRAL_REVIEWERS`` from the project's pelicanconf.py; None when absent."""
    path = Path(root) / SETTINGS_FILE
    if not path.is_file():
        return None
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SettingsError(f"{SETTINGS_FILE}: {err}") from err
    return parse_central(text)


def parse_central(text: str) -> tuple[str, ...] | None:
    """The setting from the text of pelicanconf.py, read without running it.

    Reading the syntax tree instead of importing keeps Pelican and the site's
    settings code out of a permission check, and lets ``review`` read the
    file as the base revision has it.  None when the setting is absent.
    """
    try:
        tree = ast.parse(text, filename=SETTINGS_FILE)
    except (SyntaxError, ValueError) as err:
        raise SettingsError(f"{SETTINGS_FILE}: {err}") from err
    value: object = None
    found = False
    for node in tree.body:  # the last assignment wins, as when Python runs the file
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == SETTING for t in targets):
            try:
                value = ast.literal_eval(node.value)  # type: ignore[arg-type]
            except ValueError as err:
                raise SettingsError(f"{SETTINGS_FILE}:{node.lineno}: {SETTING} must be a plain list") from err
            found = True
    if not found:
        return None
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SettingsError(f"{SETTINGS_FILE}: {SETTING} must be a list of handles such as \"@org/team\"")
    return unique(handle(v) for v in value)


def handle(value: str) -> str:
    """``somchai`` and ``@somchai`` are the same handle."""
    value = value.strip()
    return value if value.startswith("@") else "@" + value


def unique(handles: Iterable[str]) -> tuple[str, ...]:
    """Handles in first-seen order, without repeats (compared without case)."""
    seen: set[str] = set()
    out = []
    for h in handles:
        if h.casefold() not in seen:
            seen.add(h.casefold())
            out.append(h)
    return tuple(out)


def teams_from_env(environ: dict[str, str] | None = None) -> tuple[str, ...]:
    """The author's teams from PRAKAT_AUTHOR_TEAMS: handles separated by commas or spaces."""
    raw = (os.environ if environ is None else environ).get(TEAMS_ENV, "")
    return unique(handle(t) for t in re.split(r"[\s,]+", raw) if t.strip())


@dataclass(frozen=True)
class Identity:
    """The author of a change: a user handle and the teams the CI says they are in."""

    user: str
    teams: tuple[str, ...] = ()

    @classmethod
    def of(cls, user: str, teams: Sequence[str] = ()) -> "Identity":
        return cls(handle(user), unique(handle(t) for t in teams))

    def matches(self, owners: Iterable[str]) -> bool:
        mine = {self.user.casefold(), *(t.casefold() for t in self.teams)}
        return any(o.casefold() in mine for o in owners)


def chain_owners(model: Model, code: str) -> tuple[str, ...]:
    """The agency's own maintainers, then each ancestor's, nearest first."""
    agency = model.get(code)
    if agency is None:
        return ()
    found = list(agency.maintainers)
    for ancestor in model.ancestors(code):
        found.extend(ancestor.maintainers)
    return unique(found)


def agency_owners(code: str, base: Model, new: Model) -> tuple[tuple[str, ...], str]:
    """Who may change the files of agency ``code`` (central reviewers aside), and why.

    An agency that exists at the base is owned by its chain there.  A new one
    by its parent's chain: at the base if the parent exists there, else that
    new parent's own parent's chain, and so on upwards.
    """
    if base.get(code) is not None:
        return chain_owners(base, code), AGENCY
    if new.get(code) is None:
        return (), NO_AGENCY
    return _new_chain(code, base, new), NEW_AGENCY


def _new_chain(code: str, base: Model, new: Model) -> tuple[str, ...]:
    seen = {code}
    parent = new.agencies[code].parent
    while parent and parent not in seen:
        if base.get(parent) is not None:
            return chain_owners(base, parent)
        seen.add(parent)
        agency = new.get(parent)
        if agency is None:
            return ()
        parent = agency.parent
    return ()


@dataclass(frozen=True)
class Requirement:
    """One changed file and who may change it."""

    path: str
    owners: tuple[str, ...]  # central reviewers included, last
    reason: str
    code: str | None = None
    parent: str | None = None  # for MOVE: the new parent


@dataclass
class PermissionCheck:
    author: Identity | None
    central: tuple[str, ...]
    requirements: list[Requirement] = field(default_factory=list)

    @property
    def refused(self) -> list[Requirement]:
        if self.author is None:
            return []
        return [r for r in self.requirements if not self.author.matches(r.owners)]

    @property
    def allowed(self) -> bool:
        return not self.refused


def check_paths(paths: Iterable[str], base: Model, new: Model, central: Sequence[str],
                author: Identity | None) -> PermissionCheck:
    """Who may change each of ``paths``, and whether ``author`` may (None: nobody asked).

    ``base`` and ``new`` must hold every agency the paths name, their
    ancestors on both sides and any new parent's chain.
    """
    central = tuple(central)
    result = PermissionCheck(author, central)
    for path in sorted(set(paths)):
        code = code_of(path)
        if code is None:
            reason = NO_AGENCY if path.startswith("content/") else OUTSIDE
            result.requirements.append(Requirement(path, central, reason))
            continue
        owners, reason = agency_owners(code, base, new)
        result.requirements.append(Requirement(path, unique([*owners, *central]), reason, code))
        if path == f"{AGENCIES}/{code}/agency.yaml":
            move = _move(code, base, new, central, path)
            if move:
                result.requirements.append(move)
    return result


def _move(code: str, base: Model, new: Model, central: tuple[str, ...], path: str) -> Requirement | None:
    before, after = base.get(code), new.get(code)
    if before is None or after is None or before.parent == after.parent:
        return None
    if not after.parent:
        return Requirement(path, central, MOVE_TOP, code)
    if base.get(after.parent) is not None:
        owners = chain_owners(base, after.parent)
    elif new.get(after.parent) is not None:
        owners = _new_chain(after.parent, base, new)
    else:
        owners = ()
    return Requirement(path, unique([*owners, *central]), MOVE, code, after.parent)
