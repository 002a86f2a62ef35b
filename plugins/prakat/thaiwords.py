"""Thai word breaking for the search index and for the query typed into it.

Thai is written without spaces between words, and a static search engine
finds only what it can split on spaces.  This module puts a separator
between Thai words, the same way on both sides:

* at build time for the indexed text (names, addresses, document titles,
  the text of announcements, ...), here in Python;
* in the browser for the query, in ``theme/static/search.js``, with a copy
  of this algorithm and the part of the dictionary the index uses.

The method, kept deliberately small so that both copies stay identical:

1. **Maximal matching.**  Each run of Thai letters is cut into dictionary
   words, choosing the cut with the fewest characters outside any word, then
   the fewest pieces, then the longest first piece (a total order, so the
   result never depends on iteration order).  A cut may fall only where a
   syllable can end: never before a following vowel or tone mark, never after
   a leading vowel (a simplified Thai character cluster rule).
2. **Splitting long compounds.**  Dictionaries list many names whole:
   "องค์การมหาชน", "สำนักงานคณะกรรมการพัฒนาระบบราชการ".  A word of
   ``SPLIT_FROM`` or more characters is cut again without its own entry; the
   cut is kept when every piece is a dictionary word of at least
   ``MIN_PART`` characters, and each long piece is split the same way.

The dictionary is PyThaiNLP's word list (the file shipped in the package: no
download, no data folder) plus the Thai names of the provinces.  Nothing
here depends on the machine, the time or the order of a file system.

Restricting the dictionary to the words a cut actually used gives the same
cuts for the same text (the chosen cut stays available and stays the best
under the total order), which is why the browser can work with the small
dictionary the build writes (:meth:`Segmenter.used_words`).
"""
from __future__ import annotations

import hashlib
import importlib.util
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator

SPLIT_FROM = 10  # words this long are cut again into their parts
MIN_PART = 3  # ... when every part is a dictionary word at least this long
INNER_FROM = 8  # words this long also index the words inside them (see Segmenter.inner_words)

# Letters, vowels, tone marks, ฯ and ๆ: everything Thai except the digits and ๚ ๛.
THAI_LETTERS = "\u0e01-\u0e4f"
_THAI_RUN = re.compile(f"[{THAI_LETTERS}]+")
_PIECE = re.compile(f"[{THAI_LETTERS}]+|[A-Za-z0-9]+|\\s+|.", re.DOTALL)
_LATIN_OR_DIGIT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_MEMO_TEXT_UP_TO = 200  # names, labels and titles repeat across agencies; page texts do not
_NEEDS_NORMALIZING = re.compile("[\u0e50-\u0e59]|\u0e4d\u0e32")

# A cut never falls before these (following vowels, above/below vowels, tone marks) ...
NO_BREAK_BEFORE = frozenset(
    "\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e45"
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
# ... nor after a leading vowel (เ แ โ ใ ไ).
NO_BREAK_AFTER = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")

# In indexed text a separator is a space followed by WORD JOINER (U+2060): the
# search engine splits on the space and drops the joiner from the word, and a
# snippet shown to a reader removes both, giving back the text as written.
WORD_LIST = "words_th.txt"  # PyThaiNLP's dictionary, shipped inside the package

MARK = "\u2060"
SEPARATOR = " " + MARK

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalize(text: str) -> str:
    """What both sides do before cutting: Thai digits as 0-9, one code point for SARA AM."""
    if not _NEEDS_NORMALIZING.search(text):
        return text
    return text.translate(_THAI_DIGITS).replace("\u0e4d\u0e32", "\u0e33")


@dataclass(frozen=True)
class Dictionary:
    words: frozenset[str]
    prefixes: frozenset[str]  # every non-empty prefix of every word, the words included

    @classmethod
    def of(cls, words: Iterable[str]) -> "Dictionary":
        kept = frozenset(w for w in words if _THAI_RUN.fullmatch(w))
        return cls(kept, frozenset(w[:i] for w in kept for i in range(1, len(w) + 1)))

    @property
    def digest(self) -> str:
        return hashlib.sha256("\n".join(sorted(self.words)).encode("utf-8")).hexdigest()


class DictionaryMissing(Exception):
    "PyThaiNLP's word list is not installed"


def _pythainlp_words() -> list[str]:
    # Read the list straight from the installed package's folder: importing pythainlp
    # (even pythainlp.corpus) runs its __init__, which creates ~/pythainlp-data.
    spec = importlib.util.find_spec("pythainlp")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        source = Path(folder) / "corpus" / WORD_LIST
        if source.is_file():
            return source.read_text(encoding="utf-8").split("\n")
    raise DictionaryMissing(f"pythainlp/corpus/{WORD_LIST} not found: install the pinned pythainlp")


def _province_names() -> list[str]:
    from .vocabulary import vocabulary

    return [label.th for label in vocabulary().provinces.values()]


@cache
def default_dictionary() -> Dictionary:
    """PyThaiNLP's word list and the province names, read once per process."""
    return Dictionary.of([*_pythainlp_words(), *_province_names()])


@dataclass(frozen=True)
class Piece:
    text: str
    known: bool  # a dictionary word, or a stretch no word covers


@dataclass
class Segmenter:
    """Cuts Thai text into words with one dictionary; remembers each run's cut."""

    dictionary: Dictionary = field(default_factory=default_dictionary)
    _memo: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _spaced: dict[tuple[str, str], tuple[str, frozenset[str]]] = field(default_factory=dict, repr=False)
    # The words each run's cut used or tried, so that what one record needs can be told apart
    # from what the whole index needs (``collecting``), even when the cut comes from a memo.
    _tried: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _collectors: list[set[str]] = field(default_factory=list, repr=False)

    # --- the algorithm (mirrored line for line in theme/static/search.js) -------

    def cut(self, run: str, exclude: str | None = None) -> list[Piece]:
        """Maximal matching of one run of Thai letters."""
        words, prefixes = self.dictionary.words, self.dictionary.prefixes
        n = len(run)
        breakable = [i == 0 or i == n or (run[i] not in NO_BREAK_BEFORE and run[i - 1] not in NO_BREAK_AFTER)
                     for i in range(n + 1)]
        # best[i] = (characters outside words, pieces, -end of first piece, known) for run[i:]
        best: list[tuple[int, int, int, bool] | None] = [None] * (n + 1)
        best[n] = (0, 0, -n, True)
        for i in range(n - 1, -1, -1):
            if not breakable[i]:
                continue
            k = i + 1
            while not breakable[k]:
                k += 1
            after = best[k]
            assert after is not None
            choice = (after[0] + k - i, after[1] + 1, -k, False)
            j = i + 1
            while j <= n and run[i:j] in prefixes:
                after = best[j]
                if breakable[j] and after is not None and run[i:j] in words and run[i:j] != exclude:
                    candidate = (after[0], after[1] + 1, -j, True)
                    if candidate[:3] < choice[:3]:
                        choice = candidate
                j += 1
            best[i] = choice
        pieces: list[Piece] = []
        i = 0
        while i < n:
            step = best[i]
            assert step is not None
            j = -step[2]
            if not step[3] and pieces and not pieces[-1].known:
                pieces[-1] = Piece(pieces[-1].text + run[i:j], False)
            else:
                pieces.append(Piece(run[i:j], step[3]))
            i = j
        return pieces

    def _split(self, word: str, tried: set[str]) -> list[str]:
        if len(word) < SPLIT_FROM:
            return [word]
        parts = self.cut(word, exclude=word)
        tried.update(p.text for p in parts if p.known)
        if all(p.known and len(p.text) >= MIN_PART for p in parts):
            return [w for p in parts for w in self._split(p.text, tried)]
        return [word]

    def words(self, run: str) -> tuple[str, ...]:
        """The words of one run of Thai letters, both passes applied."""
        found = self._memo.get(run)
        if found is None:
            tried: set[str] = set()  # the dictionary words this run's cut uses or tries
            out: list[str] = []
            for piece in self.cut(run):
                if piece.known:
                    tried.add(piece.text)
                    out.extend(self._split(piece.text, tried))
                else:
                    out.append(piece.text)
            self._tried[run] = frozenset(tried)
            found = self._memo[run] = tuple(out)
        if self._collectors:
            self._collectors[-1].update(self._tried[run])
        return found

    # --- what callers use ------------------------------------------------------

    def tokens(self, text: str) -> Iterator[str]:
        """The pieces of ``text`` in order: Thai words, Latin/digit runs, spaces, other characters."""
        for match in _PIECE.finditer(normalize(text)):
            piece = match.group()
            if _THAI_RUN.fullmatch(piece):
                yield from self.words(piece)
            else:
                yield piece

    def spaced(self, text: str, separator: str = SEPARATOR) -> str:
        """``text`` with ``separator`` between Thai words, and where Thai letters meet Latin letters or digits."""
        if len(text) <= _MEMO_TEXT_UP_TO:
            key = (text, separator)
            found = self._spaced.get(key)
            if found is None:
                with self.collecting() as tried:
                    spaced = self._space(text, separator)
                found = self._spaced[key] = (spaced, frozenset(tried))
            if self._collectors:
                self._collectors[-1].update(found[1])
            return found[0]
        return self._space(text, separator)

    def _space(self, text: str, separator: str) -> str:
        def run(match: re.Match[str]) -> str:
            start, end, whole = match.start(), match.end(), match.string
            joined = separator.join(self.words(match.group()))
            if start > 0 and whole[start - 1] in _LATIN_OR_DIGIT:
                joined = separator + joined
            if end < len(whole) and whole[end] in _LATIN_OR_DIGIT:
                joined += separator
            return joined

        return _THAI_RUN.sub(run, normalize(text))

    def inner_words(self, text: str) -> list[str]:
        """Dictionary words inside the words of ``text`` that the cut keeps whole.

        "การปกครอง" stays one word (it is shorter than ``SPLIT_FROM``), so the
        query "ปกครอง" would not reach it; indexing its inner words "การ" and
        "ปกครอง" beside the text does.  A word of ``INNER_FROM`` characters or
        more yields its parts when all of them are dictionary words of
        ``MIN_PART`` characters or more (two for a word the second pass kept
        whole, such as "สำนักงานคณะกรรมการอาหารและยา"), and so on down.  In
        order of first appearance, without repeats.
        """
        seen: dict[str, None] = {}
        for token in self.tokens(text):
            if _THAI_RUN.fullmatch(token) and token in self.dictionary.words:
                for inner in self._inner(token):
                    seen.setdefault(inner)
        return list(seen)

    def _inner(self, word: str) -> list[str]:
        if len(word) < INNER_FROM:
            return []
        parts = self.cut(word, exclude=word)
        shortest = 2 if len(word) >= SPLIT_FROM else MIN_PART
        if len(parts) < 2 or not all(p.known and len(p.text) >= shortest for p in parts):
            return []
        out: list[str] = []
        for part in parts:
            out.append(part.text)
            out.extend(self._inner(part.text))
        return out

    def used_words(self) -> list[str]:
        """Every dictionary word a cut so far has used or tried, sorted: the browser's dictionary."""
        return sorted(set().union(*self._tried.values()))

    @contextmanager
    def collecting(self) -> Iterator[set[str]]:
        """The words the cuts made inside this block used or tried (memoised cuts included).

        The union over every block equals ``used_words()``: an index built from some
        records cut now and others cut in an earlier build ships their union.
        """
        collected: set[str] = set()
        self._collectors.append(collected)
        try:
            yield collected
        finally:
            self._collectors.pop()
            if self._collectors:
                self._collectors[-1].update(collected)


def strip_marks(text: str) -> str:
    """Indexed text as a reader should see it: separators removed."""
    return text.replace(SEPARATOR, "").replace(MARK, "")
