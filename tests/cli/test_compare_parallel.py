"""`compare` reads many files on every core (issue 21, item 15: 10,000 files took 12 s and
500 MB): the matrix is the same, columns in the same order, as with one process, unreadable files
included."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_studio.cli import main
from persona_studio.core.compare import build


def test_compare_with_processes_gives_the_matrix_of_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PARALLEL_THRESHOLD", 4)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        sections = "## Goals\n\n- ship\n" if i % 3 else "## Goals\n\n-\n\n## Extra\n\ntext\n"
        (folder / f"p{i:02d}.agent.md").write_text(
            f"---\ndescription: persona {i}\ntools: ['codebase', 'tool{i % 5}']\n---\n"
            f"# P{i}\n\n{sections}",
            encoding="utf-8",
        )
    (folder / "p07.agent.md").write_bytes(b"---\ndescription: x\n---\n\x00")  # cannot be read
    outputs = []
    for jobs in ("1", "2"):
        code = main(["compare", "--format", "json", "--jobs", jobs, str(folder)])
        out, err = capsys.readouterr()
        outputs.append((code, out, err))
    assert outputs[0] == outputs[1]
    code, out, err = outputs[1]
    assert code == 2  # one file could not be read
    assert "p07.agent.md" in err
    assert '"name": "p39"' in out and '"title": "Extra"' in out
