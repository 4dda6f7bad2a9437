"""Text for a terminal: what comes from files and paths is printed, never obeyed.

A persona's text, a tool name or a file name may hold escape sequences (``ESC ] 0 ; title BEL``
sets the window title, ``ESC [ 2 J`` clears the screen, ``ESC [ 8 m`` hides what follows) or
line breaks that forge a line of output. The text formats of ``show``, ``lint``, ``diff``,
``compare`` and ``export`` pass what they print through :func:`escape_line` (one output line:
every control character escaped, line breaks too) or :func:`escape_text` (several lines: line
feeds kept, everything else escaped). Escapes are written the way Python writes them
(``\\x1b``, ``\\r``, ``\\u2028``). JSON, SARIF, HTML and ``edit --stdout`` are left as they are:
their readers are programs, and JSON escapes control characters itself.
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, the Unicode line and paragraph separators, and the
# bidirectional overrides and isolates that reorder what a terminal shows ("Trojan source").
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_LF = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_line(text: object) -> str:
    """``text`` as one line for a terminal: every control character (line breaks too) escaped."""
    value = str(text)
    return _CONTROL.sub(_escape, value) if _CONTROL.search(value) else value


def needs_escape(text: str) -> bool:
    """Whether ``escape_text`` would change ``text`` (a control character but a line feed)."""
    return _CONTROL_BUT_LF.search(text) is not None


def escape_text(text: str) -> str:
    """``text`` for a terminal, its line feeds kept: every other control character escaped."""
    return _CONTROL_BUT_LF.sub(_escape, text) if _CONTROL_BUT_LF.search(text) else text
