r"""How large a PEP is before it is compiled or solved, and the guard that refuses the hopeless.

:func:`estimate` counts the rows exactly and the Gram nonzeros from the records'
coefficient rows, without building a single pair: first an upper bound in O(records) (every
product of two slots' nonzeros, summed over the pairs in closed form), then, when that bound
is large, the compiler's own expansion on a sample of 2048 pairs scaled to the family. From
rows, nonzeros and the Gram size :math:`d` it models memory and time:

* compile (:mod:`pep.sdp.compile`): 14 bytes per nonzero (the CSR data and index), ~200 bytes
  per row (names, pair indices), ~1e-7 s per nonzero (gd at N = 1000: 338 million
  nonzeros, 4.2 GB peak, 25 s of CPU);
* interior-point solvers (Clarabel in every form, MOSEK): the scaling block of the PSD cone
  is dense in :math:`s = d(d+1)/2` unknowns, so memory ~70 bytes x :math:`s^2` and time
  ~2e-9 s x :math:`s^3` (measured on gd, N = 40..100: 69 bytes x :math:`s^2` through cvxpy,
  55 in dual form; 155 s to 560 s at N = 100 on 2 shared cores);
* SCS (first order): cvxpy's canonicalisation and the iterations scale with the nonzeros:
  ~600 bytes and ~1.5e-4 s per nonzero (gd N = 100 and 150: 595 and 600 bytes; 76 s, 318 s).

These are rough (a factor of two or three either way), which is what a guard needs: gd at
N = 300 wants ~150 GB with Clarabel, N = 3000 some 200 GB just to compile. :func:`check`
raises :class:`pep.errors.ProblemTooLarge` with the figures, the limits
(:class:`pep.model.limits.SizeLimits`) and what to do instead: the seed relaxation
(:func:`pep.sdp.cutting.solve_relaxation`) when it fits, a closed-form certificate
(:mod:`pep.certificates.closed_form`), the known rate, a smaller N.

>>> from pep.algorithms import get
>>> est = estimate(get("gd").setting(10))
>>> est.rows, est.dimension, est.nnz >= 1
(133, 13, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from pep.errors import ProblemTooLarge
from pep.model.limits import SizeLimits, format_bytes
from pep.model.lmi import matrix_rows
from pep.sdp import compile as comp
from pep.sdp.expand import choose_plan, expand, piece
from pep.sdp.family import CHUNK

__all__ = ["SizeEstimate", "estimate", "check", "check_data", "solver_cost"]

_FIRST_ORDER = ("SCS", "SCS_CVXPY", "SCS_DIRECT", "SCS_DUAL")
_REFINE = 1_000_000  # a family whose upper bound has fewer nonzeros is not sampled
_SAMPLE = 128  # pairs expanded to estimate a family's nonzeros (a few percent off)


@dataclass(frozen=True)
class SizeEstimate:
    """Rows, nonzeros, Gram size and the modelled memory (bytes) and time (seconds)."""

    rows: int
    nnz: float
    dimension: int
    compile_bytes: float
    compile_seconds: float
    solver: str
    solve_bytes: float
    solve_seconds: float
    seed_rows: int
    seed_nnz: float

    def summary(self) -> str:
        return (
            f"{self.rows:,} rows, ~{self.nnz:.2g} nonzeros, Gram matrix {self.dimension}x"
            f"{self.dimension}; compiling ~{format_bytes(self.compile_bytes)}, solving with "
            f"{self.solver} ~{format_bytes(self.solve_bytes)} and ~{_duration(self.solve_seconds)}"
        )


def _duration(seconds: float) -> str:
    for unit, size in (("days", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.2g} {unit}"
    return f"{seconds:.2g} s"


def solver_cost(solver: str, d: int, rows: int, nnz: float) -> tuple[float, float]:
    """Modelled (bytes, seconds) of a solve (module docstring; unknown names: interior point)."""
    if solver.upper() in _FIRST_ORDER:
        return 600.0 * nnz + 80.0 * d * d, 1.5e-4 * nnz + 1e-6 * d**3
    s = d * (d + 1) / 2
    return 70.0 * s * s + 200.0 * nnz + 500.0 * rows, 2e-9 * s**3 + 3e-6 * nnz


def _compile_cost(rows: int, nnz: float) -> tuple[float, float]:
    # the pieces' temporaries: ~100 bytes an entry, at most pep.sdp.family.CHUNK entries
    pieces = 100.0 * min(3 * nnz, CHUNK)
    return 14.0 * nnz + 200.0 * rows + pieces, 1e-7 * nnz + 2e-6 * rows


def _side_sums(a: np.ndarray, b: np.ndarray, sa: int, sb: int, sym: bool) -> float:
    """``sum over pairs (i, j) of a[side sa] * b[side sb]`` (side 0: i, side 1: j) in O(n)."""
    n = len(a)
    a, b = a.astype(float), b.astype(float)
    if sa == sb:  # both on i (or both on j): each record times its number of partners
        partners = (
            np.full(n, n - 1.0)
            if not sym
            else (n - 1.0 - np.arange(n) if sa == 0 else np.arange(n, dtype=float))
        )
        return float((a * b * partners).sum())
    if not sym:
        return float(a.sum() * b.sum() - (a * b).sum())
    first, second = (a, b) if sa == 0 else (b, a)  # first on the smaller index
    before = np.concatenate(([0.0], np.cumsum(first)[:-1]))
    return float((second * before).sum())


def _upper_nnz(gram: Any, nx: np.ndarray, ng: np.ndarray, sym: bool) -> float:
    """Every term's products of slot nonzeros over all pairs: >= the family's nonzeros."""
    slot = (nx, ng, nx, ng)
    return sum(_side_sums(slot[s], slot[t], s // 2, t // 2, sym) for s, t, _ in gram)


def _pair_sample(n: int, sym: bool, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Evenly spaced pairs of the compiler's row-major enumeration, without listing it."""
    total = n * (n - 1) // (2 if sym else 1)
    k = np.unique(np.linspace(0, total - 1, min(count, total)).astype(np.int64))
    if not sym:
        i, r = k // (n - 1), k % (n - 1)
        return i, r + (r >= i)
    start = np.arange(n) * (n - 1) - np.arange(n) * (np.arange(n) - 1) // 2
    i = np.searchsorted(start, k, side="right") - 1
    return i, i + 1 + (k - start[i])


def _sampled_nnz(b: Any, tmpl: Any, records: Any, sym: bool) -> float:
    """Mean nonzeros of a row, from the compiler's expansion of a sample of pairs."""
    I, J = _pair_sample(len(records), sym, _SAMPLE)
    used, where = np.unique(np.concatenate([I, J]), return_inverse=True)
    I, J = np.split(where, 2)  # only the sampled records' rows are built
    X = b.rows([records[k].x for k in used])
    G = b.rows([records[k].g for k in used])
    slots = [X[I], G[I], X[J], G[J]]
    rows = piece(expand(choose_plan(tmpl.gram, slots), slots, b.d), len(I), b.d * b.d)
    return rows.nnz / len(I)


def _seed_count(oracle: Any, sym: bool) -> int:
    """Rows of the window-1 seed of :func:`pep.sdp.cutting.seed_rows` for one condition."""
    from pep.sdp.cutting import _is_anchor

    recs = oracle.records
    n = len(recs)
    anchor = np.array([_is_anchor(r) for r in recs], bool)
    idx = np.arange(n)
    neighbours = (idx > 0).astype(int) + (idx < n - 1)
    # anchors pair with everyone; others with their neighbours and the anchors beyond them
    far_anchors = anchor.sum() - anchor[np.clip(idx - 1, 0, n - 1)] * (idx > 0)
    far_anchors = far_anchors - anchor[np.clip(idx + 1, 0, n - 1)] * (idx < n - 1)
    ordered = int(np.where(anchor, n - 1, neighbours + far_anchors).sum())
    return ordered // 2 if sym else ordered


def _extended(cls: Any) -> bool:
    """True for classes whose templates have slots beyond (x_i, g_i, x_j, g_j)."""
    from pep.model.conditions import anchored, n_parts, point_parameters

    return bool(n_parts(cls) or anchored(cls) or point_parameters(cls))


def _extended_sizes(oracle: Any, pair_t: Any, point_t: Any) -> tuple[int, float]:
    """(rows, an upper bound on nonzeros) for a class with extra slots, in the compiler's slot
    order (:func:`pep.sdp.compile.class_templates`): each slot at its largest record."""
    from pep.model.conditions import anchored, n_parts, point_parameters

    cls, recs, n = oracle.cls, oracle.records, len(oracle.records)

    def vec(r: Any) -> list[int]:
        return [
            len(r.x.terms),
            len(r.g.terms),
            *(len(r.parts[k].terms) for k in range(n_parts(cls))),
        ]

    most = np.max(np.array([vec(r) for r in recs]), axis=0).tolist()
    fixed = (vec(oracle.anchor) if anchored(cls) else []) + [
        len(q.terms) for q in point_parameters(cls).values()
    ]
    rows, nnz = 0, 0.0
    for cname, tmpl in pair_t.items():
        m = most + most + fixed
        count = n * (n - 1) // (2 if cname in cls.symmetric else 1)
        rows, nnz = rows + count, nnz + count * (sum(m[s] * m[t] for s, t, _ in tmpl.gram) + 3)
    for tmpl in point_t.values():
        m = most + fixed
        rows, nnz = rows + n, nnz + n * (sum(m[s] * m[t] for s, t, _ in tmpl.gram) + 3)
    return rows, nnz


def _family_sizes(problem: Any, refine: bool) -> tuple[int, float, int, float]:
    """(rows, nnz, seed rows, seed nnz) of the interpolation families."""
    b = comp._Bases(problem)
    rows = seed_rows = 0
    nnz = seed_nnz = 0.0
    for oracle in problem.oracles:
        n = len(oracle.records)
        if not n:
            continue
        # over the leaves a record's nonzeros are its points' terms: no matrix needed yet
        nx = np.array([len(r.x.terms) for r in oracle.records])
        ng = np.array([len(r.g.terms) for r in oracle.records])
        lmi = matrix_rows(oracle.cls, n)  # LMI classes: each entry pairs two records
        if lmi:
            per_row = float(np.mean(nx + ng)) ** 2 + 2
            rows, nnz = rows + lmi, nnz + lmi * per_row
            seed_rows, seed_nnz = seed_rows + lmi, seed_nnz + lmi * per_row
        pair_t, point_t = comp.class_templates(oracle.cls)
        if _extended(oracle.cls):  # parts, an anchor or point parameters: a cruder bound
            r, z = _extended_sizes(oracle, pair_t, point_t)
            rows, nnz, seed_rows, seed_nnz = rows + r, nnz + z, seed_rows + r, seed_nnz + z
            continue
        for cname, tmpl in pair_t.items():
            sym = cname in oracle.cls.symmetric
            count = n * (n - 1) // (2 if sym else 1)
            if count == 0:
                continue
            upper = _upper_nnz(tmpl.gram, nx, ng, sym) + 2 * count
            per_row = upper / count
            if refine and upper > _REFINE:
                per_row = _sampled_nnz(b, tmpl, oracle.records, sym) + 2
            seeds = _seed_count(oracle, sym)
            rows, nnz = rows + count, nnz + per_row * count
            seed_rows, seed_nnz = seed_rows + seeds, seed_nnz + per_row * seeds
        for tmpl in point_t.values():
            upper = sum(float(((nx, ng)[s] * (nx, ng)[t]).sum()) for s, t, _ in tmpl.gram)
            rows, nnz = rows + n, nnz + upper + 2 * n
            seed_rows, seed_nnz = seed_rows + n, seed_nnz + upper + 2 * n
    # assumptions and objectives: a Scalar's terms are its Gram and value entries
    extra = len(problem.assumptions)
    extra_nnz = sum(
        len(s.terms) for s in (*[c.expr for c in problem.assumptions], *problem.objectives)
    )
    return rows + extra, nnz + extra_nnz, seed_rows + extra, seed_nnz + extra_nnz


def estimate(problem: Any, solver: str = "CLARABEL", *, refine: bool = True) -> SizeEstimate:
    """Rows, nonzeros and modelled costs of compiling and solving ``problem`` with ``solver``.

    ``refine=False`` keeps the O(records) upper bound on the nonzeros (no sampling)."""
    rows, nnz, seed_rows, seed_nnz = _family_sizes(problem, refine)
    d = sum(1 for lf in problem.leaves if lf.kind == "point")
    cb, cs = _compile_cost(rows, nnz)
    sb, ss = solver_cost(str(solver), d, rows, nnz)
    return SizeEstimate(rows, nnz, d, cb, cs, str(solver).upper(), sb, ss, seed_rows, seed_nnz)


def _over(est: SizeEstimate, limits: SizeLimits, solve: bool) -> bool:
    need = max(est.compile_bytes, est.solve_bytes if solve else 0.0)
    return need > limits.memory or (solve and est.solve_seconds > limits.seconds)


def _fits(mem: float, sec: float, est: SizeEstimate, limits: SizeLimits) -> bool:
    return max(mem, est.compile_bytes) <= limits.memory and sec <= limits.seconds


def _ways_forward(est: SizeEstimate, limits: SizeLimits) -> str:
    ways = []
    if est.solver not in _FIRST_ORDER:
        mem, sec = solver_cost("SCS", est.dimension, est.rows, est.nnz)
        if _fits(mem, sec, est, limits):
            ways.append(
                "the full problem with a first-order solver, less accurate (solve('SCS'), "
                f"pep run --solver SCS): ~{format_bytes(mem)}, ~{_duration(sec)}"
            )
    for solver in ("CLARABEL", "SCS"):
        mem, sec = solver_cost(solver, est.dimension, est.seed_rows, est.seed_nnz)
        if _fits(mem, sec, est, limits):
            ways.append(
                f"the seed relaxation pep.sdp.cutting.solve_relaxation(problem, {solver!r}) "
                f"(an upper bound from {est.seed_rows:,} rows: ~{format_bytes(mem)}, "
                f"~{_duration(sec)})"
            )
            break
    ways.append(
        "a closed-form certificate without an SDP (pep.certificates.closed_form, e.g. "
        "gd_certificate(N) for gradient descent) or the known rate "
        "(pep.algorithms.get(name).rate(N))"
    )
    ways.append("a smaller N")
    return "; ".join(ways)


def check(
    problem: Any,
    solver: str | None = "CLARABEL",
    limits: SizeLimits | None = None,
) -> SizeEstimate | None:
    """Raise :class:`ProblemTooLarge` when compiling ``problem`` (and, unless ``solver`` is
    None, solving it with ``solver``) is estimated beyond ``limits`` (default: from the
    environment, :meth:`SizeLimits.from_environment`); returns the estimate (``None`` when
    the limits are off). Cheap when the problem is small: the nonzeros are only sampled when
    their upper bound is over the limits."""
    limits = limits or SizeLimits.from_environment()
    if math.isinf(limits.memory) and math.isinf(limits.seconds):
        return None
    est = estimate(problem, solver or "CLARABEL", refine=False)
    if _over(est, limits, solver is not None):
        est = estimate(problem, solver or "CLARABEL", refine=True)
    if _over(est, limits, solver is not None):
        what = "compile" if solver is None else "solve"
        raise ProblemTooLarge(
            f"this PEP is too large to {what} here: {est.summary()} ({limits.describe()}). "
            f"Instead: {_ways_forward(est, limits)}"
        )
    return est


def check_data(data: Any, solver: str, limits: SizeLimits | None = None) -> None:
    """The solve part of :func:`check` on compiled data (rows and nonzeros counted)."""
    limits = limits or SizeLimits.from_environment()
    blocks = (*data.blocks, *data.psd_blocks)  # PSD blocks: their rows count alike
    rows = sum(len(b) for b in blocks)
    nnz = float(sum(b.gram.nnz + b.values.nnz for b in blocks))
    mem, sec = solver_cost(solver, data.dimension, rows, nnz)
    if mem > limits.memory or sec > limits.seconds:
        raise ProblemTooLarge(
            f"this PEP is too large to solve here: {rows:,} rows, {nnz:.2g} nonzeros, Gram "
            f"matrix {data.dimension}x{data.dimension}; solving with {solver} needs "
            f"~{format_bytes(mem)} and ~{_duration(sec)} ({limits.describe()}). Instead: "
            "fewer rows (pep.sdp.cutting.solve_relaxation), a closed-form certificate "
            "(pep.certificates.closed_form), or a smaller N"
        )
