"""Gradient descent with exact line search on smooth strongly convex functions.

PEPit example ``wc_gradient_exact_line_search(L=1, mu=0.1, n=2)``: the worst case of
f(x_n) - f_* when f(x_0) - f_* <= 1, where each step minimizes f exactly along the gradient.
Tight value ((L - mu)/(L + mu))^(2n) (de Klerk, Glineur, Taylor, Optim. Lett. 2017, Thm 1.2).
The line search is encoded by its optimality conditions, so the result is labelled an upper
bound (the span condition is not encoded); here it is tight.
PEPit's value: 0.4481249692 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.4481249692104364  # PEPit 0.5.1 docstring (MOSEK, dual); closed form (9/11)^4
PEPIT_CLARABEL = 0.4481251003098312  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/gradient_exact_line_search"
SOURCE = "PEPit wc_gradient_exact_line_search(L=1, mu=.1, n=2)"


def build(L: Fraction = Fraction(1), mu: Fraction = Fraction(1, 10), n: int = 2) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(f(x0) - f(xs) <= 1)
    x, g = x0, f.grad(x0)
    for _ in range(n):
        x, g, fx = pep.exact_linesearch_step(x, f, [g])
    problem.maximize(fx - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
