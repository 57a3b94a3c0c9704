"""Continuous time: the exponential decrease of f along the gradient flow (strongly convex f).

PEPit example ``wc_gradient_flow_strongly_convex(mu=.1)`` (continuous-time models):
dX/dt = -grad f(X) on mu-strongly convex f, with V(X) = f(X) - f_*. At a time t, X_t is a free
point and dV/dt = <grad f(X_t), dX/dt> = -||grad f(X_t)||^2. Worst case of dV/dt when
V(X_t) = 1 (an equality, as in PEPit); the tight value is -2 mu = -0.2, i.e.
dV/dt <= -2 mu V (D. Scieur, V. Roulet, F. Bach, A. d'Aspremont, NIPS 2017, Prop. 11;
C. Moucer, A. Taylor, F. Bach, SIAM J. Optim. 2023, Thm 2.1). PEPit's value: -0.2000000257
(its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = -0.200000025742216  # PEPit 0.5.1 docstring (MOSEK, dual); closed form -2 mu
PEPIT_CLARABEL = -0.20000005876404658  # PEPit 0.5.1 run with Clarabel
PEPIT = "continuous_time_models/gradient_flow_strongly_convex"
SOURCE = "PEPit wc_gradient_flow_strongly_convex(mu=0.1)"


def build(mu: Fraction = Fraction(1, 10)) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.StronglyConvex(mu=mu))
    fs = f.optimal_value()  # f at its minimizer x_*
    x = problem.point("X_t")
    g, fx = f.oracle(x)
    problem.assume(fx - fs == 1)
    problem.maximize(g @ (-g))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
