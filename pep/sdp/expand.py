r"""Expand a bilinear template row by row: the Gram part of an interpolation family.

A class's condition, evaluated once on template slots (:math:`w_0..w_3 = x_i, g_i, x_j, g_j`),
is a form :math:`\sum_{s,t} c_{st}\langle w_s, w_t\rangle`. For a family of pairs, slot
:math:`s` is a sparse matrix whose row :math:`p` holds the coordinates of that slot at pair
:math:`p`, and each product :math:`\langle a_p, b_p\rangle` becomes the row-wise Kronecker
product of two such matrices (:func:`_rowkron`).

The same form can be written as different sums of products, and their sizes differ:

* *direct*: one product per term;
* *squares*: :math:`\sum_m d_m\|\sum_s v_{ms} w_s\|^2` (:func:`_squares`), half the entries
  per square; pays when the combinations are as sparse as the slots (FEG's Lipschitz rows);
* *grouped*: :math:`\sum_k \langle w_{s_k}, \sum_t c_{s_k t} w_t\rangle` for an order of the
  slots, each slot paired with the combination of the slots after it. Gradient descent's
  :math:`\langle g_j, x_i - x_j\rangle` over the leaves is the example: :math:`x_i - x_j`
  has :math:`|i - j|` coordinates where :math:`x_i` and :math:`x_j` have :math:`i + j`, so
  the products are 3x smaller at N = 300 (27 million entries against 9.4 million).

:func:`choose_plan` measures every candidate on the given slot rows (a sample of a family's
pairs) and keeps the smallest; :func:`expand` applies a plan to any rows. A plan is a list of
products ``(scale, u, v, sym)`` with ``u``, ``v`` coefficient vectors over the slots.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import scipy.sparse as sp

__all__ = ["Plan", "Rows", "choose_plan", "direct_plan", "expand", "piece", "plan_size"]

Gram = tuple[tuple[int, int, float], ...]
# one product scale * <sum_s u_s w_s, sum_s v_s w_s>, with sym=True when u == v
Product = tuple[float, tuple[float, ...], tuple[float, ...], bool]
Plan = tuple[Product, ...]


def _rowkron(
    A: sp.csr_matrix, B: sp.csr_matrix, d: int, scale: float, sym: bool = False
) -> tuple[np.ndarray, ...]:
    """COO parts of the row-wise Kronecker product, at canonical Gram columns min*d + max.

    ``sym=True`` (``B is A``): only the pairs ``k1 <= k2`` of each row, off-diagonal ones
    doubled, which is the same sum with half the entries."""
    na, nb = np.diff(A.indptr), np.diff(B.indptr)
    counts = na * nb
    total = int(counts.sum())
    rows = np.repeat(np.arange(A.shape[0]), counts)
    k = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    nb_r = np.repeat(nb, counts)
    ia = A.indptr[rows] + k // nb_r
    ib = B.indptr[rows] + k % nb_r
    del k, nb_r  # the expansion's temporaries are its memory peak: drop them early
    vals = scale * A.data[ia] * B.data[ib]
    if sym:
        keep = ia <= ib
        rows, ia, ib = rows[keep], ia[keep], ib[keep]
        vals = vals[keep] * np.where(ia == ib, 1.0, 2.0)
    p, q = A.indices[ia], B.indices[ib]
    cols = np.minimum(p, q).astype(np.int64) * d + np.maximum(p, q)
    return rows, cols, vals


def _squares(gram: Gram, k: int) -> list[tuple[float, list[float]]]:
    r"""The template's form :math:`\sum c_{st} \langle w_s, w_t\rangle` as
    :math:`\sum_m d_m \|\sum_s v_{ms} w_s\|^2`: symmetric elimination in exact rationals
    (the float coefficients are dyadic rationals), a 2x2 pivot where the diagonal is zero.

    >>> _squares(((0, 0, 1.0), (0, 1, -2.0), (1, 1, 1.0)), 2)  # ||w0 - w1||^2
    [(1.0, [1.0, -1.0])]
    """
    M = [[Fraction(0)] * k for _ in range(k)]
    for s, t, c in gram:
        M[s][t] += Fraction(c) / (1 if s == t else 2)
        M[t][s] = M[s][t]
    terms: list[tuple[Fraction, list[Fraction]]] = []
    while True:
        piv = [s for s in range(k) if M[s][s] != 0]
        off = [(s, t) for s in range(k) for t in range(s + 1, k) if M[s][t] != 0]
        if piv:  # M - v v^T / M_ss, v = column s: zeroes row and column s
            v = [M[r][piv[0]] for r in range(k)]
            terms.append((1 / M[piv[0]][piv[0]], v))
            M = [[M[r][q] - v[r] * v[q] / M[piv[0]][piv[0]] for q in range(k)] for r in range(k)]
        elif off:  # M - (u w^T + w u^T)/c = M - ((u+w)(u+w)^T - (u-w)(u-w)^T)/(2c)
            s, t = off[0]
            pivot = M[s][t]
            u, w = [M[r][s] for r in range(k)], [M[r][t] for r in range(k)]
            terms.append((1 / (2 * pivot), [a + b for a, b in zip(u, w)]))
            terms.append((-1 / (2 * pivot), [a - b for a, b in zip(u, w)]))
            M = [
                [M[r][q] - (u[r] * w[q] + w[r] * u[q]) / pivot for q in range(k)] for r in range(k)
            ]
        else:
            return [(float(dm), [float(x) for x in vec]) for dm, vec in terms]


def _unit(s: int, k: int) -> tuple[float, ...]:
    return tuple(1.0 if r == s else 0.0 for r in range(k))


def direct_plan(gram: Gram, k: int) -> Plan:
    """One product per term (rows are ``-slack``: the scale is ``-c``)."""
    return tuple((-c, _unit(s, k), _unit(t, k), False) for s, t, c in gram)


def _squares_plan(gram: Gram, k: int) -> Plan:
    return tuple((-dm, tuple(v), tuple(v), True) for dm, v in _squares(gram, k))


def _grouped_plan(gram: Gram, k: int, order: tuple[int, ...]) -> Plan:
    """``<w_s, sum_t c_st w_t>`` for the slots ``s`` in ``order``, each term used once."""
    left = list(gram)
    plan = []
    for s in order:
        combo = [0.0] * k
        rest = []
        for a, b, c in left:
            if s in (a, b):
                combo[b if a == s else a] += c
            else:
                rest.append((a, b, c))
        left = rest
        if any(combo):
            plan.append((-1.0, _unit(s, k), tuple(combo), False))
    return tuple(plan)


class _Combos:
    """``sum_s u_s slots[s]`` as CSR, built once per coefficient vector."""

    def __init__(self, slots: list[sp.csr_matrix]):
        self.slots = slots
        self.cache: dict[tuple[float, ...], sp.csr_matrix] = {}

    def __call__(self, u: tuple[float, ...]) -> sp.csr_matrix:
        if u not in self.cache:
            # a +1 term first, so that no copy is scaled; sparse sums drop exact
            # cancellations (x_i - x_j shares x_0's terms)
            used = sorted(((x, self.slots[s]) for s, x in enumerate(u) if x), key=_first)
            x0, m = used[0]
            m = m if x0 == 1.0 else x0 * m
            for x, a in used[1:]:
                m = m + a if x == 1.0 else m - a if x == -1.0 else m + x * a
            self.cache[u] = sp.csr_matrix(m)
        return self.cache[u]


def _first(term: tuple[float, sp.csr_matrix]) -> int:
    return 0 if term[0] == 1.0 else 1


def _size(plan: Plan, combos: _Combos) -> int:
    total = 0
    for _, u, v, sym in plan:
        na, nb = np.diff(combos(u).indptr), np.diff(combos(v).indptr)
        total += int((na * (na + 1) // 2).sum()) if sym else int((na * nb).sum())
    return total


def plan_size(plan: Plan, slots: list[sp.csr_matrix]) -> int:
    """Number of entries :func:`expand` generates on these rows (before duplicates are summed)."""
    return _size(plan, _Combos(slots))


def choose_plan(gram: Gram, slots: list[sp.csr_matrix]) -> Plan:
    """The smallest of the direct, squares and grouped plans on these rows (ties: the first,
    so the direct plan wins when nothing is gained)."""
    k = len(slots)
    used = sorted({s for s, t, _ in gram} | {t for _, t, _ in gram})
    candidates = [direct_plan(gram, k), _squares_plan(gram, k)]
    candidates += [_grouped_plan(gram, k, order) for order in itertools.permutations(used)]
    combos = _Combos(slots)
    return min(candidates, key=lambda plan: _size(plan, combos))


def expand(plan: Plan, slots: list[sp.csr_matrix], d: int) -> list[tuple[np.ndarray, ...]]:
    """COO parts (rows, Gram columns, values) of the plan's products on these rows."""
    combos = _Combos(slots)
    return [_rowkron(combos(u), combos(v), d, scale, sym=sym) for scale, u, v, sym in plan]


def _gram_parts(gram: Gram, slots: list[sp.csr_matrix], d: int) -> list[tuple[np.ndarray, ...]]:
    """COO parts of ``-sum c <slot_s, slot_t>`` row by row, with the smallest plan."""
    return expand(choose_plan(gram, slots), slots, d)


def piece(parts: list[tuple[np.ndarray, ...]], n: int, width: int) -> sp.csr_matrix:
    """COO parts (duplicates summed, zeros dropped) as an ``n x width`` CSR matrix."""
    if not parts:
        return sp.csr_matrix((n, width))
    rows, cols, vals = (np.concatenate(x) for x in zip(*parts))
    m = sp.csr_matrix((vals, (rows, cols)), shape=(n, width))
    m.eliminate_zeros()
    return m


class Rows:
    """A CSR matrix filled piece by piece. Its arrays grow in place (``ndarray.resize``
    reallocates, and a large block is remapped rather than copied) and each piece is dropped
    once copied, so the peak is about one copy of the result plus one piece: gd at N = 1000
    (338 million nonzeros) needs 12 bytes a nonzero, not 24 as with a final concatenation."""

    def __init__(self, n: int, width: int, bound: int, capacity: int):
        self.width, self.row, self.pos = width, 0, 0
        itype = np.int32 if max(bound, width) < 2**31 else np.int64
        self.data, self.indices = np.empty(capacity), np.empty(capacity, itype)
        self.indptr = np.zeros(n + 1, itype)

    def add(self, piece: sp.csr_matrix) -> None:
        end, rows = self.pos + piece.nnz, piece.shape[0]
        if end > len(self.data):
            size = max(end, int(1.5 * len(self.data)))
            self.data.resize(size, refcheck=False)
            self.indices.resize(size, refcheck=False)
        self.data[self.pos : end], self.indices[self.pos : end] = piece.data, piece.indices
        self.indptr[self.row + 1 : self.row + 1 + rows] = self.pos + piece.indptr[1:]
        self.row, self.pos = self.row + rows, end

    def matrix(self) -> sp.csr_matrix:
        self.data.resize(self.pos, refcheck=False)
        self.indices.resize(self.pos, refcheck=False)
        return sp.csr_matrix((self.data, self.indices, self.indptr), shape=(self.row, self.width))
