"""SHA-256 for the files' stamps, from CPython's own implementation when it has one.

`hashlib` loads OpenSSL's libcrypto as it is imported: some 3.7 MB resident for the life of the
program, which only ever hashes the text of a few files. CPython's built-in module (`_sha256`,
`_sha2` from Python 3.12) gives the same digests without it; `hashlib` remains the fallback.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol, cast


class Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


def _sha256() -> Callable[..., Hash]:
    for name in ("_sha256", "_sha2"):
        try:
            return cast(Callable[..., Hash], importlib.import_module(name).sha256)
        except (ImportError, AttributeError):
            continue
    import hashlib  # pragma: no cover - a Python without the built-in module

    return hashlib.sha256  # pragma: no cover


sha256 = _sha256()

__all__ = ["Hash", "sha256"]
