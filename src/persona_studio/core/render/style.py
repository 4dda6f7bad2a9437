"""The style sheet, from the caller's palette: what Qt's rich text engine draws (colours, fonts,
margins, table borders and padding), and the code highlighting colours."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pygments.token import _TokenType


COLOR_RE = re.compile(r"#[0-9A-Fa-f]{3,8}$|[A-Za-z]{3,20}$")


# Which palette colour each Pygments token type takes (its children inherit it), and its font
# style. Named by the token's dotted path, so that Pygments is loaded only for the style sheet.
TOKEN_COLORS: dict[str, tuple[str, str]] = {
    "Comment": ("yaml_comment", "font-style: italic;"),
    "Comment.Preproc": ("fence", ""),
    "Keyword": ("fence", "font-weight: bold;"),
    "Keyword.Type": ("yaml_key", ""),
    "Operator.Word": ("fence", "font-weight: bold;"),
    "String": ("yaml_string", ""),
    "String.Escape": ("yaml_key", ""),
    "Number": ("info", ""),
    "Name.Builtin": ("yaml_key", ""),
    "Name.Function": ("heading", ""),
    "Name.Class": ("heading", "font-weight: bold;"),
    "Name.Decorator": ("emphasis", ""),
    "Name.Tag": ("heading", ""),
    "Name.Attribute": ("yaml_key", ""),
    "Name.Exception": ("error", ""),
    "Generic.Deleted": ("error", ""),
    "Generic.Inserted": ("yaml_string", ""),
    "Generic.Heading": ("heading", "font-weight: bold;"),
    "Generic.Subheading": ("heading", ""),
    "Generic.Emph": ("text", "font-style: italic;"),
    "Generic.Strong": ("text", "font-weight: bold;"),
    "Generic.Prompt": ("muted", ""),
    "Error": ("error", ""),
}


FALLBACKS = {
    "alternate": "code_background",
    "code_background": "base",
    "heading": "text",
    "muted": "text",
    "link": "accent",
    "accent": "text",
    "chip_background": "code_background",
    "chip_text": "text",
    "border": "muted",
    "error": "text",
    "warning": "text",
    "info": "text",
    "emphasis": "text",
    "fence": "emphasis",
    "yaml_key": "heading",
    "yaml_string": "text",
    "yaml_comment": "muted",
}


class Palette:
    """The caller's colours, with a fallback for any key it lacks and only colour strings."""

    def __init__(self, colors: Mapping[str, Any]) -> None:
        self._colors = colors

    def __getitem__(self, name: str) -> str:
        seen = set()
        while name not in seen:
            seen.add(name)
            value = self._colors.get(name)
            if isinstance(value, str) and COLOR_RE.match(value):
                return value
            name = FALLBACKS.get(name, "text")
        return "#808080"

    def key(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((k, v) for k, v in self._colors.items() if isinstance(v, str)))


def style_sheet(palette: Palette, em: float = 16.0) -> str:
    return _style_sheet(palette.key(), round(em, 1))


@lru_cache(maxsize=16)
def _style_sheet(colors: tuple[tuple[str, str], ...], em: float) -> str:
    c = Palette(dict(colors))

    def px(factor: float) -> str:
        return f"{max(1, round(em * factor))}px"

    rules = [
        f"body {{ color: {c['text']}; background-color: {c['base']}; }}",
        f"p, ul, ol, dl, blockquote {{ margin-top: {px(0.25)}; margin-bottom: {px(0.6)}; }}",
        f"li {{ margin-bottom: {px(0.15)}; }}",
        f"h1, h2, h3, h4, h5, h6 {{ color: {c['heading']}; font-weight: 600; "
        f"margin-top: {px(1.1)}; margin-bottom: {px(0.4)}; }}",
        f"h1 {{ font-size: {px(1.75)}; }}",
        f"h2 {{ font-size: {px(1.35)}; }}",
        f"h3 {{ font-size: {px(1.15)}; }}",
        f"h4, h5, h6 {{ font-size: {px(1.0)}; }}",
        f"a {{ color: {c['link']}; text-decoration: none; }}",
        f"code, tt, kbd, samp {{ background-color: {c['code_background']}; }}",
        f"pre {{ margin: 0px; background-color: {c['code_background']}; }}",
        f"table.code {{ background-color: {c['code_background']}; "
        f"margin-top: {px(0.25)}; margin-bottom: {px(0.75)}; }}",
        f"td.codehilite {{ background-color: {c['code_background']}; padding: {px(0.5)}; }}",
        f"table.md {{ border-color: {c['border']}; border-style: solid; "
        f"margin-top: {px(0.25)}; margin-bottom: {px(0.75)}; }}",
        f"table.md th, table.md td {{ padding: {px(0.25)} {px(0.5)}; }}",
        f"blockquote {{ color: {c['muted']}; margin-left: {px(1)}; }}",
        f"hr {{ color: {c['border']}; }}",
        f"th {{ background-color: {c['alternate']}; font-weight: 600; }}",
        f"th, td {{ border-color: {c['border']}; }}",
        f"table {{ border-color: {c['border']}; }}",
        f"mark {{ background-color: {c['chip_background']}; color: {c['chip_text']}; }}",
        f"span.image-placeholder {{ color: {c['muted']}; font-style: italic; }}",
        f"p.empty, p.notice {{ color: {c['muted']}; font-style: italic; }}",
        f"table.card {{ background-color: {c['alternate']}; border-color: {c['border']}; "
        f"border-style: solid; margin-bottom: {px(0.5)}; }}",
        f"p.card-description {{ margin-top: 0px; margin-bottom: {px(0.5)}; }}",
        f"td.card-key {{ color: {c['muted']}; font-family: monospace; "
        f"padding-right: {px(0.75)}; }}",
        f"td.card-value {{ color: {c['text']}; line-height: 145%; }}",
        f".card-muted {{ color: {c['muted']}; }}",
        f"p.card-error {{ color: {c['error']}; margin-top: 0px; }}",
        f"span.chip {{ background-color: {c['chip_background']}; color: {c['chip_text']}; }}",
    ]
    rules.extend(_token_rules(c))
    return "\n".join(rules)


def _token_rules(c: Palette) -> list[str]:
    from pygments.token import STANDARD_TYPES, string_to_tokentype

    styles = {string_to_tokentype(name): style for name, style in TOKEN_COLORS.items()}
    rules = []
    for token, css_class in STANDARD_TYPES.items():
        if not css_class:
            continue
        owner: _TokenType | None = token
        while owner is not None and owner not in styles:
            owner = owner.parent
        if owner is None:
            continue
        color, extra = styles[owner]
        rules.append(f".codehilite .{css_class} {{ color: {c[color]}; {extra} }}".strip())
    return rules
