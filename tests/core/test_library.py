"""The persona library: scanning folders and searching entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_studio.core.library import (
    LibraryEntry,
    parse_query,
    persona_name,
    scan_folder,
    search,
    shipped_library,
)
from persona_studio.core.resources import personas_dir

SHIPPED = Path(__file__).resolve().parents[2] / "personas"


def persona(description: str, tools: list[str], title: str = "Persona: Test") -> str:
    listed = ", ".join(f"'{tool}'" for tool in tools)
    return f"---\ntools: [{listed}]\ndescription: '{description}'\n---\n\n# {title}\n\nBody.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    files = {
        "alpha.chatmode.md": persona("Reviews database queries", ["codebase", "search"]),
        "beta.agent.md": persona("Writes release notes", ["fetch", "edit/editFiles"], "Scribe"),
        "gamma.chatmode.md": persona("Explains how to fetch data safely", ["codebase"]),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def names(entries: list[LibraryEntry]) -> list[str]:
    return [entry.name for entry in entries]


# -- scanning -----------------------------------------------------------------------------------


def test_shipped_folder_gives_eleven_entries_with_descriptions_and_tools():
    entries = scan_folder(SHIPPED)
    assert len(entries) == 11
    assert names(entries) == sorted(names(entries))
    for entry in entries:
        assert entry.error is None, entry
        assert entry.description, entry.name
        assert entry.tools, entry.name
        # Today's VS Code reads the shipped chat modes as custom agents.
        assert (entry.kind, entry.target) == ("chatmode", "vscode-agent")
        assert entry.shipped is False
    backend = next(entry for entry in entries if entry.name == "backend")
    assert backend.title == "Persona: Backend"
    assert backend.description.startswith("Backend specialist focused on reliability")
    assert "microsoft.docs.mcp" in backend.tools
    assert backend.path == str(SHIPPED / "backend.chatmode.md")


def test_shipped_library_comes_from_personas_dir_and_is_marked_shipped():
    entries = shipped_library()
    assert len(entries) == 11
    assert all(entry.shipped for entry in entries)
    assert {Path(entry.path).parent for entry in entries} == {Path(personas_dir())}


def test_entry_fields_from_a_file(folder: Path):
    beta = next(entry for entry in scan_folder(folder) if entry.name == "beta")
    assert beta == LibraryEntry(
        path=str(folder / "beta.agent.md"),
        name="beta",
        title="Scribe",
        description="Writes release notes",
        tools=("fetch", "edit/editFiles"),
        target="vscode-agent",
        kind="agent",
        shipped=False,
        error=None,
    )


def test_only_persona_files_are_listed(tmp_path: Path):
    agents = tmp_path / ".github" / "agents"
    agents.mkdir(parents=True)
    (agents / "reviewer.md").write_text(persona("In an agents folder", []), encoding="utf-8")
    (tmp_path / "README.md").write_text("# Not a persona\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("text", encoding="utf-8")
    hidden = tmp_path / ".cache"
    hidden.mkdir()
    (hidden / "old.chatmode.md").write_text(persona("Hidden", []), encoding="utf-8")
    modules = tmp_path / "node_modules" / "pkg"
    modules.mkdir(parents=True)
    (modules / "dep.agent.md").write_text(persona("Dependency", []), encoding="utf-8")
    nested = tmp_path / "team" / "backend"
    nested.mkdir(parents=True)
    (nested / "api.chatmode.md").write_text(persona("Nested", []), encoding="utf-8")

    entries = scan_folder(tmp_path)

    assert names(entries) == ["api", "reviewer"]
    reviewer = entries[1]
    assert reviewer.target == "vscode-agent"
    assert reviewer.description == "In an agents folder"


def test_unreadable_files_are_entries_with_an_error(tmp_path: Path):
    (tmp_path / "binary.chatmode.md").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "latin.chatmode.md").write_bytes(
        "---\ndescription: caf\xe9\n---\n".encode("latin-1")
    )
    (tmp_path / "yaml.agent.md").write_text("---\ntools: [a\n---\n# Broken\n", encoding="utf-8")

    entries = {entry.name: entry for entry in scan_folder(tmp_path)}

    assert set(entries) == {"binary", "latin", "yaml"}
    assert "binary file" in entries["binary"].error
    assert "not valid UTF-8" in entries["latin"].error
    assert "YAML" in entries["yaml"].error
    assert entries["yaml"].title == "Broken"  # what could be read is still shown
    assert entries["binary"].description is None
    assert entries["binary"].tools == ()


def test_a_missing_folder_gives_no_entries(tmp_path: Path):
    assert scan_folder(tmp_path / "nowhere") == []


@pytest.mark.parametrize(
    ("file_name", "name"),
    [
        ("backend.chatmode.md", "backend"),
        ("Reviewer.Agent.md", "Reviewer"),
        ("plain.md", "plain"),
        (".md", ".md"),
    ],
)
def test_persona_name_strips_the_persona_suffix(file_name: str, name: str):
    assert persona_name(f"/some/folder/{file_name}") == name


# -- search -------------------------------------------------------------------------------------


def test_search_by_tool_name(folder: Path):
    assert names(search(scan_folder(folder), "editfiles")) == ["beta"]


def test_search_by_description_word_is_case_insensitive(folder: Path):
    assert names(search(scan_folder(folder), "DATABASE")) == ["alpha"]


def test_search_matches_name_and_title(folder: Path):
    entries = scan_folder(folder)
    assert names(search(entries, "gam")) == ["gamma"]
    assert names(search(entries, "scribe")) == ["beta"]


def test_search_words_are_anded(folder: Path):
    entries = scan_folder(folder)
    assert names(search(entries, "codebase")) == ["alpha", "gamma"]
    assert names(search(entries, "codebase queries")) == ["alpha"]
    assert names(search(entries, "codebase release")) == []


def test_tool_token_matches_tools_only(folder: Path):
    entries = scan_folder(folder)
    # gamma's description says "fetch", but only beta has the fetch tool
    assert names(search(entries, "fetch")) == ["beta", "gamma"]
    assert names(search(entries, "tool:fetch")) == ["beta"]
    assert names(search(entries, "TOOL:Search")) == ["alpha"]
    assert names(search(entries, "tool:codebase safely")) == ["gamma"]


def test_quoted_phrase_and_empty_query(folder: Path):
    entries = scan_folder(folder)
    assert names(search(entries, '"release notes"')) == ["beta"]
    assert names(search(entries, '"notes release"')) == []
    assert search(entries, "   ") == entries
    assert parse_query('tool:"edit/" x') == parse_query("tool:edit/ X")


def test_search_the_shipped_library():
    entries = shipped_library()
    assert names(search(entries, "tool:runNotebooks")) == ["performance"]
    assert names(search(entries, "threat")) == ["security"]
    with_fetch = {entry.name for entry in entries if "fetch" in entry.tools}
    assert set(names(search(entries, "tool:fetch"))) == with_fetch


def test_library_never_imports_qt():
    import subprocess
    import sys

    code = "import sys, persona_studio.core.library; print('PySide6' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
