"""The Problems panel's Quick Fix on a missing section inserts its heading where the schema's
order puts it, as one undo step."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import LIGHT
from persona_studio.gui.window.validator_panel import (
    MESSAGE_COLUMN,
    RULE_COLUMN,
    ValidatorPanel,
)


def test_quick_fix_inserts_the_missing_section_in_schema_order(qtbot, seed_text):
    # The seed without its Primary Question section.
    text = re.sub(r"## Primary Question\n.*?(?=## Decision Pattern)", "", seed_text, flags=re.S)
    session = DocumentSession(text, path="x.chatmode.md")
    panel = ValidatorPanel(LIGHT)
    qtbot.addWidget(panel)
    panel.set_session(session)
    panel.show()
    rows = [
        row
        for row in range(panel.proxy.rowCount())
        if panel.proxy.index(row, RULE_COLUMN).data() == "missing-section"
    ]
    assert len(rows) == 1
    assert "Primary Question" in panel.proxy.index(rows[0], MESSAGE_COLUMN).data()
    panel.view.setCurrentIndex(panel.proxy.index(rows[0], 0))
    assert "Insert a 'Primary Question' section" in panel.quick_fix_button.toolTip()
    qtbot.mouseClick(panel.quick_fix_button, Qt.MouseButton.LeftButton)
    fixed = session.text()
    assert fixed == text.replace(
        "## Decision Pattern", "## Primary Question\n\n## Decision Pattern", 1
    )
    session.undo()
    assert session.text() == text
