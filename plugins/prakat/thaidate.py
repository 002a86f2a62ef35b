"""Dates the way Thai readers expect them, and the English equivalent.

Content stores Gregorian ISO dates (SPEC §1); Thai pages show the Buddhist
era (year + 543) with Thai month names, English pages the Gregorian year.
Two lengths: ``long`` for running text ("1 พฤศจิกายน 2566") and ``short``
for tables ("1 พ.ย. 2566").  Formatting is done here, by table, never by
``strftime``: the machine's locale must not change what a page says.
"""
from __future__ import annotations

import datetime as dt

BUDDHIST_ERA_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
ENGLISH_MONTHS_SHORT = tuple(m[:3] for m in ENGLISH_MONTHS)

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def buddhist_year(date: dt.date) -> int:
    return date.year + BUDDHIST_ERA_OFFSET


def format_date(date: dt.date | None, lang: str, *, short: bool = False) -> str:
    """"1 พฤศจิกายน 2566" / "1 November 2023"; with ``short``, "1 พ.ย. 2566" / "1 Nov 2023".

    ``None`` (a date Git or the record does not know) gives an empty string,
    so a template decides what to say instead.
    """
    if date is None:
        return ""
    if lang == "th":
        months = THAI_MONTHS_SHORT if short else THAI_MONTHS
        return f"{date.day} {months[date.month - 1]} {buddhist_year(date)}"
    if lang == "en":
        months = ENGLISH_MONTHS_SHORT if short else ENGLISH_MONTHS
        return f"{date.day} {months[date.month - 1]} {date.year}"
    raise ValueError(f"unknown language {lang!r}, expected th or en")


def long_date(date: dt.date | None, lang: str) -> str:
    return format_date(date, lang)


def short_date(date: dt.date | None, lang: str) -> str:
    return format_date(date, lang, short=True)


def thai_digits(text: str) -> str:
    """Arabic digits as Thai digits (๑ ๒ ๓), for documents written in the official style."""
    return text.translate(_THAI_DIGITS)
