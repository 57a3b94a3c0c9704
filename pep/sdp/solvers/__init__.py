"""Solver adapters. ``solve_compiled`` runs one and turns its solution into a Result.

No silent fallback: the solver asked for is the solver used, or an error says why not.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pep.errors import (
    UNBOUNDED_MSG,
    InaccurateSolve,
    InfeasibleProblem,
    InvalidArgument,
    SolverError,
    UnboundedProblem,
)
from pep.sdp.compile import CompiledProblem
from pep.sdp.solvers.base import Solution, Status
from pep.sdp.solvers.cvxpy_backend import SOLVERS, solve_cvxpy

__all__ = ["Status", "Solution", "solve_compiled", "solve_min_trace", "SOLVERS"]


# A solve the solver flags as reduced-accuracy is still accepted as OPTIMAL when its dual
# certificate measures accurate: interior-point methods routinely stall a hair above their
# 1e-8 tolerances on PEPs (many inactive interpolation inequalities make the optimum
# degenerate). These thresholds are on the certificate itself, not on the solver's flags.
ACCURACY = {"gap": 1e-6, "dual_residual": 1e-7, "min_multiplier": -1e-8, "psd_min_eig": -1e-7}


def _measured_accurate(result: Any) -> bool:
    acc = result.accuracy()
    return (
        acc["gap"] <= ACCURACY["gap"]
        and acc["dual_residual"] <= ACCURACY["dual_residual"]
        and acc["min_multiplier"] >= ACCURACY["min_multiplier"]
        and acc["psd_min_eig"] >= ACCURACY["psd_min_eig"]
    )


def _promote(sol: Solution, data: CompiledProblem) -> Solution:
    """INACCURATE -> OPTIMAL when the measured certificate passes :data:`ACCURACY`."""
    from pep.sdp.result import Result

    if sol.status is Status.INACCURATE and _measured_accurate(Result(data, sol)):
        return dataclasses.replace(
            sol,
            status=Status.OPTIMAL,
            raw_status=f"{sol.raw_status} (certificate measured accurate)",
        )
    return sol


def _check(sol: Solution, data: CompiledProblem, accept_inaccurate: bool) -> None:
    if sol.status is Status.UNBOUNDED:
        has_assumption = any(b.family.startswith("assumption") for b in data.blocks)
        detail = "" if has_assumption else " (the problem has no assumption)"
        raise UnboundedProblem(UNBOUNDED_MSG.format(detail=detail))
    if sol.status is Status.INFEASIBLE:
        raise InfeasibleProblem(
            "the constraints are infeasible: check that the assumptions are consistent "
            f"(solver {sol.solver} reported {sol.raw_status!r})"
        )
    if sol.status is Status.ERROR:
        raise SolverError(f"{sol.solver} returned status {sol.raw_status!r}; no bound is reported")
    if sol.status is Status.INACCURATE and not accept_inaccurate:
        raise InaccurateSolve(
            f"{sol.solver} stopped with reduced accuracy (status {sol.raw_status!r}, primal "
            f"value {sol.primal_value:.6g}); this is not a bound. Tighten the solver "
            "tolerances, try another solver, or pass accept_inaccurate=True to inspect it"
        )


def _direct(solve: Any) -> Any:
    def run(data: CompiledProblem, solver: str, options: dict[str, Any], **kw: Any) -> Any:
        return solve(data, options, **kw)

    return run


def _backend(solver: str) -> Any:
    """The adapter for ``solver``: a direct one only when asked for by its name."""
    if solver == "CLARABEL_DIRECT":
        from pep.sdp.solvers.clarabel_direct import solve_clarabel_direct

        return _direct(solve_clarabel_direct)
    if solver == "CLARABEL_DUAL":
        from pep.sdp.solvers.clarabel_dual import solve_clarabel_dual

        return _direct(solve_clarabel_dual)
    if solver == "SCS_DUAL":
        from pep.sdp.solvers.scs_dual import solve_scs_dual

        return _direct(solve_scs_dual)
    if solver == "SCS_DIRECT":
        from pep.sdp.solvers.scs_direct import solve_scs_direct

        return _direct(solve_scs_direct)
    return solve_cvxpy


def solve_min_trace(
    data: CompiledProblem, solver: str, options: dict[str, Any], level: float
) -> Solution:
    """``min trace(G)`` subject to every objective row ``>= level`` (a low-rank worst case).

    Near-optimal points of minimal trace are low rank in practice (PEPit's heuristic), i.e.
    they tend to be the Gram matrices of actual worst-case functions. The result is an
    example, never a bound; ``primal_value`` is the trace.
    """
    return _backend(solver.upper())(data, solver.upper(), dict(options), trace_level=level)


def solve_compiled(
    data: CompiledProblem,
    solver: str = "CLARABEL",
    *,
    dimension_reduction: str | None = None,
    options: dict[str, Any] | None = None,
    problem: Any = None,
    accept_inaccurate: bool = False,
    rebased: Any = None,
) -> Any:
    """Solve compiled data with ``solver`` and return a :class:`pep.Result`.

    With ``rebased`` (a :class:`pep.sdp.basis.Rebased` of the same problem) the solver gets the
    problem over that basis; its solution is mapped back to ``data``'s basis (the leaves)
    before anything is measured, so accuracy checks and certificates see the usual data."""
    from pep.sdp.result import Result

    if not isinstance(solver, str):
        raise InvalidArgument(f"solver={solver!r} must be a name such as 'CLARABEL'")
    solver = solver.upper()
    if dimension_reduction not in (None, "trace"):
        raise InvalidArgument(f"dimension_reduction={dimension_reduction!r}; use None or 'trace'")
    from pep.sdp.size import check_data

    check_data(data, solver)  # before the solver allocates what it cannot have
    options = dict(options or {})
    if rebased is None:
        sol = _backend(solver)(data, solver, options)
    else:
        sol = rebased.basis.expand(_backend(solver)(rebased.data, solver, options))
    sol = _promote(sol, data)
    _check(sol, data, accept_inaccurate)
    result = Result(data, sol, problem=problem)
    if dimension_reduction == "trace":
        # the bound stays the one certified by the first solve
        level = sol.primal_value - 1e-6 * max(1.0, abs(sol.primal_value))
        low = solve_min_trace(data, solver, options, level)
        _check(low, data, accept_inaccurate=True)  # only the example, never the bound
        result = Result(data, sol, problem=problem, worst_case_solution=low)
    return result
