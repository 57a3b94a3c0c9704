"""PEPit's nonconvex, stochastic, potential-function, adaptive and continuous-time examples
with pep's public API."""

from __future__ import annotations

from math import sqrt

from casebase import Case

import pep


def nonconvex_gradient_descent(L: float = 1, n: int = 5) -> pep.Problem:
    """min over t <= n of ||grad f(x_t)||^2 given f(x_0) - f(x_n) <= 1, f L-smooth."""
    problem = pep.Problem()
    f = problem.function(pep.Smooth(L=L))
    x = x0 = problem.point("x0")
    problem.maximize(pep.sqnorm(f.grad(x)))
    for _ in range(n):
        x = x - (1 / L) * f.grad(x)
        problem.maximize(pep.sqnorm(f.grad(x)))
    problem.assume(f(x0) - f(x) <= 1)
    return problem


def _finite_sum(n: int, L: float, mu: float) -> tuple[pep.Problem, list, pep.Point, pep.Point]:
    problem = pep.Problem()
    fs = [problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name=f"f{i}") for i in range(n)]
    total = fs[0]
    for f in fs[1:]:
        total = total + f
    # x* minimizes the mean, i.e. the sum: sum_i grad f_i(x*) = 0
    return problem, fs, problem.point("x0"), total.minimizer()


def _sgd(L: float, mu: float, v2: float, R: float, n: int) -> pep.Problem:
    """Expected ||x_1 - x*||^2 after one SGD step (step 1/L, uniform index), given the
    variance (1/n) sum ||grad f_i(x*)||^2 <= v2 and ||x0 - x*|| <= R."""
    problem, fs, x0, xs = _finite_sum(n, L, mu)
    var = [pep.sqnorm(f.grad(xs)) for f in fs]
    problem.assume(sum(var[1:], var[0]) / n <= v2)
    problem.assume(pep.sqnorm(x0 - xs) <= R * R)
    dist = [pep.sqnorm(x0 - (1 / L) * f.grad(x0) - xs) for f in fs]
    problem.maximize(sum(dist[1:], dist[0]) / n)
    return problem


def sgd() -> pep.Problem:
    return _sgd(L=1, mu=0.1, v2=1, R=2, n=5)


def sgd_overparametrized() -> pep.Problem:
    return _sgd(L=1, mu=0.1, v2=0, R=1, n=5)


def _sgd_theory(L: float, mu: float, v: float, R: float) -> float:
    c = 1 - mu / L
    return c**2 * R**2 / 2 + c * R * sqrt(c**2 * R**2 + 4 * v**2 / L**2) / 2 + v**2 / L**2


def saga(L: float = 1, mu: float = 0.1, n: int = 5) -> pep.Problem:
    """SAGA's Lyapunov function (Defazio, Bach, Lacoste-Julien 2014, Thm 1), expectation of
    one step over the n indices. h is declared as n*h (same minimizer as h + mean f_i), so
    prox_{gamma h} is the proximal step of n*h with gamma/n."""
    problem = pep.Problem()
    h = problem.function(pep.Convex(), name="nh")
    fs = [problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name=f"f{i}") for i in range(n)]
    total = h
    for f in fs:
        total = total + f
    xs = total.minimizer()
    phi = [problem.point(f"phi{i}") for i in range(n)]
    x0 = problem.point("x0")
    gamma = 1 / (2 * (mu * n + L))
    c = 1 / (2 * gamma * (1 - mu * gamma) * n)

    def bregman(i: int, p: pep.Point) -> pep.Scalar:
        return fs[i](p) - fs[i](xs) - fs[i].grad(xs) @ (p - xs)

    start = [bregman(i, phi[i]) for i in range(n)]
    problem.assume(c * pep.sqnorm(x0 - xs) + sum(start[1:], start[0]) / n <= 1)
    old = [f.grad(p) for f, p in zip(fs, phi)]
    mean_old = sum(old[1:], old[0]) / n
    terms = []
    for j in range(n):
        w = x0 - gamma * (fs[j].grad(x0) - fs[j].grad(phi[j]) + mean_old)
        x1, _, _ = pep.proximal_step(w, h, gamma / n)
        table = [bregman(i, x0 if i == j else phi[i]) for i in range(n)]
        table = sum(table[1:], table[0]) / n
        terms.append(c * pep.sqnorm(x1 - xs) + table)
    problem.maximize(sum(terms[1:], terms[0]) / n)
    return problem


def _smooth_convex_pair(L: float) -> tuple[pep.Problem, object, pep.Point, pep.Point]:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    return problem, f, problem.point("xn"), f.minimizer()


def gradient_descent_lyapunov_1(L: float = 1, n: int = 10) -> pep.Problem:
    """V_n = n (f(x_n) - f*) + L/2 ||x_n - x*||^2 does not increase (Bansal-Gupta 2019)."""
    problem, f, x, xs = _smooth_convex_pair(L)
    x1 = x - (1 / L) * f.grad(x)
    v0 = n * (f(x) - f(xs)) + L / 2 * pep.sqnorm(x - xs)
    v1 = (n + 1) * (f(x1) - f(xs)) + L / 2 * pep.sqnorm(x1 - xs)
    problem.maximize(v1 - v0)
    return problem


def gradient_descent_lyapunov_2(L: float = 1, n: int = 10) -> pep.Problem:
    """V_n = (2n+1) L (f(x_n)-f*) + n(n+2) ||g_n||^2 + L^2 ||x_n - x*||^2 (Taylor-Bach 2019)."""
    problem, f, x, xs = _smooth_convex_pair(L)
    x1 = x - (1 / L) * f.grad(x)

    def V(k: int, p: pep.Point) -> pep.Scalar:
        return (
            (2 * k + 1) * L * (f(p) - f(xs))
            + k * (k + 2) * pep.sqnorm(f.grad(p))
            + L**2 * pep.sqnorm(p - xs)
        )

    problem.maximize(V(n + 1, x1) - V(n, x))
    return problem


def accelerated_gradient_method(L: float = 1, lam: float = 10) -> pep.Problem:
    """V = lam^2 (f(x) - f*) + L/2 ||z - x*||^2 over one accelerated step from free x, z."""
    problem, f, x, xs = _smooth_convex_pair(L)
    z = problem.point("zn")
    lam1 = (1 + sqrt(4 * lam**2 + 1)) / 2
    tau, eta = 1 / lam1, (lam1**2 - lam**2) / L
    y = (1 - tau) * x + tau * z
    g = f.grad(y)
    z1, x1 = z - eta * g, y - (1 / L) * g
    v0 = lam**2 * (f(x) - f(xs)) + L / 2 * pep.sqnorm(z - xs)
    v1 = lam1**2 * (f(x1) - f(xs)) + L / 2 * pep.sqnorm(z1 - xs)
    problem.maximize(v1 - v0)
    return problem


def polyak_steps_in_distance_to_optimum(
    L: float = 1, mu: float = 0.1, gamma: float = 2 / 1.1
) -> pep.Problem:
    """One gradient step whose step satisfies Polyak's rule gamma ||g||^2 = 2 (f - f*)."""
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    x0, xs = problem.point("x0"), f.minimizer()
    g0 = f.grad(x0)
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    problem.assume(gamma * pep.sqnorm(g0) == 2 * (f(x0) - f(xs)))
    x1 = x0 - gamma * g0
    f(x1)  # PEPit evaluates f at x_1 too: its interpolation conditions stay in the PEP
    problem.maximize(pep.sqnorm(x1 - xs))
    return problem


def polyak_steps_in_function_value(
    L: float = 1, mu: float = 0.1, gamma: float = 2 / 1.1
) -> pep.Problem:
    """Polyak's rule ||g||^2 = 2 L (2 - L gamma)(f - f*); measure f(x_1) - f*."""
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    x0, xs = problem.point("x0"), f.minimizer()
    g0 = f.grad(x0)
    problem.assume(f(x0) - f(xs) <= 1)
    problem.assume(pep.sqnorm(g0) == 2 * L * (2 - L * gamma) * (f(x0) - f(xs)))
    problem.maximize(f(x0 - gamma * g0) - f(xs))
    return problem


def gradient_flow_convex(t: float = 2.5) -> pep.Problem:
    """d/dt [t (f(X) - f*) + ||X - x*||^2/2] along dX/dt = -grad f(X)."""
    problem = pep.Problem()
    f = problem.function(pep.Convex())
    x, xs = problem.point("xt"), f.minimizer()
    g = f.grad(x)
    problem.maximize(f(x) - f(xs) - t * (g @ g) - (x - xs) @ g)
    return problem


def gradient_flow_strongly_convex(mu: float = 0.1) -> pep.Problem:
    """d/dt [f(X) - f*] = -||grad f(X)||^2 when f(X) - f* = 1."""
    problem = pep.Problem()
    f = problem.function(pep.StronglyConvex(mu=mu))
    x, xs = problem.point("xt"), f.minimizer()
    problem.assume(f(x) - f(xs) == 1)
    problem.maximize(-pep.sqnorm(f.grad(x)))
    return problem


def accelerated_gradient_flow_convex(t: float = 3.4) -> pep.Problem:
    """V = t^2 (f(X)-f*) + 2 ||X - x* + t/2 X'||^2 along X'' + 3/t X' + grad f(X) = 0."""
    problem = pep.Problem()
    f = problem.function(pep.Convex())
    x, xs, v = problem.point("xt"), f.minimizer(), problem.point("xt_dot")
    g = f.grad(x)
    a = -3 / t * v - g
    e = x - xs + t / 2 * v
    problem.maximize(2 * t * (f(x) - f(xs)) + t**2 * (v @ g) + 4 * (e @ (1.5 * v + t / 2 * a)))
    return problem


def accelerated_gradient_flow_strongly_convex(mu: float = 2.1, psd: bool = True) -> pep.Problem:
    """X'' + 2 sqrt(mu) X' + grad f(X) = 0 and V_P = f - f* + (X - x*, X')^T P (X - x*, X'),
    with V_P = 1; the two matrices P of Moucer, Taylor, Bach 2022 (psd or not)."""
    problem = pep.Problem()
    f = problem.function(pep.StronglyConvex(mu=mu))
    x, xs, v = problem.point("xt"), f.minimizer(), problem.point("xt_dot")
    g, r, e = f.grad(x), sqrt(mu), x - xs
    a = -2 * r * v - g
    if psd:  # P = [[mu, sqrt(mu)], [sqrt(mu), 1]] / 2
        V = f(x) - f(xs) + pep.sqnorm(r * e + v) / 2
        dV = g @ v + (r * e + v) @ (r * v + a)
    else:  # P = [[4 mu/9, 2 sqrt(mu)/3], [2 sqrt(mu)/3, 1/2]]
        V = f(x) - f(xs) + 4 * mu / 9 * pep.sqnorm(e) + 4 / 3 * r * (e @ v) + pep.sqnorm(v) / 2
        dV = g @ v + 8 * mu / 9 * (e @ v) + 4 / 3 * r * (v @ v + e @ a) + a @ v
    problem.assume(V == 1)
    problem.maximize(dV)
    return problem


NC, ST, PF = (
    "nonconvex_optimization",
    "stochastic_and_randomized_convex_minimization",
    "potential_functions",
)
AD, CT = "adaptive_methods", "continuous_time_models"
ZERO = 1e-6  # absolute tolerance where the reference is 0 (PEPit tests: 5e-5)
CASES = [
    Case(
        "gradient_descent (nonconvex)",
        NC,
        "L=1, gamma=1/L, n=5",
        nonconvex_gradient_descent,
        4 / 15,
        "theory 4L/(3n), tight empirically (Abbaszadehpeivasti et al. 2021)",
    ),
    Case(
        "sgd",
        ST,
        "L=1, mu=0.1, gamma=1/L, v=1, R=2, n=5",
        sgd,
        _sgd_theory(1, 0.1, 1, 2),
        "theory (PESTO), empirically tight = PEPit docstring 5.04165 (MOSEK)",
    ),
    Case(
        "sgd_overparametrized",
        ST,
        "L=1, mu=0.1, gamma=1/L, n=5",
        sgd_overparametrized,
        0.81,
        "theory (1-mu/L)^2 = PEPit docstring 0.81",
    ),
    Case(
        "saga",
        ST,
        "L=1, mu=0.1, n=5",
        saga,
        1 - 0.1 / 3,
        "theory 1 - gamma mu (Defazio et al. 2014) = PEPit docstring 0.966667",
        slow=True,
    ),
    Case(
        "gradient_descent_lyapunov_1",
        PF,
        "L=1, gamma=1/L, n=10",
        gradient_descent_lyapunov_1,
        0.0,
        "theory 0 (Bansal-Gupta 2019)",
        atol=ZERO,
    ),
    Case(
        "gradient_descent_lyapunov_2",
        PF,
        "L=1, gamma=1/L, n=10",
        gradient_descent_lyapunov_2,
        0.0,
        "theory 0 (Taylor-Bach 2019)",
        atol=ZERO,
    ),
    Case(
        "accelerated_gradient_method",
        PF,
        "L=1, gamma=1/L, lambda=10",
        accelerated_gradient_method,
        0.0,
        "theory 0 (Nesterov 1983; Bansal-Gupta 2019)",
        atol=ZERO,
    ),
    Case(
        "polyak_steps_in_distance_to_optimum",
        AD,
        "L=1, mu=0.1, gamma=2/(L+mu)",
        polyak_steps_in_distance_to_optimum,
        (0.9 / 1.1) ** 2,
        "theory (gamma L-1)(1-gamma mu)/(gamma(L+mu)-1), tight (Barre et al. 2020)",
    ),
    Case(
        "polyak_steps_in_function_value",
        AD,
        "L=1, mu=0.1, gamma=2/(L+mu)",
        polyak_steps_in_function_value,
        (0.9 / 1.1) ** 2,
        "theory (gamma L-1)(L gamma(3-gamma(L+mu))-1), tight (Barre et al. 2020)",
    ),
    Case(
        "polyak_steps_in_distance_to_optimum (tests)",
        AD,
        "L=1, mu=0.1, gamma=2/L",
        lambda: polyak_steps_in_distance_to_optimum(gamma=2),
        0.8 / 1.2,
        "theory, tight (PEPit tests)",
    ),
    Case(
        "polyak_steps_in_function_value (tests)",
        AD,
        "L=1, mu=0.1, gamma=2/L",
        lambda: polyak_steps_in_function_value(gamma=2),
        0.0,
        "theory 0 outside [1/L, (2L-mu)/L^2] (PEPit tests)",
        atol=ZERO,
    ),
    Case(
        "gradient_flow_convex",
        CT,
        "t=2.5",
        gradient_flow_convex,
        0.0,
        "theory 0 (Su-Boyd-Candes 2016)",
        atol=ZERO,
    ),
    Case(
        "gradient_flow_strongly_convex",
        CT,
        "mu=0.1",
        gradient_flow_strongly_convex,
        -0.2,
        "theory -2 mu, tight (Scieur et al. 2017)",
    ),
    Case(
        "accelerated_gradient_flow_convex",
        CT,
        "t=3.4",
        accelerated_gradient_flow_convex,
        0.0,
        "theory 0 (Su-Boyd-Candes 2016)",
        atol=ZERO,
    ),
    Case(
        "accelerated_gradient_flow_strongly_convex (psd)",
        CT,
        "mu=2.1, psd=True",
        accelerated_gradient_flow_strongly_convex,
        -sqrt(2.1),
        "theory -sqrt(mu), tight (Wilson et al. 2021; PEPit tests)",
    ),
    Case(
        "accelerated_gradient_flow_strongly_convex (not psd)",
        CT,
        "mu=2.1, psd=False",
        lambda: accelerated_gradient_flow_strongly_convex(psd=False),
        -4 / 3 * sqrt(2.1),
        "theory -4/3 sqrt(mu), tight (Moucer et al. 2022; PEPit tests)",
    ),
    Case(
        "gradient_flow_convex (tests)",
        CT,
        "t=3.4",
        lambda: gradient_flow_convex(t=3.4),
        0.0,
        "theory 0 (PEPit tests)",
        atol=ZERO,
    ),
    Case(
        "gradient_flow_strongly_convex (tests)",
        CT,
        "mu=0.8",
        lambda: gradient_flow_strongly_convex(mu=0.8),
        -1.6,
        "theory -2 mu, tight (PEPit tests)",
    ),
]
