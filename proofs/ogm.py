r"""OGM on L-smooth convex functions: the three potential identities behind its exact rate.

* Problem: minimize an L-smooth convex f (:class:`pep.SmoothConvex`).
* Method: OGM in (y, z) form, :func:`pep.algorithms.ogm.step` with :math:`\theta_0 = 1`,
  :math:`\theta_{k+1}^2 - \theta_{k+1} = \theta_k^2` and the last
  :math:`\theta_N^2 - \theta_N = 2\theta_{N-1}^2`; :math:`z_0 = x_0`.
* Measure: :math:`f(x_N) - f_\star` relative to :math:`R^2 = \|x_0 - x_\star\|^2`.
* Theorem (tight, exactly optimal): :math:`f(x_N) - f_\star \le \frac{L R^2}{2\theta_N^2}`
  (Kim and Fessler 2016, Math. Program. 159; Drori 2017 for optimality).
* Potential: :math:`U_k = 2\theta_k^2\big(f_k - f_\star - \frac{1}{2L}\|g_k\|^2\big)
  + \frac L2\|z_{k+1} - x_\star\|^2` with :math:`z_{k+1} = z_k - \frac{2\theta_k}{L}g_k`,
  and the last :math:`U_N = \theta_N^2(f_N - f_\star) + \frac L2\|z_N - \frac{\theta_N}{L}g_N -
  x_\star\|^2`. Identities (I as in :mod:`proofs.gd`):

  .. math::
      \tfrac L2 R^2 - U_0 &= 2 I(\star, 0),\\
      U_k - U_{k+1} &= 2\theta_k^2 I(k, k+1) + 2\theta_{k+1} I(\star, k+1)
        \quad (0 \le k \le N-2),\\
      U_{N-1} - U_N &= 2\theta_{N-1}^2 I(N-1, N) + \theta_N I(\star, N),\\
      U_N - \theta_N^2 (f_N - f_\star) &= \tfrac L2\|z_N - \tfrac{\theta_N}{L}g_N - x_\star\|^2.

* Assumptions: :math:`L > 0`, :math:`k \ge 0`, :math:`N \ge 1`, the recurrences (used to reduce
  the identities) and the facts :math:`\theta_k \ge 1` (signs).

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

from _sequences import THETA

from pep import SmoothConvex, sqnorm
from pep.algorithms import ogm
from pep.symbolic import Final, Initial, Link, Proof, State, param


def declare(c):
    return {"f": c.problem.function(SmoothConvex(L=c.L))}


def step(c, s, at):
    x, z = ogm.step(s.x, s.z, c.f, c.L, at(THETA), at.next(THETA))
    return State(x=x, z=z)


def potential(c, s, at):
    g, th = c.f.grad(s.x), at(THETA)
    z_next = s.z - 2 * th / c.L * g
    gap = c.f(s.x) - c.f(c.star) - sqnorm(g) / (2 * c.L)
    return 2 * th**2 * gap + c.L / 2 * sqnorm(z_next - c.star)


def last_potential(c, s, at):
    g, th = c.f.grad(s.x), at(THETA)
    return th**2 * (c.f(s.x) - c.f(c.star)) + c.L / 2 * sqnorm(s.z - th / c.L * g - c.star)


def step_multipliers(c, s, s1, at):
    return {
        c.ineq(c.f, "interp", s.x, s1.x): 2 * at(THETA) ** 2,
        c.ineq(c.f, "interp", c.star, s1.x): 2 * at.next(THETA),
    }


def last_multipliers(c, s, s1, at):
    return {
        c.ineq(c.f, "interp", s.x, s1.x): 2 * at(THETA) ** 2,
        c.ineq(c.f, "interp", c.star, s1.x): at.next(THETA),
    }


def end_squares(c, s, s1, at):
    return [(c.L / 2, s.z - at(THETA) / c.L * c.f.grad(s.x) - c.star)]


PROOF = Proof(
    name="ogm",
    title="OGM, LR^2/(2 theta_N^2) (three identities)",
    problem="L-smooth convex minimization",
    method="OGM (Kim-Fessler), (y, z) form",
    measure_text="f(x_N) - f(x*) <= rate * ||x_0 - x*||^2",
    theorem="f(x_N) - f(x*) <= L R^2 / (2 theta_N^2)",
    tight=True,
    reference="D. Kim, J. A. Fessler, Math. Program. 159 (2016); Y. Drori, J. Complexity 39 (2017)",
    params={"L": param("L")},
    declare=declare,
    origin=lambda c: c.f.minimizer(),
    state=("x", "z"),
    start=lambda c, x0: State(x=x0, z=x0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.x - c.star),
    measure=lambda c, s, at: c.f(s.x) - c.f(c.star),
    rate=lambda c, at: c.L / (2 * at(THETA) ** 2),
    links=(
        Link(
            "start",
            Initial(lambda c, at: c.L / 2),
            potential,
            lambda c, s, s1, at: {c.ineq(c.f, "interp", c.star, s.x): 2},
            0,
            advance=False,
        ),
        Link("step", potential, potential, step_multipliers, 0, "N - 2"),
        Link("last step", potential, last_potential, last_multipliers, "N - 1"),
        Link(
            "end",
            last_potential,
            Final(lambda c, at: at(THETA) ** 2),
            lambda *a: {},
            "N",
            remainder=end_squares,
            advance=False,
        ),
    ),
    special={"theta": ("last", "N")},
    numeric={"L": 1},
    algorithm="ogm",
    algorithm_params=lambda p: {"L": p["L"]},
)
