"""Normalise text for matching: case, accents, punctuation, spelling variants."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPELLING = {
    "favourite": "favorite",
    "favourites": "favorites",
    "honour": "honor",
    "honours": "honors",
    "cancelled": "canceled",
    "programme": "show",
    "programmes": "shows",
    "telly": "tv",
    "organised": "organized",
    "recognised": "recognized",
    # chat spellings
    "fav": "favorite",
    "fave": "favorite",
    "favs": "favorites",
    "faves": "favorites",
    "fav's": "favorites",
    "w": "with",
    "u": "you",
    "ur": "your",
    "r": "are",
    "bc": "because",
    "ppl": "people",
    "abt": "about",
    "thru": "through",
    "msg": "message",
    "msgs": "messages",
    "bday": "birthday",
    "ig": "instagram",
    "yt": "youtube",
    "whats": "what",
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "wen": "when",
    "whn": "when",
    "wer": "where",
    "whr": "where",
    "wher": "where",
    "hw": "how",
    "hu": "who",
    "b4": "before",
    "bcuz": "because",
    "cuz": "because",
    "nd": "and",
    "whos": "who",
    "wheres": "where",
    "whens": "when",
    "hows": "how",
    "whys": "why",
    "whatre": "what",
    "howd": "how",
}
_TO = re.compile(r"(?<![\w.,])2 (?=(?:win|won|get|be|see|perform|attend|go|know|vote|watch|do|have|make)\b)")
_MAGNITUDE = re.compile(r"\b(\d+(?:\.\d+)?)([kmb])\b")
_MAGNITUDES = {"k": "thousand", "m": "million", "b": "billion"}
_JOINERS = re.compile(r"(?<=\w)[-‐‑'’.](?=\w)")
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping Hangul and other scripts whole."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).casefold()


def tokens(text: str) -> list[str]:
    """Split text into normalised word tokens.

    Hyphens, apostrophes and dots inside a word join it ("K-Pop" -> "kpop",
    "J-Hope" -> "jhope"); a possessive "'s" is dropped; "&" reads as "and".
    """
    text = fold(text).replace("&", " and ")
    text = _TO.sub("to ", text)  # "2 win": textspeak for "to"
    text = _MAGNITUDE.sub(lambda m: f"{m.group(1)} {_MAGNITUDES[m.group(2)]}", text)  # "1b streams"
    text = re.sub(r"(?<=\w)['’]s\b", "", text)
    text = _JOINERS.sub("", text)
    words = _NON_WORD.sub(" ", text).split()
    return [_SPELLING.get(w, w) for w in words]


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Return the canonical matching form of a name or question."""
    return " ".join(tokens(text))
