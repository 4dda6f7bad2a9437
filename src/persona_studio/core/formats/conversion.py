"""The state of one export while its steps run (``Conversion``): the document as edited so far,
the notes, and the front-matter edits not yet applied.

Contract: core only, never Qt. Every change is a span edit of the front matter. ``apply`` applies
an edit at once and parses the front matter again. ``edit`` (the common case: one key's value set,
added or removed) makes the edit against the document as it is and keeps it pending, for the next
step usually reads other keys: the pending edits are applied together, in one pass and one parse,
when a step reads what they change (the key they edit, the key list, the whole document) or when
the conversion is ``finished``. Edits that touch or overlap, or that have only blank text between
them where the first one sets a block scalar (whose edit reads the blank lines after it), are never
pending together: the second one is made after the first is applied, so the result is the text
the edits give one after the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from persona_studio.core.catalog import Catalog, Target
from persona_studio.core.document import Document, parse
from persona_studio.core.edits import Edit
from persona_studio.core.errors import EditError
from persona_studio.core.formats.access import ToolReport
from persona_studio.core.formats.result import Note
from persona_studio.core.frontmatter import Entry
from persona_studio.core.outline import parse_outline


def front_only(text: str) -> Document:
    """``document.parse`` without the body's outline (``sections`` is empty): what the steps
    read between two front-matter edits."""
    return parse(text, outline=False)


@dataclass
class Conversion:
    """The state of one export while its steps run: the document as edited so far and the notes."""

    original: Document  # the source (its outline only if ``outlined``: see ``whole_original``)
    base: Document  # the document the pending edits are made against
    source: str  # the source's target id
    target: Target
    catalog: Catalog
    display_stem: str  # the file name (or the name asked for) the persona is known by
    stem: str  # the safe file stem the result is written under
    notes: list[Note] = field(default_factory=list)
    tools: ToolReport | None = None  # what the source's tools grant and what became of each
    partial: bool = False  # the document's outline is not parsed (``finished`` parses it)
    pending: list[tuple[Edit, str]] = field(default_factory=list)  # (edit, key), on ``base``
    edited: set[str] = field(default_factory=set)  # the keys the pending edits change
    outlined: bool = True  # False: ``original`` was parsed without its body's outline

    def __post_init__(self) -> None:
        if not self.outlined and self.base is self.original:
            self.partial = True

    def whole_original(self) -> Document:
        """``original`` with its outline (parsed on the first call when it had none)."""
        if not self.outlined:
            self.original = with_outline(self.original)
            self.outlined = True
        return self.original

    @property
    def document(self) -> Document:
        """The document as edited so far (the pending edits applied)."""
        self._flush()
        return self.base

    @document.setter
    def document(self, document: Document) -> None:
        self.pending.clear()
        self.edited.clear()
        self.base = document

    def apply(self, edit: Edit) -> None:
        """Apply a front-matter edit made against ``document``, now. Only the front matter is
        parsed again: the steps read nothing else, and the body they never touch is outlined
        once, by ``finished``."""
        self._flush()
        if not edit.is_noop(self.base.text):
            self.base = front_only(edit.apply(self.base.text))
            self.partial = True

    def edit(self, key: str, make: Callable[..., Edit], *args: Any) -> None:
        """The edit ``make(document, *args)`` of ``key``, kept pending (see the module's doc)."""
        if key in self.edited:
            self._flush()
        try:
            edit = make(self.base, *args)
        except EditError:
            if not self.pending:
                raise
            self._flush()
            edit = make(self.base, *args)
        if any(self._near((edit, key), other) for other in self.pending):
            self._flush()
            edit = make(self.base, *args)
        if not edit.is_noop(self.base.text):
            self.pending.append((edit, key))
            self.edited.add(key)

    def _near(self, one: tuple[Edit, str], other: tuple[Edit, str]) -> bool:
        """True when the two edits may not be made against the same text: their spans touch or
        overlap, or only blank text lies between them and the first sets a block scalar."""
        (first, key), (second, _) = (one, other) if one[0].start <= other[0].start else (other, one)
        if first.end >= second.start:
            return True
        return not self.base.text[first.end : second.start].strip() and self._block(key)

    def _block(self, key: str) -> bool:
        front = self.base.front_matter
        entries = front.entries if front is not None else ()
        return any(entry.key == key and entry.style in ("|", ">") for entry in entries)

    def _flush(self, *, outline: bool = False) -> None:
        if not self.pending:
            return
        text = self.base.text
        for edit, _ in sorted(self.pending, key=lambda pending: pending[0].start, reverse=True):
            text = edit.apply(text)
        self.pending.clear()
        self.edited.clear()
        self.base = parse(text, outline=outline)
        self.partial = not outline

    def finished(self) -> Document:
        """The converted document, parsed whole (its outline too), for linting and showing."""
        self._flush(outline=True)
        if self.partial:
            self.base = with_outline(self.base)
            self.partial = False
        return self.base

    def note(self, kind: str, message: str) -> None:
        self.notes.append(Note(kind, message))

    def entry(self, key: str) -> Entry | None:
        """``key``'s entry as edited so far. Its value is exact; its spans may be those of the
        text before pending edits of other keys (make edits with ``edit``, which re-reads)."""
        if key in self.edited:
            self._flush()
        front = self.base.front_matter
        return front.entry(key) if front is not None else None

    def present_keys(self) -> list[str]:
        front = self.document.front_matter
        return front.keys() if front is not None else []

    @property
    def same_target(self) -> bool:
        return self.source == self.target.id


def with_outline(doc: Document) -> Document:
    """A document parsed with ``outline=False``, with its outline."""
    sections = (
        parse_outline(doc.text, doc.lines, doc.body_start) if doc.body_start < len(doc.text) else ()
    )
    return replace(doc, sections=sections)
