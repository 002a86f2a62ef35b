"""The controlled vocabularies of the content format (SPEC §1), read from schemas/vocabulary.json.

The vocabulary lives in exactly one file: the JSON Schemas do not list the allowed values
themselves but refer to a schema resource that :func:`vocabulary_schema` builds from the same
data, so adding a province or a category is a one-line change that the checker and the site
both pick up.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

SCHEMA_DIR: Path = Path(__file__).resolve().parents[2] / "schemas"
VOCABULARY_FILE: Path = SCHEMA_DIR / "vocabulary.json"
VOCABULARY_SCHEMA_ID = "https://prakat.go.th/schemas/vocabulary.schema.json"

LANGUAGES: tuple[str, ...] = ("th", "en")


class VocabularyError(ValueError):
    "schemas/vocabulary.json does not have the expected shape"


@dataclass(frozen=True)
class Label:
    """The Thai and English label of one vocabulary key."""

    th: str
    en: str

    def get(self, lang: str) -> str:
        # An unknown language is a programming error, not a reason to show Thai silently.
        if lang == "th":
            return self.th
        if lang == "en":
            return self.en
        raise ValueError(f"unknown language {lang!r}, expected one of {', '.join(LANGUAGES)}")


@dataclass(frozen=True)
class Vocabulary:
    """Every vocabulary, each an ordered read-only mapping of stable key to label.

    The order is the order of vocabulary.json, which is the order the site lists them in
    (provinces by TIS 1099 code, types roughly from central government outwards).
    """

    types: Mapping[str, Label]
    subtypes: Mapping[str, Label]
    problem_categories: Mapping[str, Label]
    provinces: Mapping[str, Label]
    statuses: Mapping[str, Label]
    scopes: Mapping[str, Label]
    gazette_statuses: Mapping[str, Label]
    gecc_levels: Mapping[str, Label]
    sections: Mapping[str, Label]


# Name of each `$defs` entry of the generated schema resource -> member of vocabulary.json.
# Sections are not listed: they are property names (section10, ...), not values.
SCHEMA_DEFS: Mapping[str, str] = MappingProxyType(
    {
        "type": "types",
        "subtype": "subtypes",
        "province": "provinces",
        "problem_category": "problem_categories",
        "status": "statuses",
        "scope": "scopes",
        "gazette_status": "gazette_statuses",
        "gecc_level": "gecc_levels",
    }
)

# Vocabularies whose YAML value may also be null (`gecc_level: null` means "not a GECC centre").
_NULLABLE_DEFS: frozenset[str] = frozenset({"gecc_level"})

_DEF_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "type": "Agency type (ประเภทหน่วยงาน)",
        "subtype": "Agency subtype (ประเภทย่อย)",
        "province": "TIS 1099 province code (รหัสจังหวัด)",
        "problem_category": "Problem category (ด้านของปัญหาอุปสรรค)",
        "status": "Publication status (สถานะการเผยแพร่)",
        "scope": "Scope of an announcement (ขอบเขตของประกาศ)",
        "gazette_status": "Royal Gazette status of licences (สถานะการประกาศในราชกิจจานุเบกษา)",
        "gecc_level": "GECC level (ระดับศูนย์ราชการสะดวก)",
    }
)


def _read_labels(raw: Mapping[str, Any], member: str) -> Mapping[str, Label]:
    table = raw.get(member)
    if not isinstance(table, dict) or not table:
        raise VocabularyError(f"{VOCABULARY_FILE}: {member!r} must be a non-empty object")
    labels: dict[str, Label] = {}
    for key, value in table.items():
        if not isinstance(value, dict) or set(value) != set(LANGUAGES):
            raise VocabularyError(f"{VOCABULARY_FILE}: {member}.{key} must have exactly th and en")
        if not all(isinstance(value[lang], str) and value[lang].strip() for lang in LANGUAGES):
            raise VocabularyError(f"{VOCABULARY_FILE}: {member}.{key} has an empty label")
        labels[key] = Label(th=value["th"], en=value["en"])
    # A proxy, so that no caller can change the shared, cached vocabulary by accident.
    return MappingProxyType(labels)


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary, read and checked once per process."""
    with VOCABULARY_FILE.open(encoding="utf-8") as f:
        raw = json.load(f)
    if not isinstance(raw, dict):
        raise VocabularyError(f"{VOCABULARY_FILE}: expected a JSON object")
    return Vocabulary(
        types=_read_labels(raw, "types"),
        subtypes=_read_labels(raw, "subtypes"),
        problem_categories=_read_labels(raw, "problem_categories"),
        provinces=_read_labels(raw, "provinces"),
        statuses=_read_labels(raw, "statuses"),
        scopes=_read_labels(raw, "scopes"),
        gazette_statuses=_read_labels(raw, "gazette_statuses"),
        gecc_levels=_read_labels(raw, "gecc_levels"),
        sections=_read_labels(raw, "sections"),
    )


def vocabulary_schema() -> dict[str, Any]:
    """The `vocabulary.schema.json` resource the other schemas `$ref`, built from vocabulary.json.

    A new dict on every call: the caller may hand it to a registry without fear of sharing.
    """
    vocab = vocabulary()
    defs: dict[str, Any] = {}
    for name, member in SCHEMA_DEFS.items():
        labels: Mapping[str, Label] = getattr(vocab, member)
        listing = "; ".join(f"{key} = {label.th}" for key, label in labels.items())
        enum: list[str | None] = list(labels)
        definition: dict[str, Any] = {
            "title": _DEF_TITLES[name],
            "description": f"One of: {listing}.",
            "type": "string",
            "enum": enum,
        }
        if name in _NULLABLE_DEFS:
            definition["type"] = ["string", "null"]
            definition["enum"] = [None, *enum]
            definition["description"] = f"null, or one of: {listing}."
        defs[name] = definition
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": VOCABULARY_SCHEMA_ID,
        "title": "Prakat vocabularies",
        "description": "Allowed values of the content format, generated from schemas/vocabulary.json.",
        "$defs": defs,
    }
