"""The cvxpy adapter: one vectorised cvxpy constraint per constraint block.

The only module that imports cvxpy, and only when a solve is requested.
"""

from __future__ import annotations

import importlib.metadata
import time
import warnings
from typing import Any

import numpy as np

from pep.errors import SolverError, SolverNotInstalled
from pep.sdp.compile import CompiledProblem
from pep.sdp.matrix_blocks import triangle
from pep.sdp.solvers.base import Solution, Status

__all__ = ["solve_cvxpy", "SOLVERS"]

# solver name -> (pip extra that provides it, distribution to read the version from)
SOLVERS = {
    "CLARABEL": ("", "clarabel"),
    "SCS": ("scs", "scs"),
    "SCS_CVXPY": ("scs", "scs"),  # "SCS" runs pep's dual form (pep.sdp.solvers.named)
    "MOSEK": ("mosek", "mosek"),
}

_STATUS = {
    "optimal": Status.OPTIMAL,
    "optimal_inaccurate": Status.INACCURATE,
    "infeasible": Status.INFEASIBLE,
    "infeasible_inaccurate": Status.INFEASIBLE,
    "unbounded": Status.UNBOUNDED,
    "unbounded_inaccurate": Status.UNBOUNDED,
}


def _import_cvxpy(solver: str) -> Any:
    try:
        import cvxpy as cp
    except ImportError as exc:  # pragma: no cover - cvxpy is a dependency
        raise SolverNotInstalled("cvxpy is not installed; pip install cvxpy") from exc
    if solver not in SOLVERS:
        raise SolverNotInstalled(
            f"solver={solver!r} is not supported; choose one of {sorted(SOLVERS)}"
        )
    if _cvxpy_name(solver) not in cp.installed_solvers():
        extra = SOLVERS[solver][0]
        hint = f"pip install 'pep-toolkit[{extra}]'" if extra else f"pip install {solver.lower()}"
        raise SolverNotInstalled(f"solver={solver!r} is not installed; {hint}")
    return cp


def _version(solver: str) -> str:
    try:
        return importlib.metadata.version(SOLVERS[solver][1])
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _cvxpy_name(solver: str) -> str:
    return "SCS" if solver == "SCS_CVXPY" else solver


def solve_cvxpy(
    data: CompiledProblem,
    solver: str,
    options: dict[str, Any],
    trace_level: float | None = None,
    trace_weight: np.ndarray | None = None,
) -> Solution:
    """Solve ``max t s.t. t <= objective_k, blocks, G >= 0``.

    With ``trace_level`` set, solve instead ``min trace(G)`` (``min <W, G>`` for a
    ``trace_weight`` ``W``) subject to every objective being at least ``trace_level``
    (dimension reduction of the worst case, :mod:`pep.sdp.reduction`).
    """
    cp = _import_cvxpy(solver)
    d, nf = data.dimension, len(data.value_names)
    G = cp.Variable((d, d), symmetric=True)
    F = cp.Variable(nf) if nf else None
    g = cp.vec(G, order="C")

    def affine(blk: Any) -> Any:
        expr = blk.gram @ g + blk.const
        return expr + blk.values @ F if F is not None else expr

    cons = []
    for blk in data.blocks:
        cons.append(affine(blk) <= 0 if blk.sense == "<=" else affine(blk) == 0)
    psd = G >> 0
    cons.append(psd)
    lmis = []  # PSD blocks: a symmetric matrix variable equal to the block, and PSD
    for blk in data.psd_blocks:
        k = blk.size
        a, b, _ = triangle(k)
        M = cp.Variable((k, k), symmetric=True)
        lmis.append(M >> 0)
        cons.extend([cp.vec(M, order="C")[a * k + b] == affine(blk), lmis[-1]])
    if trace_level is None:
        t = cp.Variable()
        obj_con = t <= affine(data.objective)
        prob = cp.Problem(cp.Maximize(t), [*cons, obj_con])
    else:
        obj_con = affine(data.objective) >= trace_level
        weighted = cp.trace(G) if trace_weight is None else cp.sum(cp.multiply(trace_weight, G))
        prob = cp.Problem(cp.Minimize(weighted), [*cons, obj_con])
    t0 = time.perf_counter()
    try:
        with warnings.catch_warnings():
            # the status is mapped and checked by pep itself (see pep.sdp.solvers.ACCURACY)
            warnings.filterwarnings("ignore", message="Solution may be inaccurate")
            prob.solve(solver=_cvxpy_name(solver), **options)
    except cp.error.SolverError as exc:
        raise SolverError(f"{solver} failed: {exc}") from exc
    wall = time.perf_counter() - t0
    status = _STATUS.get(prob.status, Status.ERROR)
    stats = prob.solver_stats
    solve_time = float(stats.solve_time) if stats and stats.solve_time is not None else wall
    ok = status in (Status.OPTIMAL, Status.INACCURATE)

    def arr(x: Any, shape: tuple[int, ...]) -> np.ndarray:
        return (
            np.asarray(x, float).reshape(shape)
            if (ok and x is not None)
            else np.full(shape, np.nan)
        )

    return Solution(
        status=status,
        primal_value=float(prob.value) if ok else float("nan"),
        gram=arr(G.value, (d, d)),
        values=arr(F.value, (nf,)) if F is not None else np.zeros(0),
        duals=tuple(arr(c.dual_value, (len(blk),)) for c, blk in zip(cons, data.blocks)),
        objective_duals=arr(obj_con.dual_value, (len(data.objective),)),
        psd_dual=arr(psd.dual_value, (d, d)),
        psd_block_duals=tuple(
            arr(c.dual_value, (b.size, b.size)) for c, b in zip(lmis, data.psd_blocks)
        ),
        solver=solver,
        solver_version=_version(solver),
        setup_time=max(wall - solve_time, 0.0),
        solve_time=solve_time,
        raw_status=str(prob.status),
        options=dict(options),
    )
