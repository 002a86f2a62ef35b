"""Who may change what: the rule shared by CODEOWNERS and ``review --author``."""
from __future__ import annotations

import pytest

from plugins.prakat.model import Model, agency_from_data
from plugins.prakat.permissions import (AGENCY, MOVE, MOVE_TOP, NEW_AGENCY, NO_AGENCY, OUTSIDE, Identity,
                                        SettingsError, agency_owners, chain_owners, check_paths, parse_central,
                                        teams_from_env)

CENTRAL = ("@opdc/central-reviewers", "@dga/info-admins")


def model(*records: tuple[str, str | None, list[str]]) -> Model:
    agencies = {}
    for code, parent, maintainers in records:
        data: dict[str, object] = {"code": code, "name": {"th": code}, "type": "government_agency",
                                   "maintainers": maintainers}
        if parent:
            data["parent"] = parent
        agencies[code] = agency_from_data(code, data, None)
    return Model(agencies)


M, D, C, X = "0100000000000", "0111000000000", "0111010000000", "0200000000000"
BASE = model((M, None, ["@opm/web"]), (D, M, ["@dept/web", "@somchai"]), (C, D, []), (X, None, ["@x/web"]))


def test_chain_owners_are_own_then_each_ancestor_nearest_first() -> None:
    assert chain_owners(BASE, C) == ("@dept/web", "@somchai", "@opm/web")
    assert chain_owners(BASE, M) == ("@opm/web",)
    assert chain_owners(BASE, "0999999999999") == ()


def test_a_new_agency_belongs_to_its_parents_chain_not_to_itself() -> None:
    new = model((M, None, ["@opm/web"]), (D, M, ["@dept/web", "@somchai"]), (C, D, []),
                ("0111010100000", C, ["@stranger"]), ("0111010101000", "0111010100000", ["@other"]))
    assert agency_owners("0111010100000", BASE, new) == (("@dept/web", "@somchai", "@opm/web"), NEW_AGENCY)
    # Under another new agency: neither new agency's own maintainers count.
    assert agency_owners("0111010101000", BASE, new) == (("@dept/web", "@somchai", "@opm/web"), NEW_AGENCY)


def test_owners_of_an_existing_agency_come_from_the_base() -> None:
    new = model((M, None, ["@opm/web"]), (D, M, ["@dept/web"]), (C, D, ["@self-appointed"]))
    assert agency_owners(C, BASE, new) == (("@dept/web", "@somchai", "@opm/web"), AGENCY)


def test_check_paths_reasons() -> None:
    new = model((M, None, ["@opm/web"]), (D, X, ["@dept/web"]), (C, None, []), (X, None, ["@x/web"]))
    result = check_paths([f"content/agencies/{D}/agency.yaml", f"content/agencies/{C}/agency.yaml",
                          f"content/documents/{D}/ประกาศ-2566.pdf", "content/README.md", "theme/base.html",
                          "CODEOWNERS"], BASE, new, CENTRAL, Identity.of("@dept/web"))
    reasons = [(r.path, r.reason) for r in result.requirements]
    assert reasons == [
        ("CODEOWNERS", OUTSIDE),
        ("content/README.md", NO_AGENCY),
        (f"content/agencies/{D}/agency.yaml", AGENCY),
        (f"content/agencies/{D}/agency.yaml", MOVE),
        (f"content/agencies/{C}/agency.yaml", AGENCY),
        (f"content/agencies/{C}/agency.yaml", MOVE_TOP),
        (f"content/documents/{D}/ประกาศ-2566.pdf", AGENCY),
        ("theme/base.html", OUTSIDE),
    ]
    move = result.requirements[3]
    assert move.parent == X and move.owners == ("@x/web", *CENTRAL)
    refused = [(r.path, r.reason) for r in result.refused]
    assert refused == [("CODEOWNERS", OUTSIDE), ("content/README.md", NO_AGENCY),
                       (f"content/agencies/{D}/agency.yaml", MOVE), (f"content/agencies/{C}/agency.yaml", MOVE_TOP),
                       ("theme/base.html", OUTSIDE)]


def test_identity_matches_handles_and_teams_without_case() -> None:
    assert Identity.of("somchai").user == "@somchai"
    assert Identity.of("@Somchai").matches(["@somchai"])
    assert not Identity.of("@somchai").matches(["@dept/web"])
    assert Identity.of("@somchai", ["dept/web"]).matches(["@dept/web"])
    assert not Identity.of("@dept").matches(["@dept/web"])  # a team counts only by its full name


def test_teams_from_environment() -> None:
    assert teams_from_env({"PRAKAT_AUTHOR_TEAMS": "@a/b, c/d\n@A/B  @e/f"}) == ("@a/b", "@c/d", "@e/f")
    assert teams_from_env({}) == ()


@pytest.mark.parametrize("text, expected", [
    ('PRAKAT_CENTRAL_REVIEWERS = ["@opdc/central-reviewers", "@dga/info-admins"]\n', CENTRAL),
    ('PRAKAT_CENTRAL_REVIEWERS: list[str] = ["opdc/central-reviewers"]\n', ("@opdc/central-reviewers",)),
    ('PRAKAT_CENTRAL_REVIEWERS = ["@a"]\nPRAKAT_CENTRAL_REVIEWERS = ("@b",)\n', ("@b",)),
    ('SITENAME = "x"\n', None),
])
def test_central_reviewers_setting(text: str, expected: tuple[str, ...] | None) -> None:
    assert parse_central(text) == expected


@pytest.mark.parametrize("text", [
    "PRAKAT_CENTRAL_REVIEWERS = os.environ['X'].split()\n",
    'PRAKAT_CENTRAL_REVIEWERS = "@opdc/central-reviewers"\n',
    "PRAKAT_CENTRAL_REVIEWERS = [\n",
])
def test_central_reviewers_setting_must_be_a_plain_list(text: str) -> None:
    with pytest.raises(SettingsError):
        parse_central(text)
