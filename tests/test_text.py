"""Text helpers: the comparison key keeps exactly the alphanumeric characters."""

import unicodedata

from hypothesis import given, strategies as st

from newsmill.text import collapse_ws, norm_key


@given(st.text(max_size=300))
def test_norm_key_keeps_exactly_the_alphanumerics(text):
    folded = unicodedata.normalize("NFKC", text).casefold()
    assert norm_key(text) == "".join(ch for ch in folded if ch.isalnum())


def test_norm_key_ignores_case_spacing_and_punctuation():
    assert norm_key("Aliyev met Tokayev -UPDATED") == norm_key("ALIYEV  met\u00a0Tokayev – updated!")


def test_collapse_ws():
    assert collapse_ws("  a\u00a0\u00a0b\n\tc ") == "a b c"
