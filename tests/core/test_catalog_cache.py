"""The shipped catalog's parsed data is kept between runs (core/catalog/parsed_cache.py): a later
run reads it back instead of parsing the YAML, gets the same catalog, and never trusts a cache
file that was damaged or written for another text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from persona_studio.core.catalog import load_catalog, parsed_cache
from persona_studio.core.catalog.loader import _load, _parse
from persona_studio.core.resources import resource_path

CATALOG = resource_path("catalog.yaml")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(parsed_cache.CACHE_DIR_ENV, str(folder))
    return folder


def counting(calls: list[str]):
    def parse(text: str):
        calls.append(text)
        return _parse(text)

    return parse


def test_a_second_run_reads_the_parsed_data_back_instead_of_parsing(cache) -> None:
    text = CATALOG.read_text(encoding="utf-8")
    calls: list[str] = []

    first = parsed_cache.parsed(text, counting(calls))
    again = parsed_cache.parsed(text, counting(calls))

    assert len(calls) == 1  # parsed once, then read back
    assert again == first == yaml.safe_load(text)
    assert list(cache.glob("catalog-*.marshal")) == [parsed_cache.cache_path(text)]


def test_the_catalog_built_from_the_cache_is_the_catalog_built_from_the_yaml(cache) -> None:
    from_yaml = _load(CATALOG)
    _load(CATALOG, cached=True)  # writes the cache
    from_cache = _load(CATALOG, cached=True)

    assert from_cache.version == from_yaml.version
    assert tuple(from_cache.targets) == tuple(from_yaml.targets)
    for tid in from_yaml.targets:
        ours, theirs = from_cache.target(tid), from_yaml.target(tid)
        assert ours.tool_groups() == theirs.tool_groups()
        assert ours.renamed_tools() == theirs.renamed_tools()


def test_another_text_never_reads_the_cache_of_the_first(cache) -> None:
    calls: list[str] = []
    parsed_cache.parsed("format: 2\nversion: one\n", counting(calls))

    changed = parsed_cache.parsed("format: 2\nversion: two\n", counting(calls))

    assert changed == {"format": 2, "version": "two"}
    assert len(calls) == 2


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[: len(data) // 2], lambda data: data[:-1] + b"\x00", lambda data: b""],
    ids=["cut short", "changed", "empty"],
)
def test_a_damaged_cache_file_is_parsed_again_and_rewritten(cache, damage) -> None:
    text = "format: 2\nversion: kept\nlist: [a, b]\n"
    calls: list[str] = []
    parsed_cache.parsed(text, counting(calls))
    path = parsed_cache.cache_path(text)
    path.write_bytes(damage(path.read_bytes()))

    assert parsed_cache.parsed(text, counting(calls)) == {
        "format": 2,
        "version": "kept",
        "list": ["a", "b"],
    }
    assert len(calls) == 2
    assert parsed_cache.parsed(text, counting(calls))["version"] == "kept"
    assert len(calls) == 2  # the rewritten file is good again


def test_without_a_usable_cache_folder_the_yaml_is_parsed_as_before(tmp_path, monkeypatch):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setenv(parsed_cache.CACHE_DIR_ENV, str(blocker / "cache"))
    calls: list[str] = []

    assert parsed_cache.parsed("format: 2\n", counting(calls)) == {"format": 2}
    assert parsed_cache.parsed("format: 2\n", counting(calls)) == {"format": 2}
    assert len(calls) == 2


def test_the_program_writes_the_cache_and_a_new_process_uses_it(cache) -> None:
    script = (
        "from persona_studio.core.catalog import loader\n"
        "calls = []\n"
        "parse = loader._parse\n"
        "loader._parse = lambda text: calls.append(1) or parse(text)\n"
        "print(len(loader.load_catalog().targets), len(calls))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    targets = len(load_catalog().targets)
    assert [run.stdout.split() for run in runs] == [[str(targets), "1"], [str(targets), "0"]]


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the folder is worked out on Linux"
)
@pytest.mark.parametrize("xdg", [None, "/somewhere/cache", "  "])
def test_the_cache_folder_is_the_one_platformdirs_names(monkeypatch, xdg) -> None:
    import platformdirs

    monkeypatch.delenv(parsed_cache.CACHE_DIR_ENV, raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)

    expected = platformdirs.user_cache_dir("persona-studio", appauthor=False)
    assert parsed_cache.cache_dir() == Path(expected)
