r"""A sparse Gram basis (the evaluated points) and polishing on the multipliers' support.

**Change of basis.** Let the rows of :math:`P` hold the coordinates, over the leaves, of
:math:`d` linearly independent vectors :math:`p_1, \dots, p_d` of the PEP. The Gram matrix of
the :math:`p_k` is :math:`G' = P G P^\top`, so every row :math:`\langle A, G\rangle` reads
:math:`\langle P^{-\top} A P^{-1}, G'\rangle`, and :math:`G \succeq 0 \iff G' \succeq 0`.
The PEP in :math:`G'` has the same value and the same multipliers; its solution maps back as
:math:`G = P^{-1} G' P^{-\top}` and :math:`S = P^\top S' P`. Under congruence the log-det
barrier changes by a constant, so in exact arithmetic an interior-point method follows the
same path in both bases; what changes is the sparsity of the data, hence each iteration's cost.

**Why the points.** A pairwise condition involves :math:`x_i - x_j` and :math:`g_i - g_j`. Over
the leaves (the start and the gradients) an iterate of an anchored method such as FEG is a
combination of every earlier gradient, so :math:`\|x_i - x_j\|^2` fills :math:`O(N^2)` Gram
entries. With the evaluated points as basis vectors, :math:`x_i - x_j` has two coordinates and
each gradient, solved from the step that introduced it, a few: FEG at N = 40 has 79 thousand
nonzeros instead of 1.6 million, and Clarabel's iterations cost 0.8 s instead of 2 s.
:func:`point_basis` picks, in order, the record points, then the record gradients, then the
leaves themselves, each one kept when it is independent of those kept before.

The price is conditioning: late iterates are nearly parallel, so a gradient is a difference
of nearly equal basis vectors and the solver's tolerances, relative to :math:`\|G'\|`, leave
an error up to :math:`O(N^2)` times larger in a small objective (FEG N = 40 with Clarabel:
1.7e-5 relative instead of 1e-7). Methods whose leaves are already sparse (gd, ogm, halpern)
gain nothing, and ogm's points are dense combinations of one another.

**Polishing.** :func:`polish` re-solves, over the leaves, only the inequalities whose
multipliers exceed ``threshold`` times the largest. Dropping inequalities relaxes the
maximisation, so the re-solve's dual value is an upper bound on the full PEP, and its
multipliers (zero elsewhere) are a certificate of the full problem, as in
:mod:`pep.sdp.cutting`. The first solve's worst case (feasible for the full problem up to its
tolerances) is kept as the primal part, so :attr:`pep.Result.gap` measures how well the two
agree, and the error estimate (:mod:`pep.sdp.accuracy`) that decides whether the polished
value is a bound includes that gap. FEG N = 40: 81 of 6481 rows, 9 s,
1e-7 from :math:`4/N^2`.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from pep.errors import InaccurateSolve, InvalidArgument, UnboundedProblem
from pep.sdp.accuracy import DEFAULT_RTOL
from pep.sdp.compile import CompiledProblem, _rows, compile_problem
from pep.sdp.solvers.base import Solution, Status

__all__ = [
    "Basis",
    "BASES",
    "POLISH_CLARABEL",
    "Rebased",
    "point_basis",
    "polish",
    "polish_solution",
    "rebase",
    "solve_prepared",
]

BASES = ("leaves", "points")
# the polishing solve is small (FEG N = 40: 81 rows), so it can afford Clarabel's tight
# tolerances; the defaults (1e-8, absolute below |value| = 1) leave 1e-5 relative on 4/N^2
POLISH_CLARABEL = {"tol_gap_abs": 1e-12, "tol_gap_rel": 1e-10, "tol_feas": 1e-10}
_INDEPENDENT = 1e-6  # a candidate is kept when this fraction of its norm is new


@dataclass(frozen=True)
class Basis:
    """A Gram basis of a problem: ``coordinates[k]`` are basis vector ``k``'s coordinates
    over the leaves, ``leaf_coordinates[l]`` leaf ``l``'s over the basis (the inverse)."""

    names: tuple[str, ...]
    coordinates: np.ndarray
    leaf_coordinates: np.ndarray

    def expand(self, sol: Solution) -> Solution:
        """A solution over this basis, over the leaves (multipliers are unchanged)."""
        T, P = self.leaf_coordinates, self.coordinates
        return dataclasses.replace(sol, gram=T @ sol.gram @ T.T, psd_dual=P.T @ sol.psd_dual @ P)


def point_basis(problem: Any) -> Basis:
    """The record points, then gradients, then leaves, each kept when independent.

    >>> from pep.algorithms import get
    >>> b = point_basis(get("gd").setting(2))
    >>> b.names
    ('x*', 'x0', 'x1', 'x2', 'g_f(x2)')
    """
    leaves = [lf for lf in problem.leaves if lf.kind == "point"]
    pos = {lf: k for k, lf in enumerate(leaves)}
    d = len(leaves)
    named = [(r.label, r.x) for o in problem.oracles for r in o.records]
    named += [(f"g_{o.name}({r.label})", r.g) for o in problem.oracles for r in o.records]
    M = np.vstack([_rows([p for _, p in named], pos, d).toarray(), np.eye(d)])
    names = [n for n, _ in named] + [lf.name for lf in leaves]
    Q = np.zeros((d, 0))
    kept: list[int] = []
    for k, row in enumerate(M):
        norm = np.linalg.norm(row)
        new = row - Q @ (Q.T @ row)
        new = new - Q @ (Q.T @ new)  # twice: one Gram-Schmidt pass loses orthogonality
        if norm > 0 and np.linalg.norm(new) > _INDEPENDENT * norm:
            Q = np.column_stack([Q, new / np.linalg.norm(new)])
            kept.append(k)
            if len(kept) == d:
                break
    P = M[kept]
    T = np.linalg.inv(P)
    T[np.abs(T) < 1e-13 * np.abs(T).max(initial=0.0)] = 0.0  # exact inverse is sparse
    return Basis(tuple(names[k] for k in kept), P, T)


@dataclass(frozen=True)
class Rebased:
    """A problem compiled over another basis, with the way back."""

    basis: Basis
    data: CompiledProblem


def rebase(problem: Any, basis: str = "points") -> Rebased | None:
    """``problem`` compiled over ``basis`` (``None`` for the leaves, the default basis)."""
    if basis not in BASES:
        raise InvalidArgument(f"basis={basis!r}; use one of {', '.join(map(repr, BASES))}")
    if basis == "leaves":
        return None
    b = point_basis(problem)
    return Rebased(b, compile_problem(problem, basis=b))


def solve_prepared(
    problem: Any,
    data: CompiledProblem,
    rebased: Rebased | None,
    solver: str,
    options: dict[str, Any],
    *,
    polish: bool | str = False,
    dimension_reduction: Any = None,
    accept_inaccurate: bool = False,
    rtol: float = DEFAULT_RTOL,
) -> Any:
    """Solve ``data`` (over the leaves; over ``rebased``'s basis for the solver if given),
    then :func:`polish` with ``solver``, or with the adapter ``polish`` names."""
    from pep.sdp.solvers import solve_compiled

    if not isinstance(polish, bool | str):
        raise InvalidArgument(f"polish={polish!r} must be True, False or a solver name")
    result = solve_compiled(
        data,
        solver,
        dimension_reduction=dimension_reduction,
        options=options,
        problem=problem,
        # a first solve to be polished only picks the rows: polish() judges the result
        accept_inaccurate=accept_inaccurate or bool(polish),
        rebased=rebased,
        rtol=rtol,
    )
    if not polish:
        return result
    again = solver if polish is True else polish
    return _polish(result, again, options, accept_inaccurate=accept_inaccurate, rtol=rtol)


def polish_solution(
    data: CompiledProblem,
    first: Solution,
    solver: str,
    options: dict[str, Any] | None = None,
    *,
    problem: Any = None,
    threshold: float = 1e-6,
    scale: bool = True,
    basis: Any = None,
) -> tuple[Solution, str]:
    """The full problem's solution from a re-solve on the rows ``first``'s multipliers use
    (above ``threshold`` of the largest), with ``first``'s worst case as its primal part; and
    the path's name. ``basis`` (a function of the reduced data returning a :class:`Rebased`)
    hands the re-solve another Gram basis. Not judged: the caller measures it
    (:func:`pep.sdp.solvers.judge`)."""
    from pep.sdp.cutting import _full_result, _reduced
    from pep.sdp.solvers import solve_compiled

    if data.psd_blocks:
        raise InvalidArgument(
            "polish re-solves on a subset of scalar rows and does not handle the PSD blocks of "
            "LMI classes; solve without polish (solver='auto' or 'CLARABEL_DIRECT')"
        )

    ineq = [lam for lam, b in zip(first.duals, data.blocks) if b.sense == "<="]
    top = max((float(np.nanmax(lam, initial=0.0)) for lam in ineq), default=0.0)
    masks = [
        lam > threshold * top if b.sense == "<=" else np.ones(len(b), bool)
        for lam, b in zip(first.duals, data.blocks)
    ]
    reduced = _reduced(data, masks)
    tight = POLISH_CLARABEL if str(solver).upper().startswith("CLARABEL") else {}
    try:
        res = solve_compiled(
            reduced,
            solver,
            options={**tight, **(options or {})},
            problem=problem,
            accept_inaccurate=True,
            scale=scale,
            rebased=None if basis is None else basis(reduced),
        )
    except UnboundedProblem as exc:
        raise InaccurateSolve(
            f"the {reduced.n_constraints} rows whose multipliers exceed threshold="
            f"{threshold:g} of the largest bound nothing: lower threshold"
        ) from exc
    full = _full_result(data, reduced, res, masks, first)
    kept, total = reduced.n_constraints, data.n_constraints
    raw = (
        f"{res.solution.raw_status} (polished on {kept} of {total} rows; first solve "
        f"{first.primal_value:.9g})"
    )
    sol = dataclasses.replace(
        full.solution,
        raw_status=raw,
        setup_time=first.setup_time + res.solution.setup_time,
        solve_time=first.solve_time + res.solution.solve_time,
        iterations=(first.iterations or 0) + (res.solution.iterations or 0),
    )
    over = "" if basis is None else " over the whitened basis"
    path = f"polish {str(solver).upper()}{over} ({kept}/{total} rows)"
    return sol, path


def polish(
    result: Any,
    solver: str,
    options: dict[str, Any] | None = None,
    *,
    threshold: float = 1e-6,
    rtol: float | None = None,
    accept_inaccurate: bool = False,
) -> Any:
    """Re-solve ``result``'s problem on the inequalities its multipliers use (module docstring).

    ``threshold`` (relative to the largest multiplier) selects the inequalities. The polished
    value is a bound only if its error estimate (:mod:`pep.sdp.accuracy`, which compares it
    with the first solve's worst case) is within ``rtol`` (default: ``result``'s).
    ``options`` go to the re-solve, over :data:`POLISH_CLARABEL` for Clarabel.

    >>> from pep.algorithms import get
    >>> first = get("feg").setting(6).solve("CLARABEL_DIRECT", basis="points")
    >>> out = polish(first, "CLARABEL_DIRECT")
    >>> abs(out.value - 4 / 36) < 1e-8 * 4 / 36, out.is_bound  # 4/N^2 (Lee and Kim 2021)
    (True, True)
    """
    from pep.sdp.result import Attempt, Result
    from pep.sdp.solvers import check_status, judged

    rtol = result.rtol if rtol is None else rtol
    for key, val in (("threshold", threshold), ("rtol", rtol)):
        if isinstance(val, bool) or not isinstance(val, float | int) or not 0 < val < 1:
            raise InvalidArgument(f"{key}={val!r} must be a number in (0, 1)")
    t0 = time.perf_counter()
    sol, path = polish_solution(
        result.data, result.solution, solver, options, problem=result.problem, threshold=threshold
    )
    sol, est = judged(sol, result.data, rtol)
    outcome = "bound" if sol.status is Status.OPTIMAL else sol.status.value
    rel = est.relative if est is not None else None
    attempts = (*result.attempts, Attempt(path, time.perf_counter() - t0, rel, outcome))
    check_status(sol, result.data, accept_inaccurate, est)
    return Result(
        result.data,
        sol,
        problem=result.problem,
        worst_case_solution=result._low,
        attempts=attempts,
        rtol=rtol,
        reduction=result.reduction,
        estimate=est,
    )


_polish = polish  # solve_prepared's argument ``polish`` shadows the function there
