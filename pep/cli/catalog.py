"""What ``pep list`` shows, as plain data: the named algorithms and the function and
operator classes exported by :mod:`pep`, with parameters and references.

>>> {"gd", "ogm"} <= {a["name"] for a in algorithm_catalog()}
True
>>> next(c for c in class_catalog() if c["name"] == "SmoothStronglyConvex")["parameters"]
['L', 'mu']
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

__all__ = ["algorithm_catalog", "class_catalog"]


def algorithm_catalog() -> list[dict[str, Any]]:
    """Name, title, defaults (as text), problem class and reference of every algorithm."""
    from pep import algorithms

    out = []
    for name in algorithms.names():
        a = algorithms.get(name)
        out.append(
            {
                "name": a.name,
                "title": a.title,
                "defaults": {k: str(v) for k, v in a.defaults.items()},
                "problem_class": a.problem_class,
                "reference": a.reference,
            }
        )
    return out


def class_catalog() -> list[dict[str, Any]]:
    """Kind (function/operator), name, constructor parameters and the reference paragraph of
    the defining module, for every class in ``pep.__all__`` that states interpolation
    conditions."""
    import pep

    rows = []
    for name in pep.__all__:
        obj = getattr(pep, name)
        if not (isinstance(obj, type) and dataclasses.is_dataclass(obj)):
            continue
        if not hasattr(obj, "pair_conditions"):
            continue
        kind = "operator" if obj.__module__.startswith("pep.operators") else "function"
        doc = sys.modules[obj.__module__].__doc__ or ""
        ref = next((p for p in doc.split("\n\n") if p.lstrip().startswith("Reference")), "")
        rows.append(
            {
                "kind": kind,
                "name": name,
                "parameters": [f.name for f in dataclasses.fields(obj) if f.init],
                "reference": " ".join(ref.split()),
                "exact": bool(getattr(obj, "interpolation_exact", True)),
            }
        )
    return rows
