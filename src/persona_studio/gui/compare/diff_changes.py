"""The changes of the diff window: which one is current, next and previous, and copying one into
the open document (one undoable core edit) or undoing that; when that document closes, its side
keeps its last text and takes no more copies.

`ChangeCommands` is a part of `DiffWindow` (diff_view.py), kept here to keep each file about one
thing: it reads the window's shown layout, panes, sides and toolbar actions, and moves the view
with the window's `_go_to_row`.
"""

from __future__ import annotations

from dataclasses import replace

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMenu

from persona_studio.core.diffview.copy_change import change_edit
from persona_studio.core.diffview.layout import Block


class ChangeCommands:
    """Next, previous, the current change, Copy to Document and Undo, for `DiffWindow`."""

    def change_count(self) -> int:
        layout = self.layout_shown()
        return len(layout.blocks) if layout is not None else 0

    def current_block(self) -> Block | None:
        layout = self.layout_shown()
        return layout.block_at(self._nav_pane().current_row()) if layout is not None else None

    def current_change(self) -> int:
        """The index of the change under the cursor, or -1."""
        block = self.current_block()
        return block.index if block is not None else -1

    def go_to_change(self, index: int) -> None:
        layout = self.layout_shown()
        if layout is not None and 0 <= index < len(layout.blocks):
            self._go_to_row(layout.blocks[index].first)

    def next_change(self) -> None:
        layout = self.layout_shown()
        if layout is None:
            return
        row = self._nav_pane().current_row()
        for block in layout.blocks:
            if block.first > row:
                self._go_to_row(block.first)
                return

    def previous_change(self) -> None:
        layout = self.layout_shown()
        if layout is None:
            return
        row = self._nav_pane().current_row()
        for block in reversed(layout.blocks):
            if block.first < row:
                self._go_to_row(block.first)
                return

    def _cursor_moved(self, *_: object) -> None:
        block = self.current_block()
        for pane in self.panes():
            pane.set_frame(*((block.first, block.last) if block is not None else (None, None)))
        count = self.change_count()
        if block is not None:
            text = f"Change {block.index + 1} of {count}"
        else:
            text = f"{count} change{'s' if count != 1 else ''}" if count else "No changes"
        self.position_label.setText(text)
        self._update_actions()

    def _update_actions(self, *_: object) -> None:
        layout = self.layout_shown()
        row = self._nav_pane().current_row()
        blocks = layout.blocks if layout is not None else ()
        self.next_action.setEnabled(any(block.first > row for block in blocks))
        self.previous_action.setEnabled(any(block.first < row for block in blocks))
        target = self._target_side()
        block = self.current_block()
        self.copy_action.setEnabled(target is not None and block is not None and not self.is_busy())
        if target is None:
            tip = "Open one side as a document to copy changes into it"
        else:
            source = self._sides[1 - target].label
            tip = (
                f"Make the current change in {self._sides[target].label} the same as in "
                f"{source} (one step to undo)"
            )
        self.toolbar.set_copy_tip(tip)
        session = self._sides[target].session if target is not None else None
        self.undo_action.setEnabled(session is not None and session.text_document.isUndoAvailable())

    # -- copying into the document ------------------------------------------------------------
    def _target_side(self) -> int | None:
        """The side (0 or 1) whose open document receives copied changes: the right first."""
        for index in (1, 0):
            session = self._sides[index].session
            if session is not None and shiboken6.isValid(session):
                return index
        return None

    def copy_change_to_document(self, index: int | None = None) -> bool:
        """Replace the lines of a change (the current one by default) in the open document with
        the other side's lines, as one undo step; then refresh. False if nothing was done."""
        target = self._target_side()
        layout = self.layout_shown()
        if target is None or layout is None or self._result is None or self.is_busy():
            return False
        block = self.current_block() if index is None else None
        if index is not None and 0 <= index < len(layout.blocks):
            block = layout.blocks[index]
        if block is None:
            return False
        session = self._sides[target].session
        diff = self._result.diff
        if session.text() != "".join(diff.b_lines if target == 1 else diff.a_lines):
            self.refresh()  # the document changed since: compare again, the user retries
            return False
        edit = change_edit(diff, block.chunk, "b" if target == 1 else "a")
        row = block.first
        session.apply_edit(edit)
        self.refresh()
        shown = self.layout_shown()
        if shown is not None and shown.row_count:
            self._go_to_row(min(row, shown.row_count - 1))
        return True

    def undo(self) -> None:
        target = self._target_side()
        if target is not None:
            self._sides[target].session.undo()
            self.refresh()

    def _fill_menu(self, menu: QMenu, row: int) -> None:
        layout = self.layout_shown()
        block = layout.block_at(row) if layout is not None else None
        menu.addSeparator()
        copy = menu.addAction("Copy This Change to Document")
        copy.setEnabled(block is not None and self._target_side() is not None)
        copy.setToolTip(self.copy_action.toolTip())
        if block is not None:
            copy.triggered.connect(lambda: self.copy_change_to_document(block.index))
        menu.addAction(self.previous_action)
        menu.addAction(self.next_action)

    def _session_destroyed(self, *_: object) -> None:
        # Not from inside the destructor: on the next turn of the event loop (none at shutdown;
        # cancelled when this window goes first).
        QTimer.singleShot(0, self, self._forget_closed_sessions)

    def _forget_closed_sessions(self) -> None:
        """An open document was closed: keep its last text, without copying into it."""
        changed = False
        for index, side in enumerate(self._sides):
            if side.session is not None and not shiboken6.isValid(side.session):
                self._sides[index] = replace(side, label=f"{side.label} (closed)", session=None)
                changed = True
        if changed:
            self._update_titles()
            self._update_actions()
