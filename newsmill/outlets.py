"""Registry of news outlets: canonical names, spellings, credit lines, domains, zones.

The packaged list lives in `rules/outlets.yaml`; users extend or correct it with a YAML
file of the same shape passed to `load_outlets(extra_path)`. Entries are validated on
load, so a typo fails loudly with the file, entry and field named.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from newsmill.rule_files import parse_yaml

__all__ = ["Outlet", "OutletRegistry", "load_outlets"]

_FIELDS = ("name", "aliases", "credits", "domains", "country", "timezone", "language", "dayfirst")
_LIST_FIELDS = ("aliases", "credits", "domains")
_DOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")


@dataclass(frozen=True)
class Outlet:
    """One news outlet as the registry knows it."""

    name: str
    aliases: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-2
    timezone: str | None = None  # IANA zone its wall times are printed in
    language: str | None = None  # ISO 639-1; None when it publishes in several
    dayfirst: bool | None = None  # numeric dates day-first?


def name_key(text: str) -> str:
    """Lookup key for outlet names: case-folded, trimmed of punctuation, no leading "The"."""
    text = unicodedata.normalize("NFKC", text)
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    key = " ".join(text[start:end].split()).casefold()
    if key.startswith("the ") and len(key) > 4:
        key = key[4:]
    return key


def _host(url_or_host: str) -> str | None:
    """Bare host of a URL or host name, lower-cased, without www./m. and port."""
    text = url_or_host.strip()
    if not text:
        return None
    if "://" not in text and not text.startswith("//"):
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    while host.startswith(("www.", "m.")):
        host = host.split(".", 1)[1]
    return host or None


class OutletRegistry:
    """Outlets looked up by name, by domain, or by a credit line in the text."""

    def __init__(self, outlets: tuple[Outlet, ...] | list[Outlet]):
        self._outlets = tuple(outlets)
        self._names: dict[str, Outlet] = {}
        self._domains: dict[str, Outlet] = {}
        self._credits: dict[str, Outlet] = {}
        for outlet in self._outlets:
            for spelling in (outlet.name, *outlet.aliases):
                _claim(self._names, name_key(spelling), outlet, f"name or alias {spelling!r}")
            for domain in outlet.domains:
                _claim(self._domains, domain, outlet, f"domain {domain!r}")
            for credit in outlet.credits:
                _claim(self._credits, _credit_key(credit), outlet, f"credit {credit!r}")
        forms = sorted(self._credits, key=lambda c: (-len(c), c))
        body = "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
        self._credit_re = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE) if forms else None

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self._outlets)

    def __len__(self) -> int:
        return len(self._outlets)

    def by_name(self, text: str) -> Outlet | None:
        """Outlet whose name or alias equals `text` (case, punctuation and "The" ignored)."""
        return self._names.get(name_key(text)) if text else None

    def by_domain(self, url_or_host: str) -> Outlet | None:
        """Outlet publishing on this URL's or host's domain (subdomains included)."""
        host = _host(url_or_host) if url_or_host else None
        if host is None:
            return None
        labels = host.split(".")
        for i in range(len(labels) - 1):  # longest suffix first: en.apa.az, then apa.az
            outlet = self._domains.get(".".join(labels[i:]))
            if outlet is not None:
                return outlet
        return None

    def find_credit(self, text: str) -> Outlet | None:
        """Outlet whose credit form occurs first in `text` (case-insensitive, word-bounded)."""
        if not text or self._credit_re is None:
            return None
        m = self._credit_re.search(unicodedata.normalize("NFKC", text))
        return self._credits[_credit_key(m.group())] if m else None


def _credit_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _claim(index: dict[str, Outlet], key: str, outlet: Outlet, what: str) -> None:
    other = index.get(key)
    if other is not None and other.name != outlet.name:
        raise ValueError(f"outlets: {what} of {outlet.name!r} is already used by {other.name!r}")
    index[key] = outlet


# --------------------------------------------------------------------------- loading


def _check_field(field: str, value: Any, where: str) -> Any:
    """Validated, normalised value of one entry field; ValueError naming entry and field."""

    def fail(problem: str) -> ValueError:
        return ValueError(f"{where}: field '{field}': {problem}")

    if field == "name":
        if not isinstance(value, str) or not name_key(value):
            raise fail(f"must be a non-empty string, got {value!r}")
        return value.strip()
    if field in _LIST_FIELDS:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"must be a list of non-empty strings, got {value!r}")
        items = [v.strip() for v in value]
        if field == "domains":
            items = [v.lower() for v in items]
            bad = [v for v in items if not _DOMAIN.fullmatch(v)]
            if bad:
                raise fail(f"{bad[0]!r} is not a bare host name (like 'apa.az')")
        return tuple(dict.fromkeys(items))
    if value is None:
        return None
    if field == "country":
        if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}", value):
            hint = " (quote it: YAML reads NO as false)" if isinstance(value, bool) else ""
            raise fail(f"must be an ISO 3166-1 alpha-2 code like 'AZ', got {value!r}{hint}")
        return value
    if field == "language":
        if not isinstance(value, str) or not re.fullmatch(r"[a-z]{2}", value):
            hint = " (quote it: YAML reads no as false)" if isinstance(value, bool) else ""
            raise fail(f"must be an ISO 639-1 code like 'en', got {value!r}{hint}")
        return value
    if field == "timezone":
        try:
            if not isinstance(value, str):
                raise ValueError
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise fail(f"unknown IANA time zone {value!r}") from None
        return value
    if field == "dayfirst":
        if not isinstance(value, bool):
            raise fail(f"must be true, false or null, got {value!r}")
        return value
    raise AssertionError(field)  # pragma: no cover


def _read_entries(text: str, source: str) -> list[dict[str, Any]]:
    """Validated field dicts (only the fields each entry gives) from one YAML document."""
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
        raise ValueError(f"{source}: expected a mapping with an 'outlets' list")
    entries: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(data["outlets"], start=1):
        where = f"{source}: outlet #{number}"
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: expected a mapping of fields, got {raw!r}")
        if isinstance(raw.get("name"), str):
            where = f"{source}: outlet #{number} ({raw['name']!r})"
        unknown = sorted(map(str, set(raw) - set(_FIELDS)))
        if unknown:
            raise ValueError(f"{where}: unknown field '{unknown[0]}' (known: {', '.join(_FIELDS)})")
        if "name" not in raw:
            raise ValueError(f"{where}: field 'name': missing")
        entry = {field: _check_field(field, value, where) for field, value in raw.items()}
        key = name_key(entry["name"])
        if key in seen:
            raise ValueError(f"{where}: field 'name': duplicates outlet #{seen[key]}")
        seen[key] = number
        entries.append(entry)
    return entries


@lru_cache(maxsize=16)
def _build(extra: str | None, _stamp: tuple[int, int] | None) -> OutletRegistry:
    packaged = resources.files("newsmill") / "rules" / "outlets.yaml"
    merged: dict[str, dict[str, Any]] = {}
    for entry in _read_entries(packaged.read_text(encoding="utf-8"), "rules/outlets.yaml"):
        merged[name_key(entry["name"])] = entry
    if extra is not None:
        for entry in _read_entries(Path(extra).read_text(encoding="utf-8"), extra):
            key = name_key(entry["name"])
            merged[key] = {**merged.get(key, {}), **entry}  # override only the fields given
    outlets = []
    for entry in merged.values():
        fields = {f: entry.get(f, () if f in _LIST_FIELDS else None) for f in _FIELDS}
        outlets.append(Outlet(**fields))
    return OutletRegistry(outlets)


def load_outlets(extra_path: str | os.PathLike[str] | None = None) -> OutletRegistry:
    """The packaged outlets plus, optionally, a user YAML adding or overriding entries.

    A user entry whose name (case-insensitively) matches a packaged one replaces only
    the fields it gives; other entries are added. Results are cached per file and its
    modification time, so an edited file is re-read. Raises ValueError for invalid
    entries and FileNotFoundError for a missing extra file.
    """
    if extra_path is None:
        return _build(None, None)
    path = Path(extra_path).resolve()
    st = path.stat()
    return _build(str(path), (st.st_mtime_ns, st.st_size))
