"""Gradient descent on smooth nonconvex functions: the smallest gradient along the run.

PEPit example ``wc_gradient_descent(L=1, gamma=1, n=5)`` (nonconvex optimization): f L-smooth,
possibly nonconvex; x_{t+1} = x_t - gamma grad f(x_t). Worst case of
min_{0 <= t <= n} ||grad f(x_t)||^2 when f(x_0) - f(x_n) <= 1; for gamma <= 1/L the empirically
tight bound is 4L/(3n) (f(x_0) - f(x_n)) = 4/15 (A. Taylor, PhD thesis, UCLouvain 2017, p. 190;
H. Abbaszadehpeivasti, E. de Klerk, M. Zamani, "The exact worst-case convergence rate of the
gradient method with fixed step lengths for L-smooth functions", Optim. Lett. 2022).
PEPit's value: 0.2666666657 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.2666666657156721  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 4/15
PEPIT_CLARABEL = 0.2666666666896785  # PEPit 0.5.1 run with Clarabel
PEPIT = "nonconvex_optimization/gradient_descent"
SOURCE = "PEPit wc_gradient_descent(L=1, gamma=1, n=5) (nonconvex_optimization)"


def build(L: Fraction = Fraction(1), gamma: Fraction = Fraction(1), n: int = 5) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.Smooth(L=L))
    x0 = problem.point("x0")
    x = x0
    for t in range(n + 1):
        g = f.grad(x)
        problem.maximize(pep.sqnorm(g))  # several objectives: the worst case of their minimum
        if t < n:
            x = x - gamma * g
    problem.assume(f(x0) - f(x) <= 1)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
