"""Every file pep writes goes through here: atomic, regular files only, normal permissions.

A write never leaves a partial file and never writes *through* something that is not a
regular file:

* the text (or bytes) goes to a new temporary file in the target's directory, created with
  ``O_CREAT | O_EXCL | O_NOFOLLOW`` and mode ``0o666``, so the process umask applies as for any
  file a program creates (``0o644`` under the usual umask ``022``; never a forced ``0o600``);
* it is flushed and ``fsync``-ed, then ``os.replace``-d onto the target, so readers see the
  old file or the new one, never half of one, and a killed writer leaves at most a stray
  ``.NAME.*.tmp`` next to the target;
* an existing target that is not a regular file -- a FIFO, a device node, a socket, a
  symbolic link (even one to a regular file), a directory -- is refused with
  :class:`OutputPathError` and left exactly as it was (replacing ``/dev/null`` or a FIFO a
  user points ``--save-certificate`` at would be a silent, sometimes privileged, overwrite).

Reading back pep's own files (the sweep cache) uses :func:`read_regular_text`, which refuses
the same special files instead of blocking on a FIFO.

>>> import os, tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     path = os.path.join(d, "table.md")
...     write_text_atomic(path, "| N |\\n")
...     os.mkfifo(os.path.join(d, "pipe"))
...     try:
...         write_text_atomic(os.path.join(d, "pipe"), "x")
...     except OutputPathError as exc:
...         print("refused:", "is a FIFO" in str(exc))
...     print(open(path).read(), end="")
refused: True
| N |
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pep.errors import InvalidArgument

__all__ = [
    "OutputPathError",
    "check_output_path",
    "ensure_directory",
    "write_text_atomic",
    "write_bytes_atomic",
    "atomic_output",
    "read_regular_text",
]

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a directory"),
)


class OutputPathError(InvalidArgument):
    """An output (or pep's own cache file) path exists and is not a regular file."""


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_output_path(path: str | os.PathLike[str], action: str = "write") -> Path:
    """``path`` as a Path if it is absent or a regular file (not a symlink); else raise
    :class:`OutputPathError` naming what is there and the fix."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise OutputPathError(f"cannot {action} {str(path)!r}: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise OutputPathError(
            f"refusing to {action} {str(path)!r}: it exists and is {_kind(mode)}, not a regular "
            "file; remove it or choose another path"
        )
    return path


def ensure_directory(path: str | os.PathLike[str]) -> Path:
    """Create directory ``path`` (and parents) if needed; raise :class:`OutputPathError` when
    something other than a directory is in the way."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputPathError(
            f"cannot use {str(path)!r} as a directory: a file of that name exists"
        ) from None
    except OSError as exc:
        raise OutputPathError(f"cannot create directory {str(path)!r}: {exc.strerror}") from None
    return path


def _temporary(directory: Path, name: str) -> tuple[int, Path]:
    """A new file ``directory/.name.XXXX.tmp`` opened for writing (mode 0666 & ~umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = directory / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue
        except OSError as exc:  # e.g. a read-only or foreign directory
            raise OutputPathError(
                f"cannot create a file in {str(directory)!r}: {exc.strerror}"
            ) from None
    raise OutputPathError(f"cannot create a temporary file in {str(directory)!r}")


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *, binary: bool = False) -> Iterator[IO[Any]]:
    """Context manager: a file object whose content replaces ``path`` atomically on success
    (nothing changes if the block raises). ``path`` is checked with :func:`check_output_path`
    before anything is written and again just before the rename."""
    path = check_output_path(path)
    directory = ensure_directory(path.parent)
    fd, tmp = _temporary(directory, path.name)
    try:
        mode, encoding = ("wb", None) if binary else ("w", "utf-8")
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        check_output_path(path)  # a special file may have appeared meanwhile: leave it be
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputPathError(f"cannot write {str(path)!r}: {exc.strerror}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; see the module docstring."""
    with atomic_output(path) as fh:
        fh.write(text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; see the module docstring."""
    with atomic_output(path, binary=True) as fh:
        fh.write(data)


def read_regular_text(path: str | os.PathLike[str], max_bytes: int = 50_000_000) -> str | None:
    """The UTF-8 text of regular file ``path``; None if it does not exist. A special file
    (FIFO, device, symlink, directory) raises :class:`OutputPathError` without blocking;
    unreadable or oversized content, or bytes that are not UTF-8, give None."""
    path = check_output_path(path, "read")
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputPathError(f"cannot read {str(path)!r}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):  # replaced between the check and the open
            raise OutputPathError(f"refusing to read {str(path)!r}: {_kind(info.st_mode)}")
        if info.st_size > max_bytes:
            return None
        try:
            return fh.read(max_bytes + 1).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
