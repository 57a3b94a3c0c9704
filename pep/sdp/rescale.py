r"""A solution-aware rescaling for linear-rate methods: the PEP in units of its own worst case.

**The difficulty.** For a method with a linear rate :math:`\rho` (SC-FGM, SC-OGM, TMM), the
worst case has iterates with :math:`\|x_k - x_\star\| \sim \rho^k`, gradients of the same
size and function values :math:`f(x_k) - f_\star \sim \rho^{2k}`; the value is
:math:`\rho^{2N}`-small (1e-7 .. 1e-12 at N = 14..20) while the data are of order 1. An
interior-point solver's accuracy is absolute, about 1e-10 here, hence 1e-4 relative error on
a 5e-7 value (issue 16). Two things make the small numbers invisible to it:

* *gauges*: the PEP is unchanged by a translation of every point (:math:`x \to x + v`,
  gradients fixed) and a shift of every function value (:math:`F \to F + c`); the solver's
  centre of the optimal face puts :math:`x_\star` and :math:`f_\star` anywhere, so
  :math:`f(x_k) - f_\star \sim 10^{-10}` is a difference of two numbers of order 0.1;
* *cancellation*: over the leaves (start, gradients) an iterate is a sum of order-1 terms.

**The change of variables.** (1) Over the points basis (:func:`pep.sdp.basis.point_basis`)
an iterate is one basis vector. (2) The gauges are fixed: a vector :math:`u` with
:math:`A_r u = 0` for every row's symmetric matrix :math:`A_r` (objective rows too) is a
translation the PEP ignores, since :math:`G \to G + uw^\top + wu^\top + |v|^2uu^\top` under
:math:`X \to X + uv^\top`; translating by :math:`-b_k/u_k` sets basis vector :math:`k` to 0,
i.e. deletes it: the pinned Gram matrix is :math:`G_\circ = QGQ^\top` with
:math:`Q = (I - u e_k^\top/u_k)` without row :math:`k`, and back :math:`G = EG_\circ E^\top`
(:math:`E` inserts a zero row), :math:`S = Q^\top S_\circ Q`. Likewise a vector :math:`e`
with :math:`a_r^\top e = 0` for every row's value coefficients is a shift the PEP ignores, and
value :math:`k_0` is set to 0. The pinned vector and value are a minimiser's (a record whose
gradient is 0: :math:`x_\star`, :math:`f_\star`, where the iterates converge), else the first
the symmetry moves; a symmetry is used only when exactly one such vector exists. Both are
exact: every feasible point maps to a feasible point with the same objective. (3) A
diagonal :class:`pep.sdp.scaling.Scaling` from the best solution so far, instead of from the
data: :math:`D_p = \sqrt{G_{pp}}`, :math:`\sigma_f = |F_f|` (floored at ``floor`` times the
largest), each row divided by its largest term :math:`|c|D_pD_q`, :math:`|a|\sigma_f`,
:math:`|c_r|`, the objective likewise. At the worst case the scaled Gram matrix has unit
diagonal, the scaled values are 1, the multipliers of order 1 (SC-FGM N = 17: 0.02 to 4), so the
solver's absolute accuracy becomes relative to the value. The scaling is exact as well
(:meth:`pep.sdp.scaling.Scaling.restore`); only the conditioning depends on how good the best
solution was, so the step is repeated from its own result.

**Measured** (2026-12-05, default solve, issue 16): SC-FGM N = 13-20 and SC-OGM N = 16-19,
refused or at the tolerance before (best estimates 5e-5 .. 2e-6), are bounds at estimates
1e-6 (Clarabel, SC-FGM N = 13, 14, 18) to 6e-9 (SCS), agreeing within 3e-8 with the same PEP
solved with :math:`R = 3`; TMM N = 15, 16 are within 1e-9 of :math:`\kappa\rho^{2N}`. For
TMM N >= 17 (values below 2.3e-10) the solutions are as good (SCS on the pinned problem:
1e-9 from :math:`\kappa\rho^{2N}`, estimate 1.4e-8 over the pinned data), but the estimate
over the leaves rebuilds :math:`S_\lambda` from order-1 terms in double precision, a floor
of about 3e-16 absolute, 1e-6 relative at N = 17-18; :mod:`pep.sdp.auto` therefore judges a
rescaled attempt over the pinned problem as well (TMM N = 17-20: bounds, 2e-8 from
:math:`\kappa\rho^{2N}`).

>>> from pep.algorithms import get
>>> p = get("tmm").setting(3)
>>> g = gauge(p, p.compile())
>>> g.data.dimension, g.data.point_names[:2], g.value  # x* and f(x*) pinned
(4, ('x0', 'x1'), 0)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from pep.errors import SolverError
from pep.sdp.compile import Block, CompiledProblem
from pep.sdp.scaling import Scaling
from pep.sdp.solvers.base import Solution

__all__ = ["Gauge", "gauge", "solution_scaling", "FLOOR"]

FLOOR = 1e-14  # scales below this fraction of the largest are lifted to it
_NULL = 1e-10  # a symmetry: every row's coefficients annihilate it to this relative accuracy


@dataclass(frozen=True)
class Gauge:
    """The pinned problem over the points basis and the way back (module docstring).

    ``Q`` maps the points basis to the pinned one (``G_o = Q G' Q^T``), ``keep`` the points
    basis vectors left, ``value`` the pinned value's index (or None), ``shift`` the value shift
    the PEP ignores (or None), ``basis`` the points basis (:class:`pep.sdp.basis.Basis`)."""

    data: CompiledProblem
    basis: Any
    Q: np.ndarray
    keep: np.ndarray
    value: int | None
    shift: np.ndarray | None

    def pinned_point(self, G: np.ndarray, F: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A point over the leaves as one of the pinned problem (same objective, feasible if
        it was)."""
        P = self.basis.coordinates
        Gp = P @ G @ P.T
        Gp = self.Q @ Gp @ self.Q.T
        if self.value is None or self.shift is None:
            return Gp, F
        F = F - F[self.value] / self.shift[self.value] * self.shift
        return Gp, np.delete(F, self.value)

    def restore(self, sol: Solution) -> Solution:
        """A solution of the pinned problem as one of the original, over the leaves."""
        d = len(self.Q[0])
        G = np.zeros((d, d))
        G[np.ix_(self.keep, self.keep)] = sol.gram
        S = self.Q.T @ sol.psd_dual @ self.Q
        F = sol.values
        if self.value is not None:
            F = np.insert(F, self.value, 0.0)
        return self.basis.expand(dataclasses.replace(sol, gram=G, psd_dual=S, values=F))


def _matrix_rows(blocks: tuple[Block, ...], d: int) -> sp.csr_matrix:
    r"""Every row's symmetric matrix :math:`A_r`, stacked: row ``r*d + p`` holds
    :math:`(A_r)_{p\cdot}`, so that it times :math:`u` stacks every :math:`A_r u` (a
    compiled Gram column ``p*d + q``, ``p <= q``, holds the coefficient of :math:`G_{pq}` once:
    :math:`(A_r)_{pq} = (A_r)_{qp} = c/2` off the diagonal)."""
    mats, first = [], 0
    for blk in blocks:
        g = blk.gram.tocoo()
        p, q = g.col // d, g.col % d
        off = p != q
        rows = np.concatenate([g.row * d + p, g.row[off] * d + q[off]]) + first * d
        cols = np.concatenate([q, p[off]])
        vals = np.concatenate([np.where(off, g.data / 2, g.data), g.data[off] / 2])
        mats.append((rows, cols, vals))
        first += len(blk)
    r, c, v = (np.concatenate(x) for x in zip(*mats))
    return sp.csr_matrix((v, (r, c)), shape=(first * d, d))


def _null_vector(M: sp.spmatrix) -> np.ndarray | None:
    """The one unit vector ``M`` annihilates (``|Mu| <=`` :data:`_NULL` times the largest
    ``|Mv|``), or None (no such vector, or more than one)."""
    n = M.shape[1]
    if n == 0 or M.nnz == 0:
        return None
    w, V = np.linalg.eigh((M.T @ M).toarray())  # M^T M: small (n x n), eigenvalues |Mv|^2
    top = float(np.sqrt(max(w[-1], 0.0)))
    # the squares lose the small singular values to rounding: measure |Mv| itself
    norms = np.linalg.norm(M @ V[:, : min(3, n)], axis=0)
    null = np.flatnonzero(norms <= _NULL * top)
    return np.asarray(V[:, null[0]]) if len(null) == 1 else None


def _translation(data: CompiledProblem) -> np.ndarray | None:
    """The translation of the points that no row sees (module docstring), or None."""
    return _null_vector(_matrix_rows((*data.blocks, data.objective), data.dimension))


def _stationary(problem: Any) -> list[tuple[str, str]]:
    """``(label, value name)`` of every record whose gradient is 0 (a minimiser's)."""
    out = []
    for oracle in problem.oracles:
        for rec in oracle.records:
            g = rec.g
            if not getattr(g, "terms", None) and not np.any(getattr(g, "constant", 0)):
                values = list(getattr(rec.f, "terms", {}))
                out.append((str(rec.label), str(values[0]) if len(values) == 1 else ""))
    return out


def gauge(problem: Any, data: CompiledProblem) -> Gauge:
    """``problem`` over the points basis with a translation and a value shift fixed (module
    docstring): the pinned vector and value are a minimiser's (a record with gradient 0)
    where there is one, else the first the symmetry moves."""
    from pep.sdp.basis import rebase

    rebased = rebase(problem, "points")
    if rebased is None or rebased.data.n_constraints != data.n_constraints:
        raise SolverError("the points basis is for the problem's full data only")
    work, basis = rebased.data, rebased.basis
    d = work.dimension
    u = _translation(work)
    keep = np.arange(d)
    Q = np.eye(d)
    stationary = _stationary(problem)  # (label, value name) of a record with g = 0: x*, f*
    if u is not None:
        cand = np.flatnonzero(np.abs(u) > 0.5 * np.abs(u).max())
        named = [k for k in cand if basis.names[k] in {lab for lab, _ in stationary}]
        k = int(named[0] if named else cand[0])
        Q = np.eye(d) - np.outer(u, np.eye(d)[k]) / u[k]
        keep = np.delete(keep, k)
        Q = Q[keep]
    e = _null_vector(sp.vstack([b.values for b in (*work.blocks, work.objective)]).tocsr())
    value = None
    if e is not None:
        cand = np.flatnonzero(np.abs(e) > 0.5 * np.abs(e).max())
        names = {name for _, name in stationary}
        named = [k for k in cand if work.value_names[k] in names]
        value = int(named[0] if named else cand[0])
    cols = (keep[:, None] * d + keep[None, :]).reshape(-1)
    kept_values = np.delete(np.arange(len(work.value_names)), [] if value is None else [value])

    def pin(blk: Block) -> Block:
        return dataclasses.replace(
            blk,
            gram=blk.gram.tocsc()[:, cols].tocsr(),
            values=blk.values.tocsc()[:, kept_values].tocsr(),
        )

    pinned = dataclasses.replace(
        work,
        point_names=tuple(work.point_names[k] for k in keep),
        value_names=tuple(work.value_names[k] for k in kept_values),
        blocks=tuple(pin(b) for b in work.blocks),
        objective=pin(work.objective),
    )
    return Gauge(pinned, basis, Q, keep, value, e)


def solution_scaling(
    data: CompiledProblem, G: np.ndarray, F: np.ndarray, floor: float = FLOOR
) -> Scaling:
    """The scaling of the module docstring from the point ``(G, F)`` of ``data``."""
    if not (np.all(np.isfinite(G)) and np.all(np.isfinite(F))):
        raise SolverError("no rescaling from a point with non-finite entries")
    g = np.sqrt(np.maximum(np.diag(G), 0.0))
    D = np.maximum(g, floor * max(float(g.max(initial=0.0)), 1e-300))
    f = np.abs(F)
    sigma = np.maximum(f, floor * max(float(f.max(initial=0.0)), 1e-300))
    DD = np.outer(D, D).reshape(-1)

    def largest(blk: Block) -> np.ndarray:
        top = np.abs(blk.const).astype(float)
        gram = abs(blk.gram).multiply(DD[None, :]).tocsr()
        if gram.nnz:
            top = np.maximum(top, gram.max(axis=1).toarray().ravel())
        if F.size and blk.values.nnz:
            vals = abs(blk.values).multiply(sigma[None, :]).tocsr()
            top = np.maximum(top, vals.max(axis=1).toarray().ravel())
        return np.where(top > 0, top, 1.0)

    return Scaling(
        D, sigma, tuple(largest(b) for b in data.blocks), float(largest(data.objective).max())
    )
