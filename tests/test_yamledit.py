"""Text edits of YAML files: the intended change, and not one byte more."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.prakat.yamledit import (
    EditError, Note, add_key, append_item, create, format_scalar, render_flow, set_scalar)
from plugins.prakat.yamlpos import load_yaml

FIXTURE = Path(__file__).parent / "fixtures" / "editing" / "content" / "agencies" / "0111013900000" / "report.yaml"
BOM = b"\xef\xbb\xbf"
ORDER = ("section10", "section13", "section16", "problems")
SHA = "0" * 63 + "a"


def data(raw: bytes) -> object:
    doc, problem = load_yaml(raw)
    assert problem is None and doc is not None
    return doc.data


def lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\r\n") if b"\r\n" in raw else raw.split(b"\n")


def inserted(before: bytes, after: bytes) -> tuple[int, list[bytes]]:
    """Where ``after`` differs from ``before`` by whole lines inserted at one place: (index, the lines)."""
    old, new = lines(before), lines(after)
    start = 0
    while start < len(old) and old[start] == new[start]:
        start += 1
    added = len(new) - len(old)
    assert added > 0 and new[:start] + new[start + added:] == old, "only lines inserted at one place"
    return start, new[start:start + added]


# --- the heavily commented fixture: CRLF, BOM, Thai comments, quoting, flow lists --------

def test_fixture_is_what_the_tests_think_it_is() -> None:
    raw = FIXTURE.read_bytes()
    assert raw.startswith(BOM) and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert "# ระงับ".encode() in raw and b"status: 'suspended'" in raw and b'status: "published"' in raw


def test_set_scalar_changes_one_quoted_value_and_nothing_else() -> None:
    raw = FIXTURE.read_bytes()
    out = set_scalar(raw, ("section10", "versions", 1, "status"), "suspended")
    assert out == raw.replace(b'status: "published"', b'status: "suspended"')
    out = set_scalar(raw, ("section10", "versions", 0, "status"), "published")
    assert out == raw.replace(b"status: 'suspended'", b"status: 'published'")


def test_set_scalar_inside_a_flow_mapping_keeps_the_line_comment() -> None:
    raw = FIXTURE.read_bytes()
    out = set_scalar(raw, ("section16", "versions", 0, "status"), "suspended")
    assert out == raw.replace(b"effective: 2023-10-15, status: published}",
                              b"effective: 2023-10-15, status: suspended}")


def test_append_to_a_block_list_in_a_crlf_file_with_a_bom() -> None:
    raw = FIXTURE.read_bytes()
    item = {"file": "s10-2568.pdf", "sha256": "a" * 64, "announced": "2025-03-03", "status": "published",
            "title": {"th": "ฉบับที่ 3: แก้ไขอีเมล", "en": "No. 3"}}
    out = append_item(raw, ("section10", "versions"), item)
    at, new = inserted(raw, out)
    assert [n.decode() for n in new] == [
        "    - file: s10-2568.pdf", "      sha256: " + "a" * 64, "      announced: 2025-03-03",
        "      status: published", "      title:", '        th: "ฉบับที่ 3: แก้ไขอีเมล"', "        en: No. 3"]
    # after the last item and its deeper comment, before the comment that closes the section
    assert lines(raw)[at - 1].decode().strip() == "# en: ยังไม่แปล"
    assert lines(raw)[at].decode().strip() == "# ฉบับถัดไปจะเพิ่มด้วย add-document"
    assert out.startswith(BOM) and b"\n" not in out.replace(b"\r\n", b"")
    assert data(out)["section10"]["versions"][-1] == item


def test_append_to_a_multiline_flow_list_with_a_trailing_comma_and_comment() -> None:
    raw = FIXTURE.read_bytes()
    item = {"file": "s16-2568.pdf", "sha256": "b" * 64, "effective": "2025-01-01", "status": "published"}
    out = append_item(raw, ("section16", "versions"), item)
    at, new = inserted(raw, out)
    assert [n.decode() for n in new] == [f"    {{file: s16-2568.pdf, sha256: {'b' * 64}, "
                                          "effective: 2025-01-01, status: published},"]
    assert lines(raw)[at - 1].decode().endswith("},  # รอแก้ไข") and lines(raw)[at] == b"  ]"


def test_append_to_a_compact_list_of_mixed_items() -> None:
    raw = FIXTURE.read_bytes()
    out = append_item(raw, ("problems",), {"category": "budget", "description": "งบประมาณไม่พอ"})
    _, new = inserted(raw, out)
    assert [n.decode() for n in new] == ["- {category: budget, description: งบประมาณไม่พอ}"]


def test_add_a_section_between_others_before_its_heading_comment() -> None:
    raw = FIXTURE.read_bytes()
    section = {"has_licences": True, "gazette_status": Note("not_published", "ตรวจแก้"),
               "versions": [{"file": "s13.pdf", "status": "published"}]}
    out = add_key(raw, (), "section13", section, ORDER)
    at, new = inserted(raw, out)
    assert [n.decode() for n in new] == [
        "section13:", "  has_licences: true", "  gazette_status: not_published  # ตรวจแก้", "  versions:",
        "    - file: s13.pdf", "      status: published", ""]
    assert lines(raw)[at - 1] == b"" and lines(raw)[at].decode().startswith("# มาตรา 16")


# --- smaller layouts ----------------------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    ("v: [{a: 1}]\n", "v: [{a: 1}, {a: 3}]\n"),
    ("v: [{a: 1}, {a: 2},]\n", "v: [{a: 1}, {a: 2}, {a: 3},]\n"),
    ("v: []  # none yet\n", "v: [{a: 3}]  # none yet\n"),
    ("v: [\n  {a: 1},\n  {a: 2}  # c\n]\n", "v: [\n  {a: 1},\n  {a: 2},  # c\n  {a: 3}\n]\n"),
    ("v: [\n  {a: 1}]\n", "v: [\n  {a: 1},\n  {a: 3}]\n"),
    ("v:\n- a: 1\nw: 1\n", "v:\n- a: 1\n- a: 3\nw: 1\n"),
    ("v: [{t: \"a ] # b\"}, {t: 'it''s ]'}, {t: it's}]  # ]\n",
     "v: [{t: \"a ] # b\"}, {t: 'it''s ]'}, {t: it's}, {a: 3}]  # ]\n"),
    ("v: [  # items\n  {a: 1}  # one ]\n]\n", "v: [  # items\n  {a: 1},  # one ]\n  {a: 3}\n]\n"),
    ("v:\n  -   a: 1\n      b: 2\n", "v:\n  -   a: 1\n      b: 2\n  -   a: 3\n"),
    ("v:\n  - a: 1\n    b: |\n      x\n\n      y\n# end\n", "v:\n  - a: 1\n    b: |\n      x\n\n      y\n  - a: 3\n# end\n"),
    ("v:\n  - a: 1", "v:\n  - a: 1\n  - a: 3\n"),
])
def test_append_item_layouts(before: str, after: str) -> None:
    assert append_item(before.encode(), ("v",), {"a": 3}).decode() == after


@pytest.mark.parametrize("before, path, key, after", [
    ("# only a comment\n", (), "s", "# only a comment\ns:\n  v: 1\n"),
    ("s13: {has: true}\n", ("s13",), "v", "s13: {has: true, v: {v: 1}}\n"),
    ("s:\n  has: true\n  v:   # later\n  links: []\n", ("s",), "v", "s:\n  has: true\n  v:   # later\n    v: 1\n  links: []\n"),
    ("# header\nb: 1\n", (), "a", "# header\na:\n  v: 1\nb: 1\n"),
    ("x: 1\n# about b\nb: 1\n", (), "a", "x: 1\na:\n  v: 1\n# about b\nb: 1\n"),
    ("x: 1\n\nb:\n- 1\n", (), "c", "x: 1\n\nb:\n- 1\n\nc:\n  v: 1\n"),
    ("x:\n    y: 1\n...\n", (), "c", "x:\n    y: 1\nc:\n    v: 1\n...\n"),
])
def test_add_key_layouts(before: str, path: tuple, key: str, after: str) -> None:
    assert add_key(before.encode(), path, key, {"v": 1}, ("x", "a", "b", "c", "has", "v", "links")).decode() == after


def test_create_writes_a_header_and_a_block() -> None:
    raw = create(["หัวเรื่อง", ""], "section10", {"versions": [{"file": "a.pdf"}]})
    assert raw.decode() == "# หัวเรื่อง\n\nsection10:\n  versions:\n    - file: a.pdf\n"


@pytest.mark.parametrize("raw, path", [
    (b'v: {status: "publ\\x69shed"}\n', ("v", "status")),  # an escape: not the text it reads as
    (b"v: {status: 1}\n", ("v", "status")),
    (b"v: {}\n", ("v", "status")),
])
def test_set_scalar_refuses_what_it_cannot_find_as_written(raw: bytes, path: tuple) -> None:
    with pytest.raises(EditError):
        set_scalar(raw, path, "suspended")


def test_edits_refuse_unreadable_files_and_wrong_shapes() -> None:
    with pytest.raises(EditError) as err:
        append_item(b"v: [1\n", ("v",), 2)
    assert "line" in err.value.en and "บรรทัด" in err.value.th
    with pytest.raises(EditError):
        append_item(b"v: 1\n", ("v",), 2)
    with pytest.raises(EditError):
        add_key(b"v: 1\n", (), "v", 2)
    with pytest.raises(EditError):  # a block scalar that keeps its trailing lines cannot take an item after it
        append_item(b"v:\n  - |+\n    x\n\n", ("v",), "y")


# --- scalars ------------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    ("s10-2566.pdf", "s10-2566.pdf"), ("ประกาศ.pdf", "ประกาศ.pdf"), ("2023-11-01", "2023-11-01"),
    ("0111013900000", '"0111013900000"'), ("true", '"true"'), ("a: b", '"a: b"'), ("- x", '"- x"'),
    ("", '""'), (" x", '" x"'), ("x #y", '"x #y"'), ('say "hi"', 'say "hi"'), ("#x", '"#x"'),
    ("line\nbreak", '"line\\nbreak"'), ("null", '"null"'), ("1e3", '"1e3"'), ("\u2028", '"\\u2028"'),
])
def test_format_scalar(value: str, text: str) -> None:
    assert format_scalar(value) == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.booleans())
def test_any_text_reads_back_as_itself(value: str, flow: bool) -> None:
    raw = (f"k: [{format_scalar(value, flow=True)}]\n" if flow else f"k: {format_scalar(value)}\n").encode("utf-8")
    expected = [value] if flow else value
    assert data(raw) == {"k": expected}


def test_render_flow_nests() -> None:
    assert render_flow({"a": [1, "x, y"], "b": {"th": "ก"}}) == '{a: [1, "x, y"], b: {th: ก}}'


# --- the property: changing one status changes exactly one line -----------------------------

_status = st.sampled_from(["published", "suspended"])
_quote = st.sampled_from(["", "'", '"'])


@st.composite
def reports(draw: st.DrawFn) -> tuple[bytes, int, str]:
    """A report.yaml with a random list of versions, laid out in one of the ways clerks write."""
    count = draw(st.integers(1, 6))
    flow_list = draw(st.booleans())
    indent = draw(st.sampled_from([0, 2, 4]))
    out = ["# รายงาน", "section10:  # มาตรา 10", "  versions:" + (" [" if flow_list else "")]
    for i in range(count):
        status, quote = draw(_status), draw(_quote)
        comment = draw(st.sampled_from(["", "  # หมายเหตุ", "  # status: published"]))
        if draw(st.booleans()):
            out.append(" " * (2 + indent) + draw(st.sampled_from(["# ฉบับเก่า", "#", "# - file: x.pdf"])))
        if flow_list or draw(st.booleans()):
            lead = "    " if flow_list else " " * (2 + indent) + "- "
            tail = "," if flow_list and (i < count - 1 or draw(st.booleans())) else ""
            out.append(f"{lead}{{file: f{i}.pdf, sha256: {SHA}, status: {quote}{status}{quote}, "
                       f"announced: 2023-01-0{i + 1}}}{tail}{comment if not flow_list or tail else ''}")
        else:
            pad = " " * (4 + indent)
            out += [f"{pad[:-2]}- file: f{i}.pdf", f"{pad}status: {quote}{status}{quote}{comment}",
                    f"{pad}sha256: {SHA}", f"{pad}announced: 2023-01-0{i + 1}"]
            if draw(st.booleans()):
                out += [f"{pad}title:", f"{pad}  th: ฉบับที่ {i}"]
        if draw(st.booleans()):
            out.append("")
    if flow_list:
        out.append("  ]")
    out += ["section16:", "  versions: []"]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    raw = (BOM if draw(st.booleans()) else b"") + newline.join(out).encode("utf-8") + newline.encode()
    return raw, draw(st.integers(0, count - 1)), draw(_status)


@settings(max_examples=200, deadline=None)
@given(reports())
def test_set_status_changes_exactly_one_line(case: tuple[bytes, int, str]) -> None:
    raw, index, status = case
    before = data(raw)
    path = ("section10", "versions", index, "status")
    old = before["section10"]["versions"][index]["status"]
    out = set_scalar(raw, path, status)
    old_lines, new_lines = lines(raw), lines(out)
    assert len(old_lines) == len(new_lines)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
    assert len(changed) == (0 if old == status else 1)
    if changed:
        assert old_lines[changed[0]].replace(old.encode(), status.encode(), 1) == new_lines[changed[0]]
    before["section10"]["versions"][index]["status"] = status
    assert data(out) == before
    assert out.startswith(BOM) == raw.startswith(BOM)


@settings(max_examples=150, deadline=None)
@given(reports(), st.sampled_from(["published", "suspended"]))
def test_appending_keeps_every_old_line(case: tuple[bytes, int, str], status: str) -> None:
    raw, _, _ = case
    item = {"file": "new.pdf", "sha256": SHA, "status": status, "announced": "2024-01-01"}
    before = data(raw)
    out = append_item(raw, ("section10", "versions"), item)
    before["section10"]["versions"].append(item)
    assert data(out) == before
    new_lines = iter(lines(out))
    for old in lines(raw):  # in order; at most a comma added where a flow item was last
        assert any(new in (old, old.replace(b"}", b"},", 1)) for new in new_lines), old
