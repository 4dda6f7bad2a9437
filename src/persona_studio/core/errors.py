"""Errors a user can meet. Each message says what happened and, where it can, what to do.

The GUI shows the message; the command line prints it on one line and exits 2.
"""

from __future__ import annotations


class PersonaStudioError(Exception):
    """Base of every error the program reports to a user instead of a traceback."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class EditError(PersonaStudioError):
    """An edit cannot be made on this document (for example a tool that is not in the list)."""
