"""What is this file, and which reader profile reads it: the one answer every part asks.

The catalog's `kinds` say how a kind of file is recognised (an exact file name such as
``SKILL.md``, a suffix such as ``.agent.md``, or a ``.md`` file directly inside a folder such as
``.claude/agents``) and which profile (catalog target) today's reader applies to it. `identify`
combines that with the project's settings and the front matter:

1. a target chosen by the user (``--target``, the window's own choice) wins;
2. else a target the config sets for the path (``[[overrides]] target``);
3. else the kind's profile: the one the config picks for the kind (``profiles``), or the kind's
   own, switched by a front matter ``target:`` value the kind declares (``target:
   github-copilot`` in an agent);
4. a file of no kind is read with the config's default ``target``, else by what its front matter
   looks like (keys only one profile knows, a comma-separated tools string, a model alias), else
   with the catalog's fallback profile.

`lint`, `show`, `export`, `diff`, `compare`, the library, the window and its file dialogs all ask
this module; no other module names a suffix or a target id. Standard library and core only.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from persona_studio.core.catalog import Catalog, KindSpec, Target, load_catalog

__all__ = [
    "NOT_PERSONA",
    "FileKind",
    "dialog_patterns",
    "identify",
    "is_persona_file",
    "kind_of_path",
    "persona_stem",
    "workspace_root",
]

NOT_PERSONA = "not a file any reader picks up"
# A workspace is the nearest folder holding one of these: the agents' folders, or else the
# repository's root (so that a user-level ~/.claude never stands in for a repository).
_WORKSPACE_MARKERS = (".github", ".claude", ".git")


@dataclass(frozen=True)
class FileKind:
    """The answer: ``kind`` (a catalog kind id, or None for a file no reader picks up by its name
    or place), its ``label``, the ``target`` (profile) that reads it and, in one sentence, why."""

    kind: str | None
    label: str
    target: str
    reason: str
    spec: KindSpec | None = None

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "kind_label": self.label, "target": self.target}


# kind_of_path's answers, with the catalog they are for (a batch asks about each file two or
# three times: the folder walk, identify, the file's stem).
_kinds: tuple[Catalog | None, dict[str, KindSpec | None]] = (None, {})


def kind_of_path(path: str | os.PathLike[str], catalog: Catalog | None = None) -> KindSpec | None:
    """The kind a file's name and place make it, or None."""
    global _kinds
    catalog = catalog or load_catalog()
    name = os.fspath(path)
    known = _kinds
    if known[0] is not catalog or len(known[1]) >= 10_000:
        known = _kinds = (catalog, {})
    if name not in known[1]:
        known[1][name] = _kind_of_path(name, catalog)
    return known[1][name]


def _kind_of_path(path: str, catalog: Catalog) -> KindSpec | None:
    pure = PurePath(path)
    name = pure.name
    lowered = name.lower()
    kinds = list(catalog.kinds.values())
    for kind in kinds:
        if kind.file_name is not None and name == kind.file_name:
            return kind
    for kind in kinds:
        suffix = kind.suffix
        if suffix and lowered.endswith(suffix.lower()) and len(lowered) > len(suffix):
            return kind
    if not lowered.endswith(".md"):
        return None
    parents = tuple(part.lower() for part in pure.parent.parts)
    for kind in kinds:
        if kind.file_name is not None or not kind.md_in_folders or name in kind.exclude:
            continue
        for folder in kind.folders:
            if _ends_with(parents, folder):
                return kind
    return None


def _ends_with(parents: tuple[str, ...], folder: str) -> bool:
    """True when the file's folder path ends with ``folder`` (``*`` matches one folder name)."""
    pattern = _folder_parts(folder)
    if len(parents) < len(pattern):
        return False
    tail = parents[len(parents) - len(pattern) :]
    return all(want == "*" or want == got for want, got in zip(pattern, tail, strict=True))


@functools.lru_cache(maxsize=256)
def _folder_parts(folder: str) -> tuple[str, ...]:
    """A kind's folder (``.github/agents``) as lower-case parts, made once per folder."""
    return tuple(part.lower() for part in PurePath(folder).parts)


def is_persona_file(path: str | os.PathLike[str], catalog: Catalog | None = None) -> bool:
    """The files a folder walk picks up: files of a known kind."""
    return kind_of_path(path, catalog) is not None


def identify(
    path: str | os.PathLike[str] | None,
    data: Mapping[str, Any] | None = None,
    *,
    override: str | None = None,
    path_target: str | None = None,
    default_target: str | None = None,
    profiles: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
) -> FileKind:
    """What the file at ``path`` (None: not saved yet) with front matter ``data`` is.

    ``override`` is a target the user chose for this file; ``path_target``, ``default_target``
    and ``profiles`` come from the project's settings for the path (see the module docstring)."""
    catalog = catalog or load_catalog()
    data = data or {}
    spec = kind_of_path(path, catalog) if path is not None else None
    label = spec.label if spec is not None else NOT_PERSONA
    kind_id = spec.id if spec is not None else None
    where = _describe_place(spec, path)

    def answer(target: str, why: str) -> FileKind:
        catalog.target(target)  # an unknown id is a programming error: fail loudly
        return FileKind(kind_id, label, target, why, spec)

    if override is not None:
        return answer(override, f"{where}; read as {_label(catalog, override)}, as chosen")
    if path_target is not None:
        return answer(
            path_target, f"{where}; read as {_label(catalog, path_target)}, as the config sets"
        )
    if spec is not None:
        chosen = (profiles or {}).get(spec.id)
        if chosen is not None:
            return answer(
                chosen, f"{where}; read as {_label(catalog, chosen)}, as the config's profiles say"
            )
        declared = data.get("target")
        if isinstance(declared, str) and declared in spec.declared_profiles:
            profile = spec.declared_profiles[declared]
            return answer(profile, f"{where}; its front matter says target: {declared}")
        return answer(spec.profile, f"{where}; today's reader: {_label(catalog, spec.profile)}")
    if default_target is not None:
        return answer(
            default_target,
            f"{where}; read as {_label(catalog, default_target)}, the config's default target",
        )
    guessed, why = _guess(data, catalog)
    return answer(guessed, f"{where}; {why}")


def _label(catalog: Catalog, target: str) -> str:
    return catalog.target(target).label


def _describe_place(spec: KindSpec | None, path: str | os.PathLike[str] | None) -> str:
    if path is None:
        return "An unsaved file"
    if spec is None:
        return "Not an agent, chat mode, subagent or skill by its name or folder"
    name = PurePath(os.fspath(path)).name
    article = "An" if spec.label[:1].lower() in "aeiou" else "A"
    if spec.file_name is not None and name == spec.file_name:
        return f"{article} {spec.label} (named {spec.file_name})"
    if spec.suffix and name.lower().endswith(spec.suffix.lower()):
        return f"{article} {spec.label} (a {spec.suffix} file)"
    return f"{article} {spec.label} (a .md file in {' or '.join(spec.folders)})"


def _guess(data: Mapping[str, Any], catalog: Catalog) -> tuple[str, str]:
    """A profile for a file of no kind, from its front matter alone."""
    candidates = _guess_candidates(catalog)
    for target in candidates:
        others = [other for other in candidates if other is not target]
        for key in data:
            if target.key(key) is not None and all(other.key(key) is None for other in others):
                return target.id, f"its key '{key}' is read only by {target.label}s"
    tools = data.get("tools")
    if isinstance(tools, str) and tools.strip():
        for target in candidates:
            if target.tools_form == "comma-string":
                return (
                    target.id,
                    f"its tools are a comma-separated string, as {target.label}s write",
                )
    model = data.get("model")
    if isinstance(model, str):
        for target in candidates:
            spec = target.key("model")
            if spec is not None and model in spec.values:
                return target.id, f"its model '{model}' is a {target.label} value"
    if isinstance(tools, list):
        names = [name for name in tools if isinstance(name, str)]
        scores = [
            (sum(1 for n in names if target.classify_tool(n).kind == "known"), -rank, target)
            for rank, target in enumerate(candidates)
        ]
        best = max(scores, default=None, key=lambda score: score[:2])
        if best is not None and best[0]:
            target = best[2]
            return target.id, f"{target.label}s know most of its tool names"
    fallback = catalog.fallback_profile
    return fallback, f"read as {_label(catalog, fallback)}, the default"


def _guess_candidates(catalog: Catalog) -> list[Target]:
    """The current profiles of the kinds, in the catalog's order, the fallback first."""
    ids = [catalog.fallback_profile]
    for kind in catalog.kinds.values():
        if kind.profile not in ids:
            ids.append(kind.profile)
    return [catalog.target(tid) for tid in ids]


def persona_stem(path: str | os.PathLike[str], catalog: Catalog | None = None) -> str:
    """The file's name without its kind's suffix (``backend.chatmode.md`` -> ``backend``); a
    skill is named by its folder."""
    catalog = catalog or load_catalog()
    pure = PurePath(os.fspath(path))
    spec = kind_of_path(pure, catalog)
    if spec is not None and spec.file_name is not None and pure.name == spec.file_name:
        return pure.parent.name or pure.name
    lowered = pure.name.lower()
    for suffix in _suffixes(catalog):
        if lowered.endswith(suffix.lower()) and len(pure.name) > len(suffix):
            return pure.name[: -len(suffix)]
    return pure.name


def _suffixes(catalog: Catalog) -> list[str]:
    """The kinds' suffixes, longest first, then plain ``.md``."""
    found = {kind.suffix for kind in catalog.kinds.values() if kind.suffix}
    return [*sorted(found, key=len, reverse=True), ".md"]


def dialog_patterns(catalog: Catalog | None = None) -> list[str]:
    """Glob patterns of the files the kinds cover, for file dialogs (``*.agent.md``,
    ``SKILL.md``, ``*.md`` for files kept in agent folders)."""
    catalog = catalog or load_catalog()
    patterns: list[str] = []
    for kind in catalog.kinds.values():
        for pattern in (
            f"*{kind.suffix}" if kind.suffix else None,
            kind.file_name,
            "*.md" if kind.folders and kind.md_in_folders and not kind.file_name else None,
        ):
            if pattern and pattern not in patterns:
                patterns.append(pattern)
    return patterns


def searched_files(catalog: Catalog | None = None) -> str:
    """What a folder walk picks up, in words for a command's help: the kinds' suffixes
    (``*.agent.md``) and the folders whose every Markdown file is a persona, for instance
    "*.chatmode.md, *.agent.md and Markdown files under .github/agents/ and .claude/agents/"."""
    catalog = catalog or load_catalog()
    kinds = catalog.kinds.values()
    patterns = list(dict.fromkeys(f"*{kind.suffix}" for kind in kinds if kind.suffix))
    folders = list(
        dict.fromkeys(
            f"{folder}/"
            for kind in kinds
            if kind.md_in_folders and not kind.file_name
            for folder in kind.folders
        )
    )
    return _listed([*patterns, f"Markdown files under {_listed(folders)}" if folders else ""])


def _listed(items: list[str]) -> str:
    """'a, b and c'."""
    items = [item for item in items if item]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def workspace_root(
    path: str | os.PathLike[str], roots: Iterable[str | os.PathLike[str]] = ()
) -> str | None:
    """The workspace a file lives in: the nearest folder above it holding ``.github/``,
    ``.claude/`` or ``.git``, else the nearest of ``roots`` (the folders being linted) that holds
    it; None when neither is found."""
    here = os.path.dirname(os.path.abspath(os.fspath(path)))
    folder = here
    while True:
        if any(os.path.exists(os.path.join(folder, marker)) for marker in _WORKSPACE_MARKERS):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    best: str | None = None
    for root in roots:
        candidate = os.path.abspath(os.fspath(root))
        if not os.path.isdir(candidate):
            candidate = os.path.dirname(candidate)
        inside = here == candidate or here.startswith(candidate.rstrip(os.sep) + os.sep)
        if inside and (best is None or len(candidate) > len(best)):
            best = candidate
    return best


# Folders a walk never enters: dependencies, build output, caches.
_SKIPPED_FOLDERS = frozenset(
    {"node_modules", "__pycache__", "venv", "site-packages", "dist", "build", "target"}
)


def _visible_dot_folders(catalog: Catalog) -> frozenset[str]:
    """The hidden folders kinds live in (``.github``, ``.claude``, ``.agents``)."""
    names = set()
    for kind in catalog.kinds.values():
        for folder in kind.folders:
            first = PurePath(folder).parts[0]
            if first.startswith("."):
                names.add(first.lower())
    return frozenset(names)


def find_files(
    folder: str | os.PathLike[str],
    *,
    max_depth: int | None = None,
    max_files: int | None = None,
    catalog: Catalog | None = None,
) -> list[str]:
    """The files of a known kind in ``folder`` and below (down to ``max_depth`` folder levels),
    sorted folder by folder. Hidden folders other than the kinds' own (``.github``, ``.claude``,
    ``.agents``), dependency and build folders, and links to folders are not entered."""
    catalog = catalog or load_catalog()
    visible = _visible_dot_folders(catalog)
    found: list[str] = []
    # Iterative (a stack, not recursion): a tree 1,000 folders deep is walked like any other.
    # Each folder's files come before its subfolders, subfolders in name order.
    stack: list[tuple[str, int]] = [(os.fspath(folder), 0)]
    while stack:
        here, depth = stack.pop()
        try:
            with os.scandir(here) as scan:
                items = sorted(scan, key=lambda item: item.name)
        except OSError:
            continue
        subfolders = []
        for item in items:
            try:
                if item.is_dir():
                    subfolders.append(item)
                elif item.name.lower().endswith(".md") and is_persona_file(item.path, catalog):
                    found.append(item.path)
                    if max_files is not None and len(found) >= max_files:
                        return found
            except OSError:
                continue
        if max_depth is not None and depth >= max_depth:
            continue
        entered = []
        for item in subfolders:
            name = item.name.lower()
            if (name.startswith(".") and name not in visible) or name in _SKIPPED_FOLDERS:
                continue
            if item.is_symlink():
                continue
            entered.append((item.path, depth + 1))
        stack.extend(reversed(entered))
    return found
