"""One gradient step with a Polyak-type step size, measured in function values.

PEPit example ``wc_polyak_steps_in_function_value(L=1, mu=.1, gamma=2/(L + mu))`` (adaptive
methods): x_1 = x_0 - gamma grad f(x_0) on L-smooth mu-strongly convex f, where gamma satisfies
||grad f(x_0)||^2 = 2 L (2 - L gamma)(f(x_0) - f_*) (imposed as an equality constraint). Worst
case of f(x_1) - f_* when f(x_0) - f_* <= 1; tight value
(gamma L - 1)(L gamma (3 - gamma (L + mu)) - 1) = 81/121 (M. Barré, A. Taylor,
A. d'Aspremont, "Complexity guarantees for Polyak steps with momentum", COLT 2020, Prop. 2).
PEPit's value: 0.6694214229 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.6694214228931324  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 81/121
PEPIT_CLARABEL = 0.6694214418035838  # PEPit 0.5.1 run with Clarabel
PEPIT = "adaptive_methods/polyak_steps_in_function_value"
SOURCE = "PEPit wc_polyak_steps_in_function_value(L=1, mu=0.1, gamma=2/(L + mu))"


def build(L: Fraction = Fraction(1), mu: Fraction = Fraction(1, 10)) -> pep.Problem:
    gamma = 2 / (L + mu)
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    fs, x0 = f.optimal_value(), problem.point("x0")  # f_* = f(x_*)
    g0, f0 = f.oracle(x0)
    problem.assume(f0 - fs <= 1)
    problem.assume(pep.sqnorm(g0) == 2 * L * (2 - L * gamma) * (f0 - fs))  # the step rule
    x1 = x0 - gamma * g0
    problem.maximize(f(x1) - fs)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
