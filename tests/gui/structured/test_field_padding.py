"""The padding of the form's fields and item views, kept without a Python `subElementRect`
override (PySide's type discovery on a bare QStyleOption made every QStyleOption subclass: about
0.45 MB of the first window's peak; test_first_window_loads checks none is made): a text box's
text inside its border and padding, a line edit's text drawn where a plain line edit inside
them draws it, an item's parts inside its padding."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QStyle, QStyleOptionViewItem

from _shared import SEED as SEED_PATH
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.structured.glyphs import CheckStyle
from persona_studio.gui.structured.style import FieldStyle, Metrics, ViewStyle
from persona_studio.gui.structured.widgets import CommitLineEdit, CommitTextEdit
from persona_studio.gui.theme import DARK, LIGHT


def pad_of(widget) -> int:
    return Metrics.of(QFontMetrics(widget.font())).pad


def test_no_style_of_the_form_overrides_sub_element_rect():
    for style in (ViewStyle, CheckStyle, FieldStyle):
        assert "subElementRect" not in vars(style), style.__name__


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_a_text_box_pads_its_text_as_before(qtbot, theme):
    box = CommitTextEdit("Notes", "Some notes", theme)
    qtbot.addWidget(box)
    box.resize(300, 10)
    box.show()
    across, down = 1 + pad_of(box), 1  # the border, and the padding across
    spacing = QFontMetrics(box.font()).lineSpacing()
    margin = int(2 * box.document().documentMargin())
    # Two lines high (its least), the border and padding counted as its frame's were.
    assert box.height() == 2 * spacing + margin + 2 * across + 2 * down + 1
    assert box.viewport().geometry() == box.rect().adjusted(across, down, -across, -down)
    plain = QPlainTextEdit()  # its least size grows with the padding, as it did
    qtbot.addWidget(plain)
    extra = 2 * (across - plain.frameWidth())
    assert box.minimumSizeHint() == plain.minimumSizeHint() + QSize(extra, extra)

    box.set_value("\n".join(f"line {n}" for n in range(30)))  # past its most lines: a scroll bar
    qtbot.waitUntil(lambda: box.verticalScrollBar().isVisible())
    bar = box.verticalScrollBar().parentWidget().geometry()
    assert box.viewport().geometry() == QRect(
        across, down, box.width() - 2 * across - bar.width(), box.height() - 2 * down
    )


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_a_line_edit_draws_its_text_inside_the_border_and_padding(qtbot, theme):
    line = CommitLineEdit("Name", "The name", theme)
    qtbot.addWidget(line)
    line.setText("Backend gjpq")
    line.resize(260, line.sizeHint().height())
    line.show()
    pad = pad_of(line)
    across, down = 1 + 2 * pad, 1 + pad
    metrics = QFontMetrics(line.font())
    assert line.sizeHint() == QSize(
        metrics.horizontalAdvance("x") * 17 + 4 + 2 * across,
        max(metrics.height(), 14) + 2 + 2 * down,
    )
    # A frameless line edit of the base style as big as the inside draws the same pixels.
    plain = QLineEdit("Backend gjpq")
    qtbot.addWidget(plain)
    plain.setFrame(False)
    plain.setFont(line.font())
    plain.setPalette(line.palette())
    plain.resize(line.width() - 2 * across, line.height() - 2 * down)
    plain.setCursorPosition(0)
    line.setCursorPosition(0)
    inside = line.grab().toImage().copy(QRect(QPoint(across, down), plain.size()))
    drawn = plain.grab().toImage()
    assert inside.convertToFormat(drawn.format()) == drawn


def test_an_items_parts_sit_inside_its_padding(qtbot):
    editor = StructuredEditor(DocumentSession(SEED_PATH.read_text(encoding="utf-8")), LIGHT)
    qtbot.addWidget(editor)
    editor.resize(700, 1000)
    editor.show()
    tree = editor.tool_picker.tree
    qtbot.waitUntil(tree.isVisible)
    item = next(
        it
        for it in tree._items()
        if it.parent() is not None and it.checkState(0) == Qt.CheckState.Checked
    )
    item.parent().setExpanded(True)
    tree.scrollToItem(item)
    pad = pad_of(tree)
    whole = tree.visualItemRect(item)
    # Where the check box was: the base style's, for the item inside its padding.
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    option.rect = whole.adjusted(0, pad, 0, -pad)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
    option.text = item.text(0)
    option.icon = item.icon(0)
    option.decorationSize = tree.iconSize()
    option.checkState = Qt.CheckState.Checked
    base = tree.style().baseStyle()
    check = base.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree)
    # The ticked box drawn there (`CheckStyle`: filled in the accent colour).
    image = tree.viewport().grab().toImage()
    accent = QColor(LIGHT.accent).rgb()
    points = [
        (x, y)
        for y in range(whole.top(), whole.bottom() + 1)
        for x in range(whole.left(), check.right() + 4)
        if image.pixel(x, y) == accent
    ]
    assert points
    xs, ys = [x for x, _ in points], [y for _, y in points]
    painted = QRect(QPoint(min(xs), min(ys)), QPoint(max(xs), max(ys)))
    assert check.contains(painted)
    assert abs(painted.center().y() - check.center().y()) <= 1
    # A click on it unticks the tool (the delegate finds it there too).
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=check.center())
    assert item.checkState(0) == Qt.CheckState.Unchecked
    # The Migrate buttons stand inside the padding (test_structured_editor checks their height).
    legacy = tree.topLevelItem(0).child(0)
    button = tree.itemWidget(legacy, 1)
    row = tree.visualItemRect(legacy)
    assert button.geometry().top() == row.top() + pad
    assert button.geometry().bottom() == row.bottom() - pad
