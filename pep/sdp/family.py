r"""The rows of one constraint family, built from the class's template in pieces.

:func:`family_rows` turns a family (every pair or every record of one condition of a class)
into sparse rows ``-slack <= 0``: the template's bilinear form :math:`\sum_{s,t} Q_{st}
\langle w_s, w_t\rangle` is expanded over the records' coefficient matrices (the *slots*)
with the cheapest plan of :mod:`pep.sdp.expand`, in pieces of about :data:`CHUNK` entries so
that memory grows with the rows' nonzeros, never with a dense intermediate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from pep.sdp.expand import Plan, Rows, choose_plan, direct_plan, expand, piece

if TYPE_CHECKING:  # pep.sdp.compile imports this module
    from pep.sdp.compile import Template, _Bases

__all__ = ["Slots", "record_pairs", "family_rows"]

# a family whose direct expansion has fewer entries is built in one piece with the direct
# plan: choosing a plan costs ~1 ms, the whole family less (gd and ogm at N = 40)
_SMALL = 100_000
# entries of one piece of a family's expansion: each costs ~80 bytes of temporaries while the
# piece is built, so a piece stays under ~170 MB however large the family
CHUNK = 1 << 21
# pairs on which the plan is chosen (and the family's size estimated, pep.sdp.size)
_SAMPLE = 2048


def record_pairs(n: int, sym: bool) -> tuple[np.ndarray, np.ndarray]:
    """Record pairs in row-major order: ``i < j`` if ``sym``, else every ``i != j``."""
    if sym:
        return np.triu_indices(n, 1)
    j = np.tile(np.arange(n - 1), n)
    i = np.repeat(np.arange(n), n - 1)
    return i, j + (j >= i)


def _bounds(plan: Plan, nnz: list[np.ndarray]) -> np.ndarray:
    """Per row, an upper bound on the plan's entries plus the slots' own (no cancellation)."""
    out = sum(nnz, np.zeros_like(nnz[0]))
    for _, u, v, sym in plan:
        nu = sum((nnz[s] for s, x in enumerate(u) if x), np.zeros_like(nnz[0]))
        nv = sum((nnz[s] for s, x in enumerate(v) if x), np.zeros_like(nnz[0]))
        out = out + (nu * (nu + 1) // 2 if sym else nu * nv)
    return out


def _sample(n: int) -> np.ndarray:
    """Evenly spaced row indices (all rows when there are few)."""
    return np.arange(n) if n <= _SAMPLE else np.linspace(0, n - 1, _SAMPLE).astype(np.int64)


class Slots:
    """The slot matrices of a family: slot ``s`` is ``source[s]`` at the rows ``index[s]``."""

    def __init__(self, sources: list[sp.csr_matrix], index: list[np.ndarray]):
        self.sources, self.index = sources, index
        self.n = len(index[0])

    def nnz(self) -> list[np.ndarray]:
        return [np.diff(m.indptr)[ix] for m, ix in zip(self.sources, self.index)]

    def at(self, rows: Any) -> list[sp.csr_matrix]:
        return [m[ix[rows]] for m, ix in zip(self.sources, self.index)]


def _plan(gram: tuple[tuple[int, int, float], ...], slots: Slots) -> Plan:
    k = len(slots.sources)
    direct = direct_plan(gram, k)
    if int(_bounds(direct, slots.nnz()).sum()) < _SMALL:
        return direct
    return choose_plan(gram, slots.at(_sample(slots.n)))


def _family_gram(gram: tuple[tuple[int, int, float], ...], slots: Slots, d: int) -> sp.csr_matrix:
    """Gram rows ``-sum c <w_s, w_t>`` of a family, built in pieces of about ``CHUNK``."""
    plan = _plan(gram, slots)
    cum = np.cumsum(_bounds(plan, slots.nnz()))
    ends = np.unique(np.searchsorted(cum, np.arange(1, cum[-1] // CHUNK + 1) * CHUNK) + 1)
    ends = np.append(ends[ends < slots.n], slots.n)
    out = None
    for start, end in zip(np.concatenate(([0], ends[:-1])), ends):
        part = slots.at(slice(int(start), int(end)))
        part_rows = piece(expand(plan, part, d), int(end - start), d * d)
        if len(ends) == 1:
            return part_rows
        if out is None:  # room for every piece as large as the first, grown if needed
            out = Rows(slots.n, d * d, int(cum[-1]), max(part_rows.nnz * len(ends), 1))
        out.add(part_rows)
    assert out is not None
    return out.matrix()


def family_rows(
    b: _Bases,
    tmpl: Template,
    slots: Slots,
    fslots: list[tuple[sp.csr_matrix, np.ndarray]],
) -> tuple[Any, Any, Any]:
    """Rows ``-slack`` (so that the condition reads ``row <= 0``) for n pairs/records."""
    n = slots.n
    gram = _family_gram(tmpl.gram, slots, b.d) if n else sp.csr_matrix((0, b.d * b.d))
    vals = sp.csr_matrix((n, b.nf))
    const = np.full(n, -tmpl.const)
    for slot, a in tmpl.values:
        F, Fc = fslots[slot]
        vals = vals - a * F
        const = const - a * Fc
    vals = sp.csr_matrix(vals)
    vals.eliminate_zeros()  # e.g. f_i - f_s at i = s: a row with no value left is vacuous
    return gram, vals, const
