"""The Krasnoselskii-Mann iteration with a constant step for a nonexpansive map.

PEPit example ``wc_krasnoselskii_mann_constant_step_sizes(n=3, gamma=3/4)`` (fixed point
problems): T 1-Lipschitz with a fixed point x_*; x_{t+1} = (1 - gamma) x_t + gamma T x_t.
Worst case of ||(x_n - T x_n)/2||^2 when ||x_0 - x_*|| <= 1; for 1/2 <= gamma <=
(1 + sqrt(n/(n + 1)))/2 the bound is (n/(n + 1))^n/((n + 1) 4 gamma (1 - gamma)) = 9/64
(F. Lieder, PhD thesis, HHU Düsseldorf 2018, Thm 4.9). PEPit's value: 0.1406249862 (its
docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.14062498615475635  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 9/64
PEPIT_CLARABEL = 0.14062499932591338  # PEPit 0.5.1 run with Clarabel
PEPIT = "fixed_point_problems/krasnoselskii_mann_constant_step_sizes"
SOURCE = "PEPit wc_krasnoselskii_mann_constant_step_sizes(n=3, gamma=3/4)"


def build(n: int = 3, gamma: Fraction = Fraction(3, 4)) -> pep.Problem:
    problem = pep.Problem()
    T = problem.operator(pep.Lipschitz(L=1), name="T")
    xs, x0 = T.fixed_point(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x = (1 - gamma) * x + gamma * T(x)
    problem.maximize(pep.sqnorm((x - T(x)) / 2))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
