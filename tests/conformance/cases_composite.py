"""PEPit's ``composite_convex_minimization`` examples with pep's public API."""

from __future__ import annotations

from casebase import Case

import pep

CATEGORY = "composite_convex_minimization"


def proximal_gradient(L: float = 1, mu: float = 0.1, gamma: float = 1, n: int = 2) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name="f1")
    f2 = problem.function(pep.Convex(), name="f2")
    x0, xs = problem.point("x0"), (f1 + f2).minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x, _, _ = pep.proximal_step(x - gamma * f1.grad(x), f2, gamma)
    problem.maximize(pep.sqnorm(x - xs))
    return problem


def accelerated_proximal_gradient(L: float = 1, n: int = 4) -> pep.Problem:
    """FISTA-type method: prox-gradient step from y_t, y_{t+1} = x_{t+1} + t/(t+3)(x_{t+1}-x_t)."""
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L), name="f")
    h = problem.function(pep.Convex(), name="h")
    F = f + h
    x0, xs = problem.point("x0"), F.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y, hx = x0, x0, None
    for t in range(n):
        x_new, _, hx = pep.proximal_step(y - (1 / L) * f.grad(y), h, 1 / L)
        x, y = x_new, x_new + t / (t + 3) * (x_new - x)
    problem.maximize(f(x) + hx - F(xs))
    return problem


def douglas_rachford_splitting(
    L: float = 1, alpha: float = 1, theta: float = 1, n: int = 9
) -> pep.Problem:
    """x_t = prox_{alpha f2}(w_t), y_t = prox_{alpha f1}(2 x_t - w_t), w_{t+1} = w_t + theta (y_t - x_t);
    f1 convex, f2 L-smooth convex; the initial condition is on x_0."""
    problem = pep.Problem()
    f1 = problem.function(pep.Convex(), name="f1")
    f2 = problem.function(pep.SmoothConvex(L=L), name="f2")
    xs = (f1 + f2).minimizer()
    w = problem.point("w0")
    first, y, fy = None, None, None
    for _ in range(n):
        x, _, _ = pep.proximal_step(w, f2, alpha)
        first = first if first is not None else x
        y, _, fy = pep.proximal_step(2 * x - w, f1, alpha)
        w = w + theta * (y - x)
    problem.assume(pep.sqnorm(first - xs) <= 1)
    problem.maximize(f2(y) + fy - (f1 + f2)(xs))
    return problem


def douglas_rachford_splitting_contraction(
    mu: float = 0.1, L: float = 1, alpha: float = 3, theta: float = 1, n: int = 2
) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name="f1")
    f2 = problem.function(pep.Convex(), name="f2")
    w, wp = problem.point("w0"), problem.point("w0p")
    problem.assume(pep.sqnorm(w - wp) <= 1)

    def step(w: pep.Point) -> pep.Point:
        x, _, _ = pep.proximal_step(w, f2, alpha)
        y, _, _ = pep.proximal_step(2 * x - w, f1, alpha)
        return w + theta * (y - x)

    for _ in range(n):
        w, wp = step(w), step(wp)
    problem.maximize(pep.sqnorm(w - wp))
    return problem


def three_operator_splitting(
    mu1: float = 0.1, L1: float = 10, L3: float = 1, alpha: float = 1, theta: float = 1, n: int = 4
) -> pep.Problem:
    """Davis-Yin from two starting points; f1 smooth strongly convex (prox), f2 convex (prox),
    f3 smooth convex (gradient)."""
    problem = pep.Problem()
    f1 = problem.function(pep.SmoothStronglyConvex(L=L1, mu=mu1), name="f1")
    f2 = problem.function(pep.Convex(), name="f2")
    f3 = problem.function(pep.SmoothConvex(L=L3), name="f3")
    w, wp = problem.point("w0"), problem.point("w0p")
    problem.assume(pep.sqnorm(w - wp) <= 1)

    def step(w: pep.Point) -> pep.Point:
        x, _, _ = pep.proximal_step(w, f2, alpha)
        y, _, _ = pep.proximal_step(2 * x - w - alpha * f3.grad(x), f1, alpha)
        return w + theta * (y - x)

    for _ in range(n):
        w, wp = step(w), step(wp)
    problem.maximize(pep.sqnorm(w - wp))
    return problem


def accelerated_douglas_rachford_splitting(
    mu: float = 0.1, L: float = 1, alpha: float = 0.9, n: int = 2
) -> pep.Problem:
    """Patrinos, Stella, Bemporad 2014, theta = (1 - alpha L)/(1 + alpha L); the initial
    condition is on w_0 - w*, w* = x* + alpha grad f2(x*)."""
    problem = pep.Problem()
    f1 = problem.function(pep.Convex(), name="f1")
    f2 = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name="f2")
    F = f1 + f2
    xs = F.minimizer()
    w0 = problem.point("w0")
    problem.assume(pep.sqnorm(xs + alpha * f2.grad(xs) - w0) <= 1)
    theta = (1 - alpha * L) / (1 + alpha * L)
    w, u, y, fy = w0, w0, None, None
    for t in range(n):
        x, _, _ = pep.proximal_step(u, f2, alpha)
        y, _, fy = pep.proximal_step(2 * x - u, f1, alpha)
        w_new = u + theta * (y - x)
        u = w_new + (t - 1) / (t + 2) * (w_new - w) if t >= 1 else w_new
        w = w_new
    problem.maximize(f2(y) + fy - F(xs))
    return problem


C = CATEGORY
CASES = [
    Case(
        "proximal_gradient",
        C,
        "L=1, mu=0.1, gamma=1, n=2",
        proximal_gradient,
        0.9**4,
        "theory max((1-L gamma)^2, (1-mu gamma)^2)^n, tight (Taylor et al. 2018)",
    ),
    Case(
        "accelerated_proximal_gradient",
        C,
        "mu=0, L=1, n=4",
        accelerated_proximal_gradient,
        2 / (16 + 20 + 2),
        "theory 2L/(n^2+5n+2), tight empirically (Taylor et al. 2017)",
    ),
    Case(
        "douglas_rachford_splitting",
        C,
        "L=1, alpha=1, theta=1, n=9",
        douglas_rachford_splitting,
        0.0277917,
        "PEPit docstring (MOSEK) 0.027791729.., PESTO 0.0278",
    ),
    Case(
        "douglas_rachford_splitting_contraction",
        C,
        "mu=0.1, L=1, alpha=3, theta=1, n=2",
        douglas_rachford_splitting_contraction,
        (1 / 1.3) ** 4,
        "theory max(1/(1+mu alpha), alpha L/(1+alpha L))^(2n), tight (Giselsson-Boyd 2016)",
    ),
    Case(
        "three_operator_splitting",
        C,
        "mu1=0.1, L1=10, L3=1, alpha=1, theta=1, n=4",
        three_operator_splitting,
        0.475452,
        "PEPit docstring (MOSEK), 6 digits",
    ),
    Case(
        "accelerated_douglas_rachford_splitting",
        C,
        "mu=0.1, L=1, alpha=0.9, n=2",
        accelerated_douglas_rachford_splitting,
        0.192915,
        "PEPit docstring (MOSEK) and tests (PESTO 0.1929)",
    ),
    Case(
        "three_operator_splitting (tests, n=2)",
        C,
        "mu1=0.1, L1=10, L3=1, alpha=1, theta=1, n=2",
        lambda: three_operator_splitting(n=2),
        0.6895,
        "PEPit tests: PESTO reference, 4 digits (rel 1e-3)",
        rtol=1e-3,
    ),
    Case(
        "accelerated_douglas_rachford_splitting (tests, n=8)",
        C,
        "mu=0.1, L=1, alpha=0.9, n=8",
        lambda: accelerated_douglas_rachford_splitting(n=8),
        0.1289,
        "PEPit tests: PESTO reference, 4 digits (rel 1e-3)",
        rtol=1e-3,
        slow=True,
    ),
    Case(
        "douglas_rachford_splitting (tests, n=10)",
        C,
        "L=1, alpha=1, theta=1, n=10",
        lambda: douglas_rachford_splitting(n=10),
        0.0250,
        "PEPit tests / docstring: PESTO reference 0.0250 (rel 1e-3)",
        rtol=1e-3,
        slow=True,
    ),
    Case(
        "accelerated_proximal_gradient (tests)",
        C,
        "mu=0, L=1, n=5",
        lambda: accelerated_proximal_gradient(n=5),
        2 / (25 + 25 + 2),
        "theory 2L/(n^2+5n+2), tight empirically (PEPit tests, rel 1e-3)",
        rtol=1e-3,
    ),
]
