"""The Halpern iteration for a possibly inconsistent nonexpansive map.

PEPit example ``wc_inconsistent_halpern_iteration(n=25)``: T nonexpansive, possibly without a
fixed point; v is its infimal displacement vector (the smallest x - T x), attained at x_*:
T(x_*) = x_* - v. Steps x_{t+1} = x_0/(t + 2) + (1 - 1/(t + 2)) T x_t. Worst case of
||x_n - T x_n - v||^2 when ||x_0 - x_*|| <= 1; Park and Ryu (ICML 2023, Thm 8) bound it by
((sqrt(H_n + 12) + 1)/(n + 1))^2 = 0.0366417.

Tolerance 3%: the supremum is not attained. Nothing bounds ||v||, and the worst case grows
towards its supremum as ||v|| -> infinity (at n = 2, adding ||v||^2 <= B gives 1.0206, 1.3516,
1.4516 for B = 1, 10, 10^4), so interior-point solvers stop at different points of an unbounded
face: PEPit's own formulation gives 0.026789 with MOSEK and 0.026004 with Clarabel; pep gives
0.02651. The value is a numerical estimate of the supremum, not a certified bound.
"""

from fractions import Fraction

import pep

REFERENCE = 0.02678881575052497  # PEPit's dual value (MOSEK; relative duality gap 1.2e-6)
RTOL = 3e-2  # see the docstring: the supremum is approached as ||v|| grows, not attained
SOURCE = "PEPit wc_inconsistent_halpern_iteration(n=25)"


def build(n: int = 25) -> pep.Problem:
    problem = pep.Problem()
    v = problem.point("v")
    T = problem.operator(pep.Nonexpansive(v=v), name="T")
    xs = problem.point("x*")
    T.record(xs, xs - v)  # v = x_* - T x_* is attained at x_*
    x0 = problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for t in range(n):
        x = Fraction(1, t + 2) * x0 + (1 - Fraction(1, t + 2)) * T(x)
    problem.maximize(pep.sqnorm(x - T(x) - v))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.6f}   PEPit: {REFERENCE:.6f}   ({result.label})")
