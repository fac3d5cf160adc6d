"""Direct quotations in an article's body, each with its speaker and offsets into page_text.

Three shapes are recognised, all within body paragraphs:
- quotation marks ("…", “…”, «…»), also over several paragraphs: an opening mark, then
  either an opening mark again at each following paragraph's start or no mark at all, and
  the closing mark only at the end. A quotation needs a cue: a reporting verb or "according
  to" with a speaker right before or after it (`"…," the president said.`, `He said, "…"`);
  quoted titles and scare quotes have none and are not quotations;
- transcript lines: "President Ilham Aliyev: Yes, indeed.";
- speeches introduced by "<speaker> said:" and running over the following paragraphs while
  they read as speech (first or second person, no boilerplate in between).

Speakers resolve against the person references of newsmill/entities.py: a name to the
person it names, "he"/"she" to the nearest person named before the quotation (outside any
quotation), a role ("the head of state") to the nearest preceding person with that role.
Word lists are in rules/quotes.yaml; titles and their roles in rules/entities.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from newsmill.entities import DocEntities, PersonRef
from newsmill.gazetteer import NAME_TOKEN, load_settings
from newsmill.model import Paragraph
from newsmill.rule_files import read_rules
from newsmill.text import collapse_ws


@dataclass(frozen=True)
class Quote:
    quote_no: int
    speaker: str | None            # canonical name when resolved, else as written
    speaker_entity_id: str | None
    text: str
    start: int                     # offsets of the quoted words (marks excluded) in page_text
    end: int
    cue: str                       # 'said', 'noted', ..., 'according to', 'dialogue'


@dataclass(frozen=True)
class Cues:
    verbs: dict[str, str]
    according_to: str
    adverbs: tuple[str, ...]
    pronouns: frozenset[str]
    not_speakers: frozenset[str]
    speech_words: frozenset[str]
    max_quote_paragraphs: int


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = read_rules("quotes.yaml")
    return Cues(
        verbs=dict(data["cue_verbs"]), according_to=data["according_to"], adverbs=tuple(data["adverbs"]),
        pronouns=frozenset(data["pronouns"]), not_speakers=frozenset(data["not_speakers"]),
        speech_words=frozenset(data["speech_words"]), max_quote_paragraphs=int(data["max_quote_paragraphs"]),
    )


@dataclass
class _Rx:
    post: re.Pattern
    pre: re.Pattern
    pre_gate: re.Pattern                # a cue verb or "according", anywhere: `pre` cannot match without one
    pre_tail: re.Pattern                # a cue verb ending the window as in `pre`, or "according": a tighter gate
    intro: re.Pattern
    dialogue: re.Pattern
    speech: re.Pattern
    roles: dict[str, str]
    longest_roles: tuple[str, ...]      # `roles`' keys, longest first (_role_of takes the longest)
    pronouns: frozenset[str]            # the cue pronouns, lower-cased
    # per role (lower-cased): the role and every title giving it, lower-cased, when all are
    # ASCII; a person's own roles can hold the role only if one of them is written before it
    role_sources: dict[str, tuple[str, ...] | None]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _rx() -> _Rx:
    cues = load_cues()
    settings = load_settings()
    roles = {r for rs in settings.titles.values() for r in rs} | set(settings.role_nouns) | {"official", "leader"}
    verb = rf"(?:(?:{_alt(cues.adverbs)})\s+)?(?P<verb>{_alt(cues.verbs)})"
    verb_first = rf"(?P<verb_first>{_alt(cues.verbs)})"
    joiners = _alt(["of the", "of", *settings.particles])
    # "President Kassym-Jomart Tokayev", "coach Gurban Gurbanov", "Mohammed bin Abdulrahman Al Thani"
    name = (rf"(?:(?:{_alt(settings.role_nouns)})[ \t]+)?"
            rf"{NAME_TOKEN}(?:[ \t]+(?:(?:{joiners})[ \t]+)?{NAME_TOKEN}){{0,6}}")
    role = rf"[Tt]he\s+(?:[\w’'-]+\s+){{0,2}}?(?:{_alt(roles)})"
    speaker = rf"(?P<sp>{_alt(cues.pronouns)}|{role}|{name})"
    speaker2 = speaker.replace("?P<sp>", "?P<sp2>")
    role_map = {r.lower(): r for r in roles}
    return _Rx(
        post=re.compile(rf"[\s,.!?]*(?:[—–-]\s*)?(?:{verb_first}\s+{speaker2}|{speaker}\s+{verb})\b"),
        pre=re.compile(
            rf"(?:{speaker}\s+{verb}(?:\s+[\w’'-]+){{0,4}}?|(?P<acc>[Aa]ccording\s+to)\s+{speaker2})\s*[,:]?\s*(?:that\s+)?$"),
        pre_gate=re.compile(_alt([*cues.verbs, "According", "according"])),
        pre_tail=re.compile(rf"(?:{_alt(cues.verbs)})(?:\s+[\w’'-]+){{0,4}}\s*[,:]?\s*(?:that\s+)?$|[Aa]ccording"),
        intro=re.compile(rf"{speaker}\s+{verb}(?:\s+[\w’'-]+){{0,4}}?\s*:\s*$"),
        dialogue=re.compile(rf"(?:[-–—]\s*)?(?P<sp>{name})\s*:\s+(?=\S)"),
        speech=re.compile(r"(?<![\w’'])(?:" + _alt(cues.speech_words) + r")(?![\w’'])"),
        roles=role_map,
        longest_roles=tuple(sorted(role_map, key=len, reverse=True)),
        pronouns=frozenset(p.lower() for p in cues.pronouns),
        role_sources={role: _ascii_only((role, *(t.lower() for t, rs in settings.titles.items()
                                                 if any(r.lower() == role for r in rs))))
                      for role in role_map},
    )


def _ascii_only(words: tuple[str, ...]) -> tuple[str, ...] | None:
    return words if all(w.isascii() for w in words) else None


@dataclass
class _Raw:
    start: int
    end: int
    text: str
    cue: str | None = None
    speaker_span: tuple[int, int] | None = None
    speaker_text: str | None = None
    para: int = 0


def extract_quotes(page_text: str, paragraphs: list[Paragraph], entities: DocEntities) -> list[Quote]:
    """Quotations in `paragraphs`, numbered in page order."""
    rx, cues = _rx(), load_cues()
    speeches = _speeches(page_text, paragraphs, entities, rx, cues)
    covered = [(q.start, q.end) for q in speeches]
    marked = [q for q in _marked(page_text, paragraphs, rx, cues)
              if not any(s <= q.start < e for s, e in covered)]
    raws = sorted(speeches + marked, key=lambda q: q.start)
    # persons named outside every quotation (a name inside a quote is not its speaker), by position
    named = _outside(entities.persons, raws)
    quotes: list[Quote] = []
    previous: Quote | None = None
    previous_para = -1
    for raw in raws:
        if raw.cue is None:
            # an unattributed quotation continues the one just before it in the same paragraph
            if previous is None or raw.para != previous_para:
                continue
            speaker, entity_id, cue = previous.speaker, previous.speaker_entity_id, previous.cue
        else:
            speaker, entity_id = _speaker(page_text, raw, entities, named, rx, cues)
            cue = raw.cue
        quote = Quote(len(quotes), speaker, entity_id, raw.text, raw.start, raw.end, cue)
        quotes.append(quote)
        previous, previous_para = quote, raw.para
    return quotes


def _outside(refs: list[PersonRef], raws: list[_Raw]) -> list[PersonRef]:
    """The references (by position) whose start no quotation (sorted by start) covers, in one
    sweep: a position is covered when a quotation starting at or before it ends after it, so
    only the furthest end of the quotations started so far matters."""
    out, k, furthest, n = [], 0, -1, len(raws)
    for ref in refs:
        while k < n and raws[k].start <= ref.start:
            furthest = max(furthest, raws[k].end)
            k += 1
        if ref.start >= furthest:
            out.append(ref)
    return out


# ---- quotation marks --------------------------------------------------------------------

PRE_WINDOW = 160  # characters before a quotation searched for its cue
_FAMILY = {'"': '"', "“": "“", "”": "“", "«": "«", "»": "«"}


def _kind(text: str, pos: int, start: int, end: int) -> str:
    ch = text[pos]
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    if ch in "“«":
        return "open"
    if ch == "»":
        return "close"
    opens = before.isspace() or before in "([{—–-/" or pos == start
    if ch == "”":
        return "open" if opens and not after.isspace() else "close"
    if opens and not after.isspace():
        return "open"
    return "close"


def _marked(text: str, paragraphs: list[Paragraph], rx: _Rx, cues: Cues) -> list[_Raw]:
    found: list[tuple[int, int, int, int]] = []   # open pos, close pos, first para idx, last para idx
    current: tuple[int, str, int] | None = None    # open pos, family, para idx
    for idx, p, positions in _marks_by_paragraph(text, paragraphs, rx):
        marks = [(pos, _FAMILY[text[pos]], _kind(text, pos, p.start, p.end)) for pos in positions]
        if current is not None:
            same = [m for m in marks if m[1] == current[1]]
            if idx - current[2] > cues.max_quote_paragraphs or (
                    same and same[0][2] == "open" and same[0][0] != p.start):
                current = None  # never closed: not a quotation
        for pos, family, kind in marks:
            if current is None:
                if kind == "open":
                    current = (pos, family, idx)
            elif family == current[1]:
                if kind == "close":
                    if pos > current[0] + 1:
                        found.append((current[0], pos, current[2], idx))
                    current = None
                elif pos == p.start and idx > current[2]:
                    continue  # the mark repeated at each paragraph of a long quotation
                else:
                    current = (pos, family, idx)
    out = []
    for open_pos, close_pos, first, last in found:
        if first == last:  # most quotations: the text between the marks, in one paragraph
            body = collapse_ws(text[open_pos + 1:close_pos]).rstrip(" ,")
        else:
            pieces = []
            for p in paragraphs[first:last + 1]:
                s, e = max(p.start, open_pos + 1), min(p.end, close_pos)
                if s == p.start and _FAMILY.get(text[s:s + 1]) == _FAMILY[text[open_pos]]:
                    s += 1  # the opening mark repeated at a paragraph start is not quoted text
                pieces.append(collapse_ws(text[s:e]))
            body = "\n\n".join(x for x in pieces if x).rstrip(" ,")
        if not body:
            continue
        raw = _Raw(open_pos + 1, _trim_end(text, open_pos + 1, close_pos), body, para=first)
        _attribute(text, raw, paragraphs[first], paragraphs[last], close_pos, paragraphs, first, rx, cues)
        out.append(raw)
    return out


def _marks_by_paragraph(text: str, paragraphs: list[Paragraph], rx: _Rx):
    """(index, paragraph, mark positions) of the paragraphs holding a quotation mark, in order.

    One pass over the body instead of one per paragraph: most paragraphs hold no mark,
    and skipping them changes nothing in _marked (a quotation left open is only ever closed
    or dropped at a paragraph that holds a mark; the paragraph-count limit is checked there).
    """
    if not paragraphs:
        return
    k, n, found = 0, len(paragraphs), []
    for pos in _mark_positions(text, paragraphs[0].start, paragraphs[-1].end):
        while k < n and paragraphs[k].end <= pos:
            if found:
                yield k, paragraphs[k], found
                found = []
            k += 1
        if k < n and paragraphs[k].start <= pos:
            found.append(pos)  # marks between paragraphs (removed text) are not the body's
    if found:
        yield k, paragraphs[k], found


def _mark_positions(text: str, start: int, end: int) -> list[int]:
    """Where a quotation mark (a key of _FAMILY) stands in
    text[start:end], in order. One str.find loop per mark character: a handful of marks in
    five kilobytes are found several times faster so than by a regex character class, which
    the regex engine tries at every position."""
    found = []
    for mark in _FAMILY:
        pos = text.find(mark, start, end)
        while pos >= 0:
            found.append(pos)
            pos = text.find(mark, pos + 1, end)
    found.sort()
    return found


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return end


def _attribute(text, raw, first, last, close_pos, paragraphs, first_idx, rx, cues) -> None:
    post = rx.post.match(text, close_pos + 1, last.end)
    if post:
        group = "sp2" if post.group("sp2") else "sp"
        raw.cue = cues.verbs[post.group("verb_first") or post.group("verb")]
        raw.speaker_span, raw.speaker_text = post.span(group), post.group(group)
        return
    # the cue stands right before the mark: a bounded window keeps the anchored search cheap,
    # and `pre` (costly: a speaker is tried at every position) only runs where its end part
    # can match, which two cheaper searches tell (a cue word anywhere, then one ending the window)
    lo, hi = max(first.start, raw.start - 1 - PRE_WINDOW), raw.start - 1
    pre = (rx.pre.search(text, lo, hi)
           if rx.pre_gate.search(text, lo, hi) and rx.pre_tail.search(text, lo, hi) else None)
    if pre is None and raw.start - 1 == first.start and first_idx > 0:
        # "President Aliyev said:" closing the previous paragraph introduces this one
        prev = paragraphs[first_idx - 1]
        pre = _intro(text, prev, rx)
    if pre:
        group = "sp2" if pre.groupdict().get("sp2") else "sp"
        raw.cue = cues.according_to if pre.groupdict().get("acc") else cues.verbs[pre.group("verb")]
        raw.speaker_span, raw.speaker_text = pre.span(group), pre.group(group)


# ---- transcript lines and introduced speeches -------------------------------------------

def _intro(text: str, p: Paragraph, rx: _Rx):
    """'<speaker> said:' closing a paragraph (only paragraphs ending with a colon are searched)."""
    if text[p.end - 1:p.end] != ":":
        return None
    return rx.intro.search(text, max(p.start, p.end - PRE_WINDOW), p.end)


def _colon_paragraphs(text: str, paragraphs: list[Paragraph]) -> list[int]:
    """Indexes of the paragraphs holding a colon, in order (one str.find pass over the body)."""
    if not paragraphs:
        return []
    starts = [p.start for p in paragraphs]
    out: list[int] = []
    pos = text.find(":", paragraphs[0].start, paragraphs[-1].end)
    while pos >= 0:
        k = bisect_right(starts, pos) - 1
        if pos < paragraphs[k].end and (not out or out[-1] != k):
            out.append(k)
        pos = text.find(":", pos + 1, paragraphs[-1].end)
    return out


def _speeches(text: str, paragraphs: list[Paragraph], entities: DocEntities, rx: _Rx, cues: Cues) -> list[_Raw]:
    """Transcript lines and introduced speeches. Both start at a paragraph holding a colon (a
    transcript line has one; an introduction ends with one), so the scan jumps from one such
    paragraph to the next: the others would only be stepped over."""
    out: list[_Raw] = []
    colons = iter(_colon_paragraphs(text, paragraphs))
    i = 0
    while i < len(paragraphs):
        i = next((k for k in colons if k >= i), len(paragraphs))
        if i == len(paragraphs):
            break
        p = paragraphs[i]
        # a transcript line has a colon: most paragraphs are ruled out without the regex
        line = rx.dialogue.match(text, p.start, p.end) if text.find(":", p.start, p.end) >= 0 else None
        # a transcript line needs a person as its speaker ("Question:", "Note:" are labels)
        if line and line.group("sp").split()[0] not in cues.not_speakers and entities.person_at(*line.span("sp")):
            start = line.end()
            out.append(_Raw(start, p.end, collapse_ws(text[start:p.end]), "dialogue",
                            line.span("sp"), line.group("sp"), para=i))
            i += 1
            continue
        intro = _intro(text, p, rx)
        if intro and i + 1 < len(paragraphs):
            run = [paragraphs[i + 1]]
            for nxt in paragraphs[i + 2:]:
                gap = text[run[-1].end:nxt.start]
                if (gap.strip() or _intro(text, nxt, rx)
                        or rx.dialogue.match(text, nxt.start, nxt.end) or not rx.speech.search(text, nxt.start, nxt.end)):
                    break
                run.append(nxt)
            first = run[0]
            start = first.start
            dash = re.match(r"[-–—]\s*", text[start:first.end])
            if dash:
                start += dash.end()
            if text[start:start + 1] in _FAMILY:
                i += 1  # a quotation in marks: _marked handles it with this intro as its cue
                continue
            body = "\n\n".join(collapse_ws(text[max(start, q.start):q.end]) for q in run)
            out.append(_Raw(start, run[-1].end, body, cues.verbs[intro.group("verb")],
                            intro.span("sp"), intro.group("sp"), para=i + 1))
            i += 1 + len(run)
            continue
        i += 1
    return out


# ---- speakers ---------------------------------------------------------------------------

def _speaker(text: str, raw: _Raw, entities: DocEntities, named, rx: _Rx, cues: Cues):
    s, e = raw.speaker_span
    words = raw.speaker_text
    if words in cues.pronouns or words.lower() in rx.pronouns:
        ref = _last_before(named, raw.start)
        return (ref.entity.name, ref.entity.entity_id) if ref else (None, None)
    if words[:4].lower() == "the " or words[:4] == "The ":
        role = _role_of(words, rx)
        if role:
            outside = [ref for ref in named if ref.start < raw.start]
            ref = _nearest_with_role(outside, role, _may_be_written(text, raw.start, rx.role_sources[role]))
            if ref is None and len({r.entity.entity_id for r in outside}) == 1:
                ref = outside[-1]  # the only person named so far
            return (ref.entity.name, ref.entity.entity_id) if ref else (words, None)
    ref = entities.person_at(s, e)
    if ref is not None:
        return ref.entity.name, ref.entity.entity_id
    return collapse_ws(words), None


def _last_before(named: list[PersonRef], start: int) -> PersonRef | None:
    """The last of `named` (in page order) that starts before `start`."""
    last = None
    for ref in named:
        if ref.start >= start:
            break
        last = ref
    return last


def _role_of(words: str, rx: _Rx) -> str | None:
    lowered = words.lower()
    for role in rx.longest_roles:
        if lowered.endswith(" " + role):
            return role
    return None


def _nearest_with_role(refs: list[PersonRef], role: str, written: bool = True) -> PersonRef | None:
    """The nearest of `refs` (the last first) with `role` among its roles.

    A reference's roles are its entity's curated ones plus those of a title or role noun
    written before it, which take regex searches to find (PersonRef.roles). `written` False
    says that no text before the quotation can give `role` (see _may_be_written): then the
    curated roles decide alone, and no search is made.
    """
    for ref in reversed(refs):
        if any(r.lower() == role for r in (ref.roles if written else ref.entity.roles)):
            return ref
    return None


def _may_be_written(text: str, end: int, sources: tuple[str, ...] | None) -> bool:
    """Whether text[:end] may name a role through one of `sources` (the role and the titles
    giving it, lower-cased ASCII; None: unknown, so yes).

    A title or role noun yields the role only where the words matched lower-case to one of
    `sources` (entities.py compares lower-cased); lower-casing maps each character on its own
    when it keeps the length (only the Greek final sigma depends on its neighbours, and it
    never becomes ASCII), so those words then stand in text[:end].lower().
    """
    if sources is None:
        return True
    low = text[:end].lower()
    if len(low) != end:
        return True
    return any(source in low for source in sources)
