r"""A potential proof: state, step, potential, chain of identities with multipliers.

A proof of ``measure(x_N) <= rate(N) * initial_measure(x_0)`` is a chain of *links*

.. math:: c_0 M_0 \ge V_0 \ge V_1 \ge \dots \ge V_N \ge w\,M_N - c_1 M_0,

starting from the initial state at index 0 and covering every index up to ``N``, each link an
identity ``lhs - rhs - Σ_i λ_i(k) I_i = R`` where the :math:`I_i \ge 0` are
interpolation inequalities of the oracle class (their slacks, exactly as the numeric compiler
uses them), :math:`\lambda_i(k) \ge 0` and :math:`R` is a sum of squares (given) or a PSD
quadratic form (``remainder="psd"``). A link over a range ``k = start..stop`` is checked once
for a symbolic ``k`` (its two sides are then one potential). Telescoping gives
:math:`w M_N \le (c_0 + c_1) M_0`, i.e. the rate :math:`(c_0 + c_1)/w` when :math:`w > 0`
(the checker proves it); both ``M_0`` are the initial measure of the start state.

The algorithm's step is the library's own ``step`` function (e.g.
:func:`pep.algorithms.gd.step`), evaluated on free points of a :class:`pep.Problem` with sympy
coefficients; so the proof and the numeric PEP share one implementation.

>>> import sympy as sp
>>> from pep.symbolic import Proof, Link, Initial, Final, K, N
>>> Initial(lambda c, at: c.L / 2)
Initial(c0=<function <lambda> at ...>)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from pep.model.algebra import Point, Scalar, sqnorm
from pep.model.coefficients import to_sympy
from pep.model.problem import Problem, interpolation_constraints
from pep.symbolic.context import At, Ctx, Env, State
from pep.symbolic.sequences import K, index_expr

__all__ = [
    "Proof",
    "Link",
    "Initial",
    "Final",
    "Built",
    "build_link",
    "link_index",
    "start_anchor",
    "start_measure",
]

Potential = Callable[[Ctx, State, At], Scalar]
Multipliers = Callable[[Ctx, State, State, At], Mapping[str, Any]]
Squares = Callable[[Ctx, State, State, At], Sequence[tuple[Any, Point]]]


@dataclass(frozen=True)
class Initial:
    """The chain's first left-hand side ``c0 * initial_measure``; ``c0(c, at)`` an expression."""

    c0: Callable[[Ctx, At], Any]


@dataclass(frozen=True)
class Final:
    """The chain's last right-hand side ``w * measure - c1 * initial_measure``."""

    w: Callable[[Ctx, At], Any]
    c1: Callable[[Ctx, At], Any] = lambda c, at: 0


@dataclass(frozen=True)
class Link:
    """One identity of the chain, for ``k = start`` or every ``k`` in ``start..stop``.

    On :class:`Proof`, ``fresh(c, at)`` builds the state at a generic index when it is not a
    tuple of free points (e.g. APPM's ``y_k`` is a combination of ``x_k, y_{k-1}, x_0``), and
    ``invariants(c, s, at)`` names points that must vanish: the checker verifies them on the
    start state and after every step (an induction).

    ``remainder``: a function returning ``[(coefficient, point), ...]`` (the sum of squares
    ``Σ coefficient * ||point||^2``), ``"zero"`` or ``"psd"`` (the residual itself must be a
    PSD quadratic form, shown by symbolic LDLᵀ). ``advance``: the link performs one step
    (its right-hand side is evaluated at the next state and index).
    """

    name: str
    lhs: Potential | Initial
    rhs: Potential | Final
    multipliers: Multipliers
    start: Any = 0
    stop: Any = None
    remainder: Squares | str = "zero"
    advance: bool = True


@dataclass(frozen=True)
class Proof:
    """A checkable derivation (one per paper result: see the modules in ``proofs/``).

    ``assume``: bounds on parameters that the theorem assumes, ``name -> (lower, upper)``
    (``None`` for no bound), e.g. EAG-V's ``{"alpha0": (0, 3 / (4 * L))}``; they are the
    hypotheses of the sequences' base cases (:mod:`pep.symbolic.induction`) and are printed
    with the result. Every parameter is a positive symbol in any case.
    """

    name: str
    title: str
    problem: str
    method: str
    measure_text: str
    theorem: str
    tight: bool
    reference: str
    params: Mapping[str, sp.Symbol]
    declare: Callable[[Ctx], Mapping[str, Any]]
    origin: Callable[[Ctx], Point]
    state: tuple[str, ...]
    start: Callable[[Ctx, Point], State]
    step: Callable[[Ctx, State, At], State]
    initial_measure: Callable[[Ctx, State], Scalar]
    measure: Callable[[Ctx, State, At], Scalar]
    rate: Callable[[Ctx, At], Any]
    links: tuple[Link, ...]
    anchors: Mapping[str, str] = field(default_factory=dict)
    special: Mapping[str, tuple[str, Any]] = field(default_factory=dict)
    N_min: int = 1
    numeric: Mapping[str, Any] = field(default_factory=dict)
    algorithm: str | None = None
    algorithm_params: Callable[[Mapping[str, Any]], Mapping[str, Any]] = lambda p: {}
    compare_N: tuple[int, ...] = (1, 2, 3)
    fresh: Callable[[Ctx, At], State] | None = None
    invariants: Callable[[Ctx, State, At], Mapping[str, Point]] | None = None
    assume: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)


def link_index(link: Link) -> Any:
    """The index a link is evaluated at: the symbolic ``k`` for a range, else ``start``."""
    return K if link.stop is not None else index_expr(link.start)


@dataclass
class Built:
    """One link evaluated: its problem, sides, inequalities, multipliers and remainder."""

    ctx: Ctx
    at: At
    state: State
    next_state: State
    lhs: Scalar
    rhs: Scalar
    inequalities: dict[str, Scalar]
    multipliers: dict[str, Any]
    squares: list[tuple[Any, Point]]
    positions: list[Point]


def start_anchor(proof: Proof) -> str | None:
    """The state key that carries the start point ``x_0`` along (e.g. APPM's ``x0``), if any."""
    name = f"{proof.state[0]}_0"
    return next((key for key, n in proof.anchors.items() if n == name), None)


def start_measure(proof: Proof, c: Ctx, s: State) -> Scalar:
    """``M_0`` at the end of the chain, where the state has moved on: the initial measure of
    ``start(x_0)``. ``x_0`` is the state's start anchor when ``start`` puts its argument
    there (the checker verifies that every step keeps it), else a fresh free point, for
    which the identity must then hold whatever ``x_0`` is."""
    key = start_anchor(proof)
    if key is not None and key in s:
        s0 = proof.start(c, s[key])
        if key in s0 and s0[key].key() == s[key].key():
            return proof.initial_measure(c, s0)
    x0 = c.problem.point(f"{proof.state[0]}_0")
    return proof.initial_measure(c, proof.start(c, x0))


def _side(proof: Proof, side: Any, c: Ctx, s: State, at: At) -> Scalar:
    if isinstance(side, Initial):
        return side.c0(c, at) * proof.initial_measure(c, s)
    if isinstance(side, Final):
        c1 = side.c1(c, at)
        rhs = side.w(c, at) * proof.measure(c, s, at)
        if to_sympy(c1) == 0:
            return rhs
        return rhs - c1 * start_measure(proof, c, s)
    return side(c, s, at)


def _fresh_state(proof: Proof, c: Ctx, at: At, first: bool) -> State:
    if first or at.k == 0:  # index 0 is always the start state
        x0 = c.problem.point(at.name(proof.state[0]))
        return proof.start(c, x0)
    if proof.fresh is not None:  # a state with invariants (checked by the checker)
        return proof.fresh(c, at)
    pts = {key: c.problem.point(at.name(key)) for key in proof.state}
    pts.update({key: c.problem.point(name) for key, name in proof.anchors.items()})
    return State(**pts)


def _advance(proof: Proof, c: Ctx, s: State, at: At) -> State:
    s1 = proof.step(c, s, at)
    out = {}
    for key, p in s1.items():
        same = key in s and s[key].key() == p.key()
        out[key] = p if same or key in proof.anchors else p.with_name(at.next.name(key))
    return State(**out)


def build_link(proof: Proof, link: Link, env: Env, index: Any = None) -> Built:
    """Evaluate ``link`` at ``index`` (default :func:`link_index`) in ``env``."""
    problem = Problem()
    c = Ctx(problem, env, {})
    c.oracles.update(proof.declare(c))
    c.star = proof.origin(c)
    at = At(env, link_index(link) if index is None else index)
    first = isinstance(link.lhs, Initial)
    s = _fresh_state(proof, c, at, first)
    positions = [p for p in s.values()] + [c.star]
    lhs = _side(proof, link.lhs, c, s, at)
    s1, at1 = (_advance(proof, c, s, at), at.next) if link.advance else (s, at)
    rhs = _side(proof, link.rhs, c, s1, at1)
    squares = list(link.remainder(c, s, s1, at)) if callable(link.remainder) else []
    mults = dict(link.multipliers(c, s, s1, at))
    ineqs = {con.name or "": -con.expr for con in interpolation_constraints(problem)}
    for o in problem.oracles:
        positions += [r.x for r in o.records]
    return Built(c, at, s, s1, lhs, rhs, ineqs, mults, squares, positions)


def sos_scalar(squares: Sequence[tuple[Any, Point]]) -> Scalar:
    """``Σ c * ||p||^2`` as a Scalar (0 for an empty list)."""
    total = Scalar({}, 0, None)
    for coef, p in squares:
        total = total + coef * sqnorm(p)
    return total
