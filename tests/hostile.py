"""Hostile certificate documents for the checker's resource limits (used by tests and for
timing ``pep verify`` by hand): each is well-formed enough to reach the expensive parts."""

from __future__ import annotations

import random
from typing import Any


def _entries(d: int, digits: int, rng: random.Random) -> list[list[Any]]:
    """Upper triangle of a dense symmetric matrix with ``digits``-digit entries, diagonally
    dominant (so it is PSD and elimination runs to the end)."""
    big = 10 ** max(digits - 1, 0)
    out = []
    for p in range(d):
        for q in range(p, d):
            v = rng.randrange(big, 10 * big) * (d + 1 if p == q else 1)
            out.append([p, q, str(v if p == q else rng.choice((-1, 1)) * (v // (d + 1) or 1))])
    return out


def dense_psd(d: int, digits: int = 1, seed: int = 0) -> dict[str, Any]:
    """A d-point statement whose identity holds by construction (an equality assumption equal
    to <S, G> + m - B, multiplier 1), so the checker reaches the PSD test of a dense S."""
    S = _entries(d, digits, random.Random(seed))
    gram = [[p, q, v if p == q else str(2 * int(v))] for p, q, v in S]
    gram[0][2] = str(int(gram[0][2]) + 1)  # + m = G[0, 0]
    return {
        "format": "pep-certificate",
        "version": 2,
        "statement": {
            "points": [f"p{k}" for k in range(d)],
            "values": [],
            "oracles": [],
            "assumptions": [
                {"name": "a", "sense": "==", "expr": {"gram": gram, "values": [], "const": "-1"}}
            ],
            "objectives": [{"gram": [[0, 0, "1"]], "values": [], "const": "0"}],
            "bound": "1",
        },
        "proof": {
            "objective_weights": ["1"],
            "multipliers": [{"assumption": "a", "value": "1"}],
            "psd": [{"block": "gram", "entries": S}],
        },
    }


def many_conditions(d: int, records: int, digits: int = 1, seed: int = 0) -> dict[str, Any]:
    """A SmoothConvex oracle with ``records`` dense records over d points and a multiplier on
    every ordered pair: the row rebuilding dominates (the identity fails at the end)."""
    rng = random.Random(seed)
    big = 10 ** max(digits - 1, 0)

    def num() -> str:
        return f"{rng.randrange(big, 10 * big)}/{rng.randrange(big, 10 * big)}"

    recs = [
        {
            "label": f"r{k}",
            "x": [[p, num()] for p in range(d)],
            "g": [[p, num()] for p in range(d)],
            "f": {"gram": [], "values": [[k, "1"]], "const": "0"},
        }
        for k in range(records)
    ]
    lams = [
        {"oracle": "f", "condition": "interp", "records": [i, j], "value": num()}
        for i in range(records)
        for j in range(records)
        if i != j
    ]
    return {
        "format": "pep-certificate",
        "version": 2,
        "statement": {
            "points": [f"p{k}" for k in range(d)],
            "values": [f"v{k}" for k in range(records)],
            "oracles": [
                {"name": "f", "class": "SmoothConvex", "parameters": {"L": "1"}, "records": recs}
            ],
            "assumptions": [],
            "objectives": [{"gram": [], "values": [[0, "1"]], "const": "0"}],
            "bound": "1",
        },
        "proof": {"objective_weights": ["1"], "multipliers": lams, "psd": []},
    }


def many_numbers(d: int = 400, records: int = 1500) -> dict[str, Any]:
    """Records with dense vectors of small numbers: parsing dominates (total-digit limit)."""
    doc = many_conditions(2, 2)
    doc["statement"]["points"] = [f"p{k}" for k in range(d)]
    rec = {
        "label": "r",
        "x": [[p, "1"] for p in range(d)],
        "g": [],
        "f": doc["statement"]["oracles"][0]["records"][0]["f"],
    }
    doc["statement"]["oracles"][0]["records"] = [dict(rec, label=f"r{k}") for k in range(records)]
    return doc


def dimension(d: int = 1000) -> dict[str, Any]:
    """The issue's first size attack: a large Gram dimension (d = 1000, 58 KB there); here a
    diagonal S, so the file stays small."""
    doc = dense_psd(2, 1)
    doc["statement"]["points"] = [f"p{k}" for k in range(d)]
    doc["proof"]["psd"][0]["entries"] = [[p, p, "1"] for p in range(d)]
    return doc


def long_entries(d: int = 24, digits: int = 4000) -> dict[str, Any]:
    """The issue's second size attack: 4000-digit entries at d = 24."""
    doc = dense_psd(d, 1)
    for e in doc["proof"]["psd"][0]["entries"]:
        e[2] = "7" * digits
    return doc


def raw_attacks() -> dict[str, str]:
    """Texts that are not even JSON certificates: deep nesting, a 5000-digit JSON integer."""
    return {
        "deep_nesting": "[" * 100_000 + "]" * 100_000,
        "int_5000_digits": '{"format": "pep-certificate", "version": ' + "9" * 5000 + "}",
        "nan": '{"format": "pep-certificate", "version": 2, "statement": NaN}',
        "not_utf8": "\udcff",
    }
