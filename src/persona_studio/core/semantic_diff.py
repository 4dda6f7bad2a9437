"""Semantic diff of two personas, and the figures of a text diff.

Contract: standard library and core only, never Qt; rendering is the caller's job.

``semantic_diff(a, b)`` compares two parsed documents by meaning rather than by lines:

* front-matter keys added, removed and changed (values compared as loaded; ``tools`` too);
* tools added and removed. With ``match_renamed=True`` a legacy tool name and its current name
  count as the same tool, by the renames of the catalog's ``vscode-agent`` target (``codebase``
  and ``search/codebase``; ``runCommands`` and the four tools it became), and the pairs are
  listed in ``tools_renamed``;
* sections added, removed, moved and changed, matched by title (case-insensitive, surrounding
  blanks ignored; the k-th section of a title matches the k-th of the same title). The document
  title (the first level-1 heading) is not a section here: a new title is ``title``, and a change
  of the text under it is ``intro_changed``. A section is changed when its own text (down to the
  next heading of any level, surrounding blank lines ignored) or its level differs; it is moved
  when it left the order the other matched sections keep (the longest common order decides which
  ones stayed);
* inside sections that hold list items: items added, removed and reordered (matched by text);
* the title and the description.

``figures(text_diff)``, the numbers a summary shows, lives in ``core.diff.figures`` and is
re-exported here.

``semantic_diff`` takes ``cancel``, a ``CancelToken`` checked before each matched section;
``Cancelled`` is raised once it is set. Without a token it never stops early.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from persona_studio.core.catalog import Catalog, load_catalog
from persona_studio.core.diff import DiffOptions
from persona_studio.core.diff.figures import Figures, figures
from persona_studio.core.document import Document
from persona_studio.core.jobs import CancelToken, checker
from persona_studio.core.outline import Section
from persona_studio.core.readers import toollist

__all__ = [
    "Figures",
    "ItemChanges",
    "KeyChange",
    "SectionChange",
    "SemanticDiff",
    "figures",
    "semantic_diff",
    "tool_names",
]

_MISSING = object()


# ----------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class KeyChange:
    key: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class ItemChanges:
    """List items of one section: added and removed texts, and the items that moved."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reordered: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.reordered)


@dataclass(frozen=True, slots=True)
class SectionChange:
    """A section in both documents whose text (or heading level) differs."""

    title: str  # as B spells it
    level_before: int
    level_after: int
    items: ItemChanges = ItemChanges()


@dataclass(frozen=True)
class SemanticDiff:
    keys_added: tuple[str, ...] = ()
    keys_removed: tuple[str, ...] = ()
    keys_changed: tuple[KeyChange, ...] = ()
    tools_added: tuple[str, ...] = ()
    tools_removed: tuple[str, ...] = ()
    tools_renamed: tuple[tuple[str, str], ...] = ()  # (legacy name in A, current name in B)
    sections_added: tuple[str, ...] = ()
    sections_removed: tuple[str, ...] = ()
    sections_moved: tuple[str, ...] = ()
    sections_changed: tuple[SectionChange, ...] = ()
    title: tuple[str | None, str | None] | None = None  # (before, after) when it changed
    description: tuple[Any, Any] | None = None  # (before, after) when it changed
    intro_changed: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def equal(self) -> bool:
        return not (
            self.keys_added
            or self.keys_removed
            or self.keys_changed
            or self.tools_added
            or self.tools_removed
            or self.tools_renamed
            or self.sections_added
            or self.sections_removed
            or self.sections_moved
            or self.sections_changed
            or self.title
            or self.description
            or self.intro_changed
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: tool lists hold names, section lists hold section titles."""
        return {
            "keys": {
                "added": list(self.keys_added),
                "removed": list(self.keys_removed),
                "changed": [change.key for change in self.keys_changed],
                "values": {
                    change.key: {
                        "before": _plain(change.before),
                        "after": _plain(change.after),
                    }
                    for change in self.keys_changed
                },
            },
            "tools": {
                "added": list(self.tools_added),
                "removed": list(self.tools_removed),
                "renamed": [list(pair) for pair in self.tools_renamed],
            },
            "sections": {
                "added": list(self.sections_added),
                "removed": list(self.sections_removed),
                "moved": list(self.sections_moved),
                "changed": [change.title for change in self.sections_changed],
                "items": {
                    change.title: {
                        "added": list(change.items.added),
                        "removed": list(change.items.removed),
                        "reordered": list(change.items.reordered),
                    }
                    for change in self.sections_changed
                    if not change.items.empty
                },
            },
            "title": None
            if self.title is None
            else {"before": self.title[0], "after": self.title[1]},
            "description": None
            if self.description is None
            else {"before": _plain(self.description[0]), "after": _plain(self.description[1])},
            "intro_changed": self.intro_changed,
            "notes": list(self.notes),
        }


def _plain(value: Any) -> Any:
    """A loaded YAML value as JSON can hold it (dates and other scalars as text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


# ------------------------------------------------------------------------------ semantic diff


def semantic_diff(
    a: Document,
    b: Document,
    *,
    options: DiffOptions | None = None,
    match_renamed: bool = False,
    catalog: Catalog | None = None,
    cancel: CancelToken | None = None,
) -> SemanticDiff:
    """What changed from ``a`` to ``b``, by meaning. Never raises for any two documents.

    ``options`` apply to section text and list items (whitespace and case); front-matter
    values are compared as loaded.
    """
    options = options or DiffOptions()
    notes = []
    for name, document in (("A", a), ("B", b)):
        front = document.front_matter
        if front is not None and front.error is not None:
            notes.append(
                f"The front matter of {name} could not be read ({front.error.message}); its keys"
                " and tools were compared as empty."
            )

    keys_added, keys_removed, keys_changed = _keys(a.data, b.data)
    tools_added, tools_removed, renamed = _tools(
        tool_names(a), tool_names(b), match_renamed, catalog
    )
    sections = _sections(a, b, options, checker(cancel))

    title_a, title_b = a.title, b.title
    before = title_a.title.strip() if title_a is not None else None
    after = title_b.title.strip() if title_b is not None else None
    title = (before, after) if before != after else None

    description_a = a.data.get("description", _MISSING)
    description_b = b.data.get("description", _MISSING)
    description = None
    if description_a != description_b:
        description = (
            None if description_a is _MISSING else description_a,
            None if description_b is _MISSING else description_b,
        )

    return SemanticDiff(
        keys_added=keys_added,
        keys_removed=keys_removed,
        keys_changed=keys_changed,
        tools_added=tools_added,
        tools_removed=tools_removed,
        tools_renamed=renamed,
        sections_added=sections.added,
        sections_removed=sections.removed,
        sections_moved=sections.moved,
        sections_changed=sections.changed,
        title=title,
        description=description,
        intro_changed=sections.intro_changed,
        notes=tuple(notes),
    )


def _keys(
    a: Mapping[str, Any], b: Mapping[str, Any]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[KeyChange, ...]]:
    added = tuple(key for key in b if key not in a)
    removed = tuple(key for key in a if key not in b)
    changed = tuple(
        KeyChange(key, a[key], b[key])
        for key in b
        if key in a and (a[key] != b[key] or type(a[key]) is not type(b[key]))
    )
    return added, removed, changed


def tool_names(document: Document) -> tuple[str, ...]:
    """The tool names of a document in every shape (``toollist``); duplicates are dropped, order
    is kept."""
    return tuple(dict.fromkeys(toollist.tool_names(document) or ()))


def _tools(
    a: Sequence[str], b: Sequence[str], match_renamed: bool, catalog: Catalog | None
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    if not match_renamed:
        in_a, in_b = set(a), set(b)
        return (
            tuple(name for name in b if name not in in_a),
            tuple(name for name in a if name not in in_b),
            (),
        )
    # Today's reader of agents (the catalog's fallback profile) knows which legacy and current
    # names are the same tool.
    catalog = catalog or load_catalog()
    target = catalog.target(catalog.fallback_profile)

    def identity(name: str) -> frozenset[str]:
        status = target.classify_tool(name)
        if status.kind == "renamed":
            return frozenset(status.replacements)
        if status.kind == "known":
            return frozenset({status.alias_of or status.name})
        return frozenset({name})

    ids_a = {name: identity(name) for name in a}
    ids_b = {name: identity(name) for name in b}
    all_a = frozenset().union(*ids_a.values())
    all_b = frozenset().union(*ids_b.values())
    added = tuple(name for name in b if name not in ids_a and not ids_b[name] <= all_a)
    removed = tuple(name for name in a if name not in ids_b and not ids_a[name] <= all_b)
    renamed = tuple(
        (old, new)
        for old in a
        if old not in ids_b and old not in removed
        for new in b
        if new not in ids_a and new not in added and ids_a[old] & ids_b[new]
    )
    return added, removed, renamed


# ---------------------------------------------------------------------------------- sections


@dataclass(frozen=True, slots=True)
class _SectionResult:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    moved: tuple[str, ...]
    changed: tuple[SectionChange, ...]
    intro_changed: bool


def _title_key(section: Section) -> str:
    return " ".join(section.title.split()).casefold()


def _outline(document: Document) -> tuple[Section | None, list[Section]]:
    """The title section, and the other sections in order."""
    title = document.title
    return title, [section for section in document.sections if section is not title]


def _normalize(text: str, options: DiffOptions) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if options.ignore_whitespace:
        text = "".join(text.split())
    elif options.ignore_blank_lines:
        text = "\n".join(line.rstrip() for line in text.split("\n") if line.strip())
    else:
        text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return text.casefold() if options.ignore_case else text


def _sections(
    a: Document, b: Document, options: DiffOptions, check: Callable[[], None]
) -> _SectionResult:
    title_a, sections_a = _outline(a)
    title_b, sections_b = _outline(b)

    intro_changed = False
    if title_a is not None and title_b is not None:
        intro_changed = _normalize(title_a.content(a.text), options) != _normalize(
            title_b.content(b.text), options
        )

    # The k-th section of a title in A matches the k-th of that title in B.
    positions_b: dict[str, list[int]] = defaultdict(list)
    for index, section in enumerate(sections_b):
        positions_b[_title_key(section)].append(index)
    seen: Counter[str] = Counter()
    matches: list[tuple[int, int]] = []
    removed = []
    for index, section in enumerate(sections_a):
        check()
        key = _title_key(section)
        occurrence = seen[key]
        seen[key] += 1
        candidates = positions_b.get(key, [])
        if occurrence < len(candidates):
            matches.append((index, candidates[occurrence]))
        else:
            removed.append(section.title.strip())
    matched_b = {j for _, j in matches}
    added = [section.title.strip() for j, section in enumerate(sections_b) if j not in matched_b]

    kept = set(_longest_increasing([j for _, j in matches]))
    moved = [sections_b[j].title.strip() for _, j in matches if j not in kept]

    changed = []
    for i, j in matches:
        check()
        section_a, section_b = sections_a[i], sections_b[j]
        text_a = _normalize(section_a.content(a.text), options)
        text_b = _normalize(section_b.content(b.text), options)
        if text_a == text_b and section_a.level == section_b.level:
            continue
        items = _items(section_a, section_b, options)
        changed.append(
            SectionChange(section_b.title.strip(), section_a.level, section_b.level, items)
        )
    return _SectionResult(tuple(added), tuple(removed), tuple(moved), tuple(changed), intro_changed)


def _longest_increasing(values: Sequence[int]) -> list[int]:
    """One longest strictly increasing subsequence of ``values`` (earliest on ties)."""
    tails: list[int] = []
    tail_at: list[int] = []
    previous: list[int] = []
    for index, value in enumerate(values):
        length = bisect.bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_at.append(index)
        else:
            tails[length] = value
            tail_at[length] = index
        previous.append(tail_at[length - 1] if length else -1)
    result = []
    index = tail_at[-1] if tail_at else -1
    while index >= 0:
        result.append(values[index])
        index = previous[index]
    result.reverse()
    return result


def _items(section_a: Section, section_b: Section, options: DiffOptions) -> ItemChanges:
    if not section_a.items and not section_b.items:
        return ItemChanges()
    texts_a = [item.text.strip() for item in section_a.items]
    texts_b = [item.text.strip() for item in section_b.items]
    keys_a = [_normalize(text, options) for text in texts_a]
    keys_b = [_normalize(text, options) for text in texts_b]

    # Match equal items, the k-th occurrence with the k-th.
    positions_b: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys_b):
        positions_b[key].append(index)
    seen: Counter[str] = Counter()
    matches: list[tuple[int, int]] = []
    removed = []
    for index, key in enumerate(keys_a):
        occurrence = seen[key]
        seen[key] += 1
        candidates = positions_b.get(key, [])
        if occurrence < len(candidates):
            matches.append((index, candidates[occurrence]))
        else:
            removed.append(texts_a[index])
    matched_b = {j for _, j in matches}
    added = [text for j, text in enumerate(texts_b) if j not in matched_b]
    kept = set(_longest_increasing([j for _, j in matches]))
    reordered = [texts_b[j] for _, j in matches if j not in kept]
    return ItemChanges(tuple(added), tuple(removed), tuple(reordered))
