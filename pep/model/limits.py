r"""How large a PEP this machine may attempt: the limits behind :class:`pep.errors.ProblemTooLarge`.

A PEP over :math:`n` oracle records has :math:`O(n^2)` interpolation rows and a Gram matrix
of size at least :math:`n`; an interior-point solver's work grows like the sixth power of that
size. Past some horizon nothing finishes, and the useful answer is to say so at once, with
the way forward, instead of a crash or a silent hour. The limits are

* ``memory``: bytes the estimated compile or solve may use; default half of the machine's
  physical memory, or the environment variable ``PEP_MAX_MEMORY`` (``"8G"``, ``"500M"``,
  bytes, or ``"inf"``);
* ``seconds``: the estimated solve time allowed; default one hour, or ``PEP_MAX_SECONDS``
  (``"inf"`` switches the time guard off).

They are read when a guard runs (no module state), so ``PEP_MAX_MEMORY=64G pep run ...`` or
``os.environ["PEP_MAX_SECONDS"] = "inf"`` takes effect at once; functions that take a
``limits=`` argument accept a :class:`SizeLimits` instead (``SizeLimits.unlimited()`` turns
the guard off). Estimates are rough (a factor of two or three), so the defaults leave room.

>>> SizeLimits(memory=parse_bytes("8G"), seconds=60).memory
8589934592.0
>>> check_horizon(10**6, SizeLimits(memory=parse_bytes("8G"), seconds=60))
Traceback (most recent call last):
...
pep.errors.ProblemTooLarge: N=1000000: the PEP has at least 499,999,500,000 interpolation rows ...
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from pep.errors import InvalidArgument, ProblemTooLarge

__all__ = ["SizeLimits", "parse_bytes", "format_bytes", "check_horizon", "BYTES_PER_ROW"]

MEMORY_VARIABLE, SECONDS_VARIABLE = "PEP_MAX_MEMORY", "PEP_MAX_SECONDS"
DEFAULT_SECONDS = 3600.0
# a compiled row costs at least its name (a Python string, ~70 bytes), its constant, its row
# pointer and one Gram entry: a lower bound used before a problem exists (check_horizon)
BYTES_PER_ROW = 100
_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def parse_bytes(text: str) -> float:
    """``"8G"`` -> 8 * 2**30; plain numbers are bytes; ``"inf"`` is no limit."""
    s = str(text).strip().upper().removesuffix("B")
    if s in ("INF", "NONE"):
        return math.inf
    unit = s[-1:] if s[-1:] in _UNITS and s[-1:] else ""
    try:
        value = float(s[: len(s) - len(unit)]) * _UNITS[unit]
    except ValueError:
        value = -1.0
    if not value > 0:
        raise InvalidArgument(f"{MEMORY_VARIABLE}={text!r} must be a size such as 8G, 500M or inf")
    return value


def format_bytes(n: float) -> str:
    """``3.2 GB``, ``450 MB``: the unit that keeps the number readable."""
    if math.isinf(n):
        return "unlimited"
    for unit, size in (("TB", 2**40), ("GB", 2**30), ("MB", 2**20)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n / 2**10:.3g} KB"


def _physical_memory() -> float:
    try:
        return float(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):  # not POSIX: assume a 16 GB machine
        return 16.0 * 2**30


@dataclass(frozen=True)
class SizeLimits:
    """Bytes and seconds an estimated compile or solve may use (see the module docstring)."""

    memory: float
    seconds: float

    def __post_init__(self) -> None:
        for name in ("memory", "seconds"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise InvalidArgument(f"SizeLimits({name}={value!r}): must be a positive number")

    @classmethod
    def from_environment(cls) -> SizeLimits:
        """``PEP_MAX_MEMORY`` / ``PEP_MAX_SECONDS`` if set, else the defaults."""
        mem = os.environ.get(MEMORY_VARIABLE)
        sec = os.environ.get(SECONDS_VARIABLE)
        memory = parse_bytes(mem) if mem else _physical_memory() / 2
        if sec is None or sec.strip() == "":
            seconds = DEFAULT_SECONDS
        elif sec.strip().lower() in ("inf", "none"):
            seconds = math.inf
        else:
            try:
                seconds = float(sec)
            except ValueError:
                seconds = -1.0
            if not seconds > 0:
                raise InvalidArgument(f"{SECONDS_VARIABLE}={sec!r} must be seconds such as 600")
        return cls(memory, seconds)

    @classmethod
    def unlimited(cls) -> SizeLimits:
        return cls(math.inf, math.inf)

    def describe(self) -> str:
        sec = "no time limit" if math.isinf(self.seconds) else f"{self.seconds:.0f} s"
        return (
            f"limits {format_bytes(self.memory)} and {sec}; change them with "
            f"{MEMORY_VARIABLE}=... and {SECONDS_VARIABLE}=..."
        )


def check_horizon(N: int, limits: SizeLimits | None = None) -> None:
    """Refuse a horizon whose PEP could not even be written down within ``limits.memory``.

    An N-step method evaluates at least N points, so its PEP has at least N(N-1)/2
    interpolation rows of at least :data:`BYTES_PER_ROW` bytes each. This is a lower bound
    checked before the model is built (for gradient descent the model alone holds N^2/2
    coefficients: N = 10^4 takes minutes), so it only catches horizons that are hopeless
    for any solver; :func:`pep.sdp.size.check` judges the actual problem.
    """
    limits = limits or SizeLimits.from_environment()
    rows = N * (N - 1) // 2
    need = rows * BYTES_PER_ROW
    if need > limits.memory:
        raise ProblemTooLarge(
            f"N={N}: the PEP has at least {rows:,} interpolation rows (N(N-1)/2), at least "
            f"{format_bytes(need)} to write them down ({limits.describe()}). Instead: the "
            "known rate without a PEP (pep.algorithms.get(name).rate(N)), a closed-form "
            "certificate (pep.certificates.closed_form), or a smaller N"
        )
