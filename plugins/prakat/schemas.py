"""JSON Schema validation of agency.yaml and report.yaml (SPEC §1), as a list of findings.

The validators are built once per process: the schema files are checked against the
draft 2020-12 meta-schema, the `$ref`s between them (and to the vocabulary resource generated
from vocabulary.json) go through one `referencing.Registry`, and formats are enforced by a
format checker of our own, because jsonschema's defaults accept almost any e-mail address
and skip `uri` entirely without the optional rfc3987 package.

jsonschema is thorough but slow (1-2 ms per document here, mostly `$ref` resolution and
per-keyword bookkeeping), and a full build checks tens of thousands of documents. So the
`$ref`s are resolved once, through the registry, into self-contained schemas, and each is also
compiled into plain Python predicates that only answer "valid or not"; jsonschema runs only on
the documents they reject, and stays the one source of the error details. The compiler refuses
any keyword it does not implement exactly, and tests compare the two on many generated documents.

Each jsonschema error becomes a `SchemaProblem` that says what to point at (a value, or an
unknown key) and what to name in the message; turning it into Thai or English words, with a
line and column, is the reporter's job.
"""

from __future__ import annotations

import ipaddress
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import extend
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from .vocabulary import SCHEMA_DIR, vocabulary_schema

if TYPE_CHECKING:  # referencing does not export the class at top level
    from referencing._core import Resolver

AGENCY_SCHEMA_ID = "https://prakat.go.th/schemas/agency.schema.json"
REPORT_SCHEMA_ID = "https://prakat.go.th/schemas/report.schema.json"

KINDS: tuple[str, ...] = (
    "unknown_key",
    "missing",
    "type",
    "enum",
    "pattern",
    "format",
    "too_many",
    "too_long",
    "too_short",
    "const",
    "other",
)


@dataclass(frozen=True)
class SchemaProblem:
    """One thing the schema rejects in a document.

    `path` leads to the offending value inside the document; for an unknown key it leads to
    the key itself (the parent's path plus the key) and `is_key` is true, so that the reporter
    can point at the key's line rather than at its value.
    """

    path: tuple[str | int, ...]
    is_key: bool
    kind: str
    detail: dict[str, str] = field(default_factory=dict)


class SchemaFileError(ValueError):
    "A schema file under schemas/ is missing, not JSON, or not a valid draft 2020-12 schema"


def check_agency(data: object) -> list[SchemaProblem]:
    """Every schema problem in a loaded agency.yaml, sorted by path."""
    return _checkers().agency.check(data)


def check_report(data: object) -> list[SchemaProblem]:
    """Every schema problem in a loaded report.yaml, sorted by path."""
    return _checkers().report.check(data)


# --- building the validators -------------------------------------------------------------

Predicate = Callable[[object], bool]


@dataclass(frozen=True)
class _Checker:
    validator: Validator
    is_valid: Predicate  # the compiled fast path: never true where `validator` finds an error

    def check(self, data: object) -> list[SchemaProblem]:
        if self.is_valid(data):
            return []
        problems: list[SchemaProblem] = []
        for error in self.validator.iter_errors(data):
            problems.extend(_problems_of(error))
        return sorted(_keep_one_per_value(problems), key=_sort_key)


@dataclass(frozen=True)
class _Checkers:
    agency: _Checker
    report: _Checker


def _load_schema(name: str, expected_id: str) -> dict[str, Any]:
    path: Path = SCHEMA_DIR / name
    try:
        with path.open(encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        raise SchemaFileError(f"{path}: {e}") from e
    # A schema whose $id drifted would make every relative $ref resolve somewhere else.
    if not isinstance(schema, dict) or schema.get("$id") != expected_id:
        raise SchemaFileError(f"{path}: expected $id {expected_id}")
    return schema


@cache
def _checkers() -> _Checkers:
    """The agency and report checkers, built once per process."""
    vocab = vocabulary_schema()
    agency = _load_schema("agency.schema.json", AGENCY_SCHEMA_ID)
    report = _load_schema("report.schema.json", REPORT_SCHEMA_ID)
    # Not checked against the metaschema here (a tenth of a second on every run):
    # the schemas ship with the code and tests/test_schemas.py checks them.
    registry: Registry = Registry().with_resources(
        (schema["$id"], DRAFT202012.create_resource(schema)) for schema in (vocab, agency, report)
    ).crawl()
    # Python's `$` also matches before a final newline, ECMA-262's (what JSON Schema
    # patterns mean) does not: without this, "s10.pdf\n" would pass the file-name pattern.
    cls = extend(Draft202012Validator, validators={"pattern": _ecma_pattern})
    checker = _format_checker()

    def build(schema: dict[str, Any]) -> _Checker:
        inlined = _inline(schema, registry.resolver(base_uri=schema["$id"]), ())
        return _Checker(
            validator=cls(inlined, registry=registry, format_checker=checker),
            is_valid=_Compiler(checker).compile(inlined),
        )

    return _Checkers(agency=build(agency), report=build(report))


# Keywords whose value is one subschema, or a list or a map of subschemas.
_SUBSCHEMA = frozenset({"items", "additionalProperties", "if", "then", "else", "not", "contains", "propertyNames"})
_SUBSCHEMA_LIST = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SUBSCHEMA_MAP = frozenset({"properties", "patternProperties", "dependentSchemas"})


def _inline(schema: object, resolver: Resolver[Any], seen: tuple[int, ...]) -> Any:
    """`schema` with every `$ref` replaced by its target, looked up in the registry once."""
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for keyword, rule in schema.items():
        if keyword in _SUBSCHEMA:
            out[keyword] = _inline(rule, resolver, seen)
        elif keyword in _SUBSCHEMA_LIST:
            out[keyword] = [_inline(sub, resolver, seen) for sub in rule]
        elif keyword in _SUBSCHEMA_MAP:
            out[keyword] = {name: _inline(sub, resolver, seen) for name, sub in rule.items()}
        elif keyword not in ("$ref", "$defs"):
            out[keyword] = rule
    if "$ref" not in schema:
        return out
    resolved = resolver.lookup(schema["$ref"])
    if id(resolved.contents) in seen:
        raise SchemaFileError(f"recursive $ref {schema['$ref']}: not supported")
    target = _inline(resolved.contents, resolved.resolver, seen + (id(resolved.contents),))
    target = {k: v for k, v in target.items() if k not in ("$id", "$schema")}
    if (target.keys() & out.keys()) - _ANNOTATIONS:
        # Both sides constrain the same keyword: keep both, as `$ref` beside keywords means.
        return {**{k: v for k, v in out.items() if k in _ANNOTATIONS}, "allOf": [target, out]}
    return {**target, **out}  # the referring schema's own title and description win


@cache
def _compile_pattern(pattern: str) -> re.Pattern[str]:
    trailing_backslashes = len(pattern[:-1]) - len(pattern[:-1].rstrip("\\"))
    if pattern.endswith("$") and trailing_backslashes % 2 == 0:
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _ecma_pattern(
    validator: Validator, pattern: str, instance: object, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if isinstance(instance, str) and not _compile_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# --- formats -----------------------------------------------------------------------------

# RFC 5322 "atext", plus any non-ASCII character (RFC 6531 allows Thai mailbox names).
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\U0010FFFF-]+"
_LOCAL_PART = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*")
_LDH_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)", re.ASCII)
_UNSAFE_IN_URL = frozenset('\\<>"')
_ASCII_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def _has_space_or_control(text: str) -> bool:
    if text.isascii():  # the usual case, and a much faster test
        return _ASCII_SPACE_OR_CONTROL.search(text) is not None
    # Unicode categories Z* (spaces, incl. no-break and ideographic) and C* (controls,
    # format characters such as zero-width spaces pasted from word processors).
    return any(unicodedata.category(ch)[0] in "ZC" for ch in text)


def _is_domain_name(host: str) -> bool:
    """A DNS name of at least two labels; Thai (IDN) labels are allowed."""
    if not host or len(host) > 253:
        return False
    labels = host.split(".")
    if len(labels) < 2:
        return False
    for label in labels:
        try:
            ascii_label = label.encode("idna").decode("ascii") if not label.isascii() else label
        except UnicodeError:
            return False
        if not _LDH_LABEL.fullmatch(ascii_label):
            return False
    # An all-digit top-level label means an IP address written as a name, or a typo.
    return not labels[-1].isdigit()


def _is_email(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    if len(instance) > 254 or _has_space_or_control(instance) or instance.count("@") != 1:
        return False
    local, _, domain = instance.partition("@")
    return 0 < len(local) <= 64 and bool(_LOCAL_PART.fullmatch(local)) and _is_domain_name(domain)


def _is_web_url(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    if _has_space_or_control(instance) or any(ch in _UNSAFE_IN_URL for ch in instance):
        return False
    try:
        parts = urlsplit(instance)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number in range
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not instance[len(parts.scheme) :].startswith("://"):
        return False
    # user:password@ in a link is a classic disguise (https://www.dga.or.th@evil.example/).
    if not parts.netloc or parts.username is not None or not parts.hostname:
        return False
    if _is_domain_name(parts.hostname):
        return True
    try:
        ipaddress.ip_address(parts.hostname)
    except ValueError:
        return False
    return True


def _format_checker() -> FormatChecker:
    """jsonschema's own checks (date among them) with stricter `email` and an http(s) `uri`."""
    checker = FormatChecker(formats=())
    checker.checkers.update(Draft202012Validator.FORMAT_CHECKER.checkers)
    checker.checks("email")(_is_email)
    checker.checks("uri")(_is_web_url)
    return checker


# --- turning errors into problems --------------------------------------------------------

_KIND_BY_KEYWORD: Mapping[str, str] = {
    "type": "type",
    "enum": "enum",
    "const": "const",
    "pattern": "pattern",
    "format": "format",
    "maxItems": "too_many",
    "maxProperties": "too_many",
    "maxLength": "too_long",
    "minLength": "too_short",
    "minItems": "too_short",
    "minProperties": "too_short",
}

# When one value breaks several keywords (an integer where a pattern-checked string is
# expected, a URL failing both its pattern and its format), only the most telling is kept.
_VALUE_KIND_RANK: Mapping[str, int] = {
    "type": 0,
    "const": 1,
    "enum": 2,
    "format": 3,
    "pattern": 4,
    "too_many": 5,
    "too_long": 6,
    "too_short": 7,
    "other": 8,
}

_SIZE_UNITS: Mapping[str, str] = {"Length": "characters", "Items": "items", "Properties": "keys"}

_JSON_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),  # before int: bool is a subclass of int
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (type(None), "null"),
    (list, "array"),
    (dict, "object"),
)


def _json_type(value: object) -> str:
    for python_type, name in _JSON_TYPE_NAMES:
        if isinstance(value, python_type):
            return name
    return type(value).__name__


def _show(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _problems_of(error: ValidationError) -> Iterator[SchemaProblem]:
    path = tuple(error.absolute_path)
    keyword = str(error.validator)
    if keyword in ("anyOf", "oneOf") and error.context:
        # The same choice check-jsonschema makes: one sub-error that best explains the failure.
        yield from _problems_of(best_match(error.context))
    elif keyword == "additionalProperties" and isinstance(error.instance, dict):
        allowed = ", ".join(error.schema.get("properties", {}))
        for key in _unknown_keys(error.instance, error.schema):
            yield SchemaProblem(path + (key,), True, "unknown_key", {"key": str(key), "allowed": allowed})
    elif keyword == "required" and isinstance(error.instance, dict):
        for name in error.validator_value:
            if name not in error.instance:
                yield SchemaProblem(path, False, "missing", {"field": name})
    else:
        yield _value_problem(path, keyword, error)


def _unknown_keys(instance: Mapping[Any, Any], schema: Mapping[str, Any]) -> list[Any]:
    known = schema.get("properties", {})
    patterns = [_compile_pattern(p) for p in schema.get("patternProperties", {})]
    return [
        key
        for key in instance
        if key not in known and not (isinstance(key, str) and any(p.search(key) for p in patterns))
    ]


def _value_problem(path: tuple[str | int, ...], keyword: str, error: ValidationError) -> SchemaProblem:
    value, rule = error.instance, error.validator_value
    kind = _KIND_BY_KEYWORD.get(keyword, "other")
    detail: dict[str, str]
    if kind == "type":
        expected = rule if isinstance(rule, str) else ", ".join(rule)
        detail = {"expected": expected, "got": _json_type(value)}
    elif kind == "enum":
        detail = {"allowed": ", ".join("null" if v is None else str(v) for v in rule), "value": _show(value)}
    elif kind == "const":
        detail = {"expected": _show(rule), "value": _show(value)}
    elif kind in ("pattern", "format"):
        detail = {kind: str(rule), "value": _show(value)}
    elif kind in ("too_many", "too_long", "too_short"):
        unit = _SIZE_UNITS.get(keyword[3:], "items")
        unit = unit[:-1] if rule == 1 else unit  # "1 character", "3 items"
        bound = "at least" if kind == "too_short" else "at most"
        count = str(len(value)) if hasattr(value, "__len__") else ""
        detail = {"limit": str(rule), "count": count, "message": f"must have {bound} {rule} {unit}"}
    else:
        detail = {"keyword": keyword, "message": error.message}
    return SchemaProblem(path, False, kind, detail)


def _keep_one_per_value(problems: Iterable[SchemaProblem]) -> list[SchemaProblem]:
    best_rank: dict[tuple[str | int, ...], int] = {}
    missing_at: set[tuple[str | int, ...]] = set()
    for p in problems:
        if p.kind == "missing":
            missing_at.add(p.path)
        elif not p.is_key:
            rank = _VALUE_KIND_RANK[p.kind]
            best_rank[p.path] = min(rank, best_rank.get(p.path, rank))
    kept: list[SchemaProblem] = []
    seen: set[tuple[Any, ...]] = set()
    for p in problems:
        if not p.is_key and p.kind != "missing":
            if _VALUE_KIND_RANK[p.kind] != best_rank[p.path]:
                continue
            # `{}` for a text that needs `th`: "th is missing" already says it all.
            if p.kind == "too_short" and p.path in missing_at:
                continue
        identity = (p.path, p.is_key, p.kind, tuple(sorted(p.detail.items())))
        if identity not in seen:
            seen.add(identity)
            kept.append(p)
    return kept


def _sort_key(p: SchemaProblem) -> tuple[Any, ...]:
    # Paths mix list indexes and keys; tag each step so that they compare without TypeError.
    # Ties (several missing fields of one object) keep the schema's order: the sort is stable.
    steps = tuple((0, step, "") if isinstance(step, int) else (1, 0, str(step)) for step in p.path)
    return (steps, not p.is_key, KINDS.index(p.kind))


# --- the compiled fast path --------------------------------------------------------------


class _Unsupported(SchemaFileError):
    "A schema uses a keyword the fast path does not implement: extend _Compiler, or the schema"


# Keywords with no effect on validity.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples"})

# The same type semantics as jsonschema's draft 2020-12 type checker, for the types that are
# one isinstance() test (numbers are left out: bool is an int, and 1.0 is an integer).
_PYTHON_TYPES: Mapping[str, type] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


def _all_of(checks: list[Predicate]) -> Predicate:
    # Nested `and`s rather than all() over a generator: this runs for every value of every document.
    if not checks:
        return lambda v: True
    first, rest = checks[0], checks[1:]
    if not rest:
        return first
    tail = _all_of(rest)
    return lambda v: first(v) and tail(v)


class _Compiler:
    """Turns a schema into a predicate with exactly jsonschema's verdict, for a known subset."""

    def __init__(self, format_checker: FormatChecker) -> None:
        self._formats = format_checker

    def compile(self, schema: object) -> Predicate:
        if isinstance(schema, bool):
            return (lambda v: True) if schema else (lambda v: False)
        if not isinstance(schema, dict):
            raise _Unsupported(f"schema {schema!r}")
        checks: list[Predicate] = []
        for keyword, rule in schema.items():
            if keyword in _ANNOTATIONS or keyword in ("properties", "additionalProperties", "required", "then"):
                continue  # object keywords are compiled together below; `then` with `if`
            if keyword == "if":
                checks.append(self._if(schema))
            elif keyword == "allOf":
                checks.extend(self.compile(sub) for sub in rule)
            else:
                checks.append(self._simple(keyword, rule))
        if {"properties", "additionalProperties", "required"} & schema.keys():
            checks.append(self._object(schema))
        return _all_of(checks)

    def _simple(self, keyword: str, rule: Any) -> Predicate:
        if keyword == "type":
            names = [rule] if isinstance(rule, str) else rule
            if not all(name in _PYTHON_TYPES for name in names):
                raise _Unsupported(f"type {rule!r}")
            classes = tuple(_PYTHON_TYPES[name] for name in names)
            return lambda v: isinstance(v, classes)
        if keyword == "enum" and all(isinstance(x, str) or x is None for x in rule):
            allowed = frozenset(rule)
            return lambda v: (v is None or isinstance(v, str)) and v in allowed
        if keyword == "const" and (isinstance(rule, (bool, str)) or rule is None):
            if isinstance(rule, str):
                return lambda v: isinstance(v, str) and v == rule
            return lambda v: v is rule
        if keyword == "pattern":
            regex = _compile_pattern(rule)
            return lambda v: not isinstance(v, str) or regex.search(v) is not None
        if keyword == "format":
            return self._format(rule)
        if keyword in ("minLength", "maxLength", "minItems", "maxItems", "minProperties"):
            kind = str if keyword.endswith("Length") else list if keyword.endswith("Items") else dict
            if keyword.startswith("min"):
                return lambda v: not isinstance(v, kind) or len(v) >= rule
            return lambda v: not isinstance(v, kind) or len(v) <= rule
        if keyword == "items" and isinstance(rule, (dict, bool)):
            item = self.compile(rule)
            return lambda v: not isinstance(v, list) or all(item(x) for x in v)
        raise _Unsupported(f"{keyword}: {rule!r}")

    def _format(self, name: str) -> Predicate:
        if name not in self._formats.checkers:
            return lambda v: True  # jsonschema ignores a format it has no checker for
        # What FormatChecker.conforms() does, minus a layer of calls and the FormatError.
        func, raises = self._formats.checkers[name]

        def conforms(v: object) -> bool:
            try:
                return bool(func(v))
            except raises:
                return False

        return conforms

    def _if(self, schema: Mapping[str, Any]) -> Predicate:
        if "else" in schema:
            raise _Unsupported("else")
        condition = self.compile(schema["if"])
        then = self.compile(schema.get("then", True))
        return lambda v: not condition(v) or then(v)

    def _object(self, schema: Mapping[str, Any]) -> Predicate:
        if "patternProperties" in schema:
            raise _Unsupported("patternProperties")
        properties = {k: self.compile(sub) for k, sub in schema.get("properties", {}).items()}
        additional = self.compile(schema.get("additionalProperties", True))
        required = tuple(schema.get("required", ()))

        def check(v: object) -> bool:
            if not isinstance(v, dict):
                return True
            for name in required:
                if name not in v:
                    return False
            for key, value in v.items():
                if not properties.get(key, additional)(value):
                    return False
            return True

        return check
