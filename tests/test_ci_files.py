"""The CI files shipped for content repositories: the steps they must have, read as YAML."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parents[1]


def load(rel: str) -> dict[Any, Any]:
    data = yaml.safe_load((PROJECT / rel).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def github() -> dict[Any, Any]:
    return load(".github/workflows/content.yml")


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job["steps"]


def uses(job: dict[str, Any]) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(s.get("run", "") for s in steps(job))


def test_github_triggers() -> None:
    workflow = github()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]


def test_github_pull_request_job() -> None:
    job = github()["jobs"]["check"]
    assert job["if"] == "github.event_name == 'pull_request'"
    checkout = next(s for s in steps(job) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    python = next(s for s in steps(job) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    script = runs(job)
    assert "make setup" in script
    assert "git merge-base" in script
    assert 'build.py validate --changed-since "${{ steps.base.outputs.rev }}" --format github' in script
    assert 'build.py review --base "${{ steps.base.outputs.rev }}" --author "@${{ github.actor }}"' in script
    assert "build.py build --output public" in script
    assert "actions/upload-artifact" in uses(job)
    upload = next(s for s in steps(job) if s.get("id") == "preview")
    assert upload["with"]["path"] == "public/"
    comment = next(s for s in steps(job) if s.get("uses", "").startswith("actions/github-script@"))
    assert "review.md" in comment["with"]["script"] and "createComment" in comment["with"]["script"]
    assert job["permissions"]["pull-requests"] == "write"
    # Every step runs even when validation fails, and the job still fails at the end.
    assert "exit 1" in steps(job)[-1]["run"] and steps(job)[-1]["if"] == "always()"


def test_github_publish_job() -> None:
    job = github()["jobs"]["publish"]
    assert "push" in job["if"]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages", "actions/configure-pages"} <= set(uses(job))
    assert "build.py build --output public" in runs(job)
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"


def test_github_keeps_codeowners_fresh() -> None:
    job = github()["jobs"]["codeowners"]
    assert "build.py codeowners --check" in runs(job) and "git push" in runs(job)


def test_gitlab_merge_request_jobs() -> None:
    ci = load(".gitlab-ci.yml")
    mr = '$CI_PIPELINE_SOURCE == "merge_request_event"'
    for name in ("validate", "review", "preview"):
        assert ci[name]["rules"] == [{"if": mr}], name
    assert ci["default"]["image"].startswith("python:3.11")
    assert "make setup" in ci["default"]["before_script"]
    assert ci["variables"]["GIT_DEPTH"] == "0"
    validate = "\n".join(ci["validate"]["script"])
    assert 'build.py validate --changed-since "$CI_MERGE_REQUEST_DIFF_BASE_SHA"' in validate
    review = "\n".join(ci["review"]["script"])
    assert 'build.py review --base "$BASE" --author "$AUTHOR"' in review
    assert "merge_requests/$CI_MERGE_REQUEST_IID/notes" in review and "PRAKAT_GITLAB_TOKEN" in review
    preview = ci["preview"]
    assert "build.py build --output public" in "\n".join(preview["script"])
    assert preview["artifacts"]["expose_as"] and preview["artifacts"]["paths"] == ["public/"]
    assert preview["environment"]["url"].endswith("/public/index.html")


def test_gitlab_pages_on_the_default_branch() -> None:
    ci = load(".gitlab-ci.yml")
    pages = ci["pages"]
    assert "$CI_DEFAULT_BRANCH" in pages["rules"][0]["if"]
    assert "build.py build --output public" in "\n".join(pages["script"])
    assert pages["artifacts"]["paths"] == ["public"]
    assert set(ci["stages"]) == {"check", "build", "publish"}
    for name, job in ci.items():
        if isinstance(job, dict) and "script" in job:
            assert job["stage"] in ci["stages"], name


def test_pdf_caches_are_kept_between_runs() -> None:
    """A clean clone examines every PDF (about 50 s at national scale); the sha256-keyed verdicts need not."""
    jobs = github()["jobs"]
    for name in ("check", "publish"):
        cache = [s for s in steps(jobs[name]) if s.get("uses", "").startswith("actions/cache@")]
        assert len(cache) == 1, name
        assert ".prakat-cache/pdf-v*.json" in cache[0]["with"]["path"]
        order = [s.get("name", s.get("uses", "")) for s in steps(jobs[name])]
        assert order.index(cache[0]["name"]) < next(i for i, s in enumerate(steps(jobs[name]))
                                                    if "build.py" in s.get("run", ""))
    gitlab_caches = load(".gitlab-ci.yml")["default"]["cache"]
    assert any(".prakat-cache/pdf-v*.json" in c["paths"] for c in gitlab_caches)
