r"""Constraint generation: solve a PEP with few interpolation pairs, add the violated ones.

A PEP with :math:`n` evaluated points has :math:`O(n^2)` interpolation inequalities, yet the
known certificates use :math:`O(n)` of them (consecutive pairs and pairs with the optimum,
e.g. Drori-Teboulle 2014 for gradient descent). Dropping inequalities *relaxes* the
maximisation, so the reduced value is an upper bound on the full one; if the reduced
problem's worst case :math:`(G, F)` satisfies every omitted inequality, it is feasible for
the full problem and the two values coincide. The loop is therefore

1. solve with a seed set of pairs (records at most ``window`` apart in evaluation order, and
   pairs with the optimum);
2. evaluate every omitted inequality at the worst case;
3. if some are violated, re-solve the reduced problem for a *low-rank* worst case
   (``min trace(G)`` with the objective kept within ``1e-7`` relative of the optimum) and
   evaluate them there: an interior-point method returns the centre of the reduced problem's
   optimal face, which is larger than the full problem's when the seed already holds the
   certificate, and the low-rank point is typically an actual worst-case function;
4. add the inequalities still violated and repeat; stop when none is violated.

When the loop stops, the reduced dual value is an upper bound on the full PEP (its certificate
is one, see below) and the worst case returned is feasible for the full problem (every
inequality holds to ``tol``), so its objective is a lower bound: the gap between the two is
:attr:`pep.Result.gap`.

The reduced problem's dual, extended by zero multipliers on the omitted rows, is a dual
certificate of the *full* problem with the same value (the dual identity does not involve
rows with zero multipliers), so :meth:`pep.Result.certificate` works on the returned result.
Which pairs the certificate needed is reported in :attr:`CuttingResult.added`.

>>> from pep.algorithms import get
>>> out = solve_by_constraint_generation(get("gd").setting(4))
>>> round(out.result.value, 7), out.added  # 1/(4N+2); the seed already suffices
(0.0555556, ())

Reference: the cutting-plane (constraint generation) principle for semi-infinite and large
LPs/SDPs, e.g. Kelley (1960); here applied to the interpolation inequalities of a PEP.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from pep.errors import InvalidArgument, SolverError, UnboundedProblem
from pep.sdp.compile import Block, CompiledProblem
from pep.sdp.solvers.base import Status

__all__ = ["CuttingResult", "solve_by_constraint_generation", "solve_relaxation", "seed_rows"]

_PAIR = re.compile(r"^(?P<fam>[^:()]+:[^()]+)\((?P<args>.*)\)$")


@dataclass(frozen=True)
class CuttingResult:
    """The full-problem :class:`pep.Result` and how it was reached.

    ``kept`` lists the constraint names of the final reduced problem, ``added`` the names
    added in each round (empty if the seed sufficed), ``n_full`` the number of constraints
    of the full problem and ``solve_times`` the solver time of each round. ``confirmed`` is
    True when the worst case was checked against every omitted inequality (constraint
    generation); False for :func:`solve_relaxation`, whose value is only an upper bound.
    """

    result: Any
    kept: tuple[str, ...]
    added: tuple[tuple[str, ...], ...]
    n_full: int
    solve_times: tuple[float, ...]
    confirmed: bool = True

    @property
    def rounds(self) -> int:
        return len(self.solve_times)


def _pair_positions(problem: Any) -> dict[str, tuple[int, int, int, bool]]:
    """``"oracle\\0label_i,label_j"`` -> (oracle index, i, j, pair touches the optimum)."""
    out: dict[str, tuple[int, int, int, bool]] = {}
    for o_idx, o in enumerate(problem.oracles):
        recs = o.records
        anchors = {k for k, r in enumerate(recs) if _is_anchor(r)}
        for i, ri in enumerate(recs):
            for j, rj in enumerate(recs):
                if i != j:
                    key = f"{o.name}\x00{ri.label},{rj.label}"
                    out[key] = (o_idx, i, j, bool({i, j} & anchors))
    return out


def _is_anchor(rec: Any) -> bool:
    """The optimum / zero / fixed point record: its gradient is 0 or equals its point."""
    g, x = rec.g.terms, rec.x.terms
    return (not g) or g == x or rec.label in ("x*", "z*", "y*")


def seed_rows(problem: Any, data: CompiledProblem, window: int = 1) -> list[np.ndarray]:
    """Boolean masks (one per block): pairs of records at most ``window`` apart (consecutive
    pairs by default), pairs with the optimum, and every row that is not a pair condition
    (single-record conditions, assumptions)."""
    pairs = _pair_positions(problem)
    masks = []
    for blk in data.blocks:
        mask = np.ones(len(blk), dtype=bool)
        if not blk.family.startswith("assumption"):
            for r, name in enumerate(blk.names):
                info = _lookup(pairs, name)
                if info is not None:
                    _, i, j, anchor = info
                    mask[r] = anchor or abs(i - j) <= window
        masks.append(mask)
    return masks


def _lookup(pairs: dict[str, tuple[int, int, int, bool]], name: str) -> Any:
    m = _PAIR.match(name)
    if m is None:
        return None
    oracle = m.group("fam").split(":", 1)[0]
    return pairs.get(f"{oracle}\x00{m.group('args')}")


def _reduced(data: CompiledProblem, masks: list[np.ndarray]) -> CompiledProblem:
    blocks = []
    for blk, mask in zip(data.blocks, masks):
        idx = np.flatnonzero(mask)
        blocks.append(
            dataclasses.replace(
                blk,
                names=tuple(blk.names[k] for k in idx),
                gram=blk.gram[idx],
                values=blk.values[idx],
                const=blk.const[idx],
            )
        )
    return dataclasses.replace(data, blocks=tuple(b for b in blocks if len(b)))


def _violations(blk: Block, G: np.ndarray, F: np.ndarray) -> np.ndarray:
    """``row(G, F)``: positive where ``row <= 0`` is violated (``|row|`` for equalities)."""
    v = blk.evaluate(G, F)
    return np.abs(v) if blk.sense == "==" else v


def _full_result(
    data: CompiledProblem, reduced: CompiledProblem, res: Any, masks: Any, primal: Any
) -> Any:
    """The reduced solution seen as a solution of the full problem (zero omitted duals),
    with ``primal`` (a worst case feasible for the full problem) as its primal part."""
    from pep.sdp.result import Result

    by_family = dict(zip((b.family for b in reduced.blocks), res.solution.duals))
    duals = []
    for blk, mask in zip(data.blocks, masks):
        lam = np.zeros(len(blk))
        if mask.any():
            lam[mask] = by_family[blk.family]
        duals.append(lam)
    G, F = primal.gram, primal.values
    objective = float(np.min(data.objective.evaluate(G, F)))  # t = min_k objective_k
    sol = dataclasses.replace(
        res.solution, duals=tuple(duals), gram=G, values=F, primal_value=objective
    )
    return Result(data, sol, problem=res.problem)


def _violated(
    data: CompiledProblem, masks: list[np.ndarray], sol: Any, limit: float
) -> list[np.ndarray]:
    """Per block, the omitted rows that ``sol``'s worst case violates by more than ``limit``."""
    return [
        np.flatnonzero(~mask & (_violations(blk, sol.gram, sol.values) > limit))
        for blk, mask in zip(data.blocks, masks)
    ]


def _check_count(key: str, val: Any) -> None:
    if isinstance(val, bool) or not isinstance(val, int) or val < 1:
        raise InvalidArgument(f"{key}={val!r} must be an integer >= 1")


def solve_by_constraint_generation(
    problem: Any,
    solver: str = "auto",
    *,
    tol: float = 1e-7,
    max_rounds: int = 30,
    window: int = 1,
    low_rank: bool | None = None,
    **solver_options: Any,
) -> CuttingResult:
    """Solve ``problem`` by constraint generation (see the module docstring).

    ``tol`` is the largest violation of an omitted inequality that is ignored, relative to
    ``|value|``: interior-point worst cases sit ~1e-7 relative outside inequalities that are
    tight at the optimum (gradient descent's omitted pairs are), which must not count as
    violations; at most 1e-7 by default, because the returned worst case is the primal
    evidence of the result's error estimate (:mod:`pep.sdp.accuracy`), which counts an
    omitted row's violation at its family's largest multiplier. ``max_rounds`` bounds the number of rounds; ``window`` is the seed's largest
    distance between paired records; ``low_rank=False`` skips step 3 (then every violated
    inequality of the central worst case is added); the default ``None`` runs it except with
    SCS, whose first-order iterations converge slowly on the minimal-trace problem (measured:
    23 s for gd N = 40 against 0.2 s for the reduced PEP itself). ``solver="auto"`` (the
    default) solves each reduced problem with :mod:`pep.sdp.auto`; ``solver_options`` go to
    the solver (to Clarabel's steps with ``"auto"``).
    """
    from pep.sdp.solvers import solve_compiled

    if not (isinstance(tol, float | int) and tol > 0):
        raise InvalidArgument(f"tol={tol!r} must be a positive number")
    _check_count("max_rounds", max_rounds)
    _check_count("window", window)
    if low_rank is None:
        low_rank = not (isinstance(solver, str) and solver.upper().startswith("SCS"))
    data = problem.compile()
    masks = seed_rows(problem, data, window)
    added: list[tuple[str, ...]] = []
    times: list[float] = []
    for _ in range(max_rounds):
        reduced = _reduced(data, masks)
        try:
            res = solve_compiled(reduced, solver, options=solver_options, problem=problem)
        except UnboundedProblem:
            masks = _widen(data, masks, problem)  # the seed bounds nothing: add last-point pairs
            added.append(("<unbounded seed: pairs with the last record added>",))
            times.append(float("nan"))
            continue
        times.append(res.timings["solve"])
        limit = tol * max(abs(res.value), 1e-12)
        primal = res.solution
        hits = _violated(data, masks, primal, limit)
        if low_rank and any(len(h) for h in hits):
            low = _low_rank(reduced, res, solver, solver_options)
            if low is not None:
                times[-1] += low.solve_time
                primal, hits = low, _violated(data, masks, low, limit)
        if not any(len(h) for h in hits):
            kept = tuple(n for b in _reduced(data, masks).blocks for n in b.names)
            full = _full_result(data, reduced, res, masks, primal)
            return CuttingResult(full, kept, tuple(added), data.n_constraints, tuple(times))
        for mask, hit in zip(masks, hits):
            mask[hit] = True
        added.append(tuple(blk.names[k] for blk, hit in zip(data.blocks, hits) for k in hit))
    raise InvalidArgument(
        f"constraint generation did not settle in max_rounds={max_rounds}; raise max_rounds "
        "or tol, or solve the full problem"
    )


def solve_relaxation(
    problem: Any, solver: str = "auto", *, window: int = 1, **solver_options: Any
) -> CuttingResult:
    """An upper bound on the full PEP from the seed pairs alone: one solve, nothing checked.

    Dropping interpolation inequalities relaxes the maximisation, so the reduced dual value
    bounds the *full* PEP from above, and the reduced multipliers (zero on the omitted rows)
    are a certificate of the full problem: ``out.result.certify()`` checks it exactly.
    Nothing is claimed about tightness: the returned worst case satisfies the seed rows only
    (``out.confirmed`` is False). Use it where a lower bound is known otherwise (a closed form
    attained by a worst-case function) or where constraint generation's confirming solve is
    too costly (at N = 100 the SDP takes minutes per solve).

    ``window`` counts records, not iterations: a method that evaluates twice per iteration
    needs ``window=2`` for pairs from consecutive iterations. FEG's (``x_k`` and
    ``x_{k+1/2}``) window-2 seed gives the full PEP's 4/N^2 (tested for N = 2..10; at N = 40
    with 475 of 6481 rows: 2e-8 from 4/N^2 with Clarabel at tolerances 1e-10, and
    ``certify()`` verifies it), window 1 does not.

    >>> from pep.algorithms import get
    >>> out = solve_relaxation(get("gd").setting(4))
    >>> round(out.result.value, 7), out.confirmed  # >= 1/(4N+2); equal: seed holds the proof
    (0.0555556, False)
    """
    from pep.sdp.solvers import solve_compiled

    _check_count("window", window)
    data = problem.compile()
    masks = seed_rows(problem, data, window)
    reduced = _reduced(data, masks)
    res = solve_compiled(reduced, solver, options=solver_options, problem=problem)
    kept = tuple(n for b in reduced.blocks for n in b.names)
    full = _full_result(data, reduced, res, masks, res.solution)
    times = (res.timings["solve"],)
    return CuttingResult(full, kept, (), data.n_constraints, times, confirmed=False)


def _low_rank(reduced: CompiledProblem, res: Any, solver: str, options: dict[str, Any]) -> Any:
    """A minimal-trace worst case of ``reduced`` within 1e-7 relative of its optimum, or
    ``None`` when that solve fails (it only proposes an example; the loop then adds the
    inequalities the central worst case violates)."""
    from pep.sdp.solvers import solve_min_trace

    top = res.solution.primal_value
    if isinstance(solver, str) and solver.upper() == "AUTO":
        solver = "CLARABEL_DIRECT"  # the min-trace problem is one solve, not a strategy
    if isinstance(solver, str) and solver.upper().startswith("CLARABEL"):
        # the thin feasible set can make Clarabel stall to its 200-iteration limit; the
        # reduced PEP itself takes ~15-30 iterations, and a failed attempt costs only a round
        options = {"max_iter": 60, **options}
    try:
        # 1e-7: the worst case is the primal evidence behind the 1e-6 error estimate
        low = solve_min_trace(reduced, solver, options, top - 1e-7 * abs(top))
    except SolverError:
        return None
    return low if low.status in (Status.OPTIMAL, Status.INACCURATE) else None


def _widen(data: CompiledProblem, masks: list[np.ndarray], problem: Any) -> list[np.ndarray]:
    pairs = _pair_positions(problem)
    last = {o_idx: len(o.records) - 1 for o_idx, o in enumerate(problem.oracles)}
    out = []
    for blk, mask in zip(data.blocks, masks):
        mask = mask.copy()
        for r, name in enumerate(blk.names):
            info = _lookup(pairs, name)
            if info is not None and last[info[0]] in info[1:3]:
                mask[r] = True
        out.append(mask)
    return out
