"""Dependencies point one way: the pure core never imports orchestration or storage."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_CORE = {"prefect", "duckdb", "pandas", "pandera", "pyarrow", "flows", "schemas"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "newsmill").rglob("*.py")), ids=lambda p: p.name)
def test_core_module_is_pure(path):
    assert not imported_modules(path) & FORBIDDEN_IN_CORE


@pytest.mark.parametrize("path", sorted((ROOT / "schemas").rglob("*.py")), ids=lambda p: p.name)
def test_schemas_do_not_import_flows(path):
    assert "flows" not in imported_modules(path)
