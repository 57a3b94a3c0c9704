r"""ITEM on L-smooth, μ-strongly convex functions: ‖z_N - x*‖² ≤ R²/(1 + qA_N), exactly.

* Problem: minimize f, L-smooth and μ-strongly convex, parametrised as
  :math:`L = \mu(1+t)`, t > 0, so :math:`q = \mu/L = 1/(1+t)` (every q in (0, 1)).
* Method: ITEM (Taylor and Drori 2023), :func:`pep.algorithms.item.step`:
  :math:`y_k = (1-\beta_k)z_k + \beta_kx_k`, :math:`x_{k+1} = y_k - g_k/L`,
  :math:`z_{k+1} = (1-q\delta_k)z_k + q\delta_k(y_k - g_k/\mu)`, :math:`z_0 = x_0`, with
  :math:`A_0 = 0`, :math:`A_{k+1} = \frac{(1+q)A_k + 2(1 + \sqrt{(1+A_k)(1+qA_k)})}{(1-q)^2}`,
  :math:`\beta_k = \frac{A_k}{(1-q)A_{k+1}}`,
  :math:`\delta_k = \frac{(1-q)^2A_{k+1} - (1+q)A_k}{2(1+q+qA_k)}`.
* Measure: :math:`\|z_N - x_\star\|^2` relative to :math:`R^2 = \|x_0 - x_\star\|^2`.
* Theorem (tight and optimal; Taylor and Drori 2023, Thm 3):
  :math:`\|z_N - x_\star\|^2 \le \frac{R^2}{1 + qA_N}`.
* Potential (k ≥ 1; the state carries the last gradient point :math:`y_{k-1}`), with
  :math:`I(i, j)` the class's interpolation inequality (THG 2017, Thm 4):

  .. math:: V_k = \alpha_k I(y_{k-1}, \star) + (1 + qA_k)\|z_k - x_\star\|^2,\qquad
            \alpha_k = \frac{(1-q)A_k}{L},

  .. math::
      R^2 - V_1 &= \alpha_1 I(\star, y_0) + \text{(PSD)},\\
      V_k - V_{k+1} &= \alpha_k I(y_{k-1}, y_k) + (\alpha_{k+1} - \alpha_k) I(\star, y_k)
        + \text{(PSD)}\quad (1 \le k \le N-1),\\
      V_N - (1 + qA_N)\|z_N - x_\star\|^2 &= \alpha_N I(y_{N-1}, \star).

  The weights and multipliers were read off pep's one-step SDPs; the checker proves the
  identities modulo the recurrence of A (squared:
  :math:`((1-q)^2A_{k+1} - (1+q)A_k - 2)^2 = 4(1+A_k)(1+qA_k)`), which is all the proof uses
  of it.
* Assumptions: μ > 0, t > 0, k ≥ 0, :math:`A_k \ge 0` increasing (:math:`A_{k+1} - A_k \ge
  \frac{2}{(1-q)^2} > 0` from the recurrence).

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

import sympy as sp

from pep import SmoothStronglyConvex, sqnorm
from pep.algorithms import item
from pep.symbolic import Final, Initial, Link, Proof, Recurrence, State, param

MU, T = param("mu"), param("t")

Q = 1 / (1 + T)


def _a_relation(a, b, k):
    return ((1 - Q) ** 2 * b - (1 + Q) * a - 2) ** 2 - 4 * (1 + a) * (1 + Q * a)


A = Recurrence(
    "A",
    initial={0: 0},  # A_1 = 4/(1 - q)^2 is the larger root of the relation at A_0 = 0
    relation=_a_relation,
    forward=lambda a, k: ((1 + Q) * a + 2 * (1 + sp.sqrt((1 + a) * (1 + Q * a)))) / (1 - Q) ** 2,
    lower=(0,),
    monotone="increasing",
)


def smoothness(c):
    return c.mu * (1 + c.t)


def q(c):
    return 1 / (1 + c.t)


def alpha(c, at):
    return (1 - q(c)) * at(A) / smoothness(c)


def weight(c, at):
    return 1 + q(c) * at(A)


def declare(c):
    return {"f": c.problem.function(SmoothStronglyConvex(L=smoothness(c), mu=c.mu))}


def step(c, s, at):
    L = smoothness(c)
    x = s.z if at.k == 0 else s.xprev - c.f.grad(s.xprev) / L  # x_0 = z_0
    _, z, y = item.step(x, s.z, c.f, L, c.mu, at(A), at.next(A))
    return State(xprev=y, z=z)


def gap(c, x):
    """I(x, x*): the interpolation inequality between x and the minimizer (g* = 0)."""
    L, g = smoothness(c), c.f.grad(x)
    q = 1 / (1 + c.t)
    return (
        c.f(x)
        - c.f(c.star)
        - sqnorm(g) / (2 * L)
        - c.mu / (2 * (1 - q)) * sqnorm(x - c.star - g / L)
    )


def potential(c, s, at):
    return alpha(c, at) * gap(c, s.xprev) + weight(c, at) * sqnorm(s.z - c.star)


def step_multipliers(c, s, s1, at):
    a, a1 = alpha(c, at), alpha(c, at.next)
    return {
        c.ineq(c.f, "interp", s.xprev, s1.xprev): a,
        c.ineq(c.f, "interp", c.star, s1.xprev): a1 - a,
    }


PROOF = Proof(
    name="item",
    title="ITEM, ||z_N - x*||^2 <= R^2/(1 + q A_N) (exact)",
    problem="L-smooth mu-strongly convex minimization",
    method="information-theoretic exact method (Taylor-Drori)",
    measure_text="||z_N - x*||^2 <= rate * ||x_0 - x*||^2",
    theorem="||z_N - x*||^2 <= R^2 / (1 + q A_N)  (tight)",
    tight=True,
    reference="A. Taylor, Y. Drori, An optimal gradient method for smooth strongly convex "
    "minimization, Math. Program. 199 (2023), arXiv:2101.09741, Thm 3",
    params={"mu": MU, "t": T},
    declare=declare,
    origin=lambda c: c.f.minimizer(),
    state=("xprev", "z"),
    start=lambda c, x0: State(xprev=x0, z=x0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.z - c.star),
    measure=lambda c, s, at: sqnorm(s.z - c.star),
    rate=lambda c, at: 1 / weight(c, at),
    links=(
        Link(
            "start",
            Initial(lambda c, at: 1),
            potential,
            lambda c, s, s1, at: {c.ineq(c.f, "interp", c.star, s1.xprev): alpha(c, at.next)},
            0,
            remainder="psd",
        ),
        Link("step", potential, potential, step_multipliers, 1, "N - 1", "psd"),
        Link(
            "end",
            potential,
            Final(lambda c, at: weight(c, at)),
            lambda c, s, s1, at: {c.ineq(c.f, "interp", s.xprev, c.star): alpha(c, at)},
            "N",
            advance=False,
        ),
    ),
    numeric={"mu": 1, "t": 99},
    algorithm="item",
    algorithm_params=lambda p: {"L": p["mu"] * (1 + p["t"]), "mu": p["mu"]},
    compare_N=(1, 2, 3),
)
