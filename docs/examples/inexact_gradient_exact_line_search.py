"""Exact line search along relatively inexact gradients on smooth strongly convex functions.

PEPit example ``wc_inexact_gradient_exact_line_search(L=1, mu=.1, epsilon=.1, n=2)``
(unconstrained convex minimization): x_{t+1} = argmin_{gamma} f(x_t - gamma d_t) with
||d_t - grad f(x_t)|| <= epsilon ||grad f(x_t)||. Worst case of f(x_n) - f_* when
f(x_0) - f_* <= 1; tight value ((L_eps - mu_eps)/(L_eps + mu_eps))^(2n) = 0.5189167 with
L_eps = (1 + epsilon) L, mu_eps = (1 - epsilon) mu (E. de Klerk, F. Glineur, A. Taylor,
"On the worst-case complexity of the gradient method with exact line search for smooth
strongly convex functions", Optim. Lett. 2017, Thm 5.1). The line search is encoded by its
optimality conditions (a relaxation, as in PEPit). PEPit's value: 0.5189166454 (its
docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.5189166453888967  # PEPit 0.5.1 docstring (MOSEK, dual); closed form (101/119)^4
PEPIT_CLARABEL = 0.518916622009384  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/inexact_gradient_exact_line_search"
SOURCE = "PEPit wc_inexact_gradient_exact_line_search(L=1, mu=0.1, epsilon=0.1, n=2)"


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 10),
    epsilon: Fraction = Fraction(1, 10),
    n: int = 2,
) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(f(x0) - f(xs) <= 1)
    x = x0
    for _ in range(n):
        d = pep.inexact_gradient(x, f, epsilon)
        x, _, fx = pep.exact_linesearch_step(x, f, [d])
    problem.maximize(fx - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
