r"""EAG-V on smooth convex-concave saddle problems: the Lyapunov proof of O(1/((N+1)(N+2))).

* Problem: find a zero of the saddle operator G of an L-smooth convex-concave function
  (monotone and L-Lipschitz, pairwise conditions of :class:`pep.operators.SmoothConvexConcave`).
* Method (:func:`pep.algorithms.eag.step`, :math:`\beta_k = 1/(k+2)`):
  :math:`z_{k+1/2} = z_k + \beta_k(z_0 - z_k) - \alpha_k G z_k`,
  :math:`z_{k+1} = z_k + \beta_k(z_0 - z_k) - \alpha_k G z_{k+1/2}`, with
  :math:`\alpha_{k+1} = \alpha_k\big(1 - \frac{\alpha_k^2L^2}{(k+1)(k+3)(1 - \alpha_k^2L^2)}\big)`,
  :math:`\alpha_0 \in (0, \frac{3}{4L})`.
* Measure: :math:`\|G z_N\|^2` relative to :math:`R^2 = \|z_0 - z_\star\|^2`.
* Theorem (upper bound; Yoon and Ryu 2021, Thm 2, here in the exact telescoped form):
  :math:`\|G z_N\|^2 \le \frac{2\alpha_0L^2 + (N+1)^2/A_N}{A_N}\,R^2` with
  :math:`A_N = \alpha_N(N+1)(N+2)/2`, i.e. :math:`O(1/(\alpha_\infty^2 (N+1)(N+2)))`.
* Potential: :math:`V_k = A_k\|G z_k\|^2 + (k+1)\langle G z_k, z_k - z_0\rangle`,
  :math:`A_k = \alpha_k(k+1)(k+2)/2`;

  .. math::
      \alpha_0 L^2 R^2 - V_0 &= \alpha_0\,Lip(0, \star),\\
      V_k - V_{k+1} &= (k+1)(k+2)\,Mono(k, k+1) + \tfrac{A_k}{\alpha_k^2L^2}\,Lip(k+\tfrac12, k+1)
        + R_k \quad (R_k \succeq 0),\\
      V_N - \tfrac{A_N}{2}\|G z_N\|^2 + \tfrac{(N+1)^2}{2A_N}R^2 &= (N+1)\,Mono(N, \star)
        + \tfrac{1}{2A_N}\|A_N G z_N - (N+1)(z_0 - z_\star)\|^2.

* Assumptions: :math:`L > 0`, :math:`k \ge 0`, :math:`\alpha_0 \le \frac{3}{4L}`
  (``assume``: the base case of the facts below needs it), the α recurrence and its facts
  :math:`0 < \alpha_{k+1} \le \alpha_k \le \alpha_0 < \frac{3}{4L}`, by induction (the
  checker proves base case and step, :mod:`pep.symbolic.induction`): if
  :math:`0 < \alpha_k L < 3/4` the factor subtracted in the recurrence,
  :math:`\alpha_k^2L^2/((k+1)(k+3)(1 - \alpha_k^2L^2))`, lies in :math:`(0, 3/7]`, so
  :math:`0 < \alpha_{k+1} < \alpha_k` (also tested numerically in
  ``tests/test_symbolic_sequences.py``).

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

import sympy as sp

from pep import sqnorm
from pep.algorithms import eag
from pep.operators import SmoothConvexConcave
from pep.symbolic import Closed, Final, Initial, K, Link, Proof, Recurrence, State, param

L = param("L")
ALPHA0 = param("alpha0")
BETA = Closed("beta", 1 / (K + 2))  # eag.anchor(k), for a symbolic k


def _alpha_relation(a, b, k):
    q = (k + 1) * (k + 3) * (1 - a**2 * L**2)
    return b * q - a * (q - a**2 * L**2)


ALPHA = Recurrence(
    "alpha",
    initial={0: ALPHA0},
    relation=_alpha_relation,
    forward=lambda a, k: a * (1 - a**2 * L**2 / ((k + 1) * (k + 3) * (1 - a**2 * L**2))),
    lower=(0,),
    positive=True,
    upper=(3 / (4 * L),),
    monotone="decreasing",
)


def declare(c):
    return {"G": c.problem.operator(SmoothConvexConcave(L=c.L), name="G")}


def step(c, s, at):
    half, z = eag.step(s.z, s.z0, c.G, at(ALPHA), at(BETA), name=at.next.name("h"))
    return State(z=z, z0=s.z0, half=half)  # the half point rides along for the multipliers


def weight(at):
    return at(ALPHA) * (at.k + 1) * (at.k + 2) / 2


def potential(c, s, at):
    u = c.G(s.z)
    return weight(at) * sqnorm(u) + (at.k + 1) * (u @ (s.z - s.z0))


def step_multipliers(c, s, s1, at):
    return {
        c.ineq(c.G, "monotone", s.z, s1.z): (at.k + 1) * (at.k + 2),
        c.ineq(c.G, "lipschitz", s1.half, s1.z): weight(at) / (at(ALPHA) ** 2 * c.L**2),
    }


def end_squares(c, s, s1, at):
    a = weight(at)
    return [(1 / (2 * a), a * c.G(s.z) - (at.N + 1) * (s.z0 - c.star))]


PROOF = Proof(
    name="eag_v",
    title="EAG-V, O(1/((N+1)(N+2))) Lyapunov proof",
    problem="zero of the saddle operator of an L-smooth convex-concave function (pairwise)",
    method="extra anchored gradient, varying step alpha_k",
    measure_text="||G z_N||^2 <= rate * ||z_0 - z*||^2",
    theorem="||G z_N||^2 <= (2 alpha_0 L^2 + (N+1)^2/A_N) / A_N R^2",
    tight=False,
    reference="T. Yoon, E. K. Ryu, Accelerated algorithms for smooth convex-concave minimax "
    "problems with O(1/k^2) rate on squared gradient norm, ICML 2021, Thm 2",
    params={"L": L, "alpha0": ALPHA0},
    declare=declare,
    origin=lambda c: c.G.zero(),
    state=("z",),
    anchors={"z0": "z_0"},
    start=lambda c, z0: State(z=z0, z0=z0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.z0 - c.star),
    measure=lambda c, s, at: sqnorm(c.G(s.z)),
    rate=lambda c, at: (2 * c.alpha0 * c.L**2 + (at.N + 1) ** 2 / weight(at)) / weight(at),
    links=(
        Link(
            "start",
            Initial(lambda c, at: c.alpha0 * c.L**2),
            potential,
            lambda c, s, s1, at: {c.ineq(c.G, "lipschitz", s.z, c.star): c.alpha0},
            0,
            advance=False,
        ),
        Link("step", potential, potential, step_multipliers, 0, "N - 1", "psd"),
        Link(
            "end",
            potential,
            Final(lambda c, at: weight(at) / 2, lambda c, at: (at.N + 1) ** 2 / (2 * weight(at))),
            lambda c, s, s1, at: {c.ineq(c.G, "monotone", s.z, c.star): at.N + 1},
            "N",
            remainder=end_squares,
            advance=False,
        ),
    ),
    assume={"alpha0": (0, 3 / (4 * L))},
    numeric={"L": 1, "alpha0": sp.Rational(309, 500)},
    algorithm="eag_v",
    algorithm_params=lambda p: {"L": p["L"], "alpha0": p["alpha0"]},
)
