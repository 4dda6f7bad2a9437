"""The details of one export row: its notes, its validation under the target, and the new file
(or, when the file exists, the differences of the existing file and the new text) with the
row's Overwrite confirmation under them."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.formats import ExportResult
from persona_studio.core.lint import Severity
from persona_studio.gui.export.model import ExportRow
from persona_studio.gui.icons import icon_size, severity_icon
from persona_studio.gui.theme import Theme, palette_for

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _blend(base: QColor, tint: QColor, amount: float) -> QColor:
    mix = [
        round(a * (1 - amount) + b * amount)
        for a, b in zip(base.getRgb()[:3], tint.getRgb()[:3], strict=True)
    ]
    return QColor(*mix)


def _utf16(text: str) -> int:
    """The length of ``text`` in UTF-16 code units (Qt's positions)."""
    return len(text.encode("utf-16-le")) // 2


def report_html(row: ExportRow, target_label: str, theme: Theme, icon: int) -> str:
    """Notes and validation of one row as HTML (text escaped; colours from the theme)."""
    e = html.escape
    plan = row.plan
    muted = f'style="color:{theme.muted}"'
    if plan is None:
        return f"<p {muted}>Not checked yet.</p>"
    parts: list[str] = []
    if row.outcome is not None:
        parts.append(f"<p><b>Export:</b> {e(row.outcome.status)}</p>")
    result = plan.result
    if plan.error is not None:
        parts.append(
            f'<p><img src="severity:error" width="{icon}" height="{icon}"> '
            f"<b>Cannot be exported:</b> {e(plan.error)}</p>"
        )
    if result is None:
        return "".join(parts)
    if result.blocked:
        count = len(result.errors)
        parts.append(
            f'<p><img src="severity:error" width="{icon}" height="{icon}"> <b>Blocked:</b> '
            f"the new file has {count} {'error' if count == 1 else 'errors'}. Fix the source, "
            "or tick <i>Export anyway</i>.</p>"
        )
    parts.extend(_tools_html(result, theme))
    parts.append("<h4>Notes</h4>")
    if result.notes:
        items = "".join(f"<li><b>{e(n.kind)}</b>: {e(n.message)}</li>" for n in result.notes)
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append(f"<p {muted}>Nothing in the front matter had to change.</p>")
    parts.append(f"<h4>Validation as {e(target_label)}</h4>")
    if not result.diagnostics:
        parts.append(f"<p {muted}>No problems.</p>")
    rows = []
    for d in sorted(result.diagnostics, key=lambda d: (-d.severity, d.span.start)):
        label = d.severity.label
        rows.append(
            f'<tr><td><img src="severity:{label}" width="{icon}" height="{icon}"></td>'
            f"<td><b>{e(label.capitalize())}</b></td>"
            f"<td {muted}>line&nbsp;{d.span.line}</td><td>{e(d.message)}</td></tr>"
        )
    if rows:
        parts.append(f'<table cellspacing="0" cellpadding="2">{"".join(rows)}</table>')
    return "".join(parts)


def _tools_html(result: ExportResult, theme: Theme) -> list[str]:
    """What the source's tools grant and what the new file grants, and each tool lost or kept
    only in part, with the reason."""
    report = result.tools
    if report is None:
        return []
    e = html.escape
    muted = f'style="color:{theme.muted}"'
    parts = [
        "<h4>Tool access</h4>",
        f"<p><b>Source:</b> {e(report.source)}<br><b>New file:</b> {e(report.written)}</p>",
    ]
    losses = report.lost + [fate for fate in report.fates if fate.widened]
    if not losses:
        meaning = "Every tool keeps its meaning." if report.same else "See the notes below."
        parts.append(f"<p {muted}>{meaning}</p>")
        return parts
    rows = []
    for fate in losses:
        label = {"lost": "Lost", "partly": "In part"}.get(fate.status, "Wider")
        detail = fate.reason
        if fate.widened:
            detail = f"written as {', '.join(fate.written)}: the whole set"
        elif fate.status == "partly":
            detail = f"kept as {', '.join(fate.written)}; lost: {', '.join(fate.lost)}"
        rows.append(f"<tr><td><b>{e(fate.tool)}</b></td><td>{label}</td><td>{e(detail)}</td></tr>")
    parts.append(f'<table cellspacing="0" cellpadding="2">{"".join(rows)}</table>')
    return parts


class ExportDetails(QWidget):
    """Shows one row; ``overwriteToggled`` carries the user's Overwrite choice for it."""

    overwriteToggled = Signal(bool)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Export details")
        self._theme = theme
        self._row: ExportRow | None = None
        self._target_label = ""
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Selected file")
        self.title.setToolTip("The selected source and where its export goes")
        self.report = QTextBrowser(self)
        self.report.setOpenLinks(False)
        self.report.setAccessibleName("Notes and validation")
        self.report.setToolTip("What the export changes, and the problems of the new file")
        self.report.document().setIndentWidth(self.fontMetrics().horizontalAdvance("M") * 1.5)
        self.text_title = QLabel(self)
        self.text_title.setAccessibleName("Output text heading")
        self.text_view = QPlainTextEdit(self)
        self.text_view.setReadOnly(True)
        self.text_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text_view.setAccessibleName("Output text or differences")
        self.text_view.setToolTip(
            "The new file, or the differences of the existing file (lines starting with -) "
            "and the new text (lines starting with +)"
        )
        self.overwrite = QCheckBox("&Overwrite the existing file with the new text", self)
        self.overwrite.setAccessibleName("Overwrite this file")
        self.overwrite.setToolTip(
            "The existing file is replaced only when this is ticked; read the differences first"
        )
        self.overwrite.toggled.connect(self._overwrite_toggled)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.text_title)
        right_layout.addWidget(self.text_view, 1)
        right_layout.addWidget(self.overwrite)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.report)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.splitter, 1)
        self.apply_theme(theme)
        self.show_row(None)

    @property
    def shows_differences(self) -> bool:
        """True when the pane shows the existing file's differences (or why it cannot)."""
        row = self._row
        return row is not None and row.needs_confirmation

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setPalette(palette_for(theme))
        self.show_row(self._row, self._target_label)

    def _register_icons(self) -> None:
        side = icon_size(self.report).height()
        document = self.report.document()
        for severity in SEVERITIES:
            pixmap = severity_icon(severity, self._theme).pixmap(
                QSize(side, side), self.devicePixelRatioF()
            )
            url = QUrl(f"severity:{severity.label}")
            document.addResource(QTextDocument.ResourceType.ImageResource, url, pixmap)

    def show_row(self, row: ExportRow | None, target_label: str = "") -> None:
        """Show a row (None: nothing selected)."""
        self._row, self._target_label = row, target_label
        if row is None:
            self.title.setText("Select a file to see its notes, problems and output.")
            self.report.clear()
            self.text_title.setText("Output")
            self.text_view.clear()
            self._set_overwrite(None)
            return
        plan = row.plan
        where = (plan.destination or plan.shown_path) if plan is not None else "…"
        self.title.setText(f"{row.source.label}  →  {where or '(no output)'}")
        side = icon_size(self.report).height()
        html_text = report_html(row, target_label, self._theme, side)
        self.report.clear()
        self._register_icons()  # after clear(), which forgets the document's resources
        self.report.setHtml(html_text)
        heading, text, diff = self._output(row)
        self.text_title.setText(heading)
        self.text_view.setPlainText(text)
        self._colour(diff, row.plan.diff_marks if diff and row.plan is not None else ())
        self._set_overwrite(row)

    @staticmethod
    def _output(row: ExportRow) -> tuple[str, str, bool]:
        plan = row.plan
        if plan is None or plan.result is None:
            return "Output", "", False
        if not plan.exists:
            return ("New file (written)" if row.done else "New file"), plan.result.text, False
        if plan.same:
            return "Existing file (unchanged)", "The existing file already holds this text.", False
        if plan.old_error is not None:
            text = f"The existing file cannot be shown: {plan.old_error}"
            return "Existing file", text, False
        return "Differences with the existing file", plan.diff, True

    def _colour(self, diff: bool, marks: tuple[tuple[int, int, int], ...] = ()) -> None:
        """Tint removed and added lines, and more strongly their changed words."""
        selections: list[QTextEdit.ExtraSelection] = []
        if diff:
            base = self._theme.color("base")
            removed, added = self._theme.color("error"), self._theme.color("yaml_string")
            tints = {
                "-": _blend(base, removed, 0.16),
                "+": _blend(base, added, 0.16),
                "@": self._theme.color("code_background"),
            }
            words = {"-": _blend(base, removed, 0.38), "+": _blend(base, added, 0.38)}
            block = self.text_view.document().firstBlock()
            while block.isValid():
                line = block.text()
                tint = None if line.startswith(("---", "+++")) else tints.get(line[:1])
                if tint is not None:
                    selection = QTextEdit.ExtraSelection()
                    selection.format.setBackground(tint)
                    selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                    selection.cursor = QTextCursor(block)
                    selections.append(selection)
                block = block.next()
            document = self.text_view.document()
            for line, start, end in marks:
                block = document.findBlockByNumber(line)
                tint = words.get(block.text()[:1])
                if tint is None:
                    continue
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(tint)
                selection.cursor = QTextCursor(block)
                text = block.text()
                selection.cursor.setPosition(block.position() + _utf16(text[:start]))
                selection.cursor.setPosition(
                    block.position() + _utf16(text[:end]), QTextCursor.MoveMode.KeepAnchor
                )
                selections.append(selection)
        self.text_view.setExtraSelections(selections)

    def _set_overwrite(self, row: ExportRow | None) -> None:
        shown = row is not None and row.needs_confirmation
        self.overwrite.blockSignals(True)
        self.overwrite.setVisible(shown)
        self.overwrite.setChecked(bool(row and row.confirmed))
        self.overwrite.setEnabled(shown and not (row and row.done))
        self.overwrite.blockSignals(False)

    def _overwrite_toggled(self, checked: bool) -> None:
        self.overwriteToggled.emit(checked)
