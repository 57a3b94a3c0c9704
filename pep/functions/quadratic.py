r"""Quadratic functions :math:`f(x) = \tfrac12\langle x, Qx\rangle`: an LMI class.

Records :math:`(x_i, g_i, f_i)` are interpolable by such an :math:`f` with
:math:`\mu I \preceq Q \preceq LI` (Q symmetric) if and only if

* :math:`f_i = \tfrac12\langle x_i, g_i\rangle` for every record,
* :math:`\langle x_i, g_j\rangle = \langle x_j, g_i\rangle` for every pair (:math:`X^\top G`
  symmetric), and
* the matrix :math:`T_{ij} = \langle g_i - \mu x_i,\ L x_j - g_j\rangle` is positive
  semidefinite (:math:`(G - \mu X)^\top (LX - G) \succeq 0`),

(Bousselmi, Hendrickx, Glineur 2024, the theorem on symmetric linear operators with spectrum
in :math:`[\mu, L]`; the values follow since :math:`f(x) = \frac12\langle x, Qx\rangle`). The
conditions are stated over all records at once (:mod:`pep.model.lmi`), so the PEP has a PSD
block besides the Gram matrix.

Reference: N. Bousselmi, J. M. Hendrickx, F. Glineur, "Interpolation conditions for linear
operators and applications to performance estimation problems", SIAM J. Optim. (2024),
arXiv:2302.08781.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from pep.errors import InvalidArgument
from pep.model import coefficients as C
from pep.model.lmi import MatrixConditions
from pep.model.oracles import Record
from pep.model.validation import compare, parameter

__all__ = ["SmoothStronglyConvexQuadratic", "spectral_lmi", "symmetry_equalities"]


def spectral_lmi(records: Sequence[Record], mu: Any, L: Any) -> tuple[tuple[Any, ...], ...]:
    r"""The matrix :math:`T_{ij} = \langle g_i - \mu x_i, L x_j - g_j\rangle` (symmetrised:
    the symmetry equalities make it symmetric anyway)."""

    def entry(i: Record, j: Record) -> Any:
        return (i.g - mu * i.x) @ (L * j.x - j.g)

    n = len(records)
    half = C.div(1, 2)
    return tuple(
        tuple(
            entry(records[a], records[a])
            if a == b
            else half * (entry(records[a], records[b]) + entry(records[b], records[a]))
            for b in range(n)
        )
        for a in range(n)
    )


def symmetry_equalities(records: Sequence[Record]) -> dict[str, Any]:
    r""":math:`\langle x_i, g_j\rangle - \langle x_j, g_i\rangle = 0` for every pair ``i < j``."""
    out = {}
    for a, i in enumerate(records):
        for j in records[a + 1 :]:
            out[f"sym({i.label},{j.label})"] = i.x @ j.g - j.x @ i.g
    return out


@dataclass(frozen=True)
class SmoothStronglyConvexQuadratic:
    r"""Quadratics :math:`f(x) = \frac12\langle x, Qx\rangle` with
    :math:`\mu I \preceq Q \preceq LI`, ``0 <= mu <= L`` (exact interpolation, see the module
    docstring). The minimizer is the origin, where :math:`f = 0`.

    >>> import pep
    >>> problem = pep.Problem()
    >>> f = problem.function(SmoothStronglyConvexQuadratic(L=1, mu=0))
    >>> x0, xs = problem.point("x0"), f.minimizer()
    >>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
    >>> problem.maximize(f(x0 - f.grad(x0)) - f(xs))  # one step 1/L: max of l(1-l)^2 / 2
    >>> round(problem.solve().value, 6)  # at l = 1/3: 2/27
    0.074074
    """

    L: Any = 1
    mu: Any = 0
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()
    exact_certificates: ClassVar[bool] = True  # pep.certificates.lmi and the JSON checker

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "L", parameter(name, "L", self.L, lower=0, strict=False))
        object.__setattr__(self, "mu", parameter(name, "mu", self.mu, lower=0, strict=False))
        if compare(self.L, self.mu, strict=False) is False:
            raise InvalidArgument(f"{name}(L={self.L!r}, mu={self.mu!r}): need mu <= L")

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}

    def matrix_rows(self, n: int) -> int:
        """The n x n matrix's upper triangle, n values and one equality per pair."""
        return n * n + n

    def matrix_conditions(self, records: Sequence[Record]) -> MatrixConditions:
        values = {f"value({r.label})": r.f - C.div(1, 2) * (r.x @ r.g) for r in records}
        sources: dict[str, tuple[str, tuple[int, ...]]] = {
            f"value({r.label})": ("value", (k,)) for k, r in enumerate(records)
        }
        for a, i in enumerate(records):
            for b in range(a + 1, len(records)):
                sources[f"sym({i.label},{records[b].label})"] = ("sym", (a, b))
        return MatrixConditions(
            {"lmi": spectral_lmi(records, self.mu, self.L)},
            {**values, **symmetry_equalities(records)},
            sources,
        )
