r"""Nesterov's fast gradient method (Beck-Teboulle form): the potential proof of LR²/(2t_N²).

* Problem: minimize an L-smooth convex f (:class:`pep.SmoothConvex`).
* Method: :math:`y_{k+1} = x_k + \frac{\lambda_k - 1}{\lambda_{k+1}}(x_k - x_{k-1})`
  (:func:`pep.algorithms.fgm.momentum`), :math:`x_{k+1} = y_{k+1} - \frac1L\nabla f(y_{k+1})`
  (:func:`pep.algorithms.gd.step`), with :math:`\lambda_0 = 0`,
  :math:`\lambda_{k+1}^2 - \lambda_{k+1} = \lambda_k^2` (so :math:`\lambda_k = t_k`, k ≥ 1) and
  :math:`x_{-1} = x_0`.
* Measure: :math:`f(x_N) - f_\star` relative to :math:`R^2 = \|x_0 - x_\star\|^2`.
* Theorem (upper bound, not tight): :math:`f(x_N) - f_\star \le \frac{LR^2}{2t_N^2}
  \le \frac{2LR^2}{(N+1)^2}` (Beck and Teboulle 2009, Thm 4.4).
* Potential: :math:`V_k = \lambda_k^2(f(x_k) - f_\star) + \frac L2\|z_k - x_\star\|^2` with
  :math:`z_k = x_{k-1} + \lambda_k(x_k - x_{k-1})`;

  .. math:: V_k - V_{k+1} = \lambda_k^2 I(x_k, y_{k+1}) + \lambda_{k+1} I(\star, y_{k+1})
            + \lambda_{k+1}^2 I(y_{k+1}, x_{k+1}) + R_k,

  R_k a PSD quadratic form (shown by symbolic LDLᵀ).
* Assumptions: :math:`L > 0`, :math:`k \ge 0`, the recurrence, :math:`\lambda_k \ge 0` and
  monotonicity.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

from _sequences import LAM

from pep import SmoothConvex, sqnorm
from pep.algorithms import fgm, gd
from pep.symbolic import Final, Initial, Link, Proof, State, param


def declare(c):
    return {"f": c.problem.function(SmoothConvex(L=c.L))}


def step(c, s, at):
    y = fgm.momentum(s.x, s.xp, at(LAM), at.next(LAM)).with_name(at.next.name("y"))
    return State(x=gd.step(y, c.f, 1 / c.L), xp=s.x, y=y)  # y rides along for the multipliers


def potential(c, s, at):
    z = s.xp + at(LAM) * (s.x - s.xp)
    return at(LAM) ** 2 * (c.f(s.x) - c.f(c.star)) + c.L / 2 * sqnorm(z - c.star)


def step_multipliers(c, s, s1, at):
    y = s1.y
    return {
        c.ineq(c.f, "interp", s.x, y): at(LAM) ** 2,
        c.ineq(c.f, "interp", c.star, y): at.next(LAM),
        c.ineq(c.f, "interp", y, s1.x): at.next(LAM) ** 2,
    }


PROOF = Proof(
    name="fgm",
    title="FGM (Beck-Teboulle), LR^2/(2 t_N^2)",
    problem="L-smooth convex minimization",
    method="Nesterov FGM / FISTA with h = 0",
    measure_text="f(x_N) - f(x*) <= rate * ||x_0 - x*||^2",
    theorem="f(x_N) - f(x*) <= L R^2 / (2 t_N^2)",
    tight=False,
    reference="A. Beck, M. Teboulle, SIAM J. Imaging Sci. 2(1) (2009), Thm 4.4",
    params={"L": param("L")},
    declare=declare,
    origin=lambda c: c.f.minimizer(),
    state=("x", "xp"),
    start=lambda c, x0: State(x=x0, xp=x0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.x - c.star),
    measure=lambda c, s, at: c.f(s.x) - c.f(c.star),
    rate=lambda c, at: c.L / (2 * at(LAM) ** 2),
    links=(
        Link("start", Initial(lambda c, at: c.L / 2), potential, lambda *a: {}, 0, advance=False),
        Link("step", potential, potential, step_multipliers, 0, "N - 1", "psd"),
        Link(
            "end",
            potential,
            Final(lambda c, at: at(LAM) ** 2),
            lambda *a: {},
            "N",
            remainder=lambda c, s, s1, at: [(c.L / 2, s.xp + at(LAM) * (s.x - s.xp) - c.star)],
            advance=False,
        ),
    ),
    numeric={"L": 1},
    algorithm="fgm",
    algorithm_params=lambda p: {"L": p["L"]},
)
