r"""The checker: (a) identity modulo recurrences, (b) multiplier signs, (c) remainder PSD,
(d) the chain: it starts at index 0 from the initial state, covers every index to N (ranges
advance one potential and never run backwards), its final weight is proved > 0 and it
telescopes to the claimed rate. Sequence facts are proved in :mod:`pep.symbolic.induction`.

Every failure names the offending term in a basis centred at the optimum (positions shown as
``x_k - x*``, values as ``f(x_k) - f(x*)``), e.g.
``coefficient of <g_f(x_{k + 1}), x_k - x*> is -(k + 1)/(2*L), expected 0``.

>>> from pep.symbolic.check import describe
>>> describe("x_k - x*", "x_k - x*")
'||x_k - x*||^2'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from pep.model.algebra import Leaf, Scalar
from pep.model.coefficients import to_sympy
from pep.model.problem import Problem
from pep.symbolic.context import At, Ctx, Env
from pep.symbolic.proof import (
    Built,
    Final,
    Initial,
    Link,
    Proof,
    build_link,
    sos_scalar,
    start_anchor,
)
from pep.symbolic.prover import Facts, Relation, ldl_psd, prove_sign, reduce
from pep.symbolic.sequences import K, N, index_expr
from pep.symbolic.signs import signed

__all__ = [
    "LinkResult",
    "check_link",
    "check_link_env",
    "check_chain",
    "check_chain_env",
    "quadratic_form",
    "describe",
]


@dataclass(frozen=True)
class LinkResult:
    """Outcome of one link: ``ok``, the failures (each naming a term) and what was shown."""

    name: str
    ok: bool
    failures: tuple[str, ...]
    notes: tuple[str, ...] = ()
    latex: str = ""
    multipliers: dict[str, Any] = field(default_factory=dict)


def describe(a: str, b: str | None) -> str:
    """``||a||^2``, ``<a, b>``, or ``a`` (a linear term)."""
    if b is None:
        return a
    return f"||{a}||^2" if a == b else f"<{a}, {b}>"


def _display(problem: Problem, built: Built) -> tuple[list[Leaf], list[str], Any, int | None]:
    """Point leaves, display labels and the basis change T (leaf = T @ display)."""
    leaves = [lf for lf in problem.leaves if lf.kind == "point"]
    star = built.ctx.star
    origin = next(iter(star.terms)) if star is not None and len(star.terms) == 1 else None
    pos_leaves = {next(iter(p.terms)) for p in built.positions if len(p.terms) == 1}
    n = len(leaves)
    T = sp.eye(n)
    labels = []
    o = leaves.index(origin) if origin in leaves else None
    for i, lf in enumerate(leaves):
        if o is not None and i != o and lf in pos_leaves:
            T[i, o] = 1
            labels.append(f"{lf.name} - {origin.name}")  # type: ignore[union-attr]
        else:
            labels.append(lf.name)
    return leaves, labels, T, o


def quadratic_form(expr: Scalar, built: Built) -> tuple[sp.Matrix, list[str], dict[str, Any], Any]:
    """(Gram matrix in the display basis, labels, linear value terms, constant)."""
    problem = built.ctx.problem
    leaves, labels, T, _ = _display(problem, built)
    pos = {lf: i for i, lf in enumerate(leaves)}
    M = sp.zeros(len(leaves), len(leaves))
    linear: dict[str, Any] = {}
    star_leaf = {}
    for o in problem.oracles:
        for r in o.records:
            if built.ctx.star is not None and r.x.key() == built.ctx.star.key() and r.f.terms:
                star_leaf[o.name] = next(iter(r.f.terms))
    star_set = set(star_leaf.values())
    for key, c in expr.terms.items():
        if isinstance(key, tuple):
            a, b = pos[key[0]], pos[key[1]]
            if a == b:
                M[a, a] += c
            else:
                M[a, b] += sp.Rational(1, 2) * c
                M[b, a] += sp.Rational(1, 2) * c
        else:
            owner = key.name.split("(")[0]
            if key in star_set or owner not in star_leaf:
                linear[key.name] = linear.get(key.name, 0) + c
            else:
                s = star_leaf[owner]
                linear[f"{key.name} - {s.name}"] = linear.get(f"{key.name} - {s.name}", 0) + c
                linear[s.name] = linear.get(s.name, 0) + c
    return (T.T * M * T).applyfunc(to_sympy), labels, linear, expr.constant


def _nonzero(c: Any, rel: tuple[Relation, ...]) -> Any:
    """The reduced coefficient when it is not exactly zero (a float never counts as exact)."""
    v = to_sympy(c)
    if v.atoms(sp.Float):
        return v
    r = reduce(v, rel)
    return None if r == 0 else r


def _identity_failures(
    residual: Scalar, built: Built, rel: tuple[Relation, ...], quad: bool
) -> list[str]:
    M, labels, linear, const = quadratic_form(residual, built)
    out = []
    for name, c in linear.items():
        r = _nonzero(c, rel)
        if r is not None:
            out.append(f"coefficient of {name} is {sp.factor(r)}, expected 0")
    r = _nonzero(const, rel)
    if r is not None:
        out.append(f"constant term is {sp.factor(r)}, expected 0 (exactly)")
    if quad:
        return out
    n = M.shape[0]
    for i in range(n):
        for j in range(i, n):
            c = M[i, j] if i == j else 2 * M[i, j]
            r = _nonzero(c, rel)
            if r is not None:
                out.append(
                    f"coefficient of {describe(labels[i], labels[j])} is {sp.factor(r)}, expected 0"
                )
    return out


def _invariant_failures(
    proof: Proof, link: Link, built: Built, rel: tuple[Relation, ...]
) -> list[str]:
    """The state invariants at the start state and after this link's step (an induction)."""
    if proof.invariants is None:
        return []
    checks = []
    if isinstance(link.lhs, Initial) or built.at.k == 0:
        checks.append(("at the start", built.state, built.at))
    if link.advance:
        checks.append(("after the step", built.next_state, built.at.next))
    out = []
    for when, state, at in checks:
        for name, p in proof.invariants(built.ctx, state, at).items():
            for lf, c in p.terms.items():
                r = _nonzero(c, rel)
                if r is not None:
                    out.append(
                        f"invariant {name!r} fails {when}: coefficient of {lf.name} is {sp.factor(r)}"
                    )
    return out


def _facts(link: Link, proof: Proof, env: Env) -> Facts:
    bounds: dict[Any, Any] = {N: proof.N_min}
    if link.stop is not None:
        bounds[K] = link.start
    return env.facts(bounds)


def _special_in_range(proof: Proof, link: Link) -> list[str]:
    """A range link proves its identity with the regular recurrence; a special index (e.g.
    OGM's last theta_N) must therefore not be reached by a step ``k -> k + 1`` of the range."""
    if link.stop is None:
        return []
    facts = Facts(index={N: proof.N_min})
    out = []
    for name, (variant, where) in proof.special.items():
        s = index_expr(where)
        lo, hi = index_expr(link.start) + 1, index_expr(link.stop) + 1
        if not (
            prove_sign(lo - s, facts, strict=True).ok or prove_sign(s - hi, facts, strict=True).ok
        ):
            out.append(
                f"range k = {link.start}..{link.stop} may step into {name}'s special index "
                f"{where} ({variant!r}); end the range before it and add a separate link"
            )
    return out


def check_link(proof: Proof, link: Link) -> LinkResult:
    """Run checks (a)-(c) on one link, symbolically."""
    return check_link_env(proof, link)[0]


def _anchor_failures(proof: Proof, link: Link, built: Built) -> list[str]:
    """The start anchor (which ``M_0`` at the chain's end is measured with) must be kept by
    every step, so that it is still ``x_0`` at the end."""
    key = start_anchor(proof)
    if key is None or not link.advance or key not in built.state:
        return []
    if key in built.next_state and built.next_state[key].key() == built.state[key].key():
        return []
    return [f"the step changes the start anchor {key!r}, which must stay x_0 along the chain"]


def check_link_env(proof: Proof, link: Link) -> tuple[LinkResult, Env]:
    """:func:`check_link`, with the environment (which sequence terms the link used)."""
    env = Env(proof.params, proof.special)
    built = build_link(proof, link, env)
    failures: list[str] = _special_in_range(proof, link)
    notes: list[str] = []
    total = built.lhs - built.rhs
    for name, lam in built.multipliers.items():
        if name not in built.inequalities:
            known = ", ".join(sorted(built.inequalities))
            failures.append(f"unknown inequality {name!r}; available: {known}")
            continue
        total = total - lam * built.inequalities[name]
    facts = _facts(link, proof, env)
    rel = facts.relations
    psd = link.remainder == "psd"
    residual = total if psd else total - sos_scalar(built.squares)
    if not failures:
        failures += _identity_failures(residual, built, rel, psd)
    for name, lam in built.multipliers.items():
        sign = prove_sign(lam, facts)
        if not sign.ok:
            failures.append(
                f"multiplier of {name} is {sp.factor(reduce(lam, rel))}, not provably >= 0"
            )
    for coef, p in built.squares:
        sign = prove_sign(coef, facts)
        if not sign.ok:
            failures.append(
                f"remainder weight {sp.factor(coef)} of ||{p!r}||^2 is not provably >= 0"
            )
    failures += _invariant_failures(proof, link, built, rel)
    failures += _anchor_failures(proof, link, built)
    if psd and not failures:
        M, labels, _, _ = quadratic_form(residual, built)
        keep = [i for i in range(M.shape[0]) if any(reduce(x, rel) != 0 for x in M.row(i))]
        ok, msg, _ = ldl_psd(M.extract(keep, keep), [labels[i] for i in keep], facts)
        (notes if ok else failures).append(f"remainder: {msg}")
    from pep.symbolic.render import link_latex

    result = LinkResult(
        link.name,
        not failures,
        tuple(failures),
        tuple(notes),
        link_latex(proof, link, built),
        dict(built.multipliers),
    )
    return result, env


def _end(link: Link) -> Any:
    last = link.start if link.stop is None else link.stop
    return index_expr(last) + (1 if link.advance else 0)


def _coverage_failures(proof: Proof) -> list[str]:
    """The chain must run from the initial state at index 0 through every index to N: its
    first link is the single index 0, ranges advance one potential by one step per index and
    are never run backwards, and only the ends use ``Initial`` / ``Final``."""
    links = proof.links
    out: list[str] = []
    first = links[0]
    if first.stop is not None or sp.simplify(index_expr(first.start)) != 0:
        where = first.start if first.stop is None else f"{first.start}..{first.stop}"
        out.append(
            f"the chain must start at index 0 from the initial state; its first link "
            f"{first.name!r} is at index {where}"
        )
    for n, link in enumerate(links):
        if isinstance(link.lhs, Initial) and n > 0 or isinstance(link.lhs, Final):
            out.append(f"link {link.name!r}: only the first link may start with Initial")
        if isinstance(link.rhs, Final) and n < len(links) - 1 or isinstance(link.rhs, Initial):
            out.append(f"link {link.name!r}: only the last link may end with Final")
        if link.stop is None:
            continue
        if link.lhs is not link.rhs or not link.advance:
            out.append(
                f"range link {link.name!r} must advance one potential (lhs is rhs, "
                f"advance=True): otherwise its identities do not telescope"
            )
        length = index_expr(link.stop) + 1 - index_expr(link.start)
        if not prove_sign(length, Facts(index={N: proof.N_min})).ok:
            out.append(
                f"range link {link.name!r} (k = {link.start}..{link.stop}) may run backwards "
                f"for some N >= {proof.N_min}; raise N_min or split the chain"
            )
    return out


def _hypotheses(proof: Proof) -> str:
    """The theorem's hypotheses beyond positive parameters, e.g. ``for N >= 2``."""
    parts = [f"N >= {proof.N_min}"] if proof.N_min > 1 else []
    for name, (lo, up) in proof.assume.items():
        lower = "" if lo is None else f"{sp.sstr(to_sympy(lo))} <= "
        upper = "" if up is None else f" <= {sp.sstr(to_sympy(up))}"
        parts.append(f"{lower}{name}{upper}")
    return f" (for {', '.join(parts)})" if parts else ""


def check_chain(proof: Proof) -> LinkResult:
    """(d): the links telescope from ``Initial`` to ``Final`` and the bound is the rate."""
    return check_chain_env(proof)[0]


def check_chain_env(proof: Proof) -> tuple[LinkResult, Env]:
    """:func:`check_chain`, with the environment of the weights (their sequence terms)."""
    links = proof.links
    failures: list[str] = []
    env = Env(proof.params, proof.special)
    if not links or not isinstance(links[0].lhs, Initial):
        failures.append("the first link's lhs must be Initial(c0)")
    if not links or not isinstance(links[-1].rhs, Final):
        failures.append("the last link's rhs must be Final(w, c1)")
    if links:
        failures += _coverage_failures(proof)
    for a, b in zip(links, links[1:]):
        if a.rhs is not b.lhs:
            failures.append(
                f"link {a.name!r} ends with a potential that link {b.name!r} does not start with"
            )
        if sp.simplify(_end(a) - index_expr(b.start)) != 0:
            failures.append(
                f"link {a.name!r} ends at index {_end(a)} but {b.name!r} starts at {b.start}"
            )
    if links and sp.simplify(_end(links[-1]) - N) != 0:
        failures.append(f"the chain ends at index {_end(links[-1])}, expected N")
    notes: list[str] = []
    if not failures:
        c = Ctx(Problem(), env, {})
        first, last = links[0].lhs, links[-1].rhs
        assert isinstance(first, Initial) and isinstance(last, Final)
        c0 = first.c0(c, At(env, 0))
        at_n = At(env, N)
        w = to_sympy(last.w(c, at_n))
        bound = (c0 + last.c1(c, at_n)) / w
        claimed = proof.rate(c, at_n)
        facts = env.facts({N: proof.N_min})
        if not signed(w, facts, strict=True):
            failures.append(
                f"the final weight w = {sp.factor(reduce(w, facts.relations))} is not provably "
                f"> 0 for N >= {proof.N_min}: V_N >= w M_N - c1 M_0 bounds the measure from "
                f"above only when w > 0"
            )
        diff = reduce(bound - claimed, env.relations())
        if diff != 0:
            failures.append(
                f"telescoped bound {sp.factor(reduce(bound, env.relations()))} differs from the claimed rate {claimed}"
            )
        elif not failures:
            notes.append(f"telescoped bound = {sp.factor(claimed)}{_hypotheses(proof)}")
    return LinkResult("chain", not failures, tuple(failures), tuple(notes)), env
