"""Continuous time: the decrease rate of a Lyapunov function of the accelerated gradient flow
on strongly convex functions.

PEPit example ``wc_accelerated_gradient_flow_strongly_convex(mu=.1, psd=True)``
(continuous-time models): X'' + 2 sqrt(mu) X' + grad f(X) = 0 on mu-strongly convex f, with
V(X, X') = f(X) - f_* + ||sqrt(mu)(X - x_*) + X'||^2/2. Position X_t and velocity X'_t are free
points, X''_t = -2 sqrt(mu) X'_t - grad f(X_t), and
dV/dt = <grad f(X_t), X'_t> + <sqrt(mu)(X_t - x_*) + X'_t, sqrt(mu) X'_t + X''_t>. Worst case of
dV/dt when V = 1 (an equality); the tight value is -sqrt(mu) = -0.316228 (A. C. Wilson,
B. Recht, M. I. Jordan, JMLR 2021, App. B; J. M. Sanz-Serna, K. C. Zygalakis, SIAM J. Numer.
Anal. 2021, Thm 4.3; C. Moucer, A. Taylor, F. Bach, SIAM J. Optim. 2023). PEPit's value:
-0.3162277758 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = -0.3162277757899436  # PEPit 0.5.1 docstring (MOSEK, dual); closed form -sqrt(0.1)
PEPIT_CLARABEL = -0.31622777300346866  # PEPit 0.5.1 run with Clarabel
PEPIT = "continuous_time_models/accelerated_gradient_flow_strongly_convex"
SOURCE = "PEPit wc_accelerated_gradient_flow_strongly_convex(mu=0.1, psd=True)"


def build(mu: Fraction = Fraction(1, 10)) -> pep.Problem:
    r = sqrt(mu)
    problem = pep.Problem()
    f = problem.function(pep.StronglyConvex(mu=mu))
    xs, fs = f.minimizer(), f.optimal_value()
    x, v = problem.point("X_t"), problem.point("dX_t")
    g, fx = f.oracle(x)
    a = -2 * r * v - g  # the acceleration X''_t
    e = r * (x - xs) + v
    problem.assume(fx - fs + pep.sqnorm(e) / 2 == 1)
    problem.maximize(g @ v + e @ (r * v + a))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
