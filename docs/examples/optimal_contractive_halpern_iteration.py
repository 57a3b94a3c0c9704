"""The optimal contractive Halpern iteration for a (1/gamma)-contraction.

PEPit example ``wc_optimal_contractive_halpern_iteration(n=10, gamma=1.1)`` (fixed point
problems): T (1/gamma)-Lipschitz, gamma > 1, with fixed point x_*;
x_{t+1} = (1 - 1/phi_{t+1}) T x_t + x_0/phi_{t+1}, phi_k = sum_{i=0}^k gamma^(2i). Worst case of
||x_n - T x_n||^2 when ||x_0 - x_*|| <= 1; tight value
(1 + 1/gamma)^2 (1/sum_{k=0}^n gamma^k)^2 (J. Park, E. K. Ryu, "Exact optimal accelerated
complexity for fixed-point iterations", ICML 2022, Cor. 3.3, Thm 4.1). PEPit's value:
0.0106132680 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.010613267990638164  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.010613242711387685  # PEPit 0.5.1 run with Clarabel
PEPIT = "fixed_point_problems/optimal_contractive_halpern_iteration"
SOURCE = "PEPit wc_optimal_contractive_halpern_iteration(n=10, gamma=1.1)"


def build(n: int = 10, gamma: Fraction = Fraction(11, 10)) -> pep.Problem:
    problem = pep.Problem()
    T = problem.operator(pep.Lipschitz(L=1 / gamma), name="T")
    xs, x0 = T.fixed_point(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for t in range(n):
        phi = sum(gamma ** (2 * i) for i in range(t + 2))
        x = (1 - 1 / phi) * T(x) + x0 / phi
    problem.maximize(pep.sqnorm(x - T(x)))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
