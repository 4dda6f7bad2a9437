"""Long work that its caller can stop: the cancel token the core's long algorithms check.

Import from here: ``CancelToken``, ``Cancelled``, ``checker``.
"""

from persona_studio.core.jobs.cancel import Cancelled, CancelToken, checker

__all__ = ["CancelToken", "Cancelled", "checker"]
