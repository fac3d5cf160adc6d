"""Decoded text → clean Unicode: mojibake repaired, entities decoded, NFC, no stray controls.

Runs once, right after bytes are decoded and before any offset is computed, so
every offset later stored points into the normalised text. The repair itself is
ftfy's (a maintained library that only changes text it is confident is broken);
this module chooses its settings and adds the control-character rule.
"""

from __future__ import annotations

import re
import unicodedata

from ftfy import TextFixerConfig, fix_and_explain, fix_text
from ftfy.badness import BADNESS_RE
from newsmill.regex_gates import WindowedSearch
from ftfy.chardata import CONTROL_CHARS

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

# Characters one of the ftfy steps above acts on besides mojibake: line separators, C1
# controls, surrogates, terminal escapes, and the controls ftfy removes.
_FTFY_TRIGGERS = re.compile(
    "[\r\x1b\x80-\x9f\u2028\u2029\ud800-\udfff"
    + "".join(re.escape(chr(c)) for c in sorted(CONTROL_CHARS)) + "]")

_SEGMENTS = re.compile(r"[^\n]*\n|[^\n]+\Z")

# ftfy.badness.is_bad (a search of BADNESS_RE, a 37-way alternation tried at every position:
# ~75 us a line of Cyrillic), searched only in the few-character windows where a match can be
is_bad = WindowedSearch(BADNESS_RE)


def _fix_text(text: str, config: TextFixerConfig) -> str:
    """ftfy.fix_text(text, config), skipping the lines no ftfy step can change.

    fix_text fixes line by line and every line pays each step's Python overhead, though
    most lines of a scraped page are clean. A line is left alone, as ftfy would leave
    it, when it holds none of the characters a step acts on (`_FTFY_TRIGGERS`, "&" when
    entities are decoded) and is either ASCII or not mojibake by ftfy's own test.
    """
    if len(text) > config.max_decode_length:
        return fix_text(text, config)  # ftfy would also cut inside lines: keep its exact behaviour
    entities = config.unescape_html is True
    out = []
    for line in _SEGMENTS.findall(text):  # ftfy's segments: lines with their "\n"
        if (_FTFY_TRIGGERS.search(line) is None and not (entities and "&" in line)
                and (line.isascii() or not is_bad(line))):
            out.append(line)
        else:
            out.append(fix_and_explain(line, config).text)
    return "".join(out)


def normalize_text(text: str, *, entities: bool = True) -> str:
    """`text` with mojibake repaired, NFC, and no control characters but "\\n" and "\\t".

    `entities=True` (plain-text inputs) also decodes HTML character references.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _fix_text(text, _TEXT if entities else _MARKUP)
    text = _CONTROLS.sub("", text)
    # again: removing a control character can join a letter to a combining mark
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
