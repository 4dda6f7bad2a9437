"""Measures of plain text that know nothing of personas: code-point offsets against UTF-16
positions (``offsets``), and word and token counts (``stats``)."""
