"""A hostile `.persona-studio.toml` or schema (a pull request can add one) never hangs, never
explodes and never crashes lint: one-line errors (issue 21, item 7). A config added later is
seen (find_config's cache follows the files)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from persona_studio.cli import main
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.lint.config import find_config, load_config
from persona_studio.core.schema import load_schema

PERSONA = "---\ndescription: x\n---\n# A\n"


def call_with_watchdog(function, *args, seconds: float = 60.0):
    """Run ``function`` on a thread; fail (not hang) if it is still running after ``seconds``."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = function(*args)
        except BaseException as error:
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{function.__name__} still running after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


def one_line_error(call, *args) -> str:
    with pytest.raises(PersonaStudioError) as info:
        call_with_watchdog(call, *args)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_schema_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "s.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in one_line_error(load_schema, str(fifo))


def test_a_config_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / ".persona-studio.toml"
    os.mkfifo(fifo)
    assert "not a regular file" in one_line_error(load_config, str(fifo))


def test_a_schema_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join([f"*{chr(96 + n)}"] * 9) + "]")
    bomb = tmp_path / "s.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "anchor" in one_line_error(load_schema, str(bomb))


def test_a_schema_with_an_alias_only_is_refused(tmp_path: Path) -> None:
    schema = tmp_path / "s.yaml"
    schema.write_text("sections: *nothing\n", encoding="utf-8")
    assert "alias" in one_line_error(load_schema, str(schema))


def test_a_deeply_nested_schema_is_refused(tmp_path: Path) -> None:
    schema = tmp_path / "s.yaml"
    schema.write_text("x: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert "nested" in one_line_error(load_schema, str(schema))


def test_a_config_with_100000_nested_arrays_is_a_one_line_error(tmp_path: Path) -> None:
    config = tmp_path / ".persona-studio.toml"
    config.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    message = one_line_error(load_config, str(config))
    assert "nested" in message and "RecursionError" not in message


def test_a_huge_config_is_refused_unread(tmp_path: Path) -> None:
    config = tmp_path / ".persona-studio.toml"
    config.write_text("# " + "x" * 2_000_000 + "\n", encoding="utf-8")
    assert "larger than" in one_line_error(load_config, str(config))


def test_a_bad_schema_message_is_one_line(tmp_path: Path) -> None:
    schema = tmp_path / "s.yaml"
    schema.write_text("sections: [\n  - {title: a\n", encoding="utf-8")
    assert "not valid YAML" in one_line_error(load_schema, str(schema))


def test_lint_with_a_fifo_schema_in_the_config_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(tmp_path / "s.yaml")
    (tmp_path / ".persona-studio.toml").write_text('schema = "s.yaml"\n', encoding="utf-8")
    persona = tmp_path / "a.agent.md"
    persona.write_text(PERSONA, encoding="utf-8")
    code = call_with_watchdog(main, ["lint", "--jobs", "1", str(persona)])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "not a regular file" in err


def test_lint_with_a_deeply_nested_config_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".persona-studio.toml").write_text("x = " + "[" * 100_000 + "\n", encoding="utf-8")
    persona = tmp_path / "a.agent.md"
    persona.write_text(PERSONA, encoding="utf-8")
    code = call_with_watchdog(main, ["lint", "--jobs", "1", str(persona)])
    err = capsys.readouterr().err
    assert code == 2
    assert "internal error" not in err and len(err.strip().splitlines()) == 1


def test_a_config_added_later_is_found(tmp_path: Path) -> None:
    persona = tmp_path / "a.agent.md"
    persona.write_text(PERSONA, encoding="utf-8")
    assert find_config(str(persona)).source is None
    config = tmp_path / ".persona-studio.toml"
    config.write_text('ignore = ["section-order"]\n', encoding="utf-8")
    assert find_config(str(persona)).source == str(config)
    config.write_text('ignore = ["unknown-key"]\n', encoding="utf-8")
    os.utime(config, ns=(1, 1))  # a new stamp even on a coarse clock
    assert "unknown-key" in find_config(str(persona)).for_path(str(persona)).ignore
    config.unlink()
    assert find_config(str(persona)).source is None
