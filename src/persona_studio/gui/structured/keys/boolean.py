"""A check box with a third state, "not set": the key is left out and the reader's default
applies. A click goes not set -> the opposite of the default -> the default -> not set."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QWidget

from persona_studio.gui.structured.widgets import set_accessible_text


class TriStateBox(QCheckBox):
    """`chosen(object)` sends True, False or None (not set) when the user clicks."""

    chosen = Signal(object)

    def __init__(
        self, name: str, tooltip: str, default: bool | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        set_accessible_text(self, name, tooltip)
        self.setTristate(True)
        self.default = default
        self._value: bool | None = None
        self.set_value(None)
        self.clicked.connect(lambda _checked: self.chosen.emit(self.value()))

    def value(self) -> bool | None:
        state = self.checkState()
        if state == Qt.CheckState.PartiallyChecked:
            return None
        return state == Qt.CheckState.Checked

    def set_value(self, value: bool | None) -> None:
        self._value = value
        state = (
            Qt.CheckState.PartiallyChecked
            if value is None
            else (Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        )
        self.blockSignals(True)
        self.setCheckState(state)
        self.blockSignals(False)
        self._update_text()

    def nextCheckState(self) -> None:
        order = [None, not self.default if self.default is not None else True]
        order.append(not order[1])
        current = self.value()
        following = order[(order.index(current) + 1) % 3] if current in order else None
        self.set_value(following)

    def _update_text(self) -> None:
        value = self.value()
        if value is None:
            default = "" if self.default is None else f" (default {str(self.default).lower()})"
            self.setText(f"Not set{default}")
        else:
            self.setText(str(value).lower())


def boolean_default(help_text: str) -> bool | None:
    """The default a key's help states ("Default true." / "Default false.")."""
    lowered = help_text.casefold()
    if "default true" in lowered:
        return True
    if "default false" in lowered:
        return False
    return None
