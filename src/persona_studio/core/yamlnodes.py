"""YAML text to nodes, safely: libyaml's parser gives events, a composer of ours builds nodes
from them and refuses anchors, aliases and deep nesting on the spot, before anything walks the
data. Where that can change nothing (no `&` or `*` in the text, no error, no node too deep),
libyaml's own composer builds them, twice as fast. Used by ``frontmatter``; never Qt."""

from __future__ import annotations

from typing import Any

from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import Resolver

try:  # libyaml's parser, shipped in PyYAML's wheels: 5 to 9 times faster.
    from yaml._yaml import CParser as _Parser

    _C_COMPOSER = True  # the parser composes nodes too (_c_composed)
except ImportError:  # pragma: no cover - pure Python fallback
    _C_COMPOSER = False
    from yaml.parser import Parser as _ParserBase
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _ParserBase):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _ParserBase.__init__(self)


MAX_DEPTH = 64
# Refusals; they are also the names of the lint rules that report them.
YAML_ALIAS = "yaml-alias"
TOO_DEEP = "yaml-too-deep"


class Refused(Exception):
    """A header refused while composed: an anchor, an alias, or too deep."""

    def __init__(self, kind: str, message: str, mark: Any) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.mark = mark


class SafeComposer(Composer, _Parser, SafeConstructor, Resolver):
    """libyaml events, composed in Python so that aliases and depth are refused on the spot."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise Refused(YAML_ALIAS, f"YAML aliases (*{event.anchor}) are not allowed", event)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise Refused(YAML_ALIAS, f"YAML anchors (&{anchor}) are not allowed", event)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise Refused(TOO_DEEP, f"the YAML is nested more than {MAX_DEPTH} deep", event)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_NOT_COMPOSED = ScalarNode("", "")  # a sentinel: _c_composed had no answer


def _c_composed(loader: SafeComposer, source: str) -> Node | None:
    """The root node as libyaml composes it (twice as fast as our composer), when that is the
    same answer: the text holds no `&` or `*` (so no anchor and no alias), it composes without
    an error, and no node is deeper than MAX_DEPTH. Else ``_NOT_COMPOSED``: our composer reads it
    again, and refuses or reports exactly as it does."""
    if not _C_COMPOSER or "&" in source or "*" in source:
        return _NOT_COMPOSED
    try:
        root: Node | None = _Parser.get_single_node(loader)
    except Exception:  # reported by our composer, in its words
        return _NOT_COMPOSED
    return root if root is None or not _deeper_than(root, MAX_DEPTH) else _NOT_COMPOSED


def _deeper_than(root: Node, limit: int) -> bool:
    """Whether a node lies deeper than ``limit`` (the root is at depth 1, as in compose_node),
    read level by level: only the collections of a level are opened."""
    level: list[Node] = [root]
    depth = 1
    while level:
        collections = [node for node in level if not isinstance(node, ScalarNode)]
        if depth >= limit:  # any child would lie deeper
            return any(node.value for node in collections)
        below: list[Node] = []
        for node in collections:
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    below.append(key)
                    below.append(value)
            else:
                below.extend(node.value)
        level = below
        depth += 1
    return False


def compose(source: str) -> tuple[SafeComposer, Node | None]:
    """The root node of ``source`` (None when empty), and the loader that made it (construct
    values with it, then ``dispose`` it). Raises ``Refused`` or PyYAML's errors."""
    loader = SafeComposer(source)
    root = _c_composed(loader, source)
    if root is not _NOT_COMPOSED:
        return loader, root
    loader.dispose()
    loader = SafeComposer(source)
    try:
        return loader, loader.get_single_node()
    except BaseException:
        loader.dispose()
        raise
