"""The warehouse matches ../shared/CONTRACT.md: every table and column, plus documented additions."""

import re

import pytest

from flows.warehouse import Warehouse
from schemas import MODELS
from tests.conftest import ROOT

CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"
# Columns added by issues and recorded in README "Changes to the warehouse contract".
ADDED = {"articles": {"title_source", "pipeline_version"}, "paragraphs": {"pipeline_version"},
         "boilerplate": {"pipeline_version"}, "quotes": {"pipeline_version"}, "mentions": {"pipeline_version"}}


def contract_columns() -> dict[str, list[str]]:
    if not CONTRACT.exists():
        pytest.skip("../shared/CONTRACT.md is not beside the checkout")
    tables = {}
    for line in CONTRACT.read_text("utf-8").splitlines():
        match = re.match(r"\| `(\w+)` \| [^|]+ \| (.+) \|$", line)
        if match:
            tables[match[1]] = re.findall(r"`(\w+)`(?= \(|,|\s*$| \w)", match[2])
    return tables


def test_contract_parses():
    tables = contract_columns()
    assert {"documents", "articles", "rejects", "runs"} <= set(tables)
    assert "published_local" in tables["articles"]


def test_duckdb_tables_have_the_contract_columns(tmp_path):
    store = Warehouse(tmp_path)
    store.ensure_schema()
    with store.connect(read_only=True) as con:
        for table, columns in contract_columns().items():
            actual = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                [table]).fetchall()]
            assert set(actual) == set(columns) | ADDED.get(table, set()), table


@pytest.mark.parametrize("table", sorted(MODELS))
def test_pandera_models_have_the_contract_columns(table):
    columns = contract_columns()[table]
    assert set(MODELS[table].to_schema().columns) == set(columns) | ADDED.get(table, set())


def test_views_named_in_the_contract_exist_for_this_stage(tmp_path):
    store = Warehouse(tmp_path)
    store.ensure_schema()
    with store.connect(read_only=True) as con:
        views = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    assert {"v_articles", "v_source_stats"} <= views


@pytest.mark.parametrize("table", sorted(MODELS))
def test_every_model_is_strict_and_coercing(table):
    """A Config mixin is ignored by pandera: this pins that the base model's settings reach every table."""
    schema = MODELS[table].to_schema()
    assert schema.strict is True and schema.coerce is True and schema.name == table


def test_validation_does_not_import_dask_dataframe():
    """pandera would import dask.dataframe (≈ 0.5 s CPU) on every run's first validation when
    the [dask] extra is installed; schemas/_dask_types.py stops that, and validation still works."""
    import subprocess
    import sys

    code = (
        "import sys, pandas as pd\n"
        "from schemas import MODELS\n"
        "from pandera.errors import SchemaError\n"
        "ok = pd.DataFrame({'source_uri': ['file:///a'], 'doc_id': ['a' * 64], 'run_id': ['r'],\n"
        "                   'seen_at': [pd.Timestamp('2026-01-01', tz='UTC')]})\n"
        "MODELS['sources'].validate(ok)\n"
        "try:\n"
        "    MODELS['sources'].validate(ok.assign(source_uri=['']))\n"
        "    print('accepted an empty source_uri')\n"
        "except SchemaError:\n"
        "    print('rejected', 'dask.dataframe' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "rejected False", out.stderr[-2000:]
