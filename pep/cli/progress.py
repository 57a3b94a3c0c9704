"""Progress output of the ``pep`` command: a bar on a terminal, lines otherwise (logs, CI).

Sweeps (``pep table``) count points with a :mod:`tqdm` bar on a terminal and print one line
per finished point elsewhere. Long single steps (a certification, ``pep prove``'s stages) are
reported by the library through :mod:`logging` (logger ``"pep"``, level INFO, never printed by
the library itself); :func:`stage_lines` shows them on stderr with the elapsed time while a
command runs. ``--quiet`` turns both off.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any, TextIO

__all__ = ["sweep_progress", "stage_lines"]


def _point_line(ev: Any) -> str:
    rec = ev.record
    how = "cached" if ev.cached else f"solved in {rec.get('time', 0):.2f} s"
    value = rec.get("value")
    text = f"{value:.8g}" if value is not None else rec.get("error", "error")
    params = " ".join(f"{k}={v}" for k, v in ev.spec.params)
    return f"{ev.spec.algorithm} N={ev.spec.N} {params}: {text} ({how})"


@contextlib.contextmanager
def sweep_progress(stream: TextIO, total: int) -> Iterator[Callable[[Any], None]]:
    """A callback for :class:`pep.cli.sweep.SweepEvent`: a tqdm bar on a terminal, else lines."""
    if not stream.isatty():

        def line(ev: Any) -> None:
            stream.write(f"[{ev.done}/{ev.total}] {_point_line(ev)}\n")
            stream.flush()

        yield line
        return
    from tqdm import tqdm

    with tqdm(total=total, file=stream, unit="point", dynamic_ncols=True, leave=True) as bar:

        def update(ev: Any) -> None:
            bar.set_postfix_str(_point_line(ev)[:60], refresh=False)
            bar.update(1)

        yield update


class _StageHandler(logging.Handler):
    def __init__(self, stream: TextIO):
        super().__init__(level=logging.INFO)
        self.stream = stream
        self.start = time.perf_counter()

    def emit(self, record: logging.LogRecord) -> None:
        elapsed = time.perf_counter() - self.start
        self.stream.write(f"[{elapsed:7.1f} s] {record.getMessage()}\n")
        self.stream.flush()


@contextlib.contextmanager
def stage_lines(stream: TextIO, enabled: bool = True) -> Iterator[None]:
    """Show the library's INFO messages (its long stages) on ``stream`` while the block runs."""
    if not enabled:
        yield
        return
    logger = logging.getLogger("pep")
    handler = _StageHandler(stream)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
