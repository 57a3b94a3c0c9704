r"""Potential (Lyapunov) functions by semidefinite programming.

A *transition* is one step of an algorithm written with the public API: a function
``step(problem, k)`` that declares the oracles in ``problem``, creates the current state and
returns the states before and after iteration ``k`` as dicts of Points and Scalars, e.g.
``{"x": x - xs, "g": f.grad(x), "f": f(x) - f(xs)}``. A *template* potential is a quadratic
form in the state's Points plus a linear form in its Scalars,

.. math:: V(s) = \sum_{a \le b} P_{ab}\langle s_a, s_b\rangle + \sum_c p_c\, s_c .

Every statement "for all functions of the class, E >= 0" with E linear in the unknown
coefficients is certified by the S-procedure, exactly as a PEP dual:
:math:`E - \sum_i \lambda_i I_i = \langle S, G\rangle + c` with :math:`\lambda \ge 0`,
:math:`S \succeq 0`, :math:`c \ge 0` and no function-value terms left, where the :math:`I_i
\ge 0` are the interpolation inequalities of the transition's problem.

* :func:`chain` (iteration-dependent): :math:`V_0 \le \tau\,\mathrm{initial}`,
  :math:`V_{k+1} \le V_k` (k < K), :math:`V_K \ge \mathrm{measure}`; minimizing :math:`\tau`
  gives the best bound at horizon K that such a chain proves. It equals the PEP value when the
  template is rich enough, and is larger otherwise.
* :func:`linear_rate` (iteration-independent): the smallest :math:`\rho` with
  :math:`V_{k+1} \le \rho V_k` and :math:`V \ge \mathrm{measure}`, by bisection on
  :math:`\log\rho`; only solves whose certificate passes an independent residual check count
  as feasible, so the returned :math:`\rho` is always a certified point.

All numbers are *numerical evidence*; :mod:`pep.discover.prove` turns them into exact proofs.
References: A. Taylor, B. Van Scoy, L. Lessard, "Lyapunov functions for first-order methods:
tight automated convergence guarantees", ICML 2018; A. Taylor, F. Bach, "Stochastic
first-order methods: non-asymptotic and computer-aided analyses via potential functions",
COLT 2019.

>>> import pep
>>> from pep.discover.lyapunov import linear_rate
>>> def gd_step(problem, k):
...     f = problem.function(pep.SmoothStronglyConvex(L=1, mu=0.1))
...     x, xs = problem.point("x"), f.minimizer()
...     return {"x": x - xs}, {"x": x - f.grad(x) - xs}
>>> r = linear_rate(gd_step, measure=lambda s: pep.sqnorm(s["x"]))
>>> round(r.rho, 4)   # (1 - mu/L)^2 = 0.81
0.81
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from pep.discover.sprocedure import Condition, Space, certified, lmi
from pep.errors import InvalidArgument, PepError, SolverError
from pep.model.algebra import Point, Scalar
from pep.model.problem import Problem

__all__ = [
    "Template",
    "Transition",
    "ChainResult",
    "RateResult",
    "TemplateTooPoor",
    "chain",
    "chain_from_transitions",
    "linear_rate",
    "make_transition",
]

State = Mapping[str, Any]
StepFn = Callable[[Problem, int], tuple[State, State]]


class TemplateTooPoor(PepError):
    """No potential of the template certifies the requested statement."""


@dataclass(frozen=True)
class Template:
    """Which monomials a potential may use.

    ``vectors``/``values``: state keys of the quadratic and linear parts (default: every Point
    and every Scalar of the state); ``pairs``: allowed products (default: all pairs).
    """

    vectors: tuple[str, ...] | None = None
    values: tuple[str, ...] | None = None
    pairs: tuple[tuple[str, str], ...] | None = None

    def monomials(self, state: State) -> dict[str, Scalar]:
        """``{"<a,b>": s_a @ s_b, "c": s_c}`` for the state (names are state-independent)."""
        vecs = self.vectors
        if vecs is None:
            vecs = tuple(k for k, v in state.items() if isinstance(v, Point))
        vals = self.values
        if vals is None:
            vals = tuple(k for k, v in state.items() if isinstance(v, Scalar))
        pairs = self.pairs
        if pairs is None:
            pairs = tuple((a, b) for i, a in enumerate(vecs) for b in vecs[i:])
        out: dict[str, Scalar] = {}
        for a, b in pairs:
            out[f"<{a},{b}>"] = state[a] @ state[b]
        for c in vals:
            out[c] = state[c]
        return out


@dataclass(frozen=True)
class Transition:
    """One step in its own problem: the states before and after (see the module docstring)."""

    problem: Problem
    before: State
    after: State


def make_transition(step: StepFn, k: int) -> Transition:
    """Run the user's ``step(problem, k)`` in a fresh problem."""
    problem = Problem()
    out = step(problem, k)
    if not (isinstance(out, tuple) and len(out) == 2):
        raise InvalidArgument(
            f"step(problem, {k}) returned {type(out).__name__}; it must return "
            "(state_before, state_after), two dicts of Points and Scalars"
        )
    before, after = out
    if set(before) != set(after):
        raise InvalidArgument(
            f"state keys differ before {sorted(before)} and after {sorted(after)} the step"
        )
    return Transition(problem, dict(before), dict(after))


def _solve(cp: Any, prob: Any, solver: str) -> bool:
    from pep.sdp.solvers.quiet import captured

    try:
        with captured() as noise:  # solver panics and stderr: one line in the error, no dump
            prob.solve(solver=solver)
    except cp.error.SolverError as exc:
        raise SolverError(f"{solver} failed on a potential search: {exc}") from exc
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise
        raise SolverError(f"{solver} panicked on a potential search: {noise.summary()}") from None
    return bool(prob.status == "optimal")


@dataclass(frozen=True)
class ChainResult:
    """Outcome of :func:`chain`: the bound ``tau`` at horizon ``K`` and the certificate.

    ``potentials[k]``: monomial -> coefficient of :math:`V_k`; ``multipliers[name]``:
    inequality -> multiplier for each condition (``"initial"``, ``"step0"``, ...,
    ``"final"``). Numerical evidence only.
    """

    K: int
    tau: float
    potentials: tuple[dict[str, float], ...]
    multipliers: dict[str, dict[str, float]]
    residuals: dict[str, np.ndarray]
    status: str


def chain(
    step: StepFn,
    K: int,
    *,
    initial: Callable[[State], Scalar],
    measure: Callable[[State], Scalar],
    template: Template | None = None,
    solver: str = "CLARABEL",
) -> ChainResult:
    r"""Best bound at horizon ``K`` certified by a chain :math:`V_0 \ge \dots \ge V_K`.

    ``initial(state)`` and ``measure(state)`` are Scalars of a state (e.g.
    ``lambda s: pep.sqnorm(s["x"])``). Raises :class:`TemplateTooPoor` when no chain exists.

    >>> import pep
    >>> def gd(problem, k):
    ...     f = problem.function(pep.SmoothConvex(L=1))
    ...     x, xs = problem.point("x"), f.minimizer()
    ...     x1 = x - f.grad(x)
    ...     return ({"x": x - xs, "g": f.grad(x), "f": f(x) - f(xs)},
    ...             {"x": x1 - xs, "g": f.grad(x1), "f": f(x1) - f(xs)})
    >>> r = chain(gd, 3, initial=lambda s: pep.sqnorm(s["x"]), measure=lambda s: s["f"])
    >>> round(r.tau, 5)   # the PEP value 1/(4N+2) = 1/14
    0.07143
    """
    if isinstance(K, bool) or not isinstance(K, int) or K < 1:
        raise InvalidArgument(f"K={K!r} must be an integer >= 1")
    transitions = [make_transition(step, k) for k in range(K)]
    return chain_from_transitions(
        transitions,
        initial=initial,
        measure=measure,
        template=template or Template(),
        solver=solver,
    )


def chain_from_transitions(
    transitions: Sequence[Transition],
    *,
    initial: Callable[[State], Scalar],
    measure: Callable[[State], Scalar],
    template: Template,
    solver: str = "CLARABEL",
    start: Transition | None = None,
    end: Transition | None = None,
    refine: bool = False,
) -> ChainResult:
    """:func:`chain` on prebuilt transitions; ``start``/``end`` (optional) are the problems
    in which :math:`V_0 \\le \\tau\\,\\mathrm{initial}` and :math:`V_K \\ge \\mathrm{measure}` are
    certified (default: the first and last transition)."""
    import cvxpy as cp

    K = len(transitions)
    first, last = start or transitions[0], end or transitions[-1]
    names = list(template.monomials(first.before))
    coef = [cp.Variable(len(names)) for _ in range(K + 1)]
    tau = cp.Variable()
    conds: list[tuple[Condition, Space]] = []

    def cond(name: str, tr: Transition) -> tuple[Condition, Space]:
        c, sp_ = Condition(name, tr.problem), Space(tr.problem)
        conds.append((c, sp_))
        return c, sp_

    c, s = cond("initial", first)
    c.add([initial(first.before)], cp.reshape(tau, (1,), order="C"), s)
    c.add(list(template.monomials(first.before).values()), coef[0], s, -1.0)
    for k, tr in enumerate(transitions):
        c, s = cond(f"step{k}", tr)
        c.add(list(template.monomials(tr.before).values()), coef[k], s)
        c.add(list(template.monomials(tr.after).values()), coef[k + 1], s, -1.0)
    c, s = cond("final", last)
    state = last.after if end is None else last.before
    c.add(list(template.monomials(state).values()), coef[K], s)
    c.add([measure(state)], np.ones(1), s, -1.0)
    cons, handles = _assemble(cp, conds)
    prob = cp.Problem(cp.Minimize(tau), cons)
    if not _solve(cp, prob, solver):
        raise TemplateTooPoor(
            f"no chain V_0 >= ... >= V_{K} of the template {names} certifies a bound "
            f"(solver status {prob.status!r}); add state vectors or function values to the template"
        )
    best = float(np.asarray(tau.value))
    if refine:
        _refine(cp, cons, tau, best, handles, solver)
    return ChainResult(
        K,
        best,
        tuple(dict(zip(names, (float(v) for v in np.asarray(cv.value)))) for cv in coef),
        {n: _named(h) for n, h in handles.items()},
        {n: np.asarray(h["S"].value) for n, h in handles.items()},
        str(prob.status),
    )


def _assemble(cp: Any, conds: Sequence[tuple[Condition, Space]]) -> tuple[list[Any], dict]:
    """Every condition's LMI constraints, and a handle (multipliers, S) per condition name."""
    cons: list[Any] = []
    handles: dict[str, Any] = {}
    for cd, space in conds:
        cc, h = lmi(cp, cd, space)
        cons += cc
        handles[cd.name] = h
    return cons, handles


def _refine(cp: Any, cons: list[Any], tau: Any, best: float, handles: dict, solver: str) -> None:
    """Among chains within a hair of the best bound, one with the fewest multipliers and the
    lowest-rank residuals (minimal sum of multipliers and traces): interior-point solutions
    sit in the middle of the optimal face, which has no closed form; its extreme points do."""
    slack = 1e-7 * max(1.0, abs(best))
    weight = sum(
        (cp.sum(h["lam"]) if h["lam"] is not None else 0) + cp.trace(h["S"])
        for h in handles.values()
    )
    prob = cp.Problem(cp.Minimize(weight), [*cons, tau <= best + slack])
    if not _solve(cp, prob, solver):
        raise SolverError(f"the refinement of the chain failed (status {prob.status!r})")


def _named(h: dict[str, Any]) -> dict[str, float]:
    if h["lam"] is None:
        return {}
    return dict(zip(h["names"], (float(v) for v in h["lam"].value)))


@dataclass(frozen=True)
class RateResult:
    """Outcome of :func:`linear_rate`.

    ``rho``: the smallest rate found feasible with a certificate that passed the residual
    check; ``rho_infeasible``: the largest rate found infeasible (the true optimum of the
    template lies between); ``potential``: monomial -> coefficient at ``rho``;
    ``history``: every ``(rho, feasible)`` tried.
    """

    rho: float
    rho_infeasible: float
    potential: dict[str, float]
    multipliers: dict[str, dict[str, float]]
    history: tuple[tuple[float, bool], ...]


def _rate_feasible(
    tr: Transition, rho: float, measure: Callable[[State], Scalar], template: Template, solver: str
) -> tuple[bool, dict[str, float], dict[str, dict[str, float]]]:
    import cvxpy as cp

    mons_b = template.monomials(tr.before)
    names = list(mons_b)
    u = cp.Variable(len(names))
    space = Space(tr.problem)
    step = Condition("step", tr.problem)
    step.add(list(mons_b.values()), rho * u, space)
    step.add(list(template.monomials(tr.after).values()), u, space, -1.0)
    dom = Condition("dominates", tr.problem)
    dom.add(list(mons_b.values()), u, space)
    dom.add([measure(tr.before)], np.ones(1), space, -1.0)
    cons, handles = _assemble(cp, [(step, space), (dom, space)])
    prob = cp.Problem(cp.Minimize(0), cons)
    ok = _solve(cp, prob, solver)
    if not ok or u.value is None:
        return False, {}, {}
    scale = float(np.abs(u.value).max(initial=1.0))
    if not all(certified(h, scale) for h in handles.values()):
        return False, {}, {}
    pot = dict(zip(names, (float(v) for v in u.value)))
    return True, pot, {n: _named(h) for n, h in handles.items()}


def linear_rate(
    step: StepFn,
    *,
    measure: Callable[[State], Scalar],
    template: Template | None = None,
    rho_min: float = 1e-8,
    rtol: float = 1e-6,
    k: int = 0,
    solver: str = "CLARABEL",
) -> RateResult:
    r"""Smallest :math:`\rho \le 1` with :math:`V(s_{k+1}) \le \rho V(s_k)` and :math:`V \ge`
    ``measure``, for an iteration-independent potential of the template.

    Bisection on :math:`\log\rho` in :math:`[\rho_{min}, 1]` until the bracket is ``rtol``
    (relative) wide. A solve counts as feasible only when its certificate passes an
    independent residual check (:data:`pep.discover.sprocedure.TOL`); reduced-accuracy solves near the boundary count
    as infeasible, so the reported ``rho`` is always certified (numerically). Raises
    :class:`TemplateTooPoor` when even :math:`\rho = 1` is infeasible.
    """
    tr = make_transition(step, k)
    template = template or Template()
    history: list[tuple[float, bool]] = []

    def feasible(rho: float) -> tuple[bool, dict[str, float], dict[str, dict[str, float]]]:
        res = _rate_feasible(tr, rho, measure, template, solver)
        history.append((rho, res[0]))
        return res

    ok, pot, mult = feasible(1.0)
    if not ok:
        raise TemplateTooPoor(
            f"no potential of the template {list(template.monomials(tr.before))} is "
            "nonincreasing (rho = 1 infeasible); enrich the template or check the step"
        )
    hi, lo = 1.0, rho_min
    ok_lo, pot_lo, mult_lo = feasible(lo)
    if ok_lo:
        return RateResult(lo, 0.0, pot_lo, mult_lo, tuple(history))
    while hi - lo > rtol * hi:
        mid = math.exp((math.log(lo) + math.log(hi)) / 2) if hi / lo > 4 else (lo + hi) / 2
        ok, p, m = feasible(mid)
        if ok:
            hi, pot, mult = mid, p, m
        else:
            lo = mid
    return RateResult(hi, lo, pot, mult, tuple(history))
