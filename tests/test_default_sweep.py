"""The default solve on every built-in algorithm (issue 16: "the default solve returns a value on
every built-in algorithm for N = 1..20, with no error; every value is within its reference's
tolerance").

``get(name).setting(N).solve()`` with every default. The reference is the algorithm's registered
rate (REFERENCE.md; each module cites its paper): where the rate is *tight* (the PEP attains it)
the value must be within 1e-6 relative of it, or within the result's own stated error estimate;
where it is only an upper bound, the value must not exceed it. ``scripts/sweep_defaults.py``
prints the same comparison as a table. N = 1, 2, 4 run by default; N = 1..20 is marked slow.
"""

from __future__ import annotations

import pytest

from pep.algorithms import get, names
from pep.errors import InaccurateSolve, NoKnownRate

RTOL = 1e-6

# Rows the default solve cannot yet certify to rtol = 1e-6: linear-rate methods whose value is
# tiny (1e-7 and below) while the Gram matrix and the multipliers are of order 1, so the
# solvers' absolute accuracy (~1e-12 at the tightest Clarabel tolerances) is not 1e-6 relative.
# The error estimate refuses them (InaccurateSolve) instead of printing a loose value.
TINY_VALUE = (
    "linear rate: value below ~1e-7 with data of order 1; the solvers' absolute accuracy is "
    "not 1e-6 relative, and the error estimate refuses the value (issue 16)"
)
KNOWN_REFUSED: dict[str, range] = {}


def check(name: str, N: int) -> None:
    alg = get(name)
    result = alg.setting(N).solve()
    assert result.is_bound
    assert result.relative_error <= result.rtol == RTOL
    try:
        rate = alg.rate(N)
    except NoKnownRate:
        return  # a bound was produced; there is nothing to compare it with
    reference = float(rate.value)
    slack = max(RTOL * abs(reference), result.error_estimate)
    if rate.tight:
        assert abs(result.value - reference) <= slack, (result.value, reference)
    else:  # the rate is an upper bound on the PEP's value
        assert result.value <= reference + slack, (result.value, reference)


def _params(Ns: range | tuple[int, ...]) -> list[object]:
    out: list[object] = []
    for name in names():
        for N in Ns:
            marks = []
            if N in KNOWN_REFUSED.get(name, ()):
                marks.append(
                    pytest.mark.xfail(raises=InaccurateSolve, strict=True, reason=TINY_VALUE)
                )
            out.append(pytest.param(name, N, marks=marks, id=f"{name}-{N}"))
    return out


@pytest.mark.parametrize(("name", "N"), _params((1, 2, 4)))
def test_default_solve_small_N(name: str, N: int) -> None:
    check(name, N)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "N"), _params(tuple(n for n in range(1, 21) if n not in (1, 2, 4)))
)
def test_default_solve_N_up_to_20(name: str, N: int) -> None:
    check(name, N)


def test_tmm_loose_value_is_not_a_bound() -> None:
    # Clarabel at its default tolerances stops at 0.01562496 on TMM N = 4, 2.5e-6 below the
    # tight kappa rho^8 = 1/64 (Van Scoy et al. 2018); an estimate relative to the objective's
    # Gram terms taken without cancellation (size ~1, not 1/64) once accepted it as a bound
    problem = get("tmm").setting(4)
    try:
        result = problem.solve("CLARABEL_DIRECT")
    except InaccurateSolve as exc:
        assert exc.estimate.relative > RTOL
        loose = problem.solve("CLARABEL_DIRECT", accept_inaccurate=True)
        assert abs(loose.value - 1 / 64) <= loose.error_estimate
        return
    assert abs(result.value - 1 / 64) <= RTOL / 64
