"""What a rule is and what it finds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from persona_studio.core.edits import Edit
from persona_studio.core.text.spans import Span

if TYPE_CHECKING:
    from persona_studio.core.lint.context import LintContext


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return _LABELS[self]  # read for every finding a report shows: not made each time

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None


_LABELS = {severity: severity.name.lower() for severity in Severity}

# Rule groups, in the order `persona-studio rules` lists them.
GROUPS = (
    "front matter",
    "tools",
    "body",
    "persona",
    "files",
    "agents",
    "references",
    "suppression",
)


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that resolve a diagnostic. A safe fix never changes what the persona means."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True
    # A fix that moves the file instead of editing its text: the new path, relative to the
    # file's folder (the window renames through its atomic save; `lint --fix` never moves files).
    rename_to: str | None = None

    def __reduce__(self) -> tuple[type[Fix], tuple[object, ...]]:
        # Pickled as its fields (a lint worker's results): several times cheaper both ways
        # than the dataclass's own slot state.
        return Fix, (self.description, self.edits, self.safe, self.rename_to)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    rule: str  # the stable id, e.g. "PS201"
    name: str  # the kebab-case name, e.g. "unknown-tool"
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as plain values (a process pool sends thousands): several times cheaper to
        # load than the dataclass's own state and the enum's lookup by call.
        return (
            _diagnostic,
            (self.rule, self.name, int(self.severity), self.message, self.span, self.fix),
        )


def _diagnostic(
    rule: str, name: str, severity: int, message: str, span: Span, fix: Fix | None
) -> Diagnostic:
    return Diagnostic(rule, name, _SEVERITY_OF[severity], message, span, fix)


_SEVERITY_OF = {severity.value: severity for severity in Severity}


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    group: str
    summary: str
    explanation: str
    fix: str | None = None  # "safe" or "unsafe" when the rule offers a fix
    persona_only: bool = False
    # The file kinds the rule applies to; None: every kind.
    kinds: frozenset[str | None] | None = None
    check: Callable[[LintContext], Iterable[Diagnostic]] | None = field(default=None, repr=False)

    def diagnostic(
        self,
        span: Span,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        return Diagnostic(self.id, self.name, severity or self.severity, message, span, fix)
