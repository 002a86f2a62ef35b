"""Thai word breaking: the cuts the search index depends on, and their stability."""
from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.prakat.thaiwords import (
    MARK, SEPARATOR, Dictionary, Segmenter, default_dictionary, normalize, strip_marks,
)


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return Segmenter()


def words(seg: Segmenter, text: str) -> list[str]:
    return seg.spaced(text, "|").split("|")


@pytest.mark.parametrize("text, expected", [
    # The words a first pass keeps inside dictionary entries, found by the second pass.
    ("สำนักงานพัฒนารัฐบาลดิจิทัล", ["สำนักงาน", "พัฒนา", "รัฐบาล", "ดิจิทัล"]),
    ("องค์การมหาชน", ["องค์การ", "มหาชน"]),
    ("กรมส่งเสริมการปกครองท้องถิ่น", ["กรม", "ส่งเสริม", "การปกครอง", "ท้องถิ่น"]),
    ("สำนักงานสถิติจังหวัดพิษณุโลก", ["สำนักงาน", "สถิติ", "จังหวัด", "พิษณุโลก"]),
    ("สำนักงานเศรษฐกิจการเกษตร", ["สำนักงาน", "เศรษฐกิจ", "การเกษตร"]),
    ("สำนักงานคณะกรรมการพัฒนาระบบราชการ", ["สำนักงาน", "คณะ", "กรรมการ", "พัฒนา", "ระบบ", "ราชการ"]),
    ("กระทรวงมหาดไทย", ["กระทรวง", "มหาดไทย"]),
    ("สำนักงานจังหวัดนราธิวาส", ["สำนักงาน", "จังหวัด", "นราธิวาส"]),
])
def test_compound_names_are_cut_into_their_words(seg: Segmenter, text: str, expected: list[str]) -> None:
    assert words(seg, text) == expected


def test_a_long_word_whose_parts_are_too_short_stays_whole(seg: Segmenter) -> None:
    # "ยา" has two letters: the second pass keeps the dictionary's whole name.
    assert words(seg, "สำนักงานคณะกรรมการอาหารและยา") == ["สำนักงานคณะกรรมการอาหารและยา"]
    # ... and its inner words are indexed beside it instead.
    inner = seg.inner_words("สำนักงานคณะกรรมการอาหารและยา")
    assert {"อาหาร", "ยา", "คณะกรรมการ"} <= set(inner)


def test_inner_words_reach_inside_short_compounds(seg: Segmenter) -> None:
    assert "ปกครอง" in seg.inner_words("กรมส่งเสริมการปกครองท้องถิ่น")
    assert "ทุจริต" in seg.inner_words("สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ")
    # Short everyday words are not taken apart into syllables.
    assert seg.inner_words("กระทรวงมหาดไทย") == []
    assert seg.inner_words("สำนักงานจังหวัด") == ["สำนัก", "งาน"]


def test_unknown_words_stay_in_one_piece_and_never_split_a_cluster(seg: Segmenter) -> None:
    cut = seg.cut("ซซซซ")
    assert [(p.text, p.known) for p in cut] == [("ซซซซ", False)]
    for text in ("กะลุวอเหนือ", "บาเจาะ", "สุไหงโก-ลก", "รือเสาะ"):
        for word in words(seg, text):
            assert word and word[0] not in "ะัาำิีึืฺุู็่้๊๋์ํ๎", (text, word)
            assert word[-1] not in "เแโใไ", (text, word)


def test_english_digits_and_punctuation_are_untouched(seg: Segmenter) -> None:
    for text in ("Digital Government Development Agency (Public Organization)",
                 "0111013900000", "0 2612 6060", "10400", "contact@dga.or.th", "https://www.dga.or.th",
                 "Mon–Fri 08:30–16:30"):
        assert seg.spaced(text) == text


def test_separators_between_thai_words_and_where_scripts_meet(seg: Segmenter) -> None:
    assert seg.spaced("ชั้น17 อาคาร", "|") == "ชั้น|17 อาคาร"
    assert seg.spaced("สำนักงาน ก.พ.ร.", "|") == "สำนักงาน ก.พ.ร."
    assert seg.spaced("(องค์การมหาชน)", "|") == "(องค์การ|มหาชน)"


def test_marks_come_off_for_readers(seg: Segmenter) -> None:
    text = "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) ชั้น 17"
    spaced = seg.spaced(text)
    assert SEPARATOR in spaced and MARK in spaced
    assert strip_marks(spaced) == text


def test_thai_digits_and_sara_am_are_normalized() -> None:
    assert normalize("มาตรา ๑๐ พ.ศ. ๒๕๖๕") == "มาตรา 10 พ.ศ. 2565"
    assert normalize("สำนัก") == "สำนัก"
    assert normalize("ส\u0e4d\u0e32นัก") == "สำนัก"


def test_the_same_text_always_gives_the_same_cut() -> None:
    text = "สำนักงานพัฒนารัฐบาลดิจิทัลองค์การบริหารส่วนตำบลกะลุวอเหนือกรมส่งเสริมการปกครองท้องถิ่น"
    first = Segmenter().spaced(text)
    assert all(Segmenter().spaced(text) == first for _ in range(3))
    # Memoised and fresh results agree.
    seg = Segmenter()
    seg.spaced(text)
    assert seg.spaced(text) == first


def test_a_dictionary_restricted_to_the_words_used_cuts_the_same(seg: Segmenter) -> None:
    """The browser works with the words the index used: it must cut that text identically."""
    rng = random.Random(7)
    pool = ["สำนักงาน", "พัฒนา", "รัฐบาล", "ดิจิทัล", "องค์การมหาชน", "กรม", "ส่งเสริม", "การปกครอง",
            "ท้องถิ่น", "อาหารและยา", "กะลุวอ", "เหนือ", "นราธิวาส", "ตากใบ", "เศรษฐกิจ", "สถิติ",
            "ช่องทางอิเล็กทรอนิกส์", "ประชาชน", "ติดต่อ", "หน่วยงาน", "ป้องกันและปราบปราม"]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 6))) for _ in range(300)]
    full = Segmenter()
    cut_full = [full.spaced(t, "|") for t in texts]
    small = Segmenter(Dictionary.of(full.used_words()))
    assert [small.spaced(t, "|") for t in texts] == cut_full
    assert len(full.used_words()) < 400


def test_each_text_collects_the_words_its_cut_needs_even_when_the_cut_is_remembered() -> None:
    """What a record's cuts used, collected per record, adds up to what the whole index used;
    and a record cut alone with only its own words cuts the same (a build that makes some records
    again and keeps the others' words relies on both)."""
    rng = random.Random(11)
    pool = ["สำนักงาน", "พัฒนา", "รัฐบาล", "ดิจิทัล", "องค์การมหาชน", "กรม", "ส่งเสริม", "การปกครอง",
            "ท้องถิ่น", "อาหารและยา", "กะลุวอ", "เหนือ", "นราธิวาส", "ป้องกันและปราบปราม"]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 5))) for _ in range(200)]
    texts += texts[:50]  # repeats: their cuts come from the memo the second time
    seg = Segmenter()
    collected = []
    for text in texts:
        with seg.collecting() as used:
            seg.spaced(text, "|")
        collected.append(set(used))
    assert set().union(*collected) == set(seg.used_words())
    assert collected[200:] == collected[:50]
    for text, used in zip(texts[:40], collected):
        assert used and Segmenter(Dictionary.of(used)).spaced(text, "|") == seg.spaced(text, "|")


def test_the_dictionary_comes_from_the_package_without_side_effects(tmp_path) -> None:
    """Reading the word list neither downloads nor writes anything (pythainlp's import would)."""
    script = (
        "import sys; from plugins.prakat.thaiwords import default_dictionary; d = default_dictionary(); "
        "print(len(d.words), 'มหาชน' in d.words, 'นราธิวาส' in d.words, "
        "any(m.startswith('pythainlp') for m in sys.modules))")
    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop("PYTHAINLP_DATA", None)
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    assert int(out[0]) > 50_000
    assert out[1:] == ["True", "True", "False"]
    assert not any(tmp_path.iterdir())  # no ~/pythainlp-data
    assert len(default_dictionary().digest) == 64
