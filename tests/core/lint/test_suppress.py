"""Inline disable comments, and the unused-disable rule (PS901) that reports dead ones."""

from __future__ import annotations

from persona_studio.core.lint import Diagnostic, Severity, lint_text
from persona_studio.core.lint.config import LintConfig, PathSettings, rule_names

HEAD = "---\ndescription: x\n---\n"


def at(diagnostic: Diagnostic) -> tuple[int, int, int, int]:
    span = diagnostic.span
    return span.line, span.column, span.end_line, span.end_column


def lint(text: str, **options) -> list[tuple[str, int]]:
    options.setdefault("target", "vscode-agent")
    return [(d.name, d.span.line) for d in lint_text(text, **options)]


def test_a_comment_disables_the_next_line_only() -> None:
    text = HEAD + "# A\n<!-- persona-studio-disable heading-increment -->\n### B\n# C\n### D\n"
    assert lint(text) == [("heading-increment", 8)]


def test_the_next_line_skips_blank_lines() -> None:
    text = HEAD + "# A\n<!-- persona-studio-disable heading-increment -->\n\n### B\n"
    assert lint(text) == []


def test_a_comment_before_a_heading_disables_the_whole_section() -> None:
    text = HEAD + (
        "# Title\n"
        "<!-- persona-studio-disable tool-reference-unknown -->\n"
        "## Tools\n"
        "Use #tool:one.\n"
        "### Detail\n"
        "And #tool:two.\n"
        "## Other\n"
        "But #tool:three.\n"
    )
    assert lint(text) == [("tool-reference-unknown", 11)]


def test_a_file_level_disable_covers_front_matter_and_body() -> None:
    text = (
        "---\ndescription: x\ntools: [nope]\n---\n"
        "<!-- persona-studio-disable-file unknown-tool tool-reference-unknown -->\n"
        "Use #tool:gone.\n"
    )
    assert lint(text) == []


def test_a_front_matter_comment_disables_the_next_key() -> None:
    text = "---\ndescription: x\n# persona-studio-disable unknown-key\ntitle: T\nmode: agent\n---\n"
    assert lint(text, target="vscode-chatmode") == [("unknown-key", 5)]


def test_names_ids_groups_and_no_name_at_all() -> None:
    text = HEAD + (
        "# A\n<!-- persona-studio-disable PS304 -->\n### B\n"
        "# C\n<!-- persona-studio-disable body -->\n### D\n"
        "# E\n<!-- persona-studio-disable -->\n### F\n"
        "# G\n<!-- persona-studio-disable unknown-key, heading-increment -->\n### H\n"
    )
    assert lint(text) == []


def test_an_unused_disable_is_reported_on_the_comment() -> None:
    text = HEAD + "# A\n<!-- persona-studio-disable heading-increment -->\n## B\n"
    (diagnostic,) = lint_text(text, target="vscode-agent")
    assert (diagnostic.name, diagnostic.rule, diagnostic.severity) == (
        "unused-disable",
        "PS901",
        Severity.INFO,
    )
    assert at(diagnostic) == (5, 1, 5, 50)
    assert text[diagnostic.span.start : diagnostic.span.end] == (
        "<!-- persona-studio-disable heading-increment -->"
    )
    assert diagnostic.message == "This disable comment suppresses nothing; remove it"


def test_unused_file_and_front_matter_disables_are_reported() -> None:
    text = (
        "---\n# persona-studio-disable unknown-key\ndescription: x\n---\n"
        "Body. <!-- persona-studio-disable-file renamed-tool -->\n"
    )
    found = lint_text(text, target="vscode-agent")
    assert [(d.name, at(d)) for d in found] == [
        ("unused-disable", (2, 1, 2, 37)),
        ("unused-disable", (5, 7, 5, 56)),
    ]


def test_an_unknown_rule_name_is_reported() -> None:
    text = HEAD + "# A\n<!-- persona-studio-disable heading-incremnt -->\n### B\n"
    found = lint_text(text, target="vscode-agent")
    assert [(d.name, d.span.line) for d in found] == [
        ("unused-disable", 5),
        ("heading-increment", 6),
    ]
    assert found[0].message == "Unknown rule(s) in the disable comment: heading-incremnt"


def test_unused_disable_can_be_ignored_by_config() -> None:
    text = HEAD + "<!-- persona-studio-disable heading-increment -->\nBody.\n"
    config = LintConfig(PathSettings(ignore=rule_names(["unused-disable"], None)))
    assert lint(text, config=config) == []


def test_a_disabled_severity_change_does_not_resurrect_the_diagnostic() -> None:
    text = HEAD + "# A\n<!-- persona-studio-disable heading-increment -->\n### B\n"
    config = LintConfig(PathSettings(severity={"heading-increment": Severity.ERROR}))
    assert lint(text, config=config) == []


def test_a_comment_shown_as_code_is_an_example_not_a_disable() -> None:
    text = HEAD + (
        "# Docs\n\n"
        "Write `<!-- persona-studio-disable rule-name -->` before the line.\n\n"
        "```markdown\n<!-- persona-studio-disable heading-increment -->\n#### Example\n```\n\n"
        "~~~~\n<!-- persona-studio-disable-file -->\n~~~~\n\n"
        "### Skipped level\n"
    )
    assert lint(text) == [("heading-increment", 17)]


def test_a_front_matter_comment_covers_a_whole_block_list() -> None:
    text = (
        "---\ndescription: x\n# persona-studio-disable unknown-tool\ntools:\n  - nope\n"
        "  - nada\ntitle: T\n---\n"
    )
    assert lint(text) == [("unknown-key", 7)]


def test_a_front_matter_comment_before_a_list_item_covers_that_item() -> None:
    text = (
        "---\ndescription: x\ntools:\n  - nope\n  # persona-studio-disable unknown-tool\n"
        "  - nada\n---\n"
    )
    assert lint(text) == [("unknown-tool", 4)]
