"""Outlet registry: lookups by name, domain and credit; user files; validation errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsmill.outlets import Outlet, OutletRegistry, load_outlets

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    return load_outlets()


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Azernews", "Azernews", id="canonical name"),
        pytest.param("AzerNews", "Azernews", id="alias with other capitals"),
        pytest.param("azernews.az", "Azernews", id="alias as domain-like spelling"),
        pytest.param("  APA: ", "APA", id="surrounding whitespace and colon ignored"),
        pytest.param("APA.az", "APA", id="alias APA.az"),
        pytest.param("FACT-INFO.AZ »", "FACT-INFO.AZ", id="trailing breadcrumb arrow ignored"),
        pytest.param("Trend News Agency", "Trend", id="long form alias"),
        pytest.param("The Astana Times", "The Astana Times", id="name with The"),
        pytest.param("Astana Times", "The Astana Times", id="leading The is optional"),
        pytest.param("the   astana times", "The Astana Times", id="case and inner spacing ignored"),
        pytest.param("ТАСС", "TASS", id="Cyrillic alias"),
        pytest.param("Azertag", "AZERTAC", id="site spelling of AZERTAC"),
        pytest.param("Report", "Report.az", id="subject of the credit line 'Report informs'"),
        pytest.param("Akorda", None, id="press office is a source, not an outlet"),
        pytest.param("Azernews reports", None, id="by_name is exact, credits are find_credit's job"),
        pytest.param("The", None, id="bare article"),
        pytest.param("", None, id="empty"),
    ],
)
def test_by_name(registry, text, expected):
    got = registry.by_name(text)
    assert (got.name if got else None) == expected


@pytest.mark.parametrize(
    "url, expected",
    [
        pytest.param("https://www.azernews.az/nation/123.html", "Azernews", id="URL with www"),
        pytest.param("azernews.az", "Azernews", id="bare host"),
        pytest.param("https://en.apa.az/foreign-policy/x", "APA", id="language subdomain"),
        pytest.param("m.trend.az:443", "Trend", id="mobile prefix and port"),
        pytest.param("http://user@WWW.TASS.COM/x", "TASS", id="userinfo and upper case"),
        pytest.param("https://fact-info.az/news/1", "FACT-INFO.AZ", id="hyphenated domain"),
        pytest.param("https://astanatimes.com/2023/11/x/", "The Astana Times", id="Astana Times"),
        pytest.param("https://www.aa.com.tr/en/world/x", "Anadolu Agency", id="multi-label TLD"),
        pytest.param("https://notapa.az/", None, id="suffix that is not a subdomain"),
        pytest.param("https://apa.az.evil.com/", None, id="domain as a subdomain of another site"),
        pytest.param("https://akorda.kz/en/x", None, id="press office is not an outlet"),
        pytest.param("http://[::1", None, id="unparsable URL"),
        pytest.param("", None, id="empty"),
    ],
)
def test_by_domain(registry, url, expected):
    got = registry.by_domain(url)
    assert (got.name if got else None) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("... Armenia, Azernews reports.", "Azernews", id="reports credit"),
        pytest.param("© APA | Kassym-Jomart Tokayev", "APA", id="photo credit with ©"),
        pytest.param("FACT-INFO.AZ » News » Kazakhstan", "FACT-INFO.AZ", id="breadcrumb credit"),
        pytest.param("AZERNEWS   REPORTS", "Azernews", id="case and spacing ignored"),
        pytest.param("MOSCOW, March 10. /TASS/. The", "TASS", id="TASS slashes"),
        pytest.param("said (Reuters) -", "Reuters", id="parenthesised wire credit"),
        pytest.param("Akorda press service reported.", None, id="press office credit is not an outlet"),
        pytest.param("MyAzernews reports", None, id="word-bounded: no match inside a word"),
        pytest.param("the trend reports show", None, id="common words are not credits"),
        pytest.param("", None, id="empty"),
    ],
)
def test_find_credit(registry, text, expected):
    got = registry.find_credit(text)
    assert (got.name if got else None) == expected


@pytest.mark.parametrize(
    "seed, expected",
    [
        pytest.param("000_7e6620e4bcfae3a7.txt", "Azernews", id="seed 000: 'Azernews reports'"),
        pytest.param("001_d5003f90643cb49f.txt", None, id="seed 001: only Akorda, a source"),
        pytest.param("003_075a63016b083d76.txt", "FACT-INFO.AZ", id="seed 003: breadcrumb"),
        pytest.param("004_946781bc2ee28188.txt", "APA", id="seed 004: '© APA' photo credit"),
    ],
)
def test_find_credit_on_seeds(registry, seed, expected):
    path = SEEDS / seed
    if not path.exists():
        pytest.skip(f"seed {seed} not present")
    got = registry.find_credit(path.read_text(encoding="utf-8"))
    assert (got.name if got else None) == expected


def test_packaged_entries_are_complete(registry):
    # why: every packaged outlet must be findable by name and by each of its domains
    assert len(registry) >= 15
    for outlet in registry:
        assert isinstance(outlet, Outlet)
        assert registry.by_name(outlet.name) is outlet
        for domain in outlet.domains:
            assert registry.by_domain(domain) is outlet
    assert registry.by_name("Azernews") == Outlet(
        name="Azernews",
        aliases=("AzerNews", "Azernews.az", "Azer News"),
        credits=("Azernews reports", "Azernews.az"),
        domains=("azernews.az",),
        country="AZ",
        timezone="Asia/Baku",
        language="en",
        dayfirst=True,
    )


def test_outlet_is_frozen(registry):
    with pytest.raises(AttributeError):
        registry.by_name("APA").name = "X"  # type: ignore[misc]


def test_load_is_cached():
    assert load_outlets() is load_outlets()


def _write(tmp_path: Path, text: str, name: str = "extra.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extra_file_overrides_and_adds(tmp_path):
    path = _write(
        tmp_path,
        """
outlets:
  - name: apa               # matched case-insensitively: overrides the packaged APA
    language: en
    domains: [apa.az, apa.tv]
  - name: Turan             # a new outlet
    aliases: [Turan Information Agency]
    credits: [Turan reports]
    domains: [turan.az]
    country: AZ
    timezone: Asia/Baku
""",
    )
    reg = load_outlets(path)
    apa = reg.by_name("APA")
    assert apa.language == "en"  # overridden
    assert apa.timezone == "Asia/Baku" and "© APA" in apa.credits  # kept from the package
    assert reg.by_domain("https://apa.tv/x") is apa
    turan = reg.by_domain("turan.az")
    assert turan.name == "Turan" and reg.find_credit("Turan reports that") is turan
    assert turan.language is None and turan.dayfirst is None
    assert load_outlets().by_name("APA").language is None  # the packaged registry is untouched
    assert load_outlets(str(path)) is reg  # cached per file


def test_extra_file_reloaded_when_changed(tmp_path):
    path = _write(tmp_path, "outlets:\n  - name: Azernews\n    dayfirst: false\n")
    assert load_outlets(path).by_name("Azernews").dayfirst is False
    path.write_text("outlets:\n  - name: Azernews\n    dayfirst: null\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # make sure the modification time differs
    assert load_outlets(path).by_name("Azernews").dayfirst is None


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param("outlets: [\n", "not valid YAML", id="YAML syntax error"),
        pytest.param("- name: X\n", "expected a mapping with an 'outlets' list", id="top level is a list"),
        pytest.param("", "expected a mapping with an 'outlets' list", id="empty file"),
        pytest.param("outlets:\n  - just a string\n", "outlet #1: expected a mapping", id="entry not a mapping"),
        pytest.param("outlets:\n  - aliases: [X]\n", "outlet #1: field 'name': missing", id="no name"),
        pytest.param("outlets:\n  - name: X\n    timezone: Asia/Bakuu\n",
                     r"outlet #1 \('X'\): field 'timezone': unknown IANA time zone 'Asia/Bakuu'",
                     id="unknown IANA zone"),
        pytest.param("outlets:\n  - name: X\n    country: NO\n",
                     "field 'country'.*quote it", id="YAML reads NO as false"),
        pytest.param("outlets:\n  - name: X\n    country: aze\n", "field 'country'", id="alpha-3 country"),
        pytest.param("outlets:\n  - name: X\n    language: eng\n", "field 'language'", id="three-letter language"),
        pytest.param("outlets:\n  - name: X\n    dayfirst: yes please\n", "field 'dayfirst'", id="dayfirst not bool"),
        pytest.param("outlets:\n  - name: X\n    aliases: Y\n", "field 'aliases'.*list", id="aliases not a list"),
        pytest.param("outlets:\n  - name: X\n    domains: [https://x.az/]\n",
                     "field 'domains'.*bare host", id="URL instead of host"),
        pytest.param("outlets:\n  - name: X\n    timezones: Asia/Baku\n",
                     "unknown field 'timezones'", id="misspelt field"),
        pytest.param("outlets:\n  - name: X\n  - name: x\n", "outlet #2 \\('x'\\): field 'name': duplicates outlet #1",
                     id="duplicate name in one file"),
        pytest.param("outlets:\n  - name: X\n    domains: [apa.az]\n",
                     "domain 'apa.az' of 'X' is already used by 'APA'", id="domain claimed twice"),
        pytest.param("outlets:\n  - name: X\n    aliases: [Azernews.az]\n",
                     "alias 'Azernews.az' of 'X' is already used by 'Azernews'", id="alias claimed twice"),
    ],
)
def test_malformed_extra_file(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ValueError, match=message):
        load_outlets(path)


def test_error_names_the_file(tmp_path):
    path = _write(tmp_path, "outlets:\n  - name: X\n    timezone: Nowhere/City\n", "mine.yaml")
    with pytest.raises(ValueError) as info:
        load_outlets(path)
    assert "mine.yaml" in str(info.value)


def test_missing_extra_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_outlets(tmp_path / "absent.yaml")
