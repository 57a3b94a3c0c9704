r"""Gradient descent on L-smooth convex functions: the potential proof of the O(1/N) rate.

* Problem: minimize an L-smooth convex f (class :class:`pep.SmoothConvex`).
* Method: :math:`x_{k+1} = x_k - \frac1L\nabla f(x_k)` (:func:`pep.algorithms.gd.step`, h = 1).
* Measure: :math:`f(x_N) - f_\star` relative to :math:`R^2 = \|x_0 - x_\star\|^2`.
* Theorem (upper bound, not tight): :math:`f(x_N) - f_\star \le \frac{L R^2}{2N}`. The exact
  worst case is :math:`LR^2/(4N+2)` (Drori and Teboulle 2014, Thm 3.1); this potential
  argument is the classical one (e.g. Bansal and Gupta 2019, "Potential-function proofs for
  gradient methods", Sec. 3).
* Potential: :math:`V_k = k(f_k - f_\star) + \frac L2\|x_k - x_\star\|^2`, with
  :math:`I(i,j) = f_i - f_j - \langle g_j, x_i - x_j\rangle - \frac{1}{2L}\|g_i - g_j\|^2 \ge 0`:

  .. math:: V_k - V_{k+1} = (k+1)\,I(k,k+1) + I(\star,k)
            + \tfrac{k+1}{2L}\big(\|g_k\|^2 + \|g_{k+1}\|^2\big).

* Chain: :math:`\frac L2 R^2 = V_0 \ge V_N \ge N(f_N - f_\star)`.
* Assumptions: :math:`k \ge 0`, :math:`L > 0`.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

from pep import SmoothConvex, sqnorm
from pep.algorithms import gd
from pep.symbolic import Final, Initial, Link, Proof, State, param


def declare(c):
    return {"f": c.problem.function(SmoothConvex(L=c.L))}


def step(c, s, at):
    return State(x=gd.step(s.x, c.f, 1 / c.L))


def potential(c, s, at):
    return at.k * (c.f(s.x) - c.f(c.star)) + c.L / 2 * sqnorm(s.x - c.star)


def step_multipliers(c, s, s1, at):
    return {
        c.ineq(c.f, "interp", s.x, s1.x): at.k + 1,
        c.ineq(c.f, "interp", c.star, s.x): 1,
    }


def step_squares(c, s, s1, at):
    w = (at.k + 1) / (2 * c.L)
    return [(w, c.f.grad(s.x)), (w, c.f.grad(s1.x))]


PROOF = Proof(
    name="gd",
    title="Gradient descent, potential proof of LR^2/(2N)",
    problem="L-smooth convex minimization",
    method="x_{k+1} = x_k - g_k/L",
    measure_text="f(x_N) - f(x*) <= rate * ||x_0 - x*||^2",
    theorem="f(x_N) - f(x*) <= L R^2 / (2N)",
    tight=False,
    reference="Y. Drori, M. Teboulle, Math. Program. 145 (2014); potential: N. Bansal, A. Gupta, "
    "Theory of Computing 15 (2019)",
    params={"L": param("L")},
    declare=declare,
    origin=lambda c: c.f.minimizer(),
    state=("x",),
    start=lambda c, x0: State(x=x0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.x - c.star),
    measure=lambda c, s, at: c.f(s.x) - c.f(c.star),
    rate=lambda c, at: c.L / (2 * at.N),
    links=(
        Link("start", Initial(lambda c, at: c.L / 2), potential, lambda *a: {}, 0, advance=False),
        Link("step", potential, potential, step_multipliers, 0, "N - 1", step_squares),
        Link(
            "end",
            potential,
            Final(lambda c, at: at.N),
            lambda *a: {},
            "N",
            remainder=lambda c, s, s1, at: [(c.L / 2, s.x - c.star)],
            advance=False,
        ),
    ),
    numeric={"L": 1},
    algorithm="gd",
    algorithm_params=lambda p: {"L": p["L"]},
)
