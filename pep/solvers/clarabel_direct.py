r"""A direct Clarabel adapter: conic data built from the compiled blocks, no cvxpy in between.

The PEP ``max t s.t. t <= objective_k, blocks, G >= 0`` is handed to Clarabel in its standard
form :math:`\min q^\top x \text{ s.t. } Ax + s = b,\ s \in \mathcal K` with
:math:`x = (G_{pq})_{p \le q} \oplus F \oplus t` and the cones, in this order,

* zero cone: equality blocks (``row x + c = 0``, so ``A = row``, ``b = -c``);
* nonnegative cone: inequality blocks (``row x + c <= 0``) and ``t - objective_k <= 0``;
* PSD triangle cone: :math:`s = \operatorname{svec}(G)`, the upper triangle in column-major
  order with off-diagonal entries scaled by :math:`\sqrt 2` (so that
  :math:`\langle\operatorname{svec} X, \operatorname{svec} Y\rangle = \langle X, Y\rangle`).

Clarabel's dual :math:`z \in \mathcal K^*` satisfies :math:`A^\top z + q = 0`, which is exactly
the PEP's dual identity: the inequality multipliers are :math:`\lambda = z` on the
nonnegative rows, the objective weights :math:`\nu` the last nonnegative rows, and the PSD
multiplier is :math:`S = \operatorname{smat}(z_{psd})`. Building this data is a few sparse
re-indexings, so almost all wall time is Clarabel's own (issue 7: overhead <= 5 % of the
solve).

Selected by name only (``solver="CLARABEL_DIRECT"``); never used as a fallback.

>>> import pep
>>> from pep.algorithms import get
>>> r = get("gd").setting(2).solve(solver="CLARABEL_DIRECT")
>>> round(r.value, 7), r.solver  # 1/(4N + 2) at N = 2 (Drori-Teboulle 2014)
(0.1, 'CLARABEL_DIRECT')

Reference: P. J. Goulart, Y. Chen, "Clarabel: An interior-point solver for conic programs
with quadratic objectives", arXiv:2405.12762 (2024), section on the PSD triangle cone.
"""

from __future__ import annotations

import importlib.metadata
import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from pep.compile import CompiledProblem
from pep.errors import InvalidArgument, SolverNotInstalled
from pep.solvers.base import Solution, Status

__all__ = [
    "NAME",
    "ConicData",
    "conic_data",
    "solution_from",
    "solve_clarabel_direct",
    "svec_index",
]

NAME = "CLARABEL_DIRECT"

# Clarabel's SolverStatus names -> pep.Status. "Almost" statuses are reduced accuracy; they
# become OPTIMAL only if the measured certificate passes pep.solvers.ACCURACY.
_STATUS = {
    "Solved": Status.OPTIMAL,
    "AlmostSolved": Status.INACCURATE,
    "PrimalInfeasible": Status.INFEASIBLE,
    "AlmostPrimalInfeasible": Status.INFEASIBLE,
    "DualInfeasible": Status.UNBOUNDED,
    "AlmostDualInfeasible": Status.UNBOUNDED,
}


def svec_index(d: int, order: str = "upper_col") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Upper-triangle ``(p, q)``, ``p <= q``, in a solver's svec order, and the svec scales.

    ``"upper_col"`` is Clarabel's order (upper triangle, column-major); ``"lower_col"`` is
    SCS's (lower triangle, column-major, i.e. the upper triangle row by row).

    >>> p, q, s = svec_index(2)
    >>> p.tolist(), q.tolist(), [round(float(x), 4) for x in s]
    ([0, 0, 1], [0, 1, 1], [1.0, 1.4142, 1.0])
    >>> svec_index(3, "lower_col")[1].tolist()
    [0, 1, 2, 1, 2, 2]
    """
    if order not in ("upper_col", "lower_col"):
        raise InvalidArgument(f"order={order!r}; use 'upper_col' or 'lower_col'")
    a, b = np.nonzero(np.tril(np.ones((d, d), dtype=bool)))  # row-major lower triangle
    p, q = (b, a) if order == "upper_col" else np.nonzero(np.triu(np.ones((d, d), dtype=bool)))
    scale = np.where(p == q, 1.0, math.sqrt(2.0))
    return p, q, scale


def _import_clarabel() -> Any:
    try:
        import clarabel
    except ImportError as exc:  # pragma: no cover - clarabel is a dependency
        raise SolverNotInstalled(
            "solver='CLARABEL_DIRECT' needs clarabel; pip install clarabel"
        ) from exc
    return clarabel


def _settings(clarabel: Any, options: dict[str, Any]) -> Any:
    settings = clarabel.DefaultSettings()
    settings.verbose = False
    for key, val in options.items():
        if not hasattr(settings, key):
            raise InvalidArgument(
                f"{key}={val!r} is not a Clarabel setting; see clarabel.DefaultSettings()"
            )
        setattr(settings, key, val)
    return settings


@dataclass(frozen=True)
class ConicData:
    r"""``min q x  s.t.  A x + s = b``, ``s`` in (zero^n_eq, nonneg^n_ineq, PSD(d)).

    ``x = (G_pq for (p, q) in svec order, F, t)``; without ``t`` when ``trace_level`` is set
    (then ``q`` is the trace and the objective rows read ``level - objective_k <= 0``).
    """

    q: np.ndarray
    A: sp.csc_matrix
    b: np.ndarray
    n_eq: int
    n_ineq: int
    p: np.ndarray
    qq: np.ndarray
    scale: np.ndarray


def conic_data(
    data: CompiledProblem, order: str = "upper_col", trace_level: float | None = None
) -> ConicData:
    """Standard conic form of the compiled PEP (see the module docstring)."""
    d, nf = data.dimension, len(data.value_names)
    p, qq, scale = svec_index(d, order)
    ns = len(p)
    col = np.full(d * d, -1, dtype=np.int64)
    col[p * d + qq] = np.arange(ns)  # compiled Gram column p*d+q (p <= q) -> variable index
    nt = 1 if trace_level is None else 0
    n = ns + nf + nt

    eq = [b for b in data.blocks if b.sense == "=="]
    ineq = [b for b in data.blocks if b.sense == "<="]
    obj = data.objective
    # one COO triplet list for the whole matrix: per-block sparse stacking costs more than the
    # data itself at N ~ 20 (issue 7: overhead <= 5 % of the solve)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    offset = 0
    for blk, sign in [*((b, 1.0) for b in (*eq, *ineq)), (obj, -1.0)]:
        g = blk.gram.tocoo()
        parts.append((g.row + offset, col[g.col], sign * g.data))
        if nf:
            fv = sp.coo_matrix(blk.values)
            parts.append((fv.row + offset, fv.col + ns, sign * fv.data))
        if nt and blk is obj:  # t - objective_k <= 0
            parts.append(
                (np.arange(len(blk)) + offset, np.full(len(blk), n - 1), np.ones(len(blk)))
            )
        offset += len(blk)
    parts.append((np.arange(ns) + offset, np.arange(ns), -scale))  # s = svec(G)
    r, c, v = (np.concatenate(x) for x in zip(*parts))
    A = sp.csc_matrix((v, (r, c)), shape=(offset + ns, n))
    level = 0.0 if trace_level is None else trace_level
    b_obj = obj.const - level
    b = np.concatenate([*(-blk.const for blk in (*eq, *ineq)), b_obj, np.zeros(ns)])
    q = np.zeros(n)
    if nt:
        q[-1] = -1.0
    else:
        q[:ns] = (p == qq).astype(float)  # trace(G)
    n_eq = sum(len(b) for b in eq)
    return ConicData(q, A, b, n_eq, sum(len(b) for b in ineq) + len(obj), p, qq, scale)


def solution_from(
    data: CompiledProblem,
    cd: ConicData,
    x: np.ndarray,
    z: np.ndarray,
    status: Status,
    **info: Any,
) -> Solution:
    """Map a conic primal-dual pair ``(x, z)`` back to a :class:`Solution` of ``data``."""
    d, nf, ns, no = data.dimension, len(data.value_names), len(cd.p), len(data.objective)
    ok = status in (Status.OPTIMAL, Status.INACCURATE)
    G, S = np.full((d, d), np.nan), np.full((d, d), np.nan)
    if ok:
        for M, v in ((G, x[:ns]), (S, z[-ns:] / cd.scale)):  # svec -> matrix entries
            M[cd.p, cd.qq] = v
            M[cd.qq, cd.p] = v
    lin = z[: cd.n_eq + cd.n_ineq] if ok else np.full(cd.n_eq + cd.n_ineq, np.nan)
    blocks = [b for b in data.blocks if b.sense == "=="] + [
        b for b in data.blocks if b.sense == "<="
    ]
    cuts = np.cumsum([len(b) for b in blocks])
    by_id = {id(b): lin[c - len(b) : c] for b, c in zip(blocks, cuts)}
    primal = x[-1] if cd.q[-1] == -1.0 and ok else (cd.q @ x if ok else np.nan)
    return Solution(
        status=status,
        primal_value=float(primal),
        gram=G,
        values=x[ns : ns + nf].copy() if ok else np.full(nf, np.nan),
        duals=tuple(by_id[id(b)].copy() for b in data.blocks),
        objective_duals=lin[len(lin) - no :].copy(),
        psd_dual=S,
        **info,
    )


def solve_clarabel_direct(
    data: CompiledProblem, options: dict[str, Any], trace_level: float | None = None
) -> Solution:
    """Solve the compiled PEP with Clarabel called directly (see the module docstring)."""
    clarabel = _import_clarabel()
    t0 = time.perf_counter()
    settings = _settings(clarabel, options)
    cd = conic_data(data, "upper_col", trace_level)
    cones = [clarabel.NonnegativeConeT(cd.n_ineq), clarabel.PSDTriangleConeT(data.dimension)]
    if cd.n_eq:
        cones.insert(0, clarabel.ZeroConeT(cd.n_eq))
    P = sp.csc_matrix((cd.A.shape[1], cd.A.shape[1]))
    solver = clarabel.DefaultSolver(P, cd.q, cd.A, cd.b, cones, settings)
    t1 = time.perf_counter()
    sol = solver.solve()
    wall = time.perf_counter() - t1
    status = _STATUS.get(str(sol.status), Status.ERROR)
    return solution_from(
        data,
        cd,
        np.asarray(sol.x, float),
        np.asarray(sol.z, float),
        status,
        solver=NAME,
        solver_version=_version(),
        setup_time=t1 - t0,
        solve_time=float(sol.solve_time) if sol.solve_time else wall,
        raw_status=str(sol.status),
        options=dict(options),
    )


def _version() -> str:
    try:
        return importlib.metadata.version("clarabel")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"
