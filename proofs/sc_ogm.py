r"""SC-OGM on L-smooth, μ-strongly convex functions: a potential contracting by 1/(1 + γ).

* Problem: minimize f, L-smooth and μ-strongly convex, :math:`\kappa = L/\mu`, parametrised
  as :math:`r = \sqrt{8\kappa + 1} = 3 + t`, t > 0 (every κ > 1; all coefficients rational
  in t): :math:`L = \mu(t+2)(t+4)/8`, :math:`q = 1/\kappa = 8/((t+2)(t+4))`.
* Method: SC-OGM (Park, Park and Ryu 2023; momentum form in Lee, Park and Ryu 2021, Table
  A.1) in the collinear form of :func:`pep.algorithms.sc_ogm.step`:
  :math:`x_k = (1-\varphi)x_{k-1}^+ + \varphi z_k`, :math:`z_{k+1} = d(x_k - g_k/\mu) +
  (1-d)z_k`, :math:`\varphi = \frac{4}{t+6}`, :math:`d = \frac{4(t+4)}{(t+2)(t+8)}`,
  :math:`x_{-1}^+ = z_0 = x_0`.
* Measure: :math:`\|z_N - x_\star\|^2` relative to :math:`R^2 = \|x_0 - x_\star\|^2`.
* Theorem (upper bound): with :math:`\rho = \frac{1}{1+\gamma} = \frac{t}{t+4}`,
  :math:`\|z_N - x_\star\|^2 \le 2c(t)\rho^{N-1}R^2`,
  :math:`c(t) = \frac{t(t+2)(t+6)(t^3+10t^2+48t+128)}{64(3t^3+34t^2+112t+128)}`.
* Potential (k ≥ 1), the same shape as TMM's (:mod:`proofs.tmm`) with weight μ/2 on z:

  .. math:: V_k = I(x_{k-1}, \star) + \frac\mu2\|z_k - x_\star\|^2,

  carried with :math:`w_k = \rho^{1-k}` (:math:`w_0 = \rho`, :math:`t\,w_{k+1} = (t+4)w_k`):

  .. math::
      \mu c(t) R^2 - V_1 &= I(\star, x_0) + \text{(PSD)},\\
      w_kV_k - w_{k+1}V_{k+1} &= w_{k+1}\big((1-\rho)I(\star, x_k)
        + \rho\, I(x_{k-1}, x_k)\big) + \text{(PSD)}\quad (1 \le k \le N-1),\\
      w_NV_N - w_N\tfrac{\mu}{2}\|z_N - x_\star\|^2 &= w_N I(x_{N-1}, \star).

  The potential, the weight μ/2, the z-sequence (a fixed point of Lee-Park-Ryu's Lemma 3)
  and the multipliers were found with pep's one-step SDPs; c(t) is the exact maximum of V_1
  over the relaxation that keeps only :math:`I(\star, x_0)` (not the true maximum for large
  κ, so the constant is not tight).
* Assumptions: μ > 0, t > 0, k ≥ 0, the recurrence of w, :math:`w_k \ge \rho`.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

from pep import SmoothStronglyConvex, sqnorm
from pep.algorithms import sc_ogm
from pep.symbolic import Final, Initial, Link, Proof, Recurrence, State, param

MU, T = param("mu"), param("t")

# w_k = rho^(1-k), rho = t/(t + 4): w_1 = 1
W = Recurrence(
    "w",
    initial={0: T / (T + 4)},
    relation=lambda a, b, k: T * b - (T + 4) * a,
    forward=lambda a, k: a * (T + 4) / T,
    lower=(T / (T + 4),),
    positive=True,
    monotone="increasing",
)


def smoothness(c):
    return c.mu * (c.t + 2) * (c.t + 4) / 8


def weight(c):
    return c.mu / 2


def declare(c):
    return {"f": c.problem.function(SmoothStronglyConvex(L=smoothness(c), mu=c.mu))}


def step(c, s, at):
    L = smoothness(c)
    xp = s.z if at.k == 0 else s.xprev - c.f.grad(s.xprev) / L  # x_{-1}^+ = z_0 = x_0
    _, z, x = sc_ogm.step(xp, s.z, c.f, L, c.mu, 3 + c.t)
    return State(xprev=x, z=z)


def gap(c, x):
    """I(x, x*): the interpolation inequality between x and the minimizer (g* = 0)."""
    L, g = smoothness(c), c.f.grad(x)
    q = 8 / ((c.t + 2) * (c.t + 4))
    return (
        c.f(x)
        - c.f(c.star)
        - sqnorm(g) / (2 * L)
        - c.mu / (2 * (1 - q)) * sqnorm(x - c.star - g / L)
    )


def potential(c, s, at):
    return at(W) * (gap(c, s.xprev) + weight(c) * sqnorm(s.z - c.star))


def step_multipliers(c, s, s1, at):
    w, rho = at.next(W), c.t / (c.t + 4)
    return {
        c.ineq(c.f, "interp", c.star, s1.xprev): w * (1 - rho),
        c.ineq(c.f, "interp", s.xprev, s1.xprev): w * rho,
    }


PROOF = Proof(
    name="sc_ogm",
    title="SC-OGM, potential contracting by 1/(1 + gamma) = t/(t + 4)",
    problem="L-smooth mu-strongly convex minimization",
    method="SC-OGM (Park-Park-Ryu), collinear form via Lee-Park-Ryu Lemma 3",
    measure_text="||z_N - x*||^2 <= rate * ||x_0 - x*||^2",
    theorem="||z_N - x*||^2 <= 2 c(t) (t/(t + 4))^(N - 1) R^2, t = sqrt(8 kappa + 1) - 3",
    tight=False,
    reference="C. Park, J. Park, E. K. Ryu, Appl. Math. Optim. 88 (2023), arXiv:2102.07366; "
    "J. Lee, C. Park, E. K. Ryu, NeurIPS 2021, Table A.1 and Lemma 3",
    params={"mu": MU, "t": T},
    declare=declare,
    origin=lambda c: c.f.minimizer(),
    state=("xprev", "z"),
    start=lambda c, x0: State(xprev=x0, z=x0),
    step=step,
    initial_measure=lambda c, s: sqnorm(s.z - c.star),
    measure=lambda c, s, at: sqnorm(s.z - c.star),
    rate=lambda c, at: 2 * sc_ogm.first_step_constant(c.t) / at(W),
    links=(
        Link(
            "start",
            Initial(lambda c, at: c.mu * sc_ogm.first_step_constant(c.t)),
            potential,
            lambda c, s, s1, at: {c.ineq(c.f, "interp", c.star, s1.xprev): 1},
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
    numeric={"mu": 1, "t": 4},
    algorithm="sc_ogm",
    algorithm_params=lambda p: {"L": p["mu"] * (p["t"] + 2) * (p["t"] + 4) / 8, "mu": p["mu"]},
    compare_N=(1, 2, 3),
)
