"""The vocabulary, the JSON Schemas of agency.yaml / report.yaml, and the problems they report."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from plugins.prakat.schemas import SchemaProblem, _checkers, check_agency, check_report
from plugins.prakat.vocabulary import SCHEMA_DEFS, Label, vocabulary, vocabulary_schema

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"

# TIS 1099 province codes, written out independently of vocabulary.json.
TIS_1099_CODES = (
    "10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 "
    "30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 "
    "50 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 67 "
    "70 71 72 73 74 75 76 77 80 81 82 83 84 85 86 90 91 92 93 94 95 96"
).split()

SHA_A = "5f2b" + "0" * 60
SHA_B = "9c1d" + "e" * 60
SHA_C = "0123456789abcdef" * 4

# SPEC §1.1, with its placeholders filled in.
AGENCY_EXAMPLE: dict[str, Any] = {
    "code": "0111013900000",
    "parent": "0100000000000",
    "unit": False,
    "type": "public_organization",
    "subtype": "central",
    "name": {
        "th": "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
        "en": "Digital Government Development Agency (Public Organization)",
    },
    "full_name": {
        "th": "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
        "en": "Digital Government Development Agency (Public Organization)",
    },
    "address": {
        "th": "ชั้น 17 อาคารบางกอกไทยทาวเวอร์ 108 ถนนรางน้ำ แขวงถนนพญาไท เขตราชเทวี กรุงเทพฯ 10400",
        "en": "Bangkok Thai Tower 17th Floor, 108 Rangnam Rd., Ratchathewi, Bangkok 10400",
    },
    "province": "10",
    "website": "https://www.dga.or.th",
    "emails": {
        "public": "contact@dga.or.th",
        "registered": "saraban@dga.or.th",
        "complaints": "complain@dga.or.th",
    },
    "phones": ["0 2612 6060"],
    "hours": {"th": "จันทร์–ศุกร์ 08:30–16:30 น.", "en": "Mon–Fri 08:30–16:30"},
    "flags": {
        "serves_public": True,
        "central_agency": True,
        "important_service_point": False,
        "education": False,
        "gecc_level": None,
    },
    "visible": True,
    "maintainers": ["@dga/web"],
}

# SPEC §1.2, as the project's YAML loader hands it over (dates kept as their text).
REPORT_EXAMPLE: dict[str, Any] = {
    "section10": {
        "versions": [
            {
                "file": "s10-2566.pdf",
                "sha256": SHA_A,
                "announced": "2023-11-01",
                "status": "published",
                "scope": "self",
                "title": {"th": "ประกาศช่องทางอิเล็กทรอนิกส์", "en": "Electronic channels"},
            }
        ]
    },
    "section13": {
        "has_licences": True,
        "gazette_status": "complete",
        "versions": [{"file": "s13-2566.pdf", "sha256": SHA_B, "announced": "2023-12-20", "status": "published"}],
        "gazette_links": [
            {
                "url": "https://ratchakitcha.soc.go.th/documents/17077.pdf",
                "recorded": "2023-12-21",
                "status": "published",
            }
        ],
        "licence_channels": [
            {
                "licence": {"th": "ใบอนุญาตประกอบกิจการ", "en": "Business licence"},
                "url": "https://license.example.go.th/verify",
                "status": "published",
            }
        ],
    },
    "section16": {
        "versions": [{"file": "s16-2566.pdf", "sha256": SHA_C, "effective": "2023-10-15", "status": "published"}]
    },
    "problems": [
        {"category": "infrastructure", "description": "เครือข่ายไม่เพียงพอ"},
        {"category": "personnel"},
    ],
}


def with_change(doc: dict[str, Any], path: tuple[str | int, ...], value: object = ..., delete: bool = False):
    """A deep copy of `doc` with the value at `path` replaced (or deleted)."""
    out = copy.deepcopy(doc)
    target: Any = out
    for step in path[:-1]:
        target = target[step]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


def found(problems: list[SchemaProblem]) -> list[tuple[tuple[str | int, ...], str]]:
    return [(p.path, p.kind) for p in problems]


def walk_schemas(schema: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every schema object (not `properties`/`$defs` maps) with a readable location."""
    out: list[tuple[str, dict[str, Any]]] = []
    if not isinstance(schema, dict):
        return out
    out.append((where or "(root)", schema))
    for keyword in ("properties", "$defs"):
        for name, sub in schema.get(keyword, {}).items():
            out.extend(walk_schemas(sub, f"{where}/{keyword}/{name}"))
    for keyword in ("items", "additionalProperties", "if", "then"):
        if isinstance(schema.get(keyword), dict):
            out.extend(walk_schemas(schema[keyword], f"{where}/{keyword}"))
    return out


def load(name: str) -> dict[str, Any]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"duplicate keys in {name}: {keys}"
        return dict(pairs)

    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)


# --- vocabulary ----------------------------------------------------------------------------


def test_vocabulary_has_exactly_the_77_tis_1099_provinces_in_code_order() -> None:
    provinces = load("vocabulary.json")["provinces"]  # duplicate codes would fail the load
    assert list(provinces) == TIS_1099_CODES
    assert len(provinces) == 77
    assert provinces["10"] == {"th": "กรุงเทพมหานคร", "en": "Bangkok"}
    assert provinces["11"] == {"th": "สมุทรปราการ", "en": "Samut Prakan"}
    assert provinces["38"] == {"th": "บึงกาฬ", "en": "Bueng Kan"}
    assert provinces["96"] == {"th": "นราธิวาส", "en": "Narathiwat"}
    assert len({label["th"] for label in provinces.values()}) == 77
    assert len({label["en"] for label in provinces.values()}) == 77


def test_every_label_has_non_empty_thai_and_english() -> None:
    vocab = vocabulary()
    for member in (f.name for f in dataclasses.fields(vocab)):
        labels = getattr(vocab, member)
        assert labels, member
        for key, label in labels.items():
            assert label.th.strip() and label.en.strip(), (member, key)


def test_vocabulary_keys_and_order_follow_the_spec() -> None:
    vocab = vocabulary()
    assert list(vocab.types) == [
        "government_agency",
        "state_enterprise",
        "public_organization",
        "independent_organization",
        "local_government",
        "educational_institution",
        "other",
    ]
    assert list(vocab.subtypes) == [
        "central",
        "regional",
        "provincial_admin_org",
        "municipality",
        "subdistrict_admin_org",
        "special_local",
        "other",
    ]
    assert list(vocab.problem_categories) == [
        "infrastructure",
        "data",
        "awareness",
        "personnel",
        "budget",
        "law",
        "other",
    ]
    assert list(vocab.statuses) == ["published", "suspended"]
    assert list(vocab.scopes) == ["self", "subordinates"]
    assert list(vocab.gazette_statuses) == ["complete", "partial", "not_published"]
    assert list(vocab.gecc_levels) == ["basic", "medium", "high"]
    assert list(vocab.sections) == ["10", "13", "16"]
    assert vocab.subtypes["subdistrict_admin_org"].th == "องค์การบริหารส่วนตำบล (อบต.)"
    assert vocab.scopes["subordinates"] == Label("หน่วยงานภายใต้สังกัดทุกสาขา", "All subordinate agencies")


def test_label_get_picks_the_language_and_refuses_others() -> None:
    label = vocabulary().statuses["suspended"]
    assert label.get("th") == "ระงับ"
    assert label.get("en") == "Suspended"
    with pytest.raises(ValueError):
        label.get("fr")


def test_vocabulary_is_read_only_and_loaded_once() -> None:
    vocab = vocabulary()
    assert vocabulary() is vocab
    with pytest.raises(TypeError):
        vocab.types["new"] = Label("x", "y")  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        vocab.types = {}  # type: ignore[misc]


def test_generated_vocabulary_schema_lists_the_keys_in_order() -> None:
    schema = vocabulary_schema()
    Draft202012Validator.check_schema(schema)
    assert set(schema["$defs"]) == set(SCHEMA_DEFS)
    assert schema["$defs"]["province"]["enum"] == TIS_1099_CODES
    assert schema["$defs"]["scope"]["enum"] == ["self", "subordinates"]
    assert schema["$defs"]["gecc_level"]["enum"] == [None, "basic", "medium", "high"]
    assert schema["$defs"]["gecc_level"]["type"] == ["string", "null"]
    assert vocabulary_schema() is not schema  # callers get their own copy


# --- the schema files ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["agency.schema.json", "report.schema.json"])
def test_schema_files_are_valid_draft_2020_12(name: str) -> None:
    schema = load(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://prakat.go.th/schemas/{name}"


@pytest.mark.parametrize("name", ["agency.schema.json", "report.schema.json"])
def test_schemas_document_themselves_and_close_every_object(name: str) -> None:
    for where, schema in walk_schemas(load(name)):
        if "/if" in where or where.endswith("/then") or set(schema) == {"$ref"}:
            continue  # conditions, and bare references whose target is documented
        assert schema.get("title") and schema.get("description"), f"{name}{where} lacks title/description"
        if schema.get("type") == "object":
            assert schema.get("additionalProperties") is False, f"{name}{where} accepts unknown keys"


@pytest.mark.parametrize("name", ["agency.schema.json", "report.schema.json"])
def test_enumerations_live_only_in_the_vocabulary(name: str) -> None:
    text = (SCHEMAS / name).read_text(encoding="utf-8")
    assert '"enum"' not in text
    assert "vocabulary.schema.json#/$defs/" in text


# --- valid documents -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc",
    [
        AGENCY_EXAMPLE,
        {"code": "0100000000000", "type": "government_agency", "name": {"th": "สำนักนายกรัฐมนตรี"}},
        with_change(AGENCY_EXAMPLE, ("flags", "gecc_level"), "high"),
        with_change(AGENCY_EXAMPLE, ("province",), "38"),
        with_change(AGENCY_EXAMPLE, ("website",), "http://www.example.go.th/th/index.php?lang=th#top"),
        with_change(AGENCY_EXAMPLE, ("emails", "public"), "first.last+saraban@mail.example.go.th"),
        with_change(AGENCY_EXAMPLE, ("emails", "public"), "ติดต่อ@ไทยบีบี.ไทย"),
        with_change(AGENCY_EXAMPLE, ("maintainers",), ["@somchai", "@dga/web-team.th"]),
        with_change(AGENCY_EXAMPLE, ("unit",), True),
        with_change(AGENCY_EXAMPLE, ("visible",), False),
        with_change(AGENCY_EXAMPLE, ("hours",), {"en": "Mon–Fri"}),
    ],
    ids=lambda doc: "agency",
)
def test_valid_agency_documents_pass(doc: dict[str, Any]) -> None:
    assert check_agency(doc) == []
    assert both_verdicts("agency", doc) == (True, True)  # valid without falling back to jsonschema


@pytest.mark.parametrize(
    "doc",
    [
        REPORT_EXAMPLE,
        {},
        {"section10": {"versions": []}},
        {"section13": {"has_licences": False}},
        {"section13": {"has_licences": True, "gazette_status": "not_published"}},
        with_change(REPORT_EXAMPLE, ("section10", "versions", 0, "scope"), "subordinates"),
        with_change(REPORT_EXAMPLE, ("section10", "versions", 0, "scope"), delete=True),
        with_change(REPORT_EXAMPLE, ("section10", "versions", 0, "file"), "ประกาศ_มาตรา10-ฉบับที่2.pdf"),
        with_change(REPORT_EXAMPLE, ("section16", "versions", 0, "status"), "suspended"),
        with_change(REPORT_EXAMPLE, ("section16", "versions", 0, "effective"), "2024-02-29"),
        with_change(REPORT_EXAMPLE, ("problems",), [{"category": c} for c in ("data", "law", "other")]),
        with_change(REPORT_EXAMPLE, ("section13", "gazette_links", 0, "url"), "https://[2001:db8::1]/x"),
    ],
    ids=lambda doc: "report",
)
def test_valid_report_documents_pass(doc: dict[str, Any]) -> None:
    assert check_report(doc) == []
    assert both_verdicts("report", doc) == (True, True)  # valid without falling back to jsonschema


# --- invalid documents: exactly the expected (path, kind) -------------------------------------

A = AGENCY_EXAMPLE
R = REPORT_EXAMPLE
V10 = ("section10", "versions", 0)
V16 = ("section16", "versions", 0)

AGENCY_CASES: list[tuple[str, dict[str, Any], list[tuple[tuple[str | int, ...], str]]]] = [
    ("unknown key at top level", with_change(A, ("emial",), "x@dga.or.th"), [(("emial",), "unknown_key")]),
    ("unknown key nested", with_change(A, ("flags", "gecc"), "basic"), [(("flags", "gecc"), "unknown_key")]),
    ("unknown key in a text", with_change(A, ("name", "jp"), "x"), [(("name", "jp"), "unknown_key")]),
    ("non-string key", with_change(A, (10,), "x"), [((10,), "unknown_key")]),
    ("missing name.th", with_change(A, ("name", "th"), delete=True), [(("name",), "missing")]),
    ("empty name", with_change(A, ("name",), {}), [(("name",), "missing")]),
    ("missing code", with_change(A, ("code",), delete=True), [((), "missing")]),
    ("unquoted code", with_change(A, ("code",), 111013900000), [(("code",), "type")]),
    ("12-digit code", with_change(A, ("code",), "011101390000"), [(("code",), "pattern")]),
    ("code with newline", with_change(A, ("code",), "0111013900000\n"), [(("code",), "pattern")]),
    ("Thai digits in parent", with_change(A, ("parent",), "๐๑๐๐๐๐๐๐๐๐๐๐๐"), [(("parent",), "pattern")]),
    ("bad type", with_change(A, ("type",), "ministry"), [(("type",), "enum")]),
    ("bad subtype", with_change(A, ("subtype",), "local"), [(("subtype",), "enum")]),
    ("bad province", with_change(A, ("province",), "99"), [(("province",), "enum")]),
    ("unquoted province", with_change(A, ("province",), 10), [(("province",), "type")]),
    ("bad email", with_change(A, ("emails", "public"), "contact@"), [(("emails", "public"), "format")]),
    ("email without dot", with_change(A, ("emails", "registered"), "saraban@dga"), [(("emails", "registered"), "format")]),
    ("email with space", with_change(A, ("emails", "complaints"), "com plain@dga.or.th"), [(("emails", "complaints"), "format")]),
    ("ftp website", with_change(A, ("website",), "ftp://www.dga.or.th"), [(("website",), "format")]),
    ("javascript website", with_change(A, ("website",), "javascript:alert(1)"), [(("website",), "format")]),
    ("website without host", with_change(A, ("website",), "https://"), [(("website",), "format")]),
    ("upper-case scheme", with_change(A, ("website",), "HTTPS://www.dga.or.th"), [(("website",), "pattern")]),
    ("empty phone", with_change(A, ("phones",), ["0 2612 6060", ""]), [(("phones", 1), "too_short")]),
    ("phones as a string", with_change(A, ("phones",), "0 2612 6060"), [(("phones",), "type")]),
    ("maintainer without @", with_change(A, ("maintainers",), ["dga/web"]), [(("maintainers", 0), "pattern")]),
    ("gecc_level ultra", with_change(A, ("flags", "gecc_level"), "ultra"), [(("flags", "gecc_level"), "enum")]),
    ("visible as text", with_change(A, ("visible",), "yes"), [(("visible",), "type")]),
    ("empty English name", with_change(A, ("name", "en"), ""), [(("name", "en"), "too_short")]),
    ("not a mapping", [], [((), "type")]),  # type: ignore[list-item]
    ("empty file", None, [((), "type")]),  # type: ignore[list-item]
]

REPORT_CASES: list[tuple[str, dict[str, Any], list[tuple[tuple[str | int, ...], str]]]] = [
    ("unknown top-level key", with_change(R, ("section11",), {}), [(("section11",), "unknown_key")]),
    ("unknown version key", with_change(R, V10 + ("scop",), "self"), [(V10 + ("scop",), "unknown_key")]),
    ("sha256 upper-case", with_change(R, V10 + ("sha256",), SHA_A.upper()), [(V10 + ("sha256",), "pattern")]),
    ("sha256 short", with_change(R, V10 + ("sha256",), SHA_A[:63]), [(V10 + ("sha256",), "pattern")]),
    ("file with slash", with_change(R, V10 + ("file",), "docs/s10.pdf"), [(V10 + ("file",), "pattern")]),
    ("file with ..", with_change(R, V10 + ("file",), "..s10.pdf"), [(V10 + ("file",), "pattern")]),
    ("file .PDF", with_change(R, V10 + ("file",), "s10.PDF"), [(V10 + ("file",), "pattern")]),
    ("file with spaces", with_change(R, V10 + ("file",), "s10 2566.pdf"), [(V10 + ("file",), "pattern")]),
    ("file with newline", with_change(R, V10 + ("file",), "s10.pdf\n"), [(V10 + ("file",), "pattern")]),
    ("file not pdf", with_change(R, V10 + ("file",), "s10.docx"), [(V10 + ("file",), "pattern")]),
    ("4 problems", with_change(R, ("problems",), [{"category": "data"}] * 4), [(("problems",), "too_many")]),
    ("scope on section16", with_change(R, V16 + ("scope",), "self"), [(V16 + ("scope",), "unknown_key")]),
    (
        "announced on section16",
        with_change(R, V16, {"file": "a.pdf", "sha256": SHA_C, "announced": "2023-10-15", "status": "published"}),
        [(V16, "missing"), (V16 + ("announced",), "unknown_key")],
    ),
    ("bad scope", with_change(R, V10 + ("scope",), "all"), [(V10 + ("scope",), "enum")]),
    ("bad status", with_change(R, V10 + ("status",), "draft"), [(V10 + ("status",), "enum")]),
    ("missing status", with_change(R, V10 + ("status",), delete=True), [(V10, "missing")]),
    (
        "has_licences without gazette_status",
        with_change(R, ("section13", "gazette_status"), delete=True),
        [(("section13",), "missing")],
    ),
    ("section13 without has_licences", {"section13": {"gazette_status": "partial"}}, [(("section13",), "missing")]),
    (
        "bad gazette_status",
        with_change(R, ("section13", "gazette_status"), "done"),
        [(("section13", "gazette_status"), "enum")],
    ),
    ("date 2023-13-45", with_change(R, V10 + ("announced",), "2023-13-45"), [(V10 + ("announced",), "format")]),
    ("date not leap", with_change(R, V16 + ("effective",), "2023-02-29"), [(V16 + ("effective",), "format")]),
    ("date d/m/y", with_change(R, V10 + ("announced",), "1/11/2023"), [(V10 + ("announced",), "format")]),
    ("date as number", with_change(R, V10 + ("announced",), 20231101), [(V10 + ("announced",), "type")]),
    (
        "javascript gazette link",
        with_change(R, ("section13", "gazette_links", 0, "url"), "javascript:alert(1)"),
        [(("section13", "gazette_links", 0, "url"), "format")],
    ),
    (
        "licence without th",
        with_change(R, ("section13", "licence_channels", 0, "licence"), {"en": "Licence"}),
        [(("section13", "licence_channels", 0, "licence"), "missing")],
    ),
    ("problem without category", with_change(R, ("problems", 1), {"description": "x"}), [(("problems", 1), "missing")]),
    ("bad problem category", with_change(R, ("problems", 0, "category"), "money"), [(("problems", 0, "category"), "enum")]),
    ("section10 as a list", with_change(R, ("section10",), []), [(("section10",), "type")]),
]


@pytest.mark.parametrize(("doc", "expected"), [c[1:] for c in AGENCY_CASES], ids=[c[0] for c in AGENCY_CASES])
def test_invalid_agency_documents(doc: dict[str, Any], expected: list[tuple[Any, str]]) -> None:
    assert found(check_agency(doc)) == expected


@pytest.mark.parametrize(("doc", "expected"), [c[1:] for c in REPORT_CASES], ids=[c[0] for c in REPORT_CASES])
def test_invalid_report_documents(doc: dict[str, Any], expected: list[tuple[Any, str]]) -> None:
    assert found(check_report(doc)) == expected


def test_problem_details_name_what_the_message_needs() -> None:
    [unknown] = check_agency(with_change(A, ("emial",), "x"))
    assert unknown.is_key and unknown.detail["key"] == "emial"
    assert "emails" in unknown.detail["allowed"].split(", ")
    [code] = check_agency(with_change(A, ("code",), 111013900000))
    assert not code.is_key and code.detail == {"expected": "string", "got": "integer"}
    [scope] = check_report(with_change(R, V10 + ("scope",), "all"))
    assert scope.detail == {"allowed": "self, subordinates", "value": "all"}
    [gazette] = check_report(with_change(R, ("section13", "gazette_status"), delete=True))
    assert gazette.detail == {"field": "gazette_status"}
    [email] = check_agency(with_change(A, ("emails", "public"), "x@"))
    assert email.detail == {"format": "email", "value": "x@"}
    [gecc] = check_agency(with_change(A, ("flags", "gecc_level"), "ultra"))
    assert gecc.detail["allowed"] == "null, basic, medium, high"
    [many] = check_report(with_change(R, ("problems",), [{"category": "data"}] * 4))
    assert (many.detail["limit"], many.detail["count"]) == ("3", "4")


def test_several_problems_come_sorted_by_path() -> None:
    doc = with_change(A, ("website",), "ftp://x.th")
    doc = with_change(doc, ("code",), 1)
    doc = with_change(doc, ("zzz",), 1)
    doc = with_change(doc, ("name", "th"), delete=True)
    assert found(check_agency(doc)) == [
        (("code",), "type"),
        (("name",), "missing"),
        (("website",), "format"),
        (("zzz",), "unknown_key"),
    ]
    missing = check_report({"section16": {"versions": [{}]}})
    assert [p.detail["field"] for p in missing] == ["file", "sha256", "effective", "status"]


@pytest.mark.parametrize(
    "address",
    [
        "contact@dga.or.th",
        "a_b-c.d+e@sub.example.go.th",
        "ติดต่อ@ไทยบีบี.ไทย",
    ],
)
def test_email_addresses_accepted(address: str) -> None:
    assert check_agency(with_change(A, ("emails", "public"), address)) == []


@pytest.mark.parametrize(
    "address",
    [
        "x@",
        "@dga.or.th",
        "contact@dga",
        "contact@dga.or.th ",
        "con\u200btact@dga.or.th",
        "a@b@dga.or.th",
        "a..b@dga.or.th",
        ".a@dga.or.th",
        "a@-dga.or.th",
        "a@dga..or.th",
        "a@dga.or.123",
        "contact",
    ],
)
def test_email_addresses_rejected(address: str) -> None:
    assert found(check_agency(with_change(A, ("emails", "public"), address))) == [(("emails", "public"), "format")]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://dga.or.th/",
        "https:///path",
        "https://www.dga.or.th@evil.example/",
        "https://dga.or.th:99999/",
        "https://dga .or.th/",
        "https://dga.or.th/<script>",
        "https://localhost/",
        "http://",
    ],
)
def test_urls_rejected(url: str) -> None:
    assert found(check_agency(with_change(A, ("website",), url))) == [(("website",), "format")]


# --- the compiled fast path agrees with jsonschema ------------------------------------------

NEAR_MISSES = st.sampled_from(
    [
        "10", "38", "99", "0111013900000", "011101390000", "published", "suspended", "self", "subordinates",
        "complete", "partial", "basic", "ultra", "data", "x@dga.or.th", "x@", "https://a.go.th", "ftp://a.th",
        "2023-11-01", "2023-02-29", "a.pdf", "a..pdf", "A.PDF", SHA_A, SHA_A.upper(), "@dga/web", "", "th",
    ]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**13) | st.floats(allow_nan=False) | st.text(max_size=4) | NEAR_MISSES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3) | NEAR_MISSES, inner, max_size=3),
    max_leaves=6,
)


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, sub in value.items():
            out.extend(paths_of(sub, prefix + (key,)))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            out.extend(paths_of(sub, prefix + (index,)))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths_of(doc)))
        if not path:
            continue
        parent: Any = doc
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=8) | NEAR_MISSES)] = draw(JSON_VALUES)
        else:
            parent.append(draw(JSON_VALUES))
    return doc


def both_verdicts(which: str, doc: Any) -> tuple[bool, bool]:
    checker = getattr(_checkers(), which)
    return checker.is_valid(doc), not any(True for _ in checker.validator.iter_errors(doc))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(AGENCY_EXAMPLE))
def test_fast_path_agrees_with_jsonschema_on_agencies(doc: Any) -> None:
    fast, slow = both_verdicts("agency", doc)
    assert fast == slow


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(REPORT_EXAMPLE))
def test_fast_path_agrees_with_jsonschema_on_reports(doc: Any) -> None:
    fast, slow = both_verdicts("report", doc)
    assert fast == slow


@pytest.mark.parametrize("case", AGENCY_CASES + REPORT_CASES, ids=lambda c: c[0])
def test_fast_path_rejects_every_invalid_example(case: tuple[str, Any, Any]) -> None:
    name, doc, _ = case
    which = "agency" if any(case is c for c in AGENCY_CASES) else "report"
    assert both_verdicts(which, doc) == (False, False)
