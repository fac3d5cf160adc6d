"""The README documents what exists: its two commands, every CLI command, every table."""

import re

import pytest

from flows.cli import build_parser
from flows.warehouse import TABLES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second():
    block = re.search(r"```bash\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert len(block) == 2
    assert block[0].endswith("newsmill run seeds/")
    assert "pytest" in block[1]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert block[1] in ci
    assert README.index("```bash") < README.index("\n## ")


def test_every_cli_command_is_documented():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"newsmill {name}" in README, name


@pytest.mark.parametrize("table", TABLES)
def test_every_table_is_documented(table):
    assert f"`{table}`" in README
