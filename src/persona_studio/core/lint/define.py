"""How a rule is written: `@rule(...)` over its check, or `declare(...)` for a rule whose
diagnostics another check (or the runner) makes. Both only build the `Rule`; the table in
`core/lint/rules/__init__.py` lists every rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from persona_studio.core.lint.model import Diagnostic, Rule, Severity

if TYPE_CHECKING:
    from persona_studio.core.lint.context import LintContext

Check = Callable[["LintContext"], Iterable[Diagnostic]]


def _make(
    id: str,
    name: str,
    severity: Severity,
    group: str,
    summary: str,
    explanation: str,
    check: Check | None,
    *,
    fix: str | None = None,
    persona_only: bool = False,
    kinds: Iterable[str | None] | None = None,
) -> Rule:
    return Rule(
        id,
        name,
        severity,
        group,
        summary,
        " ".join(explanation.split()),
        fix,
        persona_only,
        frozenset(kinds) if kinds is not None else None,
        check,
    )


def rule(
    id: str,
    name: str,
    severity: Severity,
    group: str,
    summary: str,
    explanation: str,
    *,
    fix: str | None = None,
    persona_only: bool = False,
    kinds: Iterable[str | None] | None = None,
) -> Callable[[Check], Rule]:
    """Make a rule of the decorated check, which receives the context and yields diagnostics."""

    def make(check: Check) -> Rule:
        return _make(
            id,
            name,
            severity,
            group,
            summary,
            explanation,
            check,
            fix=fix,
            persona_only=persona_only,
            kinds=kinds,
        )

    return make


def declare(
    id: str,
    name: str,
    severity: Severity,
    group: str,
    summary: str,
    explanation: str,
) -> Rule:
    """Make a rule without a check: another rule's check (or the runner) makes its
    diagnostics."""
    return _make(id, name, severity, group, summary, explanation, None)
