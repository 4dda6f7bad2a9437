"""The rule modules; importing this package registers every rule."""

from persona_studio.core.lint.rules import body, files, frontmatter, persona, suppression, tools

__all__ = ["body", "files", "frontmatter", "persona", "suppression", "tools"]
