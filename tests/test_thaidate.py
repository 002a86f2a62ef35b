"""Dates as Thai and English readers expect them."""
from __future__ import annotations

import datetime as dt

import pytest

from plugins.prakat.thaidate import buddhist_year, format_date, long_date, short_date, thai_digits


@pytest.mark.parametrize("date, lang, long, short", [
    (dt.date(2023, 11, 1), "th", "1 พฤศจิกายน 2566", "1 พ.ย. 2566"),
    (dt.date(2023, 11, 1), "en", "1 November 2023", "1 Nov 2023"),
    (dt.date(2024, 2, 29), "th", "29 กุมภาพันธ์ 2567", "29 ก.พ. 2567"),
    (dt.date(2025, 1, 31), "th", "31 มกราคม 2568", "31 ม.ค. 2568"),
    (dt.date(2025, 12, 5), "en", "5 December 2025", "5 Dec 2025"),
    (dt.date(2023, 5, 15), "th", "15 พฤษภาคม 2566", "15 พ.ค. 2566"),
])
def test_long_and_short_dates(date: dt.date, lang: str, long: str, short: str) -> None:
    assert long_date(date, lang) == long
    assert short_date(date, lang) == short


def test_every_month_has_its_own_name_in_both_lengths() -> None:
    for lang in ("th", "en"):
        names = {format_date(dt.date(2023, m, 1), lang) for m in range(1, 13)}
        shorts = {format_date(dt.date(2023, m, 1), lang, short=True) for m in range(1, 13)}
        assert len(names) == len(shorts) == 12


def test_buddhist_era_is_the_year_plus_543() -> None:
    assert buddhist_year(dt.date(1957, 1, 1)) == 2500
    assert long_date(dt.date(2000, 1, 1), "th").endswith("2543")


def test_an_unknown_date_is_empty_and_an_unknown_language_an_error() -> None:
    assert long_date(None, "th") == "" and short_date(None, "en") == ""
    with pytest.raises(ValueError):
        long_date(dt.date(2023, 1, 1), "fr")


def test_thai_digits() -> None:
    assert thai_digits("1 พฤศจิกายน 2566") == "๑ พฤศจิกายน ๒๕๖๖"
