"""PEPit's ``monotone_inclusions_variational_inequalities`` and ``fixed_point_problems``
examples with pep's public API."""

from __future__ import annotations

from math import sqrt

from casebase import Case

import pep

MONOTONE = "monotone_inclusions_variational_inequalities"
FIXED = "fixed_point_problems"


def proximal_point(alpha: float = 2, n: int = 10) -> pep.Problem:
    problem = pep.Problem()
    A = problem.operator(pep.Monotone(), name="A")
    x0, xs = problem.point("x0"), A.zero()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x_prev, x = x0, x0
    for _ in range(n):
        x_prev, x = x, pep.resolvent(A, x, alpha)
    problem.maximize(pep.sqnorm(x - x_prev))
    return problem


def accelerated_proximal_point(alpha: float = 2, n: int = 10) -> pep.Problem:
    """Kim 2021: x_{k+1} = J(y_k), y_{k+1} = x_{k+1} + k/(k+2)(x_{k+1} - x_k)
    - k/(k+2)(x_k - y_{k-1}), x_0 = y_0 = y_{-1}; measure ||x_n - y_{n-1}||^2."""
    problem = pep.Problem()
    A = problem.operator(pep.Monotone(), name="A")
    x0, xs = problem.point("x0"), A.zero()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y, y_prev = x0, x0, x0
    for k in range(n):
        x_new = pep.resolvent(A, y, alpha)
        if k < n - 1:
            y, y_prev = x_new + k / (k + 2) * (x_new - x) - k / (k + 2) * (x - y_prev), y
        x = x_new
    problem.maximize(pep.sqnorm(x - y))
    return problem


def _phi(mu: float, k: int) -> float:
    """phi_k = sum_{i<=k} (1+2mu)^{2i}, phi_{-1} = 0."""
    return 0.0 if k < 0 else ((1 + 2 * mu) ** (2 * k + 2) - 1) / ((1 + 2 * mu) ** 2 - 1)


def optimal_strongly_monotone_proximal_point(n: int = 10, mu: float = 0.05) -> pep.Problem:
    """OS-PPM (Park and Ryu 2022) with resolvent step 1; measure ||y_{n-1} - x_n||^2."""
    problem = pep.Problem()
    A = problem.operator(pep.StronglyMonotone(mu=mu), name="A")
    x0, xs = problem.point("x0"), A.zero()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y, y_prev = x0, x0, x0
    for i in range(n):
        x_new = pep.resolvent(A, y, 1)
        p_prev, p, p_next = _phi(mu, i - 1), _phi(mu, i), _phi(mu, i + 1)
        y_new = (
            x_new
            + (p - 1) / p_next * (x_new - x)
            - 2 * mu * p / p_next * (y - x_new)
            + (1 + 2 * mu) * p_prev / p_next * (y_prev - x)
        )
        x, y_prev, y = x_new, y, y_new
    problem.maximize(pep.sqnorm(y_prev - x))
    return problem


def douglas_rachford_splitting(
    L: float = 1, mu: float = 0.1, alpha: float = 1.3, theta: float = 0.9
) -> pep.Problem:
    """One DRS step from two points; A L-Lipschitz monotone (pairwise conditions, as in
    PEPit), B mu-strongly monotone."""
    problem = pep.Problem()
    A = problem.operator(pep.LipschitzMonotone(L=L), name="A")
    B = problem.operator(pep.StronglyMonotone(mu=mu), name="B")
    w0, w1 = problem.point("w0"), problem.point("w1")
    problem.assume(pep.sqnorm(w0 - w1) <= 1)

    def step(w: pep.Point) -> pep.Point:
        x = pep.resolvent(B, w, alpha)
        y = pep.resolvent(A, 2 * x - w, alpha)
        return w - theta * (x - y)

    problem.maximize(pep.sqnorm(step(w0) - step(w1)))
    return problem


def _drs_theory(L: float, mu: float, alpha: float, theta: float) -> float:
    """Ryu, Taylor, Bergeling, Giselsson 2020, Thm 4.3 (the case that applies here)."""
    mu, L = alpha * mu, alpha * L
    c = sqrt(
        ((2 * (theta - 1) * mu + theta - 2) ** 2 + L**2 * (theta - 2 * (mu + 1)) ** 2) / (L**2 + 1)
    )
    return ((theta + c) / (2 * (mu + 1))) ** 2


def three_operator_splitting(
    L: float = 1, mu: float = 0.1, beta: float = 1, alpha: float = 0.9, theta: float = 1.3
) -> pep.Problem:
    """One Davis-Yin step from two points: A monotone, B beta-cocoercive (resolvents), C the
    gradient of an L-smooth mu-strongly convex function."""
    problem = pep.Problem()
    A = problem.operator(pep.Monotone(), name="A")
    B = problem.operator(pep.Cocoercive(beta=beta), name="B")
    C = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name="C")
    w0, w1 = problem.point("w0"), problem.point("w1")
    problem.assume(pep.sqnorm(w0 - w1) <= 1)

    def step(w: pep.Point) -> pep.Point:
        x = pep.resolvent(B, w, alpha)
        y = pep.resolvent(A, 2 * x - w - alpha * C.grad(x), alpha)
        return w - theta * (x - y)

    problem.maximize(pep.sqnorm(step(w0) - step(w1)))
    return problem


def _fixed_point_problem(L: float = 1) -> tuple[pep.Problem, object, pep.Point, pep.Point]:
    problem = pep.Problem()
    T = problem.operator(pep.Lipschitz(L=L) if L != 1 else pep.Nonexpansive(), name="A")
    x0, xs = problem.point("x0"), T.fixed_point()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    return problem, T, x0, xs


def halpern_iteration(n: int = 10) -> pep.Problem:
    problem, T, x0, _ = _fixed_point_problem()
    x = x0
    for t in range(n):
        x = 1 / (t + 2) * x0 + (1 - 1 / (t + 2)) * T(x)
    problem.maximize(pep.sqnorm(x - T(x)))
    return problem


def krasnoselskii_mann_constant_step_sizes(n: int = 3, gamma: float = 0.75) -> pep.Problem:
    problem, T, x0, _ = _fixed_point_problem()
    x = x0
    for _ in range(n):
        x = (1 - gamma) * x + gamma * T(x)
    problem.maximize(pep.sqnorm((x - T(x)) / 2))
    return problem


def krasnoselskii_mann_increasing_step_sizes(n: int = 3) -> pep.Problem:
    problem, T, x0, _ = _fixed_point_problem()
    x = x0
    for t in range(n):
        x = 1 / (t + 2) * x + (1 - 1 / (t + 2)) * T(x)
    problem.maximize(pep.sqnorm((x - T(x)) / 2))
    return problem


def optimal_contractive_halpern_iteration(n: int = 10, gamma: float = 1.1) -> pep.Problem:
    """Park and Ryu 2022: x_{t+1} = x_0/phi_{t+1} + (1 - 1/phi_{t+1}) A x_t, A 1/gamma-Lipschitz,
    phi_k = sum_{i<=k} gamma^{2i}."""
    problem, T, x0, _ = _fixed_point_problem(L=1 / gamma)
    x = x0
    for t in range(n):
        phi = (gamma ** (2 * t + 4) - 1) / (gamma**2 - 1)
        x = (1 / phi) * x0 + (1 - 1 / phi) * T(x)
    problem.maximize(pep.sqnorm(x - T(x)))
    return problem


def _km_constant_theory(n: int, gamma: float) -> float:
    """Lieder 2018, Thm 4.9 (the branch 1/2 <= gamma <= (1 + sqrt(n/(n+1)))/2)."""
    return 1 / (n + 1) * (n / (n + 1)) ** n / (4 * gamma * (1 - gamma))


def _contractive_halpern_theory(n: int, gamma: float) -> float:
    return (1 + 1 / gamma) ** 2 * ((gamma - 1) / (gamma ** (n + 1) - 1)) ** 2


M, F = MONOTONE, FIXED
CASES = [
    Case(
        "proximal_point",
        M,
        "alpha=2, n=10",
        proximal_point,
        0.9**9 / 10,
        "theory (1-1/n)^(n-1)/n, tight (Gu-Yang 2020)",
    ),
    Case(
        "accelerated_proximal_point",
        M,
        "alpha=2, n=10",
        accelerated_proximal_point,
        1 / 100,
        "theory 1/n^2, tight (Kim 2021)",
    ),
    Case(
        "optimal_strongly_monotone_proximal_point",
        M,
        "n=10, mu=0.05",
        optimal_strongly_monotone_proximal_point,
        (0.1 / (1.1**10 - 1)) ** 2,
        "theory (2mu/((1+2mu)^n-1))^2, tight (Park-Ryu 2022)",
    ),
    Case(
        "douglas_rachford_splitting",
        M,
        "L=1, mu=0.1, alpha=1.3, theta=0.9",
        douglas_rachford_splitting,
        _drs_theory(1, 0.1, 1.3, 0.9),
        "theory RTBG 2020 Thm 4.3 = PEPit docstring 0.928771 (MOSEK)",
    ),
    Case(
        "three_operator_splitting",
        M,
        "L=1, mu=0.1, beta=1, alpha=0.9, theta=1.3",
        three_operator_splitting,
        0.779689,
        "PEPit docstring (MOSEK) 0.7796890..; tests PESTO 0.7797",
    ),
    Case(
        "proximal_point (tests, n=3)",
        M,
        "alpha=2, n=3",
        lambda: proximal_point(n=3),
        (2 / 3) ** 2 / 3,
        "theory (1-1/n)^(n-1)/n, tight",
    ),
    Case(
        "optimal_strongly_monotone_proximal_point (tests)",
        M,
        "n=3, mu=0.23",
        lambda: optimal_strongly_monotone_proximal_point(n=3, mu=0.23),
        (0.46 / (1.46**3 - 1)) ** 2,
        "theory (2mu/((1+2mu)^n-1))^2, tight",
    ),
    Case(
        "halpern_iteration",
        F,
        "n=10",
        halpern_iteration,
        (2 / 11) ** 2,
        "theory (2/(n+1))^2, tight (Lieder 2021)",
    ),
    Case(
        "krasnoselskii_mann_constant_step_sizes",
        F,
        "n=3, gamma=3/4",
        krasnoselskii_mann_constant_step_sizes,
        _km_constant_theory(3, 0.75),
        "theory Lieder 2018 Thm 4.9 = PEPit docstring 0.140625",
    ),
    Case(
        "krasnoselskii_mann_increasing_step_sizes",
        F,
        "n=3",
        krasnoselskii_mann_increasing_step_sizes,
        0.119634,
        "PEPit docstring (MOSEK), 6 digits",
    ),
    Case(
        "optimal_contractive_halpern_iteration",
        F,
        "n=10, gamma=1.1",
        optimal_contractive_halpern_iteration,
        _contractive_halpern_theory(10, 1.1),
        "theory (1+1/gamma)^2 ((gamma-1)/(gamma^(n+1)-1))^2, tight (Park-Ryu 2022)",
    ),
    Case(
        "krasnoselskii_mann_constant_step_sizes (tests, n=10)",
        F,
        "n=10, gamma=3/4",
        lambda: krasnoselskii_mann_constant_step_sizes(n=10),
        _km_constant_theory(10, 0.75),
        "theory Lieder 2018 Thm 4.9 (PEPit tests: tight to rel 1e-3)",
        rtol=1e-3,
    ),
    Case(
        "krasnoselskii_mann_increasing_step_sizes (tests, n=10)",
        F,
        "n=10",
        lambda: krasnoselskii_mann_increasing_step_sizes(n=10),
        0.059527,
        "PEPit tests: PESTO reference 0.059527 (rel 1e-3)",
        rtol=1e-3,
    ),
    Case(
        "optimal_contractive_halpern_iteration (tests)",
        F,
        "n=3, gamma=1.13",
        lambda: optimal_contractive_halpern_iteration(n=3, gamma=1.13),
        _contractive_halpern_theory(3, 1.13),
        "theory, tight (Park-Ryu 2022)",
    ),
    Case(
        "halpern_iteration (docstring, n=25)",
        F,
        "n=25",
        lambda: halpern_iteration(n=25),
        (2 / 26) ** 2,
        "theory (2/(n+1))^2, tight; PEPit docstring (MOSEK) 0.00591729",
        slow=True,
    ),
]
