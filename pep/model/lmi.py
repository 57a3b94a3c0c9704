r"""Conditions stated over *all* records at once: linear matrix inequalities and equalities.

Some classes are not described by pairwise inequalities. A quadratic
:math:`f(x) = \tfrac12\langle x, Qx\rangle` with :math:`\mu I \preceq Q \preceq LI`, or a
linear operator, is interpolable from records :math:`(x_i, g_i)` exactly when a *matrix*
built from all their inner products is positive semidefinite, together with some equalities
(Bousselmi, Hendrickx, Glineur 2024). Such a class provides

``matrix_conditions(records) -> MatrixConditions``

evaluated on every record of the function or operator *at compile time* (so records created
late are never missed). ``psd`` maps a name to a symmetric ``k x k`` matrix (nested tuples)
of affine expressions that must be PSD; ``equal`` maps a name to an expression that must be
zero. The same method runs on Points (exact constraints), and on numpy arrays (contract
tests: a member's matrices are PSD and its equalities vanish).

>>> import numpy as np
>>> m = MatrixConditions({"lmi": ((1.0, 0.0), (0.0, 2.0))}, {"sym": 0.0})
>>> min_eigenvalue(m.psd["lmi"]) >= 0
True

Reference: N. Bousselmi, J. M. Hendrickx, F. Glineur, "Interpolation conditions for linear
operators and applications to performance estimation problems", SIAM J. Optim. (2024),
arXiv:2302.08781.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pep.errors import InvalidArgument

__all__ = [
    "MatrixConditions",
    "has_matrix_conditions",
    "matrix_conditions",
    "matrix_rows",
    "min_eigenvalue",
]


@dataclass(frozen=True)
class MatrixConditions:
    """``psd``: name -> symmetric matrix (rows of expressions) that must be PSD;
    ``equal``: name -> expression that must be 0; ``sources`` (optional): equality name ->
    (condition, record indices), which exact certificates need to state each row by its
    class and records (:mod:`pep.certificates.lmi`)."""

    psd: Mapping[str, Sequence[Sequence[Any]]] = field(default_factory=dict)
    equal: Mapping[str, Any] = field(default_factory=dict)
    sources: Mapping[str, tuple[str, tuple[int, ...]]] = field(default_factory=dict)


def has_matrix_conditions(cls: Any) -> bool:
    """True when the class states conditions over all its records (``matrix_conditions``)."""
    return callable(getattr(cls, "matrix_conditions", None))


def matrix_conditions(
    cls: Any,
    records: Sequence[Any],
    transpose: Sequence[Any] = (),
    *,
    anchor: Any = None,
    new_scalar: Callable[[], Any] | None = None,
) -> MatrixConditions:
    """The class's matrix conditions over ``records`` (empty for classes without them).

    What a class receives besides its records depends on what it declares: a class with a
    transpose (``has_transpose``, e.g. :class:`pep.LinearOperator`) the records of its
    transpose; an anchored class (:mod:`pep.model.conditions`) its stationary record as
    ``anchor=``; a class with ``auxiliary = True`` (conditions that hold for *some* values of
    extra free numbers, e.g. PEPit's "expensive" classes) a factory ``new_scalar()`` of free
    scalars, which the compiler turns into extra variables."""
    if not has_matrix_conditions(cls) or not (records or transpose):
        return MatrixConditions()
    args: list[Any] = [tuple(records)]
    if getattr(cls, "has_transpose", False):
        args.append(tuple(transpose))
    kwargs: dict[str, Any] = {}
    if getattr(cls, "anchored", False):
        kwargs["anchor"] = anchor
    if getattr(cls, "auxiliary", False):
        if new_scalar is None:
            raise InvalidArgument(f"{cls!r} needs auxiliary scalars: pass new_scalar")
        kwargs["new_scalar"] = new_scalar
    out = cls.matrix_conditions(*args, **kwargs)
    return out if isinstance(out, MatrixConditions) else MatrixConditions(*out)


def matrix_rows(cls: Any, n: int) -> int:
    """Compiled rows of the matrix conditions over ``n`` records, without building them (the
    size guard, :mod:`pep.sdp.size`): the class's ``matrix_rows(n)`` if it has one, else one
    ``n x n`` matrix (its upper triangle) and an equality per pair."""
    if not has_matrix_conditions(cls) or n == 0:
        return 0
    own = getattr(cls, "matrix_rows", None)
    return int(own(n)) if callable(own) else n * (n + 1) // 2 + n * n


def min_eigenvalue(matrix: Sequence[Sequence[Any]]) -> float:
    """Smallest eigenvalue of a numeric symmetric matrix given as rows (contract tests)."""
    import numpy as np

    M = np.array([[float(v) for v in row] for row in matrix], dtype=float)
    if not M.size:
        return 0.0
    return float(np.linalg.eigvalsh((M + M.T) / 2)[0])
