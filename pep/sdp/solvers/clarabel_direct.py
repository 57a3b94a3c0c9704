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

from pep.errors import InvalidArgument, SolverNotInstalled
from pep.sdp.compile import CompiledProblem
from pep.sdp.matrix_blocks import triangle
from pep.sdp.solvers.base import Solution, SolverRun, Status

__all__ = [
    "NAME",
    "ConicData",
    "conic_data",
    "solution_from",
    "solve_clarabel_direct",
    "svec_index",
    "svec_positions",
    "symmetric",
    "block_triplets",
]

NAME = "CLARABEL_DIRECT"

# Clarabel's SolverStatus names -> pep.Status. "Almost" statuses are reduced accuracy; they
# become OPTIMAL only if the measured certificate passes pep.sdp.solvers.ACCURACY.
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


def weight_svec(
    d: int, p: np.ndarray, qq: np.ndarray, weight: np.ndarray | None = None
) -> np.ndarray:
    r"""Coefficients of :math:`\langle W, G\rangle` on the entries :math:`G_{pq}`, ``p <= q``
    (off-diagonals counted twice); ``weight=None`` is :math:`W = I`, the trace.

    >>> p, q, _ = svec_index(2)
    >>> weight_svec(2, p, q, np.array([[1.0, 0.5], [0.5, 3.0]])).tolist()
    [1.0, 1.0, 3.0]
    """
    if weight is None:
        return (p == qq).astype(float)
    W = np.asarray(weight, float)
    return np.where(p == qq, 1.0, 2.0) * (W[p, qq] + W[qq, p]) / 2


def svec_positions(d: int, p: np.ndarray, qq: np.ndarray) -> np.ndarray:
    """Compiled Gram column ``p*d + q`` (``p <= q``) -> position in the svec order ``(p, qq)``.

    >>> p, q, _ = svec_index(2)
    >>> svec_positions(2, p, q).tolist()  # columns 0, 1, 3 hold G00, G01, G11
    [0, 1, -1, 2]
    """
    col = np.full(d * d, -1, dtype=np.int64)
    col[p * d + qq] = np.arange(len(p))
    return col


def symmetric(v: np.ndarray, p: np.ndarray, qq: np.ndarray, d: int) -> np.ndarray:
    """The symmetric ``d x d`` matrix whose upper-triangle entries ``(p, qq)`` are ``v``."""
    M = np.zeros((d, d))
    M[p, qq] = v
    M[qq, p] = v
    return M


def block_triplets(
    blocks: list[Any] | tuple[Any, ...], signs: list[float]
) -> tuple[np.ndarray, ...]:
    """COO triplets ``(row, col, value)`` of the Gram rows, then of the function-value rows,
    of ``blocks`` stacked in order, each block multiplied by its sign.

    One concatenation instead of sparse stacking per block, which costs more than the data
    itself at N ~ 20 (issue 7: overhead <= 5 % of the solve).
    """
    gram: list[tuple[np.ndarray, ...]] = []
    vals: list[tuple[np.ndarray, ...]] = []
    offset = 0
    for blk, sign in zip(blocks, signs):
        g = blk.gram.tocoo()
        gram.append((g.row + offset, g.col, sign * g.data))
        if blk.values.shape[1]:  # problems without function values (operators) skip this
            v = sp.coo_matrix(blk.values)
            vals.append((v.row + offset, v.col, sign * v.data))
        offset += len(blk)
    empty = np.zeros(0, np.int64)
    vals = vals or [(empty, empty, np.zeros(0))]
    return (*(np.concatenate(x) for x in zip(*gram)), *(np.concatenate(x) for x in zip(*vals)))


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
    (then ``q`` is the trace, or :math:`\langle W, G\rangle` for a ``trace_weight`` :math:`W`,
    and the objective rows read ``level - objective_k <= 0``).
    """

    q: np.ndarray
    A: sp.csc_matrix
    b: np.ndarray
    n_eq: int
    n_ineq: int
    p: np.ndarray
    qq: np.ndarray
    scale: np.ndarray
    psd_sizes: tuple[int, ...] = ()  # PSD blocks' cones, between the nonnegative and G's


def conic_data(
    data: CompiledProblem,
    order: str = "upper_col",
    trace_level: float | None = None,
    trace_weight: np.ndarray | None = None,
) -> ConicData:
    """Standard conic form of the compiled PEP (see the module docstring)."""
    d, nf = data.dimension, len(data.value_names)
    p, qq, scale = svec_index(d, order)
    ns = len(p)
    nt = 1 if trace_level is None else 0
    n = ns + nf + nt
    eq = [b for b in data.blocks if b.sense == "=="]
    ineq = [b for b in data.blocks if b.sense == "<="]
    obj = data.objective
    rows = [*eq, *ineq, obj]
    gr, gc, gv, vr, vc, vv = block_triplets(rows, [1.0] * (len(rows) - 1) + [-1.0])
    m = sum(len(b) for b in rows)
    t_rows = np.arange(m - len(obj), m) if nt else np.zeros(0, np.int64)  # t - objective_k <= 0
    pr, pc, pv, pb = _psd_rows(data, p, qq, ns, m)
    mp = len(pb)  # the PSD blocks' rows sit between the objective's and G's svec
    r = np.concatenate([gr, vr, t_rows, np.arange(ns) + m + mp])
    c = np.concatenate(
        [svec_positions(d, p, qq)[gc], vc + ns, np.full(len(t_rows), n - 1), np.arange(ns)]
    )
    v = np.concatenate([gv, vv, np.ones(len(t_rows)), -scale])  # last rows: s = svec(G)
    r, c, v = np.concatenate([r, pr]), np.concatenate([c, pc]), np.concatenate([v, pv])
    A = sp.csc_matrix((v, (r, c)), shape=(m + mp + ns, n))
    level = 0.0 if trace_level is None else trace_level
    b_obj = obj.const - level
    b = np.concatenate([*(-blk.const for blk in (*eq, *ineq)), b_obj, pb, np.zeros(ns)])
    q = np.zeros(n)
    if nt:
        q[-1] = -1.0
    else:
        q[:ns] = weight_svec(d, p, qq, trace_weight)  # <W, G>, the trace when W = I
    n_eq = sum(len(b) for b in eq)
    sizes = tuple(blk.size for blk in data.psd_blocks)
    return ConicData(q, A, b, n_eq, sum(len(b) for b in ineq) + len(obj), p, qq, scale, sizes)


def _psd_rows(
    data: CompiledProblem, p: np.ndarray, qq: np.ndarray, ns: int, m: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r"""Rows ``(r, c, v)`` and right-hand side of the PSD blocks' cones, from row ``m`` on:
    :math:`s = \operatorname{svec}(M) = b - Ax` with ``A = -scale * row``,
    ``b = scale * const``, each block's rows permuted from its row-major upper triangle to
    Clarabel's column-major one (:mod:`pep.sdp.matrix_blocks`)."""
    rs, cs, vs, bs = [], [], [], []
    col = svec_positions(data.dimension, p, qq)
    offset = m
    for blk in data.psd_blocks:
        k = blk.size
        a, b, _ = triangle(k)
        bp, bq, bscale = svec_index(k, "upper_col")
        here = np.full((k, k), -1, dtype=np.int64)
        here[bp, bq] = np.arange(len(bp))
        pos = here[a, b]  # row-major triangle row t -> Clarabel position
        sc = bscale[pos]
        g, f = blk.gram.tocoo(), sp.coo_matrix(blk.values)
        rs += [offset + pos[g.row], offset + pos[f.row]]
        cs += [col[g.col], f.col + ns]
        vs += [-sc[g.row] * g.data, -sc[f.row] * f.data]
        rhs = np.zeros(len(pos))
        rhs[pos] = sc * blk.const
        bs.append(rhs)
        offset += len(pos)
    cat = lambda x, t: np.concatenate(x) if x else np.zeros(0, t)  # noqa: E731
    return cat(rs, np.int64), cat(cs, np.int64), cat(vs, float), cat(bs, float)


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
    if ok:  # x holds G's entries, z the svec (sqrt 2-scaled) of S
        G, S = symmetric(x[:ns], cd.p, cd.qq, d), symmetric(z[-ns:] / cd.scale, cd.p, cd.qq, d)
    lin = z[: cd.n_eq + cd.n_ineq] if ok else np.full(cd.n_eq + cd.n_ineq, np.nan)
    blocks = [b for b in data.blocks if b.sense == "=="] + [
        b for b in data.blocks if b.sense == "<="
    ]
    cuts = np.cumsum([len(b) for b in blocks])
    by_id = {id(b): lin[c - len(b) : c] for b, c in zip(blocks, cuts)}
    primal = x[-1] if cd.q[-1] == -1.0 and ok else (cd.q @ x if ok else np.nan)
    zs, start = [], cd.n_eq + cd.n_ineq
    for blk in data.psd_blocks:  # z of each block's cone: svec(Z), Clarabel's order
        bp, bq, bscale = svec_index(blk.size, "upper_col")
        nb = len(bp)
        zb = z[start : start + nb] / bscale if ok else np.full(nb, np.nan)
        zs.append(symmetric(zb, bp, bq, blk.size))
        start += nb
    return Solution(
        status=status,
        primal_value=float(primal),
        gram=G,
        values=x[ns : ns + nf].copy() if ok else np.full(nf, np.nan),
        duals=tuple(by_id[id(b)].copy() for b in data.blocks),
        objective_duals=lin[len(lin) - no :].copy(),
        psd_dual=S,
        psd_block_duals=tuple(zs),
        **info,
    )


def run_clarabel(
    q: np.ndarray,
    A: sp.csc_matrix,
    b: np.ndarray,
    cones: tuple[int, int, int],
    options: dict[str, Any],
    t0: float,
    psd_sizes: tuple[int, ...] = (),
) -> SolverRun:
    """``min q x  s.t.  A x + s = b``, ``s`` in (zero^n0, nonneg^n1, PSD(d)) for
    ``cones = (n0, n1, d)``, with Clarabel; ``t0`` is when the caller started building the
    data (it counts as set-up)."""
    clarabel = _import_clarabel()
    settings = _settings(clarabel, options)
    n_zero, n_nonneg, d = cones
    extra = [clarabel.PSDTriangleConeT(k) for k in psd_sizes]
    cone = [clarabel.NonnegativeConeT(n_nonneg), *extra, clarabel.PSDTriangleConeT(d)]
    if n_zero:
        cone.insert(0, clarabel.ZeroConeT(n_zero))
    n = A.shape[1]
    solver = clarabel.DefaultSolver(sp.csc_matrix((n, n)), q, A, b, cone, settings)
    t1 = time.perf_counter()
    sol = solver.solve()
    wall = time.perf_counter() - t1
    return SolverRun(
        np.asarray(sol.x, float),
        np.asarray(sol.z, float),
        str(sol.status),
        setup_time=t1 - t0,
        solve_time=float(sol.solve_time) if sol.solve_time else wall,
        iterations=int(sol.iterations),
    )


def run_info(run: SolverRun, name: str, version: str, options: dict[str, Any]) -> dict[str, Any]:
    """The :class:`Solution` fields that describe the solver call."""
    return {
        "solver": name,
        "solver_version": version,
        "setup_time": run.setup_time,
        "solve_time": run.solve_time,
        "raw_status": run.raw_status,
        "options": options,
        "iterations": run.iterations,
    }


def solve_clarabel_direct(
    data: CompiledProblem,
    options: dict[str, Any],
    trace_level: float | None = None,
    trace_weight: np.ndarray | None = None,
) -> Solution:
    """Solve the compiled PEP with Clarabel called directly (see the module docstring)."""
    t0 = time.perf_counter()
    cd = conic_data(data, "upper_col", trace_level, trace_weight)
    cones = (cd.n_eq, cd.n_ineq, data.dimension)
    run = run_clarabel(cd.q, cd.A, cd.b, cones, options, t0, cd.psd_sizes)
    status = _STATUS.get(run.raw_status, Status.ERROR)
    info = run_info(run, NAME, _version(), dict(options))
    return solution_from(data, cd, run.x, run.z, status, **info)


def _version() -> str:
    try:
        return importlib.metadata.version("clarabel")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"
