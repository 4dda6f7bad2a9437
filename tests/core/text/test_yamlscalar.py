"""The characters a YAML scalar cannot hold raw (core/yamlscalar.py)."""

from __future__ import annotations

import re

from persona_studio.core.text import yamlscalar

PRINTABLE = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"


def test_the_unsafe_character_sets_are_everything_outside_yamls_printable_set():
    every = "".join(map(chr, range(0x110000)))
    for pattern, outside in (
        (yamlscalar._NEEDS_ESCAPE, f"[^{PRINTABLE}]"),
        (yamlscalar._RAW_UNSAFE, f"[^\x09\x0a\x0d{PRINTABLE}]"),
    ):
        found = [m.start() for m in pattern.finditer(every)]
        assert found == [m.start() for m in re.finditer(outside, every)]
