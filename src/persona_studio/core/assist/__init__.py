"""Help while writing in the Source view, Qt-free: what to offer at the cursor (`completion`) and
what to say about the name under the mouse (`hover`)."""

from persona_studio.core.assist.completion import Completion, Offer, complete
from persona_studio.core.assist.hover import hover

__all__ = ["Completion", "Offer", "complete", "hover"]
