"""The conjugate gradient method (exact line search over all previous directions).

PEPit example ``wc_conjugate_gradient(L=1, n=2)``: the worst case of f(x_n) - f_* over L-smooth
convex functions with ||x_0 - x_*|| <= 1, where x_{t+1} minimizes f over x_t + span of every
gradient and step so far. Its value equals the optimized gradient method's bound
(Drori, Taylor 2020).
PEPit's value: 0.0618942024 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.06189420236651673  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.06189418347500886  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/conjugate_gradient"
SOURCE = "PEPit wc_conjugate_gradient(L=1, n=2)"


def build(L: Fraction = Fraction(1), n: int = 2) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, span = x0, [f.grad(x0)]
    for _ in range(n):
        previous = x
        x, g, fx = pep.exact_linesearch_step(x, f, span)
        span += [g, previous - x]
    problem.maximize(fx - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
