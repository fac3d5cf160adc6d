"""The rule files parse to the same data with libyaml as with PyYAML's pure-Python parser."""

from importlib import resources

import pytest
import yaml

from newsmill import rule_files

RULE_FILES = sorted(p.name for p in (resources.files("newsmill") / "rules").iterdir() if p.name.endswith(".yaml"))


def test_there_are_rule_files():
    assert "boilerplate.yaml" in RULE_FILES and len(RULE_FILES) >= 15


@pytest.mark.parametrize("name", RULE_FILES)
def test_rule_file_reads_as_the_pure_python_parser_reads_it(name):
    text = (resources.files("newsmill") / "rules" / name).read_text("utf-8")
    assert rule_files.read_rules(name) == yaml.load(text, Loader=yaml.SafeLoader)


def test_each_read_is_a_fresh_object():
    first = rule_files.read_rules("stories.yaml")
    first.clear()
    assert rule_files.read_rules("stories.yaml")


def test_bad_yaml_raises_yaml_error():
    with pytest.raises(yaml.YAMLError):
        rule_files.parse_yaml("outlets: [unclosed\n  - x: {")


def test_safe_loader_refuses_python_objects():
    with pytest.raises(yaml.YAMLError):
        rule_files.parse_yaml("!!python/object/apply:os.system ['true']")


def test_libyaml_is_used_when_present():
    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML built without libyaml")
    assert rule_files._LOADER is yaml.CSafeLoader
