"""What the parts of the form that wait to be reached share (a list's rows, a list section's
card): whether they are near the screen, and how a part made late joins the window as if it had
been made at once (shown, and in its place in the Tab order)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QMoveEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

if TYPE_CHECKING:
    _Widget = QWidget
else:
    _Widget = object  # a mixin: the widget class comes after it


class Waiting(_Widget):
    """A stand-in for parts not made yet (mixed into a widget class, before it): shown, moved
    or resized, it may have come into view; after the layout pass that did it (nothing is made
    in the middle of one), `came_near` is called if it is still `waiting`."""

    _checking = False

    def waiting(self) -> bool:
        return True

    def came_near(self) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._check_soon()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._check_soon()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._check_soon()

    def _check_soon(self) -> None:
        if self.waiting() and not self._checking:
            self._checking = True
            QTimer.singleShot(0, self, self._check)

    def _check(self) -> None:
        self._checking = False
        if self.isVisible() and self.waiting():
            self.came_near()


def near_view(widget: QWidget) -> bool:
    """Whether a shown widget is on screen or within a quarter of a screen of it, in the scroll
    area that holds it. (A scroll makes what waits before anything paints; the margin is for a
    layout that moves it in, which is checked a moment later.)"""
    if not widget.isVisible():
        return False
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        return True  # shown, and no scroll area keeps it out of sight
    viewport = parent.viewport()
    if not viewport.isAncestorOf(widget):
        return True
    margin = viewport.height() // 4
    reach = viewport.rect().adjusted(-margin, -margin, margin, margin)
    return reach.intersects(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def show_made(parent: QWidget) -> None:
    """Show the children made late under a shown `parent`, now rather than when the layout
    would (a moment later, so that they would be missing from the next paint), except those
    hidden on purpose; then lay them out."""
    for child in _child_widgets(parent):
        hidden_on_purpose = child.testAttribute(
            Qt.WidgetAttribute.WA_WState_Hidden
        ) and child.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        if not hidden_on_purpose:
            child.show()
    layout = parent.layout()
    if layout is not None:
        layout.activate()


def order_tabs(anchor: QWidget, widgets: list[QWidget]) -> None:
    """Put `widgets` right after `anchor` in the Tab order, in the order given (a widget made
    late joins the end of its window's order). `anchor` takes the focus by Tab itself and is
    not their ancestor (Qt leaves the order alone otherwise)."""
    previous = anchor
    for widget in widgets:
        QWidget.setTabOrder(previous, widget)
        previous = widget


def tab_stop_before(widget: QWidget) -> QWidget:
    """The widget Tab comes from before it reaches `widget` or anything under it."""
    before = widget.previousInFocusChain()
    while before is not widget and (not _takes_tab(before) or widget.isAncestorOf(before)):
        before = before.previousInFocusChain()
    return before


def tab_stops(parent: QWidget) -> list[QWidget]:
    """The widgets under `parent` that can take the focus by Tab, in the order they were made
    (children before their parent's next sibling)."""
    found: list[QWidget] = []
    for child in _child_widgets(parent):
        if _takes_tab(child):
            found.append(child)
        found.extend(tab_stops(child))
    return found


def focusables(parent: QWidget) -> list[QWidget]:
    """The widgets under `parent` that Tab stops at now (shown and enabled), in Tab order once
    `order_tabs` has placed them."""
    return [w for w in tab_stops(parent) if w.isVisibleTo(parent) and w.isEnabled()]


def _child_widgets(parent: QWidget) -> list[QWidget]:
    return [
        child for child in parent.children() if isinstance(child, QWidget) and not child.isWindow()
    ]


def _takes_tab(widget: QWidget) -> bool:
    tab = Qt.FocusPolicy.TabFocus.value
    return (widget.focusPolicy().value & tab) == tab
