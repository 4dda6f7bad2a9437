"""Writing YAML scalars and flow lists by hand, in a given quoting style, so that they read back
as exactly the value that was written (a plain `yes` would read back as true)."""

from __future__ import annotations

import math
import re

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

_RESOLVER = Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
# Characters that YAML does not allow raw in a file (outside its printable set), or reads as a
# line break (NEL, LS, PS), plus the BOM: written raw they would fail to load or change the value.
# Written as the characters themselves rather than "all but the printable ones": the same set
# (checked over every code point), and 0.5 ms to compile instead of 6 at every start.
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_RAW_UNSAFE = re.compile(  # the same, but tab, line feed and carriage return
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def plain_is_safe(value: str, *, flow: bool) -> bool:
    """True when `value` written without quotes reads back as the same string."""
    if not value or value != value.strip() or "\n" in value or "\r" in value or "\t" in value:
        return False
    if value[0] in _INDICATORS and not (
        value[0] in "-?:" and len(value) > 1 and value[1] not in " \t" and not flow
    ):
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and _FLOW_UNSAFE.search(value):
        return False
    if _RAW_UNSAFE.search(value):
        return False
    # types-PyYAML leaves Resolver.resolve unannotated.
    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def quote(value: str, style: str | None, *, flow: bool = False) -> str:
    """`value` as a YAML scalar in `style`: None (plain where safe), "'" or '"'.

    A plain style that would change the value falls back to single quotes; single quotes that
    cannot hold the value (line breaks, control characters) fall back to double quotes.
    """
    if style is None:
        if plain_is_safe(value, flow=flow):
            return value
        style = "'"
    if style == "'" and not _NEEDS_ESCAPE.search(value):
        return "'" + value.replace("'", "''") + "'"
    return double_quoted(value)


def double_quoted(value: str) -> str:
    """`value` in double quotes, with every character that cannot be written raw escaped."""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        if char in _SHORT_ESCAPES:
            return _SHORT_ESCAPES[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return '"' + re.sub(r'[\\"]|' + _NEEDS_ESCAPE.pattern, escape, value) + '"'


def scalar(value: object, style: str | None = None, *, flow: bool = False) -> str:
    """Any simple value (str, bool, int, float, None) as YAML text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, (int, float)):
        return repr(value)
    return quote(str(value), style, flow=flow)


def flow_list(values: list[str], style: str | None = "'", separator: str = ", ") -> str:
    return "[" + separator.join(quote(value, style, flow=True) for value in values) + "]"
