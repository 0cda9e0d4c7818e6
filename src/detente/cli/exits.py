"""The command line's exit statuses."""
from __future__ import annotations

from ..errors import EXIT_ERROR, EXIT_USAGE

EXIT_OK, EXIT_SKIPPED = 0, 3  # all coded; some documents skipped (each reported)
__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_SKIPPED", "EXIT_USAGE"]
