"""The user's settings, kept with QSettings (tests point QSettings at a temporary folder)."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

from persona_studio.core.catalog import load_catalog

MAX_RECENT = 10


class Settings:
    """Typed access to the few settings the program keeps."""

    def __init__(self) -> None:
        self._qs = QSettings()

    def _get(self, key: str, default: object) -> object:
        value = self._qs.value(key, default)
        return default if value is None else value

    # window
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)

    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, state: QByteArray) -> None:
        self._qs.setValue("window/state", state)

    # appearance
    def theme(self) -> str:
        value = str(self._get("appearance/theme", "system"))
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, theme: str) -> None:
        self._qs.setValue("appearance/theme", theme)

    def preview_engine(self) -> str:
        """The preview's Markdown engine: "commonmark" (the default) or "python-markdown"."""
        from persona_studio.core.render.engines import DEFAULT_ENGINE, ENGINES

        value = str(self._get("view/preview_engine", DEFAULT_ENGINE))
        return value if value in ENGINES else DEFAULT_ENGINE

    def set_preview_engine(self, engine: str) -> None:
        self._qs.setValue("view/preview_engine", engine)

    def preview_shown(self) -> bool:
        return str(self._get("view/preview", "true")).lower() == "true"

    def set_preview_shown(self, shown: bool) -> None:
        self._qs.setValue("view/preview", "true" if shown else "false")

    def zoom(self) -> int:
        try:
            return int(self._get("view/zoom", 0))
        except (TypeError, ValueError):
            return 0

    def set_zoom(self, steps: int) -> None:
        self._qs.setValue("view/zoom", steps)

    # editing
    def default_target(self) -> str:
        fallback = load_catalog().fallback_profile
        value = str(self._get("editing/default_target", fallback))
        return value if value in load_catalog().targets else fallback

    def set_default_target(self, target: str) -> None:
        self._qs.setValue("editing/default_target", target)

    # files
    def recent_files(self) -> list[str]:
        value = self._qs.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(path) for path in (value or []) if path]

    def add_recent_file(self, path: str) -> list[str]:
        path = os.path.abspath(path)
        recent = [p for p in self.recent_files() if p != path]
        recent.insert(0, path)
        recent = recent[:MAX_RECENT]
        self._qs.setValue("files/recent", recent)
        return recent

    def clear_recent_files(self) -> None:
        self._qs.setValue("files/recent", [])

    def last_folder(self) -> str:
        return str(self._get("files/last_folder", os.path.expanduser("~")))

    def set_last_folder(self, folder: str) -> None:
        self._qs.setValue("files/last_folder", folder)
