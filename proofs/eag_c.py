r"""EAG-C on smooth convex-concave saddle problems: the Lyapunov proof of O(1/(N+1)²), αL ≤ 1/4.

* Problem: find a zero of the saddle operator G of an L-smooth convex-concave function
  (monotone and L-Lipschitz, pairwise conditions of :class:`pep.operators.SmoothConvexConcave`).
* Method (:func:`pep.algorithms.eag.step`, :math:`\beta_k = 1/(k+2)`, constant step α):
  :math:`z_{k+1/2} = z_k + \beta_k(z_0 - z_k) - \alpha G z_k`,
  :math:`z_{k+1} = z_k + \beta_k(z_0 - z_k) - \alpha G z_{k+1/2}`.
* Measure: :math:`\|G z_N\|^2` relative to :math:`R^2 = \|z_0 - z_\star\|^2`.
* Theorem (upper bound): for every step :math:`0 < \alpha \le \frac{1}{4L}`, with
  :math:`x = \alpha L`,

  .. math:: \|G z_N\|^2 \le \frac{4(1 + x + x^2)}{\alpha^2(1 + x)}\,\frac{R^2}{(N+1)^2},

  the constant of Yoon and Ryu (ICML 2021), Thm 1, which the paper states for
  :math:`\alpha \le \frac{1}{8L}`: this proof doubles the step range (at
  :math:`\alpha = \frac{1}{4L}` the constant is :math:`\frac{336}{5}L^2 = 67.2L^2`, against
  :math:`\frac{2336}{9}L^2 \approx 260L^2` at :math:`\frac{1}{8L}`). For
  :math:`\alpha L > \frac14` this certificate fails at :math:`k = 0`: the remainder's
  determinant below has the k-free factor :math:`(1-2x)(1-4x) < 0` for
  :math:`\frac14 < x < \frac12`. A copy of this file with the range widened to
  :math:`\alpha L \le \frac13` is refused by ``pep check`` (``tests/test_proofs_eag_c.py``).
* Symbolic step: the proof is checked for every α in the range at once, written as
  :math:`\alpha = \frac{1}{4L(1+t)}` with a symbol :math:`t \ge 0` (``t = 1/(4αL) - 1``, a
  bijection of :math:`t \in [0, \infty)` onto :math:`\alpha \in (0, \frac{1}{4L}]`, the
  endpoint included; no premise on α is needed).
* Potential (the paper's form; its appendix was not available to us, the weight's correction
  is our derivation): :math:`V_k = A_k\|G z_k\|^2 + (k+1)\langle G z_k, z_k - z_0\rangle`,
  :math:`A_k = \frac{\alpha(k+1)(k+2)}{2} - \frac{\alpha x(k+1)}{1+x}` (so
  :math:`A_0 = \frac{\alpha}{1+x}`), with
  :math:`Lip(i,j) = L^2\|z_i - z_j\|^2 - \|G z_i - G z_j\|^2`,
  :math:`Mono(i,j) = \langle G z_i - G z_j, z_i - z_j\rangle`:

  .. math::
      \tfrac{x^2}{\alpha(1+x)}R^2 - V_0 &= A_0\,Lip(0, \star),\\
      V_k - V_{k+1} &= (k+1)(k+2)\,Mono(k, k+1) + \tfrac{(k+1)(k+2)}{4\alpha L^2}\,
        Lip(k+\tfrac12, k+1) + q_k(G z_k, G z_{k+1/2}, G z_{k+1}),\\
      V_N - \tfrac{\alpha(N+1)^2}{4}\|G z_N\|^2 + \tfrac1\alpha R^2 &= (N+1)\,Mono(N, \star)
        + \tfrac{1}{2B}\|B\,G z_N - (N+1)(z_0 - z_\star)\|^2
        + \tfrac{\alpha(N+1)(1-x)}{2(1+x)}\|G z_N\|^2,

  :math:`B = \alpha(N+1)^2/2`. The remainder :math:`q_k` is the tridiagonal quadratic form
  (in units :math:`1/(4L)`) with entries
  :math:`Q_{11} = \frac{x(k+1)(k(1+x) + 2(1-x))}{1+x}`, :math:`Q_{12} = -x(k+1)(k+2)`,
  :math:`Q_{22} = \frac{(k+1)(k+2)(1-x^2)}{x}`, :math:`Q_{13} = 0`,
  :math:`Q_{23} = \frac{(k+2)(2(k+2)x^2 - (k+1))}{x}`,
  :math:`Q_{33} = \frac{(k+2)((k+1)(1-2x^2)(1+x) - 4x^2)}{x(1+x)}`; its leading minors are
  :math:`Q_{11}`, :math:`(k+1)^2(k+2)(k(1-2x^2) + 2(1-2x))` and
  :math:`\frac{4x^2(k+1)(k+2)^2}{1+x}\,(k(5x^2 - 5x + 1) + (1-2x)(1-4x))`, all
  :math:`\ge 0` for :math:`k \ge 0` when :math:`x \le \frac14` (the checker proves this by
  symbolic LDLᵀ; at :math:`x = \frac14` the determinant is :math:`\propto k`).
  The last link uses :math:`A_N - \frac{\alpha(N+1)^2}{2} = \frac{\alpha(N+1)(1-x)}{2(1+x)}
  \ge 0`; keeping that term instead gives the slightly sharper
  :math:`(2c_0A_N + (N+1)^2)/A_N^2` with :math:`c_0 = \frac{x^2}{\alpha(1+x)}`.
  Telescoped: :math:`(c_0 + \frac1\alpha)\big/\frac{\alpha(N+1)^2}{4}`, the constant above.
* Assumptions: :math:`L > 0`, :math:`t \ge 0`, :math:`k \ge 0`, :math:`N \ge 1`.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

import sympy as sp

from pep import sqnorm
from pep.algorithms import eag
from pep.operators import SmoothConvexConcave
from pep.symbolic import Closed, Final, Initial, K, Link, Proof, State, param

L = param("L")
T = sp.Symbol("t", nonnegative=True)  # alpha = X_MAX/(L(1 + t)): t >= 0 covers (0, X_MAX/L]
X_MAX = sp.Rational(1, 4)  # the largest alpha*L the theorem claims
BETA = Closed("beta", 1 / (K + 2))  # eag.anchor(k), for a symbolic k


def x_of(c):
    """:math:`x = \\alpha L` (exact in both modes: sympy in t, or a number)."""
    return X_MAX / (1 + sp.sympify(c.t))


def alpha_of(c):
    return x_of(c) / c.L


def declare(c):
    return {"G": c.problem.operator(SmoothConvexConcave(L=c.L), name="G")}


def step(c, s, at):
    half, z = eag.step(s.z, s.z0, c.G, alpha_of(c), at(BETA), name=at.next.name("h"))
    return State(z=z, z0=s.z0, half=half)  # the half point rides along for the multipliers


def weight(c, k):
    a, x = alpha_of(c), x_of(c)
    return a * (k + 1) * (k + 2) / 2 - a * x * (k + 1) / (1 + x)


def potential(c, s, at):
    u = c.G(s.z)
    return weight(c, at.k) * sqnorm(u) + (at.k + 1) * (u @ (s.z - s.z0))


def step_multipliers(c, s, s1, at):
    lam = (at.k + 1) * (at.k + 2)
    return {
        c.ineq(c.G, "monotone", s.z, s1.z): lam,
        c.ineq(c.G, "lipschitz", s1.half, s1.z): lam / (4 * alpha_of(c) * c.L**2),
    }


def young(c, at):
    """:math:`B = \\alpha(N+1)^2/2`, the weight of the completed square at the end."""
    return alpha_of(c) * (at.N + 1) ** 2 / 2


def end_squares(c, s, s1, at):
    b, a, x, g = young(c, at), alpha_of(c), x_of(c), c.G(s.z)
    return [
        (1 / (2 * b), b * g - (at.N + 1) * (s.z0 - c.star)),
        (a * (at.N + 1) * (1 - x) / (2 * (1 + x)), g),
    ]


def start_constant(c, at):
    x = x_of(c)
    return x**2 / (alpha_of(c) * (1 + x))


def rate(c, at):
    a, x = alpha_of(c), x_of(c)
    return 4 * (1 + x + x**2) / (a**2 * (1 + x) * (at.N + 1) ** 2)


PROOF = Proof(
    name="eag_c",
    title="EAG-C, O(1/(N+1)^2) Lyapunov proof for every step alpha <= 1/(4L)",
    problem="zero of the saddle operator of an L-smooth convex-concave function (pairwise)",
    method="extra anchored gradient, constant step alpha = 1/(4L(1 + t)), t >= 0",
    measure_text="||G z_N||^2 <= rate * ||z_0 - z*||^2",
    theorem="||G z_N||^2 <= 4(1 + aL + a^2L^2)/(a^2(1 + aL)) R^2/(N+1)^2 for 0 < a <= 1/(4L)",
    tight=False,
    reference="T. Yoon, E. K. Ryu, Accelerated algorithms for smooth convex-concave minimax "
    "problems with O(1/k^2) rate on squared gradient norm, ICML 2021, Thm 1 (stated there for "
    "alpha <= 1/(8L)); a potential of the paper's form",
    params={"L": L, "t": T},
    declare=declare,
    origin=lambda c: c.G.zero(),
    state=("z",),
    anchors={"z0": "z_0"},
    start=lambda c, z0: State(z=z0, z0=z0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.z0 - c.star),
    measure=lambda c, s, at: sqnorm(c.G(s.z)),
    rate=rate,
    links=(
        Link(
            "start",
            Initial(start_constant),
            potential,
            lambda c, s, s1, at: {c.ineq(c.G, "lipschitz", s.z, c.star): weight(c, 0)},
            0,
            advance=False,
        ),
        Link("step", potential, potential, step_multipliers, 0, "N - 1", "psd"),
        Link(
            "end",
            potential,
            Final(lambda c, at: alpha_of(c) * (at.N + 1) ** 2 / 4, lambda c, at: 1 / alpha_of(c)),
            lambda c, s, s1, at: {c.ineq(c.G, "monotone", s.z, c.star): at.N + 1},
            "N",
            remainder=end_squares,
            advance=False,
        ),
    ),
    numeric={"L": 1, "t": 1},  # alpha = 1/8, the paper's step; t = 0 is alpha = 1/(4L)
    algorithm="eag_c",
    algorithm_params=lambda p: {
        "L": p["L"],
        "alpha": sp.Rational(1, 4) / ((1 + sp.sympify(p["t"])) * sp.sympify(p["L"])),
    },
)
