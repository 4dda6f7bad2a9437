"""Front matter rules (PS101-PS112): a file that triggers each one, with the exact span of what
it is about, and a file that does not."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from persona_studio.core.lint import Diagnostic, Severity, all_rules, lint_text

GROUP = "front matter"


def at(diagnostic: Diagnostic) -> tuple[int, int, int, int]:
    span = diagnostic.span
    return span.line, span.column, span.end_line, span.end_column


@dataclass(frozen=True)
class Case:
    rule: str
    target: str
    bad: str
    spans: tuple[tuple[int, int, int, int], ...]  # (line, column, end_line, end_column)
    covered: tuple[str, ...]  # the text under each span
    good: str


CASES = [
    Case(
        "yaml-syntax",
        "vscode-agent",
        "---\ndescription: a: b\n---\nBody.\n",
        ((2, 15, 2, 16),),
        (":",),
        "---\ndescription: 'a: b'\n---\nBody.\n",
    ),
    Case(
        "front-matter-unterminated",
        "vscode-agent",
        "---\ndescription: x\n\nBody.\n",
        ((1, 1, 1, 4),),
        ("---",),
        "---\ndescription: x\n---\n\nBody.\n",
    ),
    Case(
        "front-matter-not-mapping",
        "vscode-agent",
        "---\n- a\n- b\n---\nBody.\n",
        ((2, 1, 3, 4),),
        ("- a\n- b",),
        "---\na: 1\n---\nBody.\n",
    ),
    Case(
        "duplicate-key",
        "vscode-agent",
        "---\ndescription: one\nmodel: GPT-5\ndescription: two\n---\nBody.\n",
        ((4, 1, 4, 12),),
        ("description",),
        "---\ndescription: one\nmodel: GPT-5\n---\nBody.\n",
    ),
    Case(
        "yaml-alias",
        "vscode-agent",
        "---\ndescription: &desc x\nname: y\n---\nBody.\n",
        ((2, 14, 2, 19),),
        ("&desc",),
        "---\ndescription: '&desc x'\nname: y\n---\nBody.\n",
    ),
    Case(
        "unknown-key",
        "vscode-chatmode",
        "---\ndescription: x\ntitle: A title\nmodel: GPT-4.1\n---\nBody.\n",
        ((3, 1, 3, 6),),
        ("title",),
        "---\ndescription: x\nmodel: GPT-4.1\n---\nBody.\n",
    ),
    Case(
        "invalid-type",
        "vscode-agent",
        "---\ndescription: 12\ntools: ['read', 3]\ntarget: vscod\n---\nBody.\n",
        ((2, 14, 2, 16), (3, 17, 3, 18), (4, 9, 4, 14)),
        ("12", "3", "vscod"),
        "---\ndescription: '12'\ntools: ['read']\ntarget: vscode\n---\nBody.\n",
    ),
    Case(
        "empty-value",
        "vscode-agent",
        "---\ndescription: ''\nname:\nmodel: []\ntools: []\n---\nBody.\n",
        ((2, 14, 2, 16), (3, 1, 3, 5), (4, 8, 4, 10)),
        ("''", "name", "[]"),
        "---\ndescription: d\nname: n\nmodel: GPT-5\ntools: []\n---\nBody.\n",
    ),
    Case(
        "missing-description",
        "vscode-agent",
        "---\nname: helper\n---\nBody.\n",
        ((1, 1, 1, 4),),
        ("---",),
        "---\nname: helper\ndescription: Helps.\n---\nBody.\n",
    ),
    Case(
        "ignored-key",
        "vscode-agent",
        "---\ndescription: x\nuser-invokable: false\nmcp-servers: {}\n---\nBody.\n",
        ((3, 1, 3, 15), (4, 1, 4, 12)),
        ("user-invokable", "mcp-servers"),
        "---\ndescription: x\nuser-invocable: false\n---\nBody.\n",
    ),
    Case(
        "removed-key",
        "vscode-agent",
        "---\ndescription: x\ninfer: true\n---\nBody.\n",
        ((3, 1, 3, 6),),
        ("infer",),
        "---\ndescription: x\nuser-invocable: true\ndisable-model-invocation: false\n---\nBody.\n",
    ),
    # VS Code reads `user-invocable` and `disable-model-invocation` only as a bare true/false.
    Case(
        "invalid-type",
        "vscode-agent",
        "---\ndescription: x\nuser-invocable: yes\ndisable-model-invocation: on\n---\nBody.\n",
        ((3, 17, 3, 20), (4, 27, 4, 29)),
        ("yes", "on"),
        "---\ndescription: x\nuser-invocable: True\ndisable-model-invocation: false\n---\nB.\n",
    ),
    Case(
        "invalid-type",
        "vscode-agent",
        "---\ndescription: x\nhooks: {onStop: [{type: command}]}\n"
        "github: {permissions: {contents: all}}\n---\nBody.\n",
        ((3, 8, 3, 35), (4, 9, 4, 39)),
        ("{onStop: [{type: command}]}", "{permissions: {contents: all}}"),
        "---\ndescription: x\nhooks: {onStop: [{type: command, command: ./stop.sh}]}\n"
        "github: {permissions: {contents: read}}\n---\nBody.\n",
    ),
    Case(
        "invalid-type",
        "claude-code",
        "---\nname: a\ndescription: x\npermissionMode: ask\nmemory: team\n---\nBody.\n",
        ((4, 17, 4, 20), (5, 9, 5, 13)),
        ("ask", "team"),
        "---\nname: a\ndescription: x\npermissionMode: delegate\nmemory: project\n---\nBody.\n",
    ),
    # Newer VS Code takes a comma-separated tools string in an agent.
    Case(
        "invalid-type",
        "vscode-agent",
        "---\ndescription: x\ntools: 12\n---\nBody.\n",
        ((3, 8, 3, 10),),
        ("12",),
        "---\ndescription: x\ntools: read, edit\n---\nBody.\n",
    ),
    Case(
        "missing-key",
        "claude-code",
        "---\ndescription: Reviews code.\n---\nBody.\n",
        ((1, 1, 1, 4),),
        ("---",),
        "---\nname: reviewer\ndescription: Reviews code.\n---\nBody.\n",
    ),
]


# Each rule's id and severity, written out here rather than read from the rule itself, so that a
# changed id or default severity fails a test (the format reference, section 8: YAML and type
# errors are errors, unknown keys warnings; a key that a target ignores is an info).
RULE_ID_AND_SEVERITY = {
    "yaml-syntax": ("PS101", Severity.ERROR),
    "front-matter-unterminated": ("PS102", Severity.ERROR),
    "front-matter-not-mapping": ("PS103", Severity.ERROR),
    "duplicate-key": ("PS104", Severity.ERROR),
    "yaml-alias": ("PS105", Severity.ERROR),
    "unknown-key": ("PS106", Severity.WARNING),
    "invalid-type": ("PS107", Severity.ERROR),
    "empty-value": ("PS108", Severity.ERROR),
    "missing-description": ("PS109", Severity.WARNING),
    "ignored-key": ("PS110", Severity.INFO),
    "missing-key": ("PS111", Severity.ERROR),
    "removed-key": ("PS112", Severity.ERROR),
}


def test_every_front_matter_rule_has_a_case() -> None:
    group = {made.name for made in all_rules() if made.group == GROUP}
    assert {case.rule for case in CASES} == group == set(RULE_ID_AND_SEVERITY)


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_rule_triggers_with_exact_span(case: Case) -> None:
    found = [d for d in lint_text(case.bad, target=case.target) if d.name == case.rule]
    assert [at(d) for d in found] == list(case.spans)
    assert [case.bad[d.span.start : d.span.end] for d in found] == list(case.covered)
    rule_id, severity = RULE_ID_AND_SEVERITY[case.rule]
    assert {d.rule for d in found} == {rule_id}
    assert {d.severity for d in found} == {severity}


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_rule_quiet_on_good_file(case: Case) -> None:
    found = [d for d in lint_text(case.good, target=case.target) if d.name == case.rule]
    assert found == []


def test_a_good_agent_file_has_no_front_matter_finding() -> None:
    text = (
        "---\nname: helper\ndescription: 'Helps: with things'\nargument-hint: a file\n"
        "tools: ['read', 'search/codebase']\nmodel: ['GPT-5 (copilot)', 'Claude Sonnet 4.5']\n"
        "target: vscode\nhandoffs:\n  - label: Go\n    agent: other\n    prompt: Do it\n"
        "    send: false\nuser-invocable: true\n---\nBody.\n"
    )
    found = [d for d in lint_text(text, target="vscode-agent") if d.name != "unverified-tool"]
    assert found == []


def test_unknown_key_message_lists_only_keys_a_user_should_write() -> None:
    text = "---\ndescription: x\ntitle: T\n---\nBody.\n"
    (diagnostic,) = [
        d for d in lint_text(text, target="vscode-chatmode") if d.name == "unknown-key"
    ]
    assert diagnostic.message == (
        "Attribute 'title' is not supported in VS Code chat mode files. "
        "Supported: description, tools, model."
    )


def test_hidden_keys_are_accepted_without_a_finding() -> None:
    text = "---\ndescription: x\nadvancedOptions: {a: 1}\n---\nBody.\n"
    assert lint_text(text, target="vscode-chatmode") == []


def test_unknown_key_depends_on_the_target() -> None:
    text = "---\nname: n\ndescription: x\nhandoffs: []\n---\nBody.\n"
    chatmode = [
        d.span.line for d in lint_text(text, target="vscode-chatmode") if d.name == "unknown-key"
    ]
    agent = [d for d in lint_text(text, target="vscode-agent") if d.name == "unknown-key"]
    assert chatmode == [2, 4]
    assert agent == []


def test_missing_description_is_an_error_where_the_target_requires_it() -> None:
    text = "---\nname: helper\n---\nBody.\n"
    (agent,) = [
        d for d in lint_text(text, target="vscode-agent") if d.name == "missing-description"
    ]
    (github,) = [
        d for d in lint_text(text, target="github-copilot") if d.name == "missing-description"
    ]
    assert agent.severity is Severity.WARNING
    assert github.severity is Severity.ERROR


def test_missing_description_without_front_matter_points_at_line_one() -> None:
    text = "# Helper\n\nBody.\n"
    (found,) = [
        d for d in lint_text(text, target="vscode-agent") if d.name == "missing-description"
    ]
    assert at(found) == (1, 1, 1, 9)


def test_yaml_one_one_surprise_is_explained() -> None:
    text = "---\ndescription: yes\n---\nBody.\n"
    (found,) = [d for d in lint_text(text, target="vscode-agent") if d.name == "invalid-type"]
    assert at(found) == (2, 14, 2, 17)
    assert "YAML reads 'yes' as true" in found.message


def test_a_broken_header_gives_only_the_header_error() -> None:
    text = "---\ndescription: [\n---\nBody.\n"
    names = [d.name for d in lint_text(text, target="vscode-agent")]
    assert names == ["yaml-syntax"]


def test_handoff_problems_point_at_the_handoff() -> None:
    text = (
        "---\ndescription: x\nhandoffs:\n  - label: Go\n    agent: other\n"
        "  - label: Back\n    agent: me\n    prompt: p\n    send: maybe\n---\nBody.\n"
    )
    found = [d for d in lint_text(text, target="vscode-agent") if d.name == "invalid-type"]
    assert [d.message for d in found] == [
        "'handoffs': handoff 1 has no prompt",
        "'handoffs': handoff 2: 'send' must be true or false",
    ]
    assert [at(d)[:2] for d in found] == [(4, 5), (6, 5)]


def test_spans_with_a_bom_crlf_and_wide_characters() -> None:
    text = "\ufeff---\r\ndescription: 'Café ☕ 🚀'\r\ntitle: T\r\ntools: ['🚀', x]\r\n---\r\n"
    found = lint_text(text, target="vscode-agent")
    assert [(d.name, at(d)) for d in found] == [
        ("unknown-key", (3, 1, 3, 6)),
        ("unknown-tool", (4, 10, 4, 11)),
        ("unknown-tool", (4, 14, 4, 15)),
    ]
    assert [text[d.span.start : d.span.end] for d in found] == ["title", "🚀", "x"]
    (missing,) = lint_text("\ufeff---\r\nname: n\r\n---\r\n", target="vscode-agent")
    assert (missing.name, at(missing)) == ("missing-description", (1, 1, 1, 4))


def test_a_quoted_key_is_reported_on_its_name() -> None:
    text = "---\ndescription: x\n'title': T\n\"mode\" : y\n---\n"
    found = [d for d in lint_text(text, target="vscode-chatmode") if d.name == "unknown-key"]
    assert [at(d) for d in found] == [(3, 2, 3, 7), (4, 2, 4, 6)]


def test_an_empty_argument_hint_is_a_warning_in_vscode_1_140():
    text = "---\ndescription: x\nargument-hint: ''\n---\nBody.\n"
    (found,) = [d for d in lint_text(text, target="vscode-agent") if d.name == "empty-value"]
    assert (found.severity, found.message) == (Severity.WARNING, "'argument-hint' is empty")
    text = "---\ndescription: ''\n---\nBody.\n"
    (found,) = [d for d in lint_text(text, target="vscode-agent") if d.name == "empty-value"]
    assert found.severity is Severity.ERROR
