"""The comparison matrix: one column per persona, one row per tool and per section."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PRESENT = "present"

EMPTY = "empty"

MISSING = "missing"


@dataclass(frozen=True, slots=True)
class PersonaColumn:
    path: str
    name: str  # unique among the columns: the file name without its suffix, plus a kind if needed
    label: str  # short form of the name for a terminal, unique too
    title: str | None = None
    description: str | None = None
    model: str | None = None
    tools: tuple[str, ...] = ()
    error: str | None = None  # the file could not be read
    front_matter_error: str | None = None  # read, but its front matter could not be loaded


@dataclass(frozen=True, slots=True)
class ToolRow:
    name: str
    marks: tuple[bool, ...]  # one per persona column

    @property
    def count(self) -> int:
        return sum(self.marks)


@dataclass(frozen=True, slots=True)
class SectionRow:
    title: str
    states: tuple[str, ...]  # PRESENT, EMPTY or MISSING, one per persona column


@dataclass(frozen=True)
class ComparisonMatrix:
    personas: tuple[PersonaColumn, ...]
    tools: tuple[ToolRow, ...]
    sections: tuple[SectionRow, ...]

    @property
    def errors(self) -> tuple[PersonaColumn, ...]:
        """The columns of files that could not be read."""
        return tuple(persona for persona in self.personas if persona.error is not None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "personas": [
                {
                    "name": persona.name,
                    "label": persona.label,
                    "path": persona.path,
                    "title": persona.title,
                    "description": persona.description,
                    "model": persona.model,
                    "tools": list(persona.tools),
                    "error": persona.error,
                    "front_matter_error": persona.front_matter_error,
                }
                for persona in self.personas
            ],
            "tools": [{"name": row.name, "marks": list(row.marks)} for row in self.tools],
            "sections": [{"title": row.title, "states": list(row.states)} for row in self.sections],
        }
