"""What a change does to the public site: agencies, fields, versions, compliance.

Pure functions over the two models of ``review_scope``: nothing here reads
files or runs Git.  Compliance comes from ``compliance.compute`` on each side
(SPEC §2 is implemented once); this module only compares the results and
says which changed agency caused each difference.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .compliance import Compliance, SectionStatus, compute
from .model import Agency, Model, Text, Version

# Kinds of agency change, stable keys.
ADDED, REMOVED, HIDDEN, SHOWN, CHANGED = "added", "removed", "hidden", "shown", "changed"
# Kinds of version change.
V_ADDED, V_REMOVED, V_PUBLISHED, V_SUSPENDED, V_MODIFIED = "added", "removed", "published", "suspended", "modified"

TEXT_FIELDS = ("name", "full_name", "address", "hours")
EMAIL_KINDS = ("public", "registered", "complaints")
FLAG_KEYS = ("serves_public", "central_agency", "important_service_point", "education", "gecc_level")


@dataclass(frozen=True)
class FieldChange:
    field: str  # "name.th", "emails.public", "flags.education", "phones", "parent", ...
    old: object
    new: object


@dataclass(frozen=True)
class VersionChange:
    section: str
    change: str  # added | removed | published | suspended | modified
    file: str
    date: str | None  # ISO, of the new side when there is one
    status: str
    scope: str
    title: Text | None = None
    modified: tuple[str, ...] = ()  # fields that changed besides the status
    current: bool = False  # the section's current version on the new side
    was_current: bool = False
    replaces: str | None = None  # when it becomes current: the file that was current before


@dataclass(frozen=True)
class ItemChange:
    """A gazette link or licence channel of Section 13, matched by its URL."""

    kind: str  # gazette_link | licence_channel
    change: str  # added | removed | published | suspended | modified
    url: str
    label: Text | None = None


@dataclass
class AgencyChange:
    code: str
    name: Text
    change: str  # added | removed | hidden | shown | changed
    visible: bool  # on the new side: whether the public has a page for it
    fields: list[FieldChange] = field(default_factory=list)
    versions: list[VersionChange] = field(default_factory=list)
    section13: list[FieldChange] = field(default_factory=list)
    section13_items: list[ItemChange] = field(default_factory=list)
    problems: tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] | None = None

    @property
    def empty(self) -> bool:
        return self.change == CHANGED and not (self.fields or self.versions or self.section13
                                               or self.section13_items or self.problems)


@dataclass(frozen=True)
class StatusChange:
    code: str
    name: Text
    section: str  # "10", "13", "16"
    old: SectionStatus | str | None  # None: not on the public site on that side
    new: SectionStatus | str | None

    @property
    def met_before(self) -> bool | None:
        return _met(self.old)

    @property
    def met_after(self) -> bool | None:
        return _met(self.new)


def _met(status: SectionStatus | str | None) -> bool | None:
    if status is None:
        return None
    if isinstance(status, SectionStatus):
        return status.met
    return status in ("complete", "not_applicable")


@dataclass
class CauseGroup:
    cause: str  # code of the changed agency the differences come from
    name: Text
    changes: list[StatusChange] = field(default_factory=list)

    @property
    def agencies(self) -> list[str]:
        return list(dict.fromkeys(c.code for c in self.changes))


# --- agencies ---------------------------------------------------------------------------------

def _text_changes(key: str, old: Text | None, new: Text | None) -> list[FieldChange]:
    out = []
    for lang in ("th", "en"):
        before = getattr(old, lang, "") or None
        after = getattr(new, lang, "") or None
        if before != after:
            out.append(FieldChange(f"{key}.{lang}", before, after))
    return out


def field_changes(old: Agency | None, new: Agency | None) -> list[FieldChange]:
    """Every profile field that differs, in the order of agency.yaml (SPEC §1.1)."""
    if old is None and new is None:
        return []
    out: list[FieldChange] = []

    def simple(key: str, attr: str | None = None) -> None:
        before = getattr(old, attr or key) if old else None
        after = getattr(new, attr or key) if new else None
        if before != after:
            out.append(FieldChange(key, before, after))

    simple("parent")
    simple("unit")
    simple("type")
    simple("subtype")
    for key in TEXT_FIELDS[:2]:
        out.extend(_text_changes(key, getattr(old, key, None), getattr(new, key, None)))
    out.extend(_text_changes("address", getattr(old, "address", None), getattr(new, "address", None)))
    simple("province")
    simple("website")
    for kind in _ordered(EMAIL_KINDS, old.emails if old else {}, new.emails if new else {}):
        before = (old.emails if old else {}).get(kind)
        after = (new.emails if new else {}).get(kind)
        if before != after:
            out.append(FieldChange(f"emails.{kind}", before, after))
    before_phones = list(old.phones) if old and old.phones else None
    after_phones = list(new.phones) if new and new.phones else None
    if before_phones != after_phones:
        out.append(FieldChange("phones", before_phones, after_phones))
    out.extend(_text_changes("hours", getattr(old, "hours", None), getattr(new, "hours", None)))
    for key in _ordered(FLAG_KEYS, old.flags if old else {}, new.flags if new else {}):
        before = (old.flags if old else {}).get(key)
        after = (new.flags if new else {}).get(key)
        if before != after:
            out.append(FieldChange(f"flags.{key}", before, after))
    before_m = list(old.maintainers) if old and old.maintainers else None
    after_m = list(new.maintainers) if new and new.maintainers else None
    if before_m != after_m:
        out.append(FieldChange("maintainers", before_m, after_m))
    return out


def _ordered(known: Sequence[str], *mappings: object) -> list[str]:
    keys = set().union(*(m.keys() for m in mappings if isinstance(m, dict)))
    return [k for k in known if k in keys] + sorted(k for k in keys if k not in known)


def _versions_by_file(agency: Agency | None, section: str) -> dict[str, Version]:
    return {v.file: v for v in (agency.versions.get(section, ()) if agency else ())}


def version_changes(old: Agency | None, new: Agency | None) -> list[VersionChange]:
    out: list[VersionChange] = []
    for section in ("10", "13", "16"):
        before = _versions_by_file(old, section)
        after = _versions_by_file(new, section)
        current_new = new.current(section) if new else None
        current_old = old.current(section) if old else None
        for name in list(after) + [n for n in before if n not in after]:
            a, b = after.get(name), before.get(name)
            v = a or b
            assert v is not None
            if b is None:
                change = V_ADDED
                modified: tuple[str, ...] = ()
            elif a is None:
                change = V_REMOVED
                modified = ()
            else:
                modified = tuple(f for f in ("date", "scope", "sha256", "title") if getattr(a, f) != getattr(b, f))
                if a.status != b.status:
                    change = V_SUSPENDED if a.status == "suspended" else V_PUBLISHED
                elif modified:
                    change = V_MODIFIED
                else:
                    continue
            out.append(VersionChange(
                section=section, change=change, file=name, date=v.date.isoformat() if v.date else None,
                status=v.status, scope=v.scope, title=v.title, modified=modified,
                current=a is not None and current_new is not None and current_new.file == a.file,
                was_current=b is not None and current_old is not None and current_old.file == b.file,
                replaces=current_old.file if (a is not None and current_new is not None and current_old is not None
                                              and current_new.file == a.file != current_old.file) else None))
    return out


def _s13_fields(old: Agency | None, new: Agency | None) -> list[FieldChange]:
    out = []
    o = old.section13 if old else None
    n = new.section13 if new else None
    for key in ("has_licences", "gazette_status"):
        before = getattr(o, key) if o else None
        after = getattr(n, key) if n else None
        if before != after:
            out.append(FieldChange(f"section13.{key}", before, after))
    return out


def _s13_items(old: Agency | None, new: Agency | None) -> list[ItemChange]:
    out: list[ItemChange] = []
    o = old.section13 if old else None
    n = new.section13 if new else None
    for kind, attr in (("gazette_link", "gazette_links"), ("licence_channel", "licence_channels")):
        before = {i.url: i for i in (getattr(o, attr) if o else ())}
        after = {i.url: i for i in (getattr(n, attr) if n else ())}
        for url in list(after) + [u for u in before if u not in after]:
            a, b = after.get(url), before.get(url)
            label = getattr(a or b, "licence", None)
            if b is None:
                out.append(ItemChange(kind, V_ADDED, url, label))
            elif a is None:
                out.append(ItemChange(kind, V_REMOVED, url, label))
            elif a.status != b.status:
                out.append(ItemChange(kind, V_SUSPENDED if a.status == "suspended" else V_PUBLISHED, url, label))
            elif a != b:
                out.append(ItemChange(kind, V_MODIFIED, url, label))
    return out


def agency_change(code: str, old: Agency | None, new: Agency | None) -> AgencyChange:
    if old is None:
        kind = ADDED
    elif new is None:
        kind = REMOVED
    elif old.visible and not new.visible:
        kind = HIDDEN
    elif new.visible and not old.visible:
        kind = SHOWN
    else:
        kind = CHANGED
    agency = new or old
    assert agency is not None
    before_p = tuple((p.category, p.description) for p in old.problems) if old else ()
    after_p = tuple((p.category, p.description) for p in new.problems) if new else ()
    if new is None:  # a removed agency's page goes as a whole: its fields are not listed one by one
        return AgencyChange(code=code, name=agency.name, change=kind, visible=False)
    return AgencyChange(
        code=code, name=agency.name, change=kind, visible=new.visible,
        fields=field_changes(old, new), versions=version_changes(old, new),
        section13=_s13_fields(old, new), section13_items=_s13_items(old, new),
        problems=(before_p, after_p) if before_p != after_p else None)


def agency_changes(base: Model, new: Model, changed: Iterable[str]) -> list[AgencyChange]:
    out = []
    for code in sorted(changed):
        old, now = base.get(code), new.get(code)
        if old is None and now is None:
            continue  # documents of an agency that exists on neither side: validation says so
        change = agency_change(code, old, now)
        if not change.empty:
            out.append(change)
    return out


# --- compliance ---------------------------------------------------------------------------------

def _scored(model: Model, codes: Iterable[str]) -> dict[str, Compliance]:
    return compute(model, [c for c in codes if c in model.agencies and model.agencies[c].visible])


def _differs(old: SectionStatus | None, new: SectionStatus | None) -> bool:
    if old is None or new is None:
        return old is not new
    return (old.met, old.reason, old.via) != (new.met, new.reason, new.via)


def status_changes(base: Model, new: Model, affected: Sequence[str]) -> list[StatusChange]:
    before = _scored(base, affected)
    after = _scored(new, affected)
    out = []
    for code in affected:
        o, n = before.get(code), after.get(code)
        if o is None and n is None:
            continue
        name = (new.get(code) or base.get(code)).name  # type: ignore[union-attr]
        for section in ("10", "16"):
            so = getattr(o, f"section{section}") if o else None
            sn = getattr(n, f"section{section}") if n else None
            if _differs(so, sn):
                out.append(StatusChange(code, name, section, so, sn))
        s13o = o.section13 if o else None
        s13n = n.section13 if n else None
        if s13o != s13n:
            out.append(StatusChange(code, name, "13", s13o, s13n))
    return out


def _cause(change: StatusChange, base: Model, new: Model, changed: set[str]) -> str:
    """The changed agency a difference comes from: the one whose version is gained or lost,
    else the agency itself or its nearest changed ancestor."""
    if change.section != "13":
        for status in (change.new, change.old):
            via = getattr(status, "via", None)
            if via in changed and via != change.code:
                return via
    if change.code in changed:
        return change.code
    for model in (new, base):
        for ancestor in model.ancestors(change.code):
            if ancestor.code in changed:
                return ancestor.code
    return change.code


def compliance_groups(base: Model, new: Model, changed: set[str], affected: Sequence[str]) -> list[CauseGroup]:
    """Status differences grouped under the changed agency that caused them.

    In each group the cause comes first, then the other agencies in code order.
    """
    groups: dict[str, CauseGroup] = {}
    for change in status_changes(base, new, affected):
        cause = _cause(change, base, new, changed)
        if cause not in groups:
            agency = new.get(cause) or base.get(cause)
            groups[cause] = CauseGroup(cause, agency.name if agency else Text(cause))
        groups[cause].changes.append(change)
    for group in groups.values():
        group.changes.sort(key=lambda c: (c.code != group.cause, c.code, c.section))
    return [groups[c] for c in sorted(groups)]
