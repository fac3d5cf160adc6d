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


# --- the blind holdouts (tests/docs/holdout, holdout2 ... holdout10) --------------------------------
# Pages written by helpers who had seen neither newsmill's rules nor its development set.
# holdout: 16 pages (11 text, 5 HTML; en ru az tr kk de fr), first seen at 0d6f3f7: precision
# 0.814, recall 0.988, F1 0.892.  holdout2: 12 pages (9 text, 3 HTML; en ru az tr kk uz uk es
# it), written while the first layout rules were made from holdout: 0.856 at 0d6f3f7, 0.875
# with those rules, before anything was fitted to it.  Their figures are reported, not targets:
# the floors only catch regressions of what the layout rules fixed.  BENCHMARKS.md has the story.

# holdout3: 12 pages (9 text, 3 HTML; en ru az tr kk pl ro), only its totals read until 7 rounds of
# rules had been made: 0.857 at 0d6f3f7, 0.943 blind.  holdout4: 12 plain-text pages (en ru az tr
# kk), read after its blind figure: 0.825 at 0d6f3f7, 0.909 blind (BENCHMARKS.md).  holdout5: 14 pages
# (10 text, 4 HTML; en ru az tr kk uz uk de fa), written in the seventh session: 0.883 at 6ec512d,
# 0.896 blind with that session's first rules; the HTML pages' junk that is not page text (the
# <title>, buttons, form fields) was dropped from their annotations.  holdout6: 12 pages (9 text,
# 3 HTML; en ru kk tr ky ka fr zh az; pages with no blank lines at all, Chinese and Georgian), written
# later that session: 0.837 at 6ec512d, 0.867 blind (recall 0.993: two article texts cut, fixed).
# holdout7: 14 pages (10 text, 4 HTML; en ru kk az uz tr hy tg mn tk de es; a minified React page, an old
# table layout), written in the eighth session: 0.909 blind (recall 0.989: two list items cut, fixed),
# measured with the HTML decoder's spacing of glued items, without which five annotations could not be
# found; the HTML pages' buttons and form fields were dropped from their annotations.
# holdout8: 12 pages (8 text, 4 HTML; en ru kk az uz ky ka hy tr fr), written in the ninth session:
# 0.9065 blind (recall 0.972: a numbered timeline and a results table cut as headline lists, fixed).
# holdout9: 12 pages (8 text, 4 HTML; en wire and newsletter-platform pages, ru live blog, uk, tg, tk,
# pl, mn, fa, ar, de, es; div soup, an AMP-like page, right-to-left scripts), written in the tenth
# session: 0.9511 blind (recall 0.983: a newsletter box took an article's closing paragraph, fixed).
# holdout10: 12 pages (6 text, 6 HTML; en business daily and think-tank commentary, ru, kk, az, uz, tr,
# ka, hy, it, zh, ja; pages without blank lines, junk glued onto long lines, a table layout, WordPress,
# comments inside the article container), written late in the tenth session: 0.9364 blind (recall 1.000).
HOLDOUTS = {"holdout": (16, 0.975), "holdout2": (12, 0.965), "holdout3": (12, 0.975), "holdout4": (12, 0.955),
            "holdout5": (14, 0.97), "holdout6": (12, 0.95), "holdout7": (14, 0.975), "holdout8": (12, 0.975),
            "holdout9": (12, 0.97), "holdout10": (12, 0.935)}
# The annotations take the first of two copies of a lede as body where newsmill keeps the later
# one (x12), and count as body the standfirst newsmill's HTML path leaves out on purpose (AEB's
# truth leaves it out on 58 of 68 pages; BENCHMARKS.md): not losses of article text.
KNOWN_LOSSES = {"x12_en_wordpress": "Azerbaijan and Kazakhstan have agreed",
                "y11_es_arc": "El presidente Tokáyev califica", "y12_it_drupal": "Il velocista bergamasco",
                "a01_fr_ulaanbaatar_air_pollution": "Avec des températures tombées",
                "a01_ru_caspian_sea_level": "Средний уровень Каспийского моря",
                "a01_de_anaklia_port_amp": "Nach fast zehn Jahren Stillstand"}
HOLDOUT_DOCS = [(folder, name) for folder in HOLDOUTS for name, *_ in load_devset(DEFAULT_DOCS.parent / folder)]


@pytest.fixture(scope="module")
def holdout_reports():
    return {folder: evaluate(DEFAULT_DOCS.parent / folder) for folder in HOLDOUTS}


@pytest.mark.parametrize("folder, name", HOLDOUT_DOCS)
def test_holdout_accounting_and_no_paragraph_cut(holdout_reports, folder: str, name: str) -> None:
    (doc,) = [d for d in holdout_reports[folder].docs if d.name == name]
    assert doc.accounting == [], doc.accounting
    lost = [text for text in doc.lost if not text.startswith(KNOWN_LOSSES.get(name, "\0"))]
    assert lost == [], f"article paragraphs labelled as boilerplate: {lost}"


@pytest.mark.parametrize("folder", HOLDOUTS)
def test_holdout_f1_floor(holdout_reports, folder: str) -> None:
    count, floor = HOLDOUTS[folder]
    assert len(holdout_reports[folder].docs) == count
    assert holdout_reports[folder].f1 >= floor, round(holdout_reports[folder].f1, 4)
