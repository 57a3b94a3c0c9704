"""Export an :class:`~pep.certificates.certificate.ExactCertificate` as the versioned JSON document that
:mod:`pep.certificates.verify` checks on its own (format: ``docs/certificate-format.md``).

Every number is a rational string (``"3/14"``, ``"-2"``); loading never evaluates code. The
document holds the claim (objectives, bound), every constraint with a nonzero multiplier as an
explicit coefficient row, the oracle records (points as coefficient vectors over the Gram
basis, values over the value basis) with the class and its parameters, so that a checker can
rebuild each interpolation inequality from the theorem rather than trust the row, and ``S``.

>>> import pep
>>> exact = pep.algorithms.get("gd").setting(1).solve().certificate().rationalize()
>>> doc = certificate_document(exact)
>>> doc["format"], doc["version"], doc["bound"]
('pep-certificate', 1, '1/6')
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

from pep.certificates.exact import to_fraction

__all__ = ["FORMAT", "VERSION", "certificate_document", "rational"]

FORMAT = "pep-certificate"
VERSION = 1


def rational(c: Any) -> str:
    """``"p/q"`` (or ``"p"``) for an exact number; a float is written exactly.

    >>> rational(Fraction(3, 14)), rational(2), rational(0.5)
    ('3/14', '2', '1/2')
    """
    return str(to_fraction(c))


def _vector(p: Any, ppos: dict[Any, int]) -> list[list[Any]]:
    return sorted([ppos[lf], rational(c)] for lf, c in p.terms.items())


def _scalar(s: Any, ppos: dict[Any, int], fpos: dict[Any, int]) -> dict[str, Any]:
    gram: dict[tuple[int, ...], Fraction] = {}
    values: dict[int, Fraction] = {}
    for key, c in s.terms.items():
        if isinstance(key, tuple):
            pq = tuple(sorted((ppos[key[0]], ppos[key[1]])))
            gram[pq] = gram.get(pq, Fraction(0)) + to_fraction(c)
        else:
            values[fpos[key]] = to_fraction(c)
    return {
        "gram": [[p, q, rational(c)] for (p, q), c in sorted(gram.items()) if c],
        "values": [[i, rational(c)] for i, c in sorted(values.items()) if c],
        "const": rational(s.constant),
    }


def _parameters(cls: Any) -> dict[str, str]:
    out = {}
    for f in dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ():
        v = getattr(cls, f.name)
        if v is not None:
            try:
                out[f.name] = rational(v)
            except Exception:  # symbolic parameter: not part of an exact certificate
                out[f.name] = str(v)
    return out


def _oracles(problem: Any, ppos: dict[Any, int], fpos: dict[Any, int]) -> list[dict[str, Any]]:
    out = []
    for o in problem.oracles:
        records = [
            {
                "label": r.label,
                "x": _vector(r.x, ppos),
                "g": _vector(r.g, ppos),
                "f": _scalar(r.f, ppos, fpos),
            }
            for r in o.records
        ]
        # with float steps (e.g. OGM's theta) pep's rows are float products, i.e. exact rows of
        # a model within rounding of the records; only exact records define the rows exactly
        exact = all(
            isinstance(c, (int, Fraction))
            for r in o.records
            for p in (r.x, r.g, r.f)
            for c in (*p.terms.values(), *((p.constant,) if hasattr(p, "constant") else ()))
        ) and all(not isinstance(getattr(o.cls, f, 0), float) for f in ("L", "mu", "M", "D"))
        out.append(
            {
                "name": o.name,
                "class": type(o.cls).__name__,
                "parameters": _parameters(o.cls),
                "rows_exact": exact,
                "records": records,
            }
        )
    return out


def _source(name: str, problem: Any) -> dict[str, Any]:
    """Which oracle, condition and records an interpolation constraint comes from."""
    for o in problem.oracles:
        prefix = f"{o.name}:"
        if not name.startswith(prefix) or not name.endswith(")") or "(" not in name:
            continue
        cond, _, args = name[len(prefix) : -1].partition("(")
        labels = [r.label for r in o.records]
        parts = args.split(",")
        if all(p in labels for p in parts):
            return {
                "oracle": o.name,
                "condition": cond,
                "records": [labels.index(p) for p in parts],
            }
    return {"assumption": name}


def certificate_document(cert: Any) -> dict[str, Any]:
    """The JSON-ready dict of ``cert`` (an ExactCertificate)."""
    problem = cert.problem
    points = [lf for lf in problem.leaves if lf.kind == "point"]
    vals = [lf for lf in problem.leaves if lf.kind == "value"]
    ppos = {lf: k for k, lf in enumerate(points)}
    fpos = {lf: k for k, lf in enumerate(vals)}
    cons = {c.name: c for c in problem.constraints()}
    assumed = {c.name for c in problem.assumptions}
    constraints = []
    for name, lam in cert.multipliers.items():
        c = cons[name]
        constraints.append(
            {
                "name": name,
                "sense": c.sense,
                "multiplier": rational(lam),
                "row": _scalar(c.expr, ppos, fpos),
                "source": {"assumption": name} if name in assumed else _source(name, problem),
            }
        )
    d = len(points)
    S = [[p, q, rational(cert.S[p][q])] for p in range(d) for q in range(p, d) if cert.S[p][q]]
    return {
        "format": FORMAT,
        "version": VERSION,
        "claim": "min over objectives <= bound, for every point satisfying the constraints",
        "kind": cert.kind,
        "bound": rational(cert.bound),
        "gram_basis": [lf.name for lf in points],
        "values": [lf.name for lf in vals],
        "objectives": [
            {"name": f"objective{k}", "multiplier": rational(nu), "row": _scalar(m, ppos, fpos)}
            for k, (m, nu) in enumerate(zip(problem.objectives, cert.objective_multipliers))
        ],
        "constraints": constraints,
        "S": S,
        "oracles": _oracles(problem, ppos, fpos),
    }
