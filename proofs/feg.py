r"""Fast extragradient (FEG) on monotone L-Lipschitz operators: the potential proof of 4L²R²/N².

* Problem: find a zero of a monotone, L-Lipschitz operator F (pairwise conditions of
  :class:`pep.LipschitzMonotone`; the bound holds on the larger pairwise class).
* Method (:func:`pep.algorithms.feg.step`, :math:`\beta_k = 1/(k+1)`, step :math:`1/L`):
  :math:`z_{k+1/2} = z_k + \beta_k(z_0 - z_k) - \frac{1-\beta_k}{L}F z_k`,
  :math:`z_{k+1} = z_k + \beta_k(z_0 - z_k) - \frac1L F z_{k+1/2}`.
* Measure: :math:`\|F z_N\|^2` relative to :math:`R^2 = \|z_0 - z_\star\|^2`.
* Theorem (upper bound; PEP-tight for N ≥ 2 on the pairwise class; Lee and Kim 2021):
  :math:`\|F z_N\|^2 \le \frac{4L^2R^2}{N^2}`.
* Potential: :math:`V_k = \frac{k^2}{L^2}\|F z_k\|^2 + \frac{2k}{L}\langle F z_k, z_k -
  z_0\rangle` (REFERENCE §2's, times :math:`N^2/(2L^2)`), :math:`V_0 = 0`, with
  :math:`Lip(i,j) = L^2\|z_i - z_j\|^2 - \|F z_i - F z_j\|^2`,
  :math:`Mono(i,j) = \langle F z_i - F z_j, z_i - z_j\rangle`:

  .. math::
      V_k - V_{k+1} &= \tfrac{(k+1)^2}{L^2}\,Lip(k+\tfrac12, k+1) + \tfrac{2k(k+1)}{L}\,Mono(k, k+1),\\
      V_N - \tfrac{N^2}{2L^2}\|F z_N\|^2 + 2R^2 &= \tfrac{2N}{L}Mono(N, \star)
        + \tfrac12\|\tfrac NL F z_N - 2(z_0 - z_\star)\|^2.

* Assumptions: :math:`L > 0`, :math:`k \ge 0`, :math:`N \ge 1`.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

import sympy as sp

from pep import sqnorm
from pep.algorithms import feg
from pep.operators import LipschitzMonotone
from pep.symbolic import Closed, Final, Initial, K, Link, Proof, State, param

BETA = Closed("beta", 1 / (K + 1))  # feg.anchor(k), for a symbolic k


def declare(c):
    return {"F": c.problem.operator(LipschitzMonotone(L=c.L), name="F")}


def step(c, s, at):
    half, z = feg.step(s.z, s.z0, c.F, 1 / c.L, at(BETA), name=at.next.name("h"))
    return State(z=z, z0=s.z0, half=half)  # the half point rides along for the multipliers


def potential(c, s, at):
    u = c.F(s.z)
    return at.k**2 / c.L**2 * sqnorm(u) + 2 * at.k / c.L * (u @ (s.z - s.z0))


def step_multipliers(c, s, s1, at):
    return {
        c.ineq(c.F, "lipschitz", s1.half, s1.z): (at.k + 1) ** 2 / c.L**2,
        c.ineq(c.F, "monotone", s.z, s1.z): 2 * at.k * (at.k + 1) / c.L,
    }


def end_squares(c, s, s1, at):
    return [(sp.Rational(1, 2), at.N / c.L * c.F(s.z) - 2 * (s.z0 - c.star))]


PROOF = Proof(
    name="feg",
    title="FEG, 4 L^2 R^2 / N^2",
    problem="zero of a monotone L-Lipschitz operator (pairwise class)",
    method="fast extragradient (anchor 1/(k+1), step 1/L)",
    measure_text="||F z_N||^2 <= rate * ||z_0 - z*||^2",
    theorem="||F z_N||^2 <= 4 L^2 R^2 / N^2",
    tight=False,
    reference="S. Lee, D. Kim, Fast extragradient methods for smooth structured nonconvex-"
    "nonconcave minimax problems, NeurIPS 2021",
    params={"L": param("L")},
    declare=declare,
    origin=lambda c: c.F.zero(),
    state=("z",),
    anchors={"z0": "z_0"},
    start=lambda c, z0: State(z=z0, z0=z0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.z0 - c.star),
    measure=lambda c, s, at: sqnorm(c.F(s.z)),
    rate=lambda c, at: 4 * c.L**2 / at.N**2,
    links=(
        Link("start", Initial(lambda c, at: 0), potential, lambda *a: {}, 0, advance=False),
        Link("step", potential, potential, step_multipliers, 0, "N - 1"),
        Link(
            "end",
            potential,
            Final(lambda c, at: at.N**2 / (2 * c.L**2), lambda c, at: 2),
            lambda c, s, s1, at: {c.ineq(c.F, "monotone", s.z, c.star): 2 * at.N / c.L},
            "N",
            remainder=end_squares,
            advance=False,
        ),
    ),
    numeric={"L": 1},
    algorithm="feg",
    algorithm_params=lambda p: {"L": p["L"]},
    compare_N=(2, 3, 4),
)
