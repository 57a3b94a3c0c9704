"""Tamper tests: random single mutations of valid certificates are rejected.

A mutation changes one number of a valid certificate (a multiplier, an entry of S, the bound,
a point coefficient of an oracle record, a coefficient of a constraint row). Every such change
breaks the exact identity, nonnegativity, S >= 0 or the rebuilt interpolation row, so the
checker must reject it; in particular every lowered bound (a false claim: gd's and ppm's worst
cases are exactly 1/14 and 1/12, Halpern's 1/4) is rejected. The only mutations allowed to pass
are changes to a record that no constraint of the certificate uses: they do not change the
claim. A raised bound is a true but weaker claim; the identity-based checker rejects it too
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
        _doc("ogm", 2),  # relaxed, float model (rows taken as given)
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
    kind = rng.choice(["multiplier", "objective", "S", "bound", "point", "row"])
    if kind == "multiplier":
        c = rng.choice(out["constraints"])
        c["multiplier"] = str(Fraction(c["multiplier"]) + _delta(rng, Fraction(c["multiplier"])))
    elif kind == "objective":
        o = out["objectives"][0]
        o["multiplier"] = str(Fraction(o["multiplier"]) + _delta(rng, Fraction(o["multiplier"])))
    elif kind == "S":
        d = len(out["gram_basis"])
        p, q = sorted((rng.randrange(d), rng.randrange(d)))
        entries = {(e[0], e[1]): e for e in out["S"]}
        if (p, q) in entries:
            e = entries[(p, q)]
            e[2] = str(Fraction(e[2]) + _delta(rng, Fraction(e[2])))
        else:
            out["S"].append([p, q, str(_delta(rng, Fraction(0)))])
    elif kind == "bound":
        out["bound"] = str(Fraction(out["bound"]) + _delta(rng, Fraction(out["bound"])))
    elif kind == "point":
        oracle = rng.choice(out["oracles"])
        k = rng.randrange(len(oracle["records"]))
        rec = oracle["records"][k]
        field = rng.choice(["x", "g"])
        vec = rec[field]
        idx = rng.randrange(len(out["gram_basis"]))
        entry = next((e for e in vec if e[0] == idx), None)
        if entry is None:
            vec.append([idx, str(_delta(rng, Fraction(0)))])
            vec.sort()
        else:
            entry[1] = str(Fraction(entry[1]) + _delta(rng, Fraction(entry[1])))
        changed = any(
            c["source"].get("oracle") == oracle["name"]
            and k in c["source"]["records"]
            and _condition_changed(doc, out, oracle["name"], c["source"]["records"])
            for c in out["constraints"]
        )
        # a float model's rows are taken as given: its records are descriptive only
        return out, kind, not changed or oracle["rows_exact"] is not True
    else:
        c = rng.choice(out["constraints"])
        part = rng.choice(["gram", "values", "const"])
        if part == "const" or not c["row"][part]:
            c["row"]["const"] = str(Fraction(c["row"]["const"]) + _delta(rng, Fraction(1)))
        else:
            e = rng.choice(c["row"][part])
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
    Y = rng.standard_normal((len(doc["gram_basis"]), 4))
    F = rng.standard_normal(len(doc["values"]))
    o1 = next(o for o in doc["oracles"] if o["name"] == name)
    o2 = next(o for o in out["oracles"] if o["name"] == name)
    if o1["class"] not in ("Nonexpansive", "SmoothConvex", "Convex"):
        return False  # the checker takes rows of other classes as given
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
            lower = Fraction(doc["bound"]) - abs(_delta(rng, Fraction(doc["bound"])))
            assert verify.check({**doc, "bound": str(lower)})


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
