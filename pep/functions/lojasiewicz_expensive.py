r"""L-smooth functions with a quadratic Łojasiewicz inequality: pairwise LMI conditions.

Smooth functions satisfying :math:`f(x) - f_\star \le \frac{1}{2\mu}\|\nabla f(x)\|^2` have no
known interpolation conditions. Rubbens, Hendrickx and Taylor (2025, Prop. 3.4) give
necessary ones that are stronger than the pairwise inequalities: for every record :math:`i`
and the stationary record :math:`s`,

.. math:: \tfrac{1}{2L}\|g_i\|^2 \le f_i - f_s \le \tfrac{1}{2\mu}\|g_i\|^2,

and for every ordered pair :math:`i \ne j` a :math:`4\times 4` matrix that must be PSD for
*some* values of three free numbers :math:`m_{13}, m_{14}, m_{24}`:

.. math::
   \begin{pmatrix} -2\mu A & 0 & m_{13} & m_{14} \\ 0 & -6\mu A - D - 2m_{13} & -m_{14} & m_{24}
   \\ m_{13} & -m_{14} & -6\mu A - 2D - E - 2m_{24} & 0 \\ m_{14} & m_{24} & 0 & F
   \end{pmatrix},

with :math:`A = f_j - f_i + \frac12\langle g_i + g_j, x_i - x_j\rangle + \frac{1}{4L}\|g_i -
g_j\|^2 - \frac{L}{4}\|x_i - x_j\|^2` (:math:`A \le 0` is the interpolation inequality of
L-smooth functions, Taylor, Hendrickx, Glineur 2017, Thm 4 with :math:`\mu = -L`), :math:`B = (L + \mu)(f_i - f_s -
\frac{1}{2L}\|g_i\|^2)`, :math:`C = (L - \mu)(f_j - f_s + \frac{1}{2L}\|g_j\|^2)`,
:math:`D = 2\mu(B - C - (L + 3\mu)A)/(2L + \mu)`, :math:`E = 4\mu^2((L + \mu)A - 2B)/(2L +
\mu)^2`, :math:`F = -2\mu A - D - E - 8\mu^3 B/(2L + \mu)^3`.

**A relaxation**: necessary, not known to be sufficient; values are upper bounds (relaxed
class). The same conditions as PEPit's ``SmoothQuadraticLojasiewiczFunctionExpensive``.

Reference: A. Rubbens, J. M. Hendrickx, A. Taylor, "A constructive approach to strengthen
algebraic descriptions of function and operator classes", arXiv:2504.14377 (2025).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from pep.errors import InvalidArgument
from pep.model import coefficients as C
from pep.model.lmi import MatrixConditions
from pep.model.oracles import Record
from pep.model.validation import compare, parameter

__all__ = ["SmoothQuadraticLojasiewiczExpensive"]


@dataclass(frozen=True)
class SmoothQuadraticLojasiewiczExpensive:
    r"""L-smooth functions with the quadratic Łojasiewicz inequality of parameter ``mu``,
    ``0 < mu <= L``, through the pairwise LMIs of Rubbens, Hendrickx, Taylor 2025 (module
    docstring). **A relaxation**: the value is an upper bound (relaxed class).

    >>> SmoothQuadraticLojasiewiczExpensive(L=1, mu=0.2)
    SmoothQuadraticLojasiewiczExpensive(L=1, mu=0.2)
    """

    L: Any = 1
    mu: Any = 1
    interpolation_exact: ClassVar[bool] = False  # necessary conditions only
    has_values: ClassVar[bool] = True
    anchored: ClassVar[bool] = True
    auxiliary: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "L", parameter(name, "L", self.L, lower=0))
        object.__setattr__(self, "mu", parameter(name, "mu", self.mu, lower=0))
        if compare(self.L, self.mu, strict=False) is False:
            raise InvalidArgument(f"{name}(L={self.L!r}, mu={self.mu!r}): need mu <= L")

    def pair_conditions(self, i: Record, j: Record, s: Record) -> Mapping[str, Any]:
        return {}

    def point_conditions(self, i: Record, s: Record) -> Mapping[str, Any]:
        gap, g2 = i.f - s.f, i.g @ i.g
        return {
            "lojasiewicz": C.div(1, 2 * self.mu) * g2 - gap,
            "upper": gap - C.div(1, 2 * self.L) * g2,
        }

    def matrix_rows(self, n: int) -> int:
        """One 4 x 4 matrix (10 rows) per ordered pair of distinct records."""
        return 10 * n * (n - 1)

    def matrix_conditions(
        self, records: Sequence[Record], *, anchor: Record, new_scalar: Callable[[], Any]
    ) -> MatrixConditions:
        psd = {}
        for i in records:
            for j in records:
                if i is not j:
                    psd[f"lmi({i.label},{j.label})"] = self._pair_matrix(i, j, anchor, new_scalar)
        return MatrixConditions(psd, {})

    def _pair_matrix(
        self, i: Record, j: Record, s: Record, new_scalar: Callable[[], Any]
    ) -> tuple[tuple[Any, ...], ...]:
        L, mu = self.L, self.mu
        dx, dg = i.x - j.x, i.g - j.g
        A = (
            j.f
            - i.f
            + C.div(1, 2) * ((i.g + j.g) @ dx)
            + C.div(1, 4 * L) * (dg @ dg)
            - C.div(L, 4) * (dx @ dx)
        )
        B = (L + mu) * (i.f - s.f - C.div(1, 2 * L) * (i.g @ i.g))
        Cc = (L - mu) * (j.f - s.f + C.div(1, 2 * L) * (j.g @ j.g))
        k = 2 * L + mu
        D = C.div(2 * mu, k) * (B - Cc - (L + 3 * mu) * A)
        E = C.div(4 * mu * mu, k * k) * ((L + mu) * A - 2 * B)
        F = -2 * mu * A - D - E - C.div(8 * mu**3, k**3) * B
        m13, m14, m24 = new_scalar(), new_scalar(), new_scalar()
        m22 = -6 * mu * A - D - 2 * m13
        m33 = -6 * mu * A - 2 * D - E - 2 * m24
        z = 0
        return (
            (-2 * mu * A, z, m13, m14),
            (z, m22, -m14, m24),
            (m13, -m14, m33, z),
            (m14, m24, z, F),
        )
