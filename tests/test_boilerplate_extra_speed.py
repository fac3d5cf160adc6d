"""The speed-ups of boilerplate_text_extra.py and boilerplate_text_shape.py change nothing.

Each rewritten pattern is compared with the form it replaced on the lines of every test
document, seed and edge line (and on lines built to sit on its edges); each cheap test that
lets a detector skip a line is checked against the costly test it stands in for.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from newsmill import boilerplate_text_extra as extra
from newsmill import boilerplate_text_shape as shape
from newsmill.text import split_lines

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "docs").rglob("*.txt"))


def _lines() -> list[str]:
    from test_boilerplate_speed import EDGE_LINES, _stamp_lines

    lines = [ln.text for path in FIXTURES for ln in split_lines(path.read_text("utf-8"))]
    return lines + EDGE_LINES + _stamp_lines(0, 2000)


def _clock_lines(seed: int, count: int) -> list[str]:
    """Clock times in every neighbourhood the lookbehinds and the optional first digit tell apart."""
    rng = random.Random(seed)
    parts = ["18:45", "8:05", "28:45", "3:59", "12:60", "1:2", "123:45", "0:00", "2:3:4", "٣:٤٥", "19:30:00",
             " ", "  ", "\t", "\n", ":", ".", ",", "a", "В", "«", "\"", "(", "x1", "9", "Headline", "цены"]
    return ["".join(rng.choice(parts) for _ in range(rng.randint(1, 12))) for _ in range(count)]


# runon_times' clock pattern as it was written before it opened with its first digit (with the
# low-9 quote '„' since added to the quotes a headline may open with)
_CLOCK_BEFORE = re.compile(r"(?<![\d:.])([0-2]?\d:[0-5]\d)(?![\d:])\s+[\"«“„(]?(\w)")


def test_clock_pattern_finds_what_it_found_before():
    texts = _lines() + _clock_lines(0, 20000)
    found = 0
    for text in texts:
        before = [(m.span(), m.group(2)) for m in _CLOCK_BEFORE.finditer(text)]
        assert [(m.span(), m.group("word")) for m in extra._CLOCK.finditer(text)] == before, text
        found += bool(before)
    assert found > 1000


def test_caption_credit_never_ends_a_line_with_a_stop():
    """caption_credit skips lines ending in '.', '!' or '?': no credit it takes can end so."""
    r = extra.extra_rules()
    rng = random.Random(1)
    tails = ["", ".", "!", "?", " .", ") .", ")", "]", " ", "\n", "..", ":", "©"]
    words = ["Photo", "photo by", "Фото", "©", "Image", "credit"]
    built = [f"{rng.choice(['A caption', 'Caption. ', 'x / ', 'Text (', 'Text ['])}{rng.choice(words)}"
             f"{rng.choice([': ', ' by ', '/', '：', ' ', '. © '])}{rng.choice(['Getty Images', 'AP', 'x', ' ', 'Reuters '])}"
             f"{rng.choice(tails)}" for _ in range(20000)]
    taken = 0
    for text in _lines() + built:
        m = r.caption_credit.search(text, max(0, len(text) - 100))
        credit = m and (m.group("credit") or m.group("copy") or "")
        if m and credit.strip():
            taken += 1
            assert not text.endswith((".", "!", "?")), text
    assert taken > 500


def test_phone_core_is_inside_every_phone():
    """contact_line skips a line without '@' and without a _PHONE_CORE match: every _PHONE match holds one."""
    rng = random.Random(2)
    parts = ["+7", "(7172)", "74-96-03", "0212 000 00 00", " ", "\u00a0", "\n", "-", "(", ")", "1", "12", ".", ":", "x"]
    texts = _lines() + ["".join(rng.choice(parts) for _ in range(rng.randint(1, 10))) for _ in range(20000)]
    phones = 0
    for text in texts:
        for m in shape._PHONE.finditer(text):
            phones += 1
            assert shape._PHONE_CORE.search(m.group()), text
    assert phones > 1000


def test_symbol_counter_needs_a_digit_and_a_non_ascii_character():
    """interface_badge skips ASCII lines and lines without a digit: no pictograph (Unicode 'So') is
    ASCII, and every counter row holds a number."""
    import unicodedata

    assert not [c for c in map(chr, range(128)) if unicodedata.category(c) == "So"]
    rng = random.Random(3)
    parts = ["👍", "❤️", "👁", "💬", " ", "12", "3 210", "Ваша реакція:", "How do you feel?", "?", ":", "x", "©", "®", "0"]
    texts = _lines() + ["".join(rng.choice(parts) for _ in range(rng.randint(1, 8))) for _ in range(20000)]
    counters = 0
    for text in texts:
        if extra._symbol_counter(text):
            counters += 1
            assert not text.isascii() and extra._DIGIT.search(text), text
    assert counters > 500
