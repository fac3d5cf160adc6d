"""Cleaning gate: bench/eval_cleaning.py over the annotated development set (tests/docs/cleaning).

The floors are targets of issue 3 (body token F1 >= 0.98, no boilerplate leaked); a
regression in any detector that lets junk into a paragraph, or cuts an article
paragraph, fails here and names the document.  Floors only move up.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bench.eval_cleaning import DEFAULT_DOCS, KIND_MAP, evaluate, load_devset

F1_FLOOR = 0.98  # issue 3 target; measured 0.998 when the gate was set
MIN_DOCS = 40
MIN_HTML = 10
MIN_FORMS_PER_KIND = 3  # each kind of junk at least three times, in different surface forms

DOCS = load_devset(DEFAULT_DOCS)
NAMES = [name for name, *_ in DOCS]


@pytest.fixture(scope="module")
def report():
    return evaluate(DEFAULT_DOCS)


def test_devset_is_large_and_varied() -> None:
    types = Counter(ctype for _, ctype, _, _ in DOCS)
    assert len(DOCS) >= MIN_DOCS
    assert types["text/html"] >= MIN_HTML and types["text/plain"] >= MIN_HTML
    kinds = Counter(junk["kind"] for *_, note in DOCS for junk in note.get("junk", []))
    forms = {k: {j["text"] for *_, note in DOCS for j in note.get("junk", []) if j["kind"] == k} for k in kinds}
    thin = {k: len(forms.get(k, ())) for k in KIND_MAP if len(forms.get(k, ())) < MIN_FORMS_PER_KIND}
    assert not thin, f"kinds with fewer than {MIN_FORMS_PER_KIND} distinct annotated forms: {thin}"
    assert set(kinds) <= set(KIND_MAP), f"unknown junk kinds: {set(kinds) - set(KIND_MAP)}"


@pytest.mark.parametrize("name", NAMES)
def test_accounting_invariant_on_every_document(report, name: str) -> None:
    (doc,) = [d for d in report.docs if d.name == name]
    assert doc.accounting == [], doc.accounting


@pytest.mark.parametrize("name", NAMES)
def test_no_junk_leaks_and_no_paragraph_is_cut(report, name: str) -> None:
    (doc,) = [d for d in report.docs if d.name == name]
    assert doc.leaked == [], f"junk left in the body: {doc.leaked}"
    assert doc.lost == [], f"article paragraphs labelled as boilerplate: {doc.lost}"


def test_body_f1_floor(report) -> None:
    worst = sorted(report.docs, key=lambda d: min(d.precision, d.recall))[:3]
    assert report.f1 >= F1_FLOOR, [(d.name, round(d.precision, 3), round(d.recall, 3)) for d in worst]


def test_no_kind_leaks(report) -> None:
    leaking = {kind: counts for kind, counts in report.leak.items() if counts[0]}
    assert leaking == {}, leaking


# --- the blind holdout (tests/docs/holdout) ---------------------------------------------------
# 16 documents written by a helper who had not seen newsmill's rules or its development set
# (11 plain text, 5 HTML; en, ru, az, tr, kk, de, fr).  First seen at 0d6f3f7: precision 0.814,
# recall 0.988, F1 0.892 (88 of 288 junk spans leaked, mostly plain-text site names, menus,
# interface lines and German/French vocabulary).  Its figures are reported, not targets: the
# floors below only catch regressions of what the layout rules fixed.  BENCHMARKS.md has the story.

HOLDOUT = DEFAULT_DOCS.parent / "holdout"
HOLDOUT_F1_FLOOR = 0.93
HOLDOUT_NAMES = [name for name, *_ in load_devset(HOLDOUT)]


@pytest.fixture(scope="module")
def holdout_report():
    return evaluate(HOLDOUT)


@pytest.mark.parametrize("name", HOLDOUT_NAMES)
def test_holdout_accounting_and_no_paragraph_cut(holdout_report, name: str) -> None:
    (doc,) = [d for d in holdout_report.docs if d.name == name]
    assert doc.accounting == [], doc.accounting
    # x12: the annotation takes the first of two copies of the lede as body, newsmill keeps the later
    lost = [text for text in doc.lost if not (name.startswith("x12") and text.startswith("Azerbaijan and Kazakhstan"))]
    assert lost == [], f"article paragraphs labelled as boilerplate: {lost}"


def test_holdout_f1_floor(holdout_report) -> None:
    assert len(HOLDOUT_NAMES) == 16
    assert holdout_report.f1 >= HOLDOUT_F1_FLOOR, round(holdout_report.f1, 4)
