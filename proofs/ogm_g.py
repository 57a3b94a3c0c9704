r"""OGM-G: a potential proof, for symbolic N, of the exact gradient-norm rate 2L(f_0 - f*)/θ_N².

* Problem: minimize an L-smooth convex f (:class:`pep.SmoothConvex`).
* Method: OGM-G (:func:`pep.algorithms.ogm_g.step`), :math:`y_0 = x_0`, with
  :math:`\psi_i = \theta_{N-i}`: :math:`\psi_N = 1`, :math:`\psi_i^2 - \psi_i = \psi_{i+1}^2`
  (1 ≤ i < N) and :math:`\psi_0^2 - \psi_0 = 2\psi_1^2`.
* Measure: :math:`\|\nabla f(x_N)\|^2` relative to :math:`f(x_0) - f_\star`.
* Theorem (tight; Kim and Fessler 2021, JOTA 188):
  :math:`\|\nabla f(x_N)\|^2 \le \frac{2L(f(x_0) - f_\star)}{\theta_N^2}`, here for N ≥ 2
  (N = 1 is not covered by this chain).
* Potential, anchored at the last iterate :math:`x_N` (a free point in each one-step identity,
  the step's output in the last one). With :math:`u_i = x_i - y_i` and
  :math:`I(i,j)` as in :mod:`proofs.gd`, for 1 ≤ i ≤ N:

  .. math::
      W_i = \frac{1}{\psi_i^2}\Big(f_i - f_N - \langle g_i, u_i\rangle + \frac{\|g_i\|^2
      + \|g_N\|^2}{2L}\Big) + \frac{(\psi_i - 1)^2 L}{\psi_i^2(2\psi_i - 1)^2}\|u_i\|^2
      + \frac{\langle u_i, L(x_i - x_N) + g_N\rangle}{\psi_i^2(2\psi_i - 1)},

  :math:`W_0 = \frac{2}{\psi_0^2}\big(f_0 - f_N + \frac{1}{2L}\|g_N\|^2\big)` and
  :math:`W_N = \frac1L\|g_N\|^2`. The identities are those of the certificate of REFERENCE §2
  split step by step (this potential is its partial sum, found by solving for the coefficients
  numerically and reading off the closed forms; the checker proves them):

  .. math::
      \tfrac{2}{\psi_0^2}(f_0 - f_\star) - W_0 &= \tfrac{2}{\psi_0^2} I(N, \star),\\
      W_0 - W_1 &= \tfrac{1}{\psi_1^2} I(0, 1) + \big(\tfrac{1}{\psi_1^2} - \tfrac{2}{\psi_0^2}\big) I(N, 0),\\
      W_i - W_{i+1} &= \tfrac{1}{\psi_{i+1}^2} I(i, i+1)
        + \big(\tfrac{1}{\psi_{i+1}^2} - \tfrac{1}{\psi_i^2}\big) I(N, i) \quad (1 \le i \le N-1).

* Assumptions: :math:`L > 0`, N ≥ 2, the recurrences and the facts :math:`\psi_i \ge 1`,
  :math:`\psi_{i+1} \le \psi_i`.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

import sympy as sp
from _sequences import PSI

from pep import SmoothConvex, sqnorm
from pep.algorithms import ogm_g
from pep.symbolic import Final, Initial, Link, Proof, State, param


def declare(c):
    return {"f": c.problem.function(SmoothConvex(L=c.L))}


def _is(at, expr):
    return sp.simplify(sp.sympify(at.k) - sp.sympify(expr).subs("N", at.N)) == 0


def fresh(c, at):
    """x_i, y_i free; the anchor x_N is free, except at i = N - 1 (the step's output) and i = N."""
    x, y = c.problem.point(at.name("x")), c.problem.point(at.name("y"))
    if _is(at, at.N):
        return State(x=x, y=y, xN=x)
    if _is(at, at.N - 1):
        xN, _ = ogm_g.step(x, y, c.f, c.L, at(PSI), at.next(PSI))
        return State(x=x, y=y, xN=xN.with_name("x_N"))
    return State(x=x, y=y, xN=c.problem.point("x_N"))


def step(c, s, at):
    x, y = ogm_g.step(s.x, s.y, c.f, c.L, at(PSI), at.next(PSI))
    return State(x=x, y=y, xN=s.xN)


def potential(c, s, at):
    p, g, gN, u = at(PSI), c.f.grad(s.x), c.f.grad(s.xN), s.x - s.y
    head = c.f(s.x) - c.f(s.xN) - g @ u + (sqnorm(g) + sqnorm(gN)) / (2 * c.L)
    return (
        head / p**2
        + (p - 1) ** 2 * c.L / (p**2 * (2 * p - 1) ** 2) * sqnorm(u)
        + (u @ (c.L * (s.x - s.xN) + gN)) / (p**2 * (2 * p - 1))
    )


def first_potential(c, s, at):
    gN = c.f.grad(s.xN)
    return 2 / at(PSI) ** 2 * (c.f(s.x) - c.f(s.xN) + sqnorm(gN) / (2 * c.L))


def step_multipliers(c, s, s1, at):
    p, q = at(PSI), at.next(PSI)
    first = 2 if at.k == 0 else 1  # the I(N, 0) weight uses 2/psi_0^2
    return {
        c.ineq(c.f, "interp", s.x, s1.x): 1 / q**2,
        c.ineq(c.f, "interp", s.xN, s.x): 1 / q**2 - first / p**2,
    }


PROOF = Proof(
    name="ogm_g",
    title="OGM-G, 2L(f_0 - f*)/theta_N^2 (potential anchored at x_N)",
    problem="L-smooth convex minimization, gradient norm",
    method="OGM-G (Kim-Fessler 2021)",
    measure_text="||grad f(x_N)||^2 <= rate * (f(x_0) - f(x*))",
    theorem="||grad f(x_N)||^2 <= 2 L (f(x_0) - f(x*)) / theta_N^2  (N >= 2)",
    tight=True,
    reference="D. Kim, J. A. Fessler, J. Optim. Theory Appl. 188 (2021)",
    params={"L": param("L")},
    declare=declare,
    origin=lambda c: c.f.minimizer(),
    state=("x", "y"),
    anchors={"xN": "x_N"},
    start=lambda c, x0: State(x=x0, y=x0, xN=c.problem.point("x_N")),
    step=step,
    fresh=fresh,
    initial_measure=lambda c, s: c.f(s.x) - c.f(c.star),
    measure=lambda c, s, at: sqnorm(c.f.grad(s.x)),
    rate=lambda c, at: 2 * c.L / at.env.value(PSI, 0) ** 2,
    links=(
        Link(
            "start",
            Initial(lambda c, at: 2 / at(PSI) ** 2),
            first_potential,
            lambda c, s, s1, at: {c.ineq(c.f, "interp", s.xN, c.star): 2 / at(PSI) ** 2},
            0,
            advance=False,
        ),
        Link("first step", first_potential, potential, step_multipliers, 0),
        Link("step", potential, potential, step_multipliers, 1, "N - 2"),
        Link("last step", potential, potential, step_multipliers, "N - 1"),
        Link("end", potential, Final(lambda c, at: 1 / c.L), lambda *a: {}, "N", advance=False),
    ),
    special={"psi": ("first", 1)},
    N_min=2,
    numeric={"L": 1},
    algorithm="ogm_g",
    algorithm_params=lambda p: {"L": p["L"]},
    compare_N=(2, 3, 5),
)
