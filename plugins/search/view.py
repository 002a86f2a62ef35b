"""What the search page lists as filters: plain data from the model, no Pelican.

Each filter is one of the Pagefind filters the records carry
(plugins.prakat.searchrecords.FILTERS), with the values that occur among the
visible agencies, in a fixed order: top-level bodies by code, types and
provinces in the vocabulary's order, statuses from met to not met.  The
template turns keys into labels.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from plugins.prakat.compliance import Compliance
from plugins.prakat.model import Model, Text
from plugins.prakat.vocabulary import vocabulary

SECTION13_ORDER = ("complete", "partial", "not_published", "missing", "not_applicable")


@dataclass(frozen=True)
class Option:
    value: str
    name: Text | None = None  # a top-level body's name; other options are labelled by key


@dataclass(frozen=True)
class Filter:
    key: str  # the Pagefind filter and the URL parameter
    options: tuple[Option, ...]


@dataclass(frozen=True)
class SearchPage:
    filters: tuple[Filter, ...]
    agencies: int


def search_page(model: Model, compliance: Mapping[str, Compliance]) -> SearchPage:
    visible = [a for a in model.visible() if a.code in compliance]
    tops = sorted({top.code for a in visible if (top := model.top_level(a.code)) is not None})
    types = {a.type for a in visible}
    provinces = {a.province for a in visible if a.province}
    s13 = {compliance[a.code].section13 for a in visible}
    vocab = vocabulary()
    statuses = tuple(Option(v) for v in ("met", "not_met"))
    return SearchPage(
        filters=(
            Filter("top", tuple(Option(code, model.agencies[code].name) for code in tops)),
            Filter("type", tuple(Option(key) for key in vocab.types if key in types)),
            Filter("province", tuple(Option(key) for key in vocab.provinces if key in provinces)),
            Filter("s10", statuses),
            Filter("s16", statuses),
            Filter("s13", tuple(Option(key) for key in SECTION13_ORDER if key in s13)),
        ),
        agencies=len(visible),
    )
