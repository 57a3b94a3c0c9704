"""Sequences used by proofs: their facts hold numerically, closed forms match the algorithms."""

from __future__ import annotations

import importlib.util
import sys
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from pep.algorithms import appm, eag, feg, halpern
from pep.algorithms.base import theta_sequence
from pep.symbolic import Closed, K, index_expr
from pep.symbolic.context import At, Env
from pep.symbolic.sequences import N, subscript

PROOF_DIR = Path(__file__).resolve().parent.parent / "proofs"


def _module(name):
    sys.path.insert(0, str(PROOF_DIR))
    try:
        spec = importlib.util.spec_from_file_location(f"_t_{name}", PROOF_DIR / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod
    finally:
        sys.path.remove(str(PROOF_DIR))


SEQ = _module("_sequences")


def test_theta_matches_the_library_and_its_facts():
    for n in (1, 2, 5, 9):
        lib = theta_sequence(n)
        for i in range(n):
            assert SEQ.THETA.numeric(i) == pytest.approx(lib[i], rel=1e-12)
        last = SEQ.THETA.numeric(n, n, "last")
        assert last == pytest.approx(lib[n], rel=1e-12)
    values = [SEQ.THETA.numeric(i) for i in range(60)]
    for i, t in enumerate(values):
        assert t >= 1 and t >= (i + 2) / 2 - 1e-12
        if i:
            assert t >= values[i - 1]


def test_lambda_is_fgm_t():
    from pep.algorithms.fgm import t_sequence

    t = t_sequence(10)
    assert SEQ.LAM.numeric(0) == 0
    for i in range(1, 10):
        assert SEQ.LAM.numeric(i) == pytest.approx(t[i - 1], rel=1e-12)
        assert SEQ.LAM.numeric(i) >= i / 2


def test_eag_v_alpha_matches_the_library_and_its_facts():
    mod = _module("eag_v")
    a0 = Fraction(309, 500)
    params = {mod.L: 1, mod.ALPHA0: sp.Rational(309, 500)}
    lib = eag.alpha_sequence(30, a0, 1)
    prev = None
    for i in range(30):
        a = mod.ALPHA.numeric(i, params=params)
        assert a == pytest.approx(float(lib[i]), rel=1e-12)
        assert 0 < a < 0.75
        if prev is not None:
            assert a <= prev
        prev = a


@pytest.mark.parametrize(
    ("proof", "attr", "lib"),
    [
        ("halpern", "LAMBDA", halpern.anchor),
        ("feg", "BETA", feg.anchor),
        ("eag_v", "BETA", eag.anchor),
        ("appm", "C_K", appm.momentum),
    ],
)
def test_closed_forms_match_the_algorithms(proof, attr, lib):
    seq = getattr(_module(proof), attr)
    assert isinstance(seq, Closed)
    env = Env({}, {}, numeric={}, N_value=30)
    for k in range(30):
        assert At(env, k)(seq) == lib(k)


def test_index_helpers():
    assert index_expr("N - 1") == N - 1
    assert subscript(K + 1) == "{k + 1}"
    assert subscript(3) == "3"


def test_psi_is_theta_reversed_and_its_facts():
    for n in (2, 3, 6, 12):
        theta = theta_sequence(n)
        psi = [SEQ.PSI.evaluate(i, n) for i in range(n + 1)]
        assert psi == pytest.approx(theta[::-1], rel=1e-12)
        assert psi[n] == 1
        for i in range(n):
            assert psi[i] >= 1.5  # the fact used for every psi symbol (index < N)
            assert psi[i] >= psi[i + 1]
            rhs = (2 if i == 0 else 1) * psi[i + 1] ** 2
            assert psi[i] ** 2 - psi[i] == pytest.approx(rhs, rel=1e-12)
