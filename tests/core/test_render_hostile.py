"""Hostile text in the preview's renderer (issue 21, items 10 and 11): deep nesting never
recurses without bound, huge sections show their first part, and every case renders in bounded
time. A hang is caught by a generous watchdog, not a timing assertion."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from persona_studio.core.document import parse
from persona_studio.core.render import ENGINES, Renderer
from persona_studio.core.render.engines import LIST_RUN
from persona_studio.core.render.renderer import MAX_CHUNK_CHARS, MAX_DEPTH, MAX_PAGE_CHARS

WATCHDOG_S = 120  # far above any case's time (each takes at most a few seconds)

HOSTILE = {
    "dashes-500-deep": "- " * 500 + "item",
    "list-2200-deep": "".join("  " * depth + "- x\n" for depth in range(2200)),
    "one-line-4.9MB": "word " * 980_000,
    "list-200k-items": "".join(f"- item {number}\n" for number in range(200_000)),
    "div-20k-deep": "<div>" * 20_000 + "x" + "</div>" * 20_000,
    "emphasis-50k-deep": "*" * 50_000 + "x" + "*" * 50_000,
    "quotes-20k-deep": "> " * 20_000 + "x",
    "bullets-20k": "".join(f"- item {number}\n" for number in range(20_000)),
}


def render_with_watchdog(text: str, engine: str):
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(Renderer(engine=engine).render, parse(text), {})
        return future.result(timeout=WATCHDOG_S)


def depth(html: str) -> int:
    deepest = level = 0
    for match in re.finditer(r"<(/?)(div|ul|ol|li|blockquote|em|strong|p)\b[^>]*>", html):
        level += -1 if match.group(1) else 1
        deepest = max(deepest, level)
    return deepest


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_renders_bounded(name, engine):
    text = HOSTILE[name]
    result = render_with_watchdog(text, engine)
    body = result.html.split("<body>", 1)[1]
    assert len(body) < 2 * 1024 * 1024  # what Qt is given stays small
    assert depth(body) <= MAX_DEPTH
    assert "item" in body or "x" in body or "word" in body  # the text shows, as far as it can


def test_a_section_longer_than_the_limit_shows_its_start_and_says_so():
    text = "word " * (MAX_CHUNK_CHARS // 2)
    body = Renderer().render(parse(text), {}).pieces[0].body
    assert body.count("word") < MAX_CHUNK_CHARS // 5 + 1
    assert "too long to preview whole" in body and f"{len(text):,} characters" in body


def test_the_page_stops_after_its_budget_with_a_notice():
    section = "## Part\n\n" + "Some text here.\n" * 5000  # 80 KB a section
    text = section * (MAX_PAGE_CHARS // len(section) + 3)
    result = Renderer().render(parse(text), {})
    assert "The preview stops here" in result.pieces[-1].body
    assert len(result.pieces) < len(result.chunks)


def test_deep_raw_html_shows_as_text():
    body = Renderer().render(parse("<div>" * 500 + "deep" + "</div>" * 500), {}).pieces[0].body
    assert "nested too deeply" in body and "&lt;div&gt;" in body and "<div>" not in body


def test_a_long_list_is_cut_in_runs_that_keep_numbering():
    text = "".join(f"{number}. item\n" for number in range(1, 2 * LIST_RUN + 11))
    body = Renderer().render(parse(text), {}).pieces[0].body
    assert body.count("<ol") == 3 and body.count("<li>") == 2 * LIST_RUN + 10
    assert f'<ol start="{LIST_RUN + 1}">' in body and f'<ol start="{2 * LIST_RUN + 1}">' in body


def test_dashes_500_deep_stop_nesting_at_the_limit():
    body = Renderer().render(parse("- " * 500 + "item"), {}).pieces[0].body
    assert 0 < body.count("<ul>") <= 25 and "item" in body
