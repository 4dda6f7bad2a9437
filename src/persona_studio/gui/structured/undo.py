"""One undo history for the form: Undo and Redo pressed in a form field go to the document.

A form field's own undo (QLineEdit's, QPlainTextEdit's) would fight the document's: the field
would put its old text back and that would be committed as a new edit. So inside the Structured
view, Ctrl+Z and Ctrl+Shift+Z (the platform's Undo and Redo keys) go to the session's history.
A committing field (one with `commit`) sends what was typed first (one undo step), so undo takes
back exactly that and redo brings it back: nothing typed is lost.

An entry box whose text is not yet in the document (the custom tool name, a new section's title)
keeps its own undo while it has typing to undo; once its text was added (and the box emptied)
Undo goes to the document and takes back the add. Such a box is marked with `local_first`.

One filter does this for every form. It watches only the fields that take part (the committing
fields, `watch`ed as they are made, and the `local_first` boxes), never the application's every
event: a filter on the application is called for each event of every widget (some 17,000 while
the first window opens). `install` marks the form.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

FORM = "documentUndo"  # property of the widget that holds the form (its `session` undoes)
LOCAL_FIRST = "localUndoFirst"  # property of an entry box that undoes its own typing first

_KEYS = QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress


def install(form: QWidget) -> None:
    """Make `form` (a widget with a `session`) the owner of the undo keys of its fields."""
    form.setProperty(FORM, True)


def watch(field: QLineEdit | QPlainTextEdit) -> None:
    """Send the undo keys of `field` to the document when it is in a form (a committing field
    calls this as it is made; outside a form its keys stay its own)."""
    field.installEventFilter(_filter())


def local_first(box: QLineEdit) -> None:
    """Let `box` undo its own typing before Undo goes to the document."""
    box.setProperty(LOCAL_FIRST, True)
    watch(box)


_keys: list[_UndoKeys] = []  # the one filter, made with the application's first form field


def _filter() -> _UndoKeys:
    if not _keys or not shiboken6.isValid(_keys[0]):
        _keys[:] = [_UndoKeys(QCoreApplication.instance())]
    return _keys[0]


def commit_focused_field() -> None:
    """Send what the focused form field has not committed yet (before a menu's Undo, say)."""
    app = QCoreApplication.instance()
    focus = app.focusWidget() if app is not None and hasattr(app, "focusWidget") else None
    commit = getattr(focus, "commit", None)
    if focus is not None and _form_of(focus) is not None and callable(commit):
        commit(final=True)


def _form_of(widget: QWidget) -> QWidget | None:
    parent: QWidget | None = widget
    while parent is not None:
        if parent.property(FORM):
            return parent
        parent = parent.parentWidget()
    return None


class _UndoKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _KEYS or not isinstance(watched, (QLineEdit, QPlainTextEdit)):
            return False
        assert isinstance(event, QKeyEvent)
        if event.matches(QKeySequence.StandardKey.Undo):
            redo = False
        elif event.matches(QKeySequence.StandardKey.Redo):
            redo = True
        else:
            return False
        commit = getattr(watched, "commit", None)
        local = bool(watched.property(LOCAL_FIRST))
        if not (callable(commit) or local) or watched.isReadOnly():
            return False  # a search box and the like keep their own undo
        form = _form_of(watched)
        if form is None or (local and _has_local(watched, redo)):
            return False
        event.accept()
        if event.type() == QEvent.Type.ShortcutOverride:
            return True  # the key comes to the field as a key press, handled below
        if callable(commit):
            commit(final=True)
        session = getattr(form, "session", None)
        if session is not None:
            session.redo() if redo else session.undo()
        return True


def _has_local(box: QLineEdit | QPlainTextEdit, redo: bool) -> bool:
    if isinstance(box, QLineEdit):
        return box.isRedoAvailable() if redo else box.isUndoAvailable()
    document = box.document()
    return document.isRedoAvailable() if redo else document.isUndoAvailable()
