r"""Machinery of :mod:`pep.discover.prove`: potential templates, the numeric chain, closed forms,
and the :class:`pep.symbolic.Proof` they describe.

* :func:`numeric_chain` — a greedy chain of potentials by SDP (:mod:`pep.discover.lyapunov`'s
  S-procedure): :math:`V_0` is the best potential below :math:`c_0\cdot\mathrm{initial}`;
  given an exact :math:`V_k`, :math:`V_{k+1}` maximizes the coefficient of the template's
  ``weight`` monomial subject to :math:`V_k - V_{k+1} \ge \sum_i\lambda_i I_i` (``fixed``
  coefficients held, ``scale`` normalizing the first nonzero potential), then the sparsest
  certificate (minimal :math:`\sum\lambda + \mathrm{tr}\,S`) is taken and rounded to small
  rationals; at a horizon :math:`N` the best :math:`(w, c_1)` with
  :math:`V_N \ge w\,\mathrm{measure} - c_1\,\mathrm{initial}` minimizes
  :math:`(c_0 + c_1)/w` (a linear-fractional SDP, Charnes-Cooper transformed).
* :func:`pep.discover.proof_forms.guess_forms` — the multiplier pattern and closed forms in :math:`k` and :math:`N`
  (:func:`pep.discover.guess.rational_function`, validated on held-out indices).
* :func:`pep.discover.proof_forms.rebuild` — the proof those closed forms describe (links ``start``, ``step``, ``end``
  with PSD remainders), checked by :func:`pep.symbolic.check_proof`.

Greedy potentials follow A. Taylor, F. Bach, "Stochastic first-order methods: non-asymptotic
and computer-aided analyses via potential functions", COLT 2019.

>>> from fractions import Fraction
>>> ROUND["max_denominator"] >= 1000
True
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from pep.discover.guess import (
    GuessError,
    rationalize,
    simplest_between,
)
from pep.discover.sprocedure import Condition, ProveError, Space, lmi
from pep.discover.sprocedure import solve_search as _solve
from pep.discover.sprocedure import solved_value as _value
from pep.discover.template import AutoTemplate, Spec
from pep.model.algebra import Scalar
from pep.model.problem import interpolation_constraints

__all__ = ["AutoTemplate", "Spec", "ProveError", "numeric_chain"]

#: rounding of solver output to rationals (denominators, relative distance)
ROUND: dict[str, Any] = {"max_denominator": 2000, "tol": 2e-6}
#: the fallback rounding of :func:`_snap`
SNAP: dict[str, Any] = {"max_denominator": 64, "tol": 1e-4}
#: a multiplier below this (relative to the largest of its link) is treated as zero
ZERO = 1e-6


# -- numeric stage --------------------------------------------------------------------------------
def _probe(tmpl: AutoTemplate) -> Callable[..., Scalar]:
    """A zero potential that evaluates every monomial (so oracle records are created in the
    same order as by the final proof's potential; inequality positions then agree)."""

    def potential(c: Any, s: Any, at: Any) -> Scalar:
        dict(tmpl.monomials(c, s, at))
        return Scalar({}, 0, None)

    return potential


def _build(spec: Spec, kind: str, index: int, N_value: int) -> Any:
    from pep.symbolic import Final, Initial, Link
    from pep.symbolic.context import Env
    from pep.symbolic.proof import build_link

    sk = spec.skeleton
    pot = _probe(spec.template)

    def none(*a: Any) -> dict[str, Any]:
        return {}

    if kind == "start":
        link = Link("start", Initial(lambda c, at: 0), pot, none, 0, advance=False)
    elif kind == "step":
        link = Link("step", pot, pot, none, 0, "N - 1")
    elif kind == "last":  # the last step and the end together (end_advance)
        link = Link("end", pot, Final(lambda c, at: 0), none, "N - 1")
    else:
        link = Link("end", pot, Final(lambda c, at: 0), none, "N", advance=False)
    env = Env(sk.params, sk.special, numeric=sk.numeric, N_value=N_value)
    return build_link(sk, link, env, index)


def _lhs_rhs(spec: Spec, b: Any, kind: str) -> tuple[dict[str, Scalar], dict[str, Scalar]]:
    mons = spec.template.monomials
    before = dict(mons(b.ctx, b.state, b.at))
    after = dict(mons(b.ctx, b.next_state, b.at.next)) if kind == "step" else before
    return before, after


def _combo(mons: Mapping[str, Scalar], coefs: Mapping[str, Any]) -> Scalar:
    total = Scalar({}, 0, None)
    for m, s in mons.items():
        if coefs.get(m):
            total = total + coefs[m] * s
    return total


def _snap(v: float) -> Fraction:
    """Solver output as a rational: a close fraction, else a small-denominator one nearby.

    Near a degenerate optimum interior-point output is accurate only to about the square
    root of the tolerance; a looser snap to a simple fraction is safe here because nothing is
    claimed before the symbolic check.
    """
    try:
        return rationalize(v, **ROUND)
    except GuessError:
        return rationalize(v, **SNAP)


def _certificate(b: Any, known: Scalar, unknown: Sequence[tuple[Any, Any]] = ()) -> tuple:
    """LMI ``known + sum(unknown) - sum lam_i I_i = <S, G> + c``; returns (cp, cons, handle)."""
    import cvxpy as cp

    space = Space(b.ctx.problem)
    cond = Condition(
        "link", b.ctx.problem, constraints=list(interpolation_constraints(b.ctx.problem))
    )
    cond.add([known], np.ones(1), space)
    for scalars, u in unknown:
        cond.add(scalars, u, space)
    cons, h = lmi(cp, cond, space)
    return cp, cons, h


def _sparsest(cp: Any, cons: list[Any], h: dict[str, Any]) -> bool:
    """Minimize the sum of multipliers plus a weighted trace of the residual (False if that
    failed: the caller keeps the solution it has).

    The weights (distinct, slowly increasing) break ties: with the plain trace, the objective
    can be constant along a segment of certificates (an inequality whose Gram form has trace
    one), and an interior-point method then returns the segment's midpoint.
    """
    d = h["S"].shape[0]
    weights = np.diag(1 + np.sqrt(np.arange(d)) / (2 * d + 1)) if d else np.zeros((0, 0))
    weight = cp.trace(weights @ h["S"]) + (cp.sum(h["lam"]) if h["lam"] is not None else 0)
    try:
        _solve(cp, None, cp.Minimize(weight), cons)
    except ProveError:
        return False
    return True


def _exact_multipliers(b: Any, known: Scalar, exact: bool = True) -> list[tuple[Any, float]]:
    """Multipliers certifying ``known >= 0`` on the link, as rationals.

    The support comes from the sparsest certificate; then each multiplier in turn (largest
    first) is bracketed by minimizing and maximizing it, and fixed at the simplest fraction
    in the bracket. Near a degenerate optimum (a unique certificate the solver resolves only
    to about 1e-3) the bracket is the solver's uncertainty; when the feasible interval is
    genuinely wide, the simplest fraction in it is still a valid choice. Nothing is claimed
    before the symbolic check.
    """
    cp, cons, h = _certificate(b, known)
    if h["lam"] is None:
        return []
    if not _sparsest(cp, cons, h):
        _solve(cp, None, cp.Minimize(0), cons)
    lam = h["lam"]
    vals = np.asarray(lam.value, float)
    top = max(1.0, float(np.abs(vals).max(initial=0.0)))
    support = [i for i in range(len(vals)) if abs(vals[i]) >= ZERO * top]
    cons = [*cons, *(lam[i] == 0 for i in range(len(vals)) if i not in support)]
    out: list[tuple[Any, float]] = [(Fraction(0), 0.0)] * len(vals)
    for i in sorted(support, key=lambda j: -vals[j]):
        ends = [float(vals[i])]
        for sense in (cp.Minimize, cp.Maximize):
            try:  # only the tight solver's ends are trusted to bracket the value
                if _solve(cp, None, sense(lam[i]), cons) == 0:
                    ends.append(float(_value(lam[i])))
            except ProveError:
                pass
        lo, hi = min(ends), max(ends)
        if not exact:  # irrational multipliers: keep the sparsest certificate's value
            out[i] = (float(vals[i]), float(vals[i]))
            cons.append(lam[i] == float(vals[i]))
            continue
        pad = 1e-5 * top  # what the solver resolves a well-posed value to, with margin
        out[i] = (simplest_between(lo - pad, hi + pad), (lo + hi) / 2)
        cons.append(lam[i] == float(out[i][0]))
    return out


def _greedy(
    b: Any,
    spec: Spec,
    known: Scalar,
    mons: Mapping[str, Scalar],
    first: bool,
    free: Mapping[str, Scalar] | None = None,
    measure: Scalar | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The next potential: maximize the weight, then the sparsest certificate.

    ``free``: monomials of the current potential whose coefficient is still undetermined (it
    multiplied a monomial that vanished on the previous link's state, e.g. APPM's
    :math:`\\langle y_{k-1} - x_k, y_{k-1} - x_0\\rangle` at k = 1); they are solved for
    here and returned as the second value.
    """
    import cvxpy as cp

    names, free, t = list(mons), dict(free or {}), spec.template
    if not any(s.terms for s in mons.values()):  # e.g. APPM's V_0: every monomial is 0
        return {m: None for m in names}, {}
    u = cp.Variable(len(names))
    unknown = [([-s for s in mons.values()], u)]
    v = cp.Variable(len(free)) if free else None
    if v is not None:
        unknown.append((list(free.values()), v))
    _, cons, h = _certificate(b, known, unknown)
    for m, val in t.fixed.items():
        cons.append(u[names.index(m)] == float(val))
    if first:
        for m, val in t.scale.items():
            cons.append(u[names.index(m)] == float(val))
    w: Any
    if t.weight == "measure" and measure is not None:
        w = cp.Variable()
        _, extra, _ = _certificate(
            b,
            Scalar({}, 0, None),
            [(list(mons.values()), u), ([-measure], cp.reshape(w, (1,), order="C"))],
        )
        cons += extra
    else:
        w = u[names.index(t.weight)]
    _solve(cp, None, cp.Maximize(w), cons)
    best = float(_value(w))
    with contextlib.suppress(GuessError):  # a small-fraction optimum keeps later steps clean
        best = float(rationalize(best, **ROUND)) if t.exact else best
    if not any(
        _sparsest(cp, [*cons, w >= best - gap * max(1.0, abs(best))], h) for gap in (1e-8, 1e-6)
    ):
        _solve(cp, None, cp.Maximize(w), cons)
    rnd = _snap if t.exact else float
    out = {}
    for m, val in zip(names, _value(u)):
        # a monomial that vanishes identically here (e.g. <r, y_0 - y_0>) has no coefficient
        out[m] = None if not mons[m].terms else rnd(float(val))
    solved = {m: rnd(float(x)) for m, x in zip(free, _value(v))} if v is not None else {}
    return out, solved


def _final(b: Any, spec: Spec, V: Scalar, measure: Scalar, initial: Scalar) -> tuple:
    r"""Best :math:`(w, c_1)`: minimize :math:`(c_0 + c_1)/w` via :math:`s = 1/w`.

    The optimum in :math:`w` is flat (the bound moves quadratically), so :math:`w` is only
    known to about the square root of the solver tolerance: it is snapped to the simplest
    fraction nearby whose best :math:`c_1` (a linear SDP, accurate) reproduces the bound.
    """
    import cvxpy as cp

    s, c1 = cp.Variable(nonneg=True), cp.Variable(nonneg=True)
    use_c1 = spec.template.final_c1
    unknown = [([V], cp.reshape(s, (1,), order="C"))]
    if use_c1:
        unknown.append(([initial], cp.reshape(c1, (1,), order="C")))
    _, cons, h = _certificate(b, -measure, unknown)
    c0 = float(spec.template.c0)
    _solve(cp, None, cp.Minimize(c0 * s + (c1 if use_c1 else 0)), cons)
    if s.value is None or s.value <= 1e-12:
        raise ProveError("numeric: the last potential does not dominate the measure (w = 0)")
    s_val = float(_value(s))
    w_num, best = 1 / s_val, c0 * s_val + (float(_value(c1)) if use_c1 else 0)
    if not use_c1:
        return (_snap(w_num) if spec.template.exact else w_num), Fraction(0)
    for den in (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 128, 256, 1000):
        w = Fraction(w_num).limit_denominator(den)
        if abs(float(w) - w_num) > 1e-3 * w_num:
            continue
        c1_w = _least_c1(b, V, measure, initial, w)
        if (
            c1_w is not None
            and (float(spec.template.c0) + float(c1_w)) / float(w) <= best * (1 + 1e-7) + 1e-12
        ):
            return w, c1_w
    raise GuessError(f"w = {w_num:.9g} at the end link is not a small fraction")


def _least_c1(b: Any, V: Scalar, measure: Scalar, initial: Scalar, w: Fraction) -> Fraction | None:
    import cvxpy as cp

    c1 = cp.Variable(nonneg=True)
    _, cons, h = _certificate(b, V - w * measure, [([initial], cp.reshape(c1, (1,), order="C"))])
    try:
        _solve(cp, None, cp.Minimize(c1), cons)
        return _snap(float(_value(c1)))
    except (ProveError, GuessError):
        return None


def numeric_chain(spec: Spec) -> dict[str, Any]:
    """Stage 1: exact (rounded) potentials, multipliers and end constants for k, N <= K."""
    t, K = spec.template, spec.K
    big = K + 10  # a horizon beyond the data, so no special last-step variant applies
    b0 = _build(spec, "start", 0, big)
    mons0, _ = _lhs_rhs(spec, b0, "start")
    init0 = spec.skeleton.initial_measure(b0.ctx, b0.state)
    meas0 = spec.skeleton.measure(b0.ctx, b0.state, b0.at)
    V = [_greedy(b0, spec, Fraction(t.c0) * init0, mons0, first=False, measure=meas0)[0]]
    start_mult = _exact_multipliers(b0, Fraction(t.c0) * init0 - _combo(mons0, V[0]), t.exact)
    steps: list[list[tuple[Any, float]]] = []
    for k in range(K):
        b = _build(spec, "step", k, big)
        before, after = _lhs_rhs(spec, b, "step")
        free = {m: s for m, s in before.items() if V[k][m] is None and s.terms}
        first = not any(V[k].values())
        meas = spec.skeleton.measure(b.ctx, b.next_state, b.at.next)
        try:
            nxt, solved = _greedy(b, spec, _combo(before, V[k]), after, first, free, meas)
        except ProveError as exc:
            raise ProveError(
                f"numeric: no potential of the template {list(after)} with V_{k + 1} <= V_{k} "
                f"at k = {k} ({str(exc).removeprefix('numeric: ')}); enrich the template"
            ) from None
        V[k].update(solved)
        V.append(nxt)
        known = _combo(before, V[k])
        steps.append(_exact_multipliers(b, known - _combo(after, V[k + 1]), t.exact))
    ends: list[tuple[Any, Any, list[tuple[Any, float]]]] = []
    for n in range(1, K + 1):
        if t.end_advance:  # V_{N-1} >= w measure(x_N) - c1 initial, across the last step
            b = _build(spec, "last", n - 1, n)
            mons, _ = _lhs_rhs(spec, b, "start")
            Vn = _combo(mons, V[n - 1])
            meas = spec.skeleton.measure(b.ctx, b.next_state, b.at.next)
        else:
            b = _build(spec, "end", n, n)
            mons, _ = _lhs_rhs(spec, b, "end")
            Vn = _combo(mons, V[n])
            meas = spec.skeleton.measure(b.ctx, b.state, b.at)
        init = spec.skeleton.initial_measure(b.ctx, b.state)
        try:
            w, c1 = _final(b, spec, Vn, meas, init)
        except ProveError as exc:
            raise ProveError(
                f"numeric: at N = {n} no w > 0 gives V >= w measure - c1 initial "
                f"({str(exc).removeprefix('numeric: ')}); enrich the template"
            ) from None
        ends.append((w, c1, _exact_multipliers(b, Vn - w * meas + c1 * init, t.exact)))
    return {"V": V, "start": start_mult, "steps": steps, "ends": ends}
