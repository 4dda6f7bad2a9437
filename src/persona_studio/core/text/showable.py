"""Whether the window can show a text comfortably, and what it leaves to the Source view.

Contract: Qt-free, cheap (one pass over the lines). The window never runs unbounded work on the
GUI thread: a list longer than :data:`MAX_FORM_ITEMS` is not drawn as one row per item in the
Structured view (it says "edit this long list in Source"), more than :data:`MAX_FORM_SECTIONS`
sections are not drawn as cards, a form field does not take a text longer than
:data:`MAX_FORM_TEXT` characters (it says "edit it in Source"), a line longer than
:data:`MAX_WRAPPED_LINE` characters turns line wrapping off in the Source view (wrapping it
would lay out the whole line at every width), and a file with any of these, or larger than
:data:`MAX_COMFORTABLE_CHARS`, opens in the Source view with a notice that says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from persona_studio.core.document import Document

MAX_FORM_ITEMS = 300
MAX_FORM_TEXT = 100_000  # a longer paragraph is shown as a note in the form, edited in Source
MAX_FORM_SECTIONS = 100
MAX_WRAPPED_LINE = 10_000
MAX_COMFORTABLE_CHARS = 1_000_000


@dataclass(frozen=True)
class Showable:
    """What makes a text hard to show (``reasons``, for a notice; none when it is fine)."""

    reasons: tuple[str, ...]
    longest_line: int
    characters: int

    @property
    def well(self) -> bool:
        return not self.reasons

    @property
    def wrap(self) -> bool:
        """Whether the Source view may wrap lines."""
        return self.longest_line <= MAX_WRAPPED_LINE


def longest_line(text: str) -> int:
    """The length of the longest line (any of LF, CRLF, CR ends a line)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return max(map(len, text.split("\n")), default=0)


def long_list(count: int) -> bool:
    """Whether a list of ``count`` items is edited in the Source view rather than the form."""
    return count > MAX_FORM_ITEMS


def assess(text: str, document: Document) -> Showable:
    reasons: list[str] = []
    if len(text) > MAX_COMFORTABLE_CHARS:
        reasons.append(f"it has {len(text):,} characters")
    longest = longest_line(text)
    if longest > MAX_WRAPPED_LINE:
        reasons.append(f"a line has {longest:,} characters")
    if len(document.sections) > MAX_FORM_SECTIONS:
        reasons.append(f"it has {len(document.sections):,} sections")
    biggest = max((len(section.items) for section in document.sections), default=0)
    if long_list(biggest):
        reasons.append(f"a list has {biggest:,} items")
    return Showable(tuple(reasons), longest, len(text))


def notice(showable: Showable) -> str:
    """The notice of a file opened in the Source view because it is hard to show."""
    why = "; ".join(showable.reasons)
    text = (
        f"This file is too large to show well in the Structured view ({why}), so it opened in"
        " the Source view."
    )
    if not showable.wrap:
        text += " Line wrapping is off for it."
    return text
