"""The packaged rule files (`newsmill/rules/*.yaml`) and user YAML, parsed in one place.

Why: a worker process parses some twenty rule files before its first document.  PyYAML's
pure-Python parser spent about 0.4 s of every process start on them; libyaml's C parser
(shipped in PyYAML's wheels) builds the same data about ten times faster.  The pure-Python
parser is the fallback where PyYAML was built without libyaml.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """`yaml.safe_load(text)` (same data, same `yaml.YAMLError` on bad input), with libyaml when present."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


def read_rules(name: str) -> Any:
    """The parsed rule file `newsmill/rules/<name>` (a fresh object on every call: callers may keep or change it)."""
    return parse_yaml((resources.files("newsmill") / "rules" / name).read_text(encoding="utf-8"))
