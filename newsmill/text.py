"""Small text helpers shared by the stages: lines with offsets, normalisation."""

from __future__ import annotations

import re
import unicodedata

from newsmill.model import Line

_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() plus "_": drop both
LIST_MARKERS = frozenset("—–-•*·▪►")  # a line opening with one of these is an item of a list


def split_lines(page_text: str) -> list[Line]:
    """Non-blank lines of `page_text` with stripped offsets and block numbers.

    A block is a run of lines not separated by a blank line; it is how scraped
    text marks paragraphs, so detectors can reason about both.
    """
    lines: list[Line] = []
    block = 0
    pos = 0
    previous_blank = False
    append = lines.append
    for raw in page_text.splitlines(keepends=True):
        stripped = raw.strip()  # the line break is whitespace too: as body.strip() of the line without it
        if not stripped:
            previous_blank = True
        else:
            if previous_blank and lines:
                block += 1
            previous_blank = False
            start = pos + len(raw) - len(raw.lstrip())
            append(Line(start, start + len(stripped), stripped, block))
        pos += len(raw)
    return lines


# Symbols ('So') that are units or marks, not icons: '+38…+40°' is a temperature, '№ 5' a number.
_UNIT_SIGNS = frozenset("°℃℉№©®™℗℠")


def is_pictograph(char: str) -> bool:
    """An icon or emoji ('👁', '💬', '👍', '❤'): Unicode category 'So', less units and marks."""
    return unicodedata.category(char) == "So" and char not in _UNIT_SIGNS


def is_word_char(char: str) -> bool:
    """Does regex `\\w` (str patterns) match this one character?  A letter, digit or numeric
    character, or '_' (str.isalnum() plus '_'); '' for none: no."""
    return char.isalnum() or char == "_"


def opens_in_lower_case(text: str) -> bool:
    """Does `text` open with a lower-case letter?  Not Georgian: Unicode files its Mkhedruli
    letters as lower case, but the script is written without capitals (a headline opens with
    them too)."""
    first = text[:1]
    return first.islower() and not "\u10d0" <= first <= "\u10ff"


def collapse_ws(text: str) -> str:
    """Collapse whitespace runs (incl. NBSP) to one space and strip.

    str.split() splits on exactly the characters regex `\\s` matches (str.isspace, checked
    on every code point in tests/test_text.py), and is several times faster than `re.sub`.
    """
    return " ".join(text.split())


def norm_key(text: str) -> str:
    """Comparison key: case-folded, accents kept, punctuation and spacing dropped.

    Used to notice repeated titles and ledes that differ only in spacing,
    punctuation or case.
    """
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


_NOT_WORD_OR_NL = re.compile(r"[^\w\n]+")  # with "_" removed after: _NOT_ALNUM keeping the joining newlines


# ASCII bytes norm_key drops: all but letters and digits (and the newline that joins texts)
_ASCII_DROP = bytes(c for c in range(128) if not chr(c).isalnum() and chr(c) != "\n")


def norm_keys(texts: list[str]) -> list[str]:
    """[norm_key(t) for t in texts], in a few passes over joined texts instead of 3 per text.

    NFKC, casefold and dropping non-word characters act on each character with its
    neighbours, and a newline neither composes nor changes, so the joined result splits back
    into the per-text keys; texts that hold a newline themselves are keyed one by one.
    ASCII texts (`isascii` is free) take a bytes shortcut: NFKC leaves ASCII alone and
    casefold is lower there, so lower-casing and deleting the other bytes is the same key.
    """
    if not texts or any("\n" in t for t in texts):
        return [norm_key(t) for t in texts]
    ascii_at = [i for i, t in enumerate(texts) if t.isascii()]
    if len(ascii_at) == len(texts):
        return _ascii_keys(texts)
    if not ascii_at:
        return _unicode_keys(texts)
    keys = [""] * len(texts)
    other_at = [i for i, t in enumerate(texts) if not t.isascii()]
    for at, keyed in ((ascii_at, _ascii_keys), (other_at, _unicode_keys)):
        for i, key in zip(at, keyed([texts[i] for i in at])):
            keys[i] = key
    return keys


def _ascii_keys(texts: list[str]) -> list[str]:
    """norm_key of ASCII texts without newlines: lower-case bytes with the non-alphanumerics deleted."""
    return "\n".join(texts).encode("ascii").lower().translate(None, _ASCII_DROP).decode("ascii").split("\n")


def _unicode_keys(texts: list[str]) -> list[str]:
    """norm_key of texts without newlines, three passes over the joined texts."""
    folded = unicodedata.normalize("NFKC", "\n".join(texts)).casefold()
    # the ASCII characters to drop go in one bytes pass (UTF-8 keeps every other character's
    # bytes above 127); the regex then runs only if some other character is left to drop
    joined = folded.encode("utf-8", "surrogatepass").translate(None, _ASCII_DROP).decode("utf-8", "surrogatepass")
    if not joined.replace("\n", "").isalnum():  # str.isalnum: exactly the characters norm_key keeps
        joined = _NOT_WORD_OR_NL.sub("", joined)
    keys = joined.split("\n")
    return keys if len(keys) == len(texts) else [norm_key(t) for t in texts]
