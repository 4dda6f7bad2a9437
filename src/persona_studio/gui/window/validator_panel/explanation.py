"""Explain: a rule's documentation as HTML (severity, group, Quick Fix, how each reader sees it,
this problem, how to turn it off), and the small window that shows it."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from persona_studio.core.lint import Diagnostic, Rule, find_rule
from persona_studio.core.lint.profiles import readings
from persona_studio.gui.icons import icon_size, severity_icon
from persona_studio.gui.theme import Theme, palette_for
from persona_studio.gui.window.validator_panel.model import SEVERITIES


def explanation_html(
    rule: Rule | None, diagnostic: Diagnostic, theme: Theme, icon: int = 16
) -> str:
    """The documentation of a diagnostic's rule as HTML (text escaped; colours from the theme)."""
    e = html.escape
    name = rule.name if rule is not None else diagnostic.name
    rule_id = rule.id if rule is not None else diagnostic.rule
    severity = diagnostic.severity.label
    facts = [f"<b>Severity:</b> {severity}"]
    if rule is not None and rule.severity != diagnostic.severity:
        facts[0] += (
            f" (by default {rule.severity.label}; the reader's profile or your settings set it)"
        )
    if rule is not None:
        facts.append(f"<b>Group:</b> {e(rule.group)}")
        facts.append("<b>Quick Fix:</b> " + (e(rule.fix) if rule.fix else "none"))
    code = f"background:{theme.code_background};"
    parts = [
        f'<h2><img src="severity:{severity}" width="{icon}" height="{icon}"> {e(name)}'
        f' <span style="color:{theme.muted}; font-weight:normal">{e(rule_id)}</span></h2>',
        f"<p>{' &nbsp;·&nbsp; '.join(facts)}</p>",
    ]
    if rule is not None:
        parts.append(f"<p><i>{e(rule.summary)}</i></p><p>{e(rule.explanation)}</p>")
        rows = "".join(
            f"<tr><td>{e(reading.label)}{' (legacy, opt-in)' if reading.legacy else ''}</td>"
            f"<td>{e(reading.severity.label)}</td><td>{e(reading.reader)}. {e(reading.source)}</td>"
            "</tr>"
            for reading in readings(rule)
        )
        parts.append(
            "<h3>How each reader sees it</h3>"
            '<table cellspacing="0" cellpadding="3"><tr><th align="left">Profile</th>'
            f'<th align="left">Severity</th><th align="left">Reader and source</th></tr>{rows}'
            "</table>"
        )
    parts.append(
        f"<h3>This problem</h3><p>Line {diagnostic.span.line}, column {diagnostic.span.column}:"
        f" {e(diagnostic.message)}</p>"
    )
    if diagnostic.fix is not None:
        safety = "" if diagnostic.fix.safe else " (unsafe: check the result)"
        parts.append(f"<p><b>Quick Fix:</b> {e(diagnostic.fix.description)}{safety}</p>")
    ways = [
        (
            "For the next line or section, put this comment before it:",
            f"<!-- persona-studio-disable {name} -->",
        ),
        ("For the whole file:", f"<!-- persona-studio-disable-file {name} -->"),
        ("Inside the front matter, on the line before:", f"# persona-studio-disable {name}"),
        (
            "For a whole project, in pyproject.toml under [tool.persona-studio]"
            " (or in .persona-studio.toml):",
            f'ignore = ["{name}"]',
        ),
    ]
    items = "".join(
        f'<li>{e(label)}<br><code style="{code}">&nbsp;{e(snippet)}&nbsp;</code></li>'
        for label, snippet in ways
    )
    parts.append(f"<h3>How to turn it off</h3><ul>{items}</ul>")
    return "".join(parts)


class ExplainDialog(QDialog):
    """A small window with one rule's documentation (reused for the next Explain)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Explain Rule")
        self.setAccessibleName("Rule explanation")
        self._theme = theme
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Rule documentation")
        self.browser.setToolTip("What the rule checks, why, and how to turn it off")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setToolTip("Close this window")
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 46, em * 34)
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setPalette(palette_for(theme))

    def show_diagnostic(self, diagnostic: Diagnostic) -> None:
        rule = find_rule(diagnostic.rule)
        self.setWindowTitle(f"Explain {diagnostic.rule} {diagnostic.name}")
        side = icon_size(self.browser).height()
        document = self.browser.document()
        for severity in SEVERITIES:
            pixmap = severity_icon(severity, self._theme).pixmap(
                QSize(side, side), self.devicePixelRatioF()
            )
            url = QUrl(f"severity:{severity.label}")
            document.addResource(QTextDocument.ResourceType.ImageResource, url, pixmap)
        self.browser.setHtml(explanation_html(rule, diagnostic, self._theme, side))
