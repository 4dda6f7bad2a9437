"""Exporting a batch of personas: what each becomes, where it goes, and what writing it did
(``plan``). The conversion of one document is ``core.formats``."""
