"""newsmill/needles.py: whole-word phrases of several word lists found in one pass over a page's lines."""

from __future__ import annotations

import random

from newsmill.needles import PhraseIndex


def test_phrase_index_finds_whole_word_phrases_per_line_and_list():
    index = PhraseIndex({"support": ["Support our work", "consider becoming"], "calls": ["sign up", "donate"]})
    lines = ["Please support our work and consider becoming a member.", "Sign up today", "unsupport our workers",
             "We donate", "donated"]
    low = "\n".join(t.lower() for t in lines)
    starts = [0]
    for t in lines[:-1]:
        starts.append(starts[-1] + len(t) + 1)
    found = index.found(low, starts, list(range(len(lines))))
    assert found == {0: {"support our work", "consider becoming"}, 1: {"sign up"}, 3: {"donate"}}
    assert index.of_list("support", found[0]) == {"support our work", "consider becoming"}
    assert index.of_list("calls", found[0]) == set()


def test_phrase_index_joined_pass_equals_line_by_line():
    words = ["ab", "abc", "b c", "c", "ca", "x"]
    index = PhraseIndex({"a": words[:3], "b": words[3:]})
    rng = random.Random(1)
    for _ in range(300):
        lines = ["".join(rng.choice(["ab", "c", " ", "a", "x", "b", "-"]) for _ in range(rng.randint(0, 8)))
                 for _ in range(rng.randint(1, 6))]
        starts = [0]
        for t in lines[:-1]:
            starts.append(starts[-1] + len(t) + 1)
        joined = index.found("\n".join(lines), starts, list(range(len(lines))))
        one_by_one = {}
        for i, t in enumerate(lines):
            one_by_one.update(index.found(t, (0,), (i,)))
        assert joined == one_by_one, lines
