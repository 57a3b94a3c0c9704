"""End-to-end ``pep run --save-certificate`` + ``pep verify``, and ``pep check`` (subprocesses)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from cli_helpers import ROOT, run_pep


@pytest.fixture(scope="module")
def gd_certificate(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cert")
    path = tmp / "gd2.json"
    out = run_pep("run", "gd", "--N", "2", "--save-certificate", str(path), "--json", cache=tmp)
    assert out.returncode == 0, out.stderr
    return path, json.loads(out.stdout)


def test_saved_certificate_verifies(gd_certificate, tmp_path):
    path, record = gd_certificate
    assert record["label"] == "verified"
    out = run_pep("verify", str(path), cache=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("VALID")
    bound = Fraction(json.loads(path.read_text())["statement"]["bound"])
    assert "f(x2) - f(x*) <= " in out.stdout  # the theorem it proves is printed
    # a valid bound cannot be below the exact worst case 1/(4N+2) = 1/10 (Drori-Teboulle)
    assert Fraction(1, 10) <= bound <= Fraction(1, 10) * (1 + Fraction(1, 10**6))


def test_tampered_certificate_is_rejected(gd_certificate, tmp_path):
    path, _ = gd_certificate
    doc = json.loads(path.read_text())
    doc["statement"]["bound"] = "1/11"  # below the true worst case: no certificate can prove it
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    out = run_pep("verify", str(bad), cache=tmp_path)
    assert out.returncode == 1 and out.stdout.startswith("INVALID")


def test_malformed_or_missing_certificate(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{")
    out = run_pep("verify", str(bad), cache=tmp_path)
    assert out.returncode == 2 and "malformed" in out.stderr
    out = run_pep("verify", str(tmp_path / "none.json"), cache=tmp_path)
    assert out.returncode == 2 and "does not exist" in out.stderr


def test_check_proof_file(tmp_path):
    out = run_pep("check", str(ROOT / "proofs" / "gd.py"), cache=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "VERIFIED" in out.stdout


def test_check_latex_in_process(capsys):
    from pep.cli.main import main

    assert main(["check", "--latex", str(ROOT / "proofs" / "gd.py")]) == 0
    assert "\\" in capsys.readouterr().out


def test_check_wrong_multiplier_fails(tmp_path):
    text = (ROOT / "proofs" / "gd.py").read_text()
    wrong = 'c.ineq(c.f, "interp", s.x, s1.x): at.k + 2,'
    broken = text.replace('c.ineq(c.f, "interp", s.x, s1.x): at.k + 1,', wrong)
    assert broken != text
    (tmp_path / "gd_wrong.py").write_text(broken)
    out = run_pep("check", str(tmp_path / "gd_wrong.py"), cache=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "FAIL" in out.stdout.upper()


def test_check_missing_path(tmp_path):
    out = run_pep("check", str(tmp_path / "no_proofs_here"), cache=tmp_path)
    assert out.returncode == 2 and "does not exist" in out.stderr
