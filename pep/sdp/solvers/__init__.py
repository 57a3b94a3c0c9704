"""Solver adapters. ``solve_compiled`` runs one (or the ``auto`` strategy) and returns a Result.

No silent fallback: a named solver is the solver used, alone, or an error says why not;
``solver="auto"`` (:mod:`pep.sdp.auto`) may try several paths and records each attempt.
Every solve is judged by its error estimate (:mod:`pep.sdp.accuracy`), never by the solver's
status flag alone.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import numpy as np

from pep.errors import (
    UNBOUNDED_MSG,
    InaccurateSolve,
    InfeasibleProblem,
    InvalidArgument,
    SolverError,
    SolverNotInstalled,
    UnboundedProblem,
)
from pep.sdp.accuracy import DEFAULT_RTOL, ErrorEstimate, _dual_value, estimate
from pep.sdp.compile import CompiledProblem
from pep.sdp.matrix_blocks import refuse_psd
from pep.sdp.scaling import Scaling, paying_scaling
from pep.sdp.solvers.base import Solution, Status
from pep.sdp.solvers.cvxpy_backend import SOLVERS, solve_cvxpy
from pep.sdp.solvers.named import scs_adapter, scs_options
from pep.sdp.solvers.quiet import captured

__all__ = [
    "Status",
    "Solution",
    "solve_compiled",
    "solve_min_trace",
    "run_adapter",
    "judge",
    "judged",
    "check_status",
    "SOLVERS",
]

_SOLVED = (Status.OPTIMAL, Status.INACCURATE)


def judged(
    sol: Solution, data: CompiledProblem, rtol: float
) -> tuple[Solution, ErrorEstimate | None]:
    """``sol`` with its status decided by the error estimate, whatever the solver's flag:
    OPTIMAL (a bound) when the estimate is within ``rtol`` relative, INACCURATE otherwise
    (see :mod:`pep.sdp.accuracy`); and that estimate (computed once: its eigenvalue
    decompositions cost as much as a small solve). Infeasible, unbounded and failed solves
    are left as they are, with ``None``."""
    if sol.status not in _SOLVED:
        return sol, None
    est = estimate(data, sol)
    status = Status.OPTIMAL if est.relative <= rtol else Status.INACCURATE
    return (sol if status is sol.status else dataclasses.replace(sol, status=status)), est


def judge(sol: Solution, data: CompiledProblem, rtol: float) -> Solution:
    """``sol`` judged by its error estimate (:func:`judged`)."""
    return judged(sol, data, rtol)[0]


def check_status(
    sol: Solution,
    data: CompiledProblem,
    accept_inaccurate: bool,
    est: ErrorEstimate | None = None,
) -> None:
    """Raise the error that a non-bound status calls for (a judged solution, see :func:`judge`;
    ``est``: its estimate, if already computed)."""
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
        est = est or estimate(data, sol)
        raise InaccurateSolve(
            f"{sol.solver} (status {sol.raw_status!r}) gave {_dual_value(data, sol):.9g} with an "
            f"estimated error of {est.absolute:.2g} ({est.relative:.2g} relative), above the "
            "tolerance; this is not a bound. Use solver='auto' (it tries other paths), raise "
            "rtol (pep: --rtol), or inspect it with accept_inaccurate=True (Python API)",
            estimate=est,
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


def _is_panic(exc: BaseException) -> bool:
    """A Rust panic surfacing through pyo3 (a BaseException, not an Exception)."""
    return type(exc).__name__ == "PanicException"


def run_adapter(
    data: CompiledProblem,
    solver: str,
    options: dict[str, Any],
    *,
    rebased: Any = None,
    scale: bool | Scaling = True,
    trace_level: float | None = None,
    trace_weight: np.ndarray | None = None,
) -> tuple[Solution, str]:
    r"""One adapter call and the one-line summary of what the solver wrote to stderr.

    The problem handed to the solver is ``data`` (or ``rebased.data``), scaled to order 1
    (:mod:`pep.sdp.scaling`) when ``scale`` is True and the scaling pays
    (:func:`pep.sdp.scaling.scaling_pays`), or by ``scale`` itself when it is a
    :class:`Scaling`; the solution is mapped back to ``data``'s basis and units before it
    leaves. A solver panic or failure raises :class:`pep.SolverError` with that summary.

    With ``trace_level`` the solver minimises a trace among points whose objective is at least
    that level: the trace of the Gram matrix it sees (over ``rebased``'s basis, scaled), or,
    given ``trace_weight`` :math:`W` over ``data``'s basis, :math:`\langle W, G\rangle`
    exactly (``W`` is carried through the congruences; ``primal_value`` is then
    :math:`\langle W, G\rangle`)."""
    solver = solver.upper()
    work = data if rebased is None else rebased.data
    if solver == "SCS":  # SCS alone, over pep's formulation (pep.sdp.solvers.named)
        solver, options = scs_adapter(work), scs_options(options)
    sc = scale if isinstance(scale, Scaling) else None
    if scale is True:
        sc = paying_scaling(work)
    level = trace_level if trace_level is None or sc is None else trace_level / sc.objective
    refuse_psd(work, solver)  # LMI classes: only the paths that pass PSD blocks on
    adapter = _backend(solver)
    extra: dict[str, Any] = {}
    if trace_weight is not None:
        W = np.asarray(trace_weight, float)
        if rebased is not None:  # G = T G' T^T: <W, G> = <T^T W T, G'>
            T = rebased.basis.leaf_coordinates
            W = T.T @ W @ T
        if sc is not None:  # G = D G' D: <W, G> = <D W D, G'>
            W = W * np.outer(sc.gram, sc.gram)
        extra["trace_weight"] = (W + W.T) / 2
    with captured() as noise:
        try:
            work = sc.apply(work) if sc else work
            sol = adapter(work, solver, dict(options), trace_level=level, **extra)
            failure: BaseException | None = None
        except SolverNotInstalled:
            raise  # a configuration error, not a failed solve
        except SolverError as exc:
            failure = exc
        except BaseException as exc:
            if not _is_panic(exc):
                raise
            failure = exc
    note = noise.summary()
    if failure is not None:
        what = note or f"{type(failure).__name__}: {failure}"
        raise SolverError(f"{solver} failed: {what}") from None
    if sc is not None:
        sol = sc.restore(sol, trace=trace_level is not None)
    if rebased is not None:
        sol = rebased.basis.expand(sol)
    if trace_weight is not None and trace_level is not None:
        sol = dataclasses.replace(sol, primal_value=float(np.sum(trace_weight * sol.gram)))
    return sol, note


def solve_min_trace(
    data: CompiledProblem, solver: str, options: dict[str, Any], level: float
) -> Solution:
    """``min trace(G)`` subject to every objective row ``>= level`` (a low-rank worst case).

    Near-optimal points of minimal trace are low rank in practice (PEPit's heuristic), i.e.
    they tend to be the Gram matrices of actual worst-case functions. The result is an
    example, never a bound; ``primal_value`` is the trace (over the scaled basis the solver
    minimises a weighted trace, which favours low rank as well).
    """
    return run_adapter(data, solver, options, trace_level=level)[0]


def check_rtol(rtol: Any) -> float:
    """``rtol`` validated: a finite number in (0, 1]."""
    ok = isinstance(rtol, float | int) and not isinstance(rtol, bool)
    if not ok or not 0 < rtol <= 1:
        raise InvalidArgument(f"rtol={rtol!r} must be a number in (0, 1], e.g. 1e-6")
    return float(rtol)


DIRECT_ADAPTERS = ("CLARABEL_DIRECT", "CLARABEL_DUAL", "SCS_DIRECT", "SCS_DUAL")


def check_solver_name(solver: str) -> str:
    """``solver`` in upper case if pep knows it ("auto", a cvxpy solver or a direct adapter),
    else :class:`pep.errors.SolverNotInstalled` naming the choices (a usage error)."""
    name = str(solver).upper()
    known = ("AUTO", *sorted(SOLVERS), *DIRECT_ADAPTERS)
    if name not in known:
        raise SolverNotInstalled(
            f"solver={name!r} is not supported; choose one of {', '.join(known).lower()}"
        )
    return name


def solve_compiled(
    data: CompiledProblem,
    solver: str = "auto",
    *,
    dimension_reduction: Any = None,
    options: dict[str, Any] | None = None,
    problem: Any = None,
    accept_inaccurate: bool = False,
    rebased: Any = None,
    rtol: float = DEFAULT_RTOL,
    scale: bool = True,
) -> Any:
    """Solve compiled data and return a :class:`pep.Result`.

    ``solver="auto"`` runs the strategy of :mod:`pep.sdp.auto`; a solver name runs that
    adapter alone, once. Either way the value is a bound only if its error estimate
    (:mod:`pep.sdp.accuracy`) is within ``rtol``; otherwise :class:`pep.errors.InaccurateSolve`
    (or, with ``accept_inaccurate=True``, a result labelled inaccurate). With ``rebased`` (a
    :class:`pep.sdp.basis.Rebased` of the same problem) the solver gets the problem over that
    basis; its solution is mapped back to ``data``'s basis (the leaves) before anything is
    measured, so the estimate and certificates see the usual data. ``dimension_reduction``
    (``"trace"``, ``"logdet"`` or a :class:`pep.sdp.reduction.Reduction`) then looks for a
    low-dimensional worst case (:mod:`pep.sdp.reduction`); the bound is the first solve's."""
    from pep.sdp.result import Attempt, Result

    if not isinstance(solver, str):
        raise InvalidArgument(f"solver={solver!r} must be a name such as 'auto' or 'CLARABEL'")
    solver = solver.upper()
    from pep.sdp.reduction import reduce_dimension, reduction_spec

    reduction = reduction_spec(dimension_reduction)
    rtol = check_rtol(rtol)
    from pep.sdp.size import check_data

    check_data(data, solver)  # before the solver allocates what it cannot have
    options = dict(options or {})
    if solver == "AUTO":
        from pep.sdp.auto import solve_auto

        return solve_auto(
            data,
            problem=problem,
            options=options,
            rtol=rtol,
            dimension_reduction=reduction,
            accept_inaccurate=accept_inaccurate,
        )
    t0 = time.perf_counter()
    sol, note = run_adapter(data, solver, options, rebased=rebased, scale=scale)
    sol, judgement = judged(sol, data, rtol)
    est = judgement.relative if judgement is not None else None
    outcome = "bound" if sol.status is Status.OPTIMAL else sol.status.value
    ran = sol.solver if solver == "SCS" else solver  # the adapter run_adapter chose
    path = (solver if ran == solver else f"{solver} ({ran})") + (
        "+points" if rebased is not None else ""
    )
    attempt = Attempt(path, time.perf_counter() - t0, est, outcome, note)
    check_status(sol, data, accept_inaccurate, judgement)
    # the bound stays the one certified by the first solve
    low, more, steps = reduce_dimension(data, sol, reduction, solver, options, rebased)
    return Result(
        data,
        sol,
        problem=problem,
        worst_case_solution=low,
        attempts=(attempt, *more),
        rtol=rtol,
        reduction=steps,
        estimate=judgement,
    )
