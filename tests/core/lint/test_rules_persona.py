"""Persona schema rules (PS401-PS407): only for persona documents, each with the exact span of the
heading, line or item it is about."""

from __future__ import annotations

import pytest

from persona_studio.core.lint import Diagnostic, all_rules, lint_text
from persona_studio.core.lint.config import LintConfig, PathSettings

GROUP = "persona"
PERSONA_RULES = {made.name for made in all_rules() if made.group == GROUP}

GOOD = """---
description: A test persona
---

# Persona: Tester

You are a tester.

## Core Belief
Tests are the specification.

## Primary Question
"Does this prove it works?"

## Decision Pattern
- Evidence > opinion
- Automated > manual > skipped

## Problem Solving Approach
- Reproduce first

## Communication Style
- Show the failing case

## Focus Areas
- Regression suites

## When to Use This Persona
- Before a release
"""


def at(diagnostic: Diagnostic) -> tuple[int, int, int, int]:
    span = diagnostic.span
    return span.line, span.column, span.end_line, span.end_column


def found(text: str, name: str, **options) -> list[Diagnostic]:
    options.setdefault("target", "vscode-chatmode")
    return [d for d in lint_text(text, **options) if d.name == name]


def covered(text: str, diagnostics: list[Diagnostic]) -> list[str]:
    return [text[d.span.start : d.span.end] for d in diagnostics]


PERSONA = LintConfig(PathSettings(persona=True))  # what `persona = [globs]` assigns to a path

#  rule, bad text, spans, covered text, lint options
CASES = [
    (
        "missing-title",
        GOOD.replace("# Persona: Tester", "# Tester"),
        [(5, 1, 5, 9)],
        ["# Tester"],
        {"config": PERSONA},
    ),
    (
        "missing-section",
        GOOD.replace("## Focus Areas\n- Regression suites\n\n", ""),
        [(5, 1, 5, 18)],
        ["# Persona: Tester"],
        {},
    ),
    (
        "empty-section",
        GOOD.replace("Tests are the specification.\n", "").replace("- Reproduce first", "- "),
        [(9, 1, 9, 15), (18, 1, 18, 28)],
        ["## Core Belief", "## Problem Solving Approach"],
        {},
    ),
    (
        "duplicate-section",
        GOOD + "\n## Core Belief\nAgain.\n",
        [(31, 1, 31, 15)],
        ["## Core Belief"],
        {},
    ),
    (
        "section-order",
        GOOD.replace(
            "## Core Belief\nTests are the specification.\n\n## Primary Question\n"
            '"Does this prove it works?"\n',
            '## Primary Question\n"Does this prove it works?"\n\n'
            "## Core Belief\nTests are the specification.\n",
        ),
        [(12, 1, 12, 15)],
        ["## Core Belief"],
        {},
    ),
    (
        "primary-question-form",
        GOOD.replace('"Does this prove it works?"', "  Prove that it works.\nAlways."),
        [(13, 3, 13, 23)],
        ["Prove that it works."],
        {},
    ),
    (
        "decision-pattern-form",
        GOOD.replace("- Evidence > opinion", "- Evidence first\n- Evidence > opinion"),
        [(16, 3, 16, 17)],
        ["Evidence first"],
        {},
    ),
]


def test_every_persona_rule_has_a_case() -> None:
    assert {case[0] for case in CASES} == PERSONA_RULES


def test_the_good_persona_has_no_finding_at_all() -> None:
    assert lint_text(GOOD, target="vscode-chatmode") == []
    assert lint_text(GOOD, target="vscode-chatmode", config=PERSONA) == []


@pytest.mark.parametrize(
    ("rule", "bad", "spans", "texts", "options"), CASES, ids=[case[0] for case in CASES]
)
def test_rule_triggers_with_exact_span(
    rule: str, bad: str, spans: list, texts: list, options: dict
) -> None:
    diagnostics = found(bad, rule, **options)
    assert [at(d) for d in diagnostics] == spans
    assert covered(bad, diagnostics) == texts


@pytest.mark.parametrize(
    ("rule", "bad", "spans", "texts", "options"), CASES, ids=[case[0] for case in CASES]
)
def test_rule_quiet_on_good_persona(
    rule: str, bad: str, spans: list, texts: list, options: dict
) -> None:
    assert found(GOOD, rule, **options) == []


@pytest.mark.parametrize(
    ("rule", "bad", "spans", "texts", "options"), CASES, ids=[case[0] for case in CASES]
)
def test_rule_silent_on_a_file_that_is_not_a_persona(
    rule: str, bad: str, spans: list, texts: list, options: dict
) -> None:
    """Without a 'Persona:' title (and no config assigning the schema) no schema rule runs."""
    not_persona = bad.replace("# Persona: Tester", "# Tester")
    assert found(not_persona, rule) == []


def test_a_persona_without_any_title_is_reported_at_line_one() -> None:
    text = GOOD.replace("# Persona: Tester\n", "")
    (diagnostic,) = found(text, "missing-title", config=PERSONA)
    assert at(diagnostic) == (1, 1, 1, 4)


def test_missing_sections_are_reported_one_by_one() -> None:
    text = "---\ndescription: x\n---\n# Persona: Bare\n\nIntro.\n"
    messages = [d.message for d in found(text, "missing-section")]
    assert len(messages) == 7  # the required sections of the shipped schema
    assert messages[0].startswith("The persona has no 'Core Belief' section")


def test_a_config_can_say_a_file_is_not_a_persona() -> None:
    text = GOOD.replace("## Focus Areas\n", "## Focus\n")
    assert found(text, "missing-section") != []
    not_persona = LintConfig(PathSettings(persona=False))
    assert not {d.name for d in lint_text(text, config=not_persona)} & PERSONA_RULES


def test_a_section_with_only_subsections_is_not_empty() -> None:
    text = GOOD.replace(
        "## Focus Areas\n- Regression suites\n", "## Focus Areas\n### Suites\n- Regression\n"
    )
    assert found(text, "empty-section") == []
    assert lint_text(text, target="vscode-chatmode") == []
