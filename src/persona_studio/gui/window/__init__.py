"""The main window and what it holds: the document tabs, the library and problems panels, the
status bar, watching files for changes on disk, recovering unsaved work, the preferences and
the settings. Nothing in the other rooms imports this one: the window puts them together."""
