"""Export and import: one module per target, and the registry that picks them.

``export(document, path_hint, to_target)`` converts a persona of any format into the file of
``to_target``: the body is carried byte for byte and only the front matter is edited (span edits,
so the keys that stay keep their order, quoting and comments). The result carries notes on what
changed and what was dropped, and is linted under its target: errors block writing it unless the
caller forces. Exporting a file to its own format when nothing needs to change gives back the
same text.

``detect_format(path, text)`` tells which format a file is in, for opening (importing) it: by its
name and folder as VS Code does, else by the keys and tool names of its front matter.

Standard library and core only; never Qt.
"""

from __future__ import annotations

import os
import types
from collections.abc import Mapping
from typing import Any

from persona_studio.core.catalog import Catalog, CatalogError, load_catalog
from persona_studio.core.document import Document, parse
from persona_studio.core.errors import EditError
from persona_studio.core.files.fileio import LoadedText, read_text
from persona_studio.core.formats.agent import AgentExporter
from persona_studio.core.formats.base import Exporter
from persona_studio.core.formats.chatmode import ChatModeExporter
from persona_studio.core.formats.claude import ClaudeExporter
from persona_studio.core.formats.conversion import Conversion, with_outline
from persona_studio.core.formats.github import GitHubExporter
from persona_studio.core.formats.naming import display_name, file_name, safe_stem
from persona_studio.core.formats.result import (
    NOTE_KINDS,
    ExportError,
    ExportResult,
    Note,
    resolve_inside,
)
from persona_studio.core.lint import lint_document
from persona_studio.core.lint.model import Severity
from persona_studio.core.readers import filekind

__all__ = [
    "EXPORTERS",
    "FORMATS",
    "NOTE_KINDS",
    "ExportError",
    "ExportResult",
    "Exporter",
    "Note",
    "detect_format",
    "export",
    "export_file",
    "export_folders",
    "resolve_inside",
]

EXPORTERS: Mapping[str, type[Exporter]] = types.MappingProxyType(
    {
        "chatmode": ChatModeExporter,
        "agent": AgentExporter,
        "claude": ClaudeExporter,
        "github": GitHubExporter,
    }
)
"""The exporters by the name a catalog target gives as its ``exporter``, in the order the
export choices list their targets."""


def _formats(catalog: Catalog) -> Mapping[str, Exporter]:
    named = {tid: target.exporter for tid, target in catalog.targets.items() if target.exporter}
    unknown = sorted(set(named.values()) - set(EXPORTERS))
    if unknown:
        raise CatalogError(f"tool catalog: no exporter is called {', '.join(unknown)}")
    return types.MappingProxyType(
        {tid: made(tid) for name, made in EXPORTERS.items() for tid in named if named[tid] == name}
    )


FORMATS: Mapping[str, Exporter] = _formats(load_catalog())
"""Target id -> its exporter, for each target the catalog names an exporter of."""


def export_folders(catalog: Catalog | None = None) -> list[str]:
    """The workspace folders an export writes into, one per place, in the export choices' order
    (each target's ``default_folder``, then the skill folders): for help texts."""
    from persona_studio.core.formats.skills import SKILL_TARGETS

    catalog = catalog or load_catalog()
    folders = [catalog.target(tid).default_folder for tid in FORMATS]
    return list(dict.fromkeys([*folders, *SKILL_TARGETS.values()]))


def detect_format(path: str | os.PathLike[str] | None, text: str) -> str:
    """The format (a catalog target id) a file is written in, for exporting it: the kind's
    legacy profile where it has one (a chat mode is written with chat-mode tool names, though
    today's VS Code reads it as an agent), else ``filekind.identify``'s profile, the same one
    the linter and the window give."""
    return _detect(path, parse(text).data)


def _detect(path: str | os.PathLike[str] | None, data: Mapping[str, Any] | None) -> str:
    found = filekind.identify(path, data)
    if found.spec is not None and found.spec.legacy_profile is not None:
        return found.spec.legacy_profile
    return found.target


def export(
    document: Document,
    path_hint: str | os.PathLike[str] | None,
    to_target: str,
    *,
    name: str | None = None,
    from_target: str | None = None,
    loaded: LoadedText | None = None,
    catalog: Catalog | None = None,
    outlined: bool = True,
) -> ExportResult:
    """Convert ``document`` into a ``to_target`` file.

    ``path_hint`` is the source's path (its format and file name are read from it; None for an
    unsaved document). ``name`` is the exported file's name before it is made safe (default: the
    source's file name without its suffix, else the persona's title). ``from_target`` overrides
    the detected source format. ``loaded`` (the source as read from disk) keeps its BOM when the
    result is written. ``outlined`` False: ``document`` was parsed without its body's outline
    (``parse(outline=False)``), which is made only where it is needed. Raises ExportError when the
    front matter cannot be read or no safe file name can be made.
    """
    exporter = FORMATS.get(to_target)
    if exporter is None:
        raise ExportError(
            f"Persona Studio cannot export to '{to_target}'; choose one of {', '.join(FORMATS)}."
        )
    catalog = catalog or load_catalog()
    where = os.fspath(path_hint) if path_hint is not None else None
    source = from_target or _detect(path_hint, document.data)  # the document is parsed
    if source not in catalog.targets:
        raise ExportError(f"'{source}' is not a known format; known: {', '.join(catalog.targets)}.")
    front = document.front_matter
    if front is not None and front.error is not None:
        raise ExportError(
            f"The front matter cannot be read (line {front.error.span.line}: "
            f"{front.error.message}); fix it before exporting.",
            path=where,
        )
    target = catalog.target(to_target)
    if not outlined and path_hint is None and name is None:
        document, outlined = with_outline(document), True  # named after its first heading
    display_stem = _display_stem(document, path_hint, name, catalog)
    stem = safe_stem(display_stem)
    conversion = Conversion(
        original=document,
        base=document,
        source=source,
        target=target,
        catalog=catalog,
        display_stem=display_stem,
        stem=stem,
        outlined=outlined,
    )
    try:
        exporter.convert(conversion)
    except EditError as error:
        raise ExportError(
            f"The front matter cannot be converted: {error.message}", path=where
        ) from None
    converted = conversion.finished()
    result_name = file_name(stem, target.suffix)
    relative = f"{target.default_folder.strip('/')}/{result_name}"
    diagnostics = lint_document(
        converted, path=relative, target=to_target, catalog=catalog, fixes=False
    )
    return ExportResult(
        target=to_target,
        source_target=source,
        file_name=result_name,
        relative_path=relative,
        text=converted.text,
        notes=conversion.notes,
        diagnostics=diagnostics,
        blocked=any(d.severity >= Severity.ERROR for d in diagnostics),
        source_text=document.text,
        loaded=loaded,
        tools=conversion.tools,
    )


def export_file(
    path: str | os.PathLike[str],
    to_target: str,
    *,
    name: str | None = None,
    from_target: str | None = None,
) -> ExportResult:
    """Read a file (fileio's checks and errors) and export it; the BOM is kept on writing."""
    loaded = read_text(path)
    document = parse(loaded.text, outline=False)  # the steps read the header only
    return export(
        document,
        path,
        to_target,
        name=name,
        from_target=from_target,
        loaded=loaded,
        outlined=False,
    )


def _display_stem(
    document: Document,
    path_hint: str | os.PathLike[str] | None,
    name: str | None,
    catalog: Catalog,
) -> str:
    if name is not None:
        return name
    if path_hint is not None:
        return filekind.persona_stem(path_hint, catalog)
    found = display_name(document)
    if found is None:
        raise ExportError(
            "The persona has no file name and no title to name the exported file after; "
            "give it a name."
        )
    return found[0]
