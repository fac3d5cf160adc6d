"""Entities and their mentions in an article's body paragraphs.

Two sources of candidates, combined per document:
- the gazetteer (newsmill/gazetteer.py): one Aho-Corasick pass finds every known surface
  (countries with demonyms, large cities, organisations, regions, known persons);
- person discovery: capitalised name sequences that follow a title ("Prime Minister Nikol
  Pashinyan", "writer Kemel Tokayev"), stand next to a speech cue ("..., Jane Doe said"),
  open a transcript line ("President Ilham Aliyev: ...") or end in the surname of a person
  already known.

Person names resolve within the PERSON type: an exact alias, else a person whose surname
and given names are both close (rapidfuzz), so "Kassym-Gomert Tokayev" is Kassym-Jomart
Tokayev but "Kemel Tokayev" (different given name) is a new PERSON. A bare surname is the
nearest person of that surname already named on the page. Only paragraphs are searched for
mentions (boilerplate spans are never paragraphs); the title is read for referents only.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Callable, NamedTuple

from rapidfuzz import fuzz, process

from newsmill.gazetteer import (
    NAME_TOKEN, TYPE_PRIORITY, Entity, Gazetteer, load_gazetteer, make_entity_id, split_name, title_pattern,
)
from newsmill.model import Paragraph
from newsmill.text import is_word_char


class Mention(NamedTuple):  # a tuple: dozens per document, built fast
    entity_id: str
    surface: str
    start: int
    end: int
    para_no: int | None  # None: a reference in the title (a referent, not a mention)


class _Shape(NamedTuple):
    """What a capitalised sequence's own text says about each of its words (see _shape)."""

    starts: tuple[int, ...]            # where the words start and end, relative to the sequence start
    ends: tuple[int, ...]
    suffixes: tuple[str, ...]          # the sequence from each word on (a name ending the sequence)
    title_word: tuple[bool, ...]       # may start a title ("Prime" of "Prime Minister"): try the title regex
    skip: tuple[bool, ...]             # never opens a name: function word, one-word title, acronym, role noun
    particle: tuple[bool, ...]         # "von", "bin": inside a name, not one of its tokens
    not_inner: tuple[bool, ...]        # cannot stand inside a name: a listed non-name or all capitals
    ing_first: bool                    # the first word ends in "ing" ("Thanking Ilham Aliyev")
    inner_title: bool                  # a word before the last may start a title (any of title_word[:-1])
    any_particle: bool                 # any of particle
    not_inner_after: tuple[bool, ...]  # any of not_inner after each word


class PersonRef:
    """A person named at `start` (body or title), with the roles this page gives them.

    Finding the roles (a title or a role noun written before the name) takes a regex search
    or two, and only a quotation attributed to a role ("the minister said") ever asks for
    them, so they are worked out on first use: `found` is either the roles already known or
    a function that finds them. `roles` adds the entity's curated roles.
    """

    __slots__ = ("start", "end", "entity", "_found", "_roles")

    def __init__(self, start: int, end: int, entity: Entity,
                 found: frozenset[str] | Callable[[], frozenset[str]]):
        self.start, self.end, self.entity = start, end, entity
        self._found = found
        self._roles: frozenset[str] | None = None

    @property
    def roles(self) -> frozenset[str]:
        if self._roles is None:
            found = self._found() if callable(self._found) else self._found
            self._roles = found | self.entity.roles
        return self._roles

    def __repr__(self) -> str:
        return f"PersonRef({self.start}, {self.end}, {self.entity.name!r})"


@dataclass
class DocEntities:
    mentions: list[Mention]
    persons: list[PersonRef]            # every person reference, title included, by position
    # for person_at: the references' starts, and the length of the longest
    _starts: list[int] = field(init=False, repr=False, compare=False)
    _longest: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts = [ref.start for ref in self.persons]
        self._longest = max((ref.end - ref.start for ref in self.persons), default=0)

    def person_at(self, start: int, end: int) -> PersonRef | None:
        """The person reference overlapping [start, end), if any (the first, by position).

        No reference is longer than the longest, so none starting that far or further before
        `start` reaches it: the scan starts after those (found by bisection on the starts).
        """
        persons = self.persons
        for k in range(bisect_left(self._starts, start - self._longest + 1), len(persons)):
            ref = persons[k]
            if ref.start >= end:
                break
            if start < ref.end:
                return ref
        return None


@dataclass
class _Compiled:
    seq: re.Pattern
    titles: re.Pattern
    title_tail: re.Pattern
    role_noun: re.Pattern
    cue_after: re.Pattern
    cue_before: re.Pattern
    org_connector: re.Pattern       # " of X", " for the X" inside an organisation's name
    cue_word: re.Pattern            # a first word of a cue verb, or "according", as a whole word
    role_word: re.Pattern           # a role noun as a whole word (searched in lower-cased text)
    org_tail: re.Pattern
    title_words: frozenset[str]     # first words of titles, lower-case: cheap test before the regex
    title_word: re.Pattern          # any of title_words as a whole word (searched in lower-cased text)
    single_titles: frozenset[str]   # one-word titles, lower-case


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    from newsmill.quotes import load_cues

    gaz = load_gazetteer()
    s = gaz.settings
    cues = load_cues()
    particles = "|".join(sorted(map(re.escape, s.particles), key=len, reverse=True))
    token = _scan_token()
    seq = re.compile(rf"{token}(?:(?:[ \t]+(?:(?:{particles})[ \t]+)*){token})*")
    verbs = "|".join(sorted(map(re.escape, cues.verbs), key=len, reverse=True))
    adverbs = "|".join(map(re.escape, cues.adverbs))
    title_words = frozenset(re.match(r"\w+", t).group().lower() for t in s.titles)
    return _Compiled(
        seq=seq,
        titles=title_pattern(s),
        # what may stand between a title and the name: "of the Republic of Kazakhstan, "
        title_tail=re.compile(r"(?:\s+|,|\bof\b|\bthe\b|'s|’s|[A-Z][\w'’-]*)*"),
        # "writer Kemel Tokayev", "the head of the agency, Jane Doe"
        role_noun=re.compile(r"\b(" + "|".join(map(re.escape, sorted(s.role_nouns)))
                             + r")\b(?:\s+of\s+[^,.;:\"“”]{1,60}?)?,?\s+$", re.IGNORECASE),
        cue_after=re.compile(rf"\s*(?:,[^,.;:\"“”]{{1,60}},\s*)?(?:(?:{adverbs})\s+)?(?:{verbs})\b"),
        cue_before=re.compile(rf"{_first_letter([*cues.verbs, 'according'])}\b(?:{verbs}|according to)\s+$"),
        org_connector=re.compile(r" (?:of|for|on)(?: the)? (\S+)"),
        cue_word=_word_pattern({v.split()[0] for v in cues.verbs} | {"according"}),
        role_word=_word_pattern(s.role_nouns),
        org_tail=re.compile(rf"(?:[ \t]+(?:of|for|on)(?:[ \t]+the)?[ \t]+{NAME_TOKEN}(?:[ \t]+{NAME_TOKEN})*)*"),
        title_words=title_words,
        title_word=re.compile(rf"{_first_letter(title_words)}\b(?:{_alt(title_words)})\b"),
        single_titles=frozenset(t.lower() for t in s.titles if " " not in t),
    )


def _scan_token() -> str:
    """NAME_TOKEN as the sequence regex (run over every body character) uses it, matching the
    same text for less work: a word's ASCII letters are taken with a bitmap test before the
    Unicode class (a category lookup per character) takes the rest, and letter runs are
    possessive. Nothing in that regex can fail after a token (the sequence may always end
    there), so it never backtracks into one and its matches are unchanged."""
    letters = r"[^\W\d_]"
    token = NAME_TOKEN.replace(letters + "*", rf"[A-Za-z]*+{letters}*+").replace(letters + "+", letters + "++")
    assert token.count("*+") == 4 and token.count("++") == 1, "NAME_TOKEN changed: review _scan_token"
    return token


def _first_letter(words) -> str:
    """A lookahead for the first letters of `words`: lets the regex engine skip, in C, every
    position none of them can start at (an alternation behind \\b is otherwise tried at each)."""
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])"


def _word_pattern(words) -> re.Pattern:
    """Any of `words` standing as a whole \\w+ word (a word holding other characters is never
    one of _WORDS' tokens, so it is left out): a window is tested for one without listing all
    its words (findall) and intersecting."""
    words = [w for w in words if re.fullmatch(r"\w+", w)]
    return re.compile(rf"{_first_letter(words)}\b(?:{_alt(words)})\b")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Bound of the per-extractor caches keyed by names (cleared when full): far above the distinct
# names of a batch, so only a pathological input ever clears one.
_CACHE_MAX = 50_000
_WORDS = re.compile(r"\w+")
_NAME_WORD = re.compile(NAME_TOKEN)
_NONSPACE = re.compile(r"\S+")
_UNSEEN = object()  # a cache's "not looked at yet", where None is a cached answer


def _name_word_before(text: str, start: int, gap: int) -> int | None:
    """Where the word ending at `gap` starts (after the last whitespace in text[start:gap],
    else at `start`) if it is a name word (NAME_TOKEN), else None.

    Words are mostly separated by plain spaces: the word is first taken to start after the
    last space (str.rfind). A name word holds no whitespace at all, so a match there is the
    answer, and a non-match where no whitespace (\\S+) stands in between is the answer too;
    only a tab or other whitespace inside takes the walk back, one character at a time.
    """
    w = max(text.rfind(" ", start, gap) + 1, start)
    if _NAME_WORD.fullmatch(text, w, gap):
        return w
    if w == gap or _NONSPACE.fullmatch(text, w, gap):
        return None
    w = gap
    while w > start and not text[w - 1].isspace():
        w -= 1
    return w if _NAME_WORD.fullmatch(text, w, gap) else None


def _sentence_start(text: str, pos: int, region_start: int) -> bool:
    before = text[region_start:pos].rstrip()
    return not before or before[-1] in ".!?:;\"“”«»-—–"


class EntityExtractor:
    """Finds entities in documents; keeps the persons met so far (per run) for resolution."""

    def __init__(self, known_persons: list[Entity] | None = None):
        self.gaz: Gazetteer = load_gazetteer()
        self.settings = self.gaz.settings
        self.rx = _compiled()
        self._rank = {i: TYPE_PRIORITY[entity.type] for i, entity in self.gaz.entities.items()}  # id → type priority
        self.entities: dict[str, Entity] = {}          # every entity referenced in this run
        self.surfaces: defaultdict[str, set[str]] = defaultdict(set)  # entity_id → surfaces seen
        self._alias: dict[str, str] = {}               # person surface → entity_id
        self._by_surname: dict[str, list[str]] = {}    # surname → person entity_ids
        self._given: dict[str, str] = {}
        # per surname, in the order of _by_surname's ids: the given names, and where each
        # first given name stands (the "leading part" rule of known_person)
        self._givens_of: dict[str, list[str]] = {}
        self._first_given: dict[str, dict[str, list[int]]] = {}
        # Fuzzy matching is the costly part of resolving a name, and a batch names the same
        # people again and again. `_surnames` lists the surnames in registration order (new
        # ones are only ever appended), `_close` remembers for a surname as written which
        # known surnames are close to it and how many of `_surnames` were checked (so a later
        # registration extends the entry instead of invalidating it), and `_verdicts`
        # remembers known_person's answer for a name until the next registration.
        self._surnames: list[str] = []
        self._close: dict[str, tuple[int, list[str]]] = {}
        self._verdicts: dict[str, tuple[int, str | None]] = {}
        self._registrations = 0
        # the words around an organisation head → (start, end, entity) of the name, or None
        self._org_names: dict[str, tuple[int, int, Entity] | None] = {}
        self._shapes: dict[str, _Shape] = {}           # capitalised sequence → its words' facts
        self._may_be_surname: dict[str, bool] = {}     # one capitalised word → _single_word_ok
        self._surnames_of: dict[str, str] = {}         # full name → surname (split_name)
        for entity in self.gaz.entities.values():
            if entity.type == "PERSON":
                self._register(entity)
        for entity in known_persons or []:
            if entity.entity_id not in self.gaz.entities:
                self._register(entity)

    # ---- persons -------------------------------------------------------------------------
    def _register(self, person: Entity) -> None:
        self.entities.setdefault(person.entity_id, person)
        given, surname = split_name(person.name, self.settings.particles)
        self._given[person.entity_id] = given
        if surname not in self._by_surname:
            self._surnames.append(surname)
        ids = self._by_surname.setdefault(surname, [])
        if given:
            self._first_given.setdefault(surname, {}).setdefault(given.split()[0], []).append(len(ids))
        ids.append(person.entity_id)
        self._givens_of.setdefault(surname, []).append(given)
        self._registrations += 1
        for surface in (person.name, *person.aliases):
            if len(surface.split()) > 1:  # bare surnames resolve through the page, not globally
                self._alias.setdefault(surface, person.entity_id)

    def resolve_person(self, name: str) -> Entity:
        """The person a full name (two tokens or more) refers to; new if nobody close is known."""
        known = self.known_person(name)
        if known is None:
            person = Entity(make_entity_id("PERSON", name), name, "PERSON")
            self._register(person)
            return person
        self._alias[name] = known.entity_id
        return known

    def known_person(self, name: str) -> Entity | None:
        """A known person whose surname and given names are both close to `name`, if any."""
        if name in self._alias:
            return self.entities[self._alias[name]]
        verdict = self._verdicts.get(name)
        if verdict is not None and verdict[0] == self._registrations:
            return self.entities[verdict[1]] if verdict[1] else None
        given, surname = split_name(name, self.settings.particles)
        best = self._best_given(given, self._close_surnames(surname)) if given else None
        if len(self._verdicts) >= _CACHE_MAX:
            self._verdicts.clear()
        self._verdicts[name] = (self._registrations, best)
        return self.entities[best] if best else None

    def _best_given(self, given: str, surnames: list[str]) -> str | None:
        """The person of one of `surnames` whose given names score highest against `given`.

        A score is rapidfuzz's ratio, or given_min for a given name that starts like the known
        one ("Recep Erdogan" for "Recep Tayyip Erdoğan"); it must reach given_min. Ties go to
        the first registered. The ratios of one surname's persons come from one call into
        rapidfuzz (process.extract) rather than one Python-level call per person.
        """
        minimum, first = self.settings.given_min, given.split()[0]
        best, best_score = None, 0.0
        for surname in surnames:
            givens = self._givens_of[surname]
            scores = {k: score for _, score, k in process.extract(given, givens, scorer=fuzz.ratio, limit=None,
                                                                  score_cutoff=minimum) if givens[k]}
            for k in self._first_given.get(surname, {}).get(first, ()):
                scores.setdefault(k, minimum)  # a leading part: scored as just close enough
            for k in sorted(scores):
                if scores[k] > best_score:
                    best, best_score = self._by_surname[surname][k], scores[k]
        return best

    def _close_surnames(self, surname: str) -> list[str]:
        """Known surnames (in registration order) with the same initial and a ratio of at least surname_min."""
        checked, close = self._close.get(surname, (0, []))
        if checked < len(self._surnames):
            minimum = self.settings.surname_min
            close = close + [known for known in self._surnames[checked:]
                             if known[:1] == surname[:1] and fuzz.ratio(known, surname) >= minimum]
            if len(self._close) >= _CACHE_MAX:
                self._close.clear()
            self._close[surname] = (len(self._surnames), close)
        return close

    # ---- documents -----------------------------------------------------------------------
    def extract(self, page_text: str, paragraphs: list[Paragraph],
                context: list[tuple[int, int]] = ()) -> DocEntities:
        """Mentions in `paragraphs`; person references in paragraphs and `context` (the title)."""
        regions = [(start, end, None) for start, end in context] + [(p.start, p.end, p.para_no) for p in paragraphs]
        regions.sort()
        gaz_hits, heads = self._gazetteer_hits(page_text, regions)   # (start, end, entity_id, para_no)
        rank, person_rank = self._rank, TYPE_PRIORITY["PERSON"]
        # where a known place or organisation starts → where it ends: of the longest hit
        # starting there (the automaton reports them by end), and only if that is no person
        hit_at = {s: (e, i) for s, e, i, _ in gaz_hits}
        other_at = {s: e for s, (e, i) in hit_at.items() if rank[i] != person_rank}

        orgs = self._orgs(page_text, regions, heads)
        # (start, end, entity, roles or a function finding them, para_no)
        persons: list[tuple[int, int, Entity, frozenset[str] | Callable[[], frozenset[str]], int | None]] = []
        singles: list[tuple[int, int, str, frozenset[str], int | None, bool]] = []
        self._pending: dict[str, tuple] = {}   # full names seen without evidence, by surname
        entities, may_be_surname, candidate = self.gaz.entities, self._may_be_surname, self._candidate
        for start, end, para_no in regions:
            for m in self.rx.seq.finditer(page_text, start, end):
                word = m.group()
                if " " in word or "\t" in word:
                    candidate(page_text, m, start, para_no, other_at, persons, singles)
                    continue
                # one capitalised word (most sequences): kept only if it may be a surname
                ok = may_be_surname.get(word)
                if ok is None:
                    ok = self._single_word_ok(word)
                if not ok:
                    continue
                s = m.start()
                if s in other_at:
                    continue
                singles.append((s, m.end(), word, None, para_no, start))  # roles, cue: when needed
        for s, e, word, _, _, region_start in singles if self._pending else ():
            # "Jane Doe won ... 'Quote,' Doe said": the cue makes the earlier full name a person
            pending = self._pending.get(word)
            if pending and (self.rx.cue_after.match(page_text, e)
                            or self._cue_before(page_text, region_start, s)):
                del self._pending[word]
                ps, pe, name, proles, ppara = pending
                persons.append((ps, pe, self.resolve_person(name), proles, ppara))
        # gazetteer persons not already covered by a discovered full name
        gaz_persons = [hit for hit in gaz_hits if rank[hit[2]] == person_rank]
        single_starts = {x[0] for x in singles} if gaz_persons else ()
        for s, e, entity_id, para_no in gaz_persons:
            if any(p[0] < e and s < p[1] for p in persons):
                continue
            if len(page_text[s:e].split()) > 1:
                persons.append((s, e, self.entities[entity_id], partial(self._roles_at, page_text, s), para_no))
            elif s not in single_starts:
                singles.append((s, e, page_text[s:e], None, para_no, s))
        persons.sort(key=lambda p: p[0])
        persons += self._resolve_singles(page_text, persons, singles)
        persons.sort(key=lambda p: p[0])

        # by start, longer first, then by type priority; the running number keeps the sort
        # stable (ties stay in list order) without a key function
        org_rank = TYPE_PRIORITY["ORG"]
        spans = [(s, s - e, person_rank, n, e, ent.entity_id, para) for n, (s, e, ent, _, para) in enumerate(persons)]
        n = len(spans)
        spans += [(s, s - e, org_rank, n + k, e, i, para) for k, (s, e, i, para) in enumerate(orgs)]
        n = len(spans)
        spans += [(s, s - e, rank[i], n + k, e, i, para) for k, (s, e, i, para) in enumerate(gaz_hits)
                  if rank[i] != person_rank]
        spans.sort()
        mentions, last_end, known, surfaces = [], -1, self.entities, self.surfaces
        new_mention = partial(tuple.__new__, Mention)  # a C call: no Python-level __new__ per mention
        for s, _, _, _, e, entity_id, para_no in spans:
            if s < last_end:
                continue  # overlaps a longer (or higher-priority) match
            last_end = e
            if para_no is None:
                continue  # the title: a referent, never a mention
            surface = page_text[s:e]
            if entity_id not in known:
                known[entity_id] = entities[entity_id]
            surfaces[entity_id].add(surface)
            mentions.append(new_mention((entity_id, surface, s, e, para_no)))
        # every person's entity is in self.entities already: known ones came from there, and
        # resolve_person registers the new ones
        return DocEntities(mentions, [PersonRef(s, e, entity, roles) for s, e, entity, roles, _ in persons])

    def _gazetteer_hits(self, text: str, regions) -> tuple[list[tuple[int, int, str, int | None]],
                                                           list[tuple[int, int]]]:
        """One automaton pass over the span the regions cover: the gazetteer's surfaces standing
        as whole words inside a region (start, end, entity_id, para_no), and the organisation
        head nouns that start a word (start, end; for _orgs)."""
        if not regions:
            return [], []
        patterns, head_ids, n = self.gaz.patterns, self.gaz.heads, len(text)
        starts = [r[0] for r in regions]
        hits, heads = [], []
        for k, s, e in self.gaz.scan(text, regions[0][0], max(r[1] for r in regions)):
            # the whole-word test of Gazetteer.find, inline: this loop runs for every match
            inside = s and (text[s - 1].isalnum() or text[s - 1] == "_")
            if k in head_ids and not inside:
                heads.append((s, e))
            entity_id = patterns[k][1]
            if entity_id is None or inside or (e < n and (text[e].isalnum() or text[e] == "_")):
                continue
            r = bisect_right(starts, s) - 1
            if r >= 0 and e <= regions[r][1]:
                hits.append((s, e, entity_id, regions[r][2]))
        return hits, heads

    def _entity(self, entity_id: str) -> Entity:
        return self.entities.get(entity_id) or self.gaz.entities[entity_id]

    def _single_word_ok(self, word: str) -> bool:
        """Whether one capitalised word may be a surname by its own text (remembered per word)."""
        ok = not (word in self.settings.not_names or word.isupper() or word.lower() in self.rx.single_titles)
        if len(self._may_be_surname) >= _CACHE_MAX:
            self._may_be_surname.clear()
        self._may_be_surname[word] = ok
        return ok

    def _shape(self, seq: str) -> _Shape:
        """The string-only facts about a capitalised sequence, computed once per distinct sequence."""
        shape = self._shapes.get(seq)
        if shape is None:
            settings, title_words, single_titles = self.settings, self.rx.title_words, self.rx.single_titles
            starts, ends, title_word, skip, particle, not_inner = [], [], [], [], [], []
            for t in _NONSPACE.finditer(seq):
                w = t.group()
                low = w.lower()
                listed, upper = w in settings.not_names, w.isupper()
                starts.append(t.start())
                ends.append(t.end())
                title_word.append(w.split("-")[0].rstrip(".,").lower() in title_words)
                skip.append(listed or low in single_titles or upper and len(w) > 1 or low in settings.role_nouns)
                particle.append(w in settings.particles)
                not_inner.append(listed or upper)
            shape = _Shape(tuple(starts), tuple(ends), tuple(seq[a:] for a in starts), tuple(title_word),
                           tuple(skip), tuple(particle), tuple(not_inner), seq[:ends[0]].endswith("ing"),
                           any(title_word[:-1]), any(particle),
                           tuple(any(not_inner[k + 1:]) for k in range(len(starts))))
            if len(self._shapes) >= _CACHE_MAX:
                self._shapes.clear()
            self._shapes[seq] = shape
        return shape

    def _candidate(self, text, m, region_start, para_no, other_at, persons, singles) -> None:
        """Decide whether a capitalised sequence of two words or more is (or ends in) a person's name.

        The per-word tests that depend only on the sequence's own text come from _shape (a
        cache: names recur through a batch); what depends on the page around the sequence
        (gazetteer hits, a title running on, the sentence start, the words before and after)
        is looked at here, and only where the cached flags say it can matter.
        """
        settings, titles = self.settings, self.rx.titles
        seq = m.group()
        shape = self._shapes.get(seq) or self._shape(seq)
        base = m.start()
        starts, ends = shape.starts, shape.ends  # relative to base
        n = len(starts)
        i = 0
        for k in range(n - 1) if shape.inner_title else ():  # a title inside the sequence: the name follows it
            if shape.title_word[k]:
                title = titles.match(text, base + starts[k])
                if title and title.end() >= base + ends[k] and title.end() < base + starts[-1]:
                    after = title.end() - base
                    i = next(j for j in range(n) if starts[j] >= after)
        if i == 0 and shape.ing_first and n > 1 and _sentence_start(text, base, region_start):
            i = 1  # "Thanking Ilham Aliyev ...": a participle opening the sentence
        while i < n:   # drop leading titles, function words, countries, organisations
            s = base + starts[i]
            other_end = other_at.get(s)  # a known place or organisation starts here
            if other_end is not None:
                after = other_end - base
                while i < n and starts[i] < after:
                    i += 1
                continue
            if shape.skip[i]:
                i += 1
                continue
            # multi-word titles ("Prime Minister", "Foreign Minister")
            title = titles.match(text, s) if shape.title_word[i] else None
            if title and title.end() > base + ends[i]:
                after = title.end() - base
                while i < n and starts[i] < after:
                    i += 1
                continue
            break
        # indices of the name's tokens (a range when the sequence holds no particle)
        kept = [k for k in range(i, n) if not shape.particle[k]] if shape.any_particle else range(i, n)
        if not kept:
            return
        s, e = base + starts[i], base + ends[-1]
        if len(kept) == 1:
            singles.append((s, e, shape.suffixes[i], None, para_no, region_start))
            return
        if len(kept) > settings.max_name_tokens:
            return
        title_start = s  # a title is looked for before the whole sequence, as written
        first = i        # the name: the sequence from this word on
        for k in range(len(kept) - 1):  # "... Ilham Aliyev": a known full name at the end
            if shape.suffixes[kept[k]] in self._alias:
                first = kept[k]
                kept = kept[k:]
                break
        if (any(shape.not_inner[k] for k in kept[1:]) if shape.any_particle
                else shape.not_inner_after[kept[0]]):
            return
        s = base + starts[first]
        name = shape.suffixes[first]
        surname = self._surnames_of.get(name) or self._surname(name)
        # Evidence that the name is a person's, the cheap tests first (they are pure: the
        # order changes the cost, not the answer). The roles are looked for here only when
        # they are needed as evidence; otherwise PersonRef finds them if ever asked.
        roles = None
        evidence = name in self._alias or surname in self._by_surname
        if not evidence:
            roles = self._roles_at(text, title_start, region_start, s)
            evidence = (
                roles
                or self.rx.cue_after.match(text, e)
                or self._cue_before(text, region_start, s)
                or self._transcript_speaker(text, m.start(), region_start, e, name)
                or self.known_person(name) is not None  # "Jana Novakowa" after "Jana Novakova"
            )
        if evidence:
            if roles is None:
                roles = partial(self._roles_at, text, title_start, region_start, s)
            known = self._alias.get(name)  # resolve_person's answer for a known spelling
            persons.append((s, e, self.entities[known] if known else self.resolve_person(name), roles, para_no))
        else:
            self._pending.setdefault(surname, (s, e, name, roles, para_no))

    def _surname(self, name: str) -> str:
        """split_name's surname, remembered per name."""
        surname = self._surnames_of.get(name)
        if surname is None:
            if len(self._surnames_of) >= _CACHE_MAX:
                self._surnames_of.clear()
            surname = self._surnames_of[name] = split_name(name, self.settings.particles)[1]
        return surname

    @staticmethod
    def _transcript_speaker(text: str, seq_start: int, region_start: int, end: int, name: str) -> bool:
        """'Name: words' opening a paragraph, and more than once (a dialogue, not a heading)."""
        opens = text[region_start:seq_start].strip(" -–—") == ""
        return opens and text[end:end + 1] == ":" and text.count(f"{name}:") >= 2

    def _org_end(self, text: str, s: int, e: int) -> int:
        """Cut "World Bank on Wednesday" before a connector followed by a date or function word."""
        name = text[s:e]
        if " of " not in name and " for " not in name and " on " not in name:
            return e  # no connector (each is followed by a space, " the " or not)
        for m in self.rx.org_connector.finditer(name):
            if m.group(1) in self.settings.not_names:
                return s + m.start()
        return e

    def _orgs(self, text: str, regions, found: list[tuple[int, int]]) -> list[tuple[int, int, str, int | None]]:
        """Organisations named by an institutional head noun ("National Bank of Kazakhstan").

        `found`: where the gazetteer automaton found a head word starting a word (it may go
        on: "Banking"). A head counts where it also ends a word within a region: what
        `\b(?:heads)\b` searched in each region would find. Heads are single words
        (gazetteer._single_words), so two heads that start words never overlap and the
        automaton's order (by end) is the order of their starts.
        """
        out = []
        if not found:
            return out
        found_starts = [s for s, _ in found]
        for start, end, para_no in regions:
            for k in range(bisect_left(found_starts, start), len(found)):
                s, head_end = found[k]
                if head_end > end:
                    break  # cut by the region's end, or in a later region: so are all after it
                if head_end < end and is_word_char(text[head_end]):
                    continue  # "Banking": the head does not end a word
                # the capitalised words before the head, then "of ..." phrases after it
                for _ in range(4):
                    gap = s - 1
                    if gap <= start or text[gap] not in " \t":
                        break
                    w = _name_word_before(text, start, gap)
                    if w is None:
                        break
                    s = w
                e = self.rx.org_tail.match(text, head_end, end).end()
                # what follows depends on the words found only: worked out once per batch
                raw = text[s:e]
                named = self._org_names.get(raw, _UNSEEN)
                if named is _UNSEEN:
                    named = self._org_name(raw)
                if named is None:
                    continue
                a, b, entity = named
                self.entities.setdefault(entity.entity_id, entity)
                s, e = s + a, s + b
                out.append((s, e, entity.entity_id, para_no))
        return out

    def _org_name(self, raw: str) -> tuple[int, int, Entity] | None:
        """The organisation named by `raw` (capitalised words, a head noun and "of ..." phrases)
        as (start, end) within `raw` and its entity; None for no organisation. Remembered per
        `raw` (in _org_names): the same names recur through a batch."""
        lead = self.settings.org_leading_words
        s, e = 0, len(raw)
        while True:  # drop leading function words ("The National Bank ...")
            word = raw[s:e].split(" ", 1)[0]
            if word in lead and " " in raw[s:e]:
                s += len(word) + 1
            else:
                break
        e = self._org_end(raw, s, e)
        name = raw[s:e]
        named = None
        if " " in name:
            entity_id = self.gaz.surface_ids.get(name)
            if entity_id:
                entity = self.gaz.entities[entity_id]
                if entity.type == "ORG":  # else a known place ("Russian Federation"), not an institution
                    named = (s, e, entity)
            else:
                named = (s, e, Entity(make_entity_id("ORG", name), name, "ORG"))
        if len(self._org_names) >= _CACHE_MAX:
            self._org_names.clear()
        self._org_names[raw] = named
        return named

    def _cue_before(self, text: str, region_start: int, start: int) -> bool:
        lo = max(region_start, start - 40)
        if not self.rx.cue_word.search(text, lo, start):  # cue_before's match starts with one
            return False
        return bool(self.rx.cue_before.search(text, lo, start))

    def _roles_at(self, text: str, title_start: int, region_start: int | None = None,
                  start: int | None = None) -> frozenset[str]:
        """The roles of a title before `title_start`, else (given a region) of a role noun before `start`."""
        roles = self._roles_before(text, title_start)
        if not roles and region_start is not None:
            roles = self._role_noun(text, region_start, start)
        return roles

    def _roles_before(self, text: str, start: int) -> frozenset[str]:
        """Roles of a title written just before `start` ("President of Kazakhstan Kassym-...")."""
        window = text[max(0, start - 80):start]
        found = None
        lowered = window.lower()
        words = (self.rx.title_word.finditer(lowered) if len(lowered) == len(window)
                 else (w for w in _WORDS.finditer(window) if w.group().lower() in self.rx.title_words))
        for w in words:  # try the title regex only where a title word stands
            if found is None or w.start() >= found.end():
                found = self.rx.titles.match(window, w.start()) or found
        if not found or not self.rx.title_tail.fullmatch(window, found.end()):
            return frozenset()
        key = next((t for t in self.settings.titles if t.lower() == found.group(1).lower()), None)
        return self.settings.titles.get(key, frozenset())

    def _role_noun(self, text: str, region_start: int, start: int) -> frozenset[str]:
        lo = max(region_start, start - 80)
        if not self.rx.role_word.search(text[lo:start].lower()):
            return frozenset()
        m = self.rx.role_noun.search(text, lo, start)
        return frozenset([m.group(1)]) if m else frozenset()

    def _resolve_singles(self, text, persons, singles):
        """Bare surnames: the nearest person of that surname on the page, else a known alias."""
        by_surname: dict[str, list[tuple[int, Entity]]] = {}
        surnames_of = self._surnames_of
        for s, e, entity, _, _ in persons:
            # the surname of the canonical name and the one as written on the page ("Tokaev")
            for name in {entity.name, text[s:e]}:
                by_surname.setdefault(surnames_of.get(name) or self._surname(name), []).append((s, entity))
        out = []
        covered = [(p[0], p[1]) for p in persons]
        surface_ids = self.gaz.surface_ids
        for s, e, word, roles, para_no, _ in singles:
            if word not in by_surname and word not in surface_ids:
                continue  # most capitalised words are no one's surname
            if any(ps <= s < pe for ps, pe in covered):
                continue
            entity = None
            candidates = sorted(by_surname.get(word, []), key=lambda c: c[0])
            if candidates:
                k = bisect_right([p for p, _ in candidates], s) - 1
                entity = candidates[k][1] if k >= 0 else candidates[0][1]
            else:
                entity_id = surface_ids.get(word)
                if entity_id and self.gaz.entities[entity_id].type == "PERSON":
                    entity = self.entities[entity_id]
            if entity is not None:
                out.append((s, e, entity, roles if roles is not None else partial(self._roles_at, text, s), para_no))
        return out

    # ---- run output ----------------------------------------------------------------------
    def entity_rows(self, entity_ids: set[str]) -> list[dict]:
        """`entities` rows for the given ids: aliases are the curated ones plus surfaces seen."""
        rows = []
        for entity_id in sorted(entity_ids):
            entity = self._entity(entity_id)
            aliases = sorted((set(entity.aliases) | self.surfaces.get(entity_id, set())) - {entity.name})
            rows.append({"entity_id": entity_id, "name": entity.name, "type": entity.type,
                         "aliases": aliases, "external_id": entity.external_id})
        return rows
