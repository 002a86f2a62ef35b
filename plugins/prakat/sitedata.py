"""Everything the site's plugins read, loaded once per build.

The agency pages, the dashboard, the exports, the feeds and the search index
all need the same model and the same compliance results.  The first plugin
to ask loads them into Pelican's shared context; the others get that object,
so there is one reader and one computation per build.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, MutableMapping

from .compliance import Compliance, compute
from .gitinfo import History, read_history
from .model import Model, build_model
from .store import ContentStore, gc_paused
from .validate import today

CONTEXT_KEY = "PRAKAT_SITE_DATA"


@dataclass
class SiteData:
    root: Path
    store: ContentStore
    model: Model
    compliance: dict[str, Compliance]  # visible agencies only
    history: History
    today: dt.date
    site_url: str  # absolute, without a trailing slash

    @property
    def as_of(self) -> dt.date:
        """The date the data speaks for: the content's last commit, else the build date."""
        change = self.history.last_content_change
        return change.date if change else self.today


def load_site_data(root: Path, site_url: str, store: ContentStore | None = None) -> SiteData:
    store = store or ContentStore(root)
    store.preload(store.codes)
    with gc_paused():  # the model and its compliance last as long as the build (see gc_paused)
        model = build_model(store)
        compliance = compute(model)
    return SiteData(root=root, store=store, model=model, compliance=compliance,
                    history=read_history(root), today=today(), site_url=site_url.rstrip("/"))


def site_data(context: MutableMapping[str, Any], settings: MutableMapping[str, Any]) -> SiteData:
    """The build's SiteData, loading it on first use (PRAKAT_ROOT and SITEURL from the settings)."""
    data = context.get(CONTEXT_KEY)
    if data is None:
        data = load_site_data(Path(settings["PRAKAT_ROOT"]), str(settings.get("SITEURL", "")))
        context[CONTEXT_KEY] = data
    return data
