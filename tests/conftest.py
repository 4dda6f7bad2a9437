"""Test set-up shared by every test: Qt runs offscreen, settings go to a temporary folder, no test
reaches the network, the seed persona comes from the repository, tests that need ../shared skip
(or fail under CI=true) with the reason, and the bad inputs that every front end must survive."""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path

import pytest

from _shared import MISSING_MARK, SEED, missing_shared

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
# The program's cache (the parsed catalog) in a folder of the run's own, never the user's.
os.environ.setdefault("PERSONA_STUDIO_CACHE_DIR", tempfile.mkdtemp(prefix="persona-studio-cache-"))


# ------------------------------------------------------------------------------- no network


class NetworkBlocked(RuntimeError):
    """A test (or the code under test) tried to open a network connection."""


_AF_UNIX = getattr(socket, "AF_UNIX", None)
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _refuse(address: object) -> NetworkBlocked:
    return NetworkBlocked(f"the program must make no network connection (tried {address!r})")


def _guarded_connect(self: socket.socket, address: object) -> None:
    if _AF_UNIX is not None and self.family == _AF_UNIX:
        return _real_connect(self, address)  # local sockets (D-Bus, Qt) are not the network
    raise _refuse(address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if _AF_UNIX is not None and self.family == _AF_UNIX:
        return _real_connect_ex(self, address)
    raise _refuse(address)


def _guarded_create_connection(address: object, *args: object, **kwargs: object) -> None:
    raise _refuse(address)


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """For the whole run, connecting a socket anywhere but a local (AF_UNIX) socket raises."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _guarded_connect)
        patch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
        patch.setattr(socket, "create_connection", _guarded_create_connection)
        yield


# ------------------------------------------------------------------- the seed and ../shared


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MISSING_MARK}(reason): under CI=true, a case standing for files of ../shared that "
        "are missing: failed with the reason (see tests/_shared.py)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers(MISSING_MARK):
        missing_shared(mark.args[0])


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed persona of the repository: personas/backend.chatmode.md."""
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------ bad inputs

BIG_BYTES = 50 * 1024 * 1024
DEPTH = 10_000


def _alias_bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        name, previous = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\ndescription: bomb\n---\n# Bomb\n"


def make_bad_inputs(folder: Path) -> dict[str, Path]:
    """Every kind of bad input the GUI and the CLI must answer calmly (see docs/failure-cases.md).

    Names are persona-like (`*.chatmode.md`) so that `lint` and `export` pick them up too.
    """
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        path = folder / f"{name}.chatmode.md"
        path.write_bytes(data)
        made[name] = path

    put("binary", bytes(range(256)) * 16)
    put("latin1", "---\ndescription: café\n---\n# Café\n".encode("latin-1"))
    put("utf16", "---\ndescription: x\n---\n# UTF-16\n".encode("utf-16"))
    with open(folder / "big.chatmode.md", "wb") as big:
        big.write(b"# Big\n")
        line = b"x" * 1023 + b"\n"
        for _ in range(BIG_BYTES // len(line) + 1):
            big.write(line)
    made["big"] = folder / "big.chatmode.md"
    put("deep-list", ("---\ndescription: " + "[" * DEPTH + "]" * DEPTH + "\n---\n# D\n").encode())
    put(
        "deep-map",
        ("---\ndescription: " + "{a: " * DEPTH + "1" + "}" * DEPTH + "\n---\n# D\n").encode(),
    )
    put("alias-bomb", _alias_bomb().encode())
    put("unterminated", b"---\ndescription: no end\ntools: ['codebase']\n# Title\n\nBody\n")
    put("nul", b"---\ndescription: x\n---\n# Title\x00 with a NUL\n")
    put("mixed-newlines", b"---\r\ndescription: mixed\n---\r# Mixed\r\n\nBody\n")
    put("empty", b"")
    folder_path = folder / "folder.chatmode.md"
    folder_path.mkdir()
    made["folder"] = folder_path
    if hasattr(os, "mkfifo"):
        fifo = folder / "fifo.chatmode.md"
        os.mkfifo(fifo)
        made["fifo"] = fifo
    dangling = folder / "dangling.chatmode.md"
    dangling.symlink_to(folder / "nowhere.chatmode.md")
    made["dangling"] = dangling
    return made


@pytest.fixture(scope="session")
def bad_inputs(tmp_path_factory) -> dict[str, Path]:
    return make_bad_inputs(tmp_path_factory.mktemp("bad-inputs"))
