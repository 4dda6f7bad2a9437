"""A persona's history by meaning: the commits that changed a file, newest first, each with what
it changed in the persona (tools added and removed, keys changed, sections added, removed,
moved or edited, each with its word count delta), from the semantic diff of the file's text
before and after the commit.

Git is read through ``core.git.revision`` (the ``git`` command, as the revision compare reads
it); nothing is ever written. Standard library and core only; never Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from persona_studio.core.document import Document, parse
from persona_studio.core.git.revision import (
    Revision,
    RevisionNotFoundError,
    read_at_revision,
    revisions,
)
from persona_studio.core.jobs import CancelToken, checker
from persona_studio.core.outline import Section
from persona_studio.core.semantic_diff import SemanticDiff, semantic_diff, tool_names
from persona_studio.core.text.stats import word_count

__all__ = ["Change", "SectionWords", "history", "summary_lines"]


@dataclass(frozen=True, slots=True)
class SectionWords:
    """A section in a change, with its words before and after (0 where it is absent)."""

    title: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "before": self.before,
            "after": self.after,
            "delta": self.delta,
        }


@dataclass(frozen=True)
class Change:
    """One commit of the file and what it changed: ``added`` when the file first appears in it
    (there is nothing before to compare with)."""

    revision: Revision
    added: bool
    words_before: int
    words_after: int
    tools_added: tuple[str, ...] = ()
    tools_removed: tuple[str, ...] = ()
    keys_added: tuple[str, ...] = ()
    keys_removed: tuple[str, ...] = ()
    keys_changed: tuple[str, ...] = ()
    sections_added: tuple[SectionWords, ...] = ()
    sections_removed: tuple[SectionWords, ...] = ()
    sections_moved: tuple[str, ...] = ()
    sections_edited: tuple[SectionWords, ...] = ()
    title: tuple[str | None, str | None] | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def words_delta(self) -> int:
        return self.words_after - self.words_before

    def to_dict(self) -> dict[str, Any]:
        revision = self.revision
        return {
            "commit": revision.commit,
            "short": revision.short,
            "date": revision.date,
            "author": revision.author,
            "subject": revision.subject,
            "added": self.added,
            "words": {
                "before": self.words_before,
                "after": self.words_after,
                "delta": self.words_delta,
            },
            "tools": {"added": list(self.tools_added), "removed": list(self.tools_removed)},
            "keys": {
                "added": list(self.keys_added),
                "removed": list(self.keys_removed),
                "changed": list(self.keys_changed),
            },
            "sections": {
                "added": [section.to_dict() for section in self.sections_added],
                "removed": [section.to_dict() for section in self.sections_removed],
                "moved": list(self.sections_moved),
                "edited": [section.to_dict() for section in self.sections_edited],
            },
            "title": None
            if self.title is None
            else {"before": self.title[0], "after": self.title[1]},
            "notes": list(self.notes),
        }


def _key(title: str) -> str:
    return title.strip().casefold()


def _words(document: Document) -> dict[str, int]:
    """Each section's own words (heading excluded), by title; the k-th section of a title as
    ``title`` + k, as the semantic diff matches them."""
    found: dict[str, int] = {}
    seen: dict[str, int] = {}
    title = document.title
    for section in document.sections:
        if section is title:
            continue
        key = _key(section.title)
        number = seen.get(key, 0)
        seen[key] = number + 1
        found[key if number == 0 else f"{key}\x00{number}"] = _section_words(section, document)
    return found


def _section_words(section: Section, document: Document) -> int:
    return word_count(section.content(document.text))


def _body_words(document: Document) -> int:
    return word_count(document.text[document.body_start :])


def compare(revision: Revision, before: Document | None, after: Document) -> Change:
    """What ``revision`` changed from ``before`` (None: the file is new) to ``after``."""
    if before is None:
        words = _words(after)
        return Change(
            revision,
            True,
            0,
            _body_words(after),
            tools_added=tool_names(after),
            keys_added=tuple(after.data),
            sections_added=tuple(
                SectionWords(section.title, 0, words.get(_key(section.title), 0))
                for section in after.sections
                if section is not after.title
            ),
        )
    diff: SemanticDiff = semantic_diff(before, after)
    words_a, words_b = _words(before), _words(after)

    def pair(title: str) -> SectionWords:
        key = _key(title)
        return SectionWords(title, words_a.get(key, 0), words_b.get(key, 0))

    return Change(
        revision,
        False,
        _body_words(before),
        _body_words(after),
        tools_added=diff.tools_added,
        tools_removed=diff.tools_removed,
        keys_added=diff.keys_added,
        keys_removed=diff.keys_removed,
        keys_changed=tuple(change.key for change in diff.keys_changed if change.key != "tools"),
        sections_added=tuple(pair(title) for title in diff.sections_added),
        sections_removed=tuple(pair(title) for title in diff.sections_removed),
        sections_moved=diff.sections_moved,
        sections_edited=tuple(pair(change.title) for change in diff.sections_changed),
        title=diff.title,
        notes=diff.notes,
    )


def history(
    path: str,
    limit: int = 10,
    *,
    cancel: CancelToken | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Change]:
    """The last ``limit`` commits that changed the file at ``path``, newest first, each compared
    with the file as the commit before it left it. Raises the errors of ``core.git.revision``
    (no git, not in a work tree)."""
    check = checker(cancel)
    found = revisions(path, limit + 1)
    texts: dict[str, Document | None] = {}

    def at(commit: str) -> Document | None:
        if commit not in texts:
            try:
                texts[commit] = parse(read_at_revision(path, commit))
            except RevisionNotFoundError:  # not in that commit: deleted, or not added yet
                texts[commit] = None
        return texts[commit]

    changes: list[Change] = []
    shown = found[:limit]
    for number, revision in enumerate(shown):
        check()
        after = at(revision.commit)
        if after is None:
            continue  # the commit removed the file
        if number + 1 < len(found):
            before = at(found[number + 1].commit)
        else:  # the oldest commit listed: the file as its parent holds it, if at all
            before = at(f"{revision.commit}^")
        changes.append(compare(revision, before, after))
        if progress is not None:
            progress(number + 1, len(shown))
    return changes


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


def summary_lines(change: Change) -> list[str]:
    """The change in a few lines of text, as `persona-studio log` and the timeline show it."""
    lines: list[str] = []
    if change.added:
        lines.append(f"added, {change.words_after} words")
    elif change.words_delta:
        lines.append(f"{_signed(change.words_delta)} words ({change.words_after} in all)")
    if change.title is not None:
        lines.append(f"title: {change.title[0] or '(none)'} -> {change.title[1] or '(none)'}")
    tools = [f"+{name}" for name in change.tools_added] + [
        f"-{name}" for name in change.tools_removed
    ]
    if tools:
        lines.append("tools: " + ", ".join(tools))
    if not change.added:
        keys = [f"+{key}" for key in change.keys_added] + [f"-{key}" for key in change.keys_removed]
        keys += [f"~{key}" for key in change.keys_changed]
        if keys:
            lines.append("keys: " + ", ".join(keys))
    parts = [f"+{s.title} ({s.after} words)" for s in change.sections_added]
    parts += [f"-{s.title} ({s.before} words)" for s in change.sections_removed]
    parts += [f"~{s.title} ({_signed(s.delta)} words)" for s in change.sections_edited]
    parts += [f"moved {title}" for title in change.sections_moved]
    if parts:
        lines.append("sections: " + "; ".join(parts))
    if not lines:
        lines.append("no change in meaning (layout or whitespace only)")
    return lines
