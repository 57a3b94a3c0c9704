r"""Block partitions of the space: :math:`x = \sum_{k<d} x^{(k)}` with orthogonal blocks.

A :class:`BlockPartition` splits the (abstract) space into ``d`` mutually orthogonal blocks of
coordinates, as in block-coordinate methods. Since a PEP knows points only through their inner
products, the blocks of a point :math:`x` are new points :math:`x^{(0)}, \dots, x^{(d-2)}` and
:math:`x^{(d-1)} = x - \sum_{k<d-1} x^{(k)}`, subject to

.. math:: \langle x^{(k)}, y^{(l)}\rangle = 0 \quad\text{for all decomposed } x, y
          \text{ and all blocks } k \ne l,

which is exactly what coordinate blocks satisfy. These equalities are added when a point is
decomposed, against every point decomposed before it and itself, so a point decomposed late
(e.g. the gradient of the last iterate) is never left out. Decomposing the same vector twice
returns the same blocks.

Reference: the block partitions of PEPit (``PEP.declare_block_partition``), after
Z. Shi, R. Liu, "Better worst-case complexity analysis of the block coordinate descent method
for large scale machine learning", ICMLA 2017.

>>> import pep
>>> problem = pep.Problem()
>>> P = problem.block_partition(2)
>>> x = problem.point("x")
>>> x0, x1 = P.blocks(x)
>>> (x0 + x1).key() == x.key()
True
>>> len(problem.assumptions)  # <x[0], x[1]> = 0
1
"""

from __future__ import annotations

from typing import Any

from pep.errors import MIXED_MSG, InvalidArgument, MixedProblemsError
from pep.model.algebra import Point

__all__ = ["BlockPartition"]


class BlockPartition:
    """A partition of the space of ``problem`` into ``d >= 1`` orthogonal blocks.

    ``P.block(x, k)`` is the projection of ``x`` on block ``k`` (``0 <= k < d``) and
    ``P.blocks(x)`` all of them (they sum to ``x``). Declare it with
    ``problem.block_partition(d)`` or ``pep.BlockPartition(problem, d)``.
    """

    def __init__(self, problem: Any, d: int, name: str | None = None):
        from pep.model.problem import Problem

        if not isinstance(problem, Problem):
            raise InvalidArgument(f"problem={problem!r} is not a pep.Problem")
        if isinstance(d, bool) or not isinstance(d, int) or d < 1:
            raise InvalidArgument(f"BlockPartition(d={d!r}): d must be an integer >= 1 (blocks)")
        if name is not None and (not isinstance(name, str) or not name):
            raise InvalidArgument(f"name={name!r} must be a non-empty string")
        self.problem = problem
        self.d = d
        self.name = name or f"P{len(problem._partitions) + 1}"
        self._blocks: dict[Any, tuple[Point, ...]] = {}
        self._decomposed: list[tuple[str, tuple[Point, ...]]] = []
        problem._partitions.append(self)

    def __repr__(self) -> str:
        return f"BlockPartition({self.name}, d={self.d})"

    def blocks(self, x: Point) -> tuple[Point, ...]:
        """The ``d`` blocks of ``x`` (created, with their orthogonality, on first use)."""
        if not isinstance(x, Point):
            raise InvalidArgument(f"x={x!r} is not a pep.Point")
        if x.owner is not None and x.owner is not self.problem:
            raise MixedProblemsError(MIXED_MSG.format(what="the point decomposed"))
        key = x.key()
        if key not in self._blocks:
            self._blocks[key] = self._decompose(x)
        return self._blocks[key]

    def block(self, x: Point, k: int) -> Point:
        """The projection of ``x`` on block ``k``."""
        if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k < self.d:
            raise InvalidArgument(f"k={k!r}: a block index is an integer in [0, {self.d - 1}]")
        return self.blocks(x)[k]

    def _decompose(self, x: Point) -> tuple[Point, ...]:
        zero = Point({}, self.problem)
        if x.is_zero():  # the zero vector's blocks are zero: no new point, nothing to constrain
            return (zero,) * self.d
        if self.d == 1:
            return (x,)
        used = {label for label, _ in self._decomposed}
        label = x.name if x.name and x.name not in used else f"u{len(self._decomposed)}"
        new = [self.problem._point(f"{label}[{k}]", kind="block") for k in range(self.d - 1)]
        parts = (*new, x - sum(new, zero))
        self._decomposed.append((label, parts))
        for other, oparts in self._decomposed:
            for k in range(self.d):
                for m in range(self.d):
                    if k == m or (oparts is parts and k > m):
                        continue
                    self.problem.assume(
                        parts[k] @ oparts[m] == 0,
                        name=f"{self.name}:orthogonal({label}[{k}],{other}[{m}])",
                    )
        return parts
