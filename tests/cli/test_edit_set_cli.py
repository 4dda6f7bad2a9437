"""`edit --set KEY=VALUE`: a key that YAML would not read back as that one key, and a value that is
not UTF-8, are usage errors (exit 2, the file untouched); a value set on a block scalar keeps the
block, its indentation and its ending; a value written in another style is told on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from persona_studio.cli import main
from persona_studio.core.document import parse

PERSONA = (
    "---\n"
    "name: reviewer\n"
    "description: >\n"
    "  Reviews pull requests for small embedded\n"
    "  projects and says what would break.\n"
    "tools: ['read']  # kept\n"
    "---\n"
    "# Reviewer\n"
)
SET_85 = (b"--set", b"description=a\x85b", b"--write")  # the byte 0x85 alone: not UTF-8
SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def persona(tmp_path: Path) -> Path:
    path = tmp_path / "reviewer.agent.md"
    path.write_bytes(PERSONA.encode("utf-8"))
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "setting",
    [
        "a: b=val",  # would write `a: b: val`, which YAML refuses
        "x: 1\ninjected=val",  # would add a key `injected`
        "#x=val",  # would write a comment
        "true=val",  # YAML reads the key as a boolean
        "'unclosed=val",
        "'a'x=val",
    ],
)
def test_a_key_yaml_would_not_read_back_is_a_usage_error(capsys, persona, setting):
    code, out, err = run(capsys, "edit", str(persona), "--set", setting, "--write")
    assert code == 2
    assert "changed:" not in out
    assert persona.read_bytes() == PERSONA.encode("utf-8")
    assert err.startswith("persona-studio: --set")
    assert err.count("\n") == 1  # one line, whatever the key held


def test_a_value_that_is_not_utf8_is_a_usage_error(capsys, persona):
    # What Python makes of the byte 0x85 in `$'description=a\x85b'` on a UTF-8 system.
    code, out, err = run(capsys, "edit", str(persona), "--set", "description=a\udc85b", "--write")
    assert code == 2
    assert "changed:" not in out
    assert persona.read_bytes() == PERSONA.encode("utf-8")
    assert "not valid UTF-8 (byte 0x85" in err


def test_raw_bytes_on_the_real_command_line_are_refused(persona):
    env = dict(os.environ, PYTHONPATH=str(SRC), LC_ALL="C.UTF-8")
    result = subprocess.run(
        [sys.executable, "-m", "persona_studio", "edit", os.fsencode(persona), *SET_85],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert b"not valid UTF-8" in result.stderr
    assert persona.read_bytes() == PERSONA.encode("utf-8")


@pytest.mark.parametrize(
    ("setting", "line"),
    [
        ("'a: b'=val", "'a: b': val\n"),
        ('"say \\"hi\\""=val', '"say \\"hi\\"": val\n'),
        ("x-team.lead=Ana", "x-team.lead: Ana\n"),
        ("  spaced=1", "spaced: '1'\n"),
    ],
)
def test_a_plain_or_properly_quoted_key_is_written_as_given(capsys, persona, setting, line):
    code, _out, err = run(capsys, "edit", str(persona), "--set", setting, "--write")
    assert code == 0, err
    text = persona.read_text(encoding="utf-8")
    assert line in text
    key_text = setting.split("=")[0].strip() if setting[0] not in "'\"" else None
    data = parse(text).data
    assert len(data) == 4
    if key_text is not None:
        assert key_text in data


def test_a_quoted_key_that_is_there_is_replaced_not_added(capsys, tmp_path):
    path = tmp_path / "q.agent.md"
    path.write_text("---\n'a: b': old\nname: n\n---\n", encoding="utf-8")
    code, _, err = run(capsys, "edit", str(path), "--set", "'a: b'=new", "--write")
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == "---\n'a: b': new\nname: n\n---\n"


def test_setting_a_folded_description_keeps_the_block(capsys, persona):
    code, _out, err = run(
        capsys,
        "edit",
        str(persona),
        "--set",
        "description=Reviews pull requests for small embedded projects and says what breaks.",
        "--write",
    )
    assert code == 0, err
    assert err == ""
    assert persona.read_text(encoding="utf-8") == PERSONA.replace(
        "  projects and says what would break.\n", "  projects and says what breaks.\n"
    )


def test_a_value_the_block_cannot_hold_is_written_another_way_and_told(capsys, persona):
    code, _out, err = run(capsys, "edit", str(persona), "--set", "description=a\x07b", "--write")
    assert code == 0
    text = persona.read_text(encoding="utf-8")
    assert 'description: "a\\x07b\\n"\n' in text
    assert parse(text).data["description"] == "a\x07b\n"
    assert "'description' is now written in double quotes" in err
    assert str(persona) in err
