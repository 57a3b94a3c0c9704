r"""TMM on L-smooth, μ-strongly convex functions: ‖z_N - x*‖² ≤ κ ρ^{2N} R², ρ = 1 - 1/√κ.

* Problem: minimize f, L-smooth and μ-strongly convex, :math:`\kappa = L/\mu`, parametrised
  as :math:`\sqrt\kappa = 1 + t`, t > 0 (all coefficients rational in t); :math:`q = 1/\kappa`.
* Method: the triple momentum method (Van Scoy, Freeman and Lynch 2018) in the collinear
  form of Lee, Park and Ryu (NeurIPS 2021, Table A.1), :func:`pep.algorithms.tmm.step`:
  :math:`x_k = \frac{\sqrt\kappa-1}{\sqrt\kappa+1}x_{k-1}^+ + \frac{2}{\sqrt\kappa+1}z_k`,
  :math:`z_{k+1} = \frac{1}{\sqrt\kappa}(x_k - g_k/\mu) + (1 - \frac{1}{\sqrt\kappa})z_k`,
  :math:`x_{-1}^+ = z_0 = x_0`, :math:`x^+ = x - g/L`.
* Measure: :math:`\|z_N - x_\star\|^2` relative to :math:`R^2 = \|x_0 - x_\star\|^2`.
* Theorem (tight: the PEP attains it, ``tests/test_sc_family.py``):
  :math:`\|z_N - x_\star\|^2 \le \kappa\rho^{2N}R^2`. The factor :math:`\rho^2` per step is
  Van Scoy et al.'s rate; the constant κ and this potential were found with pep's one-step
  SDPs and are proved here.
* Potential (k ≥ 1; the state carries the last gradient point :math:`x_{k-1}`): with
  :math:`I(i,j)` the class's interpolation inequality (THG 2017, Thm 4),

  .. math:: V_k = I(x_{k-1}, \star) + \frac{\mu}{1-q}\|z_k - x_\star\|^2,\qquad
            I(x, \star) = f(x) - f_\star - \tfrac{1}{2L}\|g\|^2
              - \tfrac{\mu}{2(1-q)}\|x - x_\star - g/L\|^2 \ge 0,

  carried with the weight :math:`w_k = \rho^{-2k}` (:math:`w_0 = 1`,
  :math:`t^2w_{k+1} = (1+t)^2w_k`):

  .. math::
      \tfrac{\mu(1+t)^4}{t(t+2)}R^2 - w_1V_1 &= w_1\Big(\tfrac{2(1+t)}{2+t}I(\star, x_0)
        + \tfrac{t}{2+t}I(x_0, \star)\Big) + \text{(PSD)},\\
      w_kV_k - w_{k+1}V_{k+1} &= w_{k+1}\big((1-\rho^2)I(\star, x_k)
        + \rho^2 I(x_{k-1}, x_k)\big) + \text{(PSD)}\quad (1 \le k \le N-1),\\
      w_NV_N - w_N\tfrac{\mu}{1-q}\|z_N - x_\star\|^2 &= w_N I(x_{N-1}, \star).

  Telescoped: :math:`\|z_N - x_\star\|^2 \le \frac{(1-q)}{\mu w_N}
  \frac{\mu(1+t)^4}{t(t+2)}R^2 = (1+t)^2\rho^{2N}R^2 = \kappa\rho^{2N}R^2`.
* Assumptions: μ > 0, t > 0, k ≥ 0, the recurrence of w, :math:`w_k \ge 1`.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

from pep import SmoothStronglyConvex, sqnorm
from pep.algorithms import tmm
from pep.symbolic import Final, Initial, Link, Proof, Recurrence, State, param

MU, T = param("mu"), param("t")

# w_k = rho^(-2k), rho = t/(1 + t)
W = Recurrence(
    "w",
    initial={0: 1},
    relation=lambda a, b, k: T**2 * b - (1 + T) ** 2 * a,
    forward=lambda a, k: a * (1 + T) ** 2 / T**2,
    lower=(1,),
    positive=True,
    monotone="increasing",
)


def smoothness(c):
    return c.mu * (1 + c.t) ** 2


def weight(c):
    """mu/(1 - q) with q = 1/kappa = 1/(1 + t)^2."""
    return c.mu * (1 + c.t) ** 2 / (c.t * (c.t + 2))


def declare(c):
    return {"f": c.problem.function(SmoothStronglyConvex(L=smoothness(c), mu=c.mu))}


def step(c, s, at):
    L = smoothness(c)
    xp = s.z if at.k == 0 else s.xprev - c.f.grad(s.xprev) / L  # x_{-1}^+ = z_0 = x_0
    _, z, x = tmm.step(xp, s.z, c.f, L, c.mu, 1 + c.t)
    return State(xprev=x, z=z)


def gap(c, x):
    """I(x, x*): the interpolation inequality between x and the minimizer (g* = 0)."""
    L, g = smoothness(c), c.f.grad(x)
    q = 1 / (1 + c.t) ** 2
    return (
        c.f(x)
        - c.f(c.star)
        - sqnorm(g) / (2 * L)
        - c.mu / (2 * (1 - q)) * sqnorm(x - c.star - g / L)
    )


def potential(c, s, at):
    return at(W) * (gap(c, s.xprev) + weight(c) * sqnorm(s.z - c.star))


def start_multipliers(c, s, s1, at):
    w, t = at.next(W), c.t
    return {
        c.ineq(c.f, "interp", c.star, s1.xprev): w * 2 * (1 + t) / (2 + t),
        c.ineq(c.f, "interp", s1.xprev, c.star): w * t / (2 + t),
    }


def step_multipliers(c, s, s1, at):
    w, rho2 = at.next(W), c.t**2 / (1 + c.t) ** 2
    return {
        c.ineq(c.f, "interp", c.star, s1.xprev): w * (1 - rho2),
        c.ineq(c.f, "interp", s.xprev, s1.xprev): w * rho2,
    }


PROOF = Proof(
    name="tmm",
    title="TMM, ||z_N - x*||^2 <= kappa (1 - 1/sqrt(kappa))^(2N) R^2",
    problem="L-smooth mu-strongly convex minimization",
    method="triple momentum method, collinear form (Lee-Park-Ryu Table A.1)",
    measure_text="||z_N - x*||^2 <= rate * ||x_0 - x*||^2",
    theorem="||z_N - x*||^2 <= kappa (1 - 1/sqrt(kappa))^(2N) R^2  (tight)",
    tight=True,
    reference="B. Van Scoy, R. A. Freeman, K. M. Lynch, IEEE Control Syst. Lett. 2(1) (2018); "
    "J. Lee, C. Park, E. K. Ryu, NeurIPS 2021, Table A.1",
    params={"mu": MU, "t": T},
    declare=declare,
    origin=lambda c: c.f.minimizer(),
    state=("xprev", "z"),
    start=lambda c, x0: State(xprev=x0, z=x0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.z - c.star),
    measure=lambda c, s, at: sqnorm(s.z - c.star),
    rate=lambda c, at: (1 + c.t) ** 2 / at(W),
    links=(
        Link(
            "start",
            Initial(lambda c, at: c.mu * (1 + c.t) ** 4 / (c.t * (c.t + 2))),
            potential,
            start_multipliers,
            0,
            remainder="psd",
        ),
        Link("step", potential, potential, step_multipliers, 1, "N - 1", "psd"),
        Link(
            "end",
            potential,
            Final(lambda c, at: at(W) * weight(c)),
            lambda c, s, s1, at: {c.ineq(c.f, "interp", s.xprev, c.star): at(W)},
            "N",
            advance=False,
        ),
    ),
    numeric={"mu": 1, "t": 3},
    algorithm="tmm",
    algorithm_params=lambda p: {"L": p["mu"] * (1 + p["t"]) ** 2, "mu": p["mu"]},
    compare_N=(1, 2, 3),
)
