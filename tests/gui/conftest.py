"""GUI fixtures: settings in a temporary folder, never the user's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Point QSettings (and the data folder) at a temporary folder for every GUI test."""
    QCoreApplication.setOrganizationName("PersonaStudioTests")
    QCoreApplication.setApplicationName("persona-studio-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    monkeypatch.setenv("PERSONA_STUDIO_DATA_DIR", str(tmp_path / "data"))
    QSettings().clear()
    yield
    QSettings().clear()
