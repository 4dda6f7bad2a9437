"""The default preview engine shows the page VS Code and GitHub show: CommonMark with GitHub's
extensions (markdown-it-py), cut into cached sections without changing the page's structure.

Every real file of both corpus generations is rendered with the default engine and its page's
structure (headings by level, lists, list items, code blocks, tables, block quotes, emphasis) is
compared with markdown-it-py's own CommonMark rendering of the whole body, in one piece.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from _shared import corpus_files, shared_path
from persona_studio.core.document import parse
from persona_studio.core.lint import collect_files
from persona_studio.core.render import DEFAULT_ENGINE, Renderer
from persona_studio.core.render.chunks import split_chunks

PALETTE = {"base": "#ffffff", "text": "#000000"}
COUNTED = {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "blockquote", "em"}
COUNTED |= {"strong", "table", "s", "del"}


class StructureCounter(HTMLParser):
    """Counts the structure tags of a page; tables are only the Markdown ones (not the tables
    the preview puts around code blocks and the header card)."""

    def __init__(self, *, markdown_tables_only: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: Counter[str] = Counter()
        self._tables_only_md = markdown_tables_only

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in COUNTED:
            return
        if tag == "table" and self._tables_only_md and ("class", "md") not in attrs:
            return
        self.counts["del" if tag == "s" else tag] += 1


def structure(html: str, *, markdown_tables_only: bool = False) -> Counter[str]:
    counter = StructureCounter(markdown_tables_only=markdown_tables_only)
    counter.feed(html)
    counter.close()
    return counter.counts


def reference(body: str) -> Counter[str]:
    """markdown-it-py's CommonMark with GitHub's tables and strikethrough, the body in one piece."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return structure(md.render(body))


def preview(text: str) -> Counter[str]:
    document = parse(text)
    result = Renderer().render(document, PALETTE)
    card = 1 if document.front_matter is not None else 0
    body = "".join(piece.body for piece in result.pieces[card:])
    return structure(body, markdown_tables_only=True)


def _all_corpus_files() -> list[Path]:
    files = list(corpus_files())
    files += [Path(name) for name in collect_files([str(shared_path("corpus", "2026"))])]
    return files


def test_the_default_engine_is_commonmark():
    assert DEFAULT_ENGINE == "commonmark" and Renderer().engine == "commonmark"


def test_every_corpus_file_has_the_structure_commonmark_gives():
    files = _all_corpus_files()
    assert len(files) > 100
    differing = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        document = parse(text)
        expected = reference(text[document.body_start :])
        shown = preview(text)
        if shown != expected:
            differing[path.name] = (shown - expected, expected - shown)
    assert differing == {}


def test_a_list_right_after_a_paragraph_line_is_a_list():
    # Python-Markdown made this one run-on paragraph; VS Code and GitHub show a list.
    counts = preview("# Role\n\n**Will:**\n- review code\n- write tests\n")
    assert counts["ul"] == 1 and counts["li"] == 2


def test_lists_nested_by_two_spaces_stay_nested():
    counts = preview("# Steps\n\n- one\n  - one a\n  - one b\n- two\n")
    assert counts["ul"] == 2 and counts["li"] == 4


def test_a_heading_inside_a_list_item_or_html_block_does_not_cut_the_page():
    text = "# A\n\n1. first\n\n   ## inside the item\n2. second\n\n<div>\n# not a heading\n</div>\n"
    document = parse(text)
    assert len(split_chunks(document, commonmark=True)) == 1  # the cuts CommonMark would not make
    assert preview(text) == reference(text)


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("- [ ] todo\n- [x] done\n", ["\u2610&nbsp;", "\u2611&nbsp;"]),
        ("~~gone~~ and https://example.com/a\n", ["<s>gone</s>", 'href="https://example.com/a"']),
        ("> [!WARNING]\n> careful\n", ["<blockquote>", "<b>Warning</b>"]),
        ("| a | b |\n|:--|--:|\n| 1 | 2 |\n", ['<td align="right">2</td>']),
        ("```python\nprint(1)\n```\n", ['<span class="nb">print</span>']),
    ],
)
def test_githubs_extensions_show(markdown, shown):
    html = Renderer().render(parse(markdown), PALETTE).html
    for part in shown:
        assert part in html
    assert "<input" not in html


def test_blocks_carry_their_line_within_the_section():
    result = Renderer().render(parse("# A\n\ntext\n\n## B\n\n- x\n\n  more\n"), PALETTE)
    assert [chunk.line for chunk in result.chunks] == [1, 5]
    first, second = (piece.body for piece in result.pieces)
    assert '<a name="ps-at-0"></a>A' in first and '<a name="ps-at-2"></a>text' in first
    assert '<a name="ps-at-2"></a>x' in second and '<a name="ps-at-4"></a>more' in second


def test_python_markdown_stays_a_choice():
    text = "# Role\n\n**Will:**\n- review code\n- write tests\n"
    renderer = Renderer(engine="python-markdown")
    html = renderer.render(parse(text), PALETTE).html
    assert "<li>" not in html  # Python-Markdown's run-on paragraph, as MkDocs shows it
    renderer.set_engine("commonmark")
    assert "<li>" in renderer.render(parse(text), PALETTE).html
    with pytest.raises(ValueError, match="unknown Markdown engine"):
        Renderer(engine="asciidoc")


def test_links_use_reference_definitions_from_other_sections():
    text = "# A\n\nsee [the docs][d].\n\n## B\n\ntext\n\n[d]: https://example.com/docs\n"
    renderer = Renderer()
    first = renderer.render(parse(text), PALETTE).pieces[0].body
    assert '<a href="https://example.com/docs"' in first and "[the docs]" not in first
    moved = renderer.render(parse(text.replace("/docs\n", "/guide\n")), PALETTE).pieces[0].body
    assert '<a href="https://example.com/guide"' in moved  # the cached section follows
