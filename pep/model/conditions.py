r"""How a class's conditions are evaluated: on pairs, on single records, and over all records.

A class states its conditions as slacks (expressions ``>= 0``). Most classes need only the two
records of a pair, :math:`(x_i, g_i, f_i)` and :math:`(x_j, g_j, f_j)`. Some conditions are
stated *over all records* relative to something else, and this module is the one place that
says how such conditions are called, so the exact constraints
(:func:`pep.model.problem.interpolation_constraints`), the compiler (:mod:`pep.sdp.compile`)
and the contract tests evaluate them alike:

* **anchored** classes (``anchored = True``) relate every record to the function's own
  stationary point :math:`(x_\star, 0, f_\star)` (e.g. quadratic growth,
  :math:`f_\star \ge f_i + \langle g_i, x_\star - x_i\rangle + \frac{1}{2L}\|g_i\|^2`): their
  methods take the stationary record ``s`` as a last argument,
  ``pair_conditions(i, j, s)`` and ``point_conditions(i, s)``. The stationary point is created
  when the function is declared, and the conditions are generated at compile time from every
  record, so records created later are never missed.
* **parts**: a class with ``n_parts > 0`` (e.g. block-smooth functions) derives points from each
  record when it is created (``record_parts(x, g)``, e.g. the blocks of ``g``), stored in
  ``Record.parts``.
* **point parameters**: a dataclass field holding a :class:`pep.Point` (a center, a displacement
  vector) is a vector of the problem; the compiler treats it as one more slot.

>>> import pep
>>> anchored(pep.ConvexQG(L=1)), anchored(pep.SmoothConvex(L=1))
(True, False)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from pep.model.algebra import Point

__all__ = ["anchored", "n_parts", "point_parameters", "pair_slacks", "point_slacks"]


def anchored(cls: Any) -> bool:
    """True when the class's conditions also take the function's stationary record."""
    return bool(getattr(cls, "anchored", False))


def n_parts(cls: Any) -> int:
    """Number of derived points per record (``Record.parts``), 0 for most classes."""
    return int(getattr(cls, "n_parts", 0))


def point_parameters(cls: Any) -> dict[str, Point]:
    """The class's dataclass fields that hold a :class:`pep.Point` (in field order)."""
    if not dataclasses.is_dataclass(cls):
        return {}
    out = {}
    for f in dataclasses.fields(cls):
        v = getattr(cls, f.name, None)
        if isinstance(v, Point):
            out[f.name] = v
    return out


def pair_slacks(cls: Any, i: Any, j: Any, s: Any = None) -> Mapping[str, Any]:
    """Slacks of the ordered pair ``(i, j)`` (with the stationary record ``s`` if anchored)."""
    return cls.pair_conditions(i, j, s) if anchored(cls) else cls.pair_conditions(i, j)


def point_slacks(cls: Any, i: Any, s: Any = None) -> Mapping[str, Any]:
    """Slacks of the single record ``i`` (relative to ``s`` if anchored; empty when ``i`` is
    ``s`` itself, where every anchored condition is vacuous)."""
    if anchored(cls):
        return {} if i is s else cls.point_conditions(i, s)
    return cls.point_conditions(i)
