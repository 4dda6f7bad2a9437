"""The Structured view of the editor: a form over the one text of a persona."""

from persona_studio.gui.structured.editor import StructuredEditor
from persona_studio.gui.structured.tools.picker import ToolPicker

__all__ = ["StructuredEditor", "ToolPicker"]
