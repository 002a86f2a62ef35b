"""The site's one message catalogue, and the template helpers that speak the page's language.

Every label on the public site comes from ``theme/i18n/*.yaml``: each file
is a flat mapping of dotted keys to ``{th: ..., en: ...}``.  Each part of the
site keeps its own file (``site.yaml``, ``dashboard.yaml``, ``search.yaml``
...); they are merged here, and a key defined in two files is an error, so no
file can silently change another's wording.

Templates call ``t("nav.home")``; the language is the page's own (``lang`` in
the template context, Thai when absent), so a template never passes it.  The
vocabulary labels (types, provinces, ...) come from schemas/vocabulary.json
through ``label("types", key)``.  None of these returns markup: whatever
they give back is escaped by Jinja's autoescape like any other text.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Mapping

from jinja2 import pass_context

from . import thaidate
from .model import Text
from .vocabulary import vocabulary
from .yamlpos import load_yaml

LANGUAGES = ("th", "en")
DEFAULT_LANG = "th"
CATALOGUE_FOLDER = "i18n"  # inside the theme


class CatalogueError(ValueError):
    "A message catalogue file is unreadable, malformed, or redefines another file's key"


class MissingMessage(KeyError):
    "A template asked for a key that no catalogue file defines"


@dataclass(frozen=True)
class Message:
    th: str
    en: str
    source: str  # file name, for error messages

    def get(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}, expected one of {', '.join(LANGUAGES)}")
        return self.th if lang == "th" else self.en


@dataclass(frozen=True)
class Catalogue:
    messages: Mapping[str, Message]
    digest: str  # sha256 over every file's name and bytes: part of each page's inputs

    def get(self, key: str, lang: str, **params: object) -> str:
        try:
            message = self.messages[key]
        except KeyError:
            raise MissingMessage(f"no message {key!r} in theme/{CATALOGUE_FOLDER}/*.yaml") from None
        text = message.get(lang)
        return text.format(**params) if params else text

    def __contains__(self, key: object) -> bool:
        return key in self.messages

    def digest_of(self, source: str) -> str:
        """A digest of the messages one file defines: what pages using only that file's keys depend on."""
        digest = hashlib.sha256()
        for key in sorted(k for k, m in self.messages.items() if m.source == source):
            message = self.messages[key]
            digest.update(f"{key}\0{message.th}\0{message.en}\0".encode())
        return digest.hexdigest()


def _entries(path: Path) -> dict[str, Message]:
    doc, problem = load_yaml(path.read_bytes())
    if problem is not None or doc is None:
        where = f":{problem.mark.line}:{problem.mark.column}" if problem else ""
        raise CatalogueError(f"{path}{where}: cannot read ({problem.code if problem else 'empty'})")
    if not isinstance(doc.data, dict):
        raise CatalogueError(f"{path}: expected a mapping of keys to {{th: ..., en: ...}}")
    out = {}
    for key, value in doc.data.items():
        line = doc.where((key,), key=True).line
        if not isinstance(value, dict) or set(value) != set(LANGUAGES):
            raise CatalogueError(f"{path}:{line}: {key!r} must have exactly th and en")
        if not all(isinstance(value[lang], str) and value[lang].strip() for lang in LANGUAGES):
            raise CatalogueError(f"{path}:{line}: {key!r} has an empty or non-text message")
        out[key] = Message(value["th"], value["en"], path.name)
    return out


def load_catalogue(folder: Path) -> Catalogue:
    """Every ``*.yaml`` in ``folder``, merged in name order; a key in two files is an error."""
    messages: dict[str, Message] = {}
    digest = hashlib.sha256()
    for path in sorted(Path(folder).glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        for key, message in _entries(path).items():
            if key in messages:
                raise CatalogueError(
                    f"{path}: the key {key!r} is already defined in {messages[key].source}; "
                    "each key belongs to one file")
            messages[key] = message
    return Catalogue(messages, digest.hexdigest())


@cache
def catalogue(folder: str) -> Catalogue:
    """The catalogue in ``folder``, read once per process (``clear_cache()`` rereads it)."""
    return load_catalogue(Path(folder))


@cache
def _theme(theme: str) -> Catalogue:
    # keyed by the THEME setting itself: templates ask for a message hundreds of times per page
    return catalogue(str(Path(theme) / CATALOGUE_FOLDER))


def theme_catalogue(settings: Mapping[str, Any]) -> Catalogue:
    """The catalogue of the theme the settings (or a template's context) name."""
    return _theme(settings["THEME"])


def clear_cache() -> None:
    """Forget every catalogue read so far: a build in a long-lived process rereads edited files."""
    catalogue.cache_clear()
    _theme.cache_clear()


# --- addresses ----------------------------------------------------------------

def page_path(path: str, lang: str) -> str:
    """The root-relative address of ``path`` (no leading slash) in ``lang``: Thai at /, English under /en/."""
    path = path.lstrip("/")
    return f"/en/{path}" if lang == "en" else f"/{path}"


def other_lang(lang: str) -> str:
    return "en" if lang == "th" else "th"


# --- values from content: only what is safe becomes a link ----------------------

_EMAIL = re.compile(r"^[^@\s<>\"'():;,\\]+@[^@\s<>\"'():;,\\]+\.[^@\s<>\"'():;,\\.]+$")


def http_url(value: object) -> str | None:
    """The URL when it is an http(s) address, else None: no other scheme ever becomes a link."""
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")) and value.isprintable():
        return value
    return None


def mailto(value: object) -> str | None:
    """``mailto:`` for something that looks like one address, else None."""
    if isinstance(value, str) and _EMAIL.match(value):
        return f"mailto:{value}"
    return None


def tel(value: object) -> str | None:
    """``tel:`` with the digits of a phone number ("0 2612 6060" -> tel:026126060), else None."""
    if not isinstance(value, str):
        return None
    digits = "".join(ch for ch in value if ch.isdigit() and ch.isascii())
    if len(digits) < 3:
        return None
    return f"tel:{'+' if value.strip().startswith('+') else ''}{digits}"


def file_size(size: int | None, lang: str) -> str:
    """A PDF's size the way a download link states it: "245 KB", "1.2 MB"."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B" if lang == "en" else f"{size} ไบต์"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# --- template helpers: every one reads the page's language from the context ------

def lang_of(ctx: Mapping[str, Any]) -> str:
    lang = ctx.get("lang") or DEFAULT_LANG
    return lang if lang in LANGUAGES else DEFAULT_LANG


@pass_context
def t(ctx: Mapping[str, Any], key: str, **params: object) -> str:
    """The message ``key`` in the page's language, with ``{name}`` placeholders filled in."""
    return theme_catalogue(ctx).get(key, lang_of(ctx), **params)


@pass_context
def t_in(ctx: Mapping[str, Any], lang: str, key: str, **params: object) -> str:
    """The message ``key`` in a given language: for the few bilingual pages (/404.html)."""
    return theme_catalogue(ctx).get(key, lang, **params)


@pass_context
def label(ctx: Mapping[str, Any], vocab: str, key: object) -> str:
    """A vocabulary label, e.g. ``label("provinces", "10")``; an unknown key shows as itself."""
    table = getattr(vocabulary(), vocab)
    if not isinstance(key, str) or key not in table:
        return "" if key is None else str(key)
    return table[key].get(lang_of(ctx))


@pass_context
def localized(ctx: Mapping[str, Any], value: Text | None) -> str:
    """A bilingual text from content in the page's language (English falls back to Thai)."""
    return value.get(lang_of(ctx)) if value is not None else ""


@pass_context
def url(ctx: Mapping[str, Any], path: str, lang: str | None = None) -> str:
    """Root-relative address of a page in the page's language (or in ``lang``)."""
    return page_path(path, lang or lang_of(ctx))


@pass_context
def date_long(ctx: Mapping[str, Any], value: dt.date | None) -> str:
    return thaidate.long_date(value, lang_of(ctx))


@pass_context
def date_short(ctx: Mapping[str, Any], value: dt.date | None) -> str:
    return thaidate.short_date(value, lang_of(ctx))


@pass_context
def size(ctx: Mapping[str, Any], value: int | None) -> str:
    return file_size(value, lang_of(ctx))


@pass_context
def number(ctx: Mapping[str, Any], value: int | float) -> str:
    """A count with thousands separators (both languages write 20,000)."""
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


JINJA_GLOBALS = {"t": t, "t_in": t_in, "label": label, "url": url, "other_lang": other_lang}
JINJA_FILTERS = {
    "localized": localized,
    "date_long": date_long,
    "date_short": date_short,
    "size": size,
    "number": number,
    "http_url": http_url,
    "mailto": mailto,
    "tel": tel,
}
