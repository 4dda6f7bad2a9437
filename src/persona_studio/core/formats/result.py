"""The result of an export: the file it would write, its notes, its error, and the check that
keeps a write inside the chosen folder."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import LoadedText, atomic_write
from persona_studio.core.formats.access import ToolFate, ToolReport
from persona_studio.core.lint.model import Diagnostic, Severity

NOTE_KINDS = ("changed", "dropped", "unmapped", "added")
"""``changed``: a value was rewritten; ``dropped``: a key was removed; ``unmapped``: something of
the source has no equivalent in the target (a tool name, a required value the source lacks);
``added``: a key was added."""


class ExportError(PersonaStudioError):
    """An export that cannot be made or written: a name that gives no safe file name, a file that
    would be overwritten, a path outside the chosen folder, a result blocked by errors, or a
    front matter that cannot be read."""


@dataclass(frozen=True, slots=True)
class Note:
    """One thing an export changed, dropped, could not map or added."""

    kind: str
    message: str

    def __post_init__(self) -> None:
        if self.kind not in NOTE_KINDS:
            raise ValueError(f"unknown note kind {self.kind!r}; kinds are {', '.join(NOTE_KINDS)}")

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "message": self.message}

    def __reduce__(self) -> tuple[Any, ...]:
        return (Note, (self.kind, self.message))  # plain values: cheaper to load


@dataclass(eq=False)
class ExportResult:
    """The file an export would write, what it changed, and how it lints under its target.

    ``relative_path`` is where the file goes inside a workspace (the target's default folder);
    ``write(..., flat=True)`` puts ``file_name`` straight into the folder instead.
    """

    target: str
    source_target: str
    file_name: str
    relative_path: str
    text: str
    notes: list[Note]
    diagnostics: list[Diagnostic]
    blocked: bool
    source_text: str = field(default="", repr=False)
    loaded: LoadedText | None = field(default=None, repr=False)
    tools: ToolReport | None = None  # the tool access of the source and of the result

    @property
    def tool_losses(self) -> list[ToolFate]:
        """The source's tools that the result grants only in part or not at all."""
        return self.tools.lost if self.tools is not None else []

    @property
    def changed(self) -> bool:
        """True when the text differs from the source's."""
        return self.text != self.source_text

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity >= Severity.ERROR]

    def encode(self) -> bytes:
        """The bytes to write: UTF-8, with the source's BOM when it had one (LoadedText.encode)."""
        try:
            if self.loaded is not None:
                return self.loaded.encode(self.text)
            return self.text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ExportError(
                f"The text has a character that cannot be saved as UTF-8 (at character "
                f"{exc.start}); nothing was written. Delete or retype that character."
            ) from None

    def destination(
        self, out_dir: str | os.PathLike[str], *, flat: bool = False, folders: Folders | None = None
    ) -> Path:
        """Where the file goes inside ``out_dir``; raises ExportError when that place resolves
        (symbolic links included) outside the folder."""
        return self.place(out_dir, flat=flat, folders=folders)[0]

    def place(
        self, out_dir: str | os.PathLike[str], *, flat: bool = False, folders: Folders | None = None
    ) -> tuple[Path, str]:
        """``destination`` and the real path it resolves to (``resolve_inside``)."""
        relative = self.file_name if flat else self.relative_path
        pure = PurePosixPath(relative)
        real = resolve_inside(out_dir, relative, folders, pure=pure)
        return Path(out_dir, *pure.parts), real

    def check(
        self,
        out_dir: str | os.PathLike[str],
        *,
        flat: bool = False,
        force: bool = False,
        folders: Folders | None = None,
    ) -> Path:
        """Everything ``write`` checks before it writes; returns the destination."""
        self._check_blocked(force)
        path = self.destination(out_dir, flat=flat, folders=folders)
        self.check_placed(path, force=force)
        return path

    def check_placed(self, path: Path, *, force: bool = False) -> None:
        """``check`` of a destination ``destination`` gave already."""
        self._check_blocked(force)
        if os.path.lexists(path) and not force:
            raise ExportError(
                f"{path} already exists; it was not overwritten. Use --force (force=True) to "
                "replace it."
            )
        if os.path.isdir(path):
            raise ExportError(f"{path} is a folder; nothing was written.")

    def _check_blocked(self, force: bool) -> None:
        if self.blocked and not force:
            first = self.errors[0]
            more = len(self.errors) - 1
            also = f" (and {more} more)" if more else ""
            raise ExportError(
                f"The {self.target} file has errors, so it was not written: line "
                f"{first.span.line}: {first.message}{also}. Fix the source, or force the export."
            )

    def write(
        self, out_dir: str | os.PathLike[str], *, flat: bool = False, force: bool = False
    ) -> Path:
        """Write the file atomically into ``out_dir`` (the target's default folder inside it, or
        straight into it when ``flat``); returns its path. ``force`` overwrites an existing file
        and writes a result that has errors."""
        if os.path.exists(out_dir) and not os.path.isdir(out_dir):
            raise ExportError(f"{out_dir} is not a folder; nothing was written.")
        path = self.check(out_dir, flat=flat, force=force)
        data = self.encode()
        try:
            os.makedirs(path.parent, exist_ok=True)
        except OSError as exc:
            raise ExportError(
                f"The folder {path.parent} cannot be created ({exc.strerror or exc}); nothing "
                "was written."
            ) from None
        # The folders exist now: check again, so a link made in the meantime cannot lead out.
        real = resolve_inside(out_dir, self.file_name if flat else self.relative_path)
        atomic_write(real, data)
        return path

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "source_target": self.source_target,
            "file_name": self.file_name,
            "relative_path": self.relative_path,
            "changed": self.changed,
            "blocked": self.blocked,
            "notes": [note.to_dict() for note in self.notes],
            "tools": self.tools.to_dict() if self.tools is not None else None,
            "diagnostics": [
                {
                    "rule": d.rule,
                    "name": d.name,
                    "severity": d.severity.label,
                    "message": d.message,
                    "line": d.span.line,
                    "column": d.span.column,
                }
                for d in self.diagnostics
            ],
        }


class Folders:
    """The real paths of the folders one batch of exports checks its destinations in, each
    resolved once: a batch's files mostly share one folder, and resolving it for every file
    costs a system call per path component. For the checks before writing; ``write`` resolves
    its destination afresh."""

    def __init__(self) -> None:
        self._real: dict[str, str] = {}

    def realpath(self, path: str) -> str:
        found = self._real.get(path)
        if found is None:
            found = self._real[path] = os.path.realpath(path)
        return found


def resolve_inside(
    out_dir: str | os.PathLike[str],
    relative: str,
    folders: Folders | None = None,
    *,
    pure: PurePosixPath | None = None,
) -> str:
    """The real path of ``relative`` inside ``out_dir``, or ExportError when it is absolute,
    climbs with ``..``, or resolves (through symbolic links) outside the folder. ``folders``:
    the real paths of the folders, known already; ``pure``: ``PurePosixPath(relative)``."""
    pure = pure if pure is not None else PurePosixPath(relative)
    parts = pure.parts if "\\" not in relative else PurePosixPath(relative.replace("\\", "/")).parts
    if not parts or pure.is_absolute() or os.path.isabs(relative):
        raise ExportError(f"'{relative}' is not a relative file path; nothing was written.")
    if any(part in ("..", ".") for part in parts):
        raise ExportError(f"'{relative}' climbs out of the folder; nothing was written.")
    if folders is None or os.name != "posix":
        base = os.path.realpath(out_dir)
        candidate = os.path.realpath(os.path.join(base, *parts))
    else:
        # The same path: the folder resolved (once), then only the last part looked at.
        base = folders.realpath(os.fspath(out_dir))
        parent = folders.realpath(os.path.join(base, *parts[:-1])) if parts[:-1] else base
        candidate = os.path.join(parent, parts[-1])
        if os.path.islink(candidate):
            candidate = os.path.realpath(candidate)
    try:
        inside = os.path.commonpath([base, candidate]) == base and candidate != base
    except ValueError:  # different drives
        inside = False
    if not inside:
        raise ExportError(
            f"'{relative}' would be written outside {out_dir} (to {candidate}, following "
            "symbolic links); nothing was written."
        )
    return candidate
