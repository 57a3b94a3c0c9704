"""Gradient descent with relatively inexact gradients on smooth strongly convex functions.

PEPit example ``wc_inexact_gradient_descent(L=1, mu=.1, epsilon=.1, n=2)`` (unconstrained
convex minimization): x_{t+1} = x_t - gamma d_t with ||d_t - grad f(x_t)|| <= epsilon
||grad f(x_t)|| and gamma = 2/(L_eps + mu_eps), L_eps = (1 + epsilon) L,
mu_eps = (1 - epsilon) mu. Worst case of f(x_n) - f_* when f(x_0) - f_* <= 1; tight value
((L_eps - mu_eps)/(L_eps + mu_eps))^(2n) = (101/119)^4 = 0.5189167 (E. de Klerk, F. Glineur,
A. Taylor, "Worst-case convergence analysis of inexact gradient and Newton methods through
semidefinite programming performance estimation", SIAM J. Optim. 2020, Thm 5.3).
PEPit's value: 0.5189166963 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.5189166963250256  # PEPit 0.5.1 docstring (MOSEK, dual); closed form (101/119)^4
PEPIT_CLARABEL = 0.5189166905682392  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/inexact_gradient_descent"
SOURCE = "PEPit wc_inexact_gradient_descent(L=1, mu=.1, epsilon=.1, n=2)"


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 10),
    epsilon: Fraction = Fraction(1, 10),
    n: int = 2,
) -> pep.Problem:
    gamma = 2 / ((1 + epsilon) * L + (1 - epsilon) * mu)
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(f(x0) - f(xs) <= 1)
    x = x0
    for _ in range(n):
        x = x - gamma * pep.inexact_gradient(x, f, epsilon)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
