"""A chunk written without `<` whose HTML holds only tags nh3 keeps as they are is written as
nh3 would write it, without loading nh3: the HTML must be the very HTML nh3 gives, on real
personas and on generated Markdown, and anything else must still go through nh3."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _shared import corpus_files, shared_path
from persona_studio.core.document import parse
from persona_studio.core.render import ENGINES, split_chunks
from persona_studio.core.render.engines import make_engine
from persona_studio.core.render.sanitize import _written_as_nh3_would, sanitize

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "personas" / "backend.chatmode.md"


def chunk_sources(text: str, engine: str) -> list[str]:
    document = parse(text)
    return [
        text[c.start : c.end] for c in split_chunks(document, commonmark=engine == "commonmark")
    ]


def both_ways(source: str, engine_name: str) -> tuple[str | None, str]:
    """The chunk's HTML written without nh3 (None when it must go through nh3), and nh3's."""
    converted = make_engine(engine_name).convert(source)
    return _written_as_nh3_would(converted, source), sanitize(converted)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_seed_is_written_as_nh3_writes_it_without_nh3(engine):
    sources = chunk_sources(SEED.read_text(encoding="utf-8"), engine)
    assert len(sources) >= 5
    for source in sources:
        plain, cleaned = both_ways(source, engine)
        assert plain == cleaned  # taken for every chunk of the seed, and the same HTML


def test_real_personas_give_the_same_html_either_way():
    repository = sorted(shared_path("corpus", "2026").rglob("*.md"))
    files = [*sorted((ROOT / "personas").rglob("*.md")), *corpus_files(), *repository]
    taken = checked = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for engine in ENGINES:
            for source in chunk_sources(text, engine):
                plain, cleaned = both_ways(source, engine)
                checked += 1
                if plain is not None:
                    taken += 1
                    assert plain == cleaned, (path.name, engine, source[:200])
    assert checked > 500 and taken > checked // 5  # the way without nh3 is the common one


MARKDOWN = st.lists(
    st.sampled_from(
        [
            "# ", "## ", "### Title", "\n", "\n\n", "- ", "* ", "+ ", "1. ", "3) ", "> ", "  ",
            "    ", "\t", "**", "*", "__", "_", "~~", "`", "```", "~~~", "---", "***", "[", "]",
            "(", ")", "![", "](x.png)", "](https://example.com)", "https://example.com", "&",
            "&amp;", "&copy;", "&#39;", "&#x27;", "&quot;", '"', "'", ">", "\u00a0", "\r", "\x00",
            "\x07", "é", "→", "|", "| a | b |", "|---|:-:|", "\\", "#tool:", "word", "two words",
            "[ref]: https://example.com", "[ref]", "- [ ] ", "- [x] ", "> [!NOTE]", "===",
        ]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=MARKDOWN, engine=st.sampled_from(ENGINES))
def test_generated_markdown_gives_the_same_html_either_way(body, engine):
    for source in chunk_sources("---\ndescription: d\n---\n" + body, engine):
        plain, cleaned = both_ways(source, engine)
        if plain is not None:
            assert plain == cleaned


@pytest.mark.parametrize(
    "source",
    [
        "A <b>bold</b> word.\n",  # raw HTML: the source holds a `<`
        "<script>alert(1)</script>\n",
        "See [the guide](docs/guide.md).\n",  # a link: its target is checked
        "![a picture](pic.png)\n",  # an image becomes its alt text
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n",  # a table's alignment is a style
        "```\ncode\n```\n",
        "5. five\n6. six\n",  # a list's start is an attribute
    ],
)
def test_anything_else_goes_through_nh3(source):
    plain, _cleaned = both_ways(source, "commonmark")
    assert plain is None


def run_isolated(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    return result.stdout


RENDER = """
import sys
from persona_studio.core.document import parse
from persona_studio.core.render import Renderer
page = Renderer().render(parse(open({path!r}, encoding="utf-8").read()), {{}}).html
print("nh3" in sys.modules, "<script" in page, "alert" in page)
"""


def test_rendering_the_seed_loads_no_nh3(tmp_path):
    assert run_isolated(RENDER.format(path=str(SEED))).split() == ["False", "False", "False"]


def test_a_chunk_with_html_is_still_cleaned_by_nh3(tmp_path):
    hostile = tmp_path / "hostile.chatmode.md"
    hostile.write_text(
        SEED.read_text(encoding="utf-8") + "\n## Trap\n<script>alert(1)</script>\n",
        encoding="utf-8",
    )
    assert run_isolated(RENDER.format(path=str(hostile))).split() == ["True", "False", "False"]
