"""Markdown -> sanitized HTML for the preview: the header card, the sanitizer, the chunk cache."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from persona_studio.core.document import parse
from persona_studio.core.readers.toollist import tool_names
from persona_studio.core.render import ENGINES, Renderer, sanitize, split_chunks

SEED = Path(__file__).resolve().parents[2] / "personas" / "backend.chatmode.md"
LIGHT = {
    "base": "#ffffff",
    "text": "#1f2328",
    "muted": "#656d76",
    "accent": "#2563eb",
    "heading": "#0b4f9c",
    "code_background": "#f3f4f6",
    "link": "#0969da",
    "chip_background": "#e7efff",
    "chip_text": "#1d4ed8",
    "border": "#d0d7de",
    "error": "#cf222e",
    "dark": False,
}
DARK = {**LIGHT, "base": "#16191d", "text": "#e6edf3", "chip_background": "#1f3a5f"}


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def render(text: str, renderer: Renderer | None = None, palette=LIGHT):
    return (renderer or Renderer()).render(parse(text), palette)


MARK_RE = re.compile(r'<a name="ps-at-\d+"></a>')  # the line marks of the CommonMark engine


def before_body(html: str) -> str:
    """The page's body up to the first chunk: the header card."""
    return html.split("<body>", 1)[1].split('<a name="ps-line-', 1)[0]


# -- the header card --------------------------------------------------------------------------


def test_card_shows_description_and_one_chip_per_tool(seed_text):
    html = render(seed_text).html
    card = before_body(html)
    assert "Backend specialist focused on reliability, scalability, and compliance" in card
    tools = tool_names(parse(seed_text))
    assert len(tools) == 22
    chips = re.findall(r'<span class="chip">\u00a0([^<]*)\u00a0</span>', card)
    assert chips == list(tools)


def test_front_matter_is_never_a_heading_or_rule(seed_text):
    html = render(seed_text).html
    card = before_body(html)
    assert "<h1" not in card and "<h2" not in card and "<hr" not in card
    # Fed to Markdown, `key: value` over a `---` line would be a setext heading; it is not.
    html = render("---\ndescription: Short\nmodel: GPT-4.1\n---\nBody text.\n").html
    assert "<h2" not in html and "<hr" not in html and "<h1" not in html
    assert "Body text." in html
    assert re.search(r'card-key[^>]*>model</td><td class="card-value">GPT-4.1<', html)


def test_body_title_is_rendered_once_as_h1(seed_text):
    html = MARK_RE.sub("", render(seed_text).html)
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == ["Persona: Backend"]


def test_card_escapes_values():
    html = render("---\ndescription: '<b onclick=x>hi</b> & more'\ntools: ['<i>']\n---\n").html
    card = before_body(html)
    assert "&lt;b onclick=x&gt;hi&lt;/b&gt; &amp; more" in card
    assert "<b onclick" not in html and "\u00a0&lt;i&gt;\u00a0" in card


def test_card_lists_other_keys_and_empty_tools():
    text = "---\ndescription: d\ntools: []\nargument-hint: Name a service\nmodel: GPT-5\n---\n"
    card = before_body(render(text).html)
    assert '<span class="card-muted">none</span>' in card
    assert re.search(r"argument-hint</td><td[^>]*>Name a service<", card)
    # description, tools and model come first, in that order; then the other keys.
    assert card.index(">tools<") < card.index(">model<") < card.index(">argument-hint<")


def test_front_matter_error_shows_a_notice_instead_of_the_card():
    html = render("---\ndescription: [unclosed\ntools: x\n---\n# Title\n\nBody\n").html
    card = before_body(html)
    assert "Front matter problem" in card and "(line 3)" in card
    assert "chip" not in card and "card-key" not in card
    assert "<h1" in html and "Body" in html  # the body still renders


def test_unterminated_front_matter_has_a_notice_and_no_body():
    result = render("---\ndescription: x\n# Not a body\n")
    assert "no closing" in result.html and "Front matter problem" in result.html
    assert result.chunks == () and "<h1" not in result.html


def test_no_front_matter_no_card():
    html = render("# Title\n\nText\n").html
    assert 'class="card"' not in html and "<h1" in html


def test_empty_document_says_so():
    assert "Nothing to preview yet." in render("").html


# -- sanitizing -------------------------------------------------------------------------------

HOSTILE = """# Title

<script>alert('x')</script>
<p onclick="steal()" style="color: red">styled</p>

[js](javascript:alert(1)) [site](https://example.com/a) [mail](mailto:a@b.c)
[file](file:///etc/passwd) [relative](other.md) [jump](#core-belief)

![remote](http://evil.example/pixel.png)
<img src="https://evil.example/x.png" alt="tracker">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">
<iframe src="https://evil.example"></iframe><object data="x"></object>
<form action="https://evil.example"><input name="q"></form>
<style>body { display: none }</style>
<link rel="stylesheet" href="https://evil.example/s.css">
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_sanitizer_removes_scripts_handlers_and_remote_loads(engine):
    html = render(HOSTILE, Renderer(engine=engine)).html
    assert "<script" not in html and "alert('x')" not in html
    assert "onclick" not in html and "steal()" not in html
    # CommonMark takes the lines after `<p ...>` as raw HTML: the link shows as its text.
    assert not re.search(r'href="\s*javascript:', html, re.I)
    assert "evil.example" not in html
    assert "<iframe" not in html and "<object" not in html and "<form" not in html
    assert "<input" not in html and "<link" not in html
    assert "display: none" not in html
    assert 'style="' not in html  # no style attribute from user content


@pytest.mark.parametrize("engine", ENGINES)
def test_sanitizer_keeps_safe_links_and_inline_images(engine):
    html = render(HOSTILE, Renderer(engine=engine)).html
    assert 'href="https://example.com/a"' in html
    assert 'href="mailto:a@b.c"' in html
    assert 'href="#core-belief"' in html
    assert 'href="file:' not in html and 'href="other.md"' not in html
    # The link text stays, without a target (CommonMark leaves a file: link as its text).
    assert ">file</a>" in html or "[file](file:///etc/passwd)" in html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html
    # A remote image shows its alt text instead.
    assert '<span class="image-placeholder">[remote]</span>' in html
    assert '<span class="image-placeholder">[tracker]</span>' in html


@pytest.mark.parametrize(
    ("fragment", "forbidden"),
    [
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="data:text/html,<script>x</script>">x</a>', "data:"),
        ('<img src="data:text/html;base64,PHNjcmlwdD4=">', "data:"),
        ('<img src="//evil.example/x.png">', "evil"),
        ('<svg onload="x()"><circle/></svg>', "onload"),
        ('<div class="a" id="x" style="position:fixed">t</div>', "style"),
    ],
)
def test_sanitize_fragments(fragment, forbidden):
    assert forbidden not in sanitize(fragment)


# -- code -------------------------------------------------------------------------------------


def test_fenced_python_gets_pygments_classes_and_colours():
    text = "# Code\n\n```python\ndef handler(x):\n    return 'ok'  # done\n```\n"
    html = render(text).html
    assert '<span class="k">def</span>' in html
    assert '<span class="nf">handler</span>' in html
    assert '<span class="c1"># done</span>' in html
    assert re.search(r"\.codehilite \.k \{ color: #[0-9a-f]{6};", html)
    assert '<td class="codehilite"><pre>' in html  # padded block


def test_tables_get_borders_and_alignment():
    html = render("| a | b |\n|:--|--:|\n| 1 | 2 |\n").html
    assert '<table class="md" border="1" cellspacing="0">' in html
    assert '<td align="right">2</td>' in html


# -- chunks and the cache ---------------------------------------------------------------------


def test_chunks_follow_sections_with_lines_and_anchors(seed_text):
    document = parse(seed_text)
    result = render(seed_text)
    assert [chunk.title for chunk in result.chunks] == [s.title for s in document.sections]
    first = result.chunks[0]
    assert first.line == 6 and first.anchor == "ps-line-6"
    assert f'<a name="{first.anchor}"></a><h1' in result.html
    core = document.section("Core Belief")
    assert result.chunk_at_line(core.line + 1).title == "Core Belief"
    assert result.chunk_at_line(1).title == "Persona: Backend"  # front matter: the top


def test_text_before_the_first_heading_is_a_chunk():
    result = render("---\ndescription: d\n---\nIntro **text**.\n\n## Part\n\nMore\n")
    assert [(chunk.line, chunk.title) for chunk in result.chunks] == [(4, None), (6, "Part")]
    assert "<strong>text</strong>" in result.html
    assert result.html.index("Intro") < result.html.index("Part")
    assert [c.line for c in split_chunks(parse("# A\n\n# B\n"))] == [1, 3]


def test_second_render_of_the_same_text_renders_nothing(seed_text):
    renderer = Renderer()
    first = render(seed_text, renderer)
    assert first.stats.rendered == len(first.chunks) == 10 and first.stats.cached == 0
    second = render(seed_text, renderer)
    assert second.stats.rendered == 0 and second.stats.cached == 10
    assert second.html == first.html


def test_changing_one_section_renders_exactly_one_chunk(seed_text):
    renderer = Renderer()
    render(seed_text, renderer)
    changed = seed_text.replace("The backend is the foundation.", "The backend is the base.")
    result = render(changed, renderer)
    assert result.stats.rendered == 1 and result.stats.cached == 9
    assert "The backend is the base." in result.html


def test_a_new_line_shifts_anchors_but_reuses_the_cache(seed_text):
    renderer = Renderer()
    before = render(seed_text, renderer)
    changed = seed_text.replace("## Core Belief\n", "## Core Belief\n\n")
    after = render(changed, renderer)
    assert after.stats.rendered == 1  # only Core Belief's own text changed
    assert after.chunks[2].line == before.chunks[2].line + 1
    assert f'<a name="{after.chunks[2].anchor}">' in after.html


def test_theme_change_only_rebuilds_the_style(seed_text):
    renderer = Renderer()
    light = render(seed_text, renderer, LIGHT)
    dark = render(seed_text, renderer, DARK)
    assert dark.stats.rendered == 0
    assert "#16191d" in dark.html and "#16191d" not in light.html
    assert light.html.split("<body>")[1] == dark.html.split("<body>")[1]


def test_palette_values_that_are_not_colours_are_ignored(seed_text):
    html = render(seed_text, palette={**LIGHT, "link": "red;} body { display: none"}).html
    assert "display: none" not in html
    assert "a { color: #2563eb;" in html  # the link falls back to the accent colour


def test_cache_is_bounded():
    renderer = Renderer(cache_size=3)
    text = "".join(f"## S{i}\n\ntext {i}\n\n" for i in range(10))
    render(text, renderer)
    assert renderer.cache_size == 3
    result = render(text, renderer)
    assert result.stats.rendered == 10  # least recently used chunks went first


def test_render_core_never_imports_qt():
    code = (
        "import sys; import persona_studio.core.render as r; "
        "r.Renderer().render(__import__('persona_studio.core.document', fromlist=['parse'])"
        ".parse('# x'), {'text': '#000000', 'base': '#ffffff'}); "
        "print(any(name.startswith('PySide6') for name in sys.modules))"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    output = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(src)},
    ).stdout
    assert output.strip() == "False"


# -- pieces: the page in parts a view can replace one by one -----------------------------------


def test_pieces_are_the_card_then_one_per_chunk(seed_text):
    result = render(seed_text)
    card, *sections = result.pieces
    assert card.anchors == () and card.body.startswith('<table class="card"')
    assert [piece.anchors for piece in sections] == [(c.anchor,) for c in result.chunks]
    body = result.html.split("<body>", 1)[1].removesuffix("</body></html>")
    assert "".join(piece.html for piece in result.pieces) == body
    assert result.html.startswith(f"<html><head><style>{result.style}</style></head><body>")


def test_a_changed_section_changes_one_piece_and_moved_lines_only_anchors(seed_text):
    renderer = Renderer()
    before = render(seed_text, renderer).pieces
    edited = render(seed_text.replace("foundation.", "base."), renderer).pieces
    assert [a == b for a, b in zip(before, edited, strict=True)].count(False) == 1
    shifted = render(seed_text.replace("## Core Belief\n", "\n## Core Belief\n"), renderer).pieces
    assert [a.body for a in before] == [b.body for b in shifted]  # same HTML, later lines
    assert before[3].anchors != shifted[3].anchors


def test_a_chunk_that_shows_nothing_lends_its_anchor_to_the_next_piece():
    result = render("<!-- only a comment -->\n\n# Title\n\nText\n")
    assert [chunk.line for chunk in result.chunks] == [1, 3]
    assert [piece.anchors for piece in result.pieces] == [("ps-line-1", "ps-line-3")]
    assert render("").pieces[0].body == '<p class="empty">Nothing to preview yet.</p>'


def test_empty_paragraphs_left_by_removed_tags_are_dropped():
    html = render("# Role\n\n<role>\n\nDo the work.\n\n</role>\n").html
    html = MARK_RE.sub("", html)
    assert "<p></p>" not in html and "<p>Do the work.</p>" in html


# -- start-up cost ------------------------------------------------------------------------------


def test_markdown_extensions_are_instances_not_names(monkeypatch):
    # Given by name, Python-Markdown searches the installed packages' entry points (slow).
    import markdown

    def by_name(*_args, **_kwargs):
        raise AssertionError("an extension was looked up by name")

    monkeypatch.setattr(markdown.Markdown, "build_extension", by_name)
    html = Renderer().render(parse("# T\n\n| a |\n|---|\n| 1 |\n\n```python\nx = 1\n```\n"), LIGHT)
    assert '<table class="md"' in html.html and '<td class="codehilite">' in html.html


def test_importing_render_loads_no_markdown_pygments_or_nh3():
    code = (
        "import sys; import persona_studio.core.render; "
        "print(sorted(m for m in ('markdown', 'pygments', 'nh3') if m in sys.modules))"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    output = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(src)},
    ).stdout
    assert output.strip() == "[]"
