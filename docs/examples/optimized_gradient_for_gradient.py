"""OGM-G, the optimized gradient method for making the gradient small.

PEPit example ``wc_optimized_gradient_for_gradient(L=3, n=4)`` (unconstrained convex
minimization): with the reversed sequence theta~_n = 1,
theta~_t = (1 + sqrt(4 theta~_{t+1}^2 + 1))/2 for t >= 1 and
theta~_0 = (1 + sqrt(8 theta~_1^2 + 1))/2: y_{t+1} = x_t - grad f(x_t)/L,
x_{t+1} = y_{t+1} + (theta~_t - 1)(2 theta~_{t+1} - 1)/(theta~_t (2 theta~_t - 1)) (y_{t+1} - y_t)
+ (2 theta~_{t+1} - 1)/(2 theta~_t - 1) (y_{t+1} - x_t). Worst case of ||grad f(x_n)||^2 when
f(x_0) - f_* <= 1; tight value 2L/theta~_0^2 = 0.307007 (D. Kim, J. A. Fessler, "Optimizing
the efficiency of first-order methods for decreasing the gradient of smooth convex functions",
J. Optim. Theory Appl. 2021, Thm 6.1). PEPit's value: 0.3070073046 (its docstring, MOSEK).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.30700730461343734  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.3070073079649744  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/optimized_gradient_for_gradient"
SOURCE = "PEPit wc_optimized_gradient_for_gradient(L=3, n=4)"


def build(L: Fraction = Fraction(3), n: int = 4) -> pep.Problem:
    theta = [1.0]  # theta~_n, theta~_{n-1}, ..., theta~_0
    for t in range(n):
        factor = 4 if t < n - 1 else 8
        theta.append((1 + sqrt(factor * theta[-1] ** 2 + 1)) / 2)
    theta.reverse()
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(f(x0) - f(xs) <= 1)
    x, y = x0, x0
    for t in range(n):
        y_prev, y = y, x - f.grad(x) / L
        a = (theta[t] - 1) * (2 * theta[t + 1] - 1) / (theta[t] * (2 * theta[t] - 1))
        b = (2 * theta[t + 1] - 1) / (2 * theta[t] - 1)
        x = y + a * (y - y_prev) + b * (y - x)
    problem.maximize(pep.sqnorm(f.grad(x)))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
