"""PEPit's momentum and accelerated examples of ``unconstrained_convex_minimization`` (and the
``tutorials`` contraction example) with pep's public API."""

from __future__ import annotations

from math import sqrt

from casebase import Case
from cases_unconstrained import CATEGORY, _start

import pep


def accelerated_gradient_strongly_convex(mu: float = 0.1, L: float = 1, n: int = 2) -> pep.Problem:
    problem, f, x0, xs = _start(pep.SmoothStronglyConvex(L=L, mu=mu))
    problem.assume(f(x0) - f(xs) + mu / 2 * pep.sqnorm(x0 - xs) <= 1)
    beta = (1 - sqrt(mu / L)) / (1 + sqrt(mu / L))
    x_prev, x = x0, x0
    for _ in range(n):
        y = x + beta * (x - x_prev)
        x_prev, x = x, y - (1 / L) * f.grad(y)
    problem.maximize(f(x) - f(xs))
    return problem


def _triple_momentum_parameters(mu: float, L: float) -> tuple[float, ...]:
    rho = 1 - 1 / sqrt(L / mu)
    return (
        rho,
        (1 + rho) / L,
        rho**2 / (2 - rho),
        rho**2 / ((1 + rho) * (2 - rho)),
        rho**2 / (1 - rho**2),
    )


def triple_momentum(mu: float = 0.1, L: float = 1, n: int = 4) -> pep.Problem:
    """Van Scoy, Freeman, Lynch 2018; xi_0 = xi_1 = y = x_0, output x = (1+delta) xi - delta xi_prev."""
    problem, f, x0, xs = _start(pep.SmoothStronglyConvex(L=L, mu=mu))
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    _, alpha, beta, gamma, delta = _triple_momentum_parameters(mu, L)
    xi_prev, xi, y, x = x0, x0, x0, x0
    for _ in range(n):
        xi_new = (1 + beta) * xi - beta * xi_prev - alpha * f.grad(y)
        y = (1 + gamma) * xi_new - gamma * xi
        x = (1 + delta) * xi_new - delta * xi
        xi_prev, xi = xi, xi_new
    problem.maximize(f(x) - f(xs))
    return problem


def robust_momentum(mu: float = 0.1, L: float = 1, lam: float = 0.2) -> pep.Problem:
    """One step of the robust momentum method (Cyrus, Hu, Van Scoy, Lessard 2018) on its
    Lyapunov function V = l ||z - x*||^2 + q, from two free points x_{-1}, x_0."""
    problem, f, xm, xs = _start(pep.SmoothStronglyConvex(L=L, mu=mu))
    x0 = problem.point("x1")
    kappa = L / mu
    rho = lam * (1 - 1 / kappa) + (1 - lam) * (1 - 1 / sqrt(kappa))
    alpha = kappa * (1 - rho) ** 2 * (1 + rho) / L
    beta = kappa * rho**3 / (kappa - 1)
    gamma = rho**3 / ((kappa - 1) * (1 - rho) ** 2 * (1 + rho))
    ell = mu**2 * (kappa - kappa * rho**2 - 1) / (2 * rho * (1 - rho))

    def lyapunov(x_prev: pep.Point, x: pep.Point) -> tuple[pep.Scalar, pep.Point]:
        y = x + gamma * (x - x_prev)
        g = f.grad(y)
        x_next = x + beta * (x - x_prev) - alpha * g
        z = (x_next - rho**2 * x) / (1 - rho**2)
        q = (L - mu) * (f(y) - f(xs) - mu / 2 * pep.sqnorm(y - xs)) - pep.sqnorm(
            g - mu * (y - xs)
        ) / 2
        return ell * pep.sqnorm(z - xs) + q, x_next

    v0, x1 = lyapunov(xm, x0)
    v1, _ = lyapunov(x0, x1)
    problem.assume(v0 <= 1)
    problem.maximize(v1)
    return problem


def heavy_ball_momentum(mu: float = 0.1, L: float = 1, n: int = 2) -> pep.Problem:
    problem, f, x0, xs = _start(pep.SmoothStronglyConvex(L=L, mu=mu))
    problem.assume(f(x0) - f(xs) <= 1)
    alpha = 1 / (2 * L)
    beta = sqrt((1 - alpha * mu) * (1 - L * alpha))
    x_prev, x = x0, x0
    for _ in range(n):
        x_prev, x = x, x - alpha * f.grad(x) + beta * (x - x_prev)
    problem.maximize(f(x) - f(xs))
    return problem


def accelerated_proximal_point(A0: float = 5, n: int = 3) -> pep.Problem:
    """Güler's fast proximal point with steps gamma_t = (t + 1)/1.1."""
    problem, f, x0, xs = _start(pep.Convex())
    problem.assume(f(x0) - f(xs) + A0 / 2 * pep.sqnorm(x0 - xs) <= 1)
    x, v, A, fx = x0, x0, A0, None
    for t in range(n):
        gamma = (t + 1) / 1.1
        alpha = (sqrt((A * gamma) ** 2 + 4 * A * gamma) - A * gamma) / 2
        y = (1 - alpha) * x + alpha * v
        x, _, fx = pep.proximal_step(y, f, gamma)
        v = v + (1 / alpha) * (x - y)
        A = (1 - alpha) * A
    problem.maximize(fx - f(xs))
    return problem


def gradient_descent_contraction(L: float = 1, mu: float = 0.1, n: int = 1) -> pep.Problem:
    """Two gradient descents (step 1/L) on the same f, from two free points (tutorial)."""
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    x, y = problem.point("x0"), problem.point("y0")
    problem.assume(pep.sqnorm(x - y) <= 1)
    for _ in range(n):
        x, y = x - (1 / L) * f.grad(x), y - (1 / L) * f.grad(y)
    problem.maximize(pep.sqnorm(x - y))
    return problem


def _robust_rho(mu: float, L: float, lam: float) -> float:
    kappa = L / mu
    return lam * (1 - 1 / kappa) + (1 - lam) * (1 - 1 / sqrt(kappa))


C = CATEGORY
CASES = [
    Case(
        "accelerated_gradient_strongly_convex",
        C,
        "mu=0.1, L=1, n=2",
        accelerated_gradient_strongly_convex,
        0.347586,
        "PEPit docstring (SCS), 6 digits",
        rtol=1e-3,
    ),
    Case(
        "triple_momentum",
        C,
        "mu=0.1, L=1, n=4",
        triple_momentum,
        _triple_momentum_parameters(0.1, 1)[0] ** 8 * 10 / 2,
        "theory rho^(2n) L kappa/2 = PEPit docstring 0.238925 (MOSEK)",
    ),
    Case(
        "robust_momentum",
        C,
        "mu=0.1, L=1, lam=0.2",
        robust_momentum,
        _robust_rho(0.1, 1, 0.2) ** 2,
        "theory rho^2 = PEPit docstring 0.528555 (MOSEK)",
    ),
    Case(
        "heavy_ball_momentum",
        C,
        "mu=0.1, L=1, alpha=1/(2L), beta=sqrt((1-alpha mu)(1-L alpha)), n=2",
        heavy_ball_momentum,
        0.753493,
        "PEPit docstring (MOSEK), 6 digits",
    ),
    Case(
        "accelerated_proximal_point",
        C,
        "A0=5, gammas=[(i+1)/1.1], n=3",
        accelerated_proximal_point,
        0.0159311,
        "PEPit docstring (SCS), 6 digits",
        rtol=2e-3,
    ),
    Case(
        "gradient_descent_contraction (tutorials)",
        "tutorials",
        "L=1, mu=0.1, gamma=1/L, n=1",
        gradient_descent_contraction,
        0.81,
        "theory max(|1-L gamma|, |1-mu gamma|)^(2n), tight",
    ),
]
