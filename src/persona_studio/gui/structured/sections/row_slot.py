"""Where a list editor's rows stand until the user gets to them.

A persona's lists take some 50 rows of five widgets each, nearly all of them below the first
screen of the form: about 3 MB the first window would hold for rows nobody has seen yet. So a
list editor makes its rows when they come near the screen (scrolled or laid out into view), when
the keyboard reaches them (Tab), or when anything asks for them (`ListEditor.rows`). Until then a
`RowSlot` stands in their place: it asks the layout for exactly the room the rows would take
(measured on one sample row), so the form's height, its scroll bar and everything below the list
are where they would be, and it holds the rows' place in the Tab order.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QWidget

from persona_studio.gui.structured.sections.waiting import Waiting, near_view


class RowSlot(Waiting, QWidget):
    """The room of rows not made yet. `wanted(reason)` is called when it gets the keyboard
    focus; `near()` when it may have come into view (the editor decides)."""

    def __init__(
        self,
        wanted: Callable[[Qt.FocusReason], None],
        near: Callable[[], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._wanted, self._near = wanted, near
        self._hint = self._minimum = QSize(0, 0)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def hold(self, count: int, spacing: int, hint: QSize, minimum: QSize) -> None:
        """Take the room of `count` rows of one sample row's size hints, `spacing` apart."""
        between = spacing * (count - 1)
        self._hint = QSize(hint.width(), hint.height() * count + between)
        self._minimum = QSize(minimum.width(), minimum.height() * count + between)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab comes here, and on to the rows
        self.updateGeometry()
        self.show()

    def release(self) -> None:
        """The rows are there (or there are none): take no room; keep the place in Tab order."""
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return self._minimum

    def near_view(self) -> bool:
        """Whether the slot is on screen or within a quarter of a screen of it."""
        return near_view(self)

    # -- what may bring it into view ------------------------------------------------------------
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._wanted(event.reason())

    def came_near(self) -> None:
        self._near()
