"""The persona's sections in the Structured view: the panel of cards (``panel``), the title and
introduction card (``intro``), one card per section (``cards``) with the editor of its kind
(``editors``: text and list editors on a common ``body``). What they show is
``core.structured.sections``."""
