"""`read_text_only`, what batch lint reads a file with: the text and BOM `read_text` gives, and
the same refusal, in the same words, of every file `read_text` refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_studio.core.files.reading import FileReadError, read_text, read_text_only


@pytest.mark.parametrize(
    "data",
    [
        b"---\ndescription: x\n---\n# A\n",
        b"\xef\xbb\xbf---\r\ndescription: caf\xc3\xa9\r\n---\r\n",  # BOM, CRLF, UTF-8
        b"",
    ],
)
def test_the_text_and_bom_are_those_read_text_gives(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.agent.md"
    path.write_bytes(data)
    loaded = read_text(path)
    assert read_text_only(path) == (loaded.text, loaded.bom)


def _refusal(call, *args, **options) -> tuple[type, str, str]:
    with pytest.raises(FileReadError) as caught:
        call(*args, **options)
    return type(caught.value), caught.value.code, str(caught.value)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("binary.agent.md", b"---\n\x00\x01\n"),
        ("latin1.agent.md", b"---\ndescription: caf\xe9\n---\n"),
        ("big.agent.md", b"x" * 200),
    ],
)
def test_a_file_refused_by_read_text_is_refused_alike(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert _refusal(read_text_only, path, max_bytes=100) == _refusal(read_text, path, max_bytes=100)


def test_a_folder_and_a_missing_file_are_refused_alike(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "missing.agent.md"):
        assert _refusal(read_text_only, path) == _refusal(read_text, path)
