r"""Linear operators: LMI interpolation conditions (Bousselmi, Hendrickx, Glineur 2024).

A linear operator is known through records :math:`(x_i, y_i = Mx_i)` and, for a general
:math:`M`, records :math:`(u_j, v_j = M^\top u_j)` of its transpose (``M.T(u)``). Stacking
them as columns of :math:`X, Y, U, V`, the records are interpolable by

* some :math:`M` with :math:`\|M\| \le L` iff :math:`X^\top V = Y^\top U`,
  :math:`Y^\top Y \preceq L^2 X^\top X` and :math:`V^\top V \preceq L^2 U^\top U`
  (Thm 3.1);
* some symmetric :math:`M` with spectrum in :math:`[\mu, L]` iff :math:`X^\top Y` is
  symmetric and :math:`(Y - \mu X)^\top (LX - Y) \succeq 0` (Thm 3.3);
* some skew-symmetric :math:`M` (:math:`M^\top = -M`) with :math:`\|M\| \le L` iff
  :math:`X^\top Y` is skew-symmetric and :math:`Y^\top Y \preceq L^2 X^\top X` (Cor. 3.2).

Each class states them over all records at once (:mod:`pep.model.lmi`): the compiled PEP gets
one PSD block per matrix inequality and one block of equalities. Every condition is exact.

Reference: N. Bousselmi, J. M. Hendrickx, F. Glineur, "Interpolation conditions for linear
operators and applications to performance estimation problems", SIAM J. Optim. (2024),
arXiv:2302.08781.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from pep.errors import InvalidArgument
from pep.functions.quadratic import spectral_lmi, symmetry_equalities
from pep.model.lmi import MatrixConditions
from pep.model.oracles import Record
from pep.model.validation import compare, parameter

__all__ = ["LinearOperator", "SymmetricLinearOperator", "SkewSymmetricLinearOperator"]


def norm_lmi(records: Sequence[Record], L: Any) -> tuple[tuple[Any, ...], ...]:
    r""":math:`L^2 X^\top X - Y^\top Y` over the records (``x``, ``y = g``)."""
    return tuple(tuple(L * L * (i.x @ j.x) - i.g @ j.g for j in records) for i in records)


class _Linear:
    """What every linear class shares: an operator without values, no pairwise condition."""

    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = False
    is_operator: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}


@dataclass(frozen=True)
class Transpose(_Linear):
    """The class of ``M.T`` for a :class:`LinearOperator` ``M``: its records enter ``M``'s
    conditions (``M`` states them all); it has none of its own."""

    of: Any = None


@dataclass(frozen=True)
class LinearOperator(_Linear):
    r"""Linear operators :math:`M` with :math:`\|M\| \le L` (``L >= 0``); ``M.T(u)`` is
    :math:`M^\top u` (exact: Bousselmi et al. 2024, Thm 3.1, see the module docstring).

    >>> import pep
    >>> problem = pep.Problem()
    >>> M = problem.operator(LinearOperator(L=2))
    >>> x = problem.point("x")
    >>> problem.assume(pep.sqnorm(x) <= 1)
    >>> problem.maximize(M.T(M(x)) @ x)  # ||Mx||^2 <= L^2 ||x||^2
    >>> round(problem.solve().value, 6)
    4.0
    """

    L: Any = 1
    has_transpose: ClassVar[bool] = True

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "L", parameter("LinearOperator", "L", self.L, lower=0, strict=False)
        )

    def transpose_class(self) -> Transpose:
        return Transpose(self)

    def matrix_conditions(
        self, records: Sequence[Record], transpose: Sequence[Record] = ()
    ) -> MatrixConditions:
        equal = {
            f"adjoint({i.label},{j.label})": i.x @ j.g - i.g @ j.x
            for i in records
            for j in transpose
        }
        psd = {"norm": norm_lmi(records, self.L)}
        if transpose:
            psd["norm_T"] = norm_lmi(transpose, self.L)
        return MatrixConditions(psd, equal)


@dataclass(frozen=True)
class SymmetricLinearOperator(_Linear):
    r"""Symmetric linear operators with spectrum in :math:`[\mu, L]`, ``mu <= L`` (exact:
    Bousselmi et al. 2024, Thm 3.3; the same conditions as
    :class:`pep.SmoothStronglyConvexQuadratic` without the function values).

    >>> SymmetricLinearOperator(mu=-1, L=1)
    SymmetricLinearOperator(mu=-1, L=1)
    """

    mu: Any = 0
    L: Any = 1

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "mu", parameter(name, "mu", self.mu))
        object.__setattr__(self, "L", parameter(name, "L", self.L))
        if compare(self.L, self.mu, strict=False) is False:
            raise InvalidArgument(f"{name}(mu={self.mu!r}, L={self.L!r}): need mu <= L")

    def matrix_rows(self, n: int) -> int:
        """The n x n matrix's upper triangle and one equality per pair (the size guard)."""
        return n * n

    def matrix_conditions(self, records: Sequence[Record]) -> MatrixConditions:
        return MatrixConditions(
            {"spectrum": spectral_lmi(records, self.mu, self.L)}, symmetry_equalities(records)
        )


@dataclass(frozen=True)
class SkewSymmetricLinearOperator(_Linear):
    r"""Skew-symmetric linear operators (:math:`M^\top = -M`) with :math:`\|M\| \le L`,
    ``L >= 0`` (exact: Bousselmi et al. 2024, Cor. 3.2); :math:`M^\top u` is ``-M(u)``.

    >>> SkewSymmetricLinearOperator(L=1)
    SkewSymmetricLinearOperator(L=1)
    """

    L: Any = 1

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "L", parameter(name, "L", self.L, lower=0, strict=False))

    def matrix_rows(self, n: int) -> int:
        """The n x n matrix's upper triangle and one equality per pair or record."""
        return n * (n + 1)

    def matrix_conditions(self, records: Sequence[Record]) -> MatrixConditions:
        equal = {}
        for a, i in enumerate(records):
            for j in records[a:]:
                equal[f"skew({i.label},{j.label})"] = i.x @ j.g + j.x @ i.g
        return MatrixConditions({"norm": norm_lmi(records, self.L)}, equal)
