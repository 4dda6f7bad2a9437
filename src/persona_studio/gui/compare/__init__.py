"""Comparing personas: the diff window (``diff_view`` and its panes, overview, summary, toolbar
and worker), the comparison matrix of many personas, and the window's Compare and Export commands
(``actions``). What the diff window shows, as plain data, is ``core.diffview``."""
