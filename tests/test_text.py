"""Text helpers: the comparison key keeps exactly the alphanumeric characters."""

import unicodedata

from hypothesis import given, strategies as st

from newsmill.text import collapse_ws, norm_key, norm_keys


@given(st.text(max_size=300))
def test_norm_key_keeps_exactly_the_alphanumerics(text):
    folded = unicodedata.normalize("NFKC", text).casefold()
    assert norm_key(text) == "".join(ch for ch in folded if ch.isalnum())


def test_norm_key_ignores_case_spacing_and_punctuation():
    assert norm_key("Aliyev met Tokayev -UPDATED") == norm_key("ALIYEV  met\u00a0Tokayev – updated!")


def test_collapse_ws():
    assert collapse_ws("  a\u00a0\u00a0b\n\tc ") == "a b c"


def test_collapse_ws_splits_on_exactly_regex_whitespace():
    """collapse_ws uses str.split(); the rule it implements is regex `\\s+` -> one space, then strip."""
    import re
    import sys

    spaces = re.compile(r"\s")
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if bool(spaces.match(c)) != c.isspace()] == []
    text = "".join(chr(c) for c in range(0x3100)) + " \u2028 x \u3000\x1c y\x85"
    assert collapse_ws(text) == re.sub(r"\s+", " ", text).strip()


# Lines as scraped pages hold them: mostly ASCII, with accented letters, Cyrillic, currency
# signs, dashes, quotes, ligatures, combining marks, exotic spaces and the odd surrogate.
_LINE_CHARS = st.sampled_from(list("aZ09 _,.-!?\t") + list("éÜßİıſﬁ€—«»’ ́\u00a0\u3000\u2028Ωσς") + ["\ud800", "Ж", "ж", "٣", "㎞"])
_LINES = st.lists(st.text(_LINE_CHARS, max_size=40) | st.text(max_size=20), max_size=12)


@given(_LINES)
def test_norm_keys_equals_norm_key_of_each_text(texts):
    assert norm_keys(texts) == [norm_key(t) for t in texts]
