"""The status bar: target, line and column, problem counts, words and approximate tokens."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QStatusBar, QWidget

from persona_studio.core.catalog import load_catalog
from persona_studio.core.lint import Diagnostic, Severity
from persona_studio.core.text.stats import WordCounter, approximate_tokens
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.icons import icon_size, severity_image_html
from persona_studio.gui.theme import Theme

COUNT_NOW_LIMIT = 50_000  # characters; longer texts are counted after a pause
COUNT_DELAY_MS = 400


class StatusBar(QStatusBar):
    targetRequested = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        catalog = load_catalog()
        self.target = QComboBox(self)
        for target_id in catalog.targets:
            self.target.addItem(catalog.target(target_id).label, target_id)
        self.target.setToolTip(
            "The tool this persona is checked for (from the file name by default)"
        )
        self.target.setAccessibleName("Target")
        self.target.activated.connect(
            lambda index: self.targetRequested.emit(self.target.itemData(index))
        )
        self.position = QLabel("Ln 1, Col 1", self)
        self.position.setToolTip("Line and column of the cursor in the Source view")
        self.position.setAccessibleName("Cursor position")
        self.problems = QLabel(self)
        self.problems.setToolTip("Errors, warnings and infos in this document (F8: next problem)")
        self.problems.setAccessibleName("Problem counts")
        self.words = QLabel(self)
        self.words.setToolTip("Words, and tokens estimated at four characters per token")
        self.words.setAccessibleName("Word and token count")
        for widget in (self.problems, self.position, self.words, self.target):
            self.addPermanentWidget(widget)
        self._theme = theme
        self._counts = {severity: 0 for severity in Severity}
        self._counted: DocumentSession | None = None
        self._counter = WordCounter()
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count_words)
        self.set_session(None)

    def set_session(self, session: DocumentSession | None) -> None:
        enabled = session is not None
        for widget in (self.target, self.position, self.problems, self.words):
            widget.setVisible(enabled)
        if session is None:
            return
        index = self.target.findData(session.target)
        self.target.setCurrentIndex(max(index, 0))
        self._counted = session
        if session.text_document.characterCount() < COUNT_NOW_LIMIT:
            self._count_words()
        else:  # a long text is counted once typing pauses, not on every key press
            self._count_timer.start()
        if not session.diagnostics_outdated:
            self.set_diagnostics(session.diagnostics)

    def _count_words(self) -> None:
        session = self._counted
        if session is None:
            return
        try:
            text = session.text()
        except RuntimeError:  # the document was closed meanwhile
            return
        words = self._counter.count(text)
        self.words.setText(f"{words:,} words · ~{approximate_tokens(text):,} tokens")

    def set_position(self, line: int, column: int) -> None:
        self.position.setText(f"Ln {line}, Col {column}")

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        counts = {severity: 0 for severity in Severity}
        for diagnostic in diagnostics:
            counts[diagnostic.severity] += 1
        self._counts = counts
        self._show_counts()

    def _show_counts(self) -> None:
        """Each severity's icon (the problem list's, so its shape tells it) and count."""
        side = icon_size(self.problems).height()
        ratio = self.devicePixelRatioF() or 1.0

        def part(severity: Severity, word: str) -> str:
            count = self._counts[severity]
            plural = "" if count == 1 else "s"
            icon = severity_image_html(severity, self._theme, side, ratio)
            return f"{icon} {count} {word}{plural}"

        self.problems.setText(
            "&nbsp;&nbsp;".join(
                (
                    part(Severity.ERROR, "error"),
                    part(Severity.WARNING, "warning"),
                    part(Severity.INFO, "info"),
                )
            )
        )

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._show_counts()
