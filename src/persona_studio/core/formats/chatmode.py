"""VS Code chat mode files (``NAME.chatmode.md`` in ``.github/chatmodes/``, VS Code 1.101 to 1.105).

Chat modes read three keys (description, tools, model); every other key is dropped with a note.
Tool names are written as the chat mode era knew them: current names map back where the catalog
knows the mapping (the members of an old tool set collapse into it), and a name with no
equivalent is left out and reported. A list of models becomes its first model that maps.
"""

from __future__ import annotations

from persona_studio.core.formats.base import Exporter
from persona_studio.core.formats.conversion import Conversion

_REASONS = {
    "name": "chat modes take their name from the file name",
    "handoffs": "handoffs came with custom agents (VS Code 1.106); chat modes have none",
}


class ChatModeExporter(Exporter):
    def drop_reason(self, key: str, conv: Conversion) -> str:
        return _REASONS.get(key) or super().drop_reason(key, conv)
