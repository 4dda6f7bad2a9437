"""The rule table (core/lint/rules/__init__.py): every rule a rule module defines is listed once,
in id order, and `find` works by id and by name."""

from __future__ import annotations

import importlib
import pkgutil

import persona_studio.core.lint.rules as rules_package
from persona_studio.core.lint import all_rules, find_rule
from persona_studio.core.lint.model import Rule
from persona_studio.core.lint.rules import RULES


def _defined() -> list[Rule]:
    found = []
    for info in pkgutil.iter_modules(rules_package.__path__):
        module = importlib.import_module(f"{rules_package.__name__}.{info.name}")
        found += [value for value in vars(module).values() if isinstance(value, Rule)]
    return found


def test_every_defined_rule_is_in_the_table() -> None:
    listed = {id(made) for made in RULES}
    missing = [made.id for made in _defined() if id(made) not in listed]
    assert not missing, f"add these rules to RULES in core/lint/rules/__init__.py: {missing}"


def test_the_table_is_in_id_order_without_repeats() -> None:
    ids = [made.id for made in RULES]
    assert ids == sorted(set(ids))
    assert len({made.name for made in RULES}) == len(RULES)
    assert all_rules() == list(RULES)


def test_find_by_id_or_name() -> None:
    assert find_rule("ps201") is find_rule(" unknown-tool ") is RULES[12]
    assert RULES[12].id == "PS201"
    assert find_rule("PS999") is None
