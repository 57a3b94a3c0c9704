"""The record of one conformance case: a PEPit example re-expressed with pep's public API.

Each case names the PEPit example (``wc_<name>`` in PerformanceEstimation/PEPit,
``PEPit/examples/<category>/<name>.py``), the parameters, the reference value and where it
comes from: ``theory`` is the closed form the example's docstring states as tight (its
``theoretical_tau``); ``PEPit docstring`` is the worst-case value printed in the example's
docstring (solved by PEPit with the solver named there); ``PEPit tests`` is a value from
``tests/test_examples.py``. Only facts (formulas, numbers) are taken over; the code is pep's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pep

KNOWN_INACCURATE = (
    "the default solve raises InaccurateSolve although its value is within tolerance "
    "(issue 16 item 1, the default solve)"
)


@dataclass(frozen=True)
class Case:
    """One PEPit example at one parameter point, with its reference value."""

    name: str
    category: str
    params: str
    build: Callable[[], pep.Problem]
    reference: float
    source: str
    rtol: float = 1e-4
    atol: float = 0.0
    slow: bool = False
    # a failure of today's default solve, tracked by issue 16 item 1 ("the default solve"):
    # the case is an xfail for exactly that error, so a wrong value still fails; not strict,
    # since whether the solve reaches the tolerance depends on the machine's BLAS
    known_failure: str = ""

    def accepts(self, value: float) -> bool:
        """``value`` within ``atol + rtol * |reference|`` of the reference."""
        return abs(value - self.reference) <= self.atol + self.rtol * abs(self.reference)
