"""The Halpern iteration for a nonexpansive map.

PEPit example ``wc_halpern_iteration(n=25)`` (fixed point problems): T 1-Lipschitz with a fixed
point x_*; x_{t+1} = x_0/(t + 2) + (1 - 1/(t + 2)) T x_t (B. Halpern, Bull. AMS 1967). Worst
case of ||x_n - T x_n||^2 when ||x_0 - x_*|| <= 1; tight value (2/(n + 1))^2 = 1/169
(F. Lieder, "On the convergence rate of the Halpern-iteration", Optim. Lett. 2021, Thm 2.1).
PEPit's value: 0.0059172890 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.005917288963102173  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/169
PEPIT_CLARABEL = 0.005917176830520356  # PEPit 0.5.1 run with Clarabel
PEPIT = "fixed_point_problems/halpern_iteration"
SOURCE = "PEPit wc_halpern_iteration(n=25)"


def build(n: int = 25) -> pep.Problem:
    problem = pep.Problem()
    T = problem.operator(pep.Lipschitz(L=1), name="T")
    xs, x0 = T.fixed_point(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for t in range(n):
        x = Fraction(1, t + 2) * x0 + (1 - Fraction(1, t + 2)) * T(x)
    problem.maximize(pep.sqnorm(x - T(x)))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
