"""SAGA on a composite finite sum: one step of its Lyapunov function.

PEPit example ``wc_saga(L=1, mu=.1, n=5)`` (stochastic and randomized convex minimization):
minimize h + (1/n) sum_i f_i, h convex (proximable), f_i L-smooth mu-strongly convex, with
memory points phi_i. One step with index j (uniform):
w = x_0 - gamma (grad f_j(x_0) - grad f_j(phi_j) + (1/n) sum_i grad f_i(phi_i)),
x_1 = prox_{gamma h}(w), phi_j <- x_0; gamma = 1/(2(mu n + L)). Lyapunov function
V = c ||x - x_*||^2 + (1/n) sum_i (f_i(phi_i) - f_i(x_*) - <grad f_i(x_*), phi_i - x_*>),
c = 1/(2 gamma (1 - mu gamma) n). Worst case of E V_1 when V_0 <= 1; the bound 1 - gamma mu
= 29/30 is empirically tight (A. Defazio, F. Bach, S. Lacoste-Julien, "SAGA: a fast incremental
gradient method with support for non-strongly convex composite objectives", NIPS 2014, Thm 1).
PEPit's value: 0.9666666568 (its docstring, MOSEK dual value).

Solved with ``solver="CLARABEL_DUAL"`` (``SOLVE``): with the default path Clarabel stops at
reduced accuracy (``InaccurateSolve``, value 0.96666660); SCS with eps=1e-9 gives 0.96666667.
"""

from fractions import Fraction

import pep

REFERENCE = 0.9666666567891312  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 29/30
PEPIT_CLARABEL = 0.9666666660218738  # PEPit 0.5.1 run with Clarabel
PEPIT = "stochastic_and_randomized_convex_minimization/saga"
SOURCE = "PEPit wc_saga(L=1, mu=.1, n=5)"
SOLVE = {"solver": "CLARABEL_DUAL"}  # see the docstring: the default path stops inaccurate
NOTE = "the default path stops at reduced accuracy (InaccurateSolve, value 0.96666660)"


def build(L: Fraction = Fraction(1), mu: Fraction = Fraction(1, 10), n: int = 5) -> pep.Problem:
    gamma = 1 / (2 * (mu * n + L))
    c = 1 / (2 * gamma * (1 - mu * gamma) * n)
    problem = pep.Problem()
    h = problem.function(pep.Convex(), name="h")
    fs = [problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name=f"f{i}") for i in range(n)]
    xs = (h + sum(fs) / n).minimizer()
    phi = [problem.point(f"phi{i}") for i in range(n)]
    x0 = problem.point("x0")

    def gap(i: int, y: pep.Point) -> pep.Scalar:  # f_i(y) - f_i(x_*) - <grad f_i(x_*), y - x_*>
        return fs[i](y) - fs[i](xs) - fs[i].grad(xs) @ (y - xs)

    stored = [gap(i, phi[i]) / n for i in range(n)]
    problem.assume(c * pep.sqnorm(x0 - xs) + sum(stored) <= 1)
    mean_grad = sum(f.grad(p) for f, p in zip(fs, phi)) / n
    expected = []
    for j in range(n):
        w = x0 - gamma * (fs[j].grad(x0) - fs[j].grad(phi[j]) + mean_grad)
        x1, _, _ = pep.proximal_step(w, h, gamma)
        expected.append(c * pep.sqnorm(x1 - xs) + sum(stored) - stored[j] + gap(j, x0) / n)
    problem.maximize(sum(expected) / n)
    return problem


if __name__ == "__main__":
    result = build().solve(**SOLVE)
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
