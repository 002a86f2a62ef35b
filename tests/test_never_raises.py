"""Whatever bytes a clerk commits, the loader and the validator answer; they never crash."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.prakat.validate import validate
from plugins.prakat.yamlpos import load_yaml
from tests.content_tree import CHILD, valid_tree

TODAY = dt.date(2026, 11, 25)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.dates().map(str))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(min_size=1, max_size=12), children, max_size=5)),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_loader_never_raises_on_bytes(raw: bytes) -> None:
    doc, problem = load_yaml(raw)
    assert (doc is None) != (problem is None)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_loader_round_trips_plain_yaml(data: object) -> None:
    text = yaml.safe_dump({"root": data}, allow_unicode=True)
    doc, problem = load_yaml(text.encode("utf-8"))
    if problem is None:
        assert isinstance(doc.data, dict) and "root" in doc.data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(agency=st.one_of(st.binary(max_size=300), documents.map(lambda d: yaml.safe_dump(d).encode())),
       report=st.one_of(st.binary(max_size=300), documents.map(lambda d: yaml.safe_dump(d).encode())))
def test_validator_never_raises(agency: bytes, report: bytes) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        valid_tree(root)
        (root / f"content/agencies/{CHILD}/agency.yaml").write_bytes(agency)
        (root / f"content/agencies/{CHILD}/report.yaml").write_bytes(report)
        result = validate(root, on=TODAY, use_cache=False)
        for f in result.findings:
            assert f.line >= 1 and f.column >= 1
            assert f.message("th") and f.message("en")
            for lang in ("th", "en"):  # every placeholder was filled
                assert not re.search(r"\{[a-z_]+\}", f.message(lang)), f.message(lang)
    finally:
        shutil.rmtree(root)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_fast_and_exact_yaml_paths_agree(data: object) -> None:
    """Files without tags or anchors take libyaml's composer; it must see what the event walk sees."""
    from plugins.prakat.yamlpos import _build, _Refused, _build_from_events, _build_from_nodes

    text = "# comments come first\n\n" + yaml.safe_dump({"root": data, "list": [data, data]}, allow_unicode=True)
    if any(c in text for c in "!&*"):
        return
    try:
        exact = _build_from_events(text)
    except _Refused as refused:
        try:
            _build_from_nodes(text)
        except _Refused as again:
            assert again.problem == refused.problem
            return
        raise AssertionError("the fast path accepted what the exact path refused")
    fast = _build_from_nodes(text)
    assert (fast.data, fast.values, fast.keys) == (exact.data, exact.values, exact.keys)
    lazy = _build(text)  # positions worked out only when asked for
    assert lazy.data == exact.data
    for missing in (("missing",), ("missing", 0, "file")):  # answered before any locating
        assert lazy.where(missing) == exact.where(missing)
        assert lazy.where(missing, key=True) == exact.where(missing, key=True)
    assert (lazy.keys, lazy.values) == (exact.keys, exact.values)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=12), st.from_regex(r"[-+]?[0-9._:xobeE]{0,10}", fullmatch=True),
                 st.sampled_from(["~", "null", "Yes", "off", "<<", "=", ".inf", "-.NaN", "0b101", "1_000",
                                  "2024-01-02", "0x1F", "1:20", "", "y", "N"])))
def test_plain_scalars_resolve_as_pyyaml_resolves_them(value: str) -> None:
    """The loader's cheap resolver gives every plain scalar the tag PyYAML's own resolver gives it."""
    from plugins.prakat.yamlpos import _resolve_plain

    assert _resolve_plain(value) == yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
