"""Safe file names for exports: hostile names sanitize safely or fail with a clear error, and a
write never leaves the chosen folder (symbolic links included)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from persona_studio.core.document import parse
from persona_studio.core.formats import ExportError, export, resolve_inside
from persona_studio.core.formats.naming import (
    MAX_STEM,
    RESERVED_NAMES,
    SLUG_RE,
    display_name,
    file_name,
    is_reserved,
    is_safe_stem,
    safe_stem,
    slugify,
    source_stem,
)

AGENT = "---\ndescription: 'Reviews code'\n---\n# Reviewer\n\nBody.\n"


# -- sanitizing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stem"),
    [
        ("backend", "backend"),
        ("Thinking-Beast-Mode", "thinking-beast-mode"),
        ("../../x", "x"),
        ("..\\..\\windows\\system32", "windows-system32"),
        ("/etc/passwd", "etc-passwd"),
        ("a/b\\c:d*e?f", "a-b-c-d-e-f"),
        ("Überprüfer 🚀", "uberprufer"),
        ("Straße Æsir", "strasse-aesir"),
        ("C# Expert", "c-expert"),
        ("  spaced   out  ", "spaced-out"),
        ("tab\tnew\nline\x00nul", "tab-new-line-nul"),
        ("con-artist", "con-artist"),
        ("console", "console"),
        ("com10", "com10"),
    ],
)
def test_hostile_and_ordinary_names_sanitize_to_a_safe_stem(raw: str, stem: str) -> None:
    assert safe_stem(raw) == stem
    assert is_safe_stem(stem)


@pytest.mark.parametrize(
    "raw",
    [
        "CON",
        "con",
        "con.txt",
        "Con.Agent.md",
        "PRN",
        "aux",
        "NUL.md",
        "com1",
        "COM9.txt",
        "lpt1",
        "LPT9",
        "COM¹",
        "nul ",
    ],
)
def test_reserved_device_names_fail_with_a_clear_error(raw: str) -> None:
    assert is_reserved(raw)
    with pytest.raises(ExportError, match="reserves"):
        safe_stem(raw)


@pytest.mark.parametrize("raw", ["", "   ", "...", "..", ".", "/", "🚀", "日本語", "---", "\x00"])
def test_a_name_that_sanitizes_to_nothing_is_an_error(raw: str) -> None:
    with pytest.raises(ExportError, match="no letters or digits") as caught:
        safe_stem(raw)
    assert "choose a name" in str(caught.value)


def test_a_very_long_name_is_cut_at_a_hyphen() -> None:
    raw = " ".join(["word"] * 200)
    stem = safe_stem(raw)
    assert len(stem) <= MAX_STEM
    assert not stem.endswith("-")
    assert set(stem.split("-")) == {"word"}
    unbroken = "x" * 1000
    assert safe_stem(unbroken) == "x" * MAX_STEM


@given(st.text(max_size=300))
def test_every_name_gives_a_safe_stem_or_an_export_error(raw: str) -> None:
    try:
        stem = safe_stem(raw)
    except ExportError as error:
        assert error.message
        return
    assert SLUG_RE.fullmatch(stem)
    assert len(stem) <= MAX_STEM
    assert stem not in RESERVED_NAMES
    assert ".." not in stem and "/" not in stem and "\\" not in stem


def test_slugify_may_be_empty_and_file_name_checks_the_stem() -> None:
    assert slugify("***") == ""
    assert file_name("backend", ".agent.md") == "backend.agent.md"
    for bad in ("", "../x", "CON".lower(), "Upper", "a--b"):
        with pytest.raises(ExportError):
            file_name(bad, ".md")


def test_source_stem_strips_the_longest_suffix() -> None:
    suffixes = {".chatmode.md", ".agent.md", ".md"}
    assert source_stem("dir/Backend.chatmode.md", suffixes) == "Backend"
    assert source_stem("x.AGENT.MD", suffixes) == "x"
    assert source_stem("reviewer.md", suffixes) == "reviewer"
    assert source_stem("notes.txt", suffixes) == "notes.txt"
    assert source_stem(".md", suffixes) == ".md"


def test_display_name_prefers_the_title_key_then_the_heading() -> None:
    assert display_name(parse("---\ntitle: ' Beast  Mode '\n---\n# Other\n")) == (
        "Beast Mode",
        "the 'title' key",
    )
    assert display_name(parse("# Persona: Backend\n")) == ("Backend", "the first heading")
    assert display_name(parse("## Only a second level\n")) is None


# -- export names -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["CON", "con.txt", "", "...", "日本語"])
def test_export_refuses_a_name_with_no_safe_file_name(name: str) -> None:
    with pytest.raises(ExportError):
        export(parse(AGENT), "reviewer.agent.md", "vscode-agent", name=name)


def test_export_sanitizes_hostile_names() -> None:
    result = export(parse(AGENT), "reviewer.agent.md", "claude-code", name="../../Überprüfer 🚀")
    assert result.file_name == "uberprufer.md"
    assert result.relative_path == ".claude/agents/uberprufer.md"
    hostile = export(parse(AGENT), "../../etc/CON-fig.chatmode.md", "vscode-agent")
    assert hostile.file_name == "con-fig.agent.md"


def test_export_without_a_path_names_the_file_after_the_title() -> None:
    result = export(parse(AGENT), None, "vscode-agent")
    assert result.file_name == "reviewer.agent.md"
    with pytest.raises(ExportError, match="no file name and no title"):
        export(parse("---\ndescription: x\n---\nBody.\n"), None, "vscode-agent")


# -- staying inside the folder ------------------------------------------------------------------


def test_resolve_inside_refuses_paths_that_leave_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert resolve_inside(out, "a/b.md") == os.path.realpath(out / "a" / "b.md")
    for bad in ("../x.md", "a/../../x.md", "a/../b.md", "/etc/passwd", "", "."):
        with pytest.raises(ExportError):
            resolve_inside(out, bad)


def test_a_symlinked_folder_that_leads_outside_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    (out / ".github").mkdir(parents=True)
    elsewhere.mkdir()
    (out / ".github" / "agents").symlink_to(elsewhere, target_is_directory=True)
    result = export(parse(AGENT), "reviewer.agent.md", "vscode-agent")
    with pytest.raises(ExportError, match="outside"):
        result.write(out)
    assert list(elsewhere.iterdir()) == []
    # --flat writes straight into the folder, which is fine.
    assert result.write(out, flat=True) == out / "reviewer.agent.md"


def test_a_symlinked_file_that_leads_outside_is_refused_even_with_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (out / "reviewer.agent.md").symlink_to(victim)
    result = export(parse(AGENT), "reviewer.agent.md", "vscode-agent")
    with pytest.raises(ExportError, match="outside"):
        result.write(out, flat=True, force=True)
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_an_out_folder_that_is_itself_a_link_is_fine(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    result = export(parse(AGENT), "reviewer.agent.md", "vscode-agent")
    path = result.write(link)
    assert path == link / ".github" / "agents" / "reviewer.agent.md"
    assert (real / ".github" / "agents" / "reviewer.agent.md").read_text(encoding="utf-8")
