"""Rules for files that cannot be read as a persona. The runner makes these diagnostics from the
core's typed read errors, so that one bad file is a finding, not a crash."""

from __future__ import annotations

from persona_studio.core.lint.define import declare
from persona_studio.core.lint.model import Severity

GROUP = "files"

NOT_UTF8 = declare(
    "PS501",
    "not-utf8",
    Severity.ERROR,
    GROUP,
    "The file is not UTF-8 text.",
    """VS Code and GitHub read persona files as UTF-8. A file saved in another encoding shows
    garbled characters, or is not read at all. Re-save it as UTF-8.""",
)
BINARY_FILE = declare(
    "PS502",
    "binary-file",
    Severity.ERROR,
    GROUP,
    "The file holds binary data (NUL bytes).",
    """A persona is text. NUL bytes mean a binary file, or text in UTF-16, which the tools that
    read personas do not accept.""",
)
FILE_TOO_LARGE = declare(
    "PS503",
    "file-too-large",
    Severity.ERROR,
    GROUP,
    "The file is larger than the size limit.",
    """A persona that large is almost certainly not one, and reading it would slow everything
    down. The limit (5 MB by default) can be raised with the max-file-size setting.""",
)
UNREADABLE_FILE = declare(
    "PS504",
    "unreadable-file",
    Severity.ERROR,
    GROUP,
    "The file cannot be read.",
    """The file is missing, is a folder or a device, is a dangling link, or cannot be opened
    with the current permissions. The message says which.""",
)

BY_CODE = {made.name: made for made in (NOT_UTF8, BINARY_FILE, FILE_TOO_LARGE, UNREADABLE_FILE)}
