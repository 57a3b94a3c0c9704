"""proofs/eag_c.py: EAG-C's O(1/(N+1)^2) bound for every step 0 < alpha <= 1/(4L).

The proof is written with alpha = 1/(4L(1 + t)), t >= 0. Checks here: it verifies; a copy
that claims alpha*L <= 1/3 is refused (and that copy's one-step identity really fails at
k = 0, numerically); the telescoped rate is the paper's constant (written out here from Yoon
and Ryu, Thm 1) and lies above the PEP value for N <= 12 at alpha = 1/(8L) and 1/(4L).
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from pathlib import Path

import pytest

from pep.algorithms import get
from pep.symbolic import check_paths, check_proof, exit_code, load_proofs
from pep.symbolic.numeric import (
    compare_with_pep,
    crosscheck_link,
    crosscheck_proof,
    telescoped_rate,
)

PROOF_FILE = Path(__file__).resolve().parent.parent / "proofs" / "eag_c.py"
PROOF = load_proofs(PROOF_FILE)[0]
RANGE_LINE = "X_MAX = sp.Rational(1, 4)"


def at_step(alpha_L: Fraction):
    """The proof evaluated numerically at L = 1, alpha = alpha_L (t = 1/(4 alpha L) - 1)."""
    t = 1 / (4 * alpha_L) - 1
    return dataclasses.replace(PROOF, numeric={"L": 1, "t": t})


def paper_constant(a: Fraction) -> Fraction:
    """Yoon-Ryu Thm 1 at L = 1: 4(1 + a + a^2)/(a^2 (1 + a))."""
    return 4 * (1 + a + a * a) / (a * a * (1 + a))


def test_proof_verifies_for_symbolic_alpha_and_k():
    result = check_proof(PROOF)
    assert result.ok, result.failures
    assert [c.name for c in result.checks] == ["start", "step", "end", "chain"]
    assert PROOF.params["t"].is_nonnegative and not PROOF.params["t"].is_positive  # t = 0 in


def test_widened_range_is_refused(tmp_path):
    src = PROOF_FILE.read_text()
    assert src.count(RANGE_LINE) == 1
    (tmp_path / "eag_c_third.py").write_text(src.replace(RANGE_LINE, "X_MAX = sp.Rational(1, 3)"))
    results = check_paths([tmp_path / "eag_c_third.py"])
    assert exit_code(results) == 1
    assert any(f.startswith("step: remainder:") for f in results[0].failures), results[0].failures
    # not a weakness of the prover: at alpha = 1/(3L), k = 0 the remainder is indefinite
    (wide,) = load_proofs(tmp_path / "eag_c_third.py")
    wide = dataclasses.replace(wide, numeric={"L": 1, "t": 0})
    problems = crosscheck_link(wide, wide.links[1], 0, 3)
    assert any("eigenvalue" in p for p in problems), problems


@pytest.mark.parametrize("alpha_L", [Fraction(1, 8), Fraction(1, 4), Fraction(1, 5)])
def test_telescoped_rate_is_the_papers_constant(alpha_L):
    proof = at_step(alpha_L)
    for N in (1, 4, 11):
        expected = paper_constant(alpha_L) / (N + 1) ** 2
        assert telescoped_rate(proof, N) == pytest.approx(float(expected), rel=1e-12)
        assert get("eag_c").rate(N, alpha=alpha_L).value == expected


def test_quarter_step_constant():
    # REFERENCE: 336/5 = 67.2 L^2 at alpha = 1/(4L), against 2336/9 ~ 260 L^2 at 1/(8L)
    assert paper_constant(Fraction(1, 4)) == Fraction(336, 5)
    assert paper_constant(Fraction(1, 8)) == Fraction(2336, 9)


@pytest.mark.parametrize("alpha_L", [Fraction(1, 8), Fraction(1, 4)])
def test_multipliers_feasible_at_both_steps(alpha_L):
    assert crosscheck_proof(at_step(alpha_L), range(21)) == []


@pytest.mark.parametrize("alpha_L", [Fraction(1, 8), Fraction(1, 4)])
def test_rate_bounds_the_pep_value_N_up_to_12(alpha_L):
    """About 3 s per step size at N <= 12 (Clarabel)."""
    assert compare_with_pep(at_step(alpha_L), range(1, 13)) == []


def test_table_script_small_N(tmp_path):
    """scripts/eag_c_table.py at N = 1, 2: PEP values as in REFERENCE §3 (alpha = 1/8), the
    rate as Thm 1's constant, their ratio >= 1."""
    import csv
    import subprocess
    import sys

    from cli_helpers import ROOT, pep_env

    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eag_c_table.py"), "--N", "1:2",
         "--out", str(tmp_path), "--cache", str(tmp_path / "cache")],
        capture_output=True, text=True, env=pep_env(tmp_path / "cache"), timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    with open(tmp_path / "eag_c_steps.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["N"]) for r in rows] == [1, 2]
    for r, printed in zip(rows, (0.9846191, 0.9711882)):
        assert float(r["PEP_a=1/8"]) == pytest.approx(printed, abs=2e-7)
    for name, a in (("1/8", Fraction(1, 8)), ("1/4", Fraction(1, 4))):
        for r in rows:
            assert Fraction(r[f"rate_a={name}"]) == paper_constant(a) / (int(r["N"]) + 1) ** 2
            assert float(r[f"rate/PEP_a={name}"]) >= 1
    assert "| N | PEP a=1/8 |" in (tmp_path / "eag_c_steps.md").read_text()
