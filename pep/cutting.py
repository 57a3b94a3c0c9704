r"""Constraint generation: solve a PEP with few interpolation pairs, add the violated ones.

A PEP with :math:`n` evaluated points has :math:`O(n^2)` interpolation inequalities, yet the
known certificates use :math:`O(n)` of them (consecutive pairs and pairs with the optimum,
e.g. Drori-Teboulle 2014 for gradient descent). Dropping inequalities *relaxes* the
maximisation, so the reduced value is an upper bound on the full one; if the reduced
problem's worst case :math:`(G, F)` satisfies every omitted inequality, it is feasible for
the full problem and the two values coincide. The loop is therefore

1. solve with a seed set of pairs (consecutive records and pairs with the optimum);
2. evaluate every omitted inequality at the worst case;
3. add the violated ones (violation above ``tol``) and repeat; stop when none is violated.

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

from pep.compile import Block, CompiledProblem
from pep.errors import InvalidArgument, UnboundedProblem

__all__ = ["CuttingResult", "solve_by_constraint_generation", "seed_rows"]

_PAIR = re.compile(r"^(?P<fam>[^:()]+:[^()]+)\((?P<args>.*)\)$")


@dataclass(frozen=True)
class CuttingResult:
    """The full-problem :class:`pep.Result` and how it was reached.

    ``kept`` lists the constraint names of the final reduced problem, ``added`` the names
    added in each round (empty if the seed sufficed), ``n_full`` the number of constraints
    of the full problem and ``solve_times`` the solver time of each round.
    """

    result: Any
    kept: tuple[str, ...]
    added: tuple[tuple[str, ...], ...]
    n_full: int
    solve_times: tuple[float, ...]

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


def seed_rows(problem: Any, data: CompiledProblem) -> list[np.ndarray]:
    """Boolean masks (one per block): consecutive pairs, pairs with the optimum, and every
    row that is not a pair condition (single-record conditions, assumptions)."""
    pairs = _pair_positions(problem)
    masks = []
    for blk in data.blocks:
        mask = np.ones(len(blk), dtype=bool)
        if not blk.family.startswith("assumption"):
            for r, name in enumerate(blk.names):
                info = _lookup(pairs, name)
                if info is not None:
                    _, i, j, anchor = info
                    mask[r] = anchor or abs(i - j) == 1
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
    v = blk.gram @ G.reshape(-1) + blk.const
    if F.size:
        v = v + blk.values @ F
    return np.abs(v) if blk.sense == "==" else v


def _full_result(data: CompiledProblem, reduced: CompiledProblem, res: Any, masks: Any) -> Any:
    """The reduced solution seen as a solution of the full problem (zero omitted duals)."""
    from pep.result import Result

    by_family = dict(zip((b.family for b in reduced.blocks), res.solution.duals))
    duals = []
    for blk, mask in zip(data.blocks, masks):
        lam = np.zeros(len(blk))
        if mask.any():
            lam[mask] = by_family[blk.family]
        duals.append(lam)
    sol = dataclasses.replace(res.solution, duals=tuple(duals))
    return Result(data, sol, problem=res.problem)


def solve_by_constraint_generation(
    problem: Any,
    solver: str = "CLARABEL",
    *,
    tol: float = 1e-5,
    max_rounds: int = 30,
    **solver_options: Any,
) -> CuttingResult:
    """Solve ``problem`` by constraint generation (see the module docstring).

    ``tol`` is the largest violation of an omitted inequality that is ignored, relative to
    ``|value|``: interior-point worst cases sit ~1e-7 relative outside inequalities that are
    tight at the optimum (gradient descent's omitted pairs are), which must not count as
    violations. ``max_rounds`` bounds the number of solves; ``solver_options`` go to the
    solver.
    """
    from pep.solvers import solve_compiled

    if not (isinstance(tol, float | int) and tol > 0):
        raise InvalidArgument(f"tol={tol!r} must be a positive number")
    if isinstance(max_rounds, bool) or not isinstance(max_rounds, int) or max_rounds < 1:
        raise InvalidArgument(f"max_rounds={max_rounds!r} must be an integer >= 1")
    data = problem.compile()
    masks = seed_rows(problem, data)
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
        G, F = res.solution.gram, res.solution.values
        limit = tol * max(abs(res.value), 1e-12)
        new: list[str] = []
        for blk, mask in zip(data.blocks, masks):
            viol = _violations(blk, G, F)
            hit = np.flatnonzero(~mask & (viol > limit))
            mask[hit] = True
            new.extend(blk.names[k] for k in hit)
        if not new:
            kept = tuple(n for b in _reduced(data, masks).blocks for n in b.names)
            full = _full_result(data, reduced, res, masks)
            return CuttingResult(full, kept, tuple(added), data.n_constraints, tuple(times))
        added.append(tuple(new))
    raise InvalidArgument(
        f"constraint generation did not settle in max_rounds={max_rounds}; raise max_rounds "
        "or tol, or solve the full problem"
    )


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
