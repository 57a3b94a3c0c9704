r"""Scale a compiled PEP so that its data are of order 1; map the solution back exactly.

A PEP's numbers carry units. For gradient descent on :math:`L`-smooth functions with
:math:`\|x_0 - x_\star\| \le R`, points are of size :math:`R`, gradients :math:`LR`, function
values :math:`LR^2`, and every row is homogeneous in these units: in
:math:`f_i \ge f_j + \langle g_j, x_i - x_j\rangle + \frac{1}{2L}\|g_i - g_j\|^2` each term is
of size :math:`LR^2`. With :math:`L = 10^{-8}, R = 10^8` the data span 24 orders of magnitude
and an interior-point solver, whose tolerances are absolute below 1, returns a value off by
fifteen orders (issue 15, attack 12). Solving the same PEP in units where :math:`L = R = 1`
and multiplying back is exact.

**Which scaling.** Positive unknowns: :math:`D_p` per Gram basis vector (the congruence
:math:`G = D G' D`, which keeps :math:`G \succeq 0`), :math:`\sigma_f` per function value
(:math:`F = \sigma F'`), :math:`\rho_r` per row (row :math:`r` divided by it) and one
:math:`\omega` shared by every objective row (a common factor keeps :math:`\max\min_k` the
same problem). A nonzero Gram coefficient :math:`c` of :math:`G_{pq}` in row :math:`r`
becomes :math:`c D_p D_q / \rho_r`, a value coefficient :math:`a` becomes
:math:`a\sigma_f/\rho_r`, a constant :math:`c_r/\rho_r`. The logarithms of the scales are
the least-squares solution of "every scaled nonzero has modulus 1",

.. math:: \log|c| + u_p + u_q - s_r = 0,\qquad \log|a| + w_f - s_r = 0,\qquad
   \log|c_r| - s_r = 0,

(:math:`D = e^u, \sigma = e^w, \rho = e^s`; Curtis and Reid's scaling, here with the PSD
congruence). When the rows are homogeneous in some units, as every PEP built from classes with
constants is, the residual is only the pure numbers of the formulas (1/2, step sizes) and the
solution *is* the change of units: the gd example above becomes the PEP with
:math:`L = 1/2, R = 1` up to those numbers. A small ridge term picks, among equivalent
scalings, the one closest to none. Any positive scaling is exact; only how well it
conditions the solve depends on the least-squares fit.

**When.** Only where it pays (:func:`scaling_pays`: the data's range of moduli shrinks
:data:`PAYS` = 1000-fold). Interior-point solvers equilibrate rows and columns themselves;
on a PEP with constants of order 1 the fit only moves pure numbers around and can cost
accuracy (OGM N = 40: Clarabel stops "almost solved" scaled, "solved" unscaled; Halpern
N = 40 in dual form: estimate 2e-6 scaled, 9.7e-7 unscaled). Compile rounding
noise (Gram coefficients below 1e-13 of their row's largest) is left out of the fit.

**Back.** For a solution :math:`(G', F', \lambda', \nu', S')` of the scaled problem,

.. math:: G = D G' D,\quad F = \sigma F',\quad \lambda_r = \omega\lambda'_r/\rho_r,\quad
   \nu = \nu',\quad S = \omega D^{-1} S' D^{-1},\quad \text{value} = \omega\,\text{value}'.

(The dual identity :math:`\sum_r\lambda'_r A'_r - \sum_k\nu'_k O'_k = S'` with
:math:`A'_r = DA_rD/\rho_r` and :math:`O'_k = DO_kD/\omega` is the original one multiplied by
:math:`D^{-1}\cdot D^{-1}/\omega`.)

>>> from pep.algorithms import get
>>> data = get("gd").setting(3, L=1e-8, R=1e8).compile()
>>> sc = scaling_of(data)
>>> scaled = sc.apply(data)
>>> f"{data_range(data):.0e} -> {data_range(scaled):.1f}", scaling_pays(data, sc)
('1e+16 -> 2.4', True)

Reference: A. R. Curtis, J. K. Reid, "On the automatic scaling of matrices for Gaussian
elimination", J. Inst. Maths Applics 10 (1972) 118-124.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from pep.sdp.compile import Block, CompiledProblem

if TYPE_CHECKING:  # pep.sdp.solvers imports this module
    from pep.sdp.solvers.base import Solution

__all__ = [
    "Scaling",
    "scaling_of",
    "paying_scaling",
    "identity_scaling",
    "data_range",
    "scaling_pays",
    "PAYS",
]

_RIDGE = 1e-3  # gauge: among equivalent scalings, the one with the smallest logarithms
_NOISE = float(np.log(1e13))
# the data's range must shrink this much for the scaling to be used: the dual form loses on
# mildly scaled data (Halpern N = 40, range 5e6 -> 2e4: estimate 9.7e-7 unscaled, 2e-6
# scaled), the gain is on data off by orders of magnitude (the attacks: 1e6 -> 2, 1e16 -> 2)
PAYS = 1000.0
_CHUNK = 1 << 22  # entries of one dense slice of C (32 MiB)


@dataclass(frozen=True)
class Scaling:
    """``G = D G' D``, ``F = sigma F'``, rows divided by ``rows[k]``, objective by
    ``objective``; the data's range of moduli before and after, where the fit measured it."""

    gram: np.ndarray
    values: np.ndarray
    rows: tuple[np.ndarray, ...]
    objective: float
    range_before: float = float("nan")
    range_after: float = float("nan")

    def _block(self, blk: Block, rho: np.ndarray | float) -> Block:
        r = 1.0 / np.broadcast_to(np.asarray(rho, float), (len(blk),))
        DD = np.outer(self.gram, self.gram).reshape(-1)
        gram = sp.csr_matrix(sp.diags(r) @ blk.gram @ sp.diags(DD))
        vals = sp.csr_matrix(sp.diags(r) @ blk.values @ sp.diags(self.values))
        return dataclasses.replace(blk, gram=gram, values=vals, const=blk.const * r)

    def apply(self, data: CompiledProblem) -> CompiledProblem:
        """The scaled problem (same names, same blocks, scaled numbers)."""
        blocks = tuple(self._block(b, rho) for b, rho in zip(data.blocks, self.rows))
        # a PSD block keeps its matrix: only the congruence of G and the values' units apply
        psd = tuple(self._block(b, 1.0) for b in data.psd_blocks)
        return dataclasses.replace(
            data,
            blocks=blocks,
            objective=self._block(data.objective, self.objective),
            psd_blocks=psd,
        )

    def restore(self, sol: Solution, trace: bool = False) -> Solution:
        """A solution of the scaled problem as one of the original (module docstring)."""
        D, w = self.gram, self.objective
        G = sol.gram * np.outer(D, D)
        primal = float(np.trace(G)) if trace else w * sol.primal_value
        return dataclasses.replace(
            sol,
            gram=G,
            values=sol.values * self.values,
            duals=tuple(w * lam / rho for lam, rho in zip(sol.duals, self.rows)),
            psd_dual=w * sol.psd_dual / np.outer(D, D),
            psd_block_duals=tuple(w * Z for Z in sol.psd_block_duals),
            primal_value=primal,
        )

    def with_objective(self, factor: float) -> Scaling:
        """The same scaling with the objective divided by ``factor`` more (value near 1)."""
        return dataclasses.replace(self, objective=self.objective * factor)


def identity_scaling(data: CompiledProblem) -> Scaling:
    """No scaling at all (every factor 1)."""
    return Scaling(
        np.ones(data.dimension),
        np.ones(len(data.value_names)),
        tuple(np.ones(len(b)) for b in data.blocks),
        1.0,
    )


def _terms(data: CompiledProblem) -> tuple[np.ndarray, ...]:
    """Every nonzero as ``(group, p, q, y)``: Gram coefficients with basis indices ``p, q``,
    function values with ``p = q = d + f`` marked by ``kind``, constants with ``p = q = -1``;
    ``y = -log|coefficient|``. Each row is a group; all objective rows form the last one."""
    d = data.dimension
    offsets = np.cumsum([0, *(len(b) for b in data.blocks)])
    groups: list[np.ndarray] = []
    ps: list[np.ndarray] = []
    qs: list[np.ndarray] = []
    kinds: list[np.ndarray] = []
    logs: list[np.ndarray] = []
    pairs = [*zip(data.blocks, offsets[:-1]), (data.objective, None)]
    for blk, first in pairs:
        g, v, nz = blk.gram.tocoo(), blk.values.tocoo(), np.flatnonzero(blk.const)
        for r, p, q, code, x in (
            (g.row, g.col // d, g.col % d, 0, g.data),
            (v.row, d + v.col, d + v.col, 1, v.data),
            (nz, -np.ones(len(nz), np.int64), -np.ones(len(nz), np.int64), 2, blk.const[nz]),
        ):
            keep = x != 0
            groups.append(r[keep] + first if first is not None else np.full(keep.sum(), -1))
            ps.append(p[keep])
            qs.append(q[keep])
            kinds.append(np.full(keep.sum(), code))
            logs.append(-np.log(np.abs(x[keep])))
    group = np.concatenate(groups)
    group[group < 0] = offsets[-1]  # the objective's group
    ys, kind = np.concatenate(logs), np.concatenate(kinds)
    # Gram coefficients below 1e-13 of their row's largest are rounding noise of the compile
    # (1e-17 where exact arithmetic gives 0): fitting their logarithms would skew every scale
    gram = kind == 0
    top = np.full(int(offsets[-1]) + 1, np.inf)
    np.minimum.at(top, group[gram], ys[gram])  # -log of each row's largest Gram coefficient
    keep = ~gram | (ys <= top[group] + _NOISE)
    return (
        group[keep],
        np.concatenate(ps)[keep],
        np.concatenate(qs)[keep],
        kind[keep],
        ys[keep],
    )


def paying_scaling(data: CompiledProblem) -> Scaling | None:
    """:func:`scaling_of` ``data`` when it pays (:func:`scaling_pays`), else None; data whose
    range is at most :data:`PAYS` are not fitted at all (no scaling could shrink it enough)."""
    terms = _terms(data)
    if _spread(terms[4]) <= PAYS:
        return None
    fit = scaling_of(data, terms)
    return fit if scaling_pays(data, fit) else None


def scaling_of(data: CompiledProblem, terms: tuple[np.ndarray, ...] | None = None) -> Scaling:
    r"""The scaling of the module docstring for ``data``.

    The row scales are eliminated in closed form (each is the mean of its row's terms), which
    leaves a dense system in the ``d + n_f`` logarithms of the Gram and value scales: its
    matrix is :math:`A^\top A - C^\top W C` (:math:`A` the incidence of the terms,
    :math:`C` its row sums, :math:`W` the inverse term counts), assembled with ``bincount``
    in time linear in the number of nonzeros."""
    d, nf = data.dimension, len(data.value_names)
    n = d + nf
    group, p, q, kind, y = _terms(data) if terms is None else terms
    n_groups = sum(len(b) for b in data.blocks) + 1
    g, v = kind == 0, kind == 1  # a Gram term involves u_p + u_q, a value term w_f once
    K = np.bincount(p[g] * n + q[g], minlength=n * n).reshape(n, n).astype(float)
    first = np.concatenate([p[g], p[v]])
    M = K + K.T + np.diag(np.bincount(first, minlength=n) + np.bincount(q[g], minlength=n))
    rhs = np.bincount(first, np.concatenate([y[g], y[v]]), n) + np.bincount(q[g], y[g], n)
    count = np.maximum(np.bincount(group, minlength=n_groups), 1).astype(float)
    Ymean = np.bincount(group, y, n_groups) / count
    gg, var = np.concatenate([group[g], group[g], group[v]]), np.concatenate([p[g], q[g], p[v]])
    step = max(1, _CHUNK // max(n, 1))  # C (row sums of the incidence) a slice of rows at a time
    for a in range(0, n_groups, step):
        sel = (gg >= a) & (gg < a + step)
        rows = min(step, n_groups - a)
        C = np.bincount((gg[sel] - a) * n + var[sel], minlength=rows * n).reshape(rows, n) * 1.0
        M -= C.T @ (C / count[a : a + rows, None])
        rhs -= C.T @ Ymean[a : a + rows]
    x = np.linalg.solve(M + _RIDGE * np.eye(n), rhs)
    s = np.bincount(group, _fitted(x, p, q, kind) - y, n_groups) / count  # each row's mean
    x, s = np.clip(x, -300.0, 300.0), np.clip(s, -300.0, 300.0)  # never overflow on odd data
    scaled = _fitted(x, p, q, kind) - y - s[group]  # log-moduli of the scaled data
    cuts = np.cumsum([0, *(len(b) for b in data.blocks)])
    return Scaling(
        np.exp(x[:d]),
        np.exp(x[d:]),
        tuple(np.exp(s[a:z]) for a, z in zip(cuts[:-1], cuts[1:])),
        float(np.exp(s[-1])),
        _spread(-y),
        _spread(scaled),
    )


def _fitted(x: np.ndarray, p: np.ndarray, q: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """Each term's ``u_p + u_q`` (Gram), ``w_f`` (value) or 0 (constant)."""
    both = x[np.maximum(p, 0)] + x[np.maximum(q, 0)]
    return np.where(kind == 0, both, np.where(kind == 1, x[np.maximum(p, 0)], 0.0))


def _spread(logs: np.ndarray) -> float:
    return float(np.exp(logs.max() - logs.min())) if len(logs) else 1.0


def data_range(data: CompiledProblem) -> float:
    """Largest over smallest modulus of the data's nonzeros (rounding noise left out)."""
    return _spread(_terms(data)[4])


def scaling_pays(data: CompiledProblem, scaling: Scaling) -> bool:
    """True when ``scaling`` shrinks the data's range (:func:`data_range`) :data:`PAYS`-fold.

    Interior-point solvers equilibrate rows and columns themselves, and a well-scaled PEP
    (class constants and radius of order 1) solves as accurately unscaled as scaled (OGM
    N = 40 even loses: the least-squares fit spreads its range from 2e5 to 4e6); the gain is
    on badly scaled data (gd with L = 1e-8, R = 1e8: range 1e16 -> 2). The ranges come with
    a fitted scaling (:func:`scaling_of` records them); otherwise they are measured."""
    before, after = scaling.range_before, scaling.range_after
    if not (np.isfinite(before) and np.isfinite(after)):
        before, after = data_range(data), data_range(scaling.apply(data))
    return PAYS * after <= before
