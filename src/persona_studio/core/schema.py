"""The persona schema: the expected sections of a persona and the kind of each. Data, not code."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.settings_files import load_yaml, one_line
from persona_studio.core.resources import resource_path

KINDS = ("paragraph", "question", "priority-list", "bullet-list")


@dataclass(frozen=True, slots=True)
class SectionSpec:
    title: str
    kind: str
    required: bool
    help: str = ""

    def matches(self, title: str) -> bool:
        return title.strip().casefold() == self.title.casefold()


@dataclass(frozen=True, slots=True)
class Schema:
    name: str
    title_prefix: str
    title_example: str
    intro_required: bool
    section_level: int
    sections: tuple[SectionSpec, ...]
    source: str

    def spec(self, title: str) -> SectionSpec | None:
        for spec in self.sections:
            if spec.matches(title):
                return spec
        return None

    def is_persona_title(self, title: str | None) -> bool:
        if not title:
            return False
        return title.strip().casefold().startswith(self.title_prefix.casefold())

    def template(self, name: str = "Name", newline: str = "\n") -> str:
        """A blank persona in this schema: every section, with a hint of what goes in it."""
        lines = [
            "---",
            "tools: []",
            "description: ''",
            "---",
            "",
            f"# {self.title_prefix} {name}",
            "",
            "You are ...",
        ]
        for spec in self.sections:
            lines += ["", f"{'#' * self.section_level} {spec.title}"]
            if spec.kind in ("bullet-list", "priority-list"):
                lines.append("-")  # an empty item to fill in, with no trailing space
        return newline.join(lines) + newline


def load_schema(path: str | os.PathLike[str] | None = None) -> Schema:
    """Load a schema file; None gives the shipped persona schema (cached)."""
    if path is None:
        return _default_schema()
    return _load(os.fspath(path))


@functools.cache
def _default_schema() -> Schema:
    return _load(str(resource_path("schema", "persona.yaml")))


def _load(path: str) -> Schema:
    # A regular file of bounded size, no anchors or aliases, bounded nesting: a FIFO or an
    # alias bomb gives a one-line error, never a hang.
    data = load_yaml(path)
    try:
        sections = tuple(
            SectionSpec(
                title=str(item["title"]),
                kind=str(item.get("kind", "paragraph")),
                required=bool(item.get("required", False)),
                help=str(item.get("help", "")),
            )
            for item in data["sections"]
        )
        title = data.get("title") or {}
        schema = Schema(
            name=str(data.get("name", "persona")),
            title_prefix=str(title.get("prefix", "Persona:")),
            title_example=str(title.get("example", "Persona: Name")),
            intro_required=bool((data.get("intro") or {}).get("required", False)),
            section_level=int(data.get("section_level", 2)),
            sections=sections,
            source=path,
        )
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise PersonaStudioError(
            f"the schema file does not have the expected shape ({one_line(repr(error))}); "
            "it needs a 'sections' list of {title, kind, required}",
            path=path,
        ) from None
    for spec in schema.sections:
        if spec.kind not in KINDS:
            raise PersonaStudioError(
                f"section '{spec.title}' has kind '{spec.kind}'; kinds are {', '.join(KINDS)}",
                path=path,
            )
    return schema
