"""kg — a linked-data knowledge graph of armed-conflict events that keeps who said what."""
from __future__ import annotations

__version__ = "0.1.0"
