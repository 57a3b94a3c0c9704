"""End-to-end ``pep prove`` (subprocess): a verified generated proof, and a usage error."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run_pep


def test_prove_writes_a_proof_that_pep_check_verifies(tmp_path: Path) -> None:
    out = tmp_path / "auto"
    done = run_pep("prove", "feg", "--out", str(out), cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert "feg: VERIFIED" in done.stdout and "4/N**2" in done.stdout
    assert (out / "feg.py").is_file()
    check = run_pep("check", str(out), cache=tmp_path / "cache")
    assert check.returncode == 0, check.stdout + check.stderr


def test_prove_unknown_spec_is_a_usage_error(tmp_path: Path) -> None:
    done = run_pep("prove", "nope", "--no-write", cache=tmp_path / "cache")
    assert done.returncode == 2
    assert "has no proof spec" in done.stderr and "halpern" in done.stderr
