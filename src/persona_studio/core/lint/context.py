"""What a rule reads: the document snapshot, its target, the catalog, the schema and the config."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from persona_studio.core.catalog import Catalog, Target
from persona_studio.core.document import Document
from persona_studio.core.frontmatter import Entry, FrontMatter
from persona_studio.core.readers.filekind import FileKind
from persona_studio.core.schema import Schema
from persona_studio.core.text.spans import Span

T = TypeVar("T")


@dataclass(frozen=True)
class LintContext:
    document: Document
    target: Target
    catalog: Catalog
    schema: Schema
    path: str | None = None
    persona: bool | None = None  # None: decided by the title; True/False: assigned by config
    kind: FileKind = None  # type: ignore[assignment]  # what the file is (filekind.identify)
    roots: tuple[str, ...] = ()  # the folders being linted (workspace checks fall back to them)
    fixes: bool = True  # False: the diagnostics carry no fixes (nobody will apply them)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """A value several rules need, computed once per lint run."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    @property
    def text(self) -> str:
        return self.document.text

    @cached_property
    def is_persona(self) -> bool:
        if self.persona is not None:
            return self.persona
        title = self.document.title
        return title is not None and self.schema.is_persona_title(title.title)

    @cached_property
    def header_ok(self) -> bool:
        front = self.document.front_matter
        return front is not None and front.error is None

    @property
    def header(self) -> FrontMatter | None:
        """The front matter when there is one and it parsed (``header_ok``), else None."""
        front = self.document.front_matter
        return front if front is not None and front.error is None else None

    def entry(self, key: str) -> Entry | None:
        front = self.document.front_matter
        if front is None or front.error is not None:
            return None
        return front.entry(key)

    def file_start(self) -> Span:
        """Where to report a problem of the whole file: the opening fence, else line 1."""
        front = self.document.front_matter
        if front is not None:
            return front.open_fence
        start = self.document.body_start
        line_end = self.text.find("\n", start)
        end = len(self.text) if line_end == -1 else line_end
        return self.document.span(start, end if end > start else start)
