r"""SC-FGM on L-smooth, μ-strongly convex functions: a potential contracting by 1 - 1/√κ.

* Problem: minimize f, L-smooth and μ-strongly convex (:class:`pep.SmoothStronglyConvex`),
  :math:`\kappa = L/\mu`, parametrised as :math:`\sqrt\kappa = 1 + t` with :math:`t > 0`
  (every κ > 1; all coefficients are then rational in t).
* Method: Nesterov's constant-momentum method in the collinear form of Lee, Park and Ryu
  (NeurIPS 2021, Table A.1), :func:`pep.algorithms.sc_fgm.step`:
  :math:`x_k = \frac{\sqrt\kappa}{\sqrt\kappa+1}x_{k-1}^+ + \frac{1}{\sqrt\kappa+1}z_k`,
  :math:`x_k^+ = x_k - g_k/L`, :math:`z_{k+1} = \frac{1}{\sqrt\kappa}(x_k - g_k/\mu) +
  (1 - \frac{1}{\sqrt\kappa})z_k`, :math:`x_{-1}^+ = z_0 = x_0`.
* Measure: :math:`f(x_{N-1}^+) - f_\star` relative to :math:`R^2 = \|x_0 - x_\star\|^2`.
* Theorem (upper bound; Nesterov 2004, Thm 2.2.3 with :math:`\gamma_0 = \mu`):
  :math:`f(x_{N-1}^+) - f_\star \le \frac{L+\mu}{2}\rho^N R^2`, :math:`\rho = 1 - 1/\sqrt\kappa`.
* Potential: :math:`V_k = f(x_{k-1}^+) - f_\star + \frac\mu2\|z_k - x_\star\|^2`, carried with
  the weight :math:`w_k = \rho^{-k}` (the sequence ``w``: :math:`w_0 = 1`,
  :math:`\rho\,w_{k+1} = w_k`), so the chain reads :math:`w_kV_k \ge w_{k+1}V_{k+1}`:

  .. math::
      \tfrac{L+\mu}{2}R^2 - V_0 &= I(\star, 0) + \text{(PSD)},\\
      w_kV_k - w_{k+1}V_{k+1} &= w_{k+1}\big(I(x_k, x_k^+) + \tfrac{1}{\sqrt\kappa}I(\star, x_k)
        + \rho\, I(x_{k-1}^+, x_k)\big) + \text{(PSD)},\\
      w_NV_N - w_N\big(f(x_{N-1}^+) - f_\star\big) &= w_N\tfrac\mu2\|z_N - x_\star\|^2,

  with :math:`I(i,j)` the interpolation inequality of the class (THG 2017, Thm 4) for the
  pair (i, j). These are the multipliers of the classical argument (e.g. Bansal and Gupta
  2019, Sec. 5.5; d'Aspremont, Scieur and Taylor 2021, Sec. 4.5); the checker proves the
  remainders PSD.
* Assumptions: μ > 0, t > 0, k ≥ 0, the recurrence of w and :math:`w_k \ge 1`.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

from pep import SmoothStronglyConvex, sqnorm
from pep.algorithms import sc_fgm
from pep.symbolic import Final, Initial, Link, Proof, Recurrence, State, param

MU, T = param("mu"), param("t")
S = 1 + T  # sqrt(kappa)

# w_k = rho^(-k), rho = t/(1 + t): the weight that turns a contraction into a telescoping chain
W = Recurrence(
    "w",
    initial={0: 1},
    relation=lambda a, b, k: T * b - S * a,
    forward=lambda a, k: a * S / T,
    lower=(1,),
    positive=True,
    monotone="increasing",
)


def smoothness(c):
    return c.mu * (1 + c.t) ** 2


def declare(c):
    return {"f": c.problem.function(SmoothStronglyConvex(L=smoothness(c), mu=c.mu))}


def step(c, s, at):
    xp, z = sc_fgm.step(s.xp, s.z, c.f, smoothness(c), c.mu, 1 + c.t)
    return State(xp=xp, z=z)


def gap(c, s):
    return c.f(s.xp) - c.f(c.star) + c.mu / 2 * sqnorm(s.z - c.star)


def potential(c, s, at):
    return at(W) * gap(c, s)


def gradient_point(c, s):
    phi, _ = sc_fgm.coefficients(1 + c.t)
    return s.xp if s.xp.key() == s.z.key() else (1 - phi) * s.xp + phi * s.z


def step_multipliers(c, s, s1, at):
    x, w = gradient_point(c, s), at.next(W)
    return {
        c.ineq(c.f, "interp", x, s1.xp): w,
        c.ineq(c.f, "interp", c.star, x): w / (1 + c.t),
        c.ineq(c.f, "interp", s.xp, x): w * c.t / (1 + c.t),
    }


PROOF = Proof(
    name="sc_fgm",
    title="SC-FGM, (L+mu)/2 (1 - 1/sqrt(kappa))^N (potential contracting by rho)",
    problem="L-smooth mu-strongly convex minimization",
    method="Nesterov's constant-momentum FGM, collinear form (Lee-Park-Ryu Table A.1)",
    measure_text="f(x_{N-1}^+) - f(x*) <= rate * ||x_0 - x*||^2",
    theorem="f(x_{N-1}^+) - f(x*) <= (L + mu)/2 (1 - 1/sqrt(kappa))^N R^2",
    tight=False,
    reference="Y. Nesterov, Introductory Lectures on Convex Optimization (2004), (2.2.22) and "
    "Thm 2.2.3; J. Lee, C. Park, E. K. Ryu, NeurIPS 2021, Table A.1",
    params={"mu": MU, "t": T},
    declare=declare,
    origin=lambda c: c.f.minimizer(),
    state=("xp", "z"),
    start=lambda c, x0: State(xp=x0, z=x0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.xp - c.star),
    measure=lambda c, s, at: c.f(s.xp) - c.f(c.star),
    rate=lambda c, at: (smoothness(c) + c.mu) / 2 / at(W),
    links=(
        Link(
            "start",
            Initial(lambda c, at: (smoothness(c) + c.mu) / 2),
            potential,
            lambda c, s, s1, at: {c.ineq(c.f, "interp", c.star, s.xp): 1},
            0,
            remainder="psd",
            advance=False,
        ),
        Link("step", potential, potential, step_multipliers, 0, "N - 1", "psd"),
        Link(
            "end",
            potential,
            Final(lambda c, at: at(W)),
            lambda *a: {},
            "N",
            remainder=lambda c, s, s1, at: [(at(W) * c.mu / 2, s.z - c.star)],
            advance=False,
        ),
    ),
    numeric={"mu": 1, "t": 3},
    algorithm="sc_fgm",
    algorithm_params=lambda p: {"L": p["mu"] * (1 + p["t"]) ** 2, "mu": p["mu"]},
    compare_N=(1, 2, 3),
)
