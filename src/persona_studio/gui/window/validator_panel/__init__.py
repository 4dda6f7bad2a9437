"""The validator panel: the current document's diagnostics, refreshed as the user types.

Each row shows a severity (icon and word), the rule's name, the message and the line. Rows sort
by any column and filter by severity; double-click or Enter asks the window to jump to the span;
Quick Fix applies the rule's fix through the session as one undo step; Explain shows the rule's
documentation. The panel keeps no diagnostics of its own: it shows `session.diagnostics`.

Its parts: `model` (the table model and the severity filter), `explanation` (the Explain HTML
and window, imported when Explain is first asked for) and `panel` (the widget).
"""

from persona_studio.gui.window.validator_panel.model import (
    COLUMNS,
    LINE_COLUMN,
    MESSAGE_COLUMN,
    RULE_COLUMN,
    SEVERITIES,
    SEVERITY_COLUMN,
    DiagnosticRole,
    DiagnosticsModel,
    SeverityFilterModel,
    count_text,
)
from persona_studio.gui.window.validator_panel.panel import ValidatorPanel

__all__ = [
    "COLUMNS",
    "LINE_COLUMN",
    "MESSAGE_COLUMN",
    "RULE_COLUMN",
    "SEVERITIES",
    "SEVERITY_COLUMN",
    "DiagnosticRole",
    "DiagnosticsModel",
    "SeverityFilterModel",
    "ValidatorPanel",
    "count_text",
]
