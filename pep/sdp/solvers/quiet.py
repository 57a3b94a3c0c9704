"""Solver noise, captured: what a solver writes to the process's stderr becomes one line.

Clarabel is written in Rust; when its PSD step fails it *panics*, and the Rust runtime writes
the panic message and (with ``RUST_BACKTRACE`` set) a 40-frame backtrace straight to file
descriptor 2, below Python's ``sys.stderr``. :func:`captured` points descriptor 2 at a
temporary file for the duration of a solver call and restores it afterwards, whatever
happens; :meth:`Captured.summary` condenses what was written into one line (the panic's
location and message, or the first line of other output), which the solve records in its
attempt (:attr:`pep.Result.attempts`) instead of printing it.

Descriptor 2 is shared by the whole process: another thread writing to stderr during a solve
is captured too (and kept in the summary's character count). Solver calls are not run
concurrently within one process by pep.

>>> with captured() as out:
...     _ = os.write(2, b"thread '<unnamed>' panicked at src/cone.rs:453:35:\\nEigval error\\n")
>>> out.summary()
'panic at src/cone.rs:453:35: Eigval error'
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Captured", "captured"]

_PANIC = re.compile(r"panicked at ([^\s:]+:\d+(?::\d+)?):?\s*\n?(.*)")
_LIMIT = 1 << 16  # bytes of captured output kept (a backtrace is ~10 KB)


@dataclass
class Captured:
    """The text a solver wrote to stderr during :func:`captured`."""

    text: str = ""
    lines: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: the panic (location and message) or the first non-empty line."""
        if not self.text.strip():
            return ""
        m = _PANIC.search(self.text)
        if m is not None:
            panics = self.text.count("panicked at")
            more = f" (and {panics - 1} more)" if panics > 1 else ""
            return f"panic at {m.group(1)}: {m.group(2).strip()}{more}"
        first = next(line.strip() for line in self.text.splitlines() if line.strip())
        return first[:200]


@contextlib.contextmanager
def captured() -> Iterator[Captured]:
    """Redirect file descriptor 2 to a temporary file; restore it on exit (module docstring)."""
    out = Captured()
    with contextlib.suppress(AttributeError, ValueError):  # a closed or replaced sys.stderr
        sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no descriptor 2 at all (some embedded interpreters): nothing to capture
        yield out
        return
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield out
        finally:
            with contextlib.suppress(AttributeError, ValueError):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            out.text = tmp.read(_LIMIT).decode("utf-8", "replace")
            out.lines = out.text.splitlines()
