r"""Compile a :class:`pep.Problem` into solver-neutral sparse SDP data.

Variables: the Gram matrix :math:`G \succeq 0` of the problem's point leaves (``d x d``) and
the vector :math:`F` of its function-value leaves. Every constraint is a row

.. math:: \langle A^G_r, G\rangle + \langle A^F_r, F\rangle + c_r \;\{\le, =\}\; 0,

where column ``p*d + q`` (``p <= q``) of ``A^G`` is the coefficient of :math:`G_{pq}`.
Rows come in *blocks*, one per constraint family (e.g. all ``f:interp`` inequalities), each a
single ``scipy.sparse`` matrix, so a solver adapter hands every family over in one call.

An interpolation family is assembled without evaluating the class's formula per pair: the
formula is evaluated once on template records (four vectors :math:`x_i, g_i, x_j, g_j` and two
values), which yields a bilinear template :math:`\sum_{s,t} Q_{st}\langle w_s, w_t\rangle`; the
rows for all pairs are then row-wise Kronecker products of the records' coefficient
matrices. The slack formula is therefore written once and used for both exact constraints
(:func:`pep.model.problem.interpolation_constraints`) and this fast path.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from pep.errors import NO_OBJECTIVE_MSG, NoObjectiveError
from pep.model import coefficients as C
from pep.model.algebra import Leaf, Point, Scalar
from pep.model.conditions import anchored, n_parts, pair_slacks, point_parameters, point_slacks
from pep.model.oracles import Record
from pep.sdp.expand import _rowkron
from pep.sdp.family import Slots, family_rows, record_pairs
from pep.sdp.matrix_blocks import collect, oracle_matrix_rows

__all__ = ["Block", "CompiledProblem", "compile_problem", "class_templates"]


@dataclass(frozen=True)
class Block:
    """A family of rows sharing a sense: ``gram @ vec(G) + values @ F + const  (<= | ==)  0``;
    with ``sense="psd"`` the rows are the upper triangle of a ``size x size`` matrix that
    must be PSD (:mod:`pep.sdp.matrix_blocks`)."""

    family: str
    sense: str
    names: tuple[str, ...]
    gram: sp.csr_matrix
    values: sp.csr_matrix
    const: np.ndarray
    size: int = 0

    def __len__(self) -> int:
        return len(self.names)

    def evaluate(self, G: np.ndarray, F: np.ndarray) -> np.ndarray:
        """Every row's left-hand side ``gram @ vec(G) + values @ F + const`` at ``(G, F)``."""
        v = self.gram @ G.reshape(-1) + self.const
        return v + self.values @ F if F.size else v


@dataclass(frozen=True)
class CompiledProblem:
    """Plain data of one PEP: names of the bases, constraint blocks, objective rows."""

    point_names: tuple[str, ...]
    value_names: tuple[str, ...]
    blocks: tuple[Block, ...]
    objective: Block
    interpolation_exact: bool
    compile_time: float
    psd_blocks: tuple[Block, ...] = ()  # LMI classes' matrices (pep.sdp.matrix_blocks)

    @property
    def dimension(self) -> int:
        """Size ``d`` of the Gram matrix."""
        return len(self.point_names)

    @property
    def n_constraints(self) -> int:
        return sum(len(b) for b in self.blocks)


@dataclass(frozen=True)
class Template:
    """A condition as ``sum c * <w_s, w_t> + sum a * f_slot + const`` over template slots."""

    gram: tuple[tuple[int, int, float], ...]
    values: tuple[tuple[int, float], ...]
    const: float


def _template(slack: Any, vec_leaves: list[Leaf], val_leaves: list[Leaf]) -> Template:
    vpos = {lf: k for k, lf in enumerate(vec_leaves)}
    fpos = {lf: k for k, lf in enumerate(val_leaves)}
    gram, vals = [], []
    for key, c in slack.terms.items():
        if isinstance(key, tuple):
            gram.append((vpos[key[0]], vpos[key[1]], C.to_float(c)))
        else:
            vals.append((fpos[key], C.to_float(c)))
    return Template(tuple(gram), tuple(vals), C.to_float(slack.constant))


def class_templates(cls: Any) -> tuple[dict[str, Template], dict[str, Template]]:
    """Evaluate a class's conditions once on template records (pair and single-record).

    Slots of a pair template: ``x_i, g_i, parts_i, x_j, g_j, parts_j``, then (anchored classes)
    ``x_s, g_s, parts_s`` of the stationary record, then the class's point parameters; values
    ``f_i, f_j`` (and ``f_s``). A single-record template has the same slots without ``j``.
    """
    from pep.model.problem import Problem

    scratch = Problem()
    m = n_parts(cls)

    def record(tag: str) -> tuple[Record, list[Leaf], Leaf]:
        x, g = scratch.point(f"x{tag}"), scratch.point(f"g{tag}")
        parts = tuple(scratch.point(f"p{tag}{k}") for k in range(m))
        f = scratch.scalar(f"f{tag}")
        leaves = [next(iter(p.terms)) for p in (x, g, *parts)]
        value: Any = next(iter(f.terms))
        return Record(x, g, f, tag, parts), leaves, value

    (ri, vi, fi), (rj, vj, fj) = record("i"), record("j")
    rs, vs, fs = record("s") if anchored(cls) else (None, [], None)
    names = list(point_parameters(cls))
    params = {n: scratch.point(f"param_{n}") for n in names}
    tcls = dataclasses.replace(cls, **params) if params else cls
    vp = [next(iter(p.terms)) for p in params.values()]
    anchor_vals = [fs] if fs is not None else []
    pair = {
        n: _template(sl, [*vi, *vj, *vs, *vp], [fi, fj, *anchor_vals])
        for n, sl in pair_slacks(tcls, ri, rj, rs).items()
    }
    point = {
        n: _template(sl, [*vi, *vs, *vp], [fi, *anchor_vals])
        for n, sl in point_slacks(tcls, ri, rs).items()
    }
    return pair, point


def _rows(points: list[Point], pos: dict[Leaf, int], width: int) -> sp.csr_matrix:
    data, idx, ptr = [], [], [0]
    for p in points:
        for lf, c in p.terms.items():
            idx.append(pos[lf])
            data.append(C.to_float(c))
        ptr.append(len(idx))
    return sp.csr_matrix(
        (np.array(data, float), np.array(idx, np.int64), np.array(ptr)), shape=(len(points), width)
    )


def _snap(m: sp.csr_matrix, rtol: float = 1e-13) -> sp.csr_matrix:
    """``m`` without the entries below ``rtol`` times its row's largest: the rounding noise of
    a change of basis whose exact result is sparse (:mod:`pep.sdp.basis`)."""
    m = sp.csr_matrix(m)
    if m.nnz:
        top = np.maximum.reduceat(np.abs(m.data), m.indptr[:-1][np.diff(m.indptr) > 0])
        limit = np.repeat(rtol * top, np.diff(m.indptr)[np.diff(m.indptr) > 0])
        m.data[np.abs(m.data) < limit] = 0.0
        m.eliminate_zeros()
    return m


def _columns(entries: list[tuple[int, int, float]]) -> tuple[list[int], list[int], list[float]]:
    """(row, col, value) triples as three lists (empty lists for no entry)."""
    if not entries:
        return [], [], []
    rows, cols, vals = zip(*entries)
    return list(rows), list(cols), list(vals)


class _Bases:
    """Index maps of the leaves; with ``to_basis`` (row ``k``: leaf ``k``'s coordinates in
    another basis, see :mod:`pep.sdp.basis`) every Gram coefficient is expressed in that basis."""

    def __init__(self, problem: Any, to_basis: sp.csr_matrix | None = None, extra: Any = ()):
        self.points = [lf for lf in problem.leaves if lf.kind == "point"]
        self.values = [lf for lf in problem.leaves if lf.kind == "value"] + list(extra)
        self.ppos = {lf: k for k, lf in enumerate(self.points)}
        self.fpos = {lf: k for k, lf in enumerate(self.values)}
        self.d, self.nf = len(self.points), len(self.values)
        self.to_basis = to_basis

    def rows(self, points: list[Point]) -> sp.csr_matrix:
        """Coefficient rows of ``points`` (in the leaves, or in the other basis)."""
        R = _rows(points, self.ppos, self.d)
        return R if self.to_basis is None else _snap(R @ self.to_basis)

    def _rebase_gram(self, gram: sp.csr_matrix) -> sp.csr_matrix:
        r"""Rows :math:`\sum c_{pq} G_{pq}` over leaves -> the same forms over the basis."""
        coo = gram.tocoo()
        if self.to_basis is None or not coo.nnz:
            return gram
        p, q = coo.col // self.d, coo.col % self.d
        left = sp.csr_matrix(sp.diags(coo.data) @ self.to_basis[p])
        rows, cols, vals = _rowkron(left, sp.csr_matrix(self.to_basis[q]), self.d, 1.0)
        return _snap(sp.csr_matrix((vals, (coo.row[rows], cols)), shape=gram.shape))

    def scalar_rows(self, scalars: list[Scalar]) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
        gram_entries: list[tuple[int, int, float]] = []
        value_entries: list[tuple[int, int, float]] = []
        const = np.zeros(len(scalars))
        for r, s in enumerate(scalars):
            for key, c in s.terms.items():
                if isinstance(key, tuple):
                    p, q = sorted((self.ppos[key[0]], self.ppos[key[1]]))
                    gram_entries.append((r, p * self.d + q, C.to_float(c)))
                else:
                    value_entries.append((r, self.fpos[key], C.to_float(c)))
            const[r] = C.to_float(s.constant)
        gr, gc, gv = _columns(gram_entries)
        fr, fc, fv = _columns(value_entries)
        n = len(scalars)
        gram = sp.csr_matrix((gv, (gr, gc)), shape=(n, self.d * self.d))
        vals = sp.csr_matrix((fv, (fr, fc)), shape=(n, self.nf))
        return self._rebase_gram(gram), vals, const


def _oracle_blocks(b: _Bases, oracle: Any) -> list[Block]:
    recs: tuple[Record, ...] = oracle.records
    if not recs:
        return []
    cls = oracle.cls
    vectors = [b.rows([r.x for r in recs]), b.rows([r.g for r in recs])]
    vectors += [b.rows([r.parts[k] for r in recs]) for k in range(n_parts(cls))]
    _, F, Fc = b.scalar_rows([r.f for r in recs])  # record values: leaves or 0
    params = [b.rows([p]) for p in point_parameters(cls).values()]
    labels = [r.label for r in recs]
    anchor = recs.index(oracle.anchor) if anchored(cls) else None
    pair_t, point_t = class_templates(cls)
    n = len(recs)

    # slots that are the same in every row: the stationary record, then the parameters
    nv = len(vectors)
    sources = (vectors if anchor is not None else []) + params

    def fixed(k: int) -> tuple[list[np.ndarray], list[tuple[Any, Any]]]:
        """Row indices into ``sources`` for k rows, and the fixed value slots."""
        index: list[np.ndarray] = []
        vals: list[tuple[Any, Any]] = []
        if anchor is not None:
            a = np.full(k, anchor, dtype=np.int64)
            index, vals = [a] * nv, [(F[a], Fc[a])]
        return index + [np.zeros(k, dtype=np.int64)] * len(params), vals

    out = []
    for cname, tmpl in pair_t.items():
        I, J = record_pairs(n, cname in cls.symmetric)
        if not len(I):
            continue
        index, vals = fixed(len(I))
        slots = Slots(vectors + vectors + sources, [I] * nv + [J] * nv + index)
        fslots = [(F[I], Fc[I]), (F[J], Fc[J]), *vals]
        names = [f"{oracle.name}:{cname}({labels[i]},{labels[j]})" for i, j in zip(I, J)]
        out.append(
            _make_block(f"{oracle.name}:{cname}", names, *family_rows(b, tmpl, slots, fslots))
        )
    I = np.array([i for i in range(n) if i != anchor], dtype=np.int64)
    for cname, tmpl in point_t.items() if len(I) else ():
        index, vals = fixed(len(I))
        names = [f"{oracle.name}:{cname}({labels[i]})" for i in I]
        slots = Slots(vectors + sources, [I] * nv + index)
        fslots = [(F[I], Fc[I]), *vals]
        out.append(
            _make_block(f"{oracle.name}:{cname}", names, *family_rows(b, tmpl, slots, fslots))
        )
    return [blk for blk in out if len(blk)]


def _make_block(
    family: str, names: list[str], gram: Any, vals: Any, const: Any, sense: str = "<="
) -> Block:
    """Drop vacuous rows (no coefficients, constant <= 0), keep everything else."""
    empty = (np.diff(gram.indptr) == 0) & (np.diff(vals.indptr) == 0)
    keep = ~(empty & ((const <= 0) if sense == "<=" else (const == 0)))
    if not keep.all():
        idx = np.flatnonzero(keep)
        gram, vals, const = gram[idx], vals[idx], const[idx]
        names = [names[i] for i in idx]
    return Block(
        family,
        sense,
        tuple(names),
        sp.csr_matrix(gram),
        sp.csr_matrix(vals),
        np.asarray(const, float),
    )


def compile_problem(problem: Any, basis: Any = None, *, limits: Any = None) -> CompiledProblem:
    """Assemble the sparse SDP data of ``problem`` (indices assigned here, from the problem).

    ``basis`` (a :class:`pep.sdp.basis.Basis` of this problem) expresses the Gram matrix in that
    basis instead of the leaves; ``point_names`` are then the basis vectors' names. A problem
    whose compiled data would not fit in ``limits.memory`` (a
    :class:`pep.model.limits.SizeLimits`; default from the environment) raises
    :class:`pep.errors.ProblemTooLarge` before anything is built (:mod:`pep.sdp.size`)."""
    from pep.sdp.size import check

    t0 = time.perf_counter()
    if not problem.objectives:
        raise NoObjectiveError(NO_OBJECTIVE_MSG)
    check(problem, None, limits)
    lmis, aux = collect(problem)  # LMI classes: their free scalars are extra value columns
    b = _Bases(problem, None if basis is None else sp.csr_matrix(basis.leaf_coordinates), aux)
    blocks: list[Block] = []
    for oracle in problem.oracles:
        blocks.extend(_oracle_blocks(b, oracle))
    psd: list[Block] = []
    for oracle, mc in lmis:
        for fam, sense, names, rows, k in oracle_matrix_rows(oracle, mc, b.scalar_rows):
            if sense == "psd":
                psd.append(Block(fam, sense, tuple(names), *rows, size=k))
            else:
                blocks.append(_make_block(fam, names, *rows, sense=sense))
    for sense in ("<=", "=="):
        cons = [c for c in problem.assumptions if c.sense == sense]
        if cons:
            blk = _make_block(
                "assumption" if sense == "<=" else "assumption=",
                [c.name for c in cons],
                *b.scalar_rows([c.expr for c in cons]),
                sense=sense,
            )
            blocks.append(blk)
    objs = list(problem.objectives)
    og, ov, oc = b.scalar_rows(objs)
    objective = Block(
        "objective", "max", tuple(f"objective{k}" for k in range(len(objs))), og, ov, oc
    )
    return CompiledProblem(
        point_names=tuple(lf.name for lf in b.points) if basis is None else basis.names,
        value_names=tuple(lf.name for lf in b.values),
        blocks=tuple(blocks),
        objective=objective,
        interpolation_exact=problem.interpolation_exact,
        compile_time=time.perf_counter() - t0,
        psd_blocks=tuple(psd),
    )
