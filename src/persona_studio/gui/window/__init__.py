"""The main window and what it holds: the application context and the one object that asks the
user questions, the document tabs (documents/: opening, saving, files changed on disk, recovering
unsaved work, dropped files), the menus, the library and problems panels, the status bar, the
preferences and the settings. Nothing in the other rooms imports this one: the window puts them
together."""
