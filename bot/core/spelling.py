"""Typo-tolerant look-up of words in a vocabulary (a deletion index, as in SymSpell).

Candidates for a misspelt word come from an index of the vocabulary's words with up to two
letters deleted, so the cost does not grow with the vocabulary. Short words match only
exactly; longer ones tolerate typos in proportion to their length. A common English word
is never "corrected" into another word, and a word longer than any in the vocabulary is not
looked up at all, so every look-up costs a bounded amount of work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from rapidfuzz.distance import OSA

MIN_FUZZY = 5  # words shorter than this match only exactly
_CACHE_LIMIT = 50_000


def max_typos(length: int) -> int:
    """Return how many edits a word of `length` characters tolerates."""
    if length < MIN_FUZZY:
        return 0
    return 1 if length < 9 else 2


def deletes(word: str, depth: int) -> set[str]:
    """Return `word` and every string made by deleting up to `depth` characters from it."""
    out = {word}
    level = {word}
    for _ in range(depth):
        level = {w[:i] + w[i + 1 :] for w in level for i in range(len(w))}
        out |= level
    return out


class Speller:
    """Find the vocabulary word a misspelt word stands for."""

    def __init__(self, vocabulary: Iterable[str], *, is_protected: Callable[[str], bool] = lambda _: False) -> None:
        self.vocabulary = frozenset(vocabulary)
        self.is_protected = is_protected  # words never corrected (common English words)
        self.longest = max((len(w) for w in self.vocabulary), default=0)
        self._index: dict[str, set[str]] = defaultdict(set)
        for word in self.vocabulary:
            depth = max_typos(len(word))
            if depth:
                for d in deletes(word, depth):
                    self._index[d].add(word)
        self._cache: dict[str, str | None] = {}

    def correct(self, word: str) -> str | None:
        """Return the vocabulary word closest to a misspelt `word`, or None (answers are cached)."""
        if (
            word in self.vocabulary
            or len(word) < MIN_FUZZY - 1
            or len(word) > self.longest + 2
            or not word.isalpha()
            or self.is_protected(word)
        ):
            return None
        if word in self._cache:
            return self._cache[word]
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        found = self._closest(word)
        self._cache[word] = found
        return found

    def _closest(self, word: str) -> str | None:
        candidates: set[str] = set()
        for d in deletes(word, 1 if len(word) < 8 else 2):
            candidates |= self._index.get(d, set())
        best: tuple[int, int, str] | None = None
        for cand in candidates:
            dist = OSA.distance(word, cand)
            if dist <= max_typos(len(cand)) and dist <= max(1, len(word) // 4):
                key = (dist, -len(cand), cand)
                best = key if best is None or key < best else best
        return best[2] if best else None
