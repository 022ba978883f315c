"""Writing output files safely: through a temporary file and a rename.

A crash or a full disk never leaves a half-written report, and an existing file is replaced
only when the new one is complete.  Errors become Chinese ``InputError`` messages.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError


def _check_target(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise InputError(f"输出目录不存在：{folder}", hint="请先创建该目录，或换一个输出路径")
    if not folder.is_dir():
        raise InputError(f"输出路径的上级不是目录：{folder}")
    if path.is_dir():
        raise InputError(f"输出路径是一个目录：{path}", hint="请给出文件名，例如 -o 报告.html")
    if not os.access(folder, os.W_OK):
        raise InputError(f"没有写入权限：{folder}")


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it is renamed onto ``path``."""
    target = Path(path)
    _check_target(target)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or "."
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if target.exists():
            # keep the permissions of the file being replaced
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except PermissionError as exc:
        raise InputError(f"没有写入权限：{target}") from exc
    except OSError as exc:  # disk full, read-only file system …: the old file is untouched
        raise InputError(
            f"无法写入 {target}：{exc.strerror or exc}", hint="原有文件（如有）未被改动"
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding, newline="")


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
