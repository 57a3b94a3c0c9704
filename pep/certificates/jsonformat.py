"""Export a certificate as the versioned JSON document that :mod:`pep.certificates.verify` checks
on its own (format version 2: ``docs/certificate-format.md``).

The document states its theorem in full (``statement``): the point and value leaves, every
oracle with its class, exactly its parameters and its records (points, gradients and values
over the leaves), the assumptions, the objectives and the bound; and its proof (``proof``):
one multiplier per interpolation condition (oracle, condition, records) or assumption, the
objective weights and the PSD blocks. It holds no interpolation rows: the checker rebuilds
every one from the class and the records. Every number is a rational string (``"3/14"``);
loading never evaluates code.

>>> import pep
>>> exact = pep.algorithms.get("gd").setting(1).solve().certificate().rationalize()
>>> doc = certificate_document(exact)
>>> doc["format"], doc["version"], doc["statement"]["bound"]
('pep-certificate', 2, '1/6')
>>> doc["statement"]["oracles"][0]["class"], doc["statement"]["oracles"][0]["parameters"]
('SmoothConvex', {'L': '1'})
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from pep.certificates.exact import to_fraction
from pep.certificates.statement import class_parameters, exact_constraints, exact_scalar
from pep.errors import CertificateError

__all__ = ["FORMAT", "VERSION", "certificate_document", "statement_document", "rational"]

FORMAT = "pep-certificate"
VERSION = 2
_UNSAFE = re.compile(r"[^A-Za-z0-9_*'().+^,:\[\]{}#]")  # the checker's name alphabet


def rational(c: Any) -> str:
    """``"p/q"`` (or ``"p"``) for an exact number; a float is written exactly.

    >>> rational(Fraction(3, 14)), rational(2), rational(0.5)
    ('3/14', '2', '1/2')
    """
    return str(to_fraction(c))


class _Names:
    """Display names the checker accepts (its alphabet, at most 64 characters, unique)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, name: str, used: set[str] | None = None) -> str:
        used = self.used if used is None else used
        base = _UNSAFE.sub("_", str(name))[:60]
        base = base if base[:1].isalpha() or base[:1] == "_" else "_" + base  # never a number
        out, k = base, 2
        while out in used:
            out, k = f"{base}_{k}", k + 1
        used.add(out)
        return out


def _vector(p: Any, ppos: dict[Any, int]) -> list[list[Any]]:
    return sorted([ppos[lf], rational(c)] for lf, c in p.terms.items() if c)


def _expr(s: Any, ppos: dict[Any, int], fpos: dict[Any, int]) -> dict[str, Any]:
    gram: dict[tuple[int, ...], Fraction] = {}
    values: dict[int, Fraction] = {}
    for key, c in exact_scalar(s).terms.items():
        if isinstance(key, tuple):
            pq = tuple(sorted((ppos[key[0]], ppos[key[1]])))
            gram[pq] = gram.get(pq, Fraction(0)) + to_fraction(c)
        else:
            values[fpos[key]] = values.get(fpos[key], Fraction(0)) + to_fraction(c)
    return {
        "gram": [[p, q, rational(c)] for (p, q), c in sorted(gram.items()) if c],
        "values": [[i, rational(c)] for i, c in sorted(values.items()) if c],
        "const": rational(s.constant),
    }


def statement_document(problem: Any, bound: Any = None) -> dict[str, Any]:
    """The ``statement`` part of a version-2 document: what a certificate of ``problem`` proves
    (``bound`` omitted when None, e.g. for ``pep verify --expect``)."""
    points = [lf for lf in problem.leaves if lf.kind == "point"]
    vals = [lf for lf in problem.leaves if lf.kind == "value"]
    ppos = {lf: k for k, lf in enumerate(points)}
    fpos = {lf: k for k, lf in enumerate(vals)}
    names, oracle_names, assumption_names = _Names(), _Names(), _Names()
    out: dict[str, Any] = {
        "points": [names(lf.name) for lf in points],
        "values": [names(lf.name) for lf in vals],
        "oracles": [],
        "assumptions": [],
        "objectives": [_expr(m, ppos, fpos) for m in problem.objectives],
    }
    for o in problem.oracles:
        labels: set[str] = set()
        records = [
            {
                "label": names(r.label, labels),
                "x": _vector(r.x, ppos),
                "g": _vector(r.g, ppos),
                "f": _expr(r.f, ppos, fpos),
            }
            for r in o.records
        ]
        out["oracles"].append(
            {
                "name": oracle_names(o.name),
                "class": type(o.cls).__name__,
                "parameters": {k: rational(v) for k, v in class_parameters(o.cls).items()},
                "records": records,
            }
        )
    for a in problem.assumptions:
        expr = _expr(a.expr, ppos, fpos)
        out["assumptions"].append(
            {"name": assumption_names(a.name), "sense": a.sense, "expr": expr}
        )
    if bound is not None:
        out["bound"] = rational(bound)
    return out


def _lmi_blocks(cert: Any, oracle_names: list[str]) -> list[dict[str, Any]]:
    """One ``{"block": "lmi", "oracle": ..., "entries": ...}`` per PSD block of an LMI class:
    the matrix over the oracle's records (:mod:`pep.certificates.lmi`)."""
    from pep.certificates.lmi import exact_psd_blocks

    blocks = {b.name: b for b in exact_psd_blocks(cert.problem)} if cert.psd_blocks else {}
    out = []
    for name, Z in cert.psd_blocks.items():
        if name not in blocks or blocks[name].condition != "lmi":
            raise CertificateError(f"certificate: the JSON format has no PSD block {name!r}")
        k = len(Z)
        entries = [[p, q, rational(Z[p][q])] for p in range(k) for q in range(p, k) if Z[p][q]]
        out.append(
            {"block": "lmi", "oracle": oracle_names[blocks[name].oracle], "entries": entries}
        )
    return out


def certificate_document(cert: Any) -> dict[str, Any]:
    """The JSON-ready version-2 document of ``cert`` (an ExactCertificate)."""
    problem = cert.problem
    statement = statement_document(problem, cert.bound)
    oracle_names = [o["name"] for o in statement["oracles"]]
    assumption_names = [a["name"] for a in statement["assumptions"]]
    sources = {c.name: c.source for c in exact_constraints(problem)}
    multipliers = []
    for name, lam in cert.multipliers.items():
        if name not in sources:
            raise CertificateError(f"certificate: unknown constraint {name!r}")
        src = sources[name]
        entry: dict[str, Any]
        if src.oracle is None:
            k = [a.name for a in problem.assumptions].index(name)
            entry = {"assumption": assumption_names[k]}
        else:
            entry = {
                "oracle": oracle_names[src.oracle],
                "condition": src.condition,
                "records": list(src.records),
            }
        entry["value"] = rational(lam)
        multipliers.append(entry)
    d = len(statement["points"])
    S = [[p, q, rational(cert.S[p][q])] for p in range(d) for q in range(p, d) if cert.S[p][q]]
    return {
        "format": FORMAT,
        "version": VERSION,
        "statement": statement,
        "proof": {
            "kind": cert.kind,
            "objective_weights": [rational(nu) for nu in cert.objective_multipliers],
            "multipliers": multipliers,
            "psd": [{"block": "gram", "entries": S}, *_lmi_blocks(cert, oracle_names)],
        },
    }
