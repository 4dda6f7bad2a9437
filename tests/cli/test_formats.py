"""Every command's `--format` choices come from its table in cli/formats.py."""

from __future__ import annotations

import argparse

import pytest

from persona_studio.cli import build_parser, formats

TABLES = {
    "lint": formats.LINT,
    "diff": formats.DIFF,
    "compare": formats.COMPARE,
    "show": formats.SHOW,
    "export": formats.EXPORT,
    "graph": formats.GRAPH,
    "log": formats.LOG,
    "uses": formats.USES,
}


def _format_option(command: str) -> argparse.Action:
    parser = build_parser(command)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return next(a for a in sub.choices[command]._actions if "--format" in a.option_strings)


@pytest.mark.parametrize("command", sorted(TABLES))
def test_format_choices_come_from_the_table(command: str) -> None:
    option = _format_option(command)
    assert list(option.choices) == list(TABLES[command])
    assert option.default == "text" == next(iter(TABLES[command]))


def test_every_command_with_a_format_option_has_a_table() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    with_format = {
        name
        for name, command in sub.choices.items()
        if any("--format" in action.option_strings for action in command._actions)
    }
    assert with_format == set(TABLES)
