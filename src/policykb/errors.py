"""Errors with a message a user can act on (in Chinese).

Library code raises these; the CLI prints ``str(error)`` and exits with ``exit_code`` —
never a traceback.
"""

from __future__ import annotations


class PolicyKBError(Exception):
    """Base of every error policykb reports to a user."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n提示：{self.hint}" if self.hint else self.message


class CorpusError(PolicyKBError):
    """A corpus file is malformed (front matter, numbering, duplicate id …)."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        where = path or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"第{line}行"
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.path = path
        self.line = line


class InputError(PolicyKBError):
    """A file or argument given by the user cannot be used."""


class NotFoundError(PolicyKBError):
    """An id or name does not exist; carries suggestions."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.suggestions = suggestions or []
        hint = ("你是不是要找：" + "、".join(self.suggestions)) if self.suggestions else None
        super().__init__(message, hint=hint)


class AnnotationError(PolicyKBError):
    """A reviewed annotation file is invalid."""
