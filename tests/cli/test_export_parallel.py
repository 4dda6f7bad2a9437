"""`export` converts many files on every core (issue 21, item 15: 10,000 files took 32 s): the
report is the same, in the same order, as with one process, failures included."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_studio.cli import export as export_cli
from persona_studio.cli import main


def test_export_with_processes_reports_as_one_process_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_cli, "PARALLEL_THRESHOLD", 4)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"p{i:02d}.agent.md").write_text(
            f"---\ndescription: persona {i}\ntools: ['codebase']\n---\n# P{i}\n", encoding="utf-8"
        )
    (folder / "p07.agent.md").write_bytes(b"---\ndescription: x\n---\n\x00")  # fails to read
    outputs = []
    for jobs in ("1", "2"):
        argv = ["export", "--to", "claude-code", "--out", str(tmp_path / "out"), "--dry-run"]
        code = main([*argv, "--jobs", jobs, str(folder)])
        out, err = capsys.readouterr()
        outputs.append((code, out, err))
    assert outputs[0] == outputs[1]
    code, out, err = outputs[1]
    assert code == 1  # one file failed
    assert "p07.agent.md" in err and "binary file" in err
    assert out.splitlines()[-1] == "39 files would be exported, 1 would fail"
