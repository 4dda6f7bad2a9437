"""Lint settings: where they are found, and what each one does."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.lint import Severity, lint_file
from persona_studio.core.lint.config import find_config, load_config

AGENT = "---\ndescription: x\ntitle: T\ntools: [codebase, nope]\n---\n# A\n### C\n"
# What AGENT gives under vscode-agent, in order.
AGENT_FINDS = ["unknown-key", "renamed-tool", "unknown-tool", "heading-increment"]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def names(path: Path, **options) -> list[str]:
    return [d.name for d in lint_file(str(path), **options).diagnostics]


def test_no_config_gives_the_defaults(tmp_path: Path) -> None:
    agent = write(tmp_path / "a.agent.md", AGENT)
    assert names(agent) == AGENT_FINDS


def test_pyproject_table_is_found_upward(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.persona-studio]\nignore = ["unknown-tool"]\n')
    agent = write(tmp_path / "deep" / "er" / "a.agent.md", AGENT)
    assert names(agent) == ["unknown-key", "renamed-tool", "heading-increment"]
    assert find_config(agent).source == str(tmp_path / "pyproject.toml")


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / ".persona-studio.toml", 'ignore = ["unknown-key"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[tool.other]\nx = 1\n")
    agent = write(tmp_path / "sub" / "a.agent.md", AGENT)
    assert find_config(agent).source == str(tmp_path / ".persona-studio.toml")
    assert "unknown-key" not in names(agent)


def test_the_nearest_config_wins_and_the_dot_file_before_pyproject(tmp_path: Path) -> None:
    write(tmp_path / ".persona-studio.toml", 'ignore = ["unknown-key"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.persona-studio]\nignore = ["tools"]\n')
    write(tmp_path / "sub" / ".persona-studio.toml", 'ignore = ["body"]\n')
    agent = write(tmp_path / "sub" / "a.agent.md", AGENT)
    assert names(agent) == ["unknown-key", "renamed-tool", "unknown-tool"]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('select = ["unknown-tool"]', ["unknown-tool"]),  # by name
        ('select = ["PS202", "ps304"]', ["renamed-tool", "heading-increment"]),  # by id
        ('select = ["tools"]', ["renamed-tool", "unknown-tool"]),  # by group
        ('select = "front matter"', ["unknown-key"]),  # one group, as a string
        ('ignore = ["unknown-key", "PS304"]', ["renamed-tool", "unknown-tool"]),
        ('ignore = ["tools"]', ["unknown-key", "heading-increment"]),
        ('select = ["tools"]\nextend-select = ["body"]', AGENT_FINDS[1:]),
        ('select = ["all"]\nignore = ["front matter", "body"]', ["renamed-tool", "unknown-tool"]),
    ],
)
def test_select_and_ignore_by_name_id_and_group(
    tmp_path: Path, setting: str, expected: list[str]
) -> None:
    write(tmp_path / ".persona-studio.toml", setting + "\n")
    assert names(write(tmp_path / "a.agent.md", AGENT)) == expected


def test_severity_change(tmp_path: Path) -> None:
    write(
        tmp_path / ".persona-studio.toml",
        'severity = { unknown-key = "error", PS202 = "warning", body = "warning" }\n',
    )
    result = lint_file(str(write(tmp_path / "a.agent.md", AGENT)))
    assert [(d.name, d.severity) for d in result.diagnostics] == [
        ("unknown-key", Severity.ERROR),
        ("renamed-tool", Severity.WARNING),
        # VS Code 1.140 shows an unknown tool as a Hint: the profile makes it an info.
        ("unknown-tool", Severity.INFO),
        ("heading-increment", Severity.WARNING),
    ]


def test_default_target_applies_where_the_name_does_not_decide(tmp_path: Path) -> None:
    write(tmp_path / ".persona-studio.toml", 'target = "vscode-chatmode"\n')
    plain = write(tmp_path / "notes" / "helper.md", AGENT)
    agent = write(tmp_path / "a.agent.md", AGENT)
    assert lint_file(str(plain)).target == "vscode-chatmode"
    assert names(plain) == ["unknown-key", "unknown-tool", "heading-increment"]
    assert lint_file(str(agent)).target == "vscode-agent"
    assert lint_file(str(agent), target="claude-code").target == "claude-code"


def test_overrides_by_path_with_their_own_target(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        "[tool.persona-studio]\n"
        'ignore = ["heading-increment"]\n\n'
        "[[tool.persona-studio.overrides]]\n"
        'files = ["legacy/**"]\n'
        'target = "vscode-chatmode"\n'
        'ignore = ["unknown-key"]\n\n'
        "[[tool.persona-studio.overrides]]\n"
        'files = ["**/*.strict.agent.md"]\n'
        'severity = { unknown-tool = "error" }\n',
    )
    legacy = write(tmp_path / "legacy" / "old" / "a.agent.md", AGENT)
    result = lint_file(str(legacy))
    assert result.target == "vscode-chatmode"  # the override beats the file name
    assert [d.name for d in result.diagnostics] == ["unknown-tool"]
    strict = write(tmp_path / "b.strict.agent.md", AGENT)  # `**/` also matches the top folder
    result = lint_file(str(strict))
    assert [(d.name, d.severity.label) for d in result.diagnostics] == [
        ("unknown-key", "info"),  # a Hint in VS Code 1.140
        ("renamed-tool", "info"),
        ("unknown-tool", "error"),
    ]
    assert names(write(tmp_path / "c.agent.md", AGENT)) == AGENT_FINDS[:3]


SCHEMA = """\
version: 1
name: team
title: {prefix: "Role:", example: "Role: Reviewer"}
section_level: 2
sections:
  - {title: Mission, kind: paragraph, required: true}
  - {title: Question, kind: question, required: true}
"""


def test_a_project_schema_of_its_own(tmp_path: Path) -> None:
    write(tmp_path / "team.yaml", SCHEMA)
    write(tmp_path / ".persona-studio.toml", 'schema = "team.yaml"\n')
    good = write(
        tmp_path / "good.agent.md",
        "---\ndescription: x\n---\n# Role: Reviewer\n\n## Mission\nReview.\n\n"
        "## Question\nIs it clear?\n",
    )
    bad = write(
        tmp_path / "bad.agent.md",
        "---\ndescription: x\n---\n# Role: Reviewer\n\n## Question\nClear\n",
    )
    # A 'Persona:' title means nothing to this schema.
    other = write(tmp_path / "other.agent.md", "---\ndescription: x\n---\n# Persona: X\n")
    assert names(good) == []
    assert names(bad) == ["missing-section", "primary-question-form"]
    assert names(other) == []


def test_persona_globs_assign_the_schema(tmp_path: Path) -> None:
    write(tmp_path / ".persona-studio.toml", 'persona = ["team/**"]\n')
    text = "---\ndescription: x\n---\n# Reviewer\n\n## Core Belief\nClarity.\n"
    assigned = write(tmp_path / "team" / "r.agent.md", text)
    elsewhere = write(tmp_path / "misc" / "r.agent.md", text)
    found = names(assigned)
    assert found[0] == "missing-title"
    assert found.count("missing-section") == 6
    assert names(elsewhere) == []


def test_max_file_size(tmp_path: Path) -> None:
    write(tmp_path / ".persona-studio.toml", "max-file-size = 100\n")
    small = write(tmp_path / "small.agent.md", "---\ndescription: x\n---\nBody.\n")
    big = write(tmp_path / "big.agent.md", "---\ndescription: x\n---\n" + "x" * 200)
    assert names(small) == []
    result = lint_file(str(big))
    (diagnostic,) = result.diagnostics
    assert (diagnostic.name, diagnostic.rule, diagnostic.severity) == (
        "file-too-large",
        "PS503",
        Severity.ERROR,
    )
    assert result.text is None


def test_read_errors_are_reported_even_when_not_selected(tmp_path: Path) -> None:
    write(tmp_path / ".persona-studio.toml", 'select = ["tools"]\nmax-file-size = 10\n')
    big = write(tmp_path / "big.agent.md", "x" * 20)
    assert names(big) == ["file-too-large"]


def test_read_errors_follow_ignore_and_severity(tmp_path: Path) -> None:
    write(
        tmp_path / "a" / ".persona-studio.toml",
        'max-file-size = 10\nseverity = { file-too-large = "warning" }\n',
    )
    write(tmp_path / "b" / ".persona-studio.toml", 'max-file-size = 10\nignore = ["files"]\n')
    result = lint_file(str(write(tmp_path / "a" / "big.agent.md", "x" * 20)))
    assert [(d.name, d.severity) for d in result.diagnostics] == [
        ("file-too-large", Severity.WARNING)
    ]
    assert names(write(tmp_path / "b" / "big.agent.md", "x" * 20)) == []


def test_an_explicit_config_file_is_used_for_every_path(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "conf" / "lint.toml", 'select = ["unknown-key"]\n'))
    agent = write(tmp_path / "a.agent.md", AGENT)
    assert names(agent, config=config) == ["unknown-key"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("select = [", "not valid TOML"),
        ('select = ["no-such-rule"]', "unknown rule 'no-such-rule'"),
        ('ignore = ["PS999"]', "unknown rule 'PS999'"),
        ("select = 3", "'select' must be a list of strings"),
        ('target = "vscode"', "unknown target 'vscode'"),
        ('severity = { unknown-key = "fatal" }', "unknown severity 'fatal'"),
        ('severity = "error"', "'severity' must be a table"),
        ('max-file-size = "big"', "'max-file-size' must be a positive number"),
        ("max-file-size = 0", "'max-file-size' must be a positive number"),
        ('persona = "yes"', "'persona' must be true or false, or a list of path globs"),
        ("schema = 3", "'schema' must be the path of a schema file"),
        ('[[overrides]]\ntarget = "vscode-agent"', "an override needs files"),
        ('[[overrides]]\nfiles = ["x/**"]\ntarget = "nope"', "unknown target 'nope'"),
    ],
)
def test_a_bad_config_is_a_typed_error(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path / ".persona-studio.toml", content + "\n")
    with pytest.raises(PersonaStudioError) as caught:
        load_config(path)
    assert message in str(caught.value)
    assert caught.value.path == str(path)


def test_a_missing_config_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(PersonaStudioError, match="cannot read the config"):
        load_config(tmp_path / "nothing.toml")
