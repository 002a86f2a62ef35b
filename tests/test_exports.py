"""The open-data files of /data/: exact columns, bytes a spreadsheet reads safely, a data dictionary that fits.

The tree holds agencies whose names are formulas (``=HYPERLINK(...)``, ``+1``,
``-2``, ``@SUM(A1)``, a leading tab or carriage return), a hidden agency and
Thai names.  LibreOffice opens the CSV files for real: the Thai must come
through and no cell may become a formula.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from build import cli
from plugins.exports import tabular
from plugins.exports.datapackage import datapackage
from plugins.exports.fields import AGENCY_COLUMNS, COMPLIANCE_COLUMNS
from plugins.exports.records import ExportData
from plugins.exports.write import agencies_csv, compliance_csv, write_data_files
from plugins.prakat.sitedata import load_site_data
from tests.test_compliance import A, B, C, D, E, F, G, Builder, V

ROOT = Path(__file__).resolve().parents[1]
SITE = "https://prakat.example"
AS_OF = "2026-11-25"

# SPEC §5, copied here on purpose: the test checks the file against the specification, not against itself.
SPEC_COMPLIANCE_COLUMNS = ["code", "name_th", "name_en", "type", "subtype", "province", "parent", "top_level",
                           "section10", "section10_via", "section16", "section16_via", "section13", "updated"]

HOSTILE = {
    B: '=HYPERLINK("http://x","y")',
    C: "+1",
    D: "-2",
    E: "@SUM(A1)",
    G: "\tแท็บ",
}
THAI = {A: "สำนักงานปลัดกระทรวงทดสอบ", F: "หน่วยงานที่ซ่อนไว้"}
H = "1300000000000"  # a carriage return first


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    b = Builder(tmp_path_factory.mktemp("exports"))
    b.agency(A, name=THAI[A])
    b.agency(B, A, name=_quoted(HOSTILE[B]))
    b.agency(C, B, unit=True, name=_quoted(HOSTILE[C]))
    b.agency(D, B, name=_quoted(HOSTILE[D]))
    b.agency(E, province="96", type_="other", name=_quoted(HOSTILE[E]))
    b.agency(F, E, visible=False, name=THAI[F])
    b.agency(G, F, name=_quoted(HOSTILE[G]))
    b.agency(H, name=_quoted("\rCR"))
    b.report(A, s10=[V("a10.pdf", "2023-01-01", scope="subordinates"),
                     V("a10-old.pdf", "2022-06-01", status="suspended")],
             s16=[V("a16.pdf", "2023-01-01")], problems=("infrastructure",))
    b.report(F, s10=[V("hidden10.pdf", "2023-01-01", scope="subordinates")])
    b.report(G, s13="complete", s13_versions=[V("g13.pdf", "2023-02-01")])
    b.compute()  # validates
    return b.root


@pytest.fixture(scope="module")
def data(tree: Path) -> ExportData:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PRAKAT_TODAY", AS_OF)
        return ExportData.from_site(load_site_data(tree, SITE + "/"))


@pytest.fixture(scope="module")
def folder(data: ExportData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("data")
    write_data_files(data, out)
    return out


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# --- compliance.csv -------------------------------------------------------------------------

def test_compliance_csv_has_the_spec_columns_crlf_and_a_bom(folder: Path) -> None:
    raw = (folder / "compliance.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    body = raw[3:]
    assert body.count(b"\r\n") == body.count(b"\n") == 8  # header + 7 visible agencies, every line CRLF
    rows = read_csv(folder / "compliance.csv")
    assert rows[0] == SPEC_COMPLIANCE_COLUMNS
    assert [c.name for c in COMPLIANCE_COLUMNS] == SPEC_COMPLIANCE_COLUMNS


def test_compliance_csv_values(folder: Path) -> None:
    rows = read_csv(folder / "compliance.csv")
    table = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert list(table) == sorted([A, B, C, D, E, G, H])  # one row per visible agency, by code; F is hidden
    assert table[A] | {"name_th": ""} == {
        "code": A, "name_th": "", "name_en": "Test Office", "type": "government_agency", "subtype": "",
        "province": "10", "parent": "", "top_level": A, "section10": "met", "section10_via": A,
        "section16": "met", "section16_via": A, "section13": "missing", "updated": ""}
    assert table[A]["name_th"] == THAI[A]
    # C: Section 10 through A's announcement (two levels up), Section 16 uncovered (B has no order).
    assert (table[C]["parent"], table[C]["top_level"], table[C]["section10_via"], table[C]["section16"],
            table[C]["section16_via"]) == (B, A, A, "not_met", "")
    # G hangs under the hidden F: its parent is E, and F's announcement counts for nobody.
    assert (table[G]["parent"], table[G]["top_level"], table[G]["section10"], table[G]["section13"]) == (
        E, E, "not_met", "complete")
    assert (table[E]["type"], table[E]["province"]) == ("other", "96")


def test_formula_cells_are_prefixed(folder: Path) -> None:
    for name in ("compliance.csv", "agencies.csv"):
        rows = read_csv(folder / name)
        names = {r[0]: r[1] for r in rows[1:]}
        for code, hostile in HOSTILE.items():
            assert names[code] == "'" + hostile, (name, code)
        assert names[H] == "'\rCR"
        assert names[A] == THAI[A]


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+66 2 123 4567", "'+66 2 123 4567"), ("-", "'-"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""), (None, ""), (True, "true"), (False, "false"), ("0 2612 6060", "0 2612 6060"),
])
def test_cell(value: object, expected: str) -> None:
    assert tabular.cell(value) == expected


# --- a real spreadsheet program ---------------------------------------------------------------

XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def to_xlsx(csv_path: Path, work: Path) -> Path:
    """Open the CSV in LibreOffice Calc (UTF-8, comma, double quote) and save it as XLSX."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed: `make test` installs it"
    out = work / "xlsx"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--convert-to", "xlsx",
         "--infilter=CSV:44,34,76,1", "--outdir", str(out), str(csv_path)],
        check=True, capture_output=True, timeout=180)
    result = out / (csv_path.stem + ".xlsx")
    assert result.is_file()
    return result


def read_xlsx(path: Path) -> tuple[list[list[str]], int]:
    """The first sheet's cell texts, row by row, and how many cells hold a formula."""
    with zipfile.ZipFile(path) as z:
        strings = [
            "".join(t.text or "" for t in si.iter(f"{XLSX}t"))
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(f"{XLSX}si")
        ] if "xl/sharedStrings.xml" in z.namelist() else []
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows, formulas = [], 0
    for row in sheet.iter(f"{XLSX}row"):
        cells = []
        for c in row.iter(f"{XLSX}c"):
            formulas += c.find(f"{XLSX}f") is not None
            value = c.find(f"{XLSX}v")
            text = value.text if value is not None and value.text is not None else ""
            cells.append(strings[int(text)] if c.get("t") == "s" else text)
        rows.append(cells)
    return rows, formulas


def test_libreoffice_shows_thai_and_runs_no_formula(folder: Path, data: ExportData, tmp_path: Path) -> None:
    for name in ("compliance.csv", "agencies.csv"):
        rows, formulas = read_xlsx(to_xlsx(folder / name, tmp_path))
        assert formulas == 0, name
        names = {r[0].lstrip("0"): r[1] for r in rows[1:]}  # Calc reads the codes as numbers
        assert names[A.lstrip("0")] == THAI[A]
        assert rows[0][:3] == ["code", "name_th", "name_en"]
        for code, hostile in HOSTILE.items():
            cell = names[code.lstrip("0")]
            assert cell.startswith("'") and cell[1:].strip() == hostile.strip(), (name, code, cell)


def test_without_the_prefix_libreoffice_would_run_them(data: ExportData, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # The control: the same file with the defence switched off does produce formulas, so the
    # test above would catch a regression.
    monkeypatch.setattr(tabular, "FORMULA_STARTS", ())
    unsafe = tmp_path / "unsafe.csv"
    unsafe.write_text(compliance_csv(data), "utf-8", newline="")
    _, formulas = read_xlsx(to_xlsx(unsafe, tmp_path))
    assert formulas >= 1  # =HYPERLINK(...) becomes a live formula


# --- agencies.csv ------------------------------------------------------------------------------

def test_agencies_csv_columns_and_values(folder: Path) -> None:
    rows = read_csv(folder / "agencies.csv")
    header = rows[0]
    assert header == [c.name for c in AGENCY_COLUMNS]
    assert header[:3] == ["code", "name_th", "name_en"] and header[-2:] == ["page_url", "updated"]
    table = {r[0]: dict(zip(header, r)) for r in rows[1:]}
    assert list(table) == sorted([A, B, C, D, E, G, H])
    a = table[A]
    assert (a["unit"], a["website"], a["email_public"], a["page_url"]) == (
        "false", "https://www.example.go.th", "contact@example.go.th", f"{SITE}/agencies/{A}/")
    assert table[C]["unit"] == "true" and table[C]["parent"] == B and table[C]["top_level"] == A
    assert a["serves_public"] == ""  # not stated in the record
    assert all(len(r) == len(header) for r in rows)


def test_phones_are_joined(data: ExportData) -> None:
    agency = data.model.agencies[A]
    object.__setattr__(agency, "phones", ("0 2111 1111", "+66 2 222 2222"))
    try:
        rows = list(csv.reader(io.StringIO(agencies_csv(data).lstrip("\ufeff"), newline="")))
    finally:
        object.__setattr__(agency, "phones", ())
    row = dict(zip(rows[0], next(r for r in rows if r[0] == A)))
    assert row["phones"] == "0 2111 1111; +66 2 222 2222"


# --- agencies.json -----------------------------------------------------------------------------

def test_agencies_json(folder: Path) -> None:
    text = (folder / "agencies.json").read_text("utf-8")
    doc = json.loads(text)
    assert doc["metadata"]["as_of"] == AS_OF and doc["metadata"]["count"] == 7
    assert doc["metadata"]["licence"]["th"] and doc["metadata"]["generator"]
    records = {r["code"]: r for r in doc["agencies"]}
    assert list(records) == sorted([A, B, C, D, E, G, H])
    a = records[A]
    assert [v["file"] for v in a["section10"]["versions"]] == ["a10.pdf"]  # the suspended one is not there
    assert a["section10"]["versions"][0] == {
        "agency": A, "file": "a10.pdf", "sha256": a["section10"]["versions"][0]["sha256"], "date": "2023-01-01",
        "scope": "subordinates", "title": None, "url": f"{SITE}/documents/{A}/a10.pdf"}
    assert re.fullmatch(r"[0-9a-f]{64}", a["section10"]["versions"][0]["sha256"])
    assert a["compliance"]["section10"] == {"status": "met", "reason": "own", "via": A}
    assert a["problems"] == [{"category": "infrastructure", "description": None}]
    c = records[C]
    assert c["section10"]["inherited"]["file"] == "a10.pdf" and c["section10"]["versions"] == []
    assert c["compliance"]["section10"] == {"status": "met", "reason": "inherited", "via": A}
    assert c["compliance"]["section16"] == {"status": "not_met", "reason": "unit_uncovered", "via": None}
    g = records[G]
    assert g["section13"]["status"] == "complete" and g["section13"]["versions"][0]["file"] == "g13.pdf"
    assert g["parent"] == E and g["section10"]["inherited"] is None
    # Nothing of the hidden agency or of suspended versions is published.
    assert F not in text and "hidden10.pdf" not in text and "a10-old.pdf" not in text
    # One agency per line.
    assert len(text.splitlines()) == 3 + 7 + 1


# --- the data dictionary ---------------------------------------------------------------------------

def _check_value(field: dict, value: str) -> None:  # type: ignore[type-arg]
    constraints = field.get("constraints", {})
    if value == "":
        assert not constraints.get("required"), field["name"]
        return
    value = value[1:] if value.startswith("'") and field["name"].startswith("name") else value
    if field["type"] == "boolean":
        assert value in field["trueValues"] + field["falseValues"], field["name"]
    if field["type"] == "date":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), field["name"]
    if "enum" in constraints:
        assert value in constraints["enum"], (field["name"], value)
    if "pattern" in constraints:
        assert re.fullmatch(constraints["pattern"], value), (field["name"], value)


def test_datapackage_describes_the_files(folder: Path) -> None:
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {"compliance.csv", "agencies.csv", "agencies.json"}
    assert package["version"] == AS_OF
    for name in ("compliance.csv", "agencies.csv"):
        resource = resources[name]
        fields = resource["schema"]["fields"]
        rows = read_csv(folder / name)
        assert [f["name"] for f in fields] == rows[0]
        for f in fields:
            assert re.search("[\u0e00-\u0e7f]", f["description"]) and re.search("[A-Za-z]{3}", f["description"])
        for row in rows[1:]:
            for f, value in zip(fields, row):
                _check_value(f, value)
        assert resource["encoding"] == "utf-8-sig" and resource["dialect"]["lineTerminator"] == "\r\n"


def test_datapackage_is_deterministic(data: ExportData) -> None:
    assert datapackage(data) == datapackage(data)


def test_docs_list_the_columns_in_order() -> None:
    for doc in (ROOT / "docs" / "open-data.md", ROOT / "README.md"):
        text = doc.read_text("utf-8")
        if doc.name == "README.md":
            assert "\n## Open data\n" in text
            text = text.split("\n## Open data\n", 1)[1].split("\n## ", 1)[0]
        for columns in (COMPLIANCE_COLUMNS, AGENCY_COLUMNS):
            listing = ", ".join(f"`{c.name}`" for c in columns)
            assert listing in text, (doc.name, columns[0].name, len(columns))


# --- the export command ---------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["--format", "csv"], {"agencies.csv", "compliance.csv"}),
    (["--format", "json"], {"agencies.json"}),
    ([], {"agencies.csv", "compliance.csv", "agencies.json", "datapackage.json"}),
])
def test_export_command(tree: Path, tmp_path: Path, args: list[str], expected: set[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAKAT_TODAY", AS_OF)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", "--root", str(tree), "--output", str(out), "--lang", "en", *args])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == expected


def test_export_is_byte_identical_twice(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAKAT_TODAY", AS_OF)
    outputs = []
    for n in (1, 2):
        out = tmp_path / str(n)
        assert CliRunner().invoke(cli, ["export", "--root", str(tree), "--output", str(out)]).exit_code == 0
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]


def test_export_refuses_invalid_content(tmp_path: Path) -> None:
    b = Builder(tmp_path / "tree")
    b.agency(A)
    b.tree.report(A, "section10:\n  versions:\n    - file: missing.pdf\n      sha256: "
                     + "0" * 64 + "\n      announced: 2023-01-01\n      status: published\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", "--root", str(b.root), "--output", str(out), "--lang", "en"])
    assert result.exit_code == 1
    assert "missing.pdf" in result.output and "nothing exported" in result.output
    assert not out.exists()


# --- the built sample site: the dashboard's numbers are the CSV's numbers -------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.test_feeds import sample_site

    return sample_site(tmp_path_factory)


ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def tag_attrs(html: str, pattern: str) -> list[dict[str, str]]:
    """Attributes of every start tag matching ``pattern`` (a regex over the tag's text)."""
    return [dict(ATTR.findall(m.group(0))) for m in re.finditer(pattern, html)]


def compliance_table(site: Path) -> list[dict[str, str]]:
    rows = read_csv(site / "data" / "compliance.csv")
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_dashboard_totals_equal_the_counts_in_compliance_csv(site: Path) -> None:
    table = compliance_table(site)
    done13 = {"complete", "not_applicable"}
    for page in ("dashboard/index.html", "en/dashboard/index.html"):
        html = (site / page).read_text("utf-8")
        overall = tag_attrs(html, r'<table class="data-table" id="overall-table"[^>]*>')[0]
        assert int(overall["data-total"]) == len(table)
        met = {a["data-section"]: a for a in tag_attrs(html, r'<tr data-section="\d+"[^>]*>')}
        cells = {m.group(1): int(m.group(2)) for m in re.finditer(
            r'<tr data-section="(\d+)">\s*<th[^>]*>[^<]*</th>\s*<td class="num" data-met="(\d+)"', html)}
        assert cells == {
            "10": sum(r["section10"] == "met" for r in table),
            "16": sum(r["section16"] == "met" for r in table),
            "13": sum(r["section13"] in done13 for r in table),
        }, page
        assert set(met) == {"10", "16", "13"}
        # Every breakdown: its rows' numbers are the CSV's rows counted by type, top_level and province.
        for column, marker in (("type", "type"), ("top_level", "ministry"), ("province", "province")):
            section = html.split(f'data-breakdown="{marker}"', 1)[1].split("</section>", 1)[0]
            got = {a["data-key"]: (int(a["data-total"]), int(a["data-met10"]), int(a["data-met16"]),
                                   int(a["data-met13"])) for a in tag_attrs(section, r"<tr data-key=[^>]*>")}
            expected: dict[str, tuple[int, int, int, int]] = {}
            for r in table:
                t = expected.get(r[column], (0, 0, 0, 0))
                expected[r[column]] = (t[0] + 1, t[1] + (r["section10"] == "met"), t[2] + (r["section16"] == "met"),
                                       t[3] + (r["section13"] in done13))
            assert got == expected, (page, column)


def test_status_pages_list_every_agency_once_with_its_csv_status(site: Path) -> None:
    table = {r["code"]: r for r in compliance_table(site)}
    seen: dict[str, str] = {}
    for page in sorted((site / "status").glob("*/**/index.html")):
        html = page.read_text("utf-8")
        for attrs in tag_attrs(html, r'<tr id="a-\d{13}"[^>]*>'):
            code = attrs["id"][2:]
            assert code not in seen, (code, page, seen.get(code))
            seen[code] = str(page)
            row = table[code]
            assert (attrs["data-top"], attrs["data-s10"], attrs["data-s16"]) == (
                row["top_level"], row["section10"], row["section16"])
    assert set(seen) == set(table)
    # The ministry links of /status/ are the top-level bodies of the CSV, each with its page.
    index = (site / "status" / "index.html").read_text("utf-8")
    tops = set(re.findall(r'<th scope="row"><a href="/status/(\d{13})/">', index))
    assert tops == {r["top_level"] for r in table.values()}
    assert all((site / "status" / top / "index.html").is_file() for top in tops)


def test_data_page_links_every_file(site: Path) -> None:
    for page in ("data/index.html", "en/data/index.html"):
        html = (site / page).read_text("utf-8")
        for name in ("compliance.csv", "agencies.csv", "agencies.json", "datapackage.json"):
            assert f'href="/data/{name}"' in html and (site / "data" / name).stat().st_size > 0
        assert 'href="/feeds/announcements.atom.xml"' in html
        for column in SPEC_COMPLIANCE_COLUMNS:
            assert f"<code>{column}</code>" in html

