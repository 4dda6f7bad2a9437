"""Agent skill folders between .github/skills/NAME/ and .claude/skills/NAME/: the whole folder
goes, byte for byte, and the links of SKILL.md still lead to their files at the new place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from _shared import shared_path
from persona_studio.cli import main
from persona_studio.core.document import parse
from persona_studio.core.formats import ExportError
from persona_studio.core.formats.skills import export_skill
from persona_studio.core.readers import links

SKILL = """\
---
name: report-writer
description: Writes reports from a template.
---
# Report writer

Use [the template](templates/report.md) and run [the script](scripts/build.sh).
See [the house style](../../../docs/style.md) too.
"""


def make_skill(root: Path, place: str = ".github/skills") -> Path:
    folder = root / place / "report-writer"
    (folder / "templates").mkdir(parents=True)
    (folder / "scripts").mkdir()
    (folder / "SKILL.md").write_text(SKILL, encoding="utf-8")
    (folder / "templates" / "report.md").write_text("# Report\n", encoding="utf-8")
    (folder / "scripts" / "build.sh").write_bytes(b"#!/bin/sh\r\necho built\r\n")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_github_skill_goes_to_claude_whole(tmp_path: Path) -> None:
    folder = make_skill(tmp_path / "repo")
    skill = export_skill(folder / "SKILL.md", "claude-skills")
    assert skill.relative_dir == ".claude/skills/report-writer"
    out = tmp_path / "ws"
    written = skill.write(out)
    assert written == out / ".claude" / "skills" / "report-writer"
    assert tree(written) == tree(folder)  # every file, byte for byte (CRLF kept)
    messages = [note.message for note in skill.notes]
    assert any(
        "leads out of the skill folder" in m and "../../../docs/style.md" in m for m in messages
    )
    assert not skill.blocked


def test_a_claude_skill_goes_to_github_and_refuses_to_overwrite(tmp_path: Path) -> None:
    folder = make_skill(tmp_path / "repo", ".claude/skills")
    skill = export_skill(folder, "github-skills")
    out = tmp_path / "ws"
    skill.write(out)
    assert tree(out / ".github" / "skills" / "report-writer") == tree(folder)
    with pytest.raises(ExportError, match="already holds"):
        skill.write(out)
    skill.write(out, force=True)


def test_a_symbolic_link_in_the_folder_is_not_followed(tmp_path: Path) -> None:
    folder = make_skill(tmp_path / "repo")
    secret = tmp_path / "secret.txt"
    secret.write_text("private\n", encoding="utf-8")
    os.symlink(secret, folder / "templates" / "leak.txt")
    skill = export_skill(folder, "claude-skills")
    assert "templates/leak.txt" not in skill.files
    assert any("'templates/leak.txt': a symbolic link" in n.message for n in skill.notes)


def test_not_a_skill(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"neither a SKILL\.md"):
        export_skill(tmp_path, "claude-skills")


def test_every_corpus_skill_keeps_its_links_valid(tmp_path: Path) -> None:
    skills = shared_path("corpus", "2026", ".github", "skills")
    folders = sorted(p.parent for p in skills.glob("*/SKILL.md"))
    assert folders
    linked = 0
    for folder in folders:
        skill = export_skill(folder / "SKILL.md", "claude-skills")
        written = skill.write(tmp_path)
        assert tree(written) == tree(folder), folder.name
        source = folder / "SKILL.md"
        document = parse(source.read_text(encoding="utf-8"))
        for link in links.body_links(document):
            before = links.resolve(link, str(source), None)
            if before is None or not os.path.exists(before):
                continue
            inside = Path(before).resolve().is_relative_to(folder.resolve())
            after = links.resolve(link, str(written / "SKILL.md"), None)
            assert after is not None
            assert os.path.exists(after) == inside, (folder.name, link.written)
            linked += inside
    assert linked  # some corpus skill links to a file of its own folder


def test_cli_exports_every_skill_of_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_skill(tmp_path / "repo")
    out = tmp_path / "ws"
    code = main(["export", str(tmp_path / "repo"), "--to", "claude-skills", "--out", str(out)])
    stdout = capsys.readouterr().out
    assert code == 0
    assert tree(out) == {
        ".claude/skills/report-writer/SKILL.md": SKILL.encode(),
        ".claude/skills/report-writer/scripts/build.sh": b"#!/bin/sh\r\necho built\r\n",
        ".claude/skills/report-writer/templates/report.md": b"# Report\n",
    }
    assert "3 files copied byte for byte into .claude/skills/report-writer/" in stdout
    assert stdout.splitlines()[-1] == "1 file exported, 0 failed"


def test_allowed_tools_are_flagged_for_a_check(tmp_path: Path) -> None:
    folder = make_skill(tmp_path / "repo")
    text = SKILL.replace("description:", "allowed-tools: Read, Grep\ndescription:")
    (folder / "SKILL.md").write_text(text, encoding="utf-8")
    skill = export_skill(folder, "claude-skills")
    assert skill.files["SKILL.md"] == text.encode()
    assert any(n.message.startswith("'allowed-tools' is carried as written") for n in skill.notes)
