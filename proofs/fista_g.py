r"""FISTA-G on composite F = f + h: Lee, Park and Ryu's Lyapunov proof, for a symbolic k.

* Problem: minimize :math:`F = f + h`, f L-smooth convex (:class:`pep.SmoothConvex`), h
  closed convex proper (:class:`pep.Convex`), with
  :math:`x^\oplus = \mathrm{prox}_{h/L}(x - \nabla f(x)/L)` and the gradient mapping
  :math:`\tilde\nabla_L F(x) = L(x - x^\oplus)`.
* Method: FISTA-G (Lee, Park and Ryu, NeurIPS 2021, arXiv 2106.10439, Sec. 2.1),
  :func:`pep.algorithms.fista_g.step`: :math:`x_{k+1} = x_k^\oplus + \beta_k(x_k^\oplus -
  x_{k-1}^\oplus)`, :math:`x_{-1}^\oplus = x_0`, :math:`\beta_k = \frac{\varphi_{k+1} -
  \varphi_{k+2}}{\varphi_k - \varphi_{k+1}}`.
* Measure: :math:`\|\tilde\nabla_L F(x_N)\|^2` relative to :math:`F(x_0) - F_\star`.
* Theorem (the paper's Theorem 6 for FISTA-G's :math:`\tau_k, \varphi_k`; an upper bound,
  not claimed tight): :math:`\|\tilde\nabla_L F(x_N)\|^2 \le 2L\tau_0(F(x_0) - F_\star)`, here
  for N ≥ 2. Theorem 1's :math:`66L/(N+2)^2` follows with the paper's estimate
  :math:`\tau_0 \le 33/(N+2)^2` (not re-proved here; ``tests/test_fista_g.py`` checks it
  numerically).
* The paper's argument *is* a potential proof, and this is it. Its sequences are written
  with one sequence :math:`u_k = 2e_k - 1`, :math:`e_k = \frac{\varphi_k}{\varphi_k -
  \varphi_{k+1}}` (the z-step of the parallel structure): the paper's conditions (7) (with
  equality for FISTA-G) and (8) and its recursion for :math:`\varphi` become

  .. math:: u_k^2 = u_{k+1}^2 + u_{k+1} + 1,\quad u_N = 1\ (u_{N-1} = \sqrt3),\qquad
            \tau_{k+1} u_k = \tau_k(u_k + 1),\quad \tau_N = 1,

  (the paper's :math:`c_j = u_{N-1-j}`, Appendix E), with :math:`\frac{1}{\varphi_k} =
  \frac{2\tau_k}{u_k(u_k+1)}` and :math:`\beta_k = \frac{u_k - 1}{u_{k+1} + 1}`;
  ``tests/test_fista_g.py`` checks these against the paper's :math:`\varphi, \tau`.
* Potential (the paper's :math:`U_k`, anchored at :math:`A = x_N^\oplus`; a free point in
  every step identity, which then holds for every A):

  .. math:: U_k = \tau_k\Big(\tfrac{1}{2L}\|\tilde\nabla_L F(x_k)\|^2 + F(x_k^\oplus) - F(A)
            - \langle\tilde\nabla_L F(x_k), x_k - x_{k-1}^\oplus\rangle\Big)
            + \tfrac{L}{\varphi_k}\langle z_k - x_{k-1}^\oplus, z_k - A\rangle,

  :math:`z_k = e_kx_k + (1 - e_k)x_{k-1}^\oplus`. Identities (I: interpolation inequalities
  of f and h, the paper's Lemma 10 = one smoothness and two convexity inequalities):

  .. math::
      \tau_0(F(x_0) - F_\star) - U_0 &= \tau_0\big(I_f(x_0, x_0^\oplus) + I_h(x_0, x_0^\oplus)
        + I_f(A, \star) + I_h(A, \star)\big) + \text{(PSD)},\\
      U_k - U_{k+1} &= \tau_{k+1}\,\mathrm{L10}(x_k^\oplus, x_{k+1})
        + (\tau_{k+1} - \tau_k)\,\mathrm{L10}(A, x_k) + \text{(PSD)},\\
      U_N &= \tfrac{1}{2L}\|\tilde\nabla_L F(x_N)\|^2\quad (A = x_N^\oplus),

  with :math:`\mathrm{L10}(x, y) = I_f(y, y^\oplus) + I_f(x, y) + I_h(x, y^\oplus)`.
* Assumptions: L > 0, k ≥ 0, N ≥ 2, the recurrences, :math:`u_k \ge 3/2` for k ≤ N - 1
  (:math:`u_{N-1} = \sqrt3` and u decreases in k), :math:`\tau_k > 0` increasing.

>>> from pep.symbolic import check_proof
>>> check_proof(PROOF).ok
True
"""

import sympy as sp

from pep import Convex, SmoothConvex, sqnorm
from pep.algorithms import fista_g
from pep.symbolic import Final, Initial, Link, Proof, Recurrence, State, param


def _u_numeric(i, n):
    phi = fista_g.phi_sequence(n)
    return 2 * phi[i] / (phi[i] - phi[i + 1]) - 1


U = Recurrence(
    "u",
    initial={"N": 1},
    relation=lambda a, b, i: a**2 - b**2 - b - 1,
    forward=lambda a, i: sp.nan,  # defined backwards from N: see evaluate
    lower=(sp.Rational(3, 2),),
    monotone="decreasing",
    evaluate=_u_numeric,
)

TAU = Recurrence(
    "tau",
    initial={"N": 1},
    relation=lambda a, b, i, u: b * u - a * (u + 1),  # u: the term u_i (depends)
    forward=lambda a, i, u: sp.nan,
    lower=(0,),
    positive=True,
    monotone="increasing",
    evaluate=lambda i, n: fista_g.tau_sequence(n)[i],
    depends=(U,),
)


def declare(c):
    f = c.problem.function(SmoothConvex(L=c.L), name="f")
    return {"f": f, "h": c.problem.function(Convex(), name="h"), "plus_cache": {}}


def plus(c, x):
    """x⊕ = prox_{h/L}(x - ∇f(x)/L), one point per x (a proximal step is a new point)."""
    key = x.key()
    if key not in c.plus_cache:
        c.plus_cache[key] = fista_g.prox_grad(x, c.f, c.h, c.L, name=f"{x.name}+")
    return c.plus_cache[key]


def F(c, x):
    return c.f(x) + c.h(x)


def step(c, s, at):
    beta = (at(U) - 1) / (at.next(U) + 1)
    x, xp = fista_g.step(s.x, s.xpp, c.f, c.h, c.L, beta, at.k, x_plus=plus(c, s.x))
    return State(x=x, xpp=xp, anchor=s.anchor)


def potential(c, s, at):
    u, tau = at(U), at(TAU)
    xp = plus(c, s.x)
    grad = c.L * (s.x - xp)
    e = (u + 1) / 2
    z = e * s.x + (1 - e) * s.xpp
    head = sqnorm(grad) / (2 * c.L) + F(c, xp) - F(c, s.anchor) - grad @ (s.x - s.xpp)
    return tau * head + c.L * 2 * tau / (u * (u + 1)) * ((z - s.xpp) @ (z - s.anchor))


def fresh(c, at):
    x, xpp = c.problem.point(at.name("x")), c.problem.point(at.name("xpp"))
    if sp.simplify(sp.sympify(at.k) - sp.sympify(at.N)) == 0:  # the end: A = x_N⊕
        return State(x=x, xpp=xpp, anchor=plus(c, x))
    return State(x=x, xpp=xpp, anchor=c.problem.point("A"))


def lemma10(c, x, y):
    """The three inequalities of the paper's Lemma 10 for (x, y)."""
    yp = plus(c, y)
    return {
        c.ineq(c.f, "interp", y, yp): 1,
        c.ineq(c.f, "interp", x, y): 1,
        c.ineq(c.h, "interp", x, yp): 1,
    }


def step_multipliers(c, s, s1, at):
    tau, tau1 = at(TAU), at.next(TAU)
    out = {}
    for weight, (x, y) in ((tau1, (plus(c, s.x), s1.x)), (tau1 - tau, (s.anchor, s.x))):
        for name, lam in lemma10(c, x, y).items():
            out[name] = out.get(name, 0) + weight * lam
    return out


def start_multipliers(c, s, s1, at):
    tau, x0p = at(TAU), plus(c, s.x)
    return {
        c.ineq(c.f, "interp", s.x, x0p): tau,
        c.ineq(c.h, "interp", s.x, x0p): tau,
        c.ineq(c.f, "interp", s.anchor, c.star): tau,
        c.ineq(c.h, "interp", s.anchor, c.star): tau,
    }


PROOF = Proof(
    name="fista_g",
    title="FISTA-G, ||grad_L F(x_N)||^2 <= 2 L tau_0 (F(x_0) - F*) (Lyapunov, symbolic k)",
    problem="composite F = f + h, f L-smooth convex, h convex (prox)",
    method="FISTA-G (Lee-Park-Ryu 2021)",
    measure_text="||L(x_N - x_N+)||^2 <= rate * (F(x_0) - F(x*))",
    theorem="||grad_L F(x_N)||^2 <= 2 L tau_0 (F(x_0) - F*)  (N >= 2)",
    tight=False,
    reference="J. Lee, C. Park, E. K. Ryu, A geometric structure of acceleration and its role "
    "in making gradients small fast, NeurIPS 2021, arXiv:2106.10439, Thm 6 (Appendix E)",
    params={"L": param("L")},
    declare=declare,
    origin=lambda c: (c.f + c.h).minimizer(),
    state=("x", "xpp"),
    anchors={"anchor": "A"},
    start=lambda c, x0: State(x=x0, xpp=x0, anchor=c.problem.point("A")),
    step=step,
    fresh=fresh,
    initial_measure=lambda c, s: F(c, s.x) - F(c, c.star),
    measure=lambda c, s, at: sqnorm(c.L * (s.x - plus(c, s.x))),
    rate=lambda c, at: 2 * c.L * at.env.value(TAU, 0),
    links=(
        Link(
            "start",
            Initial(lambda c, at: at(TAU)),
            potential,
            start_multipliers,
            0,
            remainder="psd",
            advance=False,
        ),
        Link("step", potential, potential, step_multipliers, 0, "N - 2", "psd"),
        Link("last step", potential, potential, step_multipliers, "N - 1", remainder="psd"),
        Link(
            "end", potential, Final(lambda c, at: 1 / (2 * c.L)), lambda *a: {}, "N", advance=False
        ),
    ),
    N_min=2,
    numeric={"L": 1},
    algorithm="fista_g",
    algorithm_params=lambda p: {"L": p["L"]},
    compare_N=(2, 3, 5),
)
