"""The review as a pull-request comment (Markdown) or as JSON (docs/review.md).

Markdown is written for an agency's web clerk and a reviewer at a parent
agency: the verdict first, then errors, permissions, what the public will
see change, and compliance.  The words live in ``review_text``.
"""
from __future__ import annotations

import json
from typing import Callable

from .compliance import SectionStatus
from .reporters import as_dict
from .review import Review
from .review_model import ADDED, REMOVED, V_ADDED, V_REMOVED, AgencyChange, CauseGroup, FieldChange, VersionChange
from .review_text import (AGENCY_KIND, MODIFIED_FIELDS, VERSION_KIND, Labels, code, direction, field_label,
                          field_value, page_url, preview_url, problem, reason, status_cell, text)

__all__ = ["render_markdown", "render_json", "preview_url", "RENDERERS"]

FORMAT = "prakat-review/1"
MAX_MARKDOWN = 60_000  # GitHub refuses comments over 65,536 characters
COMPACT_ROWS = 20


# --- Markdown --------------------------------------------------------------------------------

def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _verdict(review: Review, lab: Labels) -> list[str]:
    perms = review.permissions
    author = code(perms.author.user) if perms.author else None
    reasons = []
    if review.invalid:
        n = len(review.errors)
        reasons.append(lab.say(f"พบข้อผิดพลาด {n} รายการในไฟล์ที่แก้ไข ต้องแก้ก่อนจึงจะรวมได้",
                               f"{n} error(s) in the changed files must be fixed before merging"))
    if review.refused:
        n = len({r.path for r in perms.refused})
        reasons.append(lab.say(f"{author} ไม่มีสิทธิ์แก้ไข {n} ไฟล์", f"{author} may not change {n} file(s)"))
    if reasons:
        head = lab.say("**ผลการตรวจ: ❌ ยังรวมไม่ได้** — ", "**Verdict: ❌ not ready to merge** — ") + "; ".join(reasons)
    elif perms.author is None:
        head = lab.say("**ผลการตรวจ: ✅ ข้อมูลถูกต้อง** — ไม่ได้ตรวจสิทธิ์ผู้แก้ไข (ไม่ได้ระบุ `--author`)",
                       "**Verdict: ✅ valid** — the author's rights were not checked (no `--author`)")
    else:
        head = lab.say(f"**ผลการตรวจ: ✅ ผ่าน** — ข้อมูลถูกต้อง และ {author} มีสิทธิ์แก้ไขทุกไฟล์ที่เปลี่ยน",
                       f"**Verdict: ✅ ready for review** — valid, and {author} may change every file it touches")
    if review.invalid:
        reasons_next = lab.say("ขั้นต่อไป: แก้ตามรายการข้อผิดพลาดด้านล่าง แล้ว commit และ push อีกครั้ง ระบบจะตรวจใหม่ให้เอง",
                               "Next: fix the errors listed below, then commit and push again; this check runs again.")
    elif review.refused:
        reasons_next = lab.say("ขั้นต่อไป: ให้ผู้มีสิทธิ์ตามตารางด้านล่างเป็นผู้ส่งการเปลี่ยนแปลงนี้ "
                               "หรือขอให้ผู้ดูแลหน่วยงานต้นสังกัดเพิ่มชื่อคุณใน maintainers ก่อน",
                               "Next: have someone listed below make this change, or ask a parent agency's "
                               "maintainer to add you to maintainers first.")
    else:
        reasons_next = lab.say("ผู้ตรวจ: อ่านการเปลี่ยนแปลงด้านล่าง เปิดดูเอกสาร PDF และหน้าในเว็บไซต์ตัวอย่าง "
                               "แล้วกดอนุมัติ (Approve) เมื่อรวมแล้วเว็บไซต์จะเผยแพร่ให้เอง",
                               "Reviewers: read the changes below, open the PDFs and the preview pages, then "
                               "approve; the site publishes itself once merged.")
    short = review.commit[:10]
    files = len(review.content_files) + len(review.other_files)
    base = lab.say(f"เทียบกับ {code(review.base)} ({code(short)}) · ไฟล์ที่เปลี่ยน {files} ไฟล์",
                   f"Compared with {code(review.base)} ({code(short)}) · {files} file(s) changed")
    return [head, "", reasons_next, "", base]


def _findings(review: Review, lab: Labels, compact: bool) -> list[str]:
    out: list[str] = []
    for title, items in ((lab.say("❌ ข้อผิดพลาด", "❌ Errors"), review.errors),
                         (lab.say("⚠️ คำเตือน", "⚠️ Warnings"), review.warnings)):
        if not items:
            continue
        out += ["", f"### {title} ({len(items)})", ""]
        shown = items[:50] if compact else items
        for f in shown:
            out.append(f"- {code(f'{f.path}:{f.line}:{f.column}')} {code(f.code)} {text(f.message(lab.lang))}")
        if len(shown) < len(items):
            out.append(lab.say(f"- … และอีก {len(items) - len(shown)} รายการ (รัน `python build.py validate` เพื่อดูทั้งหมด)",
                               f"- … and {len(items) - len(shown)} more (run `python build.py validate` for all)"))
    return out


def _permissions(review: Review, lab: Labels) -> list[str]:
    perms = review.permissions
    out = ["", lab.say("### 🔐 สิทธิ์ในการแก้ไข", "### 🔐 Who may make this change"), ""]
    if not review.central_configured:
        out += [lab.say("⚠️ ยังไม่ได้ตั้งรายชื่อผู้ตรวจส่วนกลาง (`PRAKAT_CENTRAL_REVIEWERS` ใน pelicanconf.py)",
                        "⚠️ No central reviewers are set (`PRAKAT_CENTRAL_REVIEWERS` in pelicanconf.py)"), ""]
    if perms.author is None:
        out.append(lab.say("ไม่ได้ระบุผู้แก้ไข (`--author`) จึงแสดงเฉพาะว่าใครมีสิทธิ์แก้ไขแต่ละไฟล์",
                           "No author given (`--author`): who may change each file is listed below."))
    elif perms.allowed:
        teams = ", ".join(code(t) for t in perms.author.teams)
        via = lab.say(f" (ทีม: {teams})", f" (teams: {teams})") if teams else ""
        out.append(lab.say(f"✅ {code(perms.author.user)}{via} มีสิทธิ์แก้ไขทุกไฟล์ที่เปลี่ยน",
                           f"✅ {code(perms.author.user)}{via} may change every file this touches"))
    else:
        out.append(lab.say(
            f"❌ {code(perms.author.user)} ไม่มีสิทธิ์แก้ไขไฟล์ต่อไปนี้ ผู้ที่มีชื่อในคอลัมน์ \"ผู้มีสิทธิ์\" "
            "ต้องเป็นผู้ส่งการเปลี่ยนแปลงนี้ หรือขอให้ผู้ดูแลหน่วยงานต้นสังกัดเพิ่มชื่อคุณใน maintainers ก่อน",
            f"❌ {code(perms.author.user)} may not change these files. Someone listed under \"Who may\" must "
            "make this change, or a parent agency's maintainer must first add you to maintainers."))
        out.append("")
        rows = [[code(r.path), " ".join(code(o) for o in r.owners) or lab.say("— (ไม่มี)", "— (nobody)"),
                 reason(r, lab)] for r in perms.refused]
        out += _table([lab.say("ไฟล์", "File"), lab.say("ผู้มีสิทธิ์", "Who may"), lab.say("เหตุผล", "Why")], rows)
    shown = perms.requirements if perms.author is None else [r for r in perms.requirements if r not in perms.refused]
    if shown:
        rows = [[code(r.path), " ".join(code(o) for o in r.owners) or "—", reason(r, lab)] for r in shown]
        title = lab.say("ผู้มีสิทธิ์แก้ไขแต่ละไฟล์", "Who may change each file")
        out += ["", f"<details><summary>{title} ({len(rows)})</summary>", ""]
        out += _table([lab.say("ไฟล์", "File"), lab.say("ผู้มีสิทธิ์", "Who may"), lab.say("เหตุผล", "Why")], rows)
        out += ["", "</details>"]
    return out


def _version_row(v: VersionChange, code_: str, lab: Labels, visible: bool) -> list[str]:
    what = lab.say(*VERSION_KIND[v.change])
    if v.change == V_ADDED:
        what += " — " + text(lab.vocab_label("statuses", v.status))
    if v.modified:
        what += ": " + ", ".join(lab.say(*MODIFIED_FIELDS[m]) for m in v.modified)
    if v.current and v.replaces:
        what += lab.say(f" · เป็นฉบับปัจจุบันแทน {code(v.replaces)}", f" · now the current version, after {code(v.replaces)}")
    elif v.current:
        what += lab.say(" · เป็นฉบับปัจจุบัน", " · now the current version")
    elif v.was_current:
        what += lab.say(" · ไม่ใช่ฉบับปัจจุบันอีกต่อไป", " · no longer the current version")
    file_cell = code(v.file)
    if visible and v.status == "published" and v.change != V_REMOVED:
        file_cell = f"[{file_cell}]({lab.preview}/documents/{code_}/{v.file})"
    if v.title:
        file_cell += "<br>" + text(v.title.get(lab.lang))
    scope = text(lab.vocab_label("scopes", v.scope)) if v.section == "10" else "—"
    return [lab.section(v.section), what, file_cell, lab.date(v.date), scope]


def _agency_block(change: AgencyChange, lab: Labels) -> list[str]:
    out = ["", f"#### {lab.agency(change.code)} — {lab.say(*AGENCY_KIND[change.change])}"]
    if change.fields:
        out.append("")
        if change.change == ADDED:
            rows = [[field_label(f.field, lab), field_value(f.field, f.new, lab)] for f in change.fields]
            out += _table([lab.say("ข้อมูล", "Field"), lab.say("ค่า", "Value")], rows)
        else:
            rows = [[field_label(f.field, lab), field_value(f.field, f.old, lab), field_value(f.field, f.new, lab)]
                    for f in change.fields]
            out += _table([lab.say("ข้อมูล", "Field"), lab.say("เดิม", "Before"), lab.say("ใหม่", "After")], rows)
    if change.versions:
        out += ["", lab.say("**เอกสาร**", "**Documents**"), ""]
        rows = [_version_row(v, change.code, lab, change.visible) for v in change.versions]
        out += _table([lab.say("มาตรา", "Section"), lab.say("การเปลี่ยนแปลง", "Change"), lab.say("ไฟล์", "File"),
                       lab.say("วันที่", "Date"), lab.say("ขอบเขต", "Scope")], rows)
    if change.section13 or change.section13_items:
        out += ["", lab.say("**ใบอนุญาต (มาตรา 13)**", "**Licences (Section 13)**"), ""]
        for f in change.section13:
            out.append(f"- {field_label(f.field, lab)}: {field_value(f.field, f.old, lab)} → "
                       f"{field_value(f.field, f.new, lab)}")
        for item in change.section13_items:
            kind = lab.say("ลิงก์ราชกิจจานุเบกษา", "Royal Gazette link") if item.kind == "gazette_link" \
                else lab.say("ช่องทางตรวจสอบใบอนุญาต", "licence check channel")
            label = f" ({text(item.label.get(lab.lang))})" if item.label else ""
            out.append(f"- {kind}{label} {code(item.url)}: {lab.say(*VERSION_KIND[item.change])}")
    if change.problems:
        before, after = change.problems
        out += ["", lab.say("**ปัญหาอุปสรรค**", "**Problems reported**"), ""]
        rows = []
        for i in range(max(len(before), len(after))):
            rows.append([str(i + 1), problem(before[i] if i < len(before) else None, lab),
                         problem(after[i] if i < len(after) else None, lab)])
        out += _table(["#", lab.say("เดิม", "Before"), lab.say("ใหม่", "After")], rows)
    return out


def _compliance(groups: list[CauseGroup], lab: Labels, compact: bool) -> list[str]:
    total = len({c.code for g in groups for c in g.changes})
    out = ["", lab.say("### 📊 ผลการปฏิบัติตาม พ.ร.บ. ที่เปลี่ยน", "### 📊 Compliance changes"), "",
           lab.say(f"สถานะบนเว็บไซต์และแดชบอร์ดเปลี่ยนสำหรับ {total} หน่วยงาน จัดกลุ่มตามหน่วยงานที่เป็นต้นเหตุ "
                   "(⬇️ จากครบเป็นไม่ครบ ⬆️ จากไม่ครบเป็นครบ)",
                   f"The public status changes for {total} agencies, grouped by the agency that causes it "
                   "(⬇️ met to not met, ⬆️ not met to met)")]
    for group in groups:
        agencies = group.agencies
        down = len({c.code for c in group.changes if c.met_before is True and c.met_after is False})
        up = len({c.code for c in group.changes if c.met_before is False and c.met_after is True})
        counts = lab.say(f"มีผลกับ {len(agencies)} หน่วยงาน", f"affects {len(agencies)} agencies")
        if down:
            counts += lab.say(f" · ⬇️ {down} แห่ง", f" · ⬇️ {down}")
        if up:
            counts += lab.say(f" · ⬆️ {up} แห่ง", f" · ⬆️ {up}")
        out += ["", lab.say(f"#### เพราะการเปลี่ยนแปลงของ {lab.agency(group.cause)}",
                            f"#### Because of {lab.agency(group.cause)}"), "", counts, ""]
        rows = [[lab.agency(c.code), lab.section(c.section), status_cell(c.old, c.section, lab),
                 f"{direction(c)} {status_cell(c.new, c.section, lab)}".strip()] for c in group.changes]
        header = [lab.say("หน่วยงาน", "Agency"), lab.say("มาตรา", "Section"), lab.say("เดิม", "Before"),
                  lab.say("ใหม่", "After")]
        if compact and len(rows) > COMPACT_ROWS:
            out += _table(header, rows[:COMPACT_ROWS])
            out.append(lab.say(
                f"\n… และอีก {len(rows) - COMPACT_ROWS} รายการ — รายการเต็มอยู่ใน review.json ของงาน CI "
                "หรือรัน `python build.py review --base ...` ในเครื่อง",
                f"\n… and {len(rows) - COMPACT_ROWS} more; the full list is in the CI job's review.json, "
                "or run `python build.py review --base ...` locally"))
        elif len(rows) > COMPACT_ROWS:
            summary = lab.say(f"รายการทั้งหมด {len(rows)} รายการ", f"All {len(rows)} changes")
            out += [f"<details><summary>{summary}</summary>", ""] + _table(header, rows) + ["", "</details>"]
        else:
            out += _table(header, rows)
    return out


def _markdown(review: Review, lab: Labels, compact: bool) -> str:
    out = [lab.say("## 📋 สรุปการเปลี่ยนแปลง (Prakat)", "## 📋 Change summary (Prakat)"), ""]
    out += _verdict(review, lab)
    out += _findings(review, lab, compact)
    out += _permissions(review, lab)
    if review.agencies:
        out += ["", lab.say(f"### 🏢 หน่วยงานที่เปลี่ยน ({len(review.agencies)})",
                            f"### 🏢 Agencies changed ({len(review.agencies)})")]
        for change in review.agencies:
            out += _agency_block(change, lab)
    if review.compliance:
        out += _compliance(review.compliance, lab, compact)
    if not review.agencies and not review.compliance:
        out += ["", lab.say("ไม่มีการเปลี่ยนแปลงที่ประชาชนจะเห็นบนเว็บไซต์",
                            "Nothing the public sees on the site changes.")]
    if review.other_files:
        out += ["", lab.say(f"### 🧩 ไฟล์นอก content/ ({len(review.other_files)})",
                            f"### 🧩 Files outside content/ ({len(review.other_files)})"), "",
                lab.say("ต้องได้รับความเห็นชอบจากผู้ตรวจส่วนกลาง", "These need a central reviewer's approval."), ""]
        out += [f"- {code(p)}" for p in review.other_files]
    if _owners_change(review):
        out += ["", lab.say(
            "ℹ️ การเปลี่ยนแปลงนี้เปลี่ยนผู้ดูแลหรือโครงสร้างหน่วยงาน ไฟล์ CODEOWNERS จะถูกสร้างใหม่โดยอัตโนมัติหลังรวม "
            "(หรือรัน `python build.py codeowners`)",
            "ℹ️ This changes maintainers or the hierarchy: CODEOWNERS is regenerated after the merge "
            "(or run `python build.py codeowners`).")]
    return "\n".join(out) + "\n"


def _owners_change(review: Review) -> bool:
    return any(c.change in (ADDED, REMOVED) or any(f.field in ("maintainers", "parent") for f in c.fields)
               for c in review.agencies)


def render_markdown(review: Review, lang: str, preview: str = "") -> str:
    lab = Labels(lang, review, preview)
    full = _markdown(review, lab, compact=False)
    return full if len(full) <= MAX_MARKDOWN else _markdown(review, lab, compact=True)


# --- JSON ------------------------------------------------------------------------------------

def _status_json(status: SectionStatus | str | None) -> object:
    if status is None or isinstance(status, str):
        return status
    return {"status": status.key, "reason": status.reason, "via": status.via,
            "file": status.version.file if status.version else None}


def _value_json(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _field_json(f: FieldChange) -> dict[str, object]:
    return {"field": f.field, "old": _value_json(f.old), "new": _value_json(f.new)}


def render_json(review: Review, lang: str, preview: str = "") -> str:
    perms = review.permissions
    refused = perms.refused

    def agency(code_: str) -> dict[str, object]:
        name = review.names.get(code_)
        return {"code": code_, "name": {"th": name.th, "en": name.en} if name else None,
                "url": page_url(code_, lang, preview) if code_ in review.visible else None}

    doc = {
        "format": FORMAT,
        "base": review.base,
        "base_commit": review.commit,
        "verdict": {"ok": review.exit_code == 0, "invalid": review.invalid, "refused": review.refused},
        "validation": {"errors": [as_dict(f, lang) for f in review.errors],
                       "warnings": [as_dict(f, lang) for f in review.warnings]},
        "permissions": {
            "author": perms.author.user if perms.author else None,
            "teams": list(perms.author.teams) if perms.author else [],
            "central_reviewers": list(perms.central),
            "files": [{"path": r.path, "owners": list(r.owners), "reason": r.reason, "code": r.code,
                       "parent": r.parent, "allowed": None if perms.author is None else r not in refused}
                      for r in perms.requirements],
        },
        "agencies": [{
            **agency(c.code), "change": c.change,
            "fields": [_field_json(f) for f in c.fields],
            "versions": [{"section": v.section, "change": v.change, "file": v.file, "date": v.date,
                          "status": v.status, "scope": v.scope, "modified": list(v.modified),
                          "current": v.current, "was_current": v.was_current, "replaces": v.replaces}
                         for v in c.versions],
            "section13": [_field_json(f) for f in c.section13] + [
                {"field": i.kind, "change": i.change, "url": i.url} for i in c.section13_items],
            "problems": None if c.problems is None else {
                side: [{"category": p[0], "description": p[1]} for p in probs]
                for side, probs in zip(("old", "new"), c.problems)},
        } for c in review.agencies],
        "compliance": [{
            "cause": agency(g.cause),
            "changes": [{**agency(c.code), "section": c.section, "old": _status_json(c.old),
                         "new": _status_json(c.new)} for c in g.changes],
        } for g in review.compliance],
        "files": {"content": review.content_files, "other": review.other_files},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


RENDERERS: dict[str, Callable[[Review, str, str], str]] = {"markdown": render_markdown, "json": render_json}
