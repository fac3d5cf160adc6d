"""Language of an article body (ISO 639-1), robust on short texts.

py3langid ranks all its languages by a naive-Bayes log score (through `langid_walk`,
which counts its n-grams faster with the same scores); `rules/language.yaml` adds priors
for the languages the corpus expects and letter evidence (Kazakh-only Cyrillic letters,
Azerbaijani ə, Turkic ı ğ ş) that proves or rules out a language.
The best-scoring language that is not ruled out wins; too little text gives None.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsmill.rule_files import read_rules


__all__ = ["detect_language"]


@dataclass(frozen=True)
class _LetterRule:
    name: str
    letters: frozenset[str]
    script: str
    min_share: float
    rules_out_share: float
    supports: dict[str, float]
    rules_out: frozenset[str]
    required_by: frozenset[str]
    min_script_letters: int


@dataclass(frozen=True)
class _Rules:
    sample_chars: int
    min_letters: int
    priors: dict[str, float]
    letters: tuple[_LetterRule, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = read_rules("language.yaml")
    letter_rules = []
    for item in data["letters"]:
        if item["script"] not in ("latin", "cyrillic"):
            raise ValueError(f"rules/language.yaml: letters.{item['name']}: unknown script {item['script']!r}")
        letter_rules.append(_LetterRule(
            name=item["name"], letters=frozenset(item["letters"]), script=item["script"],
            min_share=float(item["min_share"]),
            rules_out_share=float(item.get("rules_out_share", item["min_share"])),
            supports={k: float(v) for k, v in (item.get("supports") or {}).items()},
            rules_out=frozenset(item.get("rules_out") or ()), required_by=frozenset(item.get("required_by") or ()),
            min_script_letters=int(item.get("min_script_letters") or 0),
        ))
    return _Rules(int(data["sample_chars"]), int(data["min_letters"]),
                  {k: float(v) for k, v in data["priors"].items()}, tuple(letter_rules))


@dataclass(frozen=True)
class _Labels:
    """The model's labels (in langid_walk.label_scores order) and what the rules say of each."""

    names: tuple[str, ...]
    index: dict[str, int]
    priors: np.ndarray     # float64, 0.0 for a language without a prior
    iso: np.ndarray        # bool: an ISO 639-1 code (two letters), which the contract can hold


@lru_cache(maxsize=1)
def _labels() -> _Labels:
    from newsmill import langid_walk  # lazy: loads py3langid's model once, on first use

    names = langid_walk.labels()
    priors = _rules().priors
    return _Labels(names, {lang: k for k, lang in enumerate(names)},
                   np.array([priors.get(lang, 0.0) for lang in names], dtype=np.float64),
                   np.array([len(lang) == 2 and lang.isalpha() for lang in names], dtype=bool))


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "other"
    return "cyrillic" if name.startswith("CYRILLIC") else "latin" if name.startswith("LATIN") else "other"


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when it has too few letters to tell."""
    rules = _rules()
    sample = text[: rules.sample_chars]
    # count distinct characters once (C speed), then classify each distinct letter
    letter_counts = {ch: n for ch, n in Counter(sample).items() if ch.isalpha()}
    total = sum(letter_counts.values())
    if total < rules.min_letters:
        return None
    scripts: dict[str, int] = {}
    for ch, n in letter_counts.items():
        script = _script(ch)
        scripts[script] = scripts.get(script, 0) + n

    from newsmill.langid_walk import label_scores  # lazy: loads py3langid's model once, on first use

    # Every language's score as one float64 array (py3langid's rank() as floats, unsorted):
    # the prior, the letter bonuses and the exclusions are applied to it in place. Each is
    # the same float64 addition on the same numbers as on a {language: score} dict.
    labels = _labels()
    scores = label_scores(sample)
    scores += labels.priors
    allowed = labels.iso.copy()  # ISO 639-1 only: the model also knows codes such as "arz" or "zxx"
    for rule in rules.letters:
        share = sum(letter_counts.get(ch, 0) for ch in rule.letters) / total
        if share >= rule.rules_out_share:
            _exclude(allowed, labels, rule.rules_out)
        if share >= rule.min_share:
            for lang, bonus in rule.supports.items():
                if lang in labels.index:
                    scores[labels.index[lang]] += bonus
        elif scripts.get(rule.script, 0) >= rule.min_script_letters:
            _exclude(allowed, labels, rule.required_by)
    return _best(scores, allowed, labels.names)


def _exclude(allowed: np.ndarray, labels: _Labels, languages: frozenset[str]) -> None:
    for lang in languages:
        if lang in labels.index:
            allowed[labels.index[lang]] = False


def _best(scores: np.ndarray, allowed: np.ndarray, names: tuple[str, ...]) -> str | None:
    """The allowed language of the highest score, the greatest code among equal scores (what
    max() of (score, code) pairs picks); None if none is allowed. Scores are finite sums of
    log probabilities, never NaN."""
    candidates = np.flatnonzero(allowed)
    if not len(candidates):
        return None
    values = scores[candidates]
    return max(names[k] for k in candidates[values == values.max()])
