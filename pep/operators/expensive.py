r"""Strongly monotone operators that are also Lipschitz or cocoercive: LMI conditions on triples.

Pairwise conditions (strong monotonicity plus Lipschitz continuity, or plus cocoercivity) are
necessary but not sufficient for these classes: the PEP over them is only an upper bound
(Ryu, Taylor, Bergeling, Giselsson 2020). Rubbens, Hendrickx and Taylor (2025, Prop. 3.15
and its appendix) strengthen them with conditions on every *triple* of records: for each
ordered triple :math:`(i, j, k)`, not all equal, two :math:`7 \times 7` matrices must be PSD
for *some* values of nine free numbers :math:`m_{14}, m_{15}, m_{16}, m_{17}, m_{26}, m_{27},
m_{34}, m_{37}, m_{46}`. With pairwise quantities :math:`a_{pq}, b_{pq}` (below) the matrix is

.. math::
   \begin{pmatrix}
   -b_{ij} & 0 & 0 & m_{14} & m_{15} & m_{16} & m_{17}\\
   0 & -a_{jk} & -m_{15} & 0 & -m_{14} & m_{26} & m_{27}\\
   0 & -m_{15} & -b_{ij} & m_{34} & -m_{16} & 0 & m_{37}\\
   m_{14} & 0 & m_{34} & -b_{jk} & -m_{27} & m_{46} & 0\\
   m_{15} & -m_{14} & -m_{16} & -m_{27} & m_{55} & -m_{37} & -m_{46}\\
   m_{16} & m_{26} & 0 & m_{46} & -m_{37} & -a_{ik} & 0\\
   m_{17} & m_{27} & m_{37} & 0 & -m_{46} & 0 & -b_{ik}
   \end{pmatrix},
   \quad m_{55} = a_{ij} + c\, b_{ij} - a_{jk} - a_{ik} - 2(m_{17} + m_{26} + m_{34}),

once with :math:`(a, b) = (p, q)` and once with :math:`(a, b) = (q, p)`, where for the
Lipschitz class :math:`p_{ij} = \|t_i - t_j\|^2 - L^2\|x_i - x_j\|^2`,
:math:`q_{ij} = 2L(\mu\|x_i - x_j\|^2 - \langle t_i - t_j, x_i - x_j\rangle)`,
:math:`c = 2\mu`; for the cocoercive class
:math:`p_{ij} = \mu\|x_i - x_j\|^2 - \langle t_i - t_j, x_i - x_j\rangle`,
:math:`q_{ij} = \beta\|t_i - t_j\|^2 - \langle t_i - t_j, x_i - x_j\rangle`,
:math:`c = -2(1 - 2\beta\mu)`. (The diagonal already holds the pairwise conditions.)

These are still only *necessary* conditions: results are labelled upper bounds (relaxed
class). They match PEPit's ``LipschitzStronglyMonotoneOperatorExpensive`` and
``CocoerciveStronglyMonotoneOperatorExpensive``. The PEP has :math:`2(n^3 - n)` PSD blocks
for :math:`n` records: meant for a few iterations.

References: A. Rubbens, J. M. Hendrickx, A. Taylor, "A constructive approach to strengthen
algebraic descriptions of function and operator classes", arXiv:2504.14377 (2025);
E. Ryu, A. Taylor, C. Bergeling, P. Giselsson, "Operator splitting performance estimation:
tight contraction factors and optimal parameter selection", SIAM J. Optim. 30(3) (2020).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any, ClassVar

from pep.errors import InvalidArgument
from pep.model.lmi import MatrixConditions
from pep.model.oracles import Record
from pep.model.validation import compare, parameter

__all__ = ["LipschitzStronglyMonotoneExpensive", "CocoerciveStronglyMonotoneExpensive"]

Pairwise = Callable[[Record, Record], tuple[Any, Any]]


def triple_matrix(a: Any, b: Any, c: Any, m: dict[str, Any]) -> tuple[tuple[Any, ...], ...]:
    """The 7 x 7 matrix of the module docstring; ``a``, ``b`` map a pair name (``"ij"``,
    ``"ik"``, ``"jk"``) to its quantity, ``m`` holds the nine free numbers."""
    m55 = a["ij"] + c * b["ij"] - a["jk"] - a["ik"] - 2 * (m["17"] + m["26"] + m["34"])
    z = 0
    return (
        (-b["ij"], z, z, m["14"], m["15"], m["16"], m["17"]),
        (z, -a["jk"], -m["15"], z, -m["14"], m["26"], m["27"]),
        (z, -m["15"], -b["ij"], m["34"], -m["16"], z, m["37"]),
        (m["14"], z, m["34"], -b["jk"], -m["27"], m["46"], z),
        (m["15"], -m["14"], -m["16"], -m["27"], m55, -m["37"], -m["46"]),
        (m["16"], m["26"], z, m["46"], -m["37"], -a["ik"], z),
        (m["17"], m["27"], m["37"], z, -m["46"], z, -b["ik"]),
    )


_FREE = ("14", "15", "16", "17", "26", "27", "34", "37", "46")


def triple_conditions(
    records: Sequence[Record], pq: Pairwise, c: Any, new_scalar: Callable[[], Any]
) -> MatrixConditions:
    """Two matrices per ordered triple of records, not all the same (module docstring)."""
    psd = {}
    n = len(records)
    for i, j, k in product(range(n), repeat=3):
        if i == j == k:
            continue
        ri, rj, rk = records[i], records[j], records[k]
        pairs = {"ij": pq(ri, rj), "ik": pq(ri, rk), "jk": pq(rk, rj)}
        p = {key: v[0] for key, v in pairs.items()}
        q = {key: v[1] for key, v in pairs.items()}
        tag = f"{ri.label},{rj.label},{rk.label}"
        for name, (a, b) in (("lmi1", (p, q)), ("lmi0", (q, p))):
            m = {key: new_scalar() for key in _FREE}
            psd[f"{name}({tag})"] = triple_matrix(a, b, c, m)
    return MatrixConditions(psd, {})


class _Triples:
    interpolation_exact: ClassVar[bool] = False  # necessary conditions only
    has_values: ClassVar[bool] = False
    is_operator: ClassVar[bool] = True
    auxiliary: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}

    def matrix_rows(self, n: int) -> int:
        """Two 7 x 7 matrices (28 rows each) per ordered triple, not all equal."""
        return 2 * 28 * (n**3 - n)


@dataclass(frozen=True)
class LipschitzStronglyMonotoneExpensive(_Triples):
    r"""L-Lipschitz, mu-strongly monotone operators, ``0 <= mu <= L``: the triple LMIs of
    Rubbens, Hendrickx, Taylor 2025 (Prop. 3.15). **A relaxation**: necessary, not known to be
    sufficient, so values are upper bounds (relaxed class).

    >>> LipschitzStronglyMonotoneExpensive(mu=0, L=1)
    LipschitzStronglyMonotoneExpensive(mu=0, L=1)
    """

    mu: Any = 0
    L: Any = 1

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "mu", parameter(name, "mu", self.mu, lower=0, strict=False))
        object.__setattr__(self, "L", parameter(name, "L", self.L, lower=0))
        if compare(self.L, self.mu, strict=False) is False:
            raise InvalidArgument(f"{name}(mu={self.mu!r}, L={self.L!r}): need mu <= L")

    def matrix_conditions(
        self, records: Sequence[Record], *, new_scalar: Callable[[], Any]
    ) -> MatrixConditions:
        L, mu = self.L, self.mu

        def pq(r: Record, s: Record) -> tuple[Any, Any]:
            dx, dt = r.x - s.x, r.g - s.g
            return dt @ dt - L * L * (dx @ dx), 2 * L * (mu * (dx @ dx) - dt @ dx)

        return triple_conditions(records, pq, 2 * mu, new_scalar)


@dataclass(frozen=True)
class CocoerciveStronglyMonotoneExpensive(_Triples):
    r"""beta-cocoercive, mu-strongly monotone operators (``mu >= 0``, ``beta > 0``,
    ``beta mu <= 1``):
    the triple LMIs of Rubbens, Hendrickx, Taylor 2025 (appendix). **A relaxation**:
    necessary, not known to be sufficient, so values are upper bounds (relaxed class).

    >>> CocoerciveStronglyMonotoneExpensive(mu=0.1, beta=1)
    CocoerciveStronglyMonotoneExpensive(mu=0.1, beta=1)
    """

    mu: Any = 0
    beta: Any = 1

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "mu", parameter(name, "mu", self.mu, lower=0, strict=False))
        object.__setattr__(self, "beta", parameter(name, "beta", self.beta, lower=0))
        if compare(1, self.beta * self.mu, strict=False) is False:
            raise InvalidArgument(
                f"{name}(mu={self.mu!r}, beta={self.beta!r}): need beta * mu <= 1 (a "
                "beta-cocoercive operator is 1/beta-Lipschitz, so mu <= 1/beta)"
            )

    def matrix_conditions(
        self, records: Sequence[Record], *, new_scalar: Callable[[], Any]
    ) -> MatrixConditions:
        beta, mu = self.beta, self.mu

        def pq(r: Record, s: Record) -> tuple[Any, Any]:
            dx, dt = r.x - s.x, r.g - s.g
            return mu * (dx @ dx) - dt @ dx, beta * (dt @ dt) - dt @ dx

        return triple_conditions(records, pq, -2 * (1 - 2 * beta * mu), new_scalar)
