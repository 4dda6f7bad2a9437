"""The open document is checked again when a file it refers to appears or disappears."""

from __future__ import annotations

from pathlib import Path

from persona_studio.gui.editor.session import DocumentSession


def names(session: DocumentSession) -> list[str]:
    return [d.name for d in session.diagnostics]


def test_a_handoff_target_created_later_clears_the_warning(qtbot, tmp_path: Path):
    agents = tmp_path / "repo" / ".github" / "agents"
    agents.mkdir(parents=True)
    lead = agents / "lead.agent.md"
    lead.write_text(
        "---\ndescription: Leads\nhandoffs:\n  - {label: Plan, agent: Planner, prompt: p}\n---\n"
        "See [the notes](notes.md).\n",
        encoding="utf-8",
    )
    session = DocumentSession.open(str(lead))
    assert names(session) == ["unknown-handoff-agent", "missing-file-reference"]

    with qtbot.waitSignal(session.diagnosticsChanged, timeout=5000):
        (agents / "planner.agent.md").write_text("---\nname: Planner\n---\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "unknown-handoff-agent" not in names(session), timeout=5000)

    with qtbot.waitSignal(session.diagnosticsChanged, timeout=5000):
        (agents / "notes.md").write_text("# Notes\n", encoding="utf-8")
    qtbot.waitUntil(lambda: names(session) == [], timeout=5000)

    with qtbot.waitSignal(session.diagnosticsChanged, timeout=5000):
        (agents / "notes.md").unlink()
    qtbot.waitUntil(lambda: names(session) == ["missing-file-reference"], timeout=5000)
