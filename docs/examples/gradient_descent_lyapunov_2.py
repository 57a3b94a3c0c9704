"""A potential function for gradient descent (with the gradient norm).

PEPit example ``wc_gradient_descent_lyapunov_2(L=1, gamma=1/L, n=10)`` (potential functions):
x_{n+1} = x_n - gamma grad f(x_n) on L-smooth convex f, with
V_n = (2n + 1) L (f(x_n) - f_*) + n (n + 2) ||grad f(x_n)||^2 + L^2 ||x_n - x_*||^2. Worst case of
V_{n+1} - V_n over all x_n (homogeneous, so 0 or unbounded); it is 0 for gamma = 1/L
(A. Taylor, F. Bach, "Stochastic first-order methods: non-asymptotic and computer-aided
analyses via potential functions", COLT 2019, Thm 3). PEPit's value: 0.0 (its docstring,
MOSEK dual value).

With a reference value of 0 the comparison is absolute: ``ATOL``.
"""

from fractions import Fraction

import pep

REFERENCE = 0.0  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0
PEPIT_CLARABEL = 0.0  # PEPit 0.5.1 run with Clarabel
PEPIT = "potential_functions/gradient_descent_lyapunov_2"
SOURCE = "PEPit wc_gradient_descent_lyapunov_2(L=1, gamma=1/L, n=10)"
ATOL = 1e-6  # the value is 0: compare absolutely


def build(L: Fraction = Fraction(1), n: int = 10) -> pep.Problem:
    gamma = 1 / L
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, fs = f.minimizer(), f.optimal_value()
    x = problem.point("x_n")
    g = f.grad(x)
    x_next = x - gamma * g
    g_next = f.grad(x_next)

    def potential(k: int, y: pep.Point, gy: pep.Point) -> pep.Scalar:
        return (
            (2 * k + 1) * L * (f(y) - fs) + k * (k + 2) * pep.sqnorm(gy) + L**2 * pep.sqnorm(y - xs)
        )

    problem.maximize(potential(n + 1, x_next, g_next) - potential(n, x, g))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.3e}   PEPit: {REFERENCE}   ({result.label})")
