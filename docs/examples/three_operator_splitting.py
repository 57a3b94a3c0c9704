"""Contraction factor of Davis-Yin three-operator splitting.

PEPit example ``wc_three_operator_splitting(mu1=.1, L1=10, L3=1, alpha=1, theta=1, n=4)``
(composite convex minimization): minimize f1 + f2 + f3 with f1 L1-smooth mu1-strongly convex,
f2 convex, f3 L3-smooth convex; x_t = prox_{alpha f2}(w_t),
y_t = prox_{alpha f1}(2 x_t - w_t - alpha grad f3(x_t)), w_{t+1} = w_t + theta (y_t - x_t)
(D. Davis, W. Yin, "A three-operator splitting scheme and its optimization applications",
Set-Valued Var. Anal. 2017), run from two starting points. Worst case of ||w_n - w_n'||^2 when
||w_0 - w_0'|| <= 1 (E. Ryu, A. Taylor, C. Bergeling, P. Giselsson, SIAM J. Optim. 2020).
PEPit's value: 0.4754523348 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.4754523347677999  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.4754523275368143  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/three_operator_splitting"
SOURCE = "PEPit wc_three_operator_splitting(mu1=0.1, L1=10, L3=1, alpha=1, theta=1, n=4)"


def build(
    mu1: Fraction = Fraction(1, 10),
    L1: Fraction = Fraction(10),
    L3: Fraction = Fraction(1),
    alpha: Fraction = Fraction(1),
    theta: Fraction = Fraction(1),
    n: int = 4,
) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.SmoothStronglyConvex(L=L1, mu=mu1), name="f1")
    f2 = problem.function(pep.Convex(), name="f2")
    f3 = problem.function(pep.SmoothConvex(L=L3), name="f3")
    w0, w0p = problem.point("w0"), problem.point("w0'")
    problem.assume(pep.sqnorm(w0 - w0p) <= 1)

    def run(w: pep.Point) -> pep.Point:
        for _ in range(n):
            x, _, _ = pep.proximal_step(w, f2, alpha)
            y, _, _ = pep.proximal_step(2 * x - w - alpha * f3.grad(x), f1, alpha)
            w = w + theta * (y - x)
        return w

    problem.maximize(pep.sqnorm(run(w0) - run(w0p)))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
