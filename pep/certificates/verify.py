r"""Independent checker of a JSON certificate (``docs/certificate-format.md``, version 1).

Standard library (plus python-flint's rationals if installed), exact arithmetic, no ``eval``,
no import from ``pep``. Checks that :math:`B - \sum_k \nu_k m_k + \sum_r \lambda_r e_r -
\langle S, G\rangle \equiv 0`, :math:`\lambda \ge 0` on inequalities, :math:`\nu \ge 0`,
:math:`\sum\nu = 1`, :math:`S \succeq 0` (exact :math:`LDL^T`), and that interpolation rows equal
those rebuilt from their records. ``pep verify CERT.json`` runs it: exit 0 valid, 1 invalid,
2 malformed.

>>> check({"format": "pep-certificate", "version": 1})
Traceback (most recent call last):
...
pep.certificates.verify.MalformedCertificate: missing field 'bound'
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any

try:  # python-flint's rationals are ~10x faster; Fraction gives the same exact answers
    from flint import fmpq as _Q
except ImportError:  # pragma: no cover
    _Q = Fraction  # type: ignore[misc, assignment]

__all__ = ["MalformedCertificate", "check", "check_file"]

_RAT = re.compile(r"-?[0-9]{1,4000}(/[0-9]{1,4000})?")
_MAX_DIM = 5000


class MalformedCertificate(ValueError):
    """The document is not a well-formed version-1 certificate (the field is named)."""


def _q(s: Any, where: str) -> Any:
    if not isinstance(s, str) or not _RAT.fullmatch(s):
        raise MalformedCertificate(f"{where}: {str(s)[:40]!r} is not a rational string like '3/14'")
    num, _, den = s.partition("/")  # digits and '/' only: no exponent, no eval
    if den and int(den) == 0:
        raise MalformedCertificate(f"{where}: zero denominator in {s[:40]!r}")
    return _Q(int(num), int(den or 1))


def _get(d: Any, key: str, kind: type, where: str = "") -> Any:
    if not isinstance(d, dict) or key not in d:
        raise MalformedCertificate(f"missing field {where + key!r}")
    if not isinstance(d[key], kind) or isinstance(d[key], bool):
        raise MalformedCertificate(f"field {where + key!r} must be a {kind.__name__}")
    return d[key]


def _idx(v: Any, n: int, where: str) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < n:
        raise MalformedCertificate(f"{where}: index {v!r} out of range 0..{n - 1}")
    return v


def _row(r: Any, d: int, nf: int, where: str) -> dict:
    """A row as {('g', p, q): c, ('f', i): c, 'c': c} with p <= q."""
    out: dict = {"c": _q(_get(r, "const", str, where + "."), where + ".const")}
    for e in _get(r, "gram", list, where + "."):
        if not isinstance(e, list) or len(e) != 3:
            raise MalformedCertificate(f"{where}.gram: entries are [p, q, 'c']")
        p, q = sorted((_idx(e[0], d, where), _idx(e[1], d, where)))
        out[("g", p, q)] = out.get(("g", p, q), _Q(0)) + _q(e[2], where)
    for e in _get(r, "values", list, where + "."):
        if not isinstance(e, list) or len(e) != 2:
            raise MalformedCertificate(f"{where}.values: entries are [i, 'c']")
        key = ("f", _idx(e[0], nf, where))
        out[key] = out.get(key, _Q(0)) + _q(e[1], where)
    return {k: v for k, v in out.items() if v or k == "c"}


def _vec(v: Any, d: int, where: str) -> dict:
    if not isinstance(v, list) or any(not isinstance(e, list) or len(e) != 2 for e in v):
        raise MalformedCertificate(f"{where}: a vector is a list of [index, 'c']")
    out = {_idx(e[0], d, where): _q(e[1], where) for e in v}
    if len(out) != len(v):
        raise MalformedCertificate(f"{where}: repeated index in a vector")
    return out


def _lin(a: dict, b: dict, s: Any = -1) -> dict:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, _Q(0)) + s * v
    return out


def _ip(a: dict, b: dict, w: Any, acc: dict) -> None:
    """acc += w * <a, b> on canonical Gram slots."""
    for p, x in a.items():
        for q, y in b.items():
            key = ("g", min(p, q), max(p, q))
            acc[key] = acc.get(key, _Q(0)) + w * x * y


def _rebuild(cond: str, cls: str, par: dict, ri: dict, rj: dict) -> dict | None:
    """-(slack) of a pair condition rebuilt from its records: THG 2017 Thm 4 and the convex
    conditions ("interp"), the operator conditions of Ryu et al. 2020; None if unknown."""
    dx, dg, acc = _lin(ri["x"], rj["x"]), _lin(ri["g"], rj["g"]), {"c": _Q(0)}
    L: Any = par.get("L")
    mu: Any = par.get("mu", _Q(0))
    smooth, lipschitz = cond == "interp" and cls in _SMOOTH, cond == "lipschitz"
    if (smooth or (lipschitz and cls in _OPERATORS)) and not L:
        raise MalformedCertificate(f"class {cls} needs a positive parameter L")
    if cond == "interp" and cls in (*_SMOOTH, *_CONVEX):
        for k, s in ((ri["f"], 1), (rj["f"], -1)):
            for key, v in k.items():
                acc[key] = acc.get(key, _Q(0)) + s * v
        _ip(rj["g"], dx, _Q(-1), acc)
        if cls in _CONVEX:
            _ip(dx, dx, -mu / 2, acc)
        else:
            mu = -L if cls == "Smooth" else mu
            _ip(dg, dg, -1 / (2 * L), acc)
            if mu:
                r = _lin(dx, {k: v / L for k, v in dg.items()})
                _ip(r, r, -mu / (2 * (1 - mu / L)), acc)
    elif cond in ("monotone", "strongly_monotone", "cocoercive"):
        _ip(dg, dx, _Q(1), acc)
        if cond == "strongly_monotone":
            _ip(dx, dx, -mu, acc)
        if cond == "cocoercive":
            _ip(dg, dg, -par.get("beta", _Q(0)), acc)
    elif cond in ("lipschitz", "nonexpansive") and cls in _OPERATORS:
        _ip(dx, dx, (L if cond == "lipschitz" else 1) ** 2, acc)
        _ip(dg, dg, _Q(-1), acc)
    else:
        return None
    return {k: -v for k, v in acc.items() if v or k == "c"}


_SMOOTH = ("SmoothConvex", "SmoothStronglyConvex", "Smooth")
_CONVEX = ("Convex", "StronglyConvex", "ConvexLipschitz", "ConvexIndicator")
_OPERATORS = ("Lipschitz", "Nonexpansive", "LipschitzMonotone", "SmoothConvexConcave")


def _psd(S: dict, d: int) -> str | None:
    """None if S is PSD (exact LDL^T, diagonal pivoting), else the reason."""
    rows: dict[int, dict] = {i: {} for i in range(d)}
    for (p, q), v in S.items():
        if v:
            rows[p][q] = rows[q][p] = v
    active = set(range(d))
    while active:
        for i in active:
            if rows[i].get(i, 0) < 0 or (rows[i].get(i, 0) == 0 and rows[i]):
                return f"S is not PSD (pivot row {i})"
        piv = [i for i in active if rows[i].get(i, 0) > 0]
        if not piv:
            return None
        p = min(piv, key=lambda i: len(rows[i]))
        nb = [(i, v) for i, v in rows[p].items() if i != p]
        for i, vi in nb:
            f = vi / rows[p][p]
            for j, vj in nb:
                w = rows[i].get(j, 0) - f * vj
                if w:
                    rows[i][j] = w
                else:
                    rows[i].pop(j, None)
            rows[i].pop(p, None)
        rows[p] = {}
        active.discard(p)
    return None


def _oracles(doc: dict, d: int, nf: int) -> dict:
    out = {}
    for o in _get(doc, "oracles", list):
        par = {k: _q(v, "parameters") for k, v in _get(o, "parameters", dict).items()}
        recs = [
            {"x": _vec(_get(r, "x", list), d, "x"), "g": _vec(_get(r, "g", list), d, "g"),
             "f": _row(_get(r, "f", dict), d, nf, "record.f")}
            for r in _get(o, "records", list)
        ]  # fmt: skip
        out[_get(o, "name", str)] = (_get(o, "class", str), par, recs, o.get("rows_exact") is True)
    return out


def _constraint(c: Any, records: dict, d: int, nf: int, rem: dict) -> list[str]:
    """Add lambda * row to the remainder; the reasons this constraint is wrong."""
    name, sense = _get(c, "name", str), _get(c, "sense", str)
    lam, row = _q(_get(c, "multiplier", str), name), _row(_get(c, "row", dict), d, nf, name)
    bad = []
    if sense not in ("<=", "==") or (sense == "<=" and lam < 0):
        bad.append(f"constraint {name}: sense {sense!r} with multiplier {lam}")
    src = _get(c, "source", dict)
    if "oracle" in src:
        cls, par, recs, exact = records.get(src["oracle"], ("?", {}, [], False))
        ij = src.get("records")
        ok = isinstance(ij, list) and len(ij) in (1, 2)
        if not ok or any(type(i) is not int or not 0 <= i < len(recs) for i in ij):
            raise MalformedCertificate(f"constraint {name}: bad source records {ij!r}")
        cond = str(src.get("condition"))
        rebuilt = _rebuild(cond, cls, par, recs[ij[0]], recs[ij[-1]]) if exact else None
        if rebuilt is not None and len(ij) == 2 and rebuilt != row:
            bad.append(f"constraint {name}: row differs from the {cls} condition of its records")
    for key, v in row.items():
        rem[key] = rem.get(key, _Q(0)) + lam * v
    return bad


def check(doc: Any) -> list[str]:
    """Reasons the certificate fails (empty: valid). Malformed input raises MalformedCertificate."""
    if _get(doc, "format", str) != "pep-certificate" or _get(doc, "version", int) != 1:
        raise MalformedCertificate("not a version-1 'pep-certificate' document")
    rem: dict[Any, Any] = {"c": _q(_get(doc, "bound", str), "bound")}
    d, nf = len(_get(doc, "gram_basis", list)), len(_get(doc, "values", list))
    if d > _MAX_DIM or nf > _MAX_DIM:
        raise MalformedCertificate(f"dimension {max(d, nf)} exceeds {_MAX_DIM}")
    bad: list[str] = []
    total_nu = _Q(0)
    for k, o in enumerate(_get(doc, "objectives", list)):
        nu = _q(_get(o, "multiplier", str, "objectives."), f"objectives[{k}]")
        total_nu += nu
        bad += [f"objective {k}: multiplier {nu} < 0"] if nu < 0 else []
        for key, v in _row(_get(o, "row", dict), d, nf, f"objectives[{k}]").items():
            rem[key] = rem.get(key, _Q(0)) - nu * v
    bad += [f"objective multipliers sum to {total_nu}, not 1"] if total_nu != 1 else []
    records = _oracles(doc, d, nf)
    for c in _get(doc, "constraints", list):
        bad += _constraint(c, records, d, nf, rem)
    S: dict[tuple[int, int], Any] = {}
    for e in _get(doc, "S", list):
        if not isinstance(e, list) or len(e) != 3:
            raise MalformedCertificate("S: entries are [p, q, 'c'] with p <= q")
        p, q = _idx(e[0], d, "S"), _idx(e[1], d, "S")
        if p > q or (p, q) in S:
            raise MalformedCertificate(f"S: entry ({p}, {q}) repeated or below the diagonal")
        S[(p, q)] = _q(e[2], "S")
        rem[("g", p, q)] = rem.get(("g", p, q), _Q(0)) - (1 if p == q else 2) * S[(p, q)]
    bad += [f"identity: remainder {v} on {k}" for k, v in rem.items() if v][:10]
    reason = _psd(S, d)
    return bad + ([reason] if reason else [])


def _reject(c: str) -> Any:
    raise MalformedCertificate(f"non-finite number {c} in JSON")


def check_file(path: str) -> tuple[bool, str]:
    """``(valid, message)``; unreadable or malformed files raise MalformedCertificate."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh, parse_constant=_reject)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise MalformedCertificate(f"cannot read {path}: {exc}") from None
    bad = check(doc)
    return (not bad, "valid certificate of bound " + doc["bound"] if not bad else "; ".join(bad))
