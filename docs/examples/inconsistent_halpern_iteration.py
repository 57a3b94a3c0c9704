"""The Halpern iteration for a possibly inconsistent nonexpansive map.

PEPit example ``wc_inconsistent_halpern_iteration(n=25)``: T nonexpansive, possibly without a
fixed point; v is its infimal displacement vector (the smallest x - T x), attained at x_*:
T(x_*) = x_* - v. Steps x_{t+1} = x_0/(t + 2) + (1 - 1/(t + 2)) T x_t. Worst case of
||x_n - T x_n - v||^2 when ||x_0 - x_*|| <= 1; Park and Ryu (ICML 2023, Thm 8) bound it by
((sqrt(H_n + 12) + 1)/(n + 1))^2 = 0.0366417.

Tolerance 3%: the supremum is not attained. Nothing bounds ||v||, and the worst case grows
towards its supremum as ||v|| -> infinity (at n = 2, adding ||v||^2 <= B gives 1.0206, 1.3516,
1.4516 for B = 1, 10, 10^4), so interior-point solvers stop at different points of an unbounded
face: PEPit 0.5.1 prints 0.026788 with MOSEK, and gives 0.015011 when run with Clarabel;
no solver reaches the default rtol = 1e-6 there (its error estimate stays at 1e-4 to 1e-2:
``SOLVE`` asks for rtol = 1e-2, the accuracy the comparison needs; pep gives 0.02682). The
value is a numerical estimate of the supremum, not a certified bound.
PEPit's value: 0.0267876306 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.026787630626896923  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.015011209460126252  # PEPit 0.5.1 run with Clarabel
PEPIT = "fixed_point_problems/inconsistent_halpern_iteration"
RTOL = 3e-2  # see the docstring: the supremum is approached as ||v|| grows, not attained
NOTE = "supremum not attained (it grows as ||v|| -> infinity): solvers stop at different points of an unbounded face; PEPit itself gives 0.026788 (MOSEK) and 0.015011 (Clarabel)"
SOURCE = "PEPit wc_inconsistent_halpern_iteration(n=25)"
SOLVE = {"rtol": 1e-2}  # see the docstring: no solver reaches 1e-6 on an unattained supremum


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
    result = build().solve(**SOLVE)
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
