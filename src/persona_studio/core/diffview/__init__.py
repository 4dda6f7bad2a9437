"""What the diff window shows and does, as plain data: the rows of a text diff laid out side by
side or unified (``layout``), and the edit that copies one change into the other side
(``copy_change``). The diff itself is ``core.diff``."""
