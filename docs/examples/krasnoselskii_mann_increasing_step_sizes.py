"""The Krasnoselskii-Mann iteration with increasing steps for a nonexpansive map.

PEPit example ``wc_krasnoselskii_mann_increasing_step_sizes(n=3)`` (fixed point problems):
T 1-Lipschitz with a fixed point x_*; x_{t+1} = x_t/(t + 2) + (1 - 1/(t + 2)) T x_t. Worst case
of ||(x_n - T x_n)/2||^2 when ||x_0 - x_*|| <= 1 (first studied with PEPs in F. Lieder, PhD
thesis, HHU Düsseldorf 2018). PEPit's value: 0.1196337105 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.11963371048428803  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.11963371139113063  # PEPit 0.5.1 run with Clarabel
PEPIT = "fixed_point_problems/krasnoselskii_mann_increasing_step_sizes"
SOURCE = "PEPit wc_krasnoselskii_mann_increasing_step_sizes(n=3)"


def build(n: int = 3) -> pep.Problem:
    problem = pep.Problem()
    T = problem.operator(pep.Lipschitz(L=1), name="T")
    xs, x0 = T.fixed_point(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for t in range(n):
        x = Fraction(1, t + 2) * x + (1 - Fraction(1, t + 2)) * T(x)
    problem.maximize(pep.sqnorm((x - T(x)) / 2))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
