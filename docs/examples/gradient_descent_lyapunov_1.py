"""A potential function for gradient descent (function values and distance).

PEPit example ``wc_gradient_descent_lyapunov_1(L=1, gamma=1/L, n=10)`` (potential functions):
x_{n+1} = x_n - gamma grad f(x_n) on L-smooth convex f, with
V_n = n (f(x_n) - f_*) + L/2 ||x_n - x_*||^2. Worst case of V_{n+1} - V_n over all x_n (no initial
condition: homogeneous, so 0 or unbounded); it is 0 for gamma = 1/L (N. Bansal, A. Gupta,
"Potential-function proofs for gradient methods", Theory Comput. 2019, Thm 3.3; A. Taylor,
F. Bach, COLT 2019 for the SDP approach). PEPit's value: 0.0 (its docstring, MOSEK dual value).

With a reference value of 0 the comparison is absolute: ``ATOL``.
"""

from fractions import Fraction

import pep

REFERENCE = 0.0  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0
PEPIT_CLARABEL = 0.0  # PEPit 0.5.1 run with Clarabel
PEPIT = "potential_functions/gradient_descent_lyapunov_1"
SOURCE = "PEPit wc_gradient_descent_lyapunov_1(L=1, gamma=1/L, n=10)"
ATOL = 1e-6  # the value is 0: compare absolutely


def build(L: Fraction = Fraction(1), n: int = 10) -> pep.Problem:
    gamma = 1 / L
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, fs = f.minimizer(), f.optimal_value()
    x = problem.point("x_n")
    x_next = x - gamma * f.grad(x)
    before = n * (f(x) - fs) + L / 2 * pep.sqnorm(x - xs)
    after = (n + 1) * (f(x_next) - fs) + L / 2 * pep.sqnorm(x_next - xs)
    problem.maximize(after - before)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.3e}   PEPit: {REFERENCE}   ({result.label})")
