"""The difference-of-convex algorithm (DCA) on F = f1 - f2.

PEPit example ``wc_difference_of_convex_algorithm(mu1=.15, mu2=.1, L1=2, L2=5, n=5)``: f1, f2
smooth strongly convex; DCA solves x_{t+1} in argmin_x f1(x) - <grad f2(x_t), x> (a shifted
optimization step). F = f1 - f2 is not convex: its "gradient" is the difference of the terms'
records. Worst case of min_t ||grad F(x_t)||^2 when F(x_0) - F_* <= 1, with F_* below the
values along the run as in PEPit; tight value from Abbaszadehpeivasti, de Klerk, Zamani
(JOTA 2024, Thm 3): 0.491131.
PEPit's value: 0.4911306282 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.4911306282045956  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.4911307985773335  # PEPit 0.5.1 run with Clarabel
PEPIT = "nonconvex_optimization/difference_of_convex_algorithm"
SOURCE = "PEPit wc_difference_of_convex_algorithm(mu1=.15, mu2=.1, L1=2., L2=5., n=5)"


def build(
    mu1: Fraction = Fraction(3, 20),
    mu2: Fraction = Fraction(1, 10),
    L1: Fraction = Fraction(2),
    L2: Fraction = Fraction(5),
    n: int = 5,
) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.SmoothStronglyConvex(L=L1, mu=mu1), name="f1")
    f2 = problem.function(pep.SmoothStronglyConvex(L=L2, mu=mu2), name="f2")
    F = f1 - f2
    xs = F.minimizer()  # a stationary point: grad f1 = grad f2
    Fs = F(xs)
    x = problem.point("x0")
    problem.assume(F(x) - Fs <= 1)
    for t in range(n + 1):
        problem.maximize(pep.sqnorm(F.grad(x)))
        problem.assume(Fs <= F(x) - 1 / (2 * (L1 - mu2)) * pep.sqnorm(F.grad(x)))
        if t < n:
            x, _, _ = pep.shifted_optimization_step(f2.grad(x), f1)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
