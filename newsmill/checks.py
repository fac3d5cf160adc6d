"""Extraction-quality checks: what generic schema checks cannot see in a loaded article.

Each finding is a WARNING: the article is loaded, and flows/quality.py counts the
finding in `dq_results` as check `warning:<kind>` with a sample of the offending
text. The checks look at the shape of a field (rules in rules/checks.yaml and the
boilerplate word lists), never at a particular site:

- `boilerplate_residue`: the boilerplate detectors fire on the body itself (each
  paragraph read as one line), i.e. junk the cleaner let through;
- `navigation_title`: the title is a menu, a breadcrumb trail or an interface label;
- `author_not_name`: an author that is a section name, a label, an outlet or a string
  with digits/symbols, not a person;
- `language_mismatch`: the detected language differs from the outlet's one language
  in the registry (`language` in rules/outlets.yaml);
- `url_date_mismatch`: the publication date disagrees with a date in the page's URL;
- `body_lost`: a removed span of prose is longer than the whole body kept (the cleaner may
  have taken the article, or most of it, for boilerplate).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from newsmill.boilerplate import _runs, detect_boilerplate
from newsmill.boilerplate_patterns import Patterns, alternation, load_patterns
from newsmill.model import Article, DocResult, Line, Paragraph
from newsmill.outlets import OutletRegistry
from newsmill.rule_files import read_rules

RESIDUE = "boilerplate_residue"
NAV_TITLE = "navigation_title"
AUTHOR = "author_not_name"
LANGUAGE = "language_mismatch"
URL_DATE = "url_date_mismatch"
BODY_LOST = "body_lost"
WARNING_KINDS = (RESIDUE, NAV_TITLE, AUTHOR, LANGUAGE, URL_DATE, BODY_LOST)
_NOT_LOST_KINDS = frozenset({"title", "dateline", "metadata_line", "comments"})  # metadata; readers' comments may outgrow a short story
_SENTENCE_END = re.compile(r"[.!?…。։][\"'”»)]*(?=\s|$)")  # '։': the Armenian full stop

_URL_DATES = (
    # /2024/03/15/ or /2024-3-5- : year, month, day as path pieces
    re.compile(r"(?<![\d])((?:19|20)\d\d)[/\-_.](0?[1-9]|1[0-2])[/\-_.](0?[1-9]|[12]\d|3[01])(?!\d)"),
    # 20240315 glued, as in /news/20240315-slug
    re.compile(r"(?<![\d])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"),
)


@dataclass(frozen=True)
class Finding:
    """One warning about one article: its kind and a JSON-able sample of what was seen."""

    kind: str
    sample: dict = field(default_factory=dict)


@dataclass(frozen=True)
class _Rules:
    skip: frozenset[str]
    scope: str
    sample_chars: int
    breadcrumb_split: re.Pattern[str]
    breadcrumb_min: int
    breadcrumb_words: int
    short_title: int
    max_words: int
    max_chars: int
    not_name_chars: frozenset[str]
    max_days: int
    menu_only: re.Pattern[str]
    lost_chars: int
    lost_sentences: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = read_rules("checks.yaml")
    p = load_patterns()
    seps = "|".join(re.escape(s) for s in sorted(raw["title"]["breadcrumb_separators"], key=len, reverse=True))
    menu = alternation(sorted(p.menu_words))
    return _Rules(
        skip=frozenset(raw["residue"]["skip_detectors"]),
        scope=str(raw["residue"]["scope"]),
        sample_chars=int(raw["residue"]["sample_chars"]),
        breadcrumb_split=re.compile(rf"\s*(?:{seps})\s*"),
        breadcrumb_min=int(raw["title"]["breadcrumb_min_segments"]),
        breadcrumb_words=int(raw["title"]["breadcrumb_max_segment_words"]),
        short_title=int(raw["title"]["max_chars_short"]),
        max_words=int(raw["author"]["max_words"]),
        max_chars=int(raw["author"]["max_chars"]),
        not_name_chars=frozenset(raw["author"]["not_name_chars"]),
        max_days=int(raw["url_date"]["max_days_apart"]),
        # one or more section names and nothing else: "Home", "News | Politics", "Ana səhifə"
        menu_only=re.compile(rf"^\W*{menu}(?:[\W_]+{menu})*\W*$", re.IGNORECASE),
        lost_chars=int(raw["body_lost"]["min_chars"]),
        lost_sentences=int(raw["body_lost"]["min_sentences"]),
    )


def extraction_findings(result: DocResult, *, url: str | None = None,
                        registry: OutletRegistry | None = None) -> list[Finding]:
    """Every warning for one extracted article (empty when it looks clean)."""
    article = result.article
    if article is None:
        return []
    found = [Finding(RESIDUE, s) for s in residue(article.paragraphs, result.page_text)]
    why = navigation_title(article.title)
    if why:
        found.append(Finding(NAV_TITLE, {"text": article.title[:200], "why": why}))
    for name in article.authors:
        why = author_problem(name, registry)
        if why:
            found.append(Finding(AUTHOR, {"text": name[:200], "why": why}))
    why = language_mismatch(article, registry)
    if why:
        found.append(Finding(LANGUAGE, {"text": why}))
    why = url_date_mismatch(article, url)
    if why:
        found.append(Finding(URL_DATE, {"text": why}))
    lost = body_lost(result)
    if lost:
        found.append(Finding(BODY_LOST, lost))
    return found


def body_lost(result: DocResult) -> dict | None:
    """The longest removed span that reads as prose and outweighs the whole body kept, if any.

    An article is longer than any one paragraph of the junk around it; when a removed
    paragraph is longer than everything kept, the cleaner probably removed the article.
    """
    if result.article is None:
        return None
    r = _rules()
    body = len(result.article.body)
    longest = None
    for span in result.spans:
        size = span.end - span.start
        if size < r.lost_chars or size <= body or span.kind in _NOT_LOST_KINDS:
            continue
        if longest is None or size > longest.end - longest.start:
            text = result.page_text[span.start : span.end]
            if len(_SENTENCE_END.findall(text)) >= r.lost_sentences:
                longest = span
    if longest is None:
        return None
    return {"text": result.page_text[longest.start : longest.end][: r.sample_chars], "kind": longest.kind,
            "rule": longest.rule, "removed_chars": longest.end - longest.start, "body_chars": body}


# --- boilerplate residue -------------------------------------------------------------


def residue(paragraphs: list[Paragraph], page_text: str | None = None, scope: str | None = None) -> list[dict]:
    """Spans the boilerplate detectors find in the body: one dict per span (para_no, kind, rule, text).

    The body is laid out as the detectors expect a page: one paragraph per line, a
    blank line between them. `scope` ('changed' or 'all', default from
    rules/checks.yaml): with 'changed' and the `page_text`, only runs of adjacent
    paragraphs the cleaner never read as one whole line are examined.
    """
    rules = _rules()
    if (scope or rules.scope) == "changed" and page_text is not None:
        flags = [not _whole_line(page_text, p) for p in paragraphs]
    else:
        flags = [True] * len(paragraphs)
    runs = list(_runs(flags))
    if not runs:  # the usual: nothing to examine, so no body to lay out
        return []
    starts: list[int] = []
    pos = 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p.text) + 2
    body = "\n\n".join(p.text for p in paragraphs)
    out = []
    for first, end in runs:
        lines = [Line(starts[i], starts[i] + len(paragraphs[i].text), paragraphs[i].text, i) for i in range(first, end)]
        for span in detect_boilerplate(body, lines, skip=rules.skip):
            i = bisect_right(starts, span.start) - 1
            out.append({"para_no": paragraphs[i].para_no, "kind": span.kind, "rule": span.rule,
                        "text": body[span.start:span.end][: rules.sample_chars]})
    return out


def _whole_line(page_text: str, p: Paragraph) -> bool:
    """Is the paragraph exactly one line of page_text (so the cleaner's line detectors read it as is)?"""
    if page_text.find("\n", p.start, p.end) >= 0:
        return False
    line_start = page_text.rfind("\n", 0, p.start) + 1
    line_end = page_text.find("\n", p.end)
    line_end = len(page_text) if line_end < 0 else line_end
    return not page_text[line_start:p.start].strip() and not page_text[p.end:line_end].strip()


# --- titles ----------------------------------------------------------------------------


def _interface_label(text: str, p: Patterns) -> bool:
    """A whole line any boilerplate list names: 'Next article', 'Share', 'Advertisement', '12 comments'."""
    return bool(p.nav_phrases.match(text) or p.share_whole.match(text) or p.footer_whole.match(text)
                or p.comments.match(text) or p.counter.match(text) or p.read_also.match(text))


def navigation_title(title: str) -> str | None:
    """Why the title reads as navigation rather than a headline, or None."""
    rules, p = _rules(), load_patterns()
    text = " ".join(title.split())
    if len(text) <= rules.short_title:
        return "too short to be a headline"
    if rules.menu_only.match(text):
        return "only section names (a menu or a section page)"
    if _interface_label(text, p):
        return "an interface label (navigation, share, counter)"
    tokens = [t for t in re.split(r"[\s|/·•,]+", text) if t]
    if len(tokens) >= 2 and all(t in p.languages for t in tokens):
        return "a language switcher"
    segments = [s for s in rules.breadcrumb_split.split(text) if s]
    if len(segments) >= rules.breadcrumb_min and all(len(s.split()) <= rules.breadcrumb_words for s in segments[:-1]):
        return f"a breadcrumb trail of {len(segments)} segments"
    return None


# --- authors -----------------------------------------------------------------------------


def author_problem(name: str, registry: OutletRegistry | None = None) -> str | None:
    """Why `name` is not a person's name, or None."""
    rules, p = _rules(), load_patterns()
    text = " ".join(name.split())
    if not any(ch.isalpha() for ch in text):
        return "no letters"
    if len(text) > rules.max_chars or len(text.split()) > rules.max_words:
        return "too long for a name"
    if any(ch in rules.not_name_chars for ch in text):
        return "holds digits or symbols no name has"
    if rules.menu_only.match(text):
        return "section names: a menu item"
    if _interface_label(text, p) or p.share_start.match(text):
        return "an interface label"
    if registry is not None and registry.by_name(text) is not None:
        return "the name of an outlet, not a person"
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    cased = [w for w in words if w.lower() != w.upper()]
    if cased and all(w == w.lower() for w in cased):
        return "no word is capitalised as a name is"
    return None


# --- language ----------------------------------------------------------------------------


def language_mismatch(article: Article, registry: OutletRegistry | None) -> str | None:
    """'detected ru, X publishes in en' when the outlet has one language and it differs."""
    if registry is None or not article.language or not article.outlet:
        return None
    outlet = registry.by_name(article.outlet)
    if outlet is None or not outlet.language or outlet.language == article.language:
        return None
    return f"detected {article.language}, {outlet.name} publishes in {outlet.language}"


# --- dates --------------------------------------------------------------------------------


def url_date(url: str | None) -> date | None:
    """A calendar date written in the URL's path, or None."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:  # 2024/02/31: not a date
                continue
    return None


def url_date_mismatch(article: Article, url: str | None) -> str | None:
    published = article.published.date
    in_url = url_date(url) if published else None
    if in_url is None or abs((published - in_url).days) <= _rules().max_days:
        return None
    return f"published {published.isoformat()}, the URL says {in_url.isoformat()}"
