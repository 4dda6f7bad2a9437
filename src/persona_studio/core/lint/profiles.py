"""How each reader profile applies a rule: its severity there, and the source the rule follows.

A rule states one fact about readers; the reader profiles (catalog targets) say at which
severity each reader reports it and where that comes from (``reader.sources``: by rule name, by
the rule's group, else the profile's general source). `persona-studio rules NAME` and the
window's Explain panel show this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from persona_studio.core.catalog import Catalog, load_catalog
from persona_studio.core.lint.model import Rule, Severity

__all__ = ["RuleReading", "readings"]


@dataclass(frozen=True)
class RuleReading:
    target: str  # the profile's id
    label: str  # "VS Code custom agent"
    reader: str  # "VS Code 1.106 and later, as read in 1.140 (mid-2026)"
    legacy: bool
    severity: Severity
    source: str


def readings(rule: Rule, catalog: Catalog | None = None) -> list[RuleReading]:
    """One line per profile: current profiles first, then the legacy ones."""
    catalog = catalog or load_catalog()
    found = []
    for target in catalog.targets.values():
        reader = target.reader
        level = target.severities.get(rule.name)
        found.append(
            RuleReading(
                target=target.id,
                label=target.label,
                reader=f"{reader.name}, {reader.version}",
                legacy=reader.legacy,
                severity=Severity.parse(level) if level else rule.severity,
                source=reader.source_for(rule.name, rule.group),
            )
        )
    return sorted(found, key=lambda reading: reading.legacy)
