"""One gradient step with a Polyak step size, measured in distance to the optimum.

PEPit example ``wc_polyak_steps_in_distance_to_optimum(L=1, mu=.1, gamma=2/(L + mu))``
(adaptive methods): x_1 = x_0 - gamma grad f(x_0) on L-smooth mu-strongly convex f, where the
step gamma satisfies the Polyak rule gamma ||grad f(x_0)||^2 = 2 (f(x_0) - f_*) (imposed as an
equality constraint). Worst case of ||x_1 - x_*||^2 when ||x_0 - x_*|| <= 1; tight value
(gamma L - 1)(1 - gamma mu)/(gamma (L + mu) - 1) = 81/121 (M. Barré, A. Taylor,
A. d'Aspremont, "Complexity guarantees for Polyak steps with momentum", COLT 2020, Prop. 1).
PEPit's value: 0.6694214877 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.6694214876573941  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 81/121
PEPIT_CLARABEL = 0.6694214881468535  # PEPit 0.5.1 run with Clarabel
PEPIT = "adaptive_methods/polyak_steps_in_distance_to_optimum"
SOURCE = "PEPit wc_polyak_steps_in_distance_to_optimum(L=1, mu=0.1, gamma=2/(L + mu))"


def build(L: Fraction = Fraction(1), mu: Fraction = Fraction(1, 10)) -> pep.Problem:
    gamma = 2 / (L + mu)
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    g0, f0 = f.oracle(x0)
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    problem.assume(gamma * pep.sqnorm(g0) == 2 * (f0 - f(xs)))  # the Polyak rule
    x1 = x0 - gamma * g0
    f.grad(x1)  # x1 is evaluated (its record enters the interpolation conditions, as in PEPit)
    problem.maximize(pep.sqnorm(x1 - xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
