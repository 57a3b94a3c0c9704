"""PEPit's ``unconstrained_convex_minimization`` examples with pep's public API."""

from __future__ import annotations

from math import sqrt

from casebase import Case

import pep

CATEGORY = "unconstrained_convex_minimization"


def _start(cls: object) -> tuple[pep.Problem, object, pep.Point, pep.Point]:
    problem = pep.Problem()
    f = problem.function(cls)
    return problem, f, problem.point("x0"), f.minimizer()


def gradient_descent(L: float = 3, n: int = 4) -> pep.Problem:
    problem, f, x0, xs = _start(pep.SmoothConvex(L=L))
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x = x - (1 / L) * f.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem


def _ogm_theta(n: int) -> list[float]:
    th = [1.0]
    for k in range(n):
        c = 8 if k == n - 1 else 4
        th.append((1 + sqrt(1 + c * th[-1] ** 2)) / 2)
    return th


def optimized_gradient(L: float = 3, n: int = 4) -> pep.Problem:
    """OGM (Kim and Fessler 2016): y_{k+1} = x_k - g_k/L, then the two momentum terms."""
    problem, f, x0, xs = _start(pep.SmoothConvex(L=L))
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    th = _ogm_theta(n)
    x, y = x0, x0
    for k in range(n):
        y_new = x - (1 / L) * f.grad(x)
        x = y_new + (th[k] - 1) / th[k + 1] * (y_new - y) + th[k] / th[k + 1] * (y_new - x)
        y = y_new
    problem.maximize(f(x) - f(xs))
    return problem


def _ogm_g_theta(n: int) -> list[float]:
    """theta~_0..theta~_n: theta~_n = 1, backwards with 4 theta^2, the first with 8."""
    th = [1.0]
    for k in range(n):
        c = 8 if k == n - 1 else 4
        th.append((1 + sqrt(c * th[-1] ** 2 + 1)) / 2)
    return th[::-1]


def optimized_gradient_for_gradient(L: float = 3, n: int = 4) -> pep.Problem:
    problem, f, x0, xs = _start(pep.SmoothConvex(L=L))
    problem.assume(f(x0) - f(xs) <= 1)
    th = _ogm_g_theta(n)
    x, y = x0, x0
    for t in range(n):
        y_new = x - (1 / L) * f.grad(x)
        a = (th[t] - 1) * (2 * th[t + 1] - 1) / (th[t] * (2 * th[t] - 1))
        b = (2 * th[t + 1] - 1) / (2 * th[t] - 1)
        x, y = y_new + a * (y_new - y) + b * (y_new - x), y_new
    problem.maximize(pep.sqnorm(f.grad(x)))
    return problem


def accelerated_gradient_convex(L: float = 1, n: int = 10) -> pep.Problem:
    """x_{t+1} = y_t - g(y_t)/L, y_{t+1} = x_{t+1} + t/(t+3) (x_{t+1} - x_t), t from 0."""
    problem, f, x0, xs = _start(pep.SmoothConvex(L=L))
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y = x0, x0
    for t in range(n):
        x_new = y - (1 / L) * f.grad(y)
        x, y = x_new, x_new + t / (t + 3) * (x_new - x)
    problem.maximize(f(x) - f(xs))
    return problem


def _item_sequences(q: float, n: int) -> list[tuple[float, float, float]]:
    """(A_{t+1}, beta_t, delta_t) of ITEM (Taylor and Drori 2021), A_0 = 0."""
    out, A = [], 0.0
    for _ in range(n):
        A_new = ((1 + q) * A + 2 * (1 + sqrt((1 + A) * (1 + q * A)))) / (1 - q) ** 2
        beta = A / ((1 - q) * A_new)
        delta = ((1 - q) ** 2 * A_new - (1 + q) * A) / (2 * (1 + q + q * A))
        out.append((A_new, beta, delta))
        A = A_new
    return out


def information_theoretic(mu: float = 0.01, L: float = 3, n: int = 3) -> pep.Problem:
    problem, f, z0, xs = _start(pep.SmoothStronglyConvex(L=L, mu=mu))
    problem.assume(pep.sqnorm(z0 - xs) <= 1)
    q, x, z = mu / L, z0, z0
    for _, beta, delta in _item_sequences(q, n):
        y = (1 - beta) * z + beta * x
        g = f.grad(y)
        x = y - (1 / L) * g
        z = (1 - q * delta) * z + q * delta * y - (delta / L) * g
    problem.maximize(pep.sqnorm(z - xs))
    return problem


def item_rate(mu: float = 0.01, L: float = 3, n: int = 3) -> float:
    return 1 / (1 + mu / L * _item_sequences(mu / L, n)[-1][0])


def gradient_exact_line_search(L: float = 1, mu: float = 0.1, n: int = 2) -> pep.Problem:
    """The exact line search as its optimality conditions (de Klerk, Glineur, Taylor 2017):
    the new gradient is orthogonal to the search direction and to the step taken."""
    problem, f, x0, xs = _start(pep.SmoothStronglyConvex(L=L, mu=mu))
    problem.assume(f(x0) - f(xs) <= 1)
    x = x0
    for k in range(n):
        x_new = problem.point(f"x{k + 1}")
        g, g_new = f.grad(x), f.grad(x_new)
        problem.assume(g_new @ g == 0)
        problem.assume(g_new @ (x_new - x) == 0)
        x = x_new
    problem.maximize(f(x) - f(xs))
    return problem


def inexact_gradient_descent(
    L: float = 1, mu: float = 0.1, epsilon: float = 0.1, n: int = 2
) -> pep.Problem:
    problem, f, x0, xs = _start(pep.SmoothStronglyConvex(L=L, mu=mu))
    problem.assume(f(x0) - f(xs) <= 1)
    gamma = 2 / ((1 + epsilon) * L + (1 - epsilon) * mu)
    x = x0
    for _ in range(n):
        x = x - gamma * pep.inexact_gradient(x, f, epsilon)
    problem.maximize(f(x) - f(xs))
    return problem


def inexact_gradient_exact_line_search(
    L: float = 3, mu: float = 0.1, epsilon: float = 0.1, n: int = 2
) -> pep.Problem:
    """Exact line search along a relatively inexact direction d: the new gradient is
    orthogonal to d and to the step (de Klerk, Glineur, Taylor 2017)."""
    problem, f, x0, xs = _start(pep.SmoothStronglyConvex(L=L, mu=mu))
    problem.assume(f(x0) - f(xs) <= 1)
    x = x0
    for k in range(n):
        d = pep.inexact_gradient(x, f, epsilon)
        x_new = problem.point(f"x{k + 1}")
        g_new = f.grad(x_new)
        problem.assume(g_new @ d == 0)
        problem.assume(g_new @ (x_new - x) == 0)
        x = x_new
    problem.maximize(f(x) - f(xs))
    return problem


def _inexact_rate(L: float, mu: float, epsilon: float, n: int) -> float:
    Le, me = (1 + epsilon) * L, (1 - epsilon) * mu
    return ((Le - me) / (Le + me)) ** (2 * n)


def subgradient_method(M: float = 2, n: int = 6) -> pep.Problem:
    """min over t <= n of f(x_t) - f*: one maximize() per iterate (the PEP takes their min)."""
    problem, f, x0, xs = _start(pep.ConvexLipschitz(M=M))
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    gamma = 1 / (M * sqrt(n + 1))
    x = x0
    for _ in range(n):
        problem.maximize(f(x) - f(xs))
        x = x - gamma * f.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem


def proximal_point(gamma: float = 3, n: int = 4) -> pep.Problem:
    problem, f, x0, xs = _start(pep.Convex())
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, fx = x0, None
    for _ in range(n):
        x, _, fx = pep.proximal_step(x, f, gamma)
    problem.maximize(fx - f(xs))
    return problem


def _ogm_rate(L: float, n: int) -> float:
    return L / (2 * _ogm_theta(n)[-1] ** 2)


C = CATEGORY
CASES = [
    Case(
        "gradient_descent",
        C,
        "L=3, gamma=1/L, n=4",
        gradient_descent,
        3 / 18,
        "theory L/(4n+2), tight (Drori-Teboulle 2014)",
    ),
    Case(
        "optimized_gradient",
        C,
        "L=3, n=4",
        optimized_gradient,
        _ogm_rate(3, 4),
        "theory L/(2 theta_n^2), tight (Kim-Fessler 2016)",
    ),
    Case(
        "optimized_gradient_for_gradient",
        C,
        "L=3, n=4",
        optimized_gradient_for_gradient,
        2 * 3 / _ogm_g_theta(4)[0] ** 2,
        "theory 2L/theta~_0^2, tight (Kim-Fessler 2021); docstring 0.307007",
    ),
    Case(
        "accelerated_gradient_convex",
        C,
        "mu=0, L=1, n=10",
        accelerated_gradient_convex,
        2 / (100 + 50 + 6),
        "theory 2L/(n^2+5n+6), tight empirically (PEPit tests, rel 1e-3)",
        rtol=1e-3,
    ),
    Case(
        "information_theoretic_exact_method",
        C,
        "mu=0.01, L=3, n=3",
        information_theoretic,
        item_rate(),
        "theory 1/(1+q A_n), tight (Taylor-Drori 2021)",
    ),
    Case(
        "gradient_exact_line_search",
        C,
        "L=1, mu=0.1, n=2",
        gradient_exact_line_search,
        (0.9 / 1.1) ** 4,
        "theory ((L-mu)/(L+mu))^(2n), tight (de Klerk et al. 2017)",
    ),
    Case(
        "inexact_gradient_descent",
        C,
        "L=1, mu=0.1, epsilon=0.1, n=2",
        inexact_gradient_descent,
        ((1.1 - 0.09) / (1.1 + 0.09)) ** 4,
        "theory ((L_e-mu_e)/(L_e+mu_e))^(2n), tight (de Klerk et al. 2020)",
    ),
    Case(
        "subgradient_method",
        C,
        "M=2, n=6, gamma=1/(M sqrt(n+1))",
        subgradient_method,
        2 / sqrt(7),
        "theory M/sqrt(n+1), tight (Nesterov 2003; Drori-Teboulle 2016)",
    ),
    Case(
        "proximal_point",
        C,
        "gamma=3, n=4",
        proximal_point,
        1 / 48,
        "theory 1/(4 gamma n), tight (Taylor et al. 2017)",
    ),
    Case(
        "inexact_gradient_exact_line_search",
        C,
        "L=3, mu=0.1, epsilon=0.1, n=2",
        inexact_gradient_exact_line_search,
        _inexact_rate(3, 0.1, 0.1, 2),
        "theory ((L_e-mu_e)/(L_e+mu_e))^(2n), tight (de Klerk et al. 2017; PEPit tests)",
    ),
    Case(
        "gradient_exact_line_search (tests)",
        C,
        "L=3, mu=0.1, n=1",
        lambda: gradient_exact_line_search(L=3, n=1),
        (2.9 / 3.1) ** 2,
        "theory ((L-mu)/(L+mu))^(2n), tight (PEPit tests)",
    ),
    Case(
        "inexact_gradient_descent (tests)",
        C,
        "L=3, mu=0.1, epsilon=0.1, n=2",
        lambda: inexact_gradient_descent(L=3),
        _inexact_rate(3, 0.1, 0.1, 2),
        "theory, tight (PEPit tests)",
    ),
    Case(
        "subgradient_method (tests)",
        C,
        "M=2, n=10, gamma=1/(M sqrt(n+1))",
        lambda: subgradient_method(n=10),
        2 / sqrt(11),
        "theory M/sqrt(n+1), tight (PEPit tests)",
    ),
]
