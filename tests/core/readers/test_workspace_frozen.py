"""`workspace.frozen()`: a batch indexes each workspace once (a workspace scan lints every file
without listing the agents' folders again for each), and sees changes again once it ends."""

from __future__ import annotations

from persona_studio.core.readers import workspace


def test_inside_frozen_the_index_is_read_once_per_workspace(tmp_path, monkeypatch):
    agents = tmp_path / ".github" / "agents"
    agents.mkdir(parents=True)
    (agents / "one.agent.md").write_text("---\nname: One\n---\n")
    listed = []
    real = workspace._kind_files
    monkeypatch.setattr(
        workspace, "_kind_files", lambda root, catalog: listed.append(root) or real(root, catalog)
    )
    with workspace.frozen():
        assert workspace.index(str(tmp_path)).agent_names() == ["One"]
        (agents / "two.agent.md").write_text("---\nname: Two\n---\n")
        assert workspace.index(str(tmp_path)).agent_names() == ["One"]
    assert len(listed) == 1
    assert workspace.index(str(tmp_path)).agent_names() == ["One", "Two"]
