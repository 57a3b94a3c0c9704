"""Contraction of Douglas-Rachford splitting for a cocoercive plus a strongly monotone operator.

PEPit example ``wc_douglas_rachford_splitting_2(beta=1.2, mu=.1, alpha=.3, theta=1.5)``
(monotone inclusions and variational inequalities): find 0 in A(x) + B(x), A beta-cocoercive,
B mu-strongly monotone. x = J_{alpha B}(w), y = J_{alpha A}(2x - w), w+ = w - theta (x - y),
from two starting points. Worst case of ||w_0+ - w_1+||^2 when ||w_0 - w_1|| <= 1; the tight
factor is E. Ryu, A. Taylor, C. Bergeling, P. Giselsson, SIAM J. Optim. 2020, Thm 4.1.
PEPit's value: 0.9145301168 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.9145301167694716  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.9145301172102969  # PEPit 0.5.1 run with Clarabel
PEPIT = "monotone_inclusions_variational_inequalities/douglas_rachford_splitting_2"
SOURCE = "PEPit wc_douglas_rachford_splitting_2(beta=1.2, mu=0.1, alpha=0.3, theta=1.5)"


def build(
    beta: Fraction = Fraction(6, 5),
    mu: Fraction = Fraction(1, 10),
    alpha: Fraction = Fraction(3, 10),
    theta: Fraction = Fraction(3, 2),
) -> pep.Problem:
    problem = pep.Problem()
    A = problem.operator(pep.Cocoercive(beta=beta), name="A")
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
