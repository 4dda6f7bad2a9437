"""Every rule, by id and by name. Rules register themselves with `@rule(...)`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from persona_studio.core.lint.model import Diagnostic, Rule, Severity

if TYPE_CHECKING:
    from persona_studio.core.lint.context import LintContext

RULES: dict[str, Rule] = {}  # by id, in registration order
_BY_NAME: dict[str, Rule] = {}

Check = Callable[["LintContext"], Iterable[Diagnostic]]


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
    """Register a rule. The decorated function receives the context and yields diagnostics."""

    def register(check: Check | None) -> Rule:
        if id in RULES or name in _BY_NAME:
            raise ValueError(f"rule {id} {name} is registered twice")
        made = Rule(
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
        RULES[id] = made
        _BY_NAME[name] = made
        return made

    return register


def declare(
    id: str,
    name: str,
    severity: Severity,
    group: str,
    summary: str,
    explanation: str,
    **options: object,
) -> Rule:
    """Register a rule whose diagnostics another rule's check (or the runner) makes."""
    return rule(id, name, severity, group, summary, explanation, **options)(None)  # type: ignore[arg-type]


def find(key: str) -> Rule | None:
    """A rule by id (`PS201`, any case) or by name (`unknown-tool`)."""
    key = key.strip()
    return RULES.get(key.upper()) or _BY_NAME.get(key.lower())


def all_rules() -> list[Rule]:
    from persona_studio.core.lint import rules  # noqa: F401  (registers the rules)

    return sorted(RULES.values(), key=lambda made: made.id)
