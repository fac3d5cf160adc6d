"""Segments, paragraphs and the character-accounting invariant."""

from hypothesis import given, settings, strategies as st

from newsmill.layout import add_spans, build_paragraphs, overlaps, unaccounted, uncovered_segments
from newsmill.model import Span
from newsmill.text import split_lines


def test_split_lines_offsets_and_blocks():
    text = "  Title  \nSecond line\n\n\nNew block\r\n"
    lines = split_lines(text)
    assert [(text[l.start:l.end], l.block) for l in lines] == [("Title", 0), ("Second line", 0), ("New block", 1)]


def test_partial_span_leaves_the_rest_of_the_line():
    text = "date 2023-11-24 ASTANA — The president arrived.\n"
    spans = [Span(0, 15, "metadata_line", "date_prefix")]
    segs = uncovered_segments(text, split_lines(text), spans)
    assert [text[s.start:s.end] for s in segs] == ["ASTANA — The president arrived."]
    assert not segs[0].whole_line


def test_hard_wrapped_lines_join_but_sentences_per_line_do_not():
    text = "The president said that the\ntreaty would be signed soon.\nA new sentence.\n"
    paras = build_paragraphs(text, uncovered_segments(text, split_lines(text), []))
    assert [p.text for p in paras] == ["The president said that the treaty would be signed soon.", "A new sentence."]


def test_a_line_closed_by_the_armenian_full_stop_ends_its_paragraph():
    text = "Նախագահը հայտարարեց, որ պայմանագիրը\nկստորագրվի շուտով։\nՆոր նախադասություն։\n"
    paras = build_paragraphs(text, uncovered_segments(text, split_lines(text), []))
    assert [p.text for p in paras] == ["Նախագահը հայտարարեց, որ պայմանագիրը կստորագրվի շուտով։", "Նոր նախադասություն։"]


def test_span_between_lines_splits_paragraphs():
    text = "First part of text\nx x x\nsecond part of text\n"
    spans = [Span(19, 24, "separator", "symbol_run")]
    paras = build_paragraphs(text, uncovered_segments(text, split_lines(text), spans))
    assert [p.text for p in paras] == ["First part of text", "second part of text"]


def test_unaccounted_and_overlaps():
    text = "aaa bbb ccc"
    spans = [Span(0, 3, "title", "t")]
    paras = build_paragraphs(text, [])
    assert unaccounted(text, paras, spans) == [(4, 11)]
    assert overlaps([Span(0, 5, "a", "r"), Span(3, 6, "b", "r")]) == [((0, 5), (3, 6))]


@given(st.text(alphabet=st.sampled_from("ab .\n\t\u00a0"), max_size=200))
def test_paragraphs_account_for_every_character_of_any_text(text):
    """With no spans, paragraphs alone cover all non-whitespace text, without overlap."""
    paras = build_paragraphs(text, uncovered_segments(text, split_lines(text), []))
    assert unaccounted(text, paras, []) == []
    assert overlaps(paras) == []


@given(st.text(alphabet=st.sampled_from("ab \n\u00a0"), max_size=120),
       st.lists(st.tuples(st.integers(0, 120), st.integers(0, 40)), max_size=6))
def test_unaccounted_finds_exactly_the_uncovered_non_space_characters(text, raw_spans):
    spans = [Span(s, min(s + n, len(text)), "k", "r") for s, n in raw_spans if s < len(text) and n]
    covered = set()
    for sp in spans:
        covered.update(range(sp.start, sp.end))
    missing = {i for i, ch in enumerate(text) if i not in covered and not ch.isspace()}
    reported = set()
    for a, b in unaccounted(text, [], spans):
        assert not text[a].isspace() and not text[b - 1].isspace()
        reported.update(i for i in range(a, b) if not text[i].isspace() and i not in covered)
    assert reported == missing


_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=5)


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from("ab .\n\t"), max_size=40), _spans, _spans)
def test_adding_spans_gives_the_segments_of_all_spans(text, before, added):
    """add_spans (only the lines the added spans overlap are redone) = uncovered_segments from
    scratch, also for empty, overlapping and multi-line spans."""
    lines = split_lines(text)
    old = [Span(a, a + n, "k", "r") for a, n in before]
    new = [Span(a, a + n, "k", "r") for a, n in added]
    segments = uncovered_segments(text, lines, old)
    assert add_spans(text, lines, segments, old + new, new) == uncovered_segments(text, lines, old + new)
