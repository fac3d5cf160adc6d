"""Parse an article's publication date stamp into a `PublishedDate`.

The input is one short metadata line that an earlier stage already picked out as the
date stamp ("25-08-2022, 08:55 | News", "# 24 November 2023 15:50 (UTC +04:00)").
The result is never more precise than the page: no time is invented, no zone is assumed
unless the caller vouches for the outlet's zone, and an undecidable day/month order gives
None rather than a guess.

How it works: the line is cut into tokens (dates, times, zones, labels, relative words)
by regexes built from named fragments whose words come from `rules/dates.yaml`; a time
attaches to the date it touches, a zone to the time it follows, and of several dates on
one line the most precise one wins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsmill.model import PublishedDate
from newsmill.rule_files import read_rules

__all__ = ["parse_date_stamp", "undecided_day_month", "month_number", "month_words", "date_in_year"]


# --------------------------------------------------------------------------- rules


def word_key(text: str) -> str:
    """Case- and accent-insensitive lookup key ("ŞUBAT", "Şubat", "subat" -> "subat")."""
    text = text.casefold().replace("ı", "i")
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def _word_forms(words: list[str]) -> set[str]:
    """The spellings _words_alternation matches a word list by: as written (case-folded) and its word_key."""
    forms: set[str] = set()
    for word in words:
        forms.add(word.casefold())
        forms.add(word_key(word))
    return forms


def _words_alternation(words: list[str]) -> str:
    """Regex alternation for a word list: longest first, accents optional, spaces flexible."""
    forms = _word_forms(words)
    parts = []
    for form in sorted(forms, key=lambda w: (-len(w), w)):
        parts.append(r"\s+".join(re.escape(piece) for piece in form.split()))
    return "|".join(parts)


def _initials(words: list[str]) -> str:
    """A lookahead for the first characters of _words_alternation(words), to put before it.

    Under IGNORECASE the regex engine cannot skip an alternative by its first character as
    it does for exact literals: a long alternation (the months: ~300 forms) is entered one
    alternative at a time at every position tried. A character class fails there in one
    test. It holds every form's first character (compiled with the same flags, it matches
    what that literal matches), so it only rules out positions where no alternative could
    start: the pattern's matches are unchanged.
    """
    return "(?=[" + "".join(sorted({re.escape(form[0]) for form in _word_forms(words) if form})) + "])"


def _parse_offset(value: str, where: str) -> timedelta:
    m = re.fullmatch(r"([+-])([0-9]{2}):([0-9]{2})", str(value))
    if not m:
        raise ValueError(f"rules/dates.yaml: {where}: offset {value!r} is not ±HH:MM")
    delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
    return -delta if m.group(1) == "-" else delta


@dataclass(frozen=True)
class _Zone:
    """A printed zone: a fixed offset, an offset history, a set of candidates or an IANA zone."""

    kind: str  # 'offset', 'history', 'ambiguous', 'iana'
    offset: timedelta | None = None
    history: tuple[tuple[date, timedelta], ...] = ()  # (effective local date, offset), ascending
    candidates: tuple[timedelta, ...] = ()
    iana: str | None = None


@dataclass(frozen=True)
class _Rules:
    min_year: int
    max_year: int
    future_slack: timedelta
    months: dict[str, int]
    labels: dict[str, str]  # word_key -> 'publication' | 'update'
    day_words: dict[str, int]
    units: dict[str, str]
    one_words: frozenset[str]
    implicit_one: frozenset[str]
    abbreviations: dict[str, _Zone]  # exact spelling -> zone
    named_zones: dict[str, _Zone]  # word_key -> zone
    # (token kind, regex, gate), by priority; the gate is a cheap regex that finds
    # something in every text the pattern matches in (None: no gate)
    patterns: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]
    connector: re.Pattern[str]


def _load_rules() -> _Rules:
    """Read rules/dates.yaml and compile every regex once."""
    data: dict[str, Any] = read_rules("dates.yaml")

    months: dict[str, int] = {}
    for lang, table in data["months"].items():
        for number, names in table.items():
            if not 1 <= int(number) <= 12:
                raise ValueError(f"rules/dates.yaml: months.{lang}: bad month number {number!r}")
            for name in names:
                key = word_key(name)
                if months.get(key, int(number)) != int(number):
                    raise ValueError(f"rules/dates.yaml: months.{lang}: {name!r} means two months")
                months[key] = int(number)

    labels = {word_key(w): kind for kind in ("publication", "update") for w in data["labels"][kind]}
    rel = data["relative"]
    day_words = {word_key(w): int(n) for w, n in rel["days"].items()}
    units = {word_key(w): unit for unit, forms in rel["units"].items() for w in forms}
    if set(units.values()) - set(_UNIT_DELTAS):
        raise ValueError(f"rules/dates.yaml: relative.units: unknown unit in {sorted(set(units.values()))}")

    zones = data["zones"]
    abbreviations: dict[str, _Zone] = {}
    for abbr, spec in zones["abbreviations"].items():
        base = _parse_offset(spec["offset"], f"zones.abbreviations.{abbr}")
        since = spec.get("since") or {}
        if since:
            history = [(date(1, 1, 1), base)]
            for day, off in since.items():
                history.append((date.fromisoformat(str(day)), _parse_offset(off, f"zones.abbreviations.{abbr}")))
            abbreviations[abbr] = _Zone("history", history=tuple(sorted(history)))
        else:
            abbreviations[abbr] = _Zone("offset", offset=base)
    for abbr, offsets in zones["ambiguous"].items():
        cands = tuple(_parse_offset(o, f"zones.ambiguous.{abbr}") for o in offsets)
        abbreviations[abbr] = _Zone("ambiguous", candidates=cands)
    named_zones: dict[str, _Zone] = {}
    for phrase, iana in zones["named"].items():
        try:
            ZoneInfo(iana)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"rules/dates.yaml: zones.named.{phrase}: unknown zone {iana!r}") from exc
        named_zones[word_key(phrase)] = _Zone("iana", iana=iana)

    month_names = [n for table in data["months"].values() for names in table.values() for n in names]
    # Named fragments; every pattern below is assembled from these.
    frag = {
        "d2": r"[0-9]{1,2}",
        "y4": r"[0-9]{4}",
        "nodigit_before": r"(?<![0-9])",
        "nodigit_after": r"(?![0-9])",
        "month": _words_alternation(month_names),
        "month_initial": _initials(month_names),
        "ordinal": "|".join(map(re.escape, data["ordinal_suffixes"])),
        "sign": r"[+\-\u2212]",
        "label": _words_alternation(list(data["labels"]["publication"]) + list(data["labels"]["update"])),
        "label_initial": _initials(list(data["labels"]["publication"]) + list(data["labels"]["update"])),
        "day_word": _words_alternation(list(rel["days"])),
        "day_word_initial": _initials(list(rel["days"])),
        "unit": _words_alternation([w for forms in rel["units"].values() for w in forms]),
        "one": _words_alternation(rel["one"]),
        "ago": _words_alternation(rel["ago"]),
        "abbr": "|".join(re.escape(a) for a in sorted(abbreviations, key=lambda a: (-len(a), a))),
        "named_zone": _words_alternation(list(zones["named"])),
        "named_zone_initial": _initials(list(zones["named"])),
        "connector_word": _words_alternation([str(w) for w in data["connectors"]]),
        "punct": r"[\s.,|/@·•\-–—()\[\]:;]",
    }
    f = frag
    iso_date = rf"{f['nodigit_before']}(?P<year>{f['y4']})(?P<sep>[-./])(?P<month>{f['d2']})(?P=sep)(?P<day>{f['d2']}){f['nodigit_after']}"
    num_date = rf"{f['nodigit_before']}(?P<first>{f['d2']})(?P<sep>[-./])(?P<second>{f['d2']})(?P=sep)(?P<year>{f['y4']}){f['nodigit_after']}"
    text_dmy = (
        rf"{f['nodigit_before']}(?P<day>{f['d2']})(?:{f['ordinal']})?\.?[\s\-/]*(?:(?:of|de)\s+)?"  # '3 de diciembre de 2024'
        rf"{f['month_initial']}(?P<month>{f['month']})(?!\w)\.?[\s,\-/]*(?:del?\s+)?(?P<year>{f['y4']}){f['nodigit_after']}"
    )
    text_mdy = (
        rf"{f['month_initial']}(?<!\w)(?P<month>{f['month']})(?!\w)\.?\s*(?P<day>{f['d2']})(?:{f['ordinal']})?"
        rf"{f['nodigit_after']}\.?,?\s*(?P<year>{f['y4']}){f['nodigit_after']}"
    )
    clock = (
        rf"(?<![0-9:])(?P<hour>{f['d2']}):(?P<minute>[0-9]{{2}})(?::(?P<second>[0-9]{{2}})(?:[.,][0-9]+)?)?"
        rf"{f['nodigit_after']}(?:\s?(?P<ampm>[ap])\.?\s?m\.?(?!\w))?"
    )
    zone_offset = rf"(?<!\w)(?:UTC|GMT)\s*(?P<sign>{f['sign']})\s*(?P<hh>{f['d2']})(?::?(?P<mm>[0-9]{{2}}))?{f['nodigit_after']}"
    zone_bare = rf"(?P<sign>{f['sign']})(?P<hh>[0-9]{{2}})(?::?(?P<mm>[0-9]{{2}}))?{f['nodigit_after']}"
    rel_ago = (
        rf"(?<!\w)(?:(?P<n>[0-9]{{1,3}})|(?P<one>{f['one']}))?\s*(?P<unit>{f['unit']})(?!\w)\.?"
        rf"\s+(?:{f['ago']})(?!\w)"
    )
    ci = re.IGNORECASE
    # Gates, so that most lines (with no digit, no "ago" word) skip most patterns:
    # every pattern gated by `digit` holds a mandatory [0-9] (a day, year, hour or
    # offset; zone_z's lookbehind), and rel_ago ends with the ago words as `ago` does.
    digit = re.compile(r"[0-9]")
    ago = re.compile(rf"{_initials(rel['ago'])}(?:{f['ago']})(?!\w)", ci)
    patterns = (
        ("zone_offset", re.compile(zone_offset, ci), digit),
        ("iso_date", re.compile(iso_date), digit),
        ("num_date", re.compile(num_date), digit),
        ("text_dmy", re.compile(text_dmy, ci), digit),
        ("text_mdy", re.compile(text_mdy, ci), digit),
        ("rel_ago", re.compile(rel_ago, ci), ago),
        ("rel_day", re.compile(rf"{f['day_word_initial']}(?<!\w)(?P<word>{f['day_word']})(?!\w)", ci), None),
        ("time", re.compile(clock, ci), digit),
        ("zone_named", re.compile(rf"{f['named_zone_initial']}(?<!\w)(?P<phrase>{f['named_zone']})(?!\w)", ci), None),
        ("zone_bare", re.compile(zone_bare), digit),
        ("zone_z", re.compile(r"(?<=[0-9])Z(?![A-Za-z])"), digit),
        ("zone_abbr", re.compile(rf"(?<!\w)(?P<abbr>{f['abbr']})(?!\w)"), None),  # case-sensitive: GET, EST are words
        ("label", re.compile(rf"{f['label_initial']}(?<!\w)(?P<label>{f['label']})(?!\w)\s*:?", ci), None),
    )
    connector = re.compile(
        rf"T|{f['punct']}*(?:(?:{f['connector_word']})(?!\w){f['punct']}*)*", ci
    )
    limits = data["limits"]
    return _Rules(
        min_year=int(limits["min_year"]),
        max_year=int(limits["max_year"]),
        future_slack=timedelta(days=int(limits["future_slack_days"])),
        months=months,
        labels=labels,
        day_words=day_words,
        units=units,
        one_words=frozenset(word_key(w) for w in rel["one"]),
        implicit_one=frozenset(word_key(w) for w in rel["implicit_one"]),
        abbreviations=abbreviations,
        named_zones=named_zones,
        patterns=patterns,
        connector=connector,
    )


_UNIT_DELTAS = {
    "second": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
}

_RULES = _load_rules()

# How a date or time token can end: every date pattern closes with a year or day digit,
# a time with a digit or its "a.m."/"pm" marker. Text ending otherwise (most headlines
# and paragraphs) cannot end with a date: no need to tokenize it.
_DATE_ENDINGS = (*"0123456789", "m", "M", "m.", "M.")

_MAX_GAP = 30  # characters a connector between a date and its time may span
_ZONE_GAP = re.compile(r"[\s(\[,|\-–—]*")  # what may separate a time from its zone: "13:20 - (UTC+4)"


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Tok:
    kind: str  # 'date', 'day', 'ago', 'time', 'zone', 'label'
    start: int
    end: int
    dates: tuple[date, ...] = ()  # 'date': 1 option = decided, 2 = day/month undecided
    days: int = 0  # 'day': offset from the fetch date
    delta: timedelta | None = None  # 'ago'
    clock: time | None = None  # 'time'
    zone: _Zone | None = None  # 'zone'
    zone_style: str = ""  # 'zone': the pattern that found it
    label: str = ""  # 'label': 'publication' | 'update'


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric_options(first: int, second: int, year: int, dayfirst: bool | None) -> tuple[date, ...]:
    """Dates a d/m/y-or-m/d/y triple can mean; two options means undecidable."""
    dm = _safe_date(year, second, first)
    md = _safe_date(year, first, second)
    if dm and md and dm != md:
        if dayfirst is None:
            return (dm, md)
        return (dm,) if dayfirst else (md,)
    return tuple(d for d in (dm or md,) if d)


def _token(kind: str, m: re.Match[str], dayfirst: bool | None) -> _Tok | None:
    """Turn one regex match into a token, or None when its fields are impossible."""
    g = m.groupdict()
    s, e = m.span()
    months = _RULES.months
    if kind == "iso_date":
        d = _safe_date(int(g["year"]), int(g["month"]), int(g["day"]))
        return _Tok("date", s, e, dates=(d,)) if d else None
    if kind == "num_date":
        opts = _numeric_options(int(g["first"]), int(g["second"]), int(g["year"]), dayfirst)
        return _Tok("date", s, e, dates=opts) if opts else None
    if kind in ("text_dmy", "text_mdy"):
        month = months.get(word_key(g["month"]))
        d = _safe_date(int(g["year"]), month, int(g["day"])) if month else None
        return _Tok("date", s, e, dates=(d,)) if d else None
    if kind == "rel_day":
        return _Tok("day", s, e, days=_RULES.day_words[word_key(g["word"])])
    if kind == "rel_ago":
        unit_word = word_key(g["unit"])
        if g["n"] is not None:
            n = int(g["n"])
        elif g["one"] is not None or unit_word in _RULES.implicit_one:
            n = 1
        else:
            return None  # "hours ago" with no count ("a few hours ago") is not a stamp
        return _Tok("ago", s, e, delta=n * _UNIT_DELTAS[_RULES.units[unit_word]])
    if kind == "time":
        hour, minute = int(g["hour"]), int(g["minute"])
        second = int(g["second"] or 0)
        if g["ampm"]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if g["ampm"].lower() == "p" else 0)
        if hour > 23 or minute > 59 or second > 59:
            return None
        return _Tok("time", s, e, clock=time(hour, minute, second))
    if kind in ("zone_offset", "zone_bare"):
        hh, mm = int(g["hh"]), int(g["mm"] or 0)
        if hh > 14 or mm > 59:
            return None
        delta = timedelta(hours=hh, minutes=mm)
        if g["sign"] != "+":
            delta = -delta
        return _Tok("zone", s, e, zone=_Zone("offset", offset=delta), zone_style=kind)
    if kind == "zone_z":
        return _Tok("zone", s, e, zone=_Zone("offset", offset=timedelta(0)), zone_style=kind)
    if kind == "zone_abbr":
        return _Tok("zone", s, e, zone=_RULES.abbreviations[g["abbr"]], zone_style=kind)
    if kind == "zone_named":
        return _Tok("zone", s, e, zone=_RULES.named_zones[word_key(g["phrase"])], zone_style=kind)
    if kind == "label":
        return _Tok("label", s, e, label=_RULES.labels[word_key(g["label"])])
    raise AssertionError(kind)  # pragma: no cover


@lru_cache(maxsize=4096)
def _tokenize(text: str, dayfirst: bool | None) -> tuple[_Tok, ...]:
    """Non-overlapping tokens, leftmost first; at one position the earlier pattern wins.

    Cached: a page's top lines are tokenized by several finders (stamp line, title,
    date), and the same template lines recur across a batch.
    """
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    opened: dict[re.Pattern[str], bool] = {}  # gate -> found in text
    for priority, (kind, pattern, gate) in enumerate(_RULES.patterns):
        if gate is not None:
            if gate not in opened:
                opened[gate] = gate.search(text) is not None
            if not opened[gate]:
                continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), priority, -m.end(), kind, m))
    found.sort(key=lambda item: item[:3])
    tokens: list[_Tok] = []
    pos = 0
    for start, _prio, _neg_end, kind, m in found:
        if start < pos:
            continue
        tok = _token(kind, m, dayfirst)
        if tok is not None:
            tokens.append(tok)
            pos = tok.end
    return tuple(tokens)


# --------------------------------------------------------------------------- assembly


def _connected(text: str, left: _Tok, right: _Tok) -> bool:
    """True when only punctuation and connector words separate two tokens."""
    gap = text[left.end : right.start]
    return len(gap) <= _MAX_GAP and _RULES.connector.fullmatch(gap) is not None


def _zone_follows(text: str, clock: _Tok, zone: _Tok) -> bool:
    """True when `zone` is printed right after the time `clock`."""
    gap = text[clock.end : zone.start]
    if zone.zone_style == "zone_z":
        return gap == ""
    if zone.zone_style == "zone_bare":
        return gap in ("", " ")
    return len(gap) <= 5 and _ZONE_GAP.fullmatch(gap) is not None


@dataclass
class _Cand:
    """One date (or relative stamp) on the line with the time and zone attached to it."""

    start: int
    tok: _Tok
    clock: _Tok | None = None
    zone: _Tok | None = None
    label: str = ""


def _candidates(text: str, toks: tuple[_Tok, ...]) -> list[_Cand]:
    cands: dict[int, _Cand] = {}
    claimed: set[int] = set()
    dated = [i for i, t in enumerate(toks) if t.kind in ("date", "day")]
    for i in dated:  # date, time [zone]
        cand = cands[i] = _Cand(toks[i].start, toks[i])
        j = i + 1
        if j < len(toks) and toks[j].kind == "time" and _connected(text, toks[i], toks[j]):
            cand.clock = toks[j]
            claimed.add(j)
            if j + 1 < len(toks) and toks[j + 1].kind == "zone" and _zone_follows(text, toks[j], toks[j + 1]):
                cand.zone = toks[j + 1]
    for i in dated:  # time [zone], date  ("13:20 AZT, 10 March 2024")
        cand = cands[i]
        if cand.clock is not None:
            continue
        j, zone = i - 1, None
        if j >= 0 and toks[j].kind == "zone":
            zone, j = toks[j], j - 1
        if j < 0 or j in claimed or toks[j].kind != "time":
            continue
        if zone is not None and not _zone_follows(text, toks[j], zone):
            continue
        if _connected(text, zone or toks[j], toks[i]):
            cand.clock, cand.zone, cand.start = toks[j], zone, toks[j].start
            claimed.add(j)
    for i, t in enumerate(toks):
        if t.kind == "ago":
            cands[i] = _Cand(t.start, t)
    out = sorted(cands.values(), key=lambda c: c.start)
    labels = iter([t for t in toks if t.kind == "label"])
    label, upcoming = "", next(labels, None)
    for cand in out:  # the nearest label before a stamp says what the stamp is
        while upcoming is not None and upcoming.end <= cand.start:
            label, upcoming = upcoming.label, next(labels, None)
        cand.label = label
    return out


def _zone_tzinfo(zone: _Zone, naive: datetime, outlet_tz: ZoneInfo | None) -> tzinfo | None:
    """The tzinfo a printed zone means for this wall time, or None when it cannot be told."""
    if zone.kind == "offset":
        return timezone(zone.offset) if zone.offset else timezone.utc
    if zone.kind == "history":
        offset = [off for since, off in zone.history if since <= naive.date()][-1]
        return timezone(offset)
    if zone.kind == "iana":
        return ZoneInfo(zone.iana) if _localize(naive, ZoneInfo(zone.iana)) else None
    if zone.kind == "ambiguous" and outlet_tz is not None:
        aware = _localize(naive, outlet_tz)
        if aware is not None and aware.utcoffset() in zone.candidates:
            return timezone(aware.utcoffset())
    return None


def _localize(naive: datetime, tz: tzinfo) -> datetime | None:
    """`naive` in `tz`, or None when that wall time is skipped or repeated there (DST)."""
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        return None
    return first


def _iso_local(dt: datetime) -> str:
    return dt.replace(tzinfo=None, microsecond=0).isoformat(timespec="seconds")


def _absolute(day: date, cand: _Cand, outlet_tz: ZoneInfo | None) -> tuple[int, PublishedDate]:
    """Result and precision rank (3 explicit instant, 2 outlet-zone instant, 1 wall time, 0 date)."""
    if cand.clock is None:
        return 0, PublishedDate(day, None, None, "date_only")
    naive = datetime.combine(day, cand.clock.clock)
    local = _iso_local(naive)
    if cand.zone is not None:
        tz = _zone_tzinfo(cand.zone.zone, naive, outlet_tz)
        if tz is None:  # a zone is printed but cannot be read: do not substitute the outlet's
            return 1, PublishedDate(day, None, local, "date_only")
        return 3, PublishedDate(day, naive.replace(tzinfo=tz), local, "explicit")
    if outlet_tz is not None:
        aware = _localize(naive, outlet_tz)
        if aware is not None:
            return 2, PublishedDate(day, aware, local, "outlet_zone")
    return 1, PublishedDate(day, None, local, "date_only")


def _fetch_frame(fetched_at: datetime, outlet_tz: ZoneInfo | None) -> datetime:
    """fetched_at as wall time of the stamp's frame (the outlet's zone when both are known)."""
    if fetched_at.tzinfo is not None and outlet_tz is not None:
        return fetched_at.astimezone(outlet_tz)
    return fetched_at


def _resolve(
    cand: _Cand, day: date | None, outlet_tz: ZoneInfo | None, fetched_at: datetime | None
) -> tuple[int, PublishedDate] | None:
    """Result for one candidate (with its day already decided for absolute dates)."""
    tok = cand.tok
    if tok.kind == "date":
        return _absolute(day, cand, outlet_tz) if day else None
    if fetched_at is None:
        return None  # relative stamps mean nothing without the fetch time
    frame = _fetch_frame(fetched_at, outlet_tz)
    if tok.kind == "day":
        return _absolute(frame.date() + timedelta(days=tok.days), cand, outlet_tz)
    # 'ago': sub-day units give a time (to the minute), longer ones only a day
    if tok.delta >= timedelta(days=1):
        return 0, PublishedDate(frame.date() - timedelta(days=tok.delta.days), None, None, "date_only")
    then = (frame - tok.delta).replace(second=0, microsecond=0)
    if then.tzinfo is None:
        return 1, PublishedDate(then.date(), None, _iso_local(then), "date_only")
    return 3, PublishedDate(then.date(), then, _iso_local(then), "explicit")


def _plausible(result: PublishedDate, fetched_at: datetime | None) -> bool:
    day = result.date
    if not _RULES.min_year <= day.year <= _RULES.max_year:
        return False
    if fetched_at is not None:
        try:
            latest = fetched_at.date() + _RULES.future_slack
        except OverflowError:
            return True
        return day <= latest
    return True


# --------------------------------------------------------------------------- API


def parse_date_stamp(
    text: str,
    *,
    outlet_zone: str | None = None,
    dayfirst: bool | None = None,
    fetched_at: datetime | None = None,
) -> PublishedDate | None:
    """The publication date printed in `text`, or None when it cannot be decided.

    - outlet_zone: IANA zone the outlet prints wall times in; used only when the stamp
      prints a time but no zone (source 'outlet_zone'). An unknown zone is a ValueError.
    - dayfirst: order of numeric d/m/y dates; with None, a date whose day and month are
      both <= 12 (and differ) is undecidable and dropped, unless another date on the
      same line settles it.
    - fetched_at: resolves relative stamps ("2 hours ago", "вчера, 14:20"). Sub-day
      "ago" stamps give an instant (floored to the minute, source 'explicit') when
      fetched_at is tz-aware, else only a wall time in fetched_at's own frame.

    Of several dates on the line the most precise wins (explicit instant > outlet-zone
    instant > wall time > date; absolute dates before relative ones; then the first).
    Dates labelled "Updated"/"Обновлено" are ignored; a line with only such dates gives
    None, as do dates before 1990, after fetched_at, and text with no date at all.
    """
    outlet_tz: ZoneInfo | None = None
    if outlet_zone is not None:
        try:
            outlet_tz = ZoneInfo(outlet_zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown outlet_zone {outlet_zone!r}") from exc
    if not isinstance(text, str) or not text.strip():
        return None
    text = unicodedata.normalize("NFKC", text)

    cands = [c for c in _candidates(text, _tokenize(text, dayfirst)) if c.label != "update"]
    decided = {c.tok.dates[0] for c in cands if c.tok.kind == "date" and len(c.tok.dates) == 1}

    best: tuple[tuple[int, int, int, int], PublishedDate] | None = None
    for order, cand in enumerate(cands):
        day = None
        if cand.tok.kind == "date":
            options = cand.tok.dates
            if len(options) > 1:  # undecided d/m: settled only by another date on the line
                agreeing = [d for d in options if d in decided]
                options = tuple(agreeing) if len(agreeing) == 1 else ()
            day = options[0] if options else None
        try:
            resolved = _resolve(cand, day, outlet_tz, fetched_at)
        except (OverflowError, ValueError):  # fetched_at at the edge of datetime's range
            resolved = None
        if resolved is None or not _plausible(resolved[1], fetched_at):
            continue
        rank, result = resolved
        key = (int(cand.tok.kind != "ago"), rank, int(cand.label == "publication"), -order)
        if best is None or key > best[0]:
            best = (key, result)
    return best[1] if best else None


def undecided_day_month(text: str) -> bool:
    """True when `text` prints a publication-labelled (or unlabelled) numeric date whose
    day and month cannot be told apart without the outlet's convention ("03.11.2024")."""
    if not isinstance(text, str) or not text.strip():
        return False
    text = unicodedata.normalize("NFKC", text)
    return any(
        c.tok.kind == "date" and len(c.tok.dates) > 1 and c.label != "update"
        for c in _candidates(text, _tokenize(text, None))
    )


def month_words() -> list[str]:
    """Every month name and abbreviation of rules/dates.yaml (all languages)."""
    data = read_rules("dates.yaml")
    return [str(n) for table in data["months"].values() for names in table.values() for n in names]


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation in any configured language ("Nov.", "марта")."""
    return _RULES.months.get(word_key(word.rstrip(".")))


def date_in_year(month: int, day: int, year_evidence: list[int], fetched_at: datetime | None) -> date | None:
    """A year-less date ("Nov. 24") completed from evidence, or None when there is none.

    `year_evidence`: years printed in the page's metadata; used only when they agree.
    Else `fetched_at`: its year, or the year before when the day would lie after the fetch
    (a "Dec. 30" dateline fetched on 2 January is from the previous year).
    """
    years = set(year_evidence)
    if len(years) == 1:
        found = _safe_date(years.pop(), month, day)
        return found if found and _RULES.min_year <= found.year <= _RULES.max_year else None
    if years or fetched_at is None:
        return None
    fetched_day = fetched_at.date()
    found = _safe_date(fetched_day.year, month, day)
    if found is not None and found > fetched_day + _RULES.future_slack:
        found = _safe_date(fetched_day.year - 1, month, day)
    return found


_WORD = re.compile(r"[^\W\d_]+")


def is_stamp_line(text: str, max_chars: int = 80, max_other_words: int = 1) -> bool:
    """True when a short line is a date stamp and nothing else ("yesterday, 18:30",
    "3 hours ago", "Published: 14.03.2024 13:20 | Updated: 15.03.2024 09:00").

    Apart from dates, relative words, times, zones and labels, the line may hold only
    punctuation, connector words and at most `max_other_words` other words.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > max_chars:
        return False
    text = unicodedata.normalize("NFKC", text)
    toks = _tokenize(text, None)
    if not any(t.kind in ("date", "day", "ago") for t in toks):
        return False
    rest, pos = [], 0
    for tok in toks:
        rest.append(text[pos : tok.start])
        pos = tok.end
    rest.append(text[pos:])
    words = [w for piece in rest for w in _WORD.findall(piece)]
    others = [w for w in words if not _RULES.connector.fullmatch(w)]
    return len(others) <= max_other_words


def ends_with_date(text: str) -> bool:
    """True when a line closes with a full date ("Headline 11.02.2024"): a list item's stamp."""
    if not isinstance(text, str):
        return False
    text = unicodedata.normalize("NFKC", text).rstrip(" |·•-–—)")
    if not text.endswith(_DATE_ENDINGS):
        return False
    toks = _tokenize(text, None)
    return bool(toks) and toks[-1].end == len(text) and (
        toks[-1].kind == "date" or (toks[-1].kind == "time" and len(toks) > 1 and toks[-2].kind == "date")
    )
