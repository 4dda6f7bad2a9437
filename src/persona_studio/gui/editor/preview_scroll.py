"""Source lines and places in the preview, both ways, for scrolling the two together.

Each piece of the shown page starts at a known position and names the chunks it shows (the
anchor `ps-line-N`: N is the chunk's first source line). Inside a piece the CommonMark engine
marks each paragraph, heading, table and code block with its line counted from the chunk's
first line (`ps-at-K`, see core/render/engines.py); Qt keeps such a name on the characters'
format. A piece's marks, read from its blocks, give points (source line, y in the document);
between two points the line and the y go in proportion. Without marks (Python-Markdown) the
points are the pieces' tops, as before. Only the piece at hand is read, so a scroll costs the
blocks of one section.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextBlock

from persona_studio.core.render import ANCHOR_PREFIX, MARK_PREFIX, RenderResult
from persona_studio.gui.editor.preview_page import ShownPage

Point = tuple[float, float]  # (source line, y in the document)


def piece_points(page: ShownPage, index: int) -> list[Point]:
    """The points of the index-th piece: its top at its chunk's line, then each mark. Empty
    for a piece that shows no chunk (the header card, a notice)."""
    piece = page.pieces[index]
    if not piece.anchors:
        return []
    line = int(piece.anchors[-1].removeprefix(ANCHOR_PREFIX))
    document = page.document
    layout = document.documentLayout()
    start = page.starts[index]
    end = page.starts[index + 1] if index + 1 < len(page.starts) else document.characterCount()
    block = document.findBlock(start)
    points: list[Point] = [(float(line), layout.blockBoundingRect(block).top())]
    while block.isValid() and block.position() < end:
        offset = _mark(block)
        if offset is not None:
            top = layout.blockBoundingRect(block).top()
            if top >= points[-1][1] and line + offset >= points[-1][0]:
                points.append((float(line + offset), top))
        block = block.next()
    return points


def _mark(block: QTextBlock) -> int | None:
    """The line offset of the first mark in a block's text, if any."""
    fragments = block.begin()
    while not fragments.atEnd():
        names = fragments.fragment().charFormat().anchorNames()
        for name in names:
            if name.startswith(MARK_PREFIX):
                return int(name.removeprefix(MARK_PREFIX))
        fragments += 1
    return None


def y_of_line(page: ShownPage, result: RenderResult, line: int) -> float | None:
    """Where a 1-based source line shows in the preview's document; None when its section is
    not shown (or the page shows no sections)."""
    index = result.chunk_index(line)
    if index is None:
        return None
    name = result.chunks[index].anchor
    piece = next((i for i, p in enumerate(page.pieces) if name in p.anchors), None)
    if piece is None:
        return None
    points = piece_points(page, piece)
    following = _next_top(page, result, piece)
    if following is not None:
        points.append(following)
    return _between(points, float(line), 0, 1)


def line_at_y(page: ShownPage, y: float) -> float | None:
    """The source line shown at a y of the preview's document (None above the first section)."""
    document = page.document
    if not page.starts:
        return None
    position = document.documentLayout().hitTest(QPointF(1.0, y), Qt.HitTestAccuracy.FuzzyHit)
    index = bisect.bisect_right(page.starts, max(0, position)) - 1
    while index >= 0 and not page.pieces[index].anchors:
        index -= 1
    if index < 0:
        return None
    points = piece_points(page, index)
    later = next((i for i in range(index + 1, len(page.pieces)) if page.pieces[i].anchors), None)
    if later is not None:
        points.extend(piece_points(page, later)[:1])
    return _between(points, y, 1, 0)


def _next_top(page: ShownPage, result: RenderResult, piece: int) -> Point | None:
    for index in range(piece + 1, len(page.pieces)):
        points = piece_points(page, index)
        if points:
            return points[0]
    end = page.document.documentLayout().documentSize().height()
    last = result.chunks[-1].end_line + 1 if result.chunks else None
    return None if last is None else (float(last), end)


def _between(points: list[Point], value: float, given: int, wanted: int) -> float | None:
    """Interpolate along points (sorted on both coordinates): `given` is the coordinate known
    (0: line, 1: y), `wanted` the one returned."""
    if not points:
        return None
    keys = [point[given] for point in points]
    index = max(0, bisect.bisect_right(keys, value) - 1)
    low = points[index]
    if index + 1 >= len(points):
        return low[wanted]
    high = points[index + 1]
    span = high[given] - low[given]
    fraction = 0.0 if span <= 0 else min(1.0, max(0.0, (value - low[given]) / span))
    return low[wanted] + fraction * (high[wanted] - low[wanted])
