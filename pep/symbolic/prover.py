r"""Exact reduction modulo recurrences, sign proofs, and symbolic LDLᵀ.

* :func:`reduce`: an expression modulo the recurrence relations of a link. The numerator of
  the rational function is reduced by each relation in turn (highest index first): a relation
  of degree 1 in its newest term is solved for it; a monic relation of degree 2 rewrites
  :math:`\theta_{k+1}^2` by polynomial division. Zero after reduction means zero on every
  sequence satisfying the recurrences.
* :func:`prove_sign`: shows :math:`e \ge 0` (or :math:`> 0`) from the link's facts. Each fact
  is used as a substitution by a fresh nonnegative slack — :math:`k = k_0 + j`,
  :math:`\theta_{k+1} = \theta_k + d`, :math:`\theta_k = 1 + s` — after which it suffices
  that numerator and denominator are polynomials with coefficients of one sign (and, for
  strictness, a term that is a monomial in strictly positive variables, such as a nonzero
  constant term or :math:`8t` with :math:`t > 0`). Every substitution is a valid
  reparametrisation of the points allowed by the facts, so the argument is sound. When
  only one index is left (e.g. k), a rational function with no real root beyond the index's
  lower bound (Sturm sequences, exact) and positive at the bound is positive.
* :func:`ldl_psd`: a symmetric matrix is PSD when symbolic LDLᵀ runs with every pivot proved
  :math:`> 0`, or a zero pivot whose row is zero (a Schur-complement argument).

>>> import sympy as sp
>>> k, L = sp.Symbol("k", integer=True, nonnegative=True), sp.Symbol("L", positive=True)
>>> prove_sign((k + 1) / (2 * L), Facts(index={k: 0})).ok
True
>>> prove_sign(k - 1, Facts(index={k: 0})).ok
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from pep.model.coefficients import to_sympy

__all__ = ["Relation", "Facts", "Sign", "reduce", "is_zero", "prove_sign", "ldl_psd"]


@dataclass(frozen=True)
class Relation:
    """``poly == 0`` with ``lead`` its newest sequence term (the symbol it eliminates)."""

    lead: sp.Symbol
    poly: Any
    order: Any = 0  # the index of ``lead``; larger indices are reduced first


@dataclass(frozen=True)
class Facts:
    """What the sign prover may use.

    ``index``: index symbol -> its lower bound (e.g. ``{k: 0}``, ``{N: 1}``);
    ``lower``: symbol -> lower bounds; ``upper``: symbol -> *strict* upper bounds (the
    two-sided substitution below covers ``lb <= s < ub`` only, so an endpoint ``s = ub`` is
    not proved);
    ``chains``: pairs ``(small, big)`` with ``small <= big`` (monotone sequences).
    """

    index: Mapping[Any, Any] = field(default_factory=dict)
    lower: Mapping[Any, tuple[Any, ...]] = field(default_factory=dict)
    upper: Mapping[Any, tuple[Any, ...]] = field(default_factory=dict)
    chains: tuple[tuple[Any, Any], ...] = ()
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class Sign:
    """Outcome of a sign proof: ``ok`` and the argument (or why it failed)."""

    ok: bool
    how: str


def _rewrite(num: Any, rel: Relation) -> Any:
    """Replace ``lead**d`` by the relation's lower terms until ``num`` has degree < d in
    ``lead``: an exact rewriting (division by the leading coefficient keeps signs, unlike a
    pseudo-remainder)."""
    b = rel.lead
    P = sp.Poly(sp.expand(rel.poly), b)
    d = P.degree()
    lead_coeff = P.LC()
    tail = -(P.as_expr() - lead_coeff * b**d) / lead_coeff
    Q = sp.Poly(sp.expand(num), b)
    while Q.degree() >= d:
        e, c = Q.degree(), Q.LC()
        Q = sp.Poly(sp.expand(Q.as_expr() - c * b**e + c * b ** (e - d) * tail), b)
    return Q.as_expr()


def _reduce_poly(num: Any, relations: Sequence[Relation]) -> Any:
    for rel in sorted(relations, key=lambda r: -to_sympy(r.order).as_coeff_Add()[0]):
        if not num.has(rel.lead):
            continue
        num = _rewrite(num, rel)
    return sp.expand(num)


def reduce(expr: Any, relations: Sequence[Relation] = ()) -> Any:
    """``expr`` modulo ``relations``, as a cancelled rational function.

    >>> t0, t1 = sp.symbols("t0 t1", positive=True)
    >>> reduce(t1**2 - t1, [Relation(t1, t1**2 - t1 - t0**2, 1)])
    t0**2
    """
    e = sp.together(to_sympy(expr))
    if not relations or not any(e.has(r.lead) for r in relations):
        return sp.cancel(e)
    num, den = sp.fraction(e)
    num = sp.together(_reduce_poly(sp.expand(num), relations))
    den = sp.together(_reduce_poly(sp.expand(den), relations))
    return sp.cancel(num / den) if num != 0 else sp.Integer(0)


def is_zero(expr: Any, relations: Sequence[Relation] = ()) -> bool:
    """True when ``expr`` vanishes identically modulo ``relations``."""
    return bool(reduce(expr, relations) == 0)


def _positive_term(poly: sp.Poly) -> bool:
    r"""Some term of ``poly`` is a monomial in strictly positive variables only (the constant
    term counts: no variables). With every coefficient of one sign and every variable
    :math:`\ge 0`, that term is :math:`\ne 0` and the others cannot cancel it, so the
    polynomial is nonzero. This strips monomial factors in positive variables:
    :math:`t(j+1)(5jt + 4j + 6t + 8)` with :math:`t > 0, j \ge 0` has the term :math:`8t`;
    :math:`jt(t + 1)` has none (it vanishes at :math:`j = 0`)."""
    gens = poly.gens
    return any(
        all(gens[i].is_positive for i, e in enumerate(monom) if e > 0) for monom in poly.monoms()
    )


def _signed_poly(expr: Any, strict: bool) -> bool:
    """All monomials of one sign in nonnegative variables (numerator and denominator)."""
    num, den = sp.fraction(sp.together(expr))
    num, den = sp.expand(num), sp.expand(den)
    if num == 0:
        return not strict
    gens = sorted(num.free_symbols | den.free_symbols, key=str)
    if not all(g.is_nonnegative for g in gens):  # the coefficient argument needs every
        return False  # remaining variable to be >= 0
    signs = []
    for part in (num, den):
        coeffs = sp.Poly(part, *gens).coeffs() if gens else [part]
        if any(not c.is_number for c in coeffs):
            return False
        pos = all(c >= 0 for c in coeffs)
        neg = all(c <= 0 for c in coeffs)
        if not (pos or neg):
            return False
        # a denominator (and a strict numerator) must not vanish: some term is a monomial in
        # strictly positive variables (e.g. a nonzero constant term)
        if (part is den or strict) and gens and not _positive_term(sp.Poly(part, *gens)):
            return False
        signs.append(1 if pos else -1)
    return signs[0] == signs[1]


def _substitutions(facts: Facts, expr: Any) -> Iterable[tuple[str, dict[Any, Any]]]:
    """Candidate reparametrisations, from none to all facts."""
    idx: dict[Any, Any] = {}
    notes = []
    for s, lo in facts.index.items():
        j = sp.Symbol(f"j_{s}", nonnegative=True)
        idx[s] = lo + j
        notes.append(f"{s} = {lo} + j")
    yield "as is", {}
    yield "; ".join(notes) or "as is", dict(idx)
    chain: dict[Any, Any] = {}
    for small, big in facts.chains:
        chain[big] = small + sp.Symbol(f"d_{big}", nonnegative=True)
    for pick in (0, -1):
        subs = dict(idx)
        text = list(notes)
        for s, lbs in facts.lower.items():
            if lbs and s not in chain:
                lb = to_sympy(lbs[pick]).subs(idx)
                subs[s] = lb + sp.Symbol(f"s_{s}", nonnegative=True)
                text.append(f"{s} = {lb} + s")
        both = {b: to_sympy(v).subs(subs) for b, v in chain.items()}
        yield "; ".join(text + [f"{b} = {v}" for b, v in chain.items()]), {**subs, **both}
        # two-sided facts lb <= s <= ub: s = lb + (ub - lb) t/(1 + t) covers [lb, ub) with t >= 0
        boxed = dict(idx)
        btext = list(notes)
        for s, ubs in facts.upper.items():
            lbs = facts.lower.get(s, ())
            if ubs and lbs:
                lb, ub = (to_sympy(v[pick]).subs(idx) for v in (lbs, ubs))
                strict = bool(lb == 0 and s.is_positive)  # s > lb gives t > 0
                t = (
                    sp.Symbol(f"t_{s}", positive=True)
                    if strict
                    else sp.Symbol(f"t_{s}", nonnegative=True)
                )
                boxed[s] = lb + (ub - lb) * t / (1 + t)
                btext.append(f"{s} = {lb} + ({ub - lb}) t/(1 + t)")
        if len(boxed) > len(idx):
            yield "; ".join(btext), boxed
        for s, ubs in facts.upper.items():
            if ubs:
                ub = to_sympy(ubs[pick]).subs(idx)
                subs2 = {**subs, s: ub - sp.Symbol(f"u_{s}", nonnegative=True)}
                yield "; ".join([*text, f"{s} = {ub} - u"]), subs2


def _no_root_beyond(expr: Any, facts: Facts) -> bool:
    r"""``expr`` depends on one index :math:`v \ge v_0` only, its numerator and denominator
    have no real root in :math:`[v_0, \infty)` (Sturm sequences, exact) and it is positive at
    :math:`v_0`: then it is positive on the whole ray, every integer index included."""
    num, den = sp.fraction(sp.together(expr))
    free = num.free_symbols | den.free_symbols
    if expr.atoms(sp.Float) or len(free) != 1 or next(iter(free)) not in facts.index:
        return False
    v = next(iter(free))
    lb = to_sympy(facts.index[v])
    try:
        for part in (num, den):
            poly = sp.Poly(sp.expand(part), v, domain="QQ")
            if poly.count_roots(lb, None) != 0:
                return False
    except (sp.polys.polyerrors.BasePolynomialError, TypeError, ValueError):
        return False
    return bool(expr.subs(v, lb) > 0)


def prove_sign(expr: Any, facts: Facts, strict: bool = False) -> Sign:
    """Prove ``expr >= 0`` (``> 0`` if ``strict``) from ``facts``; see the module docstring."""
    e = reduce(expr, facts.relations)
    if e.is_number:
        ok = bool(e > 0) if strict else bool(e >= 0)
        return Sign(ok, f"= {e}")
    known = e.is_positive if strict else e.is_nonnegative
    if known:
        return Sign(True, "sympy assumptions")
    for how, subs in _substitutions(facts, e):
        try:
            if _signed_poly(e.subs(subs), strict):
                return Sign(True, f"nonnegative coefficients after {how}")
        except (sp.PolynomialError, sp.GeneratorsNeeded, TypeError):
            continue
    if _no_root_beyond(e, facts):
        return Sign(True, "one index left; no real root beyond its lower bound (Sturm)")
    return Sign(False, "no substitution of the facts gives coefficients of one sign")


def ldl_psd(matrix: sp.Matrix, labels: Sequence[str], facts: Facts) -> tuple[bool, str, list[Any]]:
    """Symbolic LDLᵀ with symmetric pivoting: ``(ok, message, pivots)``.

    Pivots are taken greedily among diagonal entries proved ``> 0``; each elimination is a
    Schur complement, so the matrix is PSD iff the complement is. When no strictly positive
    pivot is left, the rest must be diagonal with entries proved ``>= 0``.
    """
    M = sp.Matrix(matrix)
    rest = list(range(M.shape[0]))
    pivots: list[Any] = []
    while rest:
        pick = None
        for i in rest:
            p = reduce(M[i, i], facts.relations)
            if p != 0 and prove_sign(p, facts, strict=True).ok:
                pick = i
                break
        if pick is None:
            break
        p = reduce(M[pick, pick], facts.relations)
        pivots.append(p)
        rest.remove(pick)
        for r in rest:
            for c in rest:
                if c >= r:
                    v = reduce(M[r, c] - M[r, pick] * M[pick, c] / p, facts.relations)
                    M[r, c] = M[c, r] = v
    for a in rest:
        for b in rest:
            if b > a and reduce(M[a, b], facts.relations) != 0:
                return (
                    False,
                    (
                        f"no positive pivot left and entry <{labels[a]}, {labels[b]}> is "
                        f"{sp.factor(M[a, b])}"
                    ),
                    pivots,
                )
        d = reduce(M[a, a], facts.relations)
        if not prove_sign(d, facts).ok:
            return (
                False,
                f"diagonal entry at {labels[a]} is {sp.factor(d)}, not provably >= 0",
                pivots,
            )
        pivots.append(d)
    return True, "LDLᵀ pivots " + ", ".join(str(sp.factor(p)) for p in pivots), pivots
