"""A cancel token: how a caller asks long core work to stop, from any thread.

Contract: standard library only, never Qt. The caller makes a ``CancelToken`` and hands it to a
long function (``diff_texts(..., cancel=token)``, ``scan_folder(..., cancel=token)``, ...); any
thread may call ``token.cancel()``. The function checks the token at its loop boundaries, where
stopping leaves nothing half done, and raises ``Cancelled`` there. Work that writes files checks
only before a write starts (writes are atomic), never in the middle of one.

Passing no token (``cancel=None``, the default everywhere) keeps the function as it was: it never
stops early, and ``checker(None)`` makes its checks a call to a function that does nothing.

``Cancelled`` derives from ``BaseException``, like ``asyncio.CancelledError``: the
``except Exception`` that keeps one bad file from stopping a batch must not swallow it.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["CancelToken", "Cancelled", "checker"]


class Cancelled(BaseException):
    """The work stopped early because its token was cancelled; its result does not exist."""

    def __init__(self, message: str = "The work was cancelled.") -> None:
        super().__init__(message)


class CancelToken:
    """Set once by the caller (from any thread), read by the work at its loop boundaries.

    A token is never reset: a new piece of work gets a new token.
    """

    __slots__ = ("_cancelled",)

    def __init__(self) -> None:
        self._cancelled = False  # one bool: reading and setting it needs no lock

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def raise_if_cancelled(self) -> None:
        """Raise ``Cancelled`` when the token was cancelled; otherwise return at once."""
        if self._cancelled:
            raise Cancelled()

    def __repr__(self) -> str:
        return f"CancelToken(cancelled={self._cancelled})"


def _never() -> None:
    return None


def checker(token: CancelToken | None) -> Callable[[], None]:
    """What a loop calls at its boundaries: ``token.raise_if_cancelled``, or (without a token)
    a function that does nothing."""
    return _never if token is None else token.raise_if_cancelled
