"""newsmill.normalize.is_bad: ftfy's mojibake test as a regex_gates.WindowedSearch, searched only
around the characters every match holds. It must answer exactly as ftfy.badness.is_bad on any text."""

import random
import re

import pytest
from ftfy.badness import BADNESS_RE
from ftfy.badness import is_bad as ftfy_is_bad
from hypothesis import example, given, settings, strategies as st

from newsmill.normalize import is_bad
from newsmill.regex_gates import max_width, required_characters

REQUIRED = sorted(required_characters(BADNESS_RE))
# the characters the pattern is about, plus the letters and spaces around them in real text
ALPHABET = REQUIRED + list("ÃÂÐÑØÙâàéçöüşğıİəazAZ .,!?:;'\"()-\n\tРСВГвЂўΒΓΞΟβ€™°×²³√≈‚Äабвгдежз")


@pytest.mark.parametrize("text, bad", [
    ("cafÃ© au lait", True),                      # UTF-8 read as Windows-1252
    ("РџСЂРµР·РёРґРµРЅС‚ РљР°Р·Р°С…СЃС‚Р°РЅР°", True),   # UTF-8 read as Windows-1251
    ("Президент Казахстана провёл встречу — «важный шаг».", False),
    ("Azərbaycan və Qazaxıstan arasında ticarət artıb.", False),
    ("Ã are", True),                                # '^[ÃÂ] ' at the very start
    ("xÃ are", True),                               # '[a-z]\\s?[ÃÂ] '
    ("Text ГўВЂВ a", True),                          # the widest alternative (7 characters)
    ("ab ØŸØŸ cd", True),                           # a four-character one
    ("x вЂ” y", True),
    ("β€™s", True),
    ("", False),
])
def test_known_cases_agree_with_ftfy(text, bad):
    assert ftfy_is_bad(text) is bad
    assert is_bad(text) is bad


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=60))
@example("Â ")
@example("a Ã ")
def test_is_bad_equals_ftfy_on_mojibake_prone_text(text):
    assert is_bad(text) == ftfy_is_bad(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_is_bad_equals_ftfy_on_any_text(text):
    assert is_bad(text) == ftfy_is_bad(text)


def test_long_lines_with_a_match_far_from_the_start():
    rnd = random.Random(5)
    for _ in range(300):
        words = ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 9))) for _ in range(rnd.randint(1, 80))]
        text = " ".join(words)
        assert is_bad(text) == ftfy_is_bad(text), text


def test_every_match_holds_a_required_character():
    """What the windows rely on: no alternative of the pattern matches without one."""
    gate = re.compile("[" + "".join(re.escape(c) for c in REQUIRED) + "]")
    width = max_width(BADNESS_RE)
    rnd = random.Random(9)
    for _ in range(20_000):
        text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 10)))
        for m in BADNESS_RE.finditer(text):
            assert gate.search(m.group()) and len(m.group()) <= width, text


def test_a_pattern_the_analysis_cannot_read_disables_the_gate():
    assert required_characters(re.compile(r"a|\w+")) is None  # an alternative of no small class
    assert max_width(re.compile(r"a(?=b)")) is None  # a look-ahead looks past a window
    assert max_width(re.compile(r"ab+")) is None  # unbounded width


def test_a_pattern_the_analysis_cannot_read_is_searched_whole():
    from newsmill.regex_gates import WindowedSearch

    ahead = WindowedSearch(re.compile(r"a(?=b)"))
    assert ahead("xxab") and not ahead("xxa ")
    unbounded = WindowedSearch(re.compile(r"qz+"))
    assert unbounded("a qzzzz") and not unbounded("a q z")
