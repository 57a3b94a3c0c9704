r"""Independent checker of pep certificates, format version 2 (``docs/certificate-format.md``).

A certificate states a theorem -- every oracle with its class, exactly its parameters and its
records (points, gradients, values over free leaves), the assumptions, the objectives and the
bound -- and a proof: multipliers :math:`\lambda` on interpolation conditions and assumptions,
objective weights :math:`\nu` and PSD blocks :math:`S`. The checker rebuilds every interpolation
inequality :math:`e_r \le 0` from its class and its records (no field can make it trust a row),
then checks in exact rational arithmetic, in this order:

1. :math:`\lambda \ge 0` on every inequality (free only on an equality assumption),
   :math:`\nu \ge 0`, :math:`\sum_k \nu_k = 1`;
2. the identity :math:`B - \sum_k \nu_k m_k + \sum_r \lambda_r e_r - \langle S, G\rangle \equiv 0`
   in the Gram matrix :math:`G` and the values :math:`F`;
3. only then :math:`S \succeq 0` (exact :math:`LDL^T` with diagonal pivoting).

At any configuration the statement allows, :math:`-\lambda_r e_r \ge 0` and
:math:`\langle S, G\rangle \ge 0`, hence :math:`\min_k m_k \le B`: the theorem printed by
:func:`theorem`. Standard library only (``json``, ``os``, ``re``, ``fractions``), no ``eval``,
nothing from pep. Sizes are checked against :data:`LIMITS` while parsing, before any
arithmetic; the arithmetic is metered (``LIMITS["work"]``). Malformed or oversized input raises
:class:`MalformedCertificate`.

>>> check({"format": "pep-certificate", "version": 1})
Traceback (most recent call last):
...
pep.certificates.verify.MalformedCertificate: version 1 certificates do not state their theorem and are no longer accepted; re-export with pep run ALGORITHM --N n --save-certificate CERT.json
"""

from __future__ import annotations

import json
import os
import re
from fractions import Fraction
from typing import Any

__all__ = ["LIMITS", "MalformedCertificate", "LimitExceeded", "check", "theorem", "check_file"]

LIMITS = {
    "bytes": 10_000_000,  # size of the file
    "digits": 1000,  # digits of one integer (numerator or denominator)
    "total_digits": 400_000,  # characters of all numbers in the document
    "points": 400,  # Gram dimension d
    "values": 4000,
    "oracles": 100,
    "records": 4000,  # over all oracles
    "multipliers": 100_000,
    "assumptions": 1000,
    "objectives": 100,
    "work": 150_000_000,  # exact arithmetic, in word operations (see _Work): about 3 s
}
_D = LIMITS["digits"]
_NUM = re.compile(rf"-?([0-9]{{1,{_D}}})(?:/([0-9]{{1,{_D}}}))?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_*'().+^,:\[\]{}#]{0,63}")  # never a number
_Z = Fraction(0)
_SMOOTH = ("SmoothStronglyConvex", "SmoothConvex", "Smooth")
# class: (has values, {parameter: ">0" | ">=0" | "?>0" (optional)}, {condition: records}, words)
_CLASSES: dict[str, tuple[bool, dict[str, str], dict[str, int], str]] = {
    "SmoothStronglyConvex": (True, {"L": ">0", "mu": ">=0"}, {"interp": 2},
                             "L-smooth mu-strongly convex functions"),
    "SmoothConvex": (True, {"L": ">0"}, {"interp": 2}, "L-smooth convex functions"),
    "Smooth": (True, {"L": ">0"}, {"interp": 2}, "L-smooth functions, curvature in [-L, L]"),
    "Convex": (True, {}, {"interp": 2}, "closed proper convex functions"),
    "StronglyConvex": (True, {"mu": ">0"}, {"interp": 2}, "mu-strongly convex functions"),
    "ConvexLipschitz": (True, {"M": ">0"}, {"interp": 2, "lipschitz": 1},
                        "convex M-Lipschitz functions"),
    "ConvexIndicator": (False, {"D": "?>0"}, {"interp": 2, "diameter": 2},
                        "indicators of closed convex sets, of diameter at most D if given"),
    "Monotone": (False, {}, {"monotone": 2}, "maximal monotone operators"),
    "StronglyMonotone": (False, {"mu": ">0"}, {"strongly_monotone": 2},
                         "mu-strongly monotone operators"),
    "Cocoercive": (False, {"beta": ">0"}, {"cocoercive": 2}, "beta-cocoercive operators"),
    "Lipschitz": (False, {"L": ">=0"}, {"lipschitz": 2}, "L-Lipschitz operators"),
    "Nonexpansive": (False, {}, {"nonexpansive": 2}, "1-Lipschitz operators"),
    "LipschitzMonotone": (False, {"L": ">0"}, {"monotone": 2, "lipschitz": 2},
                          "monotone L-Lipschitz operators"),
    "SmoothConvexConcave": (False, {"L": ">0"}, {"monotone": 2, "lipschitz": 2},
                            "saddle operators of L-smooth convex-concave functions"),
    "SmoothStronglyConvexQuadratic": (True, {"L": ">=0", "mu": ">=0"}, {"value": 1, "sym": 2},
                                      "quadratics 1/2 <x, Qx>, Q symmetric, mu I <= Q <= L I"),
}  # fmt: skip
# equality conditions (free multipliers) and the PSD block ("lmi") of the LMI classes:
# Bousselmi, Hendrickx, Glineur, SIAM J. Optim. (2024), arXiv:2302.08781, Thm 3.3
_LMI = {"SmoothStronglyConvexQuadratic": {"value", "sym"}}
_FUNCTIONS = ("Convex", "StronglyConvex", "ConvexLipschitz", "ConvexIndicator", *_SMOOTH,
              "SmoothStronglyConvexQuadratic")  # fmt: skip


def _conditions(cls: str, par: dict) -> dict[str, tuple]:
    r"""Each condition's slack (:math:`\ge 0` on the class) as (value weights, constant, terms
    [(c, a, b)]): :math:`w_i f_i + w_j f_j + \text{const} + \sum c\langle a, b\rangle`, with a, b
    combinations of the records' xi, xj, gi, gj. Taylor, Hendrickx, Glineur, Math. Program. 161
    (2017) Thm 4 (smooth classes; Smooth: mu = -L) and SIAM J. Optim. 27 (2017) (convex,
    Lipschitz, indicators); Ryu, Taylor, Bergeling, Giselsson, SIAM J. Optim. 30 (2020)."""
    dx, dg, gj = {"xi": 1, "xj": -1}, {"gi": 1, "gj": -1}, {"gj": 1}
    if cls in _LMI:  # slack = -e: 1/2 <xi, gi> - fi (value), <xj, gi> - <xi, gj> (sym)
        return {"value": ({"i": -1}, _Z, [(Fraction(1, 2), {"xi": 1}, {"gi": 1})]),
                "sym": ({}, _Z, [(1, {"xj": 1}, {"gi": 1}), (-1, {"xi": 1}, gj)])}  # fmt: skip
    if cls in _SMOOTH:  # f_i - f_j - <g_j, dx> - |dg|^2/(2L) - mu/(2(1 - mu/L)) |dx - dg/L|^2
        L = par["L"]
        mu = -L if cls == "Smooth" else par.get("mu", _Z)
        r = {"xi": 1, "xj": -1, "gi": -1 / L, "gj": 1 / L}
        terms = [(-1, gj, dx), (-1 / (2 * L), dg, dg), (-mu / (2 * (1 - mu / L)), r, r)]
        return {"interp": ({"i": 1, "j": -1}, _Z, terms)}
    if cls in _FUNCTIONS:  # f_i - f_j - <g_j, dx> - mu/2 |dx|^2  (indicators: f = 0)
        mu = par.get("mu", _Z)
        out = {"interp": ({"i": 1, "j": -1}, _Z, [(-1, gj, dx), (-mu / 2, dx, dx)])}
        if cls == "ConvexLipschitz":  # M^2 - |g_i|^2, one record
            out["lipschitz"] = ({}, par["M"] ** 2, [(-1, {"gi": 1}, {"gi": 1})])
        if "D" in par:  # D^2 - |dx|^2
            out["diameter"] = ({}, par["D"] ** 2, [(-1, dx, dx)])
        return out
    lip = [(par.get("L", 1) ** 2, dx, dx), (-1, dg, dg)]  # L^2 |dx|^2 - |du|^2
    return {
        "monotone": ({}, _Z, [(1, dg, dx)]),  # <du, dx>
        "strongly_monotone": ({}, _Z, [(1, dg, dx), (-par.get("mu", _Z), dx, dx)]),
        "cocoercive": ({}, _Z, [(1, dg, dx), (-par.get("beta", _Z), dg, dg)]),
        "lipschitz": ({}, _Z, lip),
        "nonexpansive": ({}, _Z, lip),
    }


class MalformedCertificate(ValueError):
    """Not a well-formed version-2 certificate, or beyond LIMITS (the field is named)."""


class LimitExceeded(MalformedCertificate):
    """The document exceeds a resource limit of :data:`LIMITS`."""


class _Work:
    """Metered exact arithmetic: an operation costs the product of its operands' sizes in
    32-bit words plus 100 (the interpreter's cost of one operation on small numbers: measured
    about 1.5 us, and 0.015 us per word product on large ones); past ``LIMITS["work"]`` the
    check stops with LimitExceeded, so a check takes a few seconds at most, whatever the input."""

    def __init__(self) -> None:
        self.left, self.digits, self.records = LIMITS["work"], 0, 0

    def pay(self, *xs: Any) -> None:
        cost = 1
        for x in xs:  # schoolbook products and gcds: size(a) * size(b) word operations
            cost *= 1 + (x.numerator.bit_length() + x.denominator.bit_length()) // 32
        self.left -= cost + 100
        if self.left < 0:
            raise LimitExceeded(f"the check needs more exact arithmetic than LIMITS['work'] = "
                                f"{LIMITS['work']} allows")  # fmt: skip

    def add(self, acc: dict, key: Any, v: Any) -> None:
        old = acc.get(key, _Z)
        self.pay(old, v)
        acc[key] = old + v

    def mul(self, a: Any, b: Any) -> Any:
        self.pay(a, b)
        return a * b


# -- parsing ---------------------------------------------------------------------------------
def _keys(d: Any, where: str, required: tuple, optional: tuple = ()) -> dict:
    if not isinstance(d, dict):
        raise MalformedCertificate(f"{where} must be an object with fields {list(required)}")
    missing = [k for k in required if k not in d]
    extra = [k for k in d if k not in required and k not in optional]
    if missing or extra:
        what = (
            f"missing field {missing[0]!r}" if missing else f"unknown field {str(extra[0])[:40]!r}"
        )
        raise MalformedCertificate(f"{where}: {what}")
    return d


def _list(v: Any, where: str, limit: int) -> list:
    if not isinstance(v, list):
        raise MalformedCertificate(f"{where} must be a list")
    if len(v) > limit:
        raise LimitExceeded(f"{where}: {len(v)} entries exceed the limit {limit}")
    return v


def _num(s: Any, where: str, work: _Work) -> Fraction:
    m = _NUM.fullmatch(s) if isinstance(s, str) else None
    if m is None:
        raise MalformedCertificate(f"{where}: {str(s)[:40]!r} is not a rational string like "
                                   f"'-3/14' (at most {LIMITS['digits']} digits per integer)")  # fmt: skip
    work.digits += len(s)
    if work.digits > LIMITS["total_digits"]:
        raise LimitExceeded(f"more than {LIMITS['total_digits']} digits in the document")
    if m.group(2) is not None and int(m.group(2)) == 0:
        raise MalformedCertificate(f"{where}: zero denominator in {s[:40]!r}")
    return Fraction(int(s.partition("/")[0]), int(m.group(2) or 1))


def _index(v: Any, n: int, where: str) -> int:
    if type(v) is not int or not 0 <= v < n:
        raise MalformedCertificate(f"{where}: index {str(v)[:20]} is not in 0..{n - 1}")
    return v


def _name(v: Any, where: str, taken: set) -> str:
    if not isinstance(v, str) or not _NAME.fullmatch(v):
        raise MalformedCertificate(f"{where}: {str(v)[:40]!r} is not a name (a letter or _, "
                                   "then up to 63 of A-Z a-z 0-9 _*'().+^,:[]{}#)")  # fmt: skip
    if v in taken:
        raise MalformedCertificate(f"{where}: duplicate name {v!r}")
    taken.add(v)
    return v


def _vector(v: Any, d: int, where: str, work: _Work) -> dict:
    out: dict = {}
    for e in _list(v, where, d):
        if not isinstance(e, list) or len(e) != 2:
            raise MalformedCertificate(f"{where}: a vector is a list of [index, 'c']")
        p = _index(e[0], d, where)
        if p in out:
            raise MalformedCertificate(f"{where}: index {p} repeated")
        out[p] = _num(e[1], where, work)
    return {p: c for p, c in out.items() if c}


def _form(v: Any, d: int, nf: int, where: str, work: _Work) -> dict:
    """An affine function of (G, F): {('g', p, q): c (p <= q), ('f', i): c, 'c': const}."""
    _keys(v, where, ("gram", "values", "const"))
    out: dict = {"c": _num(v["const"], where + ".const", work)}
    for e in _list(v["gram"], where + ".gram", d * (d + 1) // 2):
        if not isinstance(e, list) or len(e) != 3:
            raise MalformedCertificate(f"{where}.gram: entries are [p, q, 'c'] with p <= q")
        key: tuple = ("g", _index(e[0], d, where), _index(e[1], d, where))
        if key[1] > key[2] or key in out:
            raise MalformedCertificate(f"{where}.gram: entry {key[1:]} repeated or p > q")
        out[key] = _num(e[2], where + ".gram", work)
    for e in _list(v["values"], where + ".values", nf):
        if not isinstance(e, list) or len(e) != 2:
            raise MalformedCertificate(f"{where}.values: entries are [i, 'c']")
        key = ("f", _index(e[0], nf, where))
        if key in out:
            raise MalformedCertificate(f"{where}.values: index {key[1]} repeated")
        out[key] = _num(e[1], where + ".values", work)
    return {k: c for k, c in out.items() if c or k == "c"}


def _parameters(p: Any, cls: str, where: str, work: _Work) -> dict:
    rules = _CLASSES[cls][1]
    if not isinstance(p, dict):
        raise MalformedCertificate(f"{where} must be an object")
    for k in p:
        if k not in rules:
            raise MalformedCertificate(f"{where}: {cls} has no parameter {str(k)[:20]!r} (its "
                                       f"parameters: {', '.join(rules) or 'none'})")  # fmt: skip
    par = {k: _num(p[k], f"{where}.{k}", work) for k in rules if k in p}
    for k, rule in rules.items():
        if k not in par and not rule.startswith("?"):
            raise MalformedCertificate(f"{where}: {cls} needs the parameter {k!r}")
        if k in par and (par[k] < 0 or (par[k] == 0 and rule.endswith(">0"))):
            op = rule.lstrip("?")[:-1]
            raise MalformedCertificate(f"{where}: {cls} needs {k} {op} 0, not {_q(par[k])}")
    if cls in _LMI and par["mu"] > par["L"]:
        raise MalformedCertificate(f"{where}: {cls} needs mu <= L")
    if cls == "SmoothStronglyConvex" and par["mu"] >= par["L"]:
        raise MalformedCertificate(f"{where}: SmoothStronglyConvex needs mu < L, not "
                                   f"mu = {par['mu']}, L = {par['L']}")  # fmt: skip
    return par


def _oracle(o: Any, d: int, nf: int, where: str, work: _Work) -> dict:
    _keys(o, where, ("name", "class", "parameters", "records"))
    cls = o["class"]
    if not isinstance(cls, str) or cls not in _CLASSES:
        raise MalformedCertificate(f"{where}: unknown class {str(cls)[:40]!r}; the checker "
                                   f"knows {', '.join(_CLASSES)}")  # fmt: skip
    par = _parameters(o["parameters"], cls, where + ".parameters", work)
    recs: list = []
    labels: set = set()
    records = _list(o["records"], where + ".records", LIMITS["records"])
    work.records += len(records)
    if work.records > LIMITS["records"]:
        raise LimitExceeded(f"more than {LIMITS['records']} records")
    for k, r in enumerate(records):
        at = f"{where}.records[{k}]"
        _keys(r, at, ("label", "x", "g", "f"))
        label = _name(r["label"], at + ".label", labels)
        f = _form(r["f"], d, nf, at + ".f", work)
        if not _CLASSES[cls][0] and (len(f) > 1 or f["c"]):
            raise MalformedCertificate(f"{at}.f: {cls} has no function values; f must be 0")
        recs.append(
            (label, _vector(r["x"], d, at + ".x", work), _vector(r["g"], d, at + ".g", work), f)
        )
    return {"cls": cls, "par": par, "recs": recs, "conds": _conditions(cls, par)}


def _statement(st: Any, work: _Work, bound: bool = True) -> dict:
    """The parsed theorem: leaves, oracles, assumptions, objectives (and the bound)."""
    required = ("points", "values", "oracles", "assumptions", "objectives")
    _keys(st, "statement", required + (("bound",) if bound else ()))
    leaves: set = set()
    points = [_name(v, f"statement.points[{k}]", leaves) for k, v in
              enumerate(_list(st["points"], "statement.points", LIMITS["points"]))]  # fmt: skip
    values = [_name(v, f"statement.values[{k}]", leaves) for k, v in
              enumerate(_list(st["values"], "statement.values", LIMITS["values"]))]  # fmt: skip
    d, nf = len(points), len(values)
    oracles: dict[str, dict] = {}
    names: set[str] = set()
    for k, o in enumerate(_list(st["oracles"], "statement.oracles", LIMITS["oracles"])):
        at = f"statement.oracles[{k}]"
        name = _name(o.get("name") if isinstance(o, dict) else None, at + ".name", names)
        oracles[name] = _oracle(o, d, nf, at, work)
    assumptions: dict = {}
    for k, a in enumerate(_list(st["assumptions"], "statement.assumptions", LIMITS["assumptions"])):
        at = f"statement.assumptions[{k}]"
        _keys(a, at, ("name", "sense", "expr"))
        name = _name(a["name"], at + ".name", set(assumptions))
        if a["sense"] not in ("<=", "=="):
            raise MalformedCertificate(
                f"{at}.sense must be '<=' or '==', not {str(a['sense'])[:9]!r}"
            )
        assumptions[name] = (a["sense"], _form(a["expr"], d, nf, at + ".expr", work))
    objectives = [_form(m, d, nf, f"statement.objectives[{k}]", work) for k, m in
                  enumerate(_list(st["objectives"], "statement.objectives", LIMITS["objectives"]))]  # fmt: skip
    if not objectives:
        raise MalformedCertificate("statement.objectives: at least one objective is needed")
    out: dict[str, Any] = {"points": points, "values": values, "oracles": oracles,
           "assumptions": assumptions, "objectives": objectives}  # fmt: skip
    if bound:
        out["bound"] = _num(st["bound"], "statement.bound", work)
    return out


def _multiplier(m: Any, st: dict, at: str) -> tuple:
    """The key of a multiplier: (assumption,) or (oracle, condition, i[, j])."""
    if isinstance(m, dict) and "assumption" in m:
        _keys(m, at, ("assumption", "value"))
        if not isinstance(m["assumption"], str) or m["assumption"] not in st["assumptions"]:
            raise MalformedCertificate(f"{at}: no assumption named {str(m['assumption'])[:40]!r}")
        return (m["assumption"],)
    _keys(m, at, ("oracle", "condition", "records", "value"))
    o = st["oracles"].get(m["oracle"]) if isinstance(m["oracle"], str) else None
    if o is None:
        raise MalformedCertificate(f"{at}: no oracle named {str(m['oracle'])[:40]!r}")
    conds, cond = _CLASSES[o["cls"]][2], m["condition"]
    if not isinstance(cond, str) or cond not in o["conds"] or cond not in conds:
        raise MalformedCertificate(f"{at}: {o['cls']} has no condition {str(cond)[:40]!r} (its "
                                   f"conditions: {', '.join(conds)})")  # fmt: skip
    ij = [_index(i, len(o["recs"]), at) for i in _list(m["records"], at + ".records", 2)]
    if len(ij) != conds[cond] or len(set(ij)) != len(ij):
        raise MalformedCertificate(f"{at}: condition {cond!r} takes {conds[cond]} distinct records")
    return (m["oracle"], cond, *ij)


def _proof(pf: Any, st: dict, work: _Work) -> dict:
    _keys(pf, "proof", ("objective_weights", "multipliers", "psd"), ("kind",))
    weights = _list(pf["objective_weights"], "proof.objective_weights", LIMITS["objectives"])
    nu = [_num(v, f"proof.objective_weights[{k}]", work) for k, v in enumerate(weights)]
    if len(nu) != len(st["objectives"]):
        raise MalformedCertificate(f"proof.objective_weights: {len(nu)} weights for "
                                   f"{len(st['objectives'])} objectives")  # fmt: skip
    lams, seen = [], set()
    for k, m in enumerate(_list(pf["multipliers"], "proof.multipliers", LIMITS["multipliers"])):
        key = _multiplier(m, st, f"proof.multipliers[{k}]")
        if key in seen:
            raise MalformedCertificate(f"proof.multipliers[{k}]: a second multiplier for {key}")
        seen.add(key)
        lams.append((key, _num(m["value"], f"proof.multipliers[{k}].value", work)))
    S: dict = {}
    lmi: dict = {}  # oracle -> its block Z over its records (LMI classes)
    for k, b in enumerate(_list(pf["psd"], "proof.psd", 16)):
        at, o = f"proof.psd[{k}]", b.get("oracle") if isinstance(b, dict) else None
        _keys(b, at, ("block", "entries") + (("oracle",) if o is not None else ()))
        lmi_ok = b["block"] == "lmi" and o in st["oracles"] and st["oracles"][o]["cls"] in _LMI
        if (b["block"] != "gram" or S or o is not None) and (not lmi_ok or o in lmi):
            raise MalformedCertificate(f"{at}: unknown or repeated block {str(b['block'])[:20]!r}; "
                                       "one 'gram' block, one 'lmi' block per LMI oracle")  # fmt: skip
        n = len(st["oracles"][o]["recs"]) if lmi_ok else len(st["points"])
        M = _form({"gram": b["entries"], "values": [], "const": "0"}, n, 0, at + ".entries", work)
        (lmi.__setitem__(o, M) if lmi_ok else S.update(M))
    drop = lambda M: {k[1:]: v for k, v in M.items() if k != "c"}  # noqa: E731
    return {"nu": nu, "lams": lams, "S": drop(S), "lmi": {o: drop(M) for o, M in lmi.items()}}


# -- the check -------------------------------------------------------------------------------
def _affine(acc: dict, form: dict, w: Any, work: _Work) -> None:
    for k, v in form.items():
        work.add(acc, k, work.mul(w, v))


def _slack(q: dict, lin: dict, rem: dict, o: dict, key: tuple, w: Any, work: _Work) -> None:
    """Add w * slack of condition key = (oracle, condition, i[, j]): its values to lin (by
    record), its constant to rem, its quadratic part to q, over symbols ('x', k), ('g', k)."""
    i, j = key[2], key[-1]
    sym = {"xi": ("x", i), "xj": ("x", j), "gi": ("g", i), "gj": ("g", j)}
    values, const, terms = o["conds"][key[1]]
    for k, v in values.items():
        work.add(lin, i if k == "i" else j, work.mul(w, v))
    work.add(rem, "c", work.mul(w, const))
    for c, a, b in terms:
        if not c:
            continue
        wc = work.mul(w, Fraction(c))
        for s, x in a.items():
            for t, y in b.items():
                pair = (min(sym[s], sym[t]), max(sym[s], sym[t]))
                work.add(q, pair, work.mul(work.mul(wc, Fraction(x)), Fraction(y)))


def _expand(rem: dict, o: dict, q: dict, lin: dict, work: _Work) -> None:
    """rem += sum_k lin_k f_k + sum q_st <s, t> with the records' vectors: for each symbol s,
    u_s = sum_t q_st t, then <s, u_s> (records x d^2 operations, not pairs x d^2)."""
    vec = {(xg, k): r[1 if xg == "x" else 2] for k, r in enumerate(o["recs"]) for xg in "xg"}
    for k, c in lin.items():
        _affine(rem, o["recs"][k][3], c, work)
    rows: dict = {}
    for (s, t), c in q.items():
        rows.setdefault(s, {})[t] = c
    for s, row in rows.items():
        u: dict = {}
        for t, c in row.items():
            for p, v in vec[t].items():
                work.add(u, p, work.mul(c, v))
        for p, x in vec[s].items():
            for r, y in u.items():
                work.add(rem, ("g", min(p, r), max(p, r)), work.mul(x, y))


def _psd(S: dict, d: int, work: _Work) -> str | None:
    """None if S is PSD, else why: exact LDL^T, diagonal pivots, sparsest row first. A negative
    pivot, or a zero pivot with a nonzero row, refutes PSD (a 2x2 minor [[0, a], [a, c]])."""
    rows: dict[int, dict] = {i: {} for i in range(d)}
    for (p, q), v in S.items():
        rows[p][q] = rows[q][p] = v
    active = set(range(d))
    while active:
        for i in sorted(active):
            if rows[i].get(i, _Z) < 0 or (rows[i].get(i, _Z) == 0 and rows[i]):
                return f"S is not PSD (elimination stops at row {i})"
        piv = [i for i in active if rows[i].get(i, _Z) > 0]
        if not piv:
            return None
        p = min(piv, key=lambda i: (len(rows[i]), i))
        nb = [(i, v) for i, v in rows[p].items() if i != p]
        for i, vi in nb:
            work.pay(vi, rows[p][p])
            f = vi / rows[p][p]
            for j, vj in nb:
                old, fv = rows[i].get(j, _Z), work.mul(f, vj)
                work.pay(old, fv)
                if old - fv:
                    rows[i][j] = old - fv
                else:
                    rows[i].pop(j, None)
            rows[i].pop(p, None)
        rows[p] = {}
        active.discard(p)
    return None


def _slot(k: Any, st: dict) -> str:
    if k == "c":
        return "the constant"
    if k[0] == "f":
        return st["values"][k[1]]
    return f"<{st['points'][k[1]]},{st['points'][k[2]]}>"


def _reasons(st: dict, pf: dict, work: _Work) -> list[str]:
    """Signs, then the identity; the PSD test only when both hold."""
    bad = [f"objective weight {k} is {v} < 0" for k, v in enumerate(pf["nu"]) if v < 0]
    if sum(pf["nu"], _Z) != 1:
        bad.append(f"objective weights sum to {sum(pf['nu'], _Z)}, not 1")
    rem: dict = {"c": st["bound"]}
    for m, nu in zip(st["objectives"], pf["nu"]):
        _affine(rem, m, -nu, work)
    forms: dict = {name: ({}, {}) for name in st["oracles"]}
    for key, lam in pf["lams"]:
        if len(key) == 1:  # an assumption expr <= 0 (or == 0): add lam * expr
            sense, expr = st["assumptions"][key[0]]
            if sense == "<=" and lam < 0:
                bad.append(f"multiplier of assumption {key[0]} is {lam} < 0")
            _affine(rem, expr, lam, work)
        else:  # a class inequality e = -slack <= 0 (or equality): add lam * e
            if lam < 0 and key[1] not in _LMI.get(st["oracles"][key[0]]["cls"], ()):
                bad.append(f"multiplier of {key[0]}:{key[1]}{list(key[2:])} is {lam} < 0")
            quad, lin = forms[key[0]]
            _slack(quad, lin, rem, st["oracles"][key[0]], key, -lam, work)
    for name, Z in pf["lmi"].items():  # - <Z, T>, T_ab = <g_a - mu x_a, L x_b - g_b>
        par = st["oracles"][name]["par"]
        L, mu = par["L"], par["mu"]
        for (a, b), z in Z.items():
            for u, v in ((a, b), (b, a)) if a != b else ((a, a),):
                for c, s, t in ((L, "g", "x"), (-1, "g", "g"), (-mu * L, "x", "x"), (mu, "x", "g")):
                    p1, p2 = (s, u), (t, v)
                    work.add(forms[name][0], (min(p1, p2), max(p1, p2)), work.mul(-z, c))
    for name, (quad, lin) in forms.items():
        _expand(rem, st["oracles"][name], quad, lin, work)
    for (p, q), v in pf["S"].items():
        work.add(rem, ("g", p, q), -v if p == q else -2 * v)
    left = [f"identity: remainder {_q(v)} on {_slot(k, st)}" for k, v in rem.items() if v]
    if bad or left:
        return bad + left[:10] + ([f"... {len(left) - 10} more"] if len(left) > 10 else [])
    reasons = [_psd(pf["S"], len(st["points"]), work)]
    for name, Z in pf["lmi"].items():  # every failing block is named
        r = _psd(Z, len(st["oracles"][name]["recs"]), work)
        reasons.append(r and f"the 'lmi' block of {name}{r[1:]}")
    return [r for r in reasons if r]


# -- the theorem in words and formulas -------------------------------------------------------
def _q(v: Any) -> str:
    s = str(v)
    return s if len(s) <= 40 else f"{s[:16]}...[{len(s)} characters]"


def _terms(items: list, const: Any = _Z) -> str:
    """'a - 1/2*b + 3' from [(coefficient, text)] and a constant (at most 40 terms shown)."""
    parts = [(c, t) for c, t in items if c] + ([(const, "")] if const or not items else [])
    out = ""
    for c, t in parts[:40]:
        mag = _q(abs(c)) if not t or abs(c) != 1 else ""
        body = f"{mag}*{t}" if mag and t else (mag or t)
        out += ((" - " if c < 0 else " + ") + body) if out else ("-" if c < 0 else "") + body
    more = f" + ...[{len(parts) - 40} more terms]" if len(parts) > 40 else ""
    return (out or "0") + more


def _vec(v: dict, st: dict) -> str:
    return _terms([(c, st["points"][p]) for p, c in sorted(v.items())])


def _gram(g: dict, st: dict, work: _Work) -> list:
    """[(coefficient, text)]: c*|v|^2 when the quadratic form has rank one, else its terms."""
    idx = sorted({i for k in g for i in k[1:]})
    Q = {(p, q): c if p == q else c / 2 for (_, p, q), c in g.items()}
    p0 = next((p for p in idx if Q.get((p, p))), None)
    if p0 is not None and len(idx) <= 20:
        a = Q[(p0, p0)]
        v = {q: Q.get((min(p0, q), max(p0, q)), _Z) / a for q in idx}
        if all(
            Q.get((p, q), _Z) == work.mul(work.mul(a, v[p]), v[q])
            for p in idx
            for q in idx
            if p <= q
        ):
            return [(a, f"|{_vec(v, st)}|^2")]
    names = st["points"]
    return [(c, f"|{names[p]}|^2" if p == q else f"<{names[p]},{names[q]}>")
            for (_, p, q), c in sorted(g.items())]  # fmt: skip


def _form_text(form: dict, st: dict, work: _Work, const: bool = True) -> str:
    vals = sorted((k[1], c) for k, c in form.items() if k[0] == "f")
    vals = [(c, st["values"][i]) for i, c in sorted(vals, key=lambda t: (t[1] < 0, t[0]))]
    gram = {k: c for k, c in form.items() if k[0] == "g"}
    return _terms(vals + (_gram(gram, st, work) if gram else []), form["c"] if const else _Z)


def _record(o: dict, rec: tuple, st: dict, work: _Work) -> str:
    label, x, g, f = rec
    own = label in st["points"] and x == {st["points"].index(label): 1}
    at = label if own else f"{label} = {_vec(x, st)}"
    if o["cls"] not in _FUNCTIONS:
        return f"at {at}: maps to {_vec(g, st)}"
    word = "gradient" if o["cls"] in _SMOOTH or o["cls"] in _LMI else "subgradient"
    value = f", value {_form_text(f, st, work)}" if _CLASSES[o["cls"]][0] else ""
    return f"at {at}: {word} {_vec(g, st)}{value}"


def _cls(o: dict) -> str:
    return f"{o['cls']}({', '.join(f'{k}={_q(v)}' for k, v in o['par'].items())})"


def _theorem(st: dict, work: _Work) -> str:
    lines = [f"For all vectors {', '.join(st['points'])} (any dimension)"]
    if st["values"]:
        lines.append(f"and all reals {', '.join(st['values'])}")
    lines[-1] += " such that"
    for name, o in st["oracles"].items():
        kind = "a function" if o["cls"] in _FUNCTIONS else "an operator"
        lines.append(f"  {name} is {kind} in {_cls(o)} ({_CLASSES[o['cls']][3]}) with")
        lines += [f"      {_record(o, r, st, work)}" for r in o["recs"]]
    if st["assumptions"]:
        lines.append("  and the assumptions hold:")
    for name, (sense, expr) in st["assumptions"].items():
        lhs = _form_text(expr, st, work, const=False) if len(expr) > 1 else _q(expr["c"])
        lines.append(f"      {name}: {lhs} {sense} {_q(-expr['c']) if len(expr) > 1 else '0'}")
    ms = [_form_text(m, st, work) for m in st["objectives"]]
    measure = ms[0] if len(ms) == 1 else f"min({', '.join(ms)})"
    return "\n".join([*lines, "it holds that", f"  {measure} <= {_q(st['bound'])}"])


def _differences(a: dict, b: dict, work: _Work) -> list[str]:
    """How statement ``a`` (a certificate's) differs from ``b`` (the expected one); names of
    leaves, oracles, records and assumptions do not matter, positions do."""
    shape = (len(a["points"]), len(a["values"]), len(a["oracles"]))
    if shape != (len(b["points"]), len(b["values"]), len(b["oracles"])):
        return [f"statement: {shape[0]} points, {shape[1]} values and {shape[2]} oracles, "
                f"expected {len(b['points'])}, {len(b['values'])} and {len(b['oracles'])}"]  # fmt: skip
    out = []
    for (name, oa), ob in zip(a["oracles"].items(), b["oracles"].values()):
        if (oa["cls"], oa["par"]) != (ob["cls"], ob["par"]):
            out.append(f"oracle {name} is in {_cls(oa)}, expected {_cls(ob)}")
        if len(oa["recs"]) != len(ob["recs"]):
            out.append(f"oracle {name} has {len(oa['recs'])} records, expected {len(ob['recs'])}")
        for k, (ra, rb) in enumerate(zip(oa["recs"], ob["recs"])):
            if ra[1:] != rb[1:] and len(out) < 5:
                out.append(f"record {k} of {name} ({_record(oa, ra, a, work)}) differs from the "
                           f"expected one ({_record(ob, rb, b, work)})")  # fmt: skip
    la, lb = list(a["assumptions"].values()), list(b["assumptions"].values())
    if la != lb:
        fa = [f"{_form_text(e, a, work)} {s} 0" for s, e in la]
        fb = [f"{_form_text(e, b, work)} {s} 0" for s, e in lb]
        out.append(f"assumptions differ: {fa}, expected {fb}")
    if a["objectives"] != b["objectives"]:
        fa, fb = ([_form_text(m, x, work) for m in x["objectives"]] for x in (a, b))
        out.append(f"objectives differ: {fa}, expected {fb}")
    return out


# -- entry points ----------------------------------------------------------------------------
def _parse(doc: Any, work: _Work) -> tuple[dict, dict]:
    _keys(doc, "document", ("format", "version"), tuple(doc) if isinstance(doc, dict) else ())
    if doc["format"] != "pep-certificate":
        raise MalformedCertificate("not a 'pep-certificate' document")
    if type(doc["version"]) is int and doc["version"] == 1:
        raise MalformedCertificate("version 1 certificates do not state their theorem and are no "
                                   "longer accepted; re-export with pep run ALGORITHM --N n "
                                   "--save-certificate CERT.json")  # fmt: skip
    if type(doc["version"]) is not int or doc["version"] != 2:
        raise MalformedCertificate(f"version {repr(doc['version'])[:20]} is unknown (this checker "
                                   "reads version 2)")  # fmt: skip
    _keys(doc, "document", ("format", "version", "statement", "proof"))
    st = _statement(doc["statement"], work)
    return st, _proof(doc["proof"], st, work)


def _verdict(doc: Any, expect: Any) -> tuple[list[str], str]:
    work = _Work()
    st, pf = _parse(doc, work)
    bad = _differences(st, _statement(expect, _Work(), bound=False), work) if expect else []
    return bad + _reasons(st, pf, work), _theorem(st, work)


def check(doc: Any, expect: Any = None) -> list[str]:
    """Reasons the certificate fails (empty: it proves its statement). With ``expect`` (a
    statement object without ``bound``), also the ways its statement differs from it.
    Malformed or oversized input raises MalformedCertificate."""
    return _verdict(doc, expect)[0]


def theorem(doc: Any) -> str:
    """The statement of a certificate in words and formulas (not checked: see :func:`check`)."""
    work = _Work()
    return _theorem(_parse(doc, work)[0], work)


def _reject(c: str) -> Any:
    raise MalformedCertificate(f"non-finite number {c} in JSON")


def _unique(pairs: list) -> dict:
    """A JSON object whose keys are all different (json keeps the last of repeated keys)."""
    out = dict(pairs)
    if len(out) != len(pairs):
        raise MalformedCertificate(
            f"repeated key in a JSON object: {sorted(k for k, _ in pairs)[:8]}"
        )
    return out


def check_file(path: str, expect: Any = None) -> tuple[bool, str]:
    """``(valid, message)``: the theorem it proves, or the reasons and the theorem it claims.
    Unreadable, malformed or oversized files raise MalformedCertificate (exit code 2)."""
    try:
        if os.path.getsize(path) > LIMITS["bytes"]:
            raise LimitExceeded(f"{path} is larger than {LIMITS['bytes']} bytes")
        with open(path, encoding="utf-8") as fh:
            doc = json.loads(fh.read(LIMITS["bytes"] + 1), parse_constant=_reject,
                             object_pairs_hook=_unique)  # fmt: skip
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        if isinstance(exc, MalformedCertificate):
            raise
        raise MalformedCertificate(f"cannot read {path}: {str(exc)[:200]}") from None
    bad, text = _verdict(doc, expect)
    if bad:
        return False, "".join(f"\n  - {r}" for r in bad) + "\nThe statement it claims:\n" + text
    return True, "the certificate proves, in exact arithmetic:\n" + text
