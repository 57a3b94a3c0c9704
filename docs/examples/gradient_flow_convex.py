"""Continuous time: a Lyapunov function for the gradient flow on convex functions.

PEPit example ``wc_gradient_flow_convex(t=2.5)`` (continuous-time models): dX/dt = -grad f(X)
on convex f, with V(X, t) = t (f(X) - f_*) + ||X - x_*||^2/2. At a time t, X_t is a free
point and its velocity is -grad f(X_t), so
dV/dt = f(X_t) - f_* + t <grad f(X_t), dX/dt> + <X_t - x_*, dX/dt>. Worst case of dV/dt (no
initial condition: homogeneous, so 0 or unbounded); it is 0, hence
f(X_T) - f_* <= ||x_0 - x_*||^2/(2T) (W. Su, S. Boyd, E. J. Candès, JMLR 2016, p. 7;
C. Moucer, A. Taylor, F. Bach, "A systematic approach to Lyapunov analyses of continuous-time
models in convex optimization", SIAM J. Optim. 2023, Thm 2.3). PEPit's value: 0.0 (its
docstring, MOSEK dual value).

With a reference value of 0 the comparison is absolute: ``ATOL``.
"""

from fractions import Fraction

import pep

REFERENCE = 0.0  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0
PEPIT_CLARABEL = 0.0  # PEPit 0.5.1 run with Clarabel
PEPIT = "continuous_time_models/gradient_flow_convex"
SOURCE = "PEPit wc_gradient_flow_convex(t=2.5)"
ATOL = 1e-6  # the value is 0: compare absolutely


def build(t: Fraction = Fraction(5, 2)) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.Convex())
    xs, fs = f.minimizer(), f.optimal_value()
    x = problem.point("X_t")
    g, fx = f.oracle(x)
    velocity = -g
    problem.maximize(fx - fs + t * (g @ velocity) + (x - xs) @ velocity)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.3e}   PEPit: {REFERENCE}   ({result.label})")
