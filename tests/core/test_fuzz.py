"""Property-based: random bytes and random YAML through decode, parse, lint, render and diff.

No call may raise anything but the typed read errors, and each must finish well within two
seconds, whatever the input.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from persona_studio.core.diff import diff_texts, unified_diff
from persona_studio.core.document import parse
from persona_studio.core.files.fileio import FileReadError, decode
from persona_studio.core.lint import lint_document
from persona_studio.core.render import Renderer
from persona_studio.gui.theme import LIGHT

SEED = (Path(__file__).resolve().parents[2] / "personas" / "backend.chatmode.md").read_text()
LIMIT_S = 2.0
PALETTE = LIGHT.as_dict()
RENDERER = Renderer()
FUZZ = settings(
    max_examples=200,
    deadline=None,  # the per-call limit below is the contract; first calls warm caches
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def timed(call, *args, **kwargs):
    started = time.perf_counter()
    result = call(*args, **kwargs)
    elapsed = time.perf_counter() - started
    assert elapsed < LIMIT_S, f"{call.__name__} took {elapsed:.2f} s"
    return result


def through_everything(text: str) -> None:
    """parse, lint (every target), render, and diff against the seed, each bounded in time."""
    document = timed(parse, text)
    assert document.text == text  # the document never changes the text
    for target in ("vscode-chatmode", "vscode-agent", "claude-code"):
        diagnostics = timed(lint_document, document, path=None, target=target)
        for diagnostic in diagnostics:
            assert 0 <= diagnostic.span.start <= diagnostic.span.end <= len(text)
    result = timed(RENDERER.render, document, PALETTE)
    assert result.html.startswith("<html>")
    diff = timed(diff_texts, SEED, text)
    lines = timed(lambda d: list(unified_diff(d)), diff)
    assert diff.equal == (lines == [])
    # An edit in the middle of the text: the everyday comparison (before and after typing).
    middle = len(text) // 2
    edited = text[:middle] + "edited, here" + text[middle + len(text) // 10 :]
    assert not timed(diff_texts, text, edited).equal


# ------------------------------------------------------------------------------- bytes


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    try:
        loaded = timed(decode, data)
    except FileReadError as error:
        assert error.message  # a typed error with words for the user
        return
    assert loaded.encode() == data
    through_everything(loaded.text)


@FUZZ
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    through_everything(text)


# -------------------------------------------------------------------------------- YAML

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["yes", "no", "on", "off", "012", "0x1F", "1e3", "~", "null", "2024-01-01"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=40,
)
KEYS = st.sampled_from(
    ["description", "tools", "model", "name", "target", "handoffs", "mode", "x-extra"]
)
HEADERS = st.dictionaries(KEYS | st.text(max_size=10), VALUES, max_size=8)

# Pieces that make YAML go wrong in interesting ways.
YAML_TOKENS = st.sampled_from(
    [
        "---",
        "...",
        "&a ",
        "*a",
        "<<: *a",
        "[",
        "]",
        "{",
        "}",
        ": ",
        ":",
        "- ",
        "? ",
        "|",
        ">-",
        "'",
        '"',
        "!!python/object:os.system ",
        "!!binary ",
        "%YAML 1.2",
        "%TAG ! tag:x,2024:",
        "#",
        "\t",
        "  ",
        "\n",
        "\r\n",
        "\r",
        "\ufeff",
        "\x85",
        "\u2028",
        "description",
        "tools",
        "a",
        "1",
        "\\",
        ",",
    ]
)


def with_body(header: str) -> str:
    return f"---\n{header}\n---\n# Title\n\n## Core Belief\n\nBody.\n"


@FUZZ
@given(HEADERS, st.booleans())
def test_random_yaml_headers(header: dict, flow: bool) -> None:
    dumped = yaml.safe_dump(header, default_flow_style=flow, allow_unicode=True)
    through_everything(with_body(dumped))


@FUZZ
@given(st.lists(YAML_TOKENS, max_size=200), st.booleans())
def test_yaml_token_soup(tokens: list[str], closed: bool) -> None:
    header = "".join(tokens)
    text = with_body(header) if closed else "---\n" + header
    through_everything(text)


@FUZZ
@given(
    st.integers(min_value=1, max_value=20_000),
    st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", "")]),
)
def test_deep_nesting(depth: int, brackets: tuple[str, str]) -> None:
    opening, closing = brackets
    if opening == "- ":
        value = "\n" + "".join("  " * i + "-\n" for i in range(min(depth, 300)))
    else:
        value = opening * depth + "1" + closing * depth
    through_everything(with_body(f"description: {value}"))


@FUZZ
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=2, max_value=12))
def test_alias_bombs(levels: int, width: int) -> None:
    lines = ["l0: &l0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    text = with_body("\n".join(lines))
    through_everything(text)
    assert any(d.name == "yaml-alias" for d in lint_document(parse(text)))


WORD_DIFF_TARGET_S = 0.5  # a comparison should feel instant; the hard limit is LIMIT_S


def test_word_diff_of_two_long_lines_of_punctuation_is_quick() -> None:
    depth = 2_400
    text = with_body(f"description: {'[' * depth}1{']' * depth}")
    started = time.perf_counter()
    diff_texts(text, text[::-1])
    assert time.perf_counter() - started < WORD_DIFF_TARGET_S
