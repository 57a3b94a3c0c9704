"""Tamper tests: random single mutations of valid certificates are rejected.

A mutation changes one number of a valid certificate (a multiplier, an entry of S, the bound,
a point coefficient of an oracle record, a coefficient of an assumption). Every such change
breaks the exact identity (every interpolation row is rebuilt from the records), nonnegativity
or S >= 0, so the checker must reject it; in particular every lowered bound (a false claim: gd's and ppm's worst
cases are exactly 1/14 and 1/12, Halpern's 1/4) is rejected. The only mutations allowed to pass
are changes to a record that no condition of the certificate depends on. A raised bound is a true but weaker claim; the identity-based checker rejects it too
(certify a weaker bound with rationalize(bound=...)).
"""

from __future__ import annotations

import copy
import json
import random
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from pep.algorithms import get
from pep.certificates import verify
from pep.certificates.certificate import ExactCertificate


def _doc(name: str, N: int, bound: Any = None) -> tuple[dict, ExactCertificate]:
    result = get(name).setting(N).solve()
    exact = (
        result.certificate().rationalize(bound=bound)
        if bound is not None
        else result.certify(slack=1e-6).exact_certificate
    )
    assert exact.verify()
    return json.loads(json.dumps(exact.to_dict())), exact


@pytest.fixture(scope="module")
def documents() -> list[tuple[dict, ExactCertificate]]:
    return [
        _doc("gd", 3, Fraction(1, 14)),
        _doc("ppm", 3, Fraction(1, 12)),
        _doc("halpern", 3, Fraction(1, 4)),
        _doc("ogm", 2),  # relaxed, float model (exact dyadic records, rows rebuilt)
    ]


def _delta(rng: random.Random, old: Fraction) -> Fraction:
    choices = [
        Fraction(rng.choice([-1, 1]), 10 ** rng.randint(1, 30)),  # tiny and small changes
        Fraction(rng.randint(-50, 50) or 1, rng.randint(1, 50)),
        -2 * old if old else Fraction(1, 3),  # sign flip
        old * Fraction(rng.randint(1, 9), 10 ** rng.randint(6, 15)) if old else Fraction(1, 9),
    ]
    d = rng.choice(choices)
    return d if d != 0 else Fraction(1, 7)


def _mutate(doc: dict, rng: random.Random) -> tuple[dict, str, bool]:
    """A mutated copy, its category, and whether the checker may accept it."""
    out = copy.deepcopy(doc)
    st, pf = out["statement"], out["proof"]
    kind = rng.choice(["multiplier", "objective", "S", "bound", "point", "assumption"])
    if kind == "multiplier":
        c = rng.choice(pf["multipliers"])
        c["value"] = str(Fraction(c["value"]) + _delta(rng, Fraction(c["value"])))
    elif kind == "objective":
        pf["objective_weights"][0] = str(1 + _delta(rng, Fraction(1)))
    elif kind == "S":
        d = len(st["points"])
        p, q = sorted((rng.randrange(d), rng.randrange(d)))
        entries = {(e[0], e[1]): e for e in pf["psd"][0]["entries"]}
        if (p, q) in entries:
            e = entries[(p, q)]
            e[2] = str(Fraction(e[2]) + _delta(rng, Fraction(e[2])))
        else:
            pf["psd"][0]["entries"].append([p, q, str(_delta(rng, Fraction(0)))])
    elif kind == "bound":
        st["bound"] = str(Fraction(st["bound"]) + _delta(rng, Fraction(st["bound"])))
    elif kind == "point":
        oracle = rng.choice(st["oracles"])
        k = rng.randrange(len(oracle["records"]))
        vec = oracle["records"][k][rng.choice(["x", "g"])]
        idx = rng.randrange(len(st["points"]))
        entry = next((e for e in vec if e[0] == idx), None)
        if entry is None:
            vec.append([idx, str(_delta(rng, Fraction(0)))])
            vec.sort()
        else:
            entry[1] = str(Fraction(entry[1]) + _delta(rng, Fraction(entry[1])))
        used = [
            m["records"]
            for m in pf["multipliers"]
            if m.get("oracle") == oracle["name"] and k in m["records"]
        ]
        # a change to a record that no used condition depends on does not change the claim
        return out, kind, not any(_condition_changed(doc, out, oracle["name"], ij) for ij in used)
    else:
        expr = rng.choice(st["assumptions"])["expr"]
        part = rng.choice(["gram", "const"])
        if part == "const" or not expr[part]:
            expr["const"] = str(Fraction(expr["const"]) + _delta(rng, Fraction(1)))
        else:
            e = rng.choice(expr[part])
            e[-1] = str(Fraction(e[-1]) + _delta(rng, Fraction(e[-1])))
    return out, kind, False


def _numeric_slack(oracle: dict, i: int, j: int, Y: np.ndarray, F: np.ndarray) -> float:
    """The class condition at random coordinates (independent float code, ground truth)."""

    def vec(v: list) -> np.ndarray:
        return sum((float(Fraction(c)) * Y[k] for k, c in v), np.zeros(Y.shape[1]))

    def val(f: dict) -> float:
        return float(Fraction(f["const"])) + sum(float(Fraction(c)) * F[k] for k, c in f["values"])

    ri, rj = oracle["records"][i], oracle["records"][j]
    dx, dg = vec(ri["x"]) - vec(rj["x"]), vec(ri["g"]) - vec(rj["g"])
    if oracle["class"] == "Nonexpansive":
        return float(dx @ dx - dg @ dg)
    slack = val(ri["f"]) - val(rj["f"]) - vec(rj["g"]) @ dx
    if oracle["class"] == "SmoothConvex":
        slack -= dg @ dg / (2 * float(Fraction(oracle["parameters"]["L"])))
    return float(slack)


def _condition_changed(doc: dict, out: dict, name: str, ij: list) -> bool:
    rng = np.random.default_rng(0)
    Y = rng.standard_normal((len(doc["statement"]["points"]), 4))
    F = rng.standard_normal(len(doc["statement"]["values"]))
    o1 = next(o for o in doc["statement"]["oracles"] if o["name"] == name)
    o2 = next(o for o in out["statement"]["oracles"] if o["name"] == name)
    assert o1["class"] in ("Nonexpansive", "SmoothConvex", "Convex")
    a, b = _numeric_slack(o1, *ij, Y, F), _numeric_slack(o2, *ij, Y, F)
    return abs(a - b) > 1e-9 * max(1.0, abs(a))


def _run(documents: list, n: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    for i in range(n):
        doc, _ = documents[i % len(documents)]
        mutated, kind, may_pass = _mutate(doc, rng)
        reasons = verify.check(mutated)
        if not may_pass:
            assert reasons, f"accepted a tampered certificate ({kind}, mutation {i})"
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def test_thousand_single_mutations_are_rejected(documents: list) -> None:
    counts = _run(documents, 1200, seed=20261126)
    assert sum(counts.values()) == 1200 and min(counts.values()) >= 100


@pytest.mark.slow
def test_many_more_mutations_are_rejected(documents: list) -> None:
    _run(documents, 20000, seed=7)


def test_lowered_bounds_are_false_claims_and_rejected(documents: list) -> None:
    rng = random.Random(1)
    for doc, _ in documents[:3]:  # exact worst cases: any lower bound is a false claim
        for _ in range(50):
            lower = Fraction(doc["statement"]["bound"]) - abs(_delta(rng, Fraction(1)))
            assert verify.check({**doc, "statement": {**doc["statement"], "bound": str(lower)}})


def test_verify_method_rejects_mutations_too(documents: list) -> None:
    rng = random.Random(3)
    for _, exact in documents:
        names = list(exact.multipliers)
        d = len(exact.S)
        for _ in range(40):
            mult = dict(exact.multipliers)
            n = rng.choice(names)
            mult[n] = mult[n] + _delta(rng, mult[n])
            S = [list(r) for r in exact.S]
            p, q = rng.randrange(d), rng.randrange(d)
            delta = _delta(rng, S[p][q])
            S[p][q] += delta
            S[q][p] = S[p][q]
            for bad in (
                ExactCertificate(
                    exact.problem, exact.bound, mult, exact.objective_multipliers, exact.S
                ),
                ExactCertificate(
                    exact.problem,
                    exact.bound,
                    exact.multipliers,
                    exact.objective_multipliers,
                    tuple(map(tuple, S)),
                ),
                ExactCertificate(
                    exact.problem,
                    exact.bound - abs(delta),
                    exact.multipliers,
                    exact.objective_multipliers,
                    exact.S,
                ),
            ):
                assert not bad.verify()
