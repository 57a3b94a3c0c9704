"""The accelerated Douglas-Rachford splitting of Patrinos, Stella and Bemporad.

PEPit example ``wc_accelerated_douglas_rachford_splitting(mu=.1, L=1, alpha=.9, n=2)``
(composite convex minimization): minimize F = f1 + f2, f1 convex, f2 L-smooth mu-strongly
convex. x_t = prox_{alpha f2}(u_t), y_t = prox_{alpha f1}(2 x_t - u_t),
w_{t+1} = u_t + theta (y_t - x_t), u_{t+1} = w_{t+1} + (t - 1)/(t + 2) (w_{t+1} - w_t) for t >= 1
(u_1 = w_1), theta = (1 - alpha L)/(1 + alpha L). Worst case of F(y_{n-1}) - F_* when
||w_0 - w_*|| <= 1, w_* = x_* + alpha grad f2(x_*). For quadratics, P. Patrinos, L. Stella,
A. Bemporad, "Douglas-Rachford splitting: complexity estimates and accelerated variants",
CDC 2014, Thm 5, bound 2/(alpha theta (n + 3)^2). PEPit's value: 0.1929148267 (its docstring,
MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.19291482672193344  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.19291481839341718  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/accelerated_douglas_rachford_splitting"
SOURCE = "PEPit wc_accelerated_douglas_rachford_splitting(mu=.1, L=1, alpha=.9, n=2)"


def build(
    mu: Fraction = Fraction(1, 10),
    L: Fraction = Fraction(1),
    alpha: Fraction = Fraction(9, 10),
    n: int = 2,
) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.Convex(), name="f1")
    f2 = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name="f2")
    F = f1 + f2
    xs = F.minimizer()
    w0 = problem.point("w0")
    problem.assume(pep.sqnorm(w0 - (xs + alpha * f2.grad(xs))) <= 1)
    theta = (1 - alpha * L) / (1 + alpha * L)
    u, w = w0, w0
    for t in range(n):
        x, _, _ = pep.proximal_step(u, f2, alpha)
        y, _, f1y = pep.proximal_step(2 * x - u, f1, alpha)
        w_prev, w = w, u + theta * (y - x)
        u = w + Fraction(t - 1, t + 2) * (w - w_prev) if t >= 1 else w
    problem.maximize(f2(y) + f1y - F(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
