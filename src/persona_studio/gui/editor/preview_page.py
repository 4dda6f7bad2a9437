"""The page the preview shows, kept as pieces: built anew or patched run by run.

`ShownPage` remembers the pieces shown in the preview's QTextDocument (the header card, then one
per section) and where each starts; `patch` compares a new render with them piece by piece and
replaces each run of changed pieces in place with a QTextCursor, in one edit block, renaming the
anchor of a piece whose lines only moved. A letter typed into a paragraph (one piece whose HTML
differs only in the text of one element, `typed_text`) changes that text in place instead, so
only its paragraph is laid out again. Built anew or patched, the page is the very same document.
`PreviewPane` (preview.py) decides when.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import (
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)

from persona_studio.core.render import Piece

PATCH_SHARE = 0.25  # more changed pieces than this share of the page: build it anew
FULL, PATCH, NONE = "full", "patch", "none"
SENTINEL = "x"  # the text of the paragraph each inserted piece starts with (then deleted)
# Its margins are none: before a table its block stays, as the empty block setHtml puts there.
SENTINEL_HTML = f'<p style="margin: 0px">{SENTINEL}</p>'


@dataclass(frozen=True, slots=True)
class PreviewUpdate:
    """What an update did to the shown page (for tests and measurements)."""

    kind: str  # FULL: the page was built anew; PATCH: changed pieces replaced; NONE: no change
    replaced: int = 0  # ranges of the page replaced (one per run of changed pieces)
    pieces: int = 0  # pieces inserted by those replacements
    renamed: int = 0  # anchors renamed in place (the lines moved, the text did not change)
    ms: float = 0.0  # GUI-thread time of the update: render and page change


# -- the shown page -------------------------------------------------------------------------

Code = tuple[str, int, int, int, int]  # a difflib opcode: tag, i1, i2, j1, j2
Run = tuple[int, int, int, int]  # old pieces i1..i2 become new pieces j1..j2


class ShownPage:
    """The pieces shown in a QTextDocument and the position where each starts.

    The page is always made of pieces put in one by one (`put`), whether it is built anew or a
    run of pieces is replaced, so a patched page is the very document a new build of the same
    pieces gives. A piece runs from its start to the character before the next one's start (the
    separator of its last block), or to the end of the document; each starts with a block of
    the root frame (an empty one before a table, as `setHtml` makes at the top of a page)."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self.pieces: tuple[Piece, ...] = ()
        self.starts: list[int] = []
        self.style: tuple[str, int] | None = None  # the style sheet and margin shown
        self._positions: dict[str, int] | None = None

    def build(
        self, pieces: tuple[Piece, ...], style: str, margin: int, clear: Callable[[], None]
    ) -> None:
        """Show a new page; `clear` empties the document (the widget's, which also resets its
        cursor)."""
        clear()
        self.document.setDefaultStyleSheet(style)
        self.document.setDocumentMargin(margin)
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        try:
            self.starts = self.put(cursor, 0, pieces)
        finally:
            cursor.endEditBlock()
        self.pieces = pieces
        self.style = (style, margin)
        self._positions = None

    def patch(self, pieces: tuple[Piece, ...]) -> PreviewUpdate | None:
        """Replace the runs of pieces that changed; None when the page should be built anew
        (nothing shown, or too much changed)."""
        old = self.pieces
        if not old or not pieces:
            return None
        codes = diff([piece.body for piece in old], [piece.body for piece in pieces])
        runs, renames = self._runs(codes, pieces)
        changed = sum(max(i2 - i1, j2 - j1) for i1, i2, j1, j2 in runs)
        if changed > max(1.0, len(pieces) * PATCH_SHARE):
            return None
        if len(runs) == 1:
            i1, i2, j1, j2 = runs[0]
            if i2 - i1 == 1 and j2 - j1 == 1:
                retyped = self._retype(i1, pieces, renames)
                if retyped is not None:
                    return retyped
        runs = widen(runs, len(old))
        document = self.document
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        try:
            for index, names in renames:
                cursor.setPosition(self.starts[index])
                name_block(cursor, names)
            starts = list(self.starts)
            for i1, i2, j1, j2 in reversed(runs):  # from the end: earlier starts stay valid
                start, end = self.starts[i1], self._end_of(i2)
                length = document.characterCount()
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                put = self.put(cursor, start, pieces[j1:j2])
                delta = document.characterCount() - length
                starts[i1:] = put + [place + delta for place in starts[i2:]]
        finally:
            cursor.endEditBlock()
        self.pieces, self.starts = pieces, starts
        self._positions = None
        inserted = sum(j2 - j1 for _i1, _i2, j1, j2 in runs)
        return PreviewUpdate(PATCH, replaced=len(runs), pieces=inserted, renamed=len(renames))

    def _retype(
        self, index: int, pieces: tuple[Piece, ...], renames: list[tuple[int, tuple[str, ...]]]
    ) -> PreviewUpdate | None:
        """Typing: when the one changed piece differs from the shown one only in the text of one
        element (`typed_text`), that text is changed in place, and only its paragraph is laid out
        again. None when the change is more than that, or its place is not found for sure."""
        typed = typed_text(self.pieces[index].body, pieces[index].body)
        if typed is None:
            return None
        node, offset, removed, added = typed
        document = self.document
        start = self.starts[index]
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(self._end_of(index + 1), QTextCursor.MoveMode.KeepAnchor)
        shown = cursor.selectedText()
        found = shown.find(node)
        if found < 0 or shown.find(node, found + 1) >= 0:
            return None  # not there as written, or not only once
        position = start + found + offset
        cursor.beginEditBlock()
        try:
            for renamed, names in renames:
                cursor.setPosition(self.starts[renamed])
                name_block(cursor, names)
            cursor.setPosition(position)
            if removed:
                cursor.setPosition(position + removed, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
            if added:  # in the format of the character before it, of the same text
                cursor.insertText(added)
        finally:
            cursor.endEditBlock()
        delta = len(added) - removed
        self.pieces = pieces
        self.starts[index + 1 :] = [place + delta for place in self.starts[index + 1 :]]
        self._positions = None
        return PreviewUpdate(PATCH, replaced=1, pieces=0, renamed=len(renames))

    def put(self, cursor: QTextCursor, position: int, pieces: tuple[Piece, ...]) -> list[int]:
        """Put pieces in one after the other, the first into the empty block at `position`;
        return where each starts.

        Inserted HTML merges its first block into the block at the cursor (which keeps its own
        format), so each piece's fragment starts with a sentinel paragraph: that one merges, the
        piece's first block comes in whole after it, and then the emptied block is deleted
        (before a table it stays, as the empty block `setHtml` puts there). The piece's anchors
        go on its first block's character format, where `setHtml` puts an anchor before a
        block and where they are renamed in place."""
        document = self.document
        starts: list[int] = []
        for number, piece in enumerate(pieces):
            cursor.setPosition(position)
            if number:  # a new empty block after the previous piece's last block
                cursor.insertBlock()
                position += 1
            cursor.setBlockFormat(QTextBlockFormat())
            cursor.setBlockCharFormat(QTextCharFormat())
            length = document.characterCount()
            html = f"<html><body>{SENTINEL_HTML}{piece.body}</body></html>"
            cursor.insertFragment(QTextDocumentFragment.fromHtml(html, document))
            cursor.setPosition(position)
            cursor.setPosition(position + len(SENTINEL), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            if document.characterCount() > length:  # else the piece is this empty block
                cursor.deleteChar()
            if piece.anchors:
                name_block(cursor, piece.anchors)
            starts.append(position)
            position += document.characterCount() - length  # the end of the piece's last block
        return starts

    def position_of(self, anchor: str) -> int | None:
        """The document position of the piece a chunk anchor names (None when not shown)."""
        if self._positions is None:
            self._positions = {
                name: start
                for piece, start in zip(self.pieces, self.starts, strict=True)
                for name in piece.anchors
            }
        return self._positions.get(anchor)

    def _runs(
        self, codes: list[Code], pieces: tuple[Piece, ...]
    ) -> tuple[list[Run], list[tuple[int, tuple[str, ...]]]]:
        """The runs of pieces to replace, and the pieces that stay but moved to other lines:
        their anchors are renamed in place."""
        runs = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in codes if tag != "equal"]
        renames = [
            (i1 + offset, pieces[j1 + offset].anchors)
            for tag, i1, i2, j1, _j2 in codes
            if tag == "equal"
            for offset in range(i2 - i1)
            if pieces[j1 + offset].anchors != self.pieces[i1 + offset].anchors
        ]
        return runs, renames

    def _end_of(self, index: int) -> int:
        """Where the pieces before `index` end: just before the next piece's first block."""
        if index < len(self.starts):
            return self.starts[index] - 1
        return self.document.characterCount() - 1


def name_block(cursor: QTextCursor, names: tuple[str, ...]) -> None:
    """Put anchor names on the character format of the cursor's block."""
    char_format = cursor.blockCharFormat()
    char_format.setAnchor(bool(names))
    char_format.setAnchorNames(list(names))
    cursor.setBlockCharFormat(char_format)


# Text that shows as written: no markup, entities, line breaks, tabs nor double spaces (which
# HTML folds). A space at its start or end shows only next to an inline element (after its end,
# before its start): at a paragraph's edge it is dropped.
LITERAL_RE = re.compile(r" ?[^\s<>&](?:[^\s<>&]| (?=[^\s<>&]))* ?")
INLINE = r"(?:strong|em|code|del|s|b|i)"
AFTER_INLINE_RE = re.compile(rf"</{INLINE}>\Z")
BEFORE_INLINE_RE = re.compile(rf"<(?:{INLINE}|a href)[ >]")


def typed_text(old: str, new: str) -> tuple[str, int, int, str] | None:
    """How `new` HTML differs from `old` when only the text of one element changed, as typing
    a letter does: (the element's text in `old`, where the change starts in it, how many of its
    characters go, the text that comes in). None for any other change, or when the change is
    within the first two characters of the element's text: the character before the change
    gives the format, and the first one may carry the anchor of an `<a name>` before it."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    low, high = 0, limit  # the longest common prefix, by halves
    while low < high:
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    low, high = 0, limit - prefix  # the longest common suffix that leaves the prefix whole
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle :] == new[len(new) - middle :]:
            low = middle
        else:
            high = middle - 1
    suffix = low
    start = old.rfind(">", 0, prefix) + 1
    if start == 0 or old.rfind("<", 0, prefix) > start:
        return None  # not in the text between two tags
    old_end, new_end = old.find("<", len(old) - suffix), new.find("<", len(new) - suffix)
    if old_end < 0 or new_end < 0:
        return None
    node, typed = old[start:old_end], new[start:new_end]
    if prefix - start < 2 or not (LITERAL_RE.fullmatch(node) and LITERAL_RE.fullmatch(typed)):
        return None
    if (node[0] == " " or typed[0] == " ") and not AFTER_INLINE_RE.search(old, 0, start):
        return None
    if (node[-1] == " " or typed[-1] == " ") and not BEFORE_INLINE_RE.match(old, old_end):
        return None
    return node, prefix - start, len(old) - suffix - prefix, new[prefix : len(new) - suffix]


def diff(old: list[str], new: list[str]) -> list[Code]:
    """difflib opcodes between two lists of piece bodies; common ends are found first, so a
    one-piece change costs a scan of the two lists."""
    n, m = len(old), len(new)
    low = 0
    while low < n and low < m and old[low] == new[low]:
        low += 1
    high = 0
    while high < n - low and high < m - low and old[n - 1 - high] == new[m - 1 - high]:
        high += 1
    codes: list[Code] = []
    if low:
        codes.append(("equal", 0, low, 0, low))
    a, b = old[low : n - high], new[low : m - high]
    if len(a) <= 1 or len(b) <= 1:
        if a or b:
            codes.append(("replace", low, n - high, low, m - high))
    else:
        from difflib import SequenceMatcher  # an edit's patch: never needed by a first render

        matcher = SequenceMatcher(None, a, b, autojunk=False)
        codes.extend(
            (tag, low + i1, low + i2, low + j1, low + j2)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        )
    if high:
        codes.append(("equal", n - high, n, m - high, m))
    return codes


def widen(runs: list[Run], count: int) -> list[Run]:
    """Each pure insertion or removal takes in a neighbour (replaced by its new self), so that
    every replacement has a range of the page to replace and a fragment to put there; runs that
    then overlap become one. `count` is the number of old pieces."""
    merged: list[Run] = []
    for i1, i2, j1, j2 in runs:
        if i1 == i2 or j1 == j2:
            if i1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = min(i2 + 1, count), j2 + 1
        if merged and i1 < merged[-1][1]:
            p1, _p2, q1, _q2 = merged.pop()
            i1, j1 = min(i1, p1), min(j1, q1)
        merged.append((i1, i2, j1, j2))
    return merged
