"""The rule modules; importing this package registers every rule."""

from persona_studio.core.lint.rules import (
    agents,
    body,
    files,
    frontmatter,
    persona,
    references,
    suppression,
    tools,
)

__all__ = [
    "agents",
    "body",
    "files",
    "frontmatter",
    "persona",
    "references",
    "suppression",
    "tools",
]
