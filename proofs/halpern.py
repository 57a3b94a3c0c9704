r"""Halpern iteration / OHM on a nonexpansive map: the potential proof of 4R²/(N+1)².

* Problem: find a fixed point of a nonexpansive T (:class:`pep.Nonexpansive`).
* Method: :math:`y_{k+1} = \frac{1}{k+2}y_0 + \frac{k+1}{k+2}Ty_k`
  (:func:`pep.algorithms.halpern.step`).
* Measure: :math:`\|y_N - Ty_N\|^2` relative to :math:`R^2 = \|y_0 - y_\star\|^2`.
* Theorem (tight; Lieder 2021, optimal by Park and Ryu 2022):
  :math:`\|y_N - Ty_N\|^2 \le \frac{4R^2}{(N+1)^2}`.
* Potential (:math:`r_k = y_k - Ty_k`): :math:`V_k = k(k+1)\|r_k\|^2 + 2(k+1)\langle r_k,
  y_k - y_0\rangle`, :math:`V_0 = 0`, with
  :math:`NE(i,j) = \|y_i - y_j\|^2 - \|Ty_i - Ty_j\|^2 \ge 0`:

  .. math::
      V_k - V_{k+1} &= (k+1)(k+2)\,NE(k, k+1),\\
      V_N - \tfrac{(N+1)^2}{2}\|r_N\|^2 + 2R^2 &= (N+1)\,NE(N, \star)
        + \tfrac12\|(N+1)r_N - 2(y_0 - y_\star)\|^2.

* Assumptions: :math:`k \ge 0`, :math:`N \ge 1`.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

import sympy as sp

from pep import Nonexpansive, sqnorm
from pep.algorithms import halpern
from pep.symbolic import Closed, Final, Initial, K, Link, Proof, State

LAMBDA = Closed("lambda", 1 / (K + 2))  # halpern.anchor(k), for a symbolic k


def declare(c):
    return {"T": c.problem.operator(Nonexpansive(), name="T")}


def step(c, s, at):
    return State(y=halpern.step(s.y, s.y0, c.T, at(LAMBDA)), y0=s.y0)


def potential(c, s, at):
    r = s.y - c.T(s.y)
    return at.k * (at.k + 1) * sqnorm(r) + 2 * (at.k + 1) * (r @ (s.y - s.y0))


def end_squares(c, s, s1, at):
    r = s.y - c.T(s.y)
    return [(sp.Rational(1, 2), (at.N + 1) * r - 2 * (s.y0 - c.star))]


PROOF = Proof(
    name="halpern",
    title="Halpern / OHM, 4R^2/(N+1)^2",
    problem="fixed point of a nonexpansive operator",
    method="y_{k+1} = y_0/(k+2) + (k+1)/(k+2) T y_k",
    measure_text="||y_N - T y_N||^2 <= rate * ||y_0 - y*||^2",
    theorem="||y_N - T y_N||^2 <= 4 R^2 / (N + 1)^2",
    tight=True,
    reference="F. Lieder, Optim. Lett. 15 (2021); J. Park, E. K. Ryu, ICML 2022",
    params={},
    declare=declare,
    origin=lambda c: c.T.fixed_point(),
    state=("y",),
    anchors={"y0": "y_0"},
    start=lambda c, y0: State(y=y0, y0=y0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.y0 - c.star),
    measure=lambda c, s, at: sqnorm(s.y - c.T(s.y)),
    rate=lambda c, at: 4 / (at.N + 1) ** 2,
    links=(
        Link("start", Initial(lambda c, at: 0), potential, lambda *a: {}, 0, advance=False),
        Link(
            "step",
            potential,
            potential,
            lambda c, s, s1, at: {c.ineq(c.T, "nonexpansive", s.y, s1.y): (at.k + 1) * (at.k + 2)},
            0,
            "N - 1",
        ),
        Link(
            "end",
            potential,
            Final(lambda c, at: (at.N + 1) ** 2 / sp.Integer(2), lambda c, at: 2),
            lambda c, s, s1, at: {c.ineq(c.T, "nonexpansive", s.y, c.star): at.N + 1},
            "N",
            remainder=end_squares,
            advance=False,
        ),
    ),
    algorithm="halpern",
)
