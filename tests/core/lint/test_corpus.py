"""Linting real files on disk: the shared corpus, the seed, the persona library, files that
cannot be read, folder walks, and the parallel path."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from persona_studio.core.lint import (
    FileResult,
    Severity,
    all_rules,
    collect_files,
    lint_file,
    lint_paths,
    lint_text,
)
from persona_studio.core.lint.config import LintConfig, PathSettings
from persona_studio.core.readers.filekind import identify

PERSONA_RULES = {made.name for made in all_rules() if made.group == "persona"}

# The keys VS Code accepts, straight from the format reference (section 3), not from the catalog:
# chat modes (D1) document description, tools and model (advancedOptions is accepted, hidden);
# custom agents (V3) add the agent keys; mcp-servers is accepted there with an "ignored" Info.
VSCODE_KEYS = {
    "vscode-chatmode": {"description", "tools", "model", "advancedOptions"},
    "vscode-agent": {
        "name",
        "description",
        "model",
        "tools",
        "advancedOptions",
        "handoffs",
        "argument-hint",
        "target",
        "infer",
        "agents",
        "hooks",
        "user-invocable",
        "user-invokable",
        "disable-model-invocation",
        "github",
        "mcp-servers",
    },
}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text[4 : text.index("\n---", 3)]) or {}


@pytest.fixture(scope="module")
def corpus_results(corpus_files: list[Path]) -> list[FileResult]:
    return list(lint_paths([str(path) for path in corpus_files], jobs=1))


def per_rule(results: list[FileResult]) -> Counter:
    return Counter(d.name for result in results for d in result.diagnostics)


def test_corpus_counts_per_rule(corpus_results: list[FileResult]) -> None:
    counts = per_rule(corpus_results)
    print("\nper-rule counts on the corpus:")
    for made in all_rules():
        print(f"  {made.id} {made.name:<26} {counts.get(made.name, 0)}")
    # What VS Code flags there is found ...
    assert counts["unknown-key"] > 0
    assert counts["renamed-tool"] > 0
    assert counts["unknown-tool"] > 0
    # ... and nothing in the corpus breaks the header or is a persona document.
    assert sum(counts[name] for name in PERSONA_RULES) == 0
    assert (
        sum(1 for r in corpus_results for d in r.diagnostics if d.severity is Severity.ERROR) == 0
    )


def test_each_file_gets_its_default_target(corpus_results: list[FileResult]) -> None:
    # VS Code 1.106 and later read chat modes as custom agents: one profile for both kinds.
    for result in corpus_results:
        kind = "chatmode" if result.path.endswith(".chatmode.md") else "agent"
        assert (result.kind, result.target) == (kind, "vscode-agent")
        assert identify(result.path).target == "vscode-agent"


def test_persona_rules_never_fire_on_the_corpus(corpus_results: list[FileResult]) -> None:
    fired = [(r.path, d.name) for r in corpus_results for d in r.diagnostics]
    assert [item for item in fired if item[1] in PERSONA_RULES] == []


def test_unknown_key_finds_every_unsupported_key(corpus_results: list[FileResult]) -> None:
    expected = set()
    for result in corpus_results:
        keys = front_matter(Path(result.path))
        for key in keys:
            if key not in VSCODE_KEYS[result.target]:
                expected.add((Path(result.path).name, key))
    found = {
        (Path(r.path).name, r.text[d.span.start : d.span.end])
        for r in corpus_results
        for d in r.diagnostics
        if d.name == "unknown-key"
    }
    assert found == expected
    assert {key for _, key in expected} == {"title", "mode", "hidden"}


def test_missing_description_matches_the_files_without_one(
    corpus_results: list[FileResult],
) -> None:
    expected = {r.path for r in corpus_results if "description" not in front_matter(Path(r.path))}
    found = {
        r.path for r in corpus_results for d in r.diagnostics if d.name == "missing-description"
    }
    assert found == expected


def test_a_description_removed_from_a_corpus_file_is_missed(corpus_files: list[Path]) -> None:
    path = next(p for p in corpus_files if p.name.endswith(".agent.md"))
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.startswith("description:")]
    without = "".join(lines[:index] + lines[index + 1 :])
    before = Counter(d.name for d in lint_text(text, path=str(path)))
    after = Counter(d.name for d in lint_text(without, path=str(path)))
    assert after - before == Counter({"missing-description": 1})


def test_renamed_tools_only_in_agent_files(corpus_results: list[FileResult]) -> None:
    renamed = Counter(
        r.target for r in corpus_results for d in r.diagnostics if d.name == "renamed-tool"
    )
    assert set(renamed) == {"vscode-agent"}
    unknown = {
        r.text[d.span.start : d.span.end]
        for r in corpus_results
        for d in r.diagnostics
        if d.name == "unknown-tool"
    }
    assert {"findTestFiles", "terminalCommand"} <= unknown


def test_the_seed_lints_clean_as_a_chat_mode(seed_path: Path) -> None:
    # Today's VS Code reads the seed as a custom agent and asks for the file to be renamed;
    # nothing else in it is worth a warning.
    result = lint_file(str(seed_path))
    assert (result.kind, result.target) == ("chatmode", "vscode-agent")
    assert [
        (d.name, d.span.line) for d in result.diagnostics if d.severity >= Severity.WARNING
    ] == [("kind-renamed", 1)]


def test_every_library_persona_lints_clean(library_files: list[Path]) -> None:
    for path in library_files:
        result = lint_file(str(path), target="vscode-chatmode")
        problems = [
            (d.name, d.span.line, d.message)
            for d in result.diagnostics
            if d.severity >= Severity.WARNING
        ]
        assert problems == [], path.name


# -- files that cannot be read --------------------------------------------------------------


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


GOOD = b"---\ndescription: Fine.\n---\nBody.\n"

UNREADABLE = [
    ("not-utf8", "PS501", b"---\ndescription: caf\xe9\n---\n"),
    ("binary-file", "PS502", b"---\ndescription: x\n---\n\x00\x01"),
    ("file-too-large", "PS503", b"---\ndescription: x\n---\n" + b"x" * 200),
    ("unreadable-file", "PS504", None),  # missing
]
SMALL_LIMIT = LintConfig(PathSettings(max_file_size=100))


def test_every_files_rule_has_a_case() -> None:
    assert {case[0] for case in UNREADABLE} == {
        made.name for made in all_rules() if made.group == "files"
    }


@pytest.mark.parametrize(("name", "rule", "data"), UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_an_unreadable_file_is_a_diagnostic(
    tmp_path: Path, name: str, rule: str, data: bytes | None
) -> None:
    bad = tmp_path / "bad.agent.md"
    if data is not None:
        write(bad, data)
    result = lint_file(str(bad), config=SMALL_LIMIT)
    (diagnostic,) = result.diagnostics
    assert (diagnostic.name, diagnostic.rule, diagnostic.severity) == (name, rule, Severity.ERROR)
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 1)
    assert result.text is None and result.error == diagnostic.message
    good = write(tmp_path / "good.agent.md", GOOD)
    assert lint_file(str(good), config=SMALL_LIMIT).diagnostics == []


def test_a_utf8_file_with_a_bom_is_read(tmp_path: Path) -> None:
    good = write(tmp_path / "bom.agent.md", b"\xef\xbb\xbf" + GOOD)
    result = lint_file(str(good))
    assert result.diagnostics == [] and result.bom


def test_missing_files_and_folders_are_unreadable(tmp_path: Path) -> None:
    (tmp_path / "folder.agent.md").mkdir()
    for path in (tmp_path / "missing.agent.md", tmp_path / "folder.agent.md"):
        (diagnostic,) = lint_file(str(path)).diagnostics
        assert (diagnostic.name, diagnostic.rule) == ("unreadable-file", "PS504")


def test_the_run_goes_on_past_bad_files(tmp_path: Path) -> None:
    paths = [
        write(tmp_path / "a.agent.md", GOOD),
        write(tmp_path / "b.agent.md", b"\xff\xfe\x00x"),
        tmp_path / "gone.agent.md",
        write(tmp_path / "c.agent.md", b"---\ndescription: x\ntitle: t\n---\n"),
    ]
    results = list(lint_paths([str(p) for p in paths], jobs=1))
    assert [[d.name for d in r.diagnostics] for r in results] == [
        [],
        ["binary-file"],
        ["unreadable-file"],
        ["unknown-key"],
    ]


def test_folders_are_walked_for_persona_files(tmp_path: Path) -> None:
    files = [
        "a.chatmode.md",
        "b.agent.md",
        "notes.md",
        ".github/agents/c.md",
        ".github/agents/deeper/d.md",
        ".github/agents/README.md",
        ".github/chatmodes/e.chatmode.md",
        ".github/prompts/f.prompt.md",
        ".github/skills/pdf/SKILL.md",
        ".github/skills/pdf/reference.md",
        ".agents/skills/web/SKILL.md",
        ".claude/agents/g.md",
        ".git/h.agent.md",
        "node_modules/i.agent.md",
        "docs/README.md",
    ]
    for name in files:
        write(tmp_path / name, GOOD)
    found = [
        os.path.relpath(path, tmp_path).replace(os.sep, "/")
        for path in collect_files([str(tmp_path)])
    ]
    # VS Code reads the .md files directly in .github/agents, but not its README or subfolders.
    assert sorted(found) == [
        ".agents/skills/web/SKILL.md",
        ".claude/agents/g.md",
        ".github/agents/c.md",
        ".github/chatmodes/e.chatmode.md",
        ".github/skills/pdf/SKILL.md",
        "a.chatmode.md",
        "b.agent.md",
    ]
    # A file named on the command line is taken as it is, and once.
    notes, agent = str(tmp_path / "notes.md"), str(tmp_path / "b.agent.md")
    assert collect_files([notes]) == [notes]
    twice = collect_files([agent, str(tmp_path), notes, agent])
    assert twice[0] == agent and len(twice) == 8 and twice[-1] == notes


def test_claude_agents_folder_selects_the_claude_target(tmp_path: Path) -> None:
    path = write(tmp_path / ".claude" / "agents" / "r.md", b"---\ndescription: x\n---\n")
    result = lint_file(str(path))
    assert result.target == "claude-code"
    assert [d.name for d in result.diagnostics] == ["missing-key"]


def test_parallel_run_gives_the_same_results(tmp_path: Path, library_files: list[Path]) -> None:
    paths = []
    for number in range(220):
        source = library_files[number % len(library_files)]
        target = tmp_path / f"{number:03d}-{source.name}"
        shutil.copyfile(source, target)
        if number % 7 == 0:  # some findings, so that there is something to compare
            with target.open("a", encoding="utf-8") as handle:
                handle.write("\n#### Too deep\nUse #tool:nope and #tool:codebase.\n")
        paths.append(str(target))
    paths.append(str(tmp_path / "missing.chatmode.md"))
    serial = list(lint_paths(paths, jobs=1))
    parallel = list(lint_paths(paths, jobs=2))
    assert [r.path for r in parallel] == paths
    assert parallel == serial
    assert sum(len(r.diagnostics) for r in serial) > 0
