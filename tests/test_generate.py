"""The synthetic benchmark tree of bench/generate.py: SPEC §1 format, references, determinism."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from pypdf import PdfReader
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from bench.generate import MARKER, GenerateError, Stats, generate, main, mutate, pdf_bytes

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
AGENCIES, VERSIONS = 60, 150
CODE = re.compile(r"[0-9]{13}")
FILE_NAME = re.compile(r"[A-Za-z0-9\u0E01-\u0E3A\u0E40-\u0E4E._-]+\.pdf")
PROVINCES = {f"{n}" for r in ((10, 27), (30, 49), (50, 58), (60, 67), (70, 77), (80, 86), (90, 96))
             for n in range(r[0], r[1] + 1)}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Stats]:
    out = tmp_path_factory.mktemp("small") / "tree"
    return out, generate(out, AGENCIES, VERSIONS, seed=1)


@pytest.fixture(scope="module")
def medium(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Stats, dict[str, Any]]:
    out = tmp_path_factory.mktemp("medium") / "tree"
    stats = generate(out, 1000, 3000, seed=7)
    return out, stats, records(out)


def load(path: Path) -> Any:
    return yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def records(out: Path) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
    """code -> (agency.yaml, report.yaml or None)"""
    found = {}
    for folder in sorted((out / "content" / "agencies").iterdir()):
        report = folder / "report.yaml"
        found[folder.name] = (load(folder / "agency.yaml"), load(report) if report.exists() else None)
    return found


def versions(report: dict[str, Any] | None) -> list[tuple[int, dict[str, Any]]]:
    if not report:
        return []
    return [(n, v) for n in (10, 13, 16) for v in (report.get(f"section{n}") or {}).get("versions", [])]


def tree_digest(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and ".git" not in p.relative_to(out).parts}


def iso_dates(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: iso_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso_dates(v) for v in value]
    return value


def git(out: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(out), *args], check=True, capture_output=True, text=True).stdout


# --- layout and references ------------------------------------------------------------------------

def test_folders_hold_one_agency_each_named_by_its_code(small: tuple[Path, Stats]) -> None:
    out, _ = small
    agencies_dir = out / "content" / "agencies"
    for folder in agencies_dir.iterdir():
        assert folder.is_dir() and not folder.is_symlink()
        assert CODE.fullmatch(folder.name)
        assert {p.name for p in folder.iterdir()} <= {"agency.yaml", "report.yaml"}
        text = (folder / "agency.yaml").read_bytes().decode("utf-8").lstrip("\ufeff")
        assert re.search(rf"^code: [\"']{folder.name}[\"']\r?$", text, re.M), "the code is quoted"
        agency = load(folder / "agency.yaml")
        assert agency["code"] == folder.name
        assert agency["province"] in PROVINCES
        assert agency["name"]["th"]
        assert agency["website"].startswith("https://") if "website" in agency else True
    assert not [p for p in (out / "content").rglob("*") if p.is_symlink()]


def test_every_parent_exists_and_there_is_no_cycle(small: tuple[Path, Stats]) -> None:
    out, _ = small
    parent = {code: a.get("parent") for code, (a, _) in records(out).items()}
    assert any(p is None for p in parent.values()), "some agencies are at the top"
    for code in parent:
        seen = {code}
        up = parent[code]
        while up is not None:
            assert up in parent, f"{code}: parent {up} does not exist"
            assert up not in seen, f"{code}: cycle through {up}"
            seen.add(up)
            up = parent[up]


def test_every_referenced_pdf_exists_with_its_sha256_and_none_is_orphan(small: tuple[Path, Stats]) -> None:
    out, _ = small
    documents = out / "content" / "documents"
    referenced = set()
    for code, (_, report) in records(out).items():
        for section, v in versions(report):
            assert FILE_NAME.fullmatch(v["file"]), v["file"]
            pdf = documents / code / v["file"]
            assert hashlib.sha256(pdf.read_bytes()).hexdigest() == v["sha256"]
            referenced.add(pdf)
            assert v["status"] in ("published", "suspended")
            day = v["effective" if section == 16 else "announced"]
            assert date(2023, 1, 1) <= day <= date(2026, 10, 31)
    on_disk = {p for p in documents.rglob("*") if p.is_file()}
    assert on_disk == referenced
    assert {p.name for p in documents.iterdir()} <= {p.name for p in (out / "content" / "agencies").iterdir()}


def test_stats_match_the_files(small: tuple[Path, Stats]) -> None:
    out, stats = small
    found = records(out)
    files = [p for p in out.rglob("*") if p.is_file()]
    pdfs = [p for p in (out / "content" / "documents").rglob("*.pdf")]
    assert stats.agencies == len(found) == AGENCIES
    assert stats.visible_agencies == sum(a.get("visible", True) for a, _ in found.values())
    assert stats.reports == sum(r is not None for _, r in found.values())
    assert stats.versions == sum(len(versions(r)) for _, r in found.values()) == VERSIONS
    assert stats.pdfs == len(pdfs)
    assert stats.files == len(files)
    assert stats.bytes_written == sum(p.stat().st_size for p in files)
    assert stats.elapsed_seconds > 0


def test_pdfs_open_with_pypdf_and_show_their_unique_line(small: tuple[Path, Stats]) -> None:
    out, _ = small
    pdfs = sorted((out / "content" / "documents").rglob("*.pdf"))
    texts = set()
    for pdf in pdfs[::5]:
        assert 900 <= pdf.stat().st_size <= 3300
        reader = PdfReader(pdf, strict=True)
        assert len(reader.pages) == 1
        text = reader.pages[0].extract_text()
        assert f"Agency {pdf.parent.name}" in text
        texts.add(next(line for line in text.splitlines() if line.startswith("Reference ")))
    assert len(texts) == len(pdfs[::5])
    assert len({hashlib.sha256(p.read_bytes()).digest() for p in pdfs}) == len(pdfs)


def test_pdf_bytes_has_a_correct_xref_table() -> None:
    data = pdf_bytes("t", ["Hello (world) \\ back"])
    xref_at = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref_at:].startswith(b"xref\n0 7\n")
    entries = data[xref_at:].split(b"\n")[3:9]
    for number, entry in enumerate(entries, 1):
        offset = int(entry[:10])
        assert data[offset:].startswith(b"%d 0 obj" % number)
    reader = PdfReader(__import__("io").BytesIO(data), strict=True)
    assert "Hello (world) \\ back" in reader.pages[0].extract_text()


# --- schemas ----------------------------------------------------------------------------------------

def _vocabulary_schema() -> dict[str, Any]:
    try:
        from plugins.prakat.vocabulary import vocabulary_schema
    except ImportError:  # built from the data file, as the project does
        raw = json.loads((SCHEMAS / "vocabulary.json").read_text(encoding="utf-8"))
        members = {"type": "types", "subtype": "subtypes", "province": "provinces",
                   "problem_category": "problem_categories", "status": "statuses", "scope": "scopes",
                   "gazette_status": "gazette_statuses", "gecc_level": "gecc_levels"}
        defs: dict[str, Any] = {name: {"enum": list(raw[member])} for name, member in members.items()}
        defs["gecc_level"]["enum"].append(None)
        return {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": "https://prakat.go.th/schemas/vocabulary.schema.json", "$defs": defs}
    return vocabulary_schema()


def test_every_record_is_valid_against_the_json_schemas(medium: tuple[Path, Stats, dict[str, Any]]) -> None:
    names = ("agency.schema.json", "report.schema.json", "vocabulary.json")
    missing = [name for name in names if not (SCHEMAS / name).exists()]
    if missing:
        pytest.skip(f"schemas/{', schemas/'.join(missing)} not written yet: records not checked against them")
    agency_schema, report_schema = (json.loads((SCHEMAS / n).read_text(encoding="utf-8")) for n in names[:2])
    registry = Registry().with_resources(
        (s["$id"], DRAFT202012.create_resource(s)) for s in (_vocabulary_schema(), agency_schema, report_schema))
    agency_validator = Draft202012Validator(agency_schema, registry=registry, format_checker=FormatChecker())
    report_validator = Draft202012Validator(report_schema, registry=registry, format_checker=FormatChecker())
    problems = []
    for code, (agency, report) in medium[2].items():
        problems += [f"{code}/agency.yaml: {e.message}" for e in agency_validator.iter_errors(iso_dates(agency))]
        if report is not None:
            problems += [f"{code}/report.yaml: {e.message}" for e in report_validator.iter_errors(iso_dates(report))]
    assert problems == []


# --- shape --------------------------------------------------------------------------------------------

def test_the_tree_has_a_realistic_shape(medium: tuple[Path, Stats, dict[str, Any]]) -> None:
    _, stats, found = medium
    agencies = [a for a, _ in found.values()]
    assert stats.versions == 3000 and stats.agencies == 1000
    assert 9 <= sum(not a["visible"] for a in agencies) <= 11, "about 1% hidden"
    assert 140 <= sum(r is None for _, r in found.values()) <= 160, "about 15% without report.yaml"
    kinds = Counter(a["type"] for a in agencies)
    assert kinds["local_government"] == max(kinds.values())
    assert {"government_agency", "state_enterprise", "public_organization", "independent_organization",
            "local_government", "educational_institution"} <= set(kinds)
    subtypes = Counter(a["subtype"] for a in agencies)
    assert {"central", "regional", "provincial_admin_org", "municipality", "subdistrict_admin_org"} <= set(subtypes)
    assert sum(a.get("unit", False) for a in agencies) > 100
    assert sum(a.get("parent") is None for a in agencies) <= 5
    names = " ".join(a["name"]["th"] for a in agencies)
    for word in ("กรม", "สำนักงาน", "เทศบาลตำบล", "องค์การบริหารส่วนตำบล", "ส่งเสริม", "เศรษฐกิจ", "สถิติ", "รัฐบาล",
                 "ดิจิทัล", "มหาชน", "จังหวัด", "โรงเรียน", "มหาวิทยาลัย"):
        assert word in names, word
    all_versions = [(n, v) for _, r in found.values() for n, v in versions(r)]
    suspended = sum(v["status"] == "suspended" for _, v in all_versions) / len(all_versions)
    assert 0.06 <= suspended <= 0.14
    assert any(v.get("scope") == "subordinates" for n, v in all_versions if n == 10)
    assert all("scope" not in v for n, v in all_versions if n != 10)
    s13 = Counter(
        "missing" if "section13" not in r else "none" if not r["section13"]["has_licences"]
        else r["section13"]["gazette_status"] for _, r in found.values() if r)
    assert set(s13) == {"missing", "none", "complete", "partial", "not_published"}
    assert max(len(r.get("problems", [])) for _, r in found.values() if r) == 3
    maintainers = [m for a in agencies for m in a["maintainers"]]
    assert all(re.fullmatch(r"@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?", m) for m in maintainers)


# --- determinism ------------------------------------------------------------------------------------

def test_the_same_seed_gives_byte_identical_trees(small: tuple[Path, Stats], tmp_path: Path) -> None:
    out, _ = small
    again = tmp_path / "again"
    generate(again, AGENCIES, VERSIONS, seed=1)
    assert tree_digest(again) == tree_digest(out)
    other = tmp_path / "other"
    generate(other, AGENCIES, VERSIONS, seed=2)
    assert tree_digest(other) != tree_digest(out)


def test_an_earlier_tree_is_replaced_but_a_foreign_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "tree"
    generate(out, 30, 40, seed=3)
    (out / "content" / "documents" / "stale.pdf").write_bytes(b"old")
    assert generate(out, 30, 40, seed=3, git=True).agencies == 30
    assert not (out / "content" / "documents" / "stale.pdf").exists()
    assert git(out, "status", "--porcelain") == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tree"]
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(GenerateError):
        generate(foreign, 30, 40, seed=3)
    assert (foreign / "notes.txt").read_text() == "keep me"


# --- Git and the one-agency change ------------------------------------------------------------------

def test_git_repository_has_one_reproducible_commit_and_a_clean_tree(tmp_path: Path) -> None:
    heads = []
    for name in ("a", "b"):
        out = tmp_path / name
        generate(out, 40, 90, seed=5, git=True)
        assert git(out, "status", "--porcelain") == ""
        assert git(out, "log", "--format=%an|%ae|%aI|%cI").splitlines() == [
            "Prakat Benchmarks|bench@prakat.invalid|2026-11-01T09:00:00+07:00|2026-11-01T09:00:00+07:00"]
        assert sorted(git(out, "ls-files", "-z").split("\0")[:-1]) == sorted(tree_digest(out))
        git(out, "fsck", "--full", "--strict")
        heads.append(git(out, "rev-parse", "HEAD"))
    assert heads[0] == heads[1]


def test_mutate_changes_one_agency_in_the_working_tree(tmp_path: Path) -> None:
    out = tmp_path / "tree"
    generate(out, 40, 90, seed=5, git=True)
    before = records(out)
    code = mutate(out)
    assert before[code][0]["visible"]
    assert mutate(out, code, seed=3) == code  # a second change of the same agency
    after = records(out)
    assert [c for c in before if before[c] != after[c]] == [code]
    agency, report = after[code]
    assert agency["phones"] != before[code][0]["phones"]
    new = [v for n, v in versions(report) if n == 10][-2:]
    assert all(v["status"] == "published" and v["file"].startswith("s10-update-") for v in new)
    for v in new:
        pdf = out / "content" / "documents" / code / v["file"]
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == v["sha256"]
        assert code in PdfReader(pdf).pages[0].extract_text()
    changed = {line[3:] for line in git(out, "status", "--porcelain", "-uall").splitlines()}
    assert changed == {f"content/agencies/{code}/agency.yaml", f"content/agencies/{code}/report.yaml",
                       f"content/documents/{code}/s10-update-1.pdf", f"content/documents/{code}/s10-update-2.pdf"}


def test_mutate_with_a_code_and_commit(tmp_path: Path) -> None:
    out = tmp_path / "tree"
    generate(out, 40, 90, seed=5, git=True)
    silent = next(c for c in sorted(p.name for p in (out / "content" / "agencies").iterdir())
                  if not (out / "content" / "agencies" / c / "report.yaml").exists())
    assert mutate(out, silent, commit=True) == silent
    assert git(out, "status", "--porcelain") == ""
    assert len(git(out, "log", "--format=%H").split()) == 2
    _, report = records(out)[silent]
    assert [v["file"] for v in report["section10"]["versions"]] == ["s10-update-1.pdf"]
    with pytest.raises(GenerateError):
        mutate(out, "0000000000000")


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tree"
    assert main([str(out), "--agencies", "25", "--versions", "30", "--seed", "4"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["agencies"] == 25 and stats["versions"] == 30
    assert json.loads((out / MARKER).read_text())["seed"] == 4
    assert main([str(out), "--mutate", "--seed", "9"]) == 0
    assert CODE.fullmatch(capsys.readouterr().out.strip())
    assert main([str(tmp_path), "--agencies", "5"]) == 1  # holds tree/, not a generated tree itself
