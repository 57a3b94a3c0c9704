r"""Exact certificates of problems with LMI classes: one rational PSD matrix per block.

A class with matrix conditions (:mod:`pep.model.lmi`) contributes equalities
:math:`h_r = 0` (free multipliers, like any equality row) and matrices :math:`M_b(G, F)`
that must be PSD. A certificate of the bound :math:`B` then carries one rational matrix
:math:`Z_b \succeq 0` per block, and the identity of :mod:`pep.certificates.certificate`
gains one term per block:

.. math:: B - \sum_k \nu_k m_k = \sum_r \lambda_r (-e_r) + \sum_b \langle Z_b, M_b\rangle
   + \langle S, G\rangle .

At any configuration of the class :math:`M_b \succeq 0`, so :math:`\langle Z_b, M_b\rangle
\ge 0` and the bound follows as before. The exact check verifies every :math:`Z_b \succeq 0`
by exact :math:`LDL^\top` (:func:`pep.certificates.exact.psd_check`) and the identity with the
blocks rebuilt from the class and its exact records.

**Rounding.** The entries :math:`Z_{b,pq}` (:math:`p \le q`) are multipliers of the exact
system like any other (free sign, rows :math:`-w_{pq} M_{b,pq}` with :math:`w = 1` on the
diagonal and 2 off it), rationalized with the scalar multipliers
(:mod:`pep.certificates.rationalize`); null vectors of each :math:`Z_b` are guessed as for
:math:`S` and imposed as equations :math:`Z_b u = 0`, and every :math:`Z_b` is then checked
PSD exactly (:class:`Blocks`).

Only classes that state the sources of their equalities (``exact_certificates = True``, e.g.
:class:`pep.SmoothStronglyConvexQuadratic`) have exact statements; classes with free
auxiliary numbers (the "expensive" relaxations) do not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from pep.certificates.exact import psd_check
from pep.errors import CertificateError
from pep.model.algebra import Scalar
from pep.model.lmi import has_matrix_conditions, matrix_conditions

__all__ = [
    "Blocks",
    "ExactBlock",
    "trace_terms",
    "certifiable",
    "refuse_uncertifiable",
    "lmi_constraints",
    "exact_psd_blocks",
    "block_form",
    "block_reasons",
]


@dataclass(frozen=True)
class ExactBlock:
    """PSD block ``name`` (e.g. ``f:lmi``): condition ``condition`` of
    ``problem.oracles[oracle]``, its matrix of exact Scalars over the records."""

    name: str
    oracle: int
    condition: str
    matrix: tuple[tuple[Any, ...], ...]


def certifiable(cls: Any) -> bool:
    """Whether exact certificates know the class (scalar classes, or LMI classes that say so)."""
    return not has_matrix_conditions(cls) or bool(getattr(cls, "exact_certificates", False))


def refuse_uncertifiable(problem: Any) -> None:
    """:class:`pep.errors.CertificateError` naming the LMI classes without exact statements."""
    bad = [f"{o.name} ({type(o.cls).__name__})" for o in problem.oracles if not certifiable(o.cls)]
    if bad:
        raise CertificateError(
            f"{', '.join(bad)}: classes with matrix (LMI) conditions and no exact statement "
            "(free auxiliary numbers, or equalities without sources) have no exact certificates "
            "yet; the numerical value and its error estimate stand"
        )


def _conditions(k: int, oracle: Any) -> Any:
    from pep.certificates.statement import exact_class, exact_records

    return matrix_conditions(exact_class(oracle.cls), exact_records(oracle))


def lmi_constraints(k: int, oracle: Any) -> list[Any]:
    """The equalities of the LMI class of ``problem.oracles[k]`` as exact ``==`` constraints,
    named as compiled (``f:value(x0)``), with their sources."""
    from pep.certificates.statement import ExactConstraint, Source

    mc = _conditions(k, oracle)
    out = []
    for name, expr in mc.equal.items():
        if name not in mc.sources:
            raise CertificateError(f"{oracle.name}:{name}: the class gives no source for it")
        cond, records = mc.sources[name]
        out.append(ExactConstraint(f"{oracle.name}:{name}", "==", expr, Source(k, cond, records)))
    return out


def exact_psd_blocks(problem: Any) -> list[ExactBlock]:
    """Every PSD block of ``problem`` rebuilt exactly from its class and exact records."""
    refuse_uncertifiable(problem)
    out = []
    for k, o in enumerate(problem.oracles):
        if has_matrix_conditions(o.cls):
            for cname, M in _conditions(k, o).psd.items():
                rows = tuple(tuple(r) for r in M)
                out.append(ExactBlock(f"{o.name}:{cname}", k, cname, rows))
    return out


def block_form(Z: Sequence[Sequence[Any]], M: Sequence[Sequence[Any]], owner: Any) -> Scalar:
    r""":math:`\langle Z, M\rangle = \sum_{a,b} Z_{ab} M_{ab}` as an exact Scalar."""
    out = Scalar({}, 0, owner)
    for a, row in enumerate(M):
        for b, entry in enumerate(row):
            z = Fraction(Z[a][b])
            if z:
                out = out + z * entry
    return out


def block_reasons(problem: Any, blocks: Mapping[str, Any], add: Any) -> list[str]:
    """Check the certificate's block matrices (``name -> rows of Fractions``) exactly: one per
    block of the problem, of the block's size, symmetric and PSD; ``add(expr, w)`` receives
    :math:`-\\langle Z_b, M_b\\rangle` for the identity. Returns the reasons it fails."""
    reasons = []
    expected = exact_psd_blocks(problem)
    names = {b.name for b in expected}
    reasons += [f"unknown PSD block {n!r}" for n in blocks if n not in names]
    for blk in expected:
        Z = blocks.get(blk.name)
        if Z is None:
            reasons.append(f"PSD block {blk.name}: no multiplier matrix")
            continue
        k = len(blk.matrix)
        if len(Z) != k or any(len(r) != k for r in Z):
            reasons.append(f"PSD block {blk.name}: the multiplier must be {k}x{k}")
            continue
        if any(Z[a][b] != Z[b][a] for a in range(k) for b in range(a)):
            reasons.append(f"PSD block {blk.name}: the multiplier is not symmetric")
            continue
        add(block_form(Z, blk.matrix, problem), Fraction(-1))
        check = psd_check(Z)
        if not check.is_psd:
            reasons.append(f"PSD block {blk.name}: the multiplier is not PSD ({check.reason})")
    return reasons


class Blocks:
    """The PSD blocks of a certificate being rationalized: their entry rows, the numeric
    entries, the equations ``Z u = 0`` and the exact PSD test (module docstring)."""

    def __init__(self, problem: Any, numeric: Mapping[str, np.ndarray]):
        self.problem = problem
        self.blocks = exact_psd_blocks(problem)
        missing = [b.name for b in self.blocks if b.name not in numeric]
        if missing:
            raise CertificateError(f"no numeric multiplier for the PSD blocks {missing}")
        self.numeric = {b.name: np.asarray(numeric[b.name], float) for b in self.blocks}
        self.entries: dict[str, tuple[str, int, int]] = {}  # row name -> (block, p, q)
        for b in self.blocks:
            for p in range(len(b.matrix)):
                for q in range(p, len(b.matrix)):
                    self.entries[f"{b.name}[{p},{q}]"] = (b.name, p, q)

    def rows(self, row_of: Any) -> dict[str, tuple[str, Any]]:
        """``{entry name: ("==", Row of -w_pq M_pq)}`` (``row_of`` turns a Scalar into a Row)."""
        mats = {b.name: b.matrix for b in self.blocks}
        return {
            n: ("==", row_of(-(1 if p == q else 2) * _as_scalar(mats[b][p][q], self.problem)))
            for n, (b, p, q) in self.entries.items()
        }

    def value(self, name: str) -> float:
        b, p, q = self.entries[name]
        return float(self.numeric[b][p, q])

    def tag(self, sys: Any, index: Mapping[str, int]) -> None:
        """Give each entry's multiplier a slot of its own, ``("z", block, p, q)``, so that the
        equations ``Z u = 0`` can name it."""
        from pep.certificates.exact import fmpq

        for n, key in self.entries.items():
            sys.contrib[index[n]][("z", key[0], key[1], key[2])] = fmpq(1)

    def equations(self, guess: Any) -> list[tuple[dict, Any]]:
        """``(Z_b u)_p = 0`` for the null vectors ``guess(Z_b numeric)`` of every block."""
        from pep.certificates.exact import fmpq

        out = []
        for b in self.blocks:
            k = len(b.matrix)
            for v in guess(self.numeric[b.name]):
                u = [fmpq(c.numerator, c.denominator) for c in v]
                for p in range(k):
                    w = {("z", b.name, min(p, q), max(p, q)): u[q] for q in range(k) if u[q] != 0}
                    if w:
                        out.append((w, 0))
        return out

    def matrices(self, x: Mapping[int, Any], index: Mapping[str, int]) -> dict[str, Any]:
        """The exact block matrices of a solution ``x`` (index -> value), PSD-checked."""
        out = {}
        for b in self.blocks:
            k = len(b.matrix)
            Z = [[Fraction(0)] * k for _ in range(k)]
            for n, (name, p, q) in self.entries.items():
                if name == b.name:
                    Z[p][q] = Z[q][p] = Fraction(x.get(index[n], 0))
            check = psd_check(Z)
            if not check.is_psd:
                raise CertificateError(f"PSD check: block {b.name} is not PSD ({check.reason})")
            out[b.name] = tuple(tuple(r) for r in Z)
        return out


def _as_scalar(v: Any, problem: Any) -> Scalar:
    return v if isinstance(v, Scalar) else Scalar({}, v, problem)


def trace_terms(data: Any) -> tuple[np.ndarray, np.ndarray, float]:
    r""":math:`\sum_b \operatorname{tr} M_b(G, F)` over the PSD blocks of compiled ``data``, as
    (Gram row, value row, constant): the margin re-solve adds :math:`\eta` times it to the
    objective (:mod:`pep.certificates.margin`)."""
    d, nf = data.dimension, len(data.value_names)
    gram, values, const = np.zeros(d * d), np.zeros(nf), 0.0
    for blk in data.psd_blocks:
        a, b = np.triu_indices(blk.size)
        diag = np.flatnonzero(a == b)
        gram += np.asarray(blk.gram[diag].sum(axis=0)).ravel()
        if nf:
            values += np.asarray(blk.values[diag].sum(axis=0)).ravel()
        const += float(blk.const[diag].sum())
    return gram, values, const
