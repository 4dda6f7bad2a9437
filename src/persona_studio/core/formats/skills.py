"""Agent skills between readers: ``.github/skills/NAME/`` (VS Code, GitHub Copilot) and
``.claude/skills/NAME/`` (Claude Code).

A skill is a folder: ``SKILL.md`` and the files its body links to (scripts, references). Both
readers read the same open Agent Skills format, so the export copies the whole folder byte for
byte, keeping its layout: every relative link inside the folder stays valid. A link that leads
out of the folder cannot come along; it is reported (it would point at nothing at the new place
unless the same file exists there). ``SKILL.md`` is linted under the skill profile, as it reads at
the new place; errors block writing unless forced. Symbolic links are not followed: a link
inside the folder is reported and left out.

Standard library and core only; never Qt.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from persona_studio.core.catalog import Catalog, load_catalog
from persona_studio.core.document import parse
from persona_studio.core.files.fileio import atomic_write, read_text
from persona_studio.core.formats.result import ExportError, Note, resolve_inside
from persona_studio.core.lint import lint_document
from persona_studio.core.lint.model import Diagnostic, Severity
from persona_studio.core.readers import links

_SKILL_KIND = load_catalog().kinds[
    "skill"
]  # the catalog says what a skill file is and who reads it
assert _SKILL_KIND.file_name is not None, "the catalog's skill kind names its file"
SKILL_FILE: str = _SKILL_KIND.file_name
SKILL_PROFILE: str = _SKILL_KIND.profile
SKILL_TARGETS: Mapping[str, str] = MappingProxyType(
    {tid: export.folder for tid, export in _SKILL_KIND.exports.items()}
)
"""Skill export target -> the workspace folder its skills live in (the catalog's skill kind)."""
SKILL_LABELS: Mapping[str, str] = MappingProxyType(
    {tid: export.label for tid, export in _SKILL_KIND.exports.items()}
)


@dataclass(eq=False)
class SkillExport:
    """One skill folder as it would be written: its files (path inside the folder -> bytes),
    the notes, and the lint of its SKILL.md under the skill profile. It answers what an
    ``ExportResult`` answers (the text and destination are SKILL.md's), so the export plan and
    the Export dialog take either."""

    target: str
    name: str
    source_dir: str
    relative_dir: str  # e.g. .claude/skills/md-to-docx
    files: dict[str, bytes]
    notes: list[Note] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source_target: str = SKILL_PROFILE
    tools: None = None
    changed: bool = False  # the files are copied as they are

    @property
    def blocked(self) -> bool:
        return any(d.severity >= Severity.ERROR for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity >= Severity.ERROR]

    @property
    def tool_losses(self) -> list[Any]:
        return []

    @property
    def file_name(self) -> str:
        return f"{self.name}/{SKILL_FILE}"

    @property
    def relative_path(self) -> str:
        return f"{self.relative_dir}/{SKILL_FILE}"

    @property
    def text(self) -> str:
        return self.files[SKILL_FILE].decode("utf-8-sig")

    def encode(self) -> bytes:
        return self.files[SKILL_FILE]

    def _folder(self, flat: bool) -> str:
        return self.name if flat else self.relative_dir

    def folder(self, out_dir: str | os.PathLike[str], *, flat: bool = False) -> Path:
        """The skill's folder inside ``out_dir`` (straight inside it when ``flat``)."""
        relative = self._folder(flat)
        resolve_inside(out_dir, f"{relative}/{SKILL_FILE}")
        return Path(out_dir, *PurePosixPath(relative).parts)

    def destination(self, out_dir: str | os.PathLike[str], *, flat: bool = False) -> Path:
        """Where SKILL.md goes inside ``out_dir``."""
        return self.folder(out_dir, flat=flat) / SKILL_FILE

    def existing(self, out_dir: str | os.PathLike[str], *, flat: bool = False) -> list[str]:
        """The files of this skill that already exist in ``out_dir``."""
        base = self.folder(out_dir, flat=flat)
        return [name for name in self.files if os.path.lexists(base.joinpath(name))]

    def write(
        self, out_dir: str | os.PathLike[str], *, flat: bool = False, force: bool = False
    ) -> Path:
        """Write every file of the folder atomically; ``force`` writes a skill that has errors
        and replaces files that exist. Returns the folder written."""
        if self.blocked and not force:
            first = self.errors[0]
            raise ExportError(
                f"The skill's {SKILL_FILE} has errors, so it was not written: line "
                f"{first.span.line}: {first.message}. Fix it, or force the export."
            )
        existing = self.existing(out_dir, flat=flat)
        if existing and not force:
            listed = ", ".join(existing[:3]) + (" ..." if len(existing) > 3 else "")
            raise ExportError(
                f"{self.folder(out_dir, flat=flat)} already holds {listed}; nothing was written. "
                "Use --force (force=True) to replace them."
            )
        for name, data in self.files.items():
            relative = f"{self._folder(flat)}/{name}"
            target = Path(resolve_inside(out_dir, relative))
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(resolve_inside(out_dir, relative), data)
        return self.folder(out_dir, flat=flat)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "source_target": SKILL_PROFILE,
            "name": self.name,
            "relative_path": self.relative_path,
            "files": sorted(self.files),
            "blocked": self.blocked,
            "notes": [note.to_dict() for note in self.notes],
            "tools": None,
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


def skill_folder(path: str | os.PathLike[str]) -> Path:
    """The skill folder of ``path``: the folder itself when it holds a SKILL.md, or the folder
    of a SKILL.md file. Raises ExportError otherwise."""
    found = Path(path)
    if found.is_dir() and (found / SKILL_FILE).is_file():
        return found
    if found.name == SKILL_FILE and found.is_file():
        return found.parent
    raise ExportError(
        f"{path} is neither a {SKILL_FILE} file nor a folder holding one", path=str(path)
    )


def export_skill(
    path: str | os.PathLike[str],
    to_target: str,
    *,
    text: str | None = None,
    catalog: Catalog | None = None,
) -> SkillExport:
    """The skill of ``path`` (a SKILL.md or its folder) as ``to_target`` (a SKILL_TARGETS key)
    would hold it; ``text`` is SKILL.md's text when it differs from the file's (an open document
    with unsaved edits). Raises ExportError when it is not a skill or cannot be read."""
    if to_target not in SKILL_TARGETS:
        choices = ", ".join(SKILL_TARGETS)
        raise ExportError(f"'{to_target}' is not a skill target; choose one of {choices}.")
    catalog = catalog or load_catalog()
    folder = skill_folder(path)
    name = folder.name
    relative_dir = f"{SKILL_TARGETS[to_target]}/{name}"
    resolve_inside(".", relative_dir)  # a folder name that climbs out fails here
    loaded = read_text(folder / SKILL_FILE)
    document = parse(loaded.text if text is None else text)
    front = document.front_matter
    if front is not None and front.error is not None:
        raise ExportError(
            f"The front matter of {SKILL_FILE} cannot be read (line {front.error.span.line}: "
            f"{front.error.message}); fix it before exporting.",
            path=str(folder / SKILL_FILE),
        )
    notes: list[Note] = []
    files: dict[str, bytes] = {}
    root = folder.resolve()
    for current, dirs, names in os.walk(folder):
        dirs.sort()
        here = Path(current)
        for entry in sorted(names) + [d for d in dirs if (here / d).is_symlink()]:
            full = here / entry
            inside = full.relative_to(folder).as_posix()
            if full.is_symlink():
                notes.append(Note("dropped", f"'{inside}': a symbolic link, not copied"))
                continue
            if not full.is_file():
                continue
            files[inside] = full.read_bytes()
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    if text is not None:
        files[SKILL_FILE] = loaded.encode(text)
    for link in links.body_links(document):
        target = links.resolve(link, str(folder / SKILL_FILE), None)
        if target is None:
            notes.append(
                Note("unmapped", f"link '{link.written}' starts at the workspace root; check it")
            )
            continue
        resolved = Path(target).resolve()
        if resolved != root and root not in resolved.parents:
            notes.append(
                Note(
                    "unmapped",
                    f"link '{link.written}' leads out of the skill folder; it does not come "
                    "along and points at nothing at the new place unless that file is there too",
                )
            )
        elif not resolved.exists():
            notes.append(Note("unmapped", f"link '{link.written}' names a file that is missing"))
    if "allowed-tools" in document.data:
        notes.append(
            Note(
                "changed",
                "'allowed-tools' is carried as written: check that its names are the new "
                "reader's (Claude Code and VS Code name their tools differently)",
            )
        )
    source_place = SKILL_TARGETS.get(_source_target(folder), "")
    if source_place and source_place == SKILL_TARGETS[to_target]:
        notes.append(Note("changed", "already in this reader's folder: the folder is copied as is"))
    notes.append(
        Note(
            "changed",
            f"{len(files)} {'file' if len(files) == 1 else 'files'} copied byte for byte into "
            f"{relative_dir}/ (links inside the folder stay valid)",
        )
    )
    diagnostics = lint_document(
        document,
        path=str(folder / SKILL_FILE),
        target=SKILL_PROFILE,
        catalog=catalog,
    )
    return SkillExport(to_target, name, str(folder), relative_dir, files, notes, diagnostics)


def _source_target(folder: Path) -> str:
    parent = folder.parent.as_posix()
    for target, place in SKILL_TARGETS.items():
        if parent.endswith(place):
            return target
    return ""
