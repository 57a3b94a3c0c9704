r"""Evaluation environment of a proof: index, sequence values, parameters, states.

A proof's functions (step, potential, multipliers) are written once and evaluated in two
modes by the same code:

* *symbolic*: the index is ``K`` (or an expression in ``N``), parameters are positive sympy
  symbols and recurrence terms are fresh symbols (``theta_k``); the environment records which
  terms occurred, so the checker knows the recurrence relations and facts that apply;
* *numeric*: the index is an int, parameters are numbers and sequence terms floats, which
  builds an ordinary numeric PEP for cross-checks.

>>> from pep.symbolic.context import Env, At
>>> from pep.symbolic.sequences import Closed, K
>>> beta = Closed("beta", 1 / (K + 2))
>>> At(Env({}, {}), K)(beta)
1/(k + 2)
>>> At(Env({}, {}, numeric={}, N_value=3), 2)(beta)
1/4
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import sympy as sp

from pep.errors import InvalidArgument
from pep.model import coefficients as C
from pep.model.algebra import Point
from pep.model.coefficients import to_sympy
from pep.model.problem import Problem
from pep.symbolic.prover import Facts, Relation
from pep.symbolic.sequences import K, N, Recurrence, Sequence, index_expr, subscript

__all__ = ["Env", "At", "State", "Ctx"]


def _exact(value: Any) -> Any:
    """A sequence term as a sympy number when rational: ``1 / term`` then stays exact (an
    int would give a float), and the algebra's coercion turns it into an int/Fraction."""
    return to_sympy(value)


def _sign(seq: Recurrence, index: Any) -> dict[str, bool]:
    """Symbol assumptions from the sequence's numeric lower bounds (positive, or >= 0)."""
    bounds = [to_sympy(lb(index) if callable(lb) else lb) for lb in seq.lower]
    if seq.positive or any(b.is_positive for b in bounds):
        return {"positive": True}
    if any(b.is_nonnegative for b in bounds):
        return {"nonnegative": True, "real": True}
    return {"real": True}


class Env:
    """Parameters, special indices and the record of sequence terms used by one build.

    ``params``: name -> positive symbol; ``special``: sequence name -> (variant, index);
    ``numeric``: name -> number (numeric mode) or None (symbolic mode).
    """

    def __init__(
        self,
        params: Mapping[str, sp.Symbol],
        special: Mapping[str, tuple[str, Any]],
        *,
        numeric: Mapping[str, Any] | None = None,
        N_value: int | None = None,
    ) -> None:
        self.symbols = dict(params)
        self.special = dict(special)
        self.numeric = None if numeric is None else dict(numeric)
        self.N = N if N_value is None else N_value
        self.used: dict[tuple[str, Any], tuple[Recurrence, Any, Any]] = {}

    @property
    def is_numeric(self) -> bool:
        return self.numeric is not None

    def param(self, name: str) -> Any:
        if self.numeric is not None:
            return C.coerce(self.numeric[name], name)
        return self.symbols[name]

    def param_values(self) -> dict[Any, Any]:
        return {self.symbols[n]: v for n, v in (self.numeric or {}).items() if n in self.symbols}

    def _variant(self, seq: Sequence, index: Any) -> str | None:
        spec = self.special.get(seq.name)
        if spec is None:
            return None
        target = index_expr(spec[1]).subs(N, self.N)
        return spec[0] if sp.simplify(to_sympy(index) - target) == 0 else None

    def value(self, seq: Sequence, index: Any) -> Any:
        """The term of ``seq`` at ``index`` (a symbol, exact number or float)."""
        if self.numeric is not None:
            idx = int(index)
            if isinstance(seq, Recurrence):
                last = (
                    int(index_expr(self.special[seq.name][1]).subs(N, self.N))
                    if (seq.name in self.special)
                    else None
                )
                variant = self.special[seq.name][0] if last is not None else None
                if seq.evaluate is not None:  # e.g. a sequence read backwards from N
                    return seq.evaluate(idx, int(self.N))
                return seq.numeric(
                    idx,
                    last,
                    variant,
                    self.param_values(),
                    lambda i: tuple(self.value(d, i) for d in seq.depends),
                )
            return _exact(to_sympy(seq.value(idx)).subs(self.param_values()))
        index = to_sympy(index)
        if not isinstance(seq, Recurrence):
            return _exact(seq.value(index))
        known = self._initial(seq, index)
        if known is not None:
            return _exact(known)
        sym = sp.Symbol(f"{seq.name}_{subscript(index)}", **_sign(seq, index))
        self.used[(seq.name, index)] = (seq, index, sym)
        return sym

    def _initial(self, seq: Recurrence, index: Any) -> Any:
        """A given value at ``index`` (keys may be expressions in N, e.g. ``"N"``), or None."""
        for key, v in seq.initial.items():
            if sp.simplify(index_expr(key).subs(N, self.N) - index) == 0:
                return to_sympy(v)
        return None

    # -- what the checker needs --------------------------------------------------------------
    def relations(self) -> tuple[Relation, ...]:
        """The recurrence relation between each used term and its neighbours.

        A relation of a sequence with ``depends`` holds the dependencies' terms at its index
        (:class:`~pep.symbolic.sequences.Recurrence`); those terms count as used too (their
        own relations and facts apply, and their indices are checked), so the relations are
        collected again until no new term appears."""
        for _ in range(64):
            count = len(self.used)
            out = [r for item in list(self.used.items()) for r in self._relations_of(*item)]
            if len(self.used) == count:
                return tuple(out)
        raise RuntimeError("the sequences' dependencies keep adding terms (a cycle?)")

    def _relations_of(
        self, key: tuple[str, Any], entry: tuple[Recurrence, Any, Any]
    ) -> list[Relation]:
        (_, index), (seq, _, sym) = key, entry
        out = []
        prev_index = index - 1
        prev = self._initial(seq, prev_index)
        if (seq.name, prev_index) in self.used:
            prev = self.used[(seq.name, prev_index)][2]
        if prev is not None:
            variant = self._variant(seq, index)
            rel = seq.variants[variant][0] if variant else seq.relation
            deps = self._depends(seq, prev_index)
            expr = self._own(seq, rel(prev, sym, prev_index, *deps), (prev, sym, *deps))
            out.append(Relation(sym, sp.expand(expr), index))
        nxt = self._initial(seq, index + 1)
        if nxt is not None:  # a known next term (a sequence ending at N): solve for this one
            variant = self._variant(seq, index + 1)
            rel = seq.variants[variant][0] if variant else seq.relation
            deps = self._depends(seq, index)
            expr = self._own(seq, rel(sym, nxt, index, *deps), (sym, nxt, *deps))
            out.append(Relation(sym, sp.expand(expr), index))
        return out

    def _own(self, seq: Recurrence, expr: Any, terms: tuple[Any, ...]) -> Any:
        """``expr`` (a relation) if it uses only ``terms``, parameters and indices: a term of
        another sequence must come through ``depends``, which proves its facts."""
        own = {K, N, *self.symbols.values()}
        own |= {s for t in terms for s in to_sympy(t).free_symbols}
        foreign = to_sympy(expr).free_symbols - own
        if foreign:
            names = ", ".join(sorted(map(str, foreign)))
            raise InvalidArgument(
                f"sequence {seq.name}: its relation uses {names}, which are neither "
                f"parameters nor terms of a sequence in its depends; declare the sequence "
                f"there (depends=(...,))"
            )
        return expr

    def _depends(self, seq: Recurrence, index: Any) -> tuple[Any, ...]:
        """The terms of ``seq``'s dependencies at ``index`` (recorded as used)."""
        return tuple(self.value(d, index) for d in seq.depends)

    def facts(self, index_bounds: Mapping[Any, Any]) -> Facts:
        """Lower/upper bounds and monotone chains of the used terms, for the sign prover."""
        relations = self.relations()  # first: it may add the dependencies' terms
        lower: dict[Any, tuple[Any, ...]] = {}
        upper: dict[Any, tuple[Any, ...]] = {}
        chains = []
        for (name, index), (seq, _, sym) in self.used.items():
            lower[sym] = tuple(lb(index) if callable(lb) else lb for lb in seq.lower)
            upper[sym] = tuple(ub(index) if callable(ub) else ub for ub in seq.upper)
            nxt = self.used.get((name, index + 1))
            if nxt is not None and seq.monotone == "increasing":
                chains.append((sym, nxt[2]))
            elif nxt is not None and seq.monotone == "decreasing":
                chains.append((nxt[2], sym))
        return Facts(dict(index_bounds), lower, upper, tuple(chains), relations)


class At:
    """An index of the proof: ``at.k`` the index, ``at(seq)`` a term, ``at.next`` index + 1."""

    def __init__(self, env: Env, k: Any) -> None:
        self.env = env
        self.k = k if env.is_numeric else index_expr(k)

    def __call__(self, seq: Sequence) -> Any:
        return self.env.value(seq, self.k)

    @property
    def next(self) -> At:
        return At(self.env, self.k + 1)

    @property
    def N(self) -> Any:
        return self.env.N

    def name(self, base: str) -> str:
        """A point name at this index, e.g. ``x_k``, ``x_{k + 1}``, ``x_N``."""
        return f"{base}_{subscript(self.k)}"


class State(Mapping[str, Point]):
    """The points that carry an algorithm from one iteration to the next (read-only)."""

    def __init__(self, **points: Point) -> None:
        self._points = dict(points)

    def __getitem__(self, key: str) -> Point:
        return self._points[key]

    def __getattr__(self, key: str) -> Point:
        try:
            return self.__dict__["_points"][key]  # type: ignore[no-any-return]
        except KeyError:
            raise AttributeError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._points)

    def __len__(self) -> int:
        return len(self._points)

    def __repr__(self) -> str:
        return f"State({', '.join(f'{k}={v!r}' for k, v in self._points.items())})"


class Ctx:
    """One identity's world: its Problem, oracles, origin, parameters (``c.L``) and index."""

    def __init__(self, problem: Problem, env: Env, oracles: Mapping[str, Any]) -> None:
        self.problem = problem
        self.env = env
        self.oracles = dict(oracles)
        self.star: Point | None = None

    def __getattr__(self, key: str) -> Any:
        d = self.__dict__
        if key in d.get("oracles", {}):
            return d["oracles"][key]
        if key in d["env"].symbols:
            return d["env"].param(key)
        raise AttributeError(key)

    def ineq(self, oracle: Any, kind: str, p: Point, q: Point | None = None) -> str:
        """The name of an interpolation inequality, e.g. ``f:interp(x_k,x_{k + 1})``.

        Conditions listed in ``oracle.cls.symmetric`` exist once per unordered pair, named in
        record order; the name is returned in that order whatever the order of ``p, q``.
        """
        recs = list(oracle.records)
        index = {r.x.key(): n for n, r in enumerate(recs)}
        a = recs[index[p.key()]].label if p.key() in index else p.name
        if q is None:
            return f"{oracle.name}:{kind}({a})"
        b = recs[index[q.key()]].label if q.key() in index else q.name
        swap = (
            kind in getattr(oracle.cls, "symmetric", ())
            and p.key() in index
            and q.key() in index
            and index[p.key()] > index[q.key()]
        )
        return f"{oracle.name}:{kind}({b},{a})" if swap else f"{oracle.name}:{kind}({a},{b})"
