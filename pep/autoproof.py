r"""Machinery of :mod:`pep.prove`: potential templates, the numeric chain, closed forms,
and the :class:`pep.symbolic.Proof` they describe.

* :func:`numeric_chain` — a greedy chain of potentials by SDP (:mod:`pep.lyapunov`'s
  S-procedure): :math:`V_0` is the best potential below :math:`c_0\cdot\mathrm{initial}`;
  given an exact :math:`V_k`, :math:`V_{k+1}` maximizes the coefficient of the template's
  ``weight`` monomial subject to :math:`V_k - V_{k+1} \ge \sum_i\lambda_i I_i` (``fixed``
  coefficients held, ``scale`` normalizing the first nonzero potential), then the sparsest
  certificate (minimal :math:`\sum\lambda + \mathrm{tr}\,S`) is taken and rounded to small
  rationals; at a horizon :math:`N` the best :math:`(w, c_1)` with
  :math:`V_N \ge w\,\mathrm{measure} - c_1\,\mathrm{initial}` minimizes
  :math:`(c_0 + c_1)/w` (a linear-fractional SDP, Charnes-Cooper transformed).
* :func:`guess_forms` — the multiplier pattern and closed forms in :math:`k` and :math:`N`
  (:func:`pep.guess.rational_function`, validated on held-out indices).
* :func:`rebuild` — the proof those closed forms describe (links ``start``, ``step``, ``end``
  with PSD remainders), checked by :func:`pep.symbolic.check_proof`.

Greedy potentials follow A. Taylor, F. Bach, "Stochastic first-order methods: non-asymptotic
and computer-aided analyses via potential functions", COLT 2019.

>>> from fractions import Fraction
>>> ROUND["max_denominator"] >= 1000
True
"""

from __future__ import annotations

import contextlib
import dataclasses
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from pep.algebra import Scalar
from pep.errors import InvalidArgument, PepError
from pep.guess import (
    GuessError,
    RationalGuess,
    approximate_rational_function,
    rational_function,
    rationalize,
    simplest_between,
    sparse_combination,
)
from pep.lyapunov import _Condition, _lmi, _Space
from pep.problem import interpolation_constraints

__all__ = ["AutoTemplate", "Spec", "ProveError", "numeric_chain", "guess_forms", "rebuild"]

#: rounding of solver output to rationals (denominators, relative distance)
ROUND = {"max_denominator": 2000, "tol": 2e-6}
#: the fallback rounding of :func:`_snap`
SNAP = {"max_denominator": 64, "tol": 1e-4}
#: tighter than Clarabel's defaults: the numbers are rounded to rationals afterwards
SOLVER_OPTIONS = {"tol_gap_abs": 1e-10, "tol_gap_rel": 1e-10, "tol_feas": 1e-10}
#: solvers tried in turn by :func:`_solve`
ATTEMPTS = (
    ("CLARABEL", SOLVER_OPTIONS),
    ("CLARABEL", {}),
    ("SCS", {"eps_abs": 1e-9, "eps_rel": 1e-9, "max_iters": 200_000}),
)
#: a multiplier below this (relative to the largest of its link) is treated as zero
ZERO = 1e-6


class ProveError(PepError):
    """A stage of the pipeline failed (the message names the stage and the culprit)."""


@dataclass(frozen=True)
class AutoTemplate:
    """A potential template: ``V = sum_m a_m(k) * monomial_m``.

    ``monomials(c, s, at)`` returns the named Scalars (e.g. ``{"f": f(x) - f(x*),
    "|x|^2": ||x - x*||^2}``); ``weight`` is the monomial whose coefficient the greedy chain
    maximizes; ``fixed`` coefficients are held at every k; ``scale`` normalizes the first
    potential after :math:`V_0` (potentials defined up to a factor); ``c0`` is the
    constant of the start link :math:`c_0\\cdot\\mathrm{initial} \\ge V_0`; ``final_c1``
    allows the initial measure in the end link (only when it is an anchor of the state).
    ``weight="measure"`` maximizes instead the provable weight :math:`w` with
    :math:`V_{k+1} \\ge w\\,\\mathrm{measure}_{k+1}` (for templates whose monomial
    coefficients are tied, like OGM's). ``exact=False`` keeps solver floats (irrational
    coefficients); closed forms are then polynomials in the ``sequences`` (e.g.
    ``{"theta": THETA}``, a :class:`pep.symbolic.Recurrence` given as a hint).
    """

    monomials: Callable[..., Mapping[str, Scalar]]
    weight: str
    fixed: Mapping[str, Any] = field(default_factory=dict)
    scale: Mapping[str, Any] = field(default_factory=dict)
    c0: Any = 0
    final_c1: bool = True
    exact: bool = True
    sequences: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Spec:
    """What :func:`prove` needs: a :class:`pep.symbolic.Proof` skeleton (links and rate are
    filled in) and an :class:`AutoTemplate`; ``K`` steps are solved numerically.

    ``reference_name`` is what a generated file passes to :func:`rebuild`: a built-in name or
    ``"package.module:NAME"`` (imported, never evaluated).
    """

    skeleton: Any
    template: AutoTemplate
    K: int = 8
    notes: str = ""
    reference_name: str | None = None  # how a generated file names the spec (see rebuild)
    known_rate: Callable[[int], Any] | None = None  # else the algorithm's registered rate


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
    pot, none = _probe(spec.template), (lambda *a: {})
    if kind == "start":
        link = Link("start", Initial(lambda c, at: 0), pot, none, 0, advance=False)
    elif kind == "step":
        link = Link("step", pot, pot, none, 0, "N - 1")
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


def _solve(cp: Any, problem: Any, objective: Any, cons: list[Any]) -> int:
    """Solve with tight Clarabel tolerances, then default ones, then SCS (tiny degenerate
    SDPs, e.g. a potential forced to 0, sometimes stall one solver but not another)."""
    prob = cp.Problem(objective, cons)
    errors = []
    for attempt, (solver, options) in enumerate(ATTEMPTS):
        try:
            with warnings.catch_warnings():  # accuracy is judged by rounding + the symbolic check
                warnings.filterwarnings("ignore", message="Solution may be inaccurate")
                prob.solve(solver=solver, **options)
        except BaseException as exc:  # Clarabel can panic (a Rust panic is a BaseException)
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            errors.append(f"{solver}: {type(exc).__name__}")
            continue
        if prob.status in ("optimal", "optimal_inaccurate"):
            return attempt
        errors.append(f"{solver}: {prob.status}")
        if prob.status in ("infeasible", "unbounded"):
            break
    raise ProveError(f"numeric: the SDP failed ({'; '.join(errors)})")


def _certificate(b: Any, known: Scalar, unknown: list[tuple[Any, Any]] = ()) -> tuple:
    """LMI ``known + sum(unknown) - sum lam_i I_i = <S, G> + c``; returns (cp, cons, handle)."""
    import cvxpy as cp

    space = _Space(b.ctx.problem)
    cond = _Condition(
        "link", b.ctx.problem, constraints=list(interpolation_constraints(b.ctx.problem))
    )
    cond.add([known], np.ones(1), space)
    for scalars, u in unknown:
        cond.add(scalars, u, space)
    cons, h = _lmi(cp, cond, space)
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
    out = [(Fraction(0), 0.0)] * len(vals)
    for i in sorted(support, key=lambda j: -vals[j]):
        ends = [float(vals[i])]
        for sense in (cp.Minimize, cp.Maximize):
            try:  # only the tight solver's ends are trusted to bracket the value
                if _solve(cp, None, sense(lam[i]), cons) == 0:
                    ends.append(float(lam[i].value))
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
    best = float(w.value)
    with contextlib.suppress(GuessError):  # a small-fraction optimum keeps later steps clean
        best = float(rationalize(best, **ROUND)) if t.exact else best
    if not any(
        _sparsest(cp, [*cons, w >= best - gap * max(1.0, abs(best))], h) for gap in (1e-8, 1e-6)
    ):
        _solve(cp, None, cp.Maximize(w), cons)
    rnd = _snap if t.exact else float
    out = {}
    for m, val in zip(names, u.value):
        # a monomial that vanishes identically here (e.g. <r, y_0 - y_0>) has no coefficient
        out[m] = None if not mons[m].terms else rnd(float(val))
    solved = {m: rnd(float(x)) for m, x in zip(free, v.value)} if v is not None else {}
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
    w_num, best = 1 / float(s.value), c0 * float(s.value) + (float(c1.value) if use_c1 else 0)
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
        return _snap(float(c1.value))
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
    steps: list[list[Fraction]] = []
    for k in range(K):
        b = _build(spec, "step", k, big)
        before, after = _lhs_rhs(spec, b, "step")
        free = {m: s for m, s in before.items() if V[k][m] is None and s.terms}
        first = not any(V[k].values())
        meas = spec.skeleton.measure(b.ctx, b.next_state, b.at.next)
        nxt, solved = _greedy(b, spec, _combo(before, V[k]), after, first, free, meas)
        V[k].update(solved)
        V.append(nxt)
        known = _combo(before, V[k])
        steps.append(_exact_multipliers(b, known - _combo(after, V[k + 1]), t.exact))
    ends: list[tuple[Fraction, Fraction, list[Fraction]]] = []
    for n in range(1, K + 1):
        b = _build(spec, "end", n, n)
        mons, _ = _lhs_rhs(spec, b, "end")
        Vn = _combo(mons, V[n])
        meas = spec.skeleton.measure(b.ctx, b.state, b.at)
        init = spec.skeleton.initial_measure(b.ctx, b.state)
        w, c1 = _final(b, spec, Vn, meas, init)
        ends.append((w, c1, _exact_multipliers(b, Vn - w * meas + c1 * init, t.exact)))
    return {"V": V, "start": start_mult, "steps": steps, "ends": ends}


# -- guess stage ----------------------------------------------------------------------------------
def _fit(values: Mapping[int, tuple[Fraction, float]], var: str, what: str) -> RationalGuess:
    """Exact interpolation of the rounded values; else a noisy fit of the raw ones."""
    exact = {k: v[0] for k, v in values.items()}
    if all(v == 0 for v in exact.values()):
        return RationalGuess((var,), (), (((0,), Fraction(1)),), len(values), 0)
    g = rational_function(exact, names=(var,))
    if g is None:
        g = approximate_rational_function({k: v[1] for k, v in values.items()}, name=var)
    if g is None:
        shown = ", ".join(f"{k}: {v[1]:.6g}" for k, v in values.items())
        raise ProveError(f"guess: no rational function of {var} fits {what} ({shown})")
    return g


_POWERS = {"1": (0, 0), "a": (1, 0), "a^2": (2, 0), "b": (0, 1), "b^2": (0, 2), "ab": (1, 1)}


def _fit_sequence(
    spec: Spec, values: Mapping[int, tuple[Any, float]], what: str, pair: bool
) -> dict[str, Any]:
    """A sparse polynomial in :math:`a = s_i` (and :math:`b = s_{i+1}` when ``pair``) of the
    template's hint sequence ``s`` with small rational coefficients; see
    :func:`pep.guess.sparse_combination`."""
    ((name, seq),) = spec.template.sequences.items()
    idx = sorted(values)
    if all(values[i][1] == 0 for i in idx):
        return {"seq": name, "terms": []}
    term = {i: float(seq.numeric(i)) for i in range(max(idx) + 2)}
    feats = {"1": [1.0] * len(idx), "a": [term[i] for i in idx], "a^2": [term[i] ** 2 for i in idx]}
    if pair:
        feats["b"] = [term[i + 1] for i in idx]
        feats["b^2"] = [term[i + 1] ** 2 for i in idx]
        feats["ab"] = [term[i] * term[i + 1] for i in idx]
    combo = sparse_combination([values[i][1] for i in idx], feats, tol=1e-5)
    if combo is None:
        shown = ", ".join(f"{i}: {values[i][1]:.9g}" for i in idx)
        raise ProveError(f"guess: no sparse polynomial in {name} fits {what} ({shown})")
    return {"seq": name, "terms": [[*_POWERS[f], str(c)] for f, c in combo.items()]}


def evaluate_form(spec: Spec, data: Any, at: Any, var: str) -> Any:
    """A closed form at an index: rational in k or N, or polynomial in the hint sequence."""
    import sympy as sp

    if isinstance(data, dict):
        seq = spec.template.sequences[data["seq"]]
        total: Any = 0
        for p, q, c in data["terms"]:
            f = Fraction(c)
            value = sp.Rational(f.numerator, f.denominator) * at(seq) ** p
            total = total + (value * at.next(seq) ** q if q else value)
        return total
    return RationalGuess.from_data(data).evaluate(at.k if var == "k" else at.N)


def form_text(data: Any, var: str = "k") -> str:
    """Human-readable closed form (``2*theta_k^2``, ``(k + 1)/2``)."""
    if isinstance(data, dict):
        name = data["seq"]
        parts = []
        for p, q, c in data["terms"]:
            factors = [f"{name}_{var}^{p}" if p > 1 else f"{name}_{var}"] * (p > 0)
            factors += [f"{name}_({var}+1)^{q}" if q > 1 else f"{name}_({var}+1)"] * (q > 0)
            parts.append("*".join([c, *factors]) if factors else c)
        return " + ".join(parts) or "0"
    return str(RationalGuess.from_data(data))


def _pair(v: Any) -> tuple[Fraction, float]:
    return v if isinstance(v, tuple) else (Fraction(v), float(v))


def _nonzero(values: Mapping[int, Any]) -> bool:
    return any(_pair(v)[0] != 0 for v in values.values())


def guess_forms(spec: Spec, num: Mapping[str, Any]) -> dict[str, Any]:
    """Stage 2-3: the multiplier pattern and closed forms; raises :class:`ProveError`."""
    V, steps, ends = num["V"], num["steps"], num["ends"]
    counts = {len(s) for s in steps[1:]}
    if len(counts) != 1:
        raise ProveError(f"pattern: the step links have different inequality counts {counts}")
    separate_first = len(steps[0]) != len(steps[1])
    k0 = 1 if separate_first else 0

    def fit(vals: Mapping[int, Any], var: str, what: str, pair: bool = False) -> Any:
        vals = {i: _pair(v) for i, v in vals.items()}
        if spec.template.exact:
            return _fit(vals, var, what).to_data()
        return _fit_sequence(spec, vals, what, pair)

    pot = {}
    for m in V[0]:
        vals = {k: V[k][m] for k in range(len(V)) if V[k][m] is not None}
        pot[m] = fit(vals, "k", f"the coefficient of {m} in V_k")
    step = {}
    for i in range(len(steps[k0])):
        vals = {k: _pair(steps[k][i]) for k in range(k0, len(steps))}
        if _nonzero(vals):
            step[i] = fit(vals, "k", f"the multiplier of inequality #{i} of the step", True)
    if not step:
        raise ProveError("pattern: every step multiplier is zero; the potential does not move")
    end = {}
    for i in range(len(ends[0][2])):
        vals = {n + 1: _pair(e[2][i]) for n, e in enumerate(ends)}
        if _nonzero(vals):
            end[i] = fit(vals, "N", f"the multiplier of inequality #{i} of the end link")

    def const(v: Any) -> Fraction:  # a multiplier at a fixed index: a small fraction
        return _pair(v)[0] if spec.template.exact else _snap(_pair(v)[1])

    first = [const(v) for v in steps[0]]
    return {
        "c0": str(Fraction(spec.template.c0)),
        "potential": pot,
        "start": {i: str(const(v)) for i, v in enumerate(num["start"]) if const(v)},
        "first": {i: str(v) for i, v in enumerate(first) if v} if separate_first else None,
        "step": step,
        "end": end,
        "w": fit({n + 1: e[0] for n, e in enumerate(ends)}, "N", "the weight w(N)"),
        "c1": fit({n + 1: e[1] for n, e in enumerate(ends)}, "N", "c1(N)"),
    }


# -- the proof -----------------------------------------------------------------------------------
def _ineq_names(c: Any) -> list[str]:
    return [con.name or "" for con in interpolation_constraints(c.problem)]


def _by_position(spec: Spec, forms: Mapping[Any, Any], var: str) -> Callable[..., dict[str, Any]]:
    """Multipliers keyed by the link's inequality at each position (the order in which the
    link creates its oracle records, identical in the numeric and the symbolic build)."""

    def multipliers(c: Any, s: Any, s1: Any, at: Any) -> dict[str, Any]:
        names = _ineq_names(c)
        return {names[int(i)]: evaluate_form(spec, d, at, var) for i, d in forms.items()}

    return multipliers


def _constants(values: Mapping[Any, str] | None) -> Callable[..., dict[str, Any]]:
    import sympy as sp

    vals = {int(i): Fraction(v) for i, v in (values or {}).items()}

    def multipliers(c: Any, s: Any, s1: Any, at: Any) -> dict[str, Any]:
        names = _ineq_names(c)
        return {names[i]: sp.Rational(v.numerator, v.denominator) for i, v in vals.items()}

    return multipliers


def _spec(spec: Spec | str) -> Spec:
    if isinstance(spec, Spec):
        return spec
    if not isinstance(spec, str):
        raise InvalidArgument(f"spec={spec!r} must be a pep.prove.Spec or a registered name")
    if ":" in spec:  # "package.module:NAME", imported (never evaluated)
        import importlib

        module, _, attr = spec.partition(":")
        found = getattr(importlib.import_module(module), attr, None)
        if not isinstance(found, Spec):
            raise InvalidArgument(f"spec={spec!r} does not name a pep.prove.Spec")
        return found
    from pep.prove_specs import get

    return get(spec)


def rebuild(spec: Spec | str, data: Mapping[str, Any]) -> Any:
    """The :class:`pep.symbolic.Proof` described by ``data`` (the output of the guess stage).

    Used by the generated files in ``proofs/auto/``: ``PROOF = rebuild("halpern", DATA)``.
    """
    import sympy as sp

    from pep.symbolic import Final, Initial, Link

    spec = _spec(spec)
    t = spec.template
    pot, w, c1 = data["potential"], data["w"], data["c1"]
    c0 = sp.Rational(str(Fraction(data["c0"])))

    def potential(c: Any, s: Any, at: Any) -> Scalar:
        total = Scalar({}, 0, None)
        for m, mono in t.monomials(c, s, at).items():
            a = evaluate_form(spec, pot[m], at, "k")
            if a != 0:
                total = total + a * mono
        return total

    first = data.get("first")
    links = [
        Link(
            "start",
            Initial(lambda c, at: c0),
            potential,
            _constants(data["start"]),
            0,
            remainder="psd",
            advance=False,
        )
    ]
    if first is not None:
        links.append(
            Link("first step", potential, potential, _constants(first), 0, remainder="psd")
        )
    links.append(
        Link(
            "step",
            potential,
            potential,
            _by_position(spec, data["step"], "k"),
            1 if first is not None else 0,
            "N - 1",
            remainder="psd",
        )
    )
    final = Final(
        lambda c, at: evaluate_form(spec, w, at, "N"),
        lambda c, at: evaluate_form(spec, c1, at, "N"),
    )
    links.append(
        Link(
            "end",
            potential,
            final,
            _by_position(spec, data["end"], "N"),
            "N",
            remainder="psd",
            advance=False,
        )
    )
    sk = spec.skeleton
    return dataclasses.replace(
        sk,
        name=f"{sk.name}_auto",
        title=f"{sk.title} (generated by pep.prove)",
        links=tuple(links),
        rate=lambda c, at: (
            (c0 + evaluate_form(spec, c1, at, "N")) / evaluate_form(spec, w, at, "N")
        ),
    )
