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

    from newsmill.langid_walk import rank  # lazy: loads py3langid's model once, on first use

    scores = {lang: score + rules.priors.get(lang, 0.0) for lang, score in rank(sample)}
    excluded: set[str] = set()
    for rule in rules.letters:
        share = sum(letter_counts.get(ch, 0) for ch in rule.letters) / total
        if share >= rule.rules_out_share:
            excluded |= rule.rules_out
        if share >= rule.min_share:
            for lang, bonus in rule.supports.items():
                if lang in scores:
                    scores[lang] += bonus
        elif scripts.get(rule.script, 0) >= rule.min_script_letters:
            excluded |= rule.required_by
    # ISO 639-1 only: the model also knows codes such as "arz" or "zxx" that the contract cannot hold
    allowed = [(score, lang) for lang, score in scores.items()
               if lang not in excluded and len(lang) == 2 and lang.isalpha()]
    return max(allowed)[1] if allowed else None
