"""Contraction factor of Douglas-Rachford splitting (smooth strongly convex plus convex).

PEPit example ``wc_douglas_rachford_splitting_contraction(mu=.1, L=1, alpha=3, theta=1, n=2)``
(composite convex minimization): f1 L-smooth mu-strongly convex, f2 convex;
x_t = prox_{alpha f2}(w_t), y_t = prox_{alpha f1}(2 x_t - w_t), w_{t+1} = w_t + theta (y_t - x_t),
run from two starting points w_0, w_0'. Worst case of ||w_n - w_n'||^2 when
||w_0 - w_0'|| <= 1; for theta = 1 the tight factor is
max(1/(1 + mu alpha), alpha L/(1 + alpha L))^(2n) = 0.3164 (P. Giselsson, S. Boyd, IEEE TAC 2017,
Thm 2; E. Ryu, A. Taylor, C. Bergeling, P. Giselsson, SIAM J. Optim. 2020, for the PEP).
PEPit's value: 0.3501278017 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.350127801688298  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.3501278218595927  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/douglas_rachford_splitting_contraction"
SOURCE = "PEPit wc_douglas_rachford_splitting_contraction(mu=.1, L=1, alpha=3, theta=1, n=2)"


def build(
    mu: Fraction = Fraction(1, 10),
    L: Fraction = Fraction(1),
    alpha: Fraction = Fraction(3),
    theta: Fraction = Fraction(1),
    n: int = 2,
) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name="f1")
    f2 = problem.function(pep.Convex(), name="f2")
    w0, w0p = problem.point("w0"), problem.point("w0'")
    problem.assume(pep.sqnorm(w0 - w0p) <= 1)

    def run(w: pep.Point) -> pep.Point:
        for _ in range(n):
            x, _, _ = pep.proximal_step(w, f2, alpha)
            y, _, _ = pep.proximal_step(2 * x - w, f1, alpha)
            w = w + theta * (y - x)
        return w

    problem.maximize(pep.sqnorm(run(w0) - run(w0p)))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
