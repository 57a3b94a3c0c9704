"""A relatively inexact proximal point algorithm.

PEPit example ``wc_relatively_inexact_proximal_point_algorithm(n=8, gamma=10, sigma=.65)``:
x_{t+1} = x_t - gamma g_{t+1} + e_t with g_{t+1} in df(x_{t+1}) and the error bounded relative
to the step, ||e_t||^2 / 2 <= sigma^2 ||x_{t+1} - x_t||^2 / 2 (inexact_proximal_step with
"PD_gapII"). Worst case of f(x_n) - f_* when ||x_0 - x_*|| <= 1; the bound of Barre, Taylor,
Bach is (1 + sigma) / (4 gamma n^sqrt(1 - sigma^2)) = 0.0084944.
PEPit's value: 0.0076784898 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.00767848978733238  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.007678415492585519  # PEPit 0.5.1 run with Clarabel
PEPIT = "inexact_proximal_methods/relatively_inexact_proximal_point_algorithm"
SOURCE = "PEPit wc_relatively_inexact_proximal_point_algorithm(n=8, gamma=10, sigma=.65)"


def build(
    n: int = 8, gamma: Fraction = Fraction(10), sigma: Fraction = Fraction(13, 20)
) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.Convex())
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x_new, _, fx, _, _, _, eps = pep.inexact_proximal_step(x, f, gamma, opt="PD_gapII")
        problem.assume(eps <= sigma**2 / 2 * pep.sqnorm(x_new - x))
        x = x_new
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
