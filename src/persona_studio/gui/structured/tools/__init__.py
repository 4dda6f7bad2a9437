"""The tool picker of the Structured view: the catalog's tools for the target (``tree``), the
document's tools in file order (``selected``), and the picker that holds both (``picker``). What
they show is ``core.structured.tools``."""
