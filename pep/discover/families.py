r"""Closed forms within polynomial families, for potential proofs whose multipliers are not unique.

The greedy chain of :mod:`pep.discover.autoproof` solves one step at a time and reads closed forms off
the numbers by interpolation. That works when each step's certificate is unique; when the
one-step remainder has slack (EAG-C: it is positive definite for :math:`\alpha L < 1/4`) the
solver returns an interior point of a face, different at each k, and no low-degree rational
function interpolates those points. Here the closed forms are fitted *as families* instead:
every potential coefficient :math:`a_m(k)`, every step multiplier :math:`\lambda_i(k)`, the end
link's :math:`w(N)`, :math:`c_1(N)` and multipliers :math:`\mu_i(N)` is a polynomial of degree
:math:`\le d` with unknown coefficients. Each sampled link (k = 0..K-1, N = 1..K) is an
S-procedure LMI that is *linear* in those coefficients, so one SDP searches the whole family:

1. *chain* — the sampled steps k = 0..K-1 and 2K, 4K, 8K, 16K (far samples: a family fitted
   on the first K alone can trade its leading coefficient against lower terms and fail
   beyond), the start link and the end link at N = K: minimize the telescoped bound
   :math:`(c_0 + c_1)/w` at K (Charnes-Cooper: :math:`w = 1`) over the potential, the
   multipliers and :math:`c_0`. Then, with the bound held within a factor
   ``1 + FAMILY["slack"]`` of that optimum and the template's normalization (``scale`` or
   ``fixed``), the sparsest multipliers fix the support, and the coefficients are fixed one
   at a time (the narrowest feasible interval first; min and max by SDP) at the simplest
   fraction inside, or at the snapped value of an interval that is a point; :math:`c_0` at
   its minimum.
2. *end* — with that exact potential, at N = 1..K and the far N: a constant :math:`c_1`
   (rounded from the best bound at K), then :math:`w(N)` within ``FAMILY["near"]`` of the
   largest (the sum of :math:`w(N)/(N+1)^d` over the samples), then the end multipliers,
   rounded the same way.

The result has the format of :func:`pep.discover.proof_forms.guess_forms` (polynomials are rational
functions with denominator 1), so :func:`pep.discover.proof_forms.rebuild` turns it into a proof.
Nothing is claimed here: the symbolic check decides, for every k and N.

>>> poly_data([Fraction(1), Fraction(3, 2)], "k")
[['k'], [[[0], '1'], [[1], '3/2']], [[[0], '1']]]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from pep.discover.autoproof import Spec, _build, _combo, _lhs_rhs, _snap
from pep.discover.guess import GuessError, RationalGuess, rationalize, simplest_between
from pep.discover.sprocedure import Condition, ProveError, Space, lmi, solve_search, solved_value
from pep.model.problem import interpolation_constraints
from pep.symbolic.prover import Facts, prove_sign
from pep.symbolic.sequences import N

__all__ = ["FAMILY", "family_forms", "poly_data"]

#: ``slack``: the chain's bound may exceed its optimum by this factor, for simple numbers;
#: ``near``: the same for c1 and w at the end; ``zero``: the support cut-off (relative);
#: ``pad``: the solver's resolution (relative), an interval narrower than 4 pads is a point
FAMILY: dict[str, Any] = {"slack": 0.05, "near": 0.02, "zero": 1e-6, "pad": 1e-4}


def poly_data(coeffs: Sequence[Fraction], var: str) -> list[Any]:
    """:math:`\\sum_j c_j\\,\\mathrm{var}^j` as :meth:`pep.discover.guess.RationalGuess.to_data` data."""
    num = [[[j], str(c)] for j, c in enumerate(coeffs) if c != 0]
    return [[var], num, [[[0], "1"]]]


def _powers(x: int, d: int) -> np.ndarray:
    return np.array([float(x) ** j for j in range(d + 1)])


def _link_lmi(cp: Any, b: Any, parts: Sequence[tuple[list[Any], Any, float]]) -> tuple:
    """The S-procedure LMI of one sampled link: ``sum sign * coeffs @ scalars`` is a valid
    inequality (its multipliers are the handle's ``lam``)."""
    space = Space(b.ctx.problem)
    cond = Condition(
        "link", b.ctx.problem, constraints=list(interpolation_constraints(b.ctx.problem))
    )
    for scalars, coeffs, sign in parts:
        cond.add(scalars, coeffs, space, sign=sign)
    return lmi(cp, cond, space)


def _count(b: Any) -> int:
    return len(list(interpolation_constraints(b.ctx.problem)))


def _bracket(cp: Any, cons: list[Any], x: Any) -> tuple[float, float]:
    ends = []
    for sense in (cp.Minimize, cp.Maximize):
        solve_search(cp, None, sense(x), cons)
        ends.append(float(solved_value(x)))
    return min(ends), max(ends)


def _choose(lo: float, hi: float) -> Fraction:
    """A point interval (the solver resolves a degenerate value to about the square root of
    its tolerance) is snapped; a wider one gives 0 if it holds 0, else its simplest fraction
    inside."""
    scale = max(1.0, abs(lo), abs(hi))
    if hi - lo <= 4 * FAMILY["pad"] * scale:
        return _snap((lo + hi) / 2)
    if lo <= 1e-7 * scale and hi >= -1e-7 * scale:
        return Fraction(0)
    pad = FAMILY["pad"] * max(abs(lo), abs(hi))
    return simplest_between(lo + pad, hi - pad)


def _pick(cp: Any, cons: list[Any], x: Any, prefer: int) -> Fraction:
    """Fix ``x`` at its best end (``prefer`` 1: max, -1: min) when that is a small fraction,
    else at the simplest fraction within a relative ``FAMILY["near"]`` of it."""
    lo, hi = _bracket(cp, cons, x)
    best = hi if prefer > 0 else lo
    try:  # an end that is a small fraction (e.g. c0 = V_0's weight) is taken exactly
        v = rationalize(best, max_denominator=360, tol=1e-7)
    except GuessError:
        near = FAMILY["near"] * max(abs(best), 1e-9)
        v = _choose(max(lo, hi - near), hi) if prefer > 0 else _choose(lo, min(hi, lo + near))
    cons.append(x == float(v))
    return v


def _fix(cp: Any, cons: list[Any], items: Sequence[Any]) -> list[Fraction]:
    """Fix the scalar expressions ``items`` at :func:`_choose`'s fractions: in rounds, every
    interval that is a point at once, else the narrowest one (min and max by SDP, recomputed
    each round); ``cons`` gains the equalities."""
    out: dict[int, Fraction] = {}
    while len(out) < len(items):
        spans = {i: _bracket(cp, cons, x) for i, x in enumerate(items) if i not in out}
        width = {i: (hi - lo) / max(1.0, abs(lo), abs(hi)) for i, (lo, hi) in spans.items()}
        points = [i for i in spans if width[i] <= 4 * FAMILY["pad"]]
        for i in points or [min(spans, key=width.__getitem__)]:
            out[i] = _choose(*spans[i])
            cons.append(items[i] == float(out[i]))
    return [out[i] for i in range(len(items))]


def _support(cp: Any, cons: list[Any], rows: Any, samples: Sequence[np.ndarray]) -> list[int]:
    """Rows of a multiplier polynomial matrix that the sparsest certificate uses (the others
    are set to zero in ``cons``)."""
    if rows.shape[0] == 0:
        return []
    total = sum(cp.sum(rows @ p) for p in samples)
    solve_search(cp, None, cp.Minimize(total), cons)
    vals = np.array([solved_value(rows @ p) for p in samples])
    top = max(1.0, float(np.abs(vals).max()))
    keep = [i for i in range(rows.shape[0]) if np.abs(vals[:, i]).max() >= FAMILY["zero"] * top]
    cons += [rows[i, :] == 0 for i in range(rows.shape[0]) if i not in keep]
    return keep


def _normalization(cp: Any, spec: Spec, P: Any, names: list[str], steps: list) -> list[Any]:
    """The template's normalization: ``fixed`` coefficients at every k, and ``scale`` at the
    first sampled index where the monomial does not vanish."""
    t, d = spec.template, P.shape[1] - 1
    out = [P[names.index(m), :] == np.array([float(v)] + [0.0] * d) for m, v in t.fixed.items()]
    for m, v in t.scale.items():
        first = next((k for k, b, before, _ in steps if before[m].terms), None)
        if first is None:
            raise ProveError(f"pattern: the scale monomial {m!r} vanishes at every sampled k")
        out.append(P[names.index(m), :] @ _powers(first, d) == float(v))
    if not out:
        raise ProveError(
            "pattern: family mode needs a normalization (the template's scale or fixed)"
        )
    return out


def sample_indices(K: int) -> list[int]:
    """k = 0..K-1 and four far indices 2K, 4K, 8K, 16K: a polynomial family fitted on the
    first K alone can trade its leading coefficient against lower terms and fail beyond."""
    return [*range(K), *(K * 2**j for j in range(1, 5))]


def _chain(cp: Any, spec: Spec, d: int) -> dict[str, Any]:
    """Stage 1: potential, start and step multipliers, c0 (exact), near the best bound at K."""
    K, t = spec.K, spec.template
    ks = sample_indices(K)
    steps = []
    for k in ks:
        b = _build(spec, "step", k, ks[-1] + 10)
        steps.append((k, b, *_lhs_rhs(spec, b, "step")))
    if len({_count(b) for _, b, _, _ in steps}) != 1:
        raise ProveError("pattern: family mode needs the same inequalities at every step")
    names = list(steps[0][2])
    P = cp.Variable((len(names), d + 1))
    Q = cp.Variable((_count(steps[0][1]), d + 1))
    norm = _normalization(cp, spec, P, names, steps)
    cons: list[Any] = []
    for k, b, before, after in steps:
        now, nxt = [before[m] for m in names], [after[m] for m in names]
        s = 1.0 / (k + 1) ** d  # the same LMI, scaled to order one
        c, h = _link_lmi(
            cp, b, [(now, s * (P @ _powers(k, d)), 1.0), (nxt, s * (P @ _powers(k + 1, d)), -1.0)]
        )
        cons += [*c, h["lam"] == s * (Q @ _powers(k, d))]
    b0 = _build(spec, "start", 0, K + 10)
    mons0, _ = _lhs_rhs(spec, b0, "start")
    c0 = cp.Variable(nonneg=True)
    init0 = spec.skeleton.initial_measure(b0.ctx, b0.state)
    c, start = _link_lmi(
        cp,
        b0,
        [
            ([init0], _one(c0), 1.0),
            ([mons0[m] for m in names], P @ _powers(0, d), -1.0),
        ],
    )
    cons += c
    be = _build(spec, "end", K, K)
    mons, _ = _lhs_rhs(spec, be, "end")
    w, c1 = cp.Variable(), cp.Variable(nonneg=True)
    meas = spec.skeleton.measure(be.ctx, be.state, be.at)
    parts = [
        ([mons[m] for m in names], P @ _powers(K, d), 1.0),
        ([meas], _one(w), -1.0),
    ]
    if t.final_c1:
        parts.append(
            (
                [spec.skeleton.initial_measure(be.ctx, be.state)],
                _one(c1),
                1.0,
            )
        )
    cons += _link_lmi(cp, be, parts)[0]
    bound = c0 + (c1 if t.final_c1 else 0)
    solve_search(cp, None, cp.Minimize(bound), [*cons, w == 1])
    best = float(solved_value(bound))
    cons += [bound <= (1 + FAMILY["slack"]) * best * w, *norm]
    keep = _support(cp, cons, Q, [_powers(k, d) / (k + 1) ** d for k in ks])
    flat = [P[i, j] for i in range(len(names)) for j in range(d + 1)]
    values = iter(_fix(cp, cons, flat))
    pot = {m: [next(values) for _ in range(d + 1)] for m in names}
    values = iter(_fix(cp, cons, [Q[i, j] for i in keep for j in range(d + 1)]))
    step = {i: [next(values) for _ in range(d + 1)] for i in keep}
    c0_value = _pick(cp, cons, c0, -1)
    lam = start["lam"]
    start_mult = (
        {}
        if lam is None
        else dict(enumerate(_fix(cp, cons, [lam[i] for i in range(lam.shape[0])])))
    )
    return {"names": names, "potential": pot, "step": step, "c0": c0_value, "start": start_mult}


def _end_samples(
    spec: Spec, pot: dict[str, list[Fraction]]
) -> list[tuple[int, Any, Any, Any, Any]]:
    """``(N, built, V_N, measure, initial)`` for N = 1..K and four far N, with the exact
    potential."""
    out = []
    for n in [*range(1, spec.K + 1), *sample_indices(spec.K)[spec.K :]]:
        b = _build(spec, "end", n, n)
        mons, _ = _lhs_rhs(spec, b, "end")
        coefs = {m: sum(c * n**j for j, c in enumerate(cs)) for m, cs in pot.items()}
        meas = spec.skeleton.measure(b.ctx, b.state, b.at)
        out.append((n, b, _combo(mons, coefs), meas, spec.skeleton.initial_measure(b.ctx, b.state)))
    return out


def _one(x: Any) -> Any:
    return x if x.shape == (1,) else x.reshape((1,), order="C")


def _end(cp: Any, spec: Spec, d: int, pot: dict[str, list[Fraction]], c0: Fraction) -> dict:
    """Stage 2: a constant c1 (from the best bound at N = K, Charnes-Cooper with w(K) = 1),
    then w(N) near its largest at every sample, then the end multipliers."""
    use_c1 = spec.template.final_c1
    samples = _end_samples(spec, pot)
    W, c1, scale = cp.Variable(d + 1), cp.Variable(nonneg=True), cp.Variable(nonneg=True)
    R = cp.Variable((_count(samples[0][1]), d + 1))
    cons: list[Any] = [] if use_c1 else [c1 == 0]
    for n, b, V, meas, init in samples:  # scale * V_N >= w(N) measure - c1 initial
        g = 1.0 / (n + 1) ** d  # each LMI scaled to order one
        p = _powers(n, d)
        parts = [([V], _one(g * scale), 1.0), ([meas], _one(g * (W @ p)), -1.0)]
        c, h = _link_lmi(cp, b, [*parts, ([init], _one(g * c1), 1.0)])
        cons += [*c, h["lam"] == g * (R @ p)]
    bound = float(c0) * scale + c1
    far = samples[-1][0]  # the bound at the farthest sample: c1 for the asymptotics
    solve_search(cp, None, cp.Minimize(bound), [*cons, W @ _powers(far, d) == (far + 1) ** d])
    c1_value = Fraction(0)
    if use_c1:  # the optimum's c1 for V_N itself (scale 1), rounded within FAMILY["near"]
        best = float(solved_value(c1)) / float(solved_value(scale))
        c1_value = _choose(best * (1 - FAMILY["near"]), best * (1 + FAMILY["near"]))
    cons += [scale == 1, c1 == float(c1_value)]
    total = sum(W @ _powers(n, d) / (n + 1) ** d for n, *_ in samples)  # w large at every N
    solve_search(cp, None, cp.Maximize(total), cons)
    top = float(solved_value(total))
    cons.append(total >= top - FAMILY["near"] * abs(top))
    w = _fix(cp, cons, [W[j] for j in range(d + 1)])
    keep = _support(cp, cons, R, [_powers(n, d) / (n + 1) ** d for n, *_ in samples])
    values = iter(_fix(cp, cons, [R[i, j] for i in keep for j in range(d + 1)]))
    end = {i: [next(values) for _ in range(d + 1)] for i in keep}
    return {"w": w, "c1": [c1_value], "end": end}


def family_forms(spec: Spec) -> dict[str, Any]:
    """Closed forms of degree ``spec.template.family`` (see the module docstring), in the
    format of :func:`pep.discover.proof_forms.guess_forms`; raises :class:`ProveError`."""
    import cvxpy as cp

    d = spec.template.family
    if d is None or d < 0 or spec.template.end_advance or not spec.template.exact:
        raise ProveError("pattern: family mode needs family >= 0, exact=True, end_advance=False")
    chain = _chain(cp, spec, d)
    end = _end(cp, spec, d, chain["potential"], chain["c0"])
    w = RationalGuess.from_data(poly_data(end["w"], "N")).to_sympy(N)
    if not prove_sign(w, Facts(index={N: 1}), strict=True).ok:  # else the "rate" is no bound
        raise ProveError(f"guess: the end weight w(N) = {w} is not provably > 0 for N >= 1")
    return {
        "c0": str(chain["c0"]),
        "potential": {m: poly_data(cs, "k") for m, cs in chain["potential"].items()},
        "start": {i: str(v) for i, v in chain["start"].items() if v},
        "first": None,
        "step": {i: poly_data(cs, "k") for i, cs in chain["step"].items()},
        "end": {i: poly_data(cs, "N") for i, cs in end["end"].items()},
        "fold": False,
        "w": poly_data(end["w"], "N"),
        "c1": poly_data(end["c1"], "N"),
    }
