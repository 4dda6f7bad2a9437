"""The one save keeps what a rename would lose: owner, group, hard links; it never gains
setuid/setgid bits; and it refuses a file changed on disk while the new bytes were written
(issue 21, items 1-3).

Owner tests need root (to give a file to another user); they are skipped otherwise.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from persona_studio.core.files import fileio
from persona_studio.core.files.disk import SaveConflictError
from persona_studio.core.files.fileio import SaveError, atomic_write
from persona_studio.core.files.opened import OpenedFile

ORIGINAL = b"---\nname: original\n---\n# Body\n"
NEW = b"---\nname: new\n---\n# Body, longer than before\n"
NOBODY = 65534

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="giving a file to another user needs root",
)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def original(tmp_path: Path) -> Path:
    path = tmp_path / "persona.md"
    path.write_bytes(ORIGINAL)
    return path


# -- owner and group (item 2) ---------------------------------------------------------------


@needs_root
def test_root_saving_another_users_file_keeps_its_owner_and_group(original: Path) -> None:
    os.chown(original, NOBODY, NOBODY)
    original.chmod(0o640)
    atomic_write(original, NEW)
    info = original.stat()
    assert (info.st_uid, info.st_gid) == (NOBODY, NOBODY)  # its owner can still read it
    assert stat.S_IMODE(info.st_mode) == 0o640
    assert original.read_bytes() == NEW


@needs_root
def test_a_setuid_file_of_another_user_never_becomes_setuid_root(original: Path) -> None:
    os.chown(original, NOBODY, NOBODY)
    original.chmod(0o6755)
    atomic_write(original, NEW)
    info = original.stat()
    assert (info.st_uid, info.st_gid) == (NOBODY, NOBODY)
    assert stat.S_IMODE(info.st_mode) == 0o6755  # the bits it had, still on nobody's file


def test_a_file_without_setuid_never_gains_it(original: Path) -> None:
    original.chmod(0o755)
    atomic_write(original, NEW)
    assert stat.S_IMODE(original.stat().st_mode) == 0o755


@needs_root
def test_a_user_saving_a_group_writable_file_of_another_keeps_owner(
    request: pytest.FixtureRequest,
) -> None:
    # An unprivileged user cannot give a new file another owner: the save writes in place.
    folder = Path(tempfile.mkdtemp(prefix="persona-shared-"))  # pytest's folder is root-only
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
    folder.chmod(0o777)
    path = folder / "persona.md"
    path.write_bytes(ORIGINAL)
    path.chmod(0o666)  # root's file, writable by everyone
    pid = os.fork()
    if pid == 0:  # the child becomes nobody and saves
        code = 1
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            atomic_write(path, b"by nobody\n")
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (0, 0)
    assert path.read_bytes() == b"by nobody\n"
    assert files_in(folder) == ["persona.md"]  # the backup is gone


# -- hard links (item 3) --------------------------------------------------------------------


def test_a_file_with_hard_links_is_written_in_place(tmp_path: Path) -> None:
    h1 = tmp_path / "h1.md"
    h1.write_bytes(ORIGINAL)
    h2 = tmp_path / "h2.md"
    os.link(h1, h2)
    inode = h1.stat().st_ino
    atomic_write(h1, NEW)
    assert h1.stat().st_ino == inode == h2.stat().st_ino  # one file, two names
    assert h2.read_bytes() == NEW
    assert files_in(tmp_path) == ["h1.md", "h2.md"]  # no backup left behind


def test_a_shorter_text_over_hard_links_leaves_no_old_tail(tmp_path: Path) -> None:
    h1 = tmp_path / "h1.md"
    h1.write_bytes(NEW)
    os.link(h1, tmp_path / "h2.md")
    atomic_write(h1, b"x\n")
    assert (tmp_path / "h2.md").read_bytes() == b"x\n"


@pytest.mark.parametrize("step", ["write", "flush", "fsync"])
def test_a_failed_in_place_write_puts_the_old_bytes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    h1 = tmp_path / "h1.md"
    h1.write_bytes(ORIGINAL)
    os.link(h1, tmp_path / "h2.md")

    def fail(at: str) -> None:
        if at == step:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio, "_checkpoint", fail)
    with pytest.raises(SaveError, match="The disk is full"):
        atomic_write(h1, NEW)
    assert (tmp_path / "h2.md").read_bytes() == ORIGINAL
    assert files_in(tmp_path) == ["h1.md", "h2.md"]


def test_a_symlink_to_a_hard_linked_file_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(ORIGINAL)
    os.link(real, tmp_path / "other.md")
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    atomic_write(link, NEW)
    assert link.is_symlink() and (tmp_path / "other.md").read_bytes() == NEW


# -- a change while the new bytes are written (item 1, at the last moment) --------------------


@pytest.mark.parametrize("links", [1, 2])
def test_a_change_while_saving_is_caught_before_the_file_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: int
) -> None:
    path = tmp_path / "p.agent.md"
    path.write_bytes(ORIGINAL)
    if links == 2:
        os.link(path, tmp_path / "other.md")
    opened = OpenedFile.open(str(path))

    def another_program_writes(step: str) -> None:
        if step == "check":  # after the new bytes are written, before they replace the file
            with path.open("r+b") as file:
                file.write(b"THEIRS")

    monkeypatch.setattr(fileio, "_checkpoint", another_program_writes)
    with pytest.raises(SaveConflictError):
        opened.save("mine\n")
    assert path.read_bytes().startswith(b"THEIRS")
    assert files_in(tmp_path) == sorted(["p.agent.md"] + (["other.md"] if links == 2 else []))


def test_a_fifo_is_never_written(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(SaveError, match="named pipe"):
        atomic_write(fifo, NEW)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
