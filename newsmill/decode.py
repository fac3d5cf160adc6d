"""Bytes → text: gzip, encodings, binary detection, and HTML → visible page text.

Everything here raises `DecodeError` with a stable `check` name so the flow can
turn a bad input into a `rejects` row with a clear reason instead of crashing.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import zlib
from dataclasses import dataclass, field

MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024  # a news page is KBs; more is a log file or a bomb

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, form feed and carriage return never occur in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DecodeError(ValueError):
    """An input that cannot become text; `check` names the failed rule."""

    def __init__(self, check: str, reason: str):
        super().__init__(reason)
        self.check = check
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


@dataclass
class HtmlPage:
    """Visible text of an HTML page plus the metadata tags later stages may use."""

    page_text: str
    meta: dict[str, str] = field(default_factory=dict)
    blocks: list = field(default_factory=list)  # htmlblocks.HtmlBlock per line of page_text


def doc_id_for(data: bytes) -> str:
    """The document key: sha256 of the raw bytes as read (before gunzip)."""
    return hashlib.sha256(data).hexdigest()


def gunzip(data: bytes, limit: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """Decompress gzip data, refusing truncated streams and oversized output."""
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise DecodeError("bad_gzip", f"not a valid gzip stream: {exc}") from None
    if len(out) > limit:
        raise DecodeError("too_large", f"decompresses to more than {limit} bytes")
    if not decompressor.eof:
        raise DecodeError("bad_gzip", "gzip stream is truncated (download cut short?)")
    return out


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def decode_bytes(data: bytes) -> Decoded:
    """Decode text bytes: BOM first, then strict UTF-8, then a detected charset.

    Raises DecodeError for empty, binary or undecodable input.
    """
    if not data.strip():
        raise DecodeError("empty_input", "the input is empty or only whitespace")
    for bom, encoding in _BOMS:  # UTF-32 first: its LE BOM starts with UTF-16's
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding, errors="strict"), encoding)
            except UnicodeDecodeError:
                continue  # "FF FE 00 00" is also UTF-16 text starting with U+0000
    if b"\x00" in data[:8192]:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise DecodeError("binary_input", "the input contains NUL bytes: a binary file, not text")
        return utf16
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 inputs pay for it

    best = _pick(from_bytes(data[:1_000_000]))
    if best is None or best.encoding is None:
        raise DecodeError("undecodable", "no text encoding fits the bytes (binary file?)")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError("undecodable", f"detected {best.encoding} but decoding failed: {exc}") from None
    return _checked(text, _common_equivalent(data, text, best.encoding))


def _pick(matches):
    """The detector's best match; on a tie (same chaos and coherence) the most widely used code page.

    Short Western European texts score the same as cp1252 and cp1250, and the
    detector's order between them is arbitrary; cp1252 pages are far more common.
    """
    best = matches.best()
    if best is None:
        return None
    tied = {m.encoding: m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    return next((tied[e] for e in _COMMON_SINGLE_BYTE if e in tied), best)


# When several single-byte code pages give the very same text (Western European
# text has no bytes where cp1250, cp1252 and latin-1 differ), report the one such
# pages are far more often saved in rather than the detector's arbitrary pick.
_COMMON_SINGLE_BYTE = ("cp1252", "cp1251")


def _common_equivalent(data: bytes, text: str, detected: str) -> str:
    for encoding in _COMMON_SINGLE_BYTE:
        if codecs.lookup(encoding).name == codecs.lookup(detected).name:
            return detected
        try:
            if data.decode(encoding) == text:
                return encoding
        except UnicodeDecodeError:
            continue
    return detected


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM: NULs on one byte parity only (Latin text), and it decodes cleanly."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / max(1, len(even)), odd.count(0) / max(1, len(odd))
    if max(zeros_even, zeros_odd) < 0.3 or min(zeros_even, zeros_odd) > 0.01 or len(data) % 2:
        return None
    encoding = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
    try:
        return _checked(data.decode(encoding), encoding)
    except (UnicodeDecodeError, DecodeError):
        return None


def _checked(text: str, encoding: str) -> Decoded:
    if not text.strip():
        raise DecodeError("empty_input", "the input holds no visible text")
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > max(3, len(sample) // 100):
        raise DecodeError("binary_input", "too many control characters for text (binary file?)")
    return Decoded(text, encoding)


# --- HTML -------------------------------------------------------------------

def html_to_page(html: str) -> HtmlPage:
    """Visible text of `html` with one block per line and blank lines between blocks.

    Block elements end a line; inline elements (links, emphasis) stay inside the
    sentence they belong to, so paragraph text reads as on the page.  `blocks` holds
    each block's DOM features (newsmill/htmlblocks.py) for the block classifier.  The
    page is parsed once: the block walk and the metadata (newsmill/html_meta.py) read
    the same lxml tree.
    """
    from newsmill.html_meta import extract_meta  # lazy: plain-text runs never import lxml
    from newsmill.htmlblocks import parse_blocks, parse_html

    root = parse_html(html)
    dom = parse_blocks(html, root)
    return HtmlPage(dom.page_text, extract_meta(root) if root is not None else {}, dom.blocks)


_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """True for an HTML document whatever its file name says (doctype or <html> first)."""
    return bool(_HTML_START.match(text[:4096]))
