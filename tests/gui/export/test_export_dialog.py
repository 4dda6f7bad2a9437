"""The export dialog: the plan before anything is written, writing, overwriting only after a
confirmed diff, blocked results, batches in the worker with progress and cancel, and the
remembered folder."""

from __future__ import annotations

import random
import shutil
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from _shared import LIBRARY, SEED
from persona_studio.core.document import parse
from persona_studio.core.edits import set_field
from persona_studio.core.formats import export, export_file
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.export import dialog as export_dialog_module
from persona_studio.gui.export.dialog import ExportDialog, ExportSource
from persona_studio.gui.export.model import LOST_COLUMN, OVERWRITE_COLUMN, SOURCE_COLUMN
from persona_studio.gui.theme import DARK, LIGHT

SMALL = "---\ndescription: 'Small'\ntools: ['codebase', 'search']\n---\n\n# Persona: Small\n"
NO_DESCRIPTION = "---\ntools: ['codebase']\n---\n\n# Persona: Quiet\n\nSays little.\n"


def make_dialog(qtbot, sources, folder: Path | None, target: str, *, flat: bool = False):
    dialog = ExportDialog(sources, LIGHT)
    qtbot.addWidget(dialog)
    dialog.set_target(target)
    dialog.set_flat(flat)
    if folder is not None:
        dialog.set_folder(str(folder))
    settle(qtbot, dialog)
    return dialog


def settle(qtbot, dialog: ExportDialog, timeout: int = 30_000) -> None:
    qtbot.waitUntil(lambda: not dialog.busy and not dialog._mode, timeout=timeout)


def statuses(dialog: ExportDialog) -> list[str]:
    return [dialog.model.status(row) for row in range(len(dialog.model.rows))]


def column(dialog: ExportDialog, col: int) -> list[str]:
    return [dialog.model.index(row, col).data() for row in range(dialog.model.rowCount())]


def seed_source(text: str | None = None, label: str = "backend.chatmode.md") -> ExportSource:
    return ExportSource(
        label, str(SEED), SEED.read_text(encoding="utf-8") if text is None else text
    )


def with_description(text: str, description: str) -> str:
    return set_field(parse(text), "description", description).apply(text)


# -- the plan --------------------------------------------------------------------------------------


def test_plan_of_the_seed_shows_path_and_notes_before_writing(qtbot, tmp_path):
    session = DocumentSession.open(str(SEED))
    dialog = ExportDialog.for_session(session, LIGHT)
    qtbot.addWidget(dialog)
    dialog.set_target("vscode-agent")
    dialog.set_folder(str(tmp_path))
    settle(qtbot, dialog)

    assert column(dialog, 1) == [".github/agents/backend.agent.md"]
    assert statuses(dialog) == ["Ready"]
    assert dialog.model.index(0, 3).data() == "3"  # findTestFiles, tools renamed, name added
    assert dialog.model.index(0, LOST_COLUMN).data() == "1"
    report = dialog.details.report.toPlainText()
    assert "Source: 20 named tools and tool sets, 2 whole MCP servers" in report
    assert "findTestFiles\nLost\n'findTestFiles' can no longer be referenced" in report
    assert "tools renamed for VS Code custom agent: changes -> search/changes" in report
    assert "'name': 'Backend' (from the first heading)" in report
    assert "Validation as VS Code custom agent" in report
    assert "'microsoft.docs.mcp/*' is an MCP server" in report
    assert dialog.details.text_title.text() == "New file"
    assert dialog.details.text_view.toPlainText().startswith("---\nname: Backend\n")
    assert dialog.where_label.text() == f"Files go to {tmp_path / '.github' / 'agents'}/"
    assert not dialog.details.overwrite.isVisibleTo(dialog)
    assert list(tmp_path.iterdir()) == []  # nothing written yet


def test_export_writes_what_core_export_makes(qtbot, tmp_path):
    session = DocumentSession.open(str(SEED))
    edit = set_field(session.snapshot, "description", "Backend, edited but not saved")
    session.apply_edit(edit)
    dialog = ExportDialog.for_session(session, LIGHT)
    qtbot.addWidget(dialog)
    assert dialog.model.rows[0].source.label == "backend.chatmode.md (unsaved changes)"
    dialog.set_target("vscode-agent")
    dialog.set_folder(str(tmp_path))
    settle(qtbot, dialog)

    with qtbot.waitSignal(dialog.exported) as signal:
        dialog.export_button.click()
    written = tmp_path / ".github" / "agents" / "backend.agent.md"
    expected = export(parse(session.text()), str(SEED), "vscode-agent").text
    assert written.read_text(encoding="utf-8") == expected
    assert "description: 'Backend, edited but not saved'" in expected
    assert signal.args == [[str(written)]]
    assert statuses(dialog) == ["Written"]
    assert dialog.summary_label.text() == "1 written"
    assert not dialog.export_button.isEnabled()  # nothing left to write


def test_flat_export_goes_straight_into_the_folder(qtbot, tmp_path):
    dialog = make_dialog(qtbot, [seed_source()], tmp_path, "vscode-agent", flat=True)
    assert column(dialog, 1) == ["backend.agent.md"]
    assert dialog.where_label.text() == f"Files go to {tmp_path}/"
    dialog.export_button.click()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backend.agent.md"]
    expected = export_file(SEED, "vscode-agent").text
    assert (tmp_path / "backend.agent.md").read_text(encoding="utf-8") == expected


def test_changing_the_target_recomputes_the_plan(qtbot, tmp_path):
    dialog = make_dialog(qtbot, [seed_source()], tmp_path, "vscode-agent")
    dialog.set_target("claude-code")
    settle(qtbot, dialog)
    assert column(dialog, 1) == [".claude/agents/backend.md"]
    assert "tools: " in dialog.details.text_view.toPlainText()
    assert "Validation as Claude Code subagent" in dialog.details.report.toPlainText()


# -- overwriting -----------------------------------------------------------------------------------


def test_existing_file_is_overwritten_only_after_its_diff_and_the_ticked_box(qtbot, tmp_path):
    qa = LIBRARY / "qa.chatmode.md"
    first = [seed_source(), ExportSource("qa.chatmode.md", str(qa), qa.read_text("utf-8"))]
    make_dialog(qtbot, first, tmp_path, "vscode-agent").export_button.click()
    backend_out = tmp_path / ".github" / "agents" / "backend.agent.md"
    qa_out = tmp_path / ".github" / "agents" / "qa.agent.md"
    old_backend, old_qa = backend_out.read_bytes(), qa_out.read_bytes()

    edited = [
        seed_source(with_description(SEED.read_text("utf-8"), "Backend v2")),
        ExportSource("qa.chatmode.md", str(qa), with_description(qa.read_text("utf-8"), "QA v2")),
    ]
    dialog = make_dialog(qtbot, edited, tmp_path, "vscode-agent")
    assert statuses(dialog) == ["Will overwrite", "Will overwrite"]
    assert "2 would overwrite" in dialog.summary_label.text()
    # Row 0 is selected and shows its differences; row 1's were never shown.
    assert dialog.current_row() == 0
    diff = dialog.details.text_view.toPlainText()
    assert dialog.details.text_title.text() == "Differences with the existing file"
    assert "\n-description: 'Backend specialist focused on reliability" in diff
    assert "\n+description: 'Backend v2'\n" in diff
    assert "\n-name: Backend" not in diff  # unchanged lines are context at most
    row1_box = dialog.model.index(1, OVERWRITE_COLUMN)
    assert row1_box.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert not dialog.model.setData(row1_box, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert not (row1_box.flags() & Qt.ItemFlag.ItemIsUserCheckable)
    assert dialog.details.overwrite.isVisibleTo(dialog)
    assert not dialog.details.overwrite.isChecked()

    dialog.export_button.click()  # nothing is confirmed: nothing is overwritten
    assert backend_out.read_bytes() == old_backend and qa_out.read_bytes() == old_qa
    assert statuses(dialog) == ["Skipped: overwrite not confirmed"] * 2
    assert dialog.summary_label.text() == "2 skipped"

    dialog.details.overwrite.click()  # row 0, whose differences are on screen
    assert dialog.model.rows[0].confirmed
    assert statuses(dialog)[0] == "Will overwrite (confirmed)"
    dialog.export_button.click()
    assert (
        backend_out.read_text("utf-8")
        == export(parse(edited[0].text), str(SEED), "vscode-agent").text
    )
    assert qa_out.read_bytes() == old_qa
    assert statuses(dialog)[0] == "Written"
    assert dialog.summary_label.text() == "1 written, 1 skipped"

    dialog.select_row(1)  # now its differences are shown, and the box can be ticked
    assert "+description: 'QA v2'" in dialog.details.text_view.toPlainText()
    assert dialog.model.setData(row1_box, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.details.overwrite.isChecked()
    dialog.export_button.click()
    assert "description: 'QA v2'" in qa_out.read_text("utf-8")
    assert dialog.summary_label.text() == "1 written"


def test_same_text_is_unchanged_and_needs_no_confirmation(qtbot, tmp_path):
    make_dialog(qtbot, [seed_source()], tmp_path, "claude-code").export_button.click()
    dialog = make_dialog(qtbot, [seed_source()], tmp_path, "claude-code")
    assert statuses(dialog) == ["Unchanged"]
    assert dialog.model.index(0, OVERWRITE_COLUMN).data(Qt.ItemDataRole.CheckStateRole) is None
    dialog.export_button.click()
    assert dialog.summary_label.text() == "1 unchanged"


def test_file_changed_after_its_diff_was_shown_is_not_overwritten(qtbot, tmp_path):
    make_dialog(qtbot, [seed_source()], tmp_path, "vscode-agent").export_button.click()
    out = tmp_path / ".github" / "agents" / "backend.agent.md"
    new_text = with_description(SEED.read_text("utf-8"), "Backend v2")
    dialog = make_dialog(qtbot, [seed_source(new_text)], tmp_path, "vscode-agent")
    dialog.details.overwrite.click()
    out.write_text("someone else's text\n", encoding="utf-8")
    dialog.export_button.click()
    assert out.read_text(encoding="utf-8") == "someone else's text\n"
    assert statuses(dialog) == ["Failed: the file changed after its differences were shown"]


# -- blocked and failed ----------------------------------------------------------------------------


def test_blocked_export_is_written_only_when_forced(qtbot, tmp_path):
    source = tmp_path / "quiet.chatmode.md"
    source.write_text(NO_DESCRIPTION, encoding="utf-8")
    out = tmp_path / "out"
    dialog = ExportDialog.for_paths([str(source)], LIGHT)
    qtbot.addWidget(dialog)
    dialog.set_target("claude-code")
    dialog.set_folder(str(out))
    settle(qtbot, dialog)
    assert statuses(dialog) == ["Blocked: 1 error"]
    report = dialog.details.report.toPlainText()
    assert "The persona has no description" in report
    assert report.split("\n")[0].endswith(
        " Blocked: the new file has 1 error. Fix the source, or tick Export anyway."
    )
    assert dialog.force_box.isEnabled() and not dialog.force_box.isChecked()

    dialog.export_button.click()
    assert not out.exists()
    assert statuses(dialog) == ["Blocked: 1 error, not forced"]
    assert dialog.summary_label.text() == "1 blocked"

    dialog.force_box.setChecked(True)
    dialog.export_button.click()
    written = out / ".claude" / "agents" / "quiet.md"
    assert written.read_text(encoding="utf-8") == export_file(source, "claude-code").text
    assert statuses(dialog) == ["Written"]


def test_one_failure_does_not_stop_the_rest(qtbot, tmp_path):
    sources = tmp_path / "src"
    (sources / "a").mkdir(parents=True)
    (sources / "b").mkdir()
    shutil.copy(SEED, sources / "a" / "backend.chatmode.md")
    shutil.copy(SEED, sources / "b" / "backend.chatmode.md")  # the same output file
    (sources / "broken.chatmode.md").write_bytes(b"\x00\x01 binary")
    shutil.copy(LIBRARY / "qa.chatmode.md", sources / "qa.chatmode.md")
    out = tmp_path / "out"
    dialog = ExportDialog.for_paths([str(sources)], LIGHT)
    qtbot.addWidget(dialog)
    assert column(dialog, SOURCE_COLUMN) == [
        "broken.chatmode.md",
        "qa.chatmode.md",
        "a/backend.chatmode.md",
        "b/backend.chatmode.md",
    ]
    dialog.set_target("vscode-agent")
    dialog.set_folder(str(out))
    settle(qtbot, dialog)
    found = statuses(dialog)
    assert found[0].startswith("Failed: ") and "binary" in found[0]
    assert found[1] == "Ready" and found[2] == "Ready"
    assert found[3] == "Failed: a/backend.chatmode.md is exported to the same file"
    dialog.export_button.click()
    assert statuses(dialog)[1] == "Written" and statuses(dialog)[2] == "Written"
    assert dialog.summary_label.text() == "2 written, 2 failed"
    assert sorted(p.name for p in (out / ".github" / "agents").iterdir()) == [
        "backend.agent.md",
        "qa.agent.md",
    ]


# -- batches ---------------------------------------------------------------------------------------


def test_library_batch_exports_in_the_worker_with_progress(qtbot, tmp_path):
    dialog = ExportDialog.for_paths([str(LIBRARY)], LIGHT)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_target("claude-code")
    with qtbot.waitSignal(dialog.runner.started):  # 11 files: checked in the worker
        dialog.set_folder(str(tmp_path))
    assert dialog.busy and dialog.progress.isVisible() and dialog.cancel_button.isVisible()
    assert not dialog.export_button.isEnabled()
    settle(qtbot, dialog)
    assert len(dialog.model.rows) == 11
    assert statuses(dialog) == ["Ready"] * 11
    assert not dialog.progress.isVisible()

    seen: list[int] = []
    dialog.runner.progress.connect(lambda done, total: seen.append(done))
    with qtbot.waitSignal(dialog.runner.started):
        dialog.export_button.click()
    assert not dialog.target_combo.isEnabled() and dialog.progress.isVisible()
    settle(qtbot, dialog)
    assert seen == list(range(1, 12))
    assert statuses(dialog) == ["Written"] * 11
    assert dialog.summary_label.text() == "11 written"
    assert dialog.target_combo.isEnabled()
    written = sorted(p.name for p in (tmp_path / ".claude" / "agents").iterdir())
    assert written == sorted(p.name.replace(".chatmode", "") for p in LIBRARY.glob("*.md"))


@pytest.fixture
def many(tmp_path) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    text = SMALL  # quick to export: the batch's time goes to the worker's bookkeeping
    for number in range(300):
        (folder / f"p{number:03}.chatmode.md").write_text(text, encoding="utf-8")
    return folder


def test_cancel_during_a_big_batch_stops_early_and_the_dialog_stays_usable(
    qtbot, tmp_path, many, monkeypatch
):
    real = export_dialog_module.write_item
    threads: set[bool] = set()

    def slow_write(*args, **kwargs):
        threads.add(threading.current_thread() is threading.main_thread())
        time.sleep(0.003)
        return real(*args, **kwargs)

    monkeypatch.setattr(export_dialog_module, "write_item", slow_write)
    out = tmp_path / "out"
    dialog = ExportDialog.for_paths([str(many)], LIGHT)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_target("claude-code")
    dialog.set_folder(str(out))
    settle(qtbot, dialog)
    assert statuses(dialog) == ["Ready"] * 300

    def cancel_soon(done: int, total: int) -> None:
        if done == 3:
            dialog.cancel_button.click()

    dialog.runner.progress.connect(cancel_soon)
    dialog.export_button.click()
    assert dialog.busy
    settle(qtbot, dialog)
    written = len(list((out / ".claude" / "agents").iterdir()))
    assert 3 <= written < 300
    assert threads == {False}  # written off the GUI thread
    assert statuses(dialog).count("Written") == written
    assert dialog.summary_label.text() == f"{written} written, {300 - written} cancelled"
    assert not dialog.progress.isVisible() and not dialog.cancel_button.isVisible()
    assert dialog.export_button.isEnabled() and dialog.target_combo.isEnabled()

    dialog.runner.progress.disconnect(cancel_soon)
    dialog.export_button.click()  # the rest, not the ones written already
    settle(qtbot, dialog)
    assert dialog.summary_label.text() == f"{300 - written} written"
    assert len(list((out / ".claude" / "agents").iterdir())) == 300


def test_cancel_while_checking_leaves_rows_not_checked_until_check_again(qtbot, tmp_path, many):
    dialog = ExportDialog.for_paths([str(many)], LIGHT)
    qtbot.addWidget(dialog)
    dialog.set_target("vscode-agent")

    def cancel_soon(done: int, total: int) -> None:
        if done == 2:
            dialog.cancel()

    dialog.runner.progress.connect(cancel_soon)
    dialog.set_folder(str(tmp_path / "out"))
    settle(qtbot, dialog)
    found = statuses(dialog)
    assert "Not checked (cancelled)" in found and found[0] == "Ready"
    assert "not checked" in dialog.summary_label.text()
    dialog.runner.progress.disconnect(cancel_soon)
    dialog.refresh_button.click()
    settle(qtbot, dialog)
    assert statuses(dialog) == ["Ready"] * 300


# -- settings and theme ----------------------------------------------------------------------------


def test_output_folder_and_target_are_remembered(qtbot, tmp_path):
    first = make_dialog(qtbot, [seed_source()], tmp_path, "claude-code", flat=True)
    first.close()
    second = ExportDialog([seed_source()], LIGHT)
    qtbot.addWidget(second)
    settle(qtbot, second)
    assert second.folder_edit.text() == str(tmp_path)
    assert second.target == "claude-code"
    assert second.flat
    assert column(second, 1) == ["backend.md"]


def test_without_a_folder_nothing_can_be_exported(qtbot):
    dialog = make_dialog(qtbot, [seed_source()], None, "vscode-agent")
    assert statuses(dialog) == ["Choose an output folder"]
    assert column(dialog, 1) == [".github/agents/backend.agent.md"]
    assert not dialog.export_button.isEnabled()


def test_controls_have_names_and_tooltips_and_the_theme_applies(qtbot, tmp_path):
    dialog = make_dialog(qtbot, [seed_source()], tmp_path, "vscode-agent")
    for widget in (
        dialog.target_combo,
        dialog.folder_edit,
        dialog.browse_button,
        dialog.flat_box,
        dialog.table,
        dialog.force_box,
        dialog.export_button,
        dialog.refresh_button,
        dialog.close_button,
        dialog.cancel_button,
        dialog.progress,
        dialog.details.overwrite,
        dialog.details.report,
        dialog.details.text_view,
    ):
        assert widget.accessibleName() and widget.toolTip(), widget
    dialog.apply_theme(DARK)
    assert dialog.palette().color(dialog.backgroundRole()).name() == DARK.window
    assert dialog.details.report.palette().base().color().name() == DARK.base


def test_closing_during_a_batch_stops_the_worker(qtbot, tmp_path, many):
    dialog = ExportDialog.for_paths([str(many)], LIGHT)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.runner.started):
        dialog.set_folder(str(tmp_path / "out"))
    dialog.close_button.click()
    assert not dialog.isVisible()
    assert dialog.runner.idle


def slow_bodies(blocks: int = 6, lines: int = 1900) -> tuple[str, str]:
    """Two bodies whose diff takes seconds (about one per block): unique headings between runs
    of repeated list items, every seventh item changed."""
    a_parts, b_parts = [], []
    for block in range(blocks):
        pick = random.Random(block)
        items = [f"- item {pick.randrange(50)}\n" for _ in range(lines)]
        a_parts.append(f"## Part {block}\n" + "".join(items))
        b_parts.append(
            f"## Part {block}\n"
            + "".join(
                item.replace("item", "entry") if index % 7 == 0 else item
                for index, item in enumerate(items)
            )
        )
    return "".join(a_parts), "".join(b_parts)


def test_cancel_while_checking_stops_the_diff_of_a_long_existing_file(qtbot, tmp_path):
    old_body, new_body = slow_bodies()
    folder = tmp_path / "long"
    folder.mkdir()
    for number in range(6):  # more than SYNC_LIMIT: checked in the worker
        text = f"---\ndescription: 'Long {number}'\n---\n\n# Long {number}\n\n{new_body}"
        (folder / f"long{number}.chatmode.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    dialog = ExportDialog.for_paths([str(folder)], LIGHT)
    qtbot.addWidget(dialog)
    dialog.set_target("claude-code")
    dialog.set_flat(True)
    dialog.set_folder(str(out))
    settle(qtbot, dialog)
    assert statuses(dialog) == ["Ready"] * 6
    out.mkdir()
    for row in dialog.model.rows:  # each destination now holds an older, different file
        Path(row.plan.destination).write_text(f"# Old\n\n{old_body}", encoding="utf-8")

    finished: list[bool] = []
    dialog.runner.finished.connect(finished.append)
    with qtbot.waitSignal(dialog.runner.started):
        dialog.refresh()
    job = dialog.runner.background.current
    qtbot.waitUntil(lambda: job.state == "running", timeout=5000)
    qtbot.wait(300)  # inside the first file's diff, which alone takes seconds
    started = time.perf_counter()
    dialog.cancel_button.click()
    assert dialog.runner.background.wait(5000)
    stopped = time.perf_counter() - started
    assert job.state == "cancelled" and dialog.runner.idle
    assert stopped < 1.0, f"the worker went on for {stopped:.2f} s after Cancel"
    settle(qtbot, dialog)
    assert finished == [True]
    assert statuses(dialog) == ["Not checked (cancelled)"] * 6


# -- other targets --------------------------------------------------------------------------------


def test_github_target_shows_each_lost_tool(qtbot, tmp_path):
    dialog = make_dialog(qtbot, [seed_source()], tmp_path, "github-copilot")
    assert dialog.choices.target_label == "GitHub Copilot agent (GitHub.com, Copilot CLI)"
    assert column(dialog, 1) == [".github/agents/backend.agent.md"]
    assert dialog.model.index(0, LOST_COLUMN).data() == "5"
    tooltip = dialog.model.index(0, LOST_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "vscodeAPI: no GitHub Copilot agent (GitHub.com, Copilot CLI) tool does what" in tooltip
    report = dialog.details.report.toPlainText()
    assert "New file: 5 named tools and tool sets, 2 whole MCP servers" in report


def test_a_skill_folder_goes_whole_with_unsaved_edits(qtbot, tmp_path):
    folder = tmp_path / "repo" / ".github" / "skills" / "notes-helper"
    (folder / "references").mkdir(parents=True)
    skill = folder / "SKILL.md"
    skill.write_text(
        "---\nname: notes-helper\ndescription: Takes notes.\n---\n"
        "Read [the guide](references/guide.md).\n",
        encoding="utf-8",
    )
    (folder / "references" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    session = DocumentSession.open(str(skill))
    session.apply_edit(set_field(session.snapshot, "description", "Takes better notes."))
    dialog = ExportDialog.for_session(session, LIGHT)
    qtbot.addWidget(dialog)
    dialog.set_target("claude-skills")
    out = tmp_path / "ws"
    dialog.set_folder(str(out))
    settle(qtbot, dialog)
    assert dialog.choices.target_label == "Claude Code skill folder (.claude/skills/)"
    assert dialog.where_label.text() == f"Files go to {out / '.claude' / 'skills'}/"
    assert column(dialog, 1) == [".claude/skills/notes-helper/SKILL.md"]
    assert "3 files" not in dialog.details.report.toPlainText()
    assert "2 files copied byte for byte" in dialog.details.report.toPlainText()

    with qtbot.waitSignal(dialog.exported):
        dialog.export_button.click()
    written = out / ".claude" / "skills" / "notes-helper"
    assert (written / "SKILL.md").read_text(encoding="utf-8") == session.text()
    assert "description: Takes better notes." in session.text()
    assert (written / "references" / "guide.md").read_text(encoding="utf-8") == "# Guide\n"
    assert statuses(dialog) == ["Written"]
