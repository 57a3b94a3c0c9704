r"""Proximal point method on convex functions: a potential proof of R²/(2γ(N+1)).

* Problem: minimize a closed convex f (:class:`pep.Convex`).
* Method: :math:`x_{k+1} = \mathrm{prox}_{\gamma f}(x_k)` (:func:`pep.proximal_step`, the step
  used by :mod:`pep.algorithms.ppm`); :math:`g_{k+1} = (x_k - x_{k+1})/\gamma \in \partial
  f(x_{k+1})`.
* Measure: :math:`f(x_N) - f_\star` relative to :math:`R^2 = \|x_0 - x_\star\|^2`.
* Theorem (upper bound; equal to the exact :math:`R^2/(4\gamma N)` of Taylor, Hendrickx and
  Glineur 2017 at N = 1 only): :math:`f(x_N) - f_\star \le \frac{R^2}{2\gamma(N+1)}`.
* Potential: :math:`V_0 = \frac12\|x_0 - x_\star\|^2` and, for k ≥ 1,
  :math:`V_k = \gamma k(f_k - f_\star) + \frac12\|x_k - x_\star\|^2
  + \frac{\gamma^2(2k-1)}{2}\|g_k\|^2` with :math:`I(i,j) = f_i - f_j - \langle g_j, x_i -
  x_j\rangle \ge 0`:

  .. math:: V_k - V_{k+1} = \gamma k\, I(k, k+1) + \gamma\, I(\star, k+1)
            + \tfrac{\gamma^2(2k-1)}{2}\|g_k\|^2 \quad (k \ge 1),

  :math:`V_0 - V_1 = \gamma I(\star, 1)`, and
  :math:`V_N - \gamma(N+1)(f_N - f_\star) = \gamma I(\star, N)
  + \frac12\|x_N - x_\star - \gamma g_N\|^2 + \gamma^2(N-1)\|g_N\|^2`.
* Assumptions: :math:`\gamma > 0`, :math:`N \ge 1`.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

import sympy as sp

from pep import Convex, proximal_step, sqnorm
from pep.symbolic import Final, Initial, Link, Proof, State, param

HALF = sp.Rational(1, 2)


def declare(c):
    return {"f": c.problem.function(Convex())}


def step(c, s, at):
    x_next, _, _ = proximal_step(s.x, c.f, c.gamma, name=at.next.name("x"))
    return State(x=x_next)


def potential(c, s, at):
    v = sqnorm(s.x - c.star) / 2
    if at.k == 0:  # x_0 carries no subgradient
        return v
    weight = c.gamma**2 * (2 * at.k - 1) / 2
    return c.gamma * at.k * (c.f(s.x) - c.f(c.star)) + v + weight * sqnorm(c.f.grad(s.x))


def step_multipliers(c, s, s1, at):
    out = {c.ineq(c.f, "interp", c.star, s1.x): c.gamma}
    if at.k != 0:
        out[c.ineq(c.f, "interp", s.x, s1.x)] = c.gamma * at.k
    return out


def step_squares(c, s, s1, at):
    return [] if at.k == 0 else [(c.gamma**2 * (2 * at.k - 1) / 2, c.f.grad(s.x))]


def end_squares(c, s, s1, at):
    g = c.f.grad(s.x)
    return [(HALF, s.x - c.star - c.gamma * g), (c.gamma**2 * (at.N - 1), g)]


PROOF = Proof(
    name="ppm",
    title="Proximal point method (convex), R^2/(2 gamma (N+1))",
    problem="convex minimization",
    method="x_{k+1} = prox_{gamma f}(x_k)",
    measure_text="f(x_N) - f(x*) <= rate * ||x_0 - x*||^2",
    theorem="f(x_N) - f(x*) <= R^2 / (2 gamma (N + 1))",
    tight=False,
    reference="O. Güler, SIAM J. Control Optim. 29 (1991); exact value: A. B. Taylor, "
    "J. M. Hendrickx, F. Glineur, SIAM J. Optim. 27(3) (2017)",
    params={"gamma": param("gamma")},
    declare=declare,
    origin=lambda c: c.f.minimizer(),
    state=("x",),
    start=lambda c, x0: State(x=x0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.x - c.star),
    measure=lambda c, s, at: c.f(s.x) - c.f(c.star),
    rate=lambda c, at: 1 / (2 * c.gamma * (at.N + 1)),
    links=(
        Link("start", Initial(lambda c, at: HALF), potential, lambda *a: {}, 0, advance=False),
        Link("first step", potential, potential, step_multipliers, 0),
        Link("step", potential, potential, step_multipliers, 1, "N - 1", step_squares),
        Link(
            "end",
            potential,
            Final(lambda c, at: c.gamma * (at.N + 1)),
            lambda c, s, s1, at: {c.ineq(c.f, "interp", c.star, s.x): c.gamma},
            "N",
            remainder=end_squares,
            advance=False,
        ),
    ),
    numeric={"gamma": 1},
    algorithm="ppm",
    algorithm_params=lambda p: {"gamma": p["gamma"]},
)
