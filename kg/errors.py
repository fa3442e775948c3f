"""The one exception users see: bad input, reported as ``file:line: what is wrong``."""
from __future__ import annotations


class KgError(Exception):
    """An error caused by the user's input or environment, shown as one line, exit code 2."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = self.source or ""
        if self.source and self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message
