r"""PSD blocks of a compiled PEP: linear matrix inequalities of classes such as quadratics.

A class with ``matrix_conditions`` (:mod:`pep.model.lmi`) contributes, besides scalar rows,
symmetric ``k x k`` matrices :math:`M(G, F)` whose entries are affine in the Gram matrix and
the function values, constrained to :math:`M(G, F) \succeq 0`. A compiled PSD block is a
:class:`pep.sdp.compile.Block` with ``sense="psd"`` and ``size = k``; its rows are the entries
of the upper triangle in row-major order, :math:`(0,0), (0,1), \dots, (0,k-1), (1,1), \dots`,
each in the usual form ``gram @ vec(G) + values @ F + const``.

**Duality.** A PSD block's multiplier is a matrix :math:`Z \succeq 0`; the Lagrangian term is
:math:`\langle Z, M(G, F)\rangle = \sum_r w_r Z_{a_r b_r}\,\mathrm{row}_r(G, F)` with weights
:math:`w_r = 1` on the diagonal and :math:`2` off it. So a PSD block enters the dual identity
exactly like inequality rows ``row <= 0`` with *equivalent multipliers*
:math:`\lambda_r = -w_r Z_{a_r b_r}` (:func:`equivalent_duals`): the dual value is
:math:`\sum_k \nu_k c^o_k - \sum_i \lambda_i c_i + \sum_b \langle Z_b, C_b\rangle` and
:math:`S = \sum_i\lambda_i A_i - \sum_k \nu_k O_k - \sum_b M_b^*(Z_b)`.

>>> import numpy as np
>>> a, b, w = triangle(2)
>>> a.tolist(), b.tolist(), w.tolist()
([0, 0, 1], [0, 1, 1], [1.0, 2.0, 1.0])
>>> smat(np.array([1.0, 2.0, 3.0]), 2).tolist()
[[1.0, 2.0], [2.0, 3.0]]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from pep.errors import InvalidArgument
from pep.model.algebra import Leaf, Scalar
from pep.model.lmi import MatrixConditions, matrix_conditions

__all__ = [
    "PSD_SOLVERS",
    "triangle",
    "smat",
    "collect",
    "oracle_matrix_rows",
    "equivalent_duals",
    "psd_terms",
    "refuse_psd",
]

#: the solver paths that handle PSD blocks (cvxpy's solvers and the direct Clarabel adapter)
PSD_SOLVERS = ("CLARABEL_DIRECT", "CLARABEL", "SCS", "SCS_CVXPY", "MOSEK")


def triangle(k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row-major upper triangle ``(a, b)`` of a ``k x k`` matrix and the weights of
    :math:`\\langle Z, M\\rangle` on it (1 on the diagonal, 2 off it)."""
    a, b = np.triu_indices(k)
    return a, b, np.where(a == b, 1.0, 2.0)


def smat(v: np.ndarray, k: int) -> np.ndarray:
    """The symmetric matrix whose row-major upper triangle is ``v``."""
    a, b, _ = triangle(k)
    M = np.zeros((k, k))
    M[a, b] = v
    M[b, a] = v
    return M


def _symmetric(name: str, matrix: Any) -> list[list[Any]]:
    rows = [list(r) for r in matrix]
    k = len(rows)
    if any(len(r) != k for r in rows):
        raise InvalidArgument(
            f"matrix condition {name!r} is not square: rows of lengths {[len(r) for r in rows]}"
        )
    return rows


def collect(problem: Any) -> tuple[list[tuple[Any, MatrixConditions]], list[Leaf]]:
    """The matrix conditions of every oracle of ``problem`` and the auxiliary scalars they
    asked for (value leaves outside the problem, extra columns of the compiled values)."""
    aux: list[Leaf] = []
    out = []
    for oracle in problem.oracles:

        def new_scalar(oracle: Any = oracle) -> Scalar:
            leaf = Leaf(problem, -1 - len(aux), f"{oracle.name}:aux{len(aux)}", "value")
            aux.append(leaf)
            return Scalar({leaf: 1}, 0, problem)

        mc = matrix_conditions(
            oracle.cls,
            oracle.records,
            getattr(oracle, "transpose_records", ()),
            anchor=getattr(oracle, "anchor", None),
            new_scalar=new_scalar,
        )
        if mc.psd or mc.equal:
            out.append((oracle, mc))
    return out, aux


def oracle_matrix_rows(
    oracle: Any, mc: MatrixConditions, rows: Callable[[list[Any]], tuple[Any, Any, Any]]
) -> Iterator[tuple[str, str, list[str], tuple[Any, Any, Any], int]]:
    """``(family, sense, names, (gram, values, const), size)`` of each matrix condition ``mc``
    of ``oracle``: one ``"psd"`` block per matrix (upper-triangle rows, ``size`` k), then one
    ``"=="`` block of the equalities (``size`` 0). ``rows`` turns a list of Scalars into
    compiled rows (the compiler's bases)."""
    for cname, matrix in mc.psd.items():
        M = _symmetric(cname, matrix)
        k = len(M)
        if not k:
            continue
        a, b, _ = triangle(k)
        entries = [_scalar(M[i][j], oracle) for i, j in zip(a, b)]
        names = [f"{oracle.name}:{cname}[{i},{j}]" for i, j in zip(a, b)]
        yield f"{oracle.name}:{cname}", "psd", names, rows(entries), k
    if mc.equal:
        names = [f"{oracle.name}:{n}" for n in mc.equal]
        yield f"{oracle.name}:equal", "==", names, rows(list(mc.equal.values())), 0


def _scalar(v: Any, oracle: Any) -> Scalar:
    """An entry as a Scalar (a constant entry such as 0 is allowed)."""
    return v if isinstance(v, Scalar) else Scalar({}, v, oracle.problem)


def equivalent_duals(data: Any, sol: Any) -> list[tuple[np.ndarray, Any]]:
    """``(lambda, block)`` for every PSD block: the multipliers of rows ``row <= 0`` that
    contribute to the dual identity as the block's matrix multiplier does (module docstring)."""
    out = []
    for Z, blk in zip(getattr(sol, "psd_block_duals", ()), data.psd_blocks):
        a, b, w = triangle(blk.size)
        out.append((-w * np.asarray(Z, float)[a, b], blk))
    return out


def _negative_pairing(A: np.ndarray, B: np.ndarray) -> float:
    r""":math:`\sum_{\mu < 0}|\mu|\, v^\top B v` over the eigenpairs of ``A`` (0 if ``A`` is PSD)."""
    w, V = np.linalg.eigh((A + A.T) / 2)
    neg = w < 0
    if not neg.any():
        return 0.0
    Vn = V[:, neg]
    return float(-w[neg] @ np.einsum("pi,pq,qi->i", Vn, (B + B.T) / 2, Vn).clip(min=0.0))


def psd_terms(data: Any, sol: Any, G: np.ndarray, F: np.ndarray) -> tuple[float, float]:
    r"""The PSD blocks' share of the error estimate (:mod:`pep.sdp.accuracy`): the upper-side
    term :math:`\sum_{\mu<0}|\mu| v^\top M v` over the eigenpairs of each multiplier
    :math:`Z` (a non-PSD multiplier), and the lower-side term :math:`\sum_{\gamma<0}|\gamma|
    x^\top Z^+ x` over the eigenpairs of each block matrix :math:`M(G, F)` (an infeasible
    point)."""
    upper = lower = 0.0
    for Z, blk in zip(getattr(sol, "psd_block_duals", ()), data.psd_blocks):
        Z = np.asarray(Z, float)
        M = smat(blk.evaluate(G, F), blk.size)
        upper += _negative_pairing(Z, M)
        w, V = np.linalg.eigh((Z + Z.T) / 2)
        Zplus = (V * np.maximum(w, 0.0)) @ V.T
        lower += _negative_pairing(M, Zplus)
    return upper, lower


def refuse_psd(data: Any, path: str) -> None:
    """:class:`pep.errors.InvalidArgument` when ``data`` has PSD blocks and ``path`` cannot
    solve them."""
    if getattr(data, "psd_blocks", ()) and path.upper() not in PSD_SOLVERS:
        families = ", ".join(b.family for b in data.psd_blocks)
        raise InvalidArgument(
            f"solver={path!r} cannot handle the PSD blocks ({families}) of LMI classes; use "
            f"solver='auto' or one of {', '.join(PSD_SOLVERS)}"
        )
