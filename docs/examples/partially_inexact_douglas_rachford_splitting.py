"""Douglas-Rachford splitting with a relatively inexact proximal step on the smooth term.

PEPit example ``wc_partially_inexact_douglas_rachford_splitting(mu=.1, L=5, n=5, gamma=1.4,
sigma=.2)`` (inexact proximal methods): minimize f + g, f L-smooth mu-strongly convex, g
convex. x_t = z_t - gamma (grad f(x_t) - e_t) (an inexact proximal step on f,
``pep.inexact_proximal_step(opt="PD_gapII")``), y_t = prox_{gamma g}(x_t - gamma grad f(x_t)),
z_{t+1} = z_t + y_t - x_t, with ||e_t||^2 <= sigma^2/gamma^2 ||y_t - z_t + gamma grad f(x_t)||^2
(J. Eckstein, W. Yao, Math. Program. 2018). Worst case of ||z_n - z_*||^2 when
||z_0 - z_*|| <= 1, z_* = x_* + gamma grad f(x_*); tight value
max((1 - sigma + gamma mu sigma)/(1 - sigma + gamma mu),
(sigma + (1 - sigma) gamma L)/(1 + (1 - sigma) gamma L))^(2n) (M. Barré, A. Taylor, F. Bach,
"Principled analyses and design of first-order methods with inexact proximal operators",
Math. Program. 2023, Thm 5.1). PEPit's value: 0.2812061651 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.28120616509970037  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.28120618503331113  # PEPit 0.5.1 run with Clarabel
PEPIT = "inexact_proximal_methods/partially_inexact_douglas_rachford_splitting"
SOURCE = (
    "PEPit wc_partially_inexact_douglas_rachford_splitting(mu=.1, L=5, n=5, gamma=1.4, sigma=.2)"
)


def build(
    mu: Fraction = Fraction(1, 10),
    L: Fraction = Fraction(5),
    n: int = 5,
    gamma: Fraction = Fraction(7, 5),
    sigma: Fraction = Fraction(1, 5),
) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name="f")
    g = problem.function(pep.Convex(), name="g")
    xs = (f + g).minimizer()
    zs = xs + gamma * f.grad(xs)
    z0 = problem.point("z0")
    problem.assume(pep.sqnorm(z0 - zs) <= 1)
    z = z0
    for _ in range(n):
        x, dfx, _, _, _, _, eps = pep.inexact_proximal_step(z, f, gamma, opt="PD_gapII")
        y, _, _ = pep.proximal_step(x - gamma * dfx, g, gamma)
        problem.assume(eps <= sigma**2 / 2 * pep.sqnorm(y - z + gamma * dfx))
        z = z + y - x
    problem.maximize(pep.sqnorm(z - zs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
