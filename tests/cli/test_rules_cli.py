"""`persona-studio rules [NAME]`: the list of rules, and one rule explained."""

from __future__ import annotations

import pytest

from persona_studio.cli import main
from persona_studio.core.lint import all_rules
from persona_studio.core.lint.model import GROUPS


def test_rules_lists_every_rule_by_group(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    headings = [line[:-1] for line in lines if not line.startswith(" ")]
    assert headings == [group for group in GROUPS if any(r.group == group for r in all_rules())]
    listed = [line.split()[:3] for line in lines if line.startswith(" ")]
    assert listed == [[made.id, made.name, made.severity.label] for made in all_rules()]
    assert "[fix: safe]" in next(line for line in lines if "renamed-tool" in line)


@pytest.mark.parametrize("key", ["renamed-tool", "PS202", "ps202"])
def test_rules_explains_one_rule_by_name_or_id(
    capsys: pytest.CaptureFixture[str], key: str
) -> None:
    assert main(["rules", key]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "PS202 renamed-tool (info, tools)"
    assert "Fix: safe" in out
    assert "<!-- persona-studio-disable renamed-tool -->" in out


def test_persona_rules_say_where_they_apply(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "section-order"]) == 0
    assert "Only for persona documents" in capsys.readouterr().out


def test_unknown_rule_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "no-such-rule"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "persona-studio: no rule named 'no-such-rule' (see: persona-studio rules)\n"
