"""Bytes → text: encodings, gzip, binary and empty inputs, HTML → page text."""

import gzip

import pytest

from newsmill.decode import DecodeError, decode_bytes, gunzip, html_to_page

TEXT = "Президент Казахстана прибыл в Баку. Azərbaycan və Qazaxıstan."


@pytest.mark.parametrize(
    "data, encoding",
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="plain utf-8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig", id="utf-8 with BOM: BOM dropped"),
        pytest.param(TEXT.encode("utf-16"), "utf-16", id="utf-16 with BOM (Windows 'Unicode' save)"),
        pytest.param(("Президент Казахстана прибыл в Баку для переговоров с президентом. " * 5).encode("cp1251"),
                     None, id="cp1251 Russian page: detected, not mojibake"),
    ],
)
def test_decodes_text(data, encoding):
    decoded = decode_bytes(data)
    if encoding:
        assert decoded.encoding == encoding
    assert "Казахстана" in decoded.text or "Qazaxıstan" in decoded.text
    assert not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize(
    "data, check",
    [
        pytest.param(b"", "empty_input", id="zero bytes"),
        pytest.param(b"  \n\r\n\t ", "empty_input", id="only whitespace"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary_input", id="PNG named .txt"),
        pytest.param(bytes(range(1, 32)) * 50, "binary_input", id="control characters"),
    ],
)
def test_rejects_non_text(data, check):
    with pytest.raises(DecodeError) as err:
        decode_bytes(data)
    assert err.value.check == check
    assert err.value.reason  # a human-readable reason for the rejects row


def test_gunzip_roundtrip_and_truncation():
    packed = gzip.compress(TEXT.encode())
    assert gunzip(packed).decode() == TEXT
    with pytest.raises(DecodeError) as err:
        gunzip(packed[: len(packed) // 2])
    assert err.value.check == "bad_gzip"


def test_gunzip_refuses_bombs():
    with pytest.raises(DecodeError) as err:
        gunzip(gzip.compress(b"a" * 5000), limit=1000)
    assert err.value.check == "too_large"


def test_html_to_page_keeps_inline_text_and_drops_scripts():
    html = """<html><head><title>T | Site</title>
    <meta property="og:site_name" content="Trend"><meta property="article:published_time" content="2024-03-10T13:20:00+04:00">
    </head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Leaders meet in Baku</h1><p>The presidents <a href="#">met</a> on <b>Friday</b>.</p>
    <script>var x = "<p>not text</p>";</script><style>p{}</style><div>Second<br>line</div></article></body></html>"""
    page = html_to_page(html)
    blocks = page.page_text.split("\n\n")
    assert "The presidents met on Friday." in blocks
    assert "Leaders meet in Baku" in blocks
    assert "Second" in blocks and "line" in [b.strip() for b in blocks]
    assert "not text" not in page.page_text and "p{}" not in page.page_text
    assert page.meta["site_name"] == "Trend"
    assert page.meta["published_time"] == "2024-03-10T13:20:00+04:00"


def test_html_to_page_survives_malformed_and_deep_html():
    page = html_to_page("<div>" * 5000 + "deep text" + "<p>unclosed <b>bold")
    assert "deep text" in page.page_text and "unclosed bold" in page.page_text
