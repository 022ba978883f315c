"""A rich console for terminal output that lines up Chinese text."""

from __future__ import annotations

import os
import shutil
import sys

from rich.console import Console


def make_console(*, stderr: bool = False) -> Console:
    """A console writing to stdout (or stderr); plain text when not a terminal."""
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else max(shutil.get_terminal_size((120, 40)).columns, 120)
    return Console(
        file=stream,
        width=width,
        no_color=bool(os.environ.get("NO_COLOR")) or not stream.isatty(),
        highlight=False,
        soft_wrap=False,
    )
