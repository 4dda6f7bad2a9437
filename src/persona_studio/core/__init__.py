"""The library core: pure Python, never imports Qt.

The command line and the GUI both stand on it: documents (text <-> parts with spans), edits,
file reading and atomic saving, the tool catalog, the persona schema and the lint rules.
"""
