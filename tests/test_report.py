"""The data-quality report, v_data_quality and v_outlet_drift after real runs."""

import shutil
from html.parser import HTMLParser

import pytest

from flows import cli
from flows.pipeline import newsmill_run
from flows.report import _sparkline
from flows.warehouse import Warehouse
from tests.conftest import SEEDS

VOID = {"meta", "br", "hr", "img", "input", "link", "circle", "polyline", "rect"}


class Balance(HTMLParser):
    """Strict enough for our output: every non-void element closed, in order."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.urls = [], [], []

    def handle_starttag(self, tag, attrs):
        self.urls += [v for _, v in attrs if v and ("//" in v or v.startswith("http"))]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory, prefect_harness):
    root = tmp_path_factory.mktemp("report")
    inputs = root / "inputs"
    shutil.copytree(SEEDS, inputs)
    first = newsmill_run([str(inputs)], str(root / "wh"))
    (inputs / "future.txt").write_text(
        "Leaders meet in <Baku> & agree\n\ndate 2031-05-01\n\nThe leaders met and agreed a plan, Trend reports.\n\n"
        "They will meet again next month to sign the final text of it.\n")
    (inputs / "empty.txt").write_bytes(b"")
    second = newsmill_run([str(inputs)], str(root / "wh"))
    return root / "wh", first, second


@pytest.mark.e2e
def test_html_report_is_self_contained_and_complete(two_runs):
    wh, _, second = two_runs
    page = (wh / "reports" / f"{second.run_id}.html").read_text("utf-8")
    parser = Balance()
    parser.feed(page)
    parser.close()
    assert parser.errors == [] and parser.stack == [] and parser.urls == []
    assert "http://" not in page and "https://" not in page
    assert second.run_id in page
    assert (second.docs_seen, second.docs_duplicate, second.docs_rejected) == (7, 5, 2)
    assert "seen<b>7</b>" in page and "duplicate<b>5</b>" in page and "rejected<b>2</b>" in page
    assert "published_date:not_after_run_date" in page  # the failed check
    assert "empty_input" in page and "validate" in page  # rejects by reason
    assert "<Baku>" not in page  # data is escaped, never markup
    assert "<svg" in page


@pytest.mark.e2e
def test_views_return_rows_after_two_runs(two_runs):
    wh, first, second = two_runs
    store = Warehouse(wh)
    _, dq = store.query("select run_id, table_name, \"check\", passed from v_data_quality")
    assert dq and {r[0] for r in dq} == {second.run_id}
    assert ("rejects", "decode:empty_input", False) in {r[1:] for r in dq}
    _, drift = store.query("select outlet, run_id, articles from v_outlet_drift")
    assert {r[1] for r in drift} == {first.run_id}  # the second run loaded no new article
    assert ("FACT-INFO.AZ", first.run_id, 1) in drift


@pytest.mark.e2e
def test_report_and_rejects_commands(two_runs, capsys):
    wh, _, second = two_runs
    assert cli.main(["report", "--warehouse", str(wh)]) == 0
    out = capsys.readouterr().out
    assert second.run_id in out and "published_date:not_after_run_date" in out and out.rstrip().endswith(".html")
    assert cli.main(["rejects", "--warehouse", str(wh)]) == 0
    out = capsys.readouterr().out
    assert "empty_input" in out and "articles:published_date:not_after_run_date" in out
    assert cli.main(["report", "--warehouse", str(wh), "--run", "nope"]) == 2


def test_sparkline_is_bounded_svg():
    svg = _sparkline([0.0, None, 1.5, 0.5])
    assert svg.startswith("<svg") and svg.count("<circle") == 3 and "NaN" not in svg
