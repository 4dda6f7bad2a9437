"""`lint_paths`' second process where the system forks (Linux): one child forked straight from
this process, two pipes, no process pool.

A pool costs the batch its start-up (concurrent.futures and multiprocessing imported, ~10 ms),
a thread in this process that takes the results in (it and this process's own linting take the
interpreter in turns) and a round of pickling per chunk both ways. Here the chunks' numbers are
written to a pipe once, before the fork; this process and the child each take the next number
from it (a read of a pipe is atomic: no chunk is taken twice, none is missed), lint that chunk,
and the child writes its results back on a second pipe, which this process reads whenever it
finishes a file of its own (so the child seldom waits on a full pipe) and yields in the order
of the files.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable, Iterator
from typing import Any

_INDEX = struct.Struct("=H")  # a chunk's number on the task pipe
_LENGTH = struct.Struct("=Q")  # the size of one message on the result pipe
# Their numbers fit in one page, the least a pipe holds (4 KB): written at once before the fork.
MAX_CHUNKS = 2048
_CLOSE_BUFFER = 1 << 20  # the result pipe's size asked for (Linux caps it; a smaller one works too)


def available() -> bool:
    """Whether this process may fork the way ``run`` needs: on Linux, with no other thread
    running (one could hold a lock the child would wait for forever). Else the pool."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")  # not imported: no other thread was started
    return threading is None or threading.active_count() == 1


def run(
    chunks: list[list[str]],
    lint_chunk: Callable[[list[str]], list[Any]],
    lint_one: Callable[[str], Any],
    before_file: Callable[[], None],
) -> Iterator[list[Any]]:
    """The results of each chunk, in the chunks' order, each chunk linted once, either here
    (``lint_one`` file by file, ``before_file`` called before each: it may raise to stop) or in
    the child (``lint_chunk``). Stopping (an exception here, or the generator closed) ends the
    child at once."""
    assert len(chunks) <= MAX_CHUNKS
    tasks_read, tasks_write = os.pipe()
    os.write(tasks_write, b"".join(_INDEX.pack(index) for index in range(len(chunks))))
    os.close(tasks_write)  # an empty task pipe reads as its end, in both processes
    results_read, results_write = os.pipe()
    try:
        import fcntl

        fcntl.fcntl(results_write, fcntl.F_SETPIPE_SZ, _CLOSE_BUFFER)
    except (ImportError, AttributeError, OSError):
        pass  # the default buffer: the child waits a little more often
    pid = os.fork()
    if pid == 0:  # the child: it never returns
        os.close(results_read)
        _child(chunks, lint_chunk, tasks_read, results_write)
    os.close(results_write)
    os.set_blocking(results_read, False)
    inbox = _Inbox(results_read)
    finished = False
    try:
        ready: dict[int, list[Any]] = {}
        following = 0  # the next chunk to yield
        while True:
            index = _take(tasks_read)
            if index is None:
                break
            results = []
            for path in chunks[index]:
                before_file()
                results.append(lint_one(path))
                ready.update(inbox.poll())
            ready[index] = results
            while following in ready:
                yield _unpacked(ready.pop(following))
                following += 1
        while following < len(chunks):  # the child's last chunks
            while following not in ready:
                ready.update(inbox.wait())
            yield _unpacked(ready.pop(following))
            following += 1
        finished = True
    finally:
        os.close(tasks_read)
        os.close(results_read)
        if not finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _take(tasks_read: int) -> int | None:
    """The next chunk no process has taken yet, or None when none is left."""
    try:
        data = os.read(tasks_read, _INDEX.size)
    except BlockingIOError:
        return None
    return _INDEX.unpack(data)[0] if data else None


def _unpacked(results: Any) -> list[Any]:
    """A chunk's results, or the exception its linting raised, raised here."""
    if isinstance(results, BaseException):
        raise results
    return results  # type: ignore[no-any-return]


class _Inbox:
    """The child's messages as they come: each a chunk's number and its results (or the
    exception that stopped it)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()
        self.ended = False

    def poll(self) -> dict[int, Any]:
        """What has come, without waiting."""
        while True:
            try:
                data = os.read(self.fd, _CLOSE_BUFFER)
            except BlockingIOError:
                break
            if not data:
                self.ended = True
                break
            self.buffer += data
        return self._messages()

    def wait(self) -> dict[int, Any]:
        """At least one message, waiting for it."""
        import select

        while True:
            found = self.poll()
            if found:
                return found
            if self.ended:
                raise RuntimeError("the second lint process ended before its files were done")
            select.select([self.fd], [], [])

    def _messages(self) -> dict[int, Any]:
        found: dict[int, Any] = {}
        buffer = self.buffer
        position = 0
        while len(buffer) - position >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(buffer, position)
            start = position + _LENGTH.size
            if len(buffer) - start < size:
                break
            index, results = pickle.loads(memoryview(buffer)[start : start + size])
            found[index] = results
            position = start + size
        if position:
            del buffer[:position]
        return found


def _child(
    chunks: list[list[str]],
    lint_chunk: Callable[[list[str]], list[Any]],
    tasks_read: int,
    results_write: int,
) -> None:
    """The child's whole life: take chunks until none is left, write each one's results, end
    without running this process's exit handlers or flushing its buffers (the parent's)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C ends it with the parent
        os.set_blocking(results_write, True)
        while True:
            index = _take(tasks_read)
            if index is None:
                break
            results: Any
            try:
                results = lint_chunk(chunks[index])
            except Exception as error:  # raised in the parent, where the chunk's results go
                results = error
            try:
                data = pickle.dumps((index, results), pickle.HIGHEST_PROTOCOL)
            except Exception as error:  # an exception that does not pickle: its words
                data = pickle.dumps((index, RuntimeError(f"{type(results).__name__}: {error}")))
            _write_all(results_write, _LENGTH.pack(len(data)) + data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
