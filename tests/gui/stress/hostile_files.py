"""The hostile files of issue 21 that open fine from the command line (each under the 5 MB
limit), made here from code: image bombs (item 8), deep lists (item 10), and texts that used to
keep the window busy for minutes (item 11)."""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

HEADER = "---\ndescription: hostile\n---\n# Persona: Hostile\n\n"


def _png(width: int, height: int) -> bytes:
    """A valid PNG of ``width`` x ``height`` grey pixels: tiny on disk, huge once decoded."""
    row = b"\x00" + b"\x80" * width  # filter byte, then one grey byte per pixel
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def image_bomb() -> str:
    """Item 8: 15 inline PNGs of 7900x7900."""
    data = base64.b64encode(_png(7900, 7900)).decode("ascii")
    images = "\n\n".join(f"![bomb {i}](data:image/png;base64,{data})" for i in range(15))
    return HEADER + images + "\n"


def dash_list() -> str:
    """Item 10: '- ' * 500 + 'item', a 1 KB persona."""
    return HEADER + "- " * 500 + "item\n"


def deep_indented_list() -> str:
    """Item 10: a list indented 2,200 levels deep."""
    return HEADER + "".join("  " * i + "- item\n" for i in range(2_200))


def one_long_line() -> str:
    """Item 11: a 4.9 MB single line."""
    return HEADER + "word " * 980_000 + "\n"


def huge_list() -> str:
    """Item 11: a 2.7 MB list of 200,000 items."""
    return HEADER + "## Focus Areas\n\n" + "".join(f"- item {i}\n" for i in range(200_000))


def nested_divs() -> str:
    """Item 11: 20,000 nested <div>."""
    return HEADER + "<div>" * 20_000 + "x" + "</div>" * 20_000 + "\n"


def nested_emphasis() -> str:
    """Item 11: emphasis nested 10,000 deep."""
    return HEADER + "*_" * 10_000 + "x" + "_*" * 10_000 + "\n"


def nested_quotes() -> str:
    """Item 11: block quotes nested 10,000 deep."""
    return HEADER + "> " * 10_000 + "x\n"


def bullets(count: int) -> Callable[[], str]:
    def make() -> str:
        return HEADER + "## Focus Areas\n\n" + "".join(f"- goal number {i}\n" for i in range(count))

    make.__name__ = f"bullets_{count}"
    return make


# name -> (maker, the item, whether it needs the renderer's limits from h-preview)
# The stress test uses the schema's list section, drawn as one row per item in the form.
HOSTILE: dict[str, tuple[Callable[[], str], str, bool]] = {
    "image-bomb": (image_bomb, "8", True),
    "dash-list": (dash_list, "10", True),
    "deep-indented-list": (deep_indented_list, "10", True),
    "one-long-line": (one_long_line, "11", True),
    "huge-list": (huge_list, "11", True),
    "nested-divs": (nested_divs, "11", True),
    "nested-emphasis": (nested_emphasis, "11", True),
    "nested-quotes": (nested_quotes, "11", True),
    "bullets-1000": (bullets(1_000), "11", False),
    "bullets-5000": (bullets(5_000), "11", False),
    "bullets-20000": (bullets(20_000), "11", True),
}


def write(folder: Path, name: str) -> Path:
    maker = HOSTILE[name][0]
    path = folder / f"{name}.agent.md"
    path.write_text(maker(), encoding="utf-8")
    assert path.stat().st_size < 5_000_000, name
    return path
