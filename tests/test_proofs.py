"""proofs/: every proof verifies (the library side of ``pep check``), renders, and agrees
numerically with the core PEP engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from pep.symbolic import (
    ProofPathError,
    check_paths,
    exit_code,
    load_proofs,
    render_latex,
    render_text,
)
from pep.symbolic.numeric import compare_with_pep, crosscheck_proof, telescoped_rate

PROOF_DIR = Path(__file__).resolve().parent.parent / "proofs"
FILES = [f for f in sorted(PROOF_DIR.glob("[a-z]*.py")) if f.name != "conftest.py"]
PROOFS = {p.name: p for f in FILES for p in load_proofs(f)}
REQUIRED = {"gd", "fgm", "ogm", "ogm_g", "ppm", "halpern", "feg", "eag_v", "appm"}


def test_required_proofs_present():
    assert set(PROOFS) >= REQUIRED


def test_check_paths_verifies_the_directory():
    results = check_paths([PROOF_DIR])
    assert {r.name for r in results} == set(PROOFS)
    assert all(r.ok for r in results), render_text(results)
    assert exit_code(results) == 0
    text = render_text(results)
    assert f"{len(results)} of {len(results)} proofs verified" in text
    latex = render_latex(results)
    assert latex.count("\\begin{align*}") == sum(len(PROOFS[r.name].links) for r in results)
    # pep check's default: every proof also passed the numeric cross-check against the PEP
    assert all(r.crosscheck == "run" for r in results)
    assert all(any(c.name == "cross-check" and c.ok for c in r.checks) for r in results)


def test_check_paths_usage_errors(tmp_path):
    with pytest.raises(ProofPathError, match="does not exist"):
        check_paths([tmp_path / "missing"])
    (tmp_path / "empty.py").write_text("X = 1\n")
    with pytest.raises(ProofPathError, match="hold no proof"):
        check_paths([tmp_path])


def test_broken_proof_file_is_a_failed_result(tmp_path):
    src = (PROOF_DIR / "gd.py").read_text().replace("at.k + 1,", "at.k + 3,")
    (tmp_path / "gd_bad.py").write_text(src)
    results = check_paths([tmp_path / "gd_bad.py"])
    assert exit_code(results) == 1
    assert any("coefficient of" in f for f in results[0].failures)
    assert "FAILED" in render_text(results)


@pytest.mark.parametrize("name", sorted(PROOFS))
def test_multipliers_feasible_for_the_one_step_pep(name):
    """k = 0..20: the evaluated multipliers are a dual-feasible point of the one-step PEP."""
    assert crosscheck_proof(PROOFS[name], range(21)) == []


@pytest.mark.parametrize("name", sorted(PROOFS))
def test_telescoped_rate_bounds_the_fixed_N_pep(name):
    proof = PROOFS[name]
    assert compare_with_pep(proof, proof.compare_N[:2]) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PROOFS))
def test_telescoped_rate_bounds_the_fixed_N_pep_more_N(name):
    assert compare_with_pep(PROOFS[name], range(max(2, PROOFS[name].N_min), 9)) == []


# Reference values (REFERENCE.md §3, L = 1, R = 1): the telescoped rates of tight proofs.
@pytest.mark.parametrize(
    ("name", "N", "value"),
    [
        ("ogm", 2, 0.0618942),
        ("ogm", 5, 0.0185881),
        ("halpern", 3, 0.25),
        ("appm", 4, 0.0625),
        ("feg", 5, 0.16),
        ("gd", 4, 1 / 8),
        ("ppm", 1, 0.25),
    ],
)
def test_rate_values(name, N, value):
    assert telescoped_rate(PROOFS[name], N) == pytest.approx(value, abs=1e-7)
