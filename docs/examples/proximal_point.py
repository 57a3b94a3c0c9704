"""The proximal point method on (possibly nonsmooth) convex functions.

PEPit example ``wc_proximal_point(gamma=3, n=4)`` (unconstrained convex minimization):
x_{t+1} = prox_{gamma f}(x_t) = argmin_x f(x) + ||x - x_t||^2/(2 gamma). Worst case of
f(x_n) - f_* when ||x_0 - x_*|| <= 1; tight value 1/(4 gamma n) = 1/48 (A. Taylor,
J. Hendrickx, F. Glineur, "Exact worst-case performance of first-order methods for composite
convex optimization", SIAM J. Optim. 2017, Thm 4.1). PEPit's value: 0.0208333371 (its
docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.020833337068521363  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/48
PEPIT_CLARABEL = 0.020833337193880874  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/proximal_point"
SOURCE = "PEPit wc_proximal_point(gamma=3, n=4)"


def build(gamma: Fraction = Fraction(3), n: int = 4) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.Convex())
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x, _, fx = pep.proximal_step(x, f, gamma)
    problem.maximize(fx - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
