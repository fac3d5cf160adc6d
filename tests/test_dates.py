"""parse_date_stamp: one row per stamp shape, each with the reason it is there."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.dates import parse_date_stamp
from newsmill.model import PublishedDate

UTC = timezone.utc
FETCHED = datetime(2024, 3, 10, 12, 30, 45, tzinfo=UTC)  # 16:30:45 in Baku, 15:30:45 in Moscow
FETCHED_NAIVE = datetime(2024, 3, 10, 12, 30, 45)


def case(text, expected, reason, **kwargs):
    """expected: None, or (date, instant isoformat or None, local or None, source)."""
    return pytest.param(text, kwargs, expected, id=reason)


CASES = [
    # --- month names of the languages added in the eighth session ----------------------
    case("18. März 2024", ("2024-03-18", None, None, "date_only"), "German, day with a dot"),
    case("12 березня 2024, 10:15", ("2024-03-12", None, "2024-03-12T10:15:00", "date_only"), "Ukrainian genitive"),
    case("5 août 2025", ("2025-08-05", None, None, "date_only"), "French"),
    case("3 de diciembre de 2024", ("2024-12-03", None, None, "date_only"), "Spanish with 'de'"),
    case("12 marca 2024", ("2024-03-12", None, None, "date_only"), "Polish genitive"),
    case("6 iýun 2025", ("2025-06-06", None, None, "date_only"), "Turkmen"),
    case("հուլիսի 6, 2025", ("2025-07-06", None, None, "date_only"), "Armenian genitive, month first"),
    # --- the stamps from the brief and the seeds ------------------------------------
    case("date 2024-03-10 10 March 2024 13:20 (UTC+04:00)",
         ("2024-03-10", "2024-03-10T13:20:00+04:00", "2024-03-10T13:20:00", "explicit"),
         "seed 000: two dates agree, the one with time and zone wins"),
    case("date 2023-11-24",
         ("2023-11-24", None, None, "date_only"),
         "seed 001: ISO date only"),
    case("date 2023-11-24 ASTANA — President Tokayev ... during his Nov. 24 working visit",
         ("2023-11-24", None, None, "date_only"),
         "seed 001 full line: dateline and year-less 'Nov. 24' add nothing"),
    case("25-08-2022, 08:55 | News",
         ("2022-08-25", "2022-08-25T08:55:00+04:00", "2022-08-25T08:55:00", "outlet_zone"),
         "seed 003: time without zone read in the outlet's zone", outlet_zone="Asia/Baku"),
    case("25-08-2022, 08:55 | News",
         ("2022-08-25", None, "2022-08-25T08:55:00", "date_only"),
         "seed 003 without outlet zone: wall time only, no instant"),
    case("# 24 November 2023 15:50 (UTC +04:00)",
         ("2023-11-24", "2023-11-24T15:50:00+04:00", "2023-11-24T15:50:00", "explicit"),
         "seed 004: markdown heading, space inside '(UTC +04:00)'"),
    # --- numeric day/month order ------------------------------------------------------
    case("03.11.2024 | 14:20", None,
         "both parts <= 12 and dayfirst unknown: undecidable, never guess"),
    case("03.11.2024 | 14:20",
         ("2024-11-03", None, "2024-11-03T14:20:00", "date_only"),
         "dayfirst=True reads 3 November", dayfirst=True),
    case("03.11.2024 | 14:20",
         ("2024-03-11", None, "2024-03-11T14:20:00", "date_only"),
         "dayfirst=False reads March 11", dayfirst=False),
    case("12/31/2024",
         ("2024-12-31", None, None, "date_only"),
         "31 cannot be a month: decided even against dayfirst=True", dayfirst=True),
    case("05.05.2024",
         ("2024-05-05", None, None, "date_only"),
         "day equals month: both readings agree, nothing to decide"),
    case("date 2024-03-10 10.03.2024 13:20",
         ("2024-03-10", None, "2024-03-10T13:20:00", "date_only"),
         "undecided d/m settled by an ISO date on the same line"),
    case("2024/03/10",
         ("2024-03-10", None, None, "date_only"),
         "year-first with slashes is y/m/d, never ambiguous"),
    case("31.02.2024", None, "impossible calendar day"),
    # --- textual dates -----------------------------------------------------------------
    case("November 24, 2023", ("2023-11-24", None, None, "date_only"), "US month-day-year"),
    case("Nov. 24, 2023", ("2023-11-24", None, None, "date_only"), "AP abbreviation with dot"),
    case("Sept. 3rd, 2023", ("2023-09-03", None, None, "date_only"), "'Sept.' and ordinal suffix"),
    case("12 марта 2024, 10:15",
         ("2024-03-12", None, "2024-03-12T10:15:00", "date_only"),
         "Russian genitive month"),
    case("12 mart 2024", ("2024-03-12", None, None, "date_only"), "Azerbaijani/Turkish month"),
    case("12 ŞUBAT 2024 10:00 TRT",
         ("2024-02-12", "2024-02-12T10:00:00+03:00", "2024-02-12T10:00:00", "explicit"),
         "Turkish upper-case month with cedilla, TRT zone"),
    case("3 қараша 2023", ("2023-11-03", None, None, "date_only"), "Kazakh month"),
    case("November 24, 2023 8:55 PM",
         ("2023-11-24", None, "2023-11-24T20:55:00", "date_only"),
         "12-hour clock with PM"),
    case("November 24, 2023 12:05 a.m.",
         ("2023-11-24", None, "2023-11-24T00:05:00", "date_only"),
         "12 a.m. is midnight"),
    # --- zones -----------------------------------------------------------------------
    case("2024-03-10T13:20:00+04:00",
         ("2024-03-10", "2024-03-10T13:20:00+04:00", "2024-03-10T13:20:00", "explicit"),
         "ISO 8601 with offset"),
    case("2024-03-10T09:20:00Z",
         ("2024-03-10", "2024-03-10T09:20:00+00:00", "2024-03-10T09:20:00", "explicit"),
         "ISO 8601 Zulu"),
    case("2024-03-10T09:20:00.123Z",
         ("2024-03-10", "2024-03-10T09:20:00+00:00", "2024-03-10T09:20:00", "explicit"),
         "fractional seconds are dropped from the wall time"),
    case("10 March 2024 13:20 GMT+4",
         ("2024-03-10", "2024-03-10T13:20:00+04:00", "2024-03-10T13:20:00", "explicit"),
         "GMT+N short offset"),
    case("24.11.2023 15:50 AZT",
         ("2023-11-24", "2023-11-24T15:50:00+04:00", "2023-11-24T15:50:00", "explicit"),
         "AZT abbreviation"),
    case("10 February 2024 13:20 ALMT",
         ("2024-02-10", "2024-02-10T13:20:00+06:00", "2024-02-10T13:20:00", "explicit"),
         "ALMT before Kazakhstan's 2024-03-01 switch is +06"),
    case("10 March 2024 13:20 ALMT",
         ("2024-03-10", "2024-03-10T13:20:00+05:00", "2024-03-10T13:20:00", "explicit"),
         "ALMT from 2024-03-01 is +05"),
    case("10 March 2013 13:20 MSK",
         ("2013-03-10", "2013-03-10T13:20:00+04:00", "2013-03-10T13:20:00", "explicit"),
         "MSK was +04 between 2011 and 2014"),
    case("Опубликовано: 12 марта 2024 г., 10:15 мск",
         ("2024-03-12", "2024-03-12T10:15:00+03:00", "2024-03-12T10:15:00", "explicit"),
         "Russian label, 'г.' connector, Cyrillic MSK"),
    case("10 July 2024 13:20 CEST",
         ("2024-07-10", "2024-07-10T13:20:00+02:00", "2024-07-10T13:20:00", "explicit"),
         "CEST"),
    case("10 March 2024 13:20 (UTC+04:00)",
         ("2024-03-10", "2024-03-10T13:20:00+04:00", "2024-03-10T13:20:00", "explicit"),
         "printed zone beats the outlet's zone", outlet_zone="Asia/Almaty"),
    case("10 March 2024 13:20 AMT",
         ("2024-03-10", "2024-03-10T13:20:00+04:00", "2024-03-10T13:20:00", "explicit"),
         "ambiguous AMT resolved by an Armenian outlet's zone", outlet_zone="Asia/Yerevan"),
    case("10 March 2024 13:20 AMT",
         ("2024-03-10", None, "2024-03-10T13:20:00", "date_only"),
         "ambiguous AMT with no outlet zone: wall time only"),
    case("10 March 2024, 13:20 Baku time",
         ("2024-03-10", "2024-03-10T13:20:00+04:00", "2024-03-10T13:20:00", "explicit"),
         "zone named by city"),
    case("10 March 2024 - 13:20 - (UTC+4)",
         ("2024-03-10", "2024-03-10T13:20:00+04:00", "2024-03-10T13:20:00", "explicit"),
         "dashes between date, time and zone"),
    case("2024-03-10T13:20",
         ("2024-03-10", "2024-03-10T13:20:00+05:00", "2024-03-10T13:20:00", "outlet_zone"),
         "ISO without offset uses the outlet zone (Almaty is +05 after 2024-03-01)",
         outlet_zone="Asia/Almaty"),
    case("13:20 AZT, 10 March 2024",
         ("2024-03-10", "2024-03-10T13:20:00+04:00", "2024-03-10T13:20:00", "explicit"),
         "time and zone printed before the date"),
    case("31 March 2024 02:30",
         ("2024-03-31", None, "2024-03-31T02:30:00", "date_only"),
         "wall time skipped by the outlet's DST change: no instant", outlet_zone="Europe/Berlin"),
    case("10 March 2024 at 13:20 GET",
         ("2024-03-10", "2024-03-10T13:20:00+04:00", "2024-03-10T13:20:00", "explicit"),
         "'at' connector, Georgia time"),
    # --- several dates, labels ------------------------------------------------------------
    case("date 2024-03-11 10 March 2024 13:20",
         ("2024-03-10", None, "2024-03-10T13:20:00", "date_only"),
         "dates disagree on the day: the one with a time wins"),
    case("Published: 14.03.2024 13:20 | Updated: 15.03.2024 09:00",
         ("2024-03-14", None, "2024-03-14T13:20:00", "date_only"),
         "the updated stamp is skipped, the published one kept"),
    case("Updated: 10 March 2024", None, "only an update stamp: not a publication date"),
    case("Обновлено 12 марта 2024, 10:15", None, "Russian update label"),
    case("Modified 2024-03-10T13:20:00Z", None, "modified label on an ISO stamp"),
    case("Posted 10 March 2024",
         ("2024-03-10", None, None, "date_only"),
         "'Posted' is just a label"),
    # --- relative stamps --------------------------------------------------------------
    case("2 hours ago",
         ("2024-03-10", "2024-03-10T10:30:00+00:00", "2024-03-10T10:30:00", "explicit"),
         "hours ago against an aware fetch time, floored to the minute", fetched_at=FETCHED),
    case("2 hours ago", None, "relative stamp without fetched_at"),
    case("2 hours ago",
         ("2024-03-10", None, "2024-03-10T10:30:00", "date_only"),
         "naive fetch time gives a wall time but no instant", fetched_at=FETCHED_NAIVE),
    case("5 минут назад",
         ("2024-03-10", "2024-03-10T16:25:00+04:00", "2024-03-10T16:25:00", "explicit"),
         "Russian minutes ago, wall time in the outlet's zone",
         fetched_at=FETCHED, outlet_zone="Asia/Baku"),
    case("3 days ago", ("2024-03-07", None, None, "date_only"),
         "days ago gives only a day", fetched_at=FETCHED),
    case("вчера, 14:20",
         ("2024-03-09", "2024-03-09T14:20:00+03:00", "2024-03-09T14:20:00", "outlet_zone"),
         "Russian 'yesterday' with time in the outlet's zone",
         fetched_at=FETCHED, outlet_zone="Europe/Moscow"),
    case("yesterday", ("2024-03-09", None, None, "date_only"),
         "'yesterday' alone is a day", fetched_at=FETCHED),
    case("вчера", None, "'yesterday' without fetched_at"),
    case("a few hours ago", None, "no count: not a stamp", fetched_at=FETCHED),
    case("Updated 2 hours ago", None, "relative update stamp", fetched_at=FETCHED),
    # --- rejected -------------------------------------------------------------------------
    case("10 March 1985", None, "before 1990"),
    case("10 March 2031", None, "after the fetch date", fetched_at=FETCHED),
    case("8:55 PM", None, "time without a date"),
    case("News | Politics", None, "no date at all"),
    case("", None, "empty"),
    case("25:61 10 March 2024",
         ("2024-03-10", None, None, "date_only"),
         "impossible time is ignored, the date stays"),
    case("Tel: +994 12 555 55 55", None, "phone number is not a date"),
]


@pytest.mark.parametrize("text, kwargs, expected", CASES)
def test_parse_date_stamp(text, kwargs, expected):
    got = parse_date_stamp(text, **kwargs)
    if expected is None:
        assert got is None
        return
    day, instant, local, source = expected
    assert got is not None
    assert got.date.isoformat() == day
    assert (got.instant.isoformat() if got.instant else None) == instant
    assert got.local == local
    assert got.source == source


def test_instant_is_aware_and_matches_local():
    # why: the contract says instant only when time *and* zone are known, always tz-aware
    got = parse_date_stamp("25-08-2022, 08:55", outlet_zone="Asia/Baku")
    assert got.instant.tzinfo is not None
    assert got.instant.utcoffset() == timedelta(hours=4)
    assert got.instant.replace(tzinfo=None).isoformat() == got.local


def test_unknown_outlet_zone_is_an_error():
    # why: a bad zone is a caller's bug and must not silently drop precision
    with pytest.raises(ValueError, match="Mars/Olympus"):
        parse_date_stamp("10 March 2024 13:20", outlet_zone="Mars/Olympus")


def test_returns_published_date():
    assert isinstance(parse_date_stamp("date 2023-11-24"), PublishedDate)


aware = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
)
stampish = st.lists(
    st.sampled_from([
        "2024", "-", ".", "/", ":", " ", "10", "03", "13:20", "March", "марта", "AZT",
        "UTC+04:00", "+04", "Z", "T", "ago", "2 hours", "вчера", "Updated", "PM", "ALMT",
    ]) | st.text(max_size=5),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=80) | stampish,
    dayfirst=st.sampled_from([None, True, False]),
    fetched_at=st.none() | aware | st.datetimes(),
    outlet_zone=st.sampled_from([None, "Asia/Baku", "Asia/Almaty", "Europe/Berlin"]),
)
def test_never_raises(text, dayfirst, fetched_at, outlet_zone):
    # why: the stamp comes from scraped pages; any text must give a result or None
    got = parse_date_stamp(text, dayfirst=dayfirst, fetched_at=fetched_at, outlet_zone=outlet_zone)
    if got is not None:
        assert got.date is not None
        assert got.instant is None or got.instant.tzinfo is not None
        assert got.source in {"explicit", "outlet_zone", "date_only"}


# --- _initials: the first-character lookahead before a word alternation -----------------

import re  # noqa: E402

from newsmill.dates import _initials, _words_alternation, month_words  # noqa: E402

INITIAL_WORDS = ["Şubat", "ıslak", "İyun", "mart", "Марта", "yesterday", "bu gün", "Ağustos", "août"]
INITIAL_TEXTS = [
    "ŞUBAT 2024", "şubat", "subat", "ISLAK", "islak", "ıslak", "İYUN", "iyun", "IYUN", "МАРТА", "марта",
    "Yesterday, 18:30", "BU  GÜN", "bugun", "AĞUSTOS", "agustos", "AOÛT", "aout", "12 mart 2024", "x mart",
    "1 2 3", "—mart", "",
]


@pytest.mark.parametrize("text", INITIAL_TEXTS)
def test_initials_leave_a_word_alternations_matches_unchanged(text):
    """Under IGNORECASE, with Turkish dotted and dotless i, case-only and accent-only variants."""
    plain = re.compile(rf"(?<!\w)(?:{_words_alternation(INITIAL_WORDS)})(?!\w)", re.IGNORECASE)
    gated = re.compile(rf"{_initials(INITIAL_WORDS)}(?<!\w)(?:{_words_alternation(INITIAL_WORDS)})(?!\w)", re.IGNORECASE)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_initials_admit_every_month_forms_first_letter_and_rule_out_others():
    words = month_words()
    initial = re.compile(_initials(words), re.IGNORECASE)
    for word in words:
        for form in (word, word.upper(), word.casefold()):
            assert initial.match(form), form
    assert not initial.match("7") and not initial.match(" ") and not initial.match("q")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ŞşSsIıİiUuNnMmAaRrTtYyBbGgÜüОоМмАаРрТт 12", max_size=30))
def test_month_patterns_match_as_without_initials(text):
    words = month_words()
    plain = re.compile(rf"(?<!\w)(?P<m>{_words_alternation(words)})(?!\w)", re.IGNORECASE)
    gated = re.compile(rf"{_initials(words)}(?<!\w)(?P<m>{_words_alternation(words)})(?!\w)", re.IGNORECASE)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)]
