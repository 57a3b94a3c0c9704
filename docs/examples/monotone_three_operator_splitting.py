"""Contraction of three-operator splitting for monotone, cocoercive and gradient operators.

PEPit example ``wc_three_operator_splitting(L=1, mu=.1, beta=1, alpha=.9, theta=1.3)``
(monotone inclusions and variational inequalities): find 0 in A(x) + B(x) + C(x), A maximally
monotone, B beta-cocoercive, C the gradient of an L-smooth mu-strongly convex function.
x = J_{alpha B}(w), y = J_{alpha A}(2x - w - alpha C(x)), w+ = w - theta (x - y) (D. Davis,
W. Yin, Set-Valued Var. Anal. 2017), from two starting points. Worst case of
||w_0+ - w_1+||^2 when ||w_0 - w_1|| <= 1 (E. Ryu, A. Taylor, C. Bergeling, P. Giselsson,
SIAM J. Optim. 2020). PEPit's value: 0.7796890635 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.7796890635199042  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.7796890019886871  # PEPit 0.5.1 run with Clarabel
PEPIT = "monotone_inclusions_variational_inequalities/three_operator_splitting"
SOURCE = "PEPit wc_three_operator_splitting(L=1, mu=.1, beta=1, alpha=.9, theta=1.3) (monotone inclusions)"


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 10),
    beta: Fraction = Fraction(1),
    alpha: Fraction = Fraction(9, 10),
    theta: Fraction = Fraction(13, 10),
) -> pep.Problem:
    problem = pep.Problem()
    A = problem.operator(pep.Monotone(), name="A")
    B = problem.operator(pep.Cocoercive(beta=beta), name="B")
    C = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name="C")
    w0, w1 = problem.point("w0"), problem.point("w1")
    problem.assume(pep.sqnorm(w0 - w1) <= 1)

    def step(w: pep.Point) -> pep.Point:
        x = pep.resolvent(B, w, alpha)
        y = pep.resolvent(A, 2 * x - w - alpha * C.grad(x), alpha)
        return w - theta * (x - y)

    problem.maximize(pep.sqnorm(step(w0) - step(w1)))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
