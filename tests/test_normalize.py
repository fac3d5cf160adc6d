"""Decoding normalises text: mojibake, entities, NFC, control characters; legacy encodings detected."""

import unicodedata

import pytest

from newsmill.core import decode_document, redecode_stored
from newsmill.decode import decode_bytes, looks_like_html
from newsmill.normalize import normalize_text

RU = "Президент Казахстана прибыл в Баку для переговоров с президентом Азербайджана. Стороны обсудили энергетику."
FR = "Le président a déclaré « ça suffit » : l’économie française ne croît plus, a-t-il ajouté à Genève."
DE = "Der Außenminister äußerte sich über die Größe des Übereinkommens; die Länder stimmten zu."


@pytest.mark.parametrize("text, expected", [
    pytest.param("cafÃ© au lait â€” niÃ±o", "café au lait — niño", id="UTF-8 read as cp1252 (mojibake) repaired"),
    pytest.param("РџСЂРµР·РёРґРµРЅС‚ РљР°Р·Р°С…СЃС‚Р°РЅР°", "Президент Казахстана", id="UTF-8 read as cp1251 repaired"),
    pytest.param("Tom &amp; Jerry said &quot;hi&quot; &#8220;x&#8221;", "Tom & Jerry said \"hi\" “x”",
                 id="HTML entities in a text input decoded"),
    pytest.param("AT&T and R&D; see ?a=1&para=2", "AT&T and R&D; see ?a=1&para=2",
                 id="ampersands that are not complete entities stay"),
    pytest.param("Gene\u0300ve", "Genève", id="decomposed accent composed (NFC)"),
    pytest.param("a\x00b\x07c\x1bd\x7fe", "abcde", id="C0 and DEL controls removed"),
    pytest.param("\x93quoted\x94", "“quoted”", id="C1 controls are cp1252 punctuation read as latin-1: repaired"),
    pytest.param("one\r\ntwo\rthree\u2028four", "one\ntwo\nthree\nfour", id="line ends unified to \\n"),
    pytest.param("page one.\x0cPage two.\x0bnext", "page one.\nPage two.\nnext", id="form feed / vertical tab break lines"),
    pytest.param("col1\tcol2\n", "col1\tcol2\n", id="tab and newline kept"),
    pytest.param("e\x01\u0301", "é", id="a removed control between letter and accent: still NFC"),
    pytest.param("“curly” quotes, ﬁ ligature, ｆｕｌｌ width", "“curly” quotes, ﬁ ligature, ｆｕｌｌ width",
                 id="correct text is left alone (quotes matter to quote extraction)"),
])
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


def test_markup_mode_does_not_decode_entities_twice():
    assert normalize_text("&amp;lt;b&amp;gt;", entities=False) == "&amp;lt;b&amp;gt;"
    assert normalize_text("&amp;lt;b&amp;gt;") == "<b>"  # ftfy undoes double escaping too


@pytest.mark.parametrize("data, encodings, text", [
    pytest.param(RU.encode("cp1251"), {"cp1251"}, RU, id="cp1251 Russian"),
    pytest.param(FR.encode("cp1252"), {"cp1252"}, FR, id="cp1252 French with curly apostrophe"),
    pytest.param(DE.encode("latin-1"), {"cp1252", "latin_1", "iso8859_1"}, DE,
                 id="latin-1 German (same bytes as cp1252 for these letters)"),
    pytest.param(b"\xef\xbb\xbf" + RU.encode(), {"utf-8-sig"}, RU, id="UTF-8 with BOM"),
    pytest.param(RU.encode("utf-16"), {"utf-16"}, RU, id="UTF-16 with BOM"),
    pytest.param(FR.encode("utf-32"), {"utf-32"}, FR, id="UTF-32 with BOM"),
    pytest.param(FR.encode("utf-16-le"), {"utf-16-le"}, FR, id="UTF-16 without BOM (NULs on odd bytes only)"),
    pytest.param(FR.encode("utf-16-be"), {"utf-16-be"}, FR, id="UTF-16 big-endian without BOM"),
])
def test_legacy_and_bom_encodings(data, encodings, text):
    decoded = decode_bytes(data)
    assert decoded.encoding in encodings
    assert decoded.text == text


def test_plain_text_page_text_equals_normalised_raw_text():
    doc = decode_document(("Headline\n\ncafÃ© &amp; co\x07 e\u0301t\u00e9\r\n").encode(), "text/plain")
    assert doc.raw_text == doc.page_text == "Headline\n\ncafé & co été\n"
    assert unicodedata.is_normalized("NFC", doc.page_text)


def test_html_source_keeps_its_entities_and_page_text_is_clean():
    doc = decode_document(b"<html><body><p>Fish &amp; chips &lt;b&gt; caf\xc3\x83\xc2\xa9</p></body></html>", "text/html")
    assert "&amp;" in doc.raw_text
    assert doc.page_text.strip() == "Fish & chips <b> café"


@pytest.mark.parametrize("text, is_html", [
    ("<!DOCTYPE html><html><body>x</body></html>", True),
    ("\n  <html lang='en'><body>x</body></html>", True),
    ("<?xml version='1.0'?>\n<!-- saved -->\n<!doctype HTML>", True),
    ("The <html> tag starts a page, the tutorial says.", False),  # prose that mentions a tag
    ("<p>a fragment</p>", False),  # a fragment in a text file is text, not a page
])
def test_html_sniffing(text, is_html):
    assert looks_like_html(text) is is_html


def test_html_saved_as_txt_is_treated_as_html():
    doc = decode_document(b"<!doctype html><html><body><script>x()</script><p>Real text.</p></body></html>",
                          "text/plain")
    assert doc.content_type == "text/html" and doc.page_text.strip() == "Real text."


def test_redecode_stored_is_stable():
    first = decode_document("Tom &amp;amp; Jerry caf\u00c3\u00a9\n\nSecond para.\n".encode(), "text/plain")
    again = redecode_stored(first.raw_text, "text/plain", first.encoding)
    assert again.page_text == first.page_text == "Tom & Jerry café\n\nSecond para.\n"
    assert normalize_text(first.raw_text) == first.raw_text  # normalising is idempotent


# Lines of every sort the line-skipping fast path must treat exactly as ftfy does.
_FRAGMENTS = [
    "Plain ASCII line about trade.", RU, FR, DE, "cafÃ© au lait â€” niÃ±o", "РџСЂРµР·РёРґРµРЅС‚",
    "Tom &amp; Jerry &#8220;x&#8221;", "AT&T", "\x93quoted\x94", "x\x85y", "a\r\nb", "\x1b[31mred",
    "Â\xa0non-breaking", "\ufeffbom", "zero\u200bwidth", "“curly” — dash … ellipsis", "Gene\u0300ve",
    "Ã¢â‚¬Å“double mojibakeÃ¢â‚¬\x9d", "", "   ", "\t",
]


@pytest.mark.parametrize("entities", [True, False])
def test_fast_path_matches_ftfy_line_by_line(entities):
    """normalize_text skips lines ftfy would not change; the result must be ftfy's own."""
    import itertools
    import random

    from ftfy import fix_text

    from newsmill import normalize

    def reference(text):
        text = fix_text(normalize._LINE_BREAKS.sub("\n", text), normalize._TEXT if entities else normalize._MARKUP)
        text = normalize._CONTROLS.sub("", text)
        return unicodedata.normalize("NFC", text)

    rng = random.Random(7)
    texts = ["\n".join(pair) for pair in itertools.permutations(_FRAGMENTS, 2)]
    texts += ["\n".join(rng.choices(_FRAGMENTS, k=rng.randint(1, 12))) + rng.choice(["", "\n"]) for _ in range(300)]
    for text in texts:
        assert normalize_text(text, entities=entities) == reference(text), repr(text)
