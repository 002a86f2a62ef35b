"""Search records from the model, and the Pagefind bundle written from them.

What may be found: visible agencies and what they have published.  What may
never be: hidden agencies (not even as somebody's parent) and suspended
versions (neither their titles nor their PDFs' text).  The bundle is read
back from disk here, the way the browser would receive it.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from plugins.prakat.compliance import compute
from plugins.prakat.model import build_model
from plugins.prakat.searchrecords import FILTERS, build_records, phone_forms
from plugins.prakat.store import ContentStore
from plugins.prakat.thaiwords import SEPARATOR, Segmenter, strip_marks
from plugins.search.build import DATA_PATH, build_search, decode_words
from plugins.search.bundle import SIGNATURE, read_document
from plugins.search.indexer import PagefindError, write_index
from plugins.search.pdftext import PdfTexts, clean
from tests.content_tree import Tree, agency_yaml

REPO = Path(__file__).resolve().parents[1]
TOP = "0100000000000"
HIDDEN = "0101000000000"
CHILD = "0101000100000"
OTHER = "0200000000000"


def _version(name: str, digest: str, status: str, title: str = "", date: str = "2024-01-10") -> str:
    lines = [f"    - file: {name}", f"      sha256: {digest}", f"      announced: {date}", f"      status: {status}"]
    if title:
        lines += ["      title:", f"        th: {title}"]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Tree:
    """A top-level office, a hidden office under it with a visible unit, and a second top-level body."""
    tree = Tree(tmp_path_factory.mktemp("search-tree"))
    tree.agency(TOP, agency_yaml(TOP, name="สำนักนายกรัฐมนตรี", extra='phones: ["0 2612 6060"]\n'))
    published = tree.pdf(TOP, "s10-pub.pdf", _pdf("PUBLISHEDPAGETEXT announcement"))
    suspended = tree.pdf(TOP, "s10-sus.pdf", _pdf("SUSPENDEDPAGETEXT announcement"))
    tree.report(TOP, "section10:\n  versions:\n"
                + _version("s10-pub.pdf", published, "published", "ประกาศช่องทางอิเล็กทรอนิกส์ฉบับเผยแพร่") + "\n"
                + _version("s10-sus.pdf", suspended, "suspended", "ประกาศฉบับระงับSUSPENDEDTITLE", "2024-05-01")
                + "\n")
    tree.agency(HIDDEN, agency_yaml(HIDDEN, TOP, name="สำนักงานลับเฉพาะ", extra="visible: false\n"))
    hidden_pdf = tree.pdf(HIDDEN, "s10.pdf", _pdf("HIDDENPAGETEXT"))
    tree.report(HIDDEN, "section10:\n  versions:\n" + _version("s10.pdf", hidden_pdf, "published", "HIDDENTITLE") + "\n")
    tree.agency(CHILD, agency_yaml(CHILD, HIDDEN, name="กลุ่มงานส่งเสริมเศรษฐกิจ", extra="unit: true\n"))
    tree.agency(OTHER, agency_yaml(OTHER, name="สำนักงานสถิติแห่งชาติ").replace('province: "10"', 'province: "96"'))
    return tree


def _pdf(text: str) -> bytes:
    from tests.pdfs import simple_pdf
    return simple_pdf(text)


@pytest.fixture(scope="module")
def model_and_compliance(tree: Tree):
    model = build_model(ContentStore(tree.root))
    return model, compute(model)


@pytest.fixture(scope="module")
def records(tree: Tree, model_and_compliance):
    model, compliance = model_and_compliance
    texts = PdfTexts(tree.root, use_cache=False)
    store = ContentStore(tree.root)
    texts.prepare({v.sha256: tree.root / store.document_rel(v.owner, v.file)
                   for a in model.agencies.values() for s in ("10", "13", "16") for v in a.versions.get(s, ())})
    return build_records(model, compliance, Segmenter(), lambda version: texts.get(version.sha256))


def by_code(records) -> dict:
    return {r.code: r for r in records}


def test_one_record_per_visible_agency_in_code_order(records) -> None:
    assert [r.code for r in records] == [TOP, CHILD, OTHER]
    assert [r.url for r in records] == [f"/agencies/{c}/" for c in (TOP, CHILD, OTHER)]


def test_hidden_agencies_leave_no_trace(records) -> None:
    everything = json.dumps([[r.url, r.content, dict(r.meta), dict(r.filters)] for r in records], ensure_ascii=False)
    for trace in (HIDDEN, "สำนักงานลับเฉพาะ", "HIDDENTITLE", "HIDDENPAGETEXT"):
        assert trace not in everything
    child = by_code(records)[CHILD]
    # The unit's parent is the nearest visible ancestor; its top-level body is the visible top.
    assert strip_marks(child.meta["parent"]) == "สำนักนายกรัฐมนตรี"
    assert child.filters["top"] == (TOP,)


def test_only_published_versions_are_indexed(records) -> None:
    top = by_code(records)[TOP]
    assert "ฉบับเผยแพร่" in strip_marks(top.content)
    # The PDF's words ride in the metadata Pagefind searches, without what the text already has.
    assert "PUBLISHEDPAGETEXT" in top.meta["d"].split() and "announcement" in top.meta["d"].split()
    for field in (top.content, *top.meta.values()):
        assert "SUSPENDEDPAGETEXT" not in field and "SUSPENDEDTITLE" not in field


def test_document_words_are_distinct_new_and_bounded(model_and_compliance) -> None:
    model, compliance = model_and_compliance
    pages = {"s10-pub.pdf": "ประกาศสำนักนายกรัฐมนตรี เรื่อง ช่องทาง 0 2612 6060 " + " ".join(f"w{i}" for i in range(900))}
    records = build_records(model, compliance, Segmenter(), lambda v: pages.get(v.file, ""))
    words = by_code(records)[TOP].meta["d"].split()
    assert len(words) == len(set(words)) == 600
    # ประกาศ, สำนัก, นายก, รัฐมนตรี, ช่องทาง and the number are in the record's text already.
    assert words[:2] == ["เรื่อง", "w0"]
    assert "w0" in words and "w900" not in words


def test_text_is_cut_into_words_and_numbers_are_findable_both_ways(records) -> None:
    top, child = by_code(records)[TOP], by_code(records)[CHILD]
    assert f"ช่องทาง{SEPARATOR}อิเล็กทรอนิกส์" in top.content
    assert f"ส่งเสริม{SEPARATOR}เศรษฐกิจ" in child.content
    assert TOP in top.content and "0 2612 6060" in top.content and "026126060" in top.content
    assert strip_marks(top.meta["title"]) == "สำนักนายกรัฐมนตรี"
    assert phone_forms("0 2612 6060") == ["0 2612 6060", "026126060"]
    assert phone_forms("1111") == ["1111"]


def test_filters_carry_stable_keys(records) -> None:
    for record in records:
        assert set(record.filters) <= set(FILTERS)
        assert all(isinstance(v, tuple) and len(v) == 1 for v in record.filters.values())
    top, other = by_code(records)[TOP], by_code(records)[OTHER]
    assert top.filters["s10"] == ("met",) and top.filters["s16"] == ("not_met",)
    assert top.filters["s13"] == ("missing",)
    assert other.filters["province"] == ("96",) and other.filters["top"] == (OTHER,)


def test_pdf_text_cleaning_joins_thai_line_wraps() -> None:
    assert clean("ประกาศช่อง\nทางอิเล็กทรอนิกส์\nhttps://x.go.th\nโทร 02") == \
        "ประกาศช่องทางอิเล็กทรอนิกส์ https://x.go.th โทร 02"
    assert len(clean("ก " * 5000)) <= 2000


def _fragments(bundle: Path) -> list[dict]:
    out = []
    for path in sorted((bundle / "fragment").rglob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(SIGNATURE)
        out.append(json.loads(raw[len(SIGNATURE):]))
    return out


def test_the_written_bundle_holds_exactly_the_visible_records(tree: Tree, model_and_compliance, tmp_path) -> None:
    model, compliance = model_and_compliance
    result = build_search(model, compliance, ContentStore(tree.root), tmp_path / "out", use_cache=False)
    bundle = tmp_path / "out" / "pagefind"
    assert result.records == 3 and (bundle / "pagefind.js").is_file()
    fragments = _fragments(bundle)
    assert sorted(f["url"] for f in fragments) == sorted(f"/agencies/{c}/" for c in (TOP, CHILD, OTHER))
    # Short sequential fragment names in one folder named after their contents.
    (folder,) = (bundle / "fragment").iterdir()
    assert len(folder.name) == 8 and sorted(p.name for p in folder.iterdir()) == ["0.pf_fragment", "1.pf_fragment",
                                                                                   "2.pf_fragment"]
    dump = json.dumps(fragments, ensure_ascii=False)
    for trace in (HIDDEN, "สำนักงานลับเฉพาะ", "HIDDENTITLE", "HIDDENPAGETEXT", "SUSPENDEDPAGETEXT", "SUSPENDEDTITLE"):
        assert trace not in dump
    # Every filter value in the bundle is one of the records' keys.
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    meta = read_document(bundle / f"pagefind.{entry['languages']['th']['hash']}.pf_meta")
    names = [name for name, _ in meta[3]]
    assert names == sorted(names) and set(names) <= set(FILTERS)
    data = json.loads((tmp_path / "out" / DATA_PATH).read_text("utf-8"))
    assert {"ส่งเสริม", "เศรษฐกิจ", "สถิติ"} <= set(decode_words(data["segmenter"]["words"]))
    assert data["segmenter"]["words"].isascii()
    assert data["segmenter"]["split_from"] == 10 and data["labels"]["provinces"]["96"]["en"]


def test_the_same_records_give_byte_identical_bundles(records, tmp_path) -> None:
    first, second = tmp_path / "a" / "pagefind", tmp_path / "b" / "pagefind"
    write_index(records, first)
    write_index(records, second)
    files_a = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_a == files_b
    assert all((first / rel).read_bytes() == (second / rel).read_bytes() for rel in files_a)


def test_a_failing_indexer_is_reported_and_the_old_bundle_stays(records, tmp_path, monkeypatch) -> None:
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    (bundle / "keep.txt").write_text("previous build")
    broken = tmp_path / "pagefind-broken"
    broken.write_text("#!/bin/sh\necho 'cannot index: disk full' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    with pytest.raises(PagefindError, match="disk full"):
        write_index(records, bundle)
    assert (bundle / "keep.txt").read_text() == "previous build"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "missing"))
    with pytest.raises(PagefindError, match="cannot start"):
        write_index(records, bundle)


def test_sample_content_records(tmp_path) -> None:
    """The repository's sample: every visible agency once; the hidden PEA area office nowhere."""
    store = ContentStore(REPO)
    model = build_model(store)
    records = build_records(model, compute(model), Segmenter())
    codes = [r.code for r in records]
    assert codes == [a.code for a in model.visible()]
    assert "1580000300000" not in json.dumps([dict(r.meta) for r in records])


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_records_written_by_worker_processes_give_the_same_index(tmp_path, monkeypatch) -> None:
    """The sample's search, its pages written by forked workers and then in this process alone: the same bytes."""
    import plugins.search.build as search_build

    store = ContentStore(REPO)
    model = build_model(store)
    compliance = compute(model)
    monkeypatch.setattr(search_build, "PARALLEL_FROM", 1)
    shared = search_build.build_search(model, compliance, store, tmp_path / "workers", use_cache=False)
    monkeypatch.setattr(search_build, "PARALLEL_FROM", 10**9)
    alone = search_build.build_search(model, compliance, store, tmp_path / "alone", use_cache=False)
    assert shared.records == alone.records == len([a for a in model.visible()])
    assert shared.dictionary_words == alone.dictionary_words > 100
    assert _files(tmp_path / "workers") == _files(tmp_path / "alone")
