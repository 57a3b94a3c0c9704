"""The optimal proximal point method for a strongly monotone operator (OS-PPM).

PEPit example ``wc_optimal_strongly_monotone_proximal_point(n=10, mu=.05)`` (monotone
inclusions and variational inequalities): A maximally mu-strongly monotone; with
phi_k = sum_{i=0}^k (1 + 2 mu)^(2i), phi_{-1} = 0 and x_0 = y_0 = y_{-1}:
x_{t+1} = J_A(y_t), y_{t+1} = x_{t+1} + (phi_t - 1)/phi_{t+1} (x_{t+1} - x_t)
- 2 mu phi_t/phi_{t+1} (y_t - x_{t+1}) + (1 + 2 mu) phi_{t-1}/phi_{t+1} (y_{t-1} - x_t).
Worst case of ||y_{n-1} - x_n||^2 (the resolvent residual) when ||x_0 - x_*|| <= 1; tight value
(1/sum_{k=0}^{n-1} (1 + 2 mu)^k)^2 (J. Park, E. K. Ryu, "Exact optimal accelerated complexity
for fixed-point iterations", ICML 2022, Thm 3.2, Cor. 4.2). PEPit's value: 0.0039369906 (its
docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.0039369906212799455  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.003936987522574534  # PEPit 0.5.1 run with Clarabel
PEPIT = "monotone_inclusions_variational_inequalities/optimal_strongly_monotone_proximal_point"
SOURCE = "PEPit wc_optimal_strongly_monotone_proximal_point(n=10, mu=0.05)"


def build(n: int = 10, mu: Fraction = Fraction(1, 20)) -> pep.Problem:
    def phi(k: int) -> Fraction:
        return sum((Fraction(1) + 2 * mu) ** (2 * i) for i in range(k + 1))  # phi(-1) = 0

    problem = pep.Problem()
    A = problem.operator(pep.StronglyMonotone(mu=mu), name="A")
    xs, x0 = A.zero(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y, y_prev = x0, x0, x0
    for t in range(n):
        x_new = pep.resolvent(A, y, 1)
        y_new = (
            x_new
            + (phi(t) - 1) / phi(t + 1) * (x_new - x)
            - 2 * mu * phi(t) / phi(t + 1) * (y - x_new)
            + (1 + 2 * mu) * phi(t - 1) / phi(t + 1) * (y_prev - x)
        )
        x, y_prev, y = x_new, y, y_new
    problem.maximize(pep.sqnorm(y_prev - x))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
