"""The status bar: target, line and column, problem counts, words and approximate tokens."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStatusBar, QWidget

from persona_studio.core.catalog import load_catalog
from persona_studio.core.lint import Diagnostic, Severity
from persona_studio.core.text.stats import WordCounter, approximate_tokens
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.icons import icon_size, severity_pixmap
from persona_studio.gui.theme import Theme

COUNT_NOW_LIMIT = 50_000  # characters; longer texts are counted after a pause
COUNT_DELAY_MS = 400


SEVERITY_WORDS = ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info"))


class ProblemCounts(QWidget):
    """Each severity's icon (the problem list's, so its shape tells it) and its count.

    Icons are labels holding the painted pixmap, not images in rich text: a `data:` image in a
    label is decoded by probing every image format plugin Qt has (about 1 MB of libraries
    loaded to read three small PNGs)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.icons: dict[Severity, QLabel] = {}
        self.counts: dict[Severity, QLabel] = {}
        for index, (severity, _word) in enumerate(SEVERITY_WORDS):
            icon, count = QLabel(self), QLabel(self)
            count.setTextFormat(Qt.TextFormat.PlainText)
            self.icons[severity], self.counts[severity] = icon, count
            layout.addWidget(icon)
            layout.addWidget(count)
            if index < len(SEVERITY_WORDS) - 1:
                layout.addSpacing(0)  # two spaces wide, set with the font in show_counts

    def show_counts(self, counts: dict[Severity, int], theme: Theme) -> None:
        side = icon_size(self).height()
        ratio = self.devicePixelRatioF() or 1.0
        metrics = self.fontMetrics()
        space = metrics.horizontalAdvance(" ")
        layout = self.layout()
        for index in range(layout.count()):
            spacer = layout.itemAt(index).spacerItem()
            if spacer is not None:  # between two counts: two spaces
                spacer.changeSize(2 * space, 0)
        for severity, word in SEVERITY_WORDS:
            count = counts[severity]
            plural = "" if count == 1 else "s"
            self.icons[severity].setPixmap(severity_pixmap(severity, theme, side, ratio))
            self.counts[severity].setText(f" {count} {word}{plural}")
        layout.invalidate()

    def text(self) -> str:
        """The counts as one line of text ("0 errors  1 warning  2 infos")."""
        return "  ".join(self.counts[severity].text().strip() for severity, _ in SEVERITY_WORDS)


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
        self.problems = ProblemCounts(self)
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
        self.problems.show_counts(self._counts, self._theme)
        self.problems.setAccessibleDescription(self.problems.text())

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._show_counts()
