"""The front-matter fields of the form: one editor for every key the target knows (text,
check boxes with a "not set" state, choices, ordered lists, handoff cards: `keys/`).

The target decides which fields are offered; a field the target does not know is still shown when
the file has it (with a note). Keys the form does not edit are shown read-only with their text as
written, and never touched.
"""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.catalog import Target
from persona_studio.core.catalog.descriptions import model_names, tool_description
from persona_studio.core.document import Document
from persona_studio.core.edits import editable_text, remove_field, set_field
from persona_studio.core.frontmatter import Entry
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.keys import (
    BOOLEAN,
    CHOICE,
    HANDOFFS,
    LIST,
    TEXT,
    editor_kind,
    fits,
    key_label,
)
from persona_studio.gui.structured.keys.boolean import TriStateBox, boolean_default
from persona_studio.gui.structured.keys.handoffs import (
    HandoffsEditor,
    workspace_agents,
    workspace_index,
)
from persona_studio.gui.structured.keys.value_list import ValueListEditor, list_of
from persona_studio.gui.structured.style import BoxLabel
from persona_studio.gui.structured.widgets import (
    CommitLineEdit,
    CommitTextEdit,
    set_accessible_text,
    set_tone,
)

EDITABLE = ("name", "description", "argument-hint", "model", "target")
LABELS = {
    "name": "Name",
    "description": "Description",
    "argument-hint": "Argument hint",
    "model": "Model",
    "target": "Target",
}
PLACEHOLDERS = {
    "name": "The name shown in the agent picker (defaults to the file name)",
    "description": "One line that says what this persona does",
    "argument-hint": "A hint shown in the chat input, e.g. “Describe the service to review”",
    "model": "Default model; a comma-separated list is tried in order",
}
UNSET = "Unset (VS Code and GitHub.com)"
NOT_SET = "Not set"
KEPT_NOTE = "Not edited here; kept as written."


def display_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


MULTI_LINE_KEYS = "Return starts a new line; Ctrl+Return or leaving the field saves the text."


def shown_value(document: Document, key: str) -> str:
    """What a field shows: the value's words, without the final line break a block scalar's
    chomping adds (typing goes into the value, never after it)."""
    front = document.front_matter
    entry = front.entry(key) if front is not None and front.error is None else None
    if entry is not None and entry.kind == "scalar" and isinstance(entry.value, str):
        return editable_text(document, entry)[0]
    return display_value(document.data.get(key))


def takes_lines(document: Document, key: str, shown: str) -> bool:
    """Whether a value is edited over several lines: a literal block (`|`, `|-`, `|+`) or a
    text that already holds line breaks."""
    front = document.front_matter
    entry = front.entry(key) if front is not None and front.error is None else None
    literal = entry is not None and entry.kind == "scalar" and entry.style == "|"
    return literal or "\n" in shown


def is_editable(key: str, value: Any) -> bool:
    if key not in EDITABLE:
        return False
    if isinstance(value, list):
        return key == "model" and all(isinstance(item, str) for item in value)
    return not isinstance(value, dict)


def raw_value(document: Document, entry: Entry) -> str:
    """The value of an entry as written (a block value dedented)."""
    text = document.text[entry.colon + 1 : entry.line_span.end].rstrip()
    first, _, rest = text.partition("\n")
    if not first.strip():
        return textwrap.dedent(rest)
    return first.strip() + ("\n" + textwrap.dedent(rest) if rest else "")


class FieldsPanel(QWidget):
    """A form layout of the editable keys, then the keys kept as written."""

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._layout_key: tuple = ()
        self._widgets: dict[str, QWidget] = {}
        self._notes: dict[str, QLabel] = {}

    def set_narrow(self, narrow: bool) -> None:
        """Narrow: each label above its field, so a long label takes no width from the field."""
        policy = (
            QFormLayout.RowWrapPolicy.WrapAllRows
            if narrow
            else QFormLayout.RowWrapPolicy.DontWrapRows
        )
        if self.form.rowWrapPolicy() != policy:
            self.form.setRowWrapPolicy(policy)
            align = Qt.AlignmentFlag.AlignLeft if narrow else Qt.AlignmentFlag.AlignRight
            self.form.setLabelAlignment(align | Qt.AlignmentFlag.AlignTop)

    # -- public ---------------------------------------------------------------------------------
    def field_widget(self, key: str) -> QWidget | None:
        return self._widgets.get(key)

    def refresh(self, document: Document) -> None:
        target = self.context.target
        front = document.front_matter
        broken = front is not None and front.error is not None
        entries = [] if front is None else list(front.entries)
        present = {entry.key: entry for entry in entries}
        data = document.data
        rows: list[tuple[str, str]] = []
        offered = [
            # A key the file spells by an accepted alias (`user-invokable`) is edited as written.
            next((alias for alias in spec.aliases if alias in present), key)
            for key, spec in target.keys.items()
            if not spec.hidden and editor_kind(key, spec) is not None
        ]
        offered.sort(key=lambda key: editor_kind(key, target.key(key)) == HANDOFFS)
        # Keys of the form's first fields that this target does not know, when the file has them.
        offered += [key for key in EDITABLE if key in present and key not in offered]
        for key in offered:
            kind = self._kind(key, target)
            if kind == TEXT and key == "model" and isinstance(data.get(key), list):
                kind = LIST  # a model list where the reader takes one name: still editable
            if key in present and not fits(kind, data.get(key)) and not broken:
                continue  # shown read-only below
            rows.append((key, kind))
        shown = {key for key, _kind in rows}
        for key in present:
            if key == "tools" or key in shown:
                continue
            rows.append((key, "raw"))
        layout_key = (target.id, tuple(rows))
        if layout_key != self._layout_key:
            self._rebuild(rows, target)
            self._layout_key = layout_key
        own = self.context.own_edit
        for key, kind in rows:
            widget = self._widgets[key]
            if kind == "raw":
                assert isinstance(widget, QLabel)
                widget.setText(raw_value(document, present[key]))
                continue
            value = shown_value(document, key)
            if kind == BOOLEAN:
                assert isinstance(widget, TriStateBox)
                current = data.get(key)
                widget.set_value(current if isinstance(current, bool) else None)
            elif kind == LIST:
                assert isinstance(widget, ValueListEditor)
                widget.set_values(list_of(key, data.get(key)), self._suggestions(key))
            elif kind == HANDOFFS:
                assert isinstance(widget, HandoffsEditor)
                widget.refresh(document)
            elif isinstance(widget, QComboBox):
                self._set_combo(widget, data.get(key))
            else:
                if key == "description" and isinstance(widget, CommitTextEdit):
                    self._set_lines(widget, takes_lines(document, key, value))
                widget.set_value(value, own_edit=own)  # type: ignore[attr-defined]
            note = self._notes.get(key)
            if note is not None:
                note.setVisible(target.key(key) is None and key in present)

    # -- building -------------------------------------------------------------------------------
    def _rebuild(self, rows: list[tuple[str, str]], target: Target) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self._widgets.clear()
        self._notes.clear()
        for key, kind in rows:
            if kind == "raw":
                self._add_raw_row(key, target)
            else:
                self._add_field_row(key, target, kind)

    def _label(self, text: str, tooltip: str) -> QLabel:
        label = QLabel(text, self)
        label.setToolTip(tooltip)
        metrics = QFontMetrics(label.font())
        # Line the label up with the first line of text in its field.
        label.setContentsMargins(0, metrics.height() // 4, 0, 0)
        return label

    def _add_field_row(self, key: str, target: Target, kind: str = TEXT) -> None:
        spec = target.key(key)
        theme = self.context.theme
        name = LABELS.get(key) or key_label(key)
        help_text = spec.help if spec is not None and spec.help else name
        tooltip = f"{help_text}\n(front-matter key '{key}')"
        if kind == CHOICE:
            widget: QWidget = self._choice_combo(key, spec.values if spec else (), tooltip)
        elif kind == BOOLEAN:
            box = TriStateBox(name, tooltip, boolean_default(help_text), self)
            box.chosen.connect(lambda value, k=key: self._set_boolean(k, value))
            widget = box
        elif kind == LIST:
            widget = ValueListEditor(
                key, name, tooltip, self.context, self, describe=self._describer(key)
            )
        elif kind == HANDOFFS:
            widget = HandoffsEditor(self.context, self._agent_names, self._model_names, self)
            widget.setToolTip(tooltip)
        elif key == "description":
            field = CommitTextEdit(
                name,
                tooltip,
                theme,
                self,
                single_line=True,
                min_lines=2,
                max_lines=5,
                defer_empty=True,
            )
            field.setPlaceholderText(PLACEHOLDERS[key])
            field.committed.connect(lambda text, final, k=key: self._commit(k, text, final))
            widget = field
        else:
            line = CommitLineEdit(name, tooltip, theme, self, defer_empty=True)
            line.setPlaceholderText(PLACEHOLDERS.get(key, ""))
            line.setClearButtonEnabled(True)
            offered = list(spec.values) if spec is not None and spec.values else []
            if key == "model":
                offered = self._model_names()
            if offered:
                completer = QCompleter(offered, line)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                line.setCompleter(completer)
            line.committed.connect(lambda text, final, k=key: self._commit(k, text, final))
            widget = line
        self._widgets[key] = widget
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(widget)
        note = QLabel(f"{target.label} does not read this key.", holder)
        set_tone(note, "note", theme)
        note.setWordWrap(True)
        note.hide()
        column.addWidget(note)
        self._notes[key] = note
        label = self._label(name, tooltip)
        label.setBuddy(widget)
        if kind == HANDOFFS:
            # The cards take the whole width, under their title: they hold a form of their own.
            label.setContentsMargins(0, 0, 0, 0)
            set_tone(label, "subheading", theme)
            self.form.addRow(label)
            self.form.addRow(holder)
            return
        self.form.addRow(label, holder)

    def _add_raw_row(self, key: str, target: Target) -> None:
        spec = target.key(key)
        about = (
            spec.help
            if spec is not None and spec.help
            else f"'{key}' is not a key of {target.label}."
        )
        tooltip = f"{about}\n{KEPT_NOTE} Change it in the Source view."
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        theme = self.context.theme
        value = BoxLabel(holder)
        value.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        set_tone(value, "rawValue", theme)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_accessible_text(value, f"{key} (read-only)", tooltip)
        column.addWidget(value)
        note = QLabel(KEPT_NOTE, holder)
        set_tone(note, "note", theme)
        column.addWidget(note)
        self._widgets[key] = value
        label = self._label(key, tooltip)
        set_tone(label, "rawKey", theme)
        label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.form.addRow(label, holder)

    def _choice_combo(self, key: str, values: tuple[str, ...], tooltip: str) -> QComboBox:
        combo = QComboBox(self)
        set_accessible_text(combo, LABELS.get(key) or key_label(key), tooltip)
        combo.addItem(UNSET if key == "target" else NOT_SET, None)
        for value in values:
            combo.addItem(value, value)
        combo.activated.connect(lambda _index: self._choice_chosen(key, combo))
        return combo

    def _kind(self, key: str, target: Target) -> str:
        kind = editor_kind(key, target.key(key))
        if kind is not None:
            return kind
        return CHOICE if key == "target" else TEXT  # a first field the target does not know

    def _suggestions(self, key: str) -> list[str]:
        if key == "model":
            return self._model_names()
        if key == "agents":
            return ["*", *self._agent_names()]
        if key in ("disallowedTools", "allowed-tools"):
            return [name for _group, names in self.context.target.tool_groups() for name in names]
        if key == "skills":
            found = workspace_index(self.context)
            return sorted(found.skills, key=str.casefold) if found is not None else []
        spec = self.context.target.key(key)
        return list(spec.values) if spec is not None else []

    def _describer(self, key: str):
        if key in ("disallowedTools", "allowed-tools"):
            return lambda name: tool_description(name, self.context.target)
        if key == "agents":
            return lambda name: "All agents" if name == "*" else ""
        return None

    def _agent_names(self) -> list[str]:
        return workspace_agents(self.context)

    def _model_names(self) -> list[str]:
        return model_names(self.context.catalog, self.context.target.id)

    def _set_combo(self, combo: QComboBox, value: Any) -> None:
        index = combo.findData(value) if value is not None else 0
        if index < 0:
            combo.addItem(f"{value} (not a known value)", value)
            index = combo.count() - 1
        if combo.currentIndex() != index:
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    # -- edits ----------------------------------------------------------------------------------
    def _choice_chosen(self, key: str, combo: QComboBox) -> None:
        value = combo.currentData()

        def make(document: Document):
            if document.data.get(key) == value:
                return None
            if value is None:
                return remove_field(document, key)
            return set_field(document, key, value)

        self.context.apply(make)

    def _set_boolean(self, key: str, value: bool | None) -> None:
        def make(document: Document):
            current = document.data.get(key)
            if current is value or (value is None and key not in document.data):
                return None
            if value is None:
                return remove_field(document, key)
            return set_field(document, key, value)

        self.context.apply(make)

    def _commit(self, key: str, text: str, final: bool) -> None:
        def make(document: Document):
            current = document.data.get(key)
            value = text.strip()
            if value == shown_value(document, key):
                return None
            if not value:
                if key == "description":
                    return set_field(document, key, "")
                present = document.front_matter is not None and document.front_matter.entry(key)
                return remove_field(document, key) if present else None
            if key == "model" and (isinstance(current, list) or self._model_list(value)):
                return set_field(document, key, [p.strip() for p in value.split(",") if p.strip()])
            spec = self.context.target.key(key)
            if spec is not None and spec.base_type == "integer" and value.lstrip("-").isdigit():
                return set_field(document, key, int(value))
            # The words change; a block's final line break stays the block's.
            return set_field(document, key, value, keep_ending=True)

        self.context.apply(make)

    def _set_lines(self, field: CommitTextEdit, multi_line: bool) -> None:
        """A description written as a literal block, or holding line breaks, is edited over
        several lines; any other one on one line."""
        if field.single_line != (not multi_line) and not field.dirty:
            field.set_single_line(not multi_line, max_lines=12 if multi_line else 5)
            base = field.toolTip().split("\n\n")[0]
            field.setToolTip(f"{base}\n\n{MULTI_LINE_KEYS}" if multi_line else base)

    def _model_list(self, value: str) -> bool:
        spec = self.context.target.key("model")
        return "," in value and spec is not None and "list" in spec.type
