"""The application context: what the window's parts share, handed to them instead of the window
(as git-cola's ``ApplicationContext``).

The settings, the theme manager, the recovery journal, the questions to the user (one replaceable
`Interaction`), the current session and the status line. The parts read these from the context;
none of them reaches into the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.journal import Journal
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import ThemeManager
from persona_studio.gui.window.interaction import Interaction
from persona_studio.gui.window.settings import Settings


class AppContext:
    def __init__(
        self,
        settings: Settings,
        themes: ThemeManager,
        interaction: Interaction,
        journal: Journal | None = None,
        journal_problem: str = "",
    ) -> None:
        self.settings = settings
        self.themes = themes
        self.interaction = interaction
        self.journal = journal
        self.journal_problem = journal_problem  # why there is no journal, or ""
        self._current: Callable[[], DocumentSession | None] = lambda: None
        self._say: Callable[[str, int], None] = lambda message, ms: None

    @classmethod
    def start(
        cls, parent: QWidget, themes: ThemeManager | None = None, *, recovery: bool = True
    ) -> AppContext:
        """The context of a new window: the user's settings and, with `recovery`, this program's
        recovery journal (or the reason it cannot keep one)."""
        journal, problem = None, ""
        if recovery:
            try:
                journal = Journal.start()
            except PersonaStudioError as error:
                problem = str(error)
        settings = Settings()
        themes = themes or ThemeManager(settings.theme(), parent)
        return cls(settings, themes, Interaction(parent, themes), journal, problem)

    def follow(
        self,
        current: Callable[[], DocumentSession | None],
        say: Callable[[str, int], None],
    ) -> None:
        """Where the current session and the status line are (set once the window has them)."""
        self._current = current
        self._say = say

    def session(self) -> DocumentSession | None:
        """The document in front of the user, or None."""
        return self._current()

    def say(self, message: str, ms: int = 4000) -> None:
        """A passing message in the status bar."""
        self._say(message, ms)
