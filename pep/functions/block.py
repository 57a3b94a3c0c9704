r"""Convex functions that are smooth by blocks of coordinates (block-coordinate methods).

The space is split by a :class:`pep.BlockPartition` into orthogonal blocks; the gradient of
every record is decomposed into its blocks :math:`g^{(k)}` when the record is created
(``Record.parts``), so the conditions below cover every record, whenever it was created.

Reference: Z. Shi, R. Liu, "Better worst-case complexity analysis of the block coordinate
descent method for large scale machine learning", ICMLA 2017, Lemma 1.1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from pep.errors import InvalidArgument
from pep.model import coefficients as C
from pep.model.oracles import Record
from pep.model.partition import BlockPartition
from pep.model.validation import parameter

__all__ = ["BlockSmoothConvex"]


@dataclass(frozen=True)
class BlockSmoothConvex:
    r"""Convex functions whose gradient is :math:`L_k`-Lipschitz along block :math:`k`
    (:math:`\|\nabla_k f(x + U_k h) - \nabla_k f(x)\| \le L_k\|h\|`), one ``L[k] > 0`` per block
    of ``partition``.

    For every ordered pair and every block :math:`k` (``smooth_block{k}``; Z. Shi, R. Liu,
    "Better worst-case complexity analysis of the block coordinate descent method for large
    scale machine learning", ICMLA 2017, Lemma 1.1):

    .. math:: f_i \ge f_j + \langle g_j, x_i - x_j\rangle
              + \frac{1}{2L_k}\|g_i^{(k)} - g_j^{(k)}\|^2.

    These conditions are necessary, not known to be sufficient (as PEPit's
    ``BlockSmoothConvexFunctionCheap``): results are labelled upper bounds.

    With one block the conditions are those of :class:`pep.SmoothConvex` (THG 2017), and one
    gradient step has Drori and Teboulle's worst case 1/(4N + 2):

    >>> import pep
    >>> problem = pep.Problem()
    >>> P = problem.block_partition(1)
    >>> f = problem.function(pep.BlockSmoothConvex(partition=P, L=[1]))
    >>> x0, xs = problem.point("x0"), f.minimizer()
    >>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
    >>> problem.maximize(f(x0 - P.block(f.grad(x0), 0)) - f(xs))
    >>> round(problem.solve().value, 5)
    0.16667
    """

    partition: Any
    L: Any
    interpolation_exact: ClassVar[bool] = False
    has_values: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def __post_init__(self) -> None:
        if not isinstance(self.partition, BlockPartition):
            raise InvalidArgument(
                f"BlockSmoothConvex(partition={self.partition!r}): pass a partition from "
                "problem.block_partition(d)"
            )
        d = self.partition.d
        L = self.L
        if isinstance(L, (str, bytes)) or not isinstance(L, Sequence):
            L = [L] if d == 1 else L
        if not isinstance(L, Sequence) or len(L) != d:
            raise InvalidArgument(
                f"BlockSmoothConvex(L={self.L!r}): give one smoothness constant per block "
                f"(a list of {d} numbers)"
            )
        values = tuple(
            parameter("BlockSmoothConvex", f"L[{k}]", v, lower=0) for k, v in enumerate(L)
        )
        object.__setattr__(self, "L", values)

    @property
    def n_parts(self) -> int:
        """Each record carries the ``d`` blocks of its gradient."""
        return int(self.partition.d)

    def record_parts(self, x: Any, g: Any) -> tuple[Any, ...]:
        """The blocks of the gradient (decomposed once per vector by the partition)."""
        return self.partition.blocks(g)

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        convex = i.f - j.f - j.g @ (i.x - j.x)
        out = {}
        for k, Lk in enumerate(self.L):
            dk = i.parts[k] - j.parts[k]
            out[f"smooth_block{k}"] = convex - C.div(1, 2 * Lk) * (dk @ dk)
        return out

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}
