"""Decoded text → clean Unicode: mojibake repaired, entities decoded, NFC, no stray controls.

Runs once, right after bytes are decoded and before any offset is computed, so
every offset later stored points into the normalised text. The repair itself is
ftfy's (a maintained library that only changes text it is confident is broken);
this module chooses its settings and adds the control-character rule.
"""

from __future__ import annotations

import re
import unicodedata

from ftfy import TextFixerConfig, fix_text

# ftfy's defaults also straighten curly quotes, fold ligatures and full-width
# letters: those change correct text (quotes matter to quote extraction), so off.
_BASE = dict(
    fix_encoding=True,  # UTF-8 read as cp1252/cp1251/latin-1 ("cafÃ©", "РџСЂРµ") → fixed
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=True,  # CRLF, CR, U+2028/2029, NEL → "\n"
    fix_surrogates=True,
    remove_terminal_escapes=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=False,
)
# Plain text: decode entities scraped along with the text ("&amp;", "&#8220;");
# ftfy only decodes complete entities with a ";" so "AT&T" or "?a=1&para=2" stay.
_TEXT = TextFixerConfig(unescape_html=True, **_BASE)
# HTML source and text already extracted from HTML: entities are markup (or were
# decoded by the parser); decoding again would turn "&amp;lt;" into "<".
_MARKUP = TextFixerConfig(unescape_html=False, **_BASE)

# Vertical tab, form feed and the C0 separators end a line: keep the break.
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e]")
# Every other control character (C0, DEL, C1) but tab and newline is removed. (ftfy
# first reads a C1 control as the cp1252 character it almost always stands for.)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x9f\r]")


def normalize_text(text: str, *, entities: bool = True) -> str:
    """`text` with mojibake repaired, NFC, and no control characters but "\\n" and "\\t".

    `entities=True` (plain-text inputs) also decodes HTML character references.
    """
    text = fix_text(_LINE_BREAKS.sub("\n", text), _TEXT if entities else _MARKUP)
    text = _CONTROLS.sub("", text)
    # again: removing a control character can join a letter to a combining mark
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
