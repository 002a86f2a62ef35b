"""``build.py review``: what a pull request changes for the public, and whether its author may.

Four questions, answered in this order in the summary:

1. Is the change valid?  ``validate`` over the changed content files
   (``gitsel.changes_since``), errors first.
2. May the author make it?  ``permissions.check_paths`` over every changed
   file, with who may change an existing agency read from the base.
3. What will the public see change?  ``review_scope`` loads both sides as far
   as the change reaches; ``review_model`` compares them.
4. Whose compliance changes, and because of which changed agency?

The exit code is 1 when the change is invalid or its author may not make it.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import click

from .cli_support import CommandFailed
from .findings import Finding
from .gitsel import GitError, changes_since
from .model import Model, Text
from .permissions import (SETTINGS_FILE, Identity, PermissionCheck, SettingsError, check_paths, parse_central,
                          teams_from_env)
from .review_model import AgencyChange, CauseGroup, agency_changes, compliance_groups
from .review_scope import changed_codes, load_sides, other_changed_paths, resolve
from .store import ContentStore
from .validate import validate


@dataclass
class Review:
    base: str  # the revision as given
    commit: str  # the commit it names
    findings: list[Finding]
    permissions: PermissionCheck
    agencies: list[AgencyChange]
    compliance: list[CauseGroup]
    content_files: list[str]
    other_files: list[str]
    names: dict[str, Text] = field(default_factory=dict)  # every agency either side knows
    visible: set[str] = field(default_factory=set)  # agencies with a public page after the change
    central_configured: bool = True

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def invalid(self) -> bool:
        return bool(self.errors)

    @property
    def refused(self) -> bool:
        return not self.permissions.allowed

    @property
    def exit_code(self) -> int:
        return 1 if self.invalid or self.refused else 0


def _central_at(root: Path, commit: str) -> tuple[str, ...] | None:
    """The central reviewers as the base revision names them: a change cannot appoint its own."""
    done = subprocess.run(["git", "show", f"{commit}:{SETTINGS_FILE}"], cwd=root, capture_output=True, check=False)
    if done.returncode != 0:
        return None
    return parse_central(done.stdout.decode("utf-8", "replace"))


def build_review(root: Path, base: str, author: str | None, teams: tuple[str, ...] = ()) -> Review:
    root = Path(root)
    store = ContentStore(root)
    try:
        commit = resolve(root, base)
        changes = changes_since(root, commit, meanwhile=lambda: store.codes)
        store.suggest_referrers(changes.referrer_candidates)
        content = changes.paths
        others = other_changed_paths(root, commit)
    except GitError as err:
        raise CommandFailed(
            f"อ่านประวัติ Git ที่ {base} ไม่ได้ ({err}) — ตรวจชื่อ branch หรือ commit และว่าดึงประวัติมาครบ "
            "(ใน CI ใช้ fetch-depth: 0)",
            f"cannot read Git history at {base} ({err}); check the branch or commit name, and that the "
            "history was fetched (fetch-depth: 0 in CI)", exit_code=2) from err
    try:
        central = _central_at(root, commit)
    except SettingsError as err:
        raise CommandFailed(f"อ่านการตั้งค่าไม่ได้: {err}", f"cannot read the settings: {err}") from err
    codes = changed_codes(content)
    findings = validate(root, sorted(content), store=store).findings if content else []
    if codes:
        sides = load_sides(root, commit, store, codes)
        base_model, new_model, affected = sides.base, sides.new, sides.affected
    else:
        base_model, new_model, affected = Model({}), Model({}), []
    identity = Identity.of(author, teams) if author else None
    permissions = check_paths(content | others, base_model, new_model, central or (), identity)
    names = {c: a.name for model in (base_model, new_model) for c, a in model.agencies.items()}
    return Review(
        base=base, commit=commit, findings=findings, permissions=permissions,
        agencies=agency_changes(base_model, new_model, codes),
        compliance=compliance_groups(base_model, new_model, codes, affected),
        content_files=sorted(content), other_files=sorted(others), names=names,
        visible={c for c, a in new_model.agencies.items() if a.visible},
        central_configured=bool(central))


def run_review(root: Path, base: str, author: str | None = None, fmt: str = "markdown", lang: str = "th") -> int:
    from .review_render import render_json, render_markdown, preview_url

    review = build_review(root, base, author, teams_from_env())
    if fmt == "json":
        click.echo(render_json(review, lang, preview_url()))
    else:
        click.echo(render_markdown(review, lang, preview_url()))
    return review.exit_code
