"""Contraction of Douglas-Rachford splitting for a Lipschitz monotone plus a strongly monotone
operator.

PEPit example ``wc_douglas_rachford_splitting(L=1, mu=.1, alpha=1.3, theta=.9)`` (monotone
inclusions and variational inequalities): find 0 in A(x) + B(x), A monotone and L-Lipschitz,
B mu-strongly monotone. x = J_{alpha B}(w), y = J_{alpha A}(2x - w), w+ = w - theta (x - y),
from two starting points w_0, w_1. Worst case of ||w_0+ - w_1+||^2 when ||w_0 - w_1|| <= 1;
the tight factor is given in E. Ryu, A. Taylor, C. Bergeling, P. Giselsson, "Operator splitting
performance estimation: tight contraction factors and optimal parameter selection",
SIAM J. Optim. 2020, Thm 4.3 (improving W. Moursi, L. Vandenberghe, JOTA 2019). A monotone
Lipschitz operator is modelled by its two pairwise conditions (PEPit's "cheap" class, an upper
bound; tight here). PEPit's value: 0.9287707057 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.9287707057276714  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.928770695303758  # PEPit 0.5.1 run with Clarabel
PEPIT = "monotone_inclusions_variational_inequalities/douglas_rachford_splitting"
SOURCE = (
    "PEPit wc_douglas_rachford_splitting(L=1, mu=.1, alpha=1.3, theta=.9) (monotone inclusions)"
)


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 10),
    alpha: Fraction = Fraction(13, 10),
    theta: Fraction = Fraction(9, 10),
) -> pep.Problem:
    problem = pep.Problem()
    A = problem.operator(pep.LipschitzMonotone(L=L), name="A")
    B = problem.operator(pep.StronglyMonotone(mu=mu), name="B")
    w0, w1 = problem.point("w0"), problem.point("w1")
    problem.assume(pep.sqnorm(w0 - w1) <= 1)

    def step(w: pep.Point) -> pep.Point:
        x = pep.resolvent(B, w, alpha)
        y = pep.resolvent(A, 2 * x - w, alpha)
        return w - theta * (x - y)

    problem.maximize(pep.sqnorm(step(w0) - step(w1)))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
