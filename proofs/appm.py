r"""Accelerated proximal point method (APPM) on a monotone operator: the proof of R²/N².

* Problem: find a zero of a maximal monotone A (:class:`pep.Monotone`).
* Method (:func:`pep.algorithms.appm.step`, Kim 2021): :math:`x_{k+1} = J_{\alpha A}(y_k)`,
  :math:`y_{k+1} = x_{k+1} + c_k(x_{k+1} - x_k) - c_k(x_k - y_{k-1})`, :math:`c_k = k/(k+2)`,
  :math:`x_0 = y_0 = y_{-1}`.
* Measure: :math:`\|x_N - y_{N-1}\|^2` relative to :math:`R^2 = \|x_0 - x_\star\|^2`.
* Theorem (tight; Kim 2021): :math:`\|x_N - y_{N-1}\|^2 \le R^2/N^2`.
* Why: the :math:`y_k` are exactly the Halpern/OHM iterates for the nonexpansive
  :math:`T = 2J_{\alpha A} - I`, and :math:`\|y - y'\|^2 - \|Ty - Ty'\|^2 =
  4\alpha\langle a - a', x - x'\rangle` for :math:`x = J_{\alpha A}y`,
  :math:`a = (y - x)/\alpha \in Ax`. So with :math:`r_{k-1} = y_{k-1} - Ty_{k-1} =
  2(y_{k-1} - x_k)` the OHM potential shifted by one index is
  :math:`V_k = (k-1)k\|r_{k-1}\|^2 + 2k\langle r_{k-1}, y_{k-1} - y_0\rangle` (k ≥ 1), and

  .. math::
      V_0 = V_1 = 0,\qquad V_k - V_{k+1} = 4\alpha k(k+1)\,Mono(x_k, x_{k+1}),\\
      V_N - 2N^2\|x_N - y_{N-1}\|^2 + 2R^2 = 4\alpha N\,Mono(x_N, x_\star)
        + \tfrac12\|N r_{N-1} - 2(x_0 - x_\star)\|^2.

  The state :math:`(x_k, y_k, y_{k-1})` carries two invariants: :math:`x_k = J_{\alpha
  A}(y_{k-1})` (the record :math:`A x_k \ni (y_{k-1} - x_k)/\alpha`, made by the resolvent)
  and :math:`y_k = \frac{y_0}{k+1} + \frac{k}{k+1}(2x_k - y_{k-1})` (the OHM step), which the
  checker proves by induction (it holds at the start and after every step).
* Assumptions: :math:`\alpha > 0`, :math:`k \ge 1`, :math:`N \ge 1`.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

import sympy as sp

from pep import Monotone, sqnorm
from pep.algorithms import appm
from pep.symbolic import Closed, Final, Initial, K, Link, Proof, State, param

C_K = Closed("c", K / (K + 2))  # appm.momentum(k), for a symbolic k


def declare(c):
    return {"A": c.problem.operator(Monotone(), name="A")}


def ohm_y(s, at):
    """OHM's y_k = y_0/(k+1) + k/(k+1) (2 x_k - y_{k-1}) (T = 2J - I applied to y_{k-1})."""
    return s.x0 / (at.k + 1) + at.k / (at.k + 1) * (2 * s.x - s.yp)


def fresh(c, at):
    """A state at k >= 1: x_k = J(y_{k-1}) (an operator record) and y_k from the invariant."""
    x, yp, x0 = (c.problem.point(n) for n in (at.name("x"), at.name("yp"), "x_0"))
    c.A.add_record(x, (yp - x) / c.alpha, x.name)
    s = State(x=x, yp=yp, x0=x0, y=x0)
    return State(x=x, yp=yp, x0=x0, y=ohm_y(s, at))


def step(c, s, at):
    x, y = appm.step(s.x, s.y, s.yp, c.A, c.alpha, at(C_K), name=at.next.name("x"))
    return State(x=x, y=y, yp=s.y, x0=s.x0)


def potential(c, s, at):
    if at.k == 0:
        return sqnorm(s.x - s.x) * 0  # V_0 = 0: no resolvent has been taken yet
    r = 2 * (s.yp - s.x)
    return (at.k - 1) * at.k * sqnorm(r) + 2 * at.k * (r @ (s.yp - s.x0))


def end_squares(c, s, s1, at):
    return [(sp.Rational(1, 2), at.N * 2 * (s.yp - s.x) - 2 * (s.x0 - c.star))]


PROOF = Proof(
    name="appm",
    title="APPM (Kim), R^2/N^2",
    problem="zero of a maximal monotone operator",
    method="accelerated proximal point (OHM on 2J - I)",
    measure_text="||x_N - y_{N-1}||^2 <= rate * ||x_0 - x*||^2",
    theorem="||x_N - y_{N-1}||^2 <= R^2 / N^2",
    tight=True,
    reference="D. Kim, Accelerated proximal point method for maximally monotone operators, "
    "Math. Program. 190 (2021)",
    params={"alpha": param("alpha")},
    declare=declare,
    origin=lambda c: c.A.zero(),
    state=("x", "y", "yp"),
    anchors={"x0": "x_0"},
    start=lambda c, x0: State(x=x0, y=x0, yp=x0, x0=x0),
    step=step,
    fresh=fresh,
    invariants=lambda c, s, at: {"y_k is the OHM iterate": s.y - ohm_y(s, at)},
    initial_measure=lambda c, s: sqnorm(s.x0 - c.star),
    measure=lambda c, s, at: sqnorm(s.x - s.yp),
    rate=lambda c, at: 1 / at.N**2,
    links=(
        Link("start", Initial(lambda c, at: 0), potential, lambda *a: {}, 0, advance=False),
        Link("first step", potential, potential, lambda *a: {}, 0),
        Link(
            "step",
            potential,
            potential,
            lambda c, s, s1, at: {
                c.ineq(c.A, "monotone", s.x, s1.x): 4 * c.alpha * at.k * (at.k + 1)
            },
            1,
            "N - 1",
        ),
        Link(
            "end",
            potential,
            Final(lambda c, at: 2 * at.N**2, lambda c, at: 2),
            lambda c, s, s1, at: {c.ineq(c.A, "monotone", s.x, c.star): 4 * c.alpha * at.N},
            "N",
            remainder=end_squares,
            advance=False,
        ),
    ),
    numeric={"alpha": 1},
    algorithm="appm",
    algorithm_params=lambda p: {"alpha": p["alpha"]},
)
