"""`persona-studio render`: the preview as a standalone page, with either engine."""

from __future__ import annotations

import re
from pathlib import Path

from persona_studio.cli import main

SEED = Path(__file__).resolve().parents[2] / "personas" / "backend.chatmode.md"
RUN_ON = "# Role\n\n**Will:**\n- review code\n- write tests\n\n![x](http://evil.example/p.png)\n"


def test_render_writes_a_standalone_page_that_loads_nothing(tmp_path, capsys):
    out = tmp_path / "seed.html"
    assert main(["render", str(SEED), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Persona: Backend</title>" in page
    assert "default-src 'none'" in page and "<script" not in page
    assert "<style>" in page and ".codehilite" in page  # the style is inlined
    assert "<link" not in page and not re.search(r'<img[^>]+src="(?!data:)', page)
    assert "Backend specialist focused on reliability" in page  # the header card
    assert "<h2" in page and "<li>" in page
    assert "wrote" in capsys.readouterr().err


def test_render_prints_the_page_with_the_engine_asked(tmp_path, capsys):
    persona = tmp_path / "run-on.agent.md"
    persona.write_text(RUN_ON, encoding="utf-8")
    assert main(["render", str(persona)]) == 0
    commonmark = capsys.readouterr().out
    assert commonmark.count("<li>") == 2 and "evil.example" not in commonmark
    assert main(["render", str(persona), "--engine", "python-markdown", "--theme", "dark"]) == 0
    python_markdown = capsys.readouterr().out
    assert "<li>" not in python_markdown and "#16191d" in python_markdown


def test_render_refuses_an_unknown_engine(capsys):
    try:
        main(["render", str(SEED), "--engine", "asciidoc"])
    except SystemExit as stop:
        assert stop.code == 2
    assert "invalid choice" in capsys.readouterr().err
