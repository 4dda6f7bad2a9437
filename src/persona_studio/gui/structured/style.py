"""The structured view's look: colours from a theme, sizes from the font's metrics (no fixed pixel
sizes: radii and paddings scale with the text).

Why no style sheet on the form: Qt keeps rule caches and palette and font copies for every widget
under a style sheet, about 9 KB each whether a rule matches it or not, and a form has some 500
widgets (most of them buttons no rule styles): about 3.5 MB for each open tab. So each widget the
look concerns is given a *tone* instead (`tones.apply_tone`, kept by `widgets.set_tone`):

- labels get a palette with their colour (and a bold font for some);
- boxes (the page, cards, chips, notices, the add row) paint a rounded rectangle themselves;
- line edits and text boxes share one proxy style (`FieldStyle`) that draws them from their
  palette;
- the tool tree and the lists have one too (`ViewStyle`: the tree's own, with its check boxes).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QMargins, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyledItemDelegate,
    QStyleFactory,
    QStyleOption,
    QStyleOptionFrame,
    QStyleOptionViewItem,
    QWidget,
)

from persona_studio.gui.theme import Theme, palette_for

Colour = str | Callable[[Theme], str]  # a Theme attribute's name, or a function of the theme
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)
ROLE = QPalette.ColorRole
PM_FRAME = QStyle.PixelMetric.PM_DefaultFrameWidth


def mix(first: str, second: str, amount: float) -> str:
    """`first` blended towards `second` by `amount` (0..1), as #rrggbb."""
    a, b = QColor(first), QColor(second)
    channels = (
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )
    return "#{:02x}{:02x}{:02x}".format(*channels)


# Light: white cards on a grey page, white fields. Dark: raised cards on the darkest background,
# fields inset in the darkest colour again.
def page(theme: Theme) -> str:
    return theme.base if theme.dark else theme.window


def card(theme: Theme) -> str:
    return theme.window if theme.dark else theme.base


def colour(theme: Theme, value: Colour) -> str:
    return getattr(theme, value) if isinstance(value, str) else value(theme)


@dataclass(frozen=True)
class Metrics:
    """Radii and paddings from a font's height."""

    radius: int  # cards and notices
    small: int  # fields and chips
    pad: int

    @staticmethod
    def of(metrics: QFontMetrics) -> Metrics:
        unit = metrics.height()
        return Metrics(radius=max(2, unit // 3), small=max(2, unit // 5), pad=max(1, unit // 6))


@dataclass(frozen=True)
class Tone:
    """A look: a text colour, and for a `Box` or `BoxLabel` a rounded box around the content."""

    text: Colour | None = None
    bold: bool = False
    fill: Colour | None = None
    border: Colour | None = None  # one pixel wide
    dotted: bool = False
    radius: str = ""  # "radius" or "small" (a `Metrics` field), or none
    padding: tuple[int, int] = (0, 0)  # vertical, horizontal, in `Metrics.pad`s


def notice(kind: str) -> Tone:
    return Tone(
        fill=lambda theme: mix(theme.base, getattr(theme, kind), 0.12),
        border=lambda theme: mix(theme.base, getattr(theme, kind), 0.5),
        radius="radius",
    )


TONES = {
    "formContent": Tone(fill=page),
    "card": Tone(fill=card, border="border", radius="radius"),
    "addRow": Tone(border="border", dotted=True, radius="radius"),
    "notice-error": notice("error"),
    "notice-warning": notice("warning"),
    "notice-info": notice("info"),
    "noticeText": Tone(text="text"),
    "pageHeading": Tone(text="text"),
    "cardTitle": Tone(text="heading"),
    "subheading": Tone(text="muted", bold=True),
    "note": Tone(text="muted"),
    "marker": Tone(text="muted"),
    "quote": Tone(text="muted"),
    "rank": Tone(text="accent", bold=True),
    "rawKey": Tone(text="yaml_key"),
    "rawValue": Tone(text="text", fill="code_background", radius="small", padding=(1, 2)),
    "chip": Tone(text="chip_text", fill="chip_background", radius="small", padding=(0, 3)),
    "requiredChip": Tone(text="muted", border="border", radius="small", padding=(0, 3)),
}
FIELD = "field"  # the tone of line edits, text boxes, the tool tree and list


# -- boxes -------------------------------------------------------------------------------------
def paint_box(
    painter: QPainter,
    rect: QRect,
    fill: QColor | None,
    border: QColor | None,
    radius: int,
    *,
    dotted: bool = False,
    view: bool = False,
    focused: bool = False,
) -> None:
    """A rounded box with a one-pixel border, drawn the way Qt draws a style sheet's
    `background`, `border` and `border-radius` (qDrawBorder), so that the form looks exactly as it
    did with its style sheet: the background an antialiased path inside the border's middle, the
    border straight one-pixel edges between the corners' arcs. An item view's sheet (`view`)
    drew the halves of its top right corner the other way round, and with the focus those of
    its top left corner too (a pixel each shows it)."""
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    r = radius if 2 * radius <= min(w, h) else 0
    width = 1 if border is not None else 0
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if fill is not None:
        half = width / 2
        path = QPainterPath()
        path.addRoundedRect(QRectF(x + half, y + half, w - width, h - width), r - half, r - half)
        painter.fillPath(path, fill)
    if border is not None:
        edges = (  # bottom, right, left, top: x1, y1, x2, y2
            (x + r, y + h - 1, x + w - r, y + h),
            (x + w - 1, y + r, x + w, y + h - r),
            (x, y + r, x + 1, y + h - r),
            (x + r, y, x + w - r, y + 1),
        )
        if dotted:  # what a sheet's one-pixel `dashed` border draws: dots on the edge's outer line
            painter.setPen(QPen(border, 1, Qt.PenStyle.DotLine, Qt.PenCapStyle.FlatCap))
            for x1, y1, x2, y2 in edges:
                painter.drawLine(QLineF(x1, y1, x2 - 1, y2 - 1))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(border)
            for x1, y1, x2, y2 in edges:
                painter.drawRect(QRectF(x1, y1, x2 - x1, y2 - y1))
        if r:
            pen = QPen(border, 1, Qt.PenStyle.DotLine if dotted else Qt.PenStyle.SolidLine)
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            left, top = x + 0.5, y + 0.5
            right, bottom = x + w - 2 * r + 0.5, y + h - 2 * r + 0.5
            for corner_x, corner_y, arcs in (
                (left, top, ((135, 45), (135, -45)) if focused else ((135, -45), (135, 45))),
                (right, top, ((45, -45), (45, 45)) if view else ((45, 45), (45, -45))),
                (left, bottom, ((-90, -45), (180, 45))),
                (right, bottom, ((-90, 45), (315, 45))),
            ):
                for start, span in arcs:  # each corner in two halves, one per edge
                    arc = QRectF(corner_x, corner_y, 2 * r - 1, 2 * r - 1)
                    painter.drawArc(arc, start * 16, span * 16)
    painter.restore()


@dataclass(frozen=True)
class BoxLook:
    fill: QColor | None
    border: QColor | None
    dotted: bool
    radius: int

    def paint(self, widget: QWidget) -> None:
        painter = QPainter(widget)
        paint_box(painter, widget.rect(), self.fill, self.border, self.radius, dotted=self.dotted)
        painter.end()


class Box(QFrame):
    """A frame that paints its tone's box (a card, a notice, the add row, the page)."""

    look: BoxLook | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.look is not None:
            self.look.paint(self)
        super().paintEvent(event)


class BoxLabel(QLabel):
    """A label that paints its tone's box (a chip, a value shown as written)."""

    look: BoxLook | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.look is not None:
            self.look.paint(self)
        super().paintEvent(event)


# -- fields ------------------------------------------------------------------------------------
def field_palette(theme: Theme) -> QPalette:
    """A field's colours; `FieldStyle` draws the border in Mid, or Accent with the focus."""
    palette = QPalette()
    text, muted = QColor(theme.text), QColor(theme.muted)
    for group in GROUPS:
        disabled = group == QPalette.ColorGroup.Disabled
        ink = muted if disabled else text
        placeholder = QColor(ink)
        placeholder.setAlpha(128)
        palette.setColor(group, ROLE.Text, ink)
        palette.setColor(group, ROLE.PlaceholderText, placeholder)
        palette.setColor(group, ROLE.Base, QColor(card(theme) if disabled else theme.base))
        palette.setColor(group, ROLE.Highlight, QColor(theme.selection))
        palette.setColor(group, ROLE.HighlightedText, text)
        palette.setColor(group, ROLE.Mid, QColor(theme.border))
        palette.setColor(group, ROLE.Accent, QColor(theme.accent))
    return palette


def view_palette(theme: Theme) -> QPalette:
    """An item view's colours (the tool tree and lists), the ones its style sheet gave it: the
    theme's base behind and around the items, its text in every state, the selection in the
    theme's selection colour with the text kept (`ViewStyle` draws the border)."""
    palette = QPalette(palette_for(theme))
    base, text = QColor(theme.base), QColor(theme.text)
    for group in GROUPS:
        for role in (ROLE.Window, ROLE.Button, ROLE.Base):
            palette.setColor(group, role, base)
        for role in (ROLE.WindowText, ROLE.Text, ROLE.ButtonText, ROLE.PlaceholderText):
            palette.setColor(group, role, text)
        palette.setColor(group, ROLE.Highlight, QColor(theme.selection))
        palette.setColor(group, ROLE.HighlightedText, text)
    return palette


class ViewStyle(QProxyStyle):
    """Draws an item view (the tool tree and lists) as its style sheet did: a rounded box in the
    palette's Base with a one-pixel border in the theme's border colour (its accent with the
    focus), each item a padding taller, above and below. Everything else is the base style's.
    The lists share one per theme (`view_style`); the tool tree has its own (`CheckStyle`).

    Not a style sheet: the first sheet in a window brings in Qt's style sheet machinery (its
    style, parser and rule caches), about 0.9 MB of the first window's peak for two lists."""

    shared = False  # one of `view_style`'s, or a view's own (it follows the theme itself)
    panel_drawn = False  # an item's background drawn already, by `ItemDelegate.paint`

    def __init__(self, base: QStyle, theme: Theme) -> None:
        super().__init__(base)
        self.theme = theme

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == QStyle.PrimitiveElement.PE_Frame:
            focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
            border = QColor(self.theme.accent if focused else self.theme.border)
            radius = _view_metrics(option, widget).small
            fill = option.palette.color(ROLE.Base)
            paint_box(painter, option.rect, fill, border, radius, view=True, focused=focused)
            return
        if element == QStyle.PrimitiveElement.PE_PanelItemViewItem and self.panel_drawn:
            return
        super().drawPrimitive(element, option, painter, widget)

    def sizeFromContents(self, contents, option, size: QSize, widget=None) -> QSize:
        found = super().sizeFromContents(contents, option, size, widget)
        if contents == QStyle.ContentsType.CT_ItemViewItem:
            return found + QSize(0, 2 * _view_metrics(option, widget).pad)
        return found


class ItemDelegate(QStyledItemDelegate):
    """Lays out the parts of an item of a `ViewStyle` view (check box, icon, text, focus frame,
    and a widget set on the item such as a Migrate button) inside its padding, above and below;
    the item's background (its selection) still fills the whole item.

    Not an override of the style's `subElementRect`: Qt asks a style for some rectangles with a
    bare QStyleOption (a frame's layout item), and PySide, finding no subclass of it for such an
    option, makes every QStyleOption subclass it has not made yet (about 25, with their enums:
    about 0.45 MB of the first window's peak) before a Python override could see it."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:  # type: ignore[override]
        super().initStyleOption(option, index)
        pad = _view_metrics(option, option.widget or self.parent()).pad
        option.rect = option.rect.adjusted(0, pad, 0, -pad)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:  # type: ignore[override]
        view = option.widget or self.parent()
        style = view.style() if view is not None else QApplication.style()
        whole = QStyleOptionViewItem(option)
        QStyledItemDelegate.initStyleOption(self, whole, index)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, whole, painter, view)
        # The item drawn inside its padding, over the background drawn above (not drawn again).
        if isinstance(style, ViewStyle):
            style.panel_drawn = True
        try:
            super().paint(painter, option, index)
        finally:
            if isinstance(style, ViewStyle):
                style.panel_drawn = False


def _view_metrics(option: QStyleOption, widget: QWidget | None) -> Metrics:
    """The view's own metrics (an item's font may be bold: its padding is the view's)."""
    return Metrics.of(QFontMetrics(widget.font()) if widget is not None else option.fontMetrics)


@functools.cache
def view_style(theme: Theme) -> ViewStyle:
    """The lists' style in `theme` (the tool tree has its own)."""
    app = QApplication.instance()
    style = ViewStyle(QStyleFactory.create(app.style().name()), theme)
    style.shared = True
    style.setParent(app)  # lives as long as the application (widgets do not own their style)
    return style


class FieldStyle(QProxyStyle):
    """Draws line edits and text boxes as the form's style sheet did: a rounded box in the
    palette's Base with a one-pixel border (Mid, or Accent with the focus), the text padded by the
    font's metrics. Everything else is the application style's. Colours come from the palette
    (`field_palette`), so one instance serves every field and theme."""

    def _box(self, option: QStyleOption, widget: QWidget | None) -> tuple[int, int]:
        """The border and padding around the text, across and down (in the base style's frame,
        a line edit's text margins and a text box's viewport margins make up the rest: no
        `subElementRect` override, see `ItemDelegate`)."""
        pad = Metrics.of(option.fontMetrics).pad
        if isinstance(widget, QPlainTextEdit):
            return 1 + pad, 1
        return 1 + pad * 2, 1 + pad

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element in (QStyle.PrimitiveElement.PE_PanelLineEdit, QStyle.PrimitiveElement.PE_Frame):
            focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
            palette = option.palette
            border = palette.color(ROLE.Accent if focused else ROLE.Mid)
            radius = Metrics.of(option.fontMetrics).small
            paint_box(painter, option.rect, palette.color(ROLE.Base), border, radius)
            return
        if element == QStyle.PrimitiveElement.PE_FrameLineEdit:
            return  # drawn with the panel
        super().drawPrimitive(element, option, painter, widget)

    def sizeFromContents(self, contents, option, size: QSize, widget=None) -> QSize:
        if contents == QStyle.ContentsType.CT_LineEdit:
            across, down = self._box(option, widget)
            found = size + QSize(across * 2, down * 2)
            if isinstance(widget, QLineEdit):  # its size counts its text margins: the padding
                margins = widget.textMargins()
                found -= QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
            return found
        return super().sizeFromContents(contents, option, size, widget)

    def pad_line_edit(self, line: QLineEdit) -> None:
        """Pad a line edit's text (in its text margins: what the base style leaves around it
        short of the border and padding)."""
        option = QStyleOptionFrame()
        option.initFrom(line)
        option.lineWidth = self.pixelMetric(PM_FRAME, option, line) if line.hasFrame() else 0
        across, down = self._box(option, line)
        inner = self.subElementRect(QStyle.SubElement.SE_LineEditContents, option, line)
        outer = option.rect
        line.setTextMargins(
            across - (inner.left() - outer.left()),
            down - (inner.top() - outer.top()),
            across - (outer.right() - inner.right()),
            down - (outer.bottom() - inner.bottom()),
        )

    def pad_text_box(self, box: QPlainTextEdit) -> None:
        """Pad a text box's text (in its viewport margins, inside the base style's frame)."""
        option = QStyleOptionFrame()
        option.initFrom(box)
        across, down = self._box(option, box)
        frame = box.contentsMargins()  # the frame's widths (QFrame keeps them there)
        box.setViewportMargins(
            across - frame.left(), down - frame.top(), across - frame.right(), down - frame.bottom()
        )


def text_box_edges(box: QAbstractScrollArea) -> QMargins:
    """The border and padding around a text box's text: its frame and viewport margins."""
    return box.contentsMargins() + box.viewportMargins()


@functools.cache
def field_style() -> FieldStyle:
    app = QApplication.instance()
    style = FieldStyle(QStyleFactory.create(app.style().name()))
    style.setParent(app)  # lives as long as the application (widgets do not own their style)
    return style
