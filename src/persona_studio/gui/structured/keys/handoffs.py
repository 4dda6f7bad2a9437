"""Handoffs as a list of cards: each handoff's label, the agent it hands to (picked by display
name from the workspace's agents and the reader's own), its prompt, whether it sends at once,
whether it shows "continue on", and its model. Each change is one span edit of that property."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.document import Document
from persona_studio.core.edits.handoffs import (
    Handoff,
    add_handoff,
    handoffs,
    move_handoff,
    remove_handoff,
    set_handoff_property,
)
from persona_studio.core.readers import filekind, workspace
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.frames import card_frame
from persona_studio.gui.structured.keys.boolean import TriStateBox
from persona_studio.gui.structured.widgets import (
    CommitLineEdit,
    CommitTextEdit,
    GlyphButton,
    set_accessible_text,
    set_tone,
)

HELP = {
    "label": "The button's text under the agent's answer.",
    "agent": "The agent the conversation is handed to, by its display name (its name: key).",
    "prompt": "The text put in the chat input when the button is pressed.",
    "send": "True sends the prompt at once. Default false.",
    "showContinueOn": "Whether the button offers to continue in another place.",
    "model": "The model the next agent runs on (newer VS Code builds).",
}


def workspace_agents(context: FormContext) -> list[str]:
    """The agents a handoff or an `agents:` list may name: the workspace's, by display name,
    then the reader's own (VS Code's Agent, Ask, Edit, Plan)."""
    found = workspace_index(context)
    names = found.agent_names() if found is not None else []
    names += [name for name in context.target.builtin_agents if name not in names]
    return names


def workspace_index(context: FormContext) -> workspace.Index | None:
    """The agents and skills beside the file (None for an unsaved file or no workspace)."""
    path = context.session.path
    root = filekind.workspace_root(path) if path else None
    return workspace.index(root, context.catalog) if root is not None else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


class AgentCombo(QComboBox):
    """An editable choice of agent display names; commits when one is picked or typed."""

    def __init__(self, name: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        # Long names must not widen the form: the box takes the width the layout gives it.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        set_accessible_text(self, name, tooltip)
        self._names: list[str] = []
        self.commit: Callable[[str], None] = lambda _text: None
        self.activated.connect(lambda _index: self._done())
        line = self.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._done)

    def _done(self) -> None:
        line = self.lineEdit()
        if line is not None:
            line.setModified(False)  # the file's value shows again from the next refresh
        self.commit(self.currentText())

    def set_choices(self, names: list[str], current: str) -> None:
        if names != self._names:
            self.blockSignals(True)
            self.clear()
            self.addItems(names)
            self.blockSignals(False)
            self._names = list(names)
        line = self.lineEdit()
        if self.currentText() != current and not (line is not None and line.isModified()):
            self.blockSignals(True)
            self.setEditText(current)
            self.blockSignals(False)


class HandoffCard(QWidget):
    """One handoff's fields and its move/remove buttons."""

    def __init__(self, editor: HandoffsEditor, index: int) -> None:
        super().__init__(editor)
        self.editor = editor
        self.index = index
        context = editor.context
        theme = context.theme
        frame, layout = card_frame(self, theme)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        header = QHBoxLayout()
        self.title = QLabel(frame)
        set_tone(self.title, "subheading", theme)
        # A long label wraps rather than widening the card past a narrow form.
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        header.addWidget(self.title, 1)
        self.up = GlyphButton("up", "Move handoff up", "Move this handoff up", theme, frame)
        self.down = GlyphButton("down", "Move handoff down", "Move this handoff down", theme, frame)
        self.remove = GlyphButton("delete", "Remove handoff", "Remove this handoff", theme, frame)
        self.up.clicked.connect(lambda: editor.move(self.index, self.index - 1))
        self.down.clicked.connect(lambda: editor.move(self.index, self.index + 1))
        self.remove.clicked.connect(lambda: editor.remove(self.index))
        for button in (self.up, self.down, self.remove):
            header.addWidget(button)
        layout.addLayout(header)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above when narrow
        layout.addLayout(form)

        def tip(key: str) -> str:
            return f"{HELP[key]}\n(handoff property '{key}')"

        self.label = CommitLineEdit("Handoff label", tip("label"), theme, frame, defer_empty=True)
        self.label.committed.connect(lambda text, _final: self._set("label", text.strip()))
        self.agent = AgentCombo("Handoff agent", tip("agent"), frame)
        self.agent.commit = lambda text: self._set("agent", text.strip())
        self.prompt = CommitTextEdit(
            "Handoff prompt", tip("prompt"), theme, frame, min_lines=2, max_lines=8
        )
        self.prompt.committed.connect(lambda text, _final: self._set("prompt", text, keep=True))
        self.send = TriStateBox("Send at once", tip("send"), False, frame)
        self.send.chosen.connect(lambda value: self._set("send", value))
        self.continue_on = TriStateBox("Show continue on", tip("showContinueOn"), None, frame)
        self.continue_on.chosen.connect(lambda value: self._set("showContinueOn", value))
        self.model = CommitLineEdit("Handoff model", tip("model"), theme, frame, defer_empty=True)
        self.model.setPlaceholderText("The agent's own model")
        self.model.setClearButtonEnabled(True)
        self.model.committed.connect(lambda text, final: self._set_model(text, final))
        self._models: list[str] = []
        for text, widget in (
            ("Label", self.label),
            ("Agent", self.agent),
            ("Prompt", self.prompt),
            ("Send", self.send),
            ("Show continue on", self.continue_on),
            ("Model", self.model),
        ):
            row_label = QLabel(text, frame)
            row_label.setBuddy(widget)
            row_label.setToolTip(widget.toolTip())
            form.addRow(row_label, widget)

    def show_handoff(self, handoff: Handoff, count: int, agents: list[str], models: list[str]):
        own = self.editor.context.own_edit
        self.index = handoff.index
        label = _text(handoff.value("label"))
        self.title.setText(f"Handoff {handoff.index + 1}" + (f"  ·  {label}" if label else ""))
        self.label.set_value(label, own_edit=own)
        self.agent.set_choices(agents, _text(handoff.value("agent")))
        self.prompt.set_value(_text(handoff.value("prompt")), own_edit=own)
        for box, key in ((self.send, "send"), (self.continue_on, "showContinueOn")):
            value = handoff.value(key)
            box.set_value(value if isinstance(value, bool) else None)
        self.model.set_value(_text(handoff.value("model")), own_edit=own)
        if self.model.completer() is None or self._models != models:
            completer = QCompleter(models, self.model)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.model.setCompleter(completer)
        self._models = list(models)
        self.up.setEnabled(handoff.index > 0)
        self.down.setEnabled(handoff.index < count - 1)

    def _set(self, key: str, value: object, *, keep: bool = False) -> None:
        index = self.index

        def make(document: Document):
            found = handoffs(document)
            if index >= len(found) or found[index].value(key) == value:
                return None
            if value == "" and not keep:
                return None  # a label or agent is required: clearing it waits for new text
            return set_handoff_property(document, index, key, value)

        self.editor.context.apply(make)

    def _set_model(self, text: str, final: bool) -> None:
        value = text.strip()
        if not value and not final:
            return
        self._set("model", value or None)


class HandoffsEditor(QWidget):
    """The handoff cards and an Add handoff button."""

    def __init__(
        self,
        context: FormContext,
        agents: Callable[[], list[str]],
        models: Callable[[], list[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.agents = agents
        self.models = models
        self.setAccessibleName("Handoffs")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.cards: list[HandoffCard] = []
        self.empty = QLabel("No handoffs: the agent offers no buttons to hand the chat on.", self)
        set_tone(self.empty, "note", context.theme)
        self.empty.setWordWrap(True)
        self.column.addWidget(self.empty)
        self.add_button = QPushButton("Add handoff", self)
        set_accessible_text(
            self.add_button, "Add handoff", "Add a button that hands the chat to another agent"
        )
        self.add_button.clicked.connect(self.add)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.column.addLayout(row)

    def refresh(self, document: Document) -> None:
        found = [h for h in handoffs(document) if h.is_mapping]
        while len(self.cards) > len(found):
            card = self.cards.pop()
            card.hide()
            card.deleteLater()
        while len(self.cards) < len(found):
            card = HandoffCard(self, len(self.cards))
            self.column.insertWidget(len(self.cards), card)
            self.cards.append(card)
        agents, models = self.agents(), self.models()
        for card, handoff in zip(self.cards, found, strict=True):
            card.show_handoff(handoff, len(found), agents, models)
        self.empty.setVisible(not found)

    # -- edits ----------------------------------------------------------------------------------
    def add(self) -> None:
        agents = self.agents()
        count = len(self.cards)
        values = {"label": f"Handoff {count + 1}", "agent": agents[0] if agents else "Agent"}
        values["prompt"] = ""
        if self.context.apply(lambda document: add_handoff(document, values)) and self.cards:
            card = self.cards[-1]
            card.label.setFocus()
            card.label.selectAll()

    def remove(self, index: int) -> None:
        self.context.apply(lambda document: remove_handoff(document, index))

    def move(self, index: int, to: int) -> None:
        if 0 <= to < len(self.cards):
            self.context.apply(lambda document: move_handoff(document, index, to))
