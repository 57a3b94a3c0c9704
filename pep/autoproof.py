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

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from pep.algebra import Scalar
from pep.errors import InvalidArgument, PepError
from pep.guess import GuessError, RationalGuess, rational_function, rationalize
from pep.lyapunov import _Condition, _lmi, _Space
from pep.problem import interpolation_constraints

__all__ = ["AutoTemplate", "Spec", "ProveError", "numeric_chain", "guess_forms", "rebuild"]

#: rounding of solver output to rationals (denominators, relative distance)
ROUND = {"max_denominator": 2000, "tol": 2e-6}
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
    """

    monomials: Callable[..., Mapping[str, Scalar]]
    weight: str
    fixed: Mapping[str, Any] = field(default_factory=dict)
    scale: Mapping[str, Any] = field(default_factory=dict)
    c0: Any = 0
    final_c1: bool = True


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


def _solve(cp: Any, problem: Any, objective: Any, cons: list[Any]) -> None:
    prob = cp.Problem(objective, cons)
    try:
        prob.solve(solver="CLARABEL")
    except BaseException as exc:  # Clarabel can panic (a Rust panic is a BaseException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise ProveError(f"numeric: the SDP solver failed ({type(exc).__name__}: {exc})") from None
    if prob.status not in ("optimal", "optimal_inaccurate"):
        raise ProveError(f"numeric: the SDP returned status {prob.status!r}")


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
    """Minimize the sum of multipliers and the trace of the residual (False if that failed:
    the caller keeps the solution it has)."""
    weight = cp.trace(h["S"]) + (cp.sum(h["lam"]) if h["lam"] is not None else 0)
    try:
        _solve(cp, None, cp.Minimize(weight), cons)
    except ProveError:
        return False
    return True


def _exact_multipliers(b: Any, known: Scalar) -> list[Fraction]:
    """Sparsest multipliers certifying ``known >= 0`` on the link, rounded to rationals."""
    cp, cons, h = _certificate(b, known)
    if not _sparsest(cp, cons, h):
        _solve(cp, None, cp.Minimize(0), cons)
    lam = np.asarray(h["lam"].value if h["lam"] is not None else [], float)
    top = max(1.0, float(np.abs(lam).max(initial=0.0)))
    return [Fraction(0) if abs(v) < ZERO * top else rationalize(v, **ROUND) for v in lam]


def _greedy(b: Any, spec: Spec, known: Scalar, mons: Mapping[str, Scalar], first: bool) -> dict:
    """The next potential: maximize the weight coefficient, then the sparsest certificate."""
    import cvxpy as cp

    names = list(mons)
    u = cp.Variable(len(names))
    cp_, cons, h = _certificate(b, known, [([-s for s in mons.values()], u)])
    t = spec.template
    for m, v in t.fixed.items():
        cons.append(u[names.index(m)] == float(v))
    if first:
        for m, v in t.scale.items():
            cons.append(u[names.index(m)] == float(v))
    w = u[names.index(t.weight)]
    _solve(cp, None, cp.Maximize(w), cons)
    best = float(w.value)
    try:  # the exact optimum, when it is a small fraction, keeps the next steps clean
        best = float(rationalize(best, **ROUND))
    except GuessError:
        pass
    if not any(
        _sparsest(cp, [*cons, w >= best - gap * max(1.0, abs(best))], h) for gap in (1e-8, 1e-6)
    ):
        _solve(cp, None, cp.Maximize(w), cons)
    out = {}
    for m, v in zip(names, u.value):
        # a monomial that vanishes identically here (e.g. <r, y_0 - y_0>) has no coefficient
        out[m] = None if not mons[m].terms else rationalize(float(v), **ROUND)
    return out


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
        return rationalize(w_num, **ROUND), Fraction(0)
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
        return rationalize(float(c1.value), **ROUND)
    except (ProveError, GuessError):
        return None


def numeric_chain(spec: Spec) -> dict[str, Any]:
    """Stage 1: exact (rounded) potentials, multipliers and end constants for k, N <= K."""
    t, K = spec.template, spec.K
    big = K + 10  # a horizon beyond the data, so no special last-step variant applies
    b0 = _build(spec, "start", 0, big)
    mons0, _ = _lhs_rhs(spec, b0, "start")
    init0 = spec.skeleton.initial_measure(b0.ctx, b0.state)
    V = [_greedy(b0, spec, Fraction(t.c0) * init0, mons0, first=False)]
    start_mult = _exact_multipliers(b0, Fraction(t.c0) * init0 - _combo(mons0, V[0]))
    steps: list[list[Fraction]] = []
    for k in range(K):
        b = _build(spec, "step", k, big)
        before, after = _lhs_rhs(spec, b, "step")
        known = _combo(before, V[k])
        V.append(_greedy(b, spec, known, after, first=not any(V[k].values())))
        steps.append(_exact_multipliers(b, known - _combo(after, V[k + 1])))
    ends: list[tuple[Fraction, Fraction, list[Fraction]]] = []
    for n in range(1, K + 1):
        b = _build(spec, "end", n, n)
        mons, _ = _lhs_rhs(spec, b, "end")
        Vn = _combo(mons, V[n])
        meas = spec.skeleton.measure(b.ctx, b.state, b.at)
        init = spec.skeleton.initial_measure(b.ctx, b.state)
        w, c1 = _final(b, spec, Vn, meas, init)
        ends.append((w, c1, _exact_multipliers(b, Vn - w * meas + c1 * init)))
    return {"V": V, "start": start_mult, "steps": steps, "ends": ends}


# -- guess stage ----------------------------------------------------------------------------------
def _fit(values: Mapping[int, Fraction], var: str, what: str) -> RationalGuess:
    if all(v == 0 for v in values.values()):
        return RationalGuess((var,), (), (((0,), Fraction(1)),), len(values), 0)
    g = rational_function(dict(values), names=(var,))
    if g is None:
        shown = ", ".join(f"{k}: {v}" for k, v in values.items())
        raise ProveError(f"guess: no rational function of {var} fits {what} ({shown})")
    return g


def guess_forms(spec: Spec, num: Mapping[str, Any]) -> dict[str, Any]:
    """Stage 2-3: the multiplier pattern and closed forms; raises :class:`ProveError`."""
    V, steps, ends = num["V"], num["steps"], num["ends"]
    counts = {len(s) for s in steps[1:]}
    if len(counts) != 1:
        raise ProveError(f"pattern: the step links have different inequality counts {counts}")
    separate_first = len(steps[0]) != len(steps[1])
    k0 = 1 if separate_first else 0
    pot = {}
    for m in V[0]:
        vals = {k: V[k][m] for k in range(len(V)) if V[k][m] is not None}
        pot[m] = _fit(vals, "k", f"the coefficient of {m} in V_k").to_data()
    n_ineq = len(steps[k0])
    step = {}
    for i in range(n_ineq):
        vals = {k: steps[k][i] for k in range(k0, len(steps))}
        if any(vals.values()):
            step[i] = _fit(vals, "k", f"the multiplier of inequality #{i} of the step").to_data()
    if not step and not any(any(s) for s in steps):
        raise ProveError("pattern: every step multiplier is zero; the potential does not move")
    end = {}
    for i in range(len(ends[0][2])):
        vals = {n + 1: e[2][i] for n, e in enumerate(ends)}
        if any(vals.values()):
            end[i] = _fit(vals, "N", f"the multiplier of inequality #{i} of the end link").to_data()
    w = _fit({n + 1: e[0] for n, e in enumerate(ends)}, "N", "the weight w(N)").to_data()
    c1 = _fit({n + 1: e[1] for n, e in enumerate(ends)}, "N", "c1(N)").to_data()
    return {
        "c0": str(Fraction(spec.template.c0)),
        "potential": pot,
        "start": {i: str(v) for i, v in enumerate(num["start"]) if v},
        "first": {i: str(v) for i, v in enumerate(steps[0]) if v} if separate_first else None,
        "step": step,
        "end": end,
        "w": w,
        "c1": c1,
    }


# -- the proof -----------------------------------------------------------------------------------
def _ineq_names(c: Any) -> list[str]:
    return [con.name or "" for con in interpolation_constraints(c.problem)]


def _by_position(forms: Mapping[Any, Any], var: str) -> Callable[..., dict[str, Any]]:
    """Multipliers keyed by the link's inequality at each position (the order in which the
    link creates its oracle records, identical in the numeric and the symbolic build)."""
    fs = {int(i): RationalGuess.from_data(d) for i, d in forms.items()}

    def multipliers(c: Any, s: Any, s1: Any, at: Any) -> dict[str, Any]:
        names, x = _ineq_names(c), (at.k if var == "k" else at.N)
        return {names[i]: f.evaluate(x) for i, f in fs.items()}

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
    pot = {m: RationalGuess.from_data(d) for m, d in data["potential"].items()}
    w, c1 = RationalGuess.from_data(data["w"]), RationalGuess.from_data(data["c1"])
    c0 = sp.Rational(str(Fraction(data["c0"])))

    def potential(c: Any, s: Any, at: Any) -> Scalar:
        total = Scalar({}, 0, None)
        for m, mono in t.monomials(c, s, at).items():
            a = pot[m].evaluate(at.k)
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
            _by_position(data["step"], "k"),
            1 if first is not None else 0,
            "N - 1",
            remainder="psd",
        )
    )
    final = Final(lambda c, at: w.evaluate(at.N), lambda c, at: c1.evaluate(at.N))
    links.append(
        Link(
            "end",
            potential,
            final,
            _by_position(data["end"], "N"),
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
        rate=lambda c, at: (c0 + c1.evaluate(at.N)) / w.evaluate(at.N),
    )
